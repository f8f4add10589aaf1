HL7 with non-default encoding characters (MSH-1 '#', MSH-2 '$%*!') and escapes in names; bad messages are rejected with file:line and message number; a batch envelope is skipped
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
printf 'FHS#$%%*!\nBHS#$%%*!\nMSH#$%%*!#HIS#KFH#PX#PX#20261122100000##ADT$A03#X1#P#2.5\nEVN#A03#20261122100000\nPID#1##M3001$$$KFH$MR##O*T*Brien$Se*F*n*S*a*X41*##19900202#F#####$PRN$CP$$$$0501112222\nPV1#1#O#OPD$$$KFH################V7001\nMSH|^~\\&|HIS|KFH|PX|PX|20261122100000||ADT^A03|X2|P|2.5\nPID|1||\nPV1|1|O|OPD^^^KFH||||||||||||||||V7002\nZZZ\nBTS#1\nFTS#1\n' > mixed.hl7
px-import-his --rejects rej.hl7 mixed.hl7 | norm; code
q "SELECT mrn, name_en FROM patients"
cat rej.hl7
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M3001","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V7001","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T09:00:00Z"}
exit 1
M3001|Se#n$aA O!Brien
MSH|^~\&|HIS|KFH|PX|PX|20261122100000||ADT^A03|X2|P|2.5
PID|1||
PV1|1|O|OPD^^^KFH||||||||||||||||V7002
ZZZ

### stderr
px-import-his: mixed.hl7:8: message 2: PID-3: missing MRN
px-import-his: 2 records, 1 applied, 0 already imported, 1 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: PID-3: missing MRN
