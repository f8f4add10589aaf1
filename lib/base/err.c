/* err.c - filling and formatting struct px_err. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/mem.h"
#include "base/banned.h"

void px_err_clear(struct px_err *e)
{
	if (!e)
		return;
	e->code = PX_OK;
	e->line = 0;
	e->source[0] = '\0';
	e->text[0] = '\0';
}

/* Fills e: its code, where (source NULL leaves the place as it was),
 * and the text. */
static void fill(struct px_err *e, int code, const char *source, long line, const char *fmt,
		 va_list ap)
{
	e->code = code;
	if (source) {
		px_strlcpy(e->source, source, sizeof e->source);
		e->line = line;
	}
	vsnprintf(e->text, sizeof e->text, fmt, ap);
}

int px_err_set(struct px_err *e, int code, const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	fill(e, code, NULL, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int px_err_at(struct px_err *e, int code, const char *source, long line,
	      const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	fill(e, code, source ? source : "", line, fmt, ap);
	va_end(ap);
	return -1;
}

int px_fail(struct px_err *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	fill(e, code, NULL, 0, fmt, ap);
	va_end(ap);
	return code;
}

int px_fail_at(struct px_err *e, int code, const char *source, long line,
	       const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	fill(e, code, source ? source : "", line, fmt, ap);
	va_end(ap);
	return code;
}

void px_err_format(const struct px_err *e, char *buf, unsigned size)
{
	if (e->source[0] && e->line > 0)
		snprintf(buf, size, "%s:%ld: %s", e->source, e->line, e->text);
	else if (e->source[0])
		snprintf(buf, size, "%s: %s", e->source, e->text);
	else
		snprintf(buf, size, "%s", e->text);
}
