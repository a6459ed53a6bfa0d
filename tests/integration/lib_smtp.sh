# lib_smtp.sh — the smtp_*.sh tests' servers: a private network
# namespace (loopback only, nothing leaves it), certificates made at test
# time, aiosmtpd servers in the namespace, sockdoc run inside it.  The
# core (testlib.sh) gives fail/skip, the cleanup (servers by PID, the
# namespaces by name) and the asserts (assert_json FILE EXPR).
# Needs root for the namespace; skips (77) without it.

. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
SMTP_DIR=$T_LIB
SMTP_SRV=$SMTP_DIR/smtp_server.py
SMTP_NS=
SMTP_SRV_NS=
SMTP_TMP=$T_DIR

# Create the namespace (lo up) and the temp dir; exit 77 when impossible.
smtp_setup() {
	[ -x "${SOCKDOC:-}" ] || { echo "SOCKDOC not set"; exit 99; }
	[ "$(id -u)" = 0 ] || skip "needs root (network namespace)"
	$PY -c 'import aiosmtpd' 2>/dev/null || skip "python3-aiosmtpd missing"
	SMTP_NS=sdsmtp$$
	ip netns add "$SMTP_NS" 2>/dev/null || skip "no netns"
	track_netns "$SMTP_NS"
	ip -n "$SMTP_NS" link set lo up
}

# Run a command inside the namespace.
nsx() {
	ip netns exec "$SMTP_NS" "$@"
}

# A second namespace for the servers, joined to the first by a veth pair:
# servers at 10.77.N.1 (SMTP_SRV_ADDR), sockdoc at 10.77.N.2, no route
# anywhere else.  Firewall rules then act as on a real path.
smtp_setup_pair() {
	local n=$(( $$ % 200 + 20 ))
	SMTP_SRV_NS=sdsmtps$$
	SMTP_SRV_ADDR=10.77.$n.1
	ip netns add "$SMTP_SRV_NS" || exit 77
	track_netns "$SMTP_SRV_NS"
	ip -n "$SMTP_SRV_NS" link set lo up
	ip link add "sdc$$" netns "$SMTP_NS" type veth peer name "sds$$" \
		netns "$SMTP_SRV_NS" || exit 77
	ip -n "$SMTP_NS" addr add "10.77.$n.2/24" dev "sdc$$"
	ip -n "$SMTP_SRV_NS" addr add "$SMTP_SRV_ADDR/24" dev "sds$$"
	ip -n "$SMTP_NS" link set "sdc$$" up
	ip -n "$SMTP_SRV_NS" link set "sds$$" up
}

# smtp_server NAME [server options]: start a server in the namespace and
# wait (bounded, 10 s) until it wrote its port to $SMTP_TMP/NAME.port.
smtp_server() {
	local name=$1 i
	shift
	ip netns exec "${SMTP_SRV_NS:-$SMTP_NS}" \
		/usr/bin/python3 "$SMTP_SRV" --portfile "$SMTP_TMP/$name.port" \
		"$@" >"$SMTP_TMP/$name.log" 2>&1 &
	track_pid "$!" "$name"
	for i in $(seq 100); do
		[ -s "$SMTP_TMP/$name.port" ] && return 0
		sleep 0.1
	done
	echo "server $name did not start:"; cat "$SMTP_TMP/$name.log"
	exit 99
}

# scripted_server NAME SCRIPT [options]: the data-driven SMTP server
# (servers/scripted_smtp.py) with the rules in file SCRIPT, in the
# namespace; waits (bounded, 10 s) for its port file like smtp_server.
scripted_server() {
	local name=$1 script=$2 i
	shift 2
	ip netns exec "${SMTP_SRV_NS:-$SMTP_NS}" \
		/usr/bin/python3 "$SMTP_DIR/servers/scripted_smtp.py" \
		--portfile "$SMTP_TMP/$name.port" --script "$script" "$@" \
		>"$SMTP_TMP/$name.log" 2>&1 &
	track_pid "$!" "$name"
	for i in $(seq 100); do
		[ -s "$SMTP_TMP/$name.port" ] && return 0
		sleep 0.1
	done
	echo "server $name did not start:"; cat "$SMTP_TMP/$name.log"
	exit 99
}

# Port of server NAME.
smtp_port() {
	cat "$SMTP_TMP/$1.port"
}

# A leaf certificate NAME for SAN, signed by the test CA (made once).
smtp_cert() {
	local name=$1 san=$2 d=$SMTP_TMP
	if [ ! -f "$d/ca.pem" ]; then
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
			-subj "/CN=sockdoc test CA" -keyout "$d/ca.key" \
			-out "$d/ca.pem" 2>/dev/null || exit 99
	fi
	openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$name" \
		-keyout "$d/$name.key" -out "$d/$name.csr" 2>/dev/null || exit 99
	printf 'subjectAltName=%s\n' "$san" >"$d/$name.ext"
	openssl x509 -req -in "$d/$name.csr" -CA "$d/ca.pem" \
		-CAkey "$d/ca.key" -CAcreateserial -days 2 \
		-extfile "$d/$name.ext" -out "$d/$name.pem" 2>/dev/null || exit 99
}

# A self-signed certificate NAME for SAN.
smtp_cert_self() {
	local name=$1 san=$2 d=$SMTP_TMP
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" \
		-addext "subjectAltName=$san" -keyout "$d/$name.key" \
		-out "$d/$name.pem" 2>/dev/null || exit 99
}

# smtp_sockdoc OUT [args]: sockdoc --report --format json in the
# namespace; the exit code lands in SMTP_RC and REPORT_RC (assert_exit).
smtp_sockdoc() {
	local out=$1
	shift
	nsx "$SOCKDOC" --report --format json --timeout 2 --budget 40 "$@" \
		>"$out" 2>"$out.err"
	SMTP_RC=$?
	REPORT_RC=$SMTP_RC
	REPORT_FILE=$out
}

# An expired leaf NAME (valid from 30 to 10 days ago) for IP 127.0.0.1,
# signed by the test CA.  OpenSSL 3.0's x509 cannot backdate: `openssl ca`
# with -startdate/-enddate can, given a minimal CA database.
smtp_cert_expired() {
	local name=$1 d=$SMTP_TMP
	[ -f "$d/ca.pem" ] || smtp_cert _ca_only "IP:127.0.0.1"
	mkdir -p "$d/cadb"
	: >"$d/cadb/index.txt"
	echo 01 >"$d/cadb/serial"
	cat >"$d/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $d/cadb/index.txt
new_certs_dir = $d/cadb
serial = $d/cadb/serial
default_md = sha256
policy = any
x509_extensions = leaf
[any]
commonName = supplied
[leaf]
subjectAltName = IP:127.0.0.1
CNF
	openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$name" \
		-keyout "$d/$name.key" -out "$d/$name.csr" 2>/dev/null || exit 99
	openssl ca -batch -config "$d/ca.cnf" -cert "$d/ca.pem" \
		-keyfile "$d/ca.key" -in "$d/$name.csr" -out "$d/$name.pem" \
		-startdate "$(date -u -d '30 days ago' +%Y%m%d%H%M%SZ)" \
		-enddate "$(date -u -d '10 days ago' +%Y%m%d%H%M%SZ)" \
		>"$d/ca.log" 2>&1 || { cat "$d/ca.log"; exit 99; }
}
