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

run_sockdoc "$SMTP_TMP/a.json" --max-upload 1M smtp://127.0.0.1:25
smtp_check "$SMTP_TMP/a.json" \
	"causes() == ['transfer.size_limit']" \
	"cause('transfer.size_limit')['confidence'] == 'low'" \
	"probe('smtp.ehlo')['caps']['size_limit'] == 100000" \
	"'SIZE 100000' in ev('transfer.size_limit')"

run_sockdoc "$SMTP_TMP/b.json" --max-upload 1M "${ENV[@]}" smtp://127.0.0.1:25
smtp_check "$SMTP_TMP/b.json" \
	"causes()[0] == 'transfer.size_limit'" \
	"cause('transfer.size_limit')['confidence'] == 'high'" \
	"probe('smtp.transaction')['code'] == 552" \
	"probe('smtp.transaction')['size_declared'] == 1048576" \
	"'MAIL answered 552' in ev('transfer.size_limit')"

run_sockdoc "$SMTP_TMP/c.json" smtp://127.0.0.1:2525
smtp_check "$SMTP_TMP/c.json" \
	"'server.busy' in causes()" \
	"probe('smtp.ehlo')['after_ehlo_code'] == 421" \
	"probe('smtp.ehlo')['greeting_code'] == 220" \
	"'answered 421' in ev('server.busy')" \
	"'Too many' in ev('server.busy')"

run_sockdoc "$SMTP_TMP/d.json" "${ENV[@]}" smtp://127.0.0.1:2526
smtp_check "$SMTP_TMP/d.json" \
	"causes()[0] == 'server.rejects_client'" \
	"probe('smtp.transaction')['rejected_at'] == 'RCPT'" \
	"probe('smtp.transaction')['outcome'] == 'policy'" \
	"'554 5.7.1 Client host rejected' in ev('server.rejects_client')" \
	"'auth.required' not in causes()"

run_sockdoc "$SMTP_TMP/e.json" "${ENV[@]}" --send-test smtp://127.0.0.1:2527
smtp_check "$SMTP_TMP/e.json" "causes() == []" \
	"probe('smtp.transaction')['outcome'] == 'sent'" \
	"probe('smtp.transaction')['end_code'] == 250" \
	"probe('smtp.transaction')['data_code'] == 354"
echo PASS
