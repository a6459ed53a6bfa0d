#!/bin/bash
# trial.upload when the run's budget ends it mid-upload: a server that
# reads 300 KB/s needs some 3.4 s for the uploads up to 700 KB, more than
# the 2.4 s that --budget 6 leaves them (after the report's margin and the
# clean-up's two --timeout steps), so the 700 KB one is cut (its size is
# well above the buffers on the way).  The cut is said
# as such (result "budget", a warning, budget_exhausted), never as a stall
# (no transfer.stall_timeout), and the clean-up still runs: every file
# written, the cut one too, is deleted (time for the DELE is kept back).
. "$(dirname "$0")/lib_trials.sh"
start_fault ftp_fault slow:300000
report "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 8M --timeout 1 --budget 6
R=$TL_TMP/report.json
up='probe("trial.upload")'
assert_json "$R" "$up[\"status\"] == \"warn\"" "the cut trial is not a warning"
assert_json "$R" "$up[\"details\"][\"result\"] == \"budget\"" "result is not budget"
assert_json "$R" "$up[\"details\"][\"uploads\"][-1][\"result\"] == \"budget\"" "the last upload is not marked budget"
assert_json "$R" "$up[\"details\"][\"budget_exhausted\"] is True" "budget_exhausted not set"
assert_json "$R" "\"the budget ended the trial after\" in $up[\"summary\"]" "summary does not say the budget ended it"
assert_json "$R" "cause(\"transfer.stall_timeout\") is None" "a budget cut was reported as a stall"
assert_json "$R" "$up[\"details\"][\"deleted\"] == len($up[\"details\"][\"uploads\"])" "not every upload was deleted"
assert_json "$R" "$up[\"details\"][\"left\"] == [] and \"delete_failed\" not in $up[\"details\"]" "a file was left behind"
echo "ok: $(json_value "$R" "$up[\"summary\"]")"
