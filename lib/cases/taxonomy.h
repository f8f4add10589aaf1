/*
 * taxonomy.h - the tree a complaint is classified in: the Saudi Healthcare
 * Complaint Taxonomy (domain, category, subcategory, classification), each
 * node with a dotted code ("1.1.3"), an English and an Arabic name, as
 * share/px/taxonomy/saudi-moh-2019.tsv holds it; and the map from the flat
 * categories complaints had before it (clinical_care, billing...) onto its
 * nodes, share/px/taxonomy/flat-categories.tsv.  share/px/taxonomy/README
 * gives both formats; a hospital may point px.conf's cases.taxonomy at a
 * directory of its own that holds the same two files.
 *
 * A taxonomy is read whole or refused: every mistake is PX_EINPUT with the
 * file and line in err, and nothing of the files is used.  Reads no store.
 */
#ifndef PX_CASES_TAXONOMY_H
#define PX_CASES_TAXONOMY_H

#include "base/err.h"
#include "core/ctx.h"

#define PX_TAXON_CODE 16   /* "999.999.999.999" and its NUL */
#define PX_TAXON_LEVELS 4  /* domain, category, subcategory, classification */

/* The file names in a taxonomy directory. */
#define PX_TAXONOMY_TREE "saudi-moh-2019.tsv"
#define PX_TAXONOMY_FLAT "flat-categories.tsv"

struct px_taxon {
	char code[PX_TAXON_CODE];
	int level;      /* 1 domain .. 4 classification: the parts of code */
	int parent;     /* index in nodes, -1 for a domain */
	char *en, *ar;  /* the names, UTF-8 */
	long line;      /* where the file gives it */
};

/* A flat category and the node it maps to. */
struct px_taxon_flat {
	char *category;
	int node;       /* index in nodes */
	long line;
};

struct px_taxonomy {
	struct px_taxon *nodes;     /* in the file's order: a parent before its children */
	int n;
	char path[512];
	struct px_taxon_flat *flat; /* in the file's order; none without a flat file */
	int nflat;
	char flat_path[512];        /* "" without one */
};

/*
 * Reads the tree at tree_path and, unless flat_path is NULL, the flat map
 * (caller frees *out).  Refused with file:line: a bad code, a level that
 * is not the code's depth, a parent missing or after its child, a code
 * given twice, an empty English name, an Arabic name without an Arabic
 * letter, invalid UTF-8 or a control byte, a wrong header or field count;
 * in the flat map a bad or repeated category or an unknown code.  An
 * unreadable file is PX_EINPUT too.  *out is NULL on failure.
 */
int px_taxonomy_load(const char *tree_path, const char *flat_path, struct px_taxonomy **out,
		     struct px_err *err);
/* The taxonomy of px.conf's cases.taxonomy, else of taxonomy/ in the data
 * directory: its tree, and its flat map when the directory has one. */
int px_taxonomy_open(struct px_ctx *cx, struct px_taxonomy **out, struct px_err *err);
void px_taxonomy_free(struct px_taxonomy *t);

/* The node of a code, or NULL. */
const struct px_taxon *px_taxonomy_find(const struct px_taxonomy *t, const char *code);
/* The node a flat category maps to, or NULL (no such category, or no map). */
const struct px_taxon *px_taxonomy_flat(const struct px_taxonomy *t, const char *category);
/* The name of a node in lang: Arabic for "ar", English otherwise. */
const char *px_taxon_name(const struct px_taxon *x, const char *lang);
/* Whether code is ancestor or below it: "1.1" covers "1.1" and "1.1.3",
 * not "1.10" nor "1".  0 when either is NULL or empty. */
int px_taxonomy_within(const char *code, const char *ancestor);

/* Emits one record of type "taxonomy" per node, in the file's order:
 * code, level, parent (the parent's code, null for a domain) and name in
 * lang ("en" or "ar"; anything else is PX_EUSAGE). */
int px_taxonomy_emit(struct px_ctx *cx, const struct px_taxonomy *t, const char *lang,
		     struct px_err *err);

#endif
