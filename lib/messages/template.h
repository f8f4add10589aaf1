/*
 * template.h - the text of every message px sends: files NAME.LANG (a
 * "Subject:" line, a blank line, the body) and optionally NAME.LANG.html,
 * with {{var}} substitution.  A variable the caller did not supply is an
 * error, never a silent blank.
 */
#ifndef PX_TEMPLATE_H
#define PX_TEMPLATE_H

#include "base/config.h"
#include "base/err.h"
#include "base/mem.h"

/* How substituted values are escaped. */
enum px_tpl_escape {
	PX_TPL_PLAIN, /* as they are */
	PX_TPL_JSON,  /* inside a JSON string */
	PX_TPL_HTML,  /* & < > " ' as entities */
	PX_TPL_FORM,  /* application/x-www-form-urlencoded */
};

/* Returns the value of a variable, or NULL when it has none. */
typedef const char *(*px_tpl_lookup)(const char *name, void *ctx);

/* Appends text to out with every {{name}} replaced by lookup(name).
 * PX_EREJECT on a missing variable or a malformed placeholder. */
int px_template_render(const char *text, enum px_tpl_escape esc, px_tpl_lookup lookup,
		       void *ctx, struct px_buf *out, struct px_err *err);

/* Appends s escaped as esc says. */
void px_template_escape(struct px_buf *out, const char *s, enum px_tpl_escape esc);

struct px_template {
	char *subject; /* "" when the file has no Subject: line */
	char *body;
	char *html;    /* NULL when there is no HTML part */
	char *path;    /* the file read */
};

/*
 * Loads template name in language lang ("en" or "ar"): first from the
 * directory notify.templates.HOSPITAL when hospital is given and that key
 * is set, then from the default directory (notify.templates, else
 * $PX_DATA/templates, else share/px/templates next to the programs, else
 * the installed one).  PX_EREJECT "unknown template 'X'" when there is
 * none in any language, "no template 'X' in language 'L'" when only
 * this language is missing; PX_EINPUT when the file cannot be read.
 */
int px_template_load(const struct px_config *cfg, const char *hospital, const char *name,
		     const char *lang, struct px_template *t, struct px_err *err);
void px_template_free(struct px_template *t);

/* The default template directory (static storage). */
const char *px_template_dir(const struct px_config *cfg);

#endif
