#!/bin/bash
# An SSH server's banner on the FTP port: service.wrong_protocol with SSH
# named in the evidence.  With a password, ftp.login starts beside banner
# and is undone: the transcript keeps what it exchanged and says so.
. "$(dirname "$0")/lib.sh"

start_fault ssh --mode greet --hold 10 \
	--text 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'
out=$T_DIR/report.json
report_json "$out" --timeout 2 "ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" service.wrong_protocol
assert_evidence "$out" service.wrong_protocol 'SSH'
assert_json "$out" 'status("banner") == "fail"'
assert_json "$out" 'details("banner")["sniff"] == "ssh"'

ts=$T_DIR/transcript.txt
SOCKDOC_PASSWORD=secret-$$ report_json "$out" --timeout 2 --user tester \
	--transcript "$ts" "ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_cause "$out" service.wrong_protocol
assert_json "$out" 'status("ftp.login") == "skipped"'
if grep -q "ftp.login.*SSH-2.0" "$ts"; then
	assert_grep "$ts" "ftp.login .*started early; undone, its exchange above is not used: "
else
	note "ftp.login did not start before banner's verdict in this run"
fi
assert_no_grep "$ts" "secret-$$"
exit 0
