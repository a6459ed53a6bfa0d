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

SOCKDOC_PASSWORD=wrong-password run_sockdoc "$SMTP_TMP/a.json" "${CA[@]}" \
	--tls starttls --user alice smtp://127.0.0.1:587
smtp_check "$SMTP_TMP/a.json" \
	"causes()[0] == 'auth.rejected'" \
	"stage('starttls')['outcome'] == 'rejected'" \
	"stage('starttls')['code'] == 535" \
	"stage('starttls')['enhanced'] == '5.7.8'" \
	"'plain' not in [s['stage'] for s in probe('smtp.auth')['stages']]" \
	"'535' in ev('auth.rejected') and 'alice' in ev('auth.rejected')" \
	"'auth.requires_tls' not in causes()"
grep -q wrong-password "$SMTP_TMP/a.json" && { echo "FAIL: leak"; exit 1; }

SOCKDOC_PASSWORD=$SMTP_TEST_PASSWORD run_sockdoc "$SMTP_TMP/b.json" \
	"${CA[@]}" --tls none --user alice smtp://127.0.0.1:587
smtp_check "$SMTP_TMP/b.json" \
	"causes()[0] == 'auth.requires_tls'" \
	"cause('auth.requires_tls')['confidence'] == 'high'" \
	"stage('plain')['outcome'] == 'not_offered'" \
	"stage('starttls')['outcome'] == 'ok'" \
	"probe('smtp.ehlo')['caps']['auth'] == []" \
	"'PLAIN' in probe('tls')['caps_after_tls']['auth']" \
	"'after STARTTLS it offers AUTH' in ev('auth.requires_tls')" \
	"'auth.rejected' not in causes()"

run_sockdoc "$SMTP_TMP/c.json" "${CA[@]}" --tls starttls "${ENV[@]}" \
	smtp://127.0.0.1:2525
smtp_check "$SMTP_TMP/c.json" \
	"causes()[0] == 'auth.required'" \
	"probe('smtp.transaction')['rejected_at'] == 'MAIL'" \
	"probe('smtp.transaction')['code'] == 530" \
	"'530 5.7.0' in ev('auth.required')" \
	"'without logging in' in ev('auth.required')"

run_sockdoc "$SMTP_TMP/d.json" "${CA[@]}" --tls starttls "${ENV[@]}" \
	smtp://127.0.0.1:2526
smtp_check "$SMTP_TMP/d.json" \
	"causes()[0] == 'auth.required'" \
	"probe('smtp.transaction')['outcome'] == 'relay_denied'" \
	"probe('smtp.transaction')['enhanced'] == '5.7.1'" \
	"'RCPT answered 550 5.7.1 Relaying denied' in ev('auth.required')"

SOCKDOC_PASSWORD=$SMTP_TEST_PASSWORD run_sockdoc "$SMTP_TMP/e.json" \
	"${CA[@]}" --tls starttls --user alice "${ENV[@]}" smtp://127.0.0.1:2526
smtp_check "$SMTP_TMP/e.json" "causes() == []" \
	"probe('smtp.transaction')['authenticated']" \
	"probe('smtp.transaction')['outcome'] == 'accepted'"
grep -q "$SMTP_TEST_PASSWORD" "$SMTP_TMP"/*.json && { echo "FAIL: leak"; exit 1; }
echo PASS
