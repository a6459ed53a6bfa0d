#!/bin/bash
# Proxy failures are named as the proxy's (issue 15): tinyproxy allowing
# CONNECT only to 443 gives proxy.destination_refused (not a server
# cause); a dead proxy, from -x or ALL_PROXY, gives proxy.refused; a name
# the proxy's resolver does not know (socks5h) gives proxy.resolve_failed.
# Never a SYN from this side to the server meanwhile.
. "$(dirname "$0")/lib_path.sh"
path_setup
P=$((20000 + RANDOM % 20000))
path_smtpd "$P"
path_microsocks 1080
path_tinyproxy 3128 "ConnectPort 443"
T="smtp://$NETNS_IP:$P"
H=$NETNS_HOST_IP
out=$T_DIR/r.json
server_causes='["tcp.refused", "tcp.filtered", "net.unreachable", "tcp.reset_on_connect", "smtp.port25_blocked", "service.wrong_protocol"]'

path_zero
report_json "$out" --timeout 3 -x "http://$NETNS_IP:3128" "$T"
assert_exit 1
assert_cause "$out" proxy.destination_refused "refuses to connect to port $P"
assert_json "$out" '"403" in ev("proxy.destination_refused")'
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no server cause" "$server_causes"
[ "$(path_count_any "$H")" = 0 ] || fail "a probe went direct past tinyproxy"
grep -q "Proxying refused on filtered port\|port $P" "$T_DIR/tinyproxy-3128.log" ||
	note "tinyproxy's log does not name the refusal"

# Proxies that want a login: microsocks -u/-P (SOCKS5, RFC 1929) and
# tinyproxy BasicAuth (HTTP 407).  Without the login: the proxy's cause;
# with it in the URL: healthy, and the password is in no output.
start_bg "microsocks-1082" ip netns exec "$NETNS" /usr/bin/microsocks \
	-i "$NETNS_IP" -p 1082 -u alice -P "s3cret-$$"
path_proxy_port 1082
wait_port "$NETNS_IP" 1082 10
path_tinyproxy 3129 "BasicAuth alice s3cret-$$"
for proxy in "socks5://$NETNS_IP:1082" "http://$NETNS_IP:3129"; do
	report_json "$out" --timeout 3 -x "$proxy" "$T"
	assert_exit 1
	assert_cause "$out" proxy.auth_required
	assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
		"no server cause" "$server_causes"
	report_json "$out" --timeout 3 -x "${proxy%%://*}://alice:s3cret-$$@${proxy#*://}" "$T"
	assert_exit 0
	assert_json "$out" 'r["verdict"] == "ok"' "healthy with the login to $proxy"
	grep -q "s3cret-$$" "$out" "$out.err" && fail "the proxy password is in the output"
done

# A dead proxy: nothing listens on its port (SYNs to it are not counted).
path_proxy_port 1081
path_zero
report_json "$out" --timeout 3 -x "socks5://$NETNS_IP:1081" "$T"
assert_exit 1
assert_cause "$out" proxy.refused "socks5://$NETNS_IP:1081"
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no server cause" "$server_causes"
[ "$(path_count_any "$H")" = 0 ] || fail "a probe went direct with a dead proxy"
ALL_PROXY="socks5h://$NETNS_IP:1081" report_json "$out" --timeout 3 "$T"
assert_cause "$out" proxy.refused "from ALL_PROXY"
[ "$(path_count_any "$H")" = 0 ] || fail "a probe went direct with a dead ALL_PROXY"

# The name resolves here (dnsmasq on loopback) but not behind the proxy.
D=$(free_port)
start_dnsmasq "$D" "--host-record=only-here.test,$NETNS_IP"
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5h://$NETNS_IP:1080" "smtp://only-here.test:$P"
assert_cause "$out" proxy.resolve_failed "name to resolve"
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no server cause" "$server_causes"
grep -q "only-here.test" "$T_DIR/microsocks-1080.err" "$T_DIR/microsocks-1080.out" 2>/dev/null ||
	note "microsocks logs no failed names"
# Resolved here (socks5://), the same name works through the same proxy.
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5://$NETNS_IP:1080" "smtp://only-here.test:$P"
assert_json "$out" 'status("smtp.ehlo") == "ok" and "proxy.resolve_failed" not in cause_ids()'
[ "$(path_count_any "$H")" = 0 ] || fail "a probe went direct"
echo PASS
