#!/bin/bash
# auth.rejected (535 over TLS), auth.requires_tls (AUTH offered only after
# STARTTLS, client set to no security), auth.required (530 at MAIL and 550
# relaying denied without login) against real aiosmtpd servers; the same
# relay with a login is accepted.  The password never shows.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_cert good "IP:127.0.0.1"
C=(--cert "$SMTP_TMP/good.pem" --key "$SMTP_TMP/good.key")
export SMTP_TEST_PASSWORD='right-horse-battery'
smtp_server sub --port 587 --mode starttls "${C[@]}" --auth-user alice
smtp_server authreq --port 2525 --mode starttls "${C[@]}" --auth-user alice \
	--auth-required
smtp_server relay --port 2526 --mode starttls "${C[@]}" --auth-user alice \
	--rcpt-reply "550 5.7.1 Relaying denied"
CA=(--cacert "$SMTP_TMP/ca.pem")
ENV=(--mail-from alice@mail.test --rcpt bob@example.org)

SOCKDOC_PASSWORD=wrong-password smtp_sockdoc "$SMTP_TMP/a.json" "${CA[@]}" \
	--tls starttls --user alice smtp://127.0.0.1:587
assert_json "$SMTP_TMP/a.json" "causes()[0] == 'auth.rejected'"
assert_json "$SMTP_TMP/a.json" "stage('starttls')['outcome'] == 'rejected'"
assert_json "$SMTP_TMP/a.json" "stage('starttls')['code'] == 535"
assert_json "$SMTP_TMP/a.json" "stage('starttls')['enhanced'] == '5.7.8'"
assert_json "$SMTP_TMP/a.json" "'plain' not in [s['stage'] for s in details('smtp.auth')['stages']]"
assert_json "$SMTP_TMP/a.json" "'535' in ev('auth.rejected') and 'alice' in ev('auth.rejected')"
assert_json "$SMTP_TMP/a.json" "'auth.requires_tls' not in causes()"
grep -q wrong-password "$SMTP_TMP/a.json" && { echo "FAIL: leak"; exit 1; }

SOCKDOC_PASSWORD=$SMTP_TEST_PASSWORD smtp_sockdoc "$SMTP_TMP/b.json" \
	"${CA[@]}" --tls none --user alice smtp://127.0.0.1:587
assert_json "$SMTP_TMP/b.json" "causes()[0] == 'auth.requires_tls'"
assert_json "$SMTP_TMP/b.json" "cause('auth.requires_tls')['confidence'] == 'high'"
assert_json "$SMTP_TMP/b.json" "stage('plain')['outcome'] == 'not_offered'"
assert_json "$SMTP_TMP/b.json" "stage('starttls')['outcome'] == 'ok'"
assert_json "$SMTP_TMP/b.json" "details('smtp.ehlo')['caps']['auth'] == []"
assert_json "$SMTP_TMP/b.json" "'PLAIN' in details('tls')['caps_after_tls']['auth']"
assert_json "$SMTP_TMP/b.json" "'after STARTTLS it offers AUTH' in ev('auth.requires_tls')"
assert_json "$SMTP_TMP/b.json" "'auth.rejected' not in causes()"

smtp_sockdoc "$SMTP_TMP/c.json" "${CA[@]}" --tls starttls "${ENV[@]}" \
	smtp://127.0.0.1:2525
assert_json "$SMTP_TMP/c.json" "causes()[0] == 'auth.required'"
assert_json "$SMTP_TMP/c.json" "details('smtp.transaction')['rejected_at'] == 'MAIL'"
assert_json "$SMTP_TMP/c.json" "details('smtp.transaction')['code'] == 530"
assert_json "$SMTP_TMP/c.json" "'530 5.7.0' in ev('auth.required')"
assert_json "$SMTP_TMP/c.json" "'without logging in' in ev('auth.required')"

smtp_sockdoc "$SMTP_TMP/d.json" "${CA[@]}" --tls starttls "${ENV[@]}" \
	smtp://127.0.0.1:2526
assert_json "$SMTP_TMP/d.json" "causes()[0] == 'auth.required'"
assert_json "$SMTP_TMP/d.json" "details('smtp.transaction')['outcome'] == 'relay_denied'"
assert_json "$SMTP_TMP/d.json" "details('smtp.transaction')['enhanced'] == '5.7.1'"
assert_json "$SMTP_TMP/d.json" "'RCPT answered 550 5.7.1 Relaying denied' in ev('auth.required')"

SOCKDOC_PASSWORD=$SMTP_TEST_PASSWORD smtp_sockdoc "$SMTP_TMP/e.json" \
	"${CA[@]}" --tls starttls --user alice "${ENV[@]}" smtp://127.0.0.1:2526
assert_json "$SMTP_TMP/e.json" "causes() == []"
assert_json "$SMTP_TMP/e.json" "details('smtp.transaction')['authenticated']"
assert_json "$SMTP_TMP/e.json" "details('smtp.transaction')['outcome'] == 'accepted'"
grep -q "$SMTP_TEST_PASSWORD" "$SMTP_TMP"/*.json && { echo "FAIL: leak"; exit 1; }
echo PASS
