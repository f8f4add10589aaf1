What px-complaint new refuses, each with its reason and status, storing nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as viewer --hospital KFH --name A --phone 0551234567 --title x; code
px-complaint new --hospital NOPE --name A --phone 0551234567 --title x; code
px-complaint new --hospital KFH --name A --title x; code
px-complaint new --hospital KFH --title x; code
px-complaint new --hospital KFH --patient NOPE1 --title x; code
px-complaint new --hospital KFH --name A --phone 123 --title x; code
px-complaint new --hospital KFH --name A --phone 0551234567; code
px-complaint new --hospital KFH --name A --phone 0551234567 --title x --source pigeon; code
px-complaint new --hospital KFH --name A --phone 0551234567 --title x --severity huge; code
px-complaint new --hospital KFH --name A --phone 0551234567 --title x --category 9.9; code
px-complaint new --hospital KFH --name A --phone 0551234567 --title x --department XX; code
px-complaint new --hospital KFH --patient KFH0001 --encounter NOPE --title x; code
px-complaint new --from-survey sur_nope; code
px-complaint new --from-survey "$NEG" --title x; code
q "SELECT count(*) FROM cases"
q "SELECT count(*) FROM case_refs"
### stdout
exit 3
exit 4
exit 1
exit 1
exit 1
exit 1
exit 1
exit 2
exit 2
exit 1
exit 1
exit 1
exit 4
exit 2
0
0
### stderr
px-complaint: permission denied: 'viewer' (viewer) may not take in complaints of hospital 'KFH'
px-complaint: unknown hospital 'NOPE'
px-complaint: 'A' needs 'phone' or 'email' to be answered
px-complaint: needs 'mrn' of a patient, or 'name' and 'phone' or 'email' of someone not in the store
px-complaint: no patient has that MRN in KFH (give name and phone or email for someone not in the store)
px-complaint: phone: not a valid phone number
px-complaint: needs 'title' or 'description'
px-complaint: --source: unknown source 'pigeon' (patient, family, staff, survey, social_media, call_center, moh, chi, other)
usage: px-complaint new [--hospital CODE] [--patient MRN | --name TEXT [--phone NUMBER] [--email ADDRESS]] [--encounter VISIT] [--department CODE] [--staff NAME] [--title TEXT] [--description TEXT] [--source SOURCE] [--reference REF] [--moh-ref REF] [--chi-ref REF] [--severity LEVEL] [--priority LEVEL] [--category CODE] [--language LANG]
       px-complaint new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
       px-complaint new --from-survey SURVEY
       px-complaint new --from-negative [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
px-complaint: --severity: unknown severity 'huge' (low, medium, high, critical)
usage: px-complaint new [--hospital CODE] [--patient MRN | --name TEXT [--phone NUMBER] [--email ADDRESS]] [--encounter VISIT] [--department CODE] [--staff NAME] [--title TEXT] [--description TEXT] [--source SOURCE] [--reference REF] [--moh-ref REF] [--chi-ref REF] [--severity LEVEL] [--priority LEVEL] [--category CODE] [--language LANG]
       px-complaint new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
       px-complaint new --from-survey SURVEY
       px-complaint new --from-negative [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
px-complaint: unknown category '9.9' (a code of 'px-complaint taxonomy' or a category of the flat list)
px-complaint: unknown department 'XX' in KFH
px-complaint: unknown encounter 'NOPE' in KFH
px-complaint: unknown survey 'sur_nope'
px-complaint: --from-survey and --from-negative take no other details
usage: px-complaint new [--hospital CODE] [--patient MRN | --name TEXT [--phone NUMBER] [--email ADDRESS]] [--encounter VISIT] [--department CODE] [--staff NAME] [--title TEXT] [--description TEXT] [--source SOURCE] [--reference REF] [--moh-ref REF] [--chi-ref REF] [--severity LEVEL] [--priority LEVEL] [--category CODE] [--language LANG]
       px-complaint new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
       px-complaint new --from-survey SURVEY
       px-complaint new --from-negative [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
