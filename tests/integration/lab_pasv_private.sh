#!/bin/bash
# pasv-private: PASV names 192.168.1.10 (a NAT-side address), EPSV is
# refused.  The raw reply is read with python; curl (which by default
# ignores the PASV address and re-uses the control address) shows
# "Skip 192.168.1.10" and works; sockdoc says ftp.pasv_address_private
# without trying that address.  Nothing here connects to 192.168.1.10.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp pasv-private
$PY - "$LAB_PORT" <<'PYEOF' || fail "PASV reply"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
f = s.makefile("rb")
def cmd(c):
    s.sendall(c + b"\r\n")
    return f.readline()
assert f.readline().startswith(b"220")
assert cmd(b"USER anonymous").startswith(b"331")
assert cmd(b"PASS x").startswith(b"230")
r = cmd(b"EPSV")
assert r.startswith(b"502"), r
r = cmd(b"PASV")
assert r.startswith(b"227") and b"(192,168,1,10," in r, r
PYEOF
run_out curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 0
assert_out "Skip 192.168.1.10 for data connection"
assert_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" ftp.pasv_address_private "advertises 192.168.1.10"
grep -q "was not tried" "$LAB_TMP/report.json" || fail "the PASV address must not be tried"
echo PASS
