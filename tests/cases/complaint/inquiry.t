An inquiry (seed 002): taken in with its own category, acknowledged, answered with a response that is sent to the person through the outbox, and closed; its own refusals; complaints and inquiries are listed apart and numbered in one series per hospital and year.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint inquiry new --as kfh_staff --hospital KFH --name "Fahad Saleh" --email fahad@example.com --language en --title "Visiting hours" --description "When may I visit my father on the ward?" --category general --source call_center | jq -r '[.ref, .kind, .state, .classification, .person, .language] | @tsv'; code
I=$(last_ref)
px-complaint inquiry new --as kfh_staff --hospital KFH --name X --phone 0551234567 --title x --category parking; code
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" | jq -r '[.ref, .kind] | @tsv'
px-complaint inquiry close "$I" --as kfh_staff; code
px-complaint inquiry respond "$I" --as kfh_staff; code
px-complaint inquiry respond "$I" --as kfh_staff --response "Visiting hours are 4 to 8 pm every day." | jq -r '[.ref, .state, .fields.response] | @tsv'; code
px-complaint inquiry close "$I" --as kfh_staff | jq -r .state; code
px-complaint inquiry reopen "$I" --as kfh_staff --reason x; code
px-complaint start "$I" --as kfh_staff; code
px-complaint inquiry list | jq -r '[.ref, .state] | @tsv'
px-complaint list | jq -r '[.ref, .state] | @tsv'
q "SELECT template, channel, language, state FROM notifications WHERE object_id = '$I' ORDER BY id"
q "SELECT body FROM notifications WHERE object_id = '$I' AND template = 'inquiry_response'"
### stdout
KFH-2026-000001	inquiry	open	general	Fahad Saleh	en
exit 0
exit 2
KFH-2026-000002	complaint
exit 1
exit 2
KFH-2026-000001	responded	
KFH-2026-000001	responded	Visiting hours are 4 to 8 pm every day.
exit 0
closed
exit 0
exit 3
exit 4
KFH-2026-000001	closed
KFH-2026-000002	open
inquiry_received|email|en|pending
inquiry_response|email|en|pending
Dear Fahad Saleh, the answer to your inquiry KFH-2026-000001: Visiting hours are 4 to 8 pm every day.
### stderr
px-complaint: --category: unknown inquiry category 'parking' (appointment, billing, medical_records, general, other)
usage: px-complaint inquiry new [--hospital CODE] [--patient MRN | --name TEXT [--phone NUMBER] [--email ADDRESS]] [--encounter VISIT] [--department CODE] [--staff NAME] [--title TEXT] [--description TEXT] [--source SOURCE] [--reference REF] [--moh-ref REF] [--chi-ref REF] [--severity LEVEL] [--priority LEVEL] [--category CODE] [--language LANG]
       px-complaint inquiry new [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
px-complaint: KFH-2026-000001: 'close' needs the state responded, not open
px-complaint: inquiry respond needs --response
usage: px-complaint inquiry respond REF --response TEXT [--note TEXT]
px-complaint: permission denied: 'kfh_staff' (staff) may not reopen inquiry cases
px-complaint: unknown complaint 'KFH-2026-000001' (it is a case of kind inquiry)
