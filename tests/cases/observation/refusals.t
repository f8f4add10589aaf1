What observation new refuses, each with its reason and status, storing nothing and taking no number: an unknown hospital or department, a missing or unknown category, a missing or blank description, one over 4000 bytes or not valid UTF-8, an over-long title or name, a bad phone or email, a bad language, options mixed with files.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
long=$(printf 'x%.0s' $(seq 4001))
ok=$(printf 'x%.0s' $(seq 4000))
px-complaint observation new --hospital NOPE --category safety --description x; code
px-complaint observation new --category safety --description x; code
px-complaint observation new --hospital KFH --department XX --category safety --description x; code
px-complaint observation new --hospital KFH --description x; code
px-complaint observation new --hospital KFH --category danger --description x; code
px-complaint observation new --hospital KFH --category safety; code
px-complaint observation new --hospital KFH --category safety --description "  "; code
px-complaint observation new --hospital KFH --category safety --description "$long"; code
px-complaint observation new --hospital KFH --category safety --description $'bad \xff byte'; code
px-complaint observation new --hospital KFH --category safety --description $'cut \xd8'; code
px-complaint observation new --hospital KFH --category safety --description x --title "${long:0:201}"; code
px-complaint observation new --hospital KFH --category safety --description x --name "${long:0:201}"; code
px-complaint observation new --hospital KFH --category safety --description x --name A --phone 123; code
px-complaint observation new --hospital KFH --category safety --description x --name A --email nope; code
px-complaint observation new --hospital KFH --category safety --description x --language fr; code
: > empty.csv
px-complaint observation new --hospital KFH --category safety --description x empty.csv; code
q "SELECT count(*) FROM cases"
q "SELECT count(*) FROM case_refs"
px-complaint observation new --hospital KFH --category safety --description "$ok" | jq -r '[.ref, (.description | length)] | @tsv'; code
### stdout
exit 4
exit 1
exit 1
exit 1
exit 2
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 2
exit 2
0
0
KFH-OB-2026-000001	4000
exit 0
### stderr
px-complaint: unknown hospital 'NOPE'
px-complaint: needs 'hospital'
px-complaint: unknown department 'XX' in KFH
px-complaint: needs 'category' (safety, process, good_practice)
px-complaint: --category: unknown observation category 'danger' (safety, process, good_practice)
usage: px-complaint observation new [--hospital CODE] [--department CODE] [--category CATEGORY] [--title TEXT] [--description TEXT] [--name TEXT [--phone NUMBER] [--email ADDRESS]] [--language LANG]
       px-complaint observation new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
px-complaint: needs 'description': what happened
px-complaint: needs 'description': what happened
px-complaint: 'description' is longer than 4000 bytes
px-complaint: 'description' is not valid UTF-8 (byte 0xff at 4)
px-complaint: 'description' is not valid UTF-8 (byte 0xd8 at 4)
px-complaint: 'title' is longer than 200 bytes
px-complaint: 'name' is longer than 200 bytes
px-complaint: phone: not a valid phone number
px-complaint: email: not a valid email address
px-complaint: --language: unknown language 'fr' (en, ar)
usage: px-complaint observation new [--hospital CODE] [--department CODE] [--category CATEGORY] [--title TEXT] [--description TEXT] [--name TEXT [--phone NUMBER] [--email ADDRESS]] [--language LANG]
       px-complaint observation new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
px-complaint: give the details as options or as records in files, not both
usage: px-complaint observation new [--hospital CODE] [--department CODE] [--category CATEGORY] [--title TEXT] [--description TEXT] [--name TEXT [--phone NUMBER] [--email ADDRESS]] [--language LANG]
       px-complaint observation new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
