#!/bin/bash
# A host pasted with a leading space: input.host_malformed with the
# corrected value in the evidence, and the chain goes on with it and
# reaches the (healthy) server.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
start_aiosmtpd "$port"
out=$T_DIR/report.json
report_json "$out" --timeout 3 --protocol smtp --port "$port" " 127.0.0.1"
assert_exit 1
assert_cause_listed "$out" input.host_malformed
assert_evidence "$out" input.host_malformed '127\.0\.0\.1'
assert_json "$out" 'cause_ids() == ["input.host_malformed"]'
assert_json "$out" 'r["target"]["input"] == " 127.0.0.1"'
assert_json "$out" 'r["target"]["host"] == "127.0.0.1"'
assert_json "$out" 'status("input") in ("warn", "fail")'
assert_json "$out" 'status("reach") == "ok" and status("banner") == "ok"'
assert_json "$out" 'details("banner")["code"] == 220'
exit 0
