#!/bin/bash
# A name only the proxy resolves: socks5h:// and http:// CONNECT hand the
# proxy the name (as Thunderbird's "Proxy DNS when using SOCKS v5" or a
# corporate proxy does), so the local resolver's NXDOMAIN must not stop
# the run nor be the cause.  The name resolves inside the namespace (its
# own hosts file), never on this side (a dnsmasq on loopback that does not
# know it).  With socks5:// (local resolution) dns.nxdomain stays; a name
# neither side knows gives proxy.resolve_failed.  FTP through socks5h
# covers the libcurl sessions (no CURLOPT_RESOLVE pin to the stand-in).
# Never a SYN from this side to the server meanwhile.
. "$(dirname "$0")/lib_path.sh"
path_setup
P=$((20000 + RANDOM % 20000))
path_smtpd "$P"
path_microsocks 1080
path_tinyproxy 3128 ""
echo "$NETNS_IP behind.test" >"/etc/netns/$NETNS/hosts"
H=$NETNS_HOST_IP
D=$(free_port)
start_dnsmasq "$D" "--host-record=elsewhere.test,127.0.0.9"
out=$T_DIR/r.json
dns_causes='["dns.nxdomain", "dns.no_address", "dns.failure", "dns.local_override"]'

for proxy in "socks5h://$NETNS_IP:1080" "http://$NETNS_IP:3128"; do
	path_zero
	report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
		-x "$proxy" "smtp://behind.test:$P"
	assert_exit 0
	assert_json "$out" 'status("smtp.ehlo") == "ok" and r["verdict"] == "ok"' "EHLO through $proxy"
	assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
		"no dns cause through $proxy" "$dns_causes"
	assert_json "$out" 'det("dns").get("resolved_by_proxy") is True and status("dns") == "warn"'
	assert_json "$out" '"NXDOMAIN" in probe("dns")["summary"] and sys.argv[3] in probe("dns")["summary"]' \
		"dns says what it saw" "$proxy"
	assert_json "$out" 'det("reach")["addresses"][0]["address"] == "behind.test (resolved by the proxy)"'
	assert_json "$out" 'r["target"]["addresses"] == ["behind.test (resolved by the proxy)"]'
	assert_json "$out" '"0.0.0.0" not in text(r)' "no placeholder address shown"
	assert_json "$out" 'status("icmp") == "skipped" and "proxy" in probe("icmp")["summary"]'
	[ "$(path_count_any "$H")" = 0 ] || fail "a probe went direct past $proxy"
done
grep -q "CONNECT behind.test:$P" "$T_DIR/tinyproxy-3128.log" ||
	fail "tinyproxy was not given the name"
# The text report and the transcript show the name, not a placeholder.
run_sockdoc "$T_DIR/r.txt" --report -v --timeout 3 --dns-server "127.0.0.1:$D" \
	--transcript "$T_DIR/t.txt" -x "socks5h://$NETNS_IP:1080" "smtp://behind.test:$P"
assert_exit 0
assert_grep "$T_DIR/r.txt" 'behind\.test \(resolved by the proxy\)'
assert_grep "$T_DIR/t.txt" 'behind\.test'
assert_no_grep "$T_DIR/r.txt" "0.0.0.0"
assert_no_grep "$T_DIR/t.txt" "0.0.0.0"

# --connect-to HOST2 by name: the proxy is given HOST2 (curl's rule), the
# libcurl sessions keep the path's pin (no pin to the stand-in).
: >"$T_DIR/microsocks-1080.err"
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	--connect-to "front.test:$P:behind.test:$P" \
	-x "socks5h://$NETNS_IP:1080" "smtp://front.test:$P"
assert_exit 0
assert_json "$out" 'status("smtp.ehlo") == "ok" and det("dns").get("resolved_by_proxy") is True'
assert_json "$out" 'det("reach")["addresses"][0]["address"] == "behind.test (resolved by the proxy)"'
grep -q "connected to behind.test:$P" "$T_DIR/microsocks-1080.err" ||
	fail "microsocks was not given --connect-to's name"
grep -q "front.test" "$T_DIR/microsocks-1080.err" &&
	fail "microsocks was given the target's name despite --connect-to"

# --pcap: the capture's filter has no address of the server (the stand-in
# is left out), only the proxy's; the file holds the proxy's packets (its
# address is resolved for the filter before the first connection).
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	--pcap "$T_DIR/p.pcap" -x "socks5h://$NETNS_IP:1080" "smtp://behind.test:$P"
assert_exit 0
if ! grep -q "not built with libpcap" "$out"; then
	assert_json "$out" 'r["capture"]["status"] == "written"' "capture written"
	assert_json "$out" '"host %s and tcp port 1080" % sys.argv[3] in r["capture"]["filter"]' \
		"the proxy in the filter" "$NETNS_IP"
	assert_json "$out" 'r["capture"]["packets"] > 0' "packets to the proxy captured"
fi

# --watch holds a connection through the proxy to the name too.
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" --watch 1 \
	--count 2 -x "socks5h://$NETNS_IP:1080" "smtp://behind.test:$P"
assert_exit 0
assert_json "$out" '[x["held"] for x in r["watch"]["rounds"]][1:] == ["ok"]' \
	"held connection through socks5h kept"
[ "$(path_count_any "$H")" = 0 ] || fail "the watch went direct"

# socks5:// resolves here: the local NXDOMAIN is the client's failure too.
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5://$NETNS_IP:1080" "smtp://behind.test:$P"
assert_exit 1
assert_cause "$out" dns.nxdomain "behind.test"
assert_json "$out" '"resolved_by_proxy" not in det("dns")'

# Neither side knows the name: the proxy's answer, naming name and proxy.
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5h://$NETNS_IP:1080" "smtp://nowhere.test:$P"
assert_exit 1
assert_cause "$out" proxy.resolve_failed "nowhere.test"
assert_evidence "$out" proxy.resolve_failed "socks5h://$NETNS_IP:1080 was given the name nowhere.test"
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no dns cause when the proxy fails too" "$dns_causes"
# The same through tinyproxy: its 5xx is the proxy's, naming the name.
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "http://$NETNS_IP:3128" "smtp://nowhere.test:$P"
assert_exit 1
assert_json "$out" 'cause_ids()[0].startswith("proxy.")' "a proxy cause first"
assert_evidence "$out" "$(json_value "$out" 'cause_ids()[0]')" \
	"was given the name nowhere.test, which the local resolver"
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no dns cause through tinyproxy either" "$dns_causes"

# POP3 through socks5h: the lab's healthy POP3 server in the namespace.
M=$((20000 + RANDOM % 20000))
start_bg lab-pop3 ip netns exec "$NETNS" "$SOCKDOC" lab --protocol pop3 \
	--fault none --listen "$NETNS_IP:$M"
wait_port "$NETNS_IP" "$M" 15
path_zero
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5h://$NETNS_IP:1080" "pop3://behind.test:$M"
assert_json "$out" 'det("dns").get("resolved_by_proxy") is True and status("reach") == "ok"'
assert_json "$out" 'status("mailrecv.caps") == "ok"' "POP3 capabilities through socks5h"
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no dns cause for POP3" "$dns_causes"
assert_json "$out" '"0.0.0.0" not in text(r)' "no placeholder address shown (POP3)"
[ "$(path_count_any "$H")" = 0 ] || fail "a POP3 probe went direct"

# FTP through socks5h: pyftpdlib inside the namespace, by name.
$PY -c 'import pyftpdlib' 2>/dev/null || skip "needs python3-pyftpdlib"
F=$((20000 + RANDOM % 20000))
[ "$F" = "$P" ] && F=$((F + 1))
mkdir -p "$T_DIR/ftproot" && echo hello >"$T_DIR/ftproot/hello.txt"
chmod 755 "$T_DIR" "$T_DIR/ftproot"
start_bg "pyftpd-$F" ip netns exec "$NETNS" $PY -m pyftpdlib \
	-i "$NETNS_IP" -p "$F" -d "$T_DIR/ftproot"
wait_port "$NETNS_IP" "$F" 15
path_zero
report_json "$out" --timeout 3 --dns-server "127.0.0.1:$D" \
	-x "socks5h://$NETNS_IP:1080" "ftp://behind.test:$F"
assert_exit 0
assert_json "$out" 'status("ftp.login") == "ok" and status("ftp.passive") == "ok"' \
	"FTP login and passive listing through socks5h"
assert_json "$out" 'det("dns").get("resolved_by_proxy") is True'
assert_json "$out" 'not set(cause_ids()) & set(json.loads(sys.argv[3]))' \
	"no dns cause for FTP" "$dns_causes"
assert_json "$out" '"0.0.0.0" not in text(r)' "no placeholder address shown (FTP)"
[ "$(path_count_any "$H")" = 0 ] || fail "an FTP probe went direct"
echo PASS
