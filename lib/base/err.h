/* err.h - the error struct every libpx function fills, and the exit codes. */
#ifndef PX_ERR_H
#define PX_ERR_H

/* One exit-code table for the whole toolkit (px(7)). */
enum px_status {
	PX_OK = 0,      /* success */
	PX_EREJECT = 1, /* some records were rejected, the others applied */
	PX_EUSAGE = 2,  /* usage error */
	PX_EPERM = 3,   /* permission denied */
	PX_EINPUT = 4,  /* input or configuration could not be used */
	PX_ESTORE = 5,  /* store, I/O or network failure; safe to re-run */
};

/*
 * The library never prints: a verb returns the status of the exit table
 * (or NULL for a constructor) and describes the problem here.  source/line name the input position when there is one
 * (line 0 means none).
 */
struct px_err {
	int code;
	long line;
	char source[256];
	char text[1024];
};

void px_err_clear(struct px_err *e);
/* Sets code and text; keeps source and line.  Returns -1 for tail calls. */
int px_err_set(struct px_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets code, position and text.  Returns -1. */
int px_err_at(struct px_err *e, int code, const char *source, long line,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sets code and text, keeps source and line, and returns code: the tail
 * call of a verb that fails (return px_fail(err, PX_EINPUT, ...)). */
int px_fail(struct px_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets code, position and text.  Returns code. */
int px_fail_at(struct px_err *e, int code, const char *source, long line,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Formats "source:line: text" (or the parts that are set) into buf. */
void px_err_format(const struct px_err *e, char *buf, unsigned size);

#endif
