#!/bin/bash
# Target forms a newcomer types: two ports (host:2525:25) and web URLs
# (http://, https://) are usage errors (exit 2) with one clear message,
# never a run against SMTP port 25; a URL's empty path ("smtp://h:P/") is
# no trailing-slash correction; an IPv6 literal keeps its brackets in the
# text report's heading.  aiosmtpd on loopback.
. "$(dirname "$0")/lib.sh"
P=$(free_port)
start_aiosmtpd "$P"
# The usage errors below end before any lookup; should one not, it asks a
# closed loopback port, never the system's resolver.
NODNS="--dns-server 127.0.0.1:1"

run_sockdoc "$T_DIR/o" --report $NODNS "mail.test:2525:25"
assert_exit 2
assert_grep "$T_DIR/o.err" 'more than one port'
[ "$(wc -l <"$T_DIR/o.err")" -le 2 ] || fail "more than one message for two ports"
for u in "http://mail.test" "https://mail.test/settings"; do
	run_sockdoc "$T_DIR/o" --report $NODNS "$u"
	assert_exit 2
	assert_grep "$T_DIR/o.err" 'web addresses \(http://, https://\) are not diagnosed.*smtp://.*ftp://'
	assert_empty "$T_DIR/o"
done

report_json "$T_DIR/r.json" --timeout 3 "smtp://127.0.0.1:$P/"
assert_exit 0
assert_json "$T_DIR/r.json" 'det("input")["fixes"] == []' "no correction for the URL's '/'"
assert_no_cause "$T_DIR/r.json"

run_sockdoc "$T_DIR/t.txt" --report --timeout 2 "smtp://[::1]:$P"
assert_grep "$T_DIR/t.txt" "^sockdoc smtp://\[::1\]:$P, "
echo PASS
