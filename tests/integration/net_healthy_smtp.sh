#!/bin/bash
# A healthy SMTP server (aiosmtpd) on loopback: verdict ok, no cause,
# exit 0, and the basic chain (dns, reach, banner) saw a 220 greeting.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
start_aiosmtpd "$port"
out=$T_DIR/report.json
report_json "$out" --timeout 3 "smtp://127.0.0.1:$port"
assert_exit 0
assert_no_cause "$out"
assert_json "$out" 'r["schema"] == "sockdoc.report/1"'
assert_json "$out" 'r["verdict"] == "ok"'
assert_json "$out" 'r["target"]["protocol"] == "smtp" and r["target"]["host"] == "127.0.0.1"'
assert_json "$out" "r['target']['port'] == $port"
assert_json "$out" 'status("dns") == "ok" and status("reach") == "ok" and status("banner") == "ok"'
assert_json "$out" 'details("banner")["code"] == 220'
assert_json "$out" 'details("reach")["connected"] == 1'
assert_json "$out" '[a["result"] for a in details("reach")["addresses"]] == ["connected"]'
assert_json "$out" 'details("reach")["addresses"][0]["address"] == "127.0.0.1"'
assert_json "$out" 'details("banner")["sniff"] == "reply" and details("banner")["result"] == "greeting"'
# The greeting is read on reach's own connection (one connection less).
assert_json "$out" 'details("banner")["connection"] == "reach"'
exit 0
