What intake left out is set later: the classification (a taxonomy code at any level, a flat category mapped onto the tree, 'other' for none), the severity and the priority, each change on the timeline; unknown values are usage errors and change nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" --category other | jq -r '.classification // "none"'; code
R=$(last_ref)
px-complaint classify "$R" --as kfh_staff --category wait_time --severity high | jq -r '[.classification, .severity, .priority] | @tsv'; code
px-complaint classify "$R" --as kfh_staff --category 1.1 --priority high | jq -r '[.classification, .severity, .priority] | @tsv'; code
px-complaint classify "$R" --as kfh_staff --category other | jq -r '.classification // "none"'; code
px-complaint classify "$R" --as kfh_staff --category 7.7; code
px-complaint classify "$R" --as kfh_staff --severity huge; code
px-complaint classify "$R" --as kfh_staff; code
px-complaint classify "$R" --as viewer --priority low; code
px-complaint list --severity huge; code
px-complaint list --source pigeon 2> err.txt; code; head -1 err.txt
px-complaint list --category 2.1 | jq -r .ref
q "SELECT coalesce(classification, 'none'), severity, priority FROM cases"
q "SELECT type, verb, data FROM case_timeline WHERE verb = 'classify' ORDER BY id"
q "SELECT count(*) FROM audit WHERE action = 'case_classified'"
### stdout
none
exit 0
2.1.2	high	medium
exit 0
1.1	high	high
exit 0
none
exit 0
exit 2
exit 2
exit 2
exit 3
exit 2
exit 2
px-complaint: --source: unknown source 'pigeon' (patient, family, staff, survey, social_media, call_center, moh, chi, other)
none|high|high
note|classify|{"classification":"2.1.2","severity":"high"}
note|classify|{"classification":"1.1","priority":"high"}
note|classify|{"classification":null}
3
### stderr
px-complaint: unknown category '7.7' (a code of 'px-complaint taxonomy' or a category of the flat list)
px-complaint: --severity: unknown severity 'huge' (low, medium, high, critical)
px-complaint: classify needs --category, --severity or --priority
px-complaint: permission denied: 'viewer' (viewer) may not classify complaint cases
px-complaint: --severity: unknown severity 'huge' (low, medium, high, critical)
usage: px-complaint list [--hospital CODE] [--department CODE] [--state STATE] [--source SOURCE] [--severity LEVEL] [--category CODE] [--owner USER | --mine] [--since TIME] [--until TIME] [-o FORMAT]
