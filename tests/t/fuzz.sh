# The libFuzzer harnesses of tests/fuzz (built by make check beside the
# two builds, `make FUZZ=1 fuzzers`), each run for a few seconds
# (FUZZ_CHECK_TIME, default 4) on its seeds, what earlier runs found and
# the regression files of tests/fuzz/regress: any crash, leak, timeout or
# sanitizer report fails.  Once per suite, with the sanitized build.
[ "$PX_SANITIZED" = 1 ] || { echo "1..0 # SKIP the harnesses run once, beside the sanitized build"; exit 0; }
fz="$TOP/build/fuzz"
[ -d "$fz/fuzz" ] || { echo "not ok 1 - no fuzz harnesses in $fz (make FUZZ=1 fuzzers)"; echo "1..1"; exit 0; }
bash "$TOP/tests/fuzz/run.sh" "$fz" "${FUZZ_CHECK_TIME:-4}"
