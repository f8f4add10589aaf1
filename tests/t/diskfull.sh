# A real full disk: the store on a small tmpfs (where the test may mount
# one; t/ioerr simulates a full disk where it may not), filled up but for
# a few pages.  An import of 6,000 events stops with exit 5 and "database
# or disk is full", the store intact with whole batches only; once space
# is freed the same import finishes to the rows of an import on a disk
# with room.  A drain to an SMS gateway on 127.0.0.1 that fills the disk
# stops the same way; after the lease, with room again, every message is
# sent and any that reached the gateway twice carried one idempotency key.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
export PX_NOW=2026-11-23T10:00:00Z
mkdir disk
if ! mount -t tmpfs -o size=16m,mode=0700 tmpfs disk 2> /dev/null; then
	echo "1..0 # SKIP no tmpfs can be mounted here (t/ioerr's simulated full disk covers it)"
	exit 0
fi
trap 'for p in $SERVER_PIDS; do kill "$p" 2>/dev/null; done; umount disk 2>/dev/null' EXIT
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
setup_org > /dev/null &&
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
sqlite3 px.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null && cp px.db base.db
printf '[import]\nbatch = 500\n' > px.conf
awk 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
  for (i = 0; i < 6000; i++) { v = int(i / 2); ev = i % 2 ? "discharge" : "admit";
    printf "e%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", i, ev, 1 + v % 20, 8 + i % 2, v, v % 1000, v % 1000 } }' > visits.csv
px-import-his --quiet visits.csv > room.out 2> room.err || { echo "not ok 1 - the import on a disk with room failed"; exit 1; }
rows() { sqlite3 "$1" "SELECT (SELECT count(*) FROM patients) || ' ' || (SELECT count(*) FROM encounters) || ' ' ||
	(SELECT count(*) FROM visit_events) || ' ' || (SELECT count(*) FROM survey_due)"; }
want=$(rows px.db)
# fill DIR but for KB kilobytes
fill() {
	rm -f disk/fill
	dd if=/dev/zero of=disk/reserve bs=1k count="$2" 2> /dev/null
	dd if=/dev/zero of=disk/fill bs=4k 2> /dev/null
	rm -f disk/reserve
}
export PX_DB=$PWD/disk/px.db
cp base.db disk/px.db
fill disk 1024
px-import-his --quiet visits.csv > full.out 2> full.err
rc=$?
[ $rc = 5 ] && grep -q 'database or disk is full' full.err &&
	ok "import on a full disk: exit 5, $(head -1 full.err)" ||
	nok "import on a full disk: exit $rc, $(head -1 full.err)"
ic=$(sqlite3 disk/px.db "PRAGMA integrity_check" 2>&1)
ev=$(sqlite3 disk/px.db "SELECT count(*) FROM visit_events" 2>&1)
[ "$ic" = ok ] && [ $((ev % 500)) = 0 ] && [ "$ev" -lt 6000 ] &&
	ok "the store is intact, with $ev events: whole batches only" ||
	nok "after the full disk: integrity '$ic', $ev events"
rm -f disk/fill
px-import-his --quiet visits.csv > again.out 2> again.err
rc=$?
got=$(rows disk/px.db)
[ $rc = 0 ] && [ "$got" = "$want" ] &&
	ok "with room again the import finishes: $got, as on a disk with room" ||
	nok "with room again: exit $rc, '$got', not '$want': $(head -1 again.err)"

# the drain
start_server gw http_gateway.py 200
printf '[notify]\nquiet_hours = none\nlease = 60\n[sms]\nurl = http://127.0.0.1:%s/sms\nid_field = /data/message_id\nidempotency_header = Idempotency-Key\n' "$PORT" > px.conf
for i in $(seq 1 300); do
	printf '{"type":"notification","key":"k%d","channel":"sms","to":"05%08d","template":"survey_invitation","vars":{"patient_name":"Sara","hospital_name":"KFH","link":"https://px.example/s/%d"}}\n' "$i" "$i" "$i"
done | px-notify --queue > /dev/null 2> queue.err || { nok "queueing 300 messages failed: $(head -1 queue.err)"; }
sqlite3 disk/px.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
fill disk 200
px-notify --drain > drain.out 2> drain.err
rc=$?
arrived=$(ls gw.d | wc -l)
[ $rc = 5 ] && grep -q 'database or disk is full' drain.err && [ "$arrived" -lt 300 ] &&
	ok "a drain that fills the disk stops: exit 5 after $arrived of 300 messages" ||
	nok "the drain on a full disk: exit $rc, $arrived arrived, $(head -1 drain.err)"
ic=$(sqlite3 disk/px.db "PRAGMA integrity_check" 2>&1)
[ "$ic" = ok ] && ok "the store is intact" || nok "after the full disk: integrity '$ic'"
rm -f disk/fill
PX_NOW=2026-11-23T10:02:00Z px-notify --drain > drain2.out 2> drain2.err
rc=$?
sent=$(sqlite3 disk/px.db "SELECT count(*) FROM notifications WHERE state = 'sent'")
"$PY" - > keys <<'PY'
import glob, json
for f in sorted(glob.glob("gw.d/*.json")):
    r = json.load(open(f))
    print(json.loads(r["body"])["reference"], r["headers"].get("Idempotency-Key", "-"))
PY
distinct=$(cut -d' ' -f1 keys | sort -u | wc -l)
twice=$(sort -u keys | cut -d' ' -f1 | uniq -d | wc -l)
echo "# $(wc -l < keys) requests for $distinct messages"
[ $rc = 0 ] && [ "$sent" = 300 ] && [ "$distinct" = 300 ] && [ "$twice" = 0 ] &&
	ok "with room again, after the lease: 300 sent, each at the gateway, a repeat under its own key" ||
	nok "after the full disk: exit $rc, $sent sent, $distinct arrived, $twice under two keys: $(head -1 drain2.err)"
echo "1..$t"
