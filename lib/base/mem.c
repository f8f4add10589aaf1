/* mem.c - checked allocation, growable buffers, checked number parsing. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/banned.h"

static _Noreturn void die_oom(size_t n)
{
	static const char msg[] = ": out of memory\n";
	const char *prog = program_invocation_short_name;
	(void)n;
	/* write(2), not stdio: nothing that might allocate */
	if (write(2, prog, strlen(prog)) < 0 || write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(5);
}

void px_oom(void)
{
	die_oom(0);
}

#ifdef PX_FAULTS
/* PX_FAIL_ALLOC=N: the Nth allocation, px's or the store's, fails.
 * PX_ALLOC_COUNT=FILE: the number of allocations made is appended to FILE
 * at the end, so that a test knows how far to count. */
static long countdown = -2; /* -2: the environment not read yet; -1: none */
static long allocs;

static void write_count(void)
{
	FILE *f = fopen(getenv("PX_ALLOC_COUNT"), "a");
	if (f) {
		fprintf(f, "%ld\n", allocs);
		fclose(f);
	}
}

int px_fault_alloc(void)
{
	if (countdown == -2) {
		const char *s = getenv("PX_FAIL_ALLOC"), *c = getenv("PX_ALLOC_COUNT");
		long long n;
		countdown = s && !px_parse_int(s, 1, LONG_MAX, &n) ? (long)n : -1;
		if (c && *c)
			atexit(write_count);
	}
	allocs++;
	return countdown > 0 && --countdown == 0;
}
#else
int px_fault_alloc(void)
{
	return 0;
}
#endif

void *px_xmalloc(size_t n)
{
	void *p = px_fault_alloc() ? NULL : malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *px_xcalloc(size_t nmemb, size_t size)
{
	void *p = px_fault_alloc() ? NULL : calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_oom(nmemb * size);
	return p;
}

void *px_xrealloc(void *p, size_t n)
{
	void *q = px_fault_alloc() ? NULL : realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *px_xstrdup(const char *s)
{
	return px_xstrndup(s, strlen(s));
}

char *px_xstrndup(const char *s, size_t n)
{
	char *p = px_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		die_oom(0);
	char *p = px_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *px_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void px_buf_grow(struct px_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			die_oom(SIZE_MAX);
		cap *= 2;
	}
	b->s = px_xrealloc(b->s, cap);
	b->cap = cap;
}

void px_buf_add(struct px_buf *b, const void *p, size_t n)
{
	px_buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void px_buf_adds(struct px_buf *b, const char *s)
{
	px_buf_add(b, s, strlen(s));
}

void px_buf_addc(struct px_buf *b, char c)
{
	px_buf_add(b, &c, 1);
}

void px_buf_addf(struct px_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	px_buf_adds(b, p);
	free(p);
}

void px_buf_reset(struct px_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *px_buf_detach(struct px_buf *b)
{
	char *s = b->s ? b->s : px_xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void px_buf_free(struct px_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *px_buf_str(struct px_buf *b)
{
	if (!b->s)
		px_buf_grow(b, 0), b->s[0] = '\0';
	return b->s;
}

int px_parse_int(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return -1;
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int px_parse_double(const char *s, double *out)
{
	if (!s || !*s)
		return -1;
	if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.'))
		return -1;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

size_t px_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}
