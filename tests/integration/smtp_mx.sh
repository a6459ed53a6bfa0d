#!/bin/bash
# A mail domain as the target (alice@example.test): dnsmasq in the
# namespace gives the MX mail.example.test; the SMTP probes diagnose that
# host and check its certificate against the MX name, not the domain.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
DNSMASQ=/usr/sbin/dnsmasq
[ -x "$DNSMASQ" ] || { echo "dnsmasq missing"; exit 77; }
smtp_cert mx "DNS:mail.example.test"
smtp_server mx --port 25 --mode starttls --cert "$SMTP_TMP/mx.pem" \
	--key "$SMTP_TMP/mx.key"
# ip netns exec execs dnsmasq in place (no wrapper shell, unlike the nsx
# function in the background), so $! is the daemon's own PID; the pid
# file is stopped too in case the daemon ever forks.
ip netns exec "$SMTP_NS" "$DNSMASQ" -k --conf-file=/dev/null --no-resolv --no-hosts --port=53 \
	--listen-address=127.0.0.1 --bind-interfaces --local=/test/ \
	--pid-file="$SMTP_TMP/dnsmasq.pid" \
	--address=/mail.example.test/127.0.0.1 \
	--mx-host=example.test,mail.example.test,10 \
	>"$SMTP_TMP/dnsmasq.log" 2>&1 &
track_pid "$!"
for i in $(seq 50); do
	[ -s "$SMTP_TMP/dnsmasq.pid" ] && break
	sleep 0.1
done
[ -s "$SMTP_TMP/dnsmasq.pid" ] && track_pid "$(cat "$SMTP_TMP/dnsmasq.pid")" dnsmasq
smtp_sockdoc "$SMTP_TMP/a.json" --dns-server 127.0.0.1 \
	--cacert "$SMTP_TMP/ca.pem" --tls starttls alice@example.test
assert_json "$SMTP_TMP/a.json" "details('dns')['host_used'] == 'mail.example.test'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['greeting_host'] == 'mail.test'"
assert_json "$SMTP_TMP/a.json" "details('tls')['host'] == 'mail.example.test'"
assert_json "$SMTP_TMP/a.json" "details('tls')['verified'] and details('tls')['name_match']"
assert_json "$SMTP_TMP/a.json" "details('smtp.ports')['recommended']['port'] == 25"
assert_json "$SMTP_TMP/a.json" "causes() == []"
echo PASS
