px init creates the store's key file beside it (0600, never replaced), every command finds it there, and a new site imports national IDs without configuring a key; a key file others can read stops every command.
### cmd
unset PX_PRIVACY_NATID_KEY
umask 022
px init; code
stat -c '%a %s %n' px.db.key
grep -Ecx '[0-9a-f]{64}' px.db.key
cp px.db.key before
px init; code
cmp -s before px.db.key && echo "the key is kept"
# a new site: national ids are hashed under the key file's secret
px org load "$TESTS/fixtures/org.csv" > /dev/null
px-import-his "$TESTS/fixtures/his/visits.csv" > /dev/null; code
q "SELECT count(*) FROM patients WHERE length(natid_hash) = 64"
# beside whichever store is named
px --db other.db init; code
PX_DB=third.db px init; code
ls *.key
# px.conf may name another key file, which init makes
printf '[privacy]\nkey_file = %s/keys/site.key\n' "$PWD" > px.conf
mkdir -m 700 keys
px --db fourth.db init; code
ls keys fourth.db.key 2>&1 | sed 's/^ls: //'
: > px.conf
# a key file that others can read, or that is gone, stops every command
chmod 644 px.db.key
px org list > /dev/null; code
px-survey list > /dev/null; code
chmod 600 px.db.key
mv px.db.key px.db.key.away
printf '[privacy]\nkey_file = px.db.key\n' > px.conf
px org list > /dev/null; code
: > px.conf
mv px.db.key.away px.db.key
# a store made before key files, keyed by privacy.natid_key, keeps that key
rm other.db.key
PX_PRIVACY_NATID_KEY=older-key-0123456789abcdef px --db other.db init; code
[ -e other.db.key ] || echo 'no key file: other.db keeps privacy.natid_key'
### stdout
exit 0
600 65 px.db.key
1
exit 0
the key is kept
exit 0
1
exit 0
exit 0
other.db.key
px.db.key
third.db.key
exit 0
cannot access 'fourth.db.key': No such file or directory
keys:
site.key
exit 4
exit 4
exit 4
exit 0
no key file: other.db keeps privacy.natid_key
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
px: privacy.key_file 'px.db.key' must be a file only its owner can read
px-survey: privacy.key_file 'px.db.key' must be a file only its owner can read
px: privacy.key_file 'px.db.key': No such file or directory
