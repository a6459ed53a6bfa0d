#!/bin/bash
# A server that accepts, says nothing, and closes (FIN, no RST) after 2 s:
# server.closes_before_greeting with the FIN and the time in the
# evidence -- not tcp.reset_on_connect, whose title says "resets".
. "$(dirname "$0")/lib.sh"

start_fault closer --mode silent --hold 2
out=$T_DIR/report.json
report_json "$out" --timeout 5 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_json "$out" 'cause_ids()[0] == "server.closes_before_greeting"' "closes_before_greeting first"
assert_evidence "$out" server.closes_before_greeting 'closed the connection \(FIN\) after [0-9]+ ms without a greeting'
assert_json "$out" '"tcp.reset_on_connect" not in cause_ids()'
assert_json "$out" 'det("banner")["result"] == "closed"'
echo PASS
