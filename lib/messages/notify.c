/* notify.c - the outbox: store, claim, send, retry, recover, receipts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/privacy.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/patient.h"
#include "messages/gateway.h"
#include "messages/notify.h"
#include "messages/smtp.h"
#include "messages/template.h"
#include "base/banned.h"

static const char *const states[] = {
	"pending", "sending", "sent", "delivered", "failed", "bounced", "suppressed", "unknown",
};

int px_notify_state_ok(const char *state)
{
	for (size_t i = 0; state && i < sizeof states / sizeof *states; i++)
		if (!strcmp(state, states[i]))
			return 1;
	return 0;
}

/* "sms, whatsapp or email", from the one list of channels. */
static const char *channel_words(void)
{
	static char buf[64];
	if (!buf[0]) {
		struct px_buf b = PX_BUF_INIT;
		for (int i = 0; i < PX_CH_COUNT; i++)
			px_buf_addf(&b, "%s%s", i == 0 ? "" : i + 1 < PX_CH_COUNT ? ", " : " or ",
				    px_channel_name(i));
		px_strlcpy(buf, px_buf_str(&b), sizeof buf);
		px_buf_free(&b);
	}
	return buf;
}

/* ---------- rules ---------- */

/* Bytes of the UTF-8 sequence at p and its code point. */
static int utf8_next(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x80)
		return *cp = p[0], 1;
	if ((p[0] & 0xE0) == 0xC0 && p[1])
		return *cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu), 2;
	if ((p[0] & 0xF0) == 0xE0 && p[1] && p[2])
		return *cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu), 3;
	if ((p[0] & 0xF8) == 0xF0 && p[1] && p[2] && p[3])
		return *cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
			     ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu), 4;
	return *cp = 0xFFFD, 1;
}

/* Septets of a character in the GSM 03.38 alphabet: 1 basic, 2 through
 * the extension table, 0 when it is not in the alphabet. */
static int gsm_septets(unsigned cp)
{
	static const unsigned basic[] = {
		'@', 0xA3, '$', 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2, 0xC7, '\n', 0xD8, 0xF8, '\r',
		0xC5, 0xE5, 0x394, '_', 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398,
		0x39E, 0xC6, 0xE6, 0xDF, 0xC9, ' ', '!', '"', '#', 0xA4, '%', '&', '\'', '(', ')',
		'*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>', '?', 0xA1, 0xC4, 0xD6,
		0xD1, 0xDC, 0xA7, 0xBF, 0xE4, 0xF6, 0xF1, 0xFC, 0xE0,
	};
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return 1;
	for (size_t i = 0; i < sizeof basic / sizeof *basic; i++)
		if (basic[i] == cp)
			return 1;
	if (cp && strchr("^{}\\[~]|\f", (int)cp) && cp < 0x80)
		return 2;
	if (cp == 0x20AC)
		return 2;
	return 0;
}

int px_notify_sms_segments(const char *text, int *ucs2)
{
	size_t septets = 0, units = 0;
	int gsm = 1;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned cp;
		p += utf8_next(p, &cp);
		int s = gsm_septets(cp);
		if (!s)
			gsm = 0;
		septets += (size_t)s;
		units += cp > 0xFFFF ? 2 : 1;
	}
	if (ucs2)
		*ucs2 = !gsm;
	if (gsm)
		return septets <= 160 ? 1 : (int)((septets + 152) / 153);
	return units <= 70 ? 1 : (int)((units + 66) / 67);
}

int64_t px_notify_backoff(long long base, long long attempts, double u)
{
	double d = (double)base;
	for (long long i = 1; i < attempts && d < 86400; i++)
		d *= 2;
	d += d * (u < 0 ? 0 : u >= 1 ? 0.999 : u) / 2;
	return d > 86400 ? 86400 : (int64_t)d;
}

int px_notify_parse_retry(const char *spec, int64_t *steps, int max)
{
	int n = 0;
	const char *p = spec;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		long long v = 0;
		int digits = 0;
		while (*p >= '0' && *p <= '9' && v < 1000000000)
			v = v * 10 + (*p++ - '0'), digits++;
		long long unit = 1;
		switch (*p) {
		case 's': unit = 1, p++; break;
		case 'm': unit = 60, p++; break;
		case 'h': unit = 3600, p++; break;
		case 'd': unit = 86400, p++; break;
		}
		if (!digits || (*p && *p != ' ' && *p != '\t' && *p != ',') || n == max)
			return -1;
		v *= unit;
		if (v < 1 || v > 7 * 86400)
			return -1;
		steps[n++] = v;
	}
	return n ? n : -1;
}

int64_t px_notify_retry_delay(const int64_t *steps, int n, long long attempts, long long jitter,
			      double u)
{
	if (n <= 0)
		return 60;
	int64_t d = steps[attempts < 1 ? 0 : attempts > n ? n - 1 : attempts - 1];
	u = u < 0 ? 0 : u >= 1 ? 0.999 : u;
	return d + (int64_t)((double)d * (double)jitter / 100.0 * u);
}

int px_notify_parse_quiet(const char *spec, int *from, int *to)
{
	return px_time_parse_hours(spec, from, to);
}

int px_notify_quiet(int from, int to, int64_t t, int64_t *until)
{
	if (from == to)
		return 0;
	struct tm tm;
	px_time_local(t, &tm);
	int m = tm.tm_hour * 60 + tm.tm_min;
	int in = from < to ? (m >= from && m < to) : (m >= from || m < to);
	if (!in)
		return 0;
	*until = t + (int64_t)(((to - m + 1440) % 1440) * 60 - tm.tm_sec);
	return 1;
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}


int px_notify_quiet_config(const struct px_config *cfg, int *from, int *to, struct px_err *err)
{
	const char *q = px_config_str(cfg, "notify.quiet_hours");
	if (!strcmp(q, "none") || !*q)
		*from = *to = 0;
	else if (px_notify_parse_quiet(q, from, to))
		return px_fail(err, PX_EINPUT,
			       "notify.quiet_hours must be HH:MM-HH:MM or none, not '%s'", q);
	return PX_OK;
}

/* ---------- the sender ---------- */

/* What one sender holds while it works: the notify settings, its claim
 * token, and the time of its last send by channel (the pacing when the
 * store's shared slots cannot be reached).  Built from the context by
 * each verb; nothing outlives the verb. */
#define MAX_STEPS 32
struct sender {
	struct px_ctx *cx;
	struct px_store *st;
	const struct px_config *cfg;
	char claim[PX_TOKEN_LEN];
	int64_t steps[MAX_STEPS];   /* notify.retry */
	int nsteps;                 /* 0: the older notify.backoff doubling */
	long long jitter;           /* notify.retry_jitter, percent */
	long long backoff;          /* notify.backoff seconds, when set alone */
	long long max_attempts;     /* notify.max_attempts, 0: until expiry */
	long long expire_hours;     /* notify.expire_hours, default 48 */
	long long lease;            /* notify.lease seconds, default 600 */
	int quiet_from, quiet_to;   /* minutes after local midnight */
	int order[PX_CH_COUNT];     /* notify.fallback, channels in order */
	int norder;
	long long rate[PX_CH_COUNT]; /* CHANNEL.rate_per_minute, 0: none */
	double last_send[PX_CH_COUNT];
};

#define DEFAULT_RETRY "1m 5m 15m 1h 3h 6h"

/* notify.retry, or the older notify.backoff alone. */
static int retry_config(struct sender *n, struct px_err *err)
{
	const char *spec = px_config_get(n->cfg, "notify.retry", NULL);
	if (!spec && px_config_get(n->cfg, "notify.backoff", NULL))
		return px_config_int(n->cfg, "notify.backoff", 60, 1, 86400, &n->backoff, err)
			? PX_EINPUT : PX_OK;
	spec = spec ? spec : DEFAULT_RETRY;
	n->nsteps = px_notify_parse_retry(spec, n->steps, MAX_STEPS);
	if (n->nsteps < 0)
		return px_fail(err, PX_EINPUT, "notify.retry must be up to %d delays such as '%s' "
			       "(s, m, h or d; 1s to 7d), not '%s'", MAX_STEPS, DEFAULT_RETRY, spec);
	if (px_config_int(n->cfg, "notify.retry_jitter", 25, 0, 100, &n->jitter, err))
		return PX_EINPUT;
	return PX_OK;
}

/* notify.fallback ("whatsapp sms"), else whatsapp.fallback_sms, which is
 * the same as "whatsapp sms". */
static int fallback_config(struct sender *n, struct px_err *err)
{
	const char *spec = px_config_get(n->cfg, "notify.fallback", NULL);
	int sms;
	if (px_config_bool(n->cfg, "whatsapp.fallback_sms", 0, &sms, err))
		return PX_EINPUT;
	if (!spec) {
		if (sms) {
			n->order[n->norder++] = PX_CH_WHATSAPP;
			n->order[n->norder++] = PX_CH_SMS;
		}
		return PX_OK;
	}
	char *copy = px_xstrdup(spec), *save = NULL;
	int rc = PX_OK;
	for (char *w = strtok_r(copy, " \t,", &save); w && !rc; w = strtok_r(NULL, " \t,", &save)) {
		int ch = px_channel_parse(w);
		for (int i = 0; ch >= 0 && i < n->norder; i++)
			if (n->order[i] == ch)
				ch = -2;
		if (ch < 0)
			rc = px_fail(err, PX_EINPUT, "notify.fallback must list channels (%s) once each, "
				     "not '%s'", px_channel_list(), spec);
		else
			n->order[n->norder++] = ch;
	}
	free(copy);
	return rc;
}

/* Reads the notify.* settings: PX_EINPUT when one is malformed. */
static int sender_open(struct sender *n, struct px_ctx *cx, struct px_err *err)
{
	memset(n, 0, sizeof *n);
	n->cx = cx;
	n->st = cx->st;
	n->cfg = cx->cfg;
	if (px_token_new(n->claim, err))
		return err->code ? err->code : PX_ESTORE;
	if (px_config_int(n->cfg, "notify.max_attempts", 0, 0, 1000, &n->max_attempts, err) ||
	    px_config_int(n->cfg, "notify.expire_hours", 48, 1, 8760, &n->expire_hours, err) ||
	    px_config_int(n->cfg, "notify.lease", 600, 10, 86400, &n->lease, err) ||
	    retry_config(n, err) || fallback_config(n, err))
		return PX_EINPUT;
	for (int i = 0; i < PX_CH_COUNT; i++) {
		char key[64];
		snprintf(key, sizeof key, "%s.rate_per_minute", px_channel_name(i));
		n->rate[i] = px_config_num(n->cfg, key);
	}
	return px_notify_quiet_config(n->cfg, &n->quiet_from, &n->quiet_to, err);
}

/* The delay before the attempt after attempts failed ones. */
static int64_t retry_delay(const struct sender *n, long long attempts)
{
	uint32_t rnd = 0;
	px_random(&rnd, sizeof rnd, NULL);
	double u = (double)rnd / 4294967296.0;
	if (!n->nsteps)
		return px_notify_backoff(n->backoff, attempts, u);
	return px_notify_retry_delay(n->steps, n->nsteps, attempts, n->jitter, u);
}

int px_notify_ready(struct px_ctx *cx, enum px_notify_job job, struct px_err *err)
{
	struct sender n;
	int rc = sender_open(&n, cx, err);
	if (rc)
		return rc;
	const char *what = job == PX_NOTIFY_RECEIPTS ? "record delivery receipts" : "send notifications";
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, what, err))
		return PX_EPERM;
	return PX_OK;
}

/*
 * The messages a verb reaches are those of the acting user's hospitals
 * (px_admin: all, and the messages that name no hospital).  The
 * parameter is bound to the user's row id, or left NULL for a px_admin.
 */
#define IN_SCOPE(p) \
	" (CAST(" p " AS BIGINT) IS NULL OR n.hospital_id IN " \
	"(SELECT hospital_id FROM user_hospitals WHERE user_id = " p "))"

static void bind_scope(struct px_stmt *s, int i, const struct px_ctx *cx)
{
	if (cx->actor->role != PX_ROLE_PX_ADMIN)
		px_stmt_int(s, i, cx->actor->id);
}

/* Whether the patient may not be sent to on ch now: 2 deceased, 1 opted
 * out of ch, 0 neither, or a negative status. */
static int opted_out(struct px_store *st, int64_t patient, enum px_channel ch, struct px_err *err)
{
	struct px_patient p;
	int rc = px_patient_load(st, patient, &p, err);
	int out = rc == PX_OK && p.deceased_at ? 2 : rc == PX_OK && p.optout[ch];
	px_patient_free(&p);
	return rc ? -rc : out;
}

static struct px_rec *details(const char *channel, const char *template, long long attempts,
			      const char *error)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_del(d, "type");
	if (channel)
		px_rec_set_str(d, "channel", channel);
	if (template)
		px_rec_set_str(d, "template", template);
	if (attempts >= 0)
		px_rec_set_int(d, "attempts", attempts);
	if (error && *error)
		px_rec_set_str(d, "error", error);
	return d;
}

/* Appends an audit event about message msg_id; d is stolen. */
static int audit(struct px_ctx *cx, const char *action, const char *msg_id, struct px_rec *d,
		 struct px_err *err)
{
	int rc = px_audit_record(cx->st, cx->actor->name, action, "notification", msg_id, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Rolls back when rc says the transaction failed; returns rc. */
static int rollback_on(struct px_store *st, int rc)
{
	if (rc)
		px_store_rollback(st);
	return rc;
}

/* ---------- preparing ---------- */

/* A notification record while it is prepared. */
struct prep {
	struct px_rec *in;
	const char *key, *tpl, *to, *pat, *usr, *lang, *hosp;
	enum px_channel ch;
	int email;
	int64_t patient;             /* row id, 0 for none */
	int optout;                  /* the patient opted out of ch */
	char stored[256];            /* the recipient's address on file */
	char pname[256], hname[256], hcode[64];
	char deflang[4];             /* the recipient's language */
	const struct px_notify_link *link; /* a secret link, or NULL */
	const char *url;             /* the link itself, to count SMS parts */
	int64_t not_before;          /* not sent before (staff's business hours), or 0 */
};

struct lookup_ctx {
	struct px_rec *vars;
	const char *patient_name, *hospital_name;
	int secret_link;             /* "link" stays a placeholder */
};

static const char *lookup(const char *name, void *vctx)
{
	struct lookup_ctx *c = vctx;
	if (c->secret_link && !strcmp(name, "link"))
		return px_notify_link_mark();
	const char *v = c->vars ? px_rec_get(c->vars, name) : NULL;
	if (v)
		return v;
	if (!strcmp(name, "patient_name"))
		return c->patient_name;
	if (!strcmp(name, "hospital_name"))
		return c->hospital_name;
	return NULL;
}

void px_notify_msg_free(struct px_notify_msg *m)
{
	free(m->key);
	free(m->channel);
	free(m->language);
	free(m->template);
	free(m->object_type);
	free(m->object);
	free(m->vars);
	free(m->subject);
	free(m->body);
	free(m->html);
	free(m->link);
	memset(m, 0, sizeof *m);
}

static char *dup_or_null(const char *s)
{
	return s ? px_xstrdup(s) : NULL;
}

/* The fields every notification needs, checked before any lookup. */
static int check_record(struct px_rec *in, struct prep *q, struct px_err *err)
{
	memset(q, 0, sizeof *q);
	q->in = in;
	q->key = px_rec_get(in, "key");
	q->tpl = px_rec_get(in, "template");
	q->to = px_rec_get(in, "to");
	q->pat = px_rec_get(in, "patient");
	q->usr = px_rec_get(in, "user");
	q->lang = px_rec_get(in, "language");
	q->hosp = px_rec_get(in, "hospital");
	int ch = px_channel_parse(px_rec_get(in, "channel"));
	if (!q->key || !*q->key)
		return px_fail(err, PX_EREJECT, "notification has no 'key'");
	if (strlen(q->key) > 200)
		return px_fail(err, PX_EREJECT, "'key' is longer than 200 bytes");
	if (ch < 0)
		return px_fail(err, PX_EREJECT, "channel must be %s", channel_words());
	if (!q->tpl || !*q->tpl)
		return px_fail(err, PX_EREJECT, "notification has no 'template'");
	if (!q->to && !q->pat && !q->usr)
		return px_fail(err, PX_EREJECT, "notification needs 'to', 'patient' or 'user'");
	if (q->lang && strcmp(q->lang, "en") && strcmp(q->lang, "ar"))
		return px_fail(err, PX_EREJECT, "language must be 'en' or 'ar'");
	if (px_rec_has(in, "vars") && !px_rec_get_obj(in, "vars"))
		return px_fail(err, PX_EREJECT, "'vars' must be an object");
	const char *nb = px_rec_get(in, "not_before");
	if (nb && px_time_parse(nb, &q->not_before))
		return px_fail(err, PX_EREJECT, "'not_before' is not a time");
	q->ch = (enum px_channel)ch;
	q->email = q->ch == PX_CH_EMAIL;
	px_strlcpy(q->deflang, "ar", sizeof q->deflang);
	return PX_OK;
}

/* The name to greet in the message's language: Arabic when asked and
 * known, else English, else whatever there is. */
static void pick_name(char *out, size_t size, const char *want, const char *en, const char *ar)
{
	en = en ? en : "";
	ar = ar ? ar : "";
	px_strlcpy(out, !strcmp(want, "ar") && *ar ? ar : *en ? en : ar, size);
}

/* The patient named by the record: address, language, name, hospital
 * and opt-out, from core/patient. */
static int resolve_patient(struct px_ctx *cx, struct prep *q, struct px_notify_msg *m,
			   struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT p.id, h.code FROM patients p JOIN hospitals h ON h.id = p.hospital_id "
		"WHERE p.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, q->pat);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		q->patient = px_stmt_col_int(s, 0);
		px_strlcpy(q->hcode, px_stmt_col_text(s, 1), sizeof q->hcode);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown patient '%s'", q->pat);
	struct px_patient p;
	if ((rc = px_patient_load(cx->st, q->patient, &p, err)) != PX_OK)
		return rc;
	const char *addr = px_patient_address(&p, q->ch);
	px_strlcpy(q->stored, addr ? addr : "", sizeof q->stored);
	px_strlcpy(q->deflang, p.language, sizeof q->deflang);
	pick_name(q->pname, sizeof q->pname, q->lang ? q->lang : q->deflang, p.name_en, p.name_ar);
	q->optout = p.optout[q->ch];
	m->patient_id = p.id;
	m->hospital_id = p.hospital_id;
	px_patient_free(&p);
	return PX_OK;
}

/* The px user named by the record (a staff alert). */
static int resolve_user(struct px_ctx *cx, struct prep *q, struct px_notify_msg *m,
			struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, phone, email FROM users WHERE name = ?1 AND active = 1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, q->usr);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		m->user_id = px_stmt_col_int(s, 0);
		px_strlcpy(q->stored, px_stmt_col_text(s, q->email ? 2 : 1), sizeof q->stored);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown user '%s'", q->usr);
	px_strlcpy(q->deflang, "en", sizeof q->deflang);
	return PX_OK;
}

/* The hospital the message speaks for, and whether the acting user may
 * notify for it: staff in it, or a px_admin for a message naming none. */
static int resolve_hospital(struct px_ctx *cx, struct prep *q, struct px_notify_msg *m,
			    struct px_err *err)
{
	if (q->hosp) {
		int64_t hid;
		int rc = px_org_hospital_id(cx->st, q->hosp, &hid, err);
		if (rc < 0)
			return err->code;
		if (rc == 0)
			return px_fail(err, PX_EREJECT, "unknown hospital '%s'", q->hosp);
		if (m->hospital_id && hid != m->hospital_id)
			return px_fail(err, PX_EREJECT, "patient '%s' is not a patient of '%s'", q->pat,
				       q->hosp);
		m->hospital_id = hid;
		px_strlcpy(q->hcode, q->hosp, sizeof q->hcode);
	}
	char what[128];
	if (!m->hospital_id) {
		if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_NONE,
				    "send a notification that names no hospital", err))
			return PX_EPERM;
		return PX_OK;
	}
	snprintf(what, sizeof what, "notify for hospital '%s'", q->hcode);
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, m->hospital_id, what, err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT name, name_ar FROM hospitals WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, m->hospital_id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		const char *ne = px_stmt_col_text(s, 0), *na = px_stmt_col_text(s, 1);
		const char *want = q->lang ? q->lang : q->deflang;
		px_strlcpy(q->hname, !strcmp(want, "ar") && *na ? na : ne, sizeof q->hname);
	}
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* The text, rendered once: what is stored is what is sent, but for a
 * secret link, which stays a placeholder until the message is sent.
 * Any problem with the template rejects the record. */
static int render_text(struct px_ctx *cx, struct prep *q, struct px_notify_msg *m,
		       struct px_err *err)
{
	struct px_template t;
	if (px_template_load(cx->cfg, q->hcode[0] ? q->hcode : NULL, q->tpl, m->language, &t, err)) {
		err->code = PX_EREJECT; /* even a template that cannot be read */
		return PX_EREJECT;
	}
	struct px_rec *vars = px_rec_get_obj(q->in, "vars");
	struct lookup_ctx lc = { vars, q->pname[0] ? q->pname : NULL,
				 q->hname[0] ? q->hname : NULL, q->link != NULL };
	struct px_buf b = PX_BUF_INIT;
	int rc = px_template_render(t.body, PX_TPL_PLAIN, lookup, &lc, &b, err);
	m->body = px_buf_detach(&b);
	if (!rc && q->email) {
		rc = px_template_render(t.subject, PX_TPL_PLAIN, lookup, &lc, &b, err);
		m->subject = px_buf_detach(&b);
		if (!rc && t.html) {
			rc = px_template_render(t.html, PX_TPL_HTML, lookup, &lc, &b, err);
			m->html = px_buf_detach(&b);
		}
	}
	px_template_free(&t);
	if (rc) {
		char why[sizeof err->text];
		px_strlcpy(why, err->text, sizeof why);
		return px_fail(err, PX_EREJECT, "template '%s': %s", q->tpl, why);
	}
	if (q->ch == PX_CH_SMS) {
		/* the parts of the text as it will be sent, link and all */
		const char *url = q->url ? q->url : vars ? px_rec_get(vars, "link") : NULL;
		char *text = q->link && url ? px_notify_link_fill(m->body, url, PX_TPL_PLAIN) : NULL;
		m->segments = px_notify_sms_segments(text ? text : m->body, NULL);
		free(text);
	}
	return PX_OK;
}

/* The address and the initial state: failed without a usable address,
 * suppressed when the patient opted out, held by quiet hours. */
static int initial_state(struct px_ctx *cx, struct prep *q, struct px_notify_msg *m,
			 struct px_err *err)
{
	int64_t t0 = px_now(cx), until;
	int from, to;
	long long hours;
	if (px_notify_quiet_config(cx->cfg, &from, &to, err) ||
	    px_config_int(cx->cfg, "notify.expire_hours", 48, 1, 8760, &hours, err))
		return PX_EINPUT;
	m->state = "pending";
	m->next_attempt = t0;
	m->expires_at = t0 + hours * 3600;
	const char *addr = q->to ? q->to : q->stored;
	struct px_err aerr;
	px_err_clear(&aerr);
	if (!*addr) {
		m->state = "failed";
		snprintf(m->error, sizeof m->error, "%s has no %s", m->recipient,
			 q->email ? "email address" : "phone number");
	} else if (q->email ? px_email_check(addr, &aerr)
			    : px_phone_normalise(addr, m->address, &aerr)) {
		m->state = "failed";
		px_strlcpy(m->error, aerr.text, sizeof m->error);
	} else if (q->email) {
		px_strlcpy(m->address, addr, sizeof m->address);
	}
	if (!strcmp(m->state, "pending") && q->optout) {
		m->state = "suppressed";
		snprintf(m->reason, sizeof m->reason, "patient opted out of %s", m->channel);
	}
	if (!strcmp(m->state, "pending") && !strcmp(m->recipient, "patient") &&
	    px_notify_quiet(from, to, t0, &until)) {
		char l[PX_TIME_LOCAL_LEN];
		px_time_format_local(until, l);
		snprintf(m->reason, sizeof m->reason, "quiet hours until %s", l);
		m->next_attempt = until;
		m->held = "quiet_hours";
	}
	if (!strcmp(m->state, "pending") && q->not_before > m->next_attempt) {
		/* outside the recipient's business hours: from their next opening,
		 * and its time to expire counted from then */
		char l[PX_TIME_LOCAL_LEN];
		px_time_format_local(q->not_before, l);
		snprintf(m->reason, sizeof m->reason, "outside business hours until %s", l);
		m->next_attempt = q->not_before;
		m->expires_at = q->not_before + hours * 3600;
	}
	return PX_OK;
}

/* The vars as stored: without the secret link (caller frees). */
static char *stored_vars(struct px_rec *in, int secret_link)
{
	char *text = px_rec_get_json(in, "vars");
	struct px_rec *v = px_rec_get_obj(in, "vars");
	if (!text || !v) {
		free(text);
		return px_xstrdup("{}");
	}
	if (!secret_link || !px_rec_has(v, "link"))
		return text;
	struct px_err e;
	px_err_clear(&e);
	struct px_rec *copy = px_rec_parse(text, strlen(text), &e);
	free(text);
	if (!copy)
		return px_xstrdup("{}");
	px_rec_del(copy, "link");
	text = px_rec_dump(copy);
	px_rec_free(copy);
	return text;
}

/* px_notify_prepare, with a secret link (may be NULL) and the link
 * itself (may be NULL) to count SMS parts. */
static int prepare(struct px_ctx *cx, struct px_rec *in, const struct px_notify_link *link,
		   const char *url, struct px_notify_msg *m, struct px_err *err)
{
	memset(m, 0, sizeof *m);
	struct prep q;
	int rc = check_record(in, &q, err);
	if (rc)
		return rc;
	q.link = link;
	q.url = url;
	m->recipient = q.usr && !q.pat ? "user" : "patient";
	if (q.pat)
		rc = resolve_patient(cx, &q, m, err);
	else if (q.usr)
		rc = resolve_user(cx, &q, m, err);
	if (!rc)
		rc = resolve_hospital(cx, &q, m, err);
	if (rc)
		return rc;
	m->key = px_xstrdup(q.key);
	m->channel = px_xstrdup(px_channel_name(q.ch));
	m->language = px_xstrdup(q.lang ? q.lang : q.deflang);
	m->template = px_xstrdup(q.tpl);
	m->object_type = dup_or_null(px_rec_get(in, "object_type"));
	m->object = dup_or_null(px_rec_get(in, "object"));
	m->vars = stored_vars(in, link != NULL);
	m->link = link ? px_notify_link_json(link) : NULL;
	rc = render_text(cx, &q, m, err);
	return rc ? rc : initial_state(cx, &q, m, err);
}

int px_notify_prepare(struct px_ctx *cx, struct px_rec *in, struct px_notify_msg *m,
		      struct px_err *err)
{
	return prepare(cx, in, NULL, NULL, m, err);
}

/* ---------- storing ---------- */

/* Binds the message to the INSERT's parameters. */
static void bind_msg(struct px_stmt *s, const struct px_notify_msg *m, const char *pid,
		     const char *next, const char *at, const char *expires)
{
	px_stmt_text(s, 1, pid);
	px_stmt_text(s, 2, m->key);
	px_stmt_text(s, 3, m->channel);
	px_stmt_text(s, 4, m->recipient);
	if (m->patient_id)
		px_stmt_int(s, 5, m->patient_id);
	if (m->user_id)
		px_stmt_int(s, 6, m->user_id);
	px_stmt_text(s, 7, m->address[0] ? m->address : NULL);
	px_stmt_text(s, 8, m->language);
	px_stmt_text(s, 9, m->template);
	px_stmt_text(s, 10, m->vars);
	px_stmt_text(s, 11, m->subject);
	px_stmt_text(s, 12, m->body);
	px_stmt_text(s, 13, m->html);
	if (m->segments)
		px_stmt_int(s, 14, m->segments);
	px_stmt_text(s, 15, m->object_type);
	px_stmt_text(s, 16, m->object);
	if (m->hospital_id)
		px_stmt_int(s, 17, m->hospital_id);
	px_stmt_text(s, 18, m->state);
	px_stmt_text(s, 19, m->error[0] ? m->error : NULL);
	px_stmt_text(s, 20, m->reason[0] ? m->reason : NULL);
	px_stmt_text(s, 21, next);
	px_stmt_text(s, 22, at);
	px_stmt_text(s, 23, expires);
	px_stmt_text(s, 24, m->held);
	px_stmt_text(s, 25, m->link);
}

/* The row id of the message with this key: 1 found, 0 not, or a
 * negative status. */
static int find_key(struct px_store *st, const char *key, int64_t *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT id FROM notifications WHERE key = ?1", err);
	if (!s)
		return -err->code;
	px_stmt_text(s, 1, key);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc < 0 ? -err->code : rc;
}

int px_notify_store_tx(struct px_ctx *cx, const struct px_notify_msg *m, int64_t *id,
		       int *duplicate, struct px_err *err)
{
	*duplicate = 0;
	int found = find_key(cx->st, m->key, id, err);
	if (found < 0)
		return -found;
	if (found) {
		*duplicate = 1;
		return PX_OK;
	}
	char pid[PX_ID_LEN], at[PX_TIME_UTC_LEN], next[PX_TIME_UTC_LEN], exp[PX_TIME_UTC_LEN];
	if (px_id_new("msg", pid, err))
		return err->code ? err->code : PX_ESTORE;
	px_time_format_utc(px_now(cx), at);
	px_time_format_utc(m->next_attempt, next);
	px_time_format_utc(m->expires_at ? m->expires_at : px_now(cx) + 48 * 3600, exp);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO notifications (public_id, key, channel, requested_channel, recipient, "
		"patient_id, user_id, address, language, template, vars, subject, body, html, segments, "
		"object_type, object_id, hospital_id, state, last_error, reason, next_attempt_at, "
		"created_at, updated_at, expires_at, held, link) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22, ?23, "
		"?24, ?25) RETURNING id", err);
	if (!s)
		return err->code;
	bind_msg(s, m, pid, next, at, exp);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "message '%s' was not stored", pid);
	char action[64];
	snprintf(action, sizeof action, "notification_%s",
		 !strcmp(m->state, "pending") ? "queued" : m->state);
	return audit(cx, action, pid,
		     details(m->channel, m->template, -1, m->error[0] ? m->error : m->reason), err);
}

/* The public id of the message with this row id into pid. */
static int public_id(struct px_store *st, int64_t id, char pid[PX_ID_LEN], struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT public_id FROM notifications WHERE id = ?1",
					    err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_strlcpy(pid, px_stmt_col_text(s, 0), PX_ID_LEN);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc ? PX_OK : px_fail(err, PX_ESTORE, "message %lld vanished", (long long)id);
}

int px_notify_queue_tx(struct px_ctx *cx, struct px_rec *r, const struct px_notify_link *link,
		       struct px_err *err)
{
	struct px_notify_msg m;
	struct px_rec *vars = px_rec_get_obj(r, "vars");
	int rc = prepare(cx, r, link, vars ? px_rec_get(vars, "link") : NULL, &m, err);
	int64_t id;
	int dup;
	if (!rc)
		rc = px_notify_store_tx(cx, &m, &id, &dup, err);
	px_notify_msg_free(&m);
	char pid[PX_ID_LEN];
	if (!rc)
		rc = public_id(cx->st, id, pid, err);
	if (!rc)
		px_rec_set_str(r, "id", pid);
	return rc;
}

int px_notify_store(struct px_ctx *cx, const struct px_notify_msg *m, int64_t *id,
		    int *duplicate, struct px_err *err)
{
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	rc = px_notify_store_tx(cx, m, id, duplicate, err);
	if (rc || *duplicate) {
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}

static void set_masked(struct px_rec *r, const char *key, const char *addr)
{
	if (!addr || !*addr) {
		px_rec_set_null(r, key);
		return;
	}
	char mk[PX_MASK_LEN];
	px_mask(addr, mk);
	px_rec_set_str(r, key, mk);
}

static void set_opt(struct px_rec *r, const char *key, const char *v)
{
	if (v && *v)
		px_rec_set_str(r, key, v);
	else
		px_rec_set_null(r, key);
}

struct px_rec *px_notify_preview(const struct px_notify_msg *m)
{
	struct px_rec *r = px_rec_new("notification.preview");
	px_rec_set_str(r, "key", m->key);
	px_rec_set_str(r, "channel", m->channel);
	set_masked(r, "to", m->address);
	px_rec_set_str(r, "language", m->language);
	px_rec_set_str(r, "template", m->template);
	px_rec_set_str(r, "status", m->state);
	set_opt(r, "error", m->error);
	set_opt(r, "reason", m->reason);
	set_opt(r, "subject", m->subject);
	px_rec_set_str(r, "text", m->body);
	if (m->segments)
		px_rec_set_int(r, "segments", m->segments);
	else
		px_rec_set_null(r, "segments");
	set_opt(r, "object_type", m->object_type);
	set_opt(r, "object", m->object);
	return r;
}

/* ---------- messages as records ---------- */

/*
 * The columns of each record a message is shown as, in the records'
 * order (px-records(7)).  Times are UTC, as stored; "to" is masked by
 * mask_to().
 */
#define RESULT_COLS \
	"n.key AS key, n.public_id AS id, n.channel AS channel, " \
	"CASE n.state WHEN 'sending' THEN 'pending' ELSE n.state END AS status, " \
	"n.attempts AS attempts, " \
	/* the last error of a message that got through is history */ \
	"CASE WHEN n.state IN ('sent', 'delivered') THEN NULL ELSE n.last_error END AS error, " \
	"n.reason AS reason, n.provider_id AS provider_id, n.segments AS segments, " \
	"n.object_type AS object_type, n.object_id AS object"
#define PREVIEW_COLS \
	"n.key AS key, n.public_id AS id, n.channel AS channel, n.address AS \"to\", " \
	"n.language AS language, n.template AS template, n.state AS status, " \
	"n.attempts AS attempts, n.subject AS subject, n.body AS text, n.segments AS segments, " \
	"n.object_type AS object_type, n.object_id AS object"
#define MESSAGE_COLS \
	"n.public_id AS id, n.key AS key, n.channel AS channel, n.address AS \"to\", " \
	"n.state AS state, n.attempts AS attempts, n.next_attempt_at AS next_attempt, " \
	"n.last_error AS last_error, n.reason AS reason, n.provider_id AS provider_id, " \
	"n.segments AS segments, n.template AS template, n.language AS language, " \
	"h.code AS hospital, n.object_type AS object_type, n.object_id AS object, " \
	"n.created_at AS created"
#define MESSAGE_FULL_COLS MESSAGE_COLS ", " \
	"n.recipient AS recipient, n.requested_channel AS requested_channel, " \
	"n.updated_at AS updated, n.sent_at AS sent, n.receipt_at AS receipt, " \
	"n.subject AS subject, n.body AS text, n.html AS html"
#define FROM_N " FROM notifications n LEFT JOIN hospitals h ON h.id = n.hospital_id "

/* Masks the address in "to" (null when there is none). */
static struct px_rec *mask_to(struct px_rec *r)
{
	set_masked(r, "to", px_rec_get(r, "to"));
	return r;
}

/* The message with this row id as a record of type, from the columns
 * cols; PX_ESTORE when the row is gone. */
static int message_by_id(struct px_store *st, int64_t id, const char *type, const char *sql,
			 struct px_rec **out, struct px_err *err)
{
	*out = NULL;
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*out = px_stmt_rec(s, type, NULL);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "message %lld vanished", (long long)id);
	return PX_OK;
}

static int result_rec(struct px_store *st, int64_t id, struct px_rec **out, struct px_err *err)
{
	return message_by_id(st, id, "notification.result",
			     "SELECT " RESULT_COLS ", n.held AS held FROM notifications n "
			     "WHERE n.id = ?1", out, err);
}

/* Emits the result of message id; *held (may be NULL) copies why it
 * waits without an attempt, "" when it does not. */
static int emit_result(struct px_ctx *cx, int64_t id, int duplicate, struct px_rec **out,
		       struct px_err *err)
{
	int rc = result_rec(cx->st, id, out, err);
	if (rc)
		return rc;
	struct px_rec *r = *out;
	const char *held = px_rec_get(r, "held");
	char *keep = held ? px_xstrdup(held) : NULL;
	px_rec_del(r, "held");
	if (duplicate)
		px_rec_set_bool(r, "duplicate", 1);
	rc = px_emit(cx, r, err);
	if (keep)
		px_rec_set_str(r, "held", keep); /* after the record went out */
	free(keep);
	return rc;
}

/*
 * Emits the result of message id and reports what became of it: a
 * message that failed, bounced or is unknown is rejected (status 1), one
 * waiting for a channel px cannot use yet is status 4, one waiting for a
 * retry after a transport failure is status 5; the verb goes on with the
 * others either way.
 */
static int report(struct px_ctx *cx, int64_t id, int duplicate, struct px_err *err)
{
	struct px_rec *r = NULL;
	int rc = emit_result(cx, id, duplicate, &r, err);
	if (!r)
		return rc;
	const char *st = px_rec_get(r, "status"), *e = px_rec_get(r, "error");
	const char *held = px_rec_get(r, "held"), *why = px_rec_get(r, "reason");
	struct px_err w;
	px_err_clear(&w);
	if (!strcmp(st, "failed") || !strcmp(st, "unknown") || !strcmp(st, "bounced")) {
		px_fail(&w, PX_EREJECT, "%s: %s: %s", px_rec_get(r, "id"), st,
			e ? e : "no reason given");
		px_reject(cx, &w);
	} else if (!strcmp(st, "pending") && held && !strcmp(held, "config") && !duplicate) {
		px_fail(&w, PX_EINPUT, "%s: waiting: %s", px_rec_get(r, "id"),
			why ? why : "its channel cannot be used");
		px_reject(cx, &w);
	} else if (!strcmp(st, "pending") && e && !held && !duplicate) {
		px_fail(&w, PX_ESTORE, "%s: will retry: %s", px_rec_get(r, "id"), e);
		px_reject(cx, &w);
	}
	px_rec_free(r);
	return rc;
}

/* ---------- sending ---------- */

/* Claims message id when it is pending and due; *got says whether it
 * was claimed. */
static int claim(struct sender *n, int64_t id, int *got, struct px_err *err)
{
	char t[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(n->cx), t);
	*got = 0;
	int rc = px_store_begin(n->st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET state = 'sending', claim_token = ?2, claimed_at = ?3, "
		"attempts = attempts + 1, updated_at = ?3 "
		"WHERE id = ?1 AND state = 'pending' AND next_attempt_at <= ?3", err);
	if (!s)
		return rollback_on(n->st, err->code);
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, n->claim);
	px_stmt_text(s, 3, t);
	if ((rc = px_stmt_run(s, err)))
		return rollback_on(n->st, rc);
	*got = px_store_changes(n->st) > 0;
	return rollback_on(n->st, px_store_commit(n->st, err));
}

/* A claimed message, as the sender needs it: what it sends, and what a
 * move to another channel prepares it again from. */
struct row {
	struct px_rec *rec;          /* the columns, by name */
	const char *pid, *channel, *template, *address, *subject, *body, *html, *key;
	const char *link;            /* the secret link's JSON, or NULL */
	enum px_channel ch;
	int64_t patient_id, expires;
	long long attempts;
	int is_patient;
	char *text, *html_text, *subject_text; /* with the link, when made */
};

static void row_free(struct row *r)
{
	px_rec_free(r->rec);
	free(r->text);
	free(r->html_text);
	free(r->subject_text);
}

static const char *col(const struct row *r, const char *name)
{
	const char *v = px_rec_get(r->rec, name);
	return v ? v : "";
}

#define ROW_SQL \
	"SELECT n.public_id AS pid, n.channel AS channel, n.template AS template, " \
	"n.address AS address, n.subject AS subject, n.body AS body, n.html AS html, " \
	"n.key AS key, n.patient_id AS patient_id, n.attempts AS attempts, " \
	"n.recipient AS recipient, n.link AS link, n.expires_at AS expires_at, " \
	"n.created_at AS created_at, n.last_error AS last_error, n.reason AS reason, " \
	"n.language AS language, n.vars AS vars, n.object_type AS object_type, " \
	"n.object_id AS object, h.code AS hospital, p.public_id AS patient, u.name AS user " \
	"FROM notifications n LEFT JOIN hospitals h ON h.id = n.hospital_id " \
	"LEFT JOIN patients p ON p.id = n.patient_id LEFT JOIN users u ON u.id = n.user_id " \
	"WHERE n.id = ?1"

static int load_row(struct sender *n, int64_t id, struct row *r, struct px_err *err)
{
	memset(r, 0, sizeof *r);
	struct px_stmt *s = px_stmt_prepare(n->st, ROW_SQL, err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		r->rec = px_stmt_rec(s, NULL, NULL);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "message %lld vanished", (long long)id);
	r->pid = col(r, "pid");
	r->channel = col(r, "channel");
	r->template = col(r, "template");
	r->address = col(r, "address");
	r->subject = col(r, "subject");
	r->body = col(r, "body");
	r->html = px_rec_get(r->rec, "html");
	r->key = col(r, "key");
	r->link = px_rec_get(r->rec, "link");
	long long v = 0;
	r->patient_id = px_rec_get_int(r->rec, "patient_id", &v) ? 0 : v;
	r->attempts = px_rec_get_int(r->rec, "attempts", &v) ? 0 : v;
	r->is_patient = !strcmp(col(r, "recipient"), "patient");
	int ch = px_channel_parse(r->channel);
	r->ch = ch < 0 ? PX_CH_SMS : (enum px_channel)ch; /* the schema allows no other */
	/* messages stored before expiry was recorded expire from their creation */
	if (px_time_parse(col(r, "expires_at"), &r->expires)) {
		px_time_parse(col(r, "created_at"), &r->expires);
		r->expires += n->expire_hours * 3600;
	}
	return PX_OK;
}

/* What a finished attempt records. */
struct outcome {
	const char *state;      /* pending needs next */
	int64_t next;
	int attempts_delta;     /* -1 undoes the claim's count: nothing was attempted */
	const char *error, *reason, *provider_id;
	const char *held;       /* why it waits without an attempt, or NULL */
};

/* Records the outcome of a claimed message, if this sender still holds
 * the claim, with its audit event unless it stays pending. */
static int finish(struct sender *n, int64_t id, const struct row *r, const struct outcome *o,
		  struct px_err *err)
{
	char t[PX_TIME_UTC_LEN], na[PX_TIME_UTC_LEN];
	int64_t t0 = px_now(n->cx);
	px_time_format_utc(t0, t);
	px_time_format_utc(o->next ? o->next : t0, na);
	int rc = px_store_begin(n->st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET state = ?3, next_attempt_at = ?4, attempts = attempts + ?5, "
		"last_error = coalesce(?6, last_error), "
		"reason = coalesce(?7, CASE WHEN channel <> requested_channel THEN reason END), "
		"provider_id = coalesce(?8, provider_id), "
		"sent_at = CASE WHEN ?3 = 'sent' THEN ?9 ELSE sent_at END, held = ?10, "
		"claim_token = NULL, claimed_at = NULL, updated_at = ?9 "
		"WHERE id = ?1 AND claim_token = ?2 AND state = 'sending'", err);
	if (!s)
		return rollback_on(n->st, err->code);
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, n->claim);
	px_stmt_text(s, 3, o->state);
	px_stmt_text(s, 4, na);
	px_stmt_int(s, 5, o->attempts_delta);
	px_stmt_text(s, 6, o->error && *o->error ? o->error : NULL);
	px_stmt_text(s, 7, o->reason && *o->reason ? o->reason : NULL);
	px_stmt_text(s, 8, o->provider_id && *o->provider_id ? o->provider_id : NULL);
	px_stmt_text(s, 9, t);
	px_stmt_text(s, 10, o->held);
	if ((rc = px_stmt_run(s, err)))
		return rollback_on(n->st, rc);
	if (px_store_changes(n->st) && strcmp(o->state, "pending")) {
		char action[64];
		snprintf(action, sizeof action, "notification_%s", o->state);
		rc = audit(n->cx, action, r->pid,
			   details(r->channel, r->template, r->attempts + o->attempts_delta, o->error),
			   err);
		if (rc)
			return rollback_on(n->st, rc);
	}
	return rollback_on(n->st, px_store_commit(n->st, err));
}

/* The channel's next sending slot, reserved in the store so that every
 * sender at once shares the rate: 1 and *slot (wall-clock microseconds),
 * or 0 when the store could not be used. */
static int reserve_slot(struct sender *n, const char *channel, int64_t now_us, int64_t gap_us,
			int64_t *slot)
{
	struct px_err e;
	px_err_clear(&e);
	if (px_store_begin(n->st, &e))
		return 0;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"SELECT next_us FROM notify_rate WHERE channel = ?1", &e);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, channel);
	int rc = px_stmt_step(s, &e);
	*slot = now_us;
	if (rc == 1 && px_stmt_col_int(s, 0) > now_us)
		*slot = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	if (rc < 0)
		goto fail;
	s = px_stmt_prepare(n->st, "INSERT INTO notify_rate (channel, next_us) VALUES (?1, ?2) "
			    "ON CONFLICT (channel) DO UPDATE SET next_us = excluded.next_us", &e);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, channel);
	px_stmt_int(s, 2, *slot + gap_us);
	if (px_stmt_run(s, &e) || px_store_commit(n->st, &e))
		goto fail;
	return 1;
fail:
	px_store_rollback(n->st);
	return 0;
}

/* Waits so that the channel stays under its rate per minute, across
 * every sender; a sender that cannot reach the store paces itself. */
static void pace(struct sender *n, enum px_channel ch)
{
	if (!n->rate[ch])
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now_us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, slot;
	int64_t gap_us = 60000000 / n->rate[ch];
	double wait;
	if (reserve_slot(n, px_channel_name(ch), now_us, gap_us, &slot)) {
		wait = (double)(slot - now_us) / 1e6;
	} else {
		double t = mono();
		wait = n->last_send[ch] > 0 ? (double)gap_us / 1e6 - (t - n->last_send[ch]) : 0;
	}
	if (wait > 0) {
		struct timespec w = { (time_t)wait, (long)((wait - floor(wait)) * 1e9) };
		nanosleep(&w, NULL);
	}
	n->last_send[ch] = mono();
}

/* Whether px can send on the channel now (its transport is configured):
 * PX_OK, or PX_EINPUT with why. */
static int usable(const struct sender *n, enum px_channel ch, struct px_err *err)
{
	if (ch == PX_CH_EMAIL)
		return px_smtp_check(n->cfg, err);
	return px_gateway_check(n->cfg, px_channel_name(ch), err);
}

/* ---------- moving a message to another channel ---------- */

/* The notification record the claimed message was made from, for the
 * channel ch (caller frees); NULL when it named an address of another
 * kind and no recipient to look one up for. */
static struct px_rec *row_record(const struct row *r, enum px_channel ch)
{
	const char *pat = px_rec_get(r->rec, "patient"), *usr = px_rec_get(r->rec, "user");
	if (!pat && !usr && px_channel_is_phone(ch) != px_channel_is_phone(r->ch))
		return NULL;
	struct px_rec *in = px_rec_new("notification");
	px_rec_set_str(in, "key", r->key);
	px_rec_set_str(in, "channel", px_channel_name(ch));
	if (pat)
		px_rec_set_str(in, "patient", pat);
	else if (usr)
		px_rec_set_str(in, "user", usr);
	else
		px_rec_set_str(in, "to", r->address);
	px_rec_set_str(in, "language", col(r, "language"));
	px_rec_set_str(in, "template", r->template);
	if (px_rec_set_json(in, "vars", col(r, "vars")))
		px_rec_set_json(in, "vars", "{}");
	const char *ot = px_rec_get(r->rec, "object_type"), *ob = px_rec_get(r->rec, "object");
	const char *h = px_rec_get(r->rec, "hospital");
	if (ot)
		px_rec_set_str(in, "object_type", ot);
	if (ob)
		px_rec_set_str(in, "object", ob);
	if (h)
		px_rec_set_str(in, "hospital", h);
	return in;
}

/* Writes the message m prepared for another channel over the claimed
 * one, pending, with its audit event. */
static int rewrite(struct sender *n, int64_t id, const struct row *r, const struct px_notify_msg *m,
		   const char *why, const char *error, struct px_err *err)
{
	char t[PX_TIME_UTC_LEN], next[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(n->cx), t);
	px_time_format_utc(m->next_attempt, next);
	int rc = px_store_begin(n->st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET channel = ?3, address = ?4, subject = ?5, body = ?6, "
		"html = ?7, segments = ?8, state = 'pending', attempts = 0, last_error = ?9, "
		"reason = ?10, held = ?11, next_attempt_at = ?12, claim_token = NULL, "
		"claimed_at = NULL, updated_at = ?13 "
		"WHERE id = ?1 AND claim_token = ?2 AND state = 'sending'", err);
	if (!s)
		return rollback_on(n->st, err->code);
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, n->claim);
	px_stmt_text(s, 3, m->channel);
	px_stmt_text(s, 4, m->address);
	px_stmt_text(s, 5, m->subject);
	px_stmt_text(s, 6, m->body);
	px_stmt_text(s, 7, m->html);
	if (m->segments)
		px_stmt_int(s, 8, m->segments);
	px_stmt_text(s, 9, error && *error ? error : NULL);
	px_stmt_text(s, 10, why);
	px_stmt_text(s, 11, m->held);
	px_stmt_text(s, 12, next);
	px_stmt_text(s, 13, t);
	if ((rc = px_stmt_run(s, err)) ||
	    (rc = audit(n->cx, "notification_fallback", r->pid,
			details(m->channel, r->template, -1, error), err)) ||
	    (rc = px_store_commit(n->st, err)))
		return rollback_on(n->st, rc);
	return PX_OK;
}

/* Moves the claimed message to channel ch when its recipient can be
 * reached there (an address, no opt-out): *moved says whether it did. */
static int move_to(struct sender *n, int64_t id, const struct row *r, enum px_channel ch,
		   const char *why, const char *error, int *moved, struct px_err *err)
{
	*moved = 0;
	struct px_rec *in = row_record(r, ch);
	if (!in)
		return PX_OK;
	struct px_notify_link l;
	char *own = NULL, *url = NULL;
	struct px_err e;
	px_err_clear(&e);
	int rc = r->link ? px_notify_link_parse(r->link, &l, &own, &e) : PX_OK;
	if (!rc && r->link)
		rc = px_notify_link_url(n->cfg, &l, &url, &e);
	struct px_notify_msg m = { 0 };
	if (!rc)
		rc = prepare(n->cx, in, r->link ? &l : NULL, url, &m, &e);
	if (rc == PX_ESTORE) {
		*err = e;
	} else if (!rc && !strcmp(m.state, "pending")) {
		rc = rewrite(n, id, r, &m, why, error, err);
		*moved = !rc;
	} else {
		rc = PX_OK; /* not reachable there: the next channel, if any */
	}
	px_notify_msg_free(&m);
	px_rec_free(in);
	free(url);
	free(own);
	return rc;
}

/* Tries the channels after the message's own in notify.fallback whose
 * transport px can use; *moved when one took it.  how says what became
 * of the channel ("failed", "unavailable"), error why. */
static int fall_back(struct sender *n, int64_t id, const struct row *r, const char *how,
		     const char *error, int *moved, struct px_err *err)
{
	*moved = 0;
	int at = -1;
	for (int i = 0; i < n->norder; i++)
		if (n->order[i] == (int)r->ch)
			at = i;
	for (int i = at < 0 ? n->norder : at + 1; i < n->norder && !*moved; i++) {
		struct px_err e;
		px_err_clear(&e);
		enum px_channel to = (enum px_channel)n->order[i];
		if (usable(n, to, &e))
			continue;
		char why[128];
		snprintf(why, sizeof why, "%s %s: sent by %s", r->channel, how, px_channel_name(to));
		int rc = move_to(n, id, r, to, why, error, moved, err);
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* ---------- one attempt ---------- */

static int attempt(struct sender *n, int64_t id, struct px_err *err);

/* After a move to another channel: sends it there at once if it is due. */
static int again(struct sender *n, int64_t id, struct px_err *err)
{
	int got;
	int rc = claim(n, id, &got, err);
	return rc || !got ? rc : attempt(n, id, err);
}

/* Fails a message not sent within notify.expire_hours, without an
 * attempt. */
static int expire(struct sender *n, int64_t id, const struct row *r, struct px_err *err)
{
	const char *last = px_rec_get(r->rec, "last_error"), *why = px_rec_get(r->rec, "reason");
	char text[600];
	snprintf(text, sizeof text, "expired: not sent within %lld hours%s%s%s", n->expire_hours,
		 last || why ? " (" : "", last ? last : why ? why : "", last || why ? ")" : "");
	struct outcome o = { "failed", 0, -1, text, NULL, NULL, NULL };
	return finish(n, id, r, &o, err);
}

/* Holds a message whose channel px cannot use now (why): pending, due
 * again at once, so that the next drain tries it; nothing attempted. */
static int wait_for_channel(struct sender *n, int64_t id, const struct row *r, const char *why,
			    struct px_err *err)
{
	struct outcome o = { "pending", px_now(n->cx), -1, NULL, why, NULL, "config" };
	return finish(n, id, r, &o, err);
}

/* Rules that may have changed since the message was queued: a patient's
 * death fails it, an opt-out or quiet hours hold it without an attempt.
 * *held says whether they did. */
static int hold(struct sender *n, int64_t id, const struct row *r, int64_t t0, int *held,
		struct px_err *err)
{
	int64_t until;
	char why[96];
	*held = 1;
	int out = r->patient_id ? opted_out(n->st, r->patient_id, r->ch, err) : 0;
	if (out < 0)
		return -out;
	if (out == 2) { /* belt and braces: the death withdrew it already */
		struct outcome o = { "failed", 0, -1, PX_PATIENT_DECEASED_REASON,
				     PX_PATIENT_DECEASED_REASON, NULL, NULL };
		return finish(n, id, r, &o, err);
	}
	if (r->is_patient && px_notify_quiet(n->quiet_from, n->quiet_to, t0, &until)) {
		char l[PX_TIME_LOCAL_LEN];
		px_time_format_local(until, l);
		snprintf(why, sizeof why, "quiet hours until %s", l);
		struct outcome o = { "pending", until, -1, NULL, why, NULL, "quiet_hours" };
		return finish(n, id, r, &o, err);
	}
	if (out) {
		snprintf(why, sizeof why, "patient opted out of %s", r->channel);
		struct outcome o = { "suppressed", 0, -1, NULL, why, NULL, NULL };
		return finish(n, id, r, &o, err);
	}
	*held = 0;
	return PX_OK;
}

/* The texts as they go out: the secret link made and put in its place.
 * PX_EINPUT (err says why) when it cannot be made. */
static int make_texts(struct sender *n, struct row *r, struct px_err *err)
{
	if (!r->link)
		return PX_OK;
	struct px_notify_link l;
	char *own = NULL, *url = NULL;
	int rc = px_notify_link_parse(r->link, &l, &own, err);
	if (!rc)
		rc = px_notify_link_url(n->cfg, &l, &url, err);
	if (!rc) {
		r->text = px_notify_link_fill(r->body, url, PX_TPL_PLAIN);
		r->subject_text = px_notify_link_fill(r->subject, url, PX_TPL_PLAIN);
		r->html_text = px_notify_link_fill(r->html, url, PX_TPL_HTML);
	}
	free(url);
	free(own);
	return rc;
}

/* One attempt at the transport: PX_OK with res filled (whatever became of
 * it), or PX_EINPUT when the channel's configuration is unusable. */
static int transport(struct sender *n, const struct row *r, int64_t t0,
		     struct px_send_result *res, struct px_err *err)
{
	pace(n, r->ch);
	const char *text = r->text ? r->text : r->body;
	int rc;
	if (r->ch == PX_CH_EMAIL) {
		struct px_mail mail = { r->address, r->subject_text ? r->subject_text : r->subject,
					text, r->html_text ? r->html_text : r->html, r->pid, t0 };
		rc = px_smtp_send(n->cfg, &mail, res, err);
	} else {
		struct px_gateway_msg gm = { r->channel, r->address, text, r->key, r->pid };
		rc = px_gateway_send(n->cfg, &gm, res, err);
	}
	return rc ? PX_EINPUT : PX_OK;
}

/* After a transient failure: pending until the next step of the
 * schedule, or failed when the message would expire first or
 * notify.max_attempts is reached. */
static int after_retry(struct sender *n, int64_t id, struct row *r,
		       const struct px_send_result *res, int64_t t0, struct px_err *err)
{
	char why[600];
	if (!n->max_attempts || r->attempts < n->max_attempts) {
		int64_t next = t0 + retry_delay(n, r->attempts);
		if (next > r->expires)
			next = r->expires; /* one more attempt as it expires */
		if (next > t0) {
			struct outcome o = { "pending", next, 0, res->error, NULL, NULL, NULL };
			return finish(n, id, r, &o, err);
		}
		snprintf(why, sizeof why, "expired: not sent within %lld hours (%s, %lld attempts)",
			 n->expire_hours, res->error, r->attempts);
		struct outcome o = { "failed", 0, 0, why, NULL, NULL, NULL };
		return finish(n, id, r, &o, err);
	}
	int moved;
	int rc = fall_back(n, id, r, "failed", res->error, &moved, err);
	if (rc || moved)
		return rc ? rc : again(n, id, err);
	snprintf(why, sizeof why, "%s (after %lld attempts)", res->error, r->attempts);
	struct outcome o = { "failed", 0, 0, why, NULL, NULL, NULL };
	return finish(n, id, r, &o, err);
}

/* Records what the transport said: sent, pending for a retry, moved to
 * the next channel of the fallback order (and sent there at once), or
 * failed. */
static int after_send(struct sender *n, int64_t id, struct row *r, const struct px_send_result *res,
		      int64_t t0, struct px_err *err)
{
	if (res->outcome == PX_SEND_OK) {
		struct outcome o = { "sent", 0, 0, NULL, NULL, res->provider_id, NULL };
		return finish(n, id, r, &o, err);
	}
	if (res->outcome == PX_SEND_RETRY)
		return after_retry(n, id, r, res, t0, err);
	int moved;
	int rc = fall_back(n, id, r, "failed", res->error, &moved, err);
	if (rc || moved)
		return rc ? rc : again(n, id, err);
	struct outcome o = { "failed", 0, 0, res->error, NULL, NULL, NULL };
	return finish(n, id, r, &o, err);
}

/* A channel px cannot use (why): the next one of the fallback order, or
 * the message waits. */
static int unusable(struct sender *n, int64_t id, const struct row *r, const char *why,
		    struct px_err *err)
{
	int moved;
	int rc = fall_back(n, id, r, "unavailable", why, &moved, err);
	if (rc || moved)
		return rc ? rc : again(n, id, err);
	return wait_for_channel(n, id, r, why, err);
}

/*
 * Sends a claimed message and records the outcome.  A message past its
 * expiry fails; one that quiet hours or an opt-out hold is released
 * without an attempt; one whose channel px cannot use goes to the next
 * channel of the fallback order, or waits.
 */
static int attempt(struct sender *n, int64_t id, struct px_err *err)
{
	struct row r;
	int rc = load_row(n, id, &r, err);
	int64_t t0 = px_now(n->cx);
	int held = 0;
	if (!rc && t0 > r.expires) {
		rc = expire(n, id, &r, err);
		held = 1;
	}
	if (!rc && !held)
		rc = hold(n, id, &r, t0, &held, err);
	if (!rc && !held) {
		struct px_err why;
		px_err_clear(&why);
		struct px_send_result res;
		if (usable(n, r.ch, &why) || make_texts(n, &r, &why) ||
		    transport(n, &r, t0, &res, &why))
			rc = unusable(n, id, &r, why.text, err);
		else
			rc = after_send(n, id, &r, &res, t0, err);
	}
	row_free(&r);
	return rc;
}

/* Sends message id at once if it is pending and due. */
static int send_now(struct px_ctx *cx, int64_t id, struct px_err *err)
{
	struct sender n;
	int rc = sender_open(&n, cx, err);
	if (rc)
		return rc;
	int got;
	rc = claim(&n, id, &got, err);
	return rc || !got ? rc : attempt(&n, id, err);
}

/* ---------- notification records ---------- */

enum mode { SEND, QUEUE, DRY_RUN };

/* Whether the acting user may send message id: staff in its hospital,
 * a px_admin for a message that names none. */
static int may_send(struct px_ctx *cx, int64_t id, char pid[PX_ID_LEN], struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT n.public_id, n.hospital_id, h.code "
		"FROM notifications n LEFT JOIN hospitals h ON h.id = n.hospital_id WHERE n.id = ?1",
		err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	int64_t hid = 0;
	char code[64] = "";
	if (rc == 1) {
		px_strlcpy(pid, px_stmt_col_text(s, 0), PX_ID_LEN);
		hid = px_stmt_col_int(s, 1);
		px_strlcpy(code, px_stmt_col_text(s, 2), sizeof code);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "message %lld vanished", (long long)id);
	if (!hid)
		return px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_NONE,
				       "send a notification that names no hospital", err)
			? PX_EPERM : PX_OK;
	char what[128];
	snprintf(what, sizeof what, "notify for hospital '%s'", code);
	return px_auth_require(cx->actor, PX_ROLE_STAFF, hid, what, err) ? PX_EPERM : PX_OK;
}

/* A record whose key is in the outbox already: sent when it is pending
 * and due (SEND), reported either way.  It is a duplicate unless it
 * names the message's id, as a producer's record does. */
static int hand_over(struct px_rec *in, struct px_ctx *cx, int64_t id, enum mode mode,
		     struct px_err *err)
{
	char pid[PX_ID_LEN];
	int rc = may_send(cx, id, pid, err);
	if (rc)
		return rc;
	const char *named = px_rec_get(in, "id");
	int dup = !named || strcmp(named, pid);
	if (mode == SEND && (rc = send_now(cx, id, err)))
		return rc;
	return report(cx, id, dup, err);
}

/* Prepares one notification and stores, sends or previews it. */
static int handle(struct px_rec *in, struct px_ctx *cx, enum mode mode, struct px_err *err)
{
	const char *key = px_rec_get(in, "key");
	if (mode != DRY_RUN && key && *key) {
		int64_t id;
		int found = find_key(cx->st, key, &id, err);
		if (found < 0)
			return -found;
		if (found)
			return hand_over(in, cx, id, mode, err);
	}
	struct px_notify_msg m;
	int rc = px_notify_prepare(cx, in, &m, err);
	if (rc || mode == DRY_RUN) {
		if (!rc) {
			struct px_rec *p = px_notify_preview(&m);
			rc = px_emit(cx, p, err);
			px_rec_free(p);
		}
		px_notify_msg_free(&m);
		return rc;
	}
	int64_t id;
	int dup;
	rc = px_notify_store(cx, &m, &id, &dup, err);
	px_notify_msg_free(&m);
	if (!rc && !dup && mode == SEND)
		rc = send_now(cx, id, err);
	return rc ? rc : report(cx, id, dup, err);
}

int px_notify_send(struct px_rec *r, void *cx, struct px_err *err)
{
	return handle(r, cx, SEND, err);
}

int px_notify_queue(struct px_rec *r, void *cx, struct px_err *err)
{
	return handle(r, cx, QUEUE, err);
}

int px_notify_dry_run(struct px_rec *r, void *cx, struct px_err *err)
{
	return handle(r, cx, DRY_RUN, err);
}

/* ---------- receipts ---------- */

/* What a receipt applies to. */
struct target {
	int64_t id, hospital_id;
	char pid[PX_ID_LEN], state[16], channel[16], template[64];
	long long attempts;
};

/* The message a receipt names by provider id or id: 1 found, 0 not, or
 * a negative status. */
static int find_target(struct px_store *st, const char *prov, const char *mid, struct target *t,
		       struct px_err *err)
{
	memset(t, 0, sizeof *t);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, state, channel, template, attempts, hospital_id "
		"FROM notifications WHERE (CAST(?1 AS TEXT) IS NOT NULL AND provider_id = ?1) "
		"OR (CAST(?2 AS TEXT) IS NOT NULL AND public_id = ?2)", err);
	if (!s)
		return -err->code;
	px_stmt_text(s, 1, prov);
	px_stmt_text(s, 2, mid);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		t->id = px_stmt_col_int(s, 0);
		px_strlcpy(t->pid, px_stmt_col_text(s, 1), sizeof t->pid);
		px_strlcpy(t->state, px_stmt_col_text(s, 2), sizeof t->state);
		px_strlcpy(t->channel, px_stmt_col_text(s, 3), sizeof t->channel);
		px_strlcpy(t->template, px_stmt_col_text(s, 4), sizeof t->template);
		t->attempts = px_stmt_col_int(s, 5);
		t->hospital_id = px_stmt_col_int(s, 6);
	}
	px_stmt_reset(s);
	return rc < 0 ? -err->code : rc;
}

/* Checks a receipt and the message it names against the acting user
 * and the message's state, inside the transaction: PX_OK to apply it,
 * -1 when it repeats what is recorded already (nothing to do). */
static int receipt_applies(struct px_ctx *cx, const char *prov, const char *mid,
			   const char *status, struct target *t, struct px_err *err)
{
	int rc = find_target(cx->st, prov, mid, t, err);
	if (rc < 0)
		return -rc;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "no message with %s '%s'",
			       prov ? "provider id" : "id", prov ? prov : mid);
	char what[96];
	snprintf(what, sizeof what, "update message '%s'", t->pid);
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, t->hospital_id ? t->hospital_id : PX_SCOPE_NONE,
			    what, err))
		return PX_EPERM;
	if (!strcmp(t->state, status))
		return -1; /* the same receipt again */
	if (strcmp(t->state, "sent") && strcmp(t->state, "unknown") && strcmp(t->state, "delivered"))
		return px_fail(err, PX_EREJECT,
			       "message '%s' is %s: a receipt applies only to a sent message",
			       t->pid, t->state);
	return PX_OK;
}

/* Marks the message as the receipt says, with its audit event. */
static int apply_receipt(struct px_ctx *cx, const struct target *t, const char *status,
			 int64_t when, const char *error, struct px_err *err)
{
	char ts[PX_TIME_UTC_LEN], t0[PX_TIME_UTC_LEN];
	px_time_format_utc(when, ts);
	px_time_format_utc(px_now(cx), t0);
	struct px_stmt *s = px_stmt_prepare(cx->st, "UPDATE notifications SET state = ?2, "
		"receipt_at = ?3, last_error = CASE WHEN ?2 = 'delivered' THEN last_error ELSE ?4 END, "
		"updated_at = ?5 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, t->id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, ts);
	px_stmt_text(s, 4, error && *error ? error : NULL);
	px_stmt_text(s, 5, t0);
	int rc = px_stmt_run(s, err);
	if (rc)
		return rc;
	char action[64];
	snprintf(action, sizeof action, "notification_%s", status);
	return audit(cx, action, t->pid, details(t->channel, t->template, t->attempts, error), err);
}

int px_notify_receipt(struct px_rec *in, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *prov = px_rec_get(in, "provider_id"), *mid = px_rec_get(in, "id");
	const char *status = px_rec_get(in, "status"), *when = px_rec_get(in, "time");
	const char *error = px_rec_get(in, "error");
	prov = prov && *prov ? prov : NULL;
	mid = mid && *mid ? mid : NULL;
	if (!prov && !mid)
		return px_fail(err, PX_EREJECT, "receipt needs 'provider_id' or 'id'");
	if (!status || (strcmp(status, "delivered") && strcmp(status, "failed") &&
			strcmp(status, "bounced")))
		return px_fail(err, PX_EREJECT, "receipt status must be delivered, failed or bounced");
	int64_t t = px_now(cx);
	if (when && *when && px_time_parse(when, &t))
		return px_fail(err, PX_EREJECT, "receipt time is not ISO 8601: '%s'", when);
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	struct target tg;
	rc = receipt_applies(cx, prov, mid, status, &tg, err);
	if (rc == -1) {
		px_store_rollback(cx->st);
		return report(cx, tg.id, 0, err);
	}
	if (!rc)
		rc = apply_receipt(cx, &tg, status, t, error, err);
	if (!rc)
		rc = px_store_commit(cx->st, err);
	if (rc)
		return rollback_on(cx->st, rc);
	return report(cx, tg.id, 0, err);
}

/* ---------- draining ---------- */

/* A message a dead sender left claimed. */
struct stuck {
	int64_t id;
	char pid[PX_ID_LEN], channel[16], template[64];
	long long attempts;
	int safe; /* the channel's after_crash policy is resend */
};

struct stuck_list {
	struct sender *n;
	struct stuck *v;
	size_t len;
};

static int add_stuck(struct px_stmt *s, void *ctx)
{
	struct stuck_list *l = ctx;
	l->v = px_xrealloc(l->v, (l->len + 1) * sizeof *l->v);
	struct stuck *k = &l->v[l->len++];
	k->id = px_stmt_col_int(s, 0);
	px_strlcpy(k->pid, px_stmt_col_text(s, 1), sizeof k->pid);
	px_strlcpy(k->channel, px_stmt_col_text(s, 2), sizeof k->channel);
	px_strlcpy(k->template, px_stmt_col_text(s, 3), sizeof k->template);
	k->attempts = px_stmt_col_int(s, 4);
	k->safe = px_notify_after_crash_resend(l->n->cfg, k->channel);
	return 0;
}

/*
 * What a message left claimed by a sender that died gets, by its
 * channel's after_crash key: "resend" sends it again under the same key
 * (the gateway's idempotency header and the body's reference) or the same
 * Message-ID, "hold" makes it unknown for a person to check with the
 * provider.  Unset, a gateway resends only when it takes an idempotency
 * key, and e-mail resends (a mail system keeps one of two copies with the
 * same Message-ID, and a patient who got two has lost nothing).
 */
int px_notify_after_crash_resend(const struct px_config *cfg, const char *channel)
{
	char key[32];
	snprintf(key, sizeof key, "%s.after_crash", channel);
	const char *v = px_config_str(cfg, key);
	if (v)
		return !strcmp(v, "resend");
	return px_channel_parse(channel) != PX_CH_EMAIL && px_gateway_idempotent(cfg, channel);
}

/* Puts one stuck message back to pending, or makes it unknown. */
static int release_stuck(struct sender *n, const struct stuck *k, const char *at,
			 struct px_err *err)
{
	const char *why = !k->safe
		? "a sender stopped during an attempt that may have reached the provider: "
		  "held for a person to check with the provider (px-notify retry sends it again)"
		: px_channel_parse(k->channel) == PX_CH_EMAIL
		? "a sender stopped during an attempt; resent with the same Message-ID"
		: "a sender stopped during an attempt; resent with the same idempotency key";
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET state = ?2, last_error = ?3, next_attempt_at = ?4, "
		"claim_token = NULL, claimed_at = NULL, updated_at = ?4 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, k->id);
	px_stmt_text(s, 2, k->safe ? "pending" : "unknown");
	px_stmt_text(s, 3, why);
	px_stmt_text(s, 4, at);
	int rc = px_stmt_run(s, err);
	if (!rc && !k->safe)
		rc = audit(n->cx, "notification_unknown", k->pid,
			   details(k->channel, k->template, k->attempts, why), err);
	return rc;
}

/*
 * Messages of the acting user's hospitals left 'sending' longer than the
 * lease by a sender that died: back to pending when the channel's
 * after_crash policy resends, otherwise 'unknown' (and reported).
 */
static int recover(struct sender *n, struct px_err *err)
{
	char t[PX_TIME_UTC_LEN], cutoff[PX_TIME_UTC_LEN];
	int64_t t0 = px_now(n->cx);
	px_time_format_utc(t0, t);
	px_time_format_utc(t0 - n->lease, cutoff);
	int rc = px_store_begin(n->st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"SELECT n.id, n.public_id, n.channel, n.template, n.attempts FROM notifications n "
		"WHERE n.state = 'sending' AND n.claimed_at <= ?1 AND" IN_SCOPE("?2")
		" ORDER BY n.id", err);
	if (!s)
		return rollback_on(n->st, err->code);
	px_stmt_text(s, 1, cutoff);
	bind_scope(s, 2, n->cx);
	struct stuck_list l = { n, NULL, 0 };
	rc = px_stmt_each(s, add_stuck, &l, err);
	for (size_t i = 0; i < l.len && !rc; i++)
		rc = release_stuck(n, &l.v[i], t, err);
	if (!rc)
		rc = px_store_commit(n->st, err);
	if (rc) {
		free(l.v);
		return rollback_on(n->st, rc);
	}
	for (size_t i = 0; i < l.len && !rc; i++)
		if (!l.v[i].safe)
			rc = report(n->cx, l.v[i].id, 0, err);
	free(l.v);
	return rc;
}

struct due_ctx {
	struct px_ctx *cx;
	struct px_err *err;
	int rc;
};

static int preview_due(struct px_stmt *s, void *ctx)
{
	struct due_ctx *d = ctx;
	struct px_rec *r = mask_to(px_stmt_rec(s, "notification.preview", NULL));
	d->rc = px_emit(d->cx, r, d->err);
	px_rec_free(r);
	return d->rc;
}

/* Emits the preview of each due message of the acting user's hospitals,
 * claiming none. */
static int preview_all_due(struct px_ctx *cx, struct px_err *err)
{
	char t[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), t);
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT " PREVIEW_COLS
		" FROM notifications n WHERE n.state = 'pending' AND n.next_attempt_at <= ?1 AND"
		IN_SCOPE("?2") " ORDER BY n.next_attempt_at, n.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, t);
	bind_scope(s, 2, cx);
	struct due_ctx d = { cx, err, PX_OK };
	int rc = px_stmt_each(s, preview_due, &d, err);
	return d.rc ? d.rc : rc;
}

static int add_id(struct px_stmt *s, void *vids)
{
	struct px_buf *ids = vids;
	int64_t id = px_stmt_col_int(s, 0);
	px_buf_add(ids, &id, sizeof id);
	return 0;
}

/* The row ids of the pending messages of the acting user's hospitals
 * that are due now, in the order they are sent. */
static int due_ids(struct px_ctx *cx, struct px_buf *ids, struct px_err *err)
{
	char t[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), t);
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT n.id FROM notifications n "
		"WHERE n.state = 'pending' AND n.next_attempt_at <= ?1 AND" IN_SCOPE("?2")
		" ORDER BY n.next_attempt_at, n.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, t);
	bind_scope(s, 2, cx);
	return px_stmt_each(s, add_id, ids, err);
}

int px_notify_drain(struct px_ctx *cx, int dry_run, struct px_err *err)
{
	struct sender n;
	int rc = sender_open(&n, cx, err);
	if (rc)
		return rc;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "send notifications", err))
		return PX_EPERM;
	if (dry_run)
		return preview_all_due(cx, err);
	if ((rc = recover(&n, err)))
		return rc;
	/* what is due as the drain starts, each message once: one that must
	 * wait again (its channel unusable) is left for the next drain */
	struct px_buf ids = PX_BUF_INIT;
	rc = due_ids(cx, &ids, err);
	size_t count = ids.len / sizeof(int64_t);
	for (size_t i = 0; !rc && i < count; i++) {
		int64_t id;
		memcpy(&id, ids.s + i * sizeof id, sizeof id);
		int got;
		rc = claim(&n, id, &got, err);
		if (!rc && got && !(rc = attempt(&n, id, err)))
			rc = report(cx, id, 0, err);
	}
	px_buf_free(&ids);
	return rc;
}

/* ---------- requeueing ---------- */

/* A message px_notify_retry was asked for. */
struct requeue {
	int64_t id;
	char pid[PX_ID_LEN], state[16], channel[16], template[64];
	long long attempts;
	char *error;
};

struct requeue_list {
	struct requeue *v;
	size_t len;
};

static int add_requeue(struct px_stmt *s, void *ctx)
{
	struct requeue_list *l = ctx;
	l->v = px_xrealloc(l->v, (l->len + 1) * sizeof *l->v);
	struct requeue *q = &l->v[l->len++];
	q->id = px_stmt_col_int(s, 0);
	px_strlcpy(q->pid, px_stmt_col_text(s, 1), sizeof q->pid);
	px_strlcpy(q->state, px_stmt_col_text(s, 2), sizeof q->state);
	px_strlcpy(q->channel, px_stmt_col_text(s, 3), sizeof q->channel);
	px_strlcpy(q->template, px_stmt_col_text(s, 4), sizeof q->template);
	q->attempts = px_stmt_col_int(s, 5);
	q->error = px_stmt_col_isnull(s, 6) ? NULL : px_xstrdup(px_stmt_col_text(s, 6));
	return 0;
}

static void requeue_free(struct requeue_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->v[i].error);
	free(l->v);
}

#define REQUEUE_COLS "n.id, n.public_id, n.state, n.channel, n.template, n.attempts, n.last_error"

/* The messages q names, all in the acting user's hospitals: a message
 * named that is not is PX_EINPUT, as one that never was. */
static int requeue_find(struct px_ctx *cx, const struct px_notify_requeue *q,
			struct requeue_list *l, struct px_err *err)
{
	struct px_stmt *s;
	if (q->failed) {
		char since[PX_TIME_UTC_LEN];
		px_time_format_utc(q->since, since);
		s = px_stmt_prepare(cx->st, "SELECT " REQUEUE_COLS " FROM notifications n "
			"WHERE n.state = 'failed' AND (CAST(?1 AS TEXT) IS NULL OR n.updated_at >= ?1) "
			"AND" IN_SCOPE("?2") " ORDER BY n.id", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, q->since ? since : NULL);
		bind_scope(s, 2, cx);
		return px_stmt_each(s, add_requeue, l, err);
	}
	for (int i = 0; i < q->nrefs; i++) {
		s = px_stmt_prepare(cx->st, "SELECT " REQUEUE_COLS " FROM notifications n "
			"WHERE (n.public_id = ?1 OR n.key = ?1) AND" IN_SCOPE("?2"), err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, q->refs[i]);
		bind_scope(s, 2, cx);
		size_t before = l->len;
		int rc = px_stmt_each(s, add_requeue, l, err);
		if (rc)
			return rc;
		if (l->len == before)
			return px_fail(err, PX_EINPUT, "unknown message '%s'", q->refs[i]);
	}
	return PX_OK;
}

/* The message of row r prepared again for its own channel, as it would
 * be queued now: the recipient's address as it is now, the text from its
 * template.  PX_OK with m filled (m->state says whether it can go), or
 * PX_EREJECT with why. */
static int prepare_again(struct sender *n, const struct row *r, enum px_channel ch,
			 struct px_notify_msg *m, struct px_err *err)
{
	memset(m, 0, sizeof *m);
	struct px_rec *in = row_record(r, ch);
	if (!in)
		return px_fail(err, PX_EREJECT, "no %s address", px_channel_name(ch));
	struct px_notify_link l;
	char *own = NULL, *url = NULL;
	struct px_err e;
	px_err_clear(&e);
	int rc = r->link ? px_notify_link_parse(r->link, &l, &own, err) : PX_OK;
	/* without the key the link is made at sending time, or waits then */
	if (!rc && r->link && px_notify_link_url(n->cfg, &l, &url, &e))
		url = NULL;
	if (!rc)
		rc = prepare(n->cx, in, r->link ? &l : NULL, url, m, err);
	px_rec_free(in);
	free(url);
	free(own);
	return rc;
}

/*
 * Puts one message back to pending, due now (or at the end of quiet
 * hours), with its audit event: prepared again, so that an address
 * corrected since is used.  *why says why it cannot be (the address is
 * still not usable, the patient opted out), and nothing changes then.
 */
static int requeue_one(struct sender *n, const struct requeue *q, const char *at,
		       const char *expires, char *why, size_t size, struct px_err *err)
{
	struct row r;
	struct px_notify_msg m = { 0 };
	why[0] = '\0';
	int rc = load_row(n, q->id, &r, err);
	struct px_err e;
	px_err_clear(&e);
	if (!rc && prepare_again(n, &r, r.ch, &m, &e) == PX_ESTORE) {
		*err = e;
		rc = e.code;
	}
	if (!rc && (e.code || strcmp(m.state, "pending")))
		px_strlcpy(why, e.code ? e.text : m.error[0] ? m.error : m.reason, size);
	if (rc || why[0])
		goto out;
	char reason[160], next[PX_TIME_UTC_LEN];
	snprintf(reason, sizeof reason, "requeued by %s", n->cx->actor->name);
	px_time_format_utc(m.next_attempt, next);
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET state = 'pending', attempts = 0, next_attempt_at = ?2, "
		"expires_at = ?3, held = ?4, last_error = NULL, reason = ?5, address = ?6, "
		"subject = ?7, body = ?8, html = ?9, segments = ?10, claim_token = NULL, "
		"claimed_at = NULL, updated_at = ?11 "
		"WHERE id = ?1 AND state IN ('failed', 'bounced', 'unknown')", err);
	if (!s) {
		rc = err->code;
		goto out;
	}
	px_stmt_int(s, 1, q->id);
	px_stmt_text(s, 2, next);
	px_stmt_text(s, 3, expires);
	px_stmt_text(s, 4, m.held);
	px_stmt_text(s, 5, m.held ? m.reason : reason);
	px_stmt_text(s, 6, m.address);
	px_stmt_text(s, 7, m.subject);
	px_stmt_text(s, 8, m.body);
	px_stmt_text(s, 9, m.html);
	if (m.segments)
		px_stmt_int(s, 10, m.segments);
	px_stmt_text(s, 11, at);
	if (!(rc = px_stmt_run(s, err)))
		rc = audit(n->cx, "notification_requeued", q->pid,
			   details(q->channel, q->template, q->attempts, q->error), err);
out:
	px_notify_msg_free(&m);
	row_free(&r);
	return rc;
}

static int retryable(const char *state)
{
	return !strcmp(state, "failed") || !strcmp(state, "bounced") || !strcmp(state, "unknown");
}

/* Reports what retry could not do for message q: not failed, or still
 * not sendable (why). */
static void requeue_refused(struct px_ctx *cx, const struct requeue *q, const char *why)
{
	struct px_err e;
	px_err_clear(&e);
	if (why && *why)
		px_fail(&e, PX_EREJECT, "%s: cannot be retried: %s", q->pid, why);
	else
		px_fail(&e, PX_EREJECT, "message '%s' is %s: only a failed, bounced or unknown "
			"message is retried", q->pid, q->state);
	px_reject(cx, &e);
}

int px_notify_retry(struct px_ctx *cx, const struct px_notify_requeue *q, struct px_err *err)
{
	struct sender n;
	int rc = sender_open(&n, cx, err);
	if (rc)
		return rc;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "retry notifications", err))
		return PX_EPERM;
	char at[PX_TIME_UTC_LEN], expires[PX_TIME_UTC_LEN];
	int64_t t0 = px_now(cx);
	px_time_format_utc(t0, at);
	px_time_format_utc(t0 + n.expire_hours * 3600, expires);
	struct requeue_list l = { NULL, 0 };
	if ((rc = px_store_begin(cx->st, err)))
		return rc;
	rc = requeue_find(cx, q, &l, err);
	char (*why)[256] = px_xcalloc(l.len + 1, sizeof *why);
	for (size_t i = 0; !rc && i < l.len; i++)
		if (retryable(l.v[i].state))
			rc = requeue_one(&n, &l.v[i], at, expires, why[i], sizeof why[i], err);
	if (!rc)
		rc = px_store_commit(cx->st, err);
	if (rc)
		px_store_rollback(cx->st);
	for (size_t i = 0; !rc && i < l.len; i++) {
		if (!retryable(l.v[i].state) || why[i][0]) {
			requeue_refused(cx, &l.v[i], why[i]);
			continue;
		}
		struct px_rec *r = NULL;
		rc = emit_result(cx, l.v[i].id, 0, &r, err);
		px_rec_free(r);
	}
	free(why);
	requeue_free(&l);
	return rc;
}

/* ---------- the outbox, read ---------- */

int px_notify_filter_check(const struct px_notify_filter *f, struct px_err *err)
{
	if (f->state && !px_notify_state_ok(f->state))
		return px_fail(err, PX_EUSAGE, "unknown state '%s'", f->state);
	if (f->channel && px_channel_parse(f->channel) < 0)
		return px_fail(err, PX_EUSAGE, "unknown channel '%s'", f->channel);
	return PX_OK;
}

static int emit_message(struct px_stmt *s, void *ctx)
{
	struct due_ctx *d = ctx;
	struct px_rec *r = mask_to(px_stmt_rec(s, "notification.message", NULL));
	d->rc = px_emit(d->cx, r, d->err);
	px_rec_free(r);
	return d->rc;
}

int px_notify_list(struct px_ctx *cx, const struct px_notify_filter *f, struct px_err *err)
{
	int rc = px_notify_filter_check(f, err);
	if (rc)
		return rc;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "read the outbox", err))
		return PX_EPERM;
	int64_t hid = 0;
	if (f->hospital) {
		char what[128];
		snprintf(what, sizeof what, "read the outbox of hospital '%s'", f->hospital);
		if ((rc = px_org_hospital(cx, f->hospital, PX_ROLE_STAFF, what, &hid, err)))
			return rc;
	}
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT " MESSAGE_COLS FROM_N
		"WHERE (CAST(?1 AS TEXT) IS NULL OR n.state = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR n.channel = ?2) "
		"AND (CAST(?3 AS BIGINT) IS NULL OR n.hospital_id = ?3) AND" IN_SCOPE("?4")
		" ORDER BY n.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, f->state);
	px_stmt_text(s, 2, f->channel);
	if (hid)
		px_stmt_int(s, 3, hid);
	bind_scope(s, 4, cx);
	struct due_ctx d = { cx, err, PX_OK };
	rc = px_stmt_each(s, emit_message, &d, err);
	return d.rc ? d.rc : rc;
}

int px_notify_show(struct px_ctx *cx, const char *ref, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "read the outbox", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT " MESSAGE_FULL_COLS FROM_N
		"WHERE (n.public_id = ?1 OR n.key = ?1) AND" IN_SCOPE("?2"), err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, ref);
	bind_scope(s, 2, cx);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = rc == 1 ? mask_to(px_stmt_rec(s, "notification.message", NULL)) : NULL;
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	/* a message of another hospital is as unknown as one that never was */
	if (!r)
		return px_fail(err, PX_EINPUT, "unknown message '%s'", ref);
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

/* ---------- rendering ---------- */

static const char *var_lookup(const char *name, void *ctx)
{
	const char *const *vars = ctx;
	size_t n = strlen(name), count = 0;
	while (vars && vars[count])
		count++;
	for (size_t i = count; i-- > 0;)
		if (!strncmp(vars[i], name, n) && vars[i][n] == '=')
			return vars[i] + n + 1;
	return NULL;
}

int px_notify_render(struct px_ctx *cx, const struct px_notify_render_req *q,
		     struct px_err *err)
{
	const char *lang = q->language ? q->language : "en";
	struct px_template t;
	if (px_template_load(cx->cfg, q->hospital, q->template, lang, &t, err)) {
		err->code = PX_EINPUT;
		return PX_EINPUT;
	}
	struct px_buf subject = PX_BUF_INIT, body = PX_BUF_INIT, html = PX_BUF_INIT;
	void *vars = (void *)q->vars;
	int rc = px_template_render(t.subject, PX_TPL_PLAIN, var_lookup, vars, &subject, err) ||
		 px_template_render(t.body, PX_TPL_PLAIN, var_lookup, vars, &body, err) ||
		 (t.html && px_template_render(t.html, PX_TPL_HTML, var_lookup, vars, &html, err));
	if (rc) {
		char why[sizeof err->text];
		px_strlcpy(why, err->text, sizeof why);
		rc = px_fail(err, PX_EINPUT, "template '%s': %s", q->template, why);
	} else {
		struct px_rec *r = px_rec_new("notification.render");
		px_rec_set_str(r, "template", q->template);
		px_rec_set_str(r, "language", lang);
		px_rec_set_str(r, "subject", px_buf_str(&subject));
		px_rec_set_str(r, "text", px_buf_str(&body));
		if (t.html)
			px_rec_set_str(r, "html", px_buf_str(&html));
		else
			px_rec_set_null(r, "html");
		int ucs2;
		px_rec_set_int(r, "segments", px_notify_sms_segments(px_buf_str(&body), &ucs2));
		px_rec_set_str(r, "encoding", ucs2 ? "ucs2" : "gsm7");
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	px_buf_free(&subject);
	px_buf_free(&body);
	px_buf_free(&html);
	px_template_free(&t);
	return rc;
}
