/* smtp.c - building RFC 5322 messages and sending them with libcurl. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/address.h"
#include "messages/smtp.h"
#include "base/token.h"
#include "base/banned.h"

/* base64 of n bytes (at most 60) appended to out. */
static void base64(struct px_buf *out, const unsigned char *p, size_t n)
{
	char enc[84];
	px_buf_add(out, enc, px_base64(enc, p, n, PX_B64_STD));
}

void px_base64_lines(struct px_buf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i += 57) {
		base64(out, p + i, n - i < 57 ? n - i : 57);
		px_buf_adds(out, "\r\n");
	}
}

void px_smtp_encode_header(struct px_buf *out, const char *s)
{
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	if (ascii && strlen(s) <= 900 && !strstr(s, "=?")) {
		px_buf_adds(out, s);
		return;
	}
	/* "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=" = 72; a word
	 * never splits a UTF-8 sequence. */
	size_t n = strlen(s), i = 0;
	int first = 1;
	while (i < n) {
		size_t take = n - i < 45 ? n - i : 45;
		while (take < n - i && take > 0 && ((unsigned char)s[i + take] & 0xC0) == 0x80)
			take--;
		if (!first)
			px_buf_adds(out, "\r\n ");
		first = 0;
		px_buf_adds(out, "=?UTF-8?B?");
		/* control characters (CR, LF) never reach a header */
		char chunk[64];
		size_t k = 0;
		for (size_t j = 0; j < take; j++)
			if ((unsigned char)s[i + j] >= 0x20 && s[i + j] != 0x7f)
				chunk[k++] = s[i + j];
		base64(out, (const unsigned char *)chunk, k);
		px_buf_adds(out, "?=");
		i += take;
	}
}

/* The address inside "Name <addr>", or the whole value. */
static char *bare_address(const char *from)
{
	const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		return px_xstrndup(lt + 1, (size_t)(gt - lt - 1));
	return px_xstrdup(from);
}

int px_smtp_check(const struct px_config *cfg, struct px_err *err)
{
	const char *url = px_config_get(cfg, "smtp.url", NULL);
	if (!url || !*url)
		return px_fail(err, PX_EINPUT, "no mail server: set smtp.url in px.conf");
	if (strncmp(url, "smtp://", 7) && strncmp(url, "smtps://", 8))
		return px_fail(err, PX_EINPUT, "smtp.url must be smtp:// or smtps://");
	const char *from = px_config_get(cfg, "smtp.from", NULL);
	if (!from || !*from)
		return px_fail(err, PX_EINPUT, "no sender address: set smtp.from in px.conf");
	char *a = bare_address(from);
	struct px_err e;
	px_err_clear(&e);
	int bad = px_email_check(a, &e) != 0;
	free(a);
	if (bad)
		return px_fail(err, PX_EINPUT, "smtp.from is not a valid address");
	const char *tls = px_config_str(cfg, "smtp.starttls");
	if (strcmp(tls, "required") && strcmp(tls, "optional"))
		return px_fail(err, PX_EINPUT, "smtp.starttls must be 'required' or 'optional', not '%s'", tls);
	if (!strcmp(tls, "optional") && !px_url_is_loopback(url))
		return px_fail(err, PX_EINPUT,
			       "smtp.starttls = optional is allowed only for a server on the loopback interface");
	if (px_config_get(cfg, "smtp.user", NULL) && !px_config_get(cfg, "smtp.password", NULL))
		return px_fail(err, PX_EINPUT, "smtp.user is set but smtp.password is not (use env:NAME)");
	return PX_OK;
}

static void format_date(int64_t t, char *buf, size_t size)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		 mons[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* text with every line end made CRLF, base64 encoded. */
static void add_part_body(struct px_buf *out, const char *text)
{
	struct px_buf crlf = PX_BUF_INIT;
	for (const char *p = text; *p; p++) {
		if (*p == '\n' && (p == text || p[-1] != '\r'))
			px_buf_addc(&crlf, '\r');
		px_buf_addc(&crlf, *p);
	}
	px_buf_adds(&crlf, "\r\n");
	px_base64_lines(out, crlf.s, crlf.len);
	px_buf_free(&crlf);
}

int px_smtp_build(const struct px_config *cfg, const struct px_mail *m,
		  struct px_buf *out, struct px_err *err)
{
	int rc = px_smtp_check(cfg, err);
	if (rc)
		return rc;
	char *from = px_header_clean(px_config_get(cfg, "smtp.from", ""));
	char *addr = bare_address(from), *to = px_header_clean(m->to);
	const char *at = strrchr(addr, '@');
	char date[64];
	format_date(m->date, date, sizeof date);
	px_buf_addf(out, "Date: %s\r\n", date);
	px_buf_addf(out, "Message-ID: <%s@%s>\r\n", m->id, at ? at + 1 : "px.invalid");
	px_buf_adds(out, "From: ");
	px_buf_adds(out, from);
	px_buf_adds(out, "\r\nTo: <");
	px_buf_adds(out, to);
	px_buf_adds(out, ">\r\nSubject: ");
	px_smtp_encode_header(out, m->subject ? m->subject : "");
	px_buf_adds(out, "\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
	if (m->html) {
		char boundary[80];
		snprintf(boundary, sizeof boundary, "=_px_%s", m->id);
		px_buf_addf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
		px_buf_addf(out, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
		add_part_body(out, m->text);
		px_buf_addf(out, "--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
		add_part_body(out, m->html);
		px_buf_addf(out, "--%s--\r\n", boundary);
	} else {
		px_buf_adds(out, "Content-Type: text/plain; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n");
		add_part_body(out, m->text);
	}
	free(from);
	free(addr);
	free(to);
	return PX_OK;
}

/*
 * The login, as the session shows it.  libcurl skips the login without a
 * word when the server offers none (no AUTH in its EHLO answer), so px
 * watches the commands and the answers itself: the capabilities of the
 * last EHLO (the one after STARTTLS counts), and whether an AUTH was
 * answered 235.  With smtp.user set, nothing is sent before that.
 */
struct login {
	int needed;     /* smtp.user is set */
	int offered;    /* the last EHLO answer listed AUTH */
	int tried;      /* an AUTH command went out */
	int accepted;   /* and the server answered 235 */
	const char *refused;
};

/* Whether an EHLO answer line ("250-AUTH PLAIN LOGIN") lists AUTH. */
static int lists_auth(const char *l, size_t n)
{
	return n >= 8 && !strncmp(l, "250", 3) && (l[3] == '-' || l[3] == ' ') &&
	       !strncasecmp(l + 4, "AUTH", 4) && (n == 8 || l[8] == ' ' || l[8] == '=' ||
						   l[8] == '\r' || l[8] == '\n');
}

/* libcurl's protocol trace: commands out, answers in (line by line; a
 * chunk may hold several).  The commands carry the credentials: nothing
 * of them is kept. */
static int on_trace(CURL *c, curl_infotype type, char *data, size_t size, void *ctx)
{
	struct login *l = ctx;
	if (type == CURLINFO_HEADER_OUT) {
		if (size >= 4 && !strncasecmp(data, "EHLO", 4))
			l->offered = 0;
		else if (size >= 5 && !strncasecmp(data, "AUTH ", 5))
			l->tried = 1;
		return 0;
	}
	if (type != CURLINFO_HEADER_IN)
		return 0;
	for (size_t i = 0; i < size;) {
		const char *line = data + i;
		const char *nl = memchr(line, '\n', size - i);
		size_t n = nl ? (size_t)(nl - line) + 1 : size - i;
		if (lists_auth(line, n))
			l->offered = 1;
		if (l->tried && n >= 3 && !strncmp(line, "235", 3))
			l->accepted = 1;
		i += n;
	}
	return 0;
}

/* Whether the message may go: not with a login configured and unused. */
static int may_send(struct login *l)
{
	if (!l->needed || l->accepted)
		return 1;
	l->refused = l->offered ? "the server did not accept the login (smtp.user)"
				: "the server offers no login (no AUTH after EHLO) and smtp.user is "
				  "set: not sent unauthenticated";
	return 0;
}

#if LIBCURL_VERSION_NUM >= 0x075000
/* Called after EHLO, STARTTLS and the login, before MAIL FROM. */
static int on_prereq(void *ctx, char *ip, char *local_ip, int port, int local_port)
{
	return may_send(ctx) ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
}
#endif

struct upload {
	const char *p;
	size_t left;
	struct login *login;
};

static size_t on_read(char *buf, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	/* the last guard, for a libcurl without the pre-request callback */
	if (!may_send(u->login))
		return CURL_READFUNC_ABORT;
	size_t len = size * n;
	if (len > u->left)
		len = u->left;
	memcpy(buf, u->p, len);
	u->p += len;
	u->left -= len;
	return len;
}

/* What the server's answer means for the message. */
static void classify(const struct px_mail *m, const char *cfrom, CURLcode rc, long code,
		     const char *ebuf, const struct login *login, struct px_send_result *res)
{
	px_curl_ok(rc, CURLE_OUT_OF_MEMORY);
	if (rc == CURLE_ABORTED_BY_CALLBACK && login->refused) {
		/* configured credentials that cannot be used: the site's
		 * mistake, which another attempt will not mend */
		res->outcome = PX_SEND_FAIL;
		snprintf(res->error, sizeof res->error, "smtp: %s", login->refused);
		return;
	}
	if (rc == CURLE_OK) {
		res->outcome = PX_SEND_OK;
		const char *at = strrchr(cfrom, '@');
		snprintf(res->provider_id, sizeof res->provider_id, "%s@%s", m->id,
			 at ? at + 1 : "px.invalid");
		return;
	}
	/* A 5xx answer to the recipient or the message is permanent;
	 * refused logins, TLS problems and the network are not the
	 * message's fault, so it waits for another attempt. */
	res->outcome = code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED ? PX_SEND_FAIL
									    : PX_SEND_RETRY;
	const char *why = rc == CURLE_OPERATION_TIMEDOUT ? "timed out" :
			  rc == CURLE_COULDNT_CONNECT ? "connection refused" :
			  rc == CURLE_USE_SSL_FAILED ? "the server does not offer STARTTLS (smtp.starttls = required)" :
			  ebuf[0] ? ebuf : curl_easy_strerror(rc);
	if (code)
		snprintf(res->error, sizeof res->error, "smtp: %s (%ld)", why, code);
	else
		snprintf(res->error, sizeof res->error, "smtp: %s", why);
}

/* Sets up the transfer: TLS as smtp.starttls says and always verified,
 * bounded in time, the login when there is one. */
static CURL *transfer(const struct px_config *cfg, const char *mfrom, struct curl_slist *rcpt,
		      struct upload *up, char *ebuf)
{
	long long timeout = px_config_num(cfg, "smtp.timeout");
	const char *user = px_config_get(cfg, "smtp.user", NULL);
	int required = strcmp(px_config_str(cfg, "smtp.starttls"), "optional") != 0;
	px_curl_init();
	CURL *c = curl_easy_init();
	if (!c)
		px_oom();
	PX_CURL_SET(c, CURLOPT_URL, px_config_get(cfg, "smtp.url", NULL));
	PX_CURL_SET(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	PX_CURL_SET(c, CURLOPT_USE_SSL, required ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	PX_CURL_SET(c, CURLOPT_SSL_VERIFYPEER, 1L);
	PX_CURL_SET(c, CURLOPT_SSL_VERIFYHOST, 2L);
	/* A site's own certificate authority; verification stays on. */
	const char *ca = px_config_get(cfg, "smtp.ca_file", NULL);
	if (ca && *ca)
		PX_CURL_SET(c, CURLOPT_CAINFO, ca);
	PX_CURL_SET(c, CURLOPT_NOSIGNAL, 1L);
	PX_CURL_SET(c, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? (long)timeout : 10L);
	PX_CURL_SET(c, CURLOPT_TIMEOUT, (long)timeout);
	if (user) {
		PX_CURL_SET(c, CURLOPT_USERNAME, user);
		PX_CURL_SET(c, CURLOPT_PASSWORD, px_config_get(cfg, "smtp.password", NULL));
		up->login->needed = 1;
	}
	/* the trace goes to on_trace alone, never to stderr */
	PX_CURL_SET(c, CURLOPT_DEBUGFUNCTION, on_trace);
	PX_CURL_SET(c, CURLOPT_DEBUGDATA, up->login);
	PX_CURL_SET(c, CURLOPT_VERBOSE, 1L);
#if LIBCURL_VERSION_NUM >= 0x075000
	PX_CURL_SET(c, CURLOPT_PREREQFUNCTION, on_prereq);
	PX_CURL_SET(c, CURLOPT_PREREQDATA, up->login);
#endif
	PX_CURL_SET(c, CURLOPT_MAIL_FROM, mfrom);
	PX_CURL_SET(c, CURLOPT_MAIL_RCPT, rcpt);
	PX_CURL_SET(c, CURLOPT_UPLOAD, 1L);
	PX_CURL_SET(c, CURLOPT_READFUNCTION, on_read);
	PX_CURL_SET(c, CURLOPT_READDATA, up);
	PX_CURL_SET(c, CURLOPT_INFILESIZE, (long)up->left);
	PX_CURL_SET(c, CURLOPT_ERRORBUFFER, ebuf);
	return c;
}

int px_smtp_send(const struct px_config *cfg, const struct px_mail *m,
		 struct px_send_result *res, struct px_err *err)
{
	memset(res, 0, sizeof *res);
	struct px_buf msg = PX_BUF_INIT;
	int rc = px_smtp_build(cfg, m, &msg, err);
	if (rc) {
		px_buf_free(&msg);
		return rc;
	}
	char *from = bare_address(px_config_get(cfg, "smtp.from", ""));
	char *cfrom = px_header_clean(from), *cto = px_header_clean(m->to);
	char *mfrom = px_xasprintf("<%s>", cfrom), *mto = px_xasprintf("<%s>", cto);
	struct curl_slist *rcpt = px_curl_append(NULL, mto);
	struct login login = { 0 };
	struct upload up = { msg.s, msg.len, &login };
	char ebuf[CURL_ERROR_SIZE] = "";
	CURL *c = transfer(cfg, mfrom, rcpt, &up, ebuf);
	CURLcode cc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	classify(m, cfrom, cc, code, ebuf, &login, res);
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	free(from);
	free(cfrom);
	free(cto);
	free(mfrom);
	free(mto);
	px_buf_free(&msg);
	return PX_OK;
}
