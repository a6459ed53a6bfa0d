# lib_path.sh — the path_*.sh tests (issue 15): real proxies from Debian
# (microsocks for SOCKS5, tinyproxy for HTTP CONNECT) and an SMTP server
# in a network namespace made here (10.77.N.0/24, no default route), with
# the namespace's own firewall counting who connects: the proxy (from the
# namespace's address) or sockdoc directly (from the host's side).
# Everything is stopped by PID and removed by the exit trap (testlib.sh).

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# path_setup: the namespace (NETNS, NETNS_IP inside, NETNS_HOST_IP here),
# a resolv.conf inside it that points nowhere (a proxy's own lookups fail
# at once, never leave), and the tools; skips without them.
path_setup() {
	need_root
	[ -x /usr/bin/microsocks ] || skip "needs microsocks"
	[ -x /usr/bin/tinyproxy ] || skip "needs tinyproxy (tinyproxy-bin)"
	command -v iptables >/dev/null || skip "needs iptables"
	make_netns
	mkdir -p "/etc/netns/$NETNS"
	on_exit "rm -rf '/etc/netns/$NETNS'"
	echo "nameserver 127.0.0.1" >"/etc/netns/$NETNS/resolv.conf"
	: >"/etc/netns/$NETNS/hosts"
}

# path_smtpd PORT: aiosmtpd inside the namespace on NETNS_IP:PORT, with
# SYN counters per source address (path_count) armed after it listens.
path_smtpd() {
	local port=$1
	$PY -c 'import aiosmtpd' 2>/dev/null || skip "needs python3-aiosmtpd"
	start_bg "smtpd-$port" ip netns exec "$NETNS" $PY -m aiosmtpd -n \
		-l "$NETNS_IP:$port"
	wait_port "$NETNS_IP" "$port" 15
	ns_exec iptables -A INPUT -p tcp --syn --dport "$port" -s "$NETNS_HOST_IP" -j ACCEPT
	ns_exec iptables -A INPUT -p tcp --syn --dport "$port" -s "$NETNS_IP" -j ACCEPT
	ns_exec iptables -A INPUT -p tcp --syn -s "$NETNS_HOST_IP" -m comment --comment anytcp -j ACCEPT
	ns_exec iptables -A INPUT -p icmp -s "$NETNS_HOST_IP" -m comment --comment anyicmp -j ACCEPT
}

# path_count_any SRC: SYNs to any port and ICMP packets from SRC since
# the last path_zero (the rules after the per-port ones catch what those
# did not, so add both).
path_count_any() {
	ns_exec iptables -nvxL INPUT | awk -v s="$1" \
		'$8 == s { n += $1 } END { print n + 0 }'
}

# path_count SRC PORT: SYNs to PORT from SRC the namespace saw since the
# last path_zero.
path_count() {
	ns_exec iptables -nvxL INPUT | awk -v s="$1" -v p="dpt:$2" \
		'$8 == s && index($0, p) && / tcp / { n += $1 } END { print n + 0 }'
}

# path_zero: reset the counters.
path_zero() {
	ns_exec iptables -Z INPUT
}

# path_proxy_port PORT: connections to a proxy's PORT are not counted.
path_proxy_port() {
	ns_exec iptables -I INPUT 1 -p tcp --dport "$1" -j ACCEPT
}

# path_microsocks PORT: microsocks inside the namespace on NETNS_IP:PORT
# (its log names every destination it connected to).
path_microsocks() {
	path_proxy_port "$1"
	start_bg "microsocks-$1" ip netns exec "$NETNS" /usr/bin/microsocks \
		-i "$NETNS_IP" -p "$1"
	wait_port "$NETNS_IP" "$1" 10
}

# path_tinyproxy PORT [config lines...]: tinyproxy inside the namespace
# on NETNS_IP:PORT with its own configuration (extra lines: ConnectPort).
path_tinyproxy() {
	local port=$1 conf=$T_DIR/tinyproxy-$1.conf
	shift
	path_proxy_port "$port"
	{
		echo "Port $port"
		echo "Listen $NETNS_IP"
		echo "Timeout 10"
		echo "MaxClients 64"
		echo "LogLevel Info"
		echo "LogFile \"$T_DIR/tinyproxy-$port.log\""
		echo "Allow $NETNS_HOST_IP"
		printf '%s\n' "$@"
	} >"$conf"
	start_bg "tinyproxy-$port" ip netns exec "$NETNS" /usr/bin/tinyproxy \
		-d -c "$conf"
	wait_port "$NETNS_IP" "$port" 10
}
