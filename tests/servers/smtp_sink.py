"""SMTP sink for px-notify tests: python3 smtp_sink.py DIR PORTFILE [USER PASSWORD]

Listens on 127.0.0.1 (a free port, written to PORTFILE), writes each message
to DIR/N.eml and its envelope (sender, recipients, login) to DIR/N.json.
A recipient starting with "reject" is refused with 550.  With SMTP_TLS set
to "starttls" or "smtps" and SMTP_CERT/SMTP_KEY naming a certificate and
its key, the server offers STARTTLS (and requires it) or speaks TLS from
the first byte; each envelope records whether the session was encrypted.
With SMTP_AUTH=none the server offers no AUTH at all and takes mail from
anyone, USER and PASSWORD notwithstanding: a relay that cannot check the
login px is configured with."""
import asyncio, json, os, ssl, sys
from aiosmtpd.smtp import SMTP, AuthResult

out, portfile = sys.argv[1], sys.argv[2]
creds = tuple(sys.argv[3:5]) if len(sys.argv) > 4 else None
count = 0

class Sink:
    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        with open(os.path.join(out, "%d.eml" % count), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        login = session.auth_data
        with open(os.path.join(out, "%d.json" % count), "w") as f:
            rec = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login}
            if tls:
                rec["tls"] = session.ssl is not None
            json.dump(rec, f)
        return "250 OK queued"

def auth(server, session, envelope, mechanism, data):
    ok = creds is not None and (data.login.decode(), data.password.decode()) == creds
    return AuthResult(success=ok, handled=False, auth_data=data.login.decode() if ok else None)

tls = os.environ.get("SMTP_TLS")
ctx = None
if tls:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.environ["SMTP_CERT"], os.environ["SMTP_KEY"])

async def main():
    loop = asyncio.get_running_loop()
    kw = dict(authenticator=auth, auth_require_tls=False, auth_required=creds is not None) if creds else {}
    if os.environ.get("SMTP_AUTH") == "none":
        kw = {}  # aiosmtpd hides AUTH on a session without TLS by default
    if tls == "starttls":
        kw.update(tls_context=ctx, require_starttls=True)
    srv = await loop.create_server(lambda: SMTP(Sink(), decode_data=False, **kw), "127.0.0.1", 0,
                                   ssl=ctx if tls == "smtps" else None)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.sockets[0].getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    await srv.serve_forever()

asyncio.run(main())
