/* Unit tests of the call-centre export's own spellings: the types of
 * call as exports write them, and durations in seconds, M:SS and
 * H:MM:SS. */
#include "px.h"
#include "tap.h"

int main(void)
{
	static const struct { const char *in, *want; } types[] = {
		{ "inquiry", "inquiry" }, { "Complaint", "complaint" },
		{ "APPOINTMENT", "appointment" }, { "follow_up", "follow_up" },
		{ "Follow-up", "follow_up" }, { "follow up", "follow_up" },
		{ " feedback\t", "feedback" }, { "", NULL }, { "  ", NULL }, { NULL, NULL },
		{ "followup", NULL }, { "walk_in", NULL }, { "inquiry2", NULL },
		{ "call", NULL },
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		is_str(px_call_type_parse(types[i].in), types[i].want, "type of call '%s'",
		       types[i].in ? types[i].in : "(null)");

	static const struct { const char *in; long long want; } ok_times[] = {
		{ "0", 0 }, { "95", 95 }, { " 95 ", 95 }, { "007", 7 }, { "1:35", 95 },
		{ "0:05", 5 }, { "12:00", 720 }, { "0:01:35", 95 }, { "2:00:00", 7200 },
		{ "125:59", 7559 }, { "999999999", 999999999 },
	};
	for (size_t i = 0; i < sizeof ok_times / sizeof ok_times[0]; i++) {
		long long v = -1;
		is_int(px_call_seconds_parse(ok_times[i].in, &v) ? -1 : v, ok_times[i].want,
		       "duration '%s'", ok_times[i].in);
	}
	static const char *const bad_times[] = {
		"", " ", "ten", "-5", "+5", "1.5", "1:5", "1:60", "1:075", ":30", "1:", "1::30",
		"1:00:00:00", "1:00:60", "1 30", "1000000000", "1:3a",
	};
	for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
		long long v = 42;
		ok(px_call_seconds_parse(bad_times[i], &v) == -1 && v == 42,
		   "'%s' is not a duration", bad_times[i]);
	}
	long long v = 42;
	ok(px_call_seconds_parse(NULL, &v) == -1 && v == 42, "no text is no duration");
	return tap_done();
}
