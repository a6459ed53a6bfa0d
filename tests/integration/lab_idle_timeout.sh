#!/bin/bash
# idle-timeout:1: the control connection is reset after 1 s without a
# command, even while an FTP upload is flowing (NAT idle timer).  SMTP:
# python sees the reset; FTP: a quick transfer passes, a slow (rate
# limited) upload ends with curl exit 56.  (sockdoc not asserted: the
# idle trial is not in the chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp idle-timeout:1
$PY - "$LAB_PORT" <<'PYEOF' || fail "smtp idle reset"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=6)
assert s.recv(200).startswith(b"220")
s.sendall(b"NOOP\r\n")
assert s.recv(200).startswith(b"250")
t0 = time.time()
try:
    data = s.recv(200)
except ConnectionResetError:
    assert 0.8 < time.time() - t0 < 5, time.time() - t0
    sys.exit(0)
sys.exit("no reset: %r" % data)
PYEOF

lab_start ftp idle-timeout:1
U="ftp://127.0.0.1:$LAB_PORT"
run_out curl -sS -m 5 "$U/readme.txt"; assert_exit 0
head -c 400000 /dev/zero >"$LAB_TMP/up"
run_out curl -sS -m 10 --limit-rate 150K -T "$LAB_TMP/up" "$U/up"; assert_exit 56
echo PASS
