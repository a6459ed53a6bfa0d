# lib_trials.sh — sourced by the trials' integration tests (bash).
#
# A private temp dir, servers started in the background and stopped BY PID
# in one exit trap, a real vsftpd and aiosmtpd on loopback, small python
# fault servers from servers_trials/, and JSON assertions.  Traffic goes
# only to 127.0.0.1.

set -u

PY=/usr/bin/python3
TL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TL_NAME=$(basename "$0" .sh)
TL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-$TL_NAME.XXXXXX") || exit 99
TL_PIDS=()
: "${SOCKDOC:?SOCKDOC must name the built binary (make check exports it)}"

# Print a failure and end the test.
fail() {
	echo "FAIL [$TL_NAME]: $*" >&2
	exit 1
}

# Print a skip reason and end with 77.
skip() {
	echo "SKIP [$TL_NAME]: $*" >&2
	exit 77
}

# Stop every recorded server by PID and remove the temp dir.
tl_cleanup() {
	local rc=$? pid i
	trap - EXIT
	for pid in "${TL_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
		for i in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
		for f in "$TL_TMP"/*.log; do
			[ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }
		done
	fi
	rm -rf "$TL_TMP"
	exit "$rc"
}
trap tl_cleanup EXIT

# A free TCP port on 127.0.0.1.
free_port() {
	$PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

# Wait until 127.0.0.1:$1 accepts (at most 5 s).
wait_port() {
	local i
	for i in $(seq 50); do
		$PY -c "import socket,sys;s=socket.socket();s.settimeout(0.2);s.connect(('127.0.0.1',$1))" \
			2>/dev/null && return 0
		sleep 0.1
	done
	fail "nothing listens on port $1"
}

# Start vsftpd on a free port with extra config lines "$@"; sets FTP_PORT
# and FTP_ROOT (anonymous root, 555, with a 777 "upload" subdir).
start_vsftpd() {
	local conf=$TL_TMP/vsftpd.conf line
	command -v vsftpd >/dev/null || [ -x /usr/sbin/vsftpd ] || skip "no vsftpd"
	[ "$(id -u)" = 0 ] || skip "vsftpd needs root"
	FTP_PORT=$(free_port)
	FTP_ROOT=$TL_TMP/ftproot
	mkdir -p "$FTP_ROOT/upload" "$TL_TMP/empty"
	chmod 555 "$FTP_ROOT"
	chmod 777 "$FTP_ROOT/upload"
	chmod 755 "$TL_TMP/empty"
	chown root:root "$TL_TMP/empty"
	cat >"$conf" <<EOC
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$FTP_PORT
background=NO
anonymous_enable=YES
local_enable=NO
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_root=$FTP_ROOT
no_anon_password=YES
seccomp_sandbox=NO
secure_chroot_dir=$TL_TMP/empty
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=49000
xferlog_enable=NO
vsftpd_log_file=$TL_TMP/vsftpd.log
EOC
	for line in "$@"; do
		echo "$line" >>"$conf"
	done
	/usr/sbin/vsftpd "$conf" >"$TL_TMP/vsftpd.log" 2>&1 &
	TL_PIDS+=($!)
	wait_port "$FTP_PORT"
}

# Start aiosmtpd with a DATA size limit of $1 bytes; sets SMTP_PORT.
start_aiosmtpd() {
	SMTP_PORT=$(free_port)
	$PY "$TL_DIR/servers_trials/smtp_limit.py" "$SMTP_PORT" "$1" \
		>"$TL_TMP/smtpd.log" 2>&1 &
	TL_PIDS+=($!)
	wait_port "$SMTP_PORT"
}

# Start servers_trials/$1.py with the remaining arguments; it prints its
# port on the first line of stdout.  Sets SRV_PORT.
start_fault() {
	local script=$1 i
	shift
	$PY "$TL_DIR/servers_trials/$script.py" "$@" >"$TL_TMP/$script.out" \
		2>"$TL_TMP/$script.log" &
	TL_PIDS+=($!)
	for i in $(seq 50); do
		SRV_PORT=$(head -1 "$TL_TMP/$script.out" 2>/dev/null)
		[ -n "$SRV_PORT" ] && return 0
		sleep 0.1
	done
	fail "$script did not start"
}

# Run sockdoc --report --format json "$@" into $TL_TMP/report.json;
# REPORT_RC and REPORT_S (wall seconds) are set.
report() {
	local t0 t1
	t0=$(date +%s.%N)
	"$SOCKDOC" --report --format json "$@" >"$TL_TMP/report.json" \
		2>"$TL_TMP/sockdoc.log"
	REPORT_RC=$?
	t1=$(date +%s.%N)
	REPORT_S=$($PY -c "print(round($t1-$t0,2))")
}

# Evaluate the python expression $1 with r = the report; fail with $2.
check() {
	$PY - "$TL_TMP/report.json" "$1" <<'EOP' || fail "$2 (report in log)"
import json, sys
r = json.load(open(sys.argv[1]))
def probe(pid):
    return next(p for p in r["probes"] if p["id"] == pid)
def cause(cid):
    return next((c for c in r["causes"] if c["id"] == cid), None)
def evidence(cid):
    c = cause(cid)
    return " | ".join(c["evidence"]) if c else ""
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps({"causes": r.get("causes"), "watch": r.get("watch")}, indent=1)[:6000])
    print(json.dumps([{k: p[k] for k in ("id", "status", "summary")} for p in r["probes"]], indent=1))
sys.exit(0 if ok else 1)
EOP
}

# Print the python expression $1's value over the report (for figures).
value() {
	$PY - "$TL_TMP/report.json" "$1" <<'EOP'
import json, sys
r = json.load(open(sys.argv[1]))
def probe(pid):
    return next(p for p in r["probes"] if p["id"] == pid)
print(eval(sys.argv[2]))
EOP
}

# Start `sockdoc lab --protocol $1 --fault $2`; sets LAB_PORT from its
# "proto fault 127.0.0.1:PORT" line.
start_lab() {
	local i line
	"$SOCKDOC" lab --protocol "$1" --fault "$2" >"$TL_TMP/lab.out" \
		2>"$TL_TMP/lab.log" &
	TL_PIDS+=($!)
	for i in $(seq 50); do
		line=$(grep -m1 ' 127.0.0.1:' "$TL_TMP/lab.out" 2>/dev/null)
		if [ -n "$line" ]; then
			LAB_PORT=${line##*:}
			return 0
		fi
		sleep 0.1
	done
	fail "the lab did not start ($1 $2)"
}
