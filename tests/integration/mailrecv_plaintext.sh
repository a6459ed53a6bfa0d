#!/bin/bash
# mailrecv_plaintext.sh — Dovecot with disable_plaintext_auth = yes and a
# client set to no encryption: POP3 USER is answered "-ERR [AUTH]
# Plaintext authentication disallowed on non-secure (SSL/TLS)
# connections.", IMAP lists LOGINDISABLED (LOGIN is then not even sent):
# auth.requires_tls, with the answer or the capability as evidence.
# Dovecot listens on 127.0.0.2: a client from its own address counts as
# secured and would be let in.
MR_HOST=127.0.0.2
. "$(dirname "$0")/lib_mailrecv.sh"
mr_need
mr_dovecot_start <<'EOF2'
disable_plaintext_auth = yes
EOF2

mr_sockdoc --cacert "$MR_CA" --tls none --user "$MR_USER" "pop3://$MR_HOST:$MR_POP3"
assert_exit 1
assert_cause "$MR_REPORT" auth.requires_tls "(method USER) was answered -ERR"
assert_evidence "$MR_REPORT" auth.requires_tls 'Plaintext authentication disallowed'
assert_json "$MR_REPORT" 'det("mailrecv.login")["security"] == "plain" and det("mailrecv.login")["outcome"] == "requires_tls"' "the login went plain, as the client does"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["caps"]["starttls"]' "STLS is offered: the fix is to turn it on"
mr_assert_secret_hidden

mr_sockdoc --cacert "$MR_CA" --tls none --user "$MR_USER" "imap://$MR_HOST:$MR_IMAP"
assert_exit 1
assert_cause "$MR_REPORT" auth.requires_tls "LOGINDISABLED"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["caps"]["logindisabled"] and det("mailrecv.login")["outcome"] == "login_disabled"' "LOGINDISABLED listed; LOGIN not sent"
assert_no_grep "$MR_DIR/transcript.txt" "LOGIN \"$MR_USER\""
mr_assert_secret_hidden
echo "PASS"
