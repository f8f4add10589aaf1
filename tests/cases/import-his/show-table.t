'show -o table' prints one table per kind of record (the encounter, its events, its journey stages, its surveys), each with its own columns, without a type column (each table's rows share one), its times in the display zone (Asia/Riyadh, +03), cut to 100 columns (an empty column, then the widest, left out when cutting text is not enough)
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
ID                        HOSPITAL  DEPARTMENT  VISIT  PATIENT                   JOURNEY  STATUS
enc_ID  KFH       OPD         V1     pat_ID  opd      dischar…

EVENT      EVENT_TIME            DEPARTMENT  DISPOSITION  CANCELLED
register   2026-11-22 11:00 +03  OPD                      false
discharge  2026-11-22 12:00 +03  OPD                      false

JOURNEY  POSITION  STAGE         STATUS     COMPLETED_AT
opd      1         registration  completed  2026-11-22 11:00 +03
opd      2         consultation  pending
opd      3         discharge     completed  2026-11-22 12:00 +03

ID                        JOURNEY  STAGE     TEMPLATE  CHANNEL  DUE_AT                STATUS  REASON
due_ID  opd      dischar…  outpati…  sms      2026-11-22 14:00 +03  due
exit 0
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
