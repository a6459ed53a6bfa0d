#!/bin/bash
# A healthy submission server (STARTTLS on 587, trusted certificate, AUTH,
# envelope accepted) yields no cause, and the password appears nowhere.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_cert good "IP:127.0.0.1,DNS:mail.test"
export SMTP_TEST_PASSWORD='s3cret-Pa55'
smtp_server sub --port 587 --mode starttls --cert "$SMTP_TMP/good.pem" \
	--key "$SMTP_TMP/good.key" --auth-user alice --require-starttls
SOCKDOC_PASSWORD=$SMTP_TEST_PASSWORD smtp_sockdoc "$SMTP_TMP/r.json" \
	--cacert "$SMTP_TMP/ca.pem" --tls starttls --user alice \
	--mail-from alice@mail.test --rcpt bob@example.org \
	--transcript "$SMTP_TMP/t.txt" smtp://127.0.0.1:587
assert_json "$SMTP_TMP/r.json" "r['verdict'] == 'ok'"
assert_json "$SMTP_TMP/r.json" "causes() == []"
assert_json "$SMTP_TMP/r.json" "details('smtp.ehlo')['mode'] == 'plain'"
assert_json "$SMTP_TMP/r.json" "details('smtp.ehlo')['caps']['starttls']"
assert_json "$SMTP_TMP/r.json" "details('tls')['verified'] and details('tls')['version'].startswith('TLSv1')"
assert_json "$SMTP_TMP/r.json" "details('tls')['name_match'] is True"
assert_json "$SMTP_TMP/r.json" "'AUTH' in details('tls')['caps_after_tls']['keywords']"
assert_json "$SMTP_TMP/r.json" "details('smtp.auth')['authenticated']"
assert_json "$SMTP_TMP/r.json" "details('smtp.transaction')['outcome'] == 'accepted'"
assert_json "$SMTP_TMP/r.json" "details('smtp.transaction')['rcpt_code'] == 250"
assert_json "$SMTP_TMP/r.json" "{'port': 587, 'security': 'starttls'} in details('smtp.ports')['working']"
assert_exit 0
if grep -rqF "$SMTP_TEST_PASSWORD" "$SMTP_TMP/r.json" "$SMTP_TMP/r.json.err" \
	"$SMTP_TMP/t.txt"; then
	echo "FAIL: the password leaked"; exit 1
fi
b64=$(printf '\0alice\0%s' "$SMTP_TEST_PASSWORD" | base64)
if grep -rqF "$b64" "$SMTP_TMP/r.json" "$SMTP_TMP/t.txt"; then
	echo "FAIL: the AUTH blob leaked"; exit 1
fi
grep -q 'AUTH PLAIN <secret not recorded>' "$SMTP_TMP/t.txt" ||
	{ echo "FAIL: no redacted AUTH line in the transcript"; exit 1; }
echo "PASS"
