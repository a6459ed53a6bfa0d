#!/bin/bash
# A mail domain with two MX hosts (alice@example.test): dnsmasq in the
# namespace gives mx1.example.test (preference 10, 127.0.0.2, where
# nothing listens on the port) and mx2.example.test (preference 20,
# 127.0.0.1, an aiosmtpd server).  The smtp.mx probe tries both at once
# on the target port (--port); the diagnosis is smtp.mx_partial naming
# both hosts (first cause, medium), not tcp.refused "nothing listens".
# Then: every host refused (no smtp.mx_partial, tcp.refused first), the
# primary filtered (iptables), the hosts through a SOCKS5 proxy, and a
# primary greeting 554.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
DNSMASQ=/usr/sbin/dnsmasq
[ -x "$DNSMASQ" ] || { echo "dnsmasq missing"; exit 77; }
smtp_server mx2 --mode plain
PORT=$(smtp_port mx2)
# As in smtp_mx.sh: ip netns exec execs dnsmasq in place, so $! is the
# daemon; its pid file is tracked too in case it ever forks.
ip netns exec "$SMTP_NS" "$DNSMASQ" -k --conf-file=/dev/null --no-resolv \
	--no-hosts --port=53 --listen-address=127.0.0.1 --bind-interfaces \
	--local=/test/ --pid-file="$SMTP_TMP/dnsmasq.pid" \
	--address=/mx1.example.test/127.0.0.2 \
	--address=/mx2.example.test/127.0.0.1 \
	--mx-host=example.test,mx1.example.test,10 \
	--mx-host=example.test,mx2.example.test,20 \
	>"$SMTP_TMP/dnsmasq.log" 2>&1 &
track_pid "$!"
for i in $(seq 50); do
	[ -s "$SMTP_TMP/dnsmasq.pid" ] && break
	sleep 0.1
done
[ -s "$SMTP_TMP/dnsmasq.pid" ] || fail "dnsmasq did not start"
track_pid "$(cat "$SMTP_TMP/dnsmasq.pid")" dnsmasq
smtp_sockdoc "$SMTP_TMP/a.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@example.test
A=$SMTP_TMP/a.json
assert_json "$A" "details('dns')['host_used'] == 'mx1.example.test'"
assert_json "$A" "probe('smtp.mx')['status'] == 'warn'"
assert_json "$A" "details('smtp.mx')['port'] == $PORT"
assert_json "$A" "details('smtp.mx')['hosts_ok'] == 1"
assert_json "$A" "[h['host'] for h in details('smtp.mx')['mx']] == ['mx1.example.test', 'mx2.example.test']"
assert_json "$A" "details('smtp.mx')['mx'][0]['preference'] == 10"
assert_json "$A" "details('smtp.mx')['mx'][0]['result'] == 'refused'"
assert_json "$A" "details('smtp.mx')['mx'][0]['address'] == '127.0.0.2:$PORT'"
assert_json "$A" "details('smtp.mx')['mx'][1]['result'] == 'ok'"
assert_json "$A" "details('smtp.mx')['mx'][1]['code'] == 220"
assert_json "$A" "details('smtp.mx')['mx'][1]['connect_ms'] >= 0"
assert_cause "$A" smtp.mx_partial
assert_evidence "$A" smtp.mx_partial "mx1.example.test \(10, refused\)"
assert_evidence "$A" smtp.mx_partial "mx2.example.test \(20, ok\)"
assert_json "$A" "r['verdict'] == 'problems'"
assert_exit 1
assert_json "$A" "'mx1.example.test (10, refused)' in probe('smtp.mx')['summary']"
note "causes: $(t_cause_ids "$A")"

# Every MX host down (a port where nothing listens in the namespace): no
# smtp.mx_partial, the existing cause (tcp.refused) comes first.
DEAD=$(( PORT == 65535 ? PORT - 1 : PORT + 1 ))
smtp_sockdoc "$SMTP_TMP/b.json" --dns-server 127.0.0.1 --port "$DEAD" \
	alice@example.test
B=$SMTP_TMP/b.json
assert_json "$B" "probe('smtp.mx')['status'] == 'fail'"
assert_json "$B" "[h['result'] for h in details('smtp.mx')['mx']] == ['refused', 'refused']"
assert_json "$B" "details('smtp.mx')['hosts_ok'] == 0"
assert_cause "$B" tcp.refused
assert_json "$B" "'smtp.mx_partial' not in causes()"
assert_exit 1

# The primary filtered (SYNs dropped by iptables in the namespace), the
# secondary greets: smtp.mx_partial with mx1 "filtered".
if nsx iptables -A INPUT -d 127.0.0.2 -p tcp --dport "$PORT" -j DROP; then
	smtp_sockdoc "$SMTP_TMP/c.json" --dns-server 127.0.0.1 --port "$PORT" \
		alice@example.test
	C=$SMTP_TMP/c.json
	assert_json "$C" "details('smtp.mx')['mx'][0]['result'] == 'filtered'"
	assert_json "$C" "details('smtp.mx')['mx'][1]['result'] == 'ok'"
	assert_cause "$C" smtp.mx_partial
	assert_evidence "$C" smtp.mx_partial "mx1.example.test \(10, filtered\)"
	assert_evidence "$C" smtp.mx_partial "mx2.example.test \(20, ok\)"
	nsx iptables -D INPUT -d 127.0.0.2 -p tcp --dport "$PORT" -j DROP ||
		fail "cannot remove the DROP rule"
else
	note "no iptables in the namespace: the filtered case is not tested"
fi

# Through a SOCKS5 proxy (microsocks in the namespace): every MX host is
# tried through it, with the same judgement.
if [ -x /usr/bin/microsocks ]; then
	SP=$(( PORT > 60000 ? PORT - 2 : PORT + 2 ))
	nsx /usr/bin/microsocks -i 127.0.0.1 -p "$SP" \
		>"$SMTP_TMP/socks.log" 2>&1 &
	track_pid "$!" microsocks
	for i in $(seq 50); do
		nsx $PY -c "import socket; socket.create_connection(('127.0.0.1', $SP), 1)" \
			2>/dev/null && break
		sleep 0.1
	done
	smtp_sockdoc "$SMTP_TMP/d.json" --dns-server 127.0.0.1 --port "$PORT" \
		-x "socks5://127.0.0.1:$SP" alice@example.test
	D=$SMTP_TMP/d.json
	assert_json "$D" "r['target']['path']['kind'] != 'direct'"
	assert_json "$D" "[h['result'] for h in details('smtp.mx')['mx']] == ['refused', 'ok']"
	assert_cause "$D" smtp.mx_partial
	grep -q "127.0.0.1:$PORT" "$SMTP_TMP/socks.log" ||
		fail "microsocks logged no connection to mx2"
else
	note "no microsocks: the proxied case is not tested"
fi

# The primary greets "554" (a refusal in the greeting), the secondary
# greets 220 on the same port: the result is the code, the text is kept.
printf 'greeting 554 5.7.1 mx1 takes no mail\n' >"$SMTP_TMP/g554.txt"
scripted_server g554 "$SMTP_TMP/g554.txt" --host 127.0.0.2
Q=$(smtp_port g554)
smtp_server mx2b --mode plain --port "$Q"
smtp_sockdoc "$SMTP_TMP/e.json" --dns-server 127.0.0.1 --port "$Q" \
	alice@example.test
E=$SMTP_TMP/e.json
assert_json "$E" "details('smtp.mx')['mx'][0]['result'] == '554'"
assert_json "$E" "details('smtp.mx')['mx'][0]['code'] == 554"
assert_json "$E" "'takes no mail' in details('smtp.mx')['mx'][0]['text']"
assert_json "$E" "details('smtp.mx')['mx'][1]['result'] == 'ok'"
assert_json "$E" "'smtp.mx_partial' in causes()"
assert_evidence "$E" smtp.mx_partial "mx1.example.test \(10, 554\)"
echo PASS
