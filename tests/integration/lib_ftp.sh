# lib_ftp.sh — the FTP integration tests' servers: a network namespace
# with a veth pair (10.77.N.1 host side, 10.77.N.2 in the namespace, no
# default route) and vsftpd inside it with a per-test configuration.  The
# core (testlib.sh) gives fail/skip, the cleanup (by PID; the namespace
# and veth by their names, which carry $$) and the asserts (assert_json
# on $FTP_TMP/report.json).  FTP_KEEP=1 keeps the temp dir.
# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

FTP_NS="ftp$$"
FTP_VH="vf$$h"
FTP_VN="vf$$n"
FTP_TMP=$T_DIR
FTP_LOCAL_USER=""
[ -n "${FTP_KEEP:-}" ] && SOCKDOC_TEST_KEEP=1
FTP_NET=""
FTP_HOST_IP=""
FTP_SRV_IP=""

# Skip (77) unless we are root, can make namespaces and have vsftpd.
ftp_need_root() {
	need_root
	need /usr/sbin/vsftpd
}

# Pick a free 10.77.N.0/24 (N in 100..249), bounded tries.
ftp_pick_net() {
	local n i
	n=$(( ($$ % 150) + 100 ))
	for i in $(seq 1 150); do
		if ! ip -4 addr show | grep -q "inet 10\.77\.$n\."; then
			echo "$n"
			return 0
		fi
		n=$(( n + 1 ))
		[ "$n" -gt 249 ] && n=100
	done
	return 1
}

# Create the namespace and the veth pair (removed at exit); the temp dir
# is readable by vsftpd.
ftp_ns_setup() {
	chmod 755 "$FTP_TMP"
	FTP_NET=$(ftp_pick_net) || skip "no free 10.77 net"
	FTP_HOST_IP="10.77.$FTP_NET.1"
	FTP_SRV_IP="10.77.$FTP_NET.2"
	ip netns add "$FTP_NS" || skip "ip netns add failed"
	track_netns "$FTP_NS"
	ip link add "$FTP_VH" type veth peer name "$FTP_VN" || exit 99
	track_link "$FTP_VH"
	ip link set "$FTP_VN" netns "$FTP_NS" || exit 99
	ip addr add "$FTP_HOST_IP/24" dev "$FTP_VH"
	ip link set "$FTP_VH" up
	ip netns exec "$FTP_NS" ip addr add "$FTP_SRV_IP/24" dev "$FTP_VN"
	ip netns exec "$FTP_NS" ip link set "$FTP_VN" up
	ip netns exec "$FTP_NS" ip link set lo up
	mkdir -p "$FTP_TMP/pub" "$FTP_TMP/empty"
	echo "hello from sockdoc's test server" >"$FTP_TMP/pub/hello.txt"
	chmod 755 "$FTP_TMP/pub" "$FTP_TMP/empty"
}

# Run a command inside the namespace.
ftp_ns() {
	ip netns exec "$FTP_NS" "$@"
}

# Make a self-signed certificate for vsftpd in $FTP_TMP.
ftp_make_cert() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
		-subj "/CN=$FTP_SRV_IP" -keyout "$FTP_TMP/key.pem" \
		-out "$FTP_TMP/cert.pem" >/dev/null 2>&1 || exit 99
	chmod 600 "$FTP_TMP/key.pem"
}

# Create a local user for the test (name in FTP_LOCAL_USER, password
# in FTP_LOCAL_PASS); removed by ftp_cleanup.
ftp_make_user() {
	FTP_LOCAL_USER="sdf$$"
	FTP_LOCAL_PASS="pw-$$-$RANDOM"
	useradd -M -d "$FTP_TMP/pub" -s /bin/sh "$FTP_LOCAL_USER" || exit 99
	on_exit userdel "$FTP_LOCAL_USER" 2\>/dev/null
	echo "$FTP_LOCAL_USER:$FTP_LOCAL_PASS" | chpasswd || exit 99
}

# Start vsftpd in the namespace with the base configuration plus the
# lines given on stdin; waits until port 21 answers (bounded).
ftp_vsftpd_start() {
	local conf="$FTP_TMP/vsftpd.conf" i
	cat >"$conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$FTP_SRV_IP
listen_port=${FTP_PORT:-21}
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$FTP_TMP/pub
local_enable=NO
write_enable=NO
seccomp_sandbox=NO
secure_chroot_dir=$FTP_TMP/empty
connect_from_port_20=NO
pasv_enable=YES
port_enable=YES
pasv_min_port=40000
pasv_max_port=40009
xferlog_enable=NO
dirmessage_enable=NO
use_localtime=NO
pam_service_name=vsftpd
EOF
	cat >>"$conf"
	# Not through ftp_ns: a function in the background is a subshell, and
	# killing its PID would leave vsftpd running.
	ip netns exec "$FTP_NS" /usr/sbin/vsftpd "$conf" \
		>"$FTP_TMP/vsftpd.out" 2>&1 &
	track_pid "$!" vsftpd
	for i in $(seq 1 50); do
		if ftp_ns $PY -c "import socket,sys;socket.create_connection(('$FTP_SRV_IP',${FTP_PORT:-21}),0.2).close()" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	echo "vsftpd did not start:"; cat "$FTP_TMP/vsftpd.out"
	exit 99
}

# Run sockdoc with a JSON report into $FTP_TMP/report.json; the exit
# code goes to FTP_RC and REPORT_RC (assert_exit).
ftp_sockdoc() {
	"$SOCKDOC" --report --format json -o "$FTP_TMP/report.json" "$@"
	FTP_RC=$?
	REPORT_RC=$FTP_RC
	REPORT_FILE=$FTP_TMP/report.json
	echo "sockdoc exit $FTP_RC"
}
