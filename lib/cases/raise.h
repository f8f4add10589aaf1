/*
 * raise.h - the rules that raise improvement actions from negative
 * feedback (share/px/rules/actions, px-action-rules(5)) and those that
 * route them to an owning department and owner (share/px/rules/routing).
 *
 * A trigger is a record px prints when something negative happens: a
 * survey.negative or survey.escalated, a complaint.unsatisfied, a case
 * of kind complaint, a call, a report's figure (report.nps, ...).  Each
 * rule whose event and conditions it meets raises one action, once per
 * rule and source record, however often the same record comes.  Surveys,
 * complaints and calls are read again from the store by their ids, so a
 * rule matches what is stored, not what a record claims.
 */
#ifndef PX_CASES_RAISE_H
#define PX_CASES_RAISE_H

#include <stdint.h>

#include "base/err.h"
#include "cases/workflow.h"
#include "core/ctx.h"
#include "records/record.h"

#define PX_RULE_NAME 40
#define PX_RULE_MATCH 8

/* A condition on a field of the trigger: one of a list of words, or a
 * number at most or at least a bound (KEY_max=, KEY_min=). */
struct px_rule_match {
	char key[32];
	char val[160];
	int op;                 /* 0 one of, 1 at most, 2 at least */
};

struct px_action_rule {
	char name[PX_RULE_NAME], on[PX_RULE_NAME];
	struct px_rule_match match[PX_RULE_MATCH];
	int nmatch;
	char priority[16];
	char title[256];        /* with {field} from the trigger */
	char by[24], period[16]; /* report.KIND: the grouping and period
	                          * raise --from-store runs the report with */
	long line;
};

struct px_route {
	char name[PX_RULE_NAME];
	struct px_rule_match match[PX_RULE_MATCH];
	int nmatch;
	char to[40];            /* a department's code, or "same": the trigger's */
	char owner[128];        /* a role or a user's name; "" for nobody */
	int round_robin;
	long line;
};

struct px_action_rules {
	struct px_action_rule *r;
	int n;
	struct px_route *routes;
	int nroutes;
	char path[512], routes_path[512];
	struct px_workflow *wf;  /* the action workflow, read at the first raise */
};

/* The rules (those loaded into the store, else px.conf's actions.rules,
 * else rules/actions in the data directory) and the routes (the same with
 * actions.routing and rules/routing): a malformed line is PX_EINPUT with
 * its file and line. */
int px_action_rules_open(struct px_ctx *cx, struct px_action_rules **out, struct px_err *err);
int px_action_rules_load(const char *path, const char *routes, struct px_action_rules **out,
			 struct px_err *err);
void px_action_rules_free(struct px_action_rules *rs);
/* A group's own rules (routing: its routes) in the store, in place of
 * the files while they are there: the text in force and where it comes
 * from (the store, "store:NAME", or a file's path; viewer; caller frees
 * *text); kept after a whole read of text (name in its messages;
 * px_admin), or dropped when text is NULL (back to the files), with an
 * audit row and a record action.rules. */
int px_action_rules_text(struct px_ctx *cx, int routing, char **text, char from[512],
			 struct px_err *err);
int px_action_rules_store(struct px_ctx *cx, int routing, const char *text, size_t len,
			  const char *name, struct px_err *err);

/* What opening an action takes: where it is, what it says, what raised
 * it (rule and source_ref NULL for one opened by hand), and view, the
 * fields routing matches (source, hospital, department, classification,
 * severity, rule).  With no owner and no owning department given, the
 * routes choose them. */
struct px_raise_new {
	int64_t hospital_id, department_id, owner_department_id, patient_id, encounter_id;
	const char *title, *description, *priority, *owner;
	const char *source;        /* survey, complaint, call, report, manual */
	const char *rule, *source_ref;
	const char *link_type, *link_object;
	const struct px_rec *view;
};
/* Opens the action in a transaction of its own (staff or above in the
 * hospital): the case, its routing, the raise, the message to its owner;
 * the case printed once committed. */
int px_raise_open(struct px_ctx *cx, const struct px_raise_new *n, struct px_err *err);

/*
 * Record handler (ctx: the struct px_ctx) for px-action raise, inside
 * the loop's transaction: a trigger record is printed on, then each rule
 * it meets raises its action (printed as a case, with the message to the
 * owner) unless it did before; any other record is passed on.  A
 * trigger naming what the store does not have is rejected.
 */
int px_raise_record(struct px_rec *r, void *cx, struct px_err *err);
/* px_raise_record's work for one record, which is printed on only when
 * pass is set: a report's figure found by raise --from-store is not. */
int px_raise_one(struct px_ctx *cx, struct px_rec *r, int pass, long *raised,
		 struct px_err *err);
/* Frees what px_raise_record kept for the run (the rules). */
void px_raise_done(struct px_ctx *cx);
/* The trigger types px_raise_record takes (NULL-terminated). */
extern const char *const px_raise_types[];

/* Scans the store for the triggers of the acting user's hospitals that
 * no rule has raised yet (negative and escalated surveys, unsatisfied
 * and serious complaints, calls), each raise in a transaction of its
 * own.  *counts: triggers seen, actions raised. */
int px_raise_from_store(struct px_ctx *cx, long counts[2], struct px_err *err);

/* For each record: the routes tried in order, as records action.route
 * (route, line, matched, why; and the department and owner chosen by the
 * one that matched). */
int px_route_explain(struct px_rec *r, void *cx, struct px_err *err);

#endif
