Due times in business hours of the shipped Saudi calendar (Sunday to Thursday, 08:00 to 16:00, Riyadh): from Thursday 15:30, eight hours fall due on Sunday at 15:30; from 02:00 the clock starts at 08:00; hours of the clock ignore the calendar; a bad --hours is a usage error.
### cmd
setup_org > /dev/null
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 | jq -r '[.from, .starts_at, .due_at, .due_local, .calendar] | @tsv'; code
px-sla due --from 2026-11-24T02:00:00+03:00 --hours 8 | jq -r '[.starts_at, .due_local] | @tsv'; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --clock | jq -r '[.due_local, .calendar] | @tsv'; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --calendar always | jq -r .due_local; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours eight; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --calendar nowhere 2>&1 | sed "s#$SHARE#SHARE#"; code
### stdout
2026-11-26T12:30:00Z	2026-11-26T12:30:00Z	2026-11-29T12:30:00Z	2026-11-29T15:30:00+03:00	saudi
exit 0
2026-11-24T05:00:00Z	2026-11-24T16:00:00+03:00
exit 0
2026-11-26T23:30:00+03:00	clock
exit 0
2026-11-26T23:30:00+03:00
exit 0
exit 2
px-sla: unknown calendar 'nowhere' (no file in SHARE/calendars)
exit 4
### stderr
px-sla: --hours: not a number of hours: 'eight'
usage: px-sla due --from TIME --hours N [--calendar NAME | --clock] [-o FORMAT]
