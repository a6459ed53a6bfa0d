#!/bin/bash
# garbage: binary bytes, terminal escapes and a 64 KiB line without CRLF
# instead of a greeting.  curl fails reading the response (exit 56), raw
# bytes hold ESC and no CRLF; sockdoc says service.wrong_protocol and shows
# the escapes sanitized.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p garbage
	run_out curl -sS -m 5 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 56
	$PY - "$LAB_PORT" <<'PYEOF' || fail "garbage bytes"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
data = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    data += b
assert b"\x1b[" in data and b"\x00" in data and b"\r\n" not in data, data[:80]
assert len(data) > 65536, len(data)
PYEOF
	lab_diagnose $p "$LAB_PORT"
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" service.wrong_protocol '\x1B[2J'
done
echo PASS
