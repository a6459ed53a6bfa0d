#!/bin/bash
# mailrecv_bad_login.sh — Dovecot with a wrong password: POP3 answers
# "-ERR [AUTH] Authentication failed." to PASS and to AUTH PLAIN/LOGIN,
# IMAP "NO [AUTHENTICATIONFAILED]" to LOGIN: auth.rejected, high, with the
# step, the status, the response code and the text; the refusals are in
# the shared shape; no second method is tried with a password already
# refused (Dovecot's auth penalty would slow it, a lockout count it); the
# wrong password appears nowhere.
. "$(dirname "$0")/lib_mailrecv.sh"
mr_need
mr_dovecot_start </dev/null
MR_SENT_PASS="wrong-$RANDOM-secret"

mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" "pop3://127.0.0.1:$MR_POP3"
assert_exit 1
assert_cause "$MR_REPORT" auth.rejected "POP3 PASS (method USER) was answered -ERR"
assert_json "$MR_REPORT" 'cause("auth.rejected")["confidence"] == "high"' "high confidence"
assert_evidence "$MR_REPORT" auth.rejected '\[AUTH\] Authentication failed'
assert_json "$MR_REPORT" 'status("mailrecv.login") == "fail" and det("mailrecv.login")["outcome"] == "login_denied"' "login probe: login_denied"
assert_json "$MR_REPORT" 'any(r["step"] == "PASS" and r["status"] == "-ERR" and r.get("resp_code") == "AUTH" for r in det("mailrecv.login")["refusals"])' "refusal: PASS -ERR [AUTH]"
assert_json "$MR_REPORT" 'len(det("mailrecv.login")["attempts"]) == 1 and det("mailrecv.login")["not_tried"] == 2' "no more methods tried after a refused password (lockout)"
assert_json "$MR_REPORT" 'status("mailrecv.mailbox") == "skipped"' "no mailbox look without a login"
mr_assert_secret_hidden

# Dovecot now delays this address's logins (its auth penalty, beyond
# --timeout): the login step waits longer.
mr_sockdoc --cacert "$MR_CA" --user "$MR_USER" "imap://127.0.0.1:$MR_IMAP"
assert_exit 1
assert_cause "$MR_REPORT" auth.rejected "IMAP LOGIN (method LOGIN) was answered NO"
assert_evidence "$MR_REPORT" auth.rejected 'AUTHENTICATIONFAILED'
assert_json "$MR_REPORT" 'any(r["step"] == "LOGIN" and r["status"] == "NO" and r.get("resp_code") == "AUTHENTICATIONFAILED" and r.get("arg") == "alice" for r in det("mailrecv.login")["refusals"])' "refusal: LOGIN NO [AUTHENTICATIONFAILED], user named"
mr_assert_secret_hidden
echo "PASS"
