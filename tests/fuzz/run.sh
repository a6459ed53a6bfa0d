#!/bin/sh
# run.sh — build the fuzz targets with clang's libFuzzer (ASan + UBSan) and
# run each for SECONDS (default 60), printing executions and findings.
# Usage: tests/fuzz/run.sh [SECONDS]   (from a configured source tree)
set -eu
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$(mktemp -d)}
mkdir -p "$out/obj"
incs=$(find "$top/src" "$top/checks" -type d | sed 's/^/-I/' | tr '\n' ' ')
cflags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -I$top $incs \
-DLOCALEDIR=\"/usr/share/locale\" \
$(pkg-config --cflags libcurl libcares jansson ncursesw libidn2)"
libs="$(pkg-config --libs libcurl libcares jansson ncursesw libidn2) -lm \
$(pkg-config --libs openssl 2>/dev/null || true)"
# The engine once, as objects; each target links against them.
for src in $(find "$top/src" "$top/checks" -name '*.c' | grep -v '/main.c$'); do
	obj="$out/obj/$(echo "${src#"$top"/}" | tr / _).o"
	# shellcheck disable=SC2086
	clang $cflags -c -o "$obj" "$src"
done
for t in ${FUZZ_TARGETS:-reply target explain pasv ehlo list sanitize pastelog dns}; do
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer -o "$out/fuzz_$t" \
		"$top/tests/fuzz/fuzz_$t.c" "$out"/obj/*.o $libs
	mkdir -p "$out/corpus_$t"
	cp "$top/tests/fuzz/corpus/$t"/* "$out/corpus_$t/"
	echo "== fuzz_$t for ${secs}s"
	"$out/fuzz_$t" -max_total_time="$secs" -artifact_prefix="$out/" \
		"$out/corpus_$t" >"$out/fuzz_$t.log" 2>&1 || true
	grep -E '^Done [0-9]+ runs|ERROR: |SUMMARY' "$out/fuzz_$t.log" || true
done
echo "findings (crash/leak/timeout files) in $out: $(ls "$out" | grep -c -e '^crash-' -e '^leak-' -e '^timeout-' || true)"
