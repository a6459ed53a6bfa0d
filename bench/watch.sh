#!/bin/bash
# watch.sh — memory of `sockdoc --watch 1 --count 0` (forever) over time:
# the resident set after about 10, 70 and 130 rounds against a healthy
# aiosmtpd on loopback.  The timeline keeps the last 64 rounds in full and
# running statistics for the rest (src/watch/watch_stats.h), so the
# figures at 70 and 130 rounds should be the same; before issue 11 every
# round added 2-4 KB.  Prints figures; asserts nothing.  Takes ~2.5 min.
#
# Usage: bench/watch.sh [SECONDS...]   (default 10 70 130; SOCKDOC=path)
here=$(cd "$(dirname "$0")" && pwd)
export SOCKDOC=${SOCKDOC:-$here/../src/sockdoc}
[ -x "$SOCKDOC" ] || { echo "no $SOCKDOC: build first" >&2; exit 2; }
. "$here/../tests/integration/lib.sh"
marks=("$@")
[ ${#marks[@]} -gt 0 ] || marks=(10 70 130)

smtp=$(free_port)
start_aiosmtpd "$smtp" >/dev/null
start_bg watch "$SOCKDOC" --report --watch 1 --count 0 \
	"smtp://127.0.0.1:$smtp"
pid=$LAST_PID
t0=$(date +%s)
printf '%-8s %-8s %-10s %-10s\n' seconds rounds VmRSS VmHWM
for m in "${marks[@]}"; do
	while [ $(($(date +%s) - t0)) -lt "$m" ]; do
		kill -0 "$pid" 2>/dev/null || { echo "watch ended early" >&2; exit 1; }
		sleep 1
	done
	rounds=$(grep -c ' #[0-9]' "$T_DIR/watch.out")
	printf '%-8s %-8s %-10s %-10s\n' "$m" "$rounds" \
		"$(awk '/^VmRSS/ { print $2 " kB" }' /proc/$pid/status)" \
		"$(awk '/^VmHWM/ { print $2 " kB" }' /proc/$pid/status)"
done
