Calendars: the shipped ones and the hospitals that work to each; a hospital set to one by its admin; a site's own holiday, added by the admin of the hospitals that use the calendar, closes the day for every due time (a Sunday closed moves a Thursday-afternoon deadline to Monday) and is removed again; refusals with their status.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px-sla calendar list | jq -r '[.name, .zone, .hospitals // "-"] | @tsv'; code
px-sla calendar show saudi | jq -r 'select(.type == "sla.calendar") | [.zone, .sun, .thu, .fri // "closed", .sat // "closed"] | @tsv'; code
px-sla calendar show saudi | jq -r 'select(.type == "sla.holiday" and (.from | startswith("2026"))) | [.from, .to, .name] | @tsv'; code
px-sla calendar set saudi --hospital KFH --as viewer; code
px-sla calendar set saudi --hospital KFH --as kfh_admin; code
px-sla calendar set nowhere --hospital KFH --as kfh_admin 2>&1 | sed "s#$SHARE#SHARE#"; code
px-sla calendar list | jq -r '[.name, .hospitals // "-"] | @tsv'
px-sla calendar add-holiday saudi --from 2026-11-29 --name "Hospital day" --as kamc_admin; code
px-sla calendar add-holiday saudi --from 2026-11-31 --name x --as kfh_admin; code
px-sla calendar add-holiday saudi --from 2026-11-29 --name "Hospital day" --as kfh_admin | jq -r '[.type, .calendar, .from, .to, .name] | @tsv'; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 | jq -r .due_local; code
px-sla calendar remove-holiday saudi --from 2026-11-29 --as kfh_admin; code
px-sla due --from 2026-11-26T15:30:00+03:00 --hours 8 | jq -r .due_local; code
px-sla calendar remove-holiday saudi --from 2026-11-29 --as kfh_admin; code
q "SELECT action, object_type, object_id FROM audit WHERE action IN ('calendar_set', 'holiday_added', 'holiday_removed') ORDER BY id"
### stdout
always	Asia/Riyadh	-
saudi	Asia/Riyadh	-
exit 0
Asia/Riyadh	08:00-16:00	08:00-16:00	closed	closed
exit 0
2026-02-22	2026-02-22	Founding Day
2026-03-19	2026-03-24	Eid al-Fitr
2026-05-26	2026-05-31	Eid al-Adha
2026-09-23	2026-09-24	National Day
exit 0
exit 3
exit 0
px-sla: unknown calendar 'nowhere' (no file in SHARE/calendars)
exit 4
always	-
saudi	KFH
exit 3
exit 2
sla.holiday	saudi	2026-11-29	2026-11-29	Hospital day
exit 0
2026-11-30T15:30:00+03:00
exit 0
exit 0
2026-11-29T15:30:00+03:00
exit 0
exit 4
calendar_set|hospital|KFH
holiday_added|calendar|saudi
holiday_removed|calendar|saudi
### stderr
px-sla: permission denied: 'viewer' (viewer) may not set the calendar of hospital 'KFH'
px-sla: permission denied: 'kamc_admin' (hospital_admin) may not change the holidays of calendar 'saudi'
px-sla: --from: not a date YYYY-MM-DD: '2026-11-31'
px-sla: calendar 'saudi' has no holiday of its site from 2026-11-29 (the file's own holidays change in the file)
