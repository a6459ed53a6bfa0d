#!/bin/bash
# Values sockdoc used to take silently: each is now a clear usage error
# (exit 2, a message naming the limit, nothing sent) or a warning.
#   --max-connections 1000 (capped at 256 before), --dns-server 127.0.0.1:65589
#   (taken modulo 65536: port 53), --count without --watch, empty --trials
#   items, a directory / an empty file / a 100 KB file as --password-file;
#   a group/world-readable ~/.netrc that gives the password: a warning.
. "$(dirname "$0")/lib.sh"

start_fault srv --mode greet --text '220 limits ESMTP\r\n' --hold 1
tgt="smtp://127.0.0.1:$FAULT_PORT"

usage() {
	local name=$1 regex=$2
	shift 2
	run_sockdoc "$T_DIR/$name.out" --report --format json --timeout 1 \
		--budget 5 "$@" "$tgt"
	assert_exit 2
	assert_empty "$T_DIR/$name.out"
	assert_grep "$T_DIR/$name.out.err" "$regex"
}
usage maxconn '256' --max-connections 1000
usage dnsport '65589' --dns-server 127.0.0.1:65589
usage dnsport0 'dns-server' --dns-server '[::1]:0'
usage dnsname 'dns-server' --dns-server dns.example.test
usage count 'watch' --count 3
usage trials_gap 'trials' --trials 'upload,,idle'
usage trials_end 'trials' --trials 'upload,'
usage trials_empty 'trials' --trials ''
mkdir "$T_DIR/pwdir"
usage pw_dir 'not a regular file' --password-file "$T_DIR/pwdir"
: >"$T_DIR/pw_empty"
usage pw_empty 'empty' --password-file "$T_DIR/pw_empty"
head -c 102400 /dev/zero | tr '\0' 'x' >"$T_DIR/pw_huge"
usage pw_huge 'longer than' --password-file "$T_DIR/pw_huge"
if grep -q '^connection from' "$T_DIR/srv.out"; then
	fail "a usage error still connected"
fi
# The limits themselves still work.
run_sockdoc "$T_DIR/ok.out" --report --format json --timeout 1 --budget 5 \
	--max-connections 256 --trials none "$tgt"
[ "$REPORT_RC" -ne 2 ] || fail "--max-connections 256 refused"

# ~/.netrc readable by others: used, with a warning; 0600: no warning.
home=$T_DIR/home
mkdir "$home"
printf 'machine 127.0.0.1 login bob password n3trcPW\n' >"$home/.netrc"
chmod 644 "$home/.netrc"
HOME=$home run_sockdoc "$T_DIR/netrc.out" --report --format json \
	--timeout 1 --budget 5 "$tgt"
assert_grep "$T_DIR/netrc.out.err" 'chmod 600'
assert_no_grep "$T_DIR/netrc.out.err" 'n3trcPW'
assert_no_grep "$T_DIR/netrc.out" 'n3trcPW'
chmod 600 "$home/.netrc"
HOME=$home run_sockdoc "$T_DIR/netrc2.out" --report --format json \
	--timeout 1 --budget 5 "$tgt"
assert_no_grep "$T_DIR/netrc2.out.err" 'chmod 600'
exit 0
