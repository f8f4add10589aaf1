Observations are listed apart from complaints and inquiries, newest first, by hospital, department, state, category and severity; their references run in a series of their own, so complaints keep theirs without gaps.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" | jq -r .ref
PX_NOW=2026-11-23T09:01:00Z px-complaint observation new --hospital KFH --department OPD --category safety --description "a" | jq -r .ref
PX_NOW=2026-11-23T09:02:00Z px-complaint observation new --hospital KFH --category process --description "b" | jq -r .ref
PX_NOW=2026-11-23T09:03:00Z px-complaint observation new --hospital KAMC --category good_practice --description "c" | jq -r .ref
px-complaint new --as kfh_staff --hospital KFH --patient KFH0002 --title "Rude" | jq -r .ref
px-complaint observation start KFH-OB-2026-000002 --as kfh_staff > /dev/null
px-complaint observation list | jq -r '[.ref, .state, .hospital, .department, .classification, .severity] | @tsv'; code
px-complaint observation list --hospital KFH --department OPD | jq -r .ref
px-complaint observation list --state in_progress | jq -r .ref
px-complaint observation list --category good_practice | jq -r .ref
px-complaint observation list --severity high | jq -r .ref
px-complaint observation list --as kfh_staff | jq -r .ref
px-complaint observation list --state actioned; code
px-complaint list | jq -r .ref
px-complaint observation list -o table --columns 100
### stdout
KFH-2026-000001
KFH-OB-2026-000001
KFH-OB-2026-000002
KAMC-OB-2026-000001
KFH-2026-000002
KAMC-OB-2026-000001	open	KAMC		good_practice	low
KFH-OB-2026-000002	in_progress	KFH		process	medium
KFH-OB-2026-000001	open	KFH	OPD	safety	high
exit 0
KFH-OB-2026-000001
KFH-OB-2026-000002
KAMC-OB-2026-000001
KFH-OB-2026-000001
KFH-OB-2026-000002
KFH-OB-2026-000001
exit 2
KFH-2026-000002
KFH-2026-000001
REF                  STATE     HOSPITAL  DEPARTMENT  SEVERITY  PRIORITY  CLASSIFICATION  SOURCE
KAMC-OB-2026-000001  open      KAMC                  low       medium    good_practice   staff
KFH-OB-2026-000002   in_prog…  KFH                   medium    medium    process         staff
KFH-OB-2026-000001   open      KFH       OPD         high      medium    safety          staff
### stderr
px-complaint: --state: unknown observation state 'actioned' (open, in_progress, resolved, closed or cancelled)
