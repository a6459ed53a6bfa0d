#!/bin/bash
# The lab is a server: it must survive hostile input.  Feed both
# protocols NUL bytes, a 1 MB line, binary noise, endless bad commands,
# a pipelined flood, FTP bounce attempts (PORT/EPRT to another host),
# bad paths and more connections than the session cap; then the lab must
# still serve curl correctly.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp none
S=$LAB_PORT
lab_start ftp none
F=$LAB_PORT
$PY - "$S" "$F" <<'PYEOF' || fail "hostile input"
import os, socket, sys, time
smtp, ftp = int(sys.argv[1]), int(sys.argv[2])

def session(port, timeout=3):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    f = s.makefile("rb")
    assert f.readline().startswith(b"220")
    return s, f

def cmd(s, f, line):
    s.sendall(line + b"\r\n")
    return f.readline()

# Over-long lines are refused, the session goes on.
for port, code in ((smtp, b"500 5.5.6"), (ftp, b"500 Command")):
    s, f = session(port)
    s.sendall(b"A" * (1024 * 1024) + b"\r\n")
    r = f.readline()
    assert r.startswith(code), r
    assert cmd(s, f, b"NOOP")[:3] in (b"250", b"200")
    s.close()

# NULs and binary noise, then too many errors: 421 and close.
for port in (smtp, ftp):
    s, f = session(port)
    noise = os.urandom(4096).replace(b"\n", b"")
    codes = [cmd(s, f, b"\x00\xff\x1b[2J")[:3], cmd(s, f, noise)[:3]]
    for i in range(30):
        codes.append(cmd(s, f, b"BOGUS\x00\x01")[:3])
        if codes[-1] == b"421":
            break
    assert codes[-1] == b"421" and all(c[:1] == b"5" for c in codes[:-1]), codes
    assert f.readline() == b""
    s.close()

# A pipelined flood is answered in order.
s, f = session(smtp)
s.sendall(b"EHLO x\r\n" + b"NOOP\r\n" * 2000)
while not f.readline().startswith(b"250 "):
    pass
assert all(f.readline().startswith(b"250 2.0.0") for i in range(2000))
s.close()

# FTP: no bounce to a third host, no path tricks, odd arguments.
s, f = session(ftp)
assert cmd(s, f, b"USER anonymous").startswith(b"331")
assert cmd(s, f, b"PASS x").startswith(b"230")
for bad in (b"PORT 192,0,2,1,0,21", b"PORT 999,1,1,1,1,1", b"PORT 1,2",
            b"EPRT |1|192.0.2.1|21|", b"EPRT |9|::1|21|", b"EPRT |1|127.0.0.1|99999|",
            b"EPRT", b"RETR ../../etc/passwd", b"STOR a/b", b"RETR", b"SIZE nothere",
            b"CWD /etc", b"TYPE Z", b"DELE /", b"LIST"):
    r = cmd(s, f, bad)
    assert r[:1] in (b"4", b"5"), (bad, r)
assert cmd(s, f, b"PASV").startswith(b"227")
s.sendall(b"LIST\r\n")  # pending: we never open the data connection
r = cmd(s, f, b"RETR readme.txt")
assert r.startswith(b"425 A transfer is already in progress"), r
s.close()

# More connections than the session cap (256): the lab stays up.
conns = []
for i in range(300):
    try:
        conns.append(socket.create_connection(("127.0.0.1", smtp), timeout=2))
    except OSError:
        pass
time.sleep(0.3)
for c in conns:
    c.close()
time.sleep(0.3)
PYEOF
make_msg "$LAB_TMP/msg" 5000
run_out curl_smtp "$S" "$LAB_TMP/msg"; assert_exit 0
assert_out "250 2.0.0 Ok: queued"
run_out curl -sS -m 5 "ftp://127.0.0.1:$F/readme.txt"; assert_exit 0
assert_out "sockdoc fault lab"
echo PASS
