/* px-web - the pages patients reach from a link, as a CGI program behind
 * any web server (px-web(8)): a survey by its token, and the tracking of
 * a complaint by its code.  The pages call the library's verbs, acting as
 * the holder of the link or code, never as a user of px. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "cases/hooks.h"
#include "cases/observation.h"
#include "web/web.h"

#define MAX_BODY (64 * 1024)
#define MAX_UPLOAD (11 * 1024 * 1024) /* a form with its file; the library caps the file */
#define NONCE_TTL (4 * 3600) /* seconds a page's form may be sent back */

/* What a request is served with. */
struct web {
	struct px_web_req req;
	struct px_config *cfg;
	struct px_store *st;
	struct px_user actor;   /* nobody of px's users: no role, no hospital */
	struct px_ctx cx;
	const char *lang;       /* en or ar */
	struct px_rec *got;     /* the last record a verb emitted */
	struct px_rec **all;    /* with the directory: every one */
	size_t nall;
	int collect;
	struct px_buf page;
	int status;
	long long spent;        /* seconds on the page a POST came from, once */
};

static int ar(const struct web *w)
{
	return !strcmp(w->lang, "ar");
}

/* English or Arabic, as the page is. */
#define T(w, en, arabic) (ar(w) ? (arabic) : (en))

/* The records verbs hand over: the last one kept. */
static int keep(struct px_ctx *cx, const struct px_rec *r, struct px_err *err)
{
	struct web *w = cx->front;
	if (w->collect) {
		w->all = px_xrealloc(w->all, (w->nall + 1) * sizeof *w->all);
		w->all[w->nall++] = px_rec_copy(r);
		return PX_OK;
	}
	px_rec_free(w->got);
	w->got = px_rec_copy(r);
	return PX_OK;
}

/* An error for the server's log: never a token or a patient's data. */
static void logerr(const char *what, const struct px_err *err)
{
	fprintf(stderr, "px-web: %s: %s\n", what, err && err->text[0] ? err->text : "failed");
}

/* ---------- the page ---------- */

static const char stylesheet[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font:18px/1.5 system-ui,'Noto Sans Arabic','Segoe UI',sans-serif;"
	"color:#1b1b1b;background:#f6f7f9}"
	"main{max-width:40rem;margin:0 auto;padding:1rem}"
	"header{background:#0b5c7a;color:#fff;padding:.75rem 1rem}"
	"header a{color:#fff}"
	"h1{font-size:1.4rem;margin:.5rem 0}"
	"fieldset{border:1px solid #c9ced6;border-radius:.5rem;margin:0 0 1rem;padding:.75rem;"
	"background:#fff}"
	"legend{font-weight:600;padding:0 .25rem}"
	".choices{display:flex;flex-wrap:wrap;gap:.5rem}"
	".choices label{display:flex;align-items:center;gap:.4rem;min-height:44px;"
	"min-width:44px;padding:.4rem .7rem;border:1px solid #c9ced6;border-radius:.4rem;"
	"background:#fafbfc}"
	"input[type=text],textarea,input[type=search]{width:100%;font:inherit;padding:.6rem;"
	"border:1px solid #8a94a3;border-radius:.4rem}"
	"textarea{min-height:6rem}"
	"button{font:inherit;min-height:48px;padding:.6rem 1.4rem;border:0;border-radius:.5rem;"
	"background:#0b5c7a;color:#fff}"
	".req{color:#a1260d}"
	".error{color:#a1260d;font-weight:600}"
	".lang{float:inline-end}"
	"dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}"
	"dt{font-weight:600}";

static void page_start(struct web *w, const char *title, const char *switch_to)
{
	struct px_buf *b = &w->page;
	px_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		    w->lang, ar(w) ? "rtl" : "ltr");
	px_html(b, title);
	px_buf_adds(b, "</title>\n<link rel=\"stylesheet\" href=\"/px.css\">\n</head>\n<body>\n<header>");
	if (switch_to) {
		px_buf_adds(b, "<a class=\"lang\" href=\"");
		px_html(b, switch_to);
		px_buf_adds(b, ar(w) ? "\" lang=\"en\" hreflang=\"en\">English</a>"
				     : "\" lang=\"ar\" hreflang=\"ar\">العربية</a>");
	}
	px_buf_adds(b, "<h1>");
	px_html(b, title);
	px_buf_adds(b, "</h1></header>\n<main>\n");
}

static void page_end(struct web *w)
{
	px_buf_adds(&w->page, "</main>\n</body>\n</html>\n");
}

/* A page of one message. */
static void message_page(struct web *w, int status, const char *title, const char *text)
{
	w->status = status;
	px_buf_reset(&w->page);
	page_start(w, title, NULL);
	px_buf_adds(&w->page, "<p>");
	px_html(&w->page, text);
	px_buf_adds(&w->page, "</p>\n");
	page_end(w);
}

/* The page of a failure of px's own, said for the server's log already. */
static void failed_page(struct web *w)
{
	message_page(w, 500, T(w, "Something went wrong", "حدث خطأ"),
		     T(w, "Please try again later.", "يرجى المحاولة لاحقاً."));
}

/* ---------- the form's nonce ---------- */

/* The nonce of a form for the token issued at t: the time and an HMAC of
 * the token's hash and the time under the store's web-form secret. */
static int nonce_make(const struct web *w, const char *token, long long t, char out[128])
{
	uint8_t key[PX_SHA256_LEN], mac[PX_SHA256_LEN];
	struct px_err err = { 0 };
	if (px_secret(w->cfg, "web-form", key, &err)) {
		logerr("form secret", &err);
		return -1;
	}
	char hash[PX_SHA256_HEX], msg[PX_SHA256_HEX + 32];
	px_token_hash(token, hash);
	int n = snprintf(msg, sizeof msg, "%s:%lld", hash, t);
	px_hmac_sha256(key, sizeof key, msg, (size_t)n, mac);
	explicit_bzero(key, sizeof key);
	char b64[64];
	px_base64(b64, mac, 18, PX_B64_URL);
	snprintf(out, 128, "%lld.%s", t, b64);
	return 0;
}

static int nonce_ok(const struct web *w, const char *token, const char *nonce, int64_t now)
{
	if (!nonce)
		return 0;
	char *end;
	long long t = strtoll(nonce, &end, 10);
	if (end == nonce || *end != '.' || t > now || now - t > NONCE_TTL)
		return 0;
	char want[128];
	return !nonce_make(w, token, t, want) && !strcmp(want, nonce);
}

/* ---------- guessing ---------- */

/* Whether the client has tried too many wrong links or codes this hour:
 * 1 with the page said. */
static int guessing(struct web *w)
{
	struct px_err err = { 0 };
	char client[PX_SHA256_HEX];
	long long n = 0;
	if (px_web_client(w->cfg, w->req.remote_addr, client, &err) ||
	    px_web_failures(w->st, client, px_now(&w->cx), &n, &err)) {
		logerr("rate limit", &err);
		return 0;
	}
	if (n < PX_WEB_FAILURES)
		return 0;
	message_page(w, 429, T(w, "Too many tries", "محاولات كثيرة"),
		     T(w, "Too many links or codes that are not valid were tried from here. "
			  "Please wait an hour and try again.",
		       "تمت تجربة روابط أو رموز غير صالحة كثيرة من هنا. يرجى الانتظار ساعة ثم المحاولة مجدداً."));
	return 1;
}

/* A wrong link or code, counted against the client. */
static void wrong(struct web *w)
{
	struct px_err err = { 0 };
	char client[PX_SHA256_HEX];
	if (px_web_client(w->cfg, w->req.remote_addr, client, &err) ||
	    px_web_failed(w->st, client, px_now(&w->cx), &err))
		logerr("rate limit", &err);
}

/* ---------- the survey page ---------- */

/* The device class of a user agent. */
static const char *device_of(const char *ua)
{
	if (strstr(ua, "iPad") || strstr(ua, "Tablet"))
		return "tablet";
	if (strstr(ua, "Mobi") || strstr(ua, "Android") || strstr(ua, "iPhone"))
		return "mobile";
	return *ua ? "desktop" : "unknown";
}

/* A link event for the survey of token. */
static void track(struct web *w, const char *token, const char *event, const char *question)
{
	struct px_rec *r = px_rec_new("survey.event");
	px_rec_set_str(r, "token", token);
	px_rec_set_str(r, "event", event);
	px_rec_set_str(r, "device", device_of(w->req.user_agent));
	if (question)
		px_rec_set_str(r, "question", question);
	if (w->spent > 0) {
		/* the time on the page goes with the first event it caused */
		px_rec_set_int(r, "time_on_page", w->spent);
		w->spent = 0;
	}
	struct px_err err = { 0 };
	if (px_survey_track(r, &w->cx, &err))
		logerr("tracking", &err);
	px_rec_free(r);
}

static void field_choices(struct web *w, const struct px_page_question *q, const char *name)
{
	struct px_buf *b = &w->page;
	px_buf_adds(b, "<div class=\"choices\">");
	for (size_t j = 0; j < q->nchoices; j++) {
		px_buf_addf(b, "<label><input type=\"radio\" name=\"");
		px_html(b, name);
		px_buf_adds(b, "\" value=\"");
		px_html(b, q->choices[j].value);
		px_buf_addc(b, '"');
		if (q->answer && !strcmp(q->answer, q->choices[j].value))
			px_buf_adds(b, " checked");
		if (q->required && j == 0)
			px_buf_adds(b, " required");
		px_buf_adds(b, "> ");
		px_html(b, q->choices[j].label);
		px_buf_adds(b, "</label>");
	}
	px_buf_adds(b, "</div>\n");
}

/* Whether code is one of the comma-separated list. */
static int listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list ? list : ""; *p;) {
		size_t m = strcspn(p, ",");
		if (m == n && !strncmp(p, code, n))
			return 1;
		p += m + (p[m] == ',');
	}
	return 0;
}

/* The question a one-per-screen page asks now: the first shown that is
 * neither answered nor passed over (an optional one sent empty); -1 when
 * none is left. */
static long next_question(const struct px_survey_page *p, const char *passed)
{
	for (size_t i = 0; i < p->nq; i++)
		if (p->q[i].shown && !p->q[i].answer && !listed(passed, p->q[i].code))
			return (long)i;
	return -1;
}

/* The survey's open questions as a form (one of them, the next, when the
 * template asks one a screen; passed: the optional ones sent empty);
 * error, when not NULL, said at the question bad, and notice above the
 * form. */
static void survey_form(struct web *w, const struct px_survey_page *p, const char *token,
			const char *bad, const char *error, const char *notice, const char *passed)
{
	struct px_buf *b = &w->page;
	char nonce[128];
	if (nonce_make(w, token, px_now(&w->cx), nonce)) {
		failed_page(w);
		return;
	}
	char *other = px_xasprintf("?lang=%s", ar(w) ? "en" : "ar");
	page_start(w, p->title, other);
	free(other);
	if (p->first_name) {
		px_buf_adds(b, "<p>");
		px_html(b, T(w, "Dear ", "عزيزنا "));
		px_html(b, p->first_name);
		px_buf_adds(b, T(w, ", thank you for telling ", "، شكراً لإخبار "));
		px_html(b, p->hospital);
		px_buf_adds(b, T(w, " about your visit.</p>\n", " عن زيارتك.</p>\n"));
	}
	size_t shown = 0, answered = 0;
	for (size_t i = 0; i < p->nq; i++)
		if (p->q[i].shown) {
			shown++;
			answered += p->q[i].answer != NULL;
		}
	px_buf_addf(b, "<p><progress max=\"%zu\" value=\"%zu\"></progress> ", shown, answered);
	px_buf_addf(b, T(w, "%zu of %zu answered", "تمت الإجابة على %zu من %zu"), answered, shown);
	px_buf_adds(b, "</p>\n");
	if (notice) {
		px_buf_adds(b, "<p class=\"error\">");
		px_html(b, notice);
		px_buf_adds(b, "</p>\n");
	}
	px_buf_adds(b, "<form method=\"post\">\n<input type=\"hidden\" name=\"nonce\" value=\"");
	px_html(b, nonce);
	px_buf_adds(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	px_html(b, w->lang);
	px_buf_adds(b, "\">\n");
	long only = -1;
	if (p->one_per_screen) {
		only = next_question(p, passed);
		if (bad && *bad)
			for (size_t i = 0; i < p->nq; i++)
				if (!strcmp(p->q[i].code, bad))
					only = (long)i;
		px_buf_adds(b, "<input type=\"hidden\" name=\"passed\" value=\"");
		px_html(b, passed);
		px_buf_adds(b, "\">\n");
	}
	for (size_t i = 0; i < p->nq; i++) {
		const struct px_page_question *q = &p->q[i];
		if (!q->shown || (p->one_per_screen && (long)i != only))
			continue;
		char name[80];
		snprintf(name, sizeof name, "q_%s", q->code);
		int textual = q->type == PX_Q_TEXT || q->type == PX_Q_TEXTAREA;
		px_buf_adds(b, textual ? "<div class=\"field\"><label for=\"" : "<fieldset><legend>");
		if (textual) {
			px_html(b, name);
			px_buf_adds(b, "\">");
		}
		px_html(b, q->text);
		if (q->required)
			px_buf_adds(b, " <span class=\"req\">*</span>");
		px_buf_adds(b, textual ? "</label>\n" : "</legend>\n");
		if (bad && !strcmp(bad, q->code)) {
			px_buf_adds(b, "<p class=\"error\">");
			px_html(b, error);
			px_buf_adds(b, "</p>\n");
		}
		if (q->type == PX_Q_TEXTAREA) {
			px_buf_adds(b, "<textarea id=\"");
			px_html(b, name);
			px_buf_adds(b, "\" name=\"");
			px_html(b, name);
			px_buf_adds(b, "\" maxlength=\"2000\">");
			px_html(b, q->answer);
			px_buf_adds(b, "</textarea></div>\n");
		} else if (q->type == PX_Q_TEXT) {
			px_buf_adds(b, "<input type=\"text\" id=\"");
			px_html(b, name);
			px_buf_adds(b, "\" name=\"");
			px_html(b, name);
			px_buf_adds(b, "\" maxlength=\"500\" value=\"");
			px_html(b, q->answer);
			px_buf_adds(b, "\"></div>\n");
		} else {
			field_choices(w, q, name);
			px_buf_adds(b, "</fieldset>\n");
		}
	}
	px_buf_adds(b, "<button type=\"submit\">");
	px_buf_adds(b, p->one_per_screen && next_question(p, passed) >= 0 &&
		       (size_t)next_question(p, passed) + 1 < p->nq ? T(w, "Next", "التالي")
							    : T(w, "Send", "إرسال"));
	px_buf_adds(b, "</button>\n</form>\n");
	page_end(w);
}

/* The page a survey in a state that takes no answer shows. */
static void survey_closed(struct web *w, const struct px_survey_page *p)
{
	if (p->state == PX_PAGE_COMPLETED)
		message_page(w, 200, T(w, "Thank you", "شكراً لك"),
			     T(w, "Your answers have been received. Thank you for helping us improve.",
			       "وصلتنا إجاباتك. شكراً لمساعدتنا على التحسين."));
	else if (p->state == PX_PAGE_EXPIRED)
		message_page(w, 410, T(w, "This survey has closed", "انتهت مدة هذا الاستبيان"),
			     T(w, "The time to answer this survey has passed.",
			       "انقضى الوقت المحدد للإجابة على هذا الاستبيان."));
	else
		message_page(w, 410, T(w, "This survey is no longer open", "هذا الاستبيان لم يعد متاحاً"),
			     T(w, "This survey was withdrawn; there is nothing to answer.",
			       "تم سحب هذا الاستبيان، ولا يوجد ما تجيب عنه."));
}

static void survey_get(struct web *w, const char *token)
{
	struct px_survey_page *p;
	struct px_err err = { 0 };
	if (guessing(w))
		return;
	int rc = px_survey_page(&w->cx, token, px_web_param(&w->req, "lang"), &p, &err);
	if (rc == PX_EINPUT) {
		wrong(w);
		message_page(w, 404, T(w, "Link not valid", "الرابط غير صالح"),
			     T(w, "This survey link is not valid. Please check the message you received.",
			       "رابط الاستبيان هذا غير صالح. يرجى التحقق من الرسالة التي وصلتك."));
		return;
	}
	if (rc) {
		logerr("survey page", &err);
		failed_page(w);
		return;
	}
	w->lang = !strcmp(p->language, "ar") ? "ar" : "en";
	if (p->state != PX_PAGE_OPEN) {
		survey_closed(w, p);
	} else {
		track(w, token, "page_view", NULL);
		w->status = 200;
		survey_form(w, p, token, NULL, NULL, NULL, NULL);
	}
	px_survey_page_free(p);
}

static void survey_post(struct web *w, const char *token)
{
	struct px_survey_page *p;
	struct px_err err = { 0 };
	if (guessing(w))
		return;
	int rc = px_survey_page(&w->cx, token, px_web_param(&w->req, "lang"), &p, &err);
	if (rc) {
		survey_get(w, token); /* the same page as for a GET */
		return;
	}
	w->lang = !strcmp(p->language, "ar") ? "ar" : "en";
	if (p->state != PX_PAGE_OPEN) {
		survey_closed(w, p);
		px_survey_page_free(p);
		return;
	}
	if (!nonce_ok(w, token, px_form_get(&w->req.form, "nonce"), px_now(&w->cx))) {
		message_page(w, 403, T(w, "Please reload the page", "يرجى إعادة تحميل الصفحة"),
			     T(w, "This form is too old to be sent. Open the link again and answer.",
			       "انتهت صلاحية هذا النموذج. افتح الرابط مرة أخرى وأجب."));
		px_survey_page_free(p);
		return;
	}
	/* the page was made when its nonce was: the time spent on it */
	long long made = strtoll(px_form_get(&w->req.form, "nonce"), NULL, 10);
	w->spent = px_now(&w->cx) - made;
	if (w->spent > 86400)
		w->spent = 0;
	int started = 0;
	for (size_t i = 0; i < p->nq; i++)
		started |= p->q[i].answer != NULL;
	if (!started)
		track(w, token, "survey_started", NULL);
	/* each shown question's answer, as px-survey respond takes it */
	px_survey_respond_begin(&w->cx);
	const char *bad = NULL;      /* the question refused, in badq */
	char badq[64] = "", error[256] = "";
	for (size_t i = 0; i < p->nq && !bad; i++) {
		const struct px_page_question *q = &p->q[i];
		char name[80];
		snprintf(name, sizeof name, "q_%s", q->code);
		const char *v = px_form_get(&w->req.form, name);
		if (!q->shown || !v || !*v || (q->answer && !strcmp(q->answer, v)))
			continue;
		struct px_rec *r = px_rec_new("survey.answer");
		px_rec_set_str(r, "token", token);
		px_rec_set_str(r, "question", q->code);
		px_rec_set_str(r, "value", v);
		px_err_clear(&err);
		rc = px_survey_respond(r, &w->cx, &err);
		px_rec_free(r);
		if (rc == PX_EREJECT || rc == PX_EUSAGE) {
			px_strlcpy(badq, q->code, sizeof badq);
			bad = badq;
			snprintf(error, sizeof error, "%s", T(w, "This answer is not one the question takes.",
							      "هذه الإجابة ليست من خيارات السؤال."));
		} else if (rc) {
			logerr("answer", &err);
			px_strlcpy(badq, q->code, sizeof badq);
			bad = badq;
			snprintf(error, sizeof error, "%s", T(w, "Your answer could not be saved; please try again.",
							      "تعذر حفظ إجابتك، يرجى المحاولة مرة أخرى."));
		} else {
			track(w, token, "question_answered", q->code);
		}
	}
	/* one a screen: an optional question sent empty is passed over */
	struct px_buf passed = { 0 };
	px_buf_adds(&passed, px_form_get(&w->req.form, "passed") ? px_form_get(&w->req.form, "passed")
								: "");
	if (p->one_per_screen && !bad) {
		long at = next_question(p, passed.s ? passed.s : "");
		if (at >= 0) {
			char name[80];
			snprintf(name, sizeof name, "q_%s", p->q[at].code);
			const char *v = px_form_get(&w->req.form, name);
			if ((!v || !*v) && !p->q[at].required) {
				if (passed.len)
					px_buf_addc(&passed, ',');
				px_buf_adds(&passed, p->q[at].code);
			}
		}
	}
	/* questions the answers have just revealed are asked before the
	 * survey completes, and on a one-a-screen page every one left */
	struct px_survey_page *now = NULL;
	int revealed = 0;
	px_err_clear(&err);
	if (!px_survey_page(&w->cx, token, w->lang, &now, &err)) {
		for (size_t i = 0; i < now->nq && i < p->nq; i++)
			revealed |= now->q[i].shown && !p->q[i].shown && !now->q[i].answer;
		if (now->one_per_screen)
			revealed = next_question(now, passed.s ? passed.s : "") >= 0;
		px_survey_page_free(now);
	}
	px_err_clear(&err);
	if (px_survey_respond_finish(&w->cx, !revealed, &err))
		logerr("completing", &err);
	px_survey_page_free(p);
	/* the page as it is now: thanks, or what is left to answer */
	if ((rc = px_survey_page(&w->cx, token, w->lang, &p, &err))) {
		logerr("survey page", &err);
		failed_page(w);
		px_buf_free(&passed);
		return;
	}
	if (p->state == PX_PAGE_COMPLETED)
		track(w, token, "survey_completed", NULL);
	if (p->state != PX_PAGE_OPEN) {
		survey_closed(w, p);
	} else {
		int left = 0;
		for (size_t i = 0; i < p->nq; i++)
			left |= p->q[i].shown && p->q[i].required && !p->q[i].answer;
		w->status = bad ? 400 : 200;
		survey_form(w, p, token, bad, error,
			    !bad && left && !p->one_per_screen
			    ? T(w, "Please answer the questions marked *.",
				"يرجى الإجابة على الأسئلة المعلّمة بـ *.") : NULL,
			    passed.s ? passed.s : "");
	}
	px_buf_free(&passed);
	px_survey_page_free(p);
}

/* ---------- tracking a complaint ---------- */

/* A case's state as the person who filed it reads it. */
static const char *state_name(const struct web *w, const char *state)
{
	static const char *const names[][3] = {
		{ "open", "Received", "مستلمة" },
		{ "in_progress", "Being looked into", "قيد المعالجة" },
		{ "waiting", "Waiting for more information", "بانتظار معلومات إضافية" },
		{ "partially_resolved", "Partly resolved", "حُلّت جزئياً" },
		{ "resolved", "Resolved", "تم الحل" },
		{ "responded", "Answered", "تم الرد" },
		{ "closed", "Closed", "مغلقة" },
		{ "cancelled", "Withdrawn", "ملغاة" },
	};
	for (size_t i = 0; state && i < sizeof names / sizeof *names; i++)
		if (!strcmp(state, names[i][0]))
			return T(w, names[i][1], names[i][2]);
	return state;
}

static void track_page(struct web *w)
{
	const char *code = px_web_param(&w->req, "code");
	struct px_buf *b = &w->page;
	if (code && *code) {
		struct px_err err = { 0 };
		px_rec_free(w->got);
		w->got = NULL;
		if (guessing(w))
			return;
		int rc = px_case_track(&w->cx, code, &err);
		if (rc == PX_EINPUT) {
			wrong(w);
			message_page(w, 404, T(w, "Not found", "غير موجود"),
				     T(w, "No complaint has this tracking code. Please check it and try again.",
				       "لا توجد شكوى بهذا الرمز. يرجى التحقق منه والمحاولة مرة أخرى."));
			return;
		}
		if (rc || !w->got) {
			logerr("tracking", &err);
			failed_page(w);
			return;
		}
		w->status = 200;
		page_start(w, T(w, "Your complaint", "شكواك"), NULL);
		static const char *const keys[][3] = {
			{ "ref", "Reference", "المرجع" }, { "state", "State", "الحالة" },
			{ "opened_at", "Received", "تاريخ الاستلام" },
			{ "state_since", "In this state since", "في هذه الحالة منذ" },
		};
		px_buf_adds(b, "<dl>\n");
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
			const char *v = px_rec_get(w->got, keys[i][0]);
			char local[PX_TIME_LOCAL_LEN];
			int64_t t;
			if (i == 1)
				v = state_name(w, v);
			else if (i > 1 && v && !px_time_parse(v, &t)) {
				px_time_format_local(t, local);
				v = local;
			}
			px_buf_adds(b, "<dt>");
			px_html(b, T(w, keys[i][1], keys[i][2]));
			px_buf_adds(b, "</dt><dd>");
			px_html(b, v);
			px_buf_adds(b, "</dd>\n");
		}
		px_buf_adds(b, "</dl>\n");
		page_end(w);
		return;
	}
	w->status = 200;
	page_start(w, T(w, "Follow your complaint", "تابع شكواك"), ar(w) ? "?lang=en" : "?lang=ar");
	px_buf_adds(b, "<form method=\"get\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	px_html(b, w->lang);
	px_buf_adds(b, "\">\n<div class=\"field\"><label for=\"code\">");
	px_html(b, T(w, "Tracking code", "رمز التتبع"));
	px_buf_adds(b, "</label>\n<input type=\"text\" id=\"code\" name=\"code\" required "
		       "autocomplete=\"off\" maxlength=\"32\"></div>\n<button type=\"submit\">");
	px_html(b, T(w, "Show", "عرض"));
	px_buf_adds(b, "</button>\n</form>\n");
	page_end(w);
}

/* ---------- the public forms ---------- */

/* The nonce of a public form: as a survey's, bound to the form's name. */
#define FORM_NONCE(w, form, out) nonce_make(w, form, px_now(&(w)->cx), out)

/* The hospitals and departments offered, as a select of "HOSPITAL" and
 * "HOSPITAL/DEPARTMENT" values; chosen is selected. */
static int where_select(struct web *w, const char *chosen)
{
	struct px_err err = { 0 };
	w->collect = 1;
	int rc = px_org_directory(&w->cx, &err);
	w->collect = 0;
	if (rc) {
		logerr("directory", &err);
		return rc;
	}
	struct px_buf *b = &w->page;
	px_buf_adds(b, "<select id=\"where\" name=\"where\" required>\n<option value=\"\">");
	px_html(b, T(w, "Choose", "اختر"));
	px_buf_adds(b, "</option>\n");
	int open = 0;
	for (size_t i = 0; i < w->nall; i++) {
		const struct px_rec *r = w->all[i];
		const char *name = T(w, px_rec_get(r, "name"),
				     px_rec_get(r, "name_ar") ? px_rec_get(r, "name_ar")
							      : px_rec_get(r, "name"));
		char value[96];
		int hospital = !strcmp(px_rec_type(r), "hospital");
		if (hospital) {
			if (open)
				px_buf_adds(b, "</optgroup>\n");
			px_buf_adds(b, "<optgroup label=\"");
			px_html(b, name);
			px_buf_adds(b, "\">\n");
			open = 1;
			snprintf(value, sizeof value, "%s", px_rec_get(r, "code"));
		} else {
			snprintf(value, sizeof value, "%s/%s", px_rec_get(r, "hospital"),
				 px_rec_get(r, "code"));
		}
		px_buf_adds(b, "<option value=\"");
		px_html(b, value);
		px_buf_addc(b, '"');
		if (chosen && !strcmp(chosen, value))
			px_buf_adds(b, " selected");
		px_buf_adds(b, ">");
		px_html(b, hospital ? T(w, "Somewhere in the hospital", "في المستشفى عموماً") : name);
		px_buf_adds(b, "</option>\n");
	}
	if (open)
		px_buf_adds(b, "</optgroup>\n");
	px_buf_adds(b, "</select>\n");
	for (size_t i = 0; i < w->nall; i++)
		px_rec_free(w->all[i]);
	free(w->all);
	w->all = NULL;
	w->nall = 0;
	return PX_OK;
}

/* A labelled field: input type (text, tel, email) or textarea. */
static void text_field(struct web *w, const char *name, const char *label, const char *type,
		       int required, int max)
{
	struct px_buf *b = &w->page;
	const char *v = px_web_param(&w->req, name);
	px_buf_adds(b, "<div class=\"field\"><label for=\"");
	px_html(b, name);
	px_buf_adds(b, "\">");
	px_html(b, label);
	if (required)
		px_buf_adds(b, " <span class=\"req\">*</span>");
	px_buf_adds(b, "</label>\n");
	if (!strcmp(type, "textarea")) {
		px_buf_addf(b, "<textarea id=\"%s\" name=\"%s\" maxlength=\"%d\"%s>", name, name, max,
			    required ? " required" : "");
		px_html(b, v);
		px_buf_adds(b, "</textarea>");
	} else {
		px_buf_addf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" maxlength=\"%d\"%s value=\"",
			    type, name, name, max, required ? " required" : "");
		px_html(b, v);
		px_buf_adds(b, "\">");
	}
	px_buf_adds(b, "</div>\n");
}

/* The start of a public form, with its nonce (multipart: it takes a
 * file); 0, or -1 with a page said. */
static int form_start(struct web *w, const char *form, const char *title, const char *intro,
		      const char *error, int multipart)
{
	char nonce[128];
	if (FORM_NONCE(w, form, nonce)) {
		failed_page(w);
		return -1;
	}
	struct px_buf *b = &w->page;
	px_buf_reset(b);
	page_start(w, title, ar(w) ? "?lang=en" : "?lang=ar");
	px_buf_adds(b, "<p>");
	px_html(b, intro);
	px_buf_adds(b, "</p>\n");
	if (error) {
		px_buf_adds(b, "<p class=\"error\">");
		px_html(b, error);
		px_buf_adds(b, "</p>\n");
	}
	px_buf_adds(b, multipart ? "<form method=\"post\" enctype=\"multipart/form-data\">\n"
				 : "<form method=\"post\">\n");
	px_buf_adds(b, "<input type=\"hidden\" name=\"nonce\" value=\"");
	px_html(b, nonce);
	px_buf_adds(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	px_html(b, w->lang);
	px_buf_adds(b, "\">\n<div class=\"field\"><label for=\"where\">");
	px_html(b, T(w, "Where", "المكان"));
	px_buf_adds(b, " <span class=\"req\">*</span></label>\n");
	if (where_select(w, px_web_param(&w->req, "where")))
		return -1;
	px_buf_adds(b, "</div>\n");
	return 0;
}

static void form_end(struct web *w, const char *button)
{
	px_buf_adds(&w->page, "<button type=\"submit\">");
	px_html(&w->page, button);
	px_buf_adds(&w->page, "</button>\n</form>\n");
	page_end(w);
}

static void complaint_form(struct web *w, int status, const char *error)
{
	w->status = status;
	if (form_start(w, "complaint", T(w, "Tell us about a problem", "أخبرنا عن مشكلة"),
		       T(w, "We read every complaint and answer you. You will get a code to follow it.",
			 "نقرأ كل شكوى ونرد عليك. ستحصل على رمز لمتابعتها."), error, 1))
		return;
	text_field(w, "title", T(w, "In a few words", "باختصار"), "text", 0, 200);
	text_field(w, "description", T(w, "What happened", "ماذا حدث"), "textarea", 1, 4000);
	text_field(w, "name", T(w, "Your name", "اسمك"), "text", 1, 200);
	text_field(w, "phone", T(w, "Your mobile number", "رقم جوالك"), "tel", 0, 32);
	text_field(w, "email", T(w, "Or your email address", "أو بريدك الإلكتروني"), "email", 0, 200);
	px_buf_adds(&w->page, "<div class=\"field\"><label for=\"file\">");
	px_html(&w->page, T(w, "A photograph or a document, if you have one (PDF, JPEG, PNG or text)",
			    "صورة أو مستند إن وجد (PDF أو JPEG أو PNG أو نص)"));
	px_buf_adds(&w->page, "</label>\n<input type=\"file\" id=\"file\" name=\"file\" "
			      "accept=\".pdf,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,"
			      "text/plain\"></div>\n");
	form_end(w, T(w, "Send the complaint", "إرسال الشكوى"));
}

static void observe_form(struct web *w, int status, const char *error)
{
	w->status = status;
	if (form_start(w, "observe", T(w, "Report an observation", "الإبلاغ عن ملاحظة"),
		       T(w, "Tell us of a safety concern, a problem in how work is done, or a good "
			    "practice. You need not give your name.",
			 "أخبرنا عن مخاوف تتعلق بالسلامة أو مشكلة في سير العمل أو ممارسة جيدة. لا يلزم ذكر اسمك."),
		       error, 0))
		return;
	struct px_buf *b = &w->page;
	static const char *const cats[][3] = {
		{ "safety", "A safety concern", "مخاوف تتعلق بالسلامة" },
		{ "process", "A problem in how work is done", "مشكلة في سير العمل" },
		{ "good_practice", "A good practice", "ممارسة جيدة" },
	};
	const char *chosen = px_web_param(&w->req, "category");
	px_buf_adds(b, "<fieldset><legend>");
	px_html(b, T(w, "What is it", "نوع الملاحظة"));
	px_buf_adds(b, " <span class=\"req\">*</span></legend>\n<div class=\"choices\">");
	for (size_t i = 0; i < 3; i++) {
		px_buf_addf(b, "<label><input type=\"radio\" name=\"category\" value=\"%s\"%s%s> ",
			    cats[i][0], chosen && !strcmp(chosen, cats[i][0]) ? " checked" : "",
			    i ? "" : " required");
		px_html(b, T(w, cats[i][1], cats[i][2]));
		px_buf_adds(b, "</label>");
	}
	px_buf_adds(b, "</div>\n</fieldset>\n");
	text_field(w, "description", T(w, "What you saw", "ما الذي لاحظته"), "textarea", 1, 4000);
	px_buf_adds(b, "<p>");
	px_html(b, T(w, "To be answered, leave your name and a number or address; leave them "
			"empty to stay anonymous.",
		     "لتلقي رد، اترك اسمك ورقماً أو بريداً؛ اتركها فارغة لتبقى مجهول الهوية."));
	px_buf_adds(b, "</p>\n");
	text_field(w, "name", T(w, "Your name", "اسمك"), "text", 0, 200);
	text_field(w, "phone", T(w, "Your mobile number", "رقم جوالك"), "tel", 0, 32);
	text_field(w, "email", T(w, "Or your email address", "أو بريدك الإلكتروني"), "email", 0, 200);
	form_end(w, T(w, "Send", "إرسال"));
}

/* The hospital and department of a "where" value, into h and d. */
static void where_split(const char *where, char h[40], char d[40])
{
	h[0] = d[0] = '\0';
	if (!where)
		return;
	const char *slash = strchr(where, '/');
	size_t n = slash ? (size_t)(slash - where) : strlen(where);
	if (n < 40) {
		memcpy(h, where, n);
		h[n] = '\0';
	}
	if (slash)
		px_strlcpy(d, slash + 1, 40);
}

/* The page that gives the code a case is followed by. */
static void filed_page(struct web *w, const char *title, const char *text)
{
	const char *code = w->got ? px_rec_get(w->got, "tracking") : NULL;
	struct px_buf *b = &w->page;
	w->status = 200;
	px_buf_reset(b);
	page_start(w, title, NULL);
	px_buf_adds(b, "<p>");
	px_html(b, text);
	px_buf_adds(b, "</p>\n<p>");
	px_html(b, T(w, "Your tracking code:", "رمز المتابعة:"));
	px_buf_adds(b, " <strong>");
	px_html(b, code);
	px_buf_adds(b, "</strong></p>\n<p><a href=\"/track?code=");
	px_html(b, code);
	px_buf_adds(b, "&amp;lang=");
	px_html(b, w->lang);
	px_buf_adds(b, "\">");
	px_html(b, T(w, "Follow it", "تابعها"));
	px_buf_adds(b, "</a></p>\n");
	page_end(w);
}

/* A public form's POST: nonce, then the verb; 1 when it was refused and
 * the form is to be shown again with error. */
#define ERROR_LEN 1200
static int form_post(struct web *w, const char *form, char error[ERROR_LEN])
{
	if (!nonce_ok(w, form, px_form_get(&w->req.form, "nonce"), px_now(&w->cx))) {
		snprintf(error, ERROR_LEN, "%s", T(w, "This form is too old to be sent. Please send it again.",
					     "انتهت صلاحية هذا النموذج. يرجى إرساله مرة أخرى."));
		w->status = 403;
		return 1;
	}
	char h[40], d[40];
	where_split(px_form_get(&w->req.form, "where"), h, d);
	struct px_err err = { 0 };
	px_rec_free(w->got);
	w->got = NULL;
	int rc;
	if (!strcmp(form, "complaint")) {
		struct px_rec *r = px_rec_new("complaint");
		static const char *const keys[] = { "title", "description", "name", "phone", "email",
						    NULL };
		for (int i = 0; keys[i]; i++) {
			const char *v = px_form_get(&w->req.form, keys[i]);
			if (v && *v)
				px_rec_set_str(r, keys[i], v);
		}
		if (*h)
			px_rec_set_str(r, "hospital", h);
		if (*d)
			px_rec_set_str(r, "department", d);
		px_rec_set_str(r, "language", w->lang);
		struct px_complaint_file f = { w->req.file.name, w->req.file.data, w->req.file.len };
		rc = px_complaint_file(&w->cx, r, w->req.file.len ? &f : NULL, &err);
		px_rec_free(r);
	} else {
		const char *name = px_form_get(&w->req.form, "name");
		struct px_observation_spec sp = {
			.hospital = *h ? h : NULL, .department = *d ? d : NULL,
			.category = px_form_get(&w->req.form, "category"),
			.description = px_form_get(&w->req.form, "description"),
			.name = name && *name ? name : NULL,
			.phone = px_form_get(&w->req.form, "phone"),
			.email = px_form_get(&w->req.form, "email"),
			.language = name && *name ? w->lang : NULL,
		};
		rc = px_observation_new(&w->cx, &sp, &err);
	}
	if (!rc && w->got)
		return 0;
	if (rc == PX_EREJECT || rc == PX_EINPUT || rc == PX_EUSAGE) {
		/* the library's reason, which names the field */
		snprintf(error, ERROR_LEN, "%s %s", T(w, "Please check what you wrote:", "يرجى مراجعة ما كتبته:"),
			 err.text);
		w->status = 400;
		return 1;
	}
	logerr(form, &err);
	snprintf(error, ERROR_LEN, "%s", T(w, "It could not be sent; please try again later.",
				     "تعذر الإرسال، يرجى المحاولة لاحقاً."));
	w->status = 500;
	return 1;
}

static void public_form(struct web *w, const char *form, int post)
{
	char error[ERROR_LEN] = "";
	int is_complaint = !strcmp(form, "complaint");
	if (post && !form_post(w, form, error)) {
		if (is_complaint)
			filed_page(w, T(w, "Thank you", "شكراً لك"),
				   T(w, "Your complaint has been received; we will answer you.",
				     "وصلتنا شكواك، وسنرد عليك."));
		else
			filed_page(w, T(w, "Thank you", "شكراً لك"),
				   T(w, "Your observation has been received.", "وصلتنا ملاحظتك."));
		return;
	}
	int status = post ? w->status : 200;
	if (is_complaint)
		complaint_form(w, status, *error ? error : NULL);
	else
		observe_form(w, status, *error ? error : NULL);
}

/* ---------- the request ---------- */

static const char *language(const struct web *w)
{
	const char *l = px_web_param(&w->req, "lang");
	if (l && (!strcmp(l, "ar") || !strcmp(l, "en")))
		return !strcmp(l, "ar") ? "ar" : "en";
	return !strncmp(w->req.accept_language, "ar", 2) ? "ar" : "en";
}

static int open_store(struct web *w)
{
	struct px_err err = { 0 };
	if (!(w->cfg = px_front_config(NULL, NULL, &err)) ||
	    !(w->st = px_front_store(w->cfg, NULL, 0, &err))) {
		logerr("store", &err);
		return -1;
	}
	/* a viewer of no hospital: what px-web's visitor may do is what the
	 * token, the code or a public form allows */
	px_strlcpy(w->actor.name, "web", sizeof w->actor.name);
	w->actor.role = PX_ROLE_VIEWER;
	w->cx.st = w->st;
	w->cx.cfg = w->cfg;
	w->cx.actor = &w->actor;
	w->cx.emit = keep;
	w->cx.front = w;
	px_hooks_register(&w->cx);
	return 0;
}

/* Whether px.conf's web.pages has the page. */
static int page_on(const struct web *w, const char *page)
{
	const char *list = px_config_str(w->cfg, "web.pages");
	size_t n = strlen(page);
	for (const char *p = list ? list : ""; *p;) {
		p += strspn(p, ", ");
		size_t m = strcspn(p, ", ");
		if (m == n && !strncmp(p, page, n))
			return 1;
		p += m;
	}
	return 0;
}

static void serve(struct web *w)
{
	const char *path = w->req.path;
	int get = !strcmp(w->req.method, "GET") || !strcmp(w->req.method, "HEAD");
	int post = !strcmp(w->req.method, "POST");
	if (!get && !post) {
		message_page(w, 405, T(w, "Not allowed", "غير مسموح"),
			     T(w, "This page takes no such request.", "لا تقبل هذه الصفحة هذا الطلب."));
		return;
	}
	if (w->req.too_large) {
		message_page(w, 413, T(w, "Too large", "كبير جداً"),
			     T(w, "What was sent is too large.", "ما تم إرساله كبير جداً."));
		return;
	}
	if (w->req.bad_form) {
		message_page(w, 400, T(w, "Not understood", "طلب غير مفهوم"),
			     T(w, "What was sent could not be read.", "تعذرت قراءة ما تم إرساله."));
		return;
	}
	const char *page = !strncmp(path, "/s/", 3) && path[3] && !strchr(path + 3, '/') ? "survey"
			   : !strcmp(path, "/complaint") ? "complaint" : !strcmp(path, "/observe") ? "observe"
			   : !strcmp(path, "/track") ? "track" : NULL;
	if (page && open_store(w))
		goto failed;
	if (page && !page_on(w, page))
		page = NULL;
	if (page && !strcmp(page, "survey")) {
		if (post)
			survey_post(w, path + 3);
		else
			survey_get(w, path + 3);
		return;
	}
	if (page && (!strcmp(page, "complaint") || !strcmp(page, "observe"))) {
		public_form(w, page, post);
		return;
	}
	if (page && !strcmp(page, "track") && get) {
		track_page(w);
		return;
	}
	message_page(w, 404, T(w, "Not found", "غير موجود"),
		     T(w, "There is no such page.", "لا توجد صفحة بهذا العنوان."));
	return;
failed:
	failed_page(w);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !getenv("GATEWAY_INTERFACE")) {
		/* run by hand: it is the web server's program */
		int help = !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help");
		fputs("usage: px-web\n", help ? stdout : stderr);
		fputs("px-web: a web server runs it as a CGI program; see px-web(8)\n", stderr);
		return help ? 0 : 2;
	}
	struct web w = { 0 };
	px_web_request(&w.req, MAX_BODY, MAX_UPLOAD);
	w.lang = language(&w);
	int rc;
	if (!strcmp(w.req.path, "/px.css"))
		rc = px_web_respond(stdout, 200, "text/css; charset=utf-8", NULL, stylesheet,
				    sizeof stylesheet - 1);
	else {
		serve(&w);
		rc = px_web_respond(stdout, w.status, "text/html; charset=utf-8", NULL, w.page.s,
				    !strcmp(w.req.method, "HEAD") ? 0 : w.page.len);
	}
	px_ctx_release(&w.cx);
	px_buf_free(&w.page);
	px_rec_free(w.got);
	px_web_request_free(&w.req);
	if (w.st)
		px_store_close(w.st);
	if (w.cfg)
		px_config_free(w.cfg);
	return rc ? 1 : 0;
}
