/*
 * person.c - reaching the person a case is about: a message through the
 * outbox (an acknowledgement, a note to the patient, an inquiry's
 * response) and a survey sent to the case's patient.  Both happen in the
 * transaction of the change that asks for them; a person who cannot be
 * reached is written on the case's timeline and the change goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/mem.h"
#include "base/time.h"
#include "cases/internal.h"
#include "core/patient.h"
#include "messages/notify.h"
#include "store/store.h"
#include "surveys/survey.h"
#include "base/banned.h"

/* What the engine knows of the person and the case, for a message. */
struct person {
	int64_t patient_id, hospital_id, department_id, encounter_id;
	char *patient_pid, *name, *phone, *email, *language;
	char *hospital, *ref, *tracking, *created_at, *pid, *fields;
};

static void person_free(struct person *p)
{
	free(p->patient_pid);
	free(p->name);
	free(p->phone);
	free(p->email);
	free(p->language);
	free(p->hospital);
	free(p->ref);
	free(p->tracking);
	free(p->created_at);
	free(p->pid);
	free(p->fields);
	memset(p, 0, sizeof *p);
}

static char *dup_col(struct px_stmt *s, int i)
{
	return px_stmt_col_isnull(s, i) ? NULL : px_xstrdup(px_stmt_col_text(s, i));
}

static int person_load(struct px_ctx *cx, int64_t case_id, struct person *p, struct px_err *err)
{
	memset(p, 0, sizeof *p);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT c.patient_id, c.hospital_id, c.department_id, c.encounter_id, pa.public_id, "
		"c.person_name, c.person_phone, c.person_email, c.language, h.code, c.ref, "
		"c.tracking, c.created_at, c.public_id, c.fields FROM cases c JOIN hospitals h ON h.id = c.hospital_id "
		"LEFT JOIN patients pa ON pa.id = c.patient_id WHERE c.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		p->patient_id = px_stmt_col_int(s, 0);
		p->hospital_id = px_stmt_col_int(s, 1);
		p->department_id = px_stmt_col_int(s, 2);
		p->encounter_id = px_stmt_col_int(s, 3);
		p->patient_pid = dup_col(s, 4);
		p->name = dup_col(s, 5);
		p->phone = dup_col(s, 6);
		p->email = dup_col(s, 7);
		p->language = dup_col(s, 8);
		p->hospital = dup_col(s, 9);
		p->ref = dup_col(s, 10);
		p->tracking = dup_col(s, 11);
		p->created_at = dup_col(s, 12);
		p->pid = dup_col(s, 13);
		p->fields = dup_col(s, 14);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc == 1 ? PX_OK : px_fail(err, PX_ESTORE, "case %lld is gone", (long long)case_id);
}

/* The channel and address for the person: *patient set when the outbox
 * finds the address itself.  NULL channel, with *why, when there is none. */
static const char *person_channel(struct px_ctx *cx, const struct person *p, const char **to,
				  const char **why, struct px_err *err, int *rc)
{
	*to = NULL;
	*rc = PX_OK;
	if (p->patient_id) {
		struct px_patient pat;
		if ((*rc = px_patient_load(cx->st, p->patient_id, &pat, err)))
			return NULL;
		int opted, ch = px_patient_channel(&pat, NULL, why, &opted);
		px_patient_free(&pat);
		return ch < 0 ? NULL : px_channel_name((enum px_channel)ch);
	}
	if (p->phone && *p->phone) {
		*to = p->phone;
		return "sms";
	}
	if (p->email && *p->email) {
		*to = p->email;
		return "email";
	}
	*why = "no_contact";
	return NULL;
}

/* The date a reply is promised by: cases.reply_days after the case was
 * opened, in the display zone. */
static int reply_due(struct px_ctx *cx, const struct person *p, char *out, size_t size,
		     struct px_err *err)
{
	long long days;
	if (px_config_int(cx->cfg, "cases.reply_days", 7, 1, 365, &days, err) < 0)
		return err->code;
	int64_t opened;
	if (px_time_parse(p->created_at, &opened))
		return px_fail(err, PX_ESTORE, "case %s: bad time '%s'", p->ref, p->created_at);
	struct tm tm;
	px_time_local(opened + days * 86400, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
	return PX_OK;
}

/* A count the statement sql (the case's row id its ?1) gives. */
static int count_of(struct px_ctx *cx, const char *sql, int64_t case_id, long long *n,
		    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, sql, err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*n = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc == 1 ? PX_OK : err->code ? err->code : PX_ESTORE;
}

int px_kase_message(struct px_ctx *cx, int64_t case_id, const char *tpl, const char *text,
		    const char *at, struct px_err *err)
{
	struct person p;
	int rc = person_load(cx, case_id, &p, err);
	if (rc)
		return rc;
	const char *to, *why = NULL;
	const char *ch = person_channel(cx, &p, &to, &why, err, &rc);
	char due[16] = "";
	if (!rc && ch)
		rc = reply_due(cx, &p, due, sizeof due, err);
	if (rc || !ch) {
		if (!rc) {
			char *t = px_xasprintf("%s not sent: %s", tpl, why ? why : "no_contact");
			rc = px_kase_timeline(cx, case_id, at, "message", NULL, NULL, NULL, t, NULL,
					      err);
			free(t);
		}
		person_free(&p);
		return rc;
	}
	/* each message of a case its own key: the number of its messages */
	long long nmsg = 0;
	if ((rc = count_of(cx, "SELECT count(*) FROM case_timeline WHERE case_id = ?1 "
			   "AND type = 'message'", case_id, &nmsg, err))) {
		person_free(&p);
		return rc;
	}
	char *key = px_xasprintf("%s:%s:%lld", tpl, p.ref, nmsg + 1);
	const char *base = px_config_get(cx->cfg, "cases.track_url", "https://px.invalid/track/");
	char *link = px_xasprintf("%s%s", base, p.tracking);
	struct px_rec *n = px_rec_new("notification");
	px_rec_set_str(n, "key", key);
	px_rec_set_null(n, "id");
	px_rec_set_str(n, "channel", ch);
	if (to)
		px_rec_set_str(n, "to", to);
	else
		px_rec_set_str(n, "patient", p.patient_pid);
	if (!p.patient_id && p.language && *p.language)
		px_rec_set_str(n, "language", p.language);
	px_rec_set_str(n, "template", tpl);
	struct px_rec *v = p.fields ? px_rec_parse(p.fields, strlen(p.fields), err) : NULL;
	if (!v)
		v = px_rec_new(NULL);
	px_rec_set_str(v, "complaint", p.ref);
	px_rec_set_str(v, "tracking", p.tracking);
	px_rec_set_str(v, "link", link);
	px_rec_set_str(v, "due", due);
	if (text)
		px_rec_set_str(v, "text", text);
	if (!p.patient_id)
		px_rec_set_str(v, "patient_name", p.name ? p.name : "");
	px_rec_set_obj(n, "vars", v);
	px_rec_set_str(n, "object_type", "case");
	px_rec_set_str(n, "object", p.ref);
	px_rec_set_str(n, "hospital", p.hospital);
	rc = px_notify_queue_tx(cx, n, NULL, err);
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "notification", px_rec_get(n, "id"));
		px_rec_set_str(d, "channel", ch);
		char *data = px_rec_dump(d);
		rc = px_kase_timeline(cx, case_id, at, "message", NULL, NULL, NULL, tpl, data, err);
		free(data);
		px_rec_free(d);
	}
	px_rec_free(n);
	free(link);
	free(key);
	person_free(&p);
	return rc;
}

int px_kase_link(struct px_ctx *cx, int64_t case_id, const char *type, const char *object,
		 struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO case_links (case_id, type, object) VALUES (?1, ?2, ?3) "
		"ON CONFLICT DO NOTHING", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	px_stmt_text(s, 2, type);
	px_stmt_text(s, 3, object);
	return px_stmt_run(s, err);
}

int px_kase_survey(struct px_ctx *cx, int64_t case_id, const char *tpl,
		   const char *at, struct px_err *err)
{
	struct person p;
	int rc = person_load(cx, case_id, &p, err);
	if (rc)
		return rc;
	if (!p.patient_id) {
		char *t = px_xasprintf("%s not sent: the person is not a patient in the store", tpl);
		rc = px_kase_timeline(cx, case_id, at, "message", NULL, NULL, NULL, t, NULL, err);
		free(t);
		person_free(&p);
		return rc;
	}
	long long sent = 0;
	char dedup[64], spid[PX_ID_LEN];
	int64_t sid;
	if (!(rc = count_of(cx, "SELECT count(*) FROM case_links WHERE case_id = ?1 "
			    "AND type = 'survey'", case_id, &sent, err))) {
		snprintf(dedup, sizeof dedup, "%s#%lld", p.pid, sent + 1);
		struct px_survey_about a = {
			.patient_id = p.patient_id, .hospital_id = p.hospital_id,
			.department_id = p.department_id, .encounter_id = p.encounter_id,
			.why = "case", .why_value = p.pid,
		};
		/* under a savepoint: a survey refused leaves nothing of itself */
		int held = cx->nafter;
		if (!(rc = px_store_exec(cx->st, "SAVEPOINT px_survey", err))) {
			rc = px_survey_for(cx, &a, tpl, dedup, spid, &sid, err);
			struct px_err ignored = { 0 };
			if (rc) {
				px_store_exec(cx->st, "ROLLBACK TO px_survey", &ignored);
				px_emit_drop_since(cx, held);
			}
			px_store_exec(cx->st, "RELEASE px_survey", rc ? &ignored : err);
		}
	}
	if (rc == PX_EREJECT) {
		/* the patient cannot be reached, or the template is missing */
		char *t = px_xasprintf("%s not sent: %s", tpl, err->text);
		px_err_clear(err);
		rc = px_kase_timeline(cx, case_id, at, "message", NULL, NULL, NULL, t, NULL, err);
		free(t);
	} else if (!rc) {
		char data[96];
		snprintf(data, sizeof data, "{\"survey\":\"%s\"}", spid);
		if (!(rc = px_kase_link(cx, case_id, "survey", spid, err)))
			rc = px_kase_timeline(cx, case_id, at, "message", NULL, NULL, NULL, tpl, data,
					      err);
	}
	person_free(&p);
	return rc;
}
