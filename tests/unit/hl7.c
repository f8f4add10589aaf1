/* Unit tests of the HL7 v2 reader: delimiters, escapes, repetitions,
 * framing, and random bytes that must never crash it; HL7 as a source of
 * the record reader, format detection on a pipe, and the record loop's
 * transactions. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "px.h"
#include "records/hl7.h"
#include "tap.h"

static int count_msgs(const char *text, size_t n, long *bad)
{
	FILE *f = fmemopen((void *)text, n, "r");
	struct px_hl7_reader *rd = px_hl7_reader_new(f, "t");
	const struct px_hl7_msg *m;
	struct px_err e;
	int rc, good = 0;
	*bad = 0;
	while ((rc = px_hl7_next(rd, &m, &e)) != 0) {
		if (rc == 1)
			good++;
		else if (rc == -1)
			(*bad)++;
		else
			break;
	}
	px_hl7_reader_free(rd);
	fclose(f);
	return good;
}

/* A stream fed a block at a time: a message is returned at its block's
 * end while the writer keeps the pipe open, and the reader then says it
 * would wait.  alarm() turns a reader stuck on the pipe into a failure. */
static void test_stream(void)
{
	int p[2];
	if (pipe(p)) {
		ok(0, "pipe");
		return;
	}
	const char *blk = "\x0bMSH|^~\\&|HIS|KFH|||20261122||ADT^A01|1|P|2.5\rPID|1||M1\r\x1c\r";
	if (write(p[1], blk, strlen(blk)) != (ssize_t)strlen(blk)) {
		ok(0, "write");
		return;
	}
	FILE *f = fdopen(p[0], "r");
	struct px_hl7_reader *rd = px_hl7_reader_new(f, "pipe");
	const struct px_hl7_msg *got;
	struct px_err e;
	alarm(10);
	is_int(px_hl7_next(rd, &got, &e), 1, "a streamed MLLP message is returned at its block's end");
	is_int(px_hl7_ready(rd), 0, "then the reader would wait for the writer");
	close(p[1]);
	is_int(px_hl7_ready(rd), 1, "the writer gone, the end of input is ready");
	is_int(px_hl7_next(rd, &got, &e), 0, "and read as the end");
	alarm(0);
	px_hl7_reader_free(rd);
	fclose(f);
}

/* A mapping for the tests: the MSH-10 control id as "id"; a message
 * without one is refused, naming MSH-10. */
static struct px_rec *map_id(const struct px_hl7_msg *m, struct px_err *err)
{
	struct px_buf b = PX_BUF_INIT;
	if (!px_hl7_get(m, 0, 10, 1, 1, 0, &b)) {
		px_buf_free(&b);
		err->line = m->segs[0].line;
		px_err_set(err, PX_EREJECT, "MSH-10: missing control id");
		return NULL;
	}
	struct px_rec *r = px_rec_new("msg");
	px_rec_set_str(r, "id", b.s);
	px_buf_free(&b);
	return r;
}

/* A pipe holding text, its writing end left open when keep is set;
 * returns the path of its reading end (static) and the writing fd. */
static const char *pipe_with(const char *text, int keep, int *wfd)
{
	static char path[64];
	int p[2];
	if (pipe(p))
		return NULL;
	if (write(p[1], text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	if (!keep) {
		close(p[1]);
		p[1] = -1;
	}
	*wfd = p[1];
	snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
	return path;
}

static void test_reader_hl7(void)
{
	const char *text = "\x0bMSH|^~\\&|HIS|KFH|||20261122||ADT^A01|C1|P|2.5\rPID|1\r\x1c\r"
			   "MSH|^~\\&|HIS|KFH|||20261122||ADT^A03||P|2.5\nPID|1\n"
			   "\x0bPID|stray\r\x1c\rMSH|^~\\&|HIS|KFH|||20261122||ADT^A03|C3|P|2.5\n";
	int wfd;
	const char *path = pipe_with(text, 0, &wfd);
	struct px_err e;
	struct px_reader *rd = px_reader_open(path, PX_FMT_AUTO, &e);
	ok(rd != NULL, "a pipe of HL7 opens");
	if (!rd)
		return;
	is_int(px_reader_format(rd), PX_FMT_HL7, "its format is detected from the bytes read ahead");
	struct px_rec *r;
	is_int(px_reader_next(rd, &r, &e), -2, "without a mapping HL7 is not records");
	is_str(e.text, "hl7 input is not records", "and says so");
	px_reader_hl7(rd, map_id);
	is_int(px_reader_next(rd, &r, &e), 1, "the first message, through the mapping");
	if (r) {
		is_str(px_rec_get(r, "id"), "C1", "the bytes read ahead are the message's");
		is_int(px_rec_line(r), 1, "positioned at its MSH");
		is_str(px_rec_label(r), "message 1", "labelled with its number");
		is_str(px_rec_raw(r), "MSH|^~\\&|HIS|KFH|||20261122||ADT^A01|C1|P|2.5\nPID|1\n",
		       "its raw text, a segment a line");
		px_rec_free(r);
	}
	is_int(px_reader_next(rd, &r, &e), -1, "a message the mapping refuses is rejected");
	is_str(e.text, "message 2: MSH-10: missing control id", "named by its number");
	is_int(e.line, 4, "at the line of the segment at fault");
	is_int(px_reader_next(rd, &r, &e), -1, "a stray segment is rejected");
	is_str(e.text, "message 3: segment 'PID' outside a message", "by the framing");
	is_int(px_reader_next(rd, &r, &e), 1, "then the next message");
	is_int(r ? px_rec_line(r) : 0, 8, "its line counted across the blocks");
	px_rec_free(r);
	is_int(px_reader_next(rd, &r, &e), 0, "and the end");
	px_reader_close(rd);
}

/* Detection on a pipe whose writer stays: the reader reads no more than
 * it needs, so that opening returns before the writer sends more. */
static void test_detect_pipe(void)
{
	static const struct {
		const char *text;
		enum px_fmt fmt;
	} cases[] = {
		{ "{\"a\":1}\n", PX_FMT_JSONL },
		{ "\n\n  [{\"a\":1}]", PX_FMT_JSON },
		{ "\xef\xbb\xbfmrn,visit\n", PX_FMT_CSV },
		{ "\x0b", PX_FMT_HL7 },
		{ "MSH|^~\\&|", PX_FMT_HL7 },
	};
	alarm(10);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int wfd;
		const char *path = pipe_with(cases[i].text, 1, &wfd);
		struct px_err e;
		struct px_reader *rd = px_reader_open(path, PX_FMT_AUTO, &e);
		is_int(rd ? (int)px_reader_format(rd) : -1, (int)cases[i].fmt,
		       "detected on an open pipe: case %zu", i + 1);
		close(wfd);
		struct px_rec *r;
		if (rd && cases[i].fmt != PX_FMT_HL7) {
			is_int(px_reader_next(rd, &r, &e), cases[i].fmt == PX_FMT_CSV ? 0 : 1,
			       "and read from the bytes read ahead: case %zu", i + 1);
			if (cases[i].fmt == PX_FMT_JSON)
				is_int(r ? px_rec_line(r) : 0, 3, "lines counted across them");
			else if (cases[i].fmt == PX_FMT_JSONL)
				is_int(r ? px_rec_line(r) : 0, 1, "line 1");
			px_rec_free(r);
		}
		px_reader_close(rd);
	}
	alarm(0);
}

/* The loop's transactions, with a pretend store counting what it is
 * asked to do. */
struct fake {
	int begins, commits, rollbacks, flushes, drops, held, printed;
};

static int f_begin(void *c, struct px_err *e) { ((struct fake *)c)->begins++; return 0; }
static int f_commit(void *c, struct px_err *e) { ((struct fake *)c)->commits++; return 0; }
static void f_rollback(void *c) { ((struct fake *)c)->rollbacks++; }
static int f_flush(void *c, struct px_err *e)
{
	struct fake *f = c;
	f->flushes++;
	f->printed += f->held;
	f->held = 0;
	return 0;
}
static void f_drop(void *c)
{
	struct fake *f = c;
	f->drops++;
	f->held = 0;
}
/* Holds one record out per record, rejects "bad" ones. */
static int f_handle(struct px_rec *r, void *c, struct px_err *e)
{
	struct fake *f = c;
	f->held++;
	if (px_rec_get_bool(r, "bad"))
		return px_fail(e, PX_EREJECT, "bad record");
	return PX_OK;
}
static void f_report(const struct px_err *e, const char *raw, void *c)
{
	(*(int *)c)++;
}

static void run_fake(const char *path, long batch, int strict, int dry, struct fake *f,
		     int *reports, int *status)
{
	static const struct px_handler h[] = { { NULL, f_handle }, { NULL, NULL } };
	const char *files[] = { path, NULL };
	memset(f, 0, sizeof *f);
	*reports = 0;
	struct px_loop lp = {
		.files = files, .handlers = h, .report = f_report, .ctx = f, .report_ctx = reports,
		.tx = { f_begin, f_commit, f_rollback, f_flush, f_drop, f },
		.batch = batch, .strict = strict, .dry_run = dry,
	};
	*status = px_loop_run(&lp);
}

static void test_loop_tx(void)
{
	FILE *f = fopen("five.jsonl", "w");
	fputs("{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"bad\":true}\n{\"n\":4}\n{\"n\":5}\n", f);
	fclose(f);
	struct fake k;
	int reports, st;
	run_fake("five.jsonl", 2, 0, 0, &k, &reports, &st);
	is_int(st, PX_EREJECT, "a reject: status 1");
	is_int(k.begins, 3, "batches of two: three transactions");
	is_int(k.commits, 3, "each committed");
	is_int(k.printed, 5, "and what each produced handed over after its commit");
	is_int(reports, 1, "the reject reported");
	run_fake("five.jsonl", 2, 1, 0, &k, &reports, &st);
	is_int(st, PX_EINPUT, "--strict: status 4");
	is_int(k.begins, 1, "the file one transaction");
	is_int(k.commits, 0, "not committed");
	is_int(k.rollbacks, 1, "rolled back at the first reject");
	is_int(k.printed, 0, "nothing handed over");
	is_int(reports, 2, "the reject and 'nothing applied' reported");
	run_fake("five.jsonl", 2, 0, 1, &k, &reports, &st);
	is_int(st, PX_EREJECT, "--dry-run: the reject's status");
	is_int(k.begins, 1, "the file one transaction");
	is_int(k.commits + k.printed, 0, "nothing committed or handed over");
	is_int(k.rollbacks, 1, "rolled back");
	ok(k.drops >= 5, "what each record produced dropped as it went");
	remove("five.jsonl");
}

/* MSH-18: a message in ISO 8859-6 decoded to UTF-8, its segments kept;
 * a byte outside the set and a set that cannot be framed refused. */
static void test_charset(void)
{
	struct px_hl7_msg m;
	struct px_err e;
	struct px_buf b = PX_BUF_INIT;
	/* \xd9\xe4\xea is "Ali" in ISO 8859-6 */
	const char *t = "MSH|^~\\&|HIS|KFH|||20261122||ADT^A01|1|P|2.5|||||SAU|8859/6\r"
			"PID|1||M1||\xd9\xe4\xea^x\r";
	ok(px_hl7_parse(&m, t, strlen(t), &e) == 0, "a message in 8859/6");
	px_hl7_get(&m, 1, 5, 1, 1, 0, &b);
	is_str(b.s, "\xd8\xb9\xd9\x84\xd9\x8a", "its name decoded to UTF-8");
	px_hl7_get(&m, 1, 5, 1, 2, 0, &b);
	is_str(b.s, "x", "the next component in place");
	px_hl7_msg_free(&m);
	const char *t2 = "MSH|^~\\&|HIS|KFH|||20261122||ADT^A01|1|P|2.5|||||SAU|ISO IR127~UNICODE UTF-8\r"
			 "PID|1||M1||\xa1\r";
	ok(px_hl7_parse(&m, t2, strlen(t2), &e) != 0, "a byte 8859-6 does not have");
	ok(strstr(e.text, "PID: byte 0xA1 (byte 12 of the segment) is not ISO IR127") != NULL,
	   "named with its segment and place: %s", e.text);
	const char *t3 = "MSH|^~\\&|HIS|KFH|||20261122||ADT^A01|1|P|2.5|||||SAU|UNICODE UTF-16\r";
	ok(px_hl7_parse(&m, t3, strlen(t3), &e) != 0 && strstr(e.text, "is not read"),
	   "UTF-16 refused");
	px_buf_free(&b);
}

/* The acknowledgement of a message: AA, and AE with its reason escaped. */
static void test_ack(void)
{
	struct px_buf b = PX_BUF_INIT;
	const char *t = "MSH|^~\\&|HIS|KFH|PX|PX|20261122||ADT^A03|C9|P|2.4\nPID|1||M1\n";
	px_hl7_ack(t, "AA", NULL, "20261123090000+0000", 7, &b);
	is_str(b.s, "MSH|^~\\&|PX|PX|HIS|KFH|20261123090000+0000||ACK^A03^ACK|PX2611230900007|P|2.4\r"
		    "MSA|AA|C9\r", "AA answers the sender with MSH-10");
	px_buf_reset(&b);
	px_hl7_ack(t, "AE", "unknown code 'a|b^c'", "20261123090000+0000", 8, &b);
	ok(strstr(b.s, "MSA|AE|C9|unknown code 'a\\F\\b\\S\\c'\rERR|||207^Application internal error^HL70357|E||||") != NULL,
	   "AE: the reason escaped, in MSA-3 and ERR");
	px_buf_reset(&b);
	px_hl7_ack("garbage", "AR", "not a message", "20261123090000+0000", 9, &b);
	ok(!strncmp(b.s, "MSH|^~\\&|PX||||20261123090000+0000||ACK^^ACK|PX2611230900009|P|2.5\rMSA|AR||", 67),
	   "AR of what is not a message: %s", b.s);
	px_buf_free(&b);
}

int main(void)
{
	test_stream();
	test_charset();
	test_ack();
	test_reader_hl7();
	test_detect_pipe();
	test_loop_tx();
	struct px_hl7_msg m;
	struct px_err e;
	struct px_buf b = PX_BUF_INIT;
	const char *t = "MSH|^~\\&|HIS|KFH|||20261122||ADT^A01|1|P|2.5\r"
			"PID|1||M1^^^KFH^MR~99^^^SA^NI||O\\T\\Brien^Se\\F\\n\\S\\a\\E\\\\X41\\~Doe^J\r";
	ok(px_hl7_parse(&m, t, strlen(t), &e) == 0, "parse a message");
	int pid = px_hl7_seg_find(&m, "PID", 1);
	is_int(pid, 1, "PID is the second segment");
	px_hl7_get(&m, 0, 9, 1, 2, 0, &b);
	is_str(b.s, "A01", "MSH-9.2");
	px_hl7_get(&m, 0, 1, 1, 0, 0, &b);
	is_str(b.s, "|", "MSH-1 is the field separator");
	px_hl7_get(&m, 0, 2, 1, 0, 0, &b);
	is_str(b.s, "^~\\&", "MSH-2 taken literally");
	is_int(px_hl7_reps(&m, pid, 3), 2, "two identifiers");
	px_hl7_get(&m, pid, 3, 2, 5, 0, &b);
	is_str(b.s, "NI", "second repetition, fifth component");
	px_hl7_get(&m, pid, 5, 1, 1, 0, &b);
	is_str(b.s, "O&Brien", "\\T\\ is the subcomponent separator");
	px_hl7_get(&m, pid, 5, 1, 2, 0, &b);
	is_str(b.s, "Se|n^a\\A", "\\F\\ \\S\\ \\E\\ \\X41\\");
	ok(!px_hl7_get(&m, pid, 40, 1, 1, 0, &b), "absent field is empty");
	px_hl7_msg_free(&m);

	const char *t2 = "MSH#$%*!#A\nPID#1##X$Y*S*Z\n";
	ok(px_hl7_parse(&m, t2, strlen(t2), &e) == 0, "non-default delimiters");
	px_hl7_get(&m, 1, 3, 1, 2, 0, &b);
	is_str(b.s, "Y$Z", "component of a message with '$'");
	px_hl7_msg_free(&m);

	long bad;
	const char *mllp = "\x0bMSH|^~\\&|A\rPID|1\r\x1c\r\x0bMSH|^~\\&|B\r\x1c\r";
	is_int(count_msgs(mllp, strlen(mllp), &bad), 2, "two MLLP blocks");
	const char *batch = "FHS|^~\\&\nBHS|^~\\&\nMSH|^~\\&|A\r\nPID|1\r\nMSH|^~\\&|B\nBTS|2\nFTS|1\n";
	is_int(count_msgs(batch, strlen(batch), &bad), 2, "batch envelope skipped");
	const char *stray = "PID|1\nMSH|^~\\&|A\n";
	is_int(count_msgs(stray, strlen(stray), &bad), 1, "stray segment rejected");
	is_int(bad, 1, "one bad message");
	ok(px_hl7_parse(&m, "MSH|", 4, &e) < 0, "short MSH rejected");

	/* random bytes and mutated messages never crash */
	srand(7);
	char buf[600];
	int survived = 1;
	for (int i = 0; i < 3000; i++) {
		size_t n = (size_t)(rand() % (int)sizeof buf);
		memcpy(buf, t, strlen(t) < n ? strlen(t) : n);
		for (size_t k = 0; k < n; k++)
			if (rand() % 4 == 0 || k >= strlen(t))
				buf[k] = "|^~\\&\r\n\x0b\x1cMSHPIDX0"[rand() % 17];
		int g = count_msgs(buf, n, &bad);
		if (g < 0)
			survived = 0;
		if (px_hl7_parse(&m, buf, n, &e) == 0) {
			for (int s = 0; s < (int)m.nsegs; s++)
				for (int f = 1; f < 8; f++)
					px_hl7_get(&m, s, f, 2, 2, 2, &b);
			px_hl7_msg_free(&m);
		}
	}
	ok(survived, "3000 mutated inputs");
	px_buf_free(&b);
	return tap_done();
}
