#!/bin/bash
# SMTP and FTP share the "220 text" greeting: the other one on the port
# is still service.wrong_protocol (not inconclusive, not a refused step).
# A real pyftpdlib under smtp:// (its greeting names it; EHLO and HELO
# answered 500) and a real aiosmtpd under ftp:// (an SMTP greeting; USER
# answered 500), both on loopback.
. "$(dirname "$0")/lib.sh"
$PY -c 'import pyftpdlib' 2>/dev/null || skip "needs python3-pyftpdlib"
fp=$(free_port)
mkdir -p "$T_DIR/pyroot"
start_bg pyftpd $PY -m pyftpdlib -i 127.0.0.1 -p "$fp" -d "$T_DIR/pyroot"
sp=$(free_port)
start_aiosmtpd "$sp"
wait_port 127.0.0.1 "$fp" 15
out=$T_DIR/report.json

report_json "$out" --timeout 3 "smtp://127.0.0.1:$fp"
assert_exit 1
assert_json "$out" 'cause_ids()[0] == "service.wrong_protocol"' "wrong_protocol first"
assert_json "$out" 'cause("service.wrong_protocol")["confidence"] == "high"'
assert_evidence "$out" service.wrong_protocol '220 pyftpdlib'
assert_evidence "$out" service.wrong_protocol 'at EHLO the server answered 500'
assert_json "$out" '"check.unexplained" not in cause_ids()'

report_json "$out" --timeout 3 "ftp://127.0.0.1:$sp"
assert_exit 1
assert_json "$out" 'cause_ids()[0] == "service.wrong_protocol"' "wrong_protocol first"
assert_evidence "$out" service.wrong_protocol 'Python SMTP'
assert_evidence "$out" service.wrong_protocol 'at USER the server answered 500'
assert_json "$out" '"server.refused_step" not in cause_ids()'

# The controls: each server under its own protocol is healthy.
report_json "$out" --timeout 3 "smtp://127.0.0.1:$sp"
assert_exit 0
report_json "$out" --timeout 3 "ftp://127.0.0.1:$fp"
assert_json "$out" '"service.wrong_protocol" not in cause_ids()'
echo PASS
