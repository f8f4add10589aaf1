# Out of memory at every step of the loop: each command of fault_loop
# (tests/lib/faults.sh: import, send, drain to a gateway and an SMTP server
# on 127.0.0.1, respond, complaint intake, SLA check, action raise,
# report) is run with PX_FAIL_ALLOC=N (the Nth allocation fails, px's or
# SQLite's; built into the sanitized and coverage builds only) for N from 1 up, in
# growing steps, until the run gets through.  Each run cut short must exit
# 5 with "out of memory" on stderr and no sanitizer report, leave the store
# intact and exactly as it was (.dump compared; for the commands that
# commit case by case, with the finished cases kept and the rest done by
# running it again); the same run afterwards does all its work (every
# table's rows counted against a run without faults).
[ "${PX_FAULTS_BUILT:-0}" = 1 ] || { echo "1..0 # SKIP fault injection is built into the sanitized and coverage builds only"; exit 0; }
FAULT=PX_FAIL_ALLOC FAULT_COUNT=PX_ALLOC_COUNT FAULT_SAYS='out of memory' FAULT_WHAT='out of memory'
. "$TESTS/lib/faults.sh"
fault_setup
fault_loop
echo "1..$t"
