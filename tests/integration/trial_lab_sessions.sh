#!/bin/bash
# Concurrency, idle and half-close trials against the fault lab:
# max-sessions:3 (N exact), idle-timeout:5 (limit within 10%),
# close-after-command (FIN after NOOP, then RST).
. "$(dirname "$0")/lib_trials.sh"
start_lab ftp max-sessions:3
report "ftp://127.0.0.1:$LAB_PORT" --trials concurrency
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["limit"] == 3' "lab sessions: limit not 3"
assert_json "$TL_TMP/report.json" 'cause("server.connection_limit")["confidence"] == "high"' "lab sessions: no server.connection_limit"
start_lab ftp idle-timeout:5
report "ftp://127.0.0.1:$LAB_PORT" --trials idle --budget 20 --timeout 2
assert_json "$TL_TMP/report.json" 'cause("transfer.control_idle_timeout")["confidence"] == "high"' "lab idle: no transfer.control_idle_timeout"
assert_json "$TL_TMP/report.json" 'abs(probe("trial.idle")["details"]["idle_limit_ms"] - 5000) <= 500' "lab idle: limit not within 10% of 5 s"
start_lab smtp close-after-command
report "smtp://127.0.0.1:$LAB_PORT" --trials halfclose
assert_json "$TL_TMP/report.json" 'cause("conn.graceful_then_reset")["confidence"] == "high"' "lab close: not high"
assert_json "$TL_TMP/report.json" 'probe("trial.halfclose")["details"]["closed_after"] == "NOOP"' "lab close: not after NOOP"
assert_json "$TL_TMP/report.json" '"closed without answering NOOP" in evidence("conn.graceful_then_reset")' "lab close: evidence"
echo "ok"
