px-report complaints by a level of the complaint taxonomy: the classification cut to the level, each row with its node's name (Arabic with --lang ar, in every format), every node of the level shown in the taxonomy's order, the complaints classified above the level or not at all in one null row last; the page of the report names the nodes; other reports have no such dimension, and an unknown one is a usage error listing those of the report; a taxonomy that cannot be read is status 4, and only the taxonomy levels read it
### cmd
. "$TESTS/fixtures/report/complaints.sh"
setup_complaints || exit 1
export PX_NOW=2026-12-15T09:00:00Z
w() { px-report complaints --since 2026-11-01 --until 2026-12-01 "$@"; }
w --by domain -o csv | cut -d, -f4-
w --by category -o csv | cut -d, -f4-
w --by subcategory | jq -c 'select(.opened > 0) | [.subcategory, .name, .opened, .ever_resolved, .median_hours_to_resolve]'
w --by classification | jq -c 'select(.opened > 0) | [.classification, .name, .opened, .closed, .satisfied]'
w --by classification | jq -s 'length'
w --by domain --lang ar -o csv | cut -d, -f4-6
w --by category --lang ar -o html > page.html; code
grep -c '<td class="t">1.1</td><td class="t">الجودة</td>' page.html
grep -c 'غير مصنفة حتى هذا المستوى' page.html
first_line px-report complaints --by ward; code
first_line px-report nps --by category; code
first_line px-report complaints --by state --lang ar; code
printf '[cases]\ntaxonomy = %s/none\n' "$PWD" > px.conf
px-report complaints --by domain 2>&1 | sed "s#$PWD/##"; code
px-report complaints --by state > /dev/null; code
### stdout
domain,name,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
1,Clinical,4,1,1,0,0,1,1,0,3,24,2,66.7,2,1,50,0,true,false
2,Management,3,0,0,1,1,0,1,0,1,60,0,0,0,0,,1,true,false
3,Relationships,1,0,1,0,0,0,0,0,0,,0,,0,0,,0,true,false
,,1,0,0,0,0,0,0,1,0,,0,,0,0,,0,true,false
category,name,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
1.1,Quality,3,0,1,0,0,1,1,0,3,24,2,66.7,2,1,50,0,true,false
1.2,Safety,1,1,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
2.1,Accessibility,2,0,0,0,1,0,1,0,1,60,0,0,0,0,,1,true,false
2.2,Institutional Issues,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
3.1,Communication,1,0,1,0,0,0,0,0,0,,0,,0,0,,0,true,false
3.2,Confidentiality,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
3.3,Consent,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
3.4,Humanness / Caring,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
,,2,0,0,1,0,0,0,1,0,,0,,0,0,,0,true,false
["1.1.1","Diagnosis",1,1,12]
["1.1.3","Patient Journey",1,1,24]
["2.1.2","Delays",1,0,null]
[null,null,6,2,48]
["1.1.1.2","Errors in diagnosis",1,0,0]
["1.1.3.2","Miscoordination",1,1,1]
[null,null,7,1,0]
26
domain,name,opened
1,سريري,4
2,إداري,3
3,علاقات,1
,,1
exit 0
1
2
px-report: unknown dimension 'ward' (hospital, department, source, state, domain, category, subcategory, classification)
exit 2
px-report: the nps report cannot be grouped by category
exit 2
px-report: --lang applies to -o html, dashboard, summary and the taxonomy levels of complaints
exit 2
px-report: none/saudi-moh-2019.tsv: No such file or directory
exit 4
exit 0
