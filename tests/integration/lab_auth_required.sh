#!/bin/bash
# auth-required: SMTP advertises AUTH and answers MAIL FROM with
# "530 5.7.0 Authentication required" until the client authenticates;
# FTP refuses anonymous logins.  With credentials (from a netrc file,
# never argv) both work.  sockdoc says auth.required for SMTP (with an
# envelope to try) and auth.rejected for FTP's refused anonymous login.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
printf 'machine 127.0.0.1 login labuser password labpass\n' >"$LAB_TMP/netrc"
chmod 600 "$LAB_TMP/netrc"
lab_start smtp auth-required
make_msg "$LAB_TMP/msg" 100
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/msg"; assert_exit 55
assert_out "250-AUTH PLAIN LOGIN"
assert_out "530 5.7.0 Authentication required"
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/msg" --netrc-file "$LAB_TMP/netrc"; assert_exit 0
assert_out "235 2.7.0 Authentication successful"
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/msg" --netrc-file "$LAB_TMP/netrc" --login-options AUTH=LOGIN; assert_exit 0
assert_out "334 UGFzc3dvcmQ6"
lab_diagnose smtp "$LAB_PORT" --mail-from a@lab.test --rcpt b@lab.test
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" auth.required "530"

lab_start ftp auth-required
run_out curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 67
assert_out "530 This FTP server does not allow anonymous logins"
run_out curl -sS -m 5 --netrc-file "$LAB_TMP/netrc" "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 0
assert_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" auth.rejected "does not allow anonymous logins"
echo PASS
