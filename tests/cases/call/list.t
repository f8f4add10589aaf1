px-contact call list: newest first, filtered by hospital, agent, type of call (as an export spells it), the highest rating (the calls rated that or less, those with no rating left out) and the start's time range; a table for people; show by public id or by the call centre's id; unknown values refused.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
px-contact call import calls.csv > /dev/null
px-contact call list | jq -r '[.external_id, .started_at] | @tsv'; code
px-contact call list --hospital KFH --agent Lama | jq -r .external_id; code
px-contact call list --type Follow-up | jq -r .external_id; code
px-contact call list --rating-max 2 | jq -r '[.external_id, .rating] | @tsv'; code
px-contact call list --since 2026-11-22T09:00:00+03:00 --until 2026-11-22T13:45:00+03:00 | jq -r .external_id; code
px-contact call list --hospital KFH --rating-max 2 -o csv | norm; code
px-contact --columns 100 call list -o table; code
px-contact --columns 200 call show CC-5002 -o table | norm; code
id=$(q "SELECT public_id FROM calls WHERE external_id = 'CC-5003'")
[ "$(px-contact call show "$id")" = "$(px-contact call show CC-5003)" ] && echo "the same call"
# an external id that names a call in each of two hospitals
printf 'call_id,hospital,type,started_at\nCC-5003,KAMC,inquiry,2026-11-22T12:00:00Z\n' | px-contact call import > /dev/null
px-contact call show CC-5003; code
px-contact --as kfh_staff call show CC-5003 | jq -r .hospital; code
short_usage px-contact call list --rating-max 6; code
short_usage px-contact call list --type chat; code
short_usage px-contact call list --since yesterday; code
px-contact call list --hospital NOPE; code
short_usage px-contact call show; code
### stdout
CC-5005	2026-11-22T10:45:00Z
CC-5003	2026-11-22T10:30:00Z
CC-5004	2026-11-22T08:00:00Z
CC-5002	2026-11-22T06:02:00Z
CC-5001	2026-11-22T05:15:00Z
exit 0
CC-5003
CC-5001
exit 0
CC-5004
exit 0
CC-5004	2
CC-5002	1
exit 0
CC-5003
CC-5004
CC-5002
exit 0
type,id,external_id,hospital,department,patient,call_type,agent,started_at,wait_seconds,talk_seconds,resolution,rating,notes
call,cal_ID,CC-5002,KFH,ER,pat_ID,complaint,Hadi,2026-11-22T06:02:00Z,310,405,unresolved,1,Waited two hours in the emergency room
exit 0
EXTERNAL_ID  STARTED_AT            HOSPITAL  DEPARTMENT  CALL_TYPE    AGENT  RATING  RESOLUTION
CC-5005      2026-11-22 13:45 +03  KFH                   feedback     Hadi   4       resolved
CC-5003      2026-11-22 13:30 +03  KFH       OPD         appointment  Lama           resolved
CC-5004      2026-11-22 11:00 +03  KAMC      ER          follow_up    Reem   2       transferred
CC-5002      2026-11-22 09:02 +03  KFH       ER          complaint    Hadi   1       unresolved
CC-5001      2026-11-22 08:15 +03  KFH       OPD         inquiry      Lama   5       resolved
exit 0
ID                        EXTERNAL_ID  HOSPITAL  DEPARTMENT  PATIENT                   CALL_TYPE  AGENT  STARTED_AT            WAIT_SECONDS  TALK_SECONDS  RESOLUTION  RATING  NOTES
cal_ID  CC-5002      KFH       ER          pat_ID  complaint  Hadi   2026-11-22 09:02 +03  310           405           unresolved  1       Waited two hours in the …
exit 0
the same call
exit 4
KFH
exit 0
exit 2
exit 2
exit 2
exit 4
exit 2
### stderr
px-contact: call id 'CC-5003' names 2 calls (give the public id)
px-contact: --rating-max: '6' is not a rating from 1 to 5
usage: px-contact call list [--hospital CODE] [--agent NAME] [--type TYPE] [--rating-max N] [--since TIME] [--until TIME] [-o FORMAT]
px-contact: --type: unknown type of call 'chat' (inquiry, complaint, appointment, follow_up, feedback)
usage: px-contact call list [--hospital CODE] [--agent NAME] [--type TYPE] [--rating-max N] [--since TIME] [--until TIME] [-o FORMAT]
px-contact: --since: not an ISO 8601 time: 'yesterday'
usage: px-contact call list [--hospital CODE] [--agent NAME] [--type TYPE] [--rating-max N] [--since TIME] [--until TIME] [-o FORMAT]
px-contact: unknown hospital 'NOPE'
px-contact: missing call id
usage: px-contact call show ID [-o FORMAT]
