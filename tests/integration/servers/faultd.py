#!/usr/bin/python3
"""faultd.py - a scripted fault server for the integration tests.

Listens on loopback (or a namespace address) and misbehaves in one way per
run, for faults no real server makes on demand:

  --mode reset     accept, then close with SO_LINGER {1, 0}: an RST right
                   after the handshake, before any byte
  --mode greet     send --text (\\r\\n-terminated lines, escapes allowed),
                   then hold the connection --hold seconds (reading and
                   discarding what comes) or close at once (--hold 0)
  --mode silent    accept and say nothing for --hold seconds

Each connection is served in a thread, bounded by --hold; the server lives
until it is killed (by PID, by the test's exit trap) or --lifetime ends.
The bound port is written to --port-file once listening.
"""
import argparse
import socket
import struct
import sys
import threading
import time


def parse_args():
    """The command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--mode", choices=["reset", "greet", "silent"],
                    required=True)
    ap.add_argument("--text", default="")
    ap.add_argument("--hold", type=float, default=10.0)
    ap.add_argument("--lifetime", type=float, default=120.0)
    return ap.parse_args()


def hard_close(conn):
    """Close with an RST instead of a FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                    struct.pack("ii", 1, 0))
    conn.close()


def hold(conn, seconds):
    """Keep CONN open for SECONDS, reading and dropping input (bounded)."""
    end = time.monotonic() + seconds
    total = 0
    while total < 1 << 20:
        left = end - time.monotonic()
        if left <= 0:
            return
        conn.settimeout(left)
        try:
            data = conn.recv(4096)
        except socket.timeout:
            return
        except OSError:
            return
        if not data:
            return
        total += len(data)


def serve(conn, args):
    """One connection, by mode."""
    try:
        if args.mode == "reset":
            hard_close(conn)
            return
        if args.mode == "greet":
            text = args.text.encode("utf-8").decode("unicode_escape")
            conn.sendall(text.encode("latin-1"))
        if args.hold > 0:
            hold(conn, args.hold)
        conn.close()
    except OSError:
        conn.close()


def main():
    """Listen, write the port file, accept until killed or lifetime ends."""
    args = parse_args()
    fam = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    srv = socket.socket(fam, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.host, args.port))
    srv.listen(64)
    port = srv.getsockname()[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        import os
        os.rename(args.port_file + ".tmp", args.port_file)
    print("faultd %s listening on %s:%d" % (args.mode, args.host, port),
          flush=True)
    end = time.monotonic() + args.lifetime
    while time.monotonic() < end:
        srv.settimeout(max(0.1, end - time.monotonic()))
        try:
            conn, peer = srv.accept()
        except socket.timeout:
            break
        print("connection from %s:%d" % peer[:2], flush=True)
        threading.Thread(target=serve, args=(conn, args),
                         daemon=True).start()
    srv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
