px-notify list filters the outbox by state and channel and masks addresses; show gives one message with its text; viewers of another hospital see nothing.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 't', 't')"
printf '{"type":"notification","key":"l%s","channel":"%s","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}\n' 1 sms 2 email 3 whatsapp | px-notify --queue > /dev/null
px-notify list -o csv | norm
px-notify list --channel email -o csv | norm
px-notify list --state sent; code
first_line px-notify list --state bogus; code
px-notify show l2 | norm
px-notify --as kamc_admin list; code
px-notify --as kamc_admin show l1; code
px-notify --as viewer list; code
### stdout
type,id,key,channel,to,state,attempts,next_attempt,last_error,reason,provider_id,segments,template,language,hospital,object_type,object,created
notification.message,msg_ID,l1,sms,*********4567,pending,0,2026-11-23T09:00:00Z,,,,2,survey_reminder,ar,KFH,,,2026-11-23T09:00:00Z
notification.message,msg_ID,l2,email,************.com,pending,0,2026-11-23T09:00:00Z,,,,,survey_reminder,ar,KFH,,,2026-11-23T09:00:00Z
notification.message,msg_ID,l3,whatsapp,*********4567,pending,0,2026-11-23T09:00:00Z,,,,,survey_reminder,ar,KFH,,,2026-11-23T09:00:00Z
type,id,key,channel,to,state,attempts,next_attempt,last_error,reason,provider_id,segments,template,language,hospital,object_type,object,created
notification.message,msg_ID,l2,email,************.com,pending,0,2026-11-23T09:00:00Z,,,,,survey_reminder,ar,KFH,,,2026-11-23T09:00:00Z
exit 0
px-notify: unknown state 'bogus'
exit 2
{"type":"notification.message","id":"msg_ID","key":"l2","channel":"email","to":"************.com","state":"pending","attempts":0,"next_attempt":"2026-11-23T09:00:00Z","last_error":null,"reason":null,"provider_id":null,"segments":null,"template":"survey_reminder","language":"ar","hospital":"KFH","object_type":null,"object":null,"created":"2026-11-23T09:00:00Z","recipient":"patient","requested_channel":"email","updated":"2026-11-23T09:00:00Z","sent":null,"receipt":null,"subject":"مستشفى الملك فهد: تذكير بالاستبيان","text":"عزيزنا سارة علي، ما زلنا نرغب في معرفة رأيك في زيارتك مستشفى الملك فهد. لن يستغرق الاستبيان أكثر من دقيقتين: L","html":null}
exit 0
exit 4
exit 3
### stderr
px-notify: unknown message 'l1'
px-notify: permission denied: 'viewer' (viewer) may not read the outbox
