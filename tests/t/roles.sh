# Every verb of every command names its role in its man page, and the
# library enforces that role: for each verb that COMMAND -h lists, the
# ROLES section of COMMAND(1) names the lowest role that may run it, that
# role matches the table below, and against a small store the verb run
# as a user one role below is refused with status 3 while the same verb
# run as the role it names is not.  px(7), ROLES, promises the pages say
# so; seed 000 gives the contact and satisfaction-check verbs to
# hospital_admin and px_admin.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
. "$TESTS/fixtures/contact/setup.sh"
setup_loop > /dev/null 2>&1 || { echo "not ok 1 - the store for the roles"; exit 1; }
px user add kfh_dm --role department_manager --hospital KFH > /dev/null
px user add t_grant --role viewer --hospital KFH > /dev/null
px user add t_revoke --role viewer --hospital KFH > /dev/null

# The user of each role, all in KFH (px_admin everywhere), and the role
# below each.
user_of() {
	case $1 in
	px_admin) echo admin ;; hospital_admin) echo kfh_admin ;;
	department_manager) echo kfh_dm ;; staff) echo kfh_staff ;; viewer) echo viewer ;;
	none) echo nobody ;;
	esac
}
below() {
	case $1 in
	px_admin) echo hospital_admin ;; hospital_admin) echo department_manager ;;
	department_manager) echo staff ;; staff) echo viewer ;;
	esac
}

# What each verb needs, and a run of it against this store: COMMAND,
# VERB (as -h spells it, "" for the command alone), ROLE ("none": no
# role at all, not even a user of the store), and the arguments (none:
# the page is checked, the verb not run).  Every run reads an empty
# standard input.
PAT=$(q "SELECT public_id FROM patients WHERE mrn = 'KFH0001'")
KFH_ENC=$(q "SELECT e.public_id FROM encounters e JOIN hospitals h ON h.id = e.hospital_id WHERE h.code = 'KFH' LIMIT 1")
# by the survey's id: by its token anyone may answer (the link's holder)
printf 'survey,question,value\n%s,q1,5\n' "$POS" > answer.csv
printf '{"type":"survey.event","survey":"%s","event":"page_view"}\n' "$POS" > event.jsonl
printf 'type,hospital,code,name\ndepartment,KFH,ROLES,Roles Ward\n' > dept.csv
printf 'event_id,event,event_time,hospital,department,visit,patient_type,mrn,name_en,phone\nr1,register,2026-11-23T06:00:00Z,KFH,OPD,KFH-R1,opd,KFH0099,Role Check,0500000099\n' > visit.csv
printf '{"type":"notification.receipt","id":"msg_none","status":"delivered"}\n' > receipt.jsonl
printf 'call_id,hospital,type,started_at,rating\nR-1,KFH,inquiry,2026-11-23T06:00:00Z,4\n' > call.csv
CALL=$(px-contact call import call.csv | jq -r .id)
cp "$SHARE/rules/actions" rules.txt
FB=$(px --as kfh_staff contact feedback add --type compliment --hospital KFH --notes "kind nurses" | sed -nE 's/.*"id":"(fbk_[0-9a-z]+)".*/\1/p')
: > empty
# two complaints and two inquiries to move, a file attached to the first
printf 'a letter\n' > note.txt
C=$(px-complaint new --hospital KFH --patient KFH0001 --department OPD --title one | jq -r .ref)
C2=$(px-complaint new --hospital KFH --patient KFH0002 --title two | jq -r .ref)
CODE=$(q "SELECT tracking FROM cases WHERE ref = '$C'")
ATT=$(px-complaint attach "$C" note.txt | jq -r .id)
I=$(px-complaint inquiry new --hospital KFH --name Ali --phone 0551234567 --title hours --category general | jq -r .ref)
I2=$(px-complaint inquiry new --hospital KFH --name Ali --phone 0551234567 --title parking --category other | jq -r .ref)
# two observations to move, a file attached to the first
O=$(px-complaint observation new --hospital KFH --category safety --description "wet floor" | jq -r .ref)
O2=$(px-complaint observation new --hospital KFH --category process --description "no handover" | jq -r .ref)
OATT=$(px-complaint observation attach "$O" note.txt | jq -r .id)
# two actions owned by staff, the first with evidence and a root cause
# (it is closed in turn), the second submitted (it is rejected, then
# cancelled); the first complaint's record, a trigger
ACT=$(px-action new --hospital KFH --department OPD --owner kfh_staff --title one | jq -r 'select(.type == "case") | .ref')
ACT2=$(px-action new --hospital KFH --owner kfh_staff --title two | jq -r 'select(.type == "case") | .ref')
px-action submit "$ACT2" > /dev/null
AATT=$(px-action attach "$ACT" note.txt | jq -r .id)
px-action rca add-cause "$ACT" --category process --text "no briefing" > /dev/null
px-complaint show "$C" | head -1 > trigger.jsonl
TABLE=$(cat <<EOF
px||none|--list-commands
px|init|none|init
px|user add|hospital_admin|user add u_new --role viewer --hospital KFH
px|user list|hospital_admin|user list
px|user grant|hospital_admin|user grant t_grant --role staff
px|user revoke|hospital_admin|user revoke t_revoke
px|org load|hospital_admin|org load dept.csv
px|org list|viewer|org list
px|audit|px_admin|audit
px|audit verify|px_admin|audit verify
px|workflow check|none|workflow check
px|patient find|hospital_admin|patient find --mrn KFH0001
px|patient show|hospital_admin|patient show $PAT
px|help|none|
px-survey|template add|px_admin|template add $SHARE/surveys/nps.json
px-survey|template list|viewer|template list
px-survey|template show|viewer|template show nps
px-survey|template disable|px_admin|template disable complaint_resolution
px-survey|send|staff|send --patient KFH0002 --hospital KFH --template nps
px-survey|respond|staff|respond answer.csv
px-survey|track|staff|track event.jsonl
px-survey|expire|staff|expire
px-survey|remind|staff|remind
px-survey|list|viewer|list
px-survey|show|viewer|show $POS
px-survey|export|viewer|export --template outpatient_visit
px-survey|negative|viewer|negative
px-notify||staff|--drain --dry-run
px-notify|render|none|render survey_reminder --hospital KFH --var patient_name=Sara
px-notify|list|staff|list
px-notify|show|staff|show msg_none
px-notify|status|staff|status receipt.jsonl
px-notify|retry|staff|retry --failed
px-contact|queue|viewer|queue --all
px-contact|log|hospital_admin|log $NEG --notes called
px-contact|satisfaction|hospital_admin|satisfaction $NEG
px-contact|close|hospital_admin|close $NEG --notes done
px-contact|escalate|hospital_admin|escalate $NEG --notes again
px-contact|show|viewer|show $NEG
px-contact|feedback list|viewer|feedback list
px-contact|feedback show|viewer|feedback show $FB
px-contact|feedback add|staff|feedback add --type suggestion --hospital KFH --notes chairs
px-contact|feedback set|staff|feedback set $FB --status closed
px-contact|call import|staff|call import call.csv
px-contact|call list|viewer|call list
px-contact|call show|viewer|call show $CALL
px-report|surveys|scores|nps|negative|journeys|notify|suppressed|complaints|viewer|surveys
px-report|sla|actions|calls|viewer|sla
px-report|dashboard|viewer|dashboard
px-report|summary|viewer|summary
px-import-his||hospital_admin|visit.csv
px-import-his|due|viewer|due
px-import-his|journeys|viewer|journeys
px-import-his|show|viewer|show $KFH_ENC
px-complaint|new|staff|new --hospital KFH --patient KFH0001 --title roles
px-complaint|list|viewer|list
px-complaint|show|viewer|show $C
px-complaint|assign|department_manager|assign $C --to kfh_staff
px-complaint|note|staff|note $C --text hello
px-complaint|classify|staff|classify $C --severity high
px-complaint|attach|staff|attach $C note.txt
px-complaint|attachment|viewer|attachment $C $ATT
px-complaint|start|staff|start $C
px-complaint|wait|staff|wait $C
px-complaint|partial|department_manager|partial $C --resolution fewer
px-complaint|resolve|department_manager|resolve $C --category no_action --resolution explained
px-complaint|close|hospital_admin|close $C
px-complaint|cancel|hospital_admin|cancel $C2 --reason duplicate
px-complaint|reopen|hospital_admin|reopen $C2 --reason mistake
px-complaint|track|viewer|track $CODE
px-complaint|taxonomy|none|taxonomy
px-complaint|inquiry new|staff|inquiry new --hospital KFH --name Ali --phone 0551234567 --title hours --category general
px-complaint|inquiry list|viewer|inquiry list
px-complaint|inquiry show|viewer|inquiry show $I
px-complaint|inquiry note|staff|inquiry note $I --text rang
px-complaint|inquiry classify|staff|inquiry classify $I --category billing
px-complaint|inquiry start|staff|inquiry start $I
px-complaint|inquiry respond|staff|inquiry respond $I --response answered
px-complaint|inquiry close|staff|inquiry close $I
px-complaint|inquiry cancel|department_manager|inquiry cancel $I2 --reason duplicate
px-complaint|inquiry reopen|department_manager|inquiry reopen $I2 --reason mistake
px-complaint|observation new|viewer|observation new --hospital KFH --category process --description roles
px-complaint|observation list|viewer|observation list
px-complaint|observation show|viewer|observation show $O
px-complaint|observation assign|department_manager|observation assign $O --to kfh_staff
px-complaint|observation note|staff|observation note $O --text seen
px-complaint|observation classify|staff|observation classify $O --severity critical
px-complaint|observation attach|staff|observation attach $O note.txt
px-complaint|observation attachment|viewer|observation attachment $O $OATT
px-complaint|observation start|staff|observation start $O
px-complaint|observation resolve|department_manager|observation resolve $O --resolution signs
px-complaint|observation close|hospital_admin|observation close $O
px-complaint|observation cancel|hospital_admin|observation cancel $O2 --reason duplicate
px-complaint|observation reopen|hospital_admin|observation reopen $O2 --reason mistake
px-sla|check|staff|check
px-sla|show|viewer|show $C
px-sla|due|viewer|due --from 2026-11-26T15:30:00+03:00 --hours 8
px-sla|policy list|viewer|policy list
px-sla|policy show|viewer|policy show complaint
px-sla|policy explain|viewer|policy explain $C
px-sla|calendar list|viewer|calendar list
px-sla|calendar show|viewer|calendar show saudi
px-sla|calendar set|hospital_admin|calendar set saudi --hospital KFH
px-sla|calendar add-holiday|hospital_admin|calendar add-holiday saudi --from 2026-12-31 --name roles
px-sla|calendar remove-holiday|hospital_admin|calendar remove-holiday saudi --from 2026-12-31
px-action|raise|staff|raise trigger.jsonl
px-action|new|staff|new --hospital KFH --title roles
px-action|list|viewer|list
px-action|show|viewer|show $ACT
px-action|assign|department_manager|assign $ACT --to kfh_staff
px-action|note|staff|note $ACT --text hello
px-action|attach|staff|attach $ACT note.txt
px-action|attachment|viewer|attachment $ACT $AATT
px-action|start|staff|start $ACT
px-action|submit|staff|submit $ACT
px-action|approve|department_manager|approve $ACT
px-action|reject|department_manager|reject $ACT2 --reason again
px-action|close|staff|close $ACT
px-action|cancel|department_manager|cancel $ACT2 --reason duplicate
px-action|route|viewer|route --explain trigger.jsonl
px-action|rca add-cause|staff|rca add-cause $ACT --category people --text short-staffed
px-action|rca add-corrective|staff|rca add-corrective $ACT --text briefings --owner kfh_staff --due 2026-12-15
px-action|rca review|department_manager|rca review $ACT 1 --effectiveness 4
px-action|rca risk|department_manager|rca risk $ACT --likelihood 2 --impact 3
px-action|rca show|viewer|rca show $ACT
px-action|rules show|viewer|rules show
px-action|rules load|px_admin|rules load rules.txt
px-action|rules reset|px_admin|rules reset
EOF
)

# The verbs of a command, from its usage: the lower-case words after
# the program's name on each line of -h, once each.
verbs_of() {
	"$BIN/$1" -h | sed 's/^usage: //; s/^ *//' | awk -v p="$1" '
		$1 != p { next }
		{ v = ""; for (i = 2; i <= NF && $i ~ /^[a-z][a-z|_-]*$/; i++) v = v (v == "" ? "" : " ") $i
		  if (!(v in seen)) { seen[v] = 1; print v } }'
}

# The role a command's page gives a verb: in its ROLES section, the item
# whose tag names the verb (".It Cm template add , Cm template show";
# ".It Nm" for the command alone), the first role its text names, or
# "none" for an item that says "No role".
page_role() {
	awk -v want="$2" '
		/^\.Sh / { on = ($2 == "ROLES"); next }
		!on { next }
		/^\.It / {
			found = 0; role = ""
			tags = substr($0, 5)
			n = split(tags, part, / , /)
			for (i = 1; i <= n; i++) {
				t = part[i]
				gsub(/(^| )(Cm|Nm|Ns|No|Li)( |$)/, " ", t)
				gsub(/^ +| +$/, "", t); gsub(/ +/, " ", t)
				if (t == want) found = 1
			}
			next
		}
		found && role == "" {
			if ($0 ~ /No role/) role = "none"
			else if (match($0, /(px_admin|hospital_admin|department_manager|staff|viewer)/))
				role = substr($0, RSTART, RLENGTH)
			if (role != "") { print role; exit }
		}' "$TOP/man/$1.1"
}

n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

for cmd in px px-survey px-notify px-contact px-report px-import-his px-complaint px-sla px-action; do
	while IFS= read -r verb; do
		row=$(printf '%s\n' "$TABLE" | awk -F'|' -v c="$cmd" -v v="$verb" '
			{ name = $2; for (i = 3; i <= NF - 2; i++) name = name "|" $i }
			$1 == c && name == v { print; exit }')
		label="$cmd${verb:+ $verb}"
		if [ -z "$row" ]; then
			t 1 "$label: the test knows its role"
			continue
		fi
		role=$(printf '%s\n' "$row" | awk -F'|' '{ print $(NF - 1) }')
		args=$(printf '%s\n' "$row" | awk -F'|' '{ print $NF }')
		# the page: every alternative of the verb named, with the role
		bad=
		for alt in $(printf '%s\n' "$verb" | tr '|' '\n' | sed 's/ /_/g'); do
			alt=$(printf '%s' "$alt" | tr '_' ' ')
			got=$(page_role "$cmd" "$alt")
			[ "$got" = "$role" ] || bad="$bad '$alt': page says '${got:-nothing}', library $role;"
		done
		[ -z "$bad" ]
		t $? "$label: $cmd(1) names the role $role"
		[ -n "$bad" ] && echo "#  $bad"
		[ -n "$args" ] || continue
		# the library: one role below is refused, the role itself is not
		lower=$(below "$role")
		if [ -n "$lower" ]; then
			eval "$cmd --as $(user_of "$lower") $args" < empty > out 2> err
			rc=$?
			[ "$rc" = 3 ] && grep -q 'permission denied' err
			t $? "$label: refused to $lower ($(user_of "$lower")), status 3"
			[ "$rc" = 3 ] || { echo "#   status $rc"; sed 's/^/#   /' err | head -3; }
		fi
		eval "$cmd --as $(user_of "$role") $args" < empty > out 2> err
		rc=$?
		[ "$rc" != 3 ] && [ "$rc" != 2 ] && [ "$rc" -lt 64 ]
		t $? "$label: runs for $role ($(user_of "$role"))"
		[ "$rc" != 3 ] && [ "$rc" != 2 ] && [ "$rc" -lt 64 ] || { echo "#   status $rc"; sed 's/^/#   /' err | head -3; }
	done < <(verbs_of "$cmd")
done
