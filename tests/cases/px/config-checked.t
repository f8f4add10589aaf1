Every command checks px.conf against the table of known keys when it reads it: a bad value stops it with status 4 naming file:line (or the variable), before it does anything; an unknown key is a warning.
### cmd
setup_org > /dev/null
printf '[survey]\n# a week too short\nexpiry_days = -1\n' > bad.conf
for c in "px org list" "px audit" "px-survey list" "px-survey template list" "px-survey send --due" \
	"px-notify list" "px-contact queue" "px-report surveys" "px-import-his due"; do
	$c --config bad.conf > out; echo "$c: exit $? $(wc -c < out)"
done
# the last line that sets a key is the one named
printf '[survey]\nexpiry_days = 7\nexpiry_days = 0\n' > bad.conf
px --config bad.conf org list; code
# each type of value
printf '[whatsapp]\nfallback_sms = maybe\n' > bad.conf; px --config bad.conf org list; code
printf '[smtp]\nstarttls = sometimes\n' > bad.conf; px --config bad.conf org list; code
printf '[smtp]\nurl = http://mail.example.org\n' > bad.conf; px --config bad.conf org list; code
printf '[notify]\nquiet_hours = 22-08\n' > bad.conf; px --config bad.conf org list; code
printf '[sms]\nsuccess_status = 299-200\n' > bad.conf; px --config bad.conf org list; code
printf '[sms]\nheader.2 = Bearer x\n' > bad.conf; px --config bad.conf org list; code
printf '[privacy]\nnatid_key = short-secret\n' > bad.conf; px --config bad.conf org list 2>&1 | grep -c short-secret; px --config bad.conf org list; code
# an env: value is checked as read, and the environment's overrides too
printf '[survey]\nreminder_max = env:REMINDERS\n' > bad.conf
REMINDERS=11 px --config bad.conf org list; code
REMINDERS= px --config bad.conf org list > /dev/null; code
PX_SURVEY_FATIGUE_DAYS=-3 px org list; code
PX_SMS_HEADER_7=nocolon px org list; code
# unknown keys, and a header past the last one: warned, and the command runs
printf '[survey]\nexpiry_day = 3\n[sms]\nheader.33 = X-A: b\n[surveys]\nexpiry_days = 5\n' > warn.conf
px --config warn.conf org list -o csv > list.csv; code; head -1 list.csv
### stdout
px org list: exit 4 0
px audit: exit 4 0
px-survey list: exit 4 0
px-survey template list: exit 4 0
px-survey send --due: exit 4 0
px-notify list: exit 4 0
px-contact queue: exit 4 0
px-report surveys: exit 4 0
px-import-his due: exit 4 0
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
0
exit 4
exit 4
exit 0
exit 4
exit 4
exit 0
type,id,hospital,code,name,name_ar
### stderr
px: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-survey: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-survey: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-survey: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-notify: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-contact: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-report: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px-import-his: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '-1'
px: bad.conf:3: configuration 'survey.expiry_days' must be an integer from 1 to 3650, not '0'
px: bad.conf:2: configuration 'whatsapp.fallback_sms' must be true or false, not 'maybe'
px: bad.conf:2: configuration 'smtp.starttls' must be required or optional, not 'sometimes'
px: bad.conf:2: configuration 'smtp.url' must be an address starting smtp:// or smtps://, not 'http://mail.example.org'
px: bad.conf:2: configuration 'notify.quiet_hours' must be HH:MM-HH:MM or none, not '22-08'
px: bad.conf:2: configuration 'sms.success_status' must be a status or a range such as 200-299, not '299-200'
px: bad.conf:2: configuration 'sms.header.2' must be 'Name: value'
px: bad.conf:2: configuration 'privacy.natid_key' is shorter than 16 bytes
px: bad.conf:2: configuration 'survey.reminder_max' must be an integer from 0 to 10, not '11'
px: PX_SURVEY_FATIGUE_DAYS: configuration 'survey.fatigue_days' must be an integer from 0 to 3650, not '-3'
px: PX_SMS_HEADER_7: configuration 'sms.header.7' must be 'Name: value'
px: warn.conf:2: unknown key 'survey.expiry_day'
px: warn.conf:4: unknown key 'sms.header.33'
px: warn.conf:6: unknown key 'surveys.expiry_days'
