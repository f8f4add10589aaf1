/* Unit tests of the service-level policies: the shipped file, which
 * policy a case gets (hospital over source over severity over priority,
 * the first of equals), the defaults of reminders and escalation, the
 * units of targets, and malformed files refused at their line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "tap.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static const char *matched(const struct px_sla_policies *ps, const char *kind, const char *h,
			   const char *src, const char *sev, const char *pri)
{
	const struct px_sla_policy *p = px_sla_match(ps, kind, h, src, sev, pri);
	return p ? p->name : "(none)";
}

static void test_shipped(void)
{
	char path[1200];
	px_config_datadir("sla/policies", path, sizeof path);
	struct px_sla_policies *ps;
	struct px_err e = { 0 };
	ok(px_sla_policies_load(path, &ps, &e) == PX_OK, "the shipped policies load: %s", e.text);
	if (!ps)
		return;
	is_str(matched(ps, "complaint", "KFH", "patient", "medium", "medium"), "complaint",
	       "a plain complaint");
	is_str(matched(ps, "complaint", "KFH", "patient", "critical", "low"), "complaint-critical",
	       "severity critical");
	is_str(matched(ps, "complaint", "KFH", "moh", "critical", "high"), "complaint-moh",
	       "the Ministry's source beats the critical severity");
	is_str(matched(ps, "inquiry", "KFH", "call_center", "medium", "medium"), "inquiry",
	       "an inquiry");
	is_str(matched(ps, "feedback", "KFH", "patient", "medium", "medium"), "(none)",
	       "a kind no policy watches");
	const struct px_sla_policy *c = px_sla_match(ps, "complaint", "KFH", "patient", "low", "low");
	is_int(c->response.seconds, 8 * 3600, "complaint: 8 hours to respond");
	ok(c->response.business && c->resolution.business, "of business time");
	is_int(c->resolution.seconds, 40 * 3600, "complaint: 40 hours to resolve");
	is_int(c->nreminders, 2, "two reminders by default");
	is_int(c->reminders[0], 24 * 3600, "24 hours before");
	is_int(c->reminders[1], 6 * 3600, "6 hours before");
	is_int(c->nescalate, 3, "three levels by default");
	is_int(c->escalate[1], 24 * 3600, "level 2 a day after the breach");
	const struct px_sla_policy *k = px_sla_match(ps, "complaint", "KFH", "patient", "critical",
						     "low");
	ok(!k->response.business, "critical: hours of the clock");
	is_str(k->calendar, "always", "on the calendar that never closes");
	is_int(k->nreminders, 2, "its own reminders");
	is_int(k->reminders[1], 3600, "the last an hour before");
	px_sla_policies_free(ps);
}

static void test_specific(const char *dir)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/specific", dir);
	write_file(path, "policy any kind=complaint response=1bh\n"
			 "policy pri kind=complaint priority=high response=2bh\n"
			 "policy sev kind=complaint severity=high response=3bh\n"
			 "policy src kind=complaint source=moh response=4bh\n"
			 "policy hosp kind=complaint hospital=KFH response=5bh\n"
			 "policy hosp2 kind=complaint hospital=KFH response=6bh reminders=none "
			 "escalate=none\n"
			 "policy mins kind=inquiry response=90m resolution=30bm\n");
	struct px_sla_policies *ps;
	struct px_err e = { 0 };
	ok(px_sla_policies_load(path, &ps, &e) == PX_OK, "a site's policies load: %s", e.text);
	if (!ps)
		return;
	is_str(matched(ps, "complaint", "DGH", "patient", "low", "low"), "any", "nothing else");
	is_str(matched(ps, "complaint", "DGH", "patient", "low", "high"), "pri", "priority");
	is_str(matched(ps, "complaint", "DGH", "patient", "high", "high"), "sev",
	       "severity over priority");
	is_str(matched(ps, "complaint", "DGH", "moh", "high", "high"), "src", "source over severity");
	is_str(matched(ps, "complaint", "KFH", "moh", "high", "high"), "hosp",
	       "hospital over source; the first of equals");
	const struct px_sla_policy *m = px_sla_match(ps, "inquiry", "KFH", "x", "low", "low");
	is_int(m->response.seconds, 90 * 60, "90m: minutes of the clock");
	ok(!m->response.business, "90m is of the clock");
	is_int(m->resolution.seconds, 30 * 60, "30bm: business minutes");
	ok(m->resolution.business, "30bm is of business time");
	px_sla_policies_free(ps);
}

static void test_refusals(const char *dir)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "policy a kind=complaint\n", "FILE:1: policy 'a' needs response= or resolution=" },
		{ "policy a response=8bh\n", "FILE:1: policy 'a' needs kind=KIND" },
		{ "\n# c\npolicy a kind=complaint response=8hours\n",
		  "FILE:3: bad duration '8hours' (24bh business hours, 48h, 2d or 90m of the clock)" },
		{ "policy a kind=complaint response=2bd\n",
		  "FILE:1: bad duration '2bd' (24bh business hours, 48h, 2d or 90m of the clock)" },
		{ "policy a kind=complaint response=0h\n",
		  "FILE:1: bad duration '0h' (24bh business hours, 48h, 2d or 90m of the clock)" },
		{ "policy a kind=complaint response=8bh\npolicy a kind=inquiry response=1h\n",
		  "FILE:2: a second policy 'a'" },
		{ "policy a kind=complaint response=8bh deadline=2d\n",
		  "FILE:1: unknown key 'deadline' (kind, hospital, source, severity, priority, "
		  "response, resolution, reminders, escalate, calendar)" },
		{ "rule a kind=complaint\n", "FILE:1: unknown line 'rule' (policy)" },
		{ "policy a kind=complaint response=8bh reminders=2bh\n",
		  "FILE:1: bad reminders '2bh' (hours of the clock before the due time: 24h,6h, or "
		  "none)" },
		{ "policy a kind=complaint response=8bh escalate=1h,2h,3h,4h\n",
		  "FILE:1: bad escalate '1h,2h,3h,4h' (hours of the clock after the breach, one per "
		  "level, at most three: 0h,24h,48h)" },
		{ "policy a kind=complaint response=8bh x\n", "FILE:1: 'x' is not KEY=VALUE" },
		{ "policy kind=complaint response=8bh\n", "FILE:1: bad policy name 'kind=complaint'" },
		{ "policy a kind=compl\xc3\xa4int response=8bh\n",
		  "FILE:1: byte 0xc3 is not printable ASCII" },
	};
	char path[1200];
	snprintf(path, sizeof path, "%s/bad", dir);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		write_file(path, bad[i].text);
		struct px_sla_policies *ps = NULL;
		struct px_err e = { 0 };
		int rc = px_sla_policies_load(path, &ps, &e);
		char want[512], got[1400];
		snprintf(want, sizeof want, "%s", bad[i].msg);
		snprintf(got, sizeof got, "%s:%ld: %s", "FILE", e.line, e.text);
		ok(rc == PX_EINPUT && !ps, "refused: %s", bad[i].msg);
		is_str(got, want, "the message of case %zu", i);
		ok(!strcmp(e.source, path), "it names the file");
	}
}

int main(void)
{
	/* the test runs in a directory of its own (tests/run.sh) */
	const char *dir = ".";
	test_shipped();
	test_specific(dir);
	test_refusals(dir);
	return tap_done();
}
