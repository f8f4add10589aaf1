/* ctx.c - the context's clock, sink, notes and hooks. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/ctx.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/banned.h"

int64_t px_now(struct px_ctx *cx)
{
	if (cx && cx->clock)
		return cx->clock(cx);
	int64_t t = 0;
	/* PX_NOW was checked when the configuration was loaded */
	px_time_now(&t, NULL);
	return t;
}

int px_emit(struct px_ctx *cx, const struct px_rec *r, struct px_err *err)
{
	if (!cx->emit)
		return PX_OK;
	return cx->emit(cx, r, err);
}

void px_emit_after(struct px_ctx *cx, struct px_rec *r)
{
	if (cx->nafter == cx->capafter) {
		cx->capafter = cx->capafter ? cx->capafter * 2 : 8;
		cx->after = px_xrealloc(cx->after, (size_t)cx->capafter * sizeof *cx->after);
	}
	cx->after[cx->nafter++] = r;
}

int px_emit_flush(struct px_ctx *cx, struct px_err *err)
{
	int rc = PX_OK;
	for (int i = 0; i < cx->nafter; i++) {
		if (rc == PX_OK)
			rc = px_emit(cx, cx->after[i], err);
		px_rec_free(cx->after[i]);
	}
	cx->nafter = 0;
	return rc;
}

void px_emit_drop(struct px_ctx *cx)
{
	for (int i = 0; i < cx->nafter; i++)
		px_rec_free(cx->after[i]);
	cx->nafter = 0;
}

void px_emit_drop_since(struct px_ctx *cx, int n)
{
	for (int i = n; i < cx->nafter; i++)
		px_rec_free(cx->after[i]);
	if (n < cx->nafter)
		cx->nafter = n;
}

void px_emit_forget(struct px_ctx *cx, int (*match)(const struct px_rec *r, void *arg),
		    void *arg)
{
	int k = 0;
	for (int i = 0; i < cx->nafter; i++) {
		if (match(cx->after[i], arg))
			px_rec_free(cx->after[i]);
		else
			cx->after[k++] = cx->after[i];
	}
	cx->nafter = k;
}

void px_note(struct px_ctx *cx, const char *subject, const char *fmt, ...)
{
	if (!cx->note)
		return;
	char why[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	cx->note(cx, subject, why);
}

void px_reject(struct px_ctx *cx, const struct px_err *err)
{
	if (cx->reject)
		cx->reject(cx, err);
}

void px_warn(struct px_ctx *cx, const struct px_err *err)
{
	if (cx->warn)
		cx->warn(cx, err);
}

int px_ctx_hook(struct px_ctx *cx, enum px_event ev, px_hook_fn fn)
{
	for (int i = 0; i < PX_CTX_HOOKS; i++) {
		if (cx->hooks[ev][i] == fn)
			return 0;
		if (!cx->hooks[ev][i]) {
			cx->hooks[ev][i] = fn;
			return 0;
		}
	}
	return -1;
}

int px_ctx_run_hooks(struct px_ctx *cx, enum px_event ev, const void *payload,
		     struct px_err *err)
{
	for (int i = 0; i < PX_CTX_HOOKS && cx->hooks[ev][i]; i++) {
		int rc = cx->hooks[ev][i](cx, payload, err);
		if (rc)
			return rc;
	}
	return PX_OK;
}

void px_ctx_release(struct px_ctx *cx)
{
	px_emit_drop(cx);
	free(cx->after);
	cx->after = NULL;
	cx->capafter = 0;
}
