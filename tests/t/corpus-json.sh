# JSONTestSuite (tests/vendor/JSONTestSuite) through the real px: every
# file as a JSON document (px org load -i json).  y_ files (valid JSON) are
# accepted: no message says the text is not JSON, and their values that
# are not records are refused as such ("not a record", a duplicate key,
# U+0000); n_ files are rejected with file:line; i_ files either way, never
# a crash.  Nothing of an n_ file is ever written to the store: each n_
# array is also given with a hospital record before its first element,
# and none of those hospitals may be loaded, while the same hospital
# before a y_ array's elements is.  One px process per group of files:
# the loop reads each file on its own and names it in its messages.
S=$TESTS/vendor/JSONTestSuite/test_parsing
px init > /dev/null || exit 1
python3 - "$S" <<'PY' || exit 1
import os, sys
src = sys.argv[1]
os.makedirs('pre', exist_ok=True)
for i, name in enumerate(sorted(os.listdir(src))):
    if name[0] not in 'ny':
        continue
    data = open(os.path.join(src, name), 'rb').read()
    body = data.lstrip(b' \t\r\n')
    if not body.startswith(b'['):
        continue
    rest = body[1:]
    code = ('N%04d' if name[0] == 'n' else 'Y%04d') % i
    rec = b'{"type":"hospital","code":"%s","name":"Corpus"}' % code.encode()
    sep = b'' if rest.lstrip(b' \t\r\n').startswith(b']') else b','
    open(os.path.join('pre', code + '-' + name), 'wb').write(b'[' + rec + sep + rest)
PY
doc_error='invalid JSON|trailing comma|missing value|unexpected data|unterminated|unbalanced|expected .\[|read error|cannot'
q() { sqlite3 -batch px.db "$@"; }
# files PATTERN ERRFILE: the files that a message of ERRFILE names with a
# line number (1 or more), one a line; with PATTERN, only messages
# matching it
named() {
	awk -v pat="$1" 'match($0, /^px: [^:]+:[1-9][0-9]*: /) {
		f = substr($0, 5, RLENGTH - 4); sub(/:[0-9]+: $/, "", f)
		if (pat == "" || $0 ~ pat) print f
	}' "$2" | sort -u
}
# missing LIST...: the files given that are not in the list on stdin
missing() { sort -u > .named; printf '%s\n' "$@" | sort | comm -23 - .named; }
t=0
result() { # ok? text
	t=$((t + 1))
	if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi
}
crashed() { # rc errfile: a status px never gives, or a sanitizer report
	case $1 in 0|1|4) ;; *) return 0 ;; esac
	grep -qE 'Sanitizer|runtime error|Segmentation|Aborted' "$2"
}

px org load -i json "$S"/y_* > /dev/null 2> y.err
rc=$?
crashed $rc y.err && { result 1 "y_ files: px exited $rc"; sed 's/^/# /' y.err | tail -5; }
n=$(ls "$S"/y_* | wc -l)
named "$doc_error" y.err > y.bad
bad=$(wc -l < y.bad)
sed 's/^/# not accepted: /' y.bad
result $bad "$n y_ files accepted as JSON (status $rc)"
named ': not a record: ' y.err | missing "$S"/y_structure_lonely_* "$S"/y_string_space.json > y.bad
bad=$(wc -l < y.bad)
sed 's/^/# not "not a record": /' y.bad
result $bad "a scalar document is 'not a record', at line 1"
grep -F "px: $S/y_object_duplicated_key.json:1: duplicate key \"a\"" y.err > /dev/null
result $? "a duplicate key is refused as a record, not as invalid JSON"

px org load -i json "$S"/n_* > /dev/null 2> n.err
rc=$?
crashed $rc n.err && { result 1 "n_ files: px exited $rc"; sed 's/^/# /' n.err | tail -5; }
n=$(ls "$S"/n_* | wc -l)
named '' n.err | missing "$S"/n_* > n.bad
bad=$(wc -l < n.bad)
sed 's/^/# not rejected with file:line: /' n.bad
[ "$rc" != 0 ] || bad=$((bad + 1))
result $bad "$n n_ files rejected with file:line (status $rc)"

px org load -i json pre/N* > /dev/null 2> pn.err
rc=$?
crashed $rc pn.err && { result 1 "n_ arrays with a record first: px exited $rc"; sed 's/^/# /' pn.err | tail -5; }
n=$(ls pre/N* | wc -l)
loaded=$(q "SELECT count(*) FROM hospitals")
[ "$loaded" = 0 ] || q "SELECT code FROM hospitals" | sed 's/^/# loaded: /' | head
result "$loaded" "$n n_ arrays with a valid record first: nothing of them written to the store"
named '' pn.err | missing pre/N* > n.bad
bad=$(wc -l < n.bad)
sed 's/^/# no message: /' n.bad
result $bad "and each is reported"

px org load -i json pre/Y* > /dev/null 2> py.err
rc=$?
crashed $rc py.err && { result 1 "y_ arrays with a record first: px exited $rc"; sed 's/^/# /' py.err | tail -5; }
n=$(ls pre/Y* | wc -l)
got=$(q "SELECT count(*) FROM hospitals WHERE code LIKE 'Y%'")
[ "$got" = "$n" ]
result $? "$n y_ arrays with a valid record first: each record loaded ($got)"

px org load -i json "$S"/i_* > /dev/null 2> i.err
rc=$?
crashed $rc i.err
result $((! $?)) "i_ files: accepted or rejected, no crash (status $rc)"

ic=$(q 'PRAGMA integrity_check')
[ "$ic" = ok ]
result $? "store intact"
tr -s ' \n' ' ' < "$TOP/man/px-records.7" | grep -qi 'duplicate key.* refused\|refused.*duplicate key'
result $? "px-records(7) says that duplicate keys are refused"
echo "1..$t"
