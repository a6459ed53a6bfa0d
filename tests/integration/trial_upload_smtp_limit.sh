#!/bin/bash
# trial.upload over SMTP (--send-test): what the server said at which
# step is quoted, and only a size refusal is called a size limit.
#  - aiosmtpd with a DATA size limit of 300000 bytes: 64 KB and 256 KB
#    pass; 700 KB is refused at MAIL FROM, whose SIZE= (RFC 1870) is over
#    the limit, before any of the message is sent.  Without --send-test
#    (or --mail-from/--rcpt) --trials upload (or all) is a usage error
#    (exit 2) naming what is missing, as tcp:// without --sink-ok.
#  - the lab's size-limit:300000: the same with 552 5.3.4.
#  - a scripted server that announces no SIZE and answers the end of the
#    message 552 5.3.4: refused after the data.
#  - a scripted server answering the end of the message 554 5.7.1 (policy)
#    or 452 4.3.1 (storage), or cutting it with 421 (read from the socket
#    as libcurl closes it): named as that, not as a size limit.
#  - the lab's reset-after-bytes: a reset after DATA's 354, said so.
. "$(dirname "$0")/lib_trials.sh"
ENV=(--send-test --mail-from a@example.test --rcpt b@example.test)
J=$TL_TMP/report.json

start_aiosmtpd 300000
report "smtp://127.0.0.1:$SMTP_PORT" --trials upload --max-upload 1M
[ "$REPORT_RC" = 2 ] || fail "--trials upload without --send-test: exit $REPORT_RC, not a usage error (2)"
[ -s "$J" ] && fail "--trials upload without --send-test: a report was written"
grep -q 'upload trial sends a real message.*--send-test.*missing: --send-test --mail-from --rcpt)' "$TL_TMP/sockdoc.log" ||
	fail "--trials upload without --send-test: no message naming --send-test: $(cat "$TL_TMP/sockdoc.log")"
report "smtp://127.0.0.1:$SMTP_PORT" --trials all --send-test --mail-from a@example.test
[ "$REPORT_RC" = 2 ] || fail "--trials all with no --rcpt: exit $REPORT_RC, not 2"
grep -q 'missing: --rcpt)' "$TL_TMP/sockdoc.log" || fail "--trials all: the missing --rcpt not named"
report "smtp://127.0.0.1:$SMTP_PORT" --trials halfclose --timeout 2
assert_json "$J" '"--send-test" in [e for e in r["not_asked"] if e["probe"] == "trials"][0]["answer"]' "not_asked: the SMTP trials answer does not say --send-test"
report "smtp://127.0.0.1:$SMTP_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'cause("transfer.size_limit")["confidence"] == "high"' "aiosmtpd: no transfer.size_limit"
assert_json "$J" '"552" in evidence("transfer.size_limit")' "aiosmtpd: no 552 in the evidence"
assert_json "$J" 'det("trial.upload")["largest_ok"] == 262144' "aiosmtpd: largest ok is not 256 KB"
assert_json "$J" 'det("trial.upload")["failed_size"] == 716800' "aiosmtpd: did not stop at 700 KB"
assert_json "$J" 'det("trial.upload")["refused_step"] == "MAIL" and det("trial.upload")["refused_when"] == "before_data"' "aiosmtpd: not refused at MAIL before the data"
assert_json "$J" '"SIZE=716800" in det("trial.upload")["refused_arg"]' "aiosmtpd: MAIL without SIZE=716800"
assert_json "$J" 'det("trial.upload")["size_announced"] == 300000' "aiosmtpd: SIZE 300000 not read from EHLO"
assert_json "$J" '"at MAIL a@example.test SIZE=716800, before any of the message was sent, the server answered 552 " in evidence("transfer.size_limit")' "aiosmtpd: the step and reply not quoted"
assert_json "$J" '"message size exceeds fixed maximum message size" in evidence("transfer.size_limit")' "aiosmtpd: the reply text not quoted"
assert_json "$J" '"the limit is the server" in evidence("transfer.size_limit")' "aiosmtpd: no side"
assert_json "$J" '"SIZE 300000" in fixes("transfer.size_limit")' "aiosmtpd: the fix does not name the limit"

start_lab smtp size-limit:300000
report "smtp://127.0.0.1:$LAB_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'cause("transfer.size_limit")["confidence"] == "high"' "lab: no transfer.size_limit"
assert_json "$J" '"before any of the message was sent, the server answered 552 5.3.4 Message size exceeds fixed maximum message size" in evidence("transfer.size_limit")' "lab: 552 5.3.4 at MAIL not quoted"
assert_json "$J" 'det("trial.upload")["refusals"][0]["enhanced"] == "5.3.4"' "lab: no enhanced code in the refusal"
assert_json "$J" '[s["step"] for s in det("trial.upload")["uploads"][-1]["smtp_steps"]][-1] == "MAIL"' "lab: the last step is not MAIL"
assert_json "$J" 'det("trial.upload")["uploads"][0]["smtp_steps"][-1]["step"] == "DATA-END" and det("trial.upload")["uploads"][0]["smtp_steps"][-1]["code"] == 250' "lab: the first upload's end of data not recorded"

SCRIPT=$TL_TMP/big.rules
printf 'EHLO 250-mail.test|250 8BITMIME\n. 552 5.3.4 Message size exceeds fixed maximum message size\n' >"$SCRIPT"
start_scripted_smtp "$SCRIPT"
report "smtp://127.0.0.1:$SCRIPTED_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["result"] == "size_limit"' "end-of-data 552: not a size limit"
assert_json "$J" 'det("trial.upload")["refused_step"] == "DATA-END" and det("trial.upload")["refused_when"] == "after_data"' "end-of-data 552: not refused after the data"
assert_json "$J" 'det("trial.upload")["refused_after_bytes"] == 65536' "end-of-data 552: not after the 64 KB message"
assert_json "$J" '"at DATA-END, after 64.0 KB of the message, the server answered 552 5.3.4" in evidence("transfer.size_limit")' "end-of-data 552: not quoted"

printf 'EHLO 250-mail.test|250 8BITMIME\n. 554 5.7.1 Message rejected by policy\n' >"$SCRIPT.pol"
start_scripted_smtp "$SCRIPT.pol"
report "smtp://127.0.0.1:$SCRIPTED_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["result"] == "error"' "policy 554: result is not error"
assert_json "$J" 'cause("transfer.size_limit") is None' "policy 554: called a size limit"
assert_json "$J" 'cause("smtp.message_rejected") is not None' "policy 554: no smtp.message_rejected"
assert_json "$J" 'any(r["step"] == "DATA-END" and r["code"] == 554 and r["enhanced"] == "5.7.1" and r["after_bytes"] == 65536 for r in det("trial.upload")["refusals"])' "policy 554: no DATA-END refusal in trial.upload"
assert_json "$J" '"554 5.7.1 Message rejected by policy" in evidence("smtp.message_rejected")' "policy 554: not quoted"
assert_json "$J" '"554 5.7.1 Message rejected by policy" in probe("trial.upload")["summary"]' "policy 554: not in the summary"

printf 'EHLO 250-mail.test|250 8BITMIME\n. 452 4.3.1 Insufficient system storage\n' >"$SCRIPT.full"
start_scripted_smtp "$SCRIPT.full"
report "smtp://127.0.0.1:$SCRIPTED_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["result"] == "error" and det("trial.upload")["refused_code"] == 452' "storage 452: not a 452 refusal"
assert_json "$J" 'cause("transfer.size_limit") is None' "storage 452: called a size limit"
assert_json "$J" '"452 4.3.1 Insufficient system storage" in evidence("server.storage_full")' "storage 452: no server.storage_full quoting it"

printf 'EHLO 250-mail.test|250 8BITMIME\nDATA-CUT 300000 421 4.3.2 Service shutting down, closing channel\n' >"$SCRIPT.cut"
start_scripted_smtp "$SCRIPT.cut"
report "smtp://127.0.0.1:$SCRIPTED_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["refused_code"] == 421 and det("trial.upload")["refused_when"] == "during_data"' "421 mid-message: not read as it closed"
assert_json "$J" '300000 <= det("trial.upload")["refused_after_bytes"] <= 716800' "421 mid-message: bytes before it out of range"
assert_json "$J" 'cause("transfer.size_limit") is None' "421 mid-message: called a size limit"
assert_json "$J" '"421 4.3.2 Service shutting down" in evidence("server.busy")' "421 mid-message: no server.busy quoting it"

# AUTH LOGIN's lines never reach the transcript or the report; a RCPT
# refusal is quoted once (the trial names the step as smtp.transaction).
printf 'EHLO 250-mail.test|250 AUTH LOGIN\nAUTH:LOGIN* 334 VXNlcm5hbWU6 ; 334 UGFzc3dvcmQ6 ; 235 2.7.0 ok\nRCPT 550 5.1.1 <b@example.test>: Recipient address rejected: User unknown\n' >"$SCRIPT.auth"
printf 'hunter2secret' >"$TL_TMP/pw"
start_scripted_smtp "$SCRIPT.auth"
report "smtp://127.0.0.1:$SCRIPTED_PORT" --tls none --user alice --password-file "$TL_TMP/pw" \
	--transcript "$TL_TMP/ts.txt" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["refused_step"] == "RCPT" and det("trial.upload")["refused_arg"] == "b@example.test"' "RCPT 550: not the refused step"
assert_json "$J" '[s["step"] for s in det("trial.upload")["uploads"][-1]["smtp_steps"]][2] == "AUTH"' "RCPT 550: AUTH not among the steps"
assert_json "$J" 'evidence("smtp.recipient_rejected").count("Recipient address rejected") == 1' "RCPT 550: quoted twice or not at all"
grep -q '^\[.*trial.upload *> RCPT TO:<b@example.test>' "$TL_TMP/ts.txt" || fail "the trial's dialogue is not in the transcript"
if grep -E -q 'hunter2|aHVudGVy|YWxpY2U' "$TL_TMP/ts.txt" "$J"; then
	fail "an AUTH secret reached the transcript or the report"
fi

start_lab smtp reset-after-bytes:300000
report "smtp://127.0.0.1:$LAB_PORT" --trials upload --max-upload 1M "${ENV[@]}"
assert_json "$J" 'det("trial.upload")["result"] == "reset" and det("trial.upload")["reset_during_data"]' "lab reset: not a reset during the message"
assert_json "$J" '"answered 354 to DATA" in evidence("transfer.reset_after_bytes")' "lab reset: the DATA step not said"
echo "ok"
