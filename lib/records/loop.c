/* loop.c - the record loop: every record of every file to its handler,
 * in the loop's transactions when it has them; see record.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "records/record.h"
#include "records/record_impl.h"
#include "base/banned.h"

/* One file's run through the loop. */
struct run {
	struct px_loop *lp;
	const char *path;
	int in_tx;    /* a transaction is open */
	long inbatch; /* records in it */
	int failed;   /* --strict: a record was rejected */
	int broken;   /* a handler stopped mid-record: the transaction holds part of it */
};

/* The handler of r's type, in the older returns: 0, -1 rejected, -2 fatal. */
static int loop_dispatch(struct px_loop *lp, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	px_handler_fn fn = lp->pass;
	void *ctx = lp->pass_ctx ? lp->pass_ctx : lp->ctx;
	for (const struct px_handler *h = lp->handlers; h->fn; h++)
		if (!h->type || (type ? strcmp(h->type, type) == 0 : !*h->type)) {
			fn = h->fn;
			ctx = lp->ctx;
			break;
		}
	if (!fn)
		return 0;
	int rc = fn(r, ctx, err);
	if (rc == PX_OK)
		return 0;
	if (!err->code)
		err->code = rc;
	return rc >= PX_EINPUT ? -2 : -1;
}

/* Whether the file is one transaction. */
static int whole_file(const struct px_loop *lp)
{
	return lp->strict || lp->dry_run || lp->batch <= 0;
}

static int tx_begin(struct run *rn, struct px_err *err)
{
	struct px_loop *lp = rn->lp;
	if (!lp->tx.begin || rn->in_tx)
		return PX_OK;
	int rc = lp->tx.begin(lp->tx.ctx, err);
	if (rc)
		return err->code ? err->code : rc;
	rn->in_tx = 1;
	rn->inbatch = 0;
	return PX_OK;
}

/* Ends the open transaction: commits it and hands over what it produced
 * (keep, and not a dry run), or rolls it back and drops that.  Returns
 * PX_OK or the status of a failed commit or flush (reported). */
static int tx_end(struct run *rn, int keep)
{
	struct px_loop *lp = rn->lp;
	if (!rn->in_tx)
		return PX_OK;
	rn->in_tx = 0;
	rn->inbatch = 0;
	struct px_err err;
	px_err_clear(&err);
	if (!keep || lp->dry_run) {
		lp->tx.rollback(lp->tx.ctx);
		if (lp->tx.drop)
			lp->tx.drop(lp->tx.ctx);
		if (lp->ended)
			lp->ended(lp->ctx, keep);
		return PX_OK;
	}
	int rc = lp->tx.commit(lp->tx.ctx, &err), committed = rc == PX_OK;
	if (rc) {
		lp->tx.rollback(lp->tx.ctx);
		if (lp->tx.drop)
			lp->tx.drop(lp->tx.ctx);
	} else if (lp->tx.flush) {
		rc = lp->tx.flush(lp->tx.ctx, &err);
	}
	if (lp->ended)
		lp->ended(lp->ctx, committed);
	if (rc) {
		if (!err.code)
			err.code = rc;
		lp->report(&err, NULL, lp->report_ctx);
		return err.code;
	}
	return PX_OK;
}

/* A record read (a rejected one too): counts, progress, and with
 * --dry-run the dropping of what it produced. */
static void counted(struct run *rn)
{
	struct px_loop *lp = rn->lp;
	lp->records++;
	if (lp->dry_run && rn->in_tx && lp->tx.drop)
		lp->tx.drop(lp->tx.ctx);
	if (lp->progress)
		lp->progress(lp->report_ctx, rn->path, lp->records);
}

/* One record to its handler inside the transaction.  0, or the code of
 * a fatal error (reported). */
static int handle(struct run *rn, struct px_rec *r)
{
	struct px_loop *lp = rn->lp;
	struct px_err err;
	px_err_clear(&err);
	int rc = tx_begin(rn, &err);
	if (rc) {
		lp->report(&err, NULL, lp->report_ctx);
		return rc;
	}
	int k = loop_dispatch(lp, r, &err);
	if (k < 0) {
		if (!err.source[0]) {
			px_strlcpy(err.source, px_rec_source(r), sizeof err.source);
			err.line = px_rec_line(r);
		}
		px_rec_err_label(&err, px_rec_label(r));
	}
	if (k == -2) {
		rn->broken = 1;
		lp->report(&err, NULL, lp->report_ctx);
		return err.code ? err.code : PX_ESTORE;
	}
	if (k < 0) {
		lp->rejected++;
		lp->report(&err, px_rec_raw(r), lp->report_ctx);
		rn->failed = lp->strict;
	}
	counted(rn);
	if (lp->settled) {
		/* each record committed before it is settled */
		if ((rc = tx_end(rn, 1)))
			return rc;
		lp->settled(lp->report_ctx, px_rec_raw(r),
			    k < 0 ? PX_SETTLED_REJECTED : PX_SETTLED_APPLIED, &err);
		return 0;
	}
	if (rn->in_tx && !whole_file(lp) && ++rn->inbatch >= lp->batch)
		return tx_end(rn, 1);
	return 0;
}

/* Reads the file's records until its end, a fatal error or (--strict) a
 * reject.  Returns 0 or the code of the fatal error. */
static int read_all(struct run *rn, struct px_reader *rd)
{
	struct px_loop *lp = rn->lp;
	struct px_err err;
	struct px_rec *r;
	int rc, fatal = 0;
	while (!fatal && !rn->failed) {
		int tx_waits = rn->in_tx && !whole_file(lp);
		if (tx_waits && !px_reader_ready(rd)) {
			/* the input waits: what is done is committed meanwhile */
			if ((fatal = tx_end(rn, 1)))
				break;
		}
		if ((rc = px_reader_next(rd, &r, &err)) == 0)
			break;
		if (rc == -2) {
			lp->report(&err, NULL, lp->report_ctx);
			fatal = err.code ? err.code : PX_EINPUT;
		} else if (rc == -1) {
			lp->rejected++;
			lp->report(&err, px_reader_raw(rd), lp->report_ctx);
			rn->failed = lp->strict;
			counted(rn);
			if (lp->settled && !(fatal = tx_end(rn, 1)))
				lp->settled(lp->report_ctx, px_reader_raw(rd), PX_SETTLED_UNREAD, &err);
		} else {
			fatal = handle(rn, r);
			px_rec_free(r);
		}
	}
	return fatal;
}

/* Runs one file through the loop; returns 0 or the code of a fatal error
 * (PX_EINPUT too for a --strict file with a reject). */
static int loop_file(struct px_loop *lp, const char *path)
{
	struct px_err err;
	struct px_reader *rd = px_reader_open_as(path, lp->fmt, lp->encoding, &err);
	if (!rd) {
		lp->report(&err, NULL, lp->report_ctx);
		return err.code;
	}
	px_reader_hl7(rd, lp->hl7);
	if (lp->delimiter)
		px_reader_delimiter(rd, lp->delimiter);
	if (lp->opened)
		lp->opened(lp->report_ctx, rd);
	struct run rn = { .lp = lp, .path = path };
	int fatal = read_all(&rn, rd);
	if (lp->opened)
		lp->opened(lp->report_ctx, NULL);
	px_reader_close(rd);
	/* Records read before an unreadable part are kept, except in a
	 * file applied all or nothing; a handler that stopped on a store or
	 * configuration error may have written part of its record, so the
	 * open transaction goes. */
	int keep = !rn.failed && !rn.broken && (!fatal || (fatal == PX_EINPUT && !lp->strict));
	int rc = tx_end(&rn, keep);
	if (rc && !fatal)
		fatal = rc;
	if (lp->strict && (rn.failed || fatal)) {
		px_err_at(&err, PX_EINPUT, path, 0, "nothing applied (--strict)");
		lp->report(&err, NULL, lp->report_ctx);
		if (!fatal)
			fatal = PX_EINPUT;
	}
	return fatal;
}

int px_loop_run(struct px_loop *lp)
{
	static const char *const stdin_only[] = { "-", NULL };
	const char *const *files = lp->files && lp->files[0] ? lp->files : stdin_only;
	int status = PX_OK;
	for (; *files; files++) {
		int fatal = loop_file(lp, *files);
		if (lp->done)
			lp->done(lp->report_ctx, *files, fatal);
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
