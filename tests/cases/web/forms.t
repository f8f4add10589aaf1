px-web's public forms: the complaint form opens a complaint of source patient for the web form, with the person's name and contact and nothing the form does not ask (no MRN, no reference), acknowledges it with the tracking code through the outbox and shows that code; the observation form opens an anonymous observation that keeps nothing of who sent it; each form's nonce serves that form alone; what the library refuses comes back on the form with its reason, the values kept.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
export PX_NOW=2026-11-23T06:00:00Z
web() {
	printf '%s' "${3:-}" | REQUEST_METHOD=$1 PATH_INFO=$2 CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#3} REMOTE_ADDR=192.0.2.7 px-web
}
nonce() { web GET "$1" | grep -o 'name="nonce" value="[^"]*"' | sed 's/.*value="//; s/"$//'; }
status() { sed -n '1s/\r$//p'; }
web GET /complaint > form.txt; status < form.txt
grep -o '<option value="[^"]*"' form.txt | sed 's/<option value=//' | tr '\n' ' '; echo
C=$(nonce /complaint)
O=$(nonce /observe)
web POST /complaint "nonce=$C&lang=en&where=KFH%2FOPD&title=Long+wait&description=Three+hours+and+nobody+told+us&name=Sara+Al-Harbi&phone=0551234567&mrn=KFH0001&reference=X1" > filed.txt
status < filed.txt
grep -o 'Your tracking code: <strong>[^<]*' filed.txt | sed 's/[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{3\}/CODE/'
q "SELECT c.ref, c.source, coalesce(c.source_ref, '-'), c.created_by, c.person_name, c.person_phone, coalesce(c.patient_id, '-'), d.code, c.title, c.language FROM cases c LEFT JOIN departments d ON d.id = c.department_id"
q "SELECT template, channel, json_extract(vars, '$.tracking') = (SELECT tracking FROM cases) FROM notifications"
q "SELECT actor, action FROM audit WHERE action = 'case_opened'"
web POST /complaint "nonce=$O&where=KFH&description=x&name=y&phone=0551234567" | status
web POST /complaint "nonce=$C&lang=en&where=KFH&description=Rude&name=Omar" > bad.txt; status < bad.txt
grep -o '<p class="error">[^<]*' bad.txt
grep -o 'name="name" maxlength="200" required value="[^"]*"' bad.txt
web POST /complaint "nonce=$C&lang=en&where=ZZZ&description=Rude&name=Omar&phone=0551234567" | grep -o '<p class="error">[^<]*'
web POST /observe "nonce=$O&lang=ar&where=KFH%2FER&category=safety&description=Wet+floor+without+a+sign" > obs.txt; status < obs.txt
grep -o '<html[^>]*>' obs.txt
q "SELECT c.ref, c.created_by, coalesce(c.person_name, '-'), coalesce(c.person_phone, '-'), c.severity, d.code FROM cases c JOIN departments d ON d.id = c.department_id WHERE c.kind = 'observation'"
q "SELECT count(*) FROM audit WHERE details LIKE '%192.0.2%' OR object_id LIKE '%192.0.2%'"
web POST /observe "nonce=$O&lang=en&where=KFH&category=luck&description=x" | grep -o '<p class="error">[^<]*'
# a file with the complaint: both stored, or neither
mp() { # BODY FILE-NAME FILE-BYTES: a multipart POST of /complaint
	{
		for kv in "nonce=$C" lang=en where=KFH name=Huda phone=0551112233 "description=See the letter"; do
			printf -- '--B0UND\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "${kv%%=*}" "${kv#*=}"
		done
		printf -- '--B0UND\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: application/octet-stream\r\n\r\n' "$1"
		printf '%b' "$2"
		printf -- '\r\n--B0UND--\r\n'
	} > mp.body
	REQUEST_METHOD=POST PATH_INFO=/complaint CONTENT_TYPE='multipart/form-data; boundary=B0UND' \
		CONTENT_LENGTH=$(stat -c %s mp.body) px-web < mp.body
}
mp letter.txt 'The nurse refused to call the doctor.\n' | status
q "SELECT c.person_name, a.name, t.type, t.size FROM case_attachments a JOIN cases c ON c.id = a.case_id JOIN attachment_contents t ON t.sha256 = a.sha256"
mp tool.exe '\x7fELF\x02\x01\x01\x00\x00\x00' > exe.txt; status < exe.txt
grep -o '<p class="error">[^<]*' exe.txt
q "SELECT count(*) FROM cases WHERE person_name = 'Huda'"
# a site that serves no forms
PX_WEB_PAGES=survey,track web GET /complaint | status
PX_WEB_PAGES=survey,track web GET /track | status
### stdout
Status: 200 OK
"" "KAMC" "KAMC/CARD" "KAMC/ER" "KFH" "KFH/ER" "KFH/IPD" "KFH/OPD" 
Status: 200 OK
Your tracking code: <strong>CODE
KFH-2026-000001|patient|-|(web form)|Sara Al-Harbi|+966551234567|-|OPD|Long wait|en
complaint_received|sms|1
(web form)|case_opened
Status: 403 Forbidden
Status: 400 Bad Request
<p class="error">Please check what you wrote: needs &#39;phone&#39; or &#39;email&#39;
name="name" maxlength="200" required value="Omar"
<p class="error">Please check what you wrote: unknown hospital &#39;ZZZ&#39;
Status: 200 OK
<html lang="ar" dir="rtl">
KFH-OB-2026-000001|(anonymous)|-|-|high|ER
0
<p class="error">Please check what you wrote: unknown observation category &#39;luck&#39; (safety, process, good_practice)
Status: 200 OK
Huda|letter.txt|text/plain|38
Status: 400 Bad Request
<p class="error">Please check what you wrote: tool.exe: not a PDF, JPEG, PNG or plain-text file
1
Status: 404 Not Found
Status: 200 OK
