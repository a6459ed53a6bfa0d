#!/usr/bin/python3
"""refuse_server.py - a scripted SMTP or FTP server that answers one step
with a given refusal, for the issue-10 tests (every server answer becomes a
diagnosis).  Everything else is answered like a healthy server.

  --proto smtp|ftp   the dialogue
  --step CMD         the command to refuse (SMTP: EHLO, MAIL, RCPT, DATA;
                     FTP: USER, PASS, CWD, PASV, STOR ...)
  --reply TEXT       the reply line sent instead ("451 4.7.1 ...")
  --close            close the connection after the refusal

Loopback only; each connection in a thread with a 10 s socket timeout; the
server lives until killed by PID or --lifetime ends.  The bound port is
written to --port-file once listening.
"""
import argparse
import os
import socket
import threading
import time

SMTP_OK = {
    "EHLO": b"250-mx.example.test\r\n250-SIZE 10000000\r\n250 8BITMIME\r\n",
    "HELO": b"250 mx.example.test\r\n",
    "MAIL": b"250 2.1.0 Ok\r\n",
    "RCPT": b"250 2.1.5 Ok\r\n",
    "DATA": b"354 End data with <CR><LF>.<CR><LF>\r\n",
    "RSET": b"250 2.0.0 Ok\r\n",
    "NOOP": b"250 2.0.0 Ok\r\n",
}
FTP_OK = {
    "USER": b"331 Please specify the password.\r\n",
    "PASS": b"230 Login successful.\r\n",
    "SYST": b"215 UNIX Type: L8\r\n",
    "PWD": b'257 "/" is the current directory\r\n',
    "TYPE": b"200 Switching to Binary mode.\r\n",
    "FEAT": b"211-Features:\r\n EPSV\r\n PASV\r\n211 End\r\n",
    "NOOP": b"200 NOOP ok.\r\n",
}


def parse_args():
    """The command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--proto", choices=["smtp", "ftp"], required=True)
    ap.add_argument("--step", required=True)
    ap.add_argument("--reply", required=True)
    ap.add_argument("--close", action="store_true")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--lifetime", type=float, default=120)
    return ap.parse_args()


def answer(args, verb):
    """The reply to VERB, and whether to close after it."""
    if verb == args.step.upper():
        return args.reply.encode() + b"\r\n", args.close
    if verb == "QUIT":
        return b"221 Bye\r\n", True
    table = SMTP_OK if args.proto == "smtp" else FTP_OK
    if verb in table:
        return table[verb], False
    if args.proto == "smtp":
        return b"502 5.5.2 Error: command not recognized\r\n", False
    return b"500 Unknown command.\r\n", False


def serve(conn, args):
    """One session: greet, then answer line by line (bounded)."""
    conn.settimeout(10)
    greet = b"220 mx.example.test ESMTP\r\n" if args.proto == "smtp" \
        else b"220 (vsFTPd 3.0.3)\r\n"
    try:
        conn.sendall(greet)
        f = conn.makefile("rb")
        for _ in range(200):
            line = f.readline(4096)
            if not line:
                break
            verb = line.strip().split(b" ")[0].decode("ascii", "replace")
            data, close = answer(args, verb.upper())
            conn.sendall(data)
            if close:
                break
    except OSError:
        pass
    conn.close()


def main():
    """Listen on loopback until the lifetime ends."""
    args = parse_args()
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    s.settimeout(1)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    end = time.time() + args.lifetime
    while time.time() < end:
        try:
            conn, _ = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, args), daemon=True).start()


if __name__ == "__main__":
    main()
