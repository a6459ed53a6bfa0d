#!/bin/bash
# A server that completes the handshake and resets at once (SO_LINGER 0,
# as TCP wrappers or an intercepting firewall do): tcp.reset_on_connect,
# with the reset in the evidence, not tcp.refused.
. "$(dirname "$0")/lib.sh"

start_fault rst --mode reset
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_first_cause "$out" tcp.reset_on_connect
assert_no_grep "$out" tcp.refused
assert_evidence "$out" tcp.reset_on_connect 'reset|ECONNRESET|RST'
assert_json "$out" 'status("reach") == "ok"'
assert_json "$out" 'status("banner") == "fail"'
assert_json "$out" 'details("banner")["result"] == "reset" and details("banner")["bytes"] == 0'
assert_json "$out" 'details("banner")["errno"] == "ECONNRESET"'
assert_json "$out" '10054 in cause("tcp.reset_on_connect")["client_errors"]["winsock"]'
exit 0
