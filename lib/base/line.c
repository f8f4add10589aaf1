/* line.c - reading input a line at a time, with a cap, and asking whether
 * the next read would wait. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>

#include "base/line.h"
#include "base/banned.h"

int px_read_line(FILE *f, struct px_buf *line)
{
	px_buf_reset(line);
	px_buf_grow(line, 0);
	line->s[0] = '\0';
	int c, any = 0, toolong = 0;
	while ((c = getc_unlocked(f)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (line->len >= PX_LINE_MAX) {
			toolong = 1;
			continue;
		}
		px_buf_addc(line, (char)c);
	}
	if (ferror(f))
		return -2;
	if (!any)
		return 0;
	return toolong ? -1 : 1;
}

int px_input_ready(FILE *f)
{
#ifdef __GLIBC__
	if (f->_IO_read_ptr < f->_IO_read_end) /* bytes already in the stdio buffer */
		return 1;
#endif
	if (feof(f) || ferror(f))
		return 1;
	/* a regular file polls ready; so do end of input and errors, which the
	 * next read reports at once */
	struct pollfd p = { .fd = fileno(f), .events = POLLIN };
	int n;
	while ((n = poll(&p, 1, 0)) < 0 && errno == EINTR)
		;
	return n != 0;
}
