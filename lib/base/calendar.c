/*
 * calendar.c - reading calendars (px-calendar(5)) and reckoning business
 * time on them.
 *
 * A file is lines of words; '#' starts a comment:
 *
 *	zone Europe/London                 (once; Asia/Riyadh when absent)
 *	sun-thu 08:00-12:00 13:00-16:00    (a day or a range of days, its spans)
 *	fri-sat closed                     (days with no line are closed too)
 *	always                             (every day, all day: 24x7)
 *	holiday 2026-03-19..2026-03-24 Eid al-Fitr
 *	holiday 2026-02-22 Founding Day
 *
 * Every mistake is refused with the file and line, and nothing of the
 * file is used.  In memory, weekly hours are minutes after local
 * midnight per weekday, and holidays local days, sorted and merged into
 * closed runs, so that a walk steps over a run at once.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/calendar.h"
#include "base/civil.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/utf8.h"
#include "base/zone.h"
#include "base/banned.h"

#define LINE_MAX_LEN 1024
#define WORDS 64
#define HOLIDAY_NAME_MAX 255
#define TEXT_MAX (16 * 1024 * 1024)

/* Days since 1970-01-01 of 0001-01-01 and of 9999-12-31, and the instants
 * px answers for, from the first to the end of the last. */
#define FIRST_DAY (-719162)
#define LAST_DAY 2932896
#define T_FIRST ((int64_t)FIRST_DAY * 86400)
#define T_END (((int64_t)LAST_DAY + 1) * 86400)

struct span {
	int from, to; /* minutes after local midnight, from < to <= 1440 */
};

struct holiday {
	int64_t from, to; /* local days, both closed */
	size_t seq;       /* the order it was given in */
	char *name;
};

struct run {
	int64_t from, to;
};

struct px_calendar {
	char *name;
	struct px_zone *zone;
	struct span week[7][PX_CALENDAR_SPANS]; /* 0 Sunday ... 6 Saturday */
	int nspans[7];
	char hours[7][PX_CALENDAR_SPANS * 12 + 1];
	int64_t weekly; /* the open seconds of a week without a change of offset */
	struct holiday *hol;
	size_t nhol, caphol, seq;
	struct run *runs; /* the closed days, merged, in order */
	size_t nruns;
};

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t clamp(int64_t t)
{
	return t < T_FIRST ? T_FIRST : t > T_END ? T_END : t;
}

/* ---------- holidays ---------- */

static void holiday_push(struct px_calendar *c, int64_t from, int64_t to, const char *name)
{
	if (c->nhol == c->caphol) {
		c->caphol = c->caphol ? 2 * c->caphol : 16;
		c->hol = px_xrealloc(c->hol, c->caphol * sizeof *c->hol);
	}
	c->hol[c->nhol++] = (struct holiday){ from, to, c->seq++, px_xstrdup(name ? name : "") };
}

static int holiday_cmp(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the holidays and merges them into closed runs. */
static void holidays_done(struct px_calendar *c)
{
	if (c->nhol > 1)
		qsort(c->hol, c->nhol, sizeof *c->hol, holiday_cmp);
	free(c->runs);
	c->runs = px_xmalloc((c->nhol ? c->nhol : 1) * sizeof *c->runs);
	c->nruns = 0;
	for (size_t i = 0; i < c->nhol; i++) {
		struct run *last = c->nruns ? &c->runs[c->nruns - 1] : NULL;
		if (last && c->hol[i].from <= last->to + 1) {
			if (c->hol[i].to > last->to)
				last->to = c->hol[i].to;
		} else {
			c->runs[c->nruns++] = (struct run){ c->hol[i].from, c->hol[i].to };
		}
	}
}

/* The last day of the closed run that holds day d, or d - 1 when d is
 * open; and the first closed day after d into *next (INT64_MAX: none). */
static int64_t closed_to(const struct px_calendar *c, int64_t d, int64_t *next)
{
	size_t lo = 0, hi = c->nruns; /* the first run starting after d */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->runs[mid].from <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (next)
		*next = lo < c->nruns ? c->runs[lo].from : INT64_MAX;
	if (lo && c->runs[lo - 1].to >= d)
		return c->runs[lo - 1].to;
	return d - 1;
}

/* ---------- days ---------- */

static int weekday(int64_t day)
{
	return (px_civil_weekday(day) + 1) % 7;
}

static int64_t local_day(const struct px_calendar *c, int64_t t)
{
	return floor_div(px_zone_wall(c->zone, t), 86400);
}

static int64_t day_start(const struct px_calendar *c, int64_t d)
{
	return px_zone_instant(c->zone, d * 86400);
}

/* The open spans of the open day d as instants; how many. */
static int day_open(const struct px_calendar *c, int64_t d, int64_t *from, int64_t *to)
{
	int w = weekday(d), n = 0;
	for (int i = 0; i < c->nspans[w]; i++) {
		int64_t f = px_zone_instant(c->zone, d * 86400 + c->week[w][i].from * 60);
		int64_t e = px_zone_instant(c->zone, d * 86400 + c->week[w][i].to * 60);
		if (e > f) {
			from[n] = f;
			to[n++] = e;
		}
	}
	return n;
}

/*
 * Walks the business time from t towards stop, taking at most budget
 * seconds of it (INT64_MAX: no limit): *used gets the seconds taken.
 * Returns where the walk ended: the instant the budget ran out, else
 * stop, else PX_CALENDAR_NEVER (no open day before the end of 9999).
 */
static int64_t walk(const struct px_calendar *c, int64_t t, int64_t stop, int64_t budget,
		    int64_t *used)
{
	int64_t u = 0, cur = clamp(t);
	stop = clamp(stop);
	*used = 0;
	if (cur >= stop)
		return stop;
	if (!c->weekly)
		return budget == INT64_MAX ? stop : PX_CALENDAR_NEVER;
	int64_t stop_day = local_day(c, stop);
	for (int64_t d = local_day(c, cur); d <= LAST_DAY; d++) {
		int64_t next_closed, h = closed_to(c, d, &next_closed);
		if (h >= d) {
			d = h;
			continue;
		}
		int64_t ds = day_start(c, d);
		if (ds >= stop)
			break;
		if (cur <= ds) {
			/* whole weeks with no holiday, no change of offset and no
			 * end in them: the same open seconds each */
			int64_t end = stop_day < next_closed ? stop_day : next_closed;
			int64_t change = px_zone_next_change(c->zone, ds);
			if (change != INT64_MAX) {
				int64_t cd = floor_div(px_zone_wall(c->zone, change - 1) + 1, 86400);
				if (cd < end)
					end = cd;
			}
			int64_t weeks = end > d ? (end - d) / 7 : 0;
			if (budget != INT64_MAX && (budget - u - 1) / c->weekly < weeks)
				weeks = (budget - u - 1) / c->weekly;
			if (weeks > 0) {
				u += weeks * c->weekly;
				d += 7 * weeks - 1;
				cur = day_start(c, d + 1);
				continue;
			}
		}
		int64_t f[PX_CALENDAR_SPANS], e[PX_CALENDAR_SPANS];
		int n = day_open(c, d, f, e);
		for (int i = 0; i < n; i++) {
			if (e[i] <= cur)
				continue;
			if (f[i] >= stop) {
				*used = u;
				return stop;
			}
			int64_t a = f[i] > cur ? f[i] : cur, b = e[i] < stop ? e[i] : stop;
			if (b - a >= budget - u) {
				*used = budget;
				return a + (budget - u);
			}
			u += b - a;
			cur = b;
			if (cur >= stop) {
				*used = u;
				return stop;
			}
		}
	}
	*used = u;
	return stop < T_END ? stop : PX_CALENDAR_NEVER;
}

int64_t px_calendar_next_open(const struct px_calendar *c, int64_t t)
{
	if (!c->weekly || t >= T_END)
		return PX_CALENDAR_NEVER;
	t = clamp(t);
	for (int64_t d = local_day(c, t); d <= LAST_DAY; d++) {
		int64_t h = closed_to(c, d, NULL);
		if (h >= d) {
			d = h;
			continue;
		}
		int64_t f[PX_CALENDAR_SPANS], e[PX_CALENDAR_SPANS];
		int n = day_open(c, d, f, e);
		for (int i = 0; i < n; i++)
			if (e[i] > t)
				return f[i] > t ? f[i] : t;
	}
	return PX_CALENDAR_NEVER;
}

int px_calendar_open_at(const struct px_calendar *c, int64_t t)
{
	return t < T_END && px_calendar_next_open(c, t) == t;
}

int px_calendar_add(const struct px_calendar *c, int64_t t, int64_t seconds, int64_t *out,
		    struct px_err *err)
{
	if (seconds < 0)
		return px_fail(err, PX_EINPUT, "negative business time (%lld seconds)",
			       (long long)seconds);
	if (!seconds) {
		*out = t;
		return PX_OK;
	}
	if (!c->weekly)
		return px_fail(err, PX_EINPUT, "calendar '%s' is never open", c->name);
	int64_t used, at = walk(c, t, T_END, seconds, &used);
	if (used < seconds || at == PX_CALENDAR_NEVER)
		return px_fail(err, PX_EINPUT,
			       "%lld business seconds on calendar '%s' end after the year 9999",
			       (long long)seconds, c->name);
	*out = at;
	return PX_OK;
}

int64_t px_calendar_between(const struct px_calendar *c, int64_t a, int64_t b)
{
	int64_t used;
	if (b <= a)
		return 0;
	walk(c, a, b, INT64_MAX, &used);
	return used;
}

int px_calendar_spans(const struct px_calendar *c, int64_t a, int64_t b,
		      int (*fn)(int64_t from, int64_t to, void *ctx), void *ctx)
{
	a = clamp(a);
	b = clamp(b);
	if (!c->weekly || a >= b)
		return 0;
	int64_t pf = 0, pt = 0;
	int have = 0, rc;
	for (int64_t d = local_day(c, a); d <= LAST_DAY; d++) {
		int64_t h = closed_to(c, d, NULL);
		if (h >= d) {
			d = h;
			continue;
		}
		if (day_start(c, d) >= b)
			break;
		int64_t f[PX_CALENDAR_SPANS], e[PX_CALENDAR_SPANS];
		int n = day_open(c, d, f, e);
		for (int i = 0; i < n; i++) {
			if (e[i] <= a)
				continue;
			if (f[i] >= b)
				goto done;
			int64_t from = f[i] > a ? f[i] : a, to = e[i] < b ? e[i] : b;
			if (have && from == pt) {
				pt = to;
				continue;
			}
			if (have && (rc = fn(pf, pt, ctx)))
				return rc;
			pf = from;
			pt = to;
			have = 1;
		}
	}
done:
	return have ? fn(pf, pt, ctx) : 0;
}

/* ---------- what a calendar says of itself ---------- */

const char *px_calendar_name(const struct px_calendar *c)
{
	return c->name;
}

const char *px_calendar_zone(const struct px_calendar *c)
{
	return px_zone_name(c->zone);
}

const char *px_calendar_hours(const struct px_calendar *c, int wday)
{
	return wday >= 0 && wday < 7 ? c->hours[wday] : "";
}

static void format_day(int64_t day, char out[11])
{
	int y, m, d;
	px_civil_date(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

int px_calendar_holidays(const struct px_calendar *c,
			 int (*fn)(const struct px_calendar_holiday *h, void *ctx), void *ctx)
{
	for (size_t i = 0; i < c->nhol; i++) {
		struct px_calendar_holiday h = { .name = c->hol[i].name };
		format_day(c->hol[i].from, h.from);
		format_day(c->hol[i].to, h.to);
		int rc = fn(&h, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

/* A holiday's name: UTF-8 without control bytes, at most 255 bytes. */
static int holiday_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n > HOLIDAY_NAME_MAX || !px_utf8_valid(s, n))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int date_ok(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= px_civil_month_days(y, m);
}

int px_calendar_add_holiday(struct px_calendar *c, int y1, int m1, int d1, int y2, int m2,
			    int d2, const char *name, struct px_err *err)
{
	if (!date_ok(y1, m1, d1) || !date_ok(y2, m2, d2))
		return px_fail(err, PX_EINPUT, "no such date: '%04d-%02d-%02d'",
			       date_ok(y1, m1, d1) ? y2 : y1, date_ok(y1, m1, d1) ? m2 : m1,
			       date_ok(y1, m1, d1) ? d2 : d1);
	int64_t from = px_civil_days(y1, m1, d1), to = px_civil_days(y2, m2, d2);
	if (to < from)
		return px_fail(err, PX_EINPUT, "the holiday ends before it starts");
	if (name && !holiday_name_ok(name))
		return px_fail(err, PX_EINPUT,
			       "a holiday's name is UTF-8 text of at most 255 bytes, on one line");
	holiday_push(c, from, to, name);
	holidays_done(c);
	return PX_OK;
}

/* ---------- reading ---------- */

static const char *const day_names[7] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

struct parse {
	struct px_calendar *c;
	const char *src;
	long line;
	int have_zone, always, given[7];
	struct px_err *err;
};

static int bad(struct parse *p, const char *fmt, const char *a, const char *b)
{
	char text[512];
	snprintf(text, sizeof text, fmt, a ? a : "", b ? b : "");
	return px_fail_at(p->err, PX_EINPUT, p->src, p->line, "%s", text);
}

static int day_of(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (!strcmp(s, day_names[i]))
			return i;
	return -1;
}

/* "sun" or "sun-thu" (it may wrap: "sat-mon"): the days into set. */
static int days_of(const char *w, int set[7])
{
	char a[4], b[4];
	memset(set, 0, 7 * sizeof *set);
	size_t n = strlen(w);
	if (n == 3) {
		int d = day_of(w);
		if (d < 0)
			return -1;
		set[d] = 1;
		return 0;
	}
	if (n != 7 || w[3] != '-')
		return -1;
	memcpy(a, w, 3);
	memcpy(b, w + 4, 3);
	a[3] = b[3] = '\0';
	int from = day_of(a), to = day_of(b);
	if (from < 0 || to < 0 || from == to)
		return -1;
	for (int d = from;; d = (d + 1) % 7) {
		set[d] = 1;
		if (d == to)
			break;
	}
	return 0;
}

/* "HH:MM-HH:MM", 00:00 to 24:00, ending after it starts. */
static int span_of(const char *w, struct span *s)
{
	const char *p = w;
	int h1, m1, h2, m2;
	if (px_civil_digits(&p, 2, &h1) || *p++ != ':' || px_civil_digits(&p, 2, &m1) ||
	    *p++ != '-' || px_civil_digits(&p, 2, &h2) || *p++ != ':' ||
	    px_civil_digits(&p, 2, &m2) || *p)
		return -1;
	if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 == 24 && m2))
		return -1;
	s->from = h1 * 60 + m1;
	s->to = h2 * 60 + m2;
	return 0;
}

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

static void span_text(const struct span *s, char out[12])
{
	unsigned f = (unsigned)s->from % 1500u, t = (unsigned)s->to % 1500u;
	snprintf(out, 12, "%02u:%02u-%02u:%02u", f / 60, f % 60, t / 60, t % 60);
}

static int line_day(struct parse *p, char **w, int n)
{
	struct px_calendar *c = p->c;
	int set[7];
	if (days_of(w[0], set))
		return bad(p, "bad day '%s' (sun, mon, tue, wed, thu, fri or sat, or a range such as sun-thu)%s",
			   w[0], NULL);
	if (p->always)
		return bad(p, "weekly hours after 'always'%s%s", NULL, NULL);
	if (n < 2)
		return bad(p, "'%s' needs its hours, such as 08:00-16:00, or 'closed'%s", w[0], NULL);
	struct span s[PX_CALENDAR_SPANS];
	int ns = 0;
	if (n == 2 && !strcmp(w[1], "closed")) {
		ns = 0;
	} else {
		if (n - 1 > PX_CALENDAR_SPANS)
			return bad(p, "more than 8 spans in a day%s%s", NULL, NULL);
		for (int i = 1; i < n; i++) {
			if (span_of(w[i], &s[ns]))
				return bad(p, "bad span '%s' (HH:MM-HH:MM, from 00:00 to 24:00)%s", w[i],
					   NULL);
			if (s[ns].to <= s[ns].from)
				return bad(p, "span '%s' does not end after it starts (a span may not pass midnight)%s",
					   w[i], NULL);
			ns++;
		}
		qsort(s, (size_t)ns, sizeof *s, span_cmp);
		int k = 0;
		for (int i = 0; i < ns; i++) {
			if (k && s[i].from < s[k - 1].to) {
				char a[12], b[12];
				span_text(&s[k - 1], a);
				span_text(&s[i], b);
				return bad(p, "spans '%s' and '%s' overlap", a, b);
			}
			if (k && s[i].from == s[k - 1].to)
				s[k - 1].to = s[i].to;
			else
				s[k++] = s[i];
		}
		ns = k;
	}
	for (int d = 0; d < 7; d++) {
		if (!set[d])
			continue;
		if (p->given[d])
			return bad(p, "the hours of '%s' are given twice%s", day_names[d], NULL);
		p->given[d] = 1;
		memcpy(c->week[d], s, (size_t)ns * sizeof *s);
		c->nspans[d] = ns;
	}
	return PX_OK;
}

/* "YYYY-MM-DD" into days since 1970-01-01. */
static int date_of(const char *w, size_t len, int64_t *out)
{
	const char *p = w;
	int y, m, d;
	if (len != 10 || px_civil_digits(&p, 4, &y) || *p++ != '-' || px_civil_digits(&p, 2, &m) ||
	    *p++ != '-' || px_civil_digits(&p, 2, &d) || !date_ok(y, m, d))
		return -1;
	*out = px_civil_days(y, m, d);
	return 0;
}

static int line_holiday(struct parse *p, char **w, int n)
{
	if (n < 2)
		return bad(p, "'holiday' needs a date, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD%s%s", NULL,
			   NULL);
	int64_t from, to;
	const char *dots = strstr(w[1], "..");
	size_t len = dots ? (size_t)(dots - w[1]) : strlen(w[1]);
	if (date_of(w[1], len, &from) || (dots && date_of(dots + 2, strlen(dots + 2), &to)))
		return bad(p, "bad date '%s' (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)%s", w[1], NULL);
	if (!dots)
		to = from;
	if (to < from)
		return bad(p, "the holiday '%s' ends before it starts%s", w[1], NULL);
	struct px_buf name = PX_BUF_INIT;
	for (int i = 2; i < n; i++) {
		if (i > 2)
			px_buf_addc(&name, ' ');
		px_buf_adds(&name, w[i]);
	}
	if (name.len > HOLIDAY_NAME_MAX) {
		px_buf_free(&name);
		return bad(p, "a holiday's name is at most 255 bytes%s%s", NULL, NULL);
	}
	holiday_push(p->c, from, to, px_buf_str(&name));
	px_buf_free(&name);
	return PX_OK;
}

static int line_words(struct parse *p, char **w, int n)
{
	struct px_calendar *c = p->c;
	if (!strcmp(w[0], "zone")) {
		if (p->have_zone)
			return bad(p, "a second 'zone' line%s%s", NULL, NULL);
		if (n != 2)
			return bad(p, "'zone' needs one time zone, such as Asia/Riyadh%s%s", NULL, NULL);
		if (px_zone_open(w[1], &c->zone, p->err)) {
			char text[sizeof p->err->text];
			px_strlcpy(text, p->err->text, sizeof text);
			return px_fail_at(p->err, PX_EINPUT, p->src, p->line, "%s", text);
		}
		p->have_zone = 1;
		return PX_OK;
	}
	if (!strcmp(w[0], "always")) {
		if (n != 1)
			return bad(p, "'always' takes nothing after it%s%s", NULL, NULL);
		for (int d = 0; d < 7; d++)
			if (p->given[d])
				return bad(p, "'always' after weekly hours%s%s", NULL, NULL);
		if (p->always)
			return bad(p, "a second 'always' line%s%s", NULL, NULL);
		p->always = 1;
		for (int d = 0; d < 7; d++) {
			c->week[d][0] = (struct span){ 0, 1440 };
			c->nspans[d] = 1;
		}
		return PX_OK;
	}
	if (!strcmp(w[0], "holiday"))
		return line_holiday(p, w, n);
	int set[7];
	char head[4] = { 0 };
	memcpy(head, w[0], strnlen(w[0], 3));
	if (!days_of(w[0], set) || day_of(head) >= 0)
		return line_day(p, w, n);
	return bad(p, "unknown line '%s' (zone, always, holiday, or a day such as sun or sun-thu)%s",
		   w[0], NULL);
}

static const char hexd[] = "0123456789abcdef";

/* One line (len bytes, no newline): its words, a comment cut off. */
static int one_line(struct parse *p, char *s, size_t len)
{
	if (len && s[len - 1] == '\r')
		s[--len] = '\0';
	if (len > LINE_MAX_LEN)
		return bad(p, "line longer than 1024 bytes%s%s", NULL, NULL);
	char *hash = memchr(s, '#', len);
	if (hash) {
		*hash = '\0';
		len = (size_t)(hash - s);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b < 0x20 && b != '\t') || b == 0x7f) {
			char hex[3] = { hexd[b >> 4], hexd[b & 15], 0 };
			return bad(p, "byte 0x%s is not printable%s", hex, NULL);
		}
	}
	if (!px_utf8_valid(s, len))
		return bad(p, "the line is not UTF-8%s%s", NULL, NULL);
	char *w[WORDS], *save = NULL;
	int n = 0;
	for (char *t = strtok_r(s, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (n == WORDS)
			return bad(p, "more than 64 words%s%s", NULL, NULL);
		w[n++] = t;
	}
	return n ? line_words(p, w, n) : PX_OK;
}

/* What the whole text gives once read: the zone, the hours' text, the
 * open seconds of a week, the closed runs. */
static int finish(struct parse *p)
{
	struct px_calendar *c = p->c;
	if (!c->zone && px_zone_open(PX_TIME_DEFAULT_ZONE, &c->zone, p->err))
		return px_fail_at(p->err, PX_EINPUT, p->src, 0, "unknown time zone '%s'",
				  PX_TIME_DEFAULT_ZONE);
	c->weekly = 0;
	for (int d = 0; d < 7; d++) {
		size_t o = 0;
		c->hours[d][0] = '\0';
		for (int i = 0; i < c->nspans[d]; i++) {
			char t[12];
			span_text(&c->week[d][i], t);
			o += (size_t)snprintf(c->hours[d] + o, sizeof c->hours[d] - o, "%s%s",
					      i ? " " : "", t);
			c->weekly += (int64_t)(c->week[d][i].to - c->week[d][i].from) * 60;
		}
	}
	holidays_done(c);
	return PX_OK;
}

int px_calendar_parse(const char *name, const char *text, size_t len,
		      struct px_calendar **out, struct px_err *err)
{
	*out = NULL;
	const char *src = name && *name ? name : "calendar";
	if (len > TEXT_MAX)
		return px_fail_at(err, PX_EINPUT, src, 0, "a calendar is at most 16 MiB");
	struct px_calendar *c = px_xcalloc(1, sizeof *c);
	const char *slash = strrchr(src, '/');
	c->name = px_xstrdup(slash ? slash + 1 : src);
	struct parse p = { .c = c, .src = src, .err = err };
	char *buf = px_xmalloc(LINE_MAX_LEN + 2);
	int rc = PX_OK;
	for (size_t at = 0; at < len && !rc;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		p.line++;
		if (memchr(text + at, '\0', n)) {
			rc = bad(&p, "byte 0x00 is not printable%s%s", NULL, NULL);
			break;
		}
		if (n > LINE_MAX_LEN + 1) {
			rc = bad(&p, "line longer than 1024 bytes%s%s", NULL, NULL);
			break;
		}
		memcpy(buf, text + at, n);
		buf[n] = '\0';
		rc = one_line(&p, buf, n);
		at += n + 1;
	}
	free(buf);
	if (!rc)
		rc = finish(&p);
	if (rc) {
		px_calendar_free(c);
		return rc;
	}
	*out = c;
	return PX_OK;
}

int px_calendar_load(const char *path, struct px_calendar **out, struct px_err *err)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return px_fail(err, PX_EINPUT, "%s: %s", path, strerror(errno));
	struct px_buf b = PX_BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= TEXT_MAX)
		px_buf_add(&b, chunk, n);
	int bad_read = ferror(f);
	fclose(f);
	if (bad_read) {
		px_buf_free(&b);
		return px_fail_at(err, PX_EINPUT, path, 0, "cannot read: %s", strerror(errno));
	}
	int rc = px_calendar_parse(path, px_buf_str(&b), b.len, out, err);
	px_buf_free(&b);
	return rc;
}

void px_calendar_free(struct px_calendar *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nhol; i++)
		free(c->hol[i].name);
	free(c->hol);
	free(c->runs);
	px_zone_free(c->zone);
	free(c->name);
	free(c);
}

/* ---------- where calendars are ---------- */

const char *px_calendar_dir(const struct px_config *cfg, char *buf, size_t size)
{
	const char *dir = px_config_get(cfg, "sla.calendars", NULL);
	return dir ? dir : px_config_datadir("calendars", buf, size);
}

int px_calendar_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 63 || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_' &&
		    *s != '-')
			return 0;
	return 1;
}

int px_calendar_find(const struct px_config *cfg, const char *name, struct px_calendar **out,
		     struct px_err *err)
{
	*out = NULL;
	if (!name || !px_calendar_name_ok(name))
		return px_fail(err, PX_EINPUT, "unknown calendar '%s'", name ? name : "");
	char buf[512];
	const char *dir = px_calendar_dir(cfg, buf, sizeof buf);
	char *path = px_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		free(path);
		return px_fail(err, PX_EINPUT, "unknown calendar '%s' (no file in %s)", name, dir);
	}
	fclose(f);
	int rc = px_calendar_load(path, out, err);
	free(path);
	return rc;
}
