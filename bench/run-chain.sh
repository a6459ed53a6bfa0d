#!/bin/bash
# run-chain.sh — benchmark of the basic chain: time to a diagnosis for a
# healthy, a refused and a filtered target (N runs each: median and max),
# and the peak RSS of one run (GNU time, Debian package "time").  Prints
# figures; asserts nothing.  Traffic: loopback, and a network namespace
# for the filtered case (root only; skipped otherwise).
#
# Usage: bench/run-chain.sh [N]      (SOCKDOC=path overrides src/sockdoc)
here=$(cd "$(dirname "$0")" && pwd)
N=${1:-5}
TIMEOUT=${BENCH_TIMEOUT:-2}
export SOCKDOC=${SOCKDOC:-$here/../src/sockdoc}
[ -x "$SOCKDOC" ] || { echo "no $SOCKDOC: build first" >&2; exit 2; }
. "$here/../tests/integration/lib.sh"

# Run the chain N times against TARGET; print "name median max" in ms.
measure() {
	local name=$1 i ms=()
	shift
	for ((i = 0; i < N; i++)); do
		run_sockdoc "$T_DIR/$name.$i.json" --report --format json \
			--timeout "$TIMEOUT" "$@" >/dev/null
		ms+=("$REPORT_MS")
	done
	printf '%s\n' "${ms[@]}" | sort -n | awk -v name="$name" \
		-v rc="$REPORT_RC" '{ v[NR] = $1 }
		END { printf "%-10s n=%d median=%d ms max=%d ms (exit %s)\n",
			name, NR, v[int((NR + 1) / 2)], v[NR], rc }'
}

# Peak RSS in kB of one run with ARGS, from GNU time -v.
peak_rss() {
	[ -x /usr/bin/time ] || { echo "n/a (install package time)"; return; }
	/usr/bin/time -v "$SOCKDOC" --report --format json --timeout "$TIMEOUT" \
		"$@" </dev/null 2>"$T_DIR/time.txt" >/dev/null
	sed -n 's/.*Maximum resident set size (kbytes): *//p' "$T_DIR/time.txt"
}

port=$(free_port)
start_aiosmtpd "$port" >/dev/null
closed=$(free_port)

echo "sockdoc chain benchmark: $N runs each, --timeout $TIMEOUT s"
measure healthy "smtp://127.0.0.1:$port"
measure refused "smtp://127.0.0.1:$closed"
if (need_root) >/dev/null 2>&1 && command -v iptables >/dev/null; then
	make_netns
	start_fault_in_ns inner 2525 --mode greet --text '220 x\r\n' >/dev/null
	ns_exec iptables -A INPUT -p tcp --dport 2525 -j DROP
	measure filtered "smtp://$NETNS_IP:2525"
else
	echo "filtered   skipped (needs root and network namespaces)"
fi
echo "peak RSS healthy: $(peak_rss "smtp://127.0.0.1:$port") kB"
echo "peak RSS refused: $(peak_rss "smtp://127.0.0.1:$closed") kB"
