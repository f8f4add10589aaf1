/* line.h - reading input a line at a time. */
#ifndef PX_LINE_H
#define PX_LINE_H

#include <stdio.h>

#include "base/mem.h"

/* Reads one physical line (without its newline; a CR before it stays) of at most
 * PX_LINE_MAX bytes.  Returns 1 line, 0 EOF, -1 too long (the rest of the
 * line is consumed), -2 read error.  Shared by every line reader. */
int px_read_line(FILE *f, struct px_buf *line);
/* The same for any input stream: 0 when reading from f would wait. */
int px_input_ready(FILE *f);

#endif
