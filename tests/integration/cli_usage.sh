#!/bin/bash
# Usage errors (unknown option, bad --timeout, bad --format) exit 2 with a
# message on stderr, print nothing on stdout, and send nothing: a listener
# on the target port sees no connection.
. "$(dirname "$0")/lib.sh"

start_fault watch --mode greet --text '220 watch ESMTP\r\n' --hold 2
target="smtp://127.0.0.1:$FAULT_PORT"

# Run one bad command line and check exit 2, stderr said something
# matching REGEX, stdout empty.
check_usage() {
	local name=$1 regex=$2
	shift 2
	run_sockdoc "$T_DIR/$name.out" "$@"
	assert_exit 2
	assert_empty "$T_DIR/$name.out"
	[ -s "$T_DIR/$name.out.err" ] || fail "$name: nothing on stderr"
	assert_grep "$T_DIR/$name.out.err" "$regex"
}

check_usage unknown 'no-such-option|unrecognized|unknown' \
	--report --no-such-option "$target"
check_usage timeout_word 'timeout|abc' \
	--report --format json --timeout abc "$target"
check_usage timeout_negative 'timeout|-3' \
	--report --format json --timeout -3 "$target"
check_usage format 'format|bogus' \
	--report --format bogus "$target"
check_usage protocol 'protocol|gopher' \
	--report --format json --protocol gopher 127.0.0.1
# --ehlo takes a domain or an address literal (RFC 5321 4.1.4) only:
# one message each, exit 2.
check_usage ehlo_space 'ehlo.*bad name' \
	--report --format json --ehlo 'bad name' "$target"
check_usage ehlo_literal 'ehlo.*300\.1\.1\.1' \
	--report --format json --ehlo '[300.1.1.1]' "$target"
check_usage ehlo_underscore 'ehlo.*my_host' \
	--report --format json --ehlo 'my_host.example' "$target"
check_usage ehlo_empty 'ehlo' --report --format json --ehlo '' "$target"
[ "$(wc -l <"$T_DIR/ehlo_space.out.err")" -le 2 ] ||
	fail "--ehlo: more than one message"
# A password never comes from argv.
check_usage password 'password' \
	--report --format json --password hunter2 "$target"

# Nothing was sent to the server by any of them.
if grep -q '^connection from' "$T_DIR/watch.out"; then
	fail "a usage error still connected to the target"
fi
exit 0
