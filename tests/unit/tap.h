/* tap.h - the few TAP helpers px's unit tests need. */
#ifndef PX_TAP_H
#define PX_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5)))
static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	if (!cond) {
		printf("#   at %s:%d\n", file, line);
		tap_failed++;
	}
	return cond;
}

__attribute__((format(printf, 5, 6)))
static void tap_is_str(const char *got, const char *want, const char *file, int line,
		       const char *fmt, ...)
{
	char name[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	int same = (got == NULL && want == NULL) || (got && want && !strcmp(got, want));
	if (!tap_ok(same, file, line, "%s", name))
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
}

__attribute__((format(printf, 5, 6)))
static void tap_is_int(long long got, long long want, const char *file, int line,
		       const char *fmt, ...)
{
	char name[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	if (!tap_ok(got == want, file, line, "%s", name))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
}

static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
