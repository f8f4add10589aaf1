The same reason is said twenty times at most in a file: the rest are counted, and said once at the end of the file with the reason; other reasons keep their own count, and the rejects file still has every row. The summary at the end counts every reject by its reason, the most frequent first.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
{ echo "event,event_time,hospital,department,visit,patient_type,mrn"
  for i in $(seq 25); do echo "discharge,2026-11-22T10:00:00Z,KFH,XRAY,V$i,opd,M$i"; done
  echo "fly,2026-11-22T10:00:00Z,KFH,OPD,W1,opd,M99"; } > many.csv
px-import-his --rejects bad.csv many.csv 2> err; code
grep -c "unknown department 'XRAY'" err
tail -5 err
grep -c ',unknown department' bad.csv
### stdout
exit 1
22
px-import-his: many.csv:27: unknown event 'fly'
px-import-his: ... and 5 more: unknown department 'XRAY' of KFH
px-import-his: 26 records, 0 applied, 0 already imported, 26 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 25: unknown department 'XRAY' of KFH
px-import-his: rejected 1: unknown event 'fly'
25
