#!/bin/bash
# Client certificates (issue 15): an implicit-TLS SMTP server that
# requires one (smtp_server.py --client-ca) is named as
# tls.client_cert_required without --cert, and the chain is healthy with
# --cert/--key.  --resolve keeps the name for the certificate check: the
# server's certificate is for mail.unknown.test only, which no DNS knows.
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_cert server "DNS:mail.unknown.test"
smtp_cert client "DNS:client.test"
smtp_server mtls --port 465 --mode implicit --cert "$SMTP_TMP/server.pem" \
	--key "$SMTP_TMP/server.key" --client-ca "$SMTP_TMP/ca.pem"
smtp_server plain465 --port 1465 --mode implicit --cert "$SMTP_TMP/server.pem" \
	--key "$SMTP_TMP/server.key"
CA=(--cacert "$SMTP_TMP/ca.pem" --dns-server 127.0.0.1:53)
PIN=(--resolve mail.unknown.test:465:127.0.0.1)
out=$SMTP_TMP/r.json

smtp_sockdoc "$out" "${CA[@]}" "${PIN[@]}" smtps://mail.unknown.test:465
assert_json "$out" "causes()[0] == 'tls.client_cert_required'"
assert_json "$out" "cause('tls.client_cert_required')['confidence'] == 'high'"
assert_json "$out" "'no client certificate was presented' in ev('tls.client_cert_required')"
assert_json "$out" "'tls.handshake_failed' not in causes() and 'tls.certificate' not in causes()"

smtp_sockdoc "$out" "${CA[@]}" "${PIN[@]}" --cert "$SMTP_TMP/client.pem" \
	--key "$SMTP_TMP/client.key" smtps://mail.unknown.test:465
assert_json "$out" "r['verdict'] == 'ok'"
assert_json "$out" "details('tls')['handshake'] == 'ok' and details('tls')['name_match'] is True"
assert_json "$out" "r['target']['path']['client_cert'].endswith('client.pem')"

# A certificate the server's CA did not sign is presented and refused.
smtp_cert_self stranger "DNS:stranger.test"
smtp_sockdoc "$out" "${CA[@]}" "${PIN[@]}" --cert "$SMTP_TMP/stranger.pem" \
	--key "$SMTP_TMP/stranger.key" smtps://mail.unknown.test:465
assert_json "$out" "causes()[0] == 'tls.client_cert_required'"
assert_json "$out" "cause('tls.client_cert_required')['confidence'] == 'medium'"

# The name check: with the name pinned it passes, by address it fails.
smtp_sockdoc "$out" "${CA[@]}" --resolve mail.unknown.test:1465:127.0.0.1 \
	smtps://mail.unknown.test:1465
assert_json "$out" "r['verdict'] == 'ok' and details('tls')['name_match'] is True"
smtp_sockdoc "$out" "${CA[@]}" smtps://127.0.0.1:1465
assert_json "$out" "causes()[0] == 'tls.certificate' and details('tls')['name_match'] is False"
echo PASS
