# lib.sh — sourced by every integration test (bash).
#
# Gives each test a private temp dir, background servers recorded by PID,
# network namespaces, and the report/assert helpers.  Everything a test
# starts is stopped by PID (process group) in ONE exit trap; nothing here
# ever kills by name.  Traffic goes only to loopback or to namespaces
# created here (10.77.N.0/24, no default route).
#
# Globals a test may read after the helpers:
#   T_DIR          private temp dir (removed at exit)
#   T_LIB          directory of this file (servers/ lives beside it)
#   REPORT_RC      exit code of the last report_json / run_sockdoc
#   REPORT_MS      its wall time in milliseconds
#   NETNS NETNS_HOST_IP NETNS_IP   the last namespace made by make_netns
#   FAULT_PORT     port of the last start_fault server

set -u

PY=/usr/bin/python3
T_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T_NAME=$(basename "$0" .sh)
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-$T_NAME.XXXXXX") || exit 99
T_PIDS=()
T_PIDNAMES=()
T_NETNSES=()
T_LINKS=()
T_NS_COUNT=0
REPORT_RC=
REPORT_MS=
: "${SOCKDOC:?SOCKDOC must name the built binary (make check exports it)}"

# Print a failure message on stderr and end the test with exit 1.
fail() {
	echo "FAIL [$T_NAME]: $*" >&2
	exit 1
}

# Print a skip reason and end the test with exit 77 (automake SKIP).
skip() {
	echo "SKIP [$T_NAME]: $*" >&2
	exit 77
}

# Informational line in the test's log.
note() {
	echo "[$T_NAME] $*"
}

# Stop one recorded process group: TERM, bounded wait, then KILL.
t_stop_pid() {
	local pid=$1 i
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# The one exit trap: show server logs on failure, stop every recorded
# process, remove namespaces and links, remove the temp dir.
t_cleanup() {
	local rc=$? i
	trap - EXIT
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
		for i in "${!T_PIDNAMES[@]}"; do
			t_show_log "${T_PIDNAMES[$i]}"
		done
	fi
	for i in "${!T_PIDS[@]}"; do
		t_stop_pid "${T_PIDS[$i]}"
	done
	for i in "${!T_LINKS[@]}"; do
		ip link del "${T_LINKS[$i]}" 2>/dev/null
	done
	for i in "${!T_NETNSES[@]}"; do
		ip netns del "${T_NETNSES[$i]}" 2>/dev/null
	done
	if [ -n "${SOCKDOC_TEST_KEEP:-}" ]; then
		echo "[$T_NAME] kept $T_DIR"
	else
		rm -rf "$T_DIR"
	fi
	exit "$rc"
}
trap t_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Tail the stdout/stderr of background process NAME into the test log.
t_show_log() {
	local f
	for f in "$T_DIR/$1.out" "$T_DIR/$1.err"; do
		[ -s "$f" ] || continue
		echo "--- $f (last 20 lines)"
		tail -n 20 "$f"
	done
}

# Exit 77 unless we are root and can create a network namespace.
# SOCKDOC_TEST_NO_ROOT=1 simulates a machine without them.
need_root() {
	local probe="sdprobe$$"
	[ -z "${SOCKDOC_TEST_NO_ROOT:-}" ] ||
		skip "SOCKDOC_TEST_NO_ROOT is set"
	[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
	command -v ip >/dev/null 2>&1 || skip "no ip(8) (iproute2)"
	ip netns add "$probe" 2>/dev/null || skip "cannot create a netns here"
	ip netns del "$probe" 2>/dev/null
	return 0
}

# Exit 77 unless every named program is installed.
need_prog() {
	local p
	for p in "$@"; do
		command -v "$p" >/dev/null 2>&1 || [ -x "$p" ] ||
			skip "needs $p"
	done
}

# Print a TCP port on 127.0.0.1 that is free (for UDP as well).
free_port() {
	$PY - <<'EOF'
import socket
for _ in range(50):
    t = socket.socket()
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        t.close()
        continue
    u.close()
    t.close()
    print(port)
    break
EOF
}

# start_bg NAME CMD...: run CMD in its own process group, output to
# $T_DIR/NAME.out and .err; its PID is recorded for the exit trap.
start_bg() {
	local name=$1
	shift
	setsid "$@" </dev/null >"$T_DIR/$name.out" 2>"$T_DIR/$name.err" &
	T_PIDS+=("$!")
	T_PIDNAMES+=("$name")
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

# wait_port HOST PORT [TIMEOUT]: wait until a TCP connect to HOST:PORT
# succeeds (default 10 s); fails the test when it never does.
wait_port() {
	local host=$1 port=$2 limit=${3:-10}
	$PY - "$host" "$port" "$limit" <<'EOF' || fail "nothing listens on $host:$port after ${limit}s"
import socket, sys, time
host, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
end = time.monotonic() + limit
while time.monotonic() < end:
    try:
        socket.create_connection((host, port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
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

# wait_file FILE [TIMEOUT]: wait until FILE exists and is not empty.
wait_file() {
	local f=$1 limit=${2:-10} i
	for ((i = 0; i < limit * 20; i++)); do
		[ -s "$f" ] && return 0
		sleep 0.05
	done
	fail "$f did not appear after ${limit}s"
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
	T_NETNSES+=("$ns")
	ip link add "$hv" type veth peer name "$nv" ||
		{ exec 9>&-; fail "veth $hv"; }
	T_LINKS+=("$hv")
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

# run_sockdoc OUT ARGS...: run "$SOCKDOC" ARGS with stdout to OUT and
# stderr to OUT.err; sets REPORT_RC and REPORT_MS.  Stdin is /dev/null.
run_sockdoc() {
	local out=$1 t0 t1
	shift
	t0=$(date +%s%N)
	"$SOCKDOC" "$@" </dev/null >"$out" 2>"$out.err"
	REPORT_RC=$?
	t1=$(date +%s%N)
	REPORT_MS=$(((t1 - t0) / 1000000))
	REPORT_FILE=$out
	note "sockdoc $* -> exit $REPORT_RC in ${REPORT_MS} ms"
}

# report_json OUT ARGS...: the JSON report of ARGS into OUT.
report_json() {
	local out=$1
	shift
	run_sockdoc "$out" --report --format json "$@"
}

# Print the last report and its stderr into the test log (for failures).
t_dump_report() {
	local f=${1:-${REPORT_FILE:-}}
	[ -n "$f" ] || return 0
	echo "--- report $f:"
	head -c 6000 "$f" 2>/dev/null
	echo
	if [ -s "$f.err" ]; then
		echo "--- stderr:"
		head -c 2000 "$f.err"
	fi
}

# The python side of the JSON asserts: R is the report, helpers included.
T_PYHELP='
import json, sys
def load(path):
    with open(path) as f:
        return json.load(f)
r = load(sys.argv[1])
def probe(pid):
    for p in r.get("probes", []):
        if p.get("id") == pid:
            return p
    raise KeyError("no probe %r in the report" % pid)
def details(pid):
    return probe(pid).get("details", {})
def status(pid):
    return probe(pid).get("status")
def cause_ids():
    return [c.get("id") for c in r.get("causes", [])]
def cause(cid):
    for c in r.get("causes", []):
        if c.get("id") == cid:
            return c
    raise KeyError("no cause %r in the report" % cid)
def evidence(cid):
    return "\n".join(cause(cid).get("evidence", []))
def text(x):
    return json.dumps(x)
'

# assert_json FILE EXPR: EXPR (python, r = the report; helpers probe(id),
# details(id), status(id), cause(id), cause_ids(), evidence(id), text(x))
# must be true.
assert_json() {
	local file=$1 expr=$2 msg
	msg=$($PY -c "$T_PYHELP
try:
    ok = eval(sys.argv[2])
except Exception as e:
    print('error evaluating: %s: %s' % (type(e).__name__, e))
    sys.exit(1)
if not ok:
    print('false')
    sys.exit(1)
" "$file" "$expr" 2>&1) && return 0
	t_dump_report "$file"
	fail "assert_json '$expr' on $file: $msg"
}

# assert_cause FILE ID: the report lists cause ID.
assert_cause() {
	local file=$1 id=$2 got
	got=$($PY -c "$T_PYHELP
print(' '.join(cause_ids()))" "$file" 2>&1) ||
		{ t_dump_report "$file"; fail "report $file is not JSON: $got"; }
	case " $got " in
	*" $id "*) return 0 ;;
	esac
	t_dump_report "$file"
	fail "expected cause $id, got causes: [${got}]"
}

# assert_first_cause FILE ID: ID is the most likely (first) cause.
assert_first_cause() {
	assert_cause "$1" "$2"
	assert_json "$1" "cause_ids()[0] == '$2'"
}

# assert_no_cause FILE: the report has no causes at all.
assert_no_cause() {
	local file=$1 got
	got=$($PY -c "$T_PYHELP
print(' '.join(cause_ids()))" "$file" 2>&1) ||
		{ t_dump_report "$file"; fail "report $file is not JSON: $got"; }
	[ -z "$got" ] && return 0
	t_dump_report "$file"
	fail "expected no cause, got causes: [$got]"
}

# assert_evidence FILE ID REGEX: some evidence line of cause ID matches
# REGEX (python re, case-insensitive).
assert_evidence() {
	assert_json "$1" "__import__('re').search(r'''$3''', evidence('$2'), __import__('re').I)"
}

# assert_exit N: the last report_json/run_sockdoc exited with N.
assert_exit() {
	[ "${REPORT_RC:-}" = "$1" ] && return 0
	t_dump_report
	fail "expected exit code $1, got ${REPORT_RC:-none}"
}

# assert_file_mode FILE MODE: FILE exists with octal permission MODE.
assert_file_mode() {
	local m
	[ -e "$1" ] || fail "$1 was not created"
	m=$(stat -c %a "$1")
	[ "$m" = "$2" ] || fail "$1 has mode $m, expected $2"
}

# assert_grep FILE REGEX: FILE has a line matching REGEX (grep -E).
assert_grep() {
	grep -Eq -- "$2" "$1" && return 0
	echo "--- $1:"
	head -c 3000 "$1"
	fail "no line matching /$2/ in $1"
}

# assert_no_grep FILE STRING: FILE does not contain STRING (fixed).
assert_no_grep() {
	grep -Fq -- "$2" "$1" || return 0
	fail "$1 contains '$2'"
}

# assert_empty FILE: FILE exists and has no bytes.
assert_empty() {
	[ -e "$1" ] && [ ! -s "$1" ] && return 0
	echo "--- $1:"
	head -c 2000 "$1"
	fail "$1 should be empty"
}
