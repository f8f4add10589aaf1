'show -o table' prints one table per kind of record (the encounter, its events, its journey stages, its surveys), each with its own columns
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
px-import-his x.csv > /dev/null
px-import-his show V1 -o table | norm; code
### file x.csv
visit,event,event_time,hospital,department,patient_type,mrn,phone
V1,register,2026-11-22T08:00:00Z,KFH,OPD,opd,M1,0501234567
V1,discharge,2026-11-22T09:00:00Z,KFH,OPD,opd,M1,
### stdout
TYPE       ID                        HOSPITAL  DEPARTMENT  VISIT  PATIENT                   PATIENT_TYPE  JOURNEY  STATUS      ADMITTED_AT           DISCHARGED_AT         DISPOSITION
encounter  enc_ID  KFH       OPD         V1     pat_ID  opd           opd      discharged  2026-11-22T08:00:00Z  2026-11-22T09:00:00Z

TYPE         EVENT      EVENT_TIME            DEPARTMENT  DISPOSITION  CANCELLED
visit.event  register   2026-11-22T08:00:00Z  OPD                      false
visit.event  discharge  2026-11-22T09:00:00Z  OPD                      false

TYPE           JOURNEY  POSITION  STAGE         STATUS     COMPLETED_AT
journey.stage  opd      1         registration  completed  2026-11-22T08:00:00Z
journey.stage  opd      2         consultation  pending
journey.stage  opd      3         discharge     completed  2026-11-22T09:00:00Z

TYPE              ID                        JOURNEY  STAGE      TEMPLATE          CHANNEL  DUE_AT                STATUS  REASON  SURVEY
encounter.survey  due_ID  opd      discharge  outpatient_visit  sms      2026-11-22T11:00:00Z  due
exit 0
