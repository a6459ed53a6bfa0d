#!/bin/bash
# trial.concurrency against a server that resets connections opened less
# than 150 ms after the previous one: the fast ramp is refused at session
# 2, the slow ramp (300 ms apart) gets all 4 -> server.rate_limit, not a
# connection limit.
. "$(dirname "$0")/lib_trials.sh"
start_fault rate_smtp 150
report "smtp://127.0.0.1:$SRV_PORT" --trials concurrency --max-connections 4
assert_json "$TL_TMP/report.json" 'cause("server.rate_limit")["confidence"] == "high"' "no server.rate_limit"
assert_json "$TL_TMP/report.json" 'cause("server.connection_limit") is None' "connection limit concluded"
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["ramps"][0]["refused_at"] == 2' "fast ramp not refused at session 2"
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["ramps"][1]["accepted"] == 4' "slow ramp did not get 4"
echo "ok in ${REPORT_S}s"
