/* attach.c - the attach and attachment verbs that px-complaint and
 * px-action share: a file onto a case of a kind, and its bytes back on
 * standard output. */
#include <stdio.h>
#include <stdlib.h>

#include "cases/attach.h"
#include "cases/case.h"
#include "cli/cli.h"
#include "base/banned.h"

/* The kind's workflow, or NULL with the failure reported. */
static struct px_workflow *kind_workflow(struct px_cli *c, const char *kind, struct px_err *err)
{
	struct px_workflow *wf = NULL;
	int rc = px_case_workflow(px_cli_ctx(c), kind, &wf, err);
	if (rc) {
		px_cli_result(c, rc, err);
		return NULL;
	}
	return wf;
}

int px_cli_attach(struct px_cli *c, const char *kind)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_workflow *wf = kind_workflow(c, kind, &err);
	if (!wf)
		return c->status;
	int rc = px_case_attach(px_cli_ctx(c), wf, c->argv[0], c->argv[1], &err);
	px_workflow_free(wf);
	return px_cli_result(c, rc, &err);
}

int px_cli_attachment(struct px_cli *c, const char *kind)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_workflow *wf = kind_workflow(c, kind, &err);
	if (!wf)
		return c->status;
	void *data = NULL;
	size_t len = 0;
	int rc = px_case_attachment(px_cli_ctx(c), wf, c->argv[0], c->argv[1], &data, &len, NULL,
				    &err);
	px_workflow_free(wf);
	if (!rc && (fwrite(data, 1, len, stdout) != len || fflush(stdout))) {
		free(data);
		px_cli_warn(c, "standard output: write error");
		px_cli_status(c, PX_ESTORE);
		return c->status;
	}
	free(data);
	return px_cli_result(c, rc, &err);
}
