#!/bin/bash
# policy-reject: SMTP greets 554 (blocklisted address), FTP answers 530
# to every login.  curl: SMTP exit 8 with 554, FTP exit 67 (access denied).
# sockdoc says server.rejects_client for both, each with the fixes and
# client messages of its protocol (no port 587 or Outlook code for FTP).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp policy-reject
run_out curl -sS -m 5 "smtp://127.0.0.1:$LAB_PORT/"; assert_exit 8
assert_out "response: 554"
$PY - "$LAB_PORT" <<'PYEOF' || fail "554 session does not only serve QUIT"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
f = s.makefile("rb")
assert f.readline().startswith(b"554 5.7.1")
s.sendall(b"EHLO x\r\n")
assert f.readline().startswith(b"503")
s.sendall(b"QUIT\r\n")
assert f.readline().startswith(b"221")
PYEOF
lab_diagnose smtp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" server.rejects_client "greets with 554"
assert_json "$LAB_TMP/report.json" '"587" in fx("server.rejects_client") and cause("server.rejects_client")["client_errors"]["outlook"]' \
	"SMTP keeps the mail fixes and Outlook's codes"

lab_start ftp policy-reject
run_out curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 67
assert_out "530 Login from your address is not allowed"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" server.rejects_client "USER answered 530 Login from your address"
# FTP: fixes that fit FTP (no port 587, no submission server), no Outlook
# code, FileZilla's words instead
assert_json "$LAB_TMP/report.json" 'all("587" not in fx(c) and "submission" not in fx(c) for c in cause_ids())' \
	"no mail advice for an FTP refusal"
assert_json "$LAB_TMP/report.json" 'not cause("server.rejects_client")["client_errors"]["outlook"] and cause("server.rejects_client")["client_errors"]["filezilla"]' \
	"FileZilla's words, no Outlook code"
echo PASS
