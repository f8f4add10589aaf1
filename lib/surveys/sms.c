/* sms.c - SMS (and WhatsApp) replies: a number or yes/no answers the
 * patient's open one-question survey; STOP or إيقاف opts out through
 * core/patient. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/privacy.h"
#include "base/regex.h"
#include "base/time.h"
#include "surveys/internal.h"
#include "base/banned.h"

enum px_sms_kind px_survey_sms_parse(const char *text, long *number)
{
	static struct px_regex *stop, *num, *yes, *no;
	if (!stop) {
		stop = px_regex_compile("^\\s*(stop|stop\\s*all|unsubscribe|opt\\s*out|\\x{0625}\\x{064A}\\x{0642}\\x{0627}\\x{0641}"
			      "|\\x{0627}\\x{064A}\\x{0642}\\x{0627}\\x{0641}|\\x{062A}\\x{0648}\\x{0642}\\x{0641}"
			      "|\\x{0625}\\x{0644}\\x{063A}\\x{0627}\\x{0621}|\\x{0627}\\x{0644}\\x{063A}\\x{0627}\\x{0621})"
			      "\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		num = px_regex_compile("^\\s*[0-9\\x{0660}-\\x{0669}\\x{06F0}-\\x{06F9}]{1,2}\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		yes = px_regex_compile("^\\s*(yes|y|\\x{0646}\\x{0639}\\x{0645})\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		no = px_regex_compile("^\\s*(no|n|\\x{0644}\\x{0627})\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
	}
	if (!text)
		return PX_SMS_UNKNOWN;
	if (px_regex_match(stop, text))
		return PX_SMS_STOP;
	if (px_regex_match(yes, text))
		return PX_SMS_YES;
	if (px_regex_match(no, text))
		return PX_SMS_NO;
	if (px_regex_match(num, text)) {
		char d[64];
		px_survey_digits(text, d, sizeof d);
		d[strspn(d, "0123456789")] = '\0';
		long long v;
		if (px_parse_int(d, 0, 99, &v))
			return PX_SMS_UNKNOWN;
		*number = (long)v;
		return PX_SMS_NUMBER;
	}
	return PX_SMS_UNKNOWN;
}

/* ---------- STOP ---------- */

static int add_patient(struct px_stmt *s, void *vids)
{
	int64_t id = px_stmt_col_int(s, 0);
	px_buf_add(vids, &id, sizeof id);
	return 0;
}

/* Inside the transaction: every patient with the phone opted out. */
static int optout_all(struct px_ctx *cx, const char *phone, const char *mask,
		      enum px_channel ch, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id FROM patients WHERE phone = ?1 ORDER BY id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, phone);
	struct px_buf ids = PX_BUF_INIT;
	int rc = px_stmt_each(s, add_patient, &ids, err);
	size_t n = ids.len / sizeof(int64_t);
	if (!rc && !n)
		rc = px_fail(err, PX_EREJECT, "no patient with phone '%s'", mask);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id;
		memcpy(&id, ids.s + i * sizeof id, sizeof id);
		struct px_patient p;
		rc = px_patient_load(cx->st, id, &p, err);
		if (!rc)
			rc = px_survey_require(cx, PX_ROLE_STAFF, p.hospital_id,
					       "record opt-outs of patients", err);
		if (!rc)
			rc = px_patient_optout(cx, &p, ch, "reply", err);
		px_patient_free(&p);
	}
	px_buf_free(&ids);
	return rc;
}

static int stop(struct px_ctx *cx, const char *phone, const char *mask, enum px_channel ch,
		struct px_err *err)
{
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	rc = optout_all(cx, phone, mask, ch, err);
	if (rc) {
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}

/* ---------- an answer ---------- */

/* The patient's latest open one-question survey on the channel, and its
 * question: 1 found, 0 none, -1 error. */
static int open_survey(struct px_ctx *cx, const char *phone, const char *channel,
		       struct px_survey_inst *in, char code[64], struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT " PX_SURVEY_INST_COLS ", (SELECT code FROM survey_questions "
		"WHERE template_id = s.template_id) "
		"FROM surveys s JOIN patients p ON p.id = s.patient_id "
		"WHERE p.phone = ?1 AND s.channel = ?2 AND s.expires_at > ?3 "
		"AND s.status IN " PX_SURVEY_OPEN " "
		"AND (SELECT count(*) FROM survey_questions WHERE template_id = s.template_id) = 1 "
		"ORDER BY s.sent_at DESC, s.id DESC LIMIT 1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, phone);
	px_stmt_text(s, 2, channel);
	px_stmt_text(s, 3, at);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_survey_inst_fill(s, in);
		px_strlcpy(code, px_stmt_col_text(s, PX_SURVEY_INST_NCOLS), 64);
	}
	px_stmt_reset(s);
	return rc;
}

int px_survey_respond_sms(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *from = px_rec_get(r, "from"), *text = px_rec_get(r, "text");
	const char *channel = px_rec_get(r, "channel");
	if (!from)
		from = px_rec_get(r, "phone");
	if (!text)
		text = px_rec_get(r, "body");
	if (!channel || !*channel)
		channel = "sms";
	if (!from || !*from)
		return px_fail(err, PX_EREJECT, "reply has no 'from'");
	if (!text)
		return px_fail(err, PX_EREJECT, "reply has no 'text'");
	int ch = px_channel_parse(channel);
	if (ch < 0 || !px_channel_is_phone(ch))
		return px_fail(err, PX_EREJECT, "unknown reply channel '%s'", channel);
	char phone[PX_PHONE_LEN], mask[PX_MASK_LEN];
	if (px_phone_normalise(from, phone, err))
		return PX_EREJECT;
	px_mask(phone, mask);
	long number = 0;
	enum px_sms_kind kind = px_survey_sms_parse(text, &number);
	if (kind == PX_SMS_UNKNOWN)
		return px_fail(err, PX_EREJECT, "cannot read the reply from '%s' as an answer", mask);
	if (kind == PX_SMS_STOP)
		return stop(cx, phone, mask, ch, err);
	struct px_survey_inst in;
	char code[64] = "", val[16];
	int rc = open_survey(cx, phone, channel, &in, code, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "no open one-question survey for '%s'", mask);
	if (kind == PX_SMS_NUMBER)
		snprintf(val, sizeof val, "%ld", number);
	else
		snprintf(val, sizeof val, "%s", kind == PX_SMS_YES ? "yes" : "no");
	rc = px_survey_answer(cx, &in, code, val, err);
	return rc ? rc : px_survey_complete(cx, in.id, err);
}
