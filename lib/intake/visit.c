/* visit.c - HIS visit events into patients, encounters, journeys and
 * due surveys; see visit.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/address.h"
#include "core/audit.h"
#include "core/org.h"
#include "base/privacy.h"
#include "base/time.h"
#include "base/token.h"
#include "intake/visit.h"
#include "base/banned.h"

#define MAX_HOSPITALS 64

struct hosp {
	char code[40];
	int64_t id;
	int allowed;
	char denied[512];
};

struct px_visit {
	struct px_store *st;
	const struct px_config *cfg;
	const struct px_user *actor;
	const struct px_journeys *js;
	char **deceased; /* disposition codes */
	long fatigue;    /* seconds */
	char now[PX_TIME_UTC_LEN];
	struct hosp hosp[MAX_HOSPITALS];
	size_t nhosp;
	struct px_rec **pending; /* survey.due records of the record being applied */
	size_t npending, cappending;
	struct px_visit_stats stats;
};

static const struct {
	const char *code, *event;
} event_names[] = {
	{ "A01", "admit" }, { "A04", "register" }, { "A05", "preadmit" },
	{ "A02", "transfer" }, { "A03", "discharge" }, { "A06", "update" },
	{ "A07", "update" }, { "A08", "update" }, { "A28", "update" },
	{ "A31", "update" }, { "A11", "cancel_admit" }, { "A12", "cancel_transfer" },
	{ "A13", "cancel_discharge" }, { "A40", "merge" },
};

/* The px event name of an event word or HL7 trigger; NULL when unknown. */
static const char *event_name(const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < sizeof event_names / sizeof event_names[0]; i++)
		if (!strcasecmp(s, event_names[i].code) || !strcmp(s, event_names[i].event))
			return event_names[i].event;
	return NULL;
}

struct px_visit *px_visit_new(struct px_store *st, const struct px_config *cfg,
			      const struct px_user *actor, const struct px_journeys *js,
			      struct px_err *err)
{
	long long days = px_config_num(cfg, "survey.fatigue_days");
	int64_t now;
	if (px_time_now(&now, err))
		return NULL;
	struct px_visit *v = px_xcalloc(1, sizeof *v);
	v->st = st;
	v->cfg = cfg;
	v->actor = actor;
	v->js = js;
	v->fatigue = (long)days * 86400;
	px_time_format_utc(now, v->now);
	const char *codes = px_config_str(cfg, "import.deceased_codes");
	size_t n = 0, cap = 8;
	v->deceased = px_xcalloc(cap, sizeof *v->deceased);
	char *copy = px_xstrdup(codes), *save = NULL;
	for (char *w = strtok_r(copy, " ,\t", &save); w; w = strtok_r(NULL, " ,\t", &save)) {
		if (n + 1 >= cap)
			v->deceased = px_xrealloc(v->deceased, (cap *= 2) * sizeof *v->deceased);
		v->deceased[n++] = px_xstrdup(w);
	}
	v->deceased[n] = NULL;
	free(copy);
	return v;
}

static void clear_pending(struct px_visit *v)
{
	for (size_t i = 0; i < v->npending; i++)
		if (v->pending[i])
			px_rec_free(v->pending[i]);
	v->npending = 0;
}

void px_visit_free(struct px_visit *v)
{
	if (!v)
		return;
	clear_pending(v);
	free(v->pending);
	for (char **d = v->deceased; d && *d; d++)
		free(*d);
	free(v->deceased);
	free(v);
}

const struct px_visit_stats *px_visit_stats(const struct px_visit *v)
{
	return &v->stats;
}

/* ---------- fields ---------- */

/* A field's value with surrounding blanks ignored; NULL when empty. */
static const char *field(struct px_rec *r, const char *key, char *buf, size_t size)
{
	const char *s = px_rec_get(r, key);
	if (!s)
		return NULL;
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return NULL;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static const char *norm_language(const char *s)
{
	if (!s)
		return NULL;
	if (!strcasecmp(s, "ar") || !strcasecmp(s, "ara") || !strcasecmp(s, "arabic") ||
	    !strncasecmp(s, "ar-", 3) || !strncasecmp(s, "ar_", 3))
		return "ar";
	if (!strcasecmp(s, "en") || !strcasecmp(s, "eng") || !strcasecmp(s, "english") ||
	    !strncasecmp(s, "en-", 3) || !strncasecmp(s, "en_", 3))
		return "en";
	return NULL;
}

static const char *norm_channel(const char *s)
{
	if (!s)
		return NULL;
	if (!strcasecmp(s, "sms"))
		return "sms";
	if (!strcasecmp(s, "whatsapp"))
		return "whatsapp";
	if (!strcasecmp(s, "email"))
		return "email";
	return NULL;
}

/* -1 absent, else 0 or 1. */
static int flag(struct px_rec *r, const char *key)
{
	char b[16];
	const char *s = field(r, key, b, sizeof b);
	if (!s)
		return -1;
	return !strcasecmp(s, "1") || !strcasecmp(s, "true") || !strcasecmp(s, "yes") ||
	       !strcasecmp(s, "y");
}

static void bind_flag(struct px_stmt *s, int i, int v)
{
	if (v < 0)
		px_stmt_null(s, i);
	else
		px_stmt_int(s, i, v);
}

/* The hospital's id, checking that the actor may import for it. */
static int hospital(struct px_visit *v, const char *code, int64_t *id, struct px_err *err)
{
	struct hosp *h = NULL;
	for (size_t i = 0; i < v->nhosp; i++)
		if (!strcmp(v->hosp[i].code, code))
			h = &v->hosp[i];
	if (!h) {
		int64_t hid;
		int rc = px_org_hospital_id(v->st, code, &hid, err);
		if (rc < 0)
			return -2;
		if (rc == 0)
			return px_err_set(err, PX_EREJECT, "unknown hospital '%s'", code);
		struct hosp tmp = { .id = hid };
		px_strlcpy(tmp.code, code, sizeof tmp.code);
		char what[96];
		snprintf(what, sizeof what, "import visits for %s", code);
		struct px_err e2;
		px_err_clear(&e2);
		tmp.allowed = !px_auth_require(v->actor, PX_ROLE_HOSPITAL_ADMIN, hid, what, &e2);
		px_strlcpy(tmp.denied, e2.text, sizeof tmp.denied);
		if (v->nhosp < MAX_HOSPITALS)
			v->hosp[v->nhosp++] = tmp;
		h = &tmp;
		if (!h->allowed)
			return px_err_set(err, PX_EPERM, "%s", h->denied);
		*id = h->id;
		return 0;
	}
	if (!h->allowed)
		return px_err_set(err, PX_EPERM, "%s", h->denied);
	*id = h->id;
	return 0;
}

static int audit(struct px_visit *v, const char *action, const char *type, const char *id,
		 struct px_rec *details, struct px_err *err)
{
	int rc = px_audit_record(v->st, v->actor->name, action, type, id, details, err);
	px_rec_free(details);
	return rc ? -2 : 0;
}

static int step_row(struct px_stmt *s, struct px_err *err)
{
	int rc = px_stmt_step(s, err);
	return rc < 0 ? -2 : rc;
}

/* ---------- patients ---------- */

struct patient_in {
	const char *mrn, *natid, *name_en, *name_ar, *birth_date, *sex, *phone, *email;
	const char *language, *channel;
	int optout_sms, optout_whatsapp, optout_email, deceased;
	char natid_hash[PX_SHA256_HEX], natid_masked[PX_MASK_LEN], phone_e164[PX_PHONE_LEN];
};

/* Finds a patient by MRN, following merges: 1 found, 0 not, -2 error. */
static int patient_find(struct px_visit *v, int64_t hid, const char *mrn, int64_t *pid,
			int follow, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT id, merged_into FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, mrn);
	int rc = step_row(s, err);
	if (rc <= 0)
		return rc;
	*pid = px_stmt_col_int(s, 0);
	int64_t next = px_stmt_col_isnull(s, 1) ? 0 : px_stmt_col_int(s, 1);
	px_stmt_reset(s);
	for (int hops = 0; follow && next && hops < 16; hops++) {
		*pid = next;
		s = px_stmt_prepare(v->st, "SELECT merged_into FROM patients WHERE id = ?1", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, next);
		if ((rc = step_row(s, err)) < 0)
			return rc;
		next = rc && !px_stmt_col_isnull(s, 0) ? px_stmt_col_int(s, 0) : 0;
		px_stmt_reset(s);
	}
	return 1;
}

static int patient_public_id(struct px_visit *v, int64_t pid, char out[PX_ID_LEN], struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st, "SELECT public_id FROM patients WHERE id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, pid);
	int rc = step_row(s, err);
	if (rc < 0)
		return rc;
	px_strlcpy(out, rc ? px_stmt_col_text(s, 0) : "", PX_ID_LEN);
	px_stmt_reset(s);
	return 0;
}

/* Creates the patient, or updates the one found (*pid, 0 when none). */
static int patient_upsert(struct px_visit *v, int64_t hid, const char *hcode,
			  struct patient_in *p, const char *at, int64_t *pid, struct px_err *err)
{
	int rc = *pid != 0;
	const char *nh = p->natid ? p->natid_hash : NULL, *nm = p->natid ? p->natid_masked : NULL;
	const char *dec = p->deceased > 0 ? at : NULL;
	if (rc == 0) {
		char id[PX_ID_LEN];
		if (px_id_new("pat", id, err))
			return -2;
		struct px_stmt *s = px_stmt_prepare(v->st,
			"INSERT INTO patients (public_id, hospital_id, mrn, natid_hash, natid_masked,"
			" name_en, name_ar, birth_date, sex, phone, email, language, optout_sms,"
			" optout_whatsapp, optout_email, preferred_channel, his_at, deceased_at,"
			" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			" ?11, COALESCE(?12, 'ar'), COALESCE(?13, 0), COALESCE(?14, 0),"
			" COALESCE(?15, 0), ?16, ?17, ?18, ?19, ?19)", err);
		if (!s)
			return -2;
		px_stmt_text(s, 1, id);
		px_stmt_int(s, 2, hid);
		px_stmt_text(s, 3, p->mrn);
		px_stmt_text(s, 4, nh);
		px_stmt_text(s, 5, nm);
		px_stmt_text(s, 6, p->name_en);
		px_stmt_text(s, 7, p->name_ar);
		px_stmt_text(s, 8, p->birth_date);
		px_stmt_text(s, 9, p->sex);
		px_stmt_text(s, 10, p->phone);
		px_stmt_text(s, 11, p->email);
		px_stmt_text(s, 12, p->language);
		bind_flag(s, 13, p->optout_sms);
		bind_flag(s, 14, p->optout_whatsapp);
		bind_flag(s, 15, p->optout_email);
		px_stmt_text(s, 16, p->channel);
		px_stmt_text(s, 17, at);
		px_stmt_text(s, 18, dec);
		px_stmt_text(s, 19, v->now);
		if (px_stmt_run(s, err))
			return -2;
		*pid = px_store_last_id(v->st);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "hospital", hcode);
		return audit(v, "patient_created", "patient", id, d, err);
	}
	struct px_stmt *s = px_stmt_prepare(v->st,
		"UPDATE patients SET natid_hash = COALESCE(?2, natid_hash),"
		" natid_masked = COALESCE(?3, natid_masked), name_en = COALESCE(?4, name_en),"
		" name_ar = COALESCE(?5, name_ar), birth_date = COALESCE(?6, birth_date),"
		" sex = COALESCE(?7, sex), phone = COALESCE(?8, phone), email = COALESCE(?9, email),"
		" language = COALESCE(?10, language), optout_sms = COALESCE(?11, optout_sms),"
		" optout_whatsapp = COALESCE(?12, optout_whatsapp),"
		" optout_email = COALESCE(?13, optout_email),"
		" preferred_channel = COALESCE(?14, preferred_channel),"
		" deceased_at = COALESCE(deceased_at, ?15), his_at = ?16, updated_at = ?17"
		" WHERE id = ?1 AND (his_at IS NULL OR his_at <= ?16) AND ("
		" natid_hash IS NOT COALESCE(?2, natid_hash) OR name_en IS NOT COALESCE(?4, name_en)"
		" OR name_ar IS NOT COALESCE(?5, name_ar) OR birth_date IS NOT COALESCE(?6, birth_date)"
		" OR sex IS NOT COALESCE(?7, sex) OR phone IS NOT COALESCE(?8, phone)"
		" OR email IS NOT COALESCE(?9, email) OR language IS NOT COALESCE(?10, language)"
		" OR optout_sms IS NOT COALESCE(?11, optout_sms)"
		" OR optout_whatsapp IS NOT COALESCE(?12, optout_whatsapp)"
		" OR optout_email IS NOT COALESCE(?13, optout_email)"
		" OR preferred_channel IS NOT COALESCE(?14, preferred_channel)"
		" OR deceased_at IS NOT COALESCE(deceased_at, ?15))", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, *pid);
	px_stmt_text(s, 2, nh);
	px_stmt_text(s, 3, nm);
	px_stmt_text(s, 4, p->name_en);
	px_stmt_text(s, 5, p->name_ar);
	px_stmt_text(s, 6, p->birth_date);
	px_stmt_text(s, 7, p->sex);
	px_stmt_text(s, 8, p->phone);
	px_stmt_text(s, 9, p->email);
	px_stmt_text(s, 10, p->language);
	bind_flag(s, 11, p->optout_sms);
	bind_flag(s, 12, p->optout_whatsapp);
	bind_flag(s, 13, p->optout_email);
	px_stmt_text(s, 14, p->channel);
	px_stmt_text(s, 15, dec);
	px_stmt_text(s, 16, at);
	px_stmt_text(s, 17, v->now);
	if (px_stmt_run(s, err))
		return -2;
	if (px_store_changes(v->st) > 0) {
		char id[PX_ID_LEN];
		if (patient_public_id(v, *pid, id, err))
			return -2;
		return audit(v, "patient_updated", "patient", id, NULL, err);
	}
	return 0;
}

/* ---------- encounters and their replay ---------- */

struct ev {
	int64_t id, dept;
	char event[20], at[PX_TIME_UTC_LEN], disp[16];
	int cancelled, was_cancelled; /* as replayed, as stored */
	const char *cancelled_by;
	int64_t prev_dept;
};

/* The stored state of an encounter, so that replay writes only what
 * changed. */
struct enc_row {
	char status[16], admitted[PX_TIME_UTC_LEN], discharged[PX_TIME_UTC_LEN], disp[16];
	int has_admitted, has_discharged, has_disp;
	int64_t dept;
};

struct enc {
	int64_t id, hospital, patient, dept;
	char public_id[PX_ID_LEN], visit[128], type[64];
	char status[16], disp[16];  /* as replayed */
	char adm[PX_TIME_UTC_LEN], dis[PX_TIME_UTC_LEN];
	int has_adm, has_dis;
	int fresh;                  /* made by this record: nothing stored refers to it */
	struct enc_row row;
	struct ev *ev;
	size_t nev;
};

static int load_events(struct px_visit *v, struct enc *e, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT id, event, event_at, department_id, disposition, cancelled FROM visit_events"
		" WHERE encounter_id = ?1 ORDER BY event_at, id", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, e->id);
	size_t cap = 0;
	int rc;
	while ((rc = step_row(s, err)) == 1) {
		if (e->nev == cap)
			e->ev = px_xrealloc(e->ev, (cap = cap ? cap * 2 : 8) * sizeof *e->ev);
		struct ev *x = &e->ev[e->nev++];
		memset(x, 0, sizeof *x);
		x->id = px_stmt_col_int(s, 0);
		px_strlcpy(x->event, px_stmt_col_text(s, 1), sizeof x->event);
		px_strlcpy(x->at, px_stmt_col_text(s, 2), sizeof x->at);
		x->dept = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
		px_strlcpy(x->disp, px_stmt_col_text(s, 4), sizeof x->disp);
		x->was_cancelled = (int)px_stmt_col_int(s, 5);
	}
	return rc < 0 ? rc : 0;
}

static int is_deceased_code(struct px_visit *v, const char *disp)
{
	for (char **d = v->deceased; disp && *disp && d && *d; d++)
		if (!strcmp(*d, disp))
			return 1;
	return 0;
}

/* Replays the encounter's events in time order: status, times, department
 * and which events a later cancel undid. */
static void replay(struct enc *e)
{
	const char *status = "open", *adm = NULL, *dis = NULL, *disp = NULL;
	int64_t dept = e->dept;
	long last_tr = -1, last_dis = -1;
	for (size_t i = 0; i < e->nev; i++) {
		struct ev *x = &e->ev[i];
		const char *n = x->event;
		if (!strcmp(n, "admit") || !strcmp(n, "register") || !strcmp(n, "preadmit")) {
			if (!adm && strcmp(n, "preadmit"))
				adm = x->at;
			if (!strcmp(status, "cancelled"))
				status = "open";
			if (x->dept)
				dept = x->dept;
		} else if (!strcmp(n, "transfer")) {
			x->prev_dept = dept;
			if (x->dept)
				dept = x->dept;
			last_tr = (long)i;
		} else if (!strcmp(n, "cancel_transfer")) {
			if (last_tr >= 0) {
				e->ev[last_tr].cancelled = 1;
				e->ev[last_tr].cancelled_by = "cancel_transfer";
				dept = e->ev[last_tr].prev_dept;
				last_tr = -1;
			}
		} else if (!strcmp(n, "discharge")) {
			if (x->dept)
				dept = x->dept;
			if (strcmp(status, "cancelled")) {
				status = "discharged";
				dis = x->at;
				disp = x->disp[0] ? x->disp : NULL;
				last_dis = (long)i;
			}
		} else if (!strcmp(n, "cancel_discharge")) {
			if (last_dis >= 0) {
				e->ev[last_dis].cancelled = 1;
				e->ev[last_dis].cancelled_by = "cancel_discharge";
				status = "open";
				dis = disp = NULL;
				last_dis = -1;
			}
		} else if (!strcmp(n, "cancel_admit")) {
			for (size_t j = 0; j < i; j++)
				if (!e->ev[j].cancelled && strncmp(e->ev[j].event, "cancel_", 7) &&
				    strcmp(e->ev[j].event, "update") && strcmp(e->ev[j].event, "merge")) {
					e->ev[j].cancelled = 1;
					e->ev[j].cancelled_by = "cancel_admit";
				}
			status = "cancelled";
			adm = dis = disp = NULL;
			last_tr = last_dis = -1;
		} else if (x->dept) { /* update: the current location */
			dept = x->dept;
		}
	}
	px_strlcpy(e->status, status, sizeof e->status);
	px_strlcpy(e->disp, disp ? disp : "", sizeof e->disp);
	e->dept = dept;
	e->has_adm = adm != NULL;
	px_strlcpy(e->adm, adm ? adm : "", sizeof e->adm);
	e->has_dis = dis != NULL;
	px_strlcpy(e->dis, dis ? dis : "", sizeof e->dis);
}

/* Writes what the replay changed: the encounter and cancelled events. */
static int replay_write(struct px_visit *v, struct enc *e, struct px_err *err)
{
	const struct enc_row *w = &e->row;
	const char *adm = e->has_adm ? e->adm : NULL, *dis = e->has_dis ? e->dis : NULL;
	const char *disp = e->disp[0] ? e->disp : NULL, *status = e->status;
	int64_t dept = e->dept;
	struct px_stmt *s;
	if (!strcmp(w->status, status) && w->dept == dept &&
	    (adm ? w->has_admitted && !strcmp(w->admitted, adm) : !w->has_admitted) &&
	    (dis ? w->has_discharged && !strcmp(w->discharged, dis) : !w->has_discharged) &&
	    (disp ? w->has_disp && !strcmp(w->disp, disp) : !w->has_disp))
		goto events;
	s = px_stmt_prepare(v->st,
		"UPDATE encounters SET status = ?2, admitted_at = ?3, discharged_at = ?4,"
		" disposition = ?5, department_id = ?6, updated_at = ?7 WHERE id = ?1 AND"
		" (status IS NOT ?2 OR admitted_at IS NOT ?3 OR discharged_at IS NOT ?4 OR"
		" disposition IS NOT ?5 OR department_id IS NOT ?6)", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, adm);
	px_stmt_text(s, 4, dis);
	px_stmt_text(s, 5, disp);
	if (dept)
		px_stmt_int(s, 6, dept);
	px_stmt_text(s, 7, v->now);
	if (px_stmt_run(s, err))
		return -2;
events:
	for (size_t i = 0; i < e->nev; i++) {
		if (e->ev[i].cancelled == e->ev[i].was_cancelled)
			continue;
		s = px_stmt_prepare(v->st, "UPDATE visit_events SET cancelled = ?2"
			" WHERE id = ?1 AND cancelled IS NOT ?2", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, e->ev[i].id);
		px_stmt_int(s, 2, e->ev[i].cancelled);
		if (px_stmt_run(s, err))
			return -2;
	}
	return 0;
}

/* ---------- surveys ---------- */

struct contact {
	char public_id[PX_ID_LEN], mrn[128], language[4];
	int phone_ok, email_ok, optout_sms, optout_whatsapp, optout_email, deceased;
	char preferred[16];
};

static int load_contact(struct px_visit *v, int64_t pid, struct contact *c, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT public_id, mrn, language, phone, email, optout_sms, optout_whatsapp,"
		" optout_email, preferred_channel, deceased_at FROM patients WHERE id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, pid);
	int rc = step_row(s, err);
	if (rc <= 0)
		return rc < 0 ? rc : px_err_set(err, PX_ESTORE, "patient vanished"), -2;
	memset(c, 0, sizeof *c);
	px_strlcpy(c->public_id, px_stmt_col_text(s, 0), sizeof c->public_id);
	px_strlcpy(c->mrn, px_stmt_col_text(s, 1), sizeof c->mrn);
	px_strlcpy(c->language, px_stmt_col_text(s, 2), sizeof c->language);
	char e164[PX_PHONE_LEN];
	struct px_err e2;
	c->phone_ok = !px_stmt_col_isnull(s, 3) && !px_phone_normalise(px_stmt_col_text(s, 3), e164, &e2);
	c->email_ok = !px_stmt_col_isnull(s, 4) && !px_email_check(px_stmt_col_text(s, 4), &e2);
	c->optout_sms = (int)px_stmt_col_int(s, 5);
	c->optout_whatsapp = (int)px_stmt_col_int(s, 6);
	c->optout_email = (int)px_stmt_col_int(s, 7);
	px_strlcpy(c->preferred, px_stmt_col_text(s, 8), sizeof c->preferred);
	c->deceased = !px_stmt_col_isnull(s, 9);
	px_stmt_reset(s);
	return 0;
}

/* The channel to suggest, or NULL when none is usable. */
static const char *pick_channel(const struct contact *c)
{
	int sms = c->phone_ok && !c->optout_sms;
	int wa = c->phone_ok && !c->optout_whatsapp && !strcmp(c->preferred, "whatsapp");
	int mail = c->email_ok && !c->optout_email;
	if (wa)
		return "whatsapp";
	if (mail && !strcmp(c->preferred, "email"))
		return "email";
	if (sms)
		return "sms";
	if (mail)
		return "email";
	return NULL;
}

/* Why a survey due at due_at must not go, or NULL. */
static int suppression(struct px_visit *v, const struct enc *e, const struct contact *c,
		       const char *due_at, const char **reason, struct px_err *err)
{
	*reason = NULL;
	if (c->deceased || is_deceased_code(v, e->disp)) {
		*reason = "deceased";
		return 0;
	}
	if (!c->phone_ok && !c->email_ok) {
		*reason = "no_contact";
		return 0;
	}
	if (!pick_channel(c)) {
		*reason = "opted_out";
		return 0;
	}
	if (v->fatigue > 0) {
		int64_t t;
		char lo[PX_TIME_UTC_LEN], hi[PX_TIME_UTC_LEN];
		if (px_time_parse(due_at, &t))
			return px_err_set(err, PX_ESTORE, "bad due time in store"), -2;
		px_time_format_utc(t - v->fatigue, lo);
		px_time_format_utc(t + v->fatigue, hi);
		struct px_stmt *s = px_stmt_prepare(v->st,
			"SELECT 1 FROM survey_due WHERE patient_id = ?1 AND status IN ('due', 'sent')"
			" AND encounter_id IS NOT ?2 AND due_at > ?3 AND due_at < ?4 LIMIT 1", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, e->patient);
		px_stmt_int(s, 2, e->id);
		px_stmt_text(s, 3, lo);
		px_stmt_text(s, 4, hi);
		int rc = step_row(s, err);
		px_stmt_reset(s);
		if (rc < 0)
			return rc;
		if (rc)
			*reason = "fatigue";
	}
	return 0;
}

#define DUE_SELECT \
	"SELECT d.public_id, p.public_id, p.mrn, h.code, dep.code, e.public_id," \
	" e.visit_number, d.journey, d.stage, d.template, d.channel, p.language, d.due_at," \
	" d.hospital_id FROM survey_due d JOIN patients p ON p.id = d.patient_id" \
	" JOIN hospitals h ON h.id = d.hospital_id" \
	" LEFT JOIN departments dep ON dep.id = d.department_id" \
	" LEFT JOIN encounters e ON e.id = d.encounter_id"

static struct px_rec *due_from_row(struct px_stmt *s)
{
	static const char *const keys[] = { "id", "patient", "mrn", "hospital", "department",
		"encounter", "visit", "journey", "stage", "template", "channel", "language", "due_at" };
	struct px_rec *r = px_rec_new("survey.due");
	for (int i = 0; i < 13; i++) {
		if (px_stmt_col_isnull(s, i))
			px_rec_set_null(r, keys[i]);
		else
			px_rec_set_str(r, keys[i], px_stmt_col_text(s, i));
	}
	return r;
}

static int queue_due(struct px_visit *v, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st, DUE_SELECT " WHERE d.id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, id);
	int rc = step_row(s, err);
	if (rc <= 0)
		return rc < 0 ? rc : 0;
	if (v->npending == v->cappending)
		v->pending = px_xrealloc(v->pending,
			(v->cappending = v->cappending ? v->cappending * 2 : 4) * sizeof *v->pending);
	v->pending[v->npending++] = due_from_row(s);
	px_stmt_reset(s);
	return 0;
}

/* Makes the stage's survey due, or records why not. */
static int survey_make_due(struct px_visit *v, const struct enc *e, const char *journey,
			   const struct px_journey_stage *st, const struct ev *trig,
			   struct px_err *err)
{
	int64_t t;
	if (px_time_parse(trig->at, &t))
		return px_err_set(err, PX_ESTORE, "bad event time in store"), -2;
	char due_at[PX_TIME_UTC_LEN];
	px_time_format_utc(t + st->delay, due_at);
	struct px_stmt *s = NULL;
	int64_t id = 0;
	char pub[PX_ID_LEN] = "";
	int rc = 0;
	if (!e->fresh) { /* a fresh encounter has no survey yet */
		s = px_stmt_prepare(v->st, "SELECT id, public_id, status FROM survey_due"
			" WHERE encounter_id = ?1 AND template = ?2", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, e->id);
		px_stmt_text(s, 2, st->survey);
		if ((rc = step_row(s, err)) < 0)
			return rc;
	}
	if (rc) {
		id = px_stmt_col_int(s, 0);
		px_strlcpy(pub, px_stmt_col_text(s, 1), sizeof pub);
		int withdrawn = !strcmp(px_stmt_col_text(s, 2), "withdrawn");
		px_stmt_reset(s);
		if (!withdrawn)
			return 0;
	}
	struct contact c;
	if (load_contact(v, e->patient, &c, err))
		return -2;
	const char *reason;
	if (suppression(v, e, &c, due_at, &reason, err))
		return -2;
	const char *status = reason ? "suppressed" : "due";
	const char *channel = reason ? NULL : pick_channel(&c);
	if (!id) {
		if (px_id_new("due", pub, err))
			return -2;
		s = px_stmt_prepare(v->st,
			"INSERT INTO survey_due (public_id, patient_id, encounter_id, hospital_id,"
			" department_id, journey, stage, template, channel, due_at, status, reason,"
			" event_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
			" ?9, ?10, ?11, ?12, ?13, ?14, ?14)", err);
		if (!s)
			return -2;
		px_stmt_text(s, 1, pub);
		px_stmt_int(s, 2, e->patient);
		px_stmt_int(s, 3, e->id);
		px_stmt_int(s, 4, e->hospital);
		if (e->dept)
			px_stmt_int(s, 5, e->dept);
		px_stmt_text(s, 6, journey);
		px_stmt_text(s, 7, st->name);
		px_stmt_text(s, 8, st->survey);
		px_stmt_text(s, 9, channel);
		px_stmt_text(s, 10, due_at);
		px_stmt_text(s, 11, status);
		px_stmt_text(s, 12, reason);
		px_stmt_int(s, 13, trig->id);
		px_stmt_text(s, 14, v->now);
		if (px_stmt_run(s, err))
			return -2;
		id = px_store_last_id(v->st);
	} else {
		s = px_stmt_prepare(v->st,
			"UPDATE survey_due SET department_id = ?2, journey = ?3, stage = ?4,"
			" channel = ?5, due_at = ?6, status = ?7, reason = ?8, event_id = ?9,"
			" updated_at = ?10 WHERE id = ?1", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, id);
		if (e->dept)
			px_stmt_int(s, 2, e->dept);
		px_stmt_text(s, 3, journey);
		px_stmt_text(s, 4, st->name);
		px_stmt_text(s, 5, channel);
		px_stmt_text(s, 6, due_at);
		px_stmt_text(s, 7, status);
		px_stmt_text(s, 8, reason);
		px_stmt_int(s, 9, trig->id);
		px_stmt_text(s, 10, v->now);
		if (px_stmt_run(s, err))
			return -2;
	}
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "encounter", e->public_id);
	px_rec_set_str(d, "template", st->survey);
	if (reason) {
		px_rec_set_str(d, "reason", reason);
		v->stats.suppressed++;
		return audit(v, "survey_due_suppressed", "survey_due", pub, d, err);
	}
	px_rec_set_str(d, "due_at", due_at);
	if (audit(v, "survey_due_created", "survey_due", pub, d, err))
		return -2;
	v->stats.due++;
	return queue_due(v, id, err);
}

static int survey_withdraw(struct px_visit *v, const struct enc *e, const char *template,
			   const char *reason, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT public_id FROM survey_due WHERE encounter_id = ?1 AND template = ?2"
		" AND status = 'due'", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, template);
	int rc = step_row(s, err);
	if (rc <= 0)
		return rc;
	char pub[PX_ID_LEN];
	px_strlcpy(pub, px_stmt_col_text(s, 0), sizeof pub);
	px_stmt_reset(s);
	s = px_stmt_prepare(v->st, "UPDATE survey_due SET status = 'withdrawn', reason = ?2,"
		" updated_at = ?3 WHERE public_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, pub);
	px_stmt_text(s, 2, reason);
	px_stmt_text(s, 3, v->now);
	if (px_stmt_run(s, err))
		return -2;
	v->stats.withdrawn++;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "encounter", e->public_id);
	px_rec_set_str(d, "reason", reason);
	return audit(v, "survey_due_withdrawn", "survey_due", pub, d, err);
}

/* The stored state of a journey stage, so that only changes are written. */
struct stage_row {
	int completed;
	char at[PX_TIME_UTC_LEN];
	int has_at;
	int64_t event; /* 0 when NULL */
};

/* Whether the stage as stored differs from (trig ? completed by trig :
 * pending); unknown rows count as different. */
static int stage_differs(const struct stage_row *w, const struct ev *trig)
{
	if (!w)
		return 1;
	if (!trig)
		return w->completed || w->has_at || w->event;
	return !w->completed || !w->has_at || strcmp(w->at, trig->at) || w->event != trig->id;
}

/* Brings the journey's stages and surveys in line with the events.  A
 * journey not yet stored is written as the events leave it. */
static int reconcile_journey(struct px_visit *v, struct enc *e, struct px_err *err)
{
	const struct px_journey *j;
	int64_t jid = 0;
	char jstatus[16] = "", jdone[PX_TIME_UTC_LEN] = "";
	int has_jdone = 0, rc;
	struct px_stmt *s;
	if (e->fresh) {
		j = px_journeys_for_type(v->js, e->type);
	} else {
		s = px_stmt_prepare(v->st,
			"SELECT id, journey, status, completed_at FROM journeys WHERE encounter_id = ?1", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, e->id);
		if ((rc = step_row(s, err)) < 0)
			return rc;
		if (rc) {
			jid = px_stmt_col_int(s, 0);
			j = px_journeys_find(v->js, px_stmt_col_text(s, 1));
			px_strlcpy(jstatus, px_stmt_col_text(s, 2), sizeof jstatus);
			has_jdone = !px_stmt_col_isnull(s, 3);
			px_strlcpy(jdone, px_stmt_col_text(s, 3), sizeof jdone);
			px_stmt_reset(s);
		} else {
			j = px_journeys_for_type(v->js, e->type);
		}
	}
	if (!j || !e->nev)
		return 0;

	/* each stage: the first event that completes it, and the last undone one */
	int cancelled = !strcmp(e->status, "cancelled");
	const struct ev *trig[PX_JOURNEY_MAX_STAGES], *undone[PX_JOURNEY_MAX_STAGES];
	for (size_t k = 0; k < j->nstages; k++) {
		trig[k] = undone[k] = NULL;
		for (size_t i = 0; i < e->nev; i++)
			if (px_journey_stage_has(&j->stages[k], e->ev[i].event)) {
				if (!e->ev[i].cancelled && !trig[k])
					trig[k] = &e->ev[i];
				else if (e->ev[i].cancelled)
					undone[k] = &e->ev[i];
			}
		if (cancelled)
			trig[k] = NULL;
	}
	const struct ev *last = j->nstages ? trig[j->nstages - 1] : NULL;
	const char *jst = cancelled ? "cancelled" : last ? "completed" : "active";
	const char *last_done = last ? last->at : NULL;

	struct stage_row rows[PX_JOURNEY_MAX_STAGES];
	int known[PX_JOURNEY_MAX_STAGES], inserted = !jid;
	memset(rows, 0, sizeof rows);
	memset(known, 0, sizeof known);
	if (jid) {
		s = px_stmt_prepare(v->st, "SELECT position, status, completed_at, event_id"
			" FROM journey_stages WHERE journey_id = ?1", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, jid);
		while ((rc = step_row(s, err)) == 1) {
			int64_t pos = px_stmt_col_int(s, 0);
			if (pos < 1 || pos > (int64_t)j->nstages)
				continue;
			struct stage_row *w = &rows[pos - 1];
			const char *stt = px_stmt_col_text(s, 1);
			if (strcmp(stt, "completed") && strcmp(stt, "pending"))
				continue; /* not a state written here: leave it unknown */
			w->completed = !strcmp(stt, "completed");
			w->has_at = !px_stmt_col_isnull(s, 2);
			px_strlcpy(w->at, px_stmt_col_text(s, 2), sizeof w->at);
			w->event = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
			known[pos - 1] = 1;
		}
		if (rc < 0)
			return rc;
	} else {
		char pub[PX_ID_LEN];
		if (px_id_new("jrn", pub, err))
			return -2;
		s = px_stmt_prepare(v->st, "INSERT INTO journeys (public_id, encounter_id, journey,"
			" status, started_at, completed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
		if (!s)
			return -2;
		px_stmt_text(s, 1, pub);
		px_stmt_int(s, 2, e->id);
		px_stmt_text(s, 3, j->name);
		px_stmt_text(s, 4, jst);
		px_stmt_text(s, 5, e->ev[0].at);
		px_stmt_text(s, 6, last_done);
		if (px_stmt_run(s, err))
			return -2;
		jid = px_store_last_id(v->st);
		px_strlcpy(jstatus, jst, sizeof jstatus);
		has_jdone = last_done != NULL;
		px_strlcpy(jdone, last_done ? last_done : "", sizeof jdone);
		for (size_t k = 0; k < j->nstages; k++) {
			s = px_stmt_prepare(v->st, "INSERT INTO journey_stages (journey_id, position,"
				" stage, status, completed_at, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
			if (!s)
				return -2;
			px_stmt_int(s, 1, jid);
			px_stmt_int(s, 2, (int64_t)k + 1);
			px_stmt_text(s, 3, j->stages[k].name);
			px_stmt_text(s, 4, trig[k] ? "completed" : "pending");
			px_stmt_text(s, 5, trig[k] ? trig[k]->at : NULL);
			if (trig[k])
				px_stmt_int(s, 6, trig[k]->id);
			if (px_stmt_run(s, err))
				return -2;
		}
	}
	for (size_t k = 0; k < j->nstages; k++) {
		const struct px_journey_stage *st = &j->stages[k];
		if (inserted || !stage_differs(known[k] ? &rows[k] : NULL, trig[k]))
			goto survey;
		s = px_stmt_prepare(v->st, "UPDATE journey_stages SET status = ?3,"
			" completed_at = ?4, event_id = ?5 WHERE journey_id = ?1 AND position = ?2"
			" AND (status IS NOT ?3 OR completed_at IS NOT ?4 OR event_id IS NOT ?5)", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, jid);
		px_stmt_int(s, 2, (int64_t)k + 1);
		px_stmt_text(s, 3, trig[k] ? "completed" : "pending");
		px_stmt_text(s, 4, trig[k] ? trig[k]->at : NULL);
		if (trig[k])
			px_stmt_int(s, 5, trig[k]->id);
		if (px_stmt_run(s, err))
			return -2;
survey:
		if (!st->survey)
			continue;
		if (trig[k]) {
			if (survey_make_due(v, e, j->name, st, trig[k], err))
				return -2;
		} else if (!e->fresh) { /* a fresh encounter has no survey to withdraw */
			const char *why = cancelled ? "cancel_admit" :
					  undone[k] && undone[k]->cancelled_by ? undone[k]->cancelled_by :
					  "cancelled";
			if (survey_withdraw(v, e, st->survey, why, err))
				return -2;
		}
	}
	if (!strcmp(jst, jstatus) &&
	    (last_done ? has_jdone && !strcmp(jdone, last_done) : !has_jdone))
		return 0;
	s = px_stmt_prepare(v->st, "UPDATE journeys SET status = ?2, completed_at = ?3"
		" WHERE id = ?1 AND (status IS NOT ?2 OR completed_at IS NOT ?3)", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, jid);
	px_stmt_text(s, 2, jst);
	px_stmt_text(s, 3, last_done);
	return px_stmt_run(s, err) ? -2 : 0;
}

/* Brings a stored encounter in line with its events; a fresh one was
 * replayed before it was written. */
static int reconcile(struct px_visit *v, struct enc *e, struct px_err *err)
{
	int rc = 0;
	if (!e->fresh) {
		rc = load_events(v, e, err);
		if (!rc) {
			replay(e);
			rc = replay_write(v, e, err);
		}
	}
	if (!rc)
		rc = reconcile_journey(v, e, err);
	free(e->ev);
	e->ev = NULL;
	e->nev = 0;
	return rc;
}

/* Finds the encounter of the visit (e->patient its owner), or prepares a
 * fresh one that encounter_insert writes once its first event is
 * replayed. */
static int encounter_find(struct px_visit *v, int64_t hid, const char *visit, int64_t dept,
			  const char *type, struct enc *e, struct px_err *err)
{
	memset(e, 0, sizeof *e);
	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT id, public_id, patient_id, department_id, patient_type, status,"
		" admitted_at, discharged_at, disposition FROM encounters"
		" WHERE hospital_id = ?1 AND visit_number = ?2", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, visit);
	int rc = step_row(s, err);
	if (rc < 0)
		return rc;
	e->hospital = hid;
	px_strlcpy(e->visit, visit, sizeof e->visit);
	if (rc) {
		e->id = px_stmt_col_int(s, 0);
		px_strlcpy(e->public_id, px_stmt_col_text(s, 1), sizeof e->public_id);
		e->patient = px_stmt_col_int(s, 2);
		e->dept = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
		px_strlcpy(e->type, px_stmt_col_text(s, 4), sizeof e->type);
		struct enc_row *w = &e->row;
		w->dept = e->dept;
		px_strlcpy(w->status, px_stmt_col_text(s, 5), sizeof w->status);
		w->has_admitted = !px_stmt_col_isnull(s, 6);
		px_strlcpy(w->admitted, px_stmt_col_text(s, 6), sizeof w->admitted);
		w->has_discharged = !px_stmt_col_isnull(s, 7);
		px_strlcpy(w->discharged, px_stmt_col_text(s, 7), sizeof w->discharged);
		w->has_disp = !px_stmt_col_isnull(s, 8);
		px_strlcpy(w->disp, px_stmt_col_text(s, 8), sizeof w->disp);
		px_stmt_reset(s);
		return 0;
	}
	if (px_id_new("enc", e->public_id, err))
		return -2;
	e->fresh = 1;
	e->dept = dept;
	px_strlcpy(e->type, type ? type : "", sizeof e->type);
	return 0;
}

/* Writes a fresh encounter as its replayed events leave it. */
static int encounter_insert(struct px_visit *v, const char *hcode, struct enc *e,
			    const char *type, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(v->st,
		"INSERT INTO encounters (public_id, hospital_id, department_id, patient_id,"
		" visit_number, patient_type, status, admitted_at, discharged_at, disposition,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
		err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, e->public_id);
	px_stmt_int(s, 2, e->hospital);
	if (e->dept)
		px_stmt_int(s, 3, e->dept);
	px_stmt_int(s, 4, e->patient);
	px_stmt_text(s, 5, e->visit);
	px_stmt_text(s, 6, type);
	px_stmt_text(s, 7, e->status);
	px_stmt_text(s, 8, e->has_adm ? e->adm : NULL);
	px_stmt_text(s, 9, e->has_dis ? e->dis : NULL);
	px_stmt_text(s, 10, e->disp[0] ? e->disp : NULL);
	px_stmt_text(s, 11, v->now);
	if (px_stmt_run(s, err))
		return -2;
	e->id = px_store_last_id(v->st);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "hospital", hcode);
	px_rec_set_str(d, "visit", e->visit);
	return audit(v, "encounter_created", "encounter", e->public_id, d, err);
}

/* What an A40 merge will do: move the history of patient end (the one
 * prior_mrn leads to) to the survivor, unless it is there already. */
struct merge_plan {
	int64_t end;
	int moves;
};

/* Checks a merge before anything is written: surv is the surviving
 * patient, 0 when the record will create it. */
static int merge_check(struct px_visit *v, int64_t hid, const char *prior_mrn, int64_t surv,
		       struct merge_plan *mp, struct px_err *err)
{
	int64_t prior;
	int rc = patient_find(v, hid, prior_mrn, &prior, 0, err);
	if (rc < 0)
		return rc;
	char masked[PX_MASK_LEN];
	px_mask(prior_mrn, masked);
	if (rc == 0)
		return px_err_set(err, PX_EREJECT, "unknown prior_mrn '%s'", masked);
	if (patient_find(v, hid, prior_mrn, &mp->end, 1, err) < 0)
		return -2;
	if (surv && prior == surv)
		return px_err_set(err, PX_EREJECT, "prior_mrn '%s' is the patient itself", masked);
	mp->moves = mp->end != surv; /* a repeated or circular merge changes nothing */
	return 0;
}

static int merge(struct px_visit *v, const struct merge_plan *mp, int64_t surv, struct px_err *err)
{
	if (!mp->moves)
		return 0;
	static const char *const moves[] = {
		"UPDATE encounters SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE survey_due SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE visit_events SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE patients SET optout_sms = max(optout_sms, (SELECT optout_sms FROM patients"
		" WHERE id = ?1)), optout_whatsapp = max(optout_whatsapp, (SELECT optout_whatsapp"
		" FROM patients WHERE id = ?1)), optout_email = max(optout_email, (SELECT"
		" optout_email FROM patients WHERE id = ?1)) WHERE id = ?2",
		"UPDATE patients SET merged_into = ?2 WHERE id = ?1",
	};
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		struct px_stmt *s = px_stmt_prepare(v->st, moves[i], err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, mp->end);
		px_stmt_int(s, 2, surv);
		if (px_stmt_run(s, err))
			return -2;
	}
	char a[PX_ID_LEN], b[PX_ID_LEN];
	if (patient_public_id(v, surv, a, err) || patient_public_id(v, mp->end, b, err))
		return -2;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "merged", b);
	return audit(v, "patients_merged", "patient", a, d, err);
}

/* Checks that a known visit belongs to the patient the record names (0
 * when the record will create it), after the merge it makes. */
static int visit_check(const struct enc *e, int64_t pid, const struct merge_plan *mp,
		       struct px_err *err)
{
	if (e->fresh || (pid && e->patient == pid) || (mp->moves && e->patient == mp->end))
		return 0;
	return px_err_set(err, PX_EREJECT, "visit '%s' belongs to another patient", e->visit);
}

/* Takes the record's patient type when it differs from the encounter's. */
static int encounter_retype(struct px_visit *v, struct enc *e, const char *type,
			    struct px_err *err)
{
	if (!type || !strcmp(type, e->type))
		return 0;
	struct px_stmt *s = px_stmt_prepare(v->st, "UPDATE encounters SET patient_type = ?2,"
		" updated_at = ?3 WHERE id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, type);
	px_stmt_text(s, 3, v->now);
	if (px_stmt_run(s, err))
		return -2;
	px_strlcpy(e->type, type, sizeof e->type);
	return 0;
}

/* ---------- one record ---------- */

static void event_key(const char *hcode, const char *visit, const char *event, const char *at,
		      const char *mrn, const char *prior, const char *dept, const char *disp,
		      char out[80])
{
	struct px_buf b = PX_BUF_INIT;
	const char *parts[] = { hcode, visit, event, at, mrn, prior, dept, disp };
	for (size_t i = 0; i < 8; i++) {
		px_buf_adds(&b, parts[i] ? parts[i] : "");
		px_buf_addc(&b, '\x1f');
	}
	uint8_t h[PX_SHA256_LEN];
	px_sha256(b.s, b.len, h);
	px_buf_free(&b);
	memcpy(out, "sha256:", 7);
	px_hex(h, 16, out + 7);
}

static int apply(struct px_visit *v, struct px_rec *r, struct px_err *err)
{
	char hb[64], db[64], vb[128], eb[32], tb[64], mb[128], pmb[128], ptb[64], idb[256];
	char dispb[16];
	const char *hcode = field(r, "hospital", hb, sizeof hb);
	if (!hcode)
		return px_err_set(err, PX_EREJECT, "missing 'hospital'");
	int64_t hid = 0;
	int rc = hospital(v, hcode, &hid, err);
	if (rc)
		return rc;
	const char *raw_event = field(r, "event", eb, sizeof eb);
	const char *event = event_name(raw_event);
	if (!raw_event)
		return px_err_set(err, PX_EREJECT, "missing 'event'");
	if (!event)
		return px_err_set(err, PX_EREJECT, "unknown event '%s'", raw_event);
	const char *ts = field(r, "event_time", tb, sizeof tb);
	int64_t t;
	if (!ts)
		return px_err_set(err, PX_EREJECT, "missing 'event_time'");
	if (px_time_parse(ts, &t))
		return px_err_set(err, PX_EREJECT, "bad event_time '%s'", ts);
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(t, at);
	struct patient_in p;
	memset(&p, 0, sizeof p);
	char natb[64], neb[256], nab[256], bdb[32], sexb[16], phb[64], emb[256], lab[32], chb[32];
	p.mrn = field(r, "mrn", mb, sizeof mb);
	if (!p.mrn)
		return px_err_set(err, PX_EREJECT, "missing 'mrn'");
	const char *visit = field(r, "visit", vb, sizeof vb);
	const char *prior = field(r, "prior_mrn", pmb, sizeof pmb);
	if (!visit && strcmp(event, "update") && strcmp(event, "merge"))
		return px_err_set(err, PX_EREJECT, "missing 'visit'");
	if (!strcmp(event, "merge") && !prior)
		return px_err_set(err, PX_EREJECT, "missing 'prior_mrn'");
	const char *dcode = field(r, "department", db, sizeof db);
	int64_t dept = 0;
	if (dcode) {
		rc = px_org_department_id(v->st, hid, dcode, &dept, err);
		if (rc < 0)
			return -2;
		if (!rc)
			return px_err_set(err, PX_EREJECT, "unknown department '%s' of %s", dcode, hcode);
	}
	const char *ptype = field(r, "patient_type", ptb, sizeof ptb);
	const char *disp = field(r, "disposition", dispb, sizeof dispb);
	p.natid = field(r, "national_id", natb, sizeof natb);
	p.name_en = field(r, "name_en", neb, sizeof neb);
	p.name_ar = field(r, "name_ar", nab, sizeof nab);
	p.birth_date = field(r, "birth_date", bdb, sizeof bdb);
	if (p.birth_date) {
		int64_t bt;
		if (strlen(p.birth_date) != 10 || px_time_parse(p.birth_date, &bt))
			return px_err_set(err, PX_EREJECT, "bad birth_date '%s'", p.birth_date);
	}
	p.sex = field(r, "sex", sexb, sizeof sexb);
	const char *ph = field(r, "phone", phb, sizeof phb);
	struct px_err e2;
	if (ph && !px_phone_normalise(ph, p.phone_e164, &e2))
		p.phone = p.phone_e164;
	p.email = field(r, "email", emb, sizeof emb);
	if (p.email && px_email_check(p.email, &e2))
		p.email = NULL;
	p.language = norm_language(field(r, "language", lab, sizeof lab));
	p.channel = norm_channel(field(r, "preferred_channel", chb, sizeof chb));
	p.optout_sms = flag(r, "optout_sms");
	p.optout_whatsapp = flag(r, "optout_whatsapp");
	p.optout_email = flag(r, "optout_email");
	int all = flag(r, "optout");
	if (all >= 0) {
		if (p.optout_sms < 0)
			p.optout_sms = all;
		if (p.optout_whatsapp < 0)
			p.optout_whatsapp = all;
		if (p.optout_email < 0)
			p.optout_email = all;
	}
	p.deceased = flag(r, "deceased");
	if (p.natid) {
		if (px_natid_hash(v->cfg, p.natid, p.natid_hash, err))
			return -2;
		px_mask(p.natid, p.natid_masked);
	}
	char key[300];
	const char *eid = field(r, "event_id", idb, sizeof idb);
	if (eid)
		snprintf(key, sizeof key, "id:%s", eid);
	else
		event_key(hcode, visit, event, at, p.mrn, prior, dcode, disp, key);

	struct px_stmt *s = px_stmt_prepare(v->st,
		"SELECT 1 FROM visit_events WHERE hospital_id = ?1 AND event_key = ?2", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, key);
	rc = step_row(s, err);
	px_stmt_reset(s);
	if (rc < 0)
		return rc;
	if (rc) {
		v->stats.duplicates++;
		return 0;
	}
	/* Whatever can reject the record is checked before the first write,
	 * so that a rejected record leaves nothing behind. */
	int64_t pid = 0;
	if ((rc = patient_find(v, hid, p.mrn, &pid, 1, err)) < 0)
		return rc;
	if (!rc)
		pid = 0;
	struct merge_plan mp = { 0 };
	int merging = !strcmp(event, "merge");
	if (merging && (rc = merge_check(v, hid, prior, pid, &mp, err)))
		return rc;
	struct enc e;
	memset(&e, 0, sizeof e);
	if (visit && ((rc = encounter_find(v, hid, visit, dept, ptype, &e, err)) ||
		      (rc = visit_check(&e, pid, &mp, err))))
		return rc;
	if ((rc = patient_upsert(v, hid, hcode, &p, at, &pid, err)))
		return rc;
	if (merging && (rc = merge(v, &mp, pid, err)))
		return rc;
	e.patient = pid; /* its owner, or after the merge */
	if (visit && !e.fresh && (rc = encounter_retype(v, &e, ptype, err)))
		return rc;
	if (e.fresh) {
		/* its one event replayed first, so that it is written once */
		e.ev = px_xcalloc(1, sizeof *e.ev);
		e.nev = 1;
		px_strlcpy(e.ev[0].event, event, sizeof e.ev[0].event);
		px_strlcpy(e.ev[0].at, at, sizeof e.ev[0].at);
		e.ev[0].dept = dept;
		px_strlcpy(e.ev[0].disp, disp ? disp : "", sizeof e.ev[0].disp);
		replay(&e);
		if ((rc = encounter_insert(v, hcode, &e, ptype, err))) {
			free(e.ev);
			return rc;
		}
	}
	s = px_stmt_prepare(v->st,
		"INSERT INTO visit_events (hospital_id, event_key, encounter_id, patient_id, event,"
		" event_at, department_id, disposition, imported_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, key);
	if (visit)
		px_stmt_int(s, 3, e.id);
	px_stmt_int(s, 4, pid);
	px_stmt_text(s, 5, event);
	px_stmt_text(s, 6, at);
	if (dept)
		px_stmt_int(s, 7, dept);
	px_stmt_text(s, 8, disp);
	px_stmt_text(s, 9, v->now);
	if (px_stmt_run(s, err)) {
		free(e.ev);
		return -2;
	}
	if (e.fresh)
		e.ev[0].id = px_store_last_id(v->st);
	if (visit && (rc = reconcile(v, &e, err)))
		return rc;
	v->stats.applied++;
	return 0;
}

int px_visit_apply(struct px_visit *v, struct px_rec *r, px_visit_due_fn due, void *ctx,
		   struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (type && strcmp(type, "visit"))
		return 1;
	clear_pending(v);
	int rc = apply(v, r, err);
	if (rc) {
		clear_pending(v);
		return rc;
	}
	for (size_t i = 0; due && i < v->npending; i++) {
		due(v->pending[i], ctx);
		v->pending[i] = NULL;
	}
	clear_pending(v);
	return 0;
}

/* ---------- HL7 ADT ---------- */

/* Sets key from seg-field.comp when non-empty. */
static int hl7_set(const struct px_hl7_msg *m, int seg, int f, int rep, int comp,
		   struct px_rec *r, const char *key, struct px_buf *b)
{
	if (seg < 0 || !px_hl7_get(m, seg, f, rep, comp, 0, b))
		return 0;
	px_rec_set_str(r, key, b->s);
	return 1;
}

/* HL7 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) to ISO 8601; -1 if bad. */
static int hl7_time(const char *s, char *out, size_t size, int date_only)
{
	size_t n = strspn(s, "0123456789");
	if (n < 8 || n % 2 || n > 14)
		return -1;
	const char *z = s + n;
	if (*z == '.')
		z += 1 + strspn(z + 1, "0123456789");
	char off[8] = "";
	if ((*z == '+' || *z == '-') && strspn(z + 1, "0123456789") == 4 && !z[5])
		snprintf(off, sizeof off, "%c%.2s:%.2s", *z, z + 1, z + 3);
	else if (*z)
		return -1;
	if (date_only) {
		snprintf(out, size, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		return 0;
	}
	char hh[3] = "00", mm[3] = "00", ss[3] = "00";
	if (n >= 10)
		memcpy(hh, s + 8, 2);
	if (n >= 12)
		memcpy(mm, s + 10, 2);
	if (n >= 14)
		memcpy(ss, s + 12, 2);
	snprintf(out, size, "%.4s-%.2s-%.2sT%s:%s:%s%s", s, s + 4, s + 6, hh, mm, ss, off);
	return 0;
}

static int utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 :
			(*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && *p < 0xC2))
			return 0;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
		if (*p < 0x20 && *p && *p != '\t')
			return 0;
	}
	return 1;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static struct px_rec *hl7_fail(const struct px_hl7_msg *m, int seg, struct px_err *err,
			       struct px_rec *r, struct px_buf *b, const char *fmt, const char *what)
{
	err->line = seg >= 0 && (size_t)seg < m->nsegs ? m->segs[seg].line : m->line;
	px_err_set(err, PX_EREJECT, fmt, what);
	px_rec_free(r);
	px_buf_free(b);
	return NULL;
}

struct px_rec *px_visit_from_hl7(const struct px_hl7_msg *m, struct px_err *err)
{
	struct px_buf b = PX_BUF_INIT, b2 = PX_BUF_INIT;
	struct px_rec *r = px_rec_new("visit");
	int msh = px_hl7_seg_find(m, "MSH", 1), evn = px_hl7_seg_find(m, "EVN", 1);
	int pid = px_hl7_seg_find(m, "PID", 1), pv1 = px_hl7_seg_find(m, "PV1", 1);
	int mrg = px_hl7_seg_find(m, "MRG", 1), pd1 = px_hl7_seg_find(m, "PD1", 1);
	char trig[8] = "";
	if (px_hl7_get(m, msh, 9, 1, 2, 0, &b) || px_hl7_get(m, evn, 1, 1, 0, 0, &b))
		px_strlcpy(trig, b.s, sizeof trig);
	px_hl7_get(m, msh, 9, 1, 1, 0, &b2);
	if (strcmp(b2.s, "ADT")) {
		px_buf_free(&b2);
		return hl7_fail(m, msh, err, r, &b, "MSH-9: not an ADT message ('%s')", b2.len ? "other" : "none");
	}
	px_buf_free(&b2);
	if (!trig[0])
		return hl7_fail(m, msh, err, r, &b, "MSH-9.2: missing trigger event%s", "");
	px_rec_set_str(r, "event", trig);
	if (pid < 0)
		return hl7_fail(m, msh, err, r, &b, "missing %s segment", "PID");
	/* event id: sending application and message control id */
	if (px_hl7_get(m, msh, 10, 1, 0, 0, &b)) {
		char *id = px_xasprintf("%.64s", b.s);
		if (px_hl7_get(m, msh, 3, 1, 1, 0, &b)) {
			char *both = px_xasprintf("%.64s/%s", b.s, id);
			free(id);
			id = both;
		}
		px_rec_set_str(r, "event_id", id);
		free(id);
	}
	/* event time: EVN-6, EVN-2, then MSH-7 */
	int got = (evn >= 0 && (px_hl7_get(m, evn, 6, 1, 1, 0, &b) || px_hl7_get(m, evn, 2, 1, 1, 0, &b))) ||
		  px_hl7_get(m, msh, 7, 1, 1, 0, &b);
	char tbuf[40];
	if (!got)
		return hl7_fail(m, evn >= 0 ? evn : msh, err, r, &b, "EVN-2: missing event time%s", "");
	if (hl7_time(b.s, tbuf, sizeof tbuf, 0))
		return hl7_fail(m, evn >= 0 ? evn : msh, err, r, &b, "EVN-2: bad time '%s'", b.s);
	px_rec_set_str(r, "event_time", tbuf);
	/* hospital: PV1-3.4, else MSH-4 */
	if (!hl7_set(m, pv1, 3, 1, 4, r, "hospital", &b) && !hl7_set(m, msh, 4, 1, 1, r, "hospital", &b))
		return hl7_fail(m, msh, err, r, &b, "MSH-4: missing facility%s", "");
	if (!hl7_set(m, pv1, 3, 1, 1, r, "department", &b))
		hl7_set(m, pv1, 10, 1, 1, r, "department", &b);
	if (!hl7_set(m, pv1, 19, 1, 1, r, "visit", &b))
		hl7_set(m, pid, 18, 1, 1, r, "visit", &b);
	if (!hl7_set(m, pv1, 18, 1, 1, r, "patient_type", &b))
		hl7_set(m, pv1, 2, 1, 1, r, "patient_type", &b);
	hl7_set(m, pv1, 36, 1, 1, r, "disposition", &b);
	/* identifiers: PID-3 repetitions by type (MR, NI/SS/NNSAU) */
	int reps = px_hl7_reps(m, pid, 3);
	for (int i = 1; i <= reps; i++) {
		px_hl7_get(m, pid, 3, i, 5, 0, &b);
		const char *key = !b.len || !strcmp(b.s, "MR") || !strcmp(b.s, "PI") ? "mrn" :
				  !strcmp(b.s, "NI") || !strcmp(b.s, "SS") || !strcmp(b.s, "NNSAU") ||
				  !strcmp(b.s, "PPN") ? "national_id" : NULL;
		if (key && !px_rec_has(r, key))
			hl7_set(m, pid, 3, i, 1, r, key, &b);
	}
	if (!px_rec_has(r, "national_id"))
		hl7_set(m, pid, 19, 1, 1, r, "national_id", &b);
	if (!px_rec_has(r, "mrn"))
		return hl7_fail(m, pid, err, r, &b, "PID-3: missing MRN%s", "");
	/* names: PID-5 repetitions, family^given^middle; Arabic script -> name_ar */
	reps = px_hl7_reps(m, pid, 5);
	for (int i = 1; i <= reps; i++) {
		struct px_buf n = PX_BUF_INIT;
		static const int order[] = { 2, 3, 1 };
		for (int k = 0; k < 3; k++)
			if (px_hl7_get(m, pid, 5, i, order[k], 0, &b)) {
				if (n.len)
					px_buf_addc(&n, ' ');
				px_buf_add(&n, b.s, b.len);
			}
		if (n.len) {
			const char *key = has_non_ascii(n.s) ? "name_ar" : "name_en";
			if (!px_rec_has(r, key)) {
				if (!utf8_ok(n.s)) {
					px_buf_free(&n);
					return hl7_fail(m, pid, err, r, &b, "PID-5: name is not UTF-8%s", "");
				}
				px_rec_set_str(r, key, n.s);
			}
		}
		px_buf_free(&n);
	}
	if (px_hl7_get(m, pid, 7, 1, 1, 0, &b)) {
		if (hl7_time(b.s, tbuf, sizeof tbuf, 1))
			return hl7_fail(m, pid, err, r, &b, "PID-7: bad birth date '%s'", b.s);
		px_rec_set_str(r, "birth_date", tbuf);
	}
	hl7_set(m, pid, 8, 1, 1, r, "sex", &b);
	/* PID-13: phones (a CP one first) and an email (XTN-4) */
	reps = px_hl7_reps(m, pid, 13);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 1; i <= reps; i++) {
			px_hl7_get(m, pid, 13, i, 3, 0, &b);
			int cell = !strcmp(b.s, "CP");
			if (!px_rec_has(r, "email") && (!strcmp(b.s, "Internet") || !strcmp(b.s, "X.400") ||
			    px_hl7_get(m, pid, 13, i, 4, 0, &b)))
				hl7_set(m, pid, 13, i, 4, r, "email", &b);
			if (px_rec_has(r, "phone") || (pass == 0 && !cell))
				continue;
			if (px_hl7_get(m, pid, 13, i, 7, 0, &b)) {
				struct px_buf num = PX_BUF_INIT;
				if (px_hl7_get(m, pid, 13, i, 5, 0, &b)) {
					px_buf_addc(&num, '+');
					px_buf_add(&num, b.s, b.len);
				}
				if (px_hl7_get(m, pid, 13, i, 6, 0, &b))
					px_buf_add(&num, b.s, b.len);
				px_hl7_get(m, pid, 13, i, 7, 0, &b);
				px_buf_add(&num, b.s, b.len);
				px_rec_set_str(r, "phone", num.s);
				px_buf_free(&num);
			} else {
				hl7_set(m, pid, 13, i, 1, r, "phone", &b);
			}
		}
	hl7_set(m, pid, 15, 1, 1, r, "language", &b);
	if (px_hl7_get(m, pid, 30, 1, 1, 0, &b) && !strcmp(b.s, "Y"))
		px_rec_set_str(r, "deceased", "yes");
	/* PD1-12 protection indicator: Y means no contact for surveys */
	if (px_hl7_get(m, pd1, 12, 1, 1, 0, &b) && !strcmp(b.s, "Y"))
		px_rec_set_str(r, "optout", "yes");
	if (mrg >= 0)
		hl7_set(m, mrg, 1, 1, 1, r, "prior_mrn", &b);
	px_buf_free(&b);
	if (!strcmp(trig, "A40") && !px_rec_has(r, "prior_mrn"))
		return hl7_fail(m, mrg >= 0 ? mrg : pid, err, r, &b, "MRG-1: missing prior MRN%s", "");
	return r;
}

/* ---------- --map ---------- */

struct px_visit_map {
	char **from, **to;
	size_t n;
};

struct px_visit_map *px_visit_map_load(const char *path, struct px_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		px_err_at(err, PX_EINPUT, path, 0, "cannot open map");
		return NULL;
	}
	struct px_visit_map *m = px_xcalloc(1, sizeof *m);
	struct px_buf line = PX_BUF_INIT;
	long no = 0;
	int r;
	while ((r = px_read_line(f, &line)) != 0) {
		no++;
		if (r < 0)
			goto bad;
		char *s = line.s;
		s[strcspn(s, "\r#")] = '\0';
		char *save = NULL, *to = strtok_r(s, " \t=", &save);
		if (!to)
			continue;
		char *from = strtok_r(NULL, "=", &save);
		if (from)
			from += strspn(from, " \t");
		size_t n = from ? strlen(from) : 0;
		while (n && (from[n - 1] == ' ' || from[n - 1] == '\t'))
			from[--n] = '\0';
		if (!n)
			goto bad;
		m->from = px_xrealloc(m->from, (m->n + 1) * sizeof *m->from);
		m->to = px_xrealloc(m->to, (m->n + 1) * sizeof *m->to);
		m->from[m->n] = px_xstrdup(from);
		m->to[m->n++] = px_xstrdup(to);
	}
	px_buf_free(&line);
	fclose(f);
	return m;
bad:
	px_err_at(err, PX_EINPUT, path, no, "expected 'px_field = input_field'");
	px_buf_free(&line);
	fclose(f);
	px_visit_map_free(m);
	return NULL;
}

void px_visit_map_apply(const struct px_visit_map *m, struct px_rec *r)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const char *val = px_rec_get(r, m->from[i]);
		if (!val)
			continue;
		char *copy = px_xstrdup(val);
		px_rec_del(r, m->from[i]);
		px_rec_set_str(r, m->to[i], copy);
		free(copy);
	}
}

void px_visit_map_free(struct px_visit_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	free(m);
}

/* ---------- listings ---------- */

int px_visit_due_each(struct px_store *st, const struct px_user *u,
		      int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, DUE_SELECT
		" WHERE d.status = 'due' ORDER BY d.due_at, d.id", err);
	if (!s)
		return -1;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(u, px_stmt_col_int(s, 13)))
			continue;
		struct px_rec *r = due_from_row(s);
		int k = fn(r, ctx);
		px_rec_free(r);
		if (k) {
			px_stmt_reset(s);
			return k;
		}
	}
	return rc < 0 ? -1 : 0;
}

static void put_col(struct px_rec *r, const char *key, struct px_stmt *s, int col)
{
	if (px_stmt_col_isnull(s, col))
		px_rec_set_null(r, key);
	else
		px_rec_set_str(r, key, px_stmt_col_text(s, col));
}

int px_visit_show(struct px_store *st, const struct px_user *u, const char *which,
		  int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT e.id, e.hospital_id, e.public_id, h.code, dep.code, e.visit_number,"
		" p.public_id, e.patient_type, j.journey, e.status, e.admitted_at, e.discharged_at,"
		" e.disposition FROM encounters e JOIN hospitals h ON h.id = e.hospital_id"
		" JOIN patients p ON p.id = e.patient_id"
		" LEFT JOIN departments dep ON dep.id = e.department_id"
		" LEFT JOIN journeys j ON j.encounter_id = e.id"
		" WHERE e.public_id = ?1 OR e.visit_number = ?1 ORDER BY e.id", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, which);
	int rc;
	int64_t eid = 0;
	struct px_rec *enc = NULL;
	static const char *const keys[] = { "id", "hospital", "department", "visit", "patient",
		"patient_type", "journey", "status", "admitted_at", "discharged_at", "disposition" };
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(u, px_stmt_col_int(s, 1)))
			continue;
		if (enc) {
			px_stmt_reset(s);
			px_rec_free(enc);
			return px_err_set(err, PX_EREJECT, "visit '%s' is in several hospitals: name the encounter", which);
		}
		eid = px_stmt_col_int(s, 0);
		enc = px_rec_new("encounter");
		for (int i = 0; i < 11; i++)
			put_col(enc, keys[i], s, i + 2);
	}
	if (rc < 0) {
		px_rec_free(enc);
		return -1;
	}
	if (!enc)
		return px_err_set(err, PX_EREJECT, "unknown encounter '%s'", which);
	rc = fn(enc, ctx);
	px_rec_free(enc);
	if (rc)
		return rc;
	static const char *const qs[] = {
		"SELECT ve.event, ve.event_at, dep.code, ve.disposition,"
		" CASE ve.cancelled WHEN 1 THEN 'true' ELSE 'false' END FROM visit_events ve"
		" LEFT JOIN departments dep ON dep.id = ve.department_id"
		" WHERE ve.encounter_id = ?1 ORDER BY ve.event_at, ve.id",
		"SELECT j.journey, js.position, js.stage, js.status, js.completed_at FROM journeys j"
		" JOIN journey_stages js ON js.journey_id = j.id WHERE j.encounter_id = ?1"
		" ORDER BY js.position",
		"SELECT public_id, journey, stage, template, channel, due_at, status, reason,"
		" survey_id FROM survey_due WHERE encounter_id = ?1 ORDER BY due_at, id",
	};
	static const char *const types[] = { "visit.event", "journey.stage", "encounter.survey" };
	static const char *const k0[] = { "event", "event_time", "department", "disposition", "cancelled" };
	static const char *const k1[] = { "journey", "position", "stage", "status", "completed_at" };
	static const char *const k2[] = { "id", "journey", "stage", "template", "channel", "due_at",
		"status", "reason", "survey" };
	const char *const *ks[] = { k0, k1, k2 };
	const int nk[] = { 5, 5, 9 };
	for (int q = 0; q < 3; q++) {
		s = px_stmt_prepare(st, qs[q], err);
		if (!s)
			return -1;
		px_stmt_int(s, 1, eid);
		while ((rc = px_stmt_step(s, err)) == 1) {
			struct px_rec *r = px_rec_new(types[q]);
			for (int i = 0; i < nk[q]; i++)
				put_col(r, ks[q][i], s, i);
			if (q == 0) /* the same key again keeps its place */
				px_rec_set_bool(r, "cancelled", px_stmt_col_int(s, 4) != 0);
			else if (q == 1)
				px_rec_set_int(r, "position", px_stmt_col_int(s, 1));
			int k = fn(r, ctx);
			px_rec_free(r);
			if (k) {
				px_stmt_reset(s);
				return k;
			}
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int px_visit_journeys_each(const struct px_journeys *js,
			   int (*fn)(struct px_rec *r, void *ctx), void *ctx)
{
	for (size_t i = 0; i < js->n; i++) {
		const struct px_journey *j = &js->v[i];
		for (size_t k = 0; k < j->nstages; k++) {
			const struct px_journey_stage *st = &j->stages[k];
			struct px_rec *r = px_rec_new("journey.stage");
			px_rec_set_str(r, "journey", j->name);
			px_rec_set_str(r, "title", j->title ? j->title : j->name);
			struct px_buf b = PX_BUF_INIT;
			for (char **t = j->types; t && *t; t++) {
				if (b.len)
					px_buf_addc(&b, ' ');
				px_buf_adds(&b, *t);
			}
			px_rec_set_str(r, "patient_types", px_buf_str(&b));
			px_rec_set_int(r, "position", (long long)k + 1);
			px_rec_set_str(r, "stage", st->name);
			px_buf_reset(&b);
			for (char **e = st->events; e && *e; e++) {
				if (b.len)
					px_buf_addc(&b, ' ');
				px_buf_adds(&b, *e);
			}
			px_rec_set_str(r, "events", px_buf_str(&b));
			px_buf_free(&b);
			if (st->survey) {
				px_rec_set_str(r, "template", st->survey);
				px_rec_set_int(r, "delay_hours", st->delay / 3600);
			} else {
				px_rec_set_null(r, "template");
				px_rec_set_null(r, "delay_hours");
			}
			int rc = fn(r, ctx);
			px_rec_free(r);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int px_visit_due_current(struct px_store *st, const char *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT 1 FROM survey_due WHERE public_id = ?1 AND status = 'due'", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	px_stmt_reset(s);
	return rc;
}
