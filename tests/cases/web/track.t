px-web's tracking page: a form for the code, and by the code a complaint's reference, state and dates and nothing else (no name, no phone, no text of the complaint), however the code is typed; an unknown code is a page that says so, status 404; Arabic on ?lang=ar or from the browser's language.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
PX_NOW=2026-11-23T06:00:00Z px-complaint new --as nurse --hospital KFH --department OPD --name "Sara Al-Harbi" --phone 0551234567 --title "Rude reception" --description "The clerk shouted" > c.jsonl
CODE=$(jq -r .tracking c.jsonl)
web() { REQUEST_METHOD=GET PATH_INFO=$1 QUERY_STRING=${2:-} px-web; }
web /track | sed -n '1p' | tr -d '\r'
web /track | grep -o '<label for="code">[^<]*\|<h1>[^<]*'
web /track "code=$CODE" > t.txt
sed -n '1p' t.txt | tr -d '\r'
sed -n '/<dl>/,/<\/dl>/p' t.txt
grep -c 'Sara\|0551234567\|shouted\|Rude' t.txt || true
LOWER=$(echo "$CODE" | tr -d - | tr 'A-Z' 'a-z')
web /track "code=$LOWER" | grep -o '<dd>KFH-[^<]*'
web /track "code=AAAA-BBBB-CCC" | sed -n '1p' | tr -d '\r'
web /track "code=AAAA-BBBB-CCC&lang=ar" | grep -o '<h1>[^<]*'
HTTP_ACCEPT_LANGUAGE=ar-SA,ar web /track | grep -o '<html[^>]*>'
### stdout
Status: 200 OK
<h1>Follow your complaint
<label for="code">Tracking code
Status: 200 OK
<dl>
<dt>Reference</dt><dd>KFH-2026-000001</dd>
<dt>State</dt><dd>Received</dd>
<dt>Received</dt><dd>2026-11-23T09:00:00+03:00</dd>
<dt>In this state since</dt><dd>2026-11-23T09:00:00+03:00</dd>
</dl>
0
<dd>KFH-2026-000001
Status: 404 Not Found
<h1>غير موجود
<html lang="ar" dir="rtl">
