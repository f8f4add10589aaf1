--archive DIR: each file read to its end moves to the archive once committed, its rejects beside it (0600, in the rejects file's re-importable form), a name taken already getting .1; a file that cannot be read stays in the inbox, and so does a pipe (a FIFO, /dev/stdin), which is read but never moved; the inbox read again finds nothing; --archive with --rejects, or a directory px may not write, is refused.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
mkdir inbox done
cp "$TESTS/fixtures/his/visits.csv" inbox/a.csv
printf 'event,event_time,hospital,department,visit,patient_type,mrn\ndischarge,2026-11-22T10:00:00Z,KFH,XRAY,V9,opd,M9\ndischarge,2026-11-22T10:00:00Z,KFH,OPD,V10,opd,M10\n' > inbox/b.csv
printf '\xff\xfe\x00garbage' > inbox/c.jsonl
umask 022
px-import-his --archive done inbox/a.csv inbox/b.csv inbox/c.jsonl > /dev/null 2> err; code
sed 's/^/E: /' err
ls -A inbox done
stat -c '%a %n' done/b.csv.rejects
cat done/b.csv.rejects
cp "$TESTS/fixtures/his/visits.csv" inbox/a.csv
px-import-his --archive done inbox/a.csv > /dev/null; code
ls done
px-import-his --archive done --rejects r.csv inbox/c.jsonl 2> e2; code; head -1 e2
px-import-his --archive nowhere inbox/c.jsonl; code
mkfifo inbox/p.csv
cat done/a.csv > inbox/p.csv &
px-import-his --archive done inbox/p.csv > /dev/null 2> e3; code; wait
cat e3
ls inbox
printf 'event,event_time,hospital,department,visit,patient_type,mrn\ndischarge,2026-11-22T10:00:00Z,KFH,OPD,V11,opd,M11\n' | px-import-his --archive done /dev/stdin > /dev/null; code
ls -l /dev/stdin > /dev/null && echo stdin kept
### stdout
exit 4
E: px-import-his: inbox/b.csv:2: unknown department 'XRAY' of KFH
E: px-import-his: inbox/c.jsonl:1: NUL byte in header (column 1)
E: px-import-his: 10 records, 9 applied, 0 already imported, 1 rejected, 6 surveys due, 4 suppressed, 0 withdrawn
E: px-import-his: rejected 1: unknown department 'XRAY' of KFH
E: px-import-his: suppressed 2: deceased
E: px-import-his: suppressed 2: no_contact
done:
a.csv
b.csv
b.csv.rejects

inbox:
c.jsonl
600 done/b.csv.rejects
event,event_time,hospital,department,visit,patient_type,mrn,_line,_reason
discharge,2026-11-22T10:00:00Z,KFH,XRAY,V9,opd,M9,2,unknown department 'XRAY' of KFH
exit 0
a.csv
a.csv.1
b.csv
b.csv.rejects
exit 2
px-import-his: --archive keeps each file's rejects beside it: no --rejects
exit 4
exit 4
px-import-his: inbox/p.csv: not archived: not a regular file
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
c.jsonl
p.csv
exit 4
stdin kept
### stderr
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: --archive: nowhere is not a directory px may write
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: /dev/stdin: not archived: not a regular file
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 0 surveys due, 1 suppressed, 0 withdrawn
px-import-his: suppressed 1: no_contact
