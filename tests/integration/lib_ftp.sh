# lib_ftp.sh — helpers for the FTP integration tests: a network namespace
# with a veth pair (10.77.N.1 host side, 10.77.N.2 in the namespace, no
# default route), vsftpd inside it with a per-test configuration, and JSON
# assertions on sockdoc's report.  Everything started is cleaned up by PID
# or by name (names carry $$) from the EXIT trap.  FTP_KEEP=1 keeps the
# temp dir (report, vsftpd output) for a look after a failure.
# shellcheck shell=bash

FTP_NS="ftp$$"
FTP_VH="vf$$h"
FTP_VN="vf$$n"
FTP_TMP=""
FTP_PIDS=""
FTP_NET=""
FTP_HOST_IP=""
FTP_SRV_IP=""
PY=/usr/bin/python3

# Exit 77 (skip) unless we are root and can make namespaces.
ftp_need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP: needs root for network namespaces"
		exit 77
	fi
	command -v vsftpd >/dev/null 2>&1 || [ -x /usr/sbin/vsftpd ] || {
		echo "SKIP: vsftpd not installed"; exit 77; }
	command -v ip >/dev/null 2>&1 || { echo "SKIP: no ip(8)"; exit 77; }
}

# Undo everything: servers by PID, the namespace and veth by name.
ftp_cleanup() {
	local p
	for p in $FTP_PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $FTP_PIDS; do
		wait "$p" 2>/dev/null
	done
	ip link del "$FTP_VH" 2>/dev/null
	ip netns del "$FTP_NS" 2>/dev/null
	[ -n "$FTP_TMP" ] && [ -z "$FTP_KEEP" ] && rm -rf "$FTP_TMP"
	if [ -n "$FTP_LOCAL_USER" ]; then
		userdel "$FTP_LOCAL_USER" 2>/dev/null
	fi
	return 0
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

# Create the namespace, the veth pair and the temp dir; set the trap.
ftp_ns_setup() {
	trap ftp_cleanup EXIT
	FTP_TMP=$(mktemp -d /tmp/sockdoc-ftp.XXXXXX)
	chmod 755 "$FTP_TMP"
	FTP_NET=$(ftp_pick_net) || { echo "SKIP: no free 10.77 net"; exit 77; }
	FTP_HOST_IP="10.77.$FTP_NET.1"
	FTP_SRV_IP="10.77.$FTP_NET.2"
	ip netns add "$FTP_NS" || { echo "SKIP: ip netns add failed"; exit 77; }
	ip link add "$FTP_VH" type veth peer name "$FTP_VN" || exit 99
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
	FTP_PIDS="$FTP_PIDS $!"
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
# code goes to FTP_RC.
ftp_sockdoc() {
	"$SOCKDOC" --report --format json -o "$FTP_TMP/report.json" "$@"
	FTP_RC=$?
	echo "sockdoc exit $FTP_RC"
}

# Evaluate a python expression over the report (r = the JSON object,
# cause(id) = that cause or None, probe(id) = that probe); fail with MSG
# when it is false.
ftp_assert() {
	local expr="$1" msg="$2"
	if ! $PY - "$FTP_TMP/report.json" "$expr" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
def cause(i):
    return next((c for c in r["causes"] if c["id"] == i), None)
def probe(i):
    return next((p for p in r["probes"] if p["id"] == i), None)
def det(i):
    return (probe(i) or {}).get("details", {})
def ev(i):
    return " | ".join((cause(i) or {}).get("evidence", []))
def fx(i):
    return " | ".join((cause(i) or {}).get("fixes", []))
ok = eval(sys.argv[2])
sys.exit(0 if ok else 1)
EOF
	then
		echo "FAIL: $msg"
		echo "  expression: $expr"
		$PY - "$FTP_TMP/report.json" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1]))
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("log", "tls_log")}
    return v
print(json.dumps(r["causes"], indent=1))
for p in r["probes"]:
    print(p["id"], p["status"], p["duration_ms"], p["summary"])
    if p["id"].startswith("ftp."):
        print(json.dumps(strip(p["details"]), indent=1))
EOF2
		exit 1
	fi
	echo "ok: $msg"
}
