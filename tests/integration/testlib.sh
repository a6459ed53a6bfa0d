# testlib.sh — the one core of the integration tests (bash), sourced by
# lib.sh, lib_ftp.sh, lib_lab.sh, lib_smtp.sh and lib_trials.sh, which add
# only their server starters.  Defined once, here:
#   fail / skip / note, need / need_root        end or skip a test
#   track_pid PID [NAME], on_exit CMD...         cleanup registration
#   track_netns NS, track_link LINK               (one EXIT trap runs it)
#   free_port, wait_port, wait_file               bounded waits
#   run_sockdoc / report_json, run_out            runs (REPORT_RC, files)
#   json_value FILE EXPR                          a figure for the log
#   assert_json FILE EXPR [MSG], assert_cause FILE ID [EVIDENCE],
#   assert_cause_listed FILE ID [EVIDENCE], assert_no_cause FILE,
#   assert_evidence FILE ID REGEX, assert_exit N, assert_out TEXT,
#   assert_grep / assert_no_grep / assert_empty / assert_file_mode FILE ..
# Everything a test starts is stopped by PID (process group when it has
# one) in ONE exit trap; nothing here kills by name.
#
# A time limit on a command is `timeout --foreground -k 5 SECS CMD`
# (suite_rules.sh checks it).  Without --foreground, GNU timeout follows
# its TERM with a SIGCONT to the process group; when that SIGCONT lands
# while LeakSanitizer's tracer attaches at exit (ASan pass), it discards
# the tracer's SIGSTOP and the process and its tracer wait for each other
# forever (CI: lab_cli.sh hung for 80 min; 1 run in 19 here under load).
# -k 5: what ignores TERM gets KILL.
#
# Globals: T_NAME (the test), T_DIR (private temp dir, removed at exit;
# SOCKDOC_TEST_KEEP=1 keeps it), T_LIB (this directory), REPORT_RC and
# REPORT_MS (the last run), REPORT_FILE (its output), PY.

[ -n "${T_CORE_LOADED:-}" ] && return 0
T_CORE_LOADED=1
PY=/usr/bin/python3
T_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T_NAME=$(basename "$0" .sh)
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-$T_NAME.XXXXXX") || exit 99
T_PIDS=()
T_PIDNAMES=()
T_NETNSES=()
T_LINKS=()
T_ON_EXIT=()
REPORT_RC=
REPORT_MS=
REPORT_FILE=
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

# Skip (77) unless every named program is installed (name or path).
need() {
	local p
	for p in "$@"; do
		command -v "$p" >/dev/null 2>&1 || [ -x "$p" ] || skip "needs $p"
	done
}

# Skip (77) unless we are root and can create a network namespace.
# SOCKDOC_TEST_NO_ROOT=1 simulates a machine without them.
need_root() {
	local probe="sdprobe$$"
	[ -z "${SOCKDOC_TEST_NO_ROOT:-}" ] || skip "SOCKDOC_TEST_NO_ROOT is set"
	[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
	need ip
	ip netns add "$probe" 2>/dev/null || skip "cannot create a netns here"
	ip netns del "$probe" 2>/dev/null
	return 0
}

# track_pid PID [NAME]: stop PID at exit; NAME.out/.err in T_DIR are
# shown when the test fails.
track_pid() {
	T_PIDS+=("$1")
	T_PIDNAMES+=("${2:-pid$1}")
}

# on_exit CMD...: run CMD at exit, after the processes are stopped (the
# last registered runs first).
on_exit() {
	T_ON_EXIT+=("$*")
}

# track_netns NS / track_link LINK: delete them at exit.
track_netns() {
	T_NETNSES+=("$1")
}
track_link() {
	T_LINKS+=("$1")
}

# Print the PIDs of every descendant of PID (children, theirs, ...): a
# daemon's session processes that setsid() away from its group, such as
# vsftpd's, would outlive the daemon otherwise.
t_descendants() {
	ps -eo pid=,ppid= 2>/dev/null | awk -v root="$1" '
		{ kids[$2] = kids[$2] " " $1 }
		END {
			n = split(kids[root], q, " ")
			for (i = 1; i <= n; i++) {
				print q[i]
				m = split(kids[q[i]], more, " ")
				for (j = 1; j <= m; j++)
					q[++n] = more[j]
			}
		}'
}

# Stop one recorded process (its group when it leads one) and its
# descendants: TERM, a bounded wait (2 s), then KILL.
t_stop_pid() {
	local pid=$1 i desc
	desc=$(t_descendants "$pid")
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	[ -n "$desc" ] && kill -TERM $desc 2>/dev/null
	for ((i = 0; i < 20; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	[ -n "$desc" ] && kill -KILL $desc 2>/dev/null
	wait "$pid" 2>/dev/null
}

# Tail the logs of a failed test: named processes' NAME.out/.err, *.log.
t_show_logs() {
	local f i
	for i in "${!T_PIDNAMES[@]}"; do
		for f in "$T_DIR/${T_PIDNAMES[$i]}.out" "$T_DIR/${T_PIDNAMES[$i]}.err"; do
			[ -s "$f" ] && { echo "--- $f (last 20 lines)"; tail -n 20 "$f"; }
		done
	done
	for f in "$T_DIR"/*.log; do
		[ -s "$f" ] && { echo "--- $f (last 20 lines)"; tail -n 20 "$f"; }
	done
	return 0
}

# The one exit trap: logs on failure, processes, on_exit commands, links,
# namespaces, the temp dir.
t_cleanup() {
	local rc=$? i
	trap - EXIT
	[ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && t_show_logs
	for i in "${!T_PIDS[@]}"; do
		t_stop_pid "${T_PIDS[$i]}"
	done
	for ((i = ${#T_ON_EXIT[@]} - 1; i >= 0; i--)); do
		eval "${T_ON_EXIT[$i]}"
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

# wait_file FILE [TIMEOUT]: wait until FILE exists and is not empty.
wait_file() {
	local f=$1 limit=${2:-10} i
	for ((i = 0; i < limit * 20; i++)); do
		[ -s "$f" ] && return 0
		sleep 0.05
	done
	fail "$f did not appear after ${limit}s"
}

# run_sockdoc OUT ARGS...: run "$SOCKDOC" ARGS with stdout to OUT and
# stderr to OUT.err; sets REPORT_RC, REPORT_MS, REPORT_FILE.
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

# run_out CMD...: run CMD with stdout+stderr to $T_DIR/out (what
# assert_out reads); its exit code in REPORT_RC.
run_out() {
	REPORT_RC=0
	"$@" >"$T_DIR/out" 2>&1 || REPORT_RC=$?
	REPORT_FILE=$T_DIR/out
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

# The python side of the asserts: r is the report.  probe(id) the probe
# (None if absent), details(id)/det(id) its details, status(id) its
# status ("absent"), cause(id) the cause (None), cause_ids()/causes(),
# evidence(id)/ev(id) and fixes(id)/fx(id) the lines joined by newlines,
# stage(name) a smtp.auth stage, text(x) JSON text.
T_PYHELP='
import json, sys
with open(sys.argv[1]) as f:
    r = json.load(f)
def probe(pid):
    return next((p for p in r.get("probes", []) if p.get("id") == pid), None)
def details(pid):
    return (probe(pid) or {}).get("details", {})
det = details
def status(pid):
    return (probe(pid) or {}).get("status", "absent")
def cause_ids():
    return [c.get("id") for c in r.get("causes", [])]
causes = cause_ids
def cause(cid):
    return next((c for c in r.get("causes", []) if c.get("id") == cid), None)
def evidence(cid):
    return "\n".join((cause(cid) or {}).get("evidence", []))
ev = evidence
def fixes(cid):
    return "\n".join((cause(cid) or {}).get("fixes", []))
fx = fixes
def stage(name):
    return next((s for s in details("smtp.auth").get("stages", [])
                 if s.get("stage") == name), {})
def text(x):
    return json.dumps(x)
'

# assert_json FILE EXPR [MSG [ARG...]]: the python EXPR (helpers above)
# is true for the JSON report in FILE; MSG says what it checks; ARGs are
# sys.argv[3:] for EXPR.
assert_json() {
	local file=$1 expr=$2 what=${3:-$2} msg
	msg=$($PY -c "$T_PYHELP
try:
    ok = eval(sys.argv[2])
except Exception as e:
    print('error evaluating: %s: %s' % (type(e).__name__, e))
    sys.exit(1)
if not ok:
    print('false')
    sys.exit(1)
" "$file" "$expr" "${@:4}" 2>&1) && { note "ok: $expr"; return 0; }
	t_dump_report "$file"
	fail "$what: assert_json '$expr' on $file: $msg"
}

# json_value FILE EXPR: print the python EXPR's value over the report in
# FILE (for figures in the log; not an assertion).
json_value() {
	$PY -c "$T_PYHELP
print(eval(sys.argv[2]))" "$1" "$2"
}

# Print the cause ids of the report FILE, one line (fails if not JSON).
t_cause_ids() {
	$PY -c "$T_PYHELP
print(' '.join(cause_ids()))" "$1" 2>&1 ||
		{ t_dump_report "$1"; fail "report $1 is not JSON"; }
}

# assert_cause FILE ID [EVIDENCE]: ID is the first (most likely) cause,
# and one of its evidence lines holds the text EVIDENCE.
assert_cause() {
	local got
	got=$(t_cause_ids "$1") || exit 1
	[ "${got%% *}" = "$2" ] ||
		{ t_dump_report "$1"; fail "expected first cause $2, got causes: [$got]"; }
	[ $# -lt 3 ] || assert_json "$1" "sys.argv[3] in evidence('$2')" \
		"cause $2 with evidence '$3'" "$3"
}

# assert_cause_listed FILE ID [EVIDENCE]: ID is among the causes, and
# one of its evidence lines holds the text EVIDENCE.
assert_cause_listed() {
	local got
	got=$(t_cause_ids "$1") || exit 1
	case " $got " in
	*" $2 "*) ;;
	*) t_dump_report "$1"; fail "expected cause $2, got causes: [$got]" ;;
	esac
	[ $# -lt 3 ] || assert_json "$1" "sys.argv[3] in evidence('$2')" \
		"cause $2 with evidence '$3'" "$3"
}

# assert_no_cause FILE: the report has no causes at all.
assert_no_cause() {
	local got
	got=$(t_cause_ids "$1") || exit 1
	[ -z "$got" ] && return 0
	t_dump_report "$1"
	fail "expected no cause, got causes: [$got]"
}

# assert_evidence FILE ID REGEX: some evidence line of cause ID matches
# REGEX (python re, case-insensitive).
assert_evidence() {
	assert_json "$1" "__import__('re').search(r'''$3''', evidence('$2'), __import__('re').I)"
}

# assert_exit N [RC]: the last run (run_sockdoc, report_json, run_out,
# or a library's runner) exited with N; or RC, when given, is N.
assert_exit() {
	local rc=${2-${REPORT_RC:-}}
	[ "$rc" = "$1" ] && return 0
	t_dump_report
	fail "expected exit code $1, got ${rc:-none}"
}

# assert_out TEXT: the output of the last run_out holds TEXT.
assert_out() {
	grep -qF -- "$1" "$T_DIR/out" && return 0
	tail -n 20 "$T_DIR/out" >&2
	fail "output lacks '$1'"
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
