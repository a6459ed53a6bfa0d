#!/bin/bash
# net_late_answer.sh — a server whose first SYN is lost: the namespace's
# firewall drops the first SYN from the host and lets the kernel's
# retransmission (1 s later) through, so reach connects after about 1 s.
# By then path and smtp.ports have begun early (they start once reach is
# quiet for a fifth of --timeout, ops->early); the report must be the
# one of a reachable server all the same: path skipped with its usual
# reason and no details, smtp.ports asked again from the start (the
# target port works), no tcp.filtered.  Then the same port dropped for
# good: path and smtp.ports still report the filtered port as before.
# Needs root (exit 77 without).
. "$(dirname "$0")/lib.sh"
need_root
need iptables
$PY -c 'import aiosmtpd' 2>/dev/null || skip "needs python3-aiosmtpd"

make_netns
port=2525
start_bg "smtpd" ip netns exec "$NETNS" $PY -m aiosmtpd -n -l "$NETNS_IP:$port"
wait_port "$NETNS_IP" "$port" 15
# The first SYN of the host is dropped, the next ones (within 30 s) pass.
ns_exec iptables -A INPUT -p tcp --syn --dport "$port" -m recent \
	--name sdlate --rcheck --seconds 30 -j ACCEPT 2>/dev/null ||
	skip "iptables' recent match does not work in the namespace"
ns_exec iptables -A INPUT -p tcp --syn --dport "$port" -m recent \
	--name sdlate --set -j DROP

out=$T_DIR/late.json
SOCKDOC_TRACE_CHAIN=1 report_json "$out" --timeout 3 "smtp://$NETNS_IP:$port"
# The chain's trace (stderr) shows the case: both began early, reach's
# answer undid path and had smtp.ports start again.
assert_grep "$out.err" 'early +path'
assert_grep "$out.err" 'undone +path'
assert_grep "$out.err" 'again +smtp.ports'
assert_json "$out" 'status("reach") == "ok"'
assert_json "$out" 'details("reach")["addresses"][0]["connect_ms"] >= 500' \
	"reach connected only after the retransmitted SYN (the case tested)"
assert_json "$out" 'status("path") == "skipped" and details("path") == {}'
assert_json "$out" '"not filtered or refused" in probe("path")["summary"]'
assert_json "$out" '"tcp.filtered" not in causes()'
assert_json "$out" 'status("smtp.ports") == "ok"'
assert_json "$out" '{"port": '$port', "security": "plain"} in details("smtp.ports")["working"]' \
	"smtp.ports was asked again once reach connected: the port works"

# The same port dropped for good: the walk and the ports begun early
# stand, and report the filtered port as a run that waited would.
ns_exec iptables -F INPUT
ns_exec iptables -A INPUT -p tcp --dport "$port" -j DROP
out=$T_DIR/dropped.json
report_json "$out" --timeout 2 "smtp://$NETNS_IP:$port"
assert_cause "$out" tcp.filtered
assert_json "$out" 'status("path") == "fail" and details("path")["blocked"]'
assert_json "$out" 'details("path")["end"] == "silent" and details("path")["reference_end"] == "reset"'
assert_json "$out" 'details("path")["cut"] is False'
assert_json "$out" 'status("smtp.ports") == "fail"'
assert_json "$out" '[e["outcome"] for e in details("smtp.ports")["ports"] if e["port"] == '$port'] == ["connect_timeout"]'
assert_json "$out" 'all(e["outcome"] == "refused" for e in details("smtp.ports")["ports"] if e["port"] != '$port')'
exit 0
