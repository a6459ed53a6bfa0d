#!/bin/bash
# monitor.sh — the response time a monitoring system graphs, side by side:
# check_smtp / check_ftp (Debian's monitoring-plugins-basic) and
# `sockdoc check` against the same loopback servers (aiosmtpd, pyftpdlib),
# N runs each: the median and max of the perfdata `time=` value, and the
# plugin's wall time (sockdoc runs its whole chain, ICMP included, but
# never counts it in time=).  Prints figures; asserts nothing.
#
# Usage: bench/monitor.sh [N]      (SOCKDOC=path overrides src/sockdoc)
here=$(cd "$(dirname "$0")" && pwd)
N=${1:-5}
export SOCKDOC=${SOCKDOC:-$here/../src/sockdoc}
[ -x "$SOCKDOC" ] || { echo "no $SOCKDOC: build first" >&2; exit 2; }
. "$here/../tests/integration/lib.sh"
P=/usr/lib/nagios/plugins

# Run CMD... N times; print "NAME time= median/max, wall median" in ms.
measure() {
	local name=$1 i t0 t1 times=() walls=()
	shift
	for ((i = 0; i < N; i++)); do
		t0=$(date +%s%N)
		"$@" </dev/null >"$T_DIR/out" 2>/dev/null
		t1=$(date +%s%N)
		walls+=($(((t1 - t0) / 1000000)))
		times+=("$(sed -n '1s/.*[| ]time=\([0-9.]*\)s.*/\1/p' "$T_DIR/out")")
	done
	printf '%s\n' "${times[@]}" | sort -g | awk -v name="$name" \
		-v wall="$(printf '%s\n' "${walls[@]}" | sort -n |
			   awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
		'{ v[NR] = $1 * 1000 }
		END { printf "%-28s time= median %8.3f ms  max %8.3f ms   wall median %5d ms\n",
			name, v[int((NR + 1) / 2)], v[NR], wall }'
}

smtp=$(free_port)
start_aiosmtpd "$smtp" >/dev/null
echo "SMTP, aiosmtpd on 127.0.0.1:$smtp, $N runs each"
[ -x "$P/check_smtp" ] && measure "check_smtp" "$P/check_smtp" -H 127.0.0.1 -p "$smtp"
measure "sockdoc check (smtp)" "$SOCKDOC" check -H 127.0.0.1 -p "$smtp"

if $PY -c 'import pyftpdlib' 2>/dev/null; then
	ftp=$(free_port)
	mkdir -p "$T_DIR/ftproot"
	start_bg pyftpd $PY -m pyftpdlib -i 127.0.0.1 -p "$ftp" -d "$T_DIR/ftproot"
	wait_port 127.0.0.1 "$ftp" 15
	echo "FTP, pyftpdlib on 127.0.0.1:$ftp, $N runs each"
	[ -x "$P/check_ftp" ] && measure "check_ftp" "$P/check_ftp" -H 127.0.0.1 -p "$ftp"
	measure "sockdoc check -P ftp" "$SOCKDOC" check -H 127.0.0.1 -p "$ftp" -P ftp
fi
