A hospital, department, template or survey named on the command line that does not exist is status 4, worded "unknown X 'Y'", whatever the id looks like; a hospital out of the user's scope is status 3; the same unknown hospital inside a survey.due record rejects the record (status 1).
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
for args in "list --hospital NOPE" "list --department NOPE" "list --hospital KFH --department NOPE" \
	"list --template nope" "export --template nope" "export --template nps --hospital NOPE" \
	"negative --hospital NOPE" "show NOPE" "show srv_nosuch" "template show nope" \
	"template disable nope" "send --patient MRN001 --hospital NOPE --template nps" \
	"send --patient MRN001 --hospital KFH --template nope" "send --patient NOPE --hospital KFH --template nps"; do
	px-survey $args; code
done 2>&1
{ px-survey --as kamc_admin list --hospital KFH; code; } 2>&1
{ px-survey --as kamc_admin negative --hospital KFH; code; } 2>&1
px-survey list --hospital KFH --template nps; code
echo '{"type":"survey.due","hospital":"NOPE","template":"nps","mrn":"MRN001"}' > due.jsonl
echo '{"type":"survey.due","hospital":"KFH","template":"nope","mrn":"MRN001"}' >> due.jsonl
{ px-survey send due.jsonl; code; } 2>&1
### stdout
px-survey: unknown hospital 'NOPE'
exit 4
px-survey: unknown department 'NOPE'
exit 4
px-survey: unknown department 'NOPE'
exit 4
px-survey: unknown template 'nope'
exit 4
px-survey: unknown template 'nope'
exit 4
px-survey: unknown hospital 'NOPE'
exit 4
px-survey: unknown hospital 'NOPE'
exit 4
px-survey: unknown survey 'NOPE'
exit 4
px-survey: unknown survey 'srv_nosuch'
exit 4
px-survey: unknown template 'nope'
exit 4
px-survey: unknown template 'nope'
exit 4
px-survey: unknown hospital 'NOPE'
exit 4
px-survey: unknown template 'nope'
exit 4
px-survey: unknown patient (MRN ****) in hospital 'KFH'
exit 4
px-survey: permission denied: 'kamc_admin' (hospital_admin) may not list surveys of hospital 'KFH'
exit 3
px-survey: permission denied: 'kamc_admin' (hospital_admin) may not read negative surveys of hospital 'KFH'
exit 3
exit 0
px-survey: due.jsonl:1: unknown hospital 'NOPE'
px-survey: due.jsonl:2: unknown template 'nope'
exit 1
