#!/bin/bash
# reset-after-greeting: the greeting arrives, the first command meets a
# RST.  Raw check with python, curl exit 56; sockdoc names
# tcp.reset_on_connect with the command that met the reset.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p reset-after-greeting
	$PY - "$LAB_PORT" <<'PYEOF' || fail "$p: greeting then reset"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
assert s.recv(200).startswith(b"220")
s.sendall(b"NOOP\r\n")
try:
    data = s.recv(200)
except ConnectionResetError:
    sys.exit(0)
sys.exit("no reset, got %r" % data)
PYEOF
	run_out curl -sS -m 5 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 56
	assert_out "Connection reset by peer"
	lab_diagnose $p "$LAB_PORT"
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" tcp.reset_on_connect "reset the connection (RST) at the first command"
done
echo PASS
