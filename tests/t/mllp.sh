# px-import-his --mllp behind a TCP listener on 127.0.0.1 (socat, as
# share/px/examples/px-mllp.socket is with systemd): an HL7 sender gets one
# ACK per message, AA only once the message is committed, AE with an ERR
# segment for a rejected one, AR for one that is not a message; a message
# sent twice is acknowledged twice and stored once; two senders at once
# are both served.
export PX_DATA="$SHARE"
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
command -v socat >/dev/null || { echo "1..0 # SKIP socat missing (make deps)"; exit 0; }
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr,fork EXEC:"px-import-his --mllp" 2> listener.err &
listener=$!
trap 'kill $listener 2>/dev/null' EXIT
msg() { # ID EVENT MRN VISIT
	printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122100000||ADT^%s|%s|P|2.5\rPID|1||%s^^^KFH^MR||Doe^Jane||||||||^PRN^CP^^966^50^1234567\rPV1|1|O|OPD^^^KFH||||||||||||||||%s\r' "$2" "$1" "$3" "$4"
}
{ msg C1 A01 M1 V1
  printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122100000||ADT^A03|C2|P|2.5\rPID|1||\rPV1|1|O|OPD^^^KFH||||||||||||||||V2\r'
  printf 'MSH|^^\\&|HIS\r'
  msg C3 A03 M1 V1
  msg C1 A01 M1 V1; } > one.hl7
sql="SELECT count(*) FROM visit_events"
python3 "$TESTS/servers/mllp_client.py" "$port" one.hl7 px.db "$sql" > one.out; rc=$?
[ $rc = 0 ] && ok "the sender got an acknowledgement of each message" || nok "the sender failed ($rc)"
expect='AA C1 HIS^KFH 1
AE C2 HIS^KFH 1
AR - -^- 1
AA C3 HIS^KFH 2
AA C1 HIS^KFH 2'
[ "$(cat one.out)" = "$expect" ] && ok "AA after the commit, AE for a reject, AR for what is not a message, a resend acknowledged and stored once" ||
	{ nok "acknowledgements"; sed 's/^/# /' one.out; }
grep -qx 'ERR|||101^Required field missing^HL70357|E||||PID-3: missing MRN' one.hl7.acks &&
	grep -qx 'MSA|AE|C2|PID-3: missing MRN' one.hl7.acks &&
	ok "the AE carries the reason in MSA-3 and an ERR segment" || { nok "the AE's reason"; sed 's/^/# /' one.hl7.acks; }
n=$(grep -c '^MSH|^~\\&|PX|PX|HIS|KFH|20261123090000+0000||ACK^A0[13]^ACK|PX26112309000[0-9]*|P|2.5$' one.hl7.acks)
[ "$n" = 4 ] && ok "each ACK's MSH answers the sender, with px's time and its own control id" || { nok "ACK headers ($n)"; sed 's/^/# /' one.hl7.acks; }
q=$(sqlite3 -cmd ".timeout 10000" px.db "SELECT count(*) FROM survey_due")
[ "$q" = 1 ] && ok "the discharge made its survey due in the store (stdout is the sender's)" || nok "$q surveys due"
# two senders at once, 40 messages each
for s in a b; do
	for i in $(seq 40); do msg "$s$i" A03 "M$s$i" "V$s$i"; done > "$s.hl7"
	python3 "$TESTS/servers/mllp_client.py" "$port" "$s.hl7" > "$s.out" & eval "pid_$s=$!"
done
wait $pid_a; ra=$?; wait $pid_b; rb=$?
aa=$(cat a.out b.out | grep -c '^AA ')
events=$(sqlite3 -cmd ".timeout 10000" px.db "$sql")
[ $ra = 0 ] && [ $rb = 0 ] && [ "$aa" = 80 ] && [ "$events" = 82 ] &&
	ok "two senders at once: 80 AA, 80 events more" || nok "two senders: rc $ra $rb, $aa AA, $events events"
kill $listener; wait $listener 2>/dev/null
trap - EXIT
grep -q '^px-import-his: 5 records, 2 applied, 1 already imported, 2 rejected, 1 surveys due' listener.err &&
	ok "each connection ends with its summary on the listener's stderr" || { nok "summary"; sed 's/^/# /' listener.err | head; }
! grep -q '"type"' one.hl7.acks && ok "no record is written to the sender" || nok "records went to the sender"
echo "1..$t"
