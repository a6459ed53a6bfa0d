#!/bin/bash
# An HTTP server (python http.server) where SMTP was expected: it says
# nothing first, and answers a line with HTTP; service.wrong_protocol with
# HTTP named in the evidence.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
mkdir -p "$T_DIR/www"
start_bg http $PY -m http.server --bind 127.0.0.1 --directory "$T_DIR/www" "$port"
wait_port 127.0.0.1 "$port" 10
out=$T_DIR/report.json
report_json "$out" --timeout 2 "smtp://127.0.0.1:$port"
assert_exit 1
assert_cause "$out" service.wrong_protocol
assert_evidence "$out" service.wrong_protocol 'HTTP'
assert_json "$out" 'status("reach") == "ok"'
assert_json "$out" 'status("banner") == "fail"'
assert_json "$out" 'details("banner")["sniff"] == "http"'
[ "$REPORT_MS" -lt 12000 ] || fail "took $REPORT_MS ms with --timeout 2"
exit 0
