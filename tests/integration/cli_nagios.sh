#!/bin/bash
# --format nagios: one status line, "SOCKDOC OK" / "SOCKDOC CRITICAL", with
# perfdata after '|', and the plugin exit codes (0 OK, 2 CRITICAL for a
# high-confidence blocking cause).
. "$(dirname "$0")/lib.sh"

# Check the nagios output file: one line, matching REGEX, perfdata present.
check_line() {
	local f=$1 regex=$2 n
	n=$(wc -l <"$f")
	[ "$n" -eq 1 ] || { cat "$f"; fail "$f has $n lines, expected 1"; }
	assert_grep "$f" "$regex"
	assert_grep "$f" '\| *[A-Za-z_][A-Za-z0-9_.]*=[0-9.]+'
}

port=$(free_port)
start_aiosmtpd "$port"
run_sockdoc "$T_DIR/ok.txt" --report --format nagios --timeout 3 \
	"smtp://127.0.0.1:$port"
assert_exit 0
check_line "$T_DIR/ok.txt" '^SOCKDOC OK'

closed=$(free_port)
run_sockdoc "$T_DIR/crit.txt" --report --format nagios --timeout 3 \
	"smtp://127.0.0.1:$closed"
assert_exit 2
check_line "$T_DIR/crit.txt" '^SOCKDOC CRITICAL'
assert_grep "$T_DIR/crit.txt" 'tcp\.refused|refused'
exit 0
