px-report suppressed groups the surveys px-survey send held back by the reason's code (one fatigue row for three patients, each held by a survey of their own), and --list shows each one with its words
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > /dev/null
# A second survey for three patients the next day, outside the encounter:
# each is held by the patient's own survey of the day before.
q "INSERT INTO survey_due (public_id, patient_id, hospital_id, department_id, template, channel, due_at, created_at, updated_at)
SELECT 'due2_' || substr(p.public_id, 5), p.id, p.hospital_id, e.department_id, 'nps', 'sms', '2026-11-24T08:00:00Z',
	'2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z' FROM patients p JOIN encounters e ON e.patient_id = p.id
WHERE p.mrn IN ('MRN001', 'MRN002', 'MRN005')"
PX_NOW=2026-11-24T09:00:00Z px-survey send --due; code
q "SELECT public_id, status, reason, reason_detail IS NOT NULL FROM survey_due WHERE status = 'suppressed' ORDER BY id"
px-report suppressed -o csv; code
px-report suppressed --by hospital -o csv
px-report suppressed --list -o csv | norm
px-report suppressed --list --hospital KAMC | norm
px-report suppressed --list --since 2026-11-24 --as kamc_admin -o csv | norm
px-report suppressed --list --by hospital; code
px-report nps --list; code
### stdout
exit 0
due_huda|suppressed|no_contact|1
due_khalid|suppressed|opted_out|1
due2_sara|suppressed|fatigue|1
due2_omar|suppressed|fatigue|1
due2_lina|suppressed|fatigue|1
type,from,to,reason,suppressed,due,share,low_n,partial
report.suppressed,,,fatigue,3,8,37.5,true,true
report.suppressed,,,no_contact,1,8,12.5,true,true
report.suppressed,,,opted_out,1,8,12.5,true,true
exit 0
type,from,to,hospital,reason,suppressed,due,share,low_n,partial
report.suppressed,,,KAMC,fatigue,1,2,50,true,true
report.suppressed,,,KFH,fatigue,2,6,33.3,true,true
report.suppressed,,,KFH,no_contact,1,6,16.7,true,true
report.suppressed,,,KFH,opted_out,1,6,16.7,true,true
type,due,due_at,hospital,department,template,channel,reason,detail,patient
report.suppression,due_huda,2026-11-23T11:00:00+03:00,KFH,KFH/ER,outpatient_visit,sms,no_contact,no contact,pat_huda
report.suppression,due_khalid,2026-11-23T11:00:00+03:00,KFH,KFH/ER,outpatient_visit,sms,opted_out,opted out of sms,pat_khalid
report.suppression,due2_sara,2026-11-24T11:00:00+03:00,KFH,KFH/ER,nps,sms,fatigue,fatigue window (srv_ID sent within 30 days),pat_sara
report.suppression,due2_omar,2026-11-24T11:00:00+03:00,KFH,KFH/ER,nps,sms,fatigue,fatigue window (srv_ID sent within 30 days),pat_omar
report.suppression,due2_lina,2026-11-24T11:00:00+03:00,KAMC,KAMC/ER,nps,sms,fatigue,fatigue window (srv_ID sent within 30 days),pat_lina
{"type":"report.suppression","due":"due2_lina","due_at":"2026-11-24T11:00:00+03:00","hospital":"KAMC","department":"KAMC/ER","template":"nps","channel":"sms","reason":"fatigue","detail":"fatigue window (srv_ID sent within 30 days)","patient":"pat_lina"}
type,due,due_at,hospital,department,template,channel,reason,detail,patient
report.suppression,due2_lina,2026-11-24T11:00:00+03:00,KAMC,KAMC/ER,nps,sms,fatigue,fatigue window (srv_ID sent within 30 days),pat_lina
exit 2
exit 2
### stderr
px-report: --list takes no --by, --period or --compare
usage: px-report surveys|scores|nps|negative|journeys|notify|suppressed|complaints [--by DIMENSION]
           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]
           [--within HOURS] [--list] [--lang LANG] [-o FORMAT]
px-report: --list applies to the suppressed report
usage: px-report surveys|scores|nps|negative|journeys|notify|suppressed|complaints [--by DIMENSION]
           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]
           [--within HOURS] [--list] [--lang LANG] [-o FORMAT]
