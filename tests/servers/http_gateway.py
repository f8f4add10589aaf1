"""HTTP gateway for px-notify tests: python3 http_gateway.py DIR PORTFILE SCRIPT

Listens on 127.0.0.1 (a free port, written to PORTFILE) and records each
request (method, path, headers, body) in DIR/NNN.json.  SCRIPT is a comma
list of answers used in turn, the last one repeating: a status such as 200,
500, 400 or 429, or slow:SECONDS (wait, then 200); or file:PATH, whose
content (one such answer) is read again for each request, so that a test
can take the gateway down and bring it back.  With GATEWAY_REFUSE set (a
comma list of strings), a request whose body holds one of them is answered
400, whatever the script says.  A 2xx answer carries
{"data":{"message_id":"prov-N"}}.  With GATEWAY_CERT and GATEWAY_KEY set it
speaks HTTPS with that certificate."""
import json, os, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out, portfile = sys.argv[1], sys.argv[2]
script = sys.argv[3].split(",")
refuse = [w for w in os.environ.get("GATEWAY_REFUSE", "").split(",") if w]
lock = threading.Lock()
n = 0

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        global n
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            n += 1
            i = n
        step = script[min(i, len(script)) - 1]
        if step.startswith("file:"):
            with open(step[5:]) as f:
                step = f.read().strip() or "200"
        if any(w in body.decode("utf-8", "replace") for w in refuse):
            step = "400"
        status = 200
        if step.startswith("slow:"):
            time.sleep(float(step[5:]))
        else:
            status = int(step)
        with open(os.path.join(out, "%03d.json" % i), "w") as f:
            json.dump({"method": self.command, "path": self.path, "headers": dict(self.headers),
                       "body": body.decode("utf-8"), "status": status}, f, ensure_ascii=False)
        answer = json.dumps({"data": {"message_id": "prov-%d" % i}} if status < 300
                            else {"error": "scripted %d" % status}).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:
            pass

    do_PUT = do_POST

srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if os.environ.get("GATEWAY_CERT"):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.environ["GATEWAY_CERT"], os.environ["GATEWAY_KEY"])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
