# No byte sequence crashes px-import-his: mangled HL7, CSV and JSON Lines
# visit files end with a documented status (0, 1, 4) and no sanitizer or
# signal report, and the store stays whole: intact, its references good.
export PX_PRIVACY_NATID_KEY=garbage-key-0123456789abcdef
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
python3 - <<'PY'
import random
random.seed(20261123)
hl7 = (b'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|G1|P|2.5\r'
       b'EVN|A01|20261122080000\r'
       b'PID|1||M1^^^KFH^MR~1012345678^^^SA^NI||Doe^John^^^^^L~\xd8\xac\xd9\x88\xd9\x86^^^^^^L||19800101|M|||||^PRN^PH^^966^50^1234567\r'
       b'PV1|1|I|IPD^^^KFH||||||||||||||||V1|||||||||||||||||||||||||20261122080000\r'
       b'\x0bMSH|^~\\&|HIS|KFH|PX|PX|20261123080000||ADT^A03|G2|P|2.5\rPID|1||M1^^^KFH^MR\r'
       b'PV1|1|I|IPD^^^KFH||||||||||||||||V1|||||||||||||||||||||||||20261122080000|20261123080000\r\x1c\r'
       b'MSH|$%*#&|HIS|KFH|PX|PX|20261123090000||ADT$A40|G3|P|2.5\rPID|1||M2$$$KFH$MR\rMRG|M1$$$KFH$MR\r'
       b'MSH|^~\\&|HIS|KFH|PX|PX|20261123100000||ADT^A11|G4|P|2.5\rPID|1||M2^^^KFH^MR||D\\F\\e\\X41\\^J\r'
       b'PV1|1|I|IPD^^^KFH||||||||||||||||V1\r')
csv = (b'event_id,event,event_time,hospital,department,visit,patient_type,mrn,national_id,name_ar,phone,email,disposition,prior_mrn\n'
       b'c1,admit,2026-11-22T08:00:00Z,KFH,OPD,V7,opd,M7,1012345678,\xd8\xac\xd9\x88\xd9\x86,0501234567,a@b.sa,,\n'
       b'c2,discharge,2026-11-22T10:00:00Z,KFH,OPD,V7,opd,M7,,,"05012,34567",,20,\n'
       b'c3,merge,2026-11-22T11:00:00Z,KFH,,,,M8,,,,,,M7\n'
       b'c4,cancel_discharge,2026-11-22T12:00:00Z,KFH,OPD,V7,opd,M8,,,,,,\n')
jsonl = (b'{"event_id":"j1","event":"A04","event_time":"2026-11-22T08:00:00+03:00","hospital":"KFH","department":"OPD","visit":"V9","patient_type":"opd","mrn":"M9","phone":"0501234567","optout":"yes"}\n'
         b'{"event_id":"j2","event":"discharge","event_time":"2026-11-22T09:00:00Z","hospital":"KFH","visit":"V9","mrn":"M9","deceased":true,"language":"en"}\n'
         b'{"event_id":"j3","event":"A08","event_time":"2026-11-22T10:00:00Z","hospital":"KFH","mrn":"M9","email":"x@y.sa","preferred_channel":"email"}\n')
seeds = [('hl7', hl7), ('csv', csv), ('jsonl', jsonl)]
noise = b'|^~\\&\r\n\x0b\x1c,"{}[]:\x00\xd8\xff'
for i in range(45):
    fmt, seed = seeds[i % 3]
    base = bytearray(seed)
    for _ in range(random.randint(1, 6)):
        pos = random.randint(0, len(base))
        op = random.randint(0, 3)
        if op == 0:
            base[pos:pos] = bytes([random.randint(0, 255)])
        elif op == 1 and base:
            del base[min(pos, len(base) - 1)]
        elif op == 2:
            base[pos:pos] = bytes([random.choice(noise)])
        else:
            end = min(len(base), pos + random.randint(1, 40))
            base[pos:pos] = base[pos:end]
    if i % 9 == 0:
        base = bytearray(random.getrandbits(8) for _ in range(random.randint(0, 500)))
    open('g%02d.%s' % (i, fmt), 'wb').write(bytes(base))
PY
n=0 bad=0
for f in g*; do
	for how in auto forced; do
		if [ $how = auto ]; then px-import-his "$f" > out 2> err; else px-import-his -i "${f##*.}" "$f" > out 2> err; fi
		rc=$?
		case $rc in 0|1|4) ;; *) bad=$((bad + 1)); echo "# $f ($how): status $rc"; sed 's/^/#   /' err | head -5 ;; esac
		if grep -qE 'Sanitizer|runtime error|Segmentation' err; then bad=$((bad + 1)); echo "# $f ($how): sanitizer report"; sed 's/^/#   /' err | head -5; fi
		n=$((n + 1))
	done
done
[ "$bad" = 0 ] && echo "ok 1 - $n imports of mangled visit files: no crash, documented statuses" || echo "not ok 1 - $bad of $n imports misbehaved"
ic=$(sqlite3 px.db 'PRAGMA integrity_check')
[ "$ic" = ok ] && echo "ok 2 - store intact afterwards" || echo "not ok 2 - integrity: $ic"
fk=$(sqlite3 px.db 'PRAGMA foreign_key_check')
[ -z "$fk" ] && echo "ok 3 - every reference in the store leads somewhere" || echo "not ok 3 - dangling references: $fk"
# every encounter with a journey has all of its stages: none half written
half=$(sqlite3 px.db "SELECT count(*) FROM encounters e WHERE e.journey IS NOT NULL AND (SELECT count(*) FROM encounter_stages s WHERE s.encounter_id = e.id) = 0")
applied=$(sqlite3 px.db "SELECT count(*) FROM visit_events")
[ "$half" = 0 ] && [ "$applied" -gt 0 ] && echo "ok 4 - $applied events applied, every journey with its stages" ||
	echo "not ok 4 - $half journeys without stages, $applied events applied"
