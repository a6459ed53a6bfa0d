#!/bin/bash
# bounded.sh CMD...: run one test (automake's LOG_COMPILER) with a hard
# time limit, so that one hung test fails with evidence instead of
# holding the whole suite (and CI) until its own limit.
#   SOCKDOC_TEST_LIMIT  seconds before the test is stopped (default 600;
#                       the slowest test takes about 40 s, or 3x that
#                       under ASan/UBSan)
# At the limit, the test's processes are listed with their kernel wait
# channel (and a backtrace of every sockdoc among them when gdb is
# installed) into the test's log; the test script then gets TERM, so its
# exit trap stops its servers and namespaces, and 20 s later everything
# left in its process group gets KILL.  The test counts as failed (exit
# 124).  Every test's log ends with the seconds it took.
[ $# -ge 1 ] || { echo "usage: bounded.sh CMD..." >&2; exit 2; }
limit=${SOCKDOC_TEST_LIMIT:-600}
start=$(date +%s)

# Print every process in process group $1, then a backtrace of each
# sockdoc among them (bounded: gdb gets 20 s each).
show_group() {
	local pgid=$1 pid
	echo "=== bounded.sh: the test ran past ${limit}s; its processes:"
	ps -o pid=,ppid=,stat=,etimes=,wchan:24=,args= -g "$pgid" 2>/dev/null
	command -v gdb >/dev/null 2>&1 || return 0
	for pid in $(ps -o pid=,comm= -g "$pgid" 2>/dev/null | awk '$2 == "sockdoc" {print $1}'); do
		echo "=== backtrace of sockdoc $pid:"
		timeout -k 2 20 gdb -p "$pid" -batch -nx -ex 'thread apply all bt' 2>&1 |
			grep -E '^(#|Thread)' | head -n 60
	done
}

# The test leads a process group of its own (setsid: as a child of this
# non-interactive shell it is not a group leader, so setsid does not
# fork), so the watchdog reaches everything it started and nothing else.
# Being in a session of its own, it no longer gets the terminal's ^C:
# this script passes INT/TERM/HUP on as TERM.
setsid "$@" &
test_pid=$!
trap 'kill -TERM "$test_pid" 2>/dev/null' INT TERM HUP
(
	trap 'kill "$nap" 2>/dev/null; exit 0' TERM
	sleep "$limit" &
	nap=$!
	wait "$nap"
	show_group "$test_pid"
	kill -TERM "$test_pid" 2>/dev/null
	sleep 20 &
	nap=$!
	wait "$nap"
	kill -KILL -- "-$test_pid" 2>/dev/null
) &
watchdog=$!
# wait returns early when a trapped signal arrives: wait again until the
# test itself has ended.
while :; do
	wait "$test_pid"
	rc=$?
	kill -0 "$test_pid" 2>/dev/null || break
done
took=$(($(date +%s) - start))
if [ "$took" -ge "$limit" ]; then
	rc=124
	kill -KILL -- "-$test_pid" 2>/dev/null
fi
kill -TERM "$watchdog" 2>/dev/null
wait "$watchdog" 2>/dev/null
echo "=== bounded.sh: exit $rc after $took s"
exit "$rc"
