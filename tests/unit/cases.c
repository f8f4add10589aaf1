/* Unit tests of the case engine on a real SQLite store: workflow files
 * (the shipped ones and malformed ones, each refused at its line),
 * tracking codes, references without gaps, moves and their refusals,
 * the timeline and what a refused move leaves (nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "px.h"
#include "tap.h"

static char seen[8][4096];
static int nseen;

static int sink(struct px_ctx *cx, const struct px_rec *r, struct px_err *err)
{
	(void)cx;
	(void)err;
	char *j = px_rec_dump(r);
	if (nseen < 8)
		snprintf(seen[nseen++], sizeof seen[0], "%s", j);
	free(j);
	return PX_OK;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static char data[1024];

/* A workflow file from text: its load status and error text. */
static int load_text(const char *text, struct px_err *e)
{
	write_file("wf.test", text);
	struct px_workflow *wf;
	px_err_clear(e);
	int rc = px_workflow_load("wf.test", &wf, e);
	px_workflow_free(wf);
	return rc;
}

#define HEAD "kind k\nstates a b c\ninitial a\nfinal c\n"

static void test_workflow_files(void)
{
	struct px_err e;
	char path[1200];
	static const char *kinds[] = { "complaint", "inquiry" };
	for (int i = 0; i < 2; i++) {
		struct px_workflow *wf;
		snprintf(path, sizeof path, "%s/workflows/%s", data, kinds[i]);
		px_err_clear(&e);
		ok(px_workflow_load(path, &wf, &e) == PX_OK, "the shipped %s workflow loads (%s)",
		   kinds[i], e.text);
		if (wf)
			ok(!strcmp(wf->kind, kinds[i]) && wf->nmoves >= 4, "%s: its kind and moves",
			   kinds[i]);
		px_workflow_free(wf);
	}
	static const struct { const char *text, *why; long line; } bad[] = {
		{ HEAD "move go a b staff\nmove go b c staff\n", "verb 'go' defined twice", 6 },
		{ HEAD "move go a x staff\n", "unknown state 'x'", 5 },
		{ HEAD "move go a b chief\n", "unknown role 'chief'", 5 },
		{ HEAD "move go a,a b staff\n", "state 'a' listed twice", 5 },
		{ HEAD "move go a b staff\nmove end b c staff\non b ring x\n", "unknown effect 'ring'", 7 },
		{ HEAD "move go a b staff\nmove end b c staff\non b clock halt x\n",
		  "a clock may start, pause or stop, not 'halt'", 7 },
		{ "kind k\nmove go a b staff\n", "unknown state 'a' (states must come first)", 2 },
		{ "kind k\nstates a a\n", "state 'a' named twice", 2 },
		{ HEAD "move go * b staff\nfrobnicate\n", "unknown line 'frobnicate'", 6 },
		{ "kind k\nstates a b\ninitial a\nfinal b\nmove go a b staff\nmove go2 a a staff\n"
		  "kind j\n", "a second 'kind' line", 7 },
		{ HEAD "move go a b staff\n", "no move enters the state 'c'", 0 },
		{ "kind k\nstates a b\ninitial b\nfinal b\nmove go a b staff\n", "the initial state 'b' is final", 0 },
		{ HEAD "move go a b st\xc3\xa4" "ff\n", "byte 0xc3 is not printable ASCII", 5 },
		{ HEAD "move go a b staff\nmove e\0nd b c staff\n", "byte 0x00", 6 },
		{ "kind k\nid Fbk\n", "'id' needs one prefix of at most 7 lower-case letters", 2 },
		{ "kind k\nid feedback\n", "'id' needs one prefix", 2 },
		{ "kind k\nref fu\n", "'ref' needs one series of at most 7 capital letters and digits",
		  2 },
		{ "kind k\nref 2F\n", "'ref' needs one series", 2 },
		{ "kind k\nref FU\nref FB\n", "a second 'ref' line", 3 },
		{ "kind k\nid ab\nid cd\n", "a second 'id' line", 3 },
		{ HEAD "move go a b px\n", "unknown role 'px'", 5 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* texts with a NUL are written whole */
		size_t n = strlen(bad[i].text);
		if (strstr(bad[i].why, "0x00")) {
			FILE *f = fopen("wf.test", "w");
			const char *t = bad[i].text;
			size_t len = n + 1 + strlen(t + n + 1);
			if (!f || fwrite(t, 1, len, f) != len || fclose(f))
				abort();
			struct px_workflow *wf;
			px_err_clear(&e);
			int rc = px_workflow_load("wf.test", &wf, &e);
			px_workflow_free(wf);
			ok(rc == PX_EINPUT && strstr(e.text, bad[i].why) && e.line == bad[i].line,
			   "refused at line %ld: %s (%s:%ld: %s)", bad[i].line, bad[i].why, e.source,
			   e.line, e.text);
			continue;
		}
		int rc = load_text(bad[i].text, &e);
		ok(rc == PX_EINPUT && strstr(e.text, bad[i].why) && e.line == bad[i].line &&
		   !strcmp(e.source, "wf.test"),
		   "refused at line %ld: %s (%s:%ld: %s)", bad[i].line, bad[i].why, e.source, e.line,
		   e.text);
	}
	ok(load_text(HEAD "# a comment may say anything: \xd8\xb4\xd9\x83\xd9\x88\xd9\x89\n"
		     "move go * b staff # and so may this one\nmove end b c staff\n", &e) == PX_OK,
	   "comments may hold any text (%s)", e.text);
	struct px_workflow *wf;
	write_file("wf.test", "kind k\nid kk\nref K2\nstates a b c\ninitial a\nfinal c\n"
		   "move go a b staff\nmove auto b c system\n");
	px_err_clear(&e);
	ok(px_workflow_load("wf.test", &wf, &e) == PX_OK && !strcmp(wf->id, "kk") &&
	   !strcmp(wf->ref, "K2") && wf->moves[0].role == PX_ROLE_STAFF &&
	   wf->moves[1].role == PX_WF_ROLE_SYSTEM, "id, ref and a move of px's own (%s)", e.text);
	px_workflow_free(wf);
}

static void test_tracking(void)
{
	char code[PX_CASE_TRACKING_LEN], norm[PX_CASE_TRACKING_LEN];
	int good = 1, distinct = 1;
	char first[PX_CASE_TRACKING_LEN] = "";
	for (int i = 0; i < 200; i++) {
		if (px_case_tracking_new(code, NULL) || strlen(code) != 13 || code[4] != '-' ||
		    code[9] != '-' || px_case_tracking_norm(code, norm) || strcmp(code, norm))
			good = 0;
		if (!i)
			snprintf(first, sizeof first, "%s", code);
		else if (!strcmp(first, code))
			distinct = 0;
	}
	ok(good, "new codes are XXXX-XXXX-XXX and check");
	ok(distinct, "and differ");
	px_case_tracking_new(code, NULL);
	/* typed loosely: lower case, no dashes, O for 0, I or L for 1 */
	char typed[32];
	size_t o = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			typed[o++] = *p == '0' ? 'o' : *p == '1' ? 'l' : (char)(*p | 0x20);
	typed[o] = '\0';
	ok(!px_case_tracking_norm(typed, norm) && !strcmp(norm, code), "'%s' reads as %s", typed,
	   code);
	/* every single mistyped character is caught */
	int caught = 1, swaps = 1;
	static const char alpha[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	for (int i = 0; i < 13; i++) {
		if (code[i] == '-')
			continue;
		for (int a = 0; a < 32; a++) {
			char t[PX_CASE_TRACKING_LEN];
			snprintf(t, sizeof t, "%s", code);
			if (t[i] == alpha[a])
				continue;
			t[i] = alpha[a];
			if (!px_case_tracking_norm(t, norm))
				caught = 0;
		}
		int j = i + 1 < 13 && code[i + 1] == '-' ? i + 2 : i + 1;
		/* Luhn mod 32 misses one swap, of 0 and Z (as mod 10 misses 0 and 9) */
		int zero_z = (code[i] == '0' && code[j] == 'Z') || (code[i] == 'Z' && code[j] == '0');
		if (j < 13 && code[i] != code[j] && !zero_z) {
			char t[PX_CASE_TRACKING_LEN];
			snprintf(t, sizeof t, "%s", code);
			t[i] = code[j], t[j] = code[i];
			if (!px_case_tracking_norm(t, norm))
				swaps = 0;
		}
	}
	ok(caught, "every mistyped character is caught");
	ok(swaps, "every swap of neighbours but 0 and Z is caught");
	ok(px_case_tracking_norm("ABCD-EFGH-JK", norm) == -1, "a short code is refused");
	ok(px_case_tracking_norm("ABCD-EFGH-JKU", norm) == -1, "U is not a character of it");
}

struct world {
	struct px_store *st;
	struct px_config *cfg;
	struct px_user admin, staff, dm, other;
	struct px_ctx cx;
	int64_t kfh, dgh;
};

static int64_t count(struct px_store *st, const char *sql)
{
	struct px_err e = { 0 };
	struct px_stmt *s = px_stmt_prepare(st, sql, &e);
	int64_t n = -1;
	if (s && px_stmt_step(s, &e) == 1)
		n = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return n;
}

static void world_open(struct world *w)
{
	struct px_err e = { 0 };
	write_file("px.conf", "");
	w->cfg = px_config_load("px.conf", &e);
	w->st = px_store_open("cases.db", PX_STORE_CREATE, &e);
	if (!w->cfg || !w->st) {
		fprintf(stderr, "set-up: %s\n", e.text);
		abort();
	}
	uint8_t key[32];
	memset(key, 7, sizeof key);
	px_store_set_audit_key(w->st, key);
	static const char *sql[] = {
		"INSERT INTO hospitals (public_id, code, name, created_at, updated_at) VALUES "
		"('hsp_a', 'KFH', 'King Fahd Hospital', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
		"('hsp_b', 'DGH', 'Dammam General Hospital', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
		NULL,
	};
	for (int i = 0; sql[i]; i++)
		if (px_store_exec(w->st, sql[i], &e)) {
			fprintf(stderr, "set-up: %s\n", e.text);
			abort();
		}
	w->kfh = count(w->st, "SELECT id FROM hospitals WHERE code = 'KFH'");
	w->dgh = count(w->st, "SELECT id FROM hospitals WHERE code = 'DGH'");
	static int64_t kfh_scope[1], dgh_scope[1];
	kfh_scope[0] = w->kfh;
	dgh_scope[0] = w->dgh;
	w->admin = (struct px_user){ .id = 1, .name = "kfh_admin", .role = PX_ROLE_HOSPITAL_ADMIN,
				     .hospitals = kfh_scope, .nhospitals = 1 };
	w->staff = (struct px_user){ .id = 2, .name = "kfh_staff", .role = PX_ROLE_STAFF,
				     .hospitals = kfh_scope, .nhospitals = 1 };
	w->dm = (struct px_user){ .id = 3, .name = "kfh_dm", .role = PX_ROLE_DEPARTMENT_MANAGER,
				  .hospitals = kfh_scope, .nhospitals = 1 };
	w->other = (struct px_user){ .id = 4, .name = "dgh_admin", .role = PX_ROLE_HOSPITAL_ADMIN,
				     .hospitals = dgh_scope, .nhospitals = 1 };
	memset(&w->cx, 0, sizeof w->cx);
	w->cx.st = w->st;
	w->cx.cfg = w->cfg;
	w->cx.actor = &w->staff;
	w->cx.emit = sink;
}

static int open_one(struct world *w, const struct px_workflow *wf, const char *source_ref,
		    struct px_case_made *m, struct px_err *e)
{
	struct px_case_new n = { .hospital_id = w->kfh, .source = "call_center",
				 .source_ref = source_ref, .title = "Waited four hours" };
	px_err_clear(e);
	int rc = px_store_begin(w->st, e);
	if (!rc)
		rc = px_case_open_tx(&w->cx, wf, &n, m, e);
	if (rc)
		px_store_rollback(w->st);
	else
		rc = px_store_commit(w->st, e);
	return rc;
}

static void test_cases(void)
{
	struct world w;
	world_open(&w);
	struct px_err e = { 0 };
	struct px_workflow *wf;
	ok(px_case_workflow(&w.cx, "complaint", &wf, &e) == PX_OK, "the complaint kind (%s)", e.text);
	struct px_workflow *none;
	ok(px_case_workflow(&w.cx, "grievance", &none, &e) == PX_EINPUT &&
	   strstr(e.text, "unknown kind of case 'grievance'"), "an unknown kind: %s", e.text);
	ok(px_case_workflow(&w.cx, "../etc", &none, &e) == PX_EINPUT, "a path is no kind");

	setenv("PX_NOW", "2026-12-31T20:30:00Z", 1); /* 23:30 in Riyadh */
	struct px_case_made m1, m2, m3;
	ok(open_one(&w, wf, "CC-1", &m1, &e) == PX_OK && m1.created, "a case opens (%s)", e.text);
	is_str(m1.ref, "KFH-2026-000001", "the first of the hospital's year");
	ok(open_one(&w, wf, "CC-2", &m2, &e) == PX_OK, "a second");
	is_str(m2.ref, "KFH-2026-000002", "the next number");
	ok(open_one(&w, wf, "CC-1", &m3, &e) == PX_OK && !m3.created && !strcmp(m3.ref, m1.ref) &&
	   !strcmp(m3.tracking, m1.tracking), "the same source reference gives the same case");
	is_int(count(w.st, "SELECT count(*) FROM cases"), 2, "two cases, not three");
	setenv("PX_NOW", "2026-12-31T21:30:00Z", 1); /* 00:30 on 1 January in Riyadh */
	ok(open_one(&w, wf, "CC-3", &m3, &e) == PX_OK, "a case of the new year");
	is_str(m3.ref, "KFH-2027-000001", "numbers start again each year of the display zone");
	/* a refused open takes no number: the next one has none missing */
	px_store_begin(w.st, &e);
	struct px_case_made mx;
	struct px_case_new n = { .hospital_id = w.kfh, .source = "patient" };
	px_case_open_tx(&w.cx, wf, &n, &mx, &e);
	px_store_rollback(w.st);
	ok(open_one(&w, wf, "CC-4", &m3, &e) == PX_OK && !strcmp(m3.ref, "KFH-2027-000002"),
	   "a rolled-back case leaves no gap (%s)", m3.ref);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE tracking = '%s' AND ref = '%s'",
		 m1.tracking, m1.ref);
	is_int(count(w.st, sql), 1, "the tracking code is kept with its case");
	is_int(count(w.st, "SELECT count(*) FROM case_timeline WHERE type = 'created'"), 4,
	       "each case's timeline starts");
	is_int(count(w.st, "SELECT count(*) FROM case_timeline WHERE type = 'clock' AND verb = 'start'"),
	       8, "entering open starts its two clocks");
	w.cx.actor = &w.other;
	ok(open_one(&w, wf, NULL, &mx, &e) == PX_EPERM, "another hospital's admin may not open one");

	/* moves */
	nseen = 0;
	w.cx.actor = &w.staff;
	ok(px_case_move(&w.cx, wf, m1.ref, "close", NULL, &e) == PX_EPERM &&
	   strstr(e.text, "may not close complaint cases"), "staff may not close: %s", e.text);
	w.cx.actor = &w.admin;
	ok(px_case_move(&w.cx, wf, m1.ref, "close", NULL, &e) == PX_EREJECT, "nor may anyone, yet");
	is_str(e.text, "KFH-2026-000001: 'close' needs the state resolved, not open", "and it says why");
	w.cx.actor = &w.staff;
	ok(px_case_move(&w.cx, wf, m1.ref, "start", NULL, &e) == PX_OK, "staff start it (%s)", e.text);
	ok(nseen == 1 && strstr(seen[0], "\"state\":\"in_progress\"") &&
	   strstr(seen[0], "\"ref\":\"KFH-2026-000001\""), "the case is printed as it now is");
	w.cx.actor = &w.dm;
	struct px_rec *f = px_rec_new(NULL);
	px_rec_set_str(f, "category", "full_action");
	ok(px_case_move(&w.cx, wf, m1.ref, "resolve", f, &e) == PX_EREJECT, "resolve needs both");
	is_str(e.text, "KFH-2026-000001: 'resolve' needs --resolution", "and names what is missing");
	px_rec_set_str(f, "resolution", "Apologised; the clinic adds a second doctor.");
	nseen = 0;
	ok(px_case_move(&w.cx, wf, m1.pid, "resolve", f, &e) == PX_OK, "by public id too (%s)",
	   e.text);
	ok(nseen == 2 && strstr(seen[0], "\"type\":\"complaint.resolved\"") &&
	   strstr(seen[1], "\"full_action\""), "the effect's record, then the case with its fields");
	px_rec_free(f);
	w.cx.actor = &w.other;
	ok(px_case_move(&w.cx, wf, m1.ref, "close", NULL, &e) == PX_EPERM,
	   "another hospital's admin may not close it");
	w.cx.actor = &w.admin;
	ok(px_case_move(&w.cx, wf, m1.ref, "close", NULL, &e) == PX_OK, "its own may");
	ok(px_case_move(&w.cx, wf, m1.ref, "cancel", NULL, &e) == PX_EREJECT &&
	   strstr(e.text, "'cancel' needs the state open, in_progress, waiting, partially_resolved "
		  "or resolved, not closed"), "'*' is every state but the final ones: %s", e.text);
	ok(px_case_move(&w.cx, wf, m1.ref, "fly", NULL, &e) == PX_EINPUT &&
	   !strcmp(e.text, "unknown complaint move 'fly'"), "an unknown move");
	ok(px_case_move(&w.cx, wf, "KFH-2026-999999", "close", NULL, &e) == PX_EINPUT &&
	   !strcmp(e.text, "unknown case 'KFH-2026-999999'"), "an unknown case");
	ok(px_case_note(&w.cx, wf, m2.ref, "Called the patient back.", 0, &e) == PX_OK, "a note");
	is_int(count(w.st, "SELECT count(*) FROM case_timeline t JOIN cases c ON c.id = t.case_id "
			   "WHERE c.ref = 'KFH-2026-000001' AND t.type = 'transition'"),
	       3, "three moves on the timeline, none of the refused ones");
	is_int(count(w.st, "SELECT count(*) FROM audit WHERE action = 'case_moved'"), 3,
	       "each audited once");
	struct px_err e2 = { 0 };
	ok(px_store_exec(w.st, "DELETE FROM case_timeline", &e2) != PX_OK &&
	   strstr(e2.text, "append-only"), "the timeline cannot be deleted");
	nseen = 0;
	ok(px_case_show(&w.cx, wf, m1.ref, &e) == PX_OK && nseen >= 7 &&
	   strstr(seen[0], "\"type\":\"case\"") && strstr(seen[1], "\"event\":\"created\""),
	   "show: the case, then its timeline");

	/* a kind with ids and references of its own, and a move px makes */
	struct px_workflow *own;
	write_file("own", "kind own\nid own\nref OW\nstates a b c\ninitial a\nfinal c\n"
		   "move go a b staff\nmove auto b c system\n");
	ok(px_workflow_load("own", &own, &e) == PX_OK, "a kind of its own (%s)", e.text);
	w.cx.actor = &w.staff;
	struct px_case_made o1, o2;
	ok(open_one(&w, own, NULL, &o1, &e) == PX_OK, "opens (%s)", e.text);
	is_str(o1.ref, "KFH-OW-2027-000001", "numbered in its own series");
	ok(!strncmp(o1.pid, "own_", 4), "its id has the kind's prefix: %s", o1.pid);
	ok(open_one(&w, wf, "CC-5", &m3, &e) == PX_OK, "a complaint after it");
	is_str(m3.ref, "KFH-2027-000003", "takes the complaints' next number: no gap among them");
	ok(open_one(&w, own, NULL, &o2, &e) == PX_OK, "another of its own");
	is_str(o2.ref, "KFH-OW-2027-000002", "and the next of its series");
	ok(px_case_move(&w.cx, own, o1.ref, "go", NULL, &e) == PX_OK, "staff move it (%s)", e.text);
	w.cx.actor = &w.admin;
	ok(px_case_move(&w.cx, own, o1.ref, "auto", NULL, &e) == PX_EPERM &&
	   strstr(e.text, "'auto' is a move px makes itself on own cases"),
	   "no user makes a move of px's own: %s", e.text);
	w.cx.actor = &w.other;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "why", "answered");
	struct px_case_audit a = { "thing_done", "thing", "thing_1", d };
	px_store_begin(w.st, &e);
	int rc = px_case_move_tx(&w.cx, own, o1.pid, "auto", NULL, &a, &e);
	if (rc)
		px_store_rollback(w.st);
	else
		rc = px_store_commit(w.st, &e);
	ok(rc == PX_OK, "px makes it inside the caller's transaction, whoever acts (%s)", e.text);
	px_rec_free(d);
	is_int(count(w.st, "SELECT count(*) FROM cases WHERE kind = 'own' AND state = 'c'"), 1,
	       "the case moved");
	is_int(count(w.st, "SELECT count(*) FROM audit WHERE action = 'thing_done' AND object_type = "
			   "'thing' AND object_id = 'thing_1' AND details = '{\"why\":\"answered\"}'"),
	       1, "with the audit row it was given");
	is_int(count(w.st, "SELECT count(*) FROM audit WHERE action = 'case_moved'"), 4,
	       "in place of case_moved");
	is_int(count(w.st, "SELECT count(*) FROM case_timeline t JOIN cases c ON c.id = t.case_id "
			   "WHERE c.kind = 'own' AND t.type = 'transition'"), 2, "both moves on the timeline");
	px_store_begin(w.st, &e);
	ok(px_case_move_tx(&w.cx, own, o2.pid, "go", NULL, NULL, &e) == PX_EPERM,
	   "a user's move is checked there too");
	px_store_rollback(w.st);
	px_workflow_free(own);
	px_workflow_free(wf);
	px_ctx_release(&w.cx);
	px_store_close(w.st);
	px_config_free(w.cfg);
}

int main(void)
{
	char cwd[512];
	if (!getcwd(cwd, sizeof cwd))
		abort();
	px_config_datadir("", data, sizeof data);
	size_t n = strlen(data);
	if (n && data[n - 1] == '/')
		data[n - 1] = '\0';
	test_workflow_files();
	test_tracking();
	test_cases();
	return tap_done();
}
