#!/bin/bash
# The chain through real proxies (issue 15): microsocks (SOCKS5) and
# tinyproxy (HTTP CONNECT) in a namespace with the SMTP server.  Through
# each, the verdict is the direct one, and the namespace's firewall counts
# no SYN from this side to the server (every probe went through the
# proxy); ICMP says it was not tested.  The proxy variables are honoured
# like curl reads them, NO_PROXY included.
. "$(dirname "$0")/lib_path.sh"
path_setup
P=$((20000 + RANDOM % 20000))
path_smtpd "$P"
path_microsocks 1080
path_tinyproxy 3128
T="smtp://$NETNS_IP:$P"
H=$NETNS_HOST_IP
out=$T_DIR/r.json

path_zero
report_json "$out" --timeout 3 "$T"
assert_exit 0
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["kind"] == "direct"'
[ "$(path_count "$H" "$P")" -gt 0 ] || fail "the direct run made no SYN from $H"

for proxy in "socks5://$NETNS_IP:1080" "socks5h://$NETNS_IP:1080" \
	"http://$NETNS_IP:3128"; do
	path_zero
	report_json "$out" --timeout 3 -x "$proxy" "$T"
	assert_exit 0
	assert_json "$out" 'r["verdict"] == "ok"' "verdict through $proxy"
	assert_json "$out" 'r["target"]["path"]["proxy"] == sys.argv[3]' \
		"path names $proxy" "$proxy"
	assert_json "$out" 'r["target"]["path"]["proxy_source"] == "--proxy"'
	assert_json "$out" 'status("banner") == "ok" and status("smtp.ehlo") == "ok"'
	assert_json "$out" 'status("icmp") == "skipped" and "proxy" in probe("icmp")["summary"]'
	n=$(path_count_any "$H")
	[ "$n" = 0 ] || fail "$n SYNs/pings went directly to the namespace with -x $proxy"
	[ "$(path_count "$NETNS_IP" "$P")" -gt 0 ] || fail "the proxy $proxy connected to nothing"
done
grep -q "connected to $NETNS_IP:$P" "$T_DIR/microsocks-1080.err" "$T_DIR/microsocks-1080.out" ||
	fail "microsocks logged no connection to the server"
grep -q "Established connection to host \"$NETNS_IP\"" "$T_DIR/tinyproxy-3128.log" ||
	fail "tinyproxy logged no tunnel"

# The raw trial sessions go through the proxy too, with the same causes.
TR=(--trials halfclose,concurrency --max-connections 4)
report_json "$out" --timeout 3 "${TR[@]}" "$T"
direct=$(json_value "$out" 'sorted(cause_ids())')
path_zero
report_json "$out" --timeout 3 "${TR[@]}" -x "socks5://$NETNS_IP:1080" "$T"
assert_json "$out" 'str(sorted(cause_ids())) == sys.argv[3]' \
	"the trials' causes through the proxy are the direct ones ($direct)" "$direct"
assert_json "$out" 'status("trial.concurrency") not in ("error", "skipped")'
[ "$(path_count_any "$H")" = 0 ] || fail "a trial session went direct"

# The environment, the way curl reads it: smtp_proxy before ALL_PROXY.
path_zero
ALL_PROXY=socks5://127.0.0.1:9 smtp_proxy=socks5h://$NETNS_IP:1080 \
	report_json "$out" --timeout 3 "$T"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["proxy_source"] == "smtp_proxy"'
[ "$(path_count_any "$H")" = 0 ] || fail "smtp_proxy: SYNs went direct"
path_zero
ALL_PROXY=http://$NETNS_IP:3128 report_json "$out" --timeout 3 "$T"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["proxy_source"] == "ALL_PROXY"'
[ "$(path_count_any "$H")" = 0 ] || fail "ALL_PROXY: SYNs went direct"
# NO_PROXY and --noproxy send the host direct; -x "" turns the proxy off.
path_zero
ALL_PROXY=socks5://127.0.0.1:9 NO_PROXY=$NETNS_IP report_json "$out" --timeout 3 "$T"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["kind"] == "direct" and r["target"]["path"]["noproxy_matched"]'
# (local.proxy may still warn: the user's other clients read ALL_PROXY.)
ALL_PROXY=socks5://127.0.0.1:9 report_json "$out" --timeout 3 --noproxy "example.test,$NETNS_IP" "$T"
assert_json "$out" 'status("smtp.ehlo") == "ok" and r["target"]["path"]["kind"] == "direct"'
ALL_PROXY=socks5://127.0.0.1:9 report_json "$out" --timeout 3 -x "" "$T"
assert_json "$out" 'status("smtp.ehlo") == "ok" and r["target"]["path"]["kind"] == "direct"'
[ "$(path_count "$NETNS_IP" "$P")" = 0 ] || fail "NO_PROXY: something used the proxy"
echo PASS
