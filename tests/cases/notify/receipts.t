px-notify status reads delivery receipts (CSV or JSON Lines) by provider id or message id and marks messages delivered, failed or bounced.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 't', 't')"
printf '{"type":"notification","key":"r%s","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}\n' 1 2 3 4 | px-notify --queue > /dev/null
q "UPDATE notifications SET state = 'sent', attempts = 1, provider_id = 'prov-' || substr(key, 2) WHERE key IN ('r1', 'r2', 'r3')"
id3=$(q "SELECT public_id FROM notifications WHERE key = 'r3'")
printf 'provider_id,id,status,time,error\nprov-1,,delivered,2026-11-23T09:05:00Z,\nprov-2,,failed,,absent subscriber\n,%s,bounced,,\nprov-9,,delivered,,\n' "$id3" > receipts.csv
px-notify status receipts.csv > out 2> err; code
norm < out
norm < err
px-notify status receipts.csv > /dev/null 2> err; code
echo '{"provider_id":"prov-1","status":"read"}' | px-notify status; code
id4=$(q "SELECT public_id FROM notifications WHERE key = 'r4'")
echo "{\"id\":\"$id4\",\"status\":\"delivered\"}" | px-notify status 2>&1 | norm; code
q "SELECT key, state, coalesce(receipt_at, '-'), coalesce(last_error, '-') FROM notifications ORDER BY id"
q "SELECT action FROM audit WHERE action IN ('notification_delivered', 'notification_failed', 'notification_bounced') ORDER BY id"
### stdout
exit 1
{"type":"notification.result","key":"r1","id":"msg_ID","channel":"sms","status":"delivered","attempts":1,"error":null,"reason":null,"provider_id":"prov-1","segments":2,"object_type":null,"object":null}
{"type":"notification.result","key":"r2","id":"msg_ID","channel":"sms","status":"failed","attempts":1,"error":"absent subscriber","reason":null,"provider_id":"prov-2","segments":2,"object_type":null,"object":null}
{"type":"notification.result","key":"r3","id":"msg_ID","channel":"sms","status":"bounced","attempts":1,"error":null,"reason":null,"provider_id":"prov-3","segments":2,"object_type":null,"object":null}
px-notify: msg_ID: failed: absent subscriber
px-notify: msg_ID: bounced: no reason given
px-notify: receipts.csv:5: no message with provider id 'prov-9'
exit 1
exit 1
px-notify: -:1: message 'msg_ID' is pending: a receipt applies only to a sent message
exit 1
r1|delivered|2026-11-23T09:05:00Z|-
r2|failed|2026-11-23T09:00:00Z|absent subscriber
r3|bounced|2026-11-23T09:00:00Z|-
r4|pending|-|-
notification_delivered
notification_failed
notification_bounced
### stderr
px-notify: -:1: receipt status must be delivered, failed or bounced
