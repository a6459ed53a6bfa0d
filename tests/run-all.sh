#!/bin/bash
# run-all.sh — the project's whole test command (README, CI): build from a
# clean checkout and run every test; the last line is the tally
# "N passed, N failed, N skipped".  Exit 0 only when nothing failed.
# Extra arguments go to ./configure.
set -u
cd "$(dirname "$0")/.." || exit 2
LOGDIR=${RUN_ALL_LOGDIR:-$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-run-all.XXXXXX")}
JOBS=${JOBS:-2}

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

step autoreconf autoreconf -fi
step configure ./configure "$@"
step make make -j"$JOBS"

echo "== make check"
rm -f test-suite.log
make -j"$JOBS" check >"$LOGDIR/check.log" 2>&1
rc=$?
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
echo "$((pass + xfail)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
