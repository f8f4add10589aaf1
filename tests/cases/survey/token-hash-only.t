The store keeps only the SHA-256 of each survey token; the token works for answers and is nowhere in the database file.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > out.jsonl
tok=$(token_of out.jsonl 1)
hash=$(printf %s "$tok" | sha256sum | cut -d' ' -f1)
q "SELECT COUNT(*) FROM survey_tokens WHERE token_hash = '$hash'"
q "SELECT length(token_hash) FROM survey_tokens LIMIT 1"
q .dump | grep -c -- "$tok"
for f in px.db px.db-wal; do [ -f $f ] && grep -c -a -- "$tok" $f; done
echo "${#tok}"
### stdout
1
64
0
0
32
