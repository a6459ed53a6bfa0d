#!/bin/bash
# A name that does not exist, asked of a local dnsmasq (never the system
# resolver): dns.nxdomain, and the near name that does resolve
# (mail.<domain>, also the domain's MX) is suggested in the evidence; a
# name with nothing near gets no "use one of the suggested names" fix.
. "$(dirname "$0")/lib.sh"

dport=$(free_port)
sport=$(free_port)
start_dnsmasq "$dport" --host-record=mail.example.test,127.0.0.1 \
	--mx-host=example.test,mail.example.test,10
start_aiosmtpd "$sport"
out=$T_DIR/report.json
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$dport" \
	"smtp://smtp.example.test:$sport"
assert_json "$out" 'details("dns")["rcode"] == "nxdomain"'
assert_json "$out" 'details("dns")["server"] == "127.0.0.1:'"$dport"'"'
assert_json "$out" '"mail.example.test" in [s["name"] for s in details("dns")["suggestions"]]'
assert_exit 1
assert_cause "$out" dns.nxdomain
assert_evidence "$out" dns.nxdomain 'smtp\.example\.test'
assert_evidence "$out" dns.nxdomain 'mail\.example\.test'
assert_json "$out" 'status("dns") == "fail"'
assert_json "$out" 'status("reach") == "skipped"'
assert_json "$out" '11001 in cause("dns.nxdomain")["client_errors"]["winsock"]'
# The query went to our dnsmasq.
assert_grep "$T_DIR/dnsmasq-$dport.err" 'query\[A+\] smtp\.example\.test'

# A name with no near name that resolves: no "use one of the suggested
# names" fix right after saying none resolves.
out3=$T_DIR/report3.json
report_json "$out3" --timeout 3 --dns-server "127.0.0.1:$dport" \
	"ftp://ftp.nothing-near.test:$sport"
assert_cause "$out3" dns.nxdomain 'ftp.nothing-near.test'
assert_json "$out3" 'not det("dns").get("suggestions") and "suggested" not in fx("dns.nxdomain") and "typo" in fx("dns.nxdomain")' \
	"no suggestion, so no 'use one of the suggested names'"

# The control: the suggested name works through the same server.
out2=$T_DIR/report2.json
report_json "$out2" --timeout 3 --dns-server "127.0.0.1:$dport" \
	"smtp://mail.example.test:$sport"
assert_exit 0
assert_no_cause "$out2"
assert_json "$out2" '"127.0.0.1" in r["target"]["addresses"]'
exit 0
