# Sourced by the tests of px's web pages: a real web server (Debian's
# lighttpd) on 127.0.0.1 running a CGI program, and a real browser to
# drive it (cdp.py, headless Chromium).
#
#   web_require lighttpd tidy chromium   # else one SKIP line, exit 0
#   start_web "$BIN/px-web" [DOCROOT]    # sets WEB_URL=http://127.0.0.1:PORT
#   cdp -e "goto $WEB_URL/s/TOKEN" -e text  # cdp.py, bounded by CDP_TIMEOUT
#   stop_web                             # also done when the script ends
#
# start_web writes web.d/lighttpd.conf in the test's directory and starts
# lighttpd in the foreground (-D), in the background, bounded in time
# (SERVER_TIMEOUT seconds, by default 120).  The port is the system's
# choice: a socket is bound to 127.0.0.1:0 and handed to lighttpd already
# listening (systemd socket activation), so that no other test can take
# it in between.  Every path goes to the CGI program, PATH_INFO the whole
# path (/s/TOKEN gives PATH_INFO=/s/TOKEN, SCRIPT_NAME empty), but for the
# files and directories at the top of DOCROOT, when given, which are
# served as they are (DOCROOT/css/a.css as /css/a.css; /css itself goes to
# the program).  lighttpd passes none of its own environment on: the
# program runs with only PX_DB (by default
# $PWD/px.db: lighttpd runs a CGI program in the program's directory),
# PX_CONFIG, PX_DATA, PX_NOW, PX_PRIVACY_NATID_KEY, PX_EXEC_PATH, PATH,
# HOME, TMPDIR, TZ, LC_ALL, LANG and the sanitizers' options, those of
# them that are set, and the variables named in WEB_ENV; not PX_USER, as a
# patient's browser names no user.  They are read when the server starts:
# to change PX_NOW, stop_web and start_web again.
#
# lighttpd runs as the user that runs the test, root included: it keeps
# uid 0 when server.username is unset (it refuses only to switch to uid
# 0), so that the CGI program opens the store that px init made (mode
# 0600) and its -wal and -shm files as their owner, and what it writes
# belongs to the test.  The logs, all in web.d: WEB_LOG (lighttpd's
# errors), WEB_CGI_LOG (the CGI program's standard error, where a
# sanitizer reports), WEB_ACCESS_LOG (one line a request, written out
# in full when the server stops).  Source this file after notify.sh, whose
# EXIT trap would replace the one set here (this one keeps what was
# trapped before).  One server at a time: start_web again restarts it.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
LIGHTTPD=${LIGHTTPD:-/usr/sbin/lighttpd}
WEB_PID=

# The EXIT trap stops the server, then runs what was trapped before.
_web_trap() {
	eval "set -- $(trap -p EXIT)"
	trap "stop_web; ${3:-}" EXIT
}
_web_trap

# web_require TOOL...: the tools the test needs (lighttpd, tidy, chromium);
# prints "ok 1 - # SKIP ..." and ends the script when one is missing.
web_require() {
	local t missing=
	for t in "$@"; do
		case $t in
		lighttpd) [ -x "$LIGHTTPD" ] || missing="$missing lighttpd" ;;
		*) command -v "$t" > /dev/null || missing="$missing $t" ;;
		esac
	done
	[ -z "$missing" ] && return 0
	echo "ok 1 - # SKIP not installed:$missing"
	exit 0
}

# A lighttpd string: refused if it would need quoting.
_web_str() {
	case $1 in *[\"\\$'\n']*) echo "start_web: cannot pass '$1' to lighttpd" >&2; return 1 ;; esac
	printf '"%s"' "$1"
}

# start_web CGI_PROGRAM [DOCROOT]: starts the server, sets WEB_URL and
# WEB_PORT; ends the script with a "not ok" line if it cannot.
start_web() {
	local cgi doc d=$PWD/web.d v n env= alias= i to PX_DB=${PX_DB:-$PWD/px.db}
	cgi=$(realpath -e "$1") && [ -x "$cgi" ] || { echo "not ok 1 - start_web: '$1' is not a program"; exit 1; }
	[ -n "$WEB_PID" ] && stop_web
	mkdir -p "$d/doc" || exit 1
	doc=$(realpath -e "${2:-$d/doc}") || exit 1
	for n in PX_DB PX_CONFIG PX_DATA PX_NOW PX_PRIVACY_NATID_KEY PX_EXEC_PATH PATH HOME TMPDIR \
		TZ LC_ALL LANG ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS ${WEB_ENV:-}; do
		[ -n "${!n+x}" ] || continue
		v=$(_web_str "${!n}") || exit 1
		env="$env \"$n\" => $v,"
	done
	for i in "$doc"/*; do
		[ -e "$i" ] || continue
		v=/${i##*/} to=$i
		[ -d "$i" ] && v=$v/ to=$i/
		to=$(_web_str "$to") || exit 1
		alias="$alias \"$v\" => $to,"
	done
	WEB_DIR=$d WEB_LOG=$d/error.log WEB_CGI_LOG=$d/cgi.log WEB_ACCESS_LOG=$d/access.log
	export WEB_DIR WEB_LOG WEB_CGI_LOG WEB_ACCESS_LOG
	rm -f "$d/port.conf" "$WEB_LOG"
	cat > "$d/lighttpd.conf" <<-EOF || exit 1
		server.modules = ("mod_alias", "mod_cgi", "mod_setenv", "mod_accesslog")
		server.document-root = $(_web_str "$doc")
		server.bind = "127.0.0.1"
		include "port.conf"
		server.systemd-socket-activation = "enable"
		server.errorlog = $(_web_str "$WEB_LOG")
		server.breakagelog = $(_web_str "$WEB_CGI_LOG")
		accesslog.filename = $(_web_str "$WEB_ACCESS_LOG")
		alias.url = ($alias "/" => $(_web_str "$cgi/"))
		cgi.assign = ($(_web_str "/${cgi##*/}") => "")
		setenv.add-environment = ($env)
	EOF
	# bind, write the port into the configuration, then become lighttpd
	timeout "${SERVER_TIMEOUT:-120}" "$PY" -c '
import os, socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(128)
with open(sys.argv[1] + "/port.conf.tmp", "w") as f:
    f.write("server.port = %d\n" % s.getsockname()[1])
os.rename(sys.argv[1] + "/port.conf.tmp", sys.argv[1] + "/port.conf")
os.dup2(s.fileno(), 3)
os.set_inheritable(3, True)
os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS="1")
os.execv(sys.argv[2], [sys.argv[2], "-D", "-f", sys.argv[1] + "/lighttpd.conf"])' \
		"$d" "$LIGHTTPD" > "$d/lighttpd.out" 2>&1 &
	WEB_PID=$!
	for _ in $(seq 1 200); do
		grep -qs 'server started' "$WEB_LOG" && break
		kill -0 "$WEB_PID" 2> /dev/null || break
		sleep 0.05
	done
	if ! grep -qs 'server started' "$WEB_LOG"; then
		echo "not ok 1 - lighttpd did not start"
		cat "$d/lighttpd.out" "$WEB_LOG" 2> /dev/null | sed 's/^/#   /'
		exit 1
	fi
	read -r _ _ WEB_PORT < "$d/port.conf"
	WEB_URL=http://127.0.0.1:$WEB_PORT
	export WEB_URL WEB_PORT
}

# stop_web: stops the server and waits for it to be gone.
stop_web() {
	[ -n "$WEB_PID" ] || return 0
	kill "$WEB_PID" 2> /dev/null
	wait "$WEB_PID" 2> /dev/null
	WEB_PID=
}

# cdp ARGS...: runs tests/servers/cdp.py (the browser), bounded in time
# (CDP_TIMEOUT seconds, by default 60).
cdp() { timeout "${CDP_TIMEOUT:-60}" "$PY" "$TESTS/servers/cdp.py" "$@"; }
