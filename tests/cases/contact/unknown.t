A survey, feedback, hospital, department or patient named on the command line that does not exist is status 4, worded "unknown X 'Y'", whatever the id looks like; a hospital out of the user's scope is status 3; an unknown survey inside a survey.negative record rejects the record (status 1).
### cmd
setup_org > /dev/null
for args in "queue --hospital NOPE" "queue --department NOPE" "queue --hospital KFH --department NOPE" \
	"show NOPE" "show srv_nosuch" "log NOPE --notes x" "satisfaction NOPE" "close NOPE --notes x" \
	"escalate NOPE --notes x" "feedback list --hospital NOPE" "feedback show NOPE" \
	"feedback set fbk_nosuch --status reviewed" "feedback add --type compliment --hospital NOPE --notes x" \
	"feedback add --type compliment --hospital KFH --department NOPE --notes x" \
	"feedback add --type compliment --hospital KFH --patient NOPE --notes x"; do
	px-contact $args; code
done 2>&1
{ px-contact --as kamc_admin queue --hospital KFH; code; } 2>&1
{ px-contact --as kamc_admin feedback list --hospital KFH; code; } 2>&1
px-contact queue --hospital KFH --department OPD; code
echo '{"type":"survey.negative","survey":"NOPE"}' | { px-contact queue -; code; } 2>&1
### stdout
px-contact: unknown hospital 'NOPE'
exit 4
px-contact: unknown department 'NOPE'
exit 4
px-contact: unknown department 'NOPE'
exit 4
px-contact: unknown survey 'NOPE'
exit 4
px-contact: unknown survey 'srv_nosuch'
exit 4
px-contact: unknown survey 'NOPE'
exit 4
px-contact: unknown survey 'NOPE'
exit 4
px-contact: unknown survey 'NOPE'
exit 4
px-contact: unknown survey 'NOPE'
exit 4
px-contact: unknown hospital 'NOPE'
exit 4
px-contact: unknown feedback 'NOPE'
exit 4
px-contact: unknown feedback 'fbk_nosuch'
exit 4
px-contact: unknown hospital 'NOPE'
exit 4
px-contact: unknown department 'NOPE'
exit 4
px-contact: unknown patient (MRN ****) in hospital 'KFH'
exit 4
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read surveys for hospital 'KFH'
exit 3
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read feedback of hospital 'KFH'
exit 3
exit 0
px-contact: -:1: unknown survey 'NOPE'
exit 1
