# lib.sh — sourced by the net, dns and cli integration tests (bash): the
# core (testlib.sh: fail/skip/need, cleanup, runs, asserts) plus the
# servers these tests start: aiosmtpd, vsftpd, dnsmasq, the scripted fault
# servers, and network namespaces.  Traffic goes only to loopback or to
# namespaces created here (10.77.N.0/24, no default route).
#
# Globals a test may read after the helpers (besides testlib.sh's):
#   NETNS NETNS_HOST_IP NETNS_IP   the last namespace made by make_netns
#   FAULT_PORT     port of the last start_fault server

set -u
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
T_NS_COUNT=0

# start_bg NAME CMD...: run CMD in its own process group, output to
# $T_DIR/NAME.out and .err; its PID is recorded for the exit trap.
start_bg() {
	local name=$1
	shift
	setsid "$@" </dev/null >"$T_DIR/$name.out" 2>"$T_DIR/$name.err" &
	track_pid "$!" "$name"
	LAST_PID=$!
}

# True while background process NAME (by its recorded PID) is alive.
bg_alive() {
	local i
	for i in "${!T_PIDNAMES[@]}"; do
		[ "${T_PIDNAMES[$i]}" = "$1" ] || continue
		kill -0 "${T_PIDS[$i]}" 2>/dev/null && return 0
	done
	return 1
}

# wait_udp PORT [TIMEOUT]: wait until something binds UDP PORT (no traffic).
wait_udp() {
	local port=$1 limit=${2:-10} i
	for ((i = 0; i < limit * 20; i++)); do
		ss -Hlun "sport = :$port" 2>/dev/null | grep -q . && return 0
		sleep 0.05
	done
	fail "nothing bound UDP port $port after ${limit}s"
}

# start_aiosmtpd PORT [aiosmtpd CLI args...]: a real SMTP server (aiosmtpd,
# Debian's python3-aiosmtpd) on 127.0.0.1:PORT; waits until it listens.
# Extra args go to `python3 -m aiosmtpd` (e.g. -s 1000 for a size limit).
start_aiosmtpd() {
	local port=$1
	shift
	$PY -c 'import aiosmtpd' 2>/dev/null || skip "needs python3-aiosmtpd"
	start_bg "aiosmtpd-$port" $PY -m aiosmtpd -n -l "127.0.0.1:$port" "$@"
	wait_port 127.0.0.1 "$port" 15
}

# start_smtpd PORT [servers/smtpd.py options...]: aiosmtpd through its
# controller with options the CLI lacks (--auth USER:PASS, --require-tls).
start_smtpd() {
	local port=$1
	shift
	$PY -c 'import aiosmtpd' 2>/dev/null || skip "needs python3-aiosmtpd"
	start_bg "smtpd-$port" $PY "$T_LIB/servers/smtpd.py" --port "$port" "$@"
	wait_port 127.0.0.1 "$port" 15
}

# start_vsftpd PORT [extra config lines...]: a real vsftpd on 127.0.0.1
# serving anonymous read-only FTP from $T_DIR/vsftpd-PORT/root (a file
# hello.txt is in it).  Passive ports come from a free 20-port window.
# Lines given override the defaults (vsftpd takes the last setting).
start_vsftpd() {
	local port=$1 dir pmin
	shift
	[ -x /usr/sbin/vsftpd ] || skip "needs vsftpd"
	[ "$(id -u)" -eq 0 ] || skip "vsftpd needs root here"
	dir="$T_DIR/vsftpd-$port"
	mkdir -p "$dir/root" "$dir/empty"
	chmod 755 "$dir" "$dir/root" "$dir/empty"
	echo "hello from vsftpd" >"$dir/root/hello.txt"
	chmod 644 "$dir/root/hello.txt"
	pmin=$((30000 + RANDOM % 20000))
	{
		echo "listen=YES"
		echo "listen_ipv6=NO"
		echo "listen_address=127.0.0.1"
		echo "listen_port=$port"
		echo "background=NO"
		echo "seccomp_sandbox=NO"
		echo "anonymous_enable=YES"
		echo "local_enable=NO"
		echo "write_enable=NO"
		echo "anon_root=$dir/root"
		echo "secure_chroot_dir=$dir/empty"
		echo "pasv_enable=YES"
		echo "pasv_min_port=$pmin"
		echo "pasv_max_port=$((pmin + 20))"
		echo "connect_from_port_20=NO"
		echo "xferlog_enable=NO"
		echo "syslog_enable=NO"
		echo "vsftpd_log_file=$dir/vsftpd.log"
		echo "dual_log_enable=NO"
		local l
		for l in "$@"; do
			echo "$l"
		done
	} >"$dir/vsftpd.conf"
	start_bg "vsftpd-$port" /usr/sbin/vsftpd "$dir/vsftpd.conf"
	wait_port 127.0.0.1 "$port" 10
	VSFTPD_ROOT="$dir/root"
}

# start_dnsmasq PORT [dnsmasq options...]: a DNS server on 127.0.0.1:PORT
# (UDP+TCP) that knows only the records given and answers NXDOMAIN for
# every other name; it never forwards anywhere (--no-resolv, no --server).
# Give names with --host-record=NAME,IP[,IPV6] (other types get NODATA, as
# a real zone does) and MX with --mx-host=DOMAIN,HOST,PREF.  Beware:
# --address=/NAME/IP answers only that family; the other is NXDOMAIN.
start_dnsmasq() {
	local port=$1
	shift
	[ -x /usr/sbin/dnsmasq ] || skip "needs dnsmasq (dnsmasq-base)"
	start_bg "dnsmasq-$port" /usr/sbin/dnsmasq --keep-in-foreground \
		--no-resolv --no-hosts --no-poll --port="$port" \
		--listen-address=127.0.0.1 --bind-interfaces \
		--pid-file="$T_DIR/dnsmasq-$port.pid" --user=root \
		--conf-file=/dev/null --log-facility=- --log-queries \
		--local=/#/ "$@"
	wait_udp "$port" 10
}

# start_fault NAME [servers/faultd.py options...]: a scripted fault server
# on a free loopback port (or --host/--port given); sets FAULT_PORT.
start_fault() {
	local name=$1 pf
	shift
	pf="$T_DIR/$name.port"
	start_bg "$name" $PY "$T_LIB/servers/faultd.py" --port-file "$pf" "$@"
	wait_file "$pf" 10
	FAULT_PORT=$(cat "$pf")
}

# start_scripted_ftp NAME SCRIPT [scripted_ftp.py options...]: the
# data-driven FTP server (servers/scripted_ftp.py) on a free loopback
# port, SCRIPT the JSON table command -> reply; sets SCRIPTED_PORT.
start_scripted_ftp() {
	local name=$1 script=$2 pf
	shift 2
	pf="$T_DIR/$name.port"
	start_bg "$name" $PY "$T_LIB/servers/scripted_ftp.py" --port-file "$pf" \
		--script "$script" "$@"
	wait_file "$pf" 10
	SCRIPTED_PORT=$(cat "$pf")
}

# refusal_of ID STEP: python expression for the first refusal of probe ID
# at STEP (None when there is none), for assert_json.
refusal_of() {
	echo "next((x for x in details('$1').get('refusals', []) if x.get('step') == '$2'), None)"
}

# start_hostile NAME SCRIPT-JSON [hostiled.py options...]: the scripted
# hostile server (servers/hostiled.py) on loopback with the script given
# as JSON text; sets FAULT_PORT.  Its log is $T_DIR/NAME.out.
start_hostile() {
	local name=$1 script=$2 pf
	shift 2
	pf="$T_DIR/$name.port"
	printf '%s\n' "$script" >"$T_DIR/$name.json"
	start_bg "$name" $PY "$T_LIB/servers/hostiled.py" --port-file "$pf" \
		--script "$T_DIR/$name.json" "$@"
	wait_file "$pf" 10
	FAULT_PORT=$(cat "$pf")
}

# start_fault_in_ns NAME PORT [faultd.py options...]: a fault server
# inside the last namespace, on NETNS_IP:PORT; waits until it listens.
start_fault_in_ns() {
	local name=$1 port=$2 pf
	shift 2
	pf="$T_DIR/$name.port"
	start_bg "$name" ip netns exec "$NETNS" $PY "$T_LIB/servers/faultd.py" \
		--host "$NETNS_IP" --port "$port" --port-file "$pf" "$@"
	wait_file "$pf" 10
	FAULT_PORT=$(cat "$pf")
}

# make_netns: a namespace with a veth pair to the host, 10.77.N.1 on the
# host side and 10.77.N.2 inside, lo up, no default route.  Sets NETNS,
# NETNS_HOST_IP, NETNS_IP; removed by the exit trap.  N is picked under a
# lock among the 10.77.N.0/24 nets no interface uses yet.
make_netns() {
	local n ns hv nv lock=/tmp/sockdoc-netns.lock
	need_root
	T_NS_COUNT=$((T_NS_COUNT + 1))
	ns="sockdoc-$$-$T_NS_COUNT"
	hv="sd$$h$T_NS_COUNT"
	nv="sd$$n$T_NS_COUNT"
	exec 9>"$lock"
	flock -w 20 9 || fail "cannot lock $lock"
	for n in $(seq 1 250); do
		ip -4 -o addr show | grep -q " 10\.77\.$n\.1/" || break
	done
	ip netns add "$ns" || { exec 9>&-; fail "ip netns add $ns"; }
	track_netns "$ns"
	ip link add "$hv" type veth peer name "$nv" ||
		{ exec 9>&-; fail "veth $hv"; }
	track_link "$hv"
	ip link set "$nv" netns "$ns"
	ip addr add "10.77.$n.1/24" dev "$hv"
	ip link set "$hv" up
	ip netns exec "$ns" ip addr add "10.77.$n.2/24" dev "$nv"
	ip netns exec "$ns" ip link set "$nv" up
	ip netns exec "$ns" ip link set lo up
	exec 9>&-
	NETNS=$ns
	NETNS_HOST_IP="10.77.$n.1"
	NETNS_IP="10.77.$n.2"
	NETNS_N=$n
}

# ns_exec CMD...: run CMD inside the last namespace.
ns_exec() {
	ip netns exec "$NETNS" "$@"
}
