#!/bin/bash
# A password in the target URL (ftp://bob:secret@..., smtp://u:p@...) is
# refused like --password: exit 2 (--format nagios: 3), nothing sent (the listener sees no
# connection), the message says where a password may come from, and the
# password appears nowhere in stdout or stderr, in any format.
. "$(dirname "$0")/lib.sh"

start_fault listener --mode greet --text '220 hostile ESMTP\r\n' --hold 2
secret='s3cr3tPW'

# check NAME ARGS...: exit 2, empty stdout, a message naming the
# password sources, and no trace of the secret.  With --format nagios a
# usage error is UNKNOWN (3, the plugin guidelines) and stdout is the
# one UNKNOWN status line.
check() {
	local name=$1
	shift
	run_sockdoc "$T_DIR/$name.out" "$@"
	if [[ " $* " == *" --format nagios "* ]]; then
		assert_exit 3
		assert_grep "$T_DIR/$name.out" '^SOCKDOC UNKNOWN - .*a password in the target is visible.*SOCKDOC_PASSWORD'
		[ "$(wc -l <"$T_DIR/$name.out")" = 1 ] || fail "$name: more than the status line"
	else
		assert_exit 2
		assert_empty "$T_DIR/$name.out"
	fi
	assert_grep "$T_DIR/$name.out.err" 'SOCKDOC_PASSWORD'
	if grep -q "$secret" "$T_DIR/$name.out" "$T_DIR/$name.out.err"; then
		fail "$name: the password was echoed"
	fi
}

check ftp --report -v "ftp://bob:$secret@127.0.0.1:$FAULT_PORT"
check ftp_json --report --format json "ftp://bob:$secret@127.0.0.1:$FAULT_PORT"
check smtp --report --format json "smtp://u:$secret@127.0.0.1:$FAULT_PORT"
check ftps_nagios --format nagios "ftps://bob:$secret@127.0.0.1:$FAULT_PORT/dir"
check empty_user --report "ftp://:$secret@127.0.0.1:$FAULT_PORT"
check no_scheme --report --protocol ftp "bob:$secret@127.0.0.1:$FAULT_PORT"
# Even with another error in the target the password stays hidden.
check bad_port --report "smtp://u:$secret@127.0.0.1:99999"
assert_grep "$T_DIR/bad_port.out.err" 'u:\*\*\*@'

if grep -q '^connection from' "$T_DIR/listener.out"; then
	fail "a target with a password still connected"
fi
# A plain user name (no password) is still accepted and connects.
run_sockdoc "$T_DIR/user.out" --report --format json --timeout 1 --budget 5 \
	"smtp://bob@127.0.0.1:$FAULT_PORT"
[ "$REPORT_RC" -ne 2 ] || fail "smtp://bob@ refused as a usage error"
grep -q '^connection from' "$T_DIR/listener.out" ||
	fail "smtp://bob@ did not connect"
exit 0
