#!/bin/bash
# refusals_scripted.sh — issue 10, the diagnosis side: a scripted server
# refuses one step, and the report names the cause, quotes the reply and
# exits 1 (never "inconclusive" when the server gave an answer).  Loopback
# only; servers stopped by PID (lib.sh).
. "$(dirname "$0")/lib.sh"

# Start the scripted server for PROTO STEP REPLY [--close]; sets PORT.
refuse() {
	local pf="$T_DIR/port.$RANDOM"
	start_bg "refuse-$1-$2" "$PY" "$T_LIB/servers/refuse_server.py" \
		--proto "$1" --step "$2" --reply "$3" ${4:-} --port-file "$pf" \
		--lifetime 60
	wait_file "$pf" 10
	PORT=$(cat "$pf")
}

# One SMTP case: REPLY at RCPT gives cause ID first, with evidence RE.
smtp_case() {
	local name=$1 reply=$2 id=$3 re=$4
	refuse smtp RCPT "$reply"
	report_json "$T_DIR/$name.json" --timeout 3 --budget 30 \
		--mail-from a@example.test --rcpt bob@example.test \
		"smtp://127.0.0.1:$PORT"
	assert_exit 1
	assert_json "$T_DIR/$name.json" "r['verdict'] == 'problems'"
	assert_first_cause "$T_DIR/$name.json" "$id"
	assert_evidence "$T_DIR/$name.json" "$id" "$re"
}

smtp_case grey '451 4.7.1 <bob@example.test>: Recipient address rejected: Greylisted, try again later' \
	smtp.greylisted '451 4\.7\.1 .*Greylisted'
smtp_case helo '404 4.5.2 <sockdoc>: Helo command rejected: need fully-qualified hostname' \
	smtp.helo_rejected "'sockdoc' is the name the client"
smtp_case unknown '550 5.1.1 <bob@example.test>: Recipient address rejected: User unknown in local recipient table' \
	smtp.recipient_rejected '550 5\.1\.1'
smtp_case relay '554 5.7.1 <bob@example.test>: Relay access denied' \
	auth.required 'Relay access denied'
smtp_case full '452 4.2.2 <bob@example.test>: Mailbox full' \
	server.storage_full '452 4\.2\.2'

# FTP: 500 OOPS after PASS, then close: a server fault for its admin.
refuse ftp PASS '500 OOPS: vsftpd: refusing to run with writable root inside chroot()' --close
report_json "$T_DIR/oops.json" --timeout 3 --budget 30 "ftp://127.0.0.1:$PORT"
assert_exit 1
assert_first_cause "$T_DIR/oops.json" ftp.server_error
assert_evidence "$T_DIR/oops.json" ftp.server_error '500 OOPS: vsftpd: refusing to run with writable root'
assert_json "$T_DIR/oops.json" "'allow_writeable_chroot' in ' '.join(cause('ftp.server_error')['fixes'])"

# FTP: a login refused with a code no family knows: the generic cause.
refuse ftp USER '501 5.5.4 Syntax error in the user name'
report_json "$T_DIR/generic.json" --timeout 3 --budget 30 "ftp://127.0.0.1:$PORT"
assert_exit 1
assert_cause "$T_DIR/generic.json" server.refused_step
assert_evidence "$T_DIR/generic.json" server.refused_step 'at USER( anonymous)? the server answered 501'
note "all refusal cases passed"
