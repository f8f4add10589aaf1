# A drain sends only the messages of the acting user's hospitals: a
# hospital_admin of KAMC leaves a pending KFH message alone (the gateway
# never sees it), KFH's staff sends it, a px_admin drains them all.
. "$TESTS/servers/notify.sh"
setup_notify
px user add kamc_admin --role hospital_admin --hospital KAMC &&
px user add kfh_staff --role staff --hospital KFH || exit 1
sqlite3 px.db "INSERT INTO patients (public_id, hospital_id, mrn, name_en, phone, language, created_at, updated_at)
	VALUES ('pat_omar0000000000000000', 2, 'MRN9', 'Omar', '0507654321', 'en', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"
start_server gw http_gateway.py 200
printf '[sms]\nurl = http://127.0.0.1:%s/send\n' "$PORT" > px.conf
state() { sqlite3 px.db "SELECT state || '|' || attempts FROM notifications WHERE key = '$1'"; }
sent_to() { "$PY" -c 'import glob, json, sys
print(" ".join(sorted(json.loads(json.load(open(f))["body"])["reference"] for f in glob.glob("gw.d/*.json"))))'; }

notification kfh1 sms | px-notify --queue > /dev/null
printf '{"type":"notification","key":"kamc1","channel":"sms","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}\n' |
	px-notify --queue > /dev/null
check "two messages queued, nothing sent" sh -c "test '$(state kfh1)' = 'pending|0' && test '$(state kamc1)' = 'pending|0' && test -z '$(sent_to)'"

px-notify --as kamc_admin --drain --dry-run > dry 2> err
check "a KAMC admin's dry run shows only the KAMC message" \
	sh -c "grep -q '\"key\":\"kamc1\"' dry && ! grep -q kfh1 dry && test \$(wc -l < dry) = 1"
px-notify --as kamc_admin --drain > out 2> err
rc=$?
check "a KAMC admin's drain sends the KAMC message: exit 0, one result" \
	sh -c "test $rc = 0 && ! test -s err && grep -q '\"key\":\"kamc1\".*\"status\":\"sent\"' out && test \$(wc -l < out) = 1"
check "the pending KFH message is left alone, the gateway never saw it" \
	sh -c "test '$(state kfh1)' = 'pending|0' && test '$(sent_to)' = kamc1"

px-notify --as kfh_staff --drain > out 2> err
rc=$?
check "KFH's staff sends the KFH message" \
	sh -c "test $rc = 0 && grep -q '\"key\":\"kfh1\".*\"status\":\"sent\"' out && test '$(state kfh1)' = 'sent|1' && test '$(sent_to)' = 'kamc1 kfh1'"

notification kfh2 sms | px-notify --queue > /dev/null
px-notify --drain > out 2> err
check "a px_admin drains every hospital" sh -c "grep -q '\"key\":\"kfh2\".*\"status\":\"sent\"' out && test '$(state kfh2)' = 'sent|1'"

# A sender that died holding a KFH message (an SMS gateway without an
# idempotency key: held for a person): another hospital's drain
# does not recover it.
notification kfh3 sms | px-notify --queue > /dev/null
sqlite3 px.db "UPDATE notifications SET state = 'sending', attempts = 1, claim_token = 'dead', claimed_at = '2026-11-23T08:00:00Z' WHERE key = 'kfh3'"
px-notify --as kamc_admin --drain > out 2> err
rc=$?
check "a KAMC admin's drain leaves a stuck KFH message as it is" sh -c "test $rc = 0 && ! test -s out && test '$(state kfh3)' = 'sending|1'"
px-notify --as kfh_staff --drain > out 2> err
rc=$?
check "KFH's staff recovers it: unknown (exit 1), never resent" \
	sh -c "test $rc = 1 && grep -q '\"key\":\"kfh3\".*\"status\":\"unknown\"' out && test '$(state kfh3)' = 'unknown|1'"
