# bash completion for px and its commands.
#
# Thin by design: the first word of px completes from 'px --list-commands',
# and the verbs and options of a command come from its own '-h' usage text,
# so that a new verb or option needs no change here.  The values of a few
# options that no usage lists are here too (_px_values).

# _px_usage COMMAND...: the usage lines COMMAND -h prints, one per line,
# without "usage:", continuation lines joined to the line they continue
# (a usage line begins with the program's name, as the first one does).
_px_usage()
{
	local line prog= out=
	while IFS= read -r line; do
		line=${line#usage:}
		line=${line#"${line%%[![:space:]]*}"}
		[[ -n $line ]] || continue
		if [[ -z $prog ]]; then
			prog=${line%% *}
			out=$line
		elif [[ ${line%% *} == "$prog" ]]; then
			out+=$'\n'$line
		else
			out+=" $line"
		fi
	done < <("$@" -h 2>/dev/null)
	[[ -n $out ]] || return
	# A verb written as alternatives ("px-report surveys|scores ...")
	# stands for one usage line per alternative.
	local -a w alt
	local a
	while IFS= read -r line; do
		read -ra w <<< "$line"
		if [[ ${w[1]:-} =~ ^[a-z][a-z0-9_-]*(\|[a-z][a-z0-9_-]*)+$ ]]; then
			IFS='|' read -ra alt <<< "${w[1]}"
			for a in "${alt[@]}"; do
				printf '%s %s %s\n' "${w[0]}" "$a" "${w[*]:2}"
			done
		else
			printf '%s\n' "$line"
		fi
	done <<< "$out"
}

# _px_verbs LINE: the leading lower-case words of a usage line after the
# program name ("px user add NAME" gives "user add").
_px_verbs()
{
	local -a w
	local v out=
	read -ra w <<< "$1"
	for v in "${w[@]:1}"; do
		[[ $v =~ ^[a-z][a-z0-9_-]*$ ]] || break
		out+=${out:+ }$v
	done
	printf '%s' "$out"
}

# _px_options LINE...: every option in the lines, one per line, each
# followed by a tab and the name of its argument when it takes one
# ("--db	FILE", "-h	").
_px_options()
{
	local -a w alt
	local line i tok next o
	for line in "$@"; do
		read -ra w <<< "$line"
		for ((i = 0; i < ${#w[@]}; i++)); do
			tok=${w[i]}
			next=${w[i + 1]:-}
			next=${next//[^A-Za-z0-9_]/}
			IFS='|' read -ra alt <<< "$tok"
			for o in "${alt[@]}"; do
				o=${o#"${o%%[!\[(]*}"}
				o=${o%%=*}
				o=${o%%[]),.]*}
				[[ $o =~ ^--?[A-Za-z0-9][A-Za-z0-9-]*$ ]] || continue
				if [[ $next =~ ^[A-Z][A-Z0-9_]*$ && $tok != *"|"* ]] ||
				   [[ ${w[i]} == *=* ]]; then
					printf '%s\t%s\n' "$o" "$next"
				else
					printf '%s\t\n' "$o"
				fi
			done
		done
	done
}

# _px_values PROG OPTION ARGNAME VERB... -- COMMAND...: the values the
# option takes, one per line, when px knows them: languages for every LANG,
# px-complaint's sources, levels and categories (VERB... are the words
# typed before, "resolve", "inquiry new" or "observation new"; the
# taxonomy's codes are asked of COMMAND taxonomy), and px-report's
# periods and the dimensions each report groups by (VERB... begins with
# the report), and px-contact's types of call and ratings.
_px_values()
{
	local prog=$1 opt=$2 arg=$3
	shift 3
	local -a verbs=()
	while (($#)) && [[ $1 != -- ]]; do
		verbs+=("$1")
		shift
	done
	shift
	if [[ $arg == LANG ]]; then
		printf '%s\n' en ar
		return
	fi
	if [[ $prog == px-report ]]; then
		case $opt in
		--period)
			printf '%s\n' day week month quarter year
			;;
		--by)
			case ${verbs[0]:-} in
			surveys | negative | suppressed)
				printf '%s\n' hospital department template channel
				;;
			scores | nps)
				printf '%s\n' hospital department template channel question
				;;
			journeys)
				printf '%s\n' hospital department
				;;
			notify)
				printf '%s\n' hospital template channel
				;;
			complaints)
				printf '%s\n' hospital department source state domain category subcategory \
					classification
				;;
			sla)
				printf '%s\n' hospital department kind severity
				;;
			actions)
				printf '%s\n' hospital department source state trigger
				;;
			calls)
				printf '%s\n' hospital department agent
				;;
			esac
			;;
		esac
		return
	fi
	if [[ $prog == px-action ]]; then
		case $opt in
		--category)
			printf '%s\n' process people equipment communication policy environment technology
			;;
		--priority)
			printf '%s\n' low medium high
			;;
		--state)
			printf '%s\n' open in_progress pending_approval approved closed cancelled
			;;
		esac
		return
	fi
	if [[ $prog == px-contact ]]; then
		if [[ $opt == --type && ${verbs[0]:-} == call ]]; then
			printf '%s\n' inquiry complaint appointment follow_up feedback
		elif [[ $opt == --rating-max ]]; then
			printf '%s\n' 1 2 3 4 5
		fi
		return
	fi
	[[ $prog == px-complaint ]] || return
	case $opt in
	--source)
		printf '%s\n' patient family staff survey social_media call_center moh chi other
		;;
	--severity)
		printf '%s\n' low medium high critical
		;;
	--priority)
		printf '%s\n' low medium high
		;;
	--category)
		if [[ ${verbs[0]:-} == inquiry ]]; then
			printf '%s\n' appointment billing medical_records general other
		elif [[ ${verbs[0]:-} == observation ]]; then
			printf '%s\n' safety process good_practice
		elif [[ ${verbs[0]:-} == resolve ]]; then
			printf '%s\n' full_action partial_action no_action cannot_resolve
		else
			"$@" taxonomy -o jsonl 2>/dev/null | sed -n 's/.*"code":"\([^"]*\)".*/\1/p'
		fi
		;;
	esac
}

_px_files()
{
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

# _px_complete PROG SKIP COMMAND...: completes the current word for PROG,
# whose own words are COMP_WORDS[SKIP..]; COMMAND -h prints its usage,
# against which the verbs already typed are matched.
_px_complete()
{
	local prog=$1 skip=$2
	shift 2
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	((COMP_CWORD > skip)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD - 2 >= skip)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	local -a lines
	mapfile -t lines < <(_px_usage "$@")

	# Options that take an argument, and the name of that argument.
	local -A argname=([--db]=FILE [--as]=USER [--config]=FILE [--columns]=N
		[-i]=FORMAT [--input-format]=FORMAT [-o]=FORMAT [--output-format]=FORMAT)
	local o a
	while IFS=$'\t' read -r o a; do
		[[ -n $a ]] && argname[$o]=$a
	done < <(_px_options "${lines[@]}")

	# The verbs typed so far: words that are not options or their
	# arguments.
	local -a typed=()
	local i w
	for ((i = skip; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = ]]; then
			((i++))
		elif [[ $w == -* && $w != *=* && -n ${argname[$w]:-} ]]; then
			((i++))
			[[ ${COMP_WORDS[i]:-} == = ]] && ((i++))
		elif [[ $w != -* ]]; then
			typed+=("$w")
		fi
	done

	# The argument of an option.
	if [[ $prev == -* && -n ${argname[$prev]:-} ]]; then
		case $prev in
		-i | --input-format)
			local f="jsonl json csv"
			[[ $prog == px-import-his ]] && f+=" hl7"
			COMPREPLY=($(compgen -W "$f" -- "$cur"))
			;;
		-o | --output-format)
			local f="jsonl json csv table"
			[[ $prog == px-report ]] && f+=" html"
			COMPREPLY=($(compgen -W "$f" -- "$cur"))
			;;
		--db | --config)
			_px_files "$cur"
			;;
		*)
			local vals
			vals=$(_px_values "$prog" "$prev" "${argname[$prev]}" "${typed[@]}" -- "$@")
			if [[ -n $vals ]]; then
				COMPREPLY=($(compgen -W "$vals" -- "$cur"))
				return
			fi
			case ${argname[$prev]} in
			FILE | DIR | PATH) _px_files "$cur" ;;
			*) COMPREPLY=() ;;
			esac
			;;
		esac
		return
	fi

	local sofar="${typed[*]}" line verbs
	local -a matching=() general=() next=()
	for line in "${lines[@]}"; do
		verbs=$(_px_verbs "$line")
		if [[ -z $verbs ]]; then
			read -ra w <<< "$line"
			[[ ${w[1]:-} == \[* ]] && general+=("$line")
			continue
		fi
		if [[ -z $sofar || "$verbs " == "$sofar "* || "$sofar " == "$verbs "* ]]; then
			matching+=("$line")
		fi
		if [[ "$verbs " == "$sofar "* || -z $sofar ]]; then
			read -ra w <<< "$verbs"
			((${#w[@]} > ${#typed[@]})) && next+=("${w[${#typed[@]}]}")
		fi
	done

	if [[ $cur == -* ]]; then
		local -a use=("${lines[@]}")
		[[ -n $sofar && ${#matching[@]} -gt 0 ]] && use=("${matching[@]}" "${general[@]}")
		local opts
		# --columns is common to every verb, and in no usage
		opts=$({ _px_options "${use[@]}"; echo --columns; } | cut -f1 | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	if [[ $prog == px && ${#typed[@]} -eq 0 ]]; then
		COMPREPLY=($(compgen -W "$(px --list-commands 2>/dev/null)" -- "$cur"))
	elif [[ $prog == px && $sofar == help ]]; then
		COMPREPLY=($(compgen -W "$(px --list-commands 2>/dev/null) px.conf records" -- "$cur"))
	elif ((${#next[@]})); then
		COMPREPLY=($(compgen -W "$(printf '%s\n' "${next[@]}" | sort -u)" -- "$cur"))
	else
		_px_files "$cur"
	fi
}

_px()
{
	local cmd=${COMP_WORDS[0]##*/}
	COMPREPLY=()
	if [[ $cmd != px ]]; then
		_px_complete "$cmd" 1 "${COMP_WORDS[0]}"
		return
	fi
	# px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]: find
	# COMMAND; its words go to px-COMMAND unless it is built into px.
	local i w
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db | --as | --config | --columns)
			((i++))
			[[ ${COMP_WORDS[i]:-} == = ]] && ((i++))
			;;
		-*) ;;
		*) break ;;
		esac
	done
	# px runs px-COMMAND with -h as it would with any other argument.
	if ((i < COMP_CWORD)) && [[ $w =~ ^[a-z0-9][a-z0-9-]*$ ]] &&
	   ! px -h 2>/dev/null | grep -Eq "^(usage:)?[[:space:]]*px $w( |\$)"; then
		_px_complete "px-$w" $((i + 1)) px "$w"
	else
		_px_complete px 1 px
	fi
}

complete -F _px px px-import-his px-survey px-notify px-contact px-complaint px-sla px-action px-report px-web
