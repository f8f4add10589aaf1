# The harness of the web pages' tests (tests/servers/web.sh, cdp.py), on a
# CGI program of its own: lighttpd on 127.0.0.1 runs it with PATH_INFO and
# px's variables, reads a form posted by a real browser, redirects; the
# browser fills, checks, clicks, reads, screenshots a phone-width page and
# fails loudly on a missing element or a server that is gone.
. "$TESTS/servers/notify.sh" # check
. "$TESTS/servers/web.sh"
web_require lighttpd tidy chromium

cat > form.cgi <<'EOF'
#!/bin/bash
# GET /form: a form; POST /form: its fields; /go: a redirect to /form;
# /nope: 404; any other path: what the server passed.
esc() { local v=${1//&/\&amp;}; v=${v//</\&lt;}; v=${v//>/\&gt;}; printf '%s' "${v//\"/\&quot;}"; }
page() {
	printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
	printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
	printf '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
	printf '<title>%s</title>\n</head>\n<body>\n<main>\n%s\n</main>\n</body>\n</html>\n' "$1" "$2"
}
case $REQUEST_METHOD:$PATH_INFO in
GET:/form)
	page Form '<h1>Your visit</h1>
<form method="post" action="/form">
<p><label for="name">Your name</label>
<input id="name" name="name" type="text" style="width: 100%; font-size: 1.2em"></p>
<fieldset><legend>Were you satisfied?</legend>
<p><input id="yes" name="answer" type="radio" value="yes"> <label for="yes">Yes</label></p>
<p><input id="no" name="answer" type="radio" value="no"> <label for="no">No</label></p>
<p><input id="unsure" name="answer" type="radio" value="unsure" style="display: none">
<label for="unsure">Not sure</label></p>
</fieldset>
<p><label for="dept">Department</label>
<select id="dept" name="dept"><option value="">Choose</option>
<option value="er">Emergency</option><option value="opd">Outpatients</option></select></p>
<p><button id="send" type="submit">Send</button></p>
</form>' ;;
POST:/form)
	read -r -N "${CONTENT_LENGTH:-0}" body
	out="<h1>Received</h1>"
	IFS='&' read -r -a kv <<< "$body"
	for f in "${kv[@]}"; do
		v=${f#*=}
		v=${v//+/ }
		printf -v v '%b' "${v//%/\\x}"
		out="$out
<p>${f%%=*}: $(esc "$v")</p>"
	done
	page Received "$out
<p><a id=\"again\" href=\"/form\">Start again</a></p>" ;;
*:/go) printf 'Status: 303 See Other\r\nLocation: /form\r\n\r\n' ;;
*:/nope) printf 'Status: 404 Not Found\r\n'; page 'Not found' '<p>No such page</p>' ;;
*) page Env "<p>path: $(esc "$PATH_INFO")</p>
<p>script: [$SCRIPT_NAME]</p>
<p>db: $(esc "$PX_DB")</p>
<p>now: $PX_NOW</p>
<p>user: [${PX_USER:-}]</p>" ;;
esac
EOF
chmod +x form.cgi

start_web "$PWD/form.cgi"
check "the server listens on 127.0.0.1 at a port of the system's choice" \
	eval '[[ $WEB_URL =~ ^http://127\.0\.0\.1:[0-9]+$ ]] && [ "$WEB_PORT" -gt 1024 ]'

# One browser for the whole walk through the pages.
cat > walk.txt <<EOF
goto $WEB_URL/s/TOKEN123
text
goto $WEB_URL/go
url
status
source
fill #name "Sara Ali & <co> سارة"
check #no
check input[value=yes]
check #no
screenshot phone.png
click #send
url
status
text
source
click #again
url
select #dept Outpatients
fill #name Omar
check #unsure
wait 0.1
submit #name
html
goto $WEB_URL/nope
status
EOF
cdp --width 360 --height 740 walk.txt > walk.out 2> walk.err
rc=$?
check "cdp.py runs the walk: exit 0, quiet" test "$rc" = 0 -a ! -s walk.err
[ "$rc" = 0 ] || sed 's/^/#   /' walk.err cdp-chromium.log | tail -20
# the pieces of its output
sed -n '/^<!DOCTYPE/,/^<\/html>/p' walk.out | awk '/^<!DOCTYPE/ { n++ } { print > ("page" n ".html") }'
grep -v -e '^<' -e '^$' walk.out > walk.lines
holds() { # FILE TEXT: whether FILE holds TEXT (lines in a row)
	local all
	all=$(cat "$1") && [[ $all == *"$2"* ]] || { sed 's/^/#   /' "$1"; return 1; }
}

check "PATH_INFO is the whole path, SCRIPT_NAME empty; PX_DB, PX_NOW passed, PX_USER not" \
	holds walk.lines "path: /s/TOKEN123
script: []
db: $PWD/px.db
now: $PX_NOW
user: []"
check "a redirect is followed: the url is the page it led to, the status its own" \
	holds walk.lines "$WEB_URL/form
200
$WEB_URL/form"
check "the form posted by clicking, fields read from stdin and decoded (the last radio checked)" \
	holds walk.lines "$WEB_URL/form
200
Received
name: Sara Ali & <co> سارة
answer: no
dept:
Start again
$WEB_URL/form
404"
check "a link clicked; a choice selected by its text, a hidden radio checked through its label, a form submitted" \
	grep -qz '<h1>Received</h1>.*<p>name: Omar</p>.*<p>answer: unsure</p>.*<p>dept: opd</p>' walk.out
check "status of a missing page: 404" test "$(tail -1 walk.lines)" = 404
check "source gives the HTML as served, twice" test -s page1.html -a -s page2.html
valid() { # FILE...: tidy finds no error, warnings at most
	local p
	for p in "$@"; do
		tidy -q -e "$p" 2> "$p.tidy"
		[ $? -le 1 ] || { sed "s/^/#   /" "$p.tidy"; return 1; }
	done
}
check "the served pages are valid HTML (tidy -q -e)" valid page1.html page2.html
check "the screenshot is a PNG 360 pixels wide, the whole page high" \
	"$PY" -c '
import struct, sys
d = open("phone.png", "rb").read(24)
w, h = struct.unpack(">II", d[16:24])
sys.exit(not (d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR" and w == 360 and 200 < h))'
check "the CGI program wrote nothing on its standard error" test ! -s "$WEB_CGI_LOG"
check "chromium is gone and its profile removed" \
	eval '! pgrep -f "$PWD/cdp-profile" > /dev/null && ! compgen -G "cdp-profile.*" > /dev/null'

# Failures are loud: a missing element, a server that is gone.
cdp -e "goto $WEB_URL/form" -e 'click #nothing' -e text > miss.out 2> miss.err
rc=$?
check "a missing element: exit 1, the step and the problem named, nothing after it run" \
	eval '[ "$rc" = 1 ] && [ ! -s miss.out ] && grep -qx "cdp.py: -e 2: click #nothing: no element matches" miss.err'
stop_web
check "stop_web stops the server" eval '! (exec 3<> "/dev/tcp/127.0.0.1/$WEB_PORT") 2> /dev/null'
check "the access log has the post and its answer" grep -q '"POST /form HTTP/1.1" 200 ' "$WEB_ACCESS_LOG"
cdp -e "goto $WEB_URL/form" > gone.out 2> gone.err
rc=$?
check "a server gone: exit 1, the error chromium met" \
	eval '[ "$rc" = 1 ] && grep -q "cannot load $WEB_URL/form: net::ERR_CONNECTION_REFUSED" gone.err'
check "a step it does not know: usage, exit 2" eval 'cdp -e "frobnicate x" 2> usage.err; [ $? = 2 ] && grep -q "^usage: " usage.err'
