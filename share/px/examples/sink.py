"""A local message sink for the px demo: python3 sink.py DIR

Stands in for an SMS/WhatsApp gateway (HTTP) and a mail server (SMTP) on
127.0.0.1, so that px-notify really sends and nothing leaves the machine.
Writes the two ports to DIR/ports ("HTTP SMTP"), each gateway request to
DIR/N.json and each mail to DIR/N.eml.  Stops by itself after an hour."""
import asyncio, json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from aiosmtpd.smtp import SMTP

out = sys.argv[1]
lock = threading.Lock()
count = 0

def take():
    global count
    with lock:
        count += 1
        return count

class Gateway(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        n = take()
        with open(os.path.join(out, "%d.json" % n), "wb") as f:
            f.write(body)
        answer = json.dumps({"data": {"message_id": "sink-%d" % n}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

class Mail:
    async def handle_DATA(self, server, session, envelope):
        with open(os.path.join(out, "%d.eml" % take()), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        return "250 OK"

async def main():
    http = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    loop = asyncio.get_running_loop()
    smtp = await loop.create_server(lambda: SMTP(Mail(), decode_data=False), "127.0.0.1", 0)
    with open(os.path.join(out, "ports.tmp"), "w") as f:
        f.write("%d %d\n" % (http.server_address[1], smtp.sockets[0].getsockname()[1]))
    os.rename(os.path.join(out, "ports.tmp"), os.path.join(out, "ports"))
    await asyncio.sleep(3600)

asyncio.run(main())
