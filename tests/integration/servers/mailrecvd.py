#!/usr/bin/python3
"""mailrecvd.py — a scripted POP3/IMAP server on loopback for the faults a
real Dovecot cannot be made to show: LOGIN-DELAY, SYS/TEMP, a BYE or -ERR
greeting, an endless capability list, hostile bytes.  One mode per run;
prints its port, serves for at most --life seconds, then exits.

Modes: pop3-login-delay, pop3-sys-temp, pop3-busy, imap-bye-unavailable,
imap-inuse-examine, pop3-endless-capa, pop3-hostile.
"""
import argparse
import socket
import sys
import threading
import time

CAPA = [b"+OK", b"USER", b"SASL PLAIN", b"RESP-CODES", b"AUTH-RESP-CODE",
        b"LOGIN-DELAY 900", b"."]


def lines(conn):
    """Yield the client's lines (bounded), until it closes."""
    buf = b""
    while True:
        data = conn.recv(4096)
        if not data:
            return
        buf += data
        if len(buf) > 65536:
            return
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            yield line.rstrip(b"\r")


def send(conn, *out):
    conn.sendall(b"".join(o + b"\r\n" for o in out))


def pop3(conn, mode):
    """A POP3 dialogue with the fault of MODE at the login."""
    if mode == "pop3-busy":
        send(conn, b"-ERR [SYS/TEMP] Too many connections, try again later")
        return
    if mode == "pop3-hostile":
        send(conn, b"+OK \x1b[31mred\x07 " + b"A" * 5000)
    else:
        send(conn, b"+OK scripted POP3 ready")
    refusal = {
        "pop3-login-delay": b"-ERR [LOGIN-DELAY] wait 15 minutes between logins",
        "pop3-sys-temp": b"-ERR [SYS/TEMP] authentication back end is down",
    }.get(mode, b"-ERR [AUTH] no")
    for line in lines(conn):
        verb = line.split(b" ", 1)[0].upper()
        if verb == b"CAPA" and mode == "pop3-endless-capa":
            send(conn, b"+OK")
            try:
                for i in range(100000):
                    send(conn, b"X-CAPA-%d %s" % (i, b"Z" * 200))
            except OSError:
                return
        elif verb == b"CAPA":
            send(conn, *CAPA)
        elif verb == b"USER":
            send(conn, b"+OK")
        elif verb in (b"PASS", b"AUTH"):
            send(conn, refusal)
        elif verb == b"QUIT":
            send(conn, b"+OK bye")
            return
        else:
            send(conn, b"-ERR unknown command")


def imap(conn, mode):
    """An IMAP dialogue with the fault of MODE."""
    if mode == "imap-bye-unavailable":
        send(conn, b"* BYE [UNAVAILABLE] Server shutting down for maintenance")
        return
    send(conn, b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted IMAP ready")
    for line in lines(conn):
        parts = line.split(b" ", 2)
        if len(parts) < 2:
            continue
        tag, verb = parts[0], parts[1].upper()
        if verb == b"CAPABILITY":
            send(conn, b"* CAPABILITY IMAP4rev1 AUTH=PLAIN",
                 tag + b" OK done")
        elif verb == b"LOGIN":
            send(conn, tag + b" OK [CAPABILITY IMAP4rev1] Logged in")
        elif verb == b"AUTHENTICATE":
            send(conn, b"+ ")
            next(lines(conn), None)
            send(conn, tag + b" OK Logged in")
        elif verb == b"EXAMINE":
            send(conn, tag + b" NO [INUSE] Mailbox is locked by another session")
        elif verb == b"LOGOUT":
            send(conn, b"* BYE logging out", tag + b" OK bye")
            return
        else:
            send(conn, tag + b" BAD unknown")


def serve(conn, mode):
    """One session, closed at the end whatever happens."""
    try:
        conn.settimeout(10)
        if mode.startswith("imap"):
            imap(conn, mode)
        else:
            pop3(conn, mode)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode")
    ap.add_argument("--life", type=float, default=60)
    a = ap.parse_args()
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    s.settimeout(0.5)
    print(s.getsockname()[1], flush=True)
    end = time.monotonic() + a.life
    while time.monotonic() < end:
        try:
            conn, _ = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, a.mode), daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
