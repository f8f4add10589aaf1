"""A headless Chromium driven over the DevTools protocol, for the tests of
px's web pages: python3 cdp.py [OPTIONS] [SCRIPT | -] [-e STEP]...

Starts chromium (CHROMIUM, else chromium on PATH) headless with a profile
of its own in a temporary directory under the current one (the test's),
DevTools on a port of 127.0.0.1 that the system picks, every host name but
127.0.0.1 and localhost unresolvable and no proxy, so that the browser
reaches nothing but loopback.  It runs the steps of SCRIPT (a file, - for
stdin) and of each -e STEP, in that order, then kills chromium and every
process it started, and removes the profile.  chromium's own output goes
to cdp-chromium.log in the current directory.

OPTIONS: --width PX and --height PX (the viewport, by default 360 x 740, a
phone: a mobile viewport that honours <meta name=viewport>), --timeout S
(how long a navigation may take, 15 s by default).

Steps, one a line, words split as by the shell (quote a selector or a
text that holds spaces); blank lines and lines starting with # are left
out.  A SELECTOR is a CSS selector; the first element it matches is used.
  goto URL             load URL and wait for its load event
  fill SELECTOR TEXT   focus a text field, empty it and type TEXT into it
  check SELECTOR       click a radio button or check box (its label when
                       the control itself is not shown) unless checked
  select SELECTOR VAL  choose the option of a <select> by value or text
  click SELECTOR       click the element with the mouse (an error if it is
                       not shown or another element covers it), and wait
                       for the page it loads: a link's or a submit
                       button's of a valid form (an error if none
                       comes), else any whose loading starts within 0.5 s
  submit SELECTOR      submit the form (or the form of the element) as its
                       submit button would, and wait for the page it loads
  text                 print document.body.innerText
  html                 print the document's outerHTML (the DOM, as parsed)
  source               print the body of the page as the server sent it
  url                  print location.href
  status               print the HTTP status of the last page loaded (the
                       page a redirect led to; nothing before a page)
  screenshot FILE      write a PNG of the whole page, the viewport's width
  wait SECONDS         let the page run for that long
What a step prints goes to stdout, a newline at its end.  An error (no
element matches, a navigation that fails or takes longer than --timeout,
chromium gone) prints 'cdp.py: SCRIPT:LINE: STEP: problem' ('-e N:' for
the Nth -e) to stderr and exits 1, the steps after it left undone; a
usage error (an unknown step, a wrong number of words) exits 2.

As a library: with cdp.Browser(width=360) as b: b.goto(url); b.text()..."""
import argparse, base64, json, os, shlex, shutil, signal, socket, struct, subprocess
import re, sys, tempfile, time, urllib.request


class Error(Exception):
    pass


class WebSocket:
    """The client side of RFC 6455, as much as DevTools needs."""

    def __init__(self, url):
        hostport, path = url.split("://", 1)[1].split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n" % (path, hostport, key)).encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self._more()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise Error("DevTools refused the WebSocket: %r" % head.split(b"\r\n")[0])

    def _more(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise Error("chromium closed the DevTools connection (did it crash?)")
        self.buf += chunk

    def _read(self, n):
        while len(self.buf) < n:
            self._more()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def send(self, data, opcode=1):
        data, n, mask = data.encode() if isinstance(data, str) else data, len(data), os.urandom(4)
        head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else
                                         struct.pack(">BH", 0x80 | 126, n) if n < 1 << 16 else
                                         struct.pack(">BQ", 0x80 | 127, n))
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self, timeout):
        """One whole message, or None when none began within timeout."""
        if not self.buf:
            self.sock.settimeout(max(timeout, 0.001))
            try:
                self._more()
            except socket.timeout:
                return None
        self.sock.settimeout(10)  # once it has begun, the rest comes at once
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n >= 126:
                n = struct.unpack(">H" if n == 126 else ">Q", self._read(2 if n == 126 else 8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if b0 & 0x0F == 8:
                raise Error("chromium closed the DevTools connection (did it crash?)")
            if b0 & 0x0F == 9:
                self.send(data, opcode=10)
            elif b0 & 0x0F in (0, 1, 2):
                message += data
                if b0 & 0x80:
                    return message.decode()


class Browser:
    def __init__(self, width=360, height=740, timeout=15.0):
        self.width, self.height, self.timeout = width, height, timeout
        self.next_id, self.status, self.doc_request = 0, None, None
        self._arm()
        self.profile = tempfile.mkdtemp(prefix="cdp-profile.", dir=".")
        self.log = open("cdp-chromium.log", "ab")
        tmp = os.path.join(self.profile, "tmp")  # its singleton socket, left on a kill
        os.mkdir(tmp)
        exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-quic", "--no-proxy-server",
             "--disable-features=Translate,MediaRouter,OptimizationHints",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             "--user-data-dir=" + os.path.abspath(self.profile),
             "--window-size=%d,%d" % (width, height), "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, start_new_session=True,
            env=dict(os.environ, TMPDIR=os.path.abspath(tmp)))
        try:
            self._connect()
        except BaseException:
            self.close()
            raise

    def _connect(self):
        portfile, deadline = os.path.join(self.profile, "DevToolsActivePort"), time.time() + 30
        port = page = None
        while page is None:
            if self.proc.poll() is not None:
                raise Error("chromium exited with status %d (see cdp-chromium.log)" % self.proc.returncode)
            if time.time() > deadline:
                raise Error("chromium did not open DevTools within 30 s")
            time.sleep(0.05)
            try:
                if port is None:
                    with open(portfile) as f:
                        port = int(f.readline())
                with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=5) as r:
                    pages = [t for t in json.load(r) if t.get("type") == "page"]
                page = pages[0]["webSocketDebuggerUrl"] if pages else None
            except (OSError, ValueError):
                pass
        self.ws = WebSocket(page)
        for domain in ("Page", "Network", "Runtime", "Inspector"):
            self.call(domain + ".enable")
        self.frame = self.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self.call("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                         "deviceScaleFactor": 1, "mobile": True})

    def close(self):
        """Kills chromium and every process it started (its own group)."""
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, None)):
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(wait)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # The protocol: commands answered by id, events noted on the way.
    def _event(self, m):
        method, p = m.get("method"), m.get("params", {})
        if method == "Inspector.targetCrashed":
            raise Error("the page crashed")
        if method == "Page.frameStartedLoading" and p["frameId"] == self.frame:
            self.started, self.loaded = True, False
        elif method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Network.requestWillBeSent" and p.get("type") == "Document" \
                and p.get("frameId") == self.frame:
            self.doc_request, self.failed = p["requestId"], None
        elif method == "Network.responseReceived" and p["requestId"] == self.doc_request:
            self.status = p["response"]["status"]
        elif method == "Network.loadingFailed" and p["requestId"] == self.doc_request \
                and not p.get("canceled"):
            self.failed = p.get("errorText", "failed")

    def _pump(self, timeout):
        m = self.ws.recv(timeout)
        if m is not None:
            m = json.loads(m)
            if "id" in m:
                return m
            self._event(m)
        return None

    def call(self, method, params=None):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        deadline = time.time() + 30
        while time.time() < deadline:
            m = self._pump(deadline - time.time())
            if m and m["id"] == self.next_id:
                if "error" in m:
                    raise Error("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
        raise Error("%s: no answer from chromium in 30 s" % method)

    def _wait(self, cond, timeout):
        deadline = time.time() + timeout
        while not cond() and time.time() < deadline:
            self._pump(deadline - time.time())
        return cond()

    def _expect_load(self, grace=None):
        """Waits for the navigation just caused: for it to start within grace
        seconds (None: it has to), then for its load event."""
        if grace is not None and not self._wait(lambda: self.started, grace):
            return
        if not self._wait(lambda: self.loaded or self.failed, self.timeout):
            raise Error("the page did not load within %g s" % self.timeout)
        if self.failed:
            raise Error("loading the page failed: %s" % self.failed)

    def _arm(self):
        self.started = self.loaded = False
        self.failed = None

    def js(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise Error(d.get("exception", {}).get("description", d.get("text")).split("\n")[0])
        return r["result"].get("value")

    def _on(self, selector, body):
        """Runs JS body with e the element selector matches; a string it
        returns prefixed with ! is an error."""
        r = self.js("(function(s){const e=document.querySelector(s);"
                    "if(!e)return '!no element matches';%s})(%s)" % (body, json.dumps(selector)))
        if isinstance(r, str) and r.startswith("!"):
            raise Error(r[1:])
        return r

    # The steps.
    def goto(self, url):
        self._arm()
        r = self.call("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise Error("cannot load %s: %s" % (url, r["errorText"]))
        self._expect_load()

    def _click_at(self, selector, label_too=False):
        pos = self._on(selector, """
            let t=e; const r0=e.getBoundingClientRect();
            if(%s&&(r0.width==0||r0.height==0)&&e.labels&&e.labels.length)t=e.labels[0];
            t.scrollIntoView({block:'center',inline:'center'});
            const r=t.getBoundingClientRect();
            if(r.width==0||r.height==0)return '!the element is not shown';
            const x=r.left+r.width/2,y=r.top+r.height/2,h=document.elementFromPoint(x,y);
            const lab=h&&h.closest&&h.closest('label');
            if(!h||!(t.contains(h)||(lab&&lab.control===e)))
              return '!the element is covered by <'+(h?h.tagName.toLowerCase():'nothing')+'>';
            const f=/^(submit|image)$/.test(e.type)&&e.form;
            return [x,y,!!(e.closest('a[href]')||f&&(f.noValidate||e.formNoValidate||f.checkValidity()))];
            """ % ("true" if label_too else "false"))
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": pos[0], "y": pos[1],
                                                   "button": "left", "clickCount": 1})
        return pos[2]

    def fill(self, selector, text):
        self._on(selector, """
            if(!('value' in e)||/^(SELECT|BUTTON)$/.test(e.tagName)||
               /^(radio|checkbox|submit|button|file|hidden|image|reset)$/.test(e.type))
              return '!not a text field';
            if(e.disabled||e.readOnly)return '!the field is disabled or read-only';
            e.focus();e.value='';""")
        self.call("Input.insertText", {"text": text})
        got = self._on(selector, "return e.value;")
        if got != text:
            raise Error("the field holds %s after typing" % json.dumps(got, ensure_ascii=False))

    def check(self, selector):
        if not self._on(selector, "if(!('checked' in e)||!/^(radio|checkbox)$/.test(e.type))"
                                  "return '!not a radio button or check box';return e.checked;"):
            self._arm()
            self._click_at(selector, label_too=True)
            if not self._on(selector, "return e.checked;"):
                raise Error("still not checked after a click")

    def select(self, selector, value):
        self._on(selector, """if(e.tagName!='SELECT')return '!not a <select>';
            const o=[...e.options].find(o=>o.value==%s)||[...e.options].find(o=>o.text.trim()==%s);
            if(!o)return '!no such option';e.value=o.value;
            e.dispatchEvent(new Event('input',{bubbles:true}));
            e.dispatchEvent(new Event('change',{bubbles:true}));""" % ((json.dumps(value),) * 2))

    def click(self, selector):
        self._arm()
        if self._click_at(selector):  # a link, or a submit button of a valid form
            self._expect_load(grace=self.timeout)
            if not self.started:
                raise Error("the click loaded no page within %g s" % self.timeout)
        else:
            self._expect_load(grace=0.5)

    def submit(self, selector):
        self._arm()
        self._on(selector, "const f=e.tagName=='FORM'?e:e.form;if(!f)return '!not in a form';"
                           "f.requestSubmit(e.form===f&&e.type=='submit'?e:undefined);")
        self._expect_load(grace=self.timeout)
        if not self.started:
            raise Error("submitting loaded no page (is a field invalid?)")

    def text(self):
        return self.js("document.body?document.body.innerText:''")

    def html(self):
        return self.js("document.documentElement.outerHTML")

    def source(self):
        if self.doc_request is None:
            raise Error("no page loaded")
        r = self.call("Network.getResponseBody", {"requestId": self.doc_request})
        return base64.b64decode(r["body"]).decode("utf-8", "replace") if r["base64Encoded"] else r["body"]

    def url(self):
        return self.js("location.href")

    def screenshot(self, path):
        h = self.call("Page.getLayoutMetrics")["cssContentSize"]["height"]
        r = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                 "clip": {"x": 0, "y": 0, "width": self.width,
                                                          "height": max(h, 1), "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def wait(self, seconds):
        self._wait(lambda: False, float(seconds))


STEPS = {"goto": 1, "fill": 2, "check": 1, "select": 2, "click": 1, "submit": 1, "text": 0,
         "html": 0, "source": 0, "url": 0, "status": 0, "screenshot": 1, "wait": 1}


def parse(lines, name, first=1):
    steps = []
    for n, line in enumerate(lines, first):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            words = shlex.split(line)
        except ValueError as e:
            raise Error("%s%d: %s" % (name, n, e))
        if words[0] not in STEPS or len(words) - 1 != STEPS[words[0]] or \
                words[0] == "wait" and not re.fullmatch(r"[0-9]+(\.[0-9]*)?", words[1]):
            raise Error("%s%d: unknown step or wrong words: %s" % (name, n, line.strip()))
        steps.append((name, n, line.strip(), words))
    return steps


def main(argv):
    ap = argparse.ArgumentParser(prog="cdp.py", description="Drives a headless chromium.")
    ap.add_argument("--width", type=int, default=360)
    ap.add_argument("--height", type=int, default=740)
    ap.add_argument("--timeout", type=float, default=15.0)
    ap.add_argument("-e", dest="steps", action="append", default=[], metavar="STEP")
    ap.add_argument("script", nargs="?", metavar="SCRIPT | -")
    a = ap.parse_args(argv)
    try:
        steps = []
        if a.script:
            with sys.stdin if a.script == "-" else open(a.script) as f:
                steps = parse(f.read().splitlines(), a.script + ":")
        for n, step in enumerate(a.steps, 1):
            steps += parse([step], "-e ", n)
    except (OSError, Error) as e:
        ap.error(str(e))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    where = "starting chromium"
    try:
        with Browser(a.width, a.height, a.timeout) as b:
            for name, n, line, words in steps:
                where = "%s%d: %s" % (name, n, line)
                out = b.status if words[0] == "status" else getattr(b, words[0])(*words[1:])
                if out is not None:
                    sys.stdout.write("%s\n" % out)
                    sys.stdout.flush()
    except Error as e:
        print("cdp.py: %s: %s" % (where, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
