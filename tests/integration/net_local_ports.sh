#!/bin/bash
# net_local_ports.sh — the `local` probe counts the ports of the local
# range when they could matter, and only then.  In a network namespace
# whose ip_local_port_range is 20 ports wide, 14 held connections fill
# 70% of it: the netlink count runs and local.ephemeral_ports is named
# with the counts.  With the range widened to 20000 ports the sockstat
# bound (/proc/net/sockstat) is far under half of it: no count, the bound
# is reported instead.  Needs root (exit 77 without).
. "$(dirname "$0")/lib.sh"
need_root
need sysctl

make_netns
ns_exec sysctl -qw net.ipv4.ip_local_port_range="40000 40019" ||
	skip "ip_local_port_range cannot be set in a namespace"
start_fault_in_ns inner 2525 --mode greet --text '220 inner ESMTP\r\n'
wait_port "$NETNS_IP" 2525 5

# 14 connections from inside the namespace, held for at most 60 s.
start_bg holder ip netns exec "$NETNS" $PY -c '
import socket, sys, time
held = []
for _ in range(14):
    s = socket.create_connection((sys.argv[1], 2525), timeout=5)
    held.append(s)
print("held", len(held), flush=True)
time.sleep(60)
' "$NETNS_IP"
for _ in $(seq 100); do
	grep -q held "$T_DIR/holder.out" && break
	sleep 0.05
done
assert_grep "$T_DIR/holder.out" 'held 14'

out=$T_DIR/full.json
ns_exec "$SOCKDOC" --report --format json --timeout 2 \
	"tcp://$NETNS_IP:2525" </dev/null >"$out" 2>"$out.err"
assert_json "$out" 'details("local")["range_size"] == 20'
assert_json "$out" 'details("local")["in_range"] >= 14'
assert_json "$out" 'details("local")["to_target"] >= 14'
assert_json "$out" '"tcp_sockets_at_most" not in details("local")'
assert_json "$out" 'status("local") == "warn"'
assert_cause_listed "$out" local.ephemeral_ports 'of the local range 40000-40019'

# A wide range: the bound decides without counting, when it is under
# half the range (the bound uses the machine-wide alloc figure, so a host
# with over 10000 TCP sockets would count instead; say so and stop).
ns_exec sysctl -qw net.ipv4.ip_local_port_range="40000 59999"
out=$T_DIR/wide.json
ns_exec "$SOCKDOC" --report --format json --timeout 2 \
	"tcp://$NETNS_IP:2525" </dev/null >"$out" 2>"$out.err"
assert_json "$out" 'details("local")["range_size"] == 20000'
if [ "$(json_value "$out" '"in_range" in details("local")')" = True ]; then
	note "this host has too many TCP sockets for the bound; counted instead"
	assert_json "$out" 'details("local")["used_ratio"] < 0.5'
else
	assert_json "$out" '14 <= details("local")["tcp_sockets_at_most"] < 10000'
	assert_json "$out" '"used_ratio" not in details("local")'
	assert_json "$out" 'status("local") == "ok"'
fi
assert_json "$out" '"local.ephemeral_ports" not in cause_ids()'
