#!/bin/bash
# An SSH server's banner where FTP, SMTP, POP3 or IMAP (or, for tcp://
# --tls implicit, TLS) was expected: exactly one cause,
# service.wrong_protocol with SSH named in the evidence, whatever the
# client's security mode.  On a plain port banner hears it and the FTP and
# SMTP protocol probes skip (naming SSH) instead of waiting out --timeout;
# with implicit TLS (smtps://, ftps://, pop3s://, imaps://, tcp://
# --tls implicit) the session sees the SSH banner where the first TLS
# record was due and says so (no TLS cause, no malformed reply, no
# unexplained check); the POP3/IMAP probes after mailrecv.caps skip,
# naming SSH.  With a password, ftp.login
# starts beside banner and is undone: the transcript keeps what it
# exchanged and says so; the password is in no output.
. "$(dirname "$0")/lib.sh"

start_fault ssh --mode greet --hold 10 \
	--text 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'
out=$T_DIR/report.json

# only_ssh FILE: service.wrong_protocol naming SSH is the one cause.
only_ssh() {
	assert_cause "$1" service.wrong_protocol
	assert_evidence "$1" service.wrong_protocol 'SSH'
	assert_evidence "$1" service.wrong_protocol 'first bytes: "SSH-2\.0-OpenSSH_9\.2p1'
	assert_json "$1" 'cause_ids() == ["service.wrong_protocol"]' \
		"no second cause (malformed reply, unexplained check, tls.*)"
}

# skipped_for_ssh FILE ID...: each probe ID was skipped, naming SSH.
skipped_for_ssh() {
	local f=$1 id
	shift
	for id in "$@"; do
		assert_json "$f" "status('$id') == 'skipped'"
		assert_json "$f" "'the port speaks SSH' in probe('$id')['summary']"
	done
}

report_json "$out" --timeout 2 "ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
only_ssh "$out"
assert_json "$out" 'status("banner") == "fail"'
assert_json "$out" 'details("banner")["sniff"] == "ssh"'
skipped_for_ssh "$out" ftp.login ftp.tls ftp.passive ftp.active
assert_json "$out" '"SFTP client" in fixes("service.wrong_protocol").split("\n")[0]' \
	"the first fix for SSH on an FTP target: an SFTP client"
note "ftp:// without a password: ${REPORT_MS} ms"

ts=$T_DIR/transcript.txt
SOCKDOC_PASSWORD=secret-$$ report_json "$out" --timeout 2 --user tester \
	--transcript "$ts" "ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
only_ssh "$out"
skipped_for_ssh "$out" ftp.login ftp.tls
# Any ftp.login line: it started early (a skipped probe writes none).
if grep -q "ftp.login " "$ts"; then
	assert_grep "$ts" "ftp.login .*started early; undone, its exchange above is not used: the port speaks SSH, not FTP"
	note "ftp.login started early and was undone"
else
	note "ftp.login did not start before banner's verdict in this run"
fi
note "ftp:// with a password: ${REPORT_MS} ms"
for f in "$ts" "$out" "$out.err"; do
	[ -e "$f" ] && assert_no_grep "$f" "secret-$$"
done

report_json "$out" --timeout 2 "smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
only_ssh "$out"
skipped_for_ssh "$out" smtp.ehlo
assert_json "$out" 'status("smtp.tls") in ("skipped", "absent")'
# smtp.ports still tells about the other ports; on the target port it
# names the other protocol instead of waiting for a greeting.
assert_json "$out" 'any(x["port"] == '"$FAULT_PORT"' and x["outcome"] == "wrong_protocol" for x in details("smtp.ports")["ports"])'
note "smtp://: ${REPORT_MS} ms"

for u in smtps ftps; do
	report_json "$out" --timeout 2 "$u://127.0.0.1:$FAULT_PORT"
	assert_exit 1
	only_ssh "$out"
	assert_evidence "$out" service.wrong_protocol 'where the TLS handshake was due'
	note "$u://: ${REPORT_MS} ms"
done
assert_json "$out" 'details("ftp.login")["wrong_protocol"]["protocol"] == "SSH"'
assert_json "$out" 'details("ftp.login")["wrong_protocol"]["where"] == "tls"'
skipped_for_ssh "$out" ftp.tls
assert_json "$out" '"SFTP client" in fixes("service.wrong_protocol").split("\n")[0]'

# POP3S/IMAPS: mailrecv's own OpenSSL session peeks the SSH banner where
# the first TLS record was due; with a password the login is not tried.
for u in pop3s imaps; do
	U=$(echo "${u%s}S" | tr a-z A-Z)
	SOCKDOC_PASSWORD=secret-$$ report_json "$out" --timeout 2 \
		--user tester "$u://127.0.0.1:$FAULT_PORT"
	assert_exit 1
	only_ssh "$out"
	assert_evidence "$out" service.wrong_protocol 'where the TLS handshake was due'
	assert_json "$out" 'status("mailrecv.caps") == "fail"'
	assert_json "$out" 'details("mailrecv.caps")["wrong_protocol"]["protocol"] == "SSH"'
	assert_json "$out" 'details("mailrecv.caps")["wrong_protocol"]["where"] == "tls"'
	assert_json "$out" 'details("mailrecv.caps")["implicit"]["outcome"] == "wrong_protocol"'
	skipped_for_ssh "$out" mailrecv.tls mailrecv.login mailrecv.mailbox
	assert_json "$out" '"(mailrecv.caps)" in probe("mailrecv.login")["summary"]'
	assert_json "$out" '"SFTP/SSH client" in fixes("service.wrong_protocol").split("\n")[0]'
	assert_json "$out" '"'"$U"' port" in fixes("service.wrong_protocol").split("\n")[0]' \
		"the fix names the $U port"
	assert_no_grep "$out" "secret-$$"
	assert_no_grep "$out.err" "secret-$$"
	note "$u://: ${REPORT_MS} ms"
done

# The plain ports: banner hears SSH, the probes after it skip naming it.
for u in pop3 imap; do
	report_json "$out" --timeout 2 "$u://127.0.0.1:$FAULT_PORT"
	assert_exit 1
	only_ssh "$out"
	skipped_for_ssh "$out" mailrecv.tls mailrecv.login
	assert_json "$out" '"TLS handshake" not in probe("mailrecv.caps")["summary"]'
done

# tcp:// --tls implicit: tcp.tls names SSH instead of a TLS failure.
report_json "$out" --timeout 2 --tls implicit "tcp://127.0.0.1:$FAULT_PORT"
assert_exit 1
only_ssh "$out"
assert_evidence "$out" service.wrong_protocol 'where the TLS handshake was due'
assert_json "$out" 'status("tcp.tls") == "fail"'
assert_json "$out" '"the port speaks SSH, not TLS" in probe("tcp.tls")["summary"]'
assert_json "$out" 'details("tcp.tls")["wrong_protocol"]["protocol"] == "SSH"'
note "tcp:// --tls implicit: ${REPORT_MS} ms"
exit 0
