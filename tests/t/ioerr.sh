# I/O failures at every step of the loop, as oom.sh runs out of memory:
# each command of fault_loop (tests/lib/faults.sh) is run with
# PX_FAIL_IO=N, the Nth write, sync or lock of any file SQLite opens
# failing (a VFS in front of the system's, lib/store/faults.c, built into
# the sanitized and coverage builds), for N from 1 up until it gets through.
# A run cut short must exit 5 naming the I/O error, leave the store intact
# and as it was (or, for the commands that commit case by case, come to a
# run without faults' rows when run again), and the run afterwards does
# all its work.  Then import and drain on a disk that fills up: from the
# Nth write on every write fails with SQLITE_FULL (PX_FAIL_IO_FULL); and,
# where the test may mount a small tmpfs, on a real full disk.
[ "${PX_FAULTS_BUILT:-0}" = 1 ] || { echo "1..0 # SKIP fault injection is built into the sanitized and coverage builds only"; exit 0; }
FAULT=PX_FAIL_IO FAULT_COUNT=PX_IO_COUNT FAULT_SAYS='disk I/O error' FAULT_WHAT='an I/O error'
. "$TESTS/lib/faults.sh"
fault_setup
fault_loop
FAULT=PX_FAIL_IO_FULL FAULT_SAYS='database or disk is full' FAULT_WHAT='a full disk'
for p in $SERVER_PIDS; do kill "$p" 2> /dev/null; done
SERVER_PIDS=
mkdir full && cd full && cp ../base.db . || exit 1
fault_loop io
cd ..
echo "1..$t"
