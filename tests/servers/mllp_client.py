#!/usr/bin/env python3
"""mllp_client.py PORT FILE [DB SQL] - an HL7 sender over MLLP on 127.0.0.1.

Sends the messages of FILE (each starting at its MSH line; lines may end
with CR or LF) one at a time, each in an MLLP block, and waits for its
acknowledgement before the next.  For each it prints one line: the ACK's
MSA-1 and MSA-2, the ACK's MSH-5 and MSH-6, and with DB and SQL the
query's answer read right after the ACK came (what was committed by
then).  The whole ACKs go to FILE.acks.  Exits 1 when a connection or an
ACK fails."""
import socket
import sqlite3
import sys
import time


def messages(path):
    text = open(path, "rb").read().replace(b"\r\n", b"\r").replace(b"\n", b"\r")
    out, cur = [], []
    for seg in text.split(b"\r"):
        if not seg:
            continue
        if seg.startswith(b"MSH") and cur:
            out.append(b"\r".join(cur) + b"\r")
            cur = []
        cur.append(seg)
    if cur:
        out.append(b"\r".join(cur) + b"\r")
    return out


def connect(port):
    for _ in range(100):
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=30)
        except OSError:
            time.sleep(0.1)
    sys.exit("mllp_client: no listener on 127.0.0.1:%d" % port)


def read_ack(s):
    buf = b""
    while not buf.endswith(b"\x1c\r"):
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("mllp_client: the connection closed before an acknowledgement")
        buf += chunk
    if not buf.startswith(b"\x0b"):
        sys.exit("mllp_client: an acknowledgement not in an MLLP block")
    return buf[1:-2]


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    db, sql = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else (None, None)
    s = connect(port)
    acks = open(path + ".acks", "wb")
    for m in messages(path):
        s.sendall(b"\x0b" + m + b"\x1c\r")
        ack = read_ack(s)
        acks.write(ack.replace(b"\r", b"\n") + b"\n")
        segs = {seg[:3]: seg.split(b"|") for seg in ack.split(b"\r") if seg}
        msa, msh = segs.get(b"MSA", []), segs.get(b"MSH", [])
        def f(seg, i):
            return seg[i].decode() if len(seg) > i and seg[i] else "-"
        line = "%s %s %s^%s" % (f(msa, 1), f(msa, 2), f(msh, 4), f(msh, 5))
        if db:
            con = sqlite3.connect(db, timeout=10)
            line += " " + str(con.execute(sql).fetchone()[0])
            con.close()
        print(line, flush=True)
    s.close()


main()
