/* mem.h - checked allocation and growable byte buffers with a hard cap. */
#ifndef PX_MEM_H
#define PX_MEM_H

#include <stddef.h>
#include <stdint.h>

/* Allocation that cannot fail: on exhaustion the process prints one line
 * and exits with status 5.  The only place libpx ends the process. */
void *px_xmalloc(size_t n);
/* The same end, for an allocation made inside a library (jansson,
 * libcurl, pcre2) that reports its failure as a NULL. */
_Noreturn void px_oom(void);
/* Fault injection, in builds made with PX_FAULTS (SANITIZE=1): 1 when
 * this allocation is to fail, the Nth of the process when PX_FAIL_ALLOC
 * is N; always 0 otherwise.  px's allocator and the store's ask it. */
int px_fault_alloc(void);
void *px_xcalloc(size_t nmemb, size_t size);
void *px_xrealloc(void *p, size_t n);
char *px_xstrdup(const char *s);
char *px_xstrndup(const char *s, size_t n);
char *px_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Longest input line or field px accepts; a longer one is a rejected record. */
#define PX_LINE_MAX (1024 * 1024)

/* A growable NUL-terminated buffer.  Zero-initialise it (PX_BUF_INIT). */
struct px_buf {
	char *s;
	size_t len, cap;
};
#define PX_BUF_INIT { NULL, 0, 0 }

void px_buf_grow(struct px_buf *b, size_t extra);
void px_buf_add(struct px_buf *b, const void *p, size_t n);
void px_buf_adds(struct px_buf *b, const char *s);
void px_buf_addc(struct px_buf *b, char c);
void px_buf_addf(struct px_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void px_buf_reset(struct px_buf *b);
/* Hands the string to the caller (never NULL) and empties the buffer. */
char *px_buf_detach(struct px_buf *b);
void px_buf_free(struct px_buf *b);
/* Ensures b->s is a valid string even when nothing was added. */
const char *px_buf_str(struct px_buf *b);

/* Checked integer parsing: the whole string must be a base-10 integer
 * within [min, max].  Returns 0 on success, -1 otherwise. */
int px_parse_int(const char *s, long long min, long long max, long long *out);
/* Checked decimal parsing: finite, whole string.  0 on success. */
int px_parse_double(const char *s, double *out);

/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t px_strlcpy(char *dst, const char *src, size_t size);

#endif
