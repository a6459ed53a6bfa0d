"""A minimal SMTP server on 127.0.0.1 (port 0, printed on stdout) that
greets only after GREET seconds and, like Postfix's postscreen, rejects a
client that talks before the greeting (554, then close), logging "early"
and what was sent on stderr each time.  argv: GREET (seconds, float)."""
import select
import socket
import sys
import threading
import time

GREET = float(sys.argv[1])


def reply(line):
    """The answer to one command line; True when the session ends."""
    cmd = line.split(b" ")[0].upper().strip()
    if cmd == b"QUIT":
        return b"221 bye\r\n", True
    if cmd in (b"EHLO", b"HELO"):
        return b"250 early\r\n", False
    return b"250 ok\r\n", False


def session(c):
    """One client: the pause, the greeting, then line by line (bounded)."""
    c.settimeout(30)
    try:
        r, _, _ = select.select([c], [], [], GREET)
        if r:
            print("early", c.recv(200), file=sys.stderr, flush=True)
            c.sendall(b"554 5.5.1 you talked before the greeting\r\n")
            return
        c.sendall(b"220 early ESMTP\r\n")
        for _ in range(200):
            data = c.recv(4096)
            if not data:
                return
            for line in data.splitlines():
                out, done = reply(line)
                c.sendall(out)
                if done:
                    return
    except OSError:
        pass
    finally:
        c.close()


def main():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(64)
    print(s.getsockname()[1], flush=True)
    end = time.monotonic() + 120
    s.settimeout(1)
    while time.monotonic() < end:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=session, args=(c,), daemon=True).start()


main()
