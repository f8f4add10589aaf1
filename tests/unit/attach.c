/* Unit tests of case attachments on a real SQLite store: the types read
 * from a file's bytes, files attached and given back byte for byte,
 * bytes stored once however many cases attach them, the same file
 * attached twice, and what each refusal leaves (nothing). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static void write_bytes(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		abort();
}

static void write_file(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

/* ---------- types ---------- */

static void test_types(void)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want, *what;
	} v[] = {
		{ "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 24, "application/pdf", "a PDF" },
		{ "%PDF-", 5, "application/pdf", "a PDF's signature alone" },
		{ "%PDF", 4, "text/plain", "four bytes of it are text, no PDF" },
		{ "\xff\xd8\xff\xe0\0\x10JFIF\0", 11, "image/jpeg", "a JPEG (JFIF)" },
		{ "\xff\xd8\xff\xe1\0\x10" "Exif", 10, "image/jpeg", "a JPEG (Exif)" },
		{ "\xff\xd8", 2, NULL, "two bytes of a JPEG's signature" },
		{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "image/png", "a PNG" },
		{ "\x89PNG\r\n\x1a", 7, NULL, "seven bytes of a PNG's signature" },
		{ "\x89PNG\r\n\x1a\x0b", 8, NULL, "a PNG's signature with its last byte wrong" },
		{ "GIF89a\x01\0\x01\0\x80\0\0", 13, NULL, "a GIF" },
		{ "PK\x03\x04\x14\0\0\0", 8, NULL, "a ZIP (or an office document)" },
		{ "\x7f" "ELF\x02\x01\x01", 7, NULL, "a program" },
		{ "Waited four hours.\n", 19, "text/plain", "ASCII text" },
		{ "\xd8\xa7\xd9\x86\xd8\xaa\xd8\xb8\xd8\xb1\xd8\xaa\r\n", 14, "text/plain",
		  "Arabic, CR LF" },
		{ "a\tb\fc\r\n", 7, "text/plain", "tab, form feed, CR and LF" },
		{ "\xef\xbb\xbfhello", 8, "text/plain", "a byte order mark, then text" },
		{ "\xef\xbb\xbf", 3, NULL, "a byte order mark and nothing else" },
		{ "", 0, NULL, "nothing" },
		{ "a\0b", 3, NULL, "NUL in text" },
		{ "a\x1b[31mb", 8, NULL, "an escape in text" },
		{ "a\x7f", 2, NULL, "DEL in text" },
		{ "a\xc2\x85z", 4, NULL, "a C1 control (U+0085) in text" },
		{ "a\xc2\xa0z", 4, "text/plain", "U+00A0 is no control" },
		{ "caf\xe9", 4, NULL, "Latin-1, not UTF-8" },
		{ "\xc0\xaf", 2, NULL, "an overlong form" },
		{ "\xed\xa0\x80", 3, NULL, "a surrogate" },
		{ "abc\xd8", 4, NULL, "a sequence cut at the end" },
		{ "\xf4\x90\x80\x80", 4, NULL, "past U+10FFFF" },
		{ "\xef\xbb\xbf\xff", 4, NULL, "a byte order mark, then no UTF-8" },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		is_str(px_attach_type(v[i].bytes, v[i].len), v[i].want, "%s: %s", v[i].what,
		       v[i].want ? v[i].want : "refused");
	is_str(px_attach_type(NULL, 0), NULL, "no bytes at all");
}

/* ---------- a store ---------- */

struct world {
	struct px_store *st;
	struct px_config *cfg, *small;
	struct px_user staff, viewer, other;
	struct px_ctx cx;
	int64_t kfh;
};

static int64_t count(struct px_store *st, const char *sql)
{
	struct px_err e = { 0 };
	struct px_stmt *s = px_stmt_prepare(st, sql, &e);
	int64_t n = -1;
	if (s && px_stmt_step(s, &e) == 1)
		n = px_stmt_col_int(s, 0);
	if (s)
		px_stmt_reset(s);
	return n;
}

static char text_buf[256];

/* The first column of sql's row as text ("" when none). */
static const char *text(struct px_store *st, const char *sql)
{
	struct px_err e = { 0 };
	struct px_stmt *s = px_stmt_prepare(st, sql, &e);
	text_buf[0] = '\0';
	if (s && px_stmt_step(s, &e) == 1)
		snprintf(text_buf, sizeof text_buf, "%s", px_stmt_col_text(s, 0));
	if (s)
		px_stmt_reset(s);
	return text_buf;
}

static void world_open(struct world *w)
{
	struct px_err e = { 0 };
	write_file("px.conf", "");
	write_file("small.conf", "[cases]\nattachment_max = 1000\n");
	w->cfg = px_config_load("px.conf", &e);
	w->small = px_config_load("small.conf", &e);
	w->st = px_store_open("attach.db", PX_STORE_CREATE, &e);
	if (!w->cfg || !w->small || !w->st) {
		fprintf(stderr, "set-up: %s\n", e.text);
		abort();
	}
	uint8_t key[32];
	memset(key, 7, sizeof key);
	px_store_set_audit_key(w->st, key);
	if (px_store_exec(w->st,
		"INSERT INTO hospitals (public_id, code, name, created_at, updated_at) VALUES "
		"('hsp_a', 'KFH', 'King Fahd Hospital', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
		"('hsp_b', 'DGH', 'Dammam General Hospital', '2026-01-01T00:00:00Z', "
		"'2026-01-01T00:00:00Z')", &e)) {
		fprintf(stderr, "set-up: %s\n", e.text);
		abort();
	}
	w->kfh = count(w->st, "SELECT id FROM hospitals WHERE code = 'KFH'");
	static int64_t kfh_scope[1], dgh_scope[1];
	kfh_scope[0] = w->kfh;
	dgh_scope[0] = count(w->st, "SELECT id FROM hospitals WHERE code = 'DGH'");
	w->staff = (struct px_user){ .id = 1, .name = "kfh_staff", .role = PX_ROLE_STAFF,
				     .hospitals = kfh_scope, .nhospitals = 1 };
	w->viewer = (struct px_user){ .id = 2, .name = "kfh_viewer", .role = PX_ROLE_VIEWER,
				      .hospitals = kfh_scope, .nhospitals = 1 };
	w->other = (struct px_user){ .id = 3, .name = "dgh_admin", .role = PX_ROLE_HOSPITAL_ADMIN,
				     .hospitals = dgh_scope, .nhospitals = 1 };
	memset(&w->cx, 0, sizeof w->cx);
	w->cx.st = w->st;
	w->cx.cfg = w->cfg;
	w->cx.actor = &w->staff;
	w->cx.emit = sink;
}

static void open_case(struct world *w, const struct px_workflow *wf, const char *source_ref,
		      struct px_case_made *m)
{
	struct px_err e = { 0 };
	struct px_case_new n = { .hospital_id = w->kfh, .source = "call_center",
				 .source_ref = source_ref, .title = "Waited four hours" };
	if (px_store_begin(w->st, &e) || px_case_open_tx(&w->cx, wf, &n, m, &e) ||
	    px_store_commit(w->st, &e)) {
		fprintf(stderr, "set-up: %s\n", e.text);
		abort();
	}
}

/* The row counts an attachment changes, to see that a refusal left none. */
struct counts {
	int64_t contents, attachments, timeline, audit;
};

static struct counts counts(struct px_store *st)
{
	return (struct counts){
		count(st, "SELECT count(*) FROM attachment_contents"),
		count(st, "SELECT count(*) FROM case_attachments"),
		count(st, "SELECT count(*) FROM case_timeline WHERE type = 'attachment'"),
		count(st, "SELECT count(*) FROM audit WHERE action = 'case_attached'"),
	};
}

static int same(struct counts a, struct counts b)
{
	return a.contents == b.contents && a.attachments == b.attachments &&
	       a.timeline == b.timeline && a.audit == b.audit;
}

/* The public id of the attachment of that name on the case. */
static const char *att_id(struct px_store *st, const char *ref, const char *name)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT a.public_id FROM case_attachments a JOIN cases c "
		 "ON c.id = a.case_id WHERE c.ref = '%s' AND a.name = '%s'", ref, name);
	return text(st, sql);
}

static unsigned char *pseudo_random(size_t n, uint32_t seed)
{
	unsigned char *p = malloc(n);
	if (!p)
		abort();
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
	return p;
}

struct file {
	const char *path, *name, *type;
	unsigned char *bytes;
	size_t len;
};

/* Each type, with bytes that are anything but text after the header. */
static void make_files(struct file *f)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	f[0] = (struct file){ "scan.pdf", "scan.pdf", "application/pdf", pseudo_random(20000, 1),
			      20000 };
	memcpy(f[0].bytes, "%PDF-1.7\n", 9);
	f[1] = (struct file){ "photo.jpg", "photo.jpg", "image/jpeg", pseudo_random(50000, 2),
			      50000 };
	memcpy(f[1].bytes, "\xff\xd8\xff\xe0", 4);
	f[2] = (struct file){ "big.png", "big.png", "image/png", pseudo_random(3 << 20, 3),
			      3 << 20 };
	memcpy(f[2].bytes, png, sizeof png);
	f[2].bytes[100] = 0; /* and NUL bytes, surely */
	f[2].bytes[(3 << 20) - 1] = 0;
	static const char note[] = "\xef\xbb\xbf" "The patient says: \xd8\xa7\xd9\x86\xd8\xaa\xd8\xb8"
				   "\xd8\xb1\xd8\xaa \xd8\xa3\xd8\xb1\xd8\xa8\xd8\xb9 \xd8\xb3\xd8\xa7"
				   "\xd8\xb9\xd8\xa7\xd8\xaa.\r\n";
	f[3] = (struct file){ "notes/letter.txt", "letter.txt", "text/plain", malloc(sizeof note - 1),
			      sizeof note - 1 };
	memcpy(f[3].bytes, note, sizeof note - 1);
	mkdir("notes", 0700);
	for (int i = 0; i < 4; i++)
		write_bytes(f[i].path, f[i].bytes, f[i].len);
}

static void test_attach(void)
{
	struct world w;
	world_open(&w);
	struct px_err e = { 0 };
	struct px_workflow *wf, *inquiry;
	if (px_case_workflow(&w.cx, "complaint", &wf, &e) ||
	    px_case_workflow(&w.cx, "inquiry", &inquiry, &e)) {
		fprintf(stderr, "set-up: %s\n", e.text);
		abort();
	}
	setenv("PX_NOW", "2026-11-23T09:00:00Z", 1);
	struct px_case_made c1, c2;
	open_case(&w, wf, "CC-1", &c1);
	open_case(&w, wf, "CC-2", &c2);

	struct file f[4];
	make_files(f);
	struct counts none = counts(w.st);
	ok(none.contents == 0 && none.attachments == 0, "no attachments yet");

	/* each type, attached and given back byte for byte */
	for (int i = 0; i < 4; i++) {
		nseen = 0;
		px_err_clear(&e);
		ok(px_case_attach(&w.cx, wf, c1.ref, f[i].path, &e) == PX_OK, "%s attached (%s)",
		   f[i].path, e.text);
		uint8_t md[PX_SHA256_LEN];
		char sha[PX_SHA256_HEX], want[512];
		px_sha256(f[i].bytes, f[i].len, md);
		px_hex(md, sizeof md, sha);
		const char *id = att_id(w.st, c1.ref, f[i].name);
		snprintf(want, sizeof want,
			 "{\"type\":\"case.attachment\",\"id\":\"%s\",\"case\":\"%s\",\"name\":\"%s\","
			 "\"content_type\":\"%s\",\"size\":%zu,\"sha256\":\"%s\","
			 "\"at\":\"2026-11-23T09:00:00Z\",\"by\":\"kfh_staff\"}",
			 id, c1.ref, f[i].name, f[i].type, f[i].len, sha);
		ok(nseen == 1 && !strncmp(id, "att_", 4), "one record");
		is_str(seen[0], want, "%s: its record", f[i].name);
		char idc[PX_ID_LEN];
		snprintf(idc, sizeof idc, "%s", id);
		void *back = NULL;
		size_t len = 0;
		char type[PX_ATTACH_TYPE_LEN] = "";
		nseen = 0;
		px_err_clear(&e);
		ok(px_case_attachment(&w.cx, wf, c1.ref, idc, &back, &len, type, &e) == PX_OK,
		   "%s read back (%s)", idc, e.text);
		ok(back && len == f[i].len && !memcmp(back, f[i].bytes, len),
		   "%s: byte-identical (%zu bytes)", f[i].name, len);
		is_str(type, f[i].type, "%s: its type", f[i].name);
		ok(nseen == 0, "reading emits nothing");
		free(back);
	}
	struct counts four = counts(w.st);
	ok(four.contents == 4 && four.attachments == 4 && four.timeline == 4 && four.audit == 4,
	   "four contents, attachments, timeline entries and audit rows");
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT t.data FROM case_timeline t JOIN cases c ON "
		 "c.id = t.case_id WHERE c.ref = '%s' AND t.type = 'attachment' AND "
		 "t.text = 'letter.txt'", c1.ref);
	const char *data = text(w.st, sql);
	ok(strstr(data, "{\"attachment\":\"att_") && strstr(data, "\"content_type\":\"text/plain\"") &&
	   strstr(data, "\"size\":"), "the timeline names the attachment: %s", data);
	const char *details = text(w.st, "SELECT details FROM audit WHERE action = 'case_attached' "
					 "ORDER BY id DESC LIMIT 1");
	ok(strstr(details, "\"attachment\":\"att_") && strstr(details, "\"sha256\":\"") &&
	   !strstr(details, "letter"), "the audit row names the attachment, not the file: %s",
	   details);

	/* the same bytes for another case: stored once */
	nseen = 0;
	ok(px_case_attach(&w.cx, wf, c2.pid, "photo.jpg", &e) == PX_OK, "the photo for a second case");
	struct counts five = counts(w.st);
	is_int(five.contents, 4, "its bytes are stored once");
	is_int(five.attachments, 5, "and attached twice");
	ok(nseen == 1 && strstr(seen[0], c2.ref), "the record names the second case");

	/* the same bytes again for the same case, under another name */
	write_bytes("copy.jpg", f[1].bytes, f[1].len);
	nseen = 0;
	ok(px_case_attach(&w.cx, wf, c1.ref, "copy.jpg", &e) == PX_OK, "the photo again (%s)",
	   e.text);
	ok(same(counts(w.st), five), "writes nothing");
	ok(nseen == 1 && strstr(seen[0], "\"name\":\"photo.jpg\"") &&
	   strstr(seen[0], att_id(w.st, c1.ref, "photo.jpg")), "and gives the earlier attachment");

	/* refusals leave nothing */
	struct counts before = counts(w.st);
	w.cx.cfg = w.small;
	unsigned char *t = pseudo_random(1001, 9);
	for (size_t i = 0; i < 1001; i++)
		t[i] = (unsigned char)('a' + t[i] % 26);
	write_bytes("long.txt", t, 1001);
	write_bytes("just.txt", t, 1000);
	free(t);
	ok(px_case_attach(&w.cx, wf, c1.ref, "long.txt", &e) == PX_EREJECT, "over the cap: refused");
	is_str(e.text, "long.txt: 1001 bytes, over the 1000 a case attachment may have "
		       "(cases.attachment_max)", "and says by how much");
	ok(px_case_attach(&w.cx, wf, c1.ref, "/dev/zero", &e) == PX_EREJECT,
	   "an endless device: refused, not read to its end");
	is_str(e.text, "/dev/zero: more than 1000 bytes, over what a case attachment may have "
		       "(cases.attachment_max)", "its size is not known");
	ok(same(counts(w.st), before), "nothing stored");
	nseen = 0;
	ok(px_case_attach(&w.cx, wf, c1.ref, "just.txt", &e) == PX_OK && nseen == 1,
	   "exactly the cap is allowed (%s)", e.text);
	w.cx.cfg = w.cfg;
	before = counts(w.st);
	int fd = open("huge.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ok(fd >= 0 && ftruncate(fd, 10485761) == 0 && close(fd) == 0, "a file of 10 MiB and a byte");
	ok(px_case_attach(&w.cx, wf, c1.ref, "huge.txt", &e) == PX_EREJECT, "over the default cap");
	is_str(e.text, "huge.txt: 10485761 bytes, over the 10485760 a case attachment may have "
		       "(cases.attachment_max)", "10 MiB unless px.conf says otherwise");
	write_bytes("anim.gif", "GIF89a\x01\0\x01\0\x80\0\0", 13);
	ok(px_case_attach(&w.cx, wf, c1.ref, "anim.gif", &e) == PX_EREJECT, "a GIF: refused");
	is_str(e.text, "anim.gif: not a PDF, JPEG, PNG or plain-text file", "by its bytes");
	write_bytes("fake.pdf", "\x01\x02\x03", 3);
	ok(px_case_attach(&w.cx, wf, c1.ref, "fake.pdf", &e) == PX_EREJECT &&
	   !strcmp(e.text, "fake.pdf: not a PDF, JPEG, PNG or plain-text file"),
	   "a name that says PDF does not make one");
	write_bytes("empty.txt", "", 0);
	ok(px_case_attach(&w.cx, wf, c1.ref, "empty.txt", &e) == PX_EREJECT, "an empty file");
	is_str(e.text, "empty.txt: empty file", "is refused");
	ok(px_case_attach(&w.cx, wf, c1.ref, "missing.pdf", &e) == PX_EINPUT, "a missing file");
	is_str(e.text, "missing.pdf: No such file or directory", "says why");
	ok(px_case_attach(&w.cx, wf, c1.ref, "notes", &e) == PX_EINPUT &&
	   !strcmp(e.text, "notes: Is a directory"), "a directory: %s", e.text);
	write_file("bad\nname.txt", "text\n");
	ok(px_case_attach(&w.cx, wf, c1.ref, "bad\nname.txt", &e) == PX_EREJECT,
	   "a name with a line feed");
	is_str(e.text, "bad\\x0Aname.txt: its name is not printable UTF-8",
	       "is refused, and shown quoted");
	ok(px_case_attach(&w.cx, wf, "KFH-2026-999999", "scan.pdf", &e) == PX_EINPUT &&
	   !strcmp(e.text, "unknown case 'KFH-2026-999999'"), "an unknown case");
	ok(px_case_attach(&w.cx, inquiry, c1.ref, "scan.pdf", &e) == PX_EINPUT,
	   "a case of another kind: %s", e.text);

	/* who may */
	w.cx.actor = &w.viewer;
	write_file("viewer.txt", "a viewer's note\n");
	ok(px_case_attach(&w.cx, wf, c1.ref, "viewer.txt", &e) == PX_EPERM, "a viewer may not attach");
	is_str(e.text, "permission denied: 'kfh_viewer' (viewer) may not attach files to complaint "
		       "cases", "and is told so");
	ok(same(counts(w.st), before), "nothing stored by any refusal");
	char id[PX_ID_LEN];
	snprintf(id, sizeof id, "%s", att_id(w.st, c1.ref, "scan.pdf"));
	void *back = NULL;
	size_t len = 0;
	px_err_clear(&e);
	ok(px_case_attachment(&w.cx, wf, c1.ref, id, &back, &len, NULL, &e) == PX_OK &&
	   len == f[0].len && !memcmp(back, f[0].bytes, len), "but may read (%s)", e.text);
	free(back);
	w.cx.actor = &w.other;
	ok(px_case_attachment(&w.cx, wf, c1.ref, id, &back, &len, NULL, &e) == PX_EPERM &&
	   back == NULL && len == 0, "another hospital's admin may not: %s", e.text);
	w.cx.actor = &w.staff;
	char want[256];
	snprintf(want, sizeof want, "unknown attachment '%s' of %s", id, c2.ref);
	ok(px_case_attachment(&w.cx, wf, c2.ref, id, &back, &len, NULL, &e) == PX_EINPUT,
	   "another case's attachment is not this one's");
	is_str(e.text, want, "it is unknown there");
	ok(px_case_attachment(&w.cx, wf, c1.ref, "att_00000000000000000000", &back, &len, NULL,
			      &e) == PX_EINPUT, "an unknown attachment");

	/* the listing, oldest first */
	nseen = 0;
	ok(px_case_attachments(&w.cx, c1.id, &e) == PX_OK && nseen == 5, "five on the first case");
	ok(strstr(seen[0], "scan.pdf") && strstr(seen[1], "photo.jpg") && strstr(seen[2], "big.png") &&
	   strstr(seen[3], "letter.txt") && strstr(seen[4], "just.txt"), "oldest first");
	nseen = 0;
	ok(px_case_attachments(&w.cx, c2.id, &e) == PX_OK && nseen == 1, "one on the second");

	/* stored bytes are not changed, and damage is caught */
	struct px_err e2 = { 0 };
	ok(px_store_exec(w.st, "UPDATE attachment_contents SET type = 'text/html'", &e2) != PX_OK &&
	   strstr(e2.text, "never changed"), "contents cannot be updated");
	px_store_exec(w.st, "DROP TRIGGER attachment_contents_no_update; "
			    "UPDATE attachment_contents SET bytes = CAST('tampered' AS BLOB) "
			    "WHERE type = 'application/pdf'", &e2);
	back = NULL;
	ok(px_case_attachment(&w.cx, wf, c1.ref, id, &back, &len, NULL, &e) == PX_ESTORE && !back,
	   "bytes that no longer match their digest: %s", e.text);

	for (int i = 0; i < 4; i++)
		free(f[i].bytes);
	px_workflow_free(wf);
	px_workflow_free(inquiry);
	px_ctx_release(&w.cx);
	px_store_close(w.st);
	px_config_free(w.cfg);
	px_config_free(w.small);
}

int main(void)
{
	test_types();
	test_attach();
	return tap_done();
}
