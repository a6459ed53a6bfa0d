"""scripted_ftp.py — a small data-driven FTP server for the integration
tests (like curl's FTP test server): it behaves as a healthy anonymous
server, and a per-test table overrides the reply to any command.

Usage: scripted_ftp.py --port-file FILE [--host 127.0.0.1] [--port 0]
                       [--script JSON]
The script is a JSON object: command (upper case, or "greeting") ->
  {"reply": "552 Disk full", "delay": 3.5, "close": true, "after": N}
    reply  the reply line(s) ("\\n" separates lines of a multi-line
           reply); "{port}" is replaced by the port of a passive listener
           opened for the occasion, "{h1},{h2},{p1},{p2}" as in 227
    delay  seconds to wait before answering
    close  close the control connection after the reply
    after  (STOR) answer "150", read N bytes of the upload, then send the
           reply on the control connection and close the data connection
           (a refusal in the middle of the transfer); a smaller upload
           is stored as usual
With --implicit-tls CERT KEY the control connection speaks TLS from the
first byte (implicit FTPS, no data TLS: PROT C); a client that does not
start a TLS handshake is reset (RST) when its first bytes arrive.
Everything is bounded: at most 64 sessions (--max-sessions, 1024 at
most), 10 s per accept, 120 s total
life per session.  The server serves one file, hello.txt, and accepts
uploads into memory (discarded)."""
import argparse
import json
import socket
import ssl
import struct
import sys
import threading
import time

HELLO = b"hello from the scripted server\n"
LISTING = (b"-rw-r--r-- 1 0 0 %d Nov 24 04:36 hello.txt\r\n" % len(HELLO))


def send(conn, text):
    """Send TEXT (lines split on newline) with CRLF endings."""
    lines = text.split("\n")
    out = "".join(l + "\r\n" for l in lines)
    conn.sendall(out.encode("latin-1"))


class Session:
    """One control connection."""

    def __init__(self, conn, host, script):
        self.conn = conn
        self.host = host
        self.script = script
        self.lsock = None
        self.active = None

    def listener(self):
        """A passive data listener on the control address."""
        if self.lsock:
            self.lsock.close()
        self.lsock = socket.socket()
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
        self.lsock.bind((self.host, 0))
        self.lsock.listen(1)
        self.lsock.settimeout(10)
        return self.lsock.getsockname()[1]

    def fill(self, text):
        """Replace {port} / {h1},{h2},{p1},{p2} by a fresh listener's."""
        if "{" not in text:
            return text
        port = self.listener()
        h = self.host.split(".")
        return text.format(port=port, p1=port >> 8, p2=port & 255,
                           h1=h[0], h2=h[1], h3=h[2], h4=h[3])

    def port(self, cmd, arg):
        """PORT h1,h2,h3,h4,p1,p2 / EPRT |1|addr|port|: remember where
        to connect back."""
        try:
            if cmd == "PORT":
                n = [int(x) for x in arg.split(",")]
                self.active = (".".join(map(str, n[:4])), n[4] * 256 + n[5])
            else:
                f = arg.split(arg[0])
                self.active = (f[2], int(f[3]))
        except (ValueError, IndexError):
            send(self.conn, "501 Syntax error in parameters.")
            return
        send(self.conn, "200 %s command successful." % cmd)

    def data(self):
        """Accept the data connection (None after 10 s), or connect back
        in active mode."""
        if self.active:
            addr, self.active = self.active, None
            try:
                return socket.create_connection(addr, timeout=10)
            except OSError:
                return None
        if not self.lsock:
            return None
        try:
            c, _ = self.lsock.accept()
        except OSError:
            return None
        self.lsock.close()
        self.lsock = None
        return c

    def default(self, cmd, arg):
        """The healthy server's reply; True when it handled CMD."""
        simple = {
            "USER": "331 Password please.", "PASS": "230 Logged in.",
            "SYST": "215 UNIX Type: L8", "PWD": '257 "/" is the current directory',
            "TYPE": "200 Switching mode.", "CWD": "250 Directory changed.",
            "NOOP": "200 NOOP ok.", "MODE": "200 Ok.", "STRU": "200 Ok.",
            "DELE": "250 Deleted.", "QUIT": "221 Goodbye.",
            "SIZE": "213 %d" % len(HELLO), "MDTM": "213 20261124043600",
            "FEAT": "211-Features:\n EPSV\n PASV\n SIZE\n211 End",
            "OPTS": "200 Ok.", "REST": "350 Ok.",
            "PBSZ": "200 PBSZ=0", "PROT": "200 PROT now Private.",
        }
        if cmd in simple:
            send(self.conn, simple[cmd])
            return cmd != "QUIT"
        if cmd == "EPSV":
            send(self.conn, self.fill("229 Entering Extended Passive Mode (|||{port}|)"))
        elif cmd == "PASV":
            send(self.conn, self.fill("227 Entering Passive Mode ({h1},{h2},{h3},{h4},{p1},{p2})"))
        elif cmd in ("PORT", "EPRT"):
            self.port(cmd, arg)
        elif cmd in ("LIST", "NLST", "RETR"):
            self.send_data(cmd, arg)
        elif cmd == "STOR":
            self.store(None)
        else:
            send(self.conn, "502 Command not implemented.")
        return True

    def send_data(self, cmd, arg):
        """LIST/RETR over the data connection."""
        if cmd == "RETR" and arg.lstrip("/") != "hello.txt":
            send(self.conn, "550 Failed to open file.")
            return
        d = self.data()
        if not d:
            send(self.conn, "425 Failed to establish connection.")
            return
        send(self.conn, "150 Here comes the data.")
        d.sendall(HELLO if cmd == "RETR" else LISTING)
        d.close()
        send(self.conn, "226 Transfer complete.")

    def store(self, rule):
        """STOR: read the upload; with rule "after", refuse mid-way."""
        d = self.data()
        if not d:
            send(self.conn, "425 Failed to establish connection.")
            return
        send(self.conn, "150 Ok to send data.")
        limit = rule.get("after") if rule else None
        total = 0
        d.settimeout(10)
        while limit is None or total < limit:
            try:
                chunk = d.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            total += len(chunk)
        if limit is not None and total >= limit:
            send(self.conn, rule["reply"])
            d.close()
            print("refused STOR after", total, file=sys.stderr, flush=True)
            return
        d.close()
        send(self.conn, "226 Transfer complete.")

    def scripted(self, rule):
        """Answer as the script says; False when the session ends."""
        if rule.get("delay"):
            time.sleep(min(float(rule["delay"]), 30))
        send(self.conn, self.fill(rule["reply"]))
        return not rule.get("close")

    def run(self):
        """Greeting, then one command at a time."""
        self.conn.settimeout(120)
        g = self.script.get("greeting")
        if g:
            if not self.scripted(g):
                return
        else:
            send(self.conn, "220 scripted ftp ready")
        f = self.conn.makefile("rb")
        for raw in f:
            line = raw.decode("latin-1").strip()
            cmd, _, arg = line.partition(" ")
            cmd = cmd.upper()
            print("<", cmd, file=sys.stderr, flush=True)
            rule = self.script.get(cmd)
            if rule and "after" in rule:
                self.store(rule)
                continue
            go = self.scripted(rule) if rule else self.default(cmd, arg)
            if not go:
                return


def implicit(conn, ctx):
    """TLS from the first byte; a plain-text client is reset (None)."""
    conn.settimeout(10)
    try:
        return ctx.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack("ii", 1, 0))
        conn.close()
        return None


def serve(conn, host, script, ctx):
    """Run one session and close it whatever happens."""
    if ctx:
        conn = implicit(conn, ctx)
        if not conn:
            return
    try:
        Session(conn, host, script).run()
    except OSError:
        pass
    finally:
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--script", default="{}")
    ap.add_argument("--max-sessions", type=int, default=64)
    ap.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    a = ap.parse_args()
    script = json.loads(a.script)
    ctx = None
    if a.implicit_tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.implicit_tls[0], a.implicit_tls[1])
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((a.host, a.port))
    srv.listen(128)
    with open(a.port_file, "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    for _ in range(min(a.max_sessions, 1024)):
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, a.host, script, ctx),
                         daemon=True).start()
    time.sleep(5)


if __name__ == "__main__":
    main()
