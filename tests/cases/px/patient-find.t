px patient find and show: the patient by MRN, phone or national id (through its keyed hash), with channels, opt-outs and recent surveys, to the roles that may contact patients; one audit row per run, naming patients by id only; status 4 for an unknown patient.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
printf 'event_id,event,event_time,hospital,department,visit,patient_type,mrn,name_en,phone,national_id\nn1,register,2026-11-23T06:00:00Z,KFH,OPD,KFH-N1,opd,KFH0077,Noura Saleh,0507770077,1012345678\n' > natid.csv
px-import-his natid.csv > /dev/null
before=$(q "SELECT count(*) FROM audit")
px patient find --mrn KFH0001 | norm
px patient --as kfh_admin find --phone 0551112233 -o csv | norm
px patient find --natid 1012345678 | jq -r '[.mrn, .national_id] | join(" ")'
px patient find --hospital KAMC --mrn KAMC0001 | jq -r .name_en
[ "$(q "SELECT count(*) FROM audit")" = "$((before + 4))" ] && echo "one audit row per run"
q "SELECT action, object_type, details FROM audit ORDER BY id DESC LIMIT 1" | norm
! q "SELECT details FROM audit WHERE action = 'patient_identifiers_read'" | sed -E 's/pat_[0-9a-z]{20}//g' | grep -E 'KFH0|KAMC0|05[0-9]|\+966|1012345678|Ahmed|Sara' && echo "no identifier in the audit"
P=$(px patient find --mrn KFH0002 | jq -r .patient)
px patient show "$P" | norm
# refusals and unknowns
px patient --as kfh_staff find --mrn KFH0001; code
px patient --as viewer show "$P"; code
px patient --as kamc_admin show "$P"; code
px patient --as kamc_admin find --mrn KFH0001; code
px patient find --mrn NOSUCH; code
px patient find --natid 1099999999; code
px patient find --phone 0509999999; code
px patient show pat_nosuch; code
px patient find --hospital NOPE --mrn KFH0001; code
short_usage px patient find; code
short_usage px patient find --mrn A --phone B; code
# staff, when px.conf lets staff contact patients
PX_CONTACT_STAFF_MAY_CONTACT=true px patient --as kfh_staff find --mrn KFH0001 | jq -r .mrn
### stdout
{"type":"patient","patient":"pat_ID","hospital":"KFH","mrn":"KFH0001","name_en":"Ahmed Ali","name_ar":"أحمد علي","phone":"+966501234567","email":null,"national_id":null,"language":"ar","deceased_at":null}
type,patient,hospital,mrn,name_en,name_ar,phone,email,national_id,language,deceased_at
patient,pat_ID,KFH,KFH0002,Sara Omar,سارة عمر,+966551112233,sara@example.com,,en,
KFH0077 ******5678
Faisal Saad
one audit row per run
patient_identifiers_read|patient|{"patients":["pat_ID"],"via":"patient find"}
no identifier in the audit
{"type":"patient","patient":"pat_ID","hospital":"KFH","mrn":"KFH0002","name_en":"Sara Omar","name_ar":"سارة عمر","phone":"+966551112233","email":"sara@example.com","national_id":null,"language":"en","deceased_at":null}
{"type":"patient.channel","patient":"pat_ID","channel":"sms","address":"+966551112233","preferred":false,"opted_out":false,"usable":true}
{"type":"patient.channel","patient":"pat_ID","channel":"whatsapp","address":"+966551112233","preferred":false,"opted_out":false,"usable":true}
{"type":"patient.channel","patient":"pat_ID","channel":"email","address":"sara@example.com","preferred":false,"opted_out":false,"usable":true}
{"type":"patient.survey","patient":"pat_ID","survey":"srv_ID","template":"outpatient_visit","status":"completed","channel":"sms","sent_at":"2026-11-23T09:00:00Z","completed_at":"2026-11-23T10:00:00Z","score":5,"negative":false}
exit 3
exit 3
exit 3
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 2
exit 2
KFH0001
### stderr
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px: permission denied: 'kfh_staff' (staff) may not read patient identifiers
px: permission denied: 'viewer' (viewer) may not read patient identifiers for hospital 'KFH'
px: permission denied: 'kamc_admin' (hospital_admin) may not read patient identifiers for hospital 'KFH'
px: unknown patient (MRN ***0001)
px: unknown patient (MRN ******)
px: unknown patient (national id ******9999)
px: unknown patient (phone ******9999)
px: unknown patient 'pat_nosuch'
px: unknown hospital 'NOPE'
px: patient find needs one of --mrn, --phone, --natid
usage: px patient find [--hospital CODE] [--mrn MRN | --phone NUMBER | --natid ID] [-o FORMAT]
px: patient find needs one of --mrn, --phone, --natid
usage: px patient find [--hospital CODE] [--mrn MRN | --phone NUMBER | --natid ID] [-o FORMAT]
