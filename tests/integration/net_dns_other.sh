#!/bin/bash
# The other name-resolution failures, against a local dnsmasq (never the
# system resolver): a name with no address record is dns.no_address (not
# nxdomain), and a --dns-server where nothing listens is dns.failure.
. "$(dirname "$0")/lib.sh"

dport=$(free_port)
start_dnsmasq "$dport" --host-record=mail.example.test,127.0.0.1 \
	--txt-record=notes.example.test,hello
out=$T_DIR/nodata.json
report_json "$out" --timeout 2 --dns-server "127.0.0.1:$dport" \
	"smtp://notes.example.test:2525"
assert_exit 1
assert_cause "$out" dns.no_address
assert_no_grep "$out" dns.nxdomain
assert_evidence "$out" dns.no_address 'notes\.example\.test'
assert_evidence "$out" dns.no_address "127\\.0\\.0\\.1:$dport"
assert_json "$out" 'details("dns")["rcode"] == "nodata"'
assert_json "$out" '11004 in cause("dns.no_address")["client_errors"]["winsock"]'
assert_json "$out" 'status("reach") == "skipped"'

dead=$(free_port)
out=$T_DIR/dead.json
report_json "$out" --timeout 2 --dns-server "127.0.0.1:$dead" \
	"smtp://mail.example.test:2525"
assert_exit 1
assert_cause "$out" dns.failure
assert_evidence "$out" dns.failure "127\\.0\\.0\\.1:$dead"
assert_json "$out" 'details("dns")["rcode"] in ("no_answer", "timeout")'
assert_json "$out" '11002 in cause("dns.failure")["client_errors"]["winsock"]'
[ "$REPORT_MS" -lt 9000 ] || fail "dead DNS server took $REPORT_MS ms"
exit 0
