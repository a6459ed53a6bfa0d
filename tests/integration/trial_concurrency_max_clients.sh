#!/bin/bash
# trial.concurrency against vsftpd max_clients=3: the 4th session gets 421,
# the slow ramp confirms it -> server.connection_limit with N exact.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd max_clients=3
report "ftp://127.0.0.1:$FTP_PORT" --trials concurrency
[ "$REPORT_RC" = 1 ] || fail "exit code $REPORT_RC, want 1"
check 'cause("server.connection_limit")["confidence"] == "high"' "no high server.connection_limit"
check 'probe("trial.concurrency")["details"]["limit"] == 3' "limit is not 3"
check 'all(r["refused_at"] == 4 and r["code"] == 421 for r in probe("trial.concurrency")["details"]["ramps"])' "refusal not at session 4 with 421"
check '"to this server to 3" in cause("server.connection_limit")["fixes"][0]' "fix does not name 3"
check 'cause("server.rate_limit") is None' "rate limit concluded"
echo "ok: limit 3 in ${REPORT_S}s"
