#!/bin/bash
# ftp_oops_after_login.sh — issue 10, input 1: the login works, then the
# server answers "500 OOPS: vsftpd: refusing to run with writable root
# inside chroot()" to PASS and closes.  The refusal is recorded with the
# step, the code, the quoted text and the close (ftp.login refusals),
# and the report names ftp.server_error (exit 1, never inconclusive).
. "$(dirname "$0")/lib.sh"

start_scripted_ftp oops '{"PASS": {"reply": "500 OOPS: vsftpd: refusing to run with writable root inside chroot()", "close": true}}'
out=$T_DIR/report.json
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.login PASS)
assert_json "$out" "$R is not None and $R['code'] == 500"
assert_json "$out" "'refusing to run with writable root inside chroot()' in $R['text'] and $R['text'].startswith('OOPS:')"
assert_json "$out" "$R.get('closed') is True"
assert_json "$out" "'arg' not in $R"
assert_json "$out" 'status("ftp.login") == "fail"'
# The diagnosis: a server configuration fault, quoted, for its admin.
assert_exit 1
assert_json "$out" 'r["verdict"] == "problems"'
assert_first_cause "$out" ftp.server_error
assert_evidence "$out" ftp.server_error 'PASS.*500 OOPS: vsftpd: refusing to run with writable root inside chroot\(\)'
assert_json "$out" '"allow_writeable_chroot" in fixes("ftp.server_error")'
exit 0
