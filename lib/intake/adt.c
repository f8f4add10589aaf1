/* adt.c - HL7 v2 ADT messages as visit records; see adt.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "intake/adt.h"
#include "base/utf8.h"
#include "base/banned.h"

/* HL7 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) to ISO 8601; -1 if bad. */
static int hl7_time(const char *s, char *out, size_t size, int date_only)
{
	size_t n = strspn(s, "0123456789");
	if (n < 8 || n % 2 || n > 14)
		return -1;
	const char *z = s + n;
	if (*z == '.')
		z += 1 + strspn(z + 1, "0123456789");
	char off[8] = "";
	if ((*z == '+' || *z == '-') && strspn(z + 1, "0123456789") == 4 && !z[5])
		snprintf(off, sizeof off, "%c%.2s:%.2s", *z, z + 1, z + 3);
	else if (*z)
		return -1;
	if (date_only) {
		snprintf(out, size, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		return 0;
	}
	char hh[3] = "00", mm[3] = "00", ss[3] = "00";
	if (n >= 10)
		memcpy(hh, s + 8, 2);
	if (n >= 12)
		memcpy(mm, s + 10, 2);
	if (n >= 14)
		memcpy(ss, s + 12, 2);
	snprintf(out, size, "%.4s-%.2s-%.2sT%s:%s:%s%s", s, s + 4, s + 6, hh, mm, ss, off);
	return 0;
}

/* Whether a name is valid UTF-8 without control characters (a tab
 * aside). */
static int text_ok(const char *s)
{
	if (!px_utf8_valid(s, strlen(s)))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 0;
	return 1;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* A message being mapped: its segments of interest and a buffer. */
struct adt {
	const struct px_hl7_msg *m;
	struct px_rec *r;
	struct px_buf b;
	int msh, evn, pid, pv1, mrg, pd1;
	char trigger[8];
	struct px_err *err;
	int rc;               /* the first field refused (checked), or PX_OK */
};

/* Fails the mapping at segment seg: PX_EREJECT, the segment's line. */
__attribute__((format(printf, 4, 5)))
static int fail(struct adt *a, int seg, struct px_err *err, const char *fmt, ...)
{
	const struct px_hl7_msg *m = a->m;
	err->line = seg >= 0 && (size_t)seg < m->nsegs ? m->segs[seg].line : m->line;
	va_list ap;
	va_start(ap, fmt);
	err->code = PX_EREJECT;
	vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
	return PX_EREJECT;
}

/*
 * Whether the value in a->b, read from seg-f for key, may be taken:
 * valid UTF-8 (base/utf8: no overlong form, no surrogate, nothing above
 * U+10FFFF) without a NUL byte.  Anything else refuses the message:
 * replacing a bad byte (by U+FFFD) or dropping it would make another
 * value of it, and two patients whose MRNs differ only there would be
 * merged.  The value itself is never printed (it may be an identifier).
 */
static int value_ok(struct adt *a, int seg, int f, const char *key)
{
	size_t ok = px_utf8_check(a->b.s, a->b.len);
	const char *z = memchr(a->b.s, '\0', a->b.len);
	if (ok == a->b.len && !z)
		return 1;
	if (!a->rc) {
		char id[4];
		px_hl7_seg_name(a->m, seg, id);
		if (z && (size_t)(z - a->b.s) <= ok)
			a->rc = fail(a, seg, a->err, "%s-%d: NUL byte in %s (byte %zu)", id, f, key,
				     (size_t)(z - a->b.s) + 1);
		else
			a->rc = fail(a, seg, a->err, "%s-%d: %s is not valid UTF-8 (byte %zu)", id, f,
				     key, ok + 1);
	}
	return 0;
}

/* Sets key from the value at seg-field.rep.comp when it is not empty;
 * 1 when there is one (taken, or refused in a->rc), 0 when empty. */
static int set(struct adt *a, int seg, int f, int rep, int comp, const char *key)
{
	if (seg < 0 || !px_hl7_get(a->m, seg, f, rep, comp, 0, &a->b))
		return 0;
	if (value_ok(a, seg, f, key))
		px_rec_set_str(a->r, key, a->b.s);
	return 1;
}

/* The same from a repetition read with px_hl7_rep_next. */
static int set_rep(struct adt *a, int seg, int f, const struct px_hl7_rep *it, int comp,
		   const char *key)
{
	if (!px_hl7_rep_get(a->m, it, comp, 0, &a->b))
		return 0;
	if (value_ok(a, seg, f, key))
		px_rec_set_str(a->r, key, a->b.s);
	return 1;
}

/* a->b quoted for a message: control bytes and bad UTF-8 as \xNN. */
static const char *quoted(struct adt *a, char *q, size_t size)
{
	return px_utf8_quote(a->b.s, a->b.len, q, size);
}

/* MSH and EVN: an ADT message, its trigger event, id and time. */
static int map_event(struct adt *a, struct px_err *err)
{
	const struct px_hl7_msg *m = a->m;
	char q[80];
	if (px_hl7_get(m, a->msh, 9, 1, 1, 0, &a->b) && strcmp(a->b.s, "ADT")) {
		px_hl7_get(m, a->msh, 9, 1, 0, 0, &a->b);
		return fail(a, a->msh, err, "MSH-9: not an ADT message ('%s')", quoted(a, q, 40));
	}
	if (!a->b.len)
		return fail(a, a->msh, err, "MSH-9: not an ADT message (no message type)");
	if (px_hl7_get(m, a->msh, 9, 1, 2, 0, &a->b) || px_hl7_get(m, a->evn, 1, 1, 0, 0, &a->b)) {
		if (a->b.len >= sizeof a->trigger || !text_ok(a->b.s))
			return fail(a, a->msh, err, "MSH-9.2: bad trigger event '%s'",
				    quoted(a, q, 40));
		px_strlcpy(a->trigger, a->b.s, sizeof a->trigger);
	}
	if (!a->trigger[0])
		return fail(a, a->msh, err, "MSH-9.2: missing trigger event");
	px_rec_set_str(a->r, "event", a->trigger);
	if (a->pid < 0)
		return fail(a, a->msh, err, "missing PID segment");
	/* event id: sending application and message control id */
	if (px_hl7_get(m, a->msh, 10, 1, 0, 0, &a->b) && value_ok(a, a->msh, 10, "event_id")) {
		char *id = px_xasprintf("%.64s", a->b.s);
		if (px_hl7_get(m, a->msh, 3, 1, 1, 0, &a->b) && value_ok(a, a->msh, 3, "event_id")) {
			char *both = px_xasprintf("%.64s/%s", a->b.s, id);
			free(id);
			id = both;
		}
		/* "%.64s" may cut a character in two: cut before it */
		id[px_utf8_check(id, strlen(id))] = '\0';
		px_rec_set_str(a->r, "event_id", id);
		free(id);
	}
	if (a->rc)
		return a->rc;
	/* event time: EVN-6, EVN-2, then MSH-7 */
	int evn = a->evn >= 0 ? a->evn : a->msh;
	int got = (a->evn >= 0 && (px_hl7_get(m, a->evn, 6, 1, 1, 0, &a->b) ||
				   px_hl7_get(m, a->evn, 2, 1, 1, 0, &a->b))) ||
		  px_hl7_get(m, a->msh, 7, 1, 1, 0, &a->b);
	char t[40];
	if (!got)
		return fail(a, evn, err, "EVN-2: missing event time");
	if (memchr(a->b.s, '\0', a->b.len) || hl7_time(a->b.s, t, sizeof t, 0))
		return fail(a, evn, err, "EVN-2: bad time '%s'", quoted(a, q, 40));
	px_rec_set_str(a->r, "event_time", t);
	return PX_OK;
}

/* PV1 (else MSH and PID): where and which visit. */
static int map_visit(struct adt *a, struct px_err *err)
{
	if (!set(a, a->pv1, 3, 1, 4, "hospital") && !set(a, a->msh, 4, 1, 1, "hospital"))
		return fail(a, a->msh, err, "MSH-4: missing facility");
	if (!set(a, a->pv1, 3, 1, 1, "department"))
		set(a, a->pv1, 10, 1, 1, "department");
	if (!set(a, a->pv1, 19, 1, 1, "visit"))
		set(a, a->pid, 18, 1, 1, "visit");
	if (!set(a, a->pv1, 18, 1, 1, "patient_type"))
		set(a, a->pv1, 2, 1, 1, "patient_type");
	set(a, a->pv1, 36, 1, 1, "disposition");
	return a->rc;
}

static int natid_type(const char *t)
{
	return !strcmp(t, "NI") || !strcmp(t, "SS") || !strcmp(t, "NNSAU") || !strcmp(t, "PPN");
}

/*
 * PID-3: the MRN is the first repetition typed MR (CX-5), else the first
 * repetition that is not a national identifier; the national ID the
 * first typed NI, SS, NNSAU or PPN, else PID-19.  One pass over the
 * repetitions, so that a field of many costs time in its length only.
 */
static int map_ids(struct adt *a, struct px_err *err)
{
	const struct px_hl7_msg *m = a->m;
	struct px_hl7_rep it = { 0 };
	int mr = 0, first = 0, natid = 0;
	while (px_hl7_rep_next(m, a->pid, 3, &it) && !(mr && natid)) {
		px_hl7_rep_get(m, &it, 5, 0, &a->b);
		if (!strcmp(a->b.s, "MR")) {
			if (!mr)
				mr = it.index;
		} else if (natid_type(a->b.s)) {
			if (!natid)
				natid = it.index;
		} else if (!first && px_hl7_rep_get(m, &it, 1, 0, &a->b)) {
			first = it.index;
		}
	}
	int mrn = mr ? mr : first;
	if (mrn)
		set(a, a->pid, 3, mrn, 1, "mrn");
	if (!natid || !set(a, a->pid, 3, natid, 1, "national_id"))
		set(a, a->pid, 19, 1, 1, "national_id");
	if (a->rc)
		return a->rc;
	if (!px_rec_has(a->r, "mrn"))
		return fail(a, a->pid, err, "PID-3: missing MRN");
	return PX_OK;
}

/* PID-5 repetitions, family^given^middle read as "given middle family";
 * Arabic script goes to name_ar, the rest to name_en.  A name is checked
 * as every value (UTF-8, base/utf8) and has no control character. */
static int map_names(struct adt *a, struct px_err *err)
{
	static const int order[] = { 2, 3, 1 };
	struct px_hl7_rep it = { 0 };
	int rc = PX_OK;
	struct px_buf n = PX_BUF_INIT;
	while (!rc && px_hl7_rep_next(a->m, a->pid, 5, &it)) {
		px_buf_reset(&n);
		for (int k = 0; k < 3; k++)
			if (px_hl7_rep_get(a->m, &it, order[k], 0, &a->b)) {
				if (n.len)
					px_buf_addc(&n, ' ');
				px_buf_add(&n, a->b.s, a->b.len);
			}
		if (!n.len)
			continue;
		if (memchr(n.s, '\0', n.len) || !text_ok(n.s)) {
			rc = fail(a, a->pid, err, "PID-5: name is not UTF-8");
			break;
		}
		const char *key = has_non_ascii(n.s) ? "name_ar" : "name_en";
		if (!px_rec_has(a->r, key))
			px_rec_set_str(a->r, key, n.s);
	}
	px_buf_free(&n);
	return rc;
}

/* A phone from XTN-5..7 (+country, area, local), else XTN-1. */
static void map_phone(struct adt *a, const struct px_hl7_rep *it)
{
	const struct px_hl7_msg *m = a->m;
	if (!px_hl7_rep_get(m, it, 7, 0, &a->b)) {
		set_rep(a, a->pid, 13, it, 1, "phone");
		return;
	}
	struct px_buf num = PX_BUF_INIT;
	if (px_hl7_rep_get(m, it, 5, 0, &a->b)) {
		px_buf_addc(&num, '+');
		px_buf_add(&num, a->b.s, a->b.len);
	}
	if (px_hl7_rep_get(m, it, 6, 0, &a->b))
		px_buf_add(&num, a->b.s, a->b.len);
	px_hl7_rep_get(m, it, 7, 0, &a->b);
	px_buf_add(&num, a->b.s, a->b.len);
	px_buf_reset(&a->b);
	px_buf_add(&a->b, num.s, num.len);
	if (value_ok(a, a->pid, 13, "phone"))
		px_rec_set_str(a->r, "phone", num.s);
	px_buf_free(&num);
}

/* PID-13: the first phone (a CP one first, XTN-5..7 or XTN-1) and the
 * first email (XTN-4). */
static void map_contact(struct adt *a)
{
	const struct px_hl7_msg *m = a->m;
	for (int pass = 0; pass < 2; pass++) {
		struct px_hl7_rep it = { 0 };
		while (px_hl7_rep_next(m, a->pid, 13, &it)) {
			px_hl7_rep_get(m, &it, 3, 0, &a->b);
			int cell = !strcmp(a->b.s, "CP");
			if (!px_rec_has(a->r, "email") &&
			    (!strcmp(a->b.s, "Internet") || !strcmp(a->b.s, "X.400") ||
			     px_hl7_rep_get(m, &it, 4, 0, &a->b)))
				set_rep(a, a->pid, 13, &it, 4, "email");
			if (px_rec_has(a->r, "phone") || (pass == 0 && !cell))
				continue;
			map_phone(a, &it);
			if (a->rc)
				return;
		}
	}
}

/* The rest of the patient: birth date, sex, language, death, the
 * protection indicator; and a merge's prior MRN. */
static int map_patient(struct adt *a, struct px_err *err)
{
	const struct px_hl7_msg *m = a->m;
	if (px_hl7_get(m, a->pid, 7, 1, 1, 0, &a->b)) {
		char t[40], q[80];
		if (memchr(a->b.s, '\0', a->b.len) || hl7_time(a->b.s, t, sizeof t, 1))
			return fail(a, a->pid, err, "PID-7: bad birth date '%s'", quoted(a, q, 40));
		px_rec_set_str(a->r, "birth_date", t);
	}
	set(a, a->pid, 8, 1, 1, "sex");
	map_contact(a);
	set(a, a->pid, 15, 1, 1, "language");
	if (px_hl7_get(m, a->pid, 30, 1, 1, 0, &a->b) && !strcmp(a->b.s, "Y"))
		px_rec_set_str(a->r, "deceased", "yes");
	/* PD1-12 protection indicator: Y means no contact for surveys */
	if (px_hl7_get(m, a->pd1, 12, 1, 1, 0, &a->b) && !strcmp(a->b.s, "Y"))
		px_rec_set_str(a->r, "optout", "yes");
	if (a->mrg >= 0)
		set(a, a->mrg, 1, 1, 1, "prior_mrn");
	if (a->rc)
		return a->rc;
	if (!strcmp(a->trigger, "A40") && !px_rec_has(a->r, "prior_mrn"))
		return fail(a, a->mrg >= 0 ? a->mrg : a->pid, err, "MRG-1: missing prior MRN");
	return PX_OK;
}

struct px_rec *px_adt_visit(const struct px_hl7_msg *m, struct px_err *err)
{
	struct adt a = {
		.m = m, .r = px_rec_new("visit"), .b = PX_BUF_INIT,
		.msh = px_hl7_seg_find(m, "MSH", 1), .evn = px_hl7_seg_find(m, "EVN", 1),
		.pid = px_hl7_seg_find(m, "PID", 1), .pv1 = px_hl7_seg_find(m, "PV1", 1),
		.mrg = px_hl7_seg_find(m, "MRG", 1), .pd1 = px_hl7_seg_find(m, "PD1", 1),
		.err = err,
	};
	int rc = map_event(&a, err);
	if (!rc)
		rc = map_visit(&a, err);
	if (!rc)
		rc = map_ids(&a, err);
	if (!rc)
		rc = map_names(&a, err);
	if (!rc)
		rc = map_patient(&a, err);
	px_buf_free(&a.b);
	if (rc) {
		px_rec_free(a.r);
		return NULL;
	}
	return a.r;
}
