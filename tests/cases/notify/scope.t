px-notify list, show and status reach only the messages of the acting user's hospitals; an unknown hospital or message named on the command line is status 4, a hospital out of scope 3.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 't', 't'), ('pat_omar0000000000000000', 2, 'MRN2', 'Omar', NULL, '0507654321', NULL, 'en', 't', 't')"
printf '{"type":"notification","key":"%s","channel":"sms","patient":"%s","template":"survey_reminder","vars":{"link":"L"}}\n' kfh1 pat_sara0000000000000000 kamc1 pat_omar0000000000000000 | px-notify --queue > /dev/null
q "UPDATE notifications SET state = 'sent', attempts = 1, provider_id = 'prov-' || key"
px-notify --as kamc_admin list -o csv | norm
px-notify list --hospital KAMC -o csv | cut -d, -f3
px-notify --as kamc_admin list --hospital KAMC -o csv | cut -d, -f3
px-notify --as kamc_admin list --hospital KFH; code
px-notify list --hospital NOPE; code
px-notify show NOPE; code
px-notify --as kamc_admin show kfh1; code
px-notify --as kamc_admin show kamc1 | jq -r .key
echo '{"provider_id":"prov-kfh1","status":"delivered"}' | px-notify --as kamc_admin status > out 2> err; code
norm < err
echo '{"provider_id":"prov-kamc1","status":"delivered"}' | px-notify --as kamc_admin status | jq -r .status
q "SELECT key, state FROM notifications ORDER BY id"
### stdout
type,id,key,channel,to,state,attempts,next_attempt,last_error,reason,provider_id,segments,template,language,hospital,object_type,object,created
notification.message,msg_ID,kamc1,sms,*********4321,sent,1,2026-11-23T09:00:00Z,,,prov-kamc1,1,survey_reminder,en,KAMC,,,2026-11-23T09:00:00Z
key
kamc1
key
kamc1
exit 3
exit 4
exit 4
exit 4
kamc1
exit 3
px-notify: -:1: permission denied: 'kamc_admin' (hospital_admin) may not update message 'msg_ID'
delivered
kfh1|sent
kamc1|delivered
### stderr
px-notify: permission denied: 'kamc_admin' (hospital_admin) may not read the outbox of hospital 'KFH'
px-notify: unknown hospital 'NOPE'
px-notify: unknown message 'NOPE'
px-notify: unknown message 'kfh1'
