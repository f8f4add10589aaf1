# The privacy scan that ends a whole run (tests/lib/privacy.py) finds what
# it is there to find: a made-up run whose logs and store hold a national
# id, a phone, an MRN and a survey token out of their places is refused,
# each named (masked) with its test and file; the same run with them only
# where they belong passes; a run with nothing to look for proves nothing.
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
scan="$TESTS/lib/privacy.py"
mkdir -p top/tests/fixtures run/0.d run/1.d run/2.d
printf 'mrn,national_id,phone\nKFH7001,1098765432,0551234567\n' > top/tests/fixtures/p.csv
printf 'column phone patients.phone\ncolumn mrn patients.mrn\nlog mrn shown/* the case shows it on purpose\n' > top/tests/privacy.allow
printf '0\tcase\tplain\tleaky/a\n1\tscript\tplain\tt/b\n2\tcase\tplain\tshown/c\n' > run/manifest
store() { # dir [audit detail]
	sqlite3 "$1/px.db" "CREATE TABLE patients (mrn TEXT, phone TEXT);
		INSERT INTO patients VALUES ('KFH7001', '+966551234567');
		CREATE TABLE audit (detail TEXT); INSERT INTO audit VALUES ('$2')"
}
link=https://px.invalid/s/AbCdEfGhIjKlMnOpQrStUvWxYz012345
# the leaks: a national id and a phone in a case's stderr, an MRN in a
# script's log, a token and a national id in a store's audit
printf 'px-survey: 1098765432 has no survey for +966551234567\n' > run/0.d/.err
store run/0.d 'natid 1098765432'
echo "sent $link" > run/1.d/out.jsonl
echo "reading KFH7001" > run/1.d/server.log
store run/1.d "link $link"
echo "px: unknown patient KFH7001" > run/2.d/.err
store run/2.d ''
python3 "$scan" run top top/tests/privacy.allow > out; rc=$?
[ $rc = 0 ] && [ "$(grep -c '^not ok - privacy: ' out)" = 1 ] && ! grep -q '^ok' out &&
	ok "leaks are refused" || { nok "leaks: exit $rc"; sed 's/^/# /' out; }
want='#   mrn in a log: 1 times, first t/b [plain] server.log: ***7001
#   natid in a log: 1 times, first leaky/a [plain] .err: ******5432
#   natid in audit.detail: 1 times, first leaky/a [plain] px.db: ******5432
#   phone in a log: 1 times, first leaky/a [plain] .err: *********4567
#   token in audit.detail: 1 times, first t/b [plain] px.db: ****************************2345'
[ "$(grep '^#' out)" = "$want" ] && ok "each named with its test and file, masked" ||
	{ nok "the findings"; grep '^#' out | sed 's/^/# got /'; }
grep -q 1098765432 out || grep -q AbCdEfGhIjKlMnOpQrStUvWxYz012345 out &&
	nok "the scan printed what it found unmasked" || ok "no identifier printed whole"
grep -q "shown/c" out && nok "an allowed log was reported" || ok "an MRN a case shows on purpose is allowed"
# the same run, clean
printf 'px-survey: no survey\n' > run/0.d/.err
echo "reading" > run/1.d/server.log
rm run/0.d/px.db run/1.d/px.db
store run/0.d '' && store run/1.d ''
python3 "$scan" run top top/tests/privacy.allow > out; rc=$?
[ $rc = 0 ] && grep -q '^ok - privacy: 3 logs and 3 stores of 3 tests hold no identifier out of its place (1 national ids, 1 phones, 1 MRNs, 1 tokens)$' out &&
	ok "identifiers only where they belong: ok" || { nok "clean: exit $rc"; sed 's/^/# /' out; }
# nothing to look for
rm run/1.d/out.jsonl
python3 "$scan" run top top/tests/privacy.allow > out
grep -q '^not ok - privacy: ' out && grep -q 'it would prove nothing' out &&
	ok "a run without tokens to look for is refused, not passed" || { nok "empty"; sed 's/^/# /' out; }
printf 'colum phone x\n' > bad.allow
python3 "$scan" run top bad.allow > out 2>&1; rc=$?
[ $rc != 0 ] && grep -q '^bad.allow:1: expected' out && ok "a bad allow line is named" || nok "bad allow: exit $rc"
rm -rf run top # not a test of this run: the scan of the whole run must not read it
echo "1..$t"
