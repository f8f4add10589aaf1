# Sourced by every golden case before its script.

# Prints the exit status of the command before: px org load x; code
code() { echo "exit $?"; }

# Runs SQL against the case's database, rows as a|b|c.
q() { sqlite3 -batch "${DB:-px.db}" "$@"; }

# Replaces random public ids by PREFIX_ID so that output is stable.
norm() { sed -E 's/\b([a-z]{3})_[0-9a-z]{20}\b/\1_ID/g'; }

# first_line CMD [ARGS...]: the first line CMD prints (stdout and stderr
# together), and CMD's exit status; unlike "CMD 2>&1 | head -1" it keeps
# the status and never stops CMD with SIGPIPE: first_line px-x bad; code
first_line() {
	local rc
	"$@" > .first_line 2>&1
	rc=$?
	head -1 .first_line
	rm -f .first_line
	return $rc
}

# short_usage CMD [ARGS...]: runs CMD and passes its standard error on,
# a usage text in it shortened to the one line "usage: as CMD -h" when it
# is exactly what 'CMD -h' prints; any other usage text is left whole, so
# that a difference shows.  Each command's whole usage is pinned once, in
# the case that checks its -h; the others need not repeat it.
short_usage() {
	local rc
	"$@" 2> .short_usage.err
	rc=$?
	if grep -q '^usage: ' .short_usage.err; then
		"$1" -h > .short_usage.h 2>&1
		awk -v cmd="$1" '
			FNR == NR { h = h $0 "\n"; next }
			function end() {
				if (blk == "") return
				printf "%s", (blk == h) ? "usage: as " cmd " -h\n" : blk
				blk = ""
			}
			/^usage: / { end(); blk = $0 "\n"; next }
			blk != "" && /^[ \t]/ { blk = blk $0 "\n"; next }
			{ end(); print }
			END { end() }
		' .short_usage.h .short_usage.err >&2
	else
		cat .short_usage.err >&2
	fi
	rm -f .short_usage.err .short_usage.h
	return $rc
}

# px_cached NAME COMMAND...: runs COMMAND, a set-up that leaves files in
# the current directory and prints; or, under tests/run.sh, copies in what
# it left the first time it ran in the same environment: its files, its
# stdout, its stderr and its exit status.  The copy is taken only in a
# directory without a store, with an empty px.conf, no PX_DB or DB, and the
# same exported variables (the directory's own path aside), shell functions
# and umask as where it was made; otherwise COMMAND runs here.  The first
# caller makes the copy, running COMMAND in an empty directory of its own
# with standard input from /dev/null; callers at the same time wait for it.
px_cached() {
	local name=$1 key k dir i rc
	shift
	if [ -z "${PX_TEST_CACHE:-}" ] || [ -n "${PX_CACHED_MAKING:-}" ] ||
		[ -n "${PX_DB+x}" ] || [ -n "${DB+x}" ] || [ -s "${PX_CONFIG:-px.conf}" ] ||
		compgen -G 'px.db*' > /dev/null; then
		"$@"
		return
	fi
	# the key, by builtins only: no process to start
	k=$PX_TEST_CACHE/key.$BASHPID
	{ export -p; declare -f; umask; } > "$k"
	IFS= read -r -d '' key < "$k"
	key=${key//"$PWD"/@CWD@}
	dir=
	while :; do
		for i in "$PX_TEST_CACHE/$name".[0-9]*; do
			case $i in *.tmp) continue ;; esac
			[ -f "$i/key" ] || continue
			IFS= read -r -d '' k < "$i/key"
			[ "$k" = "$key" ] && { dir=$i; break 2; }
		done
		if mkdir "$PX_TEST_CACHE/$name.lock" 2> /dev/null; then
			_px_cache_make "$name" "$key" "$@"
			rmdir "$PX_TEST_CACHE/$name.lock"
			dir=$_px_cache_made
			break
		fi
		sleep 0.05
	done
	if [ -z "$dir" ]; then
		"$@"
		return
	fi
	cp -a "$dir/files/." . || return
	_px_cache_print "$dir/stdout"
	_px_cache_print "$dir/stderr" >&2
	read -r rc < "$dir/status"
	return "$rc"
}

# Makes the copy of px_cached NAME in NAME.N, under its lock; sets
# _px_cache_made to it, or to nothing when COMMAND could not be run.
_px_cache_make() {
	local name=$1 key=$2 n=1 d
	shift 2
	while [ -e "$PX_TEST_CACHE/$name.$n" ]; do n=$((n + 1)); done
	d=$PX_TEST_CACHE/$name.$n
	_px_cache_made=
	mkdir -p "$d.tmp/files" || return
	(
		here=$PWD
		cd "$d.tmp/files" || exit 1
		[ "${HOME:-}" = "$here" ] && export HOME=$PWD
		[ "${TMPDIR:-}" = "$here" ] && export TMPDIR=$PWD
		[ "${PX_CONFIG:-}" = "$here/px.conf" ] && export PX_CONFIG=$PWD/px.conf
		[ -e "$here/px.conf" ] && : > px.conf
		PX_CACHED_MAKING=1 "$@" < /dev/null > ../stdout 2> ../stderr
		echo $? > ../status
	)
	[ -f "$d.tmp/status" ] || return
	printf '%s' "$key" > "$d.tmp/key"
	mv "$d.tmp" "$d" && _px_cache_made=$d
}

# Prints FILE as it is, by a builtin when it holds no NUL byte.
_px_cache_print() {
	local x
	[ -s "$1" ] || return 0
	if IFS= read -r -d '' x < "$1"; then
		cat "$1"
	else
		printf '%s' "$x"
	fi
}

# A database with the sample organisation and a few users:
#   admin (px_admin), kfh_admin (hospital_admin of KFH),
#   kfh_staff (staff of KFH), kamc_admin (hospital_admin of KAMC),
#   viewer (viewer of KFH).  Made once per run (px_cached).
setup_org() { px_cached setup_org setup_org_run; }
setup_org_run() {
	px init &&
	px org load "$TESTS/fixtures/org.csv" &&
	px user add kfh_admin --role hospital_admin --hospital KFH &&
	px user add kfh_staff --role staff --hospital KFH &&
	px user add kamc_admin --role hospital_admin --hospital KAMC &&
	px user add viewer --role viewer --hospital KFH
}
