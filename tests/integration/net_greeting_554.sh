#!/bin/bash
# A server that greets with a 554 policy refusal (a blocklisted client)
# and waits for QUIT: server.rejects_client, with the 554 in the evidence.
. "$(dirname "$0")/lib.sh"

start_fault deny --mode greet --hold 5 \
	--text '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.example.test\r\n'
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" server.rejects_client
assert_no_grep "$out" server.busy
assert_evidence "$out" server.rejects_client '554'
assert_json "$out" 'details("banner")["code"] == 554'
exit 0
