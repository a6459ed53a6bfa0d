# lib_lab.sh — helpers for the fault-lab tests (sourced, bash): start
# `sockdoc lab` in the background (bounded by timeout, killed by PID on
# exit), read the port it printed, cross-check with curl/swaks/python, and
# ask sockdoc's own chain about it.  Traffic goes to 127.0.0.1 only.
set -u

: "${SOCKDOC:?SOCKDOC must name the built sockdoc binary}"
PY=/usr/bin/python3
LAB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-lab.XXXXXX")
LAB_PIDS=""

# lab_stop PID: SIGTERM (timeout(1) passes it on to the lab), at most
# 5 s to exit, then SIGKILL; reaped either way, and dropped from
# LAB_PIDS so that a reused PID is never signalled.
lab_stop() {
	local i
	LAB_PIDS=$(echo " $LAB_PIDS " | sed "s/ $1 / /g")
	kill -TERM "$1" 2>/dev/null
	for i in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# Stop what this test started (by PID) and remove its files.
lab_cleanup() {
	local p
	for p in $LAB_PIDS; do
		lab_stop "$p"
	done
	cat "$LAB_TMP"/*.err 2>/dev/null >&2
	rm -rf "$LAB_TMP"
}
trap lab_cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Skip (77) when a tool the test needs is missing.
need() {
	command -v "$1" >/dev/null 2>&1 || { echo "SKIP: $1 missing"; exit 77; }
}

# lab_start PROTO FAULT: serve FAULT; sets LAB_PORT and LAB_PID (waits
# at most 5 s).  Stopped at exit, or earlier with lab_stop "$LAB_PID".
lab_start() {
	local out="$LAB_TMP/lab.$1.$RANDOM" i
	timeout 120 "$SOCKDOC" lab --protocol "$1" --fault "$2" \
		>"$out" 2>"$out.err" &
	LAB_PID=$!
	LAB_PIDS="$LAB_PIDS $LAB_PID"
	LAB_PORT=""
	for i in $(seq 50); do
		LAB_PORT=$(awk -v p="$1" '$1 == p { n = split($3, a, ":"); print a[n]; exit }' "$out")
		[ -n "$LAB_PORT" ] && return 0
		sleep 0.1
	done
	cat "$out.err" >&2
	fail "the lab did not start: $1 $2"
}

# lab_diagnose PROTO PORT [OPTIONS...]: sockdoc's report in
# $LAB_TMP/report.json; sets LAB_RC to its exit code.
lab_diagnose() {
	local proto=$1 port=$2
	shift 2
	LAB_RC=0
	timeout 60 "$SOCKDOC" --report --format json --timeout 2 "$@" \
		"$proto://127.0.0.1:$port" >"$LAB_TMP/report.json" || LAB_RC=$?
}

# lab_assert_cause CAUSE EVIDENCE: the report's first cause is CAUSE and
# its evidence mentions EVIDENCE; the exit code says "problems" (1).
lab_assert_cause() {
	[ "$LAB_RC" = 1 ] || fail "sockdoc exit $LAB_RC, expected 1"
	$PY - "$LAB_TMP/report.json" "$1" "$2" <<'EOF' || fail "cause $1 / evidence '$2' not in the report"
import json, sys
r = json.load(open(sys.argv[1]))
c = r["causes"][0]
ev = " ".join(c["evidence"])
print("cause:", c["id"], "| evidence:", ev[:160])
sys.exit(0 if c["id"] == sys.argv[2] and sys.argv[3] in ev else 1)
EOF
}

# lab_assert_cause_listed CAUSE EVIDENCE: CAUSE is among the report's
# causes (not necessarily first) with EVIDENCE.
lab_assert_cause_listed() {
	[ "$LAB_RC" = 1 ] || fail "sockdoc exit $LAB_RC, expected 1"
	$PY - "$LAB_TMP/report.json" "$1" "$2" <<'EOF' || fail "cause $1 / evidence '$2' not in the report"
import json, sys
r = json.load(open(sys.argv[1]))
print("causes:", [c["id"] for c in r["causes"]])
sys.exit(0 if any(c["id"] == sys.argv[2] and sys.argv[3] in " ".join(c["evidence"])
                  for c in r["causes"]) else 1)
EOF
}

# lab_assert_healthy: verdict ok, no causes, the greeting seen.
lab_assert_healthy() {
	[ "$LAB_RC" = 0 ] || fail "sockdoc exit $LAB_RC, expected 0"
	$PY - "$LAB_TMP/report.json" <<'EOF' || fail "the healthy lab was not reported ok"
import json, sys
r = json.load(open(sys.argv[1]))
banner = [p for p in r["probes"] if p["id"] == "banner"][0]
print("verdict:", r["verdict"], "| banner:", banner["summary"])
sys.exit(0 if r["verdict"] == "ok" and not r["causes"]
         and banner["status"] == "ok" and "220" in banner["summary"] else 1)
EOF
}

# expect_rc WANT CMD...: run CMD, its exit code must be WANT; output in
# $LAB_TMP/out (stdout+stderr).
expect_rc() {
	local want=$1 rc=0
	shift
	"$@" >"$LAB_TMP/out" 2>&1 || rc=$?
	[ "$rc" = "$want" ] || { tail -20 "$LAB_TMP/out" >&2; fail "exit $rc, expected $want: $*"; }
}

# expect_out TEXT: the last expect_rc output contains TEXT.
expect_out() {
	grep -qF -- "$1" "$LAB_TMP/out" || { tail -20 "$LAB_TMP/out" >&2; fail "output lacks '$1'"; }
}

# A message file of SIZE bytes (base64 lines, so SMTP takes it).
make_msg() {
	{
		printf 'Subject: lab test\r\n\r\n'
		head -c "$2" /dev/zero | tr '\0' 'x' | fold -w 76 | sed 's/$/\r/'
	} >"$1"
}

# curl to the lab's SMTP listener: send FILE from a@lab to b@lab.
curl_smtp() {
	local port=$1 file=$2
	shift 2
	curl -sS -v -m 5 --mail-from a@lab.test --mail-rcpt b@lab.test \
		-T "$file" "$@" "smtp://127.0.0.1:$port"
}
