#!/bin/bash
# The probes against a real Postfix (a private instance in a namespace,
# its own config, queue and log under the test's temp dir): capabilities
# as Postfix sends them, STARTTLS with a trusted certificate, relaying
# refused without login (554 5.7.1, auth.required), and the SIZE limit
# (552 5.3.4 at MAIL FROM, transfer.size_limit).  Skips without postfix.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
[ -x /usr/sbin/postfix ] && id postfix >/dev/null 2>&1 ||
	{ echo "postfix not installed"; exit 77; }
smtp_setup
smtp_cert good "IP:127.0.0.1"
PF=$SMTP_TMP/pf
chmod 755 "$SMTP_TMP"
mkdir -p "$PF/conf" "$PF/queue" "$PF/data"
chown postfix "$PF/data"
cp /etc/postfix/master.cf "$PF/conf/"
cat >"$PF/conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $PF/queue
data_directory = $PF/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.example.test
mydestination =
mynetworks = 10.255.255.0/24
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
message_size_limit = 200000
maillog_file = $PF/maillog
maillog_file_prefixes = $PF
alias_maps =
alias_database =
smtpd_tls_cert_file = $SMTP_TMP/good.pem
smtpd_tls_key_file = $SMTP_TMP/good.key
smtpd_tls_security_level = may
CF
postconf -c "$PF/conf" -F '*/*/chroot = n'
nsx postfix -c "$PF/conf" start >"$PF/start.log" 2>&1
for i in $(seq 50); do
	[ -s "$PF/queue/pid/master.pid" ] && break
	sleep 0.1
done
[ -s "$PF/queue/pid/master.pid" ] ||
	{ cat "$PF/start.log" "$PF/maillog"; echo "postfix did not start"; exit 99; }
track_pid "$(tr -d ' ' <"$PF/queue/pid/master.pid")"
for i in $(seq 50); do
	nsx bash -c 'exec 3<>/dev/tcp/127.0.0.1/25' 2>/dev/null && break
	sleep 0.1
done
CA=(--cacert "$SMTP_TMP/ca.pem" --tls starttls)
ENV=(--mail-from alice@mail.example.test --rcpt bob@example.org)

smtp_sockdoc "$SMTP_TMP/a.json" "${CA[@]}" --max-upload 100K smtp://127.0.0.1:25
assert_json "$SMTP_TMP/a.json" "causes() == []"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['greeting_host'] == 'mail.example.test'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['caps']['pipelining']"
assert_json "$SMTP_TMP/a.json" "'ENHANCEDSTATUSCODES' in details('smtp.ehlo')['caps']['keywords']"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['caps']['size_limit'] == 200000"
assert_json "$SMTP_TMP/a.json" "details('tls')['verified']"

smtp_sockdoc "$SMTP_TMP/b.json" "${CA[@]}" --max-upload 100K "${ENV[@]}" \
	smtp://127.0.0.1:25
assert_json "$SMTP_TMP/b.json" "causes() == ['auth.required']"
assert_json "$SMTP_TMP/b.json" "details('smtp.transaction')['rejected_at'] == 'RCPT'"
assert_json "$SMTP_TMP/b.json" "details('smtp.transaction')['enhanced'] == '5.7.1'"
assert_json "$SMTP_TMP/b.json" "'Relay access denied' in ev('auth.required')"

smtp_sockdoc "$SMTP_TMP/c.json" "${CA[@]}" --max-upload 1M "${ENV[@]}" \
	smtp://127.0.0.1:25
assert_json "$SMTP_TMP/c.json" "causes()[0] == 'transfer.size_limit'"
assert_json "$SMTP_TMP/c.json" "details('smtp.transaction')['code'] == 552"
assert_json "$SMTP_TMP/c.json" "details('smtp.transaction')['enhanced'] == '5.3.4'"
assert_json "$SMTP_TMP/c.json" "'552 5.3.4' in ev('transfer.size_limit')"
echo PASS
