#!/bin/bash
# trial.concurrency against vsftpd max_clients=3: the 4th session gets 421,
# the slow ramp confirms it -> server.connection_limit with N exact.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd max_clients=3
report "ftp://127.0.0.1:$FTP_PORT" --trials concurrency
assert_exit 1
assert_json "$TL_TMP/report.json" 'cause("server.connection_limit")["confidence"] == "high"' "no high server.connection_limit"
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["limit"] == 3' "limit is not 3"
assert_json "$TL_TMP/report.json" 'all(r["refused_at"] == 4 and r["code"] == 421 for r in probe("trial.concurrency")["details"]["ramps"])' "refusal not at session 4 with 421"
assert_json "$TL_TMP/report.json" '"to this server to 3" in cause("server.connection_limit")["fixes"][0]' "fix does not name 3"
assert_json "$TL_TMP/report.json" 'cause("server.rate_limit") is None' "rate limit concluded"
echo "ok: limit 3 in ${REPORT_S}s"
