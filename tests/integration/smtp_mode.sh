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
smtp_sockdoc "$SMTP_TMP/a.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	smtp://127.0.0.1:465
assert_json "$SMTP_TMP/a.json" "causes()[0] == 'tls.mode_mismatch'"
assert_json "$SMTP_TMP/a.json" "cause('tls.mode_mismatch')['confidence'] == 'high'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['mode'] == 'implicit'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['plain']['outcome'] == 'no_greeting'"
assert_json "$SMTP_TMP/a.json" "'no greeting came' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/a.json" "'TLSv1' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/a.json" "'port 465 with SSL/TLS' in cause('tls.mode_mismatch')['fixes'][0]"
assert_json "$SMTP_TMP/a.json" "details('tls')['verified']"
assert_json "$SMTP_TMP/a.json" "'tls.handshake_failed' not in causes()"
assert_exit 1

# SSL on against the plain port 25: a ClientHello to a plain server.
smtp_sockdoc "$SMTP_TMP/b.json" --cacert "$SMTP_TMP/ca.pem" \
	smtps://127.0.0.1:25
assert_json "$SMTP_TMP/b.json" "'tls.mode_mismatch' in causes()"
assert_json "$SMTP_TMP/b.json" "details('smtp.ehlo')['mode'] == 'plain'"
assert_json "$SMTP_TMP/b.json" "details('smtp.ehlo')['implicit']['outcome'] == 'tls_handshake'"
assert_json "$SMTP_TMP/b.json" "'wrong version number' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/b.json" "'greeting 220' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/b.json" "'port 465 with SSL/TLS' in cause('tls.mode_mismatch')['fixes'][0]"

# No STARTTLS in the client, the server on 587 insists (530).
smtp_sockdoc "$SMTP_TMP/c.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	smtp://127.0.0.1:587
assert_json "$SMTP_TMP/c.json" "'tls.mode_mismatch' in causes()"
assert_json "$SMTP_TMP/c.json" "details('smtp.ehlo')['starttls_required']"
assert_json "$SMTP_TMP/c.json" "details('smtp.ehlo')['help_code'] == 530"
assert_json "$SMTP_TMP/c.json" "'requires STARTTLS' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/c.json" "'530' in ev('tls.mode_mismatch')"

# The same server with the client set right: no cause.
smtp_sockdoc "$SMTP_TMP/d.json" --cacert "$SMTP_TMP/ca.pem" --tls starttls \
	smtp://127.0.0.1:587
assert_json "$SMTP_TMP/d.json" "causes() == []"
assert_json "$SMTP_TMP/d.json" "r['verdict'] == 'ok'"
echo PASS
