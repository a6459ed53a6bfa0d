#!/bin/bash
# A closed port on loopback: the SYN is answered by an RST, so the cause
# is tcp.refused, with ECONNREFUSED in the evidence; exit 1.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$port"
assert_exit 1
assert_cause "$out" tcp.refused
assert_evidence "$out" tcp.refused "127\\.0\\.0\\.1 port $port"
assert_evidence "$out" tcp.refused 'RST|refused'
assert_json "$out" 'r["verdict"] == "problems"'
assert_json "$out" 'status("reach") == "fail"'
assert_json "$out" 'details("reach")["refused"] == 1 and details("reach")["connected"] == 0'
assert_json "$out" 'details("reach")["addresses"][0]["result"] == "refused"'
assert_json "$out" 'details("reach")["addresses"][0]["errno"] == "ECONNREFUSED"'
assert_json "$out" '10061 in cause("tcp.refused")["client_errors"]["winsock"]'
# Refused is fast: no waiting for a timeout.
[ "$REPORT_MS" -lt 3000 ] || fail "refused took $REPORT_MS ms"
exit 0
