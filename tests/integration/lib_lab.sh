# lib_lab.sh — the fault-lab tests' server and clients (sourced, bash):
# start `sockdoc lab` in the background (bounded by timeout, stopped by
# PID at exit), read the port it printed, cross-check with curl/swaks, and
# ask sockdoc's own chain about it.  The core (testlib.sh) gives fail,
# skip, need, the cleanup and the asserts.  Traffic goes to 127.0.0.1 only.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
LAB_TMP=$T_DIR
on_exit 'cat "$LAB_TMP"/*.err 2>/dev/null >&2'

# lab_stop PID: stop one lab now (SIGTERM, at most 5 s, then SIGKILL,
# reaped); the exit cleanup finds it gone.
lab_stop() {
	t_stop_pid "$1"
}

# lab_start PROTO FAULT: serve FAULT; sets LAB_PORT and LAB_PID (waits
# at most 5 s).  Stopped at exit, or earlier with lab_stop "$LAB_PID".
lab_start() {
	local out="$LAB_TMP/lab.$1.$RANDOM" i
	timeout --foreground -k 5 120 "$SOCKDOC" lab --protocol "$1" --fault "$2" \
		>"$out" 2>"$out.err" &
	LAB_PID=$!
	track_pid "$LAB_PID" lab
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
# $LAB_TMP/report.json; sets LAB_RC and REPORT_RC to its exit code.
lab_diagnose() {
	local proto=$1 port=$2
	shift 2
	LAB_RC=0
	# The lab takes any password (the POP3/IMAP faults log in with
	# --user lab); it goes through the environment, never argv.
	SOCKDOC_PASSWORD=lab-password timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 "$@" \
		"$proto://127.0.0.1:$port" >"$LAB_TMP/report.json" || LAB_RC=$?
	REPORT_RC=$LAB_RC
	REPORT_FILE=$LAB_TMP/report.json
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

# Compatibility for lab tests written before testlib.sh (others generate
# some concurrently): each old assertion is the core's, spelled the old
# way.  New tests call the core directly.
lab_assert_cause() {
	assert_exit 1 "$LAB_RC"
	assert_cause "$LAB_TMP/report.json" "$@"
}
# A healthy run: exit 0 and the verdict "ok" (lab_faults.sh's "none").
lab_assert_healthy() {
	assert_exit 0 "$LAB_RC"
	assert_json "$LAB_TMP/report.json" 'r["verdict"] == "ok"' "the verdict is not ok"
}
lab_assert_cause_listed() {
	assert_exit 1 "$LAB_RC"
	assert_cause_listed "$LAB_TMP/report.json" "$@"
}
expect_rc() {
	local want=$1
	shift
	run_out "$@"
	assert_exit "$want"
}
expect_out() {
	assert_out "$1"
}
