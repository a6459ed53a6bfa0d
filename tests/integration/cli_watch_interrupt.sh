#!/bin/bash
# --watch interrupted: SIGINT ends it at once, not at the end of the round
# at work (whose EHLO waits --timeout 8 s), with a report of the rounds so
# far, verdict "interrupted", exit 130; SIGTERM during the first round
# gives the partial report of that round, exit 143, and the -o file is in
# place with no temporary file left beside it.
. "$(dirname "$0")/lib.sh"

start_fault srv --mode greet --text $'220 hi\r\n' --hold 60 --lifetime 90
tgt="smtp://127.0.0.1:$FAULT_PORT"

# stop_watch PID SIGNAL: send SIGNAL, wait (bounded) for PID to end; RC is
# its exit code.  Ending later than 4 s is the old behaviour (the round at
# work ran on to its 8 s timeout).
stop_watch() {
	local pid=$1 sig=$2 i
	kill "-$sig" "$pid"
	for i in $(seq 1 40); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && {
		kill -KILL "$pid"
		fail "SIG$sig: still running 4 s later (the round was not cut short)"
	}
	wait "$pid"
	RC=$?
	note "SIG$sig -> exit $RC"
}

# SIGINT in round 2: the timeline line of round 1 is out, round 2 waits.
"$SOCKDOC" --report --watch 1 --count 0 --timeout 8 "$tgt" \
	</dev/null >"$T_DIR/int.out" 2>"$T_DIR/int.err" &
pid=$!
for i in $(seq 1 300); do
	grep -q '#1 ' "$T_DIR/int.out" && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
assert_grep "$T_DIR/int.out" '#1 '
sleep 1
stop_watch "$pid" INT
[ "$RC" = 130 ] || fail "SIGINT: exit $RC, not 130"
assert_grep "$T_DIR/int.out" 'interrupted'
assert_grep "$T_DIR/int.out" 'watch'
grep -q '#2 ' "$T_DIR/int.out" && fail "round 2 was finished, not cut short"

# SIGTERM in round 1, JSON to -o over an old file.
mkdir "$T_DIR/out"
echo old >"$T_DIR/out/rep.json"
"$SOCKDOC" --report --format json -o "$T_DIR/out/rep.json" --watch 1 \
	--count 0 --timeout 8 "$tgt" </dev/null >"$T_DIR/term.out" \
	2>"$T_DIR/term.err" &
pid=$!
n0=$(grep -c '^connection from' "$T_DIR/srv.out")
for i in $(seq 1 100); do
	[ "$(grep -c '^connection from' "$T_DIR/srv.out")" -gt "$n0" ] && break
	sleep 0.1
done
sleep 1
stop_watch "$pid" TERM
[ "$RC" = 143 ] || fail "SIGTERM: exit $RC, not 143"
assert_json "$T_DIR/out/rep.json" 'r["verdict"] == "interrupted"'
assert_json "$T_DIR/out/rep.json" 'r["signal"] == 15'
assert_json "$T_DIR/out/rep.json" 'status("banner") == "ok"'
assert_json "$T_DIR/out/rep.json" 'probe("watch")["details"]["stopped_by"] == "signal"'
assert_json "$T_DIR/out/rep.json" 'probe("watch")["details"]["rounds_total"] == 0'
left=$(ls -A "$T_DIR/out")
[ "$left" = rep.json ] || fail "left beside the -o file: $left"
exit 0
