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
comp "contact" px co
comp "import-his init" px i
comp "add" px user a
comp "grant" px user g
comp "--role" px user add bob --ro
comp "csv" px org list -o c
comp "remind respond" px-survey re
comp "log" px-contact l
comp "patient" px pa
comp "find" px patient f
comp "--natid" px patient find --n
comp "negative notify nps" px report n
comp "--by" px-report nps --b
comp "hl7" px-import-his -i h
comp "--drain --dry-run" px-notify --dr
comp "--columns" px-survey show --col
comp "--columns --config" px org list --co
comp "list load" px --columns 120 org l
comp "table" px-notify list --columns 120 -o t
echo "1..$n"
