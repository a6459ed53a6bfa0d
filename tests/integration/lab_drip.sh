#!/bin/bash
# drip:100: every reply one byte per 100 ms.  python sees the greeting
# arrive in single bytes, too slow for curl's 2 s limit (28); sockdoc
# names transfer.stall_timeout (first for FTP; for SMTP after the tls
# probe's tls.handshake_failed, see the comment below).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p drip:100
	$PY - "$LAB_PORT" <<'PYEOF' || fail "$p: dripping greeting"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
t0 = time.time()
chunks = [s.recv(100) for i in range(4)]
assert all(len(c) == 1 for c in chunks), chunks
assert b"".join(chunks) == b"220 ", chunks
assert time.time() - t0 >= 0.3
PYEOF
	run_out curl -sS -m 2 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 28
	lab_diagnose $p "$LAB_PORT"
	if [ $p = ftp ]; then
		assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" transfer.stall_timeout "was not complete after"
	else
		# SMTP: the implicit-TLS try of the tls probe meets the "220"
		# bytes and currently ranks tls.handshake_failed first.
		assert_exit 1 "$LAB_RC"; assert_cause_listed "$LAB_TMP/report.json" transfer.stall_timeout "was not complete after"
	fi
done
echo PASS
