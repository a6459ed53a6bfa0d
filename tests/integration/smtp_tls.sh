#!/bin/bash
# tls.certificate (expired, wrong name, self-signed) and
# tls.client_cert_required (the server demands a client certificate): real
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

smtp_sockdoc "$SMTP_TMP/a.json" "${CA[@]}" --tls starttls smtp://127.0.0.1:587
assert_json "$SMTP_TMP/a.json" "causes()[0] == 'tls.certificate'"
assert_json "$SMTP_TMP/a.json" "details('tls')['verify_reason'] == 'expired'"
assert_json "$SMTP_TMP/a.json" "details('tls')['handshake'] == 'ok'"
assert_json "$SMTP_TMP/a.json" "details('tls')['expires_in_s'] < -86400 * 9"
assert_json "$SMTP_TMP/a.json" "'expired on' in ev('tls.certificate')"
assert_json "$SMTP_TMP/a.json" "'certificate has expired' in details('tls')['verify_error']"
assert_json "$SMTP_TMP/a.json" "'tls.handshake_failed' not in causes()"

smtp_sockdoc "$SMTP_TMP/b.json" "${CA[@]}" --tls implicit smtps://127.0.0.1:465
assert_json "$SMTP_TMP/b.json" "causes()[0] == 'tls.certificate'"
assert_json "$SMTP_TMP/b.json" "details('tls')['verify_reason'] == 'name_mismatch'"
assert_json "$SMTP_TMP/b.json" "details('tls')['name_match'] is False"
assert_json "$SMTP_TMP/b.json" "'does not cover the name' in ev('tls.certificate')"
assert_json "$SMTP_TMP/b.json" "'CN=wrong' in ev('tls.certificate')"
assert_json "$SMTP_TMP/b.json" "'tls.mode_mismatch' not in causes()"

smtp_sockdoc "$SMTP_TMP/c.json" "${CA[@]}" --tls starttls smtp://127.0.0.1:2587
assert_json "$SMTP_TMP/c.json" "causes()[0] == 'tls.certificate'"
assert_json "$SMTP_TMP/c.json" "details('tls')['verify_reason'] == 'self_signed'"
assert_json "$SMTP_TMP/c.json" "'self-signed' in ev('tls.certificate')"
assert_json "$SMTP_TMP/c.json" "details('tls')['name_match'] is True"

smtp_sockdoc "$SMTP_TMP/d.json" "${CA[@]}" --tls implicit smtps://127.0.0.1:2465
assert_json "$SMTP_TMP/d.json" "causes()[0] == 'tls.client_cert_required'"
assert_json "$SMTP_TMP/d.json" "details('tls')['handshake'] == 'failed'"
assert_json "$SMTP_TMP/d.json" "details('tls')['outcome'] in ('tls_handshake', 'reset', 'closed')"
assert_json "$SMTP_TMP/d.json" "'tls.certificate' not in causes()"
assert_json "$SMTP_TMP/d.json" "'asked for a client certificate' in ev('tls.client_cert_required')"
assert_json "$SMTP_TMP/d.json" "details('tls')['handshake_kind'] in ('alert', 'reset', 'closed')"
echo PASS
