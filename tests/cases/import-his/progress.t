--progress shows how far the import is: the bytes read of the file's size, the records, the rate and the time left, a line every 10,000 records when stderr is a file; on a terminal it is on by default, one line rewritten in place, and --quiet turns it off with the summary.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
awk 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn";
  for (i = 0; i < 25000; i++) printf "p%d,discharge,2026-11-20T10:00:00Z,KFH,OPD,V%d,opd,M%d\n", i, i, i % 3000 }' > big.csv
px-import-his --progress big.csv > /dev/null 2> err; code
grep -c 'records/s' err
grep -Ec '^px-import-his: big.csv: [0-9]+\.[0-9] MiB of 1\.[0-9] MiB \([0-9]+%\), [12]0000 records, [0-9]+ records/s(, [0-9]+:[0-9]{2} left)?$' err
tail -1 err
px-import-his --progress --quiet big.csv 2> e1; code; head -1 e1
sed 's/^p/t/' big.csv > big2.csv
script -qec "px-import-his big2.csv > /dev/null" /dev/null > tty.out; code
tr '\r' '\n' < tty.out | grep -Ec '^px-import-his: big2.csv: [0-9.]+ MiB of 1\.[0-9] MiB \([0-9]+%\), [0-9]+ records, [0-9]+ records/s' | sed 's/^[1-9][0-9]*$/some/'
script -qec "px-import-his --quiet big.csv > /dev/null" /dev/null > quiet.out; code
wc -c < quiet.out
### stdout
exit 0
2
2
px-import-his: suppressed 25000: no_contact
exit 2
px-import-his: --progress and --quiet exclude each other
exit 0
some
exit 0
0
