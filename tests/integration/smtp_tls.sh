#!/bin/bash
# tls.certificate (expired, wrong name, self-signed) and
# tls.handshake_failed (the server demands a client certificate): real
# STARTTLS/implicit-TLS servers with certificates made now.  Each report
# must tell the certificate problem from a handshake that cannot finish.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_cert good "IP:127.0.0.1"
smtp_cert wrong "DNS:other.example"
smtp_cert_self self "IP:127.0.0.1"
smtp_cert_expired old
cert() { echo --cert "$SMTP_TMP/$1.pem" --key "$SMTP_TMP/$1.key"; }
smtp_server expired --port 587 --mode starttls $(cert old)
smtp_server wrong --port 465 --mode implicit $(cert wrong)
smtp_server self --port 2587 --mode starttls $(cert self)
smtp_server mtls --port 2465 --mode implicit $(cert good) \
	--client-ca "$SMTP_TMP/ca.pem"
CA=(--cacert "$SMTP_TMP/ca.pem")

run_sockdoc "$SMTP_TMP/a.json" "${CA[@]}" --tls starttls smtp://127.0.0.1:587
smtp_check "$SMTP_TMP/a.json" \
	"causes()[0] == 'tls.certificate'" \
	"probe('tls')['verify_reason'] == 'expired'" \
	"probe('tls')['handshake'] == 'ok'" \
	"probe('tls')['expires_in_s'] < -86400 * 9" \
	"'expired on' in ev('tls.certificate')" \
	"'certificate has expired' in probe('tls')['verify_error']" \
	"'tls.handshake_failed' not in causes()"

run_sockdoc "$SMTP_TMP/b.json" "${CA[@]}" --tls implicit smtps://127.0.0.1:465
smtp_check "$SMTP_TMP/b.json" \
	"causes()[0] == 'tls.certificate'" \
	"probe('tls')['verify_reason'] == 'name_mismatch'" \
	"probe('tls')['name_match'] is False" \
	"'does not cover the name' in ev('tls.certificate')" \
	"'CN=wrong' in ev('tls.certificate')" \
	"'tls.mode_mismatch' not in causes()"

run_sockdoc "$SMTP_TMP/c.json" "${CA[@]}" --tls starttls smtp://127.0.0.1:2587
smtp_check "$SMTP_TMP/c.json" \
	"causes()[0] == 'tls.certificate'" \
	"probe('tls')['verify_reason'] == 'self_signed'" \
	"'self-signed' in ev('tls.certificate')" \
	"probe('tls')['name_match'] is True"

run_sockdoc "$SMTP_TMP/d.json" "${CA[@]}" --tls implicit smtps://127.0.0.1:2465
smtp_check "$SMTP_TMP/d.json" \
	"'tls.handshake_failed' in causes()" \
	"probe('tls')['handshake'] == 'failed'" \
	"probe('tls')['outcome'] in ('tls_handshake', 'reset', 'closed')" \
	"'tls.certificate' not in causes()" \
	"'handshake failed' in ev('tls.handshake_failed')" \
	"probe('tls')['handshake_kind'] in ('alert', 'reset', 'closed')"
echo PASS
