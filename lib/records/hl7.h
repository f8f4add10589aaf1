/*
 * hl7.h - HL7 v2 messages: framing, segments, fields and escapes.
 *
 * The reader takes a byte stream holding messages one after the other:
 * segments end with CR, LF or CR LF; messages may be wrapped in MLLP
 * blocks (0x0B ... 0x1C 0x0D) and grouped in batches (FHS/BHS ... BTS/FTS,
 * whose envelope segments are skipped).  A message starts at its MSH
 * segment, whose MSH-1 and MSH-2 give the delimiters of that message.
 * Any byte sequence is safe: a malformed message is skipped and reported,
 * and memory per message is bounded (PX_HL7_MSG_MAX bytes,
 * PX_HL7_SEG_MAX segments).
 *
 * Positions follow HL7: fields, repetitions, components and
 * subcomponents count from 1; MSH-1 is the field separator itself.
 */
#ifndef PX_HL7_H
#define PX_HL7_H

#include <stdio.h>

#include "base/err.h"
#include "base/mem.h"

#define PX_HL7_MSG_MAX (1024 * 1024)
#define PX_HL7_SEG_MAX 2000

struct px_hl7_seg {
	size_t off, len; /* in the message text */
	long line;       /* input line where the segment starts */
};

struct px_hl7_msg {
	struct px_buf text;         /* segments, each ended by '\n' */
	struct px_hl7_seg *segs;
	size_t nsegs, capsegs;
	char fs, cs, rs, es, ss;    /* field, component, repetition, escape, subcomponent */
	long line;                  /* line of MSH */
	long number;                /* 1 for the first message of the input */
};

struct px_hl7_reader;

/* Reads messages from f (not closed by the reader); name is used in
 * errors. */
struct px_hl7_reader *px_hl7_reader_new(FILE *f, const char *name);
void px_hl7_reader_free(struct px_hl7_reader *rd);
/* The input is UTF-8 already (it was decoded from --encoding): a
 * message's MSH-18 is not applied.  Otherwise a message whose MSH-18 names
 * a character set of ISO 8859 (8859/6, ISO IR127...) or Windows-1256 is
 * decoded to UTF-8 before its fields are read, and one naming a set that
 * cannot be framed undecoded (UTF-16, BIG-5...) is refused. */
void px_hl7_reader_utf8(struct px_hl7_reader *rd);
/* Bytes of the input read before the reader was made (to detect the
 * format), to be read before the rest of f. */
void px_hl7_reader_unread(struct px_hl7_reader *rd, const char *p, size_t n);
/*
 * The next message: 1 and *out (owned by the reader, valid until the next
 * call), 0 at the end of input, -1 when a malformed message was skipped
 * (err names source:line, the message number and the problem; call
 * again), -2 on a read error.
 */
int px_hl7_next(struct px_hl7_reader *rd, const struct px_hl7_msg **out, struct px_err *err);
/* Whether the next message can be read without waiting for input (see
 * px_reader_ready).  A message in an MLLP block is complete at the block's
 * end; an unframed one only when the next begins or the input ends. */
int px_hl7_ready(const struct px_hl7_reader *rd);
/* The raw text of the last message returned or skipped, segments ended by
 * '\n' (at most PX_HL7_MSG_MAX bytes). */
const char *px_hl7_raw(const struct px_hl7_reader *rd);

/* Parses one message from text (segments separated by CR or LF). */
int px_hl7_parse(struct px_hl7_msg *m, const char *text, size_t n, struct px_err *err);
void px_hl7_msg_free(struct px_hl7_msg *m);

/* Index of the nth (from 1) segment named id ("PID"), or -1. */
int px_hl7_seg_find(const struct px_hl7_msg *m, const char *id, int nth);
/* The segment's three-letter name into id[4]. */
void px_hl7_seg_name(const struct px_hl7_msg *m, int seg, char id[4]);
/*
 * The value at field/rep/comp/sub of segment seg, unescaped, into out
 * (reset first).  comp or sub 0 means the whole field or component, with
 * its delimiters left as they are.  Returns 1 when non-empty, 0 when
 * empty or absent (the HL7 null "" counts as empty).
 */
int px_hl7_get(const struct px_hl7_msg *m, int seg, int field, int rep, int comp,
	       int sub, struct px_buf *out);
/* The repetitions of a field one after the other, in time linear in the
 * field's length: it starts zeroed ({0}); each call that returns 1 sets
 * it->p, it->n to the next repetition's raw text and it->index to its
 * number (from 1); 0 after the last (at once when the field is empty). */
struct px_hl7_rep {
	const char *p;
	size_t n;
	int index;
	const char *rest; /* what follows, and its length */
	size_t left;
	int started, more;
};
int px_hl7_rep_next(const struct px_hl7_msg *m, int seg, int field, struct px_hl7_rep *it);
/* The value at comp/sub of the repetition it holds, as px_hl7_get. */
int px_hl7_rep_get(const struct px_hl7_msg *m, const struct px_hl7_rep *it, int comp, int sub,
		   struct px_buf *out);
/* The number of repetitions of a field (0 when empty). */
int px_hl7_reps(const struct px_hl7_msg *m, int seg, int field);
/* Decodes the escapes of a message's value (\F\ \S\ \T\ \R\ \E\ \Xhh..\;
 * formatting escapes become a space or nothing).  A NUL byte, raw or
 * \X00\, is kept (out->len counts it), for the caller to refuse: never
 * dropped, which would make another value of it. */
void px_hl7_unescape(const struct px_hl7_msg *m, const char *s, size_t n, struct px_buf *out);

/*
 * The acknowledgement (original mode) of the message raw, appended to out
 * with its segments ended by CR: MSA-1 code ("AA", "AE" or "AR") and
 * MSA-2 the message's MSH-10; with a reason, MSA-3 and an ERR segment
 * (ERR-3 an error code of table 0357, ERR-8 the reason).  The ACK's MSH
 * sends back to the message's sender (MSH-3/4 become MSH-5/6), has MSH-7
 * when (YYYYMMDDHHMMSS+ZZZZ) and MSH-10 "PX", YYMMDDHHMMSS and seq.  A raw that is not a
 * message is acknowledged with empty fields, and an AE of it is an AR.
 */
void px_hl7_ack(const char *raw, const char *code, const char *reason, const char *when,
		long seq, struct px_buf *out);

#endif
