/* normalise.c - the fields of a visit record, checked and normalised;
 * see normalise.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "base/token.h"
#include "intake/normalise.h"
#include "base/banned.h"

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

/* A field's value with surrounding blanks ignored, into buf (cut to
 * size); NULL when empty. */
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

#define FIELD(r, key, in, b) field((r), (key), (in)->b, sizeof (in)->b)

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

/* A channel as px names it, whatever its case; NULL when it is none. */
static const char *norm_channel(const char *s)
{
	char low[16];
	size_t n = s ? strlen(s) : 0;
	if (!n || n >= sizeof low)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	int ch = px_channel_parse(low);
	return ch < 0 ? NULL : px_channel_name(ch);
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

int px_normalise_hospital(struct px_rec *r, struct px_visit_in *in, struct px_err *err)
{
	memset(in, 0, sizeof *in);
	in->hospital = FIELD(r, "hospital", in, b_hospital);
	if (!in->hospital)
		return px_fail(err, PX_EREJECT, "missing 'hospital'");
	return PX_OK;
}

/* The key of an event without an id: a digest of what makes it one. */
static void event_key(const struct px_visit_in *in, char out[PX_EVENT_KEY_LEN])
{
	struct px_buf b = PX_BUF_INIT;
	const char *parts[] = { in->hospital, in->visit, in->event, in->at, in->mrn,
				in->prior_mrn, in->department, in->disposition };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		px_buf_adds(&b, parts[i] ? parts[i] : "");
		px_buf_addc(&b, '\x1f');
	}
	uint8_t h[PX_SHA256_LEN];
	px_sha256(b.s, b.len, h);
	px_buf_free(&b);
	memcpy(out, "sha256:", 7);
	px_hex(h, 16, out + 7);
}

/* Whether a time px_time_parse accepted is already written as px writes
 * UTC (YYYY-MM-DDTHH:MM:SSZ), a leap second aside. */
static int is_utc(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return 0;
	return !s[sizeof shape - 1] && !(s[17] == '6' && s[18] == '0');
}

int px_normalise_event(struct px_rec *r, struct px_visit_in *in, struct px_err *err)
{
	const char *raw = FIELD(r, "event", in, b_event);
	if (!raw)
		return px_fail(err, PX_EREJECT, "missing 'event'");
	if (!(in->event = event_name(raw)))
		return px_fail(err, PX_EREJECT, "unknown event '%s'", raw);
	const char *ts = FIELD(r, "event_time", in, b_time);
	int64_t t;
	if (!ts)
		return px_fail(err, PX_EREJECT, "missing 'event_time'");
	if (px_time_parse(ts, &t))
		return px_fail(err, PX_EREJECT, "bad event_time '%s'", ts);
	if (is_utc(ts))
		memcpy(in->at, ts, PX_TIME_UTC_LEN); /* as it would be written */
	else
		px_time_format_utc(t, in->at);
	if (!(in->mrn = FIELD(r, "mrn", in, b_mrn)))
		return px_fail(err, PX_EREJECT, "missing 'mrn'");
	in->visit = FIELD(r, "visit", in, b_visit);
	in->prior_mrn = FIELD(r, "prior_mrn", in, b_prior);
	in->merge = !strcmp(in->event, "merge");
	if (!in->visit && strcmp(in->event, "update") && !in->merge)
		return px_fail(err, PX_EREJECT, "missing 'visit'");
	if (in->merge && !in->prior_mrn)
		return px_fail(err, PX_EREJECT, "missing 'prior_mrn'");
	in->department = FIELD(r, "department", in, b_department);
	in->patient_type = FIELD(r, "patient_type", in, b_type);
	in->disposition = FIELD(r, "disposition", in, b_disp);
	in->event_id = FIELD(r, "event_id", in, b_id);
	if (in->event_id)
		snprintf(in->key, sizeof in->key, "id:%s", in->event_id);
	else
		event_key(in, in->key);
	return PX_OK;
}

int px_normalise_patient(const struct px_config *cfg, struct px_rec *r, struct px_visit_in *in,
			 struct px_err *err)
{
	in->natid = FIELD(r, "national_id", in, b_natid);
	in->name_en = FIELD(r, "name_en", in, b_name_en);
	in->name_ar = FIELD(r, "name_ar", in, b_name_ar);
	in->birth_date = FIELD(r, "birth_date", in, b_birth);
	int64_t bt;
	if (in->birth_date && (strlen(in->birth_date) != 10 || px_time_parse(in->birth_date, &bt)))
		return px_fail(err, PX_EREJECT, "bad birth_date '%s'", in->birth_date);
	in->sex = FIELD(r, "sex", in, b_sex);
	const char *ph = FIELD(r, "phone", in, b_phone);
	struct px_err ignored;
	if (ph && !px_phone_normalise(ph, in->phone_e164, &ignored))
		in->phone = in->phone_e164;
	in->email = FIELD(r, "email", in, b_email);
	if (in->email && px_email_check(in->email, &ignored))
		in->email = NULL;
	in->language = norm_language(FIELD(r, "language", in, b_language));
	in->channel = norm_channel(FIELD(r, "preferred_channel", in, b_channel));
	static const char *const optout[PX_CH_COUNT] = {
		[PX_CH_SMS] = "optout_sms", [PX_CH_WHATSAPP] = "optout_whatsapp",
		[PX_CH_EMAIL] = "optout_email",
	};
	int all = flag(r, "optout");
	for (int ch = 0; ch < PX_CH_COUNT; ch++) {
		in->optout[ch] = flag(r, optout[ch]);
		if (in->optout[ch] < 0)
			in->optout[ch] = all;
	}
	in->deceased = flag(r, "deceased");
	if (in->natid) {
		if (px_natid_hash(cfg, in->natid, in->natid_hash, err))
			return err->code;
		px_mask(in->natid, in->natid_masked);
	}
	return PX_OK;
}
