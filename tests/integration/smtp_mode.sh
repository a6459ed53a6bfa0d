#!/bin/bash
# tls.mode_mismatch, all three ways, against real servers on 25/587/465
# in a namespace: plain client on the implicit-TLS port, SSL client on
# the plain port, and a client without STARTTLS where the server
# requires it.  Each names the pair that works, as measured.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_cert good "IP:127.0.0.1"
C=(--cert "$SMTP_TMP/good.pem" --key "$SMTP_TMP/good.key")
smtp_server mx --port 25 --mode plain
smtp_server sub --port 587 --mode starttls --require-starttls "${C[@]}"
smtp_server smtps --port 465 --mode implicit "${C[@]}"

# Outlook's "Port: 465, SSL: No".
run_sockdoc "$SMTP_TMP/a.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	smtp://127.0.0.1:465
smtp_check "$SMTP_TMP/a.json" \
	"causes()[0] == 'tls.mode_mismatch'" \
	"cause('tls.mode_mismatch')['confidence'] == 'high'" \
	"probe('smtp.ehlo')['mode'] == 'implicit'" \
	"probe('smtp.ehlo')['plain']['outcome'] == 'no_greeting'" \
	"'no greeting came' in ev('tls.mode_mismatch')" \
	"'TLSv1' in ev('tls.mode_mismatch')" \
	"'port 465 with SSL/TLS' in cause('tls.mode_mismatch')['fixes'][0]" \
	"probe('tls')['verified']" \
	"'tls.handshake_failed' not in causes()"
[ "$SMTP_RC" = 1 ] || { echo "exit code $SMTP_RC, want 1"; exit 1; }

# SSL on against the plain port 25: a ClientHello to a plain server.
run_sockdoc "$SMTP_TMP/b.json" --cacert "$SMTP_TMP/ca.pem" \
	smtps://127.0.0.1:25
smtp_check "$SMTP_TMP/b.json" \
	"'tls.mode_mismatch' in causes()" \
	"probe('smtp.ehlo')['mode'] == 'plain'" \
	"probe('smtp.ehlo')['implicit']['outcome'] == 'tls_handshake'" \
	"'wrong version number' in ev('tls.mode_mismatch')" \
	"'greeting 220' in ev('tls.mode_mismatch')" \
	"'port 465 with SSL/TLS' in cause('tls.mode_mismatch')['fixes'][0]"

# No STARTTLS in the client, the server on 587 insists (530).
run_sockdoc "$SMTP_TMP/c.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	smtp://127.0.0.1:587
smtp_check "$SMTP_TMP/c.json" \
	"'tls.mode_mismatch' in causes()" \
	"probe('smtp.ehlo')['starttls_required']" \
	"probe('smtp.ehlo')['help_code'] == 530" \
	"'requires STARTTLS' in ev('tls.mode_mismatch')" \
	"'530' in ev('tls.mode_mismatch')"

# The same server with the client set right: no cause.
run_sockdoc "$SMTP_TMP/d.json" --cacert "$SMTP_TMP/ca.pem" --tls starttls \
	smtp://127.0.0.1:587
smtp_check "$SMTP_TMP/d.json" "causes() == []" "r['verdict'] == 'ok'"
echo PASS
