Invalid or missing addresses fail at once with the reason; opt-outs are suppressed; bad records are rejected; other records pass through.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, optout_whatsapp, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 1, 't', 't'), ('pat_omar0000000000000000', 1, 'MRN2', 'Omar', NULL, '12345', NULL, 'en', 0, 't', 't')"
px-notify in.jsonl > out 2> err; code
norm < out
norm < err
q "SELECT key, state, attempts, coalesce(last_error, '-'), coalesce(reason, '-'), coalesce(address, '-') FROM notifications ORDER BY id"
q "SELECT action, details FROM audit WHERE object_type = 'notification' ORDER BY id"
### file in.jsonl
{"type":"memo","note":"passes through"}
{"type":"notification","key":"v1","channel":"sms","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"v2","channel":"email","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"v3","channel":"email","to":"not an address","hospital":"KFH","language":"en","template":"survey_reminder","vars":{"link":"L","patient_name":"X"}}
{"type":"notification","key":"v4","channel":"whatsapp","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"v5","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{}}
{"type":"notification","key":"v6","channel":"fax","patient":"pat_sara0000000000000000","template":"survey_reminder"}
{"type":"notification","key":"v7","channel":"sms","patient":"pat_nobody00000000000000","template":"survey_reminder"}
{"type":"notification","key":"v8","channel":"sms","patient":"pat_sara0000000000000000","template":"no_such_template"}
{"type":"notification","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder"}
### stdout
exit 1
{"type":"memo","note":"passes through"}
{"type":"notification.result","key":"v1","id":"msg_ID","channel":"sms","status":"failed","attempts":0,"error":"not a valid phone number","reason":null,"provider_id":null,"segments":1,"object_type":null,"object":null}
{"type":"notification.result","key":"v2","id":"msg_ID","channel":"email","status":"failed","attempts":0,"error":"patient has no email address","reason":null,"provider_id":null,"segments":null,"object_type":null,"object":null}
{"type":"notification.result","key":"v3","id":"msg_ID","channel":"email","status":"failed","attempts":0,"error":"not a valid email address","reason":null,"provider_id":null,"segments":null,"object_type":null,"object":null}
{"type":"notification.result","key":"v4","id":"msg_ID","channel":"whatsapp","status":"suppressed","attempts":0,"error":null,"reason":"patient opted out of whatsapp","provider_id":null,"segments":null,"object_type":null,"object":null}
px-notify: msg_ID: failed: not a valid phone number
px-notify: msg_ID: failed: patient has no email address
px-notify: msg_ID: failed: not a valid email address
px-notify: in.jsonl:6: template 'survey_reminder': missing variable 'link'
px-notify: in.jsonl:7: channel must be sms, whatsapp or email
px-notify: in.jsonl:8: unknown patient 'pat_ID'
px-notify: in.jsonl:9: unknown template 'no_such_template'
px-notify: in.jsonl:10: notification has no 'key'
v1|failed|0|not a valid phone number|-|-
v2|failed|0|patient has no email address|-|-
v3|failed|0|not a valid email address|-|-
v4|suppressed|0|-|patient opted out of whatsapp|+966501234567
notification_failed|{"channel":"sms","template":"survey_reminder","error":"not a valid phone number"}
notification_failed|{"channel":"email","template":"survey_reminder","error":"patient has no email address"}
notification_failed|{"channel":"email","template":"survey_reminder","error":"not a valid email address"}
notification_suppressed|{"channel":"whatsapp","template":"survey_reminder","error":"patient opted out of whatsapp"}
