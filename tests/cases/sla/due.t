Due times in business hours of the shipped Saudi calendar (Sunday to Thursday, 08:00 to 16:00, Riyadh): from Thursday 15:30, eight hours fall due on Sunday at 15:30; from 02:00 the clock starts at 08:00; hours of the clock ignore the calendar; a bad --hours is a usage error.
### cmd
setup_org > /dev/null
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 | jq -r '[.from, .starts_at, .due_at, .due_local, .calendar] | @tsv'; code
px-sla due --from 2026-11-24T02:00:00+03:00 --hours 8 | jq -r '[.starts_at, .due_local] | @tsv'; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --clock | jq -r '[.due_local, .calendar] | @tsv'; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --calendar always | jq -r .due_local; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours eight; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 --calendar nowhere; code
