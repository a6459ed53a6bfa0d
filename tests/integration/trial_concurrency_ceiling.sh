#!/bin/bash
# trial.concurrency stops at --max-connections when the server has no
# limit below it: status ok, no cause, exactly N sessions held.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd max_clients=50
report "ftp://127.0.0.1:$FTP_PORT" --trials concurrency --max-connections 6
assert_exit 0
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["status"] == "ok"' "status not ok"
assert_json "$TL_TMP/report.json" 'probe("trial.concurrency")["details"]["ramps"][0]["accepted"] == 6' "not 6 accepted"
assert_json "$TL_TMP/report.json" 'len(probe("trial.concurrency")["details"]["ramps"]) == 1' "a second ramp ran"
assert_json "$TL_TMP/report.json" 'r["causes"] == []' "causes found"
echo "ok: ceiling 6 in ${REPORT_S}s"
