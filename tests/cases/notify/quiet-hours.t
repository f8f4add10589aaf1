Patient messages wait for the end of quiet hours (22:00-08:00 in the display zone); staff messages are not held; a drain after 08:00 sends them.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, optout_whatsapp, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 1, 't', 't'), ('pat_omar0000000000000000', 1, 'MRN2', 'Omar', NULL, '12345', NULL, 'en', 0, 't', 't')"
px user add nurse --role staff --hospital KFH --email nurse@kfh.example.sa
export PX_NOW=2026-11-23T20:30:00Z
px-notify --queue in.jsonl > out; code
norm < out
q "SELECT key, state, attempts, next_attempt_at, coalesce(reason, '-') FROM notifications ORDER BY id"
echo '07:59 local:'
PX_NOW=2026-11-24T04:59:00Z px-notify --drain --dry-run | norm
echo '08:00 local:'
PX_NOW=2026-11-24T05:00:00Z px-notify --drain --dry-run | norm
### file in.jsonl
{"type":"notification","key":"q1","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"q2","channel":"email","user":"nurse","hospital":"KFH","template":"sla_reminder","vars":{"complaint":"C-1","due":"today","link":"L"}}
### stdout
exit 0
{"type":"notification.result","key":"q1","id":"msg_ID","channel":"sms","status":"pending","attempts":0,"error":null,"reason":"quiet hours until 2026-11-24T08:00:00+03:00","provider_id":null,"segments":2,"object_type":null,"object":null}
{"type":"notification.result","key":"q2","id":"msg_ID","channel":"email","status":"pending","attempts":0,"error":null,"reason":null,"provider_id":null,"segments":null,"object_type":null,"object":null}
q1|pending|0|2026-11-24T05:00:00Z|quiet hours until 2026-11-24T08:00:00+03:00
q2|pending|0|2026-11-23T20:30:00Z|-
07:59 local:
{"type":"notification.preview","key":"q2","id":"msg_ID","channel":"email","to":"****************e.sa","language":"en","template":"sla_reminder","status":"pending","attempts":0,"subject":"Complaint C-1 is due today","text":"Complaint C-1 at King Fahd Hospital must be resolved by today. Open it: L","segments":null,"object_type":null,"object":null}
08:00 local:
{"type":"notification.preview","key":"q2","id":"msg_ID","channel":"email","to":"****************e.sa","language":"en","template":"sla_reminder","status":"pending","attempts":0,"subject":"Complaint C-1 is due today","text":"Complaint C-1 at King Fahd Hospital must be resolved by today. Open it: L","segments":null,"object_type":null,"object":null}
{"type":"notification.preview","key":"q1","id":"msg_ID","channel":"sms","to":"*********4567","language":"ar","template":"survey_reminder","status":"pending","attempts":0,"subject":null,"text":"عزيزنا سارة علي، ما زلنا نرغب في معرفة رأيك في زيارتك مستشفى الملك فهد. لن يستغرق الاستبيان أكثر من دقيقتين: L","segments":2,"object_type":null,"object":null}
