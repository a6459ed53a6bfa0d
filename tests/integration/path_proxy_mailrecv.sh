#!/bin/bash
# POP3 and IMAP through real proxies (issue 15): Dovecot on loopback,
# microsocks and tinyproxy on loopback.  The verdict is the direct one and
# the proxies' logs show the sessions going through them (the receiving
# probes speak TLS themselves, over the proxy's tunnel).
. "$(dirname "$0")/lib_mailrecv.sh"
. "$(dirname "$0")/lib.sh"
mr_need
[ -x /usr/bin/microsocks ] || skip "needs microsocks"
[ -x /usr/bin/tinyproxy ] || skip "needs tinyproxy (tinyproxy-bin)"
mr_dovecot_start </dev/null
S=$(free_port)
start_bg microsocks /usr/bin/microsocks -i 127.0.0.1 -p "$S"
H=$(free_port)
printf 'Port %s\nListen 127.0.0.1\nTimeout 10\nLogLevel Connect\nLogFile "%s"\nAllow 127.0.0.1\n' \
	"$H" "$T_DIR/tinyproxy.log" >"$T_DIR/tinyproxy.conf"
start_bg tinyproxy /usr/bin/tinyproxy -d -c "$T_DIR/tinyproxy.conf"
wait_port 127.0.0.1 "$S" 10
wait_port 127.0.0.1 "$H" 10

for proxy in "" "socks5h://127.0.0.1:$S" "http://127.0.0.1:$H"; do
	mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" -x "$proxy" \
		"pop3://127.0.0.1:$MR_POP3"
	assert_exit 0
	assert_no_cause "$MR_REPORT"
	assert_json "$MR_REPORT" 'det("mailrecv.tls")["verified"] and status("mailrecv.login") == "ok"' \
		"POP3 with STLS through '$proxy'"
	mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" -x "$proxy" \
		"imaps://127.0.0.1:$MR_IMAPS"
	assert_exit 0
	assert_no_cause "$MR_REPORT"
	mr_assert_secret_hidden
done
grep -q "connected to 127.0.0.1:$MR_POP3\$" "$T_DIR/microsocks.err" || fail "microsocks: no POP3 session"
grep -q "connected to 127.0.0.1:$MR_IMAPS\$" "$T_DIR/microsocks.err" || fail "microsocks: no IMAPS session"
grep -q "CONNECT 127.0.0.1:$MR_POP3 " "$T_DIR/tinyproxy.log" || fail "tinyproxy: no POP3 tunnel"
grep -q "CONNECT 127.0.0.1:$MR_IMAPS " "$T_DIR/tinyproxy.log" || fail "tinyproxy: no IMAPS tunnel"
echo PASS
