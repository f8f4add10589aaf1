/* instance.c - survey instances: finding one by token or id, status
 * changes and their audit, the permission of a survey's hospital, links
 * and the notification that carries one to the patient. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "messages/notify.h"
#include "surveys/internal.h"
#include "base/banned.h"

void px_survey_inst_fill(struct px_stmt *s, struct px_survey_inst *in)
{
	memset(in, 0, sizeof *in);
	in->id = px_stmt_col_int(s, 0);
	in->template_id = px_stmt_col_int(s, 1);
	in->patient_id = px_stmt_col_int(s, 2);
	in->hospital_id = px_stmt_col_int(s, 3);
	in->department_id = px_stmt_col_int(s, 4);
	px_strlcpy(in->pid, px_stmt_col_text(s, 5), sizeof in->pid);
	px_strlcpy(in->status, px_stmt_col_text(s, 6), sizeof in->status);
	px_strlcpy(in->channel, px_stmt_col_text(s, 7), sizeof in->channel);
	px_strlcpy(in->language, px_stmt_col_text(s, 8), sizeof in->language);
	px_time_parse(px_stmt_col_text(s, 9), &in->expires_at);
	in->reminders = (long)px_stmt_col_int(s, 10);
}

int px_survey_inst_find(struct px_store *st, const struct px_rec *r, struct px_survey_inst *in,
			struct px_err *err)
{
	const char *token = px_rec_get(r, "token"), *id = px_rec_get(r, "survey");
	int by_token = token && *token;
	struct px_stmt *s;
	if (by_token) {
		char hash[PX_SHA256_HEX];
		px_token_hash(token, hash);
		s = px_stmt_prepare(st, "SELECT " PX_SURVEY_INST_COLS " FROM survey_tokens k "
				    "JOIN surveys s ON s.id = k.survey_id WHERE k.token_hash = ?1", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, hash);
	} else if (id && *id) {
		s = px_stmt_prepare(st, "SELECT " PX_SURVEY_INST_COLS " FROM surveys s "
				    "WHERE s.public_id = ?1", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, id);
	} else {
		return px_fail(err, PX_EREJECT, "record has neither 'token' nor 'survey'");
	}
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_survey_inst_fill(s, in);
		in->by_token = by_token;
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return by_token ? px_fail(err, PX_EREJECT, "unknown survey token")
				: px_fail(err, PX_EREJECT, "unknown survey '%s'", id);
	return PX_OK;
}

int px_survey_inst_load(struct px_store *st, int64_t id, struct px_survey_inst *in,
			struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT " PX_SURVEY_INST_COLS " FROM surveys s "
					    "WHERE s.id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_survey_inst_fill(s, in);
	px_stmt_reset(s);
	return rc;
}

int px_survey_inst_is_open(const struct px_survey_inst *in)
{
	static const char *const open[] = { "sent", "viewed", "in_progress", "abandoned", NULL };
	for (const char *const *o = open; *o; o++)
		if (!strcmp(in->status, *o))
			return 1;
	return 0;
}

int px_survey_set_status(struct px_store *st, const struct px_survey_inst *in,
			 const char *status, const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE surveys SET status = ?2, updated_at = ?3 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, at);
	return px_stmt_run(s, err);
}

int px_survey_audit_status(struct px_ctx *cx, const struct px_survey_inst *in,
			   const char *action, const char *from, const char *to,
			   const char *event, struct px_err *err)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", from);
	px_rec_set_str(d, "to", to);
	if (event)
		px_rec_set_str(d, "event", event);
	int rc = px_audit_record(cx->st, cx->actor->name, action, "survey", in->pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

int px_survey_require(struct px_ctx *cx, enum px_role min, int64_t hospital_id,
		      const char *verb, struct px_err *err)
{
	if (px_auth_require(cx->actor, min, hospital_id, verb, err) == 0)
		return PX_OK;
	/* name the hospital in the refusal */
	char what[200], code[40] = "?";
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT code FROM hospitals WHERE id = ?1", err);
	if (s) {
		px_stmt_int(s, 1, hospital_id);
		if (px_stmt_step(s, err) == 1)
			px_strlcpy(code, px_stmt_col_text(s, 0), sizeof code);
		px_stmt_reset(s);
	}
	snprintf(what, sizeof what, "%s of hospital '%s'", verb, code);
	px_auth_require(cx->actor, min, hospital_id, what, err);
	return PX_EPERM;
}

int px_survey_hospital_load(struct px_store *st, int64_t id, struct px_survey_hospital *h,
			    struct px_err *err)
{
	memset(h, 0, sizeof *h);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT code, name, name_ar FROM hospitals WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(h->code, px_stmt_col_text(s, 0), sizeof h->code);
		h->name = px_xstrdup(px_stmt_col_text(s, 1));
		h->name_ar = px_stmt_col_isnull(s, 2) ? NULL : px_xstrdup(px_stmt_col_text(s, 2));
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "hospital row %lld is missing", (long long)id);
	return PX_OK;
}

void px_survey_hospital_free(struct px_survey_hospital *h)
{
	free(h->name);
	free(h->name_ar);
	memset(h, 0, sizeof *h);
}

/* The salt of the survey's link, when it has one: 1, 0, or -1. */
static int link_salt(struct px_store *st, int64_t survey_id, char salt[PX_NOTIFY_SALT_LEN],
		     struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT salt FROM survey_tokens "
		"WHERE survey_id = ?1 AND salt IS NOT NULL ORDER BY created_at LIMIT 1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, survey_id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_strlcpy(salt, px_stmt_col_text(s, 0), PX_NOTIFY_SALT_LEN);
	px_stmt_reset(s);
	return rc;
}

/* Keeps the hash of the survey's token, unless it is kept already: a
 * key changed since the salt was drawn makes another token from it, and
 * its link must open the survey too. */
static int link_keep(struct px_ctx *cx, const struct px_survey_inst *in, const char *at,
		     const struct px_survey_link *l, const char *token, struct px_err *err)
{
	char hash[PX_SHA256_HEX];
	px_token_hash(token, hash);
	struct px_stmt *s = px_stmt_prepare(cx->st, "INSERT INTO survey_tokens "
		"(token_hash, survey_id, created_at, salt) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT DO NOTHING", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, hash);
	px_stmt_int(s, 2, in->id);
	px_stmt_text(s, 3, at);
	px_stmt_text(s, 4, l->salt);
	return px_stmt_run(s, err);
}

int px_survey_link(struct px_ctx *cx, const struct px_survey_inst *in, const char *at,
		   struct px_survey_link *l, struct px_err *err)
{
	memset(l, 0, sizeof *l);
	px_strlcpy(l->pid, in->pid, sizeof l->pid);
	l->spec.purpose = "survey-link";
	l->spec.object = l->pid;
	l->spec.salt = l->salt;
	l->spec.base = px_config_get(cx->cfg, "survey.base_url", "https://px.invalid/s/");
	char token[PX_TOKEN_LEN];
	int rc = link_salt(cx->st, in->id, l->salt, err);
	if (rc < 0)
		return err->code;
	if (rc == 0 && (rc = px_notify_link_salt(l->salt, err)))
		return rc;
	if ((rc = px_notify_link_token(cx->cfg, &l->spec, token, err)) ||
	    (rc = link_keep(cx, in, at, l, token, err)))
		return rc;
	l->url = px_xasprintf("%s%s", l->spec.base, token);
	memset(token, 0, sizeof token);
	return PX_OK;
}

void px_survey_link_free(struct px_survey_link *l)
{
	free(l->url);
	l->url = NULL;
}

static const char *pick(const char *lang, const char *en, const char *ar)
{
	if (!strcmp(lang, "ar") && ar && *ar)
		return ar;
	return en && *en ? en : ar ? ar : "";
}

struct px_rec *px_survey_notification(const char *key, const char *tmpl,
				      const struct px_survey_inst *in,
				      const struct px_patient *p,
				      const struct px_survey_hospital *h, const char *url)
{
	char loc[PX_TIME_LOCAL_LEN];
	px_time_format_local(in->expires_at, loc);
	loc[10] = '\0';
	struct px_rec *n = px_rec_new("notification");
	px_rec_set_str(n, "key", key);
	px_rec_set_null(n, "id"); /* the outbox's, when queued */
	px_rec_set_str(n, "channel", in->channel);
	px_rec_set_str(n, "patient", p->pid);
	px_rec_set_str(n, "language", in->language);
	px_rec_set_str(n, "template", tmpl);
	struct px_rec *v = px_rec_new(NULL);
	px_rec_set_str(v, "patient_name", pick(in->language, p->name_en, p->name_ar));
	px_rec_set_str(v, "hospital_name", pick(in->language, h->name, h->name_ar));
	px_rec_set_str(v, "link", url);
	px_rec_set_str(v, "expires_on", loc);
	px_rec_set_obj(n, "vars", v);
	px_rec_set_str(n, "object_type", "survey");
	px_rec_set_str(n, "object", in->pid);
	px_rec_set_str(n, "hospital", h->code);
	return n;
}

int px_survey_expiry_days(struct px_ctx *cx, long long *days, struct px_err *err)
{
	*days = px_config_num(cx->cfg, "survey.expiry_days");
	return PX_OK;
}
