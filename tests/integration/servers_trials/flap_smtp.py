"""A minimal SMTP server on 127.0.0.1 (port 0, printed on stdout) that
"crashes and restarts" on a cycle: up for UP seconds, then every open
connection is reset (RST) and the port refuses for DOWN seconds, then it
listens again on the same port.  argv: UP DOWN (seconds, floats)."""
import select
import socket
import struct
import sys
import time

UP, DOWN = float(sys.argv[1]), float(sys.argv[2])


def listener(port):
    """Listen on PORT (0 = any)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    return s


def reply(line):
    """The answer to one command line."""
    cmd = line.split(b" ")[0].upper().strip()
    if cmd == b"QUIT":
        return b"221 bye\r\n", True
    if cmd in (b"EHLO", b"HELO"):
        return b"250 flap\r\n", False
    return b"250 ok\r\n", False


def crash(conns):
    """Reset every connection."""
    for c in conns:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
        c.close()
    conns.clear()


def send(c, data):
    """Send, ignoring a peer that went away (it is closed on next read)."""
    try:
        c.sendall(data)
    except OSError:
        pass


def serve(srv, conns, until):
    """Serve until the monotonic time UNTIL."""
    while time.monotonic() < until:
        r, _, _ = select.select([srv] + conns, [], [], 0.05)
        for s in r:
            if s is srv:
                c, _ = srv.accept()
                send(c, b"220 flap ESMTP\r\n")
                conns.append(c)
                continue
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            done = not data
            for line in data.splitlines():
                out, done = reply(line)
                send(s, out)
            if done:
                s.close()
                conns.remove(s)


def main():
    srv = listener(0)
    port = srv.getsockname()[1]
    print(port, flush=True)
    conns = []
    while True:
        serve(srv, conns, time.monotonic() + UP)
        srv.close()
        crash(conns)
        print("down", time.monotonic(), file=sys.stderr, flush=True)
        time.sleep(DOWN)
        srv = listener(port)
        print("up", time.monotonic(), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
