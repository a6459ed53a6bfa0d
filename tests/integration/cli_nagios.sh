#!/bin/bash
# --format nagios: a status line "SOCKDOC OK" / "SOCKDOC CRITICAL" with
# perfdata after '|', then (monitoring-plugin long output) one block per
# cause with its evidence and fixes; the plugin exit codes (0 OK, 2
# CRITICAL for a high-confidence blocking cause).  The healthy run has no
# cause, so it is one line.  (The plugin mode itself: nagios_*.sh.)
. "$(dirname "$0")/lib.sh"

# Check the nagios output file: status line matching REGEX with perfdata,
# then LINES lines in all, none of the later ones holding '|'.
check_output() {
	local f=$1 regex=$2 lines=$3 n
	n=$(wc -l <"$f")
	[ "$n" -eq "$lines" ] || { cat "$f"; fail "$f has $n lines, expected $lines"; }
	head -n1 "$f" | grep -Eq -- "$regex" || { cat "$f"; fail "first line of $f does not match /$regex/"; }
	head -n1 "$f" | grep -Eq '\| *[A-Za-z_][A-Za-z0-9_.]*=[0-9.]+' ||
		fail "no perfdata on the status line of $f"
	tail -n +2 "$f" | grep -q '|' && fail "a long output line of $f holds '|'"
	return 0
}

port=$(free_port)
start_aiosmtpd "$port"
run_sockdoc "$T_DIR/ok.txt" --report --format nagios --timeout 3 \
	"smtp://127.0.0.1:$port"
assert_exit 0
check_output "$T_DIR/ok.txt" '^SOCKDOC OK' 1
assert_grep "$T_DIR/ok.txt" ' time=[0-9.]+s;;;0;'

closed=$(free_port)
run_sockdoc "$T_DIR/crit.txt" --report --format nagios --timeout 3 \
	"smtp://127.0.0.1:$closed"
assert_exit 2
check_output "$T_DIR/crit.txt" '^SOCKDOC CRITICAL - tcp\.refused' \
	"$(($(grep -c '' "$T_DIR/crit.txt")))"
[ "$(wc -l <"$T_DIR/crit.txt")" -ge 3 ] || fail "no long output for the cause"
assert_grep "$T_DIR/crit.txt" '^\[CRITICAL\] tcp\.refused \(confidence high\)'
assert_grep "$T_DIR/crit.txt" '^  evidence: '
assert_grep "$T_DIR/crit.txt" '^  fix: '
exit 0
