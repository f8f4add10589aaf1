/*
 * zone.c - time zones read from TZif files (RFC 8536).
 *
 * A file gives the instants at which a zone's offset changed (or will,
 * up to the year its data was built for) and, from version 2 on, a POSIX
 * TZ rule ("GMT0BST,M3.5.0/1,M10.5.0") for every instant after the last
 * of them; a "slim" file keeps only the rule from the first year it
 * holds.  px reads the 64-bit data and the rule, so that any zone of the
 * system converts the same way, in any year, whatever TZ says.  Leap
 * seconds ("right/" zones) are refused: px counts POSIX seconds.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/civil.h"
#include "base/mem.h"
#include "base/zone.h"
#include "base/banned.h"

#define TZIF_MAX (1 << 20)  /* the largest zone file px reads */
#define OFF_MAX 93600       /* 26 hours: no zone is that far from UTC */

/* A date of a POSIX rule: Jn (1-365, no 29 February), n (0-365), or
 * Mm.w.d (weekday d of week w, 5 the last, of month m), and the time of
 * day at which the change happens (in the time it ends). */
struct rule_date {
	char kind;
	int m, w, d;
	long time;
};

struct px_zone {
	char *name;
	int64_t *when; /* the transitions, ascending */
	long *off;     /* the offset from each on */
	size_t n;
	long before;   /* the offset before the first one */
	int rule;      /* the POSIX rule governs after the last transition */
	int dst;       /* the rule has summer time */
	long std_off, dst_off;
	struct rule_date start, end;
};

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---------- the POSIX rule ---------- */

/* A zone abbreviation: three or more letters, or <...>. */
static const char *rule_abbr(const char *p)
{
	if (*p == '<') {
		const char *q = strchr(p, '>');
		return q && q > p + 1 ? q + 1 : NULL;
	}
	const char *s = p;
	while (isalpha((unsigned char)*p))
		p++;
	return p - s >= 3 ? p : NULL;
}

/* [+-]h[h[h]][:mm[:ss]] of at most maxh hours, into *out seconds. */
static const char *rule_hms(const char *p, long maxh, long *out)
{
	long sign = 1, h = 0, m = 0, s = 0;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return NULL;
	for (int i = 0; i < 3 && isdigit((unsigned char)*p); i++)
		h = h * 10 + (*p++ - '0');
	int x;
	if (*p == ':') {
		p++;
		if (px_civil_digits(&p, 2, &x) || x > 59)
			return NULL;
		m = x;
		if (*p == ':') {
			p++;
			if (px_civil_digits(&p, 2, &x) || x > 59)
				return NULL;
			s = x;
		}
	}
	if (h > maxh)
		return NULL;
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *rule_num(const char *p, int lo, int hi, int *out)
{
	int v = 0, n = 0;
	while (isdigit((unsigned char)*p) && n < 4)
		v = v * 10 + (*p++ - '0'), n++;
	if (!n || v < lo || v > hi)
		return NULL;
	*out = v;
	return p;
}

static const char *rule_when(const char *p, struct rule_date *r)
{
	r->time = 7200;
	if (*p == 'J') {
		r->kind = 'J';
		p = rule_num(p + 1, 1, 365, &r->d);
	} else if (*p == 'M') {
		r->kind = 'M';
		if ((p = rule_num(p + 1, 1, 12, &r->m)) && *p == '.' &&
		    (p = rule_num(p + 1, 1, 5, &r->w)) && *p == '.')
			p = rule_num(p + 1, 0, 6, &r->d);
		else
			p = NULL;
	} else {
		r->kind = 'n';
		p = rule_num(p, 0, 365, &r->d);
	}
	if (p && *p == '/')
		p = rule_hms(p + 1, 167, &r->time);
	return p;
}

/* Reads a TZ string; -1 when it is not one px understands. */
static int rule_parse(struct px_zone *z, const char *p)
{
	long v;
	if (!(p = rule_abbr(p)) || !(p = rule_hms(p, 24, &v)))
		return -1;
	z->std_off = -v;
	z->rule = 1;
	if (!*p)
		return 0;
	if (!(p = rule_abbr(p)))
		return -1;
	z->dst_off = z->std_off + 3600;
	if (*p && *p != ',') {
		if (!(p = rule_hms(p, 24, &v)))
			return -1;
		z->dst_off = -v;
	}
	/* without dates, POSIX's default: the United States' rule */
	const char *dates = *p ? p : ",M3.2.0,M11.1.0";
	if (*dates != ',' || !(dates = rule_when(dates + 1, &z->start)) || *dates != ',' ||
	    !(dates = rule_when(dates + 1, &z->end)) || *dates)
		return -1;
	z->dst = 1;
	return 0;
}

/* The day (since 1970-01-01) of a rule's date in year y. */
static int64_t rule_day(const struct rule_date *r, int y)
{
	int64_t jan1 = px_civil_days(y, 1, 1);
	int leap = px_civil_month_days(y, 2) == 29;
	if (r->kind == 'J')
		return jan1 + r->d - 1 + (leap && r->d >= 60);
	if (r->kind == 'n')
		return jan1 + r->d;
	int64_t first = px_civil_days(y, r->m, 1);
	int wd1 = (px_civil_weekday(first) + 1) % 7; /* 0 for a Sunday */
	int day = (r->d - wd1 + 7) % 7 + (r->w - 1) * 7;
	while (day >= px_civil_month_days(y, r->m))
		day -= 7;
	return first + day;
}

/* The offset the rule gives at t, and the next change after t. */
static long rule_offset(const struct px_zone *z, int64_t t, int64_t *next)
{
	if (!z->dst) {
		*next = INT64_MAX;
		return z->std_off;
	}
	int y, m, d;
	px_civil_date(floor_div(t, 86400), &y, &m, &d);
	struct {
		int64_t at;
		long off;
	} ev[8], x;
	int n = 0;
	for (int yy = y - 2; yy <= y + 1; yy++) {
		/* summer time starts at a time of standard time, ends at one of its own */
		ev[n].at = rule_day(&z->start, yy) * 86400 + z->start.time - z->std_off;
		ev[n++].off = z->dst_off;
		ev[n].at = rule_day(&z->end, yy) * 86400 + z->end.time - z->dst_off;
		ev[n++].off = z->std_off;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && ev[j - 1].at > ev[j].at; j--)
			x = ev[j], ev[j] = ev[j - 1], ev[j - 1] = x;
	long off = ev[0].off == z->dst_off ? z->std_off : z->dst_off;
	int k = 0;
	for (; k < n && ev[k].at <= t; k++)
		off = ev[k].off;
	*next = INT64_MAX;
	for (; k < n; k++)
		if (ev[k].off != off) {
			*next = ev[k].at;
			break;
		}
	return off;
}

/* ---------- the TZif file ---------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_head {
	int version;
	uint64_t isut, isstd, leap, times, types, chars;
};

static int tzif_head(const unsigned char *p, size_t len, struct tzif_head *h)
{
	if (len < 44 || memcmp(p, "TZif", 4))
		return -1;
	h->version = p[4] ? p[4] - '0' : 1;
	h->isut = be32(p + 20);
	h->isstd = be32(p + 24);
	h->leap = be32(p + 28);
	h->times = be32(p + 32);
	h->types = be32(p + 36);
	h->chars = be32(p + 40);
	return 0;
}

/* Bytes of a data block whose times are tsize bytes. */
static uint64_t tzif_block(const struct tzif_head *h, int tsize)
{
	return h->times * (uint64_t)(tsize + 1) + h->types * 6 + h->chars +
	       h->leap * (uint64_t)(tsize + 4) + h->isstd + h->isut;
}

/* Reads the data of a file (len bytes); -1 when it is not TZif. */
static int tzif_parse(struct px_zone *z, const unsigned char *p, size_t len)
{
	struct tzif_head h;
	if (tzif_head(p, len, &h) || h.version < 1)
		return -1;
	int tsize = 4;
	uint64_t at = 44;
	if (h.version >= 2) {
		/* the version 1 block, then a second header and 64-bit data */
		at += tzif_block(&h, 4);
		if (at > len || tzif_head(p + at, len - at, &h))
			return -1;
		at += 44;
		tsize = 8;
	}
	if (h.leap)
		return -2;
	if (!h.types || h.types > 256 || at + tzif_block(&h, tsize) > len)
		return -1;
	const unsigned char *times = p + at, *idx = times + h.times * tsize,
			    *types = idx + h.times;
	long off[256];
	for (uint64_t i = 0; i < h.types; i++) {
		int32_t o = (int32_t)be32(types + 6 * i);
		if (o <= -OFF_MAX || o >= OFF_MAX)
			return -1;
		off[i] = o;
	}
	z->n = (size_t)h.times;
	z->when = px_xmalloc((z->n ? z->n : 1) * sizeof *z->when);
	z->off = px_xmalloc((z->n ? z->n : 1) * sizeof *z->off);
	for (size_t i = 0; i < z->n; i++) {
		z->when[i] = tsize == 8 ? be64(times + 8 * i) : (int32_t)be32(times + 4 * i);
		if (idx[i] >= h.types || (i && z->when[i] <= z->when[i - 1]))
			return -1;
		z->off[i] = off[idx[i]];
	}
	z->before = off[0];
	if (h.version < 2)
		return 0;
	/* the footer: "\n" TZ "\n" */
	at += tzif_block(&h, tsize);
	if (at >= len || p[at] != '\n')
		return -1;
	const unsigned char *s = p + at + 1, *nl = memchr(s, '\n', len - at - 1);
	if (!nl || nl - s > 255)
		return -1;
	if (nl == s)
		return 0; /* no rule: the last offset stays */
	char rule[256];
	memcpy(rule, s, (size_t)(nl - s));
	rule[nl - s] = '\0';
	return rule_parse(z, rule);
}

static int name_ok(const char *name)
{
	if (!*name || *name == '/' || strstr(name, "..") || strlen(name) > 200)
		return 0;
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("/_+-", *c))
			return 0;
	return 1;
}

int px_zone_open(const char *name, struct px_zone **out, struct px_err *err)
{
	*out = NULL;
	if (!name || !name_ok(name))
		return px_fail(err, PX_EINPUT, "unknown time zone '%s'", name ? name : "");
	struct px_zone *z = px_xcalloc(1, sizeof *z);
	z->name = px_xstrdup(name);
	if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC")) {
		*out = z;
		return PX_OK;
	}
	const char *dir = getenv("TZDIR");
	char *path = px_xasprintf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	FILE *f = fopen(path, "rb");
	free(path);
	unsigned char *buf = px_xmalloc(TZIF_MAX + 1);
	size_t len = f ? fread(buf, 1, TZIF_MAX + 1, f) : 0;
	int rc = !f || ferror(f) || len > TZIF_MAX ? -1 : tzif_parse(z, buf, len);
	if (f)
		fclose(f);
	free(buf);
	if (rc) {
		px_zone_free(z);
		return rc == -2 ? px_fail(err, PX_EINPUT,
					  "time zone '%s' counts leap seconds, which px does not", name)
				: px_fail(err, PX_EINPUT, "unknown time zone '%s'", name);
	}
	*out = z;
	return PX_OK;
}

void px_zone_free(struct px_zone *z)
{
	if (!z)
		return;
	free(z->name);
	free(z->when);
	free(z->off);
	free(z);
}

const char *px_zone_name(const struct px_zone *z)
{
	return z->name;
}

/* The offset at t, and the next instant after t at which it may change. */
static long lookup(const struct px_zone *z, int64_t t, int64_t *next)
{
	if (z->n && t < z->when[0]) {
		*next = z->when[0];
		return z->before;
	}
	if (z->n && t < z->when[z->n - 1]) {
		size_t lo = 0, hi = z->n - 1; /* when[lo] <= t < when[hi] */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (z->when[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		*next = z->when[hi];
		return z->off[lo];
	}
	if (z->rule)
		return rule_offset(z, t, next);
	*next = INT64_MAX;
	return z->n ? z->off[z->n - 1] : z->before;
}

long px_zone_offset(const struct px_zone *z, int64_t t)
{
	int64_t next;
	return lookup(z, t, &next);
}

int64_t px_zone_wall(const struct px_zone *z, int64_t t)
{
	return t + px_zone_offset(z, t);
}

int64_t px_zone_next_change(const struct px_zone *z, int64_t t)
{
	int64_t next;
	lookup(z, t, &next);
	return next;
}

int64_t px_zone_instant(const struct px_zone *z, int64_t wall)
{
	if (wall < INT64_MIN / 2 || wall > INT64_MAX / 2)
		return wall;
	/* every instant showing wall lies within a day and more of it: walk
	 * the spans of one offset from two days before, the earliest first */
	int64_t start = wall - 2 * 86400, end;
	long off = lookup(z, start, &end);
	for (int i = 0; i < 64 && start <= wall + 2 * 86400; i++) {
		int64_t t = wall - off;
		if (t >= start && t < end)
			return t;
		if (end == INT64_MAX)
			break;
		int64_t next_end;
		long next_off = lookup(z, end, &next_end);
		if (t >= end && wall - next_off < end)
			return end; /* the clocks jumped over wall at end */
		start = end;
		end = next_end;
		off = next_off;
	}
	return wall - off;
}
