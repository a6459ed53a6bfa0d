#!/bin/bash
# stall-after-bytes:100K: after 100 KB the server stops reading; the
# sender's window fills and the upload stalls (python: send times out;
# curl: exit 28).  (sockdoc not asserted: the upload trial is not in the
# chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp stall-after-bytes:100K
$PY - "$LAB_PORT" <<'PYEOF' || fail "smtp upload did not stall"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
f = s.makefile("rb")
assert f.readline().startswith(b"220")
s.sendall(b"HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
for i in range(4):
    f.readline()
s.settimeout(2)
sent = 0
try:
    while sent < 200 * 1024 * 1024:
        sent += s.send(b"x" * 65535 + b"\n")
except socket.timeout:
    print("stalled after", sent, "bytes")
    sys.exit(0)
sys.exit("never stalled")
PYEOF
lab_start ftp stall-after-bytes:100K
head -c 16000000 /dev/zero >"$LAB_TMP/large"
run_out curl -sS -m 3 -T "$LAB_TMP/large" "ftp://127.0.0.1:$LAB_PORT/large"; assert_exit 28
echo PASS
