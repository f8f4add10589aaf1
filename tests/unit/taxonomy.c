/* Unit tests of the complaint taxonomy: the shipped tree and flat map
 * (counts per level, known nodes in both languages, every parent before
 * its child), px_taxonomy_within at its edges, px.conf's cases.taxonomy,
 * the records px_taxonomy_emit gives, and malformed files, each refused
 * with its file, line and the exact message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "px.h"
#include "tap.h"

static char data[1024];
static char seen[64][512];
static int nseen;

static int sink(struct px_ctx *cx, const struct px_rec *r, struct px_err *err)
{
	(void)cx;
	(void)err;
	char *j = px_rec_dump(r);
	if (nseen < 64)
		snprintf(seen[nseen], sizeof seen[0], "%s", j);
	nseen++;
	free(j);
	return PX_OK;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static struct px_taxonomy *shipped(struct px_err *e)
{
	char tree[1200], flat[1200];
	snprintf(tree, sizeof tree, "%s/taxonomy/%s", data, PX_TAXONOMY_TREE);
	snprintf(flat, sizeof flat, "%s/taxonomy/%s", data, PX_TAXONOMY_FLAT);
	struct px_taxonomy *t;
	px_err_clear(e);
	if (px_taxonomy_load(tree, flat, &t, e))
		return NULL;
	return t;
}

static void is_node(const struct px_taxonomy *t, const char *code, int level, const char *parent,
		    const char *en, const char *ar)
{
	const struct px_taxon *x = px_taxonomy_find(t, code);
	ok(x != NULL, "%s is in the tree", code);
	if (!x)
		return;
	is_int(x->level, level, "%s: level", code);
	is_str(x->parent < 0 ? NULL : t->nodes[x->parent].code, parent, "%s: parent", code);
	is_str(px_taxon_name(x, "en"), en, "%s: English name", code);
	is_str(px_taxon_name(x, "ar"), ar, "%s: Arabic name", code);
}

static void test_shipped(void)
{
	struct px_err e;
	struct px_taxonomy *t = shipped(&e);
	if (!ok(t != NULL, "the shipped taxonomy loads (%s)", e.text))
		return;
	int count[PX_TAXON_LEVELS + 1] = { 0 };
	for (int i = 0; i < t->n; i++)
		count[t->nodes[i].level]++;
	is_int(count[1], 3, "3 domains");
	is_int(count[2], 8, "8 categories");
	is_int(count[3], 19, "19 subcategories");
	is_int(count[4], 25, "25 classifications");
	is_int(t->n, 55, "55 nodes in all");

	is_node(t, "1", 1, NULL, "Clinical", "سريري");
	is_node(t, "2", 1, NULL, "Management", "إداري");
	is_node(t, "3", 1, NULL, "Relationships", "علاقات");
	is_node(t, "1.1", 2, "1", "Quality", "الجودة");
	is_node(t, "2.2", 2, "2", "Institutional Issues", "القضايا المؤسسية");
	is_node(t, "3.4", 2, "3", "Humanness / Caring", "الإنسانية / الرعاية");
	is_node(t, "1.1.1", 3, "1.1", "Diagnosis", "التشخيص");
	is_node(t, "2.1.2", 3, "2.1", "Delays", "التأخير");
	is_node(t, "2.2.3", 3, "2.2", "Finance and Billing", "المالية والفواتير");
	is_node(t, "1.1.1.2", 4, "1.1.1", "Errors in diagnosis", "أخطاء في التشخيص");
	is_node(t, "1.1.5.5", 4, "1.1.5", "Treatment plan not followed",
		"عدم الالتزام بالخطة العلاجية");
	ok(!px_taxonomy_find(t, "4") && !px_taxonomy_find(t, "1.1.9") &&
	   !px_taxonomy_find(t, "") && !px_taxonomy_find(t, NULL), "unknown codes are not found");

	/* every parent is the code without its last part, given before it */
	int parents = 1, unique = 1;
	for (int i = 0; i < t->n; i++) {
		const struct px_taxon *x = &t->nodes[i];
		if (x->level == 1) {
			parents &= x->parent == -1;
			continue;
		}
		if (x->parent < 0 || x->parent >= i) {
			parents = 0;
			continue;
		}
		const struct px_taxon *p = &t->nodes[x->parent];
		size_t n = strlen(p->code);
		parents &= p->level == x->level - 1 && !strncmp(x->code, p->code, n) &&
			   x->code[n] == '.' && !strchr(x->code + n + 1, '.') &&
			   px_taxonomy_within(x->code, p->code);
		for (int j = 0; j < i; j++)
			unique &= strcmp(t->nodes[j].code, x->code) != 0;
	}
	ok(parents, "every node's parent is its code less the last part, given before it");
	ok(unique, "no code is given twice");

	/* the flat categories of a complaint */
	static const struct { const char *category, *code; } flat[] = {
		{ "clinical_care", "1" },  { "staff_behavior", "3.4" }, { "facility", "2.2.2" },
		{ "wait_time", "2.1.2" }, { "billing", "2.2.3" },      { "communication", "3.1" },
	};
	is_int(t->nflat, 6, "six flat categories are mapped");
	for (size_t i = 0; i < sizeof flat / sizeof flat[0]; i++) {
		const struct px_taxon *x = px_taxonomy_flat(t, flat[i].category);
		is_str(x ? x->code : NULL, flat[i].code, "flat '%s' maps to %s", flat[i].category,
		       flat[i].code);
	}
	ok(!px_taxonomy_flat(t, "other") && !px_taxonomy_flat(t, "appointment") &&
	   !px_taxonomy_flat(t, NULL), "'other' and unknown categories map to nothing");
	px_taxonomy_free(t);
}

static void test_within(void)
{
	static const struct { const char *code, *ancestor; int want; } w[] = {
		{ "1.1.3", "1.1", 1 }, { "1.1", "1.1", 1 },     { "1.1.3.2", "1", 1 },
		{ "1.10", "1.1", 0 },  { "1.1", "1.1.3", 0 },   { "1", "1.1", 0 },
		{ "11.1", "1", 0 },    { "2.1", "1", 0 },       { "1.1", "", 0 },
		{ "", "1", 0 },        { NULL, "1", 0 },        { "1", NULL, 0 },
	};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		is_int(px_taxonomy_within(w[i].code, w[i].ancestor), w[i].want, "'%s' is %swithin '%s'",
		       w[i].code ? w[i].code : "(null)", w[i].want ? "" : "not ",
		       w[i].ancestor ? w[i].ancestor : "(null)");
}

static void test_open_and_emit(void)
{
	struct px_err e = { 0 };
	struct px_ctx cx = { .emit = sink };
	struct px_taxonomy *t;
	/* no configuration: the data directory's */
	ok(px_taxonomy_open(&cx, &t, &e) == PX_OK && t->n == 55 && t->nflat == 6,
	   "open finds taxonomy/ in the data directory (%s)", e.text);
	if (t) {
		nseen = 0;
		ok(px_taxonomy_emit(&cx, t, "en", &e) == PX_OK, "emit in English");
		is_int(nseen, 55, "one record per node");
		is_str(seen[0], "{\"type\":\"taxonomy\",\"code\":\"1\",\"level\":1,\"parent\":null,"
				"\"name\":\"Clinical\"}", "a domain's record");
		is_str(seen[3], "{\"type\":\"taxonomy\",\"code\":\"1.1.1.1\",\"level\":4,"
				"\"parent\":\"1.1.1\",\"name\":\"Errors in pre-marriage lab test\"}",
		       "a classification's record, in the file's order");
		nseen = 0;
		ok(px_taxonomy_emit(&cx, t, "ar", &e) == PX_OK && nseen == 55, "emit in Arabic");
		is_str(seen[1], "{\"type\":\"taxonomy\",\"code\":\"1.1\",\"level\":2,"
				"\"parent\":\"1\",\"name\":\"الجودة\"}", "a category's record in Arabic");
		px_err_clear(&e);
		ok(px_taxonomy_emit(&cx, t, "fr", &e) == PX_EUSAGE &&
		   !strcmp(e.text, "language must be 'en' or 'ar'"), "another language is refused");
		px_taxonomy_free(t);
	}
	/* cases.taxonomy: a directory of the hospital's own, without a flat map */
	if (mkdir("own", 0700))
		abort();
	write_file("own/" PX_TAXONOMY_TREE, "code\tlevel\tname_en\tname_ar\n"
		   "1\t1\tClinical\tسريري\n1.1\t2\tQuality\tالجودة\n");
	write_file("px.conf", "[cases]\ntaxonomy = own\n");
	struct px_config *cfg = px_config_load("px.conf", &e);
	if (!cfg)
		abort();
	cx.cfg = cfg;
	px_err_clear(&e);
	ok(px_taxonomy_open(&cx, &t, &e) == PX_OK && t->n == 2 && t->nflat == 0 &&
	   !t->flat_path[0] && !strcmp(t->path, "own/" PX_TAXONOMY_TREE),
	   "cases.taxonomy names the directory; its flat map may be absent (%s)", e.text);
	px_taxonomy_free(t);
	write_file("own/" PX_TAXONOMY_FLAT, "category\tcode\nbilling\t2\n");
	px_err_clear(&e);
	char msg[1400];
	int rc = px_taxonomy_open(&cx, &t, &e);
	px_err_format(&e, msg, sizeof msg);
	ok(rc == PX_EINPUT && !t, "a flat map in the directory is read, and checked");
	is_str(msg, "own/flat-categories.tsv:2: unknown code '2' for the category 'billing'",
	       "and refused at its line");
	px_config_free(cfg);
}

#define H "code\tlevel\tname_en\tname_ar\n"
#define D1 "1\t1\tClinical\tسريري\n"

static void test_refusals(void)
{
	static const struct { const char *text, *want; } bad[] = {
		{ H D1 "1.01\t2\tQuality\tالجودة\n",
		  "t.tsv:3: bad code '1.01' (1 to 4 numbers from 1 to 999 joined by dots)" },
		{ H "1000\t1\tClinical\tسريري\n",
		  "t.tsv:2: bad code '1000' (1 to 4 numbers from 1 to 999 joined by dots)" },
		{ H "1.\t1\tClinical\tسريري\n",
		  "t.tsv:2: bad code '1.' (1 to 4 numbers from 1 to 999 joined by dots)" },
		{ H D1 "1.1.1.1.1\t5\tX\tس\n",
		  "t.tsv:3: bad code '1.1.1.1.1' (1 to 4 numbers from 1 to 999 joined by dots)" },
		{ H "0\t1\tClinical\tسريري\n",
		  "t.tsv:2: bad code '0' (1 to 4 numbers from 1 to 999 joined by dots)" },
		{ H "1\t2\tClinical\tسريري\n",
		  "t.tsv:2: level 2 does not match the code '1' (level 1)" },
		{ H "1\tone\tClinical\tسريري\n", "t.tsv:2: bad level 'one' of '1' (1 to 4)" },
		{ H D1 "1.2.1\t3\tDrugs\tالأدوية\n",
		  "t.tsv:3: the parent '1.2' of '1.2.1' is not given before it" },
		{ H "1.1\t2\tQuality\tالجودة\n" D1,
		  "t.tsv:2: the parent '1' of '1.1' is not given before it" },
		{ H D1 "# a comment\n\n1\t1\tClinical\tسريري\n",
		  "t.tsv:5: the code '1' is given twice (first at line 2)" },
		{ H "1\t1\tClinical\t\n", "t.tsv:2: '1' has no Arabic name" },
		{ H "1\t1\t\tسريري\n", "t.tsv:2: '1' has no English name" },
		{ H "1\t1\tClinical\tClinical\n",
		  "t.tsv:2: the Arabic name of '1' is not in Arabic script" },
		{ H "1\t1\tClinical \tسريري\n",
		  "t.tsv:2: the English name of '1' starts or ends with a space" },
		{ H "1\t1\tClinical\t\xd8\n", "t.tsv:2: invalid UTF-8 (byte 14)" },
		{ H "1\t1\tCl\xc0\xafnical\tسريري\n", "t.tsv:2: invalid UTF-8 (byte 7)" },
		{ H "1\t1\tCli\x01nical\tسريري\n", "t.tsv:2: control byte 0x01 (byte 8)" },
		{ H "1\t1\tClinical\n", "t.tsv:2: 4 tab-separated fields, not 3" },
		{ H "1\t1\tClinical\tسريري\textra\n", "t.tsv:2: 4 tab-separated fields, not 5" },
		{ "# provenance\ncode,level,name_en,name_ar\n",
		  "t.tsv:2: the first line must be the header 'code level name_en name_ar', "
		  "separated by tabs" },
		{ "# nothing but a comment\n", "t.tsv: no header line 'code level name_en name_ar'" },
		{ H, "t.tsv: no nodes" },
	};
	char msg[1400];
	struct px_err e;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file("t.tsv", bad[i].text);
		static struct px_taxonomy unset;
		struct px_taxonomy *t = &unset; /* load must set it to NULL */
		px_err_clear(&e);
		int rc = px_taxonomy_load("t.tsv", NULL, &t, &e);
		px_err_format(&e, msg, sizeof msg);
		ok(rc == PX_EINPUT && !t && !strcmp(msg, bad[i].want), "refused: %s", bad[i].want);
		if (strcmp(msg, bad[i].want))
			printf("#   got:  '%s'\n", msg);
		px_taxonomy_free(rc ? NULL : t);
	}

	/* a byte-order mark, CR line ends, comments and blank lines anywhere */
	write_file("t.tsv", "\xEF\xBB\xBF# provenance\r\n\r\n" H D1
		   "\n# more\n1.1\t2\tQuality\tالجودة\r\n");
	struct px_taxonomy *t;
	px_err_clear(&e);
	ok(px_taxonomy_load("t.tsv", NULL, &t, &e) == PX_OK && t->n == 2 &&
	   !strcmp(t->nodes[1].ar, "الجودة") && t->nodes[1].line == 7,
	   "a byte-order mark, CR line ends, comments and blank lines are taken (%s)", e.text);
	px_taxonomy_free(t);

	px_err_clear(&e);
	ok(px_taxonomy_load("missing.tsv", NULL, &t, &e) == PX_EINPUT && !t &&
	   !strcmp(e.text, "missing.tsv: No such file or directory"), "a missing file (%s)", e.text);

	/* the flat map */
	write_file("t.tsv", H D1 "1.1\t2\tQuality\tالجودة\n");
	static const struct { const char *text, *want; } flat[] = {
		{ "category\tcode\nclinical_care\t1.2\n",
		  "f.tsv:2: unknown code '1.2' for the category 'clinical_care'" },
		{ "category\tcode\nclinical_care\t1\n# again\nclinical_care\t1.1\n",
		  "f.tsv:4: the category 'clinical_care' is given twice (first at line 2)" },
		{ "category\tcode\nClinical Care\t1\n",
		  "f.tsv:2: bad category 'Clinical Care' (lower-case letters, digits and '_')" },
		{ "category\tcode\nclinical_care\n", "f.tsv:2: 2 tab-separated fields, not 1" },
		{ "category code\n",
		  "f.tsv:1: the first line must be the header 'category code', separated by tabs" },
		{ "", "f.tsv: no header line 'category code'" },
	};
	for (size_t i = 0; i < sizeof flat / sizeof flat[0]; i++) {
		write_file("f.tsv", flat[i].text);
		px_err_clear(&e);
		int rc = px_taxonomy_load("t.tsv", "f.tsv", &t, &e);
		px_err_format(&e, msg, sizeof msg);
		ok(rc == PX_EINPUT && !t && !strcmp(msg, flat[i].want), "flat map refused: %s",
		   flat[i].want);
		if (strcmp(msg, flat[i].want))
			printf("#   got:  '%s'\n", msg);
	}
	write_file("f.tsv", "category\tcode\n");
	px_err_clear(&e);
	ok(px_taxonomy_load("t.tsv", "f.tsv", &t, &e) == PX_OK && t->nflat == 0 &&
	   !strcmp(t->flat_path, "f.tsv"), "an empty flat map is a map of nothing (%s)", e.text);
	px_taxonomy_free(t);
}

int main(void)
{
	px_config_datadir("", data, sizeof data);
	size_t n = strlen(data);
	if (n && data[n - 1] == '/')
		data[n - 1] = '\0';
	test_shipped();
	test_within();
	test_open_and_emit();
	test_refusals();
	return tap_done();
}
