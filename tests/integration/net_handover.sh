#!/bin/bash
# net_handover.sh — banner reads the greeting on reach's connection when
# reach ends at once, and connects again when reach's connection went
# stale: here the name has two addresses, 127.0.0.1 (aiosmtpd) and a
# namespace address whose firewall drops the SYNs, so reach waits out
# --timeout for the second while the first sits connected.  The greeting
# is read either way; its timing must not include reach's wait.  Needs
# root (exit 77 without).
. "$(dirname "$0")/lib.sh"
need_root
need iptables

make_netns
port=$(free_port)
start_aiosmtpd "$port"
ns_exec iptables -A INPUT -p tcp --dport "$port" -j DROP ||
	skip "iptables does not work in the namespace"
dport=$(free_port)
start_dnsmasq "$dport" --host-record="two.test,127.0.0.1" \
	--host-record="two.test,$NETNS_IP"

out=$T_DIR/two.json
report_json "$out" --timeout 2 --dns-server "127.0.0.1:$dport" \
	"smtp://two.test:$port"
assert_json "$out" 'details("reach")["connected"] == 1 and details("reach")["filtered"] == 1'
assert_json "$out" 'details("banner")["connection"] == "own"'
assert_json "$out" 'details("banner")["result"] == "greeting" and details("banner")["code"] == 220'
assert_json "$out" 'details("banner")["first_byte_ms"] < 1000'

# The same server by its one address: reach's connection is used.
out=$T_DIR/one.json
report_json "$out" --timeout 2 "smtp://127.0.0.1:$port"
assert_json "$out" 'details("banner")["connection"] == "reach"'
assert_json "$out" 'details("banner")["result"] == "greeting" and details("banner")["code"] == 220'
assert_json "$out" 'details("banner")["connect_ms"] == details("reach")["addresses"][0]["connect_ms"]'
