#!/bin/bash
# ftp_late_login.sh — issue 10: the server answers PASS with 530 only
# after 3.5 s while --timeout is 3: the login waits once more (bounded),
# records the 530 with late_ms, and the run is not inconclusive.
. "$(dirname "$0")/lib.sh"

out=$T_DIR/report.json
start_scripted_ftp late '{"PASS": {"reply": "530 Login incorrect.", "delay": 3.5}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.login PASS)
assert_json "$out" "$R['code'] == 530 and $R['text'] == 'Login incorrect.'"
assert_json "$out" "200 <= $R['late_ms'] <= 1500"
assert_json "$out" 'details("ftp.login")["refusal_code"] == 530'
assert_json "$out" 'r["verdict"] != "inconclusive"'
assert_exit 1
assert_first_cause "$out" auth.rejected
assert_evidence "$out" auth.rejected 'PASS answered 530 Login incorrect'
exit 0
