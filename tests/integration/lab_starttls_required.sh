#!/bin/bash
# starttls-required: SMTP advertises STARTTLS and answers MAIL FROM with
# "530 5.7.0 Must issue a STARTTLS command first" (curl 55); FTP offers
# AUTH TLS and refuses a plain login (530, curl 67).  sockdoc says
# auth.requires_tls for FTP; for SMTP it is not asserted: the lab has no
# real TLS, so STARTTLS answers 454 and the chain reports that instead.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp starttls-required
make_msg "$LAB_TMP/msg" 100
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/msg"; assert_exit 55
assert_out "250-STARTTLS"
assert_out "530 5.7.0 Must issue a STARTTLS command first"

lab_start ftp starttls-required
run_out curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 67
assert_out "530 Anonymous sessions must use encryption"
$PY - "$LAB_PORT" <<'PYEOF' || fail "FEAT lacks AUTH TLS"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
f = s.makefile("rb")
f.readline()
s.sendall(b"FEAT\r\n")
lines = [f.readline()]
while not lines[-1].startswith(b"211 "):
    lines.append(f.readline())
assert b" AUTH TLS\r\n" in lines, lines
PYEOF
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause_listed "$LAB_TMP/report.json" auth.requires_tls "530 Anonymous sessions must use encryption"
echo PASS
