/* Unit tests of the closed loop's pure rules (cases/followup.h): the
 * state lists --state takes and the priority of a queue item. */
#include "px.h"
#include "tap.h"

static void test_states(void)
{
	is_int(px_followup_states_parse("awaiting_contact"), 1, "one state is its bit");
	is_int(px_followup_states_parse("awaiting_contact,escalated"), 1 | 16, "two states");
	is_int(px_followup_states_parse("closed,closed"), 8, "a state twice");
	is_int(px_followup_states_parse("contacted,lost"), -1, "an unknown state among them");
	is_int(px_followup_states_parse("contacted,"), -1, "an empty state at the end");
	is_int(px_followup_states_parse(",contacted"), -1, "an empty state first");
	is_int(px_followup_states_parse(""), -1, "nothing");
	is_int(px_followup_states_parse(NULL), -1, "NULL");
}

static void test_priority(void)
{
	/* 1-5 methods: (score - 1) / 4 */
	is_str(px_followup_priority("average", 1.0, 0), "high", "average 1 is 0: high");
	is_str(px_followup_priority("average", 1.99, 0), "high", "average 1.99 is below 0.25: high");
	is_str(px_followup_priority("weighted", 2.0, 0), "medium", "weighted 2 is 0.25: medium");
	is_str(px_followup_priority("average", 2.99, 0), "medium", "average 2.99: medium");
	is_str(px_followup_priority("average", 3.0, 0), "low", "average 3 is 0.5: low");
	/* nps: score / 10 */
	is_str(px_followup_priority("nps", 2, 0), "high", "nps 2: high");
	is_str(px_followup_priority("nps", 3, 0), "medium", "nps 3: medium");
	is_str(px_followup_priority("nps", 6, 0), "low", "nps 6: low");
	/* an escalated loop */
	is_str(px_followup_priority("nps", 6, 1), "high", "escalated: high whatever the score");
}

int main(void)
{
	test_states();
	test_priority();
	return tap_done();
}
