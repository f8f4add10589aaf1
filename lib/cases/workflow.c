/*
 * workflow.c - reading share/px/workflows/KIND (px-workflow(5)).
 *
 * A file is lines of words; '#' starts a comment.  The lines, in this
 * order where order matters:
 *
 *	kind NAME
 *	id PREFIX                   (optional: public ids PREFIX_..., not cas_...)
 *	ref SERIES                  (optional: references HOSPITAL-SERIES-YEAR-N)
 *	states NAME...              (every state, once; before what names them)
 *	initial STATE
 *	final STATE...
 *	move VERB FROM TO ROLE [FIELD...]
 *	on STATE emit TYPE | on STATE clock start|pause|stop NAME
 *	on STATE notify TEMPLATE | on STATE survey TEMPLATE
 *
 * FROM is STATE[,STATE...] or '*', every state that is not final; ROLE is
 * a role of core/auth.h or 'system', a move px makes itself.  Every
 * mistake is refused with the file and line, and nothing of the file is
 * used: a kind either loads whole or not at all.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/mem.h"
#include "base/wordfile.h"
#include "cases/workflow.h"
#include "base/banned.h"

#define WORDS 16

struct parse {
	struct px_workflow *wf;
	const char *path;
	long line;
	int have_kind, have_initial, have_final;
	size_t cap_moves, cap_effects;
	struct px_err *err;
};

static int bad(struct parse *p, const char *fmt, const char *a, const char *b)
{
	char text[256];
	snprintf(text, sizeof text, fmt, a ? a : "", b ? b : "");
	return px_fail_at(p->err, PX_EINPUT, p->path, p->line, "%s", text);
}

/* A name: a lower-case letter, then letters, digits and '_' ('.' too
 * when dots is set: record types such as complaint.resolved). */
static int name_ok(const char *s, int dots)
{
	if (!islower((unsigned char)*s) || strlen(s) >= PX_WF_NAME)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_' &&
		    !(dots && *s == '.'))
			return 0;
	return 1;
}

int px_workflow_state(const struct px_workflow *wf, const char *name)
{
	for (int i = 0; i < wf->nstates; i++)
		if (!strcmp(wf->states[i], name))
			return i;
	return -1;
}

const struct px_wf_move *px_workflow_move(const struct px_workflow *wf, const char *verb)
{
	for (int i = 0; i < wf->nmoves; i++)
		if (!strcmp(wf->moves[i].verb, verb))
			return &wf->moves[i];
	return NULL;
}

const struct px_wf_effect *px_workflow_effects(const struct px_workflow *wf, int state, int *n)
{
	/* check_whole groups them by state */
	int first = -1;
	*n = 0;
	for (int i = 0; i < wf->neffects; i++)
		if (wf->effects[i].state == state) {
			if (first < 0)
				first = i;
			(*n)++;
		}
	return first < 0 ? NULL : &wf->effects[first];
}

void px_workflow_states_text(const struct px_workflow *wf, px_wf_states set, char *buf,
			     size_t size)
{
	int total = 0, seen = 0;
	for (int i = 0; i < wf->nstates; i++)
		total += (set >> i) & 1;
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; i < wf->nstates && o < size; i++) {
		if (!((set >> i) & 1))
			continue;
		seen++;
		const char *sep = seen == 1 ? "" : seen == total ? " or " : ", ";
		int k = snprintf(buf + o, size - o, "%s%s", sep, wf->states[i]);
		if (k < 0)
			break;
		o += (size_t)k;
	}
}

/* The state a word names, or -1 with err set. */
static int state_of(struct parse *p, const char *w)
{
	int s = px_workflow_state(p->wf, w);
	if (s < 0)
		bad(p, "unknown state '%s'%s", w, p->wf->nstates ? "" : " (states must come first)");
	return s;
}

static int line_states(struct parse *p, char **w, int n)
{
	struct px_workflow *wf = p->wf;
	if (wf->nstates)
		return bad(p, "a second 'states' line%s%s", NULL, NULL);
	if (n < 2)
		return bad(p, "'states' needs at least two states%s%s", NULL, NULL);
	if (n - 1 > PX_WF_STATES)
		return bad(p, "more than 32 states%s%s", NULL, NULL);
	for (int i = 1; i < n; i++) {
		if (!name_ok(w[i], 0))
			return bad(p, "bad state name '%s'%s", w[i], NULL);
		if (px_workflow_state(wf, w[i]) >= 0)
			return bad(p, "state '%s' named twice%s", w[i], NULL);
		px_strlcpy(wf->states[wf->nstates++], w[i], PX_WF_NAME);
	}
	return PX_OK;
}

/* FROM: "a,b,c" or "*" (every state that is not final). */
static int from_set(struct parse *p, char *spec, px_wf_states *out)
{
	*out = 0;
	if (!strcmp(spec, "*")) {
		if (!p->have_final)
			return bad(p, "'*' needs the 'final' line before it%s%s", NULL, NULL);
		for (int i = 0; i < p->wf->nstates; i++)
			if (!((p->wf->final >> i) & 1))
				*out |= (px_wf_states)1 << i;
		return PX_OK;
	}
	char *save = NULL;
	for (char *s = strtok_r(spec, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		int st = state_of(p, s);
		if (st < 0)
			return PX_EINPUT;
		if ((*out >> st) & 1)
			return bad(p, "state '%s' listed twice%s", s, NULL);
		*out |= (px_wf_states)1 << st;
	}
	if (!*out)
		return bad(p, "a move needs the states it leaves%s%s", NULL, NULL);
	return PX_OK;
}

static int line_move(struct parse *p, char **w, int n)
{
	struct px_workflow *wf = p->wf;
	if (n < 5)
		return bad(p, "'move' needs VERB FROM TO ROLE%s%s", NULL, NULL);
	if (!name_ok(w[1], 0))
		return bad(p, "bad verb '%s'%s", w[1], NULL);
	if (px_workflow_move(wf, w[1]))
		return bad(p, "verb '%s' defined twice%s", w[1], NULL);
	if (n - 5 > PX_WF_NEEDS)
		return bad(p, "a move may need at most four fields%s%s", NULL, NULL);
	struct px_wf_move m = { .line = p->line };
	px_strlcpy(m.verb, w[1], sizeof m.verb);
	if (from_set(p, w[2], &m.from) || (m.to = state_of(p, w[3])) < 0)
		return PX_EINPUT;
	if (!strcmp(w[4], "system"))
		m.role = PX_WF_ROLE_SYSTEM;
	else if (px_role_parse(w[4], &m.role))
		return bad(p, "unknown role '%s'%s", w[4], NULL);
	for (int i = 5; i < n; i++) {
		if (!name_ok(w[i], 0))
			return bad(p, "bad field name '%s'%s", w[i], NULL);
		px_strlcpy(m.needs[m.nneeds++], w[i], PX_WF_NAME);
	}
	if (wf->nmoves == (int)p->cap_moves) {
		p->cap_moves = p->cap_moves ? 2 * p->cap_moves : 8;
		wf->moves = px_xrealloc(wf->moves, p->cap_moves * sizeof *wf->moves);
	}
	wf->moves[wf->nmoves++] = m;
	return PX_OK;
}

static int line_on(struct parse *p, char **w, int n)
{
	struct px_workflow *wf = p->wf;
	if (n < 4)
		return bad(p, "'on' needs STATE EFFECT and what it acts on%s%s", NULL, NULL);
	struct px_wf_effect e = { .line = p->line };
	if ((e.state = state_of(p, w[1])) < 0)
		return PX_EINPUT;
	int words = 1, dots = 0;
	if (!strcmp(w[2], "emit"))
		e.kind = PX_WF_EMIT, dots = 1;
	else if (!strcmp(w[2], "clock"))
		e.kind = PX_WF_CLOCK, words = 2;
	else if (!strcmp(w[2], "notify"))
		e.kind = PX_WF_NOTIFY;
	else if (!strcmp(w[2], "survey"))
		e.kind = PX_WF_SURVEY;
	else
		return bad(p, "unknown effect '%s' (emit, clock, notify or survey)%s", w[2], NULL);
	if (n - 3 != words)
		return bad(p, words == 2 ? "'clock' needs start, pause or stop and a clock name%s%s"
					 : "'%s' takes one name%s", w[2], NULL);
	if (e.kind == PX_WF_CLOCK && strcmp(w[3], "start") && strcmp(w[3], "pause") &&
	    strcmp(w[3], "stop"))
		return bad(p, "a clock may start, pause or stop, not '%s'%s", w[3], NULL);
	for (int i = 0; i < words; i++) {
		if (!name_ok(w[3 + i], dots))
			return bad(p, "bad name '%s'%s", w[3 + i], NULL);
		px_strlcpy(e.arg[i], w[3 + i], PX_WF_NAME);
	}
	if (wf->neffects == (int)p->cap_effects) {
		p->cap_effects = p->cap_effects ? 2 * p->cap_effects : 8;
		wf->effects = px_xrealloc(wf->effects, p->cap_effects * sizeof *wf->effects);
	}
	wf->effects[wf->neffects++] = e;
	return PX_OK;
}

/* 1 when w is an id prefix (lower-case letters, when lower) or else a
 * reference series (a capital letter, then capitals and digits), of at
 * most 7 characters. */
static int prefix_ok(const char *w, int lower)
{
	size_t n = strlen(w);
	if (!n || n >= PX_WF_PREFIX || isdigit((unsigned char)*w))
		return 0;
	for (; *w; w++) {
		int c = (unsigned char)*w;
		if (lower ? !islower(c) : (!isupper(c) && !isdigit(c)))
			return 0;
	}
	return 1;
}

/* "id PREFIX" and "ref SERIES", each once. */
static int line_prefix(struct parse *p, char **w, int n, char *out, int lower)
{
	if (*out)
		return bad(p, "a second '%s' line%s", w[0], NULL);
	if (n != 2 || !prefix_ok(w[1], lower))
		return bad(p, lower ? "'%s' needs one prefix of at most 7 lower-case letters%s"
				    : "'%s' needs one series of at most 7 capital letters and digits%s",
			   w[0], NULL);
	px_strlcpy(out, w[1], PX_WF_PREFIX);
	return PX_OK;
}

static int line_words(struct parse *p, char **w, int n)
{
	struct px_workflow *wf = p->wf;
	const char *k = w[0];
	if (!strcmp(k, "kind")) {
		if (p->have_kind)
			return bad(p, "a second 'kind' line%s%s", NULL, NULL);
		if (n != 2 || !name_ok(w[1], 0))
			return bad(p, "'kind' needs one name%s%s", NULL, NULL);
		px_strlcpy(wf->kind, w[1], sizeof wf->kind);
		p->have_kind = 1;
		return PX_OK;
	}
	if (!strcmp(k, "id"))
		return line_prefix(p, w, n, wf->id, 1);
	if (!strcmp(k, "ref"))
		return line_prefix(p, w, n, wf->ref, 0);
	if (!strcmp(k, "states"))
		return line_states(p, w, n);
	if (!strcmp(k, "initial")) {
		if (p->have_initial || n != 2)
			return bad(p, p->have_initial ? "a second 'initial' line%s%s"
						      : "'initial' needs one state%s%s", NULL, NULL);
		if ((wf->initial = state_of(p, w[1])) < 0)
			return PX_EINPUT;
		p->have_initial = 1;
		return PX_OK;
	}
	if (!strcmp(k, "final")) {
		if (p->have_final || n < 2)
			return bad(p, p->have_final ? "a second 'final' line%s%s"
						    : "'final' needs at least one state%s%s", NULL, NULL);
		for (int i = 1; i < n; i++) {
			int s = state_of(p, w[i]);
			if (s < 0)
				return PX_EINPUT;
			wf->final |= (px_wf_states)1 << s;
		}
		p->have_final = 1;
		return PX_OK;
	}
	if (!strcmp(k, "move"))
		return line_move(p, w, n);
	if (!strcmp(k, "on"))
		return line_on(p, w, n);
	return bad(p, "unknown line '%s' (kind, id, ref, states, initial, final, move or on)%s", k,
		   NULL);
}

/* What the whole file must have once read. */
static int check_whole(struct parse *p)
{
	struct px_workflow *wf = p->wf;
	if (!p->have_kind || !wf->nstates || !p->have_initial || !p->have_final || !wf->nmoves)
		return px_fail_at(p->err, PX_EINPUT, p->path, 0,
				  "a workflow needs kind, states, initial, final and moves");
	if ((wf->final >> wf->initial) & 1)
		return px_fail_at(p->err, PX_EINPUT, p->path, 0, "the initial state '%s' is final",
				  wf->states[wf->initial]);
	/* effects grouped by state, each state's in the file's order */
	for (int i = 1; i < wf->neffects; i++)
		for (int j = i; j > 0 && wf->effects[j - 1].state > wf->effects[j].state; j--) {
			struct px_wf_effect t = wf->effects[j];
			wf->effects[j] = wf->effects[j - 1];
			wf->effects[j - 1] = t;
		}
	/* every state but the initial one is entered by some move */
	for (int s = 0; s < wf->nstates; s++) {
		int entered = s == wf->initial;
		for (int i = 0; i < wf->nmoves && !entered; i++)
			entered = wf->moves[i].to == s;
		if (!entered)
			return px_fail_at(p->err, PX_EINPUT, p->path, 0,
					  "no move enters the state '%s'", wf->states[s]);
	}
	return PX_OK;
}

/* Each line's words, to line_words with the line's number. */
static int on_words(char **w, int n, long line, void *vp, struct px_err *err)
{
	struct parse *p = vp;
	(void)err;
	p->line = line;
	return line_words(p, w, n);
}

int px_workflow_load(const char *path, struct px_workflow **out, struct px_err *err)
{
	*out = NULL;
	struct px_workflow *wf = px_xcalloc(1, sizeof *wf);
	px_strlcpy(wf->path, path, sizeof wf->path);
	struct parse p = { .wf = wf, .path = path, .err = err };
	int rc = px_wordfile_read(path, WORDS, on_words, &p, err);
	if (!rc)
		rc = check_whole(&p);
	if (rc) {
		px_workflow_free(wf);
		return rc;
	}
	*out = wf;
	return PX_OK;
}

void px_workflow_free(struct px_workflow *wf)
{
	if (!wf)
		return;
	free(wf->moves);
	free(wf->effects);
	free(wf);
}
