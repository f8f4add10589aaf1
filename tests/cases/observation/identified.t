A reporter who chooses to be identified: the name and the phone or email are kept, the case names the acting user, and one who left a contact is told it was received, in the language given, with the link to follow it; a name alone is kept but nobody is messaged; a contact without a name is refused, since an anonymous report keeps none.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint observation new --as kfh_staff --hospital KFH --category process --description "Handover sheets are missing on ward 5 most mornings." --name "Noura Ali" --phone 0551234567 --language ar | jq -r '[.ref, .person, .language, .severity] | @tsv'; code
O=$(last_ref)
px-complaint observation new --as viewer --hospital KFH --category good_practice --description "Pharmacy now labels look-alike drugs in red." --name "Sami Omar" --email sami@kfh.example | jq -r '[.ref, .person, .severity] | @tsv'; code
px-complaint observation new --as kfh_staff --hospital KFH --category safety --description "Fire door propped open." --name "Lina Saad" | jq -r '[.ref, .person] | @tsv'; code
px-complaint observation new --as kfh_staff --hospital KFH --category safety --description "Fire door propped open." --phone 0551234567; code
px-complaint observation new --as kfh_staff --hospital KFH --category safety --description "Fire door propped open." --email a@kfh.example; code
q "SELECT ref, person_name, person_phone, person_email, language, created_by FROM cases ORDER BY id"
q "SELECT DISTINCT c.ref, t.actor FROM case_timeline t JOIN cases c ON c.id = t.case_id ORDER BY c.ref"
q "SELECT object_id, template, channel, language, state FROM notifications WHERE object_type = 'case' ORDER BY id"
q "SELECT body FROM notifications WHERE object_id = '$O'" | sed 's,/track/[0-9A-Z-]*$,/track/CODE,'
[ "$(q "SELECT body FROM notifications WHERE object_id = '$O'" | sed 's,.*/track/,,')" = "$(q "SELECT tracking FROM cases WHERE ref = '$O'")" ] && echo "the link has the case's tracking code"
px-complaint observation note "$O" --as kfh_staff --text "Thank you: the sheets are now printed at night." --to-reporter > /dev/null; code
px-complaint observation note KFH-OB-2026-000003 --as kfh_staff --text "Thank you" --to-reporter; code
q "SELECT c.ref, t.type, t.text FROM case_timeline t JOIN cases c ON c.id = t.case_id WHERE t.type IN ('message', 'communication') ORDER BY t.id"
### stdout
KFH-OB-2026-000001	Noura Ali	ar	medium
exit 0
KFH-OB-2026-000002	Sami Omar	low
exit 0
KFH-OB-2026-000003	Lina Saad
exit 0
exit 1
exit 1
KFH-OB-2026-000001|Noura Ali|+966551234567||ar|kfh_staff
KFH-OB-2026-000002|Sami Omar||sami@kfh.example||viewer
KFH-OB-2026-000003|Lina Saad||||kfh_staff
KFH-OB-2026-000001|kfh_staff
KFH-OB-2026-000002|viewer
KFH-OB-2026-000003|kfh_staff
KFH-OB-2026-000001|observation_received|sms|ar|pending
KFH-OB-2026-000002|observation_received|email|ar|pending
عزيزنا Noura Ali، شكراً لإبلاغك: استلمنا ملاحظتك برقم KFH-OB-2026-000001. تابعها: https://px.invalid/track/CODE
the link has the case's tracking code
exit 0
exit 0
KFH-OB-2026-000001|message|observation_received
KFH-OB-2026-000002|message|observation_received
KFH-OB-2026-000001|communication|Thank you: the sheets are now printed at night.
KFH-OB-2026-000001|message|case_message
KFH-OB-2026-000003|communication|Thank you
KFH-OB-2026-000003|message|case_message not sent: no_contact
### stderr
px-complaint: 'phone' and 'email' need 'name': an anonymous observation keeps no contact
px-complaint: 'phone' and 'email' need 'name': an anonymous observation keeps no contact
