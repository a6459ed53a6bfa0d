#!/bin/bash
# close-after-command: the first command gets no reply, only a FIN; the
# client's next write is answered by RST (Windows: 10053).  python sees
# EOF then a reset; curl fails reading the response (exit 56); sockdoc
# names conn.graceful_then_reset from the first command's silent close.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p close-after-command
	$PY - "$LAB_PORT" <<'PYEOF' || fail "$p: FIN without reply, then RST"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
assert s.recv(200).startswith(b"220")
s.sendall(b"NOOP\r\n")
assert s.recv(200) == b"", "expected FIN without a reply"
try:
    for i in range(20):
        s.sendall(b"NOOP\r\n")
        time.sleep(0.05)
except (ConnectionResetError, BrokenPipeError):
    sys.exit(0)
sys.exit("writes after the FIN were never reset")
PYEOF
	run_out curl -sS -m 5 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 56
	lab_diagnose $p "$LAB_PORT"
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" conn.graceful_then_reset "closed the connection (FIN) without answering"
done
echo PASS
