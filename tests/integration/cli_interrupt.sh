#!/bin/bash
# --report interrupted by SIGINT/SIGTERM: a partial report of what
# finished (input, reach...), verdict "interrupted", exit 130 for INT and
# 143 for TERM; the -o file is written too (the old one is replaced only
# by a complete write).
. "$(dirname "$0")/lib.sh"

start_fault srv --mode silent --hold 30
tgt="smtp://127.0.0.1:$FAULT_PORT"

# interrupt NAME SIGNAL ARGS...: start sockdoc, wait until reach is done
# (the transcript is not written yet: wait a fixed, bounded time), send
# SIGNAL, and record the exit code in RC.
interrupt() {
	local name=$1 sig=$2 pid i
	shift 2
	"$SOCKDOC" --report --timeout 20 --budget 40 "$@" "$tgt" \
		</dev/null >"$T_DIR/$name.out" 2>"$T_DIR/$name.err" &
	pid=$!
	for i in $(seq 1 50); do
		grep -q '^connection from' "$T_DIR/srv.out" && break
		sleep 0.1
	done
	sleep 0.5
	kill "-$sig" "$pid"
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "$name: still running 5 s after SIG$sig"; }
	wait "$pid"
	RC=$?
	note "$name: SIG$sig -> exit $RC"
}

interrupt int INT --format json
[ "$RC" = 130 ] || fail "SIGINT: exit $RC, not 130"
assert_json "$T_DIR/int.out" 'r["verdict"] == "interrupted"'
assert_json "$T_DIR/int.out" 'r["signal"] == 2'
assert_json "$T_DIR/int.out" 'status("input") == "ok"'
assert_json "$T_DIR/int.out" 'status("reach") == "ok"'
assert_json "$T_DIR/int.out" 'status("banner") == "error"'
assert_json "$T_DIR/int.out" 'probe("banner")["summary"] == "interrupted"'

interrupt term TERM --format text -v
[ "$RC" = 143 ] || fail "SIGTERM: exit $RC, not 143"
assert_grep "$T_DIR/term.out" 'interrupted'
assert_grep "$T_DIR/term.out" 'reach'

echo old >"$T_DIR/rep.json"
interrupt file INT --format json -o "$T_DIR/rep.json"
[ "$RC" = 130 ] || fail "SIGINT with -o: exit $RC"
assert_json "$T_DIR/rep.json" 'r["verdict"] == "interrupted"'
exit 0
