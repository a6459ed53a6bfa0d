"""A minimal SMTP server on 127.0.0.1 (port 0, printed on stdout) with a
connection rate limit: a connection that comes less than GAP_MS (argv[1])
after the previous accepted one is reset (RST) at once; others are served
and held until QUIT or close."""
import select
import socket
import struct
import sys
import time

GAP = int(sys.argv[1]) / 1000.0


def main():
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    print(srv.getsockname()[1], flush=True)
    conns, last = [], 0.0
    while True:
        r, _, _ = select.select([srv] + conns, [], [], 1)
        for s in r:
            if s is srv:
                c, _ = srv.accept()
                now = time.monotonic()
                if now - last < GAP:
                    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
                    c.close()
                    continue
                last = now
                try:
                    c.sendall(b"220 rate ESMTP\r\n")
                    conns.append(c)
                except OSError:
                    c.close()
                continue
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data or data.upper().startswith(b"QUIT"):
                try:
                    s.sendall(b"221 bye\r\n")
                except OSError:
                    pass
                s.close()
                conns.remove(s)
            else:
                try:
                    s.sendall(b"250 ok\r\n")
                except OSError:
                    pass


if __name__ == "__main__":
    main()
