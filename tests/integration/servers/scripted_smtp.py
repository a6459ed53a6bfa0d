#!/usr/bin/python3
"""A scripted SMTP server for sockdoc's tests, driven by data (like curl's
test server): every command the client sends is answered by the first
rule of the script that matches it.

Script lines (blank lines and '#' comments ignored):
    greeting REPLY            the greeting (default "220 mail.test ESMTP")
    VERB REPLY                answer VERB (EHLO, HELO, MAIL, RCPT, ...)
    VERB:GLOB REPLY           only when the argument matches GLOB
                              (fnmatch, any case; MAIL/RCPT without <>)
    VERB?bare REPLY           only after a bare EHLO/HELO name (no dot,
                              no address literal)
    VERB?noauth REPLY         only before a 235 (no login yet)
    * REPLY                   any other command
REPLY is one reply; "|" separates the lines of a multi-line reply
("250-mail.test|250 AUTH PLAIN").  " ; " separates replies that follow
one another (AUTH continuations: each further reply answers the next
line the client sends).  "{helo}" is replaced by the client's EHLO name.
Special replies:
    @tls                      (after a 220 to STARTTLS) start TLS
    @close                    close the connection instead of replying
    @hold SEC                 say nothing for SEC seconds, then close
    @reset                    read what the client sends (a TLS
                              ClientHello), then reset the connection
    @sleep SEC REPLY          wait SEC seconds, then reply
    @scram HASH PASSWORD      (AUTH) a real SCRAM server exchange (RFC
                              5802; HASH sha1 or sha256): 235 when the
                              client's proof is right, else 535
Without a rule: greeting 220, EHLO/HELO/MAIL/RCPT/RSET/NOOP 250, DATA
354, QUIT 221, anything else 502.
After DATA's 354 the message is read up to "." and answered by the rule
for "." (default "250 2.0.0 queued").  A rule "DATA-CUT N REPLY" cuts
the message instead: once N bytes of it arrived, REPLY is sent and the
connection closed (a 421 mid-message).

Options: --port (0: any), --portfile, --script, --cert/--key (TLS),
--tls-max 1.0|1.1|1.2 (the highest version offered; old versions at
OpenSSL security level 0), --implicit (TLS from the first byte).
Serves until killed; each connection in its own thread.
"""
import argparse
import base64
import hashlib
import hmac
import os
import fnmatch
import re
import socket
import socketserver
import ssl
import struct
import threading
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def parse():
    a = argparse.ArgumentParser()
    a.add_argument("--host", default="127.0.0.1")
    a.add_argument("--port", type=int, default=0)
    a.add_argument("--portfile", required=True)
    a.add_argument("--script", required=True)
    a.add_argument("--cert")
    a.add_argument("--key")
    a.add_argument("--tls-max", choices=["1.0", "1.1", "1.2", "1.3"])
    a.add_argument("--implicit", action="store_true")
    return a.parse_args()


ARGS = parse()


def load_rules(path):
    """[(verb, glob or None, bare_only, reply)] in file order."""
    rules = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, reply = line.partition(" ")
        key, _, cond = key.partition("?")
        verb, _, glob = key.partition(":")
        rules.append((verb.upper(), glob or None, cond, reply))
    return rules


RULES = load_rules(ARGS.script)


def tls_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(ARGS.cert, ARGS.key)
    if ARGS.tls_max:
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = {
            "1.0": ssl.TLSVersion.TLSv1, "1.1": ssl.TLSVersion.TLSv1_1,
            "1.2": ssl.TLSVersion.TLSv1_2,
            "1.3": ssl.TLSVersion.TLSv1_3}[ARGS.tls_max]
    return ctx


def bare_name(name):
    return "." not in name and not name.startswith("[")


class Session(socketserver.BaseRequestHandler):
    def setup(self):
        self.sock = self.request
        self.sock.settimeout(60)
        self.buf = b""
        self.helo = ""
        self.authed = False

    def readline(self):
        while b"\n" not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                return None
            self.buf += data
            if len(self.buf) > 65536:
                return None
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def rule(self, verb, arg):
        for v, glob, cond, reply in RULES:
            if v not in (verb, "*") or (v == "*" and verb == "GREETING"):
                continue
            if glob and not fnmatch.fnmatch(arg.lower(), glob.lower()):
                continue
            if cond == "bare" and not bare_name(self.helo):
                continue
            if cond == "noauth" and self.authed:
                continue
            return reply
        return None

    def send(self, reply):
        """Send one reply; False when the connection is to end."""
        m = re.match(r"@sleep ([0-9.]+) (.*)", reply)
        if m:
            time.sleep(float(m.group(1)))
            reply = m.group(2)
        if reply == "@close":
            return False
        m = re.match(r"@hold ([0-9.]+)$", reply)
        if m:
            time.sleep(float(m.group(1)))
            return False
        if reply == "@reset":
            self.sock.settimeout(5)
            try:
                self.sock.recv(4096)
            except OSError:
                pass
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
            return False
        reply = reply.replace("{helo}", self.helo)
        if reply.startswith("235"):
            self.authed = True
        out = "".join(line + "\r\n" for line in reply.split("|"))
        self.sock.sendall(out.encode("utf-8"))
        return True

    def scram(self, arg, hname, password):
        """Serve one SCRAM exchange; False when the connection ended."""
        def b64(b):
            return base64.b64encode(b).decode()

        def mac(key, msg):
            return hmac.new(key, msg.encode(), hname).digest()
        parts = arg.split(" ", 1)
        first = parts[1] if len(parts) > 1 else None
        if first is None:
            self.send("334 ")
            first = self.readline()
            if first is None:
                return False
        bare = base64.b64decode(first).decode()[3:]
        attrs = dict(kv.split("=", 1) for kv in bare.split(","))
        salt = os.urandom(16)
        sfirst = "r=%s%s,s=%s,i=4096" % (attrs["r"], os.urandom(6).hex(),
                                         b64(salt))
        self.send("334 " + b64(sfirst.encode()))
        line = self.readline()
        if line is None:
            return False
        cfinal = base64.b64decode(line).decode()
        without, _, proof = cfinal.rpartition(",p=")
        am = "%s,%s,%s" % (bare, sfirst, without)
        sp = hashlib.pbkdf2_hmac(hname, password.encode(), salt, 4096)
        ck = mac(sp, "Client Key")
        sig = mac(hashlib.new(hname, ck).digest(), am)
        want = bytes(a ^ b for a, b in zip(ck, sig))
        if base64.b64decode(proof) != want:
            return self.send("535 5.7.8 Authentication credentials invalid")
        ssig = mac(mac(sp, "Server Key"), am)
        self.send("334 " + b64(("v=" + b64(ssig)).encode()))
        if self.readline() is None:
            return False
        self.authed = True
        return self.send("235 2.7.0 Authentication successful")

    def answer(self, verb, arg):
        reply = self.rule(verb, arg)
        m = re.match(r"@scram (sha1|sha256) (.*)$", reply or "")
        if m:
            return self.scram(arg, m.group(1), m.group(2))
        if reply is None:
            reply = {"QUIT": "221 2.0.0 bye", "RSET": "250 2.0.0 ok",
                     "NOOP": "250 2.0.0 ok", ".": "250 2.0.0 queued",
                     "GREETING": "220 mail.test ESMTP",
                     "EHLO": "250 mail.test", "HELO": "250 mail.test",
                     "MAIL": "250 2.1.0 Ok", "RCPT": "250 2.1.5 Ok",
                     "DATA": "354 End data with <CR><LF>.<CR><LF>"}.get(
                         verb, "502 5.5.2 command not recognized")
        steps = reply.split(" ; ")
        for i, step in enumerate(steps):
            if step == "@tls":
                self.sock = tls_context().wrap_socket(self.sock,
                                                      server_side=True)
                self.buf = b""
                return True
            if not self.send(step):
                return False
            nxt = steps[i + 1] if i + 1 < len(steps) else ""
            if (nxt and (not nxt.startswith("@") or
                         nxt.startswith("@sleep")) and
                    self.readline() is None):
                return False
        if verb == "QUIT":
            return False
        if verb == "DATA" and reply.startswith("354"):
            cut = (self.rule("DATA-CUT", "") or "").split(" ", 1)
            got = 0
            while True:
                line = self.readline()
                if line is None:
                    return False
                if line == ".":
                    return self.answer(".", "")
                got += len(line) + 2
                if len(cut) == 2 and got >= int(cut[0]):
                    self.send(cut[1])
                    return False
        return True

    def handle(self):
        try:
            if ARGS.implicit:
                self.sock = tls_context().wrap_socket(self.sock,
                                                      server_side=True)
            if not self.answer("GREETING", ""):
                return
            while True:
                line = self.readline()
                if line is None:
                    return
                verb, _, arg = line.partition(" ")
                verb = verb.upper()
                if verb in ("EHLO", "HELO"):
                    self.helo = arg.strip()
                if verb in ("MAIL", "RCPT"):
                    arg = re.sub(r"^(FROM|TO):\s*<?([^> ]*)>?.*$", r"\2",
                                 arg, flags=re.I)
                if not self.answer(verb, arg.strip()):
                    return
        except (OSError, ssl.SSLError):
            return
        finally:
            try:
                self.sock.close()
            except OSError:
                pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    family = socket.AF_INET6 if ":" in ARGS.host else socket.AF_INET
    Server.address_family = family
    srv = Server((ARGS.host, ARGS.port), Session)
    with open(ARGS.portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    import os
    os.rename(ARGS.portfile + ".tmp", ARGS.portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
