/* Unit tests of the HL7 v2 reader: delimiters, escapes, repetitions,
 * framing, and random bytes that must never crash it. */
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

int main(void)
{
	test_stream();
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
