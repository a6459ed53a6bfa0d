#!/bin/bash
# trial.concurrency against vsftpd max_per_ip=2: the 3rd session from the
# same address gets 421 -> server.connection_limit with N = 2.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd max_per_ip=2
report "ftp://127.0.0.1:$FTP_PORT" --trials concurrency --max-connections 8
assert_json "$TL_TMP/report.json" 'cause("server.connection_limit") is not None' "no server.connection_limit"
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["limit"] == 2' "limit is not 2"
assert_json "$TL_TMP/report.json" '"too many connections from your internet address" in evidence("server.connection_limit")' "421 text missing"
# Everything released: vsftpd accepts a fresh session at once.
$PY -c "
import socket,sys
s=socket.create_connection(('127.0.0.1',$FTP_PORT),3); s.settimeout(3)
sys.exit(0 if s.recv(100).startswith(b'220') else 1)" || fail "sessions not released"
echo "ok: limit 2 in ${REPORT_S}s"
