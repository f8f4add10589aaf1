/* patient.c - channels, contact choice, opt-outs, the deceased state and
 * the fatigue rule. */
#include <stdlib.h>
#include <string.h>

#include "core/patient.h"
#include "core/audit.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/banned.h"

static const char *const channels[PX_CH_COUNT] = { "sms", "whatsapp", "email" };

const char *px_channel_name(enum px_channel ch)
{
	return (unsigned)ch < PX_CH_COUNT ? channels[ch] : "";
}

int px_channel_parse(const char *name)
{
	for (int i = 0; name && i < PX_CH_COUNT; i++)
		if (strcmp(name, channels[i]) == 0)
			return i;
	return -1;
}

const char *px_channel_list(void)
{
	return "sms, whatsapp, email";
}

int px_channel_is_phone(enum px_channel ch)
{
	return ch == PX_CH_SMS || ch == PX_CH_WHATSAPP;
}

static char *col_dup(struct px_stmt *s, int col)
{
	return px_stmt_col_isnull(s, col) ? NULL : px_xstrdup(px_stmt_col_text(s, col));
}

int px_patient_load(struct px_store *st, int64_t id, struct px_patient *p, struct px_err *err)
{
	memset(p, 0, sizeof *p);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, "
		"preferred_channel, optout_sms, optout_whatsapp, optout_email, deceased_at "
		"FROM patients WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		p->id = px_stmt_col_int(s, 0);
		px_strlcpy(p->pid, px_stmt_col_text(s, 1), sizeof p->pid);
		p->hospital_id = px_stmt_col_int(s, 2);
		p->mrn = px_xstrdup(px_stmt_col_text(s, 3));
		p->name_en = col_dup(s, 4);
		p->name_ar = col_dup(s, 5);
		p->phone = col_dup(s, 6);
		p->email = col_dup(s, 7);
		p->language = px_xstrdup(px_stmt_col_text(s, 8));
		p->preferred = col_dup(s, 9);
		for (int i = 0; i < PX_CH_COUNT; i++)
			p->optout[i] = px_stmt_col_int(s, 10 + i) != 0;
		p->deceased_at = col_dup(s, 13);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "patient row %lld is missing", (long long)id);
	return PX_OK;
}

void px_patient_free(struct px_patient *p)
{
	free(p->mrn);
	free(p->name_en);
	free(p->name_ar);
	free(p->phone);
	free(p->email);
	free(p->language);
	free(p->preferred);
	free(p->deceased_at);
	memset(p, 0, sizeof *p);
}

const char *px_patient_address(const struct px_patient *p, enum px_channel ch)
{
	const char *a = px_channel_is_phone(ch) ? p->phone : p->email;
	return a && *a ? a : NULL;
}

int px_patient_has_address(const struct px_patient *p, enum px_channel ch)
{
	return px_patient_address(p, ch) != NULL;
}

int px_patient_channel(const struct px_patient *p, const char *hint, const char **why,
		       int *opted)
{
	int order[PX_CH_COUNT + 2], n = 0;
	order[n++] = px_channel_parse(hint);
	order[n++] = px_channel_parse(p->preferred);
	for (int i = 0; i < PX_CH_COUNT; i++)
		order[n++] = i;
	int first_opted = -1, any = 0;
	if (opted)
		*opted = -1;
	if (p->deceased_at) {
		*why = "deceased";
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int c = order[i];
		if (c < 0 || !px_patient_has_address(p, c))
			continue;
		any = 1;
		if (p->optout[c]) {
			if (first_opted < 0)
				first_opted = c;
			continue;
		}
		return c;
	}
	*why = any ? "opted_out" : "no_contact";
	if (opted)
		*opted = first_opted;
	return -1;
}

int px_patient_fatigue_days(const struct px_config *cfg, long long *days, struct px_err *err)
{
	*days = px_config_num(cfg, "survey.fatigue_days");
	return PX_OK;
}

int px_patient_fatigued(struct px_ctx *cx, int64_t patient, int64_t encounter, int64_t at,
			int same_encounter, char blocking[PX_ID_LEN], struct px_err *err)
{
	long long days;
	int rc = px_patient_fatigue_days(cx->cfg, &days, err);
	if (rc)
		return -rc;
	blocking[0] = '\0';
	if (days <= 0)
		return 0;
	char lo[PX_TIME_UTC_LEN], hi[PX_TIME_UTC_LEN];
	px_time_format_utc(at - days * 86400, lo);
	px_time_format_utc(at, hi);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT public_id FROM surveys WHERE patient_id = ?1 AND sent_at > ?2 "
		"AND sent_at <= ?3 AND (?5 = 1 OR ?4 = 0 OR encounter_id IS NULL "
		"OR encounter_id <> ?4) ORDER BY sent_at DESC LIMIT 1", err);
	if (!s)
		return -err->code;
	px_stmt_int(s, 1, patient);
	px_stmt_text(s, 2, lo);
	px_stmt_text(s, 3, hi);
	px_stmt_int(s, 4, encounter);
	px_stmt_int(s, 5, same_encounter != 0);
	rc = px_stmt_step(s, err);
	if (rc == 1)
		px_strlcpy(blocking, px_stmt_col_text(s, 0), PX_ID_LEN);
	px_stmt_reset(s);
	return rc < 0 ? -err->code : rc;
}

int px_patient_optout(struct px_ctx *cx, const struct px_patient *p, enum px_channel ch,
		      const char *why, struct px_err *err)
{
	static const char *const sql[PX_CH_COUNT] = {
		"UPDATE patients SET optout_sms = 1, updated_at = ?2 WHERE id = ?1 AND optout_sms = 0",
		("UPDATE patients SET optout_whatsapp = 1, updated_at = ?2 "
		 "WHERE id = ?1 AND optout_whatsapp = 0"),
		"UPDATE patients SET optout_email = 1, updated_at = ?2 WHERE id = ?1 AND optout_email = 0",
	};
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = px_stmt_prepare(cx->st, sql[ch], err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, p->id);
	px_stmt_text(s, 2, at);
	int rc = px_stmt_run(s, err);
	if (rc || !px_store_changes(cx->st))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "channel", px_channel_name(ch));
	px_rec_set_str(d, "via", why);
	rc = px_audit_record(cx->st, cx->actor->name, "patient_opted_out", "patient", p->pid, d, err);
	px_rec_free(d);
	return rc;
}

/* Runs one statement of the withdrawal (?1 the patient, ?2 now, ?3 the
 * death's time); *n the rows it changed. */
static int withdraw_run(struct px_store *st, const char *sql, int64_t patient, const char *now,
			const char *at, long *n, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, patient);
	px_stmt_text(s, 2, now);
	px_stmt_text(s, 3, at);
	int rc = px_stmt_run(s, err);
	if (!rc && n)
		*n = px_store_changes(st);
	return rc;
}

int px_patient_deceased(struct px_ctx *cx, int64_t patient, const char *at,
			struct px_patient_withdrawn *w, struct px_err *err)
{
	struct px_store *st = cx->st;
	memset(w, 0, sizeof *w);
	char now[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), now);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT public_id, deceased_at FROM patients WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, patient);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(w->pid, px_stmt_col_text(s, 0), sizeof w->pid);
		w->newly = px_stmt_col_isnull(s, 1);
	}
	px_stmt_reset(s);
	if (rc <= 0)
		return rc < 0 ? err->code
			      : px_fail(err, PX_ESTORE, "patient row %lld is missing", (long long)patient);
	long marked = 0;
	/* the earliest death reported is the one kept */
	rc = withdraw_run(st, "UPDATE patients SET deceased_at = ?3, updated_at = ?2"
			  " WHERE id = ?1 AND (deceased_at IS NULL OR deceased_at > ?3)",
			  patient, now, at, &marked, err);
	if (!rc)
		rc = withdraw_run(st, "UPDATE survey_due SET status = 'withdrawn', reason = 'deceased',"
				  " updated_at = ?2 WHERE patient_id = ?1 AND status = 'due'",
				  patient, now, at, &w->due, err);
	/* sent and not opened or answered: no reminder, no satisfaction
	 * check; a survey the patient began is kept as it is (its reminders
	 * are refused by the patient's state) */
	if (!rc)
		rc = withdraw_run(st, "UPDATE surveys SET status = 'cancelled', updated_at = ?2"
				  " WHERE patient_id = ?1 AND status IN ('sent', 'viewed')",
				  patient, now, at, &w->surveys, err);
	if (!rc)
		rc = withdraw_run(st, "UPDATE notifications SET state = 'failed',"
				  " reason = '" PX_PATIENT_DECEASED_REASON "',"
				  " last_error = '" PX_PATIENT_DECEASED_REASON "', held = NULL,"
				  " updated_at = ?2 WHERE patient_id = ?1 AND recipient = 'patient'"
				  " AND state = 'pending'", patient, now, at, &w->messages, err);
	if (rc || (!marked && !w->due && !w->surveys && !w->messages))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "deceased_at", at);
	px_rec_set_int(d, "due_withdrawn", w->due);
	px_rec_set_int(d, "surveys_cancelled", w->surveys);
	px_rec_set_int(d, "messages_failed", w->messages);
	rc = px_audit_record(st, cx->actor->name, "patient_deceased", "patient", w->pid, d, err);
	px_rec_free(d);
	return rc;
}
