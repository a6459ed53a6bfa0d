#!/bin/bash
# path_netns.sh — the `path` probe (TCP traceroute to the port) on a real
# routed path.  The test runs in a private network namespace (unshare -n,
# the client) chained to three namespaces of its own: isp (router),
# inet (router), srv (the server, listening on 25 and 587):
#   client 10.77.61.2 - .1 isp 10.77.62.1 - .2 inet 10.77.63.1 - .2 srv
# ip_forward on in the routers, routes only inside 10.77.0.0/16 (no
# default route out of the lab), ICMP rate limits off in the routers.
# Cases: isp DROPs port 25 -> net.path_blocked naming 10.77.61.1 as the
# last hop that answers and "near the client" (also with --timeout 1,
# where the walk runs while reach waits and ends with it); inet REJECTs
# port 25 with an ICMP port unreachable -> rejected_by 10.77.62.2, near
# the server; the server host itself REJECTs port 25 (INPUT) -> no
# net.path_blocked, tcp.refused naming the ICMP and its sender;
# nothing blocked -> no path probe.  Reverse names of the hops only
# with --dns-server (a dnsmasq on this namespace's loopback).  Needs root, unshare, ip, iptables.
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

ISP=sdisp$$ INET=sdinet$$ SRV=sdsrv$$
TMP=$(mktemp -d)
SRV_PID=
cleanup() {
	[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null
	[ -n "${DNS_PID:-}" ] && kill "$DNS_PID" 2>/dev/null && wait "$DNS_PID" 2>/dev/null
	ip netns del "$ISP" 2>/dev/null
	ip netns del "$INET" 2>/dev/null
	ip netns del "$SRV" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# link NS_A IF_A ADDR_A NS_B IF_B ADDR_B: a veth pair ("" = this namespace).
link() {
	ip link add "$2" type veth peer name "$5" || { echo "SKIP: no veth"; exit 77; }
	[ -n "$1" ] && ip link set "$2" netns "$1"
	ip link set "$5" netns "$4"
	ip ${1:+-n "$1"} addr add "$3/24" dev "$2"
	ip ${1:+-n "$1"} link set "$2" up
	ip -n "$4" addr add "$6/24" dev "$5"
	ip -n "$4" link set "$5" up
}

ip link set lo up
for ns in "$ISP" "$INET" "$SRV"; do
	ip netns add "$ns" || { echo "SKIP: ip netns add refused"; exit 77; }
	ip -n "$ns" link set lo up
done
link "" pc$$ 10.77.61.2 "$ISP" pi$$ 10.77.61.1
link "$ISP" io$$ 10.77.62.1 "$INET" ii$$ 10.77.62.2
link "$INET" is$$ 10.77.63.1 "$SRV" ps$$ 10.77.63.2
ip route add 10.77.0.0/16 via 10.77.61.1
ip -n "$ISP" route add 10.77.63.0/24 via 10.77.62.2
ip -n "$INET" route add 10.77.61.0/24 via 10.77.62.1
ip -n "$SRV" route add 10.77.0.0/16 via 10.77.63.1
for ns in "$ISP" "$INET"; do
	ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
	ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0
	ip netns exec "$ns" iptables -F FORWARD 2>/dev/null ||
		{ echo "SKIP: no iptables in the namespace"; exit 77; }
done

# The server: accepts on 25 and 587 (bounded: 120 s).
cat >"$TMP/srv.py" <<'EOP'
import select, socket, time
ls = []
for port in (25, 587):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.77.63.2", port))
    s.listen(16)
    ls.append(s)
end = time.time() + 120
keep = []
while time.time() < end:
    r, _, _ = select.select(ls, [], [], 1)
    for s in r:
        try:
            c, _ = s.accept()
            c.sendall(b"220 path.test ESMTP\r\n")
            keep.append(c)
        except OSError:
            pass  # the path probe resets the handshakes it completes
EOP
ip netns exec "$SRV" timeout --foreground -k 5 150 $PY "$TMP/srv.py" &
SRV_PID=$!
for i in $(seq 50); do
	ip netns exec "$SRV" ss -ltn 2>/dev/null | grep -q '10.77.63.2:587' && break
	sleep 0.1
done

# diag NAME [OPTIONS]: sockdoc's report on smtp://10.77.63.2:25 in
# $TMP/NAME.json.
diag() {
	local name=$1
	shift
	timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 --budget 40 \
		"$@" smtp://10.77.63.2:25 >"$TMP/$name.json" 2>"$TMP/$name.err"
}

# Reverse names only through --dns-server: dnsmasq on this namespace's
# loopback with PTR records for the routers (the system resolver is
# never asked).
DNS_PID=
if [ -x /usr/sbin/dnsmasq ]; then
	/usr/sbin/dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts \
		--port=5353 --listen-address=127.0.0.1 --bind-interfaces \
		--pid-file="$TMP/dnsmasq.pid" \
		--ptr-record=1.61.77.10.in-addr.arpa,isp.path.test \
		--ptr-record=2.62.77.10.in-addr.arpa,inet.path.test \
		2>"$TMP/dnsmasq.err" &
	DNS_PID=$!
	sleep 0.5
fi
# check NAME PYTHON-EXPR: r = report, p = path details, c = the cause.
check() {
	if $PY - "$TMP/$1.json" "$2" <<'EOP'
import json, sys
r = json.load(open(sys.argv[1]))
pr = next((x for x in r["probes"] if x["id"] == "path"), {})
p = pr.get("details", {})
c = next((x for x in r["causes"] if x["id"] == "net.path_blocked"), None)
ev = "\n".join((c or {}).get("evidence", []))
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps(pr, indent=1)[:3000])
    print([x["id"] for x in r["causes"]])
sys.exit(0 if ok else 1)
EOP
	then echo "ok: $1: $2"
	else fail "$1: $2"
	fi
}

ip netns exec "$ISP" iptables -A FORWARD -p tcp --dport 25 -j DROP
diag isp_drop ${DNS_PID:+--dns-server 127.0.0.1:5353}
check isp_drop 'pr.get("status") == "fail" and p["blocked"]'
check isp_drop 'p["last_answered_address"] == "10.77.61.1" and p["last_answered_ttl"] == 1'
check isp_drop 'p["first_silent_address"] == "10.77.62.2" and p["path_length"] == 3'
check isp_drop 'p["reference_port"] == 587 and p["near"] == "client"'
check isp_drop 'c is not None and "10.77.61.1" in ev and "near the client" in ev'
if [ -n "$DNS_PID" ]; then
	check isp_drop 'p["hops"][0].get("name") == "isp.path.test"'
	check isp_drop 'p["reference_hops"][1].get("name") == "inet.path.test"'
	check isp_drop 'p["last_answered_name"] == "isp.path.test" and "isp.path.test" in ev'
fi
# --timeout 1: the walk begins while reach waits (a fifth of --timeout
# in) and ends with reach, cut off or not: it names the same hops.
diag isp_drop_short --timeout 1
check isp_drop_short 'pr.get("status") == "fail" and p["blocked"] and p["near"] == "client"'
check isp_drop_short 'p["last_answered_address"] == "10.77.61.1" and p["first_silent_address"] == "10.77.62.2"'
check isp_drop_short 'c is not None and "10.77.61.1" in ev'
ip netns exec "$ISP" iptables -F FORWARD

ip netns exec "$INET" iptables -A FORWARD -p tcp --dport 25 -j REJECT --reject-with icmp-port-unreachable
diag inet_reject
check inet_reject 'all("name" not in h for h in p["hops"])'
check inet_reject 'p["blocked"] and p["rejected_by"] == "10.77.62.2"'
check inet_reject 'p["last_answered_address"] == "10.77.62.2" and p["near"] == "server"'
check inet_reject 'c is not None and "10.77.62.2" in ev and "near the server" in ev'
ip netns exec "$INET" iptables -F FORWARD

# The server host's own firewall REJECTs port 25 (INPUT, ICMP port
# unreachable from 10.77.63.2 itself): tcp.refused quoting the ICMP and
# its sender, the fix on the server; no net.path_blocked (no router on
# the way blocks), and no "reset (RST)".
ip netns exec "$SRV" iptables -A INPUT -p tcp --dport 25 -j REJECT --reject-with icmp-port-unreachable
diag srv_reject
check srv_reject 'c is None and p.get("rejected_by_destination") is True and p.get("near") == "server"'
check srv_reject '[a for x in r["probes"] if x["id"] == "reach" for a in x["details"]["addresses"]][0]["icmp_from"] == "10.77.63.2"'
check srv_reject '[x for x in r["causes"] if x["id"] == "tcp.refused" and "ICMP" in " ".join(x["evidence"]) and "itself" in " ".join(x["evidence"]) and "RST)" not in " ".join(x["evidence"]).replace("not by a reset (RST)", "")]'
check srv_reject '[x for x in r["causes"] if x["id"] == "tcp.refused" and "On the server" in x["fixes"][0] and "ISP" not in x["fixes"][0].replace("nothing on the client\x27s side or at its ISP", "")]'
ip netns exec "$SRV" iptables -F INPUT

diag open
check open 'pr.get("status") == "skipped" and c is None'

[ "$FAILS" = 0 ] || { echo "$FAILS failure(s)"; exit 1; }
echo "PASS"
