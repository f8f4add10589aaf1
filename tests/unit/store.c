/* Unit tests of the store: the driver the path chooses, the dialect's
 * SQL functions on hand-worked values, rows to records, bytes, walks,
 * and the statuses of constraint violations and of a busy store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "px.h"
#include "tap.h"

static struct px_store *st;
static char got[1200];

/* The first column of the one row sql gives, as text: "NULL" for SQL
 * NULL, "error N: TEXT" when it fails. */
static const char *q(const char *sql)
{
	struct px_err e;
	px_err_clear(&e);
	struct px_stmt *s = px_stmt_prepare(st, sql, &e);
	if (!s) {
		snprintf(got, sizeof got, "error %d: %s", e.code, e.text);
		return got;
	}
	int rc = px_stmt_step(s, &e);
	if (rc < 0)
		snprintf(got, sizeof got, "error %d: %s", e.code, e.text);
	else if (rc == 0)
		snprintf(got, sizeof got, "no row");
	else if (px_stmt_col_isnull(s, 0))
		snprintf(got, sizeof got, "NULL");
	else
		snprintf(got, sizeof got, "%s", px_stmt_col_text(s, 0));
	px_stmt_reset(s);
	return got;
}

struct want {
	const char *sql, *want;
};

static void check_all(const struct want *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		is_str(q(w[i].sql), w[i].want, "%s", w[i].sql);
}

#define CHECK_ALL(w) check_all(w, sizeof w / sizeof *w)

static int run(const char *sql, struct px_err *e)
{
	px_err_clear(e);
	struct px_stmt *s = px_stmt_prepare(st, sql, e);
	return s ? px_stmt_run(s, e) : e->code;
}

/* ---------- the driver the path chooses ---------- */

static void test_open(void)
{
	struct px_err e;
	px_err_clear(&e);
	ok(!px_store_open("store.db", 0, &e) && e.code == PX_EINPUT, "a missing file is an input error");
	is_str(e.text, "no database 'store.db' (create it with 'px init')", "and says how to make one");

	px_err_clear(&e);
	st = px_store_open("store.db", PX_STORE_CREATE, &e);
	ok(st != NULL, "a plain path opens an SQLite store (%s)", e.text);
	if (!st)
		return;
	is_str(px_store_engine(st), "sqlite", "its engine is sqlite");
	is_str(px_store_path(st), "store.db", "its path is the file");
	is_int(px_store_version(st), px_store_latest_version(), "migrated to the newest schema");
	ok(px_store_has(st, PX_STORE_CAP_FILE | PX_STORE_CAP_ONE_WRITER | PX_STORE_CAP_CHEAP_LAST_ID),
	   "SQLite: a file, one writer, a free last id");
	ok(px_store_has(st, PX_STORE_CAP_RETURNING), "SQLite 3.35 and later: RETURNING");
	ok(!px_store_has(st, PX_STORE_CAP_SKIP_LOCKED), "SQLite: no SKIP LOCKED");
	struct stat sb;
	ok(stat("store.db", &sb) == 0 && (sb.st_mode & 0777) == 0600, "the file is 0600");

	px_err_clear(&e);
	struct px_store *s2 = px_store_open("sqlite:other.db", PX_STORE_CREATE, &e);
	ok(s2 && access("other.db", F_OK) == 0, "sqlite:FILE opens FILE (%s)", e.text);
	if (s2) {
		is_str(px_store_path(s2), "other.db", "its path is FILE, without the prefix");
		is_str(px_store_engine(s2), "sqlite", "and its engine sqlite");
	}
	px_store_close(s2);

	static const struct {
		const char *path, *text;
	} refused[] = {
		{ "postgresql://px:s3cret@db.example.org:5432/px?sslmode=verify-full",
		  "database 'postgresql://px@db.example.org:5432/px?sslmode=verify-full': "
		  "this build of px has no PostgreSQL driver yet" },
		{ "postgres://db.example.org/px",
		  "database 'postgres://db.example.org/px': this build of px has no PostgreSQL driver yet" },
		{ "PostgreSQL://localhost/px",
		  "database 'PostgreSQL://localhost/px': this build of px has no PostgreSQL driver yet" },
		{ "postgresql://px:p@ss@localhost/px",
		  "database 'postgresql://px@localhost/px': this build of px has no PostgreSQL driver yet" },
		{ "mysql://root@localhost/px",
		  "database 'mysql://root@localhost/px': unknown kind of database 'mysql'" },
		{ "sqlite://px.db", "database 'sqlite://px.db': name an SQLite file as FILE or sqlite:FILE" },
		{ "sqlite:", "no database file named" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		px_err_clear(&e);
		ok(!px_store_open(refused[i].path, PX_STORE_CREATE, &e) && e.code == PX_EINPUT,
		   "'%s' is refused with status 4", refused[i].path);
		is_str(e.text, refused[i].text, "in those words");
	}
	ok(access("postgresql:", F_OK) != 0 && access("mysql:", F_OK) != 0, "and no file is made for a URL");
}

/* ---------- the dialect ---------- */

static void test_string_agg(void)
{
	struct px_err e;
	ok(run("CREATE TEMP TABLE w (k TEXT, v TEXT, n INTEGER)", &e) == PX_OK, "a table of words");
	ok(run("INSERT INTO w VALUES ('a', 'one', 1), ('a', NULL, 2), ('a', 'three', 3), "
	       "('b', '', 4), ('b', '', 5), ('c', NULL, 6)", &e) == PX_OK, "six rows (%s)", e.text);
	static const struct want w[] = {
		{ "SELECT string_agg(v, ',') FROM (SELECT v FROM w WHERE k = 'a' ORDER BY n) AS x",
		  "one,three" },
		{ "SELECT string_agg(v, ', ') FROM (SELECT v FROM w WHERE k = 'a' ORDER BY n DESC) AS x",
		  "three, one" },
		{ "SELECT string_agg(v, '+') FROM w WHERE k = 'b'", "+" },
		{ "SELECT string_agg(v, ',') FROM w WHERE k = 'c'", "NULL" },
		{ "SELECT string_agg(v, ',') FROM w WHERE false", "NULL" },
		{ "SELECT string_agg(n, '-') FROM (SELECT n FROM w ORDER BY n) AS x", "1-2-3-4-5-6" },
		{ "SELECT string_agg(v, NULL) FROM (SELECT v FROM w WHERE k = 'a' ORDER BY n) AS x",
		  "onethree" },
		{ "SELECT string_agg(k || ':' || c, ' ') FROM (SELECT k, CAST(count(v) AS TEXT) AS c "
		  "FROM w GROUP BY k ORDER BY k) AS x", "a:2 b:2 c:0" },
	};
	CHECK_ALL(w);
}

static void test_greatest_least(void)
{
	static const struct want w[] = {
		{ "SELECT greatest(1, 3, 2)", "3" },
		{ "SELECT least(1, 3, 2)", "1" },
		{ "SELECT greatest(2, 10)", "10" },
		{ "SELECT greatest(2.5, 2)", "2.5" },
		{ "SELECT least(0, -1.5)", "-1.5" },
		{ "SELECT greatest(1, NULL)", "1" },
		{ "SELECT least(NULL, 1, NULL)", "1" },
		{ "SELECT greatest(NULL, NULL)", "NULL" },
		{ "SELECT greatest('b', 'a', 'ab')", "b" },
		{ "SELECT least('2026-11-23T09:00:00Z', '2026-11-22T23:00:00Z')", "2026-11-22T23:00:00Z" },
		{ "SELECT greatest(0, (SELECT 1 WHERE false))", "0" },
	};
	CHECK_ALL(w);
}

static void test_times(void)
{
	static const struct want w[] = {
		{ "SELECT px_epoch('1970-01-01T00:00:00Z')", "0" },
		{ "SELECT px_epoch('1969-12-31T23:59:59Z')", "-1" },
		{ "SELECT px_epoch('2026-11-23T09:00:00Z')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23T12:00:00+03:00')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23T04:00:00-0500')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23T14:30:00+05:30')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23 09:00')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23T09:00:00.999Z')", "1795424400" },
		{ "SELECT px_epoch('2026-11-23')", "1795392000" },
		{ "SELECT px_epoch(NULL)", "NULL" },
		{ "SELECT px_epoch('yesterday')",
		  "error 5: store: px_epoch: not an ISO 8601 time: 'yesterday'" },
		{ "SELECT px_epoch('2026-02-29T00:00:00Z')",
		  "error 5: store: px_epoch: not an ISO 8601 time: '2026-02-29T00:00:00Z'" },
		{ "SELECT px_epoch('2026-11-23T09:00:00Zx')",
		  "error 5: store: px_epoch: not an ISO 8601 time: '2026-11-23T09:00:00Zx'" },

		{ "SELECT px_seconds_between('2026-11-23T09:00:00Z', '2026-11-24T10:30:05Z')", "91805" },
		{ "SELECT px_seconds_between('2026-11-24T10:30:05Z', '2026-11-23T09:00:00Z')", "-91805" },
		{ "SELECT px_seconds_between('2026-11-23T09:00:00Z', '2026-11-23T12:00:00+03:00')", "0" },
		{ "SELECT px_seconds_between('2028-02-28T00:00:00Z', '2028-03-01T00:00:00Z')", "172800" },
		{ "SELECT px_seconds_between('2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z')", "1" },
		{ "SELECT px_seconds_between('2026-11-23T09:00:00Z', NULL)", "NULL" },
		{ "SELECT px_seconds_between('2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z') <= 0", "1" },

		{ "SELECT px_time_add('2026-11-23T09:00:00Z', 3600)", "2026-11-23T10:00:00Z" },
		{ "SELECT px_time_add('2026-11-23T09:00:00Z', -32400)", "2026-11-23T00:00:00Z" },
		{ "SELECT px_time_add('2026-11-23T09:00:00Z', -32401)", "2026-11-22T23:59:59Z" },
		{ "SELECT px_time_add('2026-11-30T23:59:59Z', 1)", "2026-12-01T00:00:00Z" },
		{ "SELECT px_time_add('2026-12-31T23:59:59Z', 1)", "2027-01-01T00:00:00Z" },
		{ "SELECT px_time_add('2028-02-28T12:00:00Z', 86400)", "2028-02-29T12:00:00Z" },
		{ "SELECT px_time_add('2026-11-23T12:00:00+03:00', 0)", "2026-11-23T09:00:00Z" },
		{ "SELECT px_time_add('2026-11-23T09:00:00Z', 30 * 86400)", "2026-12-23T09:00:00Z" },
		{ "SELECT px_time_add('2026-11-23T09:00:00Z', NULL)", "NULL" },
		{ "SELECT px_time_add('9999-12-31T23:59:59Z', 1)", "error 5: store: px_time_add: time out of range" },
		{ "SELECT px_epoch(px_time_add('2026-11-23T09:00:00Z', 5)) - px_epoch('2026-11-23T09:00:00Z')", "5" },
	};
	CHECK_ALL(w);
}

static void test_local(void)
{
	static const struct want w[] = {
		/* Riyadh: +03:00 all year */
		{ "SELECT px_local_date('2026-11-23T20:59:59Z', 'Asia/Riyadh')", "2026-11-23" },
		{ "SELECT px_local_date('2026-11-23T21:00:00Z', 'Asia/Riyadh')", "2026-11-24" },
		{ "SELECT px_local_time('2026-11-23T09:00:00Z', 'Asia/Riyadh')", "2026-11-23T12:00:00+03:00" },
		{ "SELECT px_local_month('2026-11-30T21:00:00Z', 'Asia/Riyadh')", "2026-12" },
		{ "SELECT px_local_date('2026-11-23T23:30:00Z', 'UTC')", "2026-11-23" },
		{ "SELECT px_local_time('2026-11-23T23:30:00Z', 'Etc/UTC')", "2026-11-23T23:30:00+00:00" },
		/* London: BST (+01:00) from 2026-03-29 01:00Z to 2026-10-25 01:00Z */
		{ "SELECT px_local_date('2026-06-30T23:30:00Z', 'Europe/London')", "2026-07-01" },
		{ "SELECT px_local_date('2026-11-23T23:30:00Z', 'Europe/London')", "2026-11-23" },
		{ "SELECT px_local_date('2026-10-24T23:30:00Z', 'Europe/London')", "2026-10-25" },
		{ "SELECT px_local_time('2026-03-29T00:30:00Z', 'Europe/London')", "2026-03-29T00:30:00+00:00" },
		{ "SELECT px_local_time('2026-03-29T01:30:00Z', 'Europe/London')", "2026-03-29T02:30:00+01:00" },
		{ "SELECT px_local_time('2026-10-25T00:30:00Z', 'Europe/London')", "2026-10-25T01:30:00+01:00" },
		{ "SELECT px_local_time('2026-10-25T01:30:00Z', 'Europe/London')", "2026-10-25T01:30:00+00:00" },
		{ "SELECT px_local_month('2026-10-31T23:30:00Z', 'Europe/London')", "2026-10" },
		{ "SELECT px_local_month('2026-09-30T23:30:00Z', 'Europe/London')", "2026-10" },
		/* New York: EDT (-04:00) until 2026-11-01 06:00Z, EST (-05:00) after */
		{ "SELECT px_local_date('2026-11-01T03:30:00Z', 'America/New_York')", "2026-10-31" },
		{ "SELECT px_local_date('2026-11-02T04:30:00Z', 'America/New_York')", "2026-11-01" },
		{ "SELECT px_local_time('2026-03-08T06:30:00Z', 'America/New_York')", "2026-03-08T01:30:00-05:00" },
		{ "SELECT px_local_time('2026-03-08T07:30:00Z', 'America/New_York')", "2026-03-08T03:30:00-04:00" },
		{ "SELECT px_local_date('2026-11-23T09:00:00Z', NULL)", "NULL" },
		{ "SELECT px_local_date(NULL, 'Asia/Riyadh')", "NULL" },
		{ "SELECT px_local_date('2026-11-23T09:00:00Z', 'Mars/Olympus')",
		  "error 5: store: px_local_date: unknown time zone 'Mars/Olympus'" },
		{ "SELECT px_local_date('2026-11-23T09:00:00Z', '../../etc/passwd')",
		  "error 5: store: px_local_date: unknown time zone '../../etc/passwd'" },

		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'Asia/Riyadh', 'day')", "2026-11-23" },
		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'Asia/Riyadh', 'week')", "2026-W48" },
		{ "SELECT px_local_period('2026-11-22T20:59:59Z', 'Asia/Riyadh', 'week')", "2026-W47" },
		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'Asia/Riyadh', 'month')", "2026-11" },
		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'Asia/Riyadh', 'quarter')", "2026-Q4" },
		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'Asia/Riyadh', 'year')", "2026" },
		{ "SELECT px_local_period('2026-12-31T21:30:00Z', 'Asia/Riyadh', 'year')", "2027" },
		{ "SELECT px_local_period('2026-12-31T21:30:00Z', 'Asia/Riyadh', 'quarter')", "2027-Q1" },
		{ "SELECT px_local_period('2026-12-31T21:30:00Z', 'Asia/Riyadh', 'week')", "2026-W53" },
		{ "SELECT px_local_period('2026-12-31T21:30:00Z', 'UTC', 'week')", "2026-W53" },
		{ "SELECT px_local_period('2024-12-30T12:00:00Z', 'UTC', 'week')", "2025-W01" },
		{ "SELECT px_local_period('2026-01-01T00:00:00Z', 'UTC', 'week')", "2026-W01" },
		{ "SELECT px_local_period('2025-12-29T00:00:00Z', 'UTC', 'week')", "2026-W01" },
		{ "SELECT px_local_period('2025-12-28T23:59:59Z', 'UTC', 'week')", "2025-W52" },
		{ "SELECT px_local_period('2026-09-30T23:30:00Z', 'Europe/London', 'quarter')", "2026-Q4" },
		{ "SELECT px_local_period('2026-11-23T09:00:00Z', 'UTC', 'fortnight')",
		  "error 5: store: px_local_period: unknown period 'fortnight'" },
	};
	CHECK_ALL(w);
}

/* The portable spellings store.h lists are understood by this SQLite. */
static void test_spellings(void)
{
	struct px_err e;
	ok(run("CREATE TEMP TABLE sp (k TEXT PRIMARY KEY, v INTEGER, f INTEGER NOT NULL DEFAULT 0)", &e) == PX_OK &&
	   run("INSERT INTO sp (k, v, f) VALUES ('a', 1, 1), ('b', NULL, 0), ('c', 3, 1)", &e) == PX_OK,
	   "a table of three rows");
	ok(run("INSERT INTO sp (k, v) VALUES ('a', 9) ON CONFLICT DO NOTHING", &e) == PX_OK &&
	   run("INSERT INTO sp (k, v) SELECT k, 9 FROM sp WHERE true ON CONFLICT DO NOTHING", &e) == PX_OK &&
	   run("INSERT INTO sp (k, v) VALUES ('c', 4) ON CONFLICT (k) DO UPDATE SET v = excluded.v", &e) == PX_OK,
	   "ON CONFLICT DO NOTHING, after INSERT ... SELECT ... WHERE true, and DO UPDATE (%s)", e.text);
	static const struct want w[] = {
		{ "SELECT string_agg(k || '=' || coalesce(CAST(v AS TEXT), '-'), ' ') FROM "
		  "(SELECT k, v FROM sp ORDER BY v NULLS FIRST, k) AS x", "b=- a=1 c=4" },
		{ "SELECT string_agg(k, ' ') FROM (SELECT k FROM sp ORDER BY v NULLS LAST) AS x", "a c b" },
		{ "SELECT count(*) FILTER (WHERE f = 1) FROM sp WHERE true", "2" },
		{ "SELECT sum(CASE WHEN v > 1 THEN 1 ELSE 0 END) FROM sp", "1" },
		{ "SELECT count(*) FROM sp WHERE v IS DISTINCT FROM 1", "2" },
		{ "SELECT count(*) FROM sp WHERE v IS NOT DISTINCT FROM NULL", "1" },
		{ "SELECT count(*) FROM sp WHERE CAST(?1 AS TEXT) IS NULL OR k = ?1", "3" },
		{ "SELECT CAST('1.5' AS DOUBLE PRECISION) * 2", "3.0" },
		{ "SELECT CAST(floor(2.7) AS BIGINT) || ' ' || CAST(floor(-0.5) AS BIGINT)", "2 -1" },
		{ "SELECT round(CAST(2.25 AS NUMERIC), 1)", "2.3" },
		{ "SELECT (7 / 2) || ' ' || (7 / 2.0)", "3 3.5" },
		{ "SELECT 7 / 2 || 0", "0" }, /* || binds first in SQLite: parenthesise */
		{ "SELECT k FROM sp WHERE k <> 'a' AND lower(k) LIKE lower('B') ORDER BY k", "b" },
	};
	CHECK_ALL(w);
}

/* px_local_period and px-report agree on every period, in zones with
 * and without daylight saving, at the edges of their changes. */
static void test_local_matches_report(void)
{
	static const char *const zones[] = { "Asia/Riyadh", "Europe/London", "America/New_York" };
	static const char *const times[] = {
		"2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z",
		"2026-10-25T01:30:00Z", "2026-10-31T23:30:00Z", "2026-11-01T05:30:00Z",
		"2026-11-01T06:30:00Z", "2026-12-31T21:30:00Z", "2027-01-01T04:59:59Z",
		"2027-01-03T23:00:00Z", "2026-06-30T23:30:00Z", "2026-11-23T09:00:00Z",
	};
	static const enum px_period periods[] = { PX_PERIOD_DAY, PX_PERIOD_WEEK, PX_PERIOD_MONTH,
						  PX_PERIOD_QUARTER, PX_PERIOD_YEAR };
	static const char *const pname[] = { "day", "week", "month", "quarter", "year" };
	int same = 1, compared = 0;
	for (size_t z = 0; z < 3; z++) {
		px_time_set_zone(zones[z], NULL);
		for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
			int64_t t;
			px_time_parse(times[i], &t);
			for (size_t p = 0; p < 5; p++) {
				char label[32];
				px_report_period_label(periods[p], px_report_period_start(periods[p], t),
						       label, sizeof label);
				/* in another zone than the display zone too */
				const char *other = zones[(z + 1) % 3];
				px_time_set_zone(other, NULL);
				char other_label[32];
				px_report_period_label(periods[p], px_report_period_start(periods[p], t),
						       other_label, sizeof other_label);
				px_time_set_zone(zones[z], NULL);
				struct px_err e;
				px_err_clear(&e);
				struct px_stmt *s = px_stmt_prepare(st, "SELECT px_local_period(?1, ?2, ?3)", &e);
				for (int k = 0; k < 2 && s; k++) {
					px_stmt_text(s, 1, times[i]);
					px_stmt_text(s, 2, k ? other : zones[z]);
					px_stmt_text(s, 3, pname[p]);
					const char *want = k ? other_label : label;
					compared++;
					if (px_stmt_step(s, &e) != 1 || strcmp(px_stmt_col_text(s, 0), want)) {
						same = 0;
						printf("# %s %s in %s: report '%s', px_local_period '%s'\n",
						       times[i], pname[p], k ? other : zones[z], want,
						       px_stmt_col_text(s, 0));
					}
					px_stmt_reset(s);
				}
			}
		}
	}
	ok(same && compared == 3 * 12 * 5 * 2, "px_local_period gives px-report's period labels");
	px_time_set_zone("Asia/Riyadh", NULL);
	is_str(q("SELECT px_local_time('2026-11-23T09:00:00Z', 'Europe/London')"),
	       "2026-11-23T09:00:00+00:00", "a zone other than the display zone");
	is_str(getenv("TZ"), "Asia/Riyadh", "leaves the display zone as it was");
	char l[PX_TIME_LOCAL_LEN];
	px_time_format_local(1795424400, l);
	is_str(l, "2026-11-23T12:00:00+03:00", "and px's local times in it");
}

/* The functions are innocuous: a view may use them although the store
 * does not trust its schema. */
static void test_view(void)
{
	struct px_err e;
	ok(run("INSERT INTO hospitals (public_id, code, name, created_at, updated_at) VALUES "
	       "('hsp_2', 'KFH', 'King Fahd Hospital', '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z'), "
	       "('hsp_1', 'DGH', 'Dammam General', '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z')",
	       &e) == PX_OK, "two hospitals (%s)", e.text);
	ok(px_store_exec(st, "CREATE VIEW dialect_check AS SELECT "
			 "(SELECT string_agg(code, ',') FROM (SELECT code FROM hospitals ORDER BY code) AS h) AS codes, "
			 "(SELECT string_agg(px_local_date(created_at, 'Asia/Riyadh'), ' ') FROM "
			 "(SELECT created_at FROM hospitals ORDER BY code) AS h) AS days, "
			 "greatest(1, 2) AS g, least(1, 2) AS l, px_epoch('1970-01-01T00:01:00Z') AS e, "
			 "px_seconds_between('2026-11-23T09:00:00Z', '2026-11-23T09:01:00Z') AS b, "
			 "px_time_add('2026-11-23T09:00:00Z', 60) AS a, "
			 "px_local_month('2026-11-23T09:00:00Z', 'UTC') AS m, "
			 "px_local_period('2026-11-23T09:00:00Z', 'UTC', 'week') AS w, "
			 "px_local_time('2026-11-23T09:00:00Z', 'UTC') AS t", &e) == PX_OK,
	   "a view over every function (%s)", e.text);
	px_store_close(st);
	px_err_clear(&e);
	st = px_store_open("store.db", 0, &e);
	ok(st != NULL, "the store opens again (%s)", e.text);
	if (!st)
		return;
	is_str(q("SELECT codes || '|' || days || '|' || g || l || e || b || '|' || a || '|' || m || "
		 "'|' || w || '|' || t FROM dialect_check"),
	       "DGH,KFH|2026-11-24 2026-11-23|216060|2026-11-23T09:01:00Z|2026-11|2026-W48|"
	       "2026-11-23T09:00:00+00:00", "the view reads with trusted_schema off");
	is_str(q("SELECT \"x\""), "error 5: store: no such column: x", "a double-quoted string is a name");
	ok(px_store_exec(st, "DROP VIEW dialect_check", &e) == PX_OK, "dropped");
}

/* ---------- rows ---------- */

static void test_rec(void)
{
	struct px_err e;
	px_err_clear(&e);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT 42 AS n, 'x' AS s, NULL AS z, 1.5 AS f, 0 AS b, 7 AS b2, '{\"a\":[1,2]}' AS j, "
		"'not json' AS j2, 12 AS t, NULL AS o, 'kept' AS o2, 99 AS id", &e);
	ok(s && px_stmt_step(s, &e) == 1, "a row of every kind");
	if (!s)
		return;
	static const struct px_col cols[] = {
		{ "b", PX_COL_BOOL }, { "b2", PX_COL_BOOL }, { "j", PX_COL_JSON }, { "j2", PX_COL_JSON },
		{ "t", PX_COL_TEXT }, { "o", PX_COL_OMIT }, { "o2", PX_COL_OMIT }, { "id", PX_COL_SKIP },
		{ NULL, 0 },
	};
	struct px_rec *r = px_stmt_rec(s, "check", cols);
	char *j = px_rec_dump(r);
	is_str(j, "{\"type\":\"check\",\"n\":42,\"s\":\"x\",\"z\":null,\"f\":1.5,\"b\":false,\"b2\":true,"
		  "\"j\":{\"a\":[1,2]},\"j2\":\"not json\",\"t\":\"12\",\"o2\":\"kept\"}",
	       "px_stmt_rec: names, kinds and overrides");
	free(j);
	px_rec_free(r);
	r = px_stmt_rec(s, "plain", NULL);
	j = px_rec_dump(r);
	is_str(j, "{\"type\":\"plain\",\"n\":42,\"s\":\"x\",\"z\":null,\"f\":1.5,\"b\":0,\"b2\":7,"
		  "\"j\":\"{\\\"a\\\":[1,2]}\",\"j2\":\"not json\",\"t\":12,\"o\":null,\"o2\":\"kept\",\"id\":99}",
	       "px_stmt_rec without overrides");
	free(j);
	px_rec_free(r);
	px_stmt_reset(s);
}

/* Bytes in and out: NUL and every other byte kept, an empty value apart
 * from NULL, and a BLOB in a record as its base64. */
static void test_blob(void)
{
	struct px_err e;
	ok(run("CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)", &e) == PX_OK,
	   "a table of bytes (%s)", e.text);
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	px_err_clear(&e);
	struct px_stmt *s = px_stmt_prepare(st, "INSERT INTO blobs (id, b) VALUES (?1, ?2)", &e);
	if (!s)
		return;
	px_stmt_int(s, 1, 1);
	px_stmt_blob(s, 2, all, sizeof all);
	ok(px_stmt_run(s, &e) == PX_OK, "every byte bound");
	px_stmt_int(s, 1, 2);
	px_stmt_blob(s, 2, "", 0);
	ok(px_stmt_run(s, &e) == PX_OK, "no bytes bound");
	px_stmt_int(s, 1, 3);
	px_stmt_blob(s, 2, NULL, 0);
	ok(px_stmt_run(s, &e) == PX_OK, "NULL bound");
	is_str(q("SELECT count(*) FROM blobs WHERE b IS NULL"), "1", "NULL data is SQL NULL");
	is_str(q("SELECT length(b) FROM blobs WHERE id = 2"), "0", "len 0 is an empty value");
	is_str(q("SELECT typeof(b) FROM blobs WHERE id = 1"), "blob", "stored as bytes, not text");
	s = px_stmt_prepare(st, "SELECT b FROM blobs ORDER BY id", &e);
	size_t n = 99;
	ok(s && px_stmt_step(s, &e) == 1, "read back");
	const void *p = px_stmt_col_blob(s, 0, &n);
	ok(p && n == sizeof all && !memcmp(p, all, n), "byte for byte, NUL included (%zu)", n);
	ok(px_stmt_step(s, &e) == 1 && (p = px_stmt_col_blob(s, 0, &n)) != NULL && n == 0,
	   "an empty value: a pointer, no bytes");
	n = 99;
	ok(px_stmt_step(s, &e) == 1 && px_stmt_col_blob(s, 0, &n) == NULL && n == 0,
	   "SQL NULL: NULL, no bytes");
	px_stmt_reset(s);
	s = px_stmt_prepare(st, "SELECT b FROM blobs WHERE id = 1", &e);
	px_stmt_step(s, &e);
	struct px_rec *r = px_stmt_rec(s, "bytes", NULL);
	const char *b64 = px_rec_get(r, "b");
	ok(b64 && strlen(b64) == 344 && !strncmp(b64, "AAECAwQFBgcICQoL", 16) &&
	   !strcmp(b64 + 336, "/P3+/w=="), "a record shows bytes as base64");
	px_rec_free(r);
	px_stmt_reset(s);
	run("DROP TABLE blobs", &e);
}

struct walk {
	int n, stop_at;
	int64_t sum;
};

static int walk_row(struct px_stmt *s, void *ctx)
{
	struct walk *w = ctx;
	w->n++;
	w->sum += px_stmt_col_int(s, 0);
	return w->n == w->stop_at ? 77 : 0;
}

static void test_each(void)
{
	struct px_err e;
	ok(run("CREATE TEMP TABLE nums (n INTEGER)", &e) == PX_OK &&
	   run("INSERT INTO nums VALUES (1), (2), (3), (4), (5)", &e) == PX_OK, "five numbers");
	static const char sql[] = "SELECT n FROM nums WHERE n >= ?1 ORDER BY n";
	struct px_stmt *s = px_stmt_prepare(st, sql, &e);
	px_stmt_int(s, 1, 1);
	struct walk w = { 0, 0, 0 };
	is_int(px_stmt_each(s, walk_row, &w, &e), PX_OK, "px_stmt_each walks to the end: PX_OK");
	ok(w.n == 5 && w.sum == 15, "every row once");
	struct walk w2 = { 0, 3, 0 };
	is_int(px_stmt_each(s, walk_row, &w2, &e), 77, "a non-zero return stops the walk and is returned");
	ok(w2.n == 3 && w2.sum == 6, "after three rows");
	struct walk w3 = { 0, 0, 0 };
	ok(px_stmt_each(s, walk_row, &w3, &e) == PX_OK && w3.n == 5, "the statement was reset: it walks again");
	s = px_stmt_prepare(st, sql, &e);
	px_stmt_int(s, 1, 4);
	struct walk w4 = { 0, 0, 0 };
	ok(px_stmt_each(s, walk_row, &w4, &e) == PX_OK && w4.n == 2 && w4.sum == 9, "with new bindings");
	s = px_stmt_prepare(st, "SELECT 1 / 0 + px_epoch(?1)", &e);
	px_stmt_text(s, 1, "soon");
	struct walk w5 = { 0, 0, 0 };
	px_err_clear(&e);
	ok(px_stmt_each(s, walk_row, &w5, &e) == PX_ESTORE && e.code == PX_ESTORE && w5.n == 0,
	   "a failing statement: the store's status");

	/* the cache holds its own copy of the text */
	char *heap = px_xstrdup("SELECT count(*) FROM nums");
	struct px_stmt *a = px_stmt_prepare(st, heap, &e);
	free(heap);
	heap = px_xstrdup("SELECT count(*) FROM nums");
	struct px_stmt *b = px_stmt_prepare(st, heap, &e);
	free(heap);
	ok(a && a == b && px_stmt_step(b, &e) == 1 && px_stmt_col_int(b, 0) == 5,
	   "the same text is the same cached statement, whoever holds the text");
	px_stmt_reset(b);

	/* RETURNING, changes and the last id */
	s = px_stmt_prepare(st, "INSERT INTO nums VALUES (?1) RETURNING rowid, n", &e);
	px_stmt_int(s, 1, 6);
	ok(s && px_stmt_step(s, &e) == 1 && px_stmt_col_int(s, 1) == 6, "INSERT ... RETURNING");
	int64_t id = s ? px_stmt_col_int(s, 0) : -1;
	px_stmt_reset(s);
	is_int(px_store_last_id(st), id, "px_store_last_id is the id RETURNING gave");
	ok(run("UPDATE nums SET n = n * 10 WHERE n > 0", &e) == PX_OK, "an update");
	is_int(px_store_changes(st), 6, "px_store_changes counts its rows");
}

/* ---------- statuses ---------- */

static void test_statuses(void)
{
	struct px_err e;
	static const struct {
		const char *sql, *text;
	} bad[] = {
		{ "INSERT INTO hospitals (public_id, code, name, created_at, updated_at) "
		  "VALUES ('hsp_3', 'KFH', 'Again', 't', 't')",
		  "store: UNIQUE constraint failed: hospitals.code" },
		{ "INSERT INTO departments (public_id, hospital_id, code, name, created_at, updated_at) "
		  "VALUES ('dep_1', 999, 'ER', 'Emergency', 't', 't')",
		  "store: FOREIGN KEY constraint failed" },
		{ "INSERT INTO users (public_id, name, role, created_at, updated_at) "
		  "VALUES ('usr_1', 'amal', 'god', 't', 't')",
		  "store: CHECK constraint failed: role IN ('px_admin', 'hospital_admin',\n"
		  "\t\t'department_manager', 'staff', 'viewer')" },
		{ "INSERT INTO hospitals (public_id, code, created_at, updated_at) VALUES ('hsp_4', 'X', 't', 't')",
		  "store: NOT NULL constraint failed: hospitals.name" },
		{ "UPDATE audit SET actor = 'someone else'", NULL },
	};
	ok(run("INSERT INTO audit (at, actor, action, object_type, object_id) "
	       "VALUES ('t', 'admin', 'checked', 'store', 'x')", &e) == PX_OK, "an audit row");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int rc = run(bad[i].sql, &e);
		ok(rc == PX_EREJECT && e.code == PX_EREJECT, "a constraint violation is PX_EREJECT: %.40s...",
		   bad[i].sql);
		if (bad[i].text)
			is_str(e.text, bad[i].text, "worded by the engine");
	}
	is_str(e.text, "store: audit rows are append-only", "a trigger's abort too");
	is_str(q("SELECT count(*) FROM audit WHERE actor = 'admin'"), "1", "and the row is unchanged");
	px_err_clear(&e);
	ok(!px_stmt_prepare(st, "SELEKT 1", &e) && e.code == PX_ESTORE, "bad SQL is PX_ESTORE");

	/* a transaction, rolled back and committed */
	ok(px_store_begin(st, &e) == PX_OK && run("INSERT INTO nums VALUES (100)", &e) == PX_OK,
	   "a write in a transaction");
	px_store_rollback(st);
	is_str(q("SELECT count(*) FROM nums WHERE n = 100"), "0", "rolled back");
	px_store_rollback(st);
	ok(1, "a rollback without a transaction is harmless");
	ok(px_store_begin(st, &e) == PX_OK && run("INSERT INTO nums VALUES (100)", &e) == PX_OK &&
	   px_store_commit(st, &e) == PX_OK, "committed");
	is_str(q("SELECT count(*) FROM nums WHERE n = 100"), "1", "and kept");
}

static void test_busy(void)
{
	struct px_err e, e2;
	px_err_clear(&e);
	px_err_clear(&e2);
	struct px_store *other = px_store_open("store.db", 0, &e2);
	ok(other != NULL, "a second connection (%s)", e2.text);
	if (!other)
		return;
	px_store_busy_timeout(other, 50);
	ok(px_store_begin(st, &e) == PX_OK, "the first takes the write lock");
	int rc = px_store_begin(other, &e2);
	ok(rc == PX_ESTORE && e2.code == PX_ESTORE, "the second cannot: PX_ESTORE");
	is_str(e2.text, "store: database is busy, try again later", "worded as busy");
	px_err_clear(&e2);
	struct px_stmt *s = px_stmt_prepare(other, "INSERT INTO audit (at, actor, action, object_type, "
					    "object_id) VALUES ('t', 'b', 'c', 'd', 'e')", &e2);
	ok(s && px_stmt_run(s, &e2) == PX_ESTORE && strstr(e2.text, "busy"),
	   "nor write outside a transaction (%s)", e2.text);
	ok(px_store_commit(st, &e) == PX_OK, "the first commits");
	ok(px_store_begin(other, &e2) == PX_OK && px_store_commit(other, &e2) == PX_OK,
	   "then the second may write");
	px_store_close(other);
}

int main(void)
{
	px_time_set_zone("Asia/Riyadh", NULL);
	test_open();
	if (!st)
		return tap_done();
	test_string_agg();
	test_greatest_least();
	test_times();
	test_local();
	test_spellings();
	test_local_matches_report();
	test_view();
	if (!st)
		return tap_done();
	test_rec();
	test_blob();
	test_each();
	test_statuses();
	test_busy();
	px_store_close(st);
	return tap_done();
}
