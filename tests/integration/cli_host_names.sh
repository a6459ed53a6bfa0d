#!/bin/bash
# Host names as typed: an international name (smtp://пример.test) goes to
# DNS as its IDNA2008 A-label and the input finding shows both labels; a
# name that is not valid UTF-8, a name IDNA refuses and "[zz]" are usage
# errors (exit 2) before any DNS query or connection.  A port typed after
# a comma, semicolon or space ("mail.test, 2525") is the port, not glued
# into the host; a number that is no port is a usage error naming both
# parts.  A pasted web address with --protocol names the host: reported
# (input.host_malformed) and the chain goes on.
. "$(dirname "$0")/lib.sh"

dport=$(free_port)
start_fault srv --mode greet --text '220 idn ESMTP\r\n' --hold 1
start_dnsmasq "$dport" --host-record=xn--e1afmkfd.test,127.0.0.1 \
	--host-record=mail.test,127.0.0.1
dns=(--dns-server "127.0.0.1:$dport")
log=$T_DIR/dnsmasq-$dport.err

# Usage errors: exit 2, a message, no query, no connection.
refused() {
	local name=$1 regex=$2
	shift 2
	run_sockdoc "$T_DIR/$name.out" --report --format json --timeout 2 \
		"${dns[@]}" "$@"
	assert_exit 2
	assert_empty "$T_DIR/$name.out"
	assert_grep "$T_DIR/$name.out.err" "$regex"
}
refused latin1 'not valid UTF-8' --protocol smtp --port "$FAULT_PORT" \
	$'a\xe9b.test'
refused latin1_url 'not valid UTF-8' $'smtp://\xff\xfe.test:25'
refused idna 'international domain name' 'smtp://a☃--b.test'
# Characters IDNA maps to nothing (soft hyphen, U+2000) leave an empty
# label: refused, not sent as ".test" or "" (found by fuzz_target).
refused idna_empty 'label is empty' $'smtp://\xc2\xad.test'
refused idna_empty2 'label is empty' --protocol smtp $'x@\xe2\x80\x80'
refused brackets 'IPv6' 'smtp://[zz]:25'
refused brackets_v4 'IPv6' "smtp://[127.0.0.1]:$FAULT_PORT"
# The message never shows the raw invalid byte.
if grep -q $'\xe9' "$T_DIR/latin1.out.err"; then
	fail "the invalid byte was echoed raw"
fi
if grep -q 'query\[' "$log"; then
	fail "a refused host name was still looked up: $(grep 'query\[' "$log")"
fi
if grep -q '^connection from' "$T_DIR/srv.out"; then
	fail "a refused host name still connected"
fi

# The international name: looked up as its A-label, both labels shown.
out=$T_DIR/idn.json
report_json "$out" --timeout 3 "${dns[@]}" "smtp://Пример.test:$FAULT_PORT"
assert_json "$out" 'details("input")["host"] == "xn--e1afmkfd.test"'
assert_json "$out" 'details("input")["host_unicode"] == "пример.test"'
assert_json "$out" '"xn--e1afmkfd.test" in probe("input")["summary"]'
assert_json "$out" 'status("dns") == "ok"'
assert_json "$out" 'status("banner") == "ok"'
assert_json "$out" '"dns.nxdomain" not in cause_ids()'
assert_grep "$log" 'query\[A\] xn--e1afmkfd\.test'
# "mail.test, PORT" / "mail.test;PORT": host mail.test, port PORT.
for sep in ', ' ';' ' '; do
	out=$T_DIR/sep.json
	report_json "$out" --timeout 3 "${dns[@]}" --protocol smtp "mail.test${sep}$FAULT_PORT"
	assert_json "$out" 'details("input")["host"] == "mail.test"' "host for '$sep'"
	assert_json "$out" 'details("input")["port"] == '"$FAULT_PORT" "port for '$sep'"
	assert_json "$out" 'status("banner") == "ok"'
	assert_json "$out" '"\x27mail.test\x27 and the port as '"$FAULT_PORT"'" in fixes("input.host_malformed")' "fix names host and port for '$sep'"
done
refused sep_bad "host 'mail.test' and '99999'" --protocol smtp "mail.test, 99999"
# A web address pasted with --protocol smtp: its host, reported.
out=$T_DIR/web.json
report_json "$out" --timeout 3 "${dns[@]}" --protocol smtp --port "$FAULT_PORT" "https://mail.test/"
assert_json "$out" 'details("input")["host"] == "mail.test"'
assert_json "$out" '"input.host_malformed" in cause_ids()'
assert_json "$out" 'status("banner") == "ok"'
exit 0
