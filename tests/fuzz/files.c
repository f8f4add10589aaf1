/* files - the files px reads its rules from, on any bytes: the first byte
 * chooses the parser (the --map file, a calendar, px.conf, a workflow, the
 * action rules and routing, the SLA policies, a journey, a survey
 * template). */
#include <sys/stat.h>

#include "fuzz.h"
#include "px.h"
#include "base/calendar.h"
#include "cases/raise.h"
#include "cases/sla.h"
#include "cases/workflow.h"
#include "intake/journey.h"
#include "intake/map.h"
#include "surveys/internal.h"

static const char routes_ok[] = "route default to=same owner=department_manager\n";
static const char rules_ok[] = "rule serious on=complaint severity=high,critical priority=high title=Serious {ref}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned sel = data[0] % 9;
	data++;
	size--;
	struct px_err err;
	switch (sel) {
	case 0: {
		struct px_map *m = NULL;
		if (!px_map_load(fuzz_file(data, size, NULL), &m, &err))
			px_map_free(m);
		break;
	}
	case 1: {
		struct px_calendar *c = NULL;
		if (!px_calendar_parse("fuzz", (const char *)data, size, &c, &err))
			px_calendar_free(c);
		break;
	}
	case 2: {
		struct px_config *c = px_config_load(fuzz_file(data, size, NULL), &err);
		px_config_free(c);
		break;
	}
	case 3: {
		struct px_workflow *w = NULL;
		if (!px_workflow_load(fuzz_file(data, size, NULL), &w, &err))
			px_workflow_free(w);
		break;
	}
	case 4:
	case 5: {
		/* the rules file, or the routing file beside a good rules file */
		char rules[600];
		const char *p = fuzz_file(data, size, NULL);
		snprintf(rules, sizeof rules, "%s.other", p);
		FILE *f = fopen(rules, "w");
		if (!f)
			abort();
		fputs(sel == 4 ? routes_ok : rules_ok, f);
		fclose(f);
		struct px_action_rules *rs = NULL;
		if (!px_action_rules_load(sel == 4 ? p : rules, sel == 4 ? rules : p, &rs, &err))
			px_action_rules_free(rs);
		unlink(rules);
		break;
	}
	case 6: {
		struct px_sla_policies *ps = NULL;
		if (!px_sla_policies_load(fuzz_file(data, size, NULL), &ps, &err))
			px_sla_policies_free(ps);
		break;
	}
	case 7: {
		char dir[600];
		snprintf(dir, sizeof dir, "%s.d", fuzz_file(NULL, 0, NULL));
		mkdir(dir, 0700);
		char path[640];
		snprintf(path, sizeof path, "%s/fuzz.journey", dir);
		FILE *f = fopen(path, "wb");
		if (!f)
			abort();
		fwrite(data, 1, size, f);
		fclose(f);
		struct px_journeys js = { 0 };
		if (!px_journeys_load(dir, &js, &err))
			px_journeys_free(&js);
		break;
	}
	case 8: {
		struct px_survey_tpl *t = px_survey_tpl_parse((const char *)data, size, &err);
		px_survey_tpl_free(t);
		break;
	}
	}
	return 0;
}
