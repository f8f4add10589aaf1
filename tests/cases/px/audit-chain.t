The audit trail is a chain of keyed hashes: REPLACE cannot rewrite a row, and px audit verify names the first row that someone with the database file forged, deleted or reordered (status 1); px_admin only.
### cmd
v() { px audit verify "$@" > v.out; echo "exit $?"; sed -E 's/"hash":"[0-9a-f]{64}"/"hash":"H"/' v.out; }
setup_org > /dev/null
v
q "SELECT count(*) FROM audit WHERE length(hash) = 64"
cp px.db good.db
# the triggers refuse every way of reusing an id, even REPLACE
q "INSERT OR REPLACE INTO audit (id, at, actor, action, object_type, object_id) VALUES (3, 't', 'mallory', 'forged', 'x', 'y')"; code
q "REPLACE INTO audit (id, at, actor, action, object_type, object_id) VALUES (3, 't', 'mallory', 'forged', 'x', 'y')"; code
q "INSERT INTO audit (id, at, actor, action, object_type, object_id) VALUES (2, 't', 'mallory', 'forged', 'x', 'y')"; code
px audit -o csv | grep -c mallory
# forged: the attacker drops the trigger in the way and rewrites row 3
q "DROP TRIGGER audit_no_reuse; REPLACE INTO audit (id, at, actor, action, object_type, object_id, details, hash) SELECT 3, at, 'mallory', action, object_type, object_id, details, hash FROM audit WHERE id = 3"
px audit --actor mallory -o csv | cut -d, -f2,4,5 | sed 1d
v
# forged by UPDATE, the hash left as it was
cp good.db px.db; q "DROP TRIGGER audit_no_update; UPDATE audit SET details = '{}' WHERE id = 5"
v
# deleted
cp good.db px.db; q "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 4"
v
# deleted, and the rows after it renumbered to hide the gap
cp good.db px.db; q "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_no_update; DELETE FROM audit WHERE id = 4; UPDATE audit SET id = id - 1 WHERE id > 4"
v
# reordered: rows 6 and 7 swapped, hashes and all
cp good.db px.db; q "DROP TRIGGER audit_no_update; UPDATE audit SET id = -6 WHERE id = 6; UPDATE audit SET id = 6 WHERE id = 7; UPDATE audit SET id = 7 WHERE id = -6"
v
# a row added without a hash, and one with a hash made up
cp good.db px.db; q "INSERT INTO audit (at, actor, action, object_type, object_id) VALUES ('t', 'mallory', 'forged', 'x', 'y')"
v
cp good.db px.db; q "INSERT INTO audit (at, actor, action, object_type, object_id, hash) SELECT 't', 'mallory', 'forged', 'x', 'y', hash FROM audit WHERE id = 16"
v
# the good store again: new rows go on chaining, from any command
cp good.db px.db
px user add kfh_viewer2 --role viewer --hospital KFH
v
# only px_admin; and without the key the chain cannot be checked
px --as kfh_admin audit verify; code
mv px.db.key elsewhere.key
PX_PRIVACY_NATID_KEY= px audit verify; code
PX_PRIVACY_NATID_KEY= px user add v3 --role viewer --hospital KFH; code
PX_PRIVACY_KEY_FILE=elsewhere.key v
### stdout
exit 0
{"type":"audit.verify","status":"ok","rows":16,"legacy":0,"broken":null,"hash":"H"}
16
exit 19
exit 19
exit 19
0
3,mallory,hospital_created
exit 1
{"type":"audit.verify","status":"broken","rows":2,"legacy":0,"broken":3,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":4,"legacy":0,"broken":5,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":3,"legacy":0,"broken":4,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":3,"legacy":0,"broken":4,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":5,"legacy":0,"broken":6,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":16,"legacy":0,"broken":17,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":16,"legacy":0,"broken":17,"hash":null}
exit 0
{"type":"audit.verify","status":"ok","rows":18,"legacy":0,"broken":null,"hash":"H"}
exit 3
exit 4
exit 4
exit 0
{"type":"audit.verify","status":"ok","rows":18,"legacy":0,"broken":null,"hash":"H"}
### stderr
Error: stepping, audit rows are append-only (19)
Error: stepping, audit rows are append-only (19)
Error: stepping, audit rows are append-only (19)
px: audit row 3 does not match the chain: it, or a row before it, was changed, removed or moved
px: audit row 5 does not match the chain: it, or a row before it, was changed, removed or moved
px: audit row 4 is missing
px: audit row 4 does not match the chain: it, or a row before it, was changed, removed or moved
px: audit row 6 does not match the chain: it, or a row before it, was changed, removed or moved
px: audit row 17 has no hash
px: audit row 17 does not match the chain: it, or a row before it, was changed, removed or moved
px: permission denied: 'kfh_admin' (hospital_admin) may not verify the audit trail
px: no key for the audit trail: px init writes one beside the store (privacy.key_file)
px: no key for the audit trail: px init writes one beside the store (privacy.key_file)
