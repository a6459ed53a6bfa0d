#!/bin/bash
# mailrecv_healthy.sh — a healthy Dovecot: POP3 with STLS and IMAP with
# STARTTLS on the plain ports, and POP3S/IMAPS (implicit TLS); each run
# greets, lists the capabilities, verifies the certificate against the
# test CA, logs in with every offered method and opens the mailbox
# read-only (two messages).  No cause; the password appears nowhere.
. "$(dirname "$0")/lib_mailrecv.sh"
mr_need
mr_dovecot_start </dev/null

# POP3 on the plain port: STLS, then the login over TLS.
mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" "pop3://127.0.0.1:$MR_POP3"
assert_exit 0
assert_no_cause "$MR_REPORT"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["mode"] == "plain" and det("mailrecv.caps")["caps"]["starttls"]' "POP3: plain port with STLS"
assert_json "$MR_REPORT" 'det("banner")["status"] == "+OK" and status("banner") == "ok"' "banner reads +OK"
assert_json "$MR_REPORT" 'det("mailrecv.tls")["verified"] and det("mailrecv.tls")["mode"] == "starttls" and det("mailrecv.tls")["version"].startswith("TLSv1.")' "POP3: STLS, verified"
assert_json "$MR_REPORT" '"sockdoc test CA" in det("mailrecv.tls")["issuer"]' "issuer recorded"
assert_json "$MR_REPORT" 'status("mailrecv.login") == "ok" and [a["method"] for a in det("mailrecv.login")["attempts"]] == ["USER", "AUTH=PLAIN", "AUTH=LOGIN"]' "POP3: USER, PLAIN and LOGIN all work"
assert_json "$MR_REPORT" 'det("mailrecv.mailbox")["command"] == "STAT" and det("mailrecv.mailbox")["messages"] == 2' "POP3 STAT: 2 messages"
assert_json "$MR_REPORT" 'det("mailrecv.ports")["recommended"] == {"port": '"$MR_POP3S"', "security": "implicit"} or det("mailrecv.ports")["recommended"]["security"] in ("implicit", "starttls")' "ports: a TLS pair recommended"
mr_assert_secret_hidden

# IMAP on the implicit port.
mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" "imaps://127.0.0.1:$MR_IMAPS"
assert_exit 0
assert_no_cause "$MR_REPORT"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["mode"] == "implicit" and "PLAIN" in det("mailrecv.caps")["caps"]["sasl"]' "IMAPS: implicit, AUTH=PLAIN"
assert_json "$MR_REPORT" 'det("mailrecv.tls")["verified"] and det("mailrecv.tls")["mode"] == "implicit"' "IMAPS: verified"
assert_json "$MR_REPORT" 'status("mailrecv.login") == "ok" and det("mailrecv.login")["method_ok"] == "LOGIN"' "IMAP LOGIN works"
assert_json "$MR_REPORT" 'det("mailrecv.mailbox")["command"] == "EXAMINE INBOX" and det("mailrecv.mailbox")["messages"] == 2 and det("mailrecv.mailbox")["read_only"]' "EXAMINE INBOX: 2 messages, read-only"
mr_assert_secret_hidden

# IMAP on the plain port with STARTTLS.
mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" "imap://127.0.0.1:$MR_IMAP"
assert_exit 0
assert_no_cause "$MR_REPORT"
assert_json "$MR_REPORT" 'det("mailrecv.tls")["mode"] == "starttls" and "caps_after_tls" in det("mailrecv.tls")' "IMAP STARTTLS, capabilities again over TLS"

# The client set to no encryption: the login goes in plain text.
mr_sockdoc --cacert "$MR_CA" --tls none --user "$MR_USER" "pop3://127.0.0.1:$MR_POP3"
assert_exit 0
assert_no_cause "$MR_REPORT"
assert_json "$MR_REPORT" 'det("mailrecv.login")["security"] == "plain" and status("mailrecv.login") == "ok"' "POP3 without TLS: login works in plain text"
mr_assert_secret_hidden
echo "PASS"
