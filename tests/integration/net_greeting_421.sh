#!/bin/bash
# A server that greets with 421 "too many connections" and closes:
# server.busy, with the 421 reply in the evidence.
. "$(dirname "$0")/lib.sh"

start_fault busy --mode greet --hold 0 \
	--text '421 4.7.0 mx.example.test Too many concurrent SMTP connections; try again later\r\n'
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" server.busy
assert_evidence "$out" server.busy '421'
assert_json "$out" 'details("banner")["code"] == 421'
assert_json "$out" 'status("banner") == "fail"'
exit 0
