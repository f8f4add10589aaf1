/* notify.c - the outbox: store, claim, send, retry, recover, receipts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/address.h"
#include "core/audit.h"
#include "messages/gateway.h"
#include "base/mem.h"
#include "messages/notify.h"
#include "core/org.h"
#include "base/privacy.h"
#include "messages/smtp.h"
#include "messages/template.h"
#include "base/time.h"
#include "base/banned.h"

static const char *const channels[] = { "sms", "whatsapp", "email" };

static int channel_index(const char *ch)
{
	for (int i = 0; i < 3; i++)
		if (ch && !strcmp(ch, channels[i]))
			return i;
	return -1;
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

int px_notify_parse_quiet(const char *spec, int *from, int *to)
{
	int h1, m1, h2, m2, used = 0;
	if (sscanf(spec, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &used) != 4 ||
	    (size_t)used != strlen(spec) || h1 < 0 || h1 > 23 || h2 < 0 || h2 > 24 ||
	    m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
		return -1;
	*from = h1 * 60 + m1;
	*to = (h2 * 60 + m2) % 1440;
	return 0;
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

/* ---------- set-up ---------- */

int px_notify_open(struct px_notify *n, struct px_store *st, const struct px_config *cfg,
		   const struct px_user *user, struct px_err *err)
{
	memset(n, 0, sizeof *n);
	n->st = st;
	n->cfg = cfg;
	n->user = user;
	if (px_token_new(n->claim, err) ||
	    px_config_int(cfg, "notify.max_attempts", 3, 1, 100, &n->max_attempts, err) ||
	    px_config_int(cfg, "notify.backoff", 60, 1, 86400, &n->backoff, err) ||
	    px_config_int(cfg, "notify.lease", 600, 10, 86400, &n->lease, err) ||
	    px_config_bool(cfg, "whatsapp.fallback_sms", 0, &n->fallback_sms, err))
		return -1;
	for (int i = 0; i < 3; i++) {
		char key[64];
		snprintf(key, sizeof key, "%s.rate_per_minute", channels[i]);
		if (px_config_int(cfg, key, 0, 0, 100000, &n->rate[i], err))
			return -1;
	}
	return px_notify_quiet_config(cfg, &n->quiet_from, &n->quiet_to, err);
}

int px_notify_quiet_config(const struct px_config *cfg, int *from, int *to, struct px_err *err)
{
	const char *q = px_config_get(cfg, "notify.quiet_hours", "22:00-08:00");
	if (!strcmp(q, "none") || !*q)
		*from = *to = 0;
	else if (px_notify_parse_quiet(q, from, to))
		return px_err_set(err, PX_EINPUT,
				  "notify.quiet_hours must be HH:MM-HH:MM or none, not '%s'", q);
	return 0;
}

static int now(int64_t *t, struct px_err *err)
{
	return px_time_now(t, err);
}

static void fmt_utc(int64_t t, char buf[PX_TIME_UTC_LEN])
{
	px_time_format_utc(t, buf);
}

/* ---------- preparing ---------- */

struct lookup_ctx {
	struct px_rec *vars;
	const char *patient_name, *hospital_name;
};

static const char *lookup(const char *name, void *vctx)
{
	struct lookup_ctx *c = vctx;
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
	memset(m, 0, sizeof *m);
}

static char *dup_or_null(const char *s)
{
	return s ? px_xstrdup(s) : NULL;
}

/* Whether the patient opted out of ch. */
static int opted_out(struct px_store *st, int64_t patient, const char *ch, struct px_err *err)
{
	static const char *const sql[] = {
		"SELECT optout_sms FROM patients WHERE id = ?1",
		"SELECT optout_whatsapp FROM patients WHERE id = ?1",
		"SELECT optout_email FROM patients WHERE id = ?1",
	};
	int i = channel_index(ch);
	struct px_stmt *s = px_stmt_prepare(st, sql[i < 0 ? 0 : i], err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, patient);
	int rc = px_stmt_step(s, err);
	int out = rc == 1 ? (int)px_stmt_col_int(s, 0) != 0 : 0;
	px_stmt_reset(s);
	return rc < 0 ? -1 : out;
}

int px_notify_prepare(struct px_notify *n, struct px_rec *in, struct px_notify_msg *m,
		      struct px_err *err)
{
	memset(m, 0, sizeof *m);
	const char *key = px_rec_get(in, "key"), *ch = px_rec_get(in, "channel");
	const char *tpl = px_rec_get(in, "template");
	if (!key || !*key)
		return px_err_set(err, PX_EREJECT, "notification has no 'key'");
	if (strlen(key) > 200)
		return px_err_set(err, PX_EREJECT, "'key' is longer than 200 bytes");
	if (channel_index(ch) < 0)
		return px_err_set(err, PX_EREJECT, "channel must be sms, whatsapp or email");
	if (!tpl || !*tpl)
		return px_err_set(err, PX_EREJECT, "notification has no 'template'");
	const char *to = px_rec_get(in, "to"), *pat = px_rec_get(in, "patient");
	const char *usr = px_rec_get(in, "user"), *lang = px_rec_get(in, "language");
	const char *hosp = px_rec_get(in, "hospital");
	if (!to && !pat && !usr)
		return px_err_set(err, PX_EREJECT, "notification needs 'to', 'patient' or 'user'");
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		return px_err_set(err, PX_EREJECT, "language must be 'en' or 'ar'");
	if (px_rec_has(in, "vars") && !px_rec_get_obj(in, "vars"))
		return px_err_set(err, PX_EREJECT, "'vars' must be an object");

	int email = !strcmp(ch, "email");
	char stored[256] = "", pname[256] = "", hname[256] = "", hcode[64] = "";
	char deflang[4] = "ar";
	m->recipient = usr && !pat ? "user" : "patient";
	if (pat) {
		struct px_stmt *s = px_stmt_prepare(n->st,
			"SELECT p.id, p.phone, p.email, p.language, p.name_en, p.name_ar, p.hospital_id, h.code "
			"FROM patients p JOIN hospitals h ON h.id = p.hospital_id WHERE p.public_id = ?1", err);
		if (!s)
			return -1;
		px_stmt_text(s, 1, pat);
		int rc = px_stmt_step(s, err);
		if (rc == 1) {
			m->patient_id = px_stmt_col_int(s, 0);
			px_strlcpy(stored, px_stmt_col_text(s, email ? 2 : 1), sizeof stored);
			px_strlcpy(deflang, px_stmt_col_text(s, 3), sizeof deflang);
			const char *ne = px_stmt_col_text(s, 4), *na = px_stmt_col_text(s, 5);
			const char *want = lang ? lang : deflang;
			px_strlcpy(pname, !strcmp(want, "ar") && *na ? na : *ne ? ne : na, sizeof pname);
			m->hospital_id = px_stmt_col_int(s, 6);
			px_strlcpy(hcode, px_stmt_col_text(s, 7), sizeof hcode);
		}
		px_stmt_reset(s);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return px_err_set(err, PX_EREJECT, "unknown patient '%s'", pat);
	} else if (usr) {
		struct px_stmt *s = px_stmt_prepare(n->st,
			"SELECT id, phone, email FROM users WHERE name = ?1 AND active = 1", err);
		if (!s)
			return -1;
		px_stmt_text(s, 1, usr);
		int rc = px_stmt_step(s, err);
		if (rc == 1) {
			m->user_id = px_stmt_col_int(s, 0);
			px_strlcpy(stored, px_stmt_col_text(s, email ? 2 : 1), sizeof stored);
		}
		px_stmt_reset(s);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return px_err_set(err, PX_EREJECT, "unknown user '%s'", usr);
		px_strlcpy(deflang, "en", sizeof deflang);
	}
	if (hosp) {
		int64_t hid;
		int hrc = px_org_hospital_id(n->st, hosp, &hid, err);
		if (hrc < 0)
			return -1;
		if (hrc == 0)
			return px_err_set(err, PX_EREJECT, "unknown hospital '%s'", hosp);
		if (m->hospital_id && hid != m->hospital_id)
			return px_err_set(err, PX_EREJECT, "patient '%s' is not a patient of '%s'", pat, hosp);
		m->hospital_id = hid;
		px_strlcpy(hcode, hosp, sizeof hcode);
	}
	if (m->hospital_id) {
		if (!px_auth_in_scope(n->user, m->hospital_id))
			return px_err_set(err, PX_EPERM, "permission denied: %s may not notify for hospital '%s'",
					  n->user->name, hcode);
		struct px_stmt *s = px_stmt_prepare(n->st, "SELECT name, name_ar FROM hospitals WHERE id = ?1", err);
		if (!s)
			return -1;
		px_stmt_int(s, 1, m->hospital_id);
		if (px_stmt_step(s, err) == 1) {
			const char *ne = px_stmt_col_text(s, 0), *na = px_stmt_col_text(s, 1);
			const char *want = lang ? lang : deflang;
			px_strlcpy(hname, !strcmp(want, "ar") && *na ? na : ne, sizeof hname);
		}
		px_stmt_reset(s);
	} else if (px_auth_require(n->user, PX_ROLE_PX_ADMIN, PX_SCOPE_NONE,
				   "send a notification that names no hospital", err)) {
		return -1;
	}

	m->key = px_xstrdup(key);
	m->channel = px_xstrdup(ch);
	m->language = px_xstrdup(lang ? lang : deflang);
	m->template = px_xstrdup(tpl);
	m->object_type = dup_or_null(px_rec_get(in, "object_type"));
	m->object = dup_or_null(px_rec_get(in, "object"));
	m->vars = px_rec_get_json(in, "vars");
	if (!m->vars)
		m->vars = px_xstrdup("{}");

	/* The text, rendered once: what is stored is what is sent. */
	struct px_template t;
	if (px_template_load(n->cfg, hcode[0] ? hcode : NULL, tpl, m->language, &t, err))
		return -1;
	struct lookup_ctx lc = { px_rec_get_obj(in, "vars"), pname[0] ? pname : NULL,
				 hname[0] ? hname : NULL };
	struct px_buf b = PX_BUF_INIT;
	int rc = px_template_render(t.body, PX_TPL_PLAIN, lookup, &lc, &b, err);
	m->body = px_buf_detach(&b);
	if (!rc && email) {
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
		return px_err_set(err, PX_EREJECT, "template '%s': %s", tpl, why);
	}
	if (!strcmp(ch, "sms"))
		m->segments = px_notify_sms_segments(m->body, NULL);

	/* The address and the initial state. */
	int64_t t0;
	if (now(&t0, err))
		return -1;
	m->state = "pending";
	m->next_attempt = t0;
	const char *addr = to ? to : stored;
	struct px_err aerr;
	px_err_clear(&aerr);
	if (!*addr) {
		m->state = "failed";
		snprintf(m->error, sizeof m->error, "%s has no %s", m->recipient,
			 email ? "email address" : "phone number");
	} else if (email ? px_email_check(addr, &aerr) : px_phone_normalise(addr, m->address, &aerr)) {
		m->state = "failed";
		px_strlcpy(m->error, aerr.text, sizeof m->error);
	} else if (email) {
		px_strlcpy(m->address, addr, sizeof m->address);
	}
	if (!strcmp(m->state, "pending") && m->patient_id) {
		int o = opted_out(n->st, m->patient_id, ch, err);
		if (o < 0)
			return -1;
		if (o) {
			m->state = "suppressed";
			snprintf(m->reason, sizeof m->reason, "patient opted out of %s", ch);
		}
	}
	int64_t until;
	if (!strcmp(m->state, "pending") && !strcmp(m->recipient, "patient") &&
	    px_notify_quiet(n->quiet_from, n->quiet_to, t0, &until)) {
		char l[PX_TIME_LOCAL_LEN];
		px_time_format_local(until, l);
		snprintf(m->reason, sizeof m->reason, "quiet hours until %s", l);
		m->next_attempt = until;
	}
	return 0;
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

static int audit(struct px_notify *n, const char *action, const char *msg_id,
		 struct px_rec *d, struct px_err *err)
{
	int rc = px_audit_record(n->st, n->user->name, action, "notification", msg_id, d, err);
	px_rec_free(d);
	return rc;
}

int px_notify_store(struct px_notify *n, const struct px_notify_msg *m, int64_t *id,
		    int *duplicate, struct px_err *err)
{
	*duplicate = 0;
	char pid[PX_ID_LEN], t[PX_TIME_UTC_LEN], na[PX_TIME_UTC_LEN];
	int64_t t0;
	if (now(&t0, err) || px_id_new("msg", pid, err))
		return -1;
	fmt_utc(t0, t);
	fmt_utc(m->next_attempt, na);
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st, "SELECT id FROM notifications WHERE key = ?1", err);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, m->key);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*id = px_stmt_col_int(s, 0);
		*duplicate = 1;
	}
	px_stmt_reset(s);
	if (rc < 0)
		goto fail;
	if (*duplicate) {
		px_store_rollback(n->st);
		return 0;
	}
	s = px_stmt_prepare(n->st,
		"INSERT INTO notifications (public_id, key, channel, requested_channel, recipient, "
		"patient_id, user_id, address, language, template, vars, subject, body, html, segments, "
		"object_type, object_id, hospital_id, state, last_error, reason, next_attempt_at, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		"?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)", err);
	if (!s)
		goto fail;
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
	px_stmt_text(s, 21, na);
	px_stmt_text(s, 22, t);
	if (px_stmt_run(s, err))
		goto fail;
	*id = px_store_last_id(n->st);
	char action[64];
	snprintf(action, sizeof action, "notification_%s",
		 !strcmp(m->state, "pending") ? "queued" : m->state);
	if (audit(n, action, pid, details(m->channel, m->template, -1,
					   m->error[0] ? m->error : m->reason), err) ||
	    px_store_commit(n->st, err))
		goto fail;
	return 0;
fail:
	px_store_rollback(n->st);
	return -1;
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

/* ---------- sending ---------- */

int px_notify_claim(struct px_notify *n, int64_t *id, struct px_err *err)
{
	int64_t t0;
	char t[PX_TIME_UTC_LEN];
	if (now(&t0, err))
		return -1;
	fmt_utc(t0, t);
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s;
	if (*id) {
		s = px_stmt_prepare(n->st, "SELECT id FROM notifications WHERE id = ?1 AND "
				    "state = 'pending' AND next_attempt_at <= ?2", err);
		if (s)
			px_stmt_int(s, 1, *id);
	} else {
		s = px_stmt_prepare(n->st, "SELECT id FROM notifications WHERE state = 'pending' AND "
				    "next_attempt_at <= ?2 ORDER BY next_attempt_at, id LIMIT 1", err);
	}
	if (!s)
		goto fail;
	px_stmt_text(s, 2, t);
	int rc = px_stmt_step(s, err);
	int64_t got = rc == 1 ? px_stmt_col_int(s, 0) : 0;
	px_stmt_reset(s);
	if (rc < 0)
		goto fail;
	if (!got) {
		px_store_rollback(n->st);
		return 0;
	}
	s = px_stmt_prepare(n->st, "UPDATE notifications SET state = 'sending', claim_token = ?2, "
			    "claimed_at = ?3, attempts = attempts + 1, updated_at = ?3 "
			    "WHERE id = ?1 AND state = 'pending'", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, got);
	px_stmt_text(s, 2, n->claim);
	px_stmt_text(s, 3, t);
	if (px_stmt_run(s, err) || px_store_commit(n->st, err))
		goto fail;
	*id = got;
	return 1;
fail:
	px_store_rollback(n->st);
	return -1;
}

struct row {
	char pid[PX_ID_LEN];
	char channel[16], template[64];
	char *address, *subject, *body, *html, *key;
	int64_t patient_id;
	long long attempts;
	int is_patient;
};

static void row_free(struct row *r)
{
	free(r->address);
	free(r->subject);
	free(r->body);
	free(r->html);
	free(r->key);
}

static int load_row(struct px_notify *n, int64_t id, struct row *r, struct px_err *err)
{
	memset(r, 0, sizeof *r);
	struct px_stmt *s = px_stmt_prepare(n->st,
		"SELECT public_id, channel, template, address, subject, body, html, key, "
		"patient_id, attempts, recipient FROM notifications WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(r->pid, px_stmt_col_text(s, 0), sizeof r->pid);
		px_strlcpy(r->channel, px_stmt_col_text(s, 1), sizeof r->channel);
		px_strlcpy(r->template, px_stmt_col_text(s, 2), sizeof r->template);
		r->address = px_xstrdup(px_stmt_col_text(s, 3));
		r->subject = px_xstrdup(px_stmt_col_text(s, 4));
		r->body = px_xstrdup(px_stmt_col_text(s, 5));
		r->html = px_stmt_col_isnull(s, 6) ? NULL : px_xstrdup(px_stmt_col_text(s, 6));
		r->key = px_xstrdup(px_stmt_col_text(s, 7));
		r->patient_id = px_stmt_col_int(s, 8);
		r->attempts = px_stmt_col_int(s, 9);
		r->is_patient = !strcmp(px_stmt_col_text(s, 10), "patient");
	}
	px_stmt_reset(s);
	if (rc == 0)
		return px_err_set(err, PX_ESTORE, "message %lld vanished", (long long)id);
	return rc < 0 ? -1 : 0;
}

/* Records the outcome of a claimed message, if this sender still holds
 * the claim.  state pending needs next; attempts_delta undoes the claim's
 * count when nothing was attempted. */
static int finish(struct px_notify *n, int64_t id, const struct row *r, const char *state,
		  int64_t next, int attempts_delta, const char *error, const char *reason,
		  const char *provider_id, struct px_err *err)
{
	int64_t t0;
	char t[PX_TIME_UTC_LEN], na[PX_TIME_UTC_LEN];
	if (now(&t0, err))
		return -1;
	fmt_utc(t0, t);
	fmt_utc(next ? next : t0, na);
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET state = ?3, next_attempt_at = ?4, attempts = attempts + ?5, "
		"last_error = coalesce(?6, last_error), "
		"reason = coalesce(?7, CASE WHEN channel <> requested_channel THEN reason END), "
		"provider_id = coalesce(?8, provider_id), "
		"sent_at = CASE WHEN ?3 = 'sent' THEN ?9 ELSE sent_at END, "
		"claim_token = NULL, claimed_at = NULL, updated_at = ?9 "
		"WHERE id = ?1 AND claim_token = ?2 AND state = 'sending'", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, n->claim);
	px_stmt_text(s, 3, state);
	px_stmt_text(s, 4, na);
	px_stmt_int(s, 5, attempts_delta);
	px_stmt_text(s, 6, error && *error ? error : NULL);
	px_stmt_text(s, 7, reason && *reason ? reason : NULL);
	px_stmt_text(s, 8, provider_id && *provider_id ? provider_id : NULL);
	px_stmt_text(s, 9, t);
	if (px_stmt_run(s, err))
		goto fail;
	if (px_store_changes(n->st) && strcmp(state, "pending")) {
		char action[64];
		snprintf(action, sizeof action, "notification_%s", state);
		if (audit(n, action, r->pid, details(r->channel, r->template,
						     r->attempts + attempts_delta, error), err))
			goto fail;
	}
	if (px_store_commit(n->st, err))
		goto fail;
	return 0;
fail:
	px_store_rollback(n->st);
	return -1;
}

/* The channel's next sending slot, reserved in the store so that every
 * sender at once shares the rate: 1 and *slot (wall-clock microseconds),
 * or 0 when the store could not be used. */
static int reserve_slot(struct px_notify *n, const char *channel, int64_t now_us,
			int64_t gap_us, int64_t *slot)
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
static void pace(struct px_notify *n, int ch)
{
	if (ch < 0 || !n->rate[ch])
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now_us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, slot;
	int64_t gap_us = 60000000 / n->rate[ch];
	double wait;
	if (reserve_slot(n, channels[ch], now_us, gap_us, &slot)) {
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

/* Moves a failed WhatsApp message to SMS, pending at once.  1 when it
 * did, 0 when the fallback does not apply. */
static int fallback(struct px_notify *n, int64_t id, struct row *r, const char *error,
		    struct px_err *err)
{
	if (strcmp(r->channel, "whatsapp") || !n->fallback_sms)
		return 0;
	if (r->patient_id) {
		int o = opted_out(n->st, r->patient_id, "sms", err);
		if (o)
			return o < 0 ? -1 : 0;
	}
	int64_t t0;
	char t[PX_TIME_UTC_LEN];
	if (now(&t0, err))
		return -1;
	fmt_utc(t0, t);
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"UPDATE notifications SET channel = 'sms', state = 'pending', attempts = 0, "
		"segments = ?3, last_error = ?4, reason = 'whatsapp failed: sent by sms', "
		"next_attempt_at = ?5, claim_token = NULL, claimed_at = NULL, updated_at = ?5 "
		"WHERE id = ?1 AND claim_token = ?2 AND state = 'sending'", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, n->claim);
	px_stmt_int(s, 3, px_notify_sms_segments(r->body, NULL));
	px_stmt_text(s, 4, error);
	px_stmt_text(s, 5, t);
	if (px_stmt_run(s, err))
		goto fail;
	if (audit(n, "notification_fallback", r->pid, details("sms", r->template, -1, error), err) ||
	    px_store_commit(n->st, err))
		goto fail;
	return 1;
fail:
	px_store_rollback(n->st);
	return -1;
}

int px_notify_attempt(struct px_notify *n, int64_t id, struct px_err *err)
{
	struct row r;
	if (load_row(n, id, &r, err))
		return -1;
	int rc = 0;
	int64_t t0, until;
	if (now(&t0, err)) {
		rc = -1;
		goto out;
	}
	/* Rules that may have changed since the message was queued. */
	if (r.is_patient && px_notify_quiet(n->quiet_from, n->quiet_to, t0, &until)) {
		char l[PX_TIME_LOCAL_LEN], why[96];
		px_time_format_local(until, l);
		snprintf(why, sizeof why, "quiet hours until %s", l);
		rc = finish(n, id, &r, "pending", until, -1, NULL, why, NULL, err);
		goto out;
	}
	if (r.patient_id) {
		int o = opted_out(n->st, r.patient_id, r.channel, err);
		if (o) {
			char why[64];
			snprintf(why, sizeof why, "patient opted out of %s", r.channel);
			rc = o < 0 ? -1 : finish(n, id, &r, "suppressed", 0, -1, NULL, why, NULL, err);
			goto out;
		}
	}
	struct px_send_result res;
	pace(n, channel_index(r.channel));
	if (!strcmp(r.channel, "email")) {
		struct px_mail mail = { r.address, r.subject, r.body, r.html, r.pid, t0 };
		rc = px_smtp_send(n->cfg, &mail, &res, err);
	} else {
		struct px_gateway_msg gm = { r.channel, r.address, r.body, r.key, r.pid };
		rc = px_gateway_send(n->cfg, &gm, &res, err);
	}
	if (rc) {
		/* Unusable configuration: nothing was attempted. */
		struct px_err e2;
		px_err_clear(&e2);
		finish(n, id, &r, "pending", t0, -1, NULL, NULL, NULL, &e2);
		goto out;
	}
	if (res.outcome == PX_SEND_OK) {
		rc = finish(n, id, &r, "sent", 0, 0, NULL, NULL, res.provider_id, err);
		goto out;
	}
	if (res.outcome == PX_SEND_RETRY && r.attempts < n->max_attempts) {
		uint32_t rnd = 0;
		px_random(&rnd, sizeof rnd, NULL);
		int64_t next = t0 + px_notify_backoff(n->backoff, r.attempts, (double)rnd / 4294967296.0);
		rc = finish(n, id, &r, "pending", next, 0, res.error, NULL, NULL, err);
		goto out;
	}
	int fb = fallback(n, id, &r, res.error, err);
	if (fb < 0) {
		rc = -1;
	} else if (fb) {
		int64_t again = id;
		int c = px_notify_claim(n, &again, err);
		rc = c < 0 ? -1 : c ? px_notify_attempt(n, id, err) : 0;
	} else {
		char why[600];
		if (res.outcome == PX_SEND_RETRY)
			snprintf(why, sizeof why, "%s (after %lld attempts)", res.error, r.attempts);
		else
			snprintf(why, sizeof why, "%s", res.error);
		rc = finish(n, id, &r, "failed", 0, 0, why, NULL, NULL, err);
	}
out:
	row_free(&r);
	return rc;
}

int px_notify_recover(struct px_notify *n, int (*fn)(int64_t id, void *ctx), void *ctx,
		      struct px_err *err)
{
	int64_t t0;
	char t[PX_TIME_UTC_LEN], cutoff[PX_TIME_UTC_LEN];
	if (now(&t0, err))
		return -1;
	fmt_utc(t0, t);
	fmt_utc(t0 - n->lease, cutoff);
	size_t nids = 0;
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"SELECT id, public_id, channel, template, attempts FROM notifications "
		"WHERE state = 'sending' AND claimed_at <= ?1 ORDER BY id", err);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, cutoff);
	struct stuck { int64_t id; char pid[PX_ID_LEN], ch[16], tpl[64]; long long att; } *v = NULL;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		v = px_xrealloc(v, (nids + 1) * sizeof *v);
		v[nids].id = px_stmt_col_int(s, 0);
		px_strlcpy(v[nids].pid, px_stmt_col_text(s, 1), sizeof v[nids].pid);
		px_strlcpy(v[nids].ch, px_stmt_col_text(s, 2), sizeof v[nids].ch);
		px_strlcpy(v[nids].tpl, px_stmt_col_text(s, 3), sizeof v[nids].tpl);
		v[nids].att = px_stmt_col_int(s, 4);
		nids++;
	}
	px_stmt_reset(s);
	if (rc < 0)
		goto fail_v;
	for (size_t i = 0; i < nids; i++) {
		int safe = strcmp(v[i].ch, "email") && px_gateway_idempotent(n->cfg, v[i].ch);
		s = px_stmt_prepare(n->st,
			"UPDATE notifications SET state = ?2, last_error = ?3, next_attempt_at = ?4, "
			"claim_token = NULL, claimed_at = NULL, updated_at = ?4 WHERE id = ?1", err);
		if (!s)
			goto fail_v;
		const char *why = safe ? "a sender stopped during an attempt; resent with the same idempotency key"
				       : "a sender stopped during an attempt that may have reached the provider: "
					 "check with the provider, px will not resend it";
		px_stmt_int(s, 1, v[i].id);
		px_stmt_text(s, 2, safe ? "pending" : "unknown");
		px_stmt_text(s, 3, why);
		px_stmt_text(s, 4, t);
		if (px_stmt_run(s, err))
			goto fail_v;
		if (!safe && audit(n, "notification_unknown", v[i].pid,
				   details(v[i].ch, v[i].tpl, v[i].att, why), err))
			goto fail_v;
	}
	if (px_store_commit(n->st, err))
		goto fail_v;
	rc = 0;
	for (size_t i = 0; i < nids && !rc; i++) {
		int safe = strcmp(v[i].ch, "email") && px_gateway_idempotent(n->cfg, v[i].ch);
		if (!safe && fn)
			rc = fn(v[i].id, ctx);
	}
	free(v);
	return rc;
fail_v:
	free(v);
fail:
	px_store_rollback(n->st);
	return -1;
}

int px_notify_due_each(struct px_notify *n, int (*fn)(int64_t id, void *ctx), void *ctx,
		       struct px_err *err)
{
	int64_t t0;
	char t[PX_TIME_UTC_LEN];
	if (now(&t0, err))
		return -1;
	fmt_utc(t0, t);
	struct px_stmt *s = px_stmt_prepare(n->st, "SELECT id FROM notifications WHERE state = 'pending' "
					    "AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, t);
	int64_t *ids = NULL;
	size_t k = 0;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		ids = px_xrealloc(ids, (k + 1) * sizeof *ids);
		ids[k++] = px_stmt_col_int(s, 0);
	}
	px_stmt_reset(s);
	for (size_t i = 0; i < k && rc == 0; i++)
		rc = fn(ids[i], ctx);
	free(ids);
	return rc;
}

/* Columns every message record is built from. */
#define MSG_COLS "n.public_id, n.key, n.channel, n.state, n.attempts, n.last_error, n.reason, " \
	"n.provider_id, n.segments, n.object_type, n.object_id, n.address, n.template, n.language, " \
	"n.next_attempt_at, n.created_at, n.updated_at, n.sent_at, n.receipt_at, h.code, " \
	"n.subject, n.body, n.html, n.requested_channel, n.recipient, n.hospital_id"

static void col_opt(struct px_rec *r, const char *key, struct px_stmt *s, int c)
{
	if (px_stmt_col_isnull(s, c))
		px_rec_set_null(r, key);
	else
		px_rec_set_str(r, key, px_stmt_col_text(s, c));
}

/* Times in records are UTC, as stored (px-records(7)). */
static void col_time(struct px_rec *r, const char *key, struct px_stmt *s, int c)
{
	int64_t t;
	if (px_stmt_col_isnull(s, c) || px_time_parse(px_stmt_col_text(s, c), &t)) {
		px_rec_set_null(r, key);
		return;
	}
	char u[PX_TIME_UTC_LEN];
	px_time_format_utc(t, u);
	px_rec_set_str(r, key, u);
}

static void col_int_opt(struct px_rec *r, const char *key, struct px_stmt *s, int c)
{
	if (px_stmt_col_isnull(s, c))
		px_rec_set_null(r, key);
	else
		px_rec_set_int(r, key, px_stmt_col_int(s, c));
}

static struct px_rec *result_rec(struct px_stmt *s)
{
	struct px_rec *r = px_rec_new("notification.result");
	px_rec_set_str(r, "key", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
	px_rec_set_str(r, "channel", px_stmt_col_text(s, 2));
	const char *st = px_stmt_col_text(s, 3);
	px_rec_set_str(r, "status", !strcmp(st, "sending") ? "pending" : st);
	px_rec_set_int(r, "attempts", px_stmt_col_int(s, 4));
	/* the last error of a message that got through is history */
	if (!strcmp(st, "sent") || !strcmp(st, "delivered"))
		px_rec_set_null(r, "error");
	else
		col_opt(r, "error", s, 5);
	col_opt(r, "reason", s, 6);
	col_opt(r, "provider_id", s, 7);
	col_int_opt(r, "segments", s, 8);
	col_opt(r, "object_type", s, 9);
	col_opt(r, "object", s, 10);
	return r;
}

static struct px_rec *preview_rec(struct px_stmt *s)
{
	struct px_rec *r = px_rec_new("notification.preview");
	px_rec_set_str(r, "key", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
	px_rec_set_str(r, "channel", px_stmt_col_text(s, 2));
	set_masked(r, "to", px_stmt_col_text(s, 11));
	px_rec_set_str(r, "language", px_stmt_col_text(s, 13));
	px_rec_set_str(r, "template", px_stmt_col_text(s, 12));
	px_rec_set_str(r, "status", px_stmt_col_text(s, 3));
	px_rec_set_int(r, "attempts", px_stmt_col_int(s, 4));
	col_opt(r, "subject", s, 20);
	px_rec_set_str(r, "text", px_stmt_col_text(s, 21));
	col_int_opt(r, "segments", s, 8);
	col_opt(r, "object_type", s, 9);
	col_opt(r, "object", s, 10);
	return r;
}

/* The message with this row id, as build makes it into a record; NULL
 * with err when the row cannot be read or is gone. */
static struct px_rec *message_by_id(struct px_notify *n, int64_t id,
				    struct px_rec *(*build)(struct px_stmt *s), struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(n->st, "SELECT " MSG_COLS " FROM notifications n "
					    "LEFT JOIN hospitals h ON h.id = n.hospital_id WHERE n.id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = rc == 1 ? build(s) : NULL;
	px_stmt_reset(s);
	if (rc == 0)
		px_err_set(err, PX_ESTORE, "message %lld vanished", (long long)id);
	return r;
}

struct px_rec *px_notify_result(struct px_notify *n, int64_t id, struct px_err *err)
{
	return message_by_id(n, id, result_rec, err);
}

struct px_rec *px_notify_preview_id(struct px_notify *n, int64_t id, struct px_err *err)
{
	return message_by_id(n, id, preview_rec, err);
}

static struct px_rec *message_rec(struct px_stmt *s, int full)
{
	struct px_rec *r = px_rec_new("notification.message");
	px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
	px_rec_set_str(r, "key", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "channel", px_stmt_col_text(s, 2));
	set_masked(r, "to", px_stmt_col_text(s, 11));
	px_rec_set_str(r, "state", px_stmt_col_text(s, 3));
	px_rec_set_int(r, "attempts", px_stmt_col_int(s, 4));
	col_time(r, "next_attempt", s, 14);
	col_opt(r, "last_error", s, 5);
	col_opt(r, "reason", s, 6);
	col_opt(r, "provider_id", s, 7);
	col_int_opt(r, "segments", s, 8);
	px_rec_set_str(r, "template", px_stmt_col_text(s, 12));
	px_rec_set_str(r, "language", px_stmt_col_text(s, 13));
	col_opt(r, "hospital", s, 19);
	col_opt(r, "object_type", s, 9);
	col_opt(r, "object", s, 10);
	col_time(r, "created", s, 15);
	if (full) {
		px_rec_set_str(r, "recipient", px_stmt_col_text(s, 24));
		px_rec_set_str(r, "requested_channel", px_stmt_col_text(s, 23));
		col_time(r, "updated", s, 16);
		col_time(r, "sent", s, 17);
		col_time(r, "receipt", s, 18);
		col_opt(r, "subject", s, 20);
		px_rec_set_str(r, "text", px_stmt_col_text(s, 21));
		col_opt(r, "html", s, 22);
	}
	return r;
}

static int visible(struct px_notify *n, struct px_stmt *s)
{
	if (n->user->role == PX_ROLE_PX_ADMIN)
		return 1;
	return !px_stmt_col_isnull(s, 25) && px_auth_in_scope(n->user, px_stmt_col_int(s, 25));
}

int px_notify_each(struct px_notify *n, const struct px_notify_filter *f,
		   int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	if (px_auth_require(n->user, PX_ROLE_STAFF, PX_SCOPE_NONE, "read the outbox", err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st, "SELECT " MSG_COLS " FROM notifications n "
		"LEFT JOIN hospitals h ON h.id = n.hospital_id "
		"WHERE (?1 IS NULL OR n.state = ?1) AND (?2 IS NULL OR n.channel = ?2) ORDER BY n.id", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, f ? f->state : NULL);
	px_stmt_text(s, 2, f ? f->channel : NULL);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!visible(n, s))
			continue;
		struct px_rec *r = message_rec(s, 0);
		int frc = fn(r, ctx);
		px_rec_free(r);
		if (frc) {
			rc = frc;
			break;
		}
	}
	px_stmt_reset(s);
	return rc;
}

struct px_rec *px_notify_show(struct px_notify *n, const char *ref, struct px_err *err)
{
	if (px_auth_require(n->user, PX_ROLE_STAFF, PX_SCOPE_NONE, "read the outbox", err))
		return NULL;
	struct px_stmt *s = px_stmt_prepare(n->st, "SELECT " MSG_COLS " FROM notifications n "
		"LEFT JOIN hospitals h ON h.id = n.hospital_id WHERE n.public_id = ?1 OR n.key = ?1", err);
	if (!s)
		return NULL;
	px_stmt_text(s, 1, ref);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = NULL;
	if (rc == 1 && visible(n, s))
		r = message_rec(s, 1);
	px_stmt_reset(s);
	if (rc >= 0 && !r)
		px_err_set(err, PX_EREJECT, "no message '%s'", ref);
	return r;
}

int px_notify_receipt(struct px_notify *n, struct px_rec *in, int64_t *id, struct px_err *err)
{
	const char *pid = px_rec_get(in, "provider_id"), *mid = px_rec_get(in, "id");
	const char *status = px_rec_get(in, "status"), *when = px_rec_get(in, "time");
	const char *error = px_rec_get(in, "error");
	if ((!pid || !*pid) && (!mid || !*mid))
		return px_err_set(err, PX_EREJECT, "receipt needs 'provider_id' or 'id'");
	if (!status || (strcmp(status, "delivered") && strcmp(status, "failed") && strcmp(status, "bounced")))
		return px_err_set(err, PX_EREJECT, "receipt status must be delivered, failed or bounced");
	int64_t t;
	if (when && *when) {
		if (px_time_parse(when, &t))
			return px_err_set(err, PX_EREJECT, "receipt time is not ISO 8601: '%s'", when);
	} else if (now(&t, err)) {
		return -1;
	}
	char ts[PX_TIME_UTC_LEN], t0s[PX_TIME_UTC_LEN];
	int64_t t0;
	if (now(&t0, err))
		return -1;
	fmt_utc(t, ts);
	fmt_utc(t0, t0s);
	if (px_store_begin(n->st, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(n->st,
		"SELECT id, public_id, state, channel, template, attempts, hospital_id FROM notifications "
		"WHERE (?1 IS NOT NULL AND provider_id = ?1) OR (?2 IS NOT NULL AND public_id = ?2)", err);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, pid && *pid ? pid : NULL);
	px_stmt_text(s, 2, mid && *mid ? mid : NULL);
	int rc = px_stmt_step(s, err);
	char mpid[PX_ID_LEN] = "", state[16] = "", ch[16] = "", tpl[64] = "";
	long long att = 0;
	int64_t hid = 0;
	if (rc == 1) {
		*id = px_stmt_col_int(s, 0);
		px_strlcpy(mpid, px_stmt_col_text(s, 1), sizeof mpid);
		px_strlcpy(state, px_stmt_col_text(s, 2), sizeof state);
		px_strlcpy(ch, px_stmt_col_text(s, 3), sizeof ch);
		px_strlcpy(tpl, px_stmt_col_text(s, 4), sizeof tpl);
		att = px_stmt_col_int(s, 5);
		hid = px_stmt_col_int(s, 6);
	}
	px_stmt_reset(s);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		px_store_rollback(n->st);
		return px_err_set(err, PX_EREJECT, "no message with %s '%s'", pid && *pid ? "provider id" : "id",
				  pid && *pid ? pid : mid);
	}
	if (hid && !px_auth_in_scope(n->user, hid)) {
		px_store_rollback(n->st);
		return px_err_set(err, PX_EPERM, "permission denied: %s may not update message '%s'",
				  n->user->name, mpid);
	}
	if (!strcmp(state, status)) {
		px_store_rollback(n->st); /* the same receipt again: nothing to do */
		return 0;
	}
	if (strcmp(state, "sent") && strcmp(state, "unknown") && strcmp(state, "delivered")) {
		px_store_rollback(n->st);
		return px_err_set(err, PX_EREJECT, "message '%s' is %s: a receipt applies only to a sent message",
				  mpid, state);
	}
	s = px_stmt_prepare(n->st, "UPDATE notifications SET state = ?2, receipt_at = ?3, "
			    "last_error = CASE WHEN ?2 = 'delivered' THEN last_error ELSE ?4 END, "
			    "updated_at = ?5 WHERE id = ?1", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, *id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, ts);
	px_stmt_text(s, 4, error && *error ? error : NULL);
	px_stmt_text(s, 5, t0s);
	if (px_stmt_run(s, err))
		goto fail;
	char action[64];
	snprintf(action, sizeof action, "notification_%s", status);
	if (audit(n, action, mpid, details(ch, tpl, att, error), err) || px_store_commit(n->st, err))
		goto fail;
	return 0;
fail:
	px_store_rollback(n->st);
	return -1;
}
