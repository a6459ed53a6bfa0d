#!/bin/bash
# run-all.sh — the project's whole test command (README, CI): build from a
# clean checkout and run every test; the last line is the tally
# "N passed, N failed, N skipped".  Exit 0 only when nothing failed.
# Extra arguments go to ./configure.
set -u
cd "$(dirname "$0")/.." || exit 2
LOGDIR=${RUN_ALL_LOGDIR:-$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-run-all.XXXXXX")}
JOBS=${JOBS:-2}
# Every process the suite starts inherits this mark (see leftovers()).
export SOCKDOC_SUITE_MARK=run-all-$$-$RANDOM

# Run a build step quietly; on failure show its log tail and stop.
step() {
	local name=$1
	shift
	echo "== $name"
	if ! "$@" >"$LOGDIR/$name.log" 2>&1; then
		echo "== $name FAILED; last 60 lines of $LOGDIR/$name.log:"
		tail -n 60 "$LOGDIR/$name.log"
		echo "0 passed, 1 failed, 0 skipped"
		exit 1
	fi
}

# Value of "# KEY: N" in the automake test-suite.log summary (0 if none).
count() {
	local n
	n=$(sed -n "s/^# $1: *\([0-9][0-9]*\)\$/\1/p" test-suite.log | head -n 1)
	echo "${n:-0}"
}

# Tail the log of every test whose .trs says it failed.
show_failures() {
	local trs log
	while IFS= read -r trs; do
		grep -Eq '^:test-result: (FAIL|ERROR|XPASS)' "$trs" || continue
		log=${trs%.trs}.log
		echo "==== $log (last 40 lines)"
		tail -n 40 "$log"
	done < <(find . -name '*.trs' -newer "$LOGDIR/make.log" 2>/dev/null | sort)
}

# The suite's processes still alive: servers (vsftpd, dnsmasq, python3
# aiosmtpd/pyftpdlib), sockdoc lab, tmux, found by the mark in their
# environment, so another user's processes never count. One line each.
leftover_procs() {
	local env pid
	for env in /proc/[0-9]*/environ; do
		pid=${env#/proc/}
		pid=${pid%/environ}
		[ "$pid" = "$$" ] && continue
		tr '\0' '\n' 2>/dev/null <"$env" |
			grep -qx "SOCKDOC_SUITE_MARK=$SOCKDOC_SUITE_MARK" || continue
		echo "process $pid: $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")"
	done
}

# Network namespaces now that were not in the snapshot file $1.
leftover_netns() {
	ip netns list 2>/dev/null | awk '{print $1}' | sort |
		comm -13 "$1" - | sed 's/^/netns /'
}

# After make check: what the suite left behind (bounded: two looks 2 s
# apart, so a namespace another suite is just removing does not count).
leftovers() {
	local first
	first=$( { leftover_procs; leftover_netns "$LOGDIR/netns.before"; } )
	[ -n "$first" ] || return 0
	sleep 2
	{ leftover_procs; leftover_netns "$LOGDIR/netns.before"; }
}

step autoreconf autoreconf -fi
step configure ./configure "$@"
step make make -j"$JOBS"

echo "== make check"
ip netns list 2>/dev/null | awk '{print $1}' | sort >"$LOGDIR/netns.before"
rm -f test-suite.log
make -j"$JOBS" check >"$LOGDIR/check.log" 2>&1
rc=$?
export -n SOCKDOC_SUITE_MARK  # the checks below must not carry the mark
grep -E '^(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR):' "$LOGDIR/check.log"
if [ ! -f test-suite.log ]; then
	echo "== make check did not run the tests; last 60 lines:"
	tail -n 60 "$LOGDIR/check.log"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
pass=$(count PASS)
xfail=$(count XFAIL)
fail=$(count FAIL)
xpass=$(count XPASS)
error=$(count ERROR)
skipped=$(count SKIP)
failed=$((fail + xpass + error))
if [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; then
	show_failures
	[ "$failed" -gt 0 ] || {
		echo "== make check failed outside the tests; last 40 lines:"
		tail -n 40 "$LOGDIR/check.log"
		failed=1
	}
fi
left=$(leftovers)
if [ -n "$left" ]; then
	echo "== the tests left these behind (a cleanup leak):"
	echo "$left"
	failed=$((failed + 1))
fi
echo "$((pass + xfail)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
