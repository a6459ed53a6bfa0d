#!/bin/bash
# An SSH server's banner on the FTP port: service.wrong_protocol with SSH
# named in the evidence.
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
exit 0
