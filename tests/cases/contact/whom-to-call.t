Whom to call: the queue and show give the patient's name, MRN and phone to the roles that may contact patients (hospital_admin, px_admin; staff with contact.staff_may_contact), null to the others; each run that shows them writes one audit row naming the surveys, with no identifier in the audit.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
a() { q "SELECT count(*) FROM audit WHERE action = 'patient_identifiers_read'"; }
px-contact --as kfh_admin queue | jq -r '[.name, .mrn, .phone, .patient != null] | @tsv'
echo "audit rows: $(a)"
px-contact --as kfh_staff queue | jq -r '[.name, .mrn, .phone, .patient != null] | @tsv'
px-contact --as viewer show "$NEG" | jq -r 'select(.type == "contact.survey") | [.name, .mrn, .phone] | @tsv'
echo "audit rows: $(a)"
px-contact --as kfh_px show "$NEG" | jq -r 'select(.type == "contact.survey") | [.name, .mrn, .phone] | @tsv'
px-contact queue | jq -r .mrn
echo "audit rows: $(a)"
q "SELECT actor, object_type, details FROM audit WHERE action = 'patient_identifiers_read' ORDER BY id" | norm
! q "SELECT details FROM audit" | grep -E 'KFH000|KAMC000|Ahmed|Faisal|966' && echo "no identifier in the audit"
PX_CONTACT_STAFF_MAY_CONTACT=true px-contact --as kfh_staff queue | jq -r .mrn
### stdout
Ahmed Ali	KFH0001	+966501234567	true
audit rows: 1
			true
		
audit rows: 1
Ahmed Ali	KFH0001	+966501234567
KFH0001
KAMC0001
audit rows: 3
kfh_admin|survey|{"surveys":["srv_ID"],"via":"contact queue"}
kfh_px|survey|{"surveys":["srv_ID"],"via":"contact show"}
admin|survey|{"surveys":["srv_ID","srv_ID"],"via":"contact queue"}
no identifier in the audit
KFH0001
### stderr
