#!/bin/bash
# -4/-6 when the target cannot be reached in that family: a name with no
# address of the family asked for is dns.no_address (a cause, exit 1;
# check mode CRITICAL), never "no problem found" with nothing tried; an
# address literal of the other family is a usage error (exit 2), in
# report mode as in check mode.  dnsmasq on loopback serves v4.test
# (A only) and v6.test (AAAA only); aiosmtpd listens on 127.0.0.1.
. "$(dirname "$0")/lib.sh"
P=$(free_port)
start_aiosmtpd "$P"
D=$(free_port)
start_dnsmasq "$D" --host-record=v4.test,127.0.0.1 --host-record=v6.test,::1
DNS=(--dns-server "127.0.0.1:$D")
out=$T_DIR/r.json

report_json "$out" --timeout 3 "${DNS[@]}" -6 "smtp://v4.test:$P"
assert_exit 1
assert_cause "$out" dns.no_address
assert_evidence "$out" dns.no_address 'no IPv6 address \(AAAA record\)'
assert_evidence "$out" dns.no_address 'only IPv4: 127\.0\.0\.1'
assert_json "$out" 'status("dns") == "fail" and det("dns")["family_missing"] == "ipv6"'
assert_json "$out" 'status("reach") == "skipped"'

report_json "$out" --timeout 3 "${DNS[@]}" -4 "smtp://v6.test:$P"
assert_exit 1
assert_cause "$out" dns.no_address
assert_evidence "$out" dns.no_address 'no IPv4 address \(A record\)'

# The text report says it as well (no "no problem found").
run_sockdoc "$T_DIR/r.txt" --report --timeout 3 "${DNS[@]}" -6 "smtp://v4.test:$P"
assert_exit 1
assert_grep "$T_DIR/r.txt" 'dns\.no_address'
assert_no_grep "$T_DIR/r.txt" 'no problem found'

# check mode: CRITICAL with the cause on the status line.
run_sockdoc "$T_DIR/c.txt" check -t 5 "${DNS[@]}" -6 -H v4.test -p "$P"
assert_exit 2
assert_grep "$T_DIR/c.txt" '^SOCKDOC CRITICAL - dns\.no_address'

# An address literal of the other family: a usage error.
run_sockdoc "$T_DIR/u.txt" --report -6 "smtp://127.0.0.1:$P"
assert_exit 2
assert_grep "$T_DIR/u.txt.err" '-6 asks for IPv6, but the target is an IPv4 address'
run_sockdoc "$T_DIR/u.txt" --report -4 "smtp://[::1]:$P"
assert_exit 2
assert_grep "$T_DIR/u.txt.err" '-4 asks for IPv4, but the target is an IPv6 address'

# The control: the family the name has works.
report_json "$out" --timeout 3 "${DNS[@]}" -4 "smtp://v4.test:$P"
assert_exit 0
assert_no_cause "$out"
echo PASS
