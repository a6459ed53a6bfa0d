#!/bin/bash
# run.sh — build the fuzz targets with clang's libFuzzer (ASan + UBSan) and
# run each for SECONDS (default 60), printing executions and findings.
# One line per target, "PASS: fuzz_T (N runs)" or "FAIL: fuzz_T (why)",
# a failure followed by its reproducer (file, bytes, stack); the exit code
# is the number of failed targets (tests/run-all.sh counts the lines).
# Usage: tests/fuzz/run.sh [SECONDS]   (from a configured source tree)
#   FUZZ_TARGETS="reply ehlo"  only these;  FUZZ_OUT=DIR  keep the work
#   there;  JOBS=N  parallel compiles (default 2)
set -u
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$(mktemp -d)}
jobs=${JOBS:-2}
mkdir -p "$out/obj"
incs=$(find "$top/src" "$top/checks" -type d | sed 's/^/-I/' | tr '\n' ' ')

# Make variable(s) $1 of the configured tree (what configure found).
make_var() {
	printf 'print-var:\n\t@echo %s\n' "$1" |
		make -s -C "$top" -f Makefile -f - print-var
}
# The libraries' flags as configure found them (config.h says which
# optional ones, such as libpcap, are in).
v='$(CURL_CFLAGS) $(CARES_CFLAGS) $(JANSSON_CFLAGS) $(OPENSSL_CFLAGS)'
v="$v"' $(IDN2_CFLAGS) $(PCAP_CFLAGS) $(NCURSES_CFLAGS)'
pkgflags=$(make_var "$v") || { echo "FAIL: fuzz (no configured tree)"; exit 1; }
libs=$(make_var '$(libsockdoc_engine_la_LIBADD) $(NCURSES_LIBS) $(LIBS)') ||
	{ echo "FAIL: fuzz (no configured tree)"; exit 1; }
cflags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined \
-fno-sanitize-recover=undefined -I$top $incs \
-DLOCALEDIR=\"/usr/share/locale\" $pkgflags"
failed=0

# One source file $1 to its object under $out/obj.
compile() {
	# shellcheck disable=SC2086
	clang $cflags -c -o "$out/obj/$(echo "${1#"$top"/}" | tr / _).o" "$1"
}

# Print the reproducer of target $1: each crash/leak/timeout/oom file,
# its first bytes, and the sanitizer's report from the log.
reproducer() {
	local f
	for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
		[ -e "$f" ] || continue
		echo "reproducer: $f ($(wc -c <"$f") bytes; replay:" \
			"$out/fuzz_$1 $f; keep it as tests/fuzz/corpus/$1/)"
		od -A d -c "$f" | head -n 16
		mv "$f" "$out/found_$1_$(basename "$f")"
	done
	grep -E "^==[0-9]+==ERROR|runtime error|^SUMMARY|^ +#[0-9]+ 0x" \
		"$out/fuzz_$1.log" | head -n 40
}

# Build target $1 against the objects and run it; PASS/FAIL line.
fuzz_one() {
	local t=$1 rc runs
	# shellcheck disable=SC2086
	if ! clang $cflags -fsanitize=fuzzer -o "$out/fuzz_$t" \
		"$top/tests/fuzz/fuzz_$t.c" "$out"/obj/*.o $libs \
		>"$out/fuzz_$t.build.log" 2>&1; then
		echo "FAIL: fuzz_$t (does not build)"
		tail -n 20 "$out/fuzz_$t.build.log"
		return 1
	fi
	mkdir -p "$out/corpus_$t"
	cp "$top/tests/fuzz/corpus/$t"/* "$out/corpus_$t/"
	# Bounded twice: libFuzzer's own clock, and timeout(1) for a hang.
	timeout --foreground -k 5 $((secs + 60)) "$out/fuzz_$t" -max_total_time="$secs" \
		-timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/" "$out/corpus_$t" >"$out/fuzz_$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/fuzz_$t.log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		echo "PASS: fuzz_$t ($runs runs in ${secs}s," \
			"corpus $(ls "$out/corpus_$t" | wc -l) files)"
		return 0
	fi
	echo "FAIL: fuzz_$t (exit $rc after ${runs:-?} runs)"
	reproducer "$t"
	return 1
}

# The engine once, as objects; each target links against them.
export -f compile
export out top cflags
find "$top/src" "$top/checks" -name '*.c' ! -name main.c -print0 |
	xargs -0 -n 1 -P "$jobs" bash -c 'compile "$0"' || {
	echo "FAIL: fuzz (the engine does not build with clang)"
	exit 1
}
for t in ${FUZZ_TARGETS:-reply target explain pasv ehlo list sanitize pastelog dns}; do
	fuzz_one "$t" || failed=$((failed + 1))
done
echo "findings (crash/leak/timeout files) in $out:" \
	"$(ls "$out" | grep -c '^found_' || true)"
exit "$failed"
