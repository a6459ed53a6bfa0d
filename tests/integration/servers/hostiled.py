#!/usr/bin/python3
"""hostiled.py - one scripted hostile SMTP/FTP server for the issue-12 tests.

The script is data (a JSON file, --script): what to greet with and how to
answer each command, including the endless and malformed variants no real
server produces on demand:

  {"greeting": "220 host ESMTP\\r\\n",
   "replies": [{"cmd": "EHLO", "send": "250-...\\r\\n250 OK\\r\\n"},
               {"cmd": "USER", "endless": "230-more\\r\\n"},
               {"cmd": "", "send": "500 what\\r\\n"}]}

"cmd" matches the start of the command line, case-insensitive ("" matches
any); "send" is sent once; "endless" is sent over and over (bounded by
--cap bytes and --hold seconds) and the connection is then closed;
"close": true closes after sending.  Text is latin-1 bytes with Python
escapes, so \\xd0\\x9f, \\x00 and \\x1b all work.  Each received line is
printed as "recv: ..." (repr) so a test can assert what was (not) sent.
"""
import argparse
import json
import socket
import sys
import threading
import time


def parse_args():
    """The command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--script", required=True)
    ap.add_argument("--hold", type=float, default=20.0)
    ap.add_argument("--cap", type=int, default=64 << 20)
    ap.add_argument("--lifetime", type=float, default=120.0)
    return ap.parse_args()


def raw(text):
    """Script text (with escapes) as bytes."""
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1")


def pick(script, line):
    """The first reply rule whose cmd prefixes LINE."""
    up = line.upper()
    for rule in script.get("replies", []):
        if up.startswith(rule.get("cmd", "").upper().encode("latin-1")):
            return rule
    return None


def endless(conn, chunk, args):
    """Send CHUNK again and again: at most --cap bytes and --hold s."""
    end = time.monotonic() + args.hold
    sent = 0
    block = chunk * max(1, 4096 // max(1, len(chunk)))
    conn.settimeout(1.0)
    while sent < args.cap and time.monotonic() < end:
        try:
            conn.sendall(block)
        except (socket.timeout, OSError):
            return sent
        sent += len(block)
    return sent


def serve(conn, script, args):
    """One connection: greet, then answer line by line."""
    end = time.monotonic() + args.hold
    buf = b""
    try:
        conn.sendall(raw(script.get("greeting", "")))
        while time.monotonic() < end:
            conn.settimeout(max(0.1, end - time.monotonic()))
            data = conn.recv(4096)
            if not data:
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.rstrip(b"\r")
                print("recv: %r" % line, flush=True)
                rule = pick(script, line)
                if rule is None:
                    continue
                if "endless" in rule:
                    n = endless(conn, raw(rule["endless"]), args)
                    print("endless: sent %d bytes" % n, flush=True)
                    conn.close()
                    return
                conn.sendall(raw(rule.get("send", "")))
                if rule.get("close"):
                    conn.close()
                    return
    except OSError:
        pass
    conn.close()


def main():
    """Listen, write the port file, serve until killed or --lifetime."""
    args = parse_args()
    with open(args.script) as f:
        script = json.load(f)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.host, args.port))
    srv.listen(64)
    if args.port_file:
        import os
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % srv.getsockname()[1])
        os.rename(args.port_file + ".tmp", args.port_file)
    end = time.monotonic() + args.lifetime
    while time.monotonic() < end:
        srv.settimeout(max(0.1, end - time.monotonic()))
        try:
            conn, peer = srv.accept()
        except socket.timeout:
            break
        print("connection from %s:%d" % peer[:2], flush=True)
        threading.Thread(target=serve, args=(conn, script, args),
                         daemon=True).start()
    srv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
