px-notify retry puts failed messages back in the outbox, prepared again (an address corrected since is used), by id or key or with --failed (and --since), within the acting user's hospitals, with an audit event; what cannot be retried is reported and the others go on; a message whose channel has no gateway waits (status 4) and does not stop the others.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, phone, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', '0501234567', 'en', 't', 't'), ('pat_omar0000000000000000', 1, 'MRN2', 'Omar', '12345', 'en', 't', 't'), ('pat_lina0000000000000000', 2, 'MRN3', 'Lina', '999', 'en', 't', 't')"
px-notify in.jsonl > out 2> err; code
norm < out; norm < err
echo usage:
px-notify retry 2>&1 | head -1
px-notify retry --failed r1 2>&1 | head -1
px-notify retry --since 2026-11-23 r1 2>&1 | head -1
echo scope:
px-notify --as kamc_admin retry r1; code
px-notify --as viewer retry --failed; code
echo not-failed:
px-notify retry r3 > out 2>&1; code; norm < out
q "UPDATE patients SET phone = '0507654321' WHERE mrn IN ('MRN2', 'MRN3') AND hospital_id = 1"
echo kamc:
PX_NOW=2026-11-23T10:00:00Z px-notify --as kamc_admin retry --failed > out 2>&1; code; norm < out
echo since:
PX_NOW=2026-11-23T10:00:00Z px-notify --as kfh_staff retry --failed --since 2026-11-23T09:30:00Z; code
echo kfh:
PX_NOW=2026-11-23T10:00:00Z px-notify --as kfh_staff retry --failed > out; code; norm < out
q "SELECT key, state, attempts, coalesce(address, '-'), coalesce(last_error, '-'), coalesce(reason, '-'), next_attempt_at, expires_at FROM notifications ORDER BY id"
q "SELECT actor, action, details FROM audit WHERE action = 'notification_requeued'"
echo drain:
PX_NOW=2026-11-23T10:00:00Z px-notify --drain > out 2>&1; code; norm < out
### file in.jsonl
{"type":"notification","key":"r1","channel":"sms","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"r2","channel":"sms","patient":"pat_lina0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"r3","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
### stdout
exit 4
{"type":"notification.result","key":"r1","id":"msg_ID","channel":"sms","status":"failed","attempts":0,"error":"not a valid phone number","reason":null,"provider_id":null,"segments":1,"object_type":null,"object":null}
{"type":"notification.result","key":"r2","id":"msg_ID","channel":"sms","status":"failed","attempts":0,"error":"not a valid phone number","reason":null,"provider_id":null,"segments":1,"object_type":null,"object":null}
{"type":"notification.result","key":"r3","id":"msg_ID","channel":"sms","status":"pending","attempts":0,"error":null,"reason":"no sms gateway: set sms.url in px.conf","provider_id":null,"segments":1,"object_type":null,"object":null}
px-notify: msg_ID: failed: not a valid phone number
px-notify: msg_ID: failed: not a valid phone number
px-notify: msg_ID: waiting: no sms gateway: set sms.url in px.conf
usage:
px-notify: missing message id (or --failed)
px-notify: retry takes message ids or --failed, not both
px-notify: option '--since' needs '--failed'
scope:
exit 4
exit 3
not-failed:
exit 1
px-notify: message 'msg_ID' is pending: only a failed, bounced or unknown message is retried
kamc:
exit 1
px-notify: msg_ID: cannot be retried: not a valid phone number
since:
exit 0
kfh:
exit 0
{"type":"notification.result","key":"r1","id":"msg_ID","channel":"sms","status":"pending","attempts":0,"error":null,"reason":"requeued by kfh_staff","provider_id":null,"segments":1,"object_type":null,"object":null}
r1|pending|0|+966507654321|-|requeued by kfh_staff|2026-11-23T10:00:00Z|2026-11-25T10:00:00Z
r2|failed|0|-|not a valid phone number|-|2026-11-23T09:00:00Z|2026-11-25T09:00:00Z
r3|pending|0|+966501234567|-|no sms gateway: set sms.url in px.conf|2026-11-23T09:00:00Z|2026-11-25T09:00:00Z
kfh_staff|notification_requeued|{"channel":"sms","template":"survey_reminder","attempts":0,"error":"not a valid phone number"}
drain:
exit 4
{"type":"notification.result","key":"r3","id":"msg_ID","channel":"sms","status":"pending","attempts":0,"error":null,"reason":"no sms gateway: set sms.url in px.conf","provider_id":null,"segments":1,"object_type":null,"object":null}
px-notify: msg_ID: waiting: no sms gateway: set sms.url in px.conf
{"type":"notification.result","key":"r1","id":"msg_ID","channel":"sms","status":"pending","attempts":0,"error":null,"reason":"no sms gateway: set sms.url in px.conf","provider_id":null,"segments":1,"object_type":null,"object":null}
px-notify: msg_ID: waiting: no sms gateway: set sms.url in px.conf
### stderr
px-notify: unknown message 'r1'
px-notify: permission denied: 'viewer' (viewer) may not retry notifications
