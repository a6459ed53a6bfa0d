#!/bin/bash
# The idle trial's long transfer against the fault lab idle-timeout:3 (the
# control connection is reset after 3 s without a command, even while data
# flows): the idle limit is measured, then a throttled upload that lasts
# longer finishes its data but loses the control connection before 226.
. "$(dirname "$0")/lib_trials.sh"
start_lab ftp idle-timeout:3
report "ftp://127.0.0.1:$LAB_PORT" --trials idle --budget 25 --timeout 2 --max-upload 256K
assert_json "$TL_TMP/report.json" 'cause("transfer.control_idle_timeout")["confidence"] == "high"' "lab idle transfer: no transfer.control_idle_timeout"
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["long_transfer"]["control_lost"] is True' "lab idle transfer: control_lost not true"
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["long_transfer"]["completed"] is True' "lab idle transfer: data not completed"
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["long_transfer"]["seconds"] > 3.0' "lab idle transfer: upload not longer than the limit"
assert_json "$TL_TMP/report.json" '"was reset before the server'"'"'s 226" in evidence("transfer.control_idle_timeout")' "lab idle transfer: evidence"
assert_json "$TL_TMP/report.json" '"while the limit is 3.0 s" in evidence("transfer.control_idle_timeout")' "lab idle transfer: evidence of the limit"
echo "ok"
