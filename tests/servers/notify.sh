# Sourced by the tests/t/notify-*.sh scripts: real servers on 127.0.0.1,
# started here, bounded in time (SERVER_TIMEOUT seconds, by default 120),
# killed when the script ends.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SERVER_PIDS=
trap 'for p in $SERVER_PIDS; do kill "$p" 2>/dev/null; done' EXIT

# start_server NAME SCRIPT.py ARGS...: runs it with DIR=NAME.d and
# PORTFILE=NAME.port, waits for the port and sets $PORT.
start_server() {
	local name=$1 prog=$2
	shift 2
	mkdir -p "$name.d"
	rm -f "$name.port"
	timeout "${SERVER_TIMEOUT:-120}" "$PY" "$TESTS/servers/$prog" "$name.d" "$name.port" "$@" 2> "$name.log" &
	SERVER_PIDS="$SERVER_PIDS $!"
	for _ in $(seq 1 100); do
		[ -s "$name.port" ] && break
		sleep 0.05
	done
	PORT=$(cat "$name.port" 2>/dev/null)
	[ -n "$PORT" ] || { echo "not ok 1 - $name server did not start"; cat "$name.log"; exit 1; }
}

# check DESCRIPTION COMMAND...: one TAP line.
T=0
check() {
	local what=$1
	shift
	T=$((T + 1))
	if "$@"; then
		echo "ok $T - $what"
	else
		echo "not ok $T - $what"
	fi
}

# A store with the sample organisation and a patient who prefers Arabic.
setup_notify() {
	px init && px org load "$TESTS/fixtures/org.csv" > /dev/null || exit 1
	sqlite3 px.db "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email,
		language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali',
		'سارة علي', '0501234567', 'sara@example.com', 'ar', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"
}

# notification KEY CHANNEL [TEMPLATE]: one record for the patient.
notification() {
	printf '{"type":"notification","key":"%s","channel":"%s","patient":"pat_sara0000000000000000","template":"%s","vars":{"link":"https://px.example/s/abc"},"object_type":"survey","object":"srv_1"}\n' \
		"$1" "$2" "${3:-survey_invitation}"
}
