#!/bin/bash
# run-all.sh — the project's whole test command (README, CI): build from a
# clean checkout and run every test, in up to three passes:
#   1. the plain build, in this tree: make check;
#   2. an ASan/UBSan build (--enable-sanitizers) of a copy of this tree
#      (git's files, uncommitted edits included) under the log directory,
#      so this tree's own in-tree build never blocks it: make check again,
#      less the few tests in tests/sanitizers/skip.list;
#   3. each libFuzzer target (tests/fuzz/run.sh) for a bounded time.
# The last line is the tally over all passes, "N passed, N failed, N
# skipped"; exit 0 only when nothing failed.  Extra arguments go to both
# ./configure runs.
#   RUN_ALL_SANITIZERS=0     skip pass 2 (CI runs it)
#   RUN_ALL_FUZZ_SECONDS=N   seconds per fuzz target (default 20; 0 skips)
#   RUN_ALL_LOGDIR=DIR       where the logs (and pass 2's copy) go
#   RUN_ALL_TESTS="T..."     only these tests in passes 1 and 2 (by hand)
set -u
cd "$(dirname "$0")/.." || exit 2
TOP=$(pwd)
LOGDIR=${RUN_ALL_LOGDIR:-$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-run-all.XXXXXX")}
mkdir -p "$LOGDIR" || exit 2
JOBS=${JOBS:-2}
SANITIZERS=${RUN_ALL_SANITIZERS:-1}
FUZZ_SECONDS=${RUN_ALL_FUZZ_SECONDS:-20}
# Every process the suite starts inherits this mark (see leftovers()).
export SOCKDOC_SUITE_MARK=run-all-$$-$RANDOM
# The tally over the passes.
T_PASS=0
T_FAIL=0
T_SKIP=0

# The tally line, and the exit code.
finish() {
	echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ "$T_FAIL" -eq 0 ]
	exit
}

# Run a build step quietly; on failure show its log tail and stop (the
# step counts as one failed test).
step() {
	local name=$1
	shift
	echo "== $name"
	if ! "$@" >"$LOGDIR/$name.log" 2>&1; then
		echo "== $name FAILED; last 60 lines of $LOGDIR/$name.log:"
		tail -n 60 "$LOGDIR/$name.log"
		T_FAIL=$((T_FAIL + 1))
		finish
	fi
}

# Value of "# KEY: N" in the automake test-suite.log summary (0 if none).
count() {
	local n
	n=$(sed -n "s/^# $1: *\([0-9][0-9]*\)\$/\1/p" test-suite.log | head -n 1)
	echo "${n:-0}"
}

# Tail the log of every test whose .trs says it failed (newer than $1).
show_failures() {
	local trs log
	while IFS= read -r trs; do
		grep -Eq '^:test-result: (FAIL|ERROR|XPASS)' "$trs" || continue
		log=${trs%.trs}.log
		echo "==== $log (last 40 lines)"
		tail -n 40 "$log"
	done < <(find . -name '*.trs' -newer "$1" 2>/dev/null | sort)
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

# make check in the current directory (a configured tree), extra make
# arguments in "$@"; its log is $LOGDIR/$NAME.log.  Adds to the tally.
check_pass() {
	local name=$1 rc pass xfail fail xpass error skipped failed left
	shift
	echo "== $name"
	ip netns list 2>/dev/null | awk '{print $1}' | sort >"$LOGDIR/netns.before"
	rm -f test-suite.log
	# Each result is shown as it comes (a CI log shows how far it got).
	SOCKDOC_SUITE_MARK=$SOCKDOC_SUITE_MARK \
		make -j"$JOBS" check "$@" 2>&1 | tee "$LOGDIR/$name.log" |
		grep --line-buffered -E '^(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR):'
	rc=${PIPESTATUS[0]}
	if [ ! -f test-suite.log ]; then
		echo "== $name did not run the tests; last 60 lines:"
		tail -n 60 "$LOGDIR/$name.log"
		T_FAIL=$((T_FAIL + 1))
		return
	fi
	pass=$(count PASS)
	xfail=$(count XFAIL)
	fail=$(count FAIL)
	xpass=$(count XPASS)
	error=$(count ERROR)
	skipped=$(count SKIP)
	failed=$((fail + xpass + error))
	if [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; then
		show_failures "$LOGDIR/$name.start"
		[ "$failed" -gt 0 ] || {
			echo "== $name failed outside the tests; last 40 lines:"
			tail -n 40 "$LOGDIR/$name.log"
			failed=1
		}
	fi
	left=$(export -n SOCKDOC_SUITE_MARK; leftovers)
	if [ -n "$left" ]; then
		echo "== the tests left these behind (a cleanup leak):"
		echo "$left"
		failed=$((failed + 1))
	fi
	T_PASS=$((T_PASS + pass + xfail))
	T_FAIL=$((T_FAIL + failed))
	T_SKIP=$((T_SKIP + skipped))
}

# The value of make variable $1 in the configured tree here.
make_var() {
	printf 'print-var:\n\t@echo $(%s)\n' "$1" | make -s -f Makefile -f - print-var
}

# Pass 1: the plain build, in this tree.
plain_pass() {
	step autoreconf autoreconf -fi
	step configure ./configure "$@"
	step make make -j"$JOBS"
	touch "$LOGDIR/check.start"
	check_pass check TESTS="${RUN_ALL_TESTS:-$(make_var TESTS)}"
}

# A copy of this tree's files as git knows them (tracked, and untracked
# ones not ignored; the working copy, uncommitted edits included) in $1.
copy_tree() {
	rm -rf "$1" && mkdir -p "$1" &&
		git ls-files -z -c -o --exclude-standard |
		tar --null -T - -cf - | tar -xf - -C "$1"
}

# Pass 2: ASan + UBSan.  The tests in tests/sanitizers/skip.list are left
# out of it (counted as skipped); a leak in a library at exit is in
# tests/sanitizers/lsan.supp.  Built with clang when there is one: gcc's
# UBSan ignores log_path next to ASan and reports only on stderr, which a
# test may not look at (RUN_ALL_SAN_CC overrides the compiler).
sanitizer_pass() {
	local src=$LOGDIR/san-src tests t skip n=0 cc
	if [ "$SANITIZERS" = 0 ]; then
		echo "== sanitizer pass skipped (RUN_ALL_SANITIZERS=0)"
		return
	fi
	cc=${RUN_ALL_SAN_CC:-$(command -v clang >/dev/null && echo clang || echo gcc)}
	cd "$src" || exit 2
	step san-autoreconf autoreconf -fi
	step san-configure ./configure --enable-sanitizers CC="$cc" "$@"
	step san-make make -j"$JOBS"
	skip=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' tests/sanitizers/skip.list | awk '{print $1}')
	tests=
	for t in ${RUN_ALL_TESTS:-$(make_var TESTS)}; do
		if printf '%s\n' "$skip" | grep -qxF "$t"; then
			n=$((n + 1))
		else
			tests="$tests $t"
		fi
	done
	echo "== san-check ($cc): $n tests left out (tests/sanitizers/skip.list)"
	touch "$LOGDIR/san-check.start"
	# Reports go to files (one per process), not to the tests' stderr:
	# a test that ignores its program's exit code still cannot hide one.
	# Some tests run sockdoc as nobody (setpriv): it must reach the
	# copy's binary and write its report there too.
	chmod 711 "$LOGDIR"
	mkdir -p "$LOGDIR/san-reports" && chmod 1777 "$LOGDIR/san-reports"
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:log_path=$LOGDIR/san-reports/asan \
	LSAN_OPTIONS=suppressions=$src/tests/sanitizers/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$LOGDIR/san-reports/ubsan \
		check_pass san-check TESTS="$tests"
	T_SKIP=$((T_SKIP + n))
	san_reports "$LOGDIR/san-reports"
	cd "$TOP" || exit 2
}

# Every sanitizer report file in $1 is one failed test, shown (bounded).
san_reports() {
	local f
	for f in "$1"/*; do
		[ -s "$f" ] || continue
		echo "==== sanitizer report $f (first 60 lines)"
		head -n 60 "$f"
		T_FAIL=$((T_FAIL + 1))
	done
}

# Pass 3: every fuzz target for FUZZ_SECONDS with ASan + UBSan (clang and
# libFuzzer); each target is one test, a crash one failed test whose
# reproducer run.sh prints.
fuzz_pass() {
	local pass fail
	if [ "$FUZZ_SECONDS" = 0 ]; then
		echo "== fuzz pass skipped (RUN_ALL_FUZZ_SECONDS=0)"
		return
	fi
	echo "== fuzz (${FUZZ_SECONDS}s per target)"
	FUZZ_OUT=$LOGDIR/fuzz JOBS=$JOBS tests/fuzz/run.sh "$FUZZ_SECONDS" \
		>"$LOGDIR/fuzz.log" 2>&1
	pass=$(grep -c '^PASS: ' "$LOGDIR/fuzz.log")
	fail=$(grep -c '^FAIL: ' "$LOGDIR/fuzz.log")
	# No line at all: run.sh could not even start; one failure.
	[ "$((pass + fail))" -gt 0 ] || fail=1
	T_PASS=$((T_PASS + pass))
	T_FAIL=$((T_FAIL + fail))
	if [ "$fail" -eq 0 ]; then
		grep '^PASS: ' "$LOGDIR/fuzz.log"
	else
		# The PASS/FAIL lines with each failure's reproducer (bounded).
		echo "== fuzz FAILED ($LOGDIR/fuzz.log):"
		head -n 300 "$LOGDIR/fuzz.log"
	fi
}

echo "== logs in $LOGDIR"
# The copy is taken first, before this tree's build adds files to it.
[ "$SANITIZERS" = 0 ] || step san-copy copy_tree "$LOGDIR/san-src"
plain_pass "$@"
sanitizer_pass "$@"
fuzz_pass
export -n SOCKDOC_SUITE_MARK
finish
