Importing the same file twice adds nothing and prints nothing the second time; 'due' re-emits what is still due (by due time, so compared sorted)
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his "$TESTS/fixtures/his/visits.csv" > first.jsonl; code
q "SELECT count(*) FROM audit" > audit1
px-import-his "$TESTS/fixtures/his/visits.csv"; code
q "SELECT count(*) FROM audit" | cmp - audit1 && echo same audit
q "SELECT count(*) FROM visit_events"
px-import-his due | sort | cmp - <(sort first.jsonl) && echo due re-emits the same records
### stdout
exit 0
exit 0
same audit
8
due re-emits the same records
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
