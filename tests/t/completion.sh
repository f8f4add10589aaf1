# The bash completion asks the commands: px's commands from
# --list-commands, verbs and options from each command's -h.
. "$TOP/completions/px.bash"
n=0
comp() { # expected, then the words; the last word is the one completed
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_px
	local got="${COMPREPLY[*]}"
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - complete '$*'"
	else
		echo "not ok $n - complete '$*': got '$got', want '$want'"
	fi
}
comp "complaint contact" px co
comp "contact" px con
comp "import-his init" px i
comp "add" px user a
comp "grant" px user g
comp "--role" px user add bob --ro
comp "csv" px org list -o c
comp "remind respond" px-survey re
comp "log" px-contact l
# px-contact call: its verbs and options, the types of call and ratings
comp "call close" px-contact c
comp "import list show" px contact call ''
comp "--rating-max" px-contact call list --r
comp "follow_up feedback" px-contact call list --type f
comp "1 2 3 4 5" px contact call list --rating-max ''
comp "--rejects" px-contact call import --rej
comp "patient" px pa
comp "find" px patient f
comp "--natid" px patient find --n
comp "negative notify nps" px report n
comp "--by" px-report nps --b
# px-report: the reports, the dimensions of each, periods and formats
comp "complaints" px report com
comp "category classification" px-report complaints --by c
comp "channel" px-report nps --by c
comp "hospital template channel" px report notify --by ''
comp "source state subcategory" px-report complaints --by = s
comp "month" px-report complaints --period m
comp "html" px-report complaints -o h
comp "scores sla summary suppressed surveys" px report s
comp "kind" px-report sla --by k
comp "hospital department kind severity" px report sla --by ''
comp "--lang" px-report sla --l
comp "hl7" px-import-his -i h
comp "--drain --dry-run" px-notify --dr
comp "--columns" px-survey show --col
comp "--columns --config" px org list --co
comp "list load" px --columns 120 org l
comp "table" px-notify list --columns 120 -o t
# px-complaint: verbs, the inquiry verbs, options by verb, and the values
# of the options that no usage lists
comp "complaint" px comp
comp "attach attachment" px-complaint atta
comp "inquiry" px-complaint inq
comp "reopen respond" px complaint inquiry re
comp "--response" px-complaint inquiry respond KFH-2026-000001 --res
comp "--category --columns" px-complaint resolve KFH-2026-000001 --c
comp "--from-negative --from-survey" px-complaint new --from
comp "--mine" px-complaint list --mi
comp "call_center chi" px-complaint new --source c
comp "call_center chi" px-complaint new --source = c
comp "critical" px-complaint list --severity cr
comp "low medium high" px-complaint new --priority ''
comp "full_action" px-complaint resolve KFH-2026-000001 --category f
comp "cannot_resolve" px complaint --as kfh_dm resolve KFH-2026-000001 --category c
comp "general" px-complaint inquiry new --category g
comp "observation" px-complaint obs
comp "reopen resolve" px complaint observation re
comp "good_practice" px-complaint observation new --category g
comp "--to-reporter" px-complaint observation note KFH-OB-2026-000001 --to
comp "3.4 3.4.1 3.4.2" px-complaint new --category 3.4
comp "en ar" px-complaint taxonomy --lang ''
comp "ar" px complaint new --language a
echo "1..$n"
