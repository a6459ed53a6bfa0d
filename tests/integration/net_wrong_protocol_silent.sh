#!/bin/bash
# A port that accepts and says nothing (where SMTP/FTP speak first),
# not even to a QUIT: a greeting later than the client waits
# (transfer.stall_timeout) first, another protocol
# (service.wrong_protocol) after it, the silence measured in the
# evidence; found within the step limit, not tcp.reset_on_connect.
. "$(dirname "$0")/lib.sh"

start_fault quiet --mode silent --hold 20
out=$T_DIR/report.json
report_json "$out" --timeout 2 "ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" transfer.stall_timeout 'no greeting came within'
assert_cause_listed "$out" service.wrong_protocol
assert_no_grep "$out" tcp.reset_on_connect
assert_evidence "$out" service.wrong_protocol 'no greeting came in [0-9]+ ms'
assert_json "$out" 'details("banner")["result"] == "timeout" and details("banner")["bytes"] == 0'
assert_json "$out" 'details("banner")["elapsed_ms"] >= 1900'
assert_json "$out" 'probe("banner")["duration_ms"] <= 2300'
[ "$REPORT_MS" -lt 9000 ] || fail "silent port took $REPORT_MS ms with --timeout 2"
exit 0
