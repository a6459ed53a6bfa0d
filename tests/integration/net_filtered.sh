#!/bin/bash
# A port dropped by iptables inside a network namespace: the SYN gets no
# answer, so the cause is tcp.filtered, found within about --timeout (not
# the kernel's two-minute SYN retries).  Needs root (exit 77 without).
. "$(dirname "$0")/lib.sh"
need_root
need iptables

make_netns
start_fault_in_ns inner 2525 --mode greet --text '220 inner ESMTP\r\n'
# Reachable before the rule: the fault below is the firewall alone.
wait_port "$NETNS_IP" 2525 5
ns_exec iptables -A INPUT -p tcp --dport 2525 -j DROP ||
	skip "iptables does not work in the namespace"

timeout=2
out=$T_DIR/report.json
report_json "$out" --timeout "$timeout" "smtp://$NETNS_IP:2525"
assert_exit 1
assert_cause "$out" tcp.filtered
assert_no_grep "$out" tcp.refused
assert_evidence "$out" tcp.filtered 'no answer|unanswered|timed? ?out|ETIMEDOUT'
assert_json "$out" 'status("reach") == "fail"'
assert_json "$out" 'details("reach")["filtered"] == 1 and details("reach")["connected"] == 0'
assert_json "$out" 'details("reach")["addresses"][0]["address"] == "'"$NETNS_IP"'"'
assert_json "$out" 'details("reach")["addresses"][0]["result"] == "filtered"'
assert_evidence "$out" tcp.filtered "$NETNS_IP port 2525"
# The namespace answers ping (only the port is dropped): the evidence
# says the host is up.
assert_json "$out" 'status("icmp") == "ok"'
assert_evidence "$out" tcp.filtered 'answers ping'
assert_json "$out" '10060 in cause("tcp.filtered")["client_errors"]["winsock"]'
limit=$(((timeout + 5) * 1000))
[ "$REPORT_MS" -lt "$limit" ] ||
	fail "filtered took $REPORT_MS ms with --timeout $timeout (limit $limit)"
exit 0
