# px-import-his fed by a slow writer (a pipe that stays open between
# records, as from an MLLP listener): each record is committed and its
# survey printed while the input waits, and the store is not held in the
# meantime.  CSV and MLLP-framed HL7.
export PX_DATA="$SHARE"
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
# waits up to 20 s for FILE to hold N lines
lines() { for _ in $(seq 200); do [ "$(wc -l < "$1")" -ge "$2" ] && return 0; sleep 0.1; done; return 1; }
# whether another writer gets the store within a second
free() { sqlite3 px.db ".timeout 1000" "BEGIN IMMEDIATE" "ROLLBACK" 2>/dev/null; }
stream() { # NAME FORMAT FIRST SECOND: feeds FIRST, checks, feeds SECOND
	local name=$1 fmt=$2
	rm -f feed && mkfifo feed
	px-import-his -i "$fmt" < feed > "$name.out" 2> "$name.err" & local pid=$!
	exec 3> feed
	printf "$3" >&3
	lines "$name.out" 1 && ok "$name: the first survey is printed while the input stays open" ||
		nok "$name: nothing printed while the input stayed open"
	free && ok "$name: another writer gets the store while the import waits" ||
		nok "$name: the store stayed locked while the import waited"
	printf "$4" >&3
	exec 3>&-
	wait $pid; local rc=$?
	[ $rc = 0 ] && [ "$(wc -l < "$name.out")" = 2 ] && ! grep -v '^px-import-his: 2 records, 2 applied, ' "$name.err" | grep -q . &&
		ok "$name: both records applied, exit 0" ||
		{ nok "$name: exit $rc, $(wc -l < "$name.out") surveys"; sed 's/^/# /' "$name.err"; }
}
h='event,event_time,hospital,department,visit,patient_type,mrn,phone\n'
stream csv csv "${h}discharge,2026-11-22T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567\n" \
	'discharge,2026-11-22T11:00:00Z,KFH,OPD,V2,opd,M2,0501234568\n'
m() { printf '\\013MSH|^~\\\\&|HIS|KFH|PX|PX|20261122%s0000||ADT^A03|%s|P|2.5\\rPID|1||%s^^^KFH^MR||Doe^J||||||||^PRN^CP^^966^50^%s\\rPV1|1|O|OPD^^^KFH||||||||||||||||%s\\r\\034\\r' "$@"; }
stream hl7 hl7 "$(m 12 S1 M3 1234569 V3)" "$(m 13 S2 M4 1234560 V4)"
n=$(sqlite3 px.db "SELECT count(*) FROM survey_due WHERE status = 'due'")
[ "$n" = 4 ] && ok "the store holds the four surveys due" || nok "$n surveys due in the store"
