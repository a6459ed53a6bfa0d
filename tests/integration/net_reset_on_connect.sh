#!/bin/bash
# A server that completes the handshake and resets at once (SO_LINGER 0,
# as TCP wrappers or an intercepting firewall do): tcp.reset_on_connect,
# with the reset in the evidence, not tcp.refused.
. "$(dirname "$0")/lib.sh"

start_fault rst --mode reset
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" tcp.reset_on_connect
assert_no_grep "$out" tcp.refused
assert_evidence "$out" tcp.reset_on_connect 'reset|ECONNRESET|RST'
# The reset comes at once: the banner's connection sees it, or already
# the reach probe's when the RST beats the connect notification.
assert_json "$out" '(status("reach") == "ok" and details("banner")["result"] == "reset" and details("banner")["bytes"] == 0 and details("banner")["errno"] == "ECONNRESET") or (details("reach")["addresses"][0]["result"] == "reset" and details("reach")["addresses"][0]["errno"] == "ECONNRESET")'
assert_json "$out" '10054 in cause("tcp.reset_on_connect")["client_errors"]["winsock"]'
exit 0
