#!/bin/bash
# The envelope and the session replies: transfer.size_limit (SIZE in EHLO,
# and 552 at MAIL FROM SIZE=), server.busy (421 after EHLO, then close),
# server.rejects_client (554 5.7.1 at RCPT), and a real --send-test.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
smtp_server small --port 25 --size 100000
smtp_server busy --port 2525 --busy
smtp_server policy --port 2526 \
	--rcpt-reply "554 5.7.1 Client host rejected: Access denied"
smtp_server ok --port 2527
ENV=(--mail-from alice@mail.test --rcpt bob@example.org)

smtp_sockdoc "$SMTP_TMP/a.json" --max-upload 1M smtp://127.0.0.1:25
assert_json "$SMTP_TMP/a.json" "causes() == ['transfer.size_limit']"
assert_json "$SMTP_TMP/a.json" "cause('transfer.size_limit')['confidence'] == 'low'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['caps']['size_limit'] == 100000"
assert_json "$SMTP_TMP/a.json" "'SIZE 100000' in ev('transfer.size_limit')"

smtp_sockdoc "$SMTP_TMP/b.json" --max-upload 1M "${ENV[@]}" smtp://127.0.0.1:25
assert_json "$SMTP_TMP/b.json" "causes()[0] == 'transfer.size_limit'"
assert_json "$SMTP_TMP/b.json" "cause('transfer.size_limit')['confidence'] == 'high'"
assert_json "$SMTP_TMP/b.json" "details('smtp.transaction')['code'] == 552"
assert_json "$SMTP_TMP/b.json" "details('smtp.transaction')['size_declared'] == 1048576"
assert_json "$SMTP_TMP/b.json" "'MAIL answered 552' in ev('transfer.size_limit')"

smtp_sockdoc "$SMTP_TMP/c.json" smtp://127.0.0.1:2525
assert_json "$SMTP_TMP/c.json" "'server.busy' in causes()"
assert_json "$SMTP_TMP/c.json" "details('smtp.ehlo')['after_ehlo_code'] == 421"
assert_json "$SMTP_TMP/c.json" "details('smtp.ehlo')['greeting_code'] == 220"
assert_json "$SMTP_TMP/c.json" "'answered 421' in ev('server.busy')"
assert_json "$SMTP_TMP/c.json" "'Too many' in ev('server.busy')"

smtp_sockdoc "$SMTP_TMP/d.json" "${ENV[@]}" smtp://127.0.0.1:2526
assert_json "$SMTP_TMP/d.json" "causes()[0] == 'server.rejects_client'"
assert_json "$SMTP_TMP/d.json" "details('smtp.transaction')['rejected_at'] == 'RCPT'"
assert_json "$SMTP_TMP/d.json" "details('smtp.transaction')['outcome'] == 'policy'"
assert_json "$SMTP_TMP/d.json" "'554 5.7.1 Client host rejected' in ev('server.rejects_client')"
assert_json "$SMTP_TMP/d.json" "'auth.required' not in causes()"

smtp_sockdoc "$SMTP_TMP/e.json" "${ENV[@]}" --send-test smtp://127.0.0.1:2527
assert_json "$SMTP_TMP/e.json" "causes() == []"
assert_json "$SMTP_TMP/e.json" "details('smtp.transaction')['outcome'] == 'sent'"
assert_json "$SMTP_TMP/e.json" "details('smtp.transaction')['end_code'] == 250"
assert_json "$SMTP_TMP/e.json" "details('smtp.transaction')['data_code'] == 354"
echo PASS
