#!/bin/bash
# -D WARN[,CRIT]: certificate days as check_smtp -S -D counts them, against
# a STARTTLS server (aiosmtpd) with a certificate made now by openssl,
# valid 10 days and signed by a test CA sockdoc is told to trust
# (--cacert): -D 30,5 WARNING, -D 30,14 CRITICAL, -D 5 OK, for check_smtp
# and `sockdoc check` alike; cert_days in the perfdata carries the -D
# ranges; the TLS handshake is a step of the response time.  The same for
# implicit TLS (--ssl) against check_ssmtp.  A server
# without TLS cannot satisfy -D: UNKNOWN, not OK.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_nagios.sh"
need_plugin check_smtp
need_prog openssl
$PY -c 'import aiosmtpd' 2>/dev/null || skip "needs python3-aiosmtpd"

d=$T_DIR
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=sockdoc test CA" \
	-keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null || fail "openssl CA"
openssl req -new -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
	-keyout "$d/leaf.key" -out "$d/leaf.csr" 2>/dev/null || fail "openssl csr"
printf 'subjectAltName=IP:127.0.0.1\n' >"$d/leaf.ext"
openssl x509 -req -in "$d/leaf.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
	-CAcreateserial -days 10 -extfile "$d/leaf.ext" -out "$d/leaf.pem" \
	2>/dev/null || fail "openssl x509"

start_bg tls-smtpd $PY "$T_LIB/smtp_server.py" --portfile "$d/tls.port" \
	--mode starttls --cert "$d/leaf.pem" --key "$d/leaf.key"
wait_file "$d/tls.port" 15
port=$(cat "$d/tls.port")
wait_port 127.0.0.1 "$port"

ca=(--cacert "$d/ca.pem")
peer check_smtp WARNING -H 127.0.0.1 -p "$port" -S -D 30,5
plugin WARNING -H 127.0.0.1 -p "$port" -S -D 30,5 "${ca[@]}"
perf_check "9 < p['cert_days']['value'] <= 10" \
	"p['cert_days']['warn'] == '30:' and p['cert_days']['crit'] == '5:'" \
	"'tls_handshake' in p and p['tls_handshake']['uom'] == 's'" \
	"p['tls_handshake']['value'] > 0"
assert_grep "$T_DIR/plugin.out" 'certificate expires in (9\.[0-9]|10\.0) days, fewer than 30 \(-D\)'
peer check_smtp CRITICAL -H 127.0.0.1 -p "$port" -S -D 30,14
plugin CRITICAL -H 127.0.0.1 -p "$port" -S -D 30,14 "${ca[@]}"
assert_grep "$T_DIR/plugin.out" 'fewer than 14 \(-D\)'
peer check_smtp OK -H 127.0.0.1 -p "$port" -S -D 5
plugin OK -H 127.0.0.1 -p "$port" -S -D 5 "${ca[@]}"
# The issue's own line: -S -D 30,14 -w 2 -c 5, the certificate decides.
peer check_smtp CRITICAL -H 127.0.0.1 -p "$port" -S -D 30,14 -w 2 -c 5
plugin CRITICAL -H 127.0.0.1 -p "$port" -S -D 30,14 -w 2 -c 5 "${ca[@]}"
perf_check "p['time']['warn'] == '2' and p['time']['crit'] == '5'"

# Implicit TLS (smtps) against check_ssmtp: banner cannot read through
# TLS, so the SMTP session gives the connect and greeting steps.
if [ -x "$PLUGINS/check_ssmtp" ]; then
	start_bg tls-smtps $PY "$T_LIB/smtp_server.py" --portfile "$d/tls465.port" \
		--mode implicit --cert "$d/leaf.pem" --key "$d/leaf.key"
	wait_file "$d/tls465.port" 15
	smtps=$(cat "$d/tls465.port")
	wait_port 127.0.0.1 "$smtps"
	peer check_ssmtp WARNING -H 127.0.0.1 -p "$smtps" -D 30,5
	plugin WARNING -H 127.0.0.1 -p "$smtps" --ssl -D 30,5 "${ca[@]}"
	perf_check "all(k in p for k in ('connect', 'greeting', 'tls_handshake', 'ehlo', 'cert_days'))" \
		"abs(p['time']['value'] - sum(p[k]['value'] for k in ('connect', 'greeting', 'tls_handshake', 'ehlo'))) < 1e-5"
	plugin CRITICAL -H 127.0.0.1 -p "$smtps" --tls implicit -D 30,14 "${ca[@]}"
fi

# Without --cacert the chain does not verify: the diagnosis says so as
# a cause, whatever -D says.
plugin CRITICAL -H 127.0.0.1 -p "$port" -S -D 5
assert_grep "$T_DIR/plugin.out" '^\[CRITICAL\] tls\.certificate '

# No TLS at all: -D cannot be satisfied.
plain=$(free_port)
start_aiosmtpd "$plain"
plugin UNKNOWN -H 127.0.0.1 -p "$plain" -D 30,14
assert_grep "$T_DIR/plugin.out" 'no server certificate seen'
exit 0
