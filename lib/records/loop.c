/* loop.c - the record loop: every record of every file to its handler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "records/record.h"
#include "base/banned.h"


/* The handler of r's type, in the older returns: 0, -1 rejected, -2 fatal. */
static int loop_dispatch(struct px_loop *lp, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	px_handler_fn fn = lp->pass;
	for (const struct px_handler *h = lp->handlers; h->fn; h++)
		if (!h->type || (type ? strcmp(h->type, type) == 0 : !*h->type)) {
			fn = h->fn;
			break;
		}
	if (!fn)
		return 0;
	int rc = fn(r, lp->ctx, err);
	if (rc == PX_OK)
		return 0;
	if (!err->code)
		err->code = rc;
	return rc >= PX_EINPUT ? -2 : -1;
}

/* Runs one file through the loop; returns 0 or the code of a fatal error. */
static int loop_file(struct px_loop *lp, const char *path)
{
	struct px_err err;
	struct px_reader *rd = px_reader_open(path, lp->fmt, &err);
	if (!rd) {
		lp->report(&err, NULL, lp->report_ctx);
		return err.code;
	}
	struct px_rec *r;
	int rc, fatal = 0;
	while (!fatal) {
		if (lp->idle && !px_reader_ready(rd) && (fatal = lp->idle(lp->ctx)))
			break;
		if ((rc = px_reader_next(rd, &r, &err)) == 0)
			break;
		if (rc == -2) {
			lp->report(&err, NULL, lp->report_ctx);
			fatal = err.code ? err.code : PX_EINPUT;
			break;
		}
		if (rc == -1) {
			lp->rejected++;
			lp->report(&err, px_reader_raw(rd), lp->report_ctx);
			continue;
		}
		lp->records++;
		px_err_clear(&err);
		int k = lp->handlers ? loop_dispatch(lp, r, &err) : lp->fn(r, lp->ctx, &err);
		if (k < 0 && !err.source[0]) {
			px_strlcpy(err.source, px_rec_source(r), sizeof err.source);
			err.line = px_rec_line(r);
		}
		if (k == -2) {
			lp->report(&err, NULL, lp->report_ctx);
			fatal = err.code ? err.code : PX_ESTORE;
		} else if (k < 0) {
			lp->rejected++;
			lp->report(&err, px_rec_raw(r), lp->report_ctx);
		}
		px_rec_free(r);
	}
	px_reader_close(rd);
	return fatal;
}

int px_loop_run(struct px_loop *lp)
{
	static const char *const stdin_only[] = { "-", NULL };
	const char *const *files = lp->files && lp->files[0] ? lp->files : stdin_only;
	int status = PX_OK;
	for (; *files; files++) {
		int fatal = loop_file(lp, *files);
		if (fatal > status)
			status = fatal;
		/* an unreadable file does not stop the others; a store or
		 * output failure does */
		if (fatal && fatal != PX_EINPUT)
			break;
	}
	if (status == PX_OK && lp->rejected)
		status = PX_EREJECT;
	return status;
}
