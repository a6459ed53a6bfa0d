#!/bin/bash
# mailrecv_scripted.sh — POP3/IMAP faults a stock Dovecot cannot show,
# from a scripted server on loopback (servers/mailrecvd.py), each run to
# its cause with the server's response code as evidence:
#   POP3 PASS -> -ERR [LOGIN-DELAY]           auth.login_delay
#   POP3 PASS -> -ERR [SYS/TEMP]              server.unavailable
#   POP3 greeting -ERR [SYS/TEMP] too many    server.unavailable
#   IMAP greeting * BYE [UNAVAILABLE]         server.unavailable
#   IMAP EXAMINE -> NO [INUSE] after a login  mailbox.in_use
# and two hostile servers stay bounded: an endless CAPA list
# (server.endless_reply), and a greeting with terminal escapes and a
# 5000-byte line (read, cut, sanitized).
. "$(dirname "$0")/lib_mailrecv.sh"
SRV=$(dirname "$0")/servers/mailrecvd.py

# scripted MODE: start the server for MODE; its port in SPORT.
scripted() {
	"$PY" "$SRV" "$1" --life 60 >"$MR_DIR/$1.port" 2>"$MR_DIR/$1.err" &
	track_pid $! "$1"
	wait_file "$MR_DIR/$1.port"
	SPORT=$(head -1 "$MR_DIR/$1.port")
}

scripted pop3-login-delay
mr_sockdoc --tls none --user "$MR_USER" "pop3://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" auth.login_delay "[LOGIN-DELAY] wait 15 minutes"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["caps"]["login_delay"] == 900' "CAPA LOGIN-DELAY 900 read"
assert_json "$MR_REPORT" 'len(det("mailrecv.login")["attempts"]) == 1' "no second method after LOGIN-DELAY"
mr_assert_secret_hidden

scripted pop3-sys-temp
mr_sockdoc --tls none --user "$MR_USER" "pop3://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" server.unavailable "[SYS/TEMP]"
assert_json "$MR_REPORT" '"auth.rejected" not in causes()' "not called a wrong password"

scripted pop3-busy
mr_sockdoc --tls none "pop3://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" server.unavailable "greets with -ERR"
assert_json "$MR_REPORT" 'det("banner")["status"] == "-ERR" and status("banner") == "fail"' "banner: -ERR greeting"

scripted imap-bye-unavailable
mr_sockdoc --tls none "imap://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" server.unavailable "greets with BYE"

scripted imap-inuse-examine
mr_sockdoc --tls none --user "$MR_USER" "imap://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" mailbox.in_use "EXAMINE INBOX was answered NO"
assert_json "$MR_REPORT" 'status("mailrecv.login") == "ok" and det("mailrecv.mailbox")["code"] == "INUSE"' "login ok, EXAMINE NO [INUSE]"
assert_json "$MR_REPORT" 'any(r["step"] == "EXAMINE" and r.get("arg") == "INBOX" for r in det("mailrecv.mailbox")["refusals"])' "refusal names EXAMINE INBOX"

scripted pop3-endless-capa
mr_sockdoc --tls none "pop3://127.0.0.1:$SPORT"
assert_cause "$MR_REPORT" server.endless_reply "answer to CAPA never ended"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["plain"]["outcome"] == "overlong"' "endless CAPA cut at the bound"
assert_json "$MR_REPORT" 'len(json.dumps(r)) < 400000' "report stays small"

scripted pop3-hostile
mr_sockdoc --tls none "pop3://127.0.0.1:$SPORT"
assert_json "$MR_REPORT" '"\x1b" not in json.dumps(r, ensure_ascii=False) and "\x07" not in json.dumps(r, ensure_ascii=False)' "no terminal escapes in the report"
assert_json "$MR_REPORT" 'len(det("mailrecv.caps")["greeting"]) <= 1024 and det("banner")["status"] == "+OK"' "greeting bounded, still read as +OK"
echo "PASS"
