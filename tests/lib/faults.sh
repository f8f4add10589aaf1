# Sourced by the fault-injection scripts (tests/t/oom.sh, ioerr.sh): the
# loop over N of a command run with one fault injected, and the loop of
# commands they all run.  The caller sets
#   FAULT        the variable that injects the Nth fault (PX_FAIL_ALLOC,
#                PX_FAIL_IO, PX_FAIL_IO_FULL)
#   FAULT_COUNT  the variable that counts the run's occasions
#                (PX_ALLOC_COUNT, PX_IO_COUNT)
#   FAULT_SAYS   what the message of a run cut short says (an ERE)
#   FAULT_WHAT   how the TAP lines name the fault
# The fault injection is built into the sanitized build only.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
# the servers live as long as the whole test may take on a loaded machine
SERVER_TIMEOUT=900
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
counts() { # every table's rows, in one query
	[ -n "${count_sql:-}" ] ||
		count_sql=$(sqlite3 px.db "SELECT group_concat('SELECT ''' || name || ''', count(*) FROM \"' || name || '\"', ' UNION ALL ')
			FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)")
	sqlite3 px.db "$count_sql"
}
digest() { sqlite3 px.db .dump | sha256sum; }
keep() { sqlite3 px.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null && cp px.db "$1.db"; }
restore() { rm -f px.db-wal px.db-shm && cp "$1.db" px.db; }

# step NAME BEFORE 'COMMAND' [each [AGAIN]]: the loop over N on the store
# BEFORE; the store the command leaves is kept as NAME.  "each": the
# command commits record by record or case by case (a survey sent, an
# answer, an SLA case), so a run cut short keeps those it finished; AGAIN
# (default COMMAND) is how it is run again, and the audit rows it adds may
# differ (a message left 'sending' is recovered, and audited, once its
# lease is over); then each such store, run again, must come to the same
# rows as a run without faults.
step() {
	local name=$1 before=$2 cmd=$3 each=${4:-} again=${5:-$3} rc0 n=1 rc runs=0 cut=0 bad= total
	restore "$before"
	rm -f "$name.count"
	env "$FAULT_COUNT=$PWD/$name.count" bash -c "$cmd" > "$name.clean.out" 2> "$name.clean.err"; rc0=$?
	total=$(sort -n "$name.count" 2>/dev/null | tail -1)
	counts > "$name.counts"
	keep "$name"
	restore "$before"
	local d0; d0=$(digest)
	while [ "$n" -le "${total:-0}" ]; do
		restore "$before"
		env "$FAULT=$n" bash -c "$cmd" > "$name.out" 2> "$name.err"; rc=$?
		runs=$((runs + 1))
		if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$name.err"; then
			bad="N=$n: $(grep -m1 -E 'Sanitizer|runtime error' "$name.err")"
			break
		fi
		if [ $rc = $rc0 ] && ! grep -qE "$FAULT_SAYS" "$name.err"; then
			: # a failure the run recovered from
		elif [ $rc != 5 ] || ! grep -qE "$FAULT_SAYS" "$name.err"; then
			bad="N=$n: exit $rc, $(head -1 "$name.err")"
			break
		elif [ "$(sqlite3 px.db 'PRAGMA integrity_check')" != ok ]; then
			bad="N=$n: the store is damaged"
			break
		elif [ -z "$each" ] && [ "$(digest)" != "$d0" ]; then
			bad="N=$n: the store changed"
			break
		elif [ -n "$each" ] && ! { bash -c "$again" > /dev/null 2>&1; counts | grep -v '^audit|' | cmp -s - <(grep -v '^audit|' "$name.counts"); }; then
			bad="N=$n: run again, it did not come to the rows of a run without faults: $(counts | diff "$name.counts" - | grep '^[<>]' | tr '\n' ' ')"
			break
		else
			cut=$((cut + 1))
		fi
		n=$((n + n / 3 + 1))
	done
	[ -n "$total" ] && [ -z "$bad" ] && [ $cut -gt 0 ] &&
		ok "$name: $cut of $runs runs cut short by $FAULT_WHAT (N up to $total) exit 5, ${each:+finished cases kept, }store intact" ||
		{ nok "$name: ${bad:-no run cut short} (of ${total:-?} occasions)"; sed 's/^/#   /' "$name.err" | head -5; }
	# the store of the last run cut short, then the whole run (with
	# "each", done after every run cut short)
	[ -n "$each" ] && return
	bash -c "$cmd" > /dev/null 2>&1; rc=$?
	if [ $rc = $rc0 ] && counts | cmp -s - "$name.counts"; then
		ok "$name: run again afterwards, it does all its work (exit $rc0)"
	else
		nok "$name: run again: exit $rc, not $rc0, or other rows"; counts | diff "$name.counts" - | sed 's/^/#   /' | head -5
	fi
}

# The organisation, a hospital admin with an e-mail address and the
# survey templates, kept as the store 'base'.
fault_setup() {
	export PX_NOW=2026-11-23T10:00:00Z
	setup_org > /dev/null &&
		px user add kfh_px --role hospital_admin --hospital KFH --email px@kfh.example > /dev/null &&
		for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
	keep base
}

# The loop, each command on the store the one before left: import, send,
# drain to a gateway and an SMTP server on 127.0.0.1, respond, complaint
# intake, SLA check, action raise, report.  Each command's stdout, from
# its run without faults, is NAME.clean.out.  With "io" as $1, only the
# import and the drain (what a full disk is tried on).
fault_loop() {
	local only=${1:-} gw tok
	step import base "px-import-his '$TESTS/fixtures/contact/visits.csv'"
	step send import "px-survey send < import.clean.out" each
	tok=$(grep -o '/s/[A-Za-z0-9_-]*' send.clean.out | head -1 | cut -c4-)
	printf 'token,question,value\n%s,q1,1\n%s,q2,2\n%s,q3,no\n%s,q4,2\n' "$tok" "$tok" "$tok" "$tok" > answers.csv
	start_server gw http_gateway.py 200
	gw=$PORT
	start_server smtp smtp_sink.py
	printf '[notify]\nquiet_hours = none\n[sms]\nurl = http://127.0.0.1:%s/sms\nid_field = /data/message_id\n[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = PX <px@kfh.example.sa>\nstarttls = optional\n' "$gw" "$PORT" > notify.conf
	step notify send "PX_CONFIG=notify.conf px-notify --drain" each \
		"PX_CONFIG=notify.conf PX_NOW=2026-11-23T10:11:00Z px-notify --drain"
	[ "$only" = io ] && return
	step respond send "px-survey respond answers.csv" each
	grep -q '"type":"survey.negative"' respond.clean.out && ok "the answers make a negative survey" || nok "no negative survey"
	step complaint respond "px-complaint new '$TESTS/fixtures/complaint/callcentre.csv'"
	step sla complaint "PX_NOW=2026-11-26T10:00:00Z px-sla check" each
	step action sla "px-action raise --from-store" each
	step report action "px-report surveys -o json"
}
