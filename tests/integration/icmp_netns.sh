#!/bin/bash
# icmp_netns.sh — the icmp probe on a real link: the whole test runs in a
# private network namespace (unshare -n) with a veth pair to a peer
# namespace 10.77.8.2 whose iptables rejects or drops pings.  Checks:
# replies, an explicit unreachable (raw socket as root, and an
# unprivileged ICMP socket reading IP_RECVERR), silence on a filtered port
# (warn, not fail, waited for), silence on a port that answered (not
# waited for: settled), a route that says unreachable, and the skipped
# reason without privileges.  Needs root, unshare, ip, iptables; exits 77 without them.
set -u
export LC_ALL=C LANG=C LANGUAGE=

PY=/usr/bin/python3
SOCKDOC=${SOCKDOC:-$(pwd)/src/sockdoc}

if [ -z "${SOCKDOC_IN_NETNS:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
	for tool in unshare ip iptables; do
		command -v $tool >/dev/null || { echo "SKIP: no $tool"; exit 77; }
	done
	unshare -n true 2>/dev/null || { echo "SKIP: unshare -n refused"; exit 77; }
	SOCKDOC_IN_NETNS=1 SOCKDOC=$SOCKDOC exec unshare -n bash "$0"
fi

PEER=sdicmp$$
TMP=$(mktemp -d)
cleanup() {
	ip netns del "$PEER" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

ip link set lo up
ip netns add "$PEER" || { echo "SKIP: ip netns add refused"; exit 77; }
ip link add sdh$$ type veth peer name sdp$$ || { echo "SKIP: no veth"; exit 77; }
ip link set sdp$$ netns "$PEER"
ip addr add 10.77.8.1/24 dev sdh$$
ip link set sdh$$ up
ip -n "$PEER" addr add 10.77.8.2/24 dev sdp$$
ip -n "$PEER" link set sdp$$ up
ip -n "$PEER" link set lo up
ip netns exec "$PEER" iptables -F INPUT 2>/dev/null ||
	{ echo "SKIP: no iptables in the namespace"; exit 77; }

FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# Peer firewall: $1 = none | reject | drop for echo requests.
peer_pings() {
	ip netns exec "$PEER" iptables -F INPUT
	case $1 in
	reject) ip netns exec "$PEER" iptables -A INPUT -p icmp \
		--icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited ;;
	drop) ip netns exec "$PEER" iptables -A INPUT -p icmp \
		--icmp-type echo-request -j DROP ;;
	esac
}

# Run sockdoc ($1 = report name, rest = command prefix and args).
diag() {
	local out=$1
	shift
	timeout --foreground -k 5 30 "$@" "$SOCKDOC" --report --format json --timeout 2 --budget 20 \
		smtp://"$TARGET":25 >"$TMP/$out.json" 2>"$TMP/$out.err"
}

# Check the icmp probe of report $1 with python on stdin (i = the probe).
check() {
	local name=$1
	if $PY - "$TMP/$name.json" >"$TMP/$name.check" 2>&1 <<EOF
import json, sys
r = json.load(open(sys.argv[1]))
i = next(p for p in r["probes"] if p["id"] == "icmp")
d = i["details"]
t = d.get("targets", [{}])[0]
$(cat)
EOF
	then
		echo "ok: $name"
	else
		fail "$name"
		cat "$TMP/$name.check" "$TMP/$name.json"
	fi
}

TARGET=10.77.8.2

# Peer firewall for TCP port 25: $1 = none | drop (filtered); call it
# after peer_pings (which flushes the chain).
peer_port() {
	ip netns exec "$PEER" iptables -D INPUT -p tcp --dport 25 -j DROP \
		2>/dev/null
	[ "$1" = drop ] &&
		ip netns exec "$PEER" iptables -A INPUT -p tcp --dport 25 -j DROP
}

# 1. The peer answers: the first reply ends the probe (the rest of the
# echoes need not be sent), with round-trip times.
peer_pings none
diag replies
check replies <<'EOF'
assert i["status"] == "ok", i
assert t["address"] == "10.77.8.2" and 1 <= t["received"] <= t["sent"] <= 3, t
assert d["received"] == t["received"] and d["settled"] is False, d
assert 0 <= t["rtt_ms_min"] <= t["rtt_ms_avg"] <= t["rtt_ms_max"] < 1000, t
EOF

# 2. The peer rejects pings: an explicit unreachable is a failure.
peer_pings reject
diag reject
check reject <<'EOF'
assert i["status"] == "fail", i
assert t["unreachable"] == "host_prohibited" and t["unreachable_code"] == 10, t
assert t["received"] == 0, t
EOF

# 3. The same through an unprivileged ICMP socket (IP_RECVERR).
if command -v setpriv >/dev/null; then
	sysctl -qw net.ipv4.ping_group_range="0 2147483647"
	diag reject_dgram setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all
	check reject_dgram <<'EOF'
assert d["method"] == "dgram", d
assert i["status"] == "fail" and t["unreachable"] == "host_prohibited", i
EOF
	# 4. No ICMP socket allowed at all: skipped, with the reason.
	sysctl -qw net.ipv4.ping_group_range="1 0"
	diag unprivileged setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all
	check unprivileged <<'EOF'
assert i["status"] == "skipped", i
assert "ping_group_range" in i["summary"] and d["ping_group_range"] == "1 0", i
EOF
else
	echo "skip: no setpriv for the unprivileged cases"
fi

# 5. The peer drops pings and the port is filtered: ping matters then
# (evidence for tcp.filtered), so silence is waited for, a warning.
peer_pings drop
peer_port drop
diag silent
check silent <<'EOF'
assert i["status"] == "warn", i
assert t["sent"] == 3 and t["received"] == 0 and "unreachable" not in t, t
assert 1900 <= i["duration_ms"] <= 2600, i
assert not any(c["id"] == "net.unreachable" for c in r["causes"]), r["causes"]
c = next(c for c in r["causes"] if c["id"] == "tcp.filtered")
assert any("does not answer ping" in e for e in c["evidence"]), c
EOF

# 5b. Pings answered, port filtered: the evidence says the host is up.
peer_pings none
peer_port drop
diag filtered_ping
check filtered_ping <<'EOF'
assert i["status"] == "ok" and d["received"] >= 1, i
c = next(c for c in r["causes"] if c["id"] == "tcp.filtered")
assert any("answers ping" in e for e in c["evidence"]), c
EOF

# 5c. Pings dropped, port refused: ping cannot change the diagnosis, so
# the probe does not hold the run (settled, not a warning).
peer_pings drop
peer_port none
diag settled
check settled <<'EOF'
assert i["status"] == "skipped" and d["settled"] is True, i
assert t["received"] == 0 and t["sent"] >= 1, t
assert any(c["id"] == "tcp.refused" for c in r["causes"]), r["causes"]
EOF

# 6. A route that says "unreachable": the kernel answers at once.
ip route add unreachable 10.77.9.0/24
TARGET=10.77.9.5
diag noroute
check noroute <<'EOF'
assert i["status"] == "fail" and t["unreachable"] == "host", i
assert i["duration_ms"] < 1500, i
EOF

[ "$FAILS" -eq 0 ] || { echo "$FAILS check(s) failed"; exit 1; }
echo "all icmp checks passed"
