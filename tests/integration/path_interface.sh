#!/bin/bash
# --interface (issue 15): this side of a namespace's veth has two
# addresses; with --interface ADDR the server's side sees only the chosen
# one (its firewall counts SYNs and pings per source), for every probe,
# ICMP included; --interface DEV binds to the device.
. "$(dirname "$0")/lib_path.sh"
need_root
command -v iptables >/dev/null || skip "needs iptables"
make_netns
dev=$(ip -o -4 addr show | awk -v a="$NETNS_HOST_IP/" 'index($4, a) == 1 { print $2 }')
[ -n "$dev" ] || fail "no device holds $NETNS_HOST_IP"
ALT=10.77.$NETNS_N.5
ip addr add "$ALT/24" dev "$dev" || fail "cannot add $ALT"
on_exit "ip addr del '$ALT/24' dev '$dev' 2>/dev/null"
P=$((20000 + RANDOM % 20000))
path_smtpd "$P"
ns_exec iptables -A INPUT -p tcp --syn -s "$ALT" -j ACCEPT
ns_exec iptables -A INPUT -p icmp -s "$ALT" -j ACCEPT
T="smtp://$NETNS_IP:$P"
out=$T_DIR/r.json

path_zero
report_json "$out" --timeout 3 --interface "$ALT" "$T"
assert_exit 0
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["interface"] == sys.argv[3]' \
	"interface in the report" "$ALT"
n1=$(path_count_any "$NETNS_HOST_IP")
n5=$(path_count_any "$ALT")
[ "$n1" = 0 ] || fail "$n1 packets came from $NETNS_HOST_IP with --interface $ALT"
[ "$n5" -gt 0 ] || fail "nothing came from $ALT"
ns_exec iptables -nvxL INPUT | awk -v s="$ALT" '$8 == s && ($4 == "1" || $4 == "icmp") { n += $1 } END { exit !(n > 0) }' ||
	fail "the pings did not come from $ALT"

path_zero
report_json "$out" --timeout 3 "$T"
[ "$(path_count_any "$ALT")" = 0 ] || fail "without --interface the alternate address was used"

report_json "$out" --timeout 3 --interface "$dev" "$T"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["interface"] == sys.argv[3]' \
	"device in the report" "$dev"
# Bound to lo, the namespace cannot be reached: the failure shows.
report_json "$out" --timeout 2 --interface lo "$T"
assert_json "$out" 'status("reach") == "fail"'
echo PASS
