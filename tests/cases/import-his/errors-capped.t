The same reason is said twenty times at most in a file: the rest are counted, and said once at the end of the file with the reason; other reasons keep their own count, and the rejects file still has every row.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
{ echo "event,event_time,hospital,department,visit,patient_type,mrn"
  for i in $(seq 25); do echo "discharge,2026-11-22T10:00:00Z,KFH,XRAY,V$i,opd,M$i"; done
  echo "fly,2026-11-22T10:00:00Z,KFH,OPD,W1,opd,M99"; } > many.csv
px-import-his --rejects bad.csv many.csv 2> err; code
grep -c "unknown department 'XRAY'" err
tail -2 err
grep -c ',unknown department' bad.csv
### stdout
exit 1
21
px-import-his: many.csv:27: unknown event 'fly'
px-import-his: ... and 5 more: unknown department 'XRAY' of KFH
25
