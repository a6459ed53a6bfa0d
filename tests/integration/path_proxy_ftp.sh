#!/bin/bash
# FTP through real proxies (issue 15): vsftpd on loopback, microsocks and
# tinyproxy on loopback with their own configuration.  The verdict is the
# direct one; the proxies' logs show the control connection and the
# passive data connections going through them; ftp.active and icmp say
# why they were not tested instead of going direct.
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/microsocks ] || skip "needs microsocks"
[ -x /usr/bin/tinyproxy ] || skip "needs tinyproxy (tinyproxy-bin)"
P=$(free_port)
start_vsftpd "$P"
S=$(free_port)
start_bg microsocks /usr/bin/microsocks -i 127.0.0.1 -p "$S"
H=$(free_port)
printf 'Port %s\nListen 127.0.0.1\nTimeout 10\nLogLevel Connect\nLogFile "%s"\nAllow 127.0.0.1\n' \
	"$H" "$T_DIR/tinyproxy.log" >"$T_DIR/tinyproxy.conf"
start_bg tinyproxy /usr/bin/tinyproxy -d -c "$T_DIR/tinyproxy.conf"
wait_port 127.0.0.1 "$S" 10
wait_port 127.0.0.1 "$H" 10
T="ftp://127.0.0.1:$P"
out=$T_DIR/r.json

report_json "$out" --timeout 3 "$T"
assert_exit 0
assert_json "$out" 'r["verdict"] == "ok" and status("ftp.active") == "ok"'

for proxy in "socks5://127.0.0.1:$S" "http://127.0.0.1:$H"; do
	report_json "$out" --timeout 3 -x "$proxy" "$T"
	assert_exit 0
	assert_json "$out" 'r["verdict"] == "ok"' "FTP verdict through $proxy"
	assert_json "$out" 'status("ftp.login") == "ok" and status("ftp.passive") == "ok"'
	assert_json "$out" 'status("ftp.active") == "skipped" and "proxy" in probe("ftp.active")["summary"]'
	assert_json "$out" 'status("icmp") == "skipped"'
done
# Control and data connections went through each proxy: connections to
# the control port and to at least one other (passive) port.
grep -q "connected to 127.0.0.1:$P\$" "$T_DIR/microsocks.err" || fail "microsocks: no control connection"
grep "connected to 127.0.0.1:" "$T_DIR/microsocks.err" | grep -vq ":$P\$" ||
	fail "microsocks: no data connection"
grep -q "CONNECT 127.0.0.1:$P " "$T_DIR/tinyproxy.log" || fail "tinyproxy: no control tunnel"
grep "Request (file descriptor [0-9]*): CONNECT 127.0.0.1:" "$T_DIR/tinyproxy.log" |
	grep -vq "127.0.0.1:$P " || fail "tinyproxy: no data tunnel"
echo PASS
