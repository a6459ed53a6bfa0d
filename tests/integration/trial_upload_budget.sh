#!/bin/bash
# trial.upload when the run's budget ends it mid-upload: a server that
# reads 200 KB/s needs some 5 s for the uploads up to 700 KB; --budget 7.5
# leaves them about 3.3 s (after the chain before the trial, the report's
# margin and the clean-up's two --timeout steps): the 64 and 256 KB ones
# pass (1.6 s), the 700 KB one starts with some 1.7 s left (the trial
# starts no upload with less than --timeout left) and is cut about half
# way, with a wide margin on both sides for a loaded machine.  The cut is said
# as such (result "budget", a warning, budget_exhausted), never as a stall
# (no transfer.stall_timeout), and the clean-up still runs: every file
# written, the cut one too, is deleted (time for the DELE is kept back).
. "$(dirname "$0")/lib_trials.sh"
start_fault ftp_fault slow:200000
report "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 8M --timeout 1 --budget 7.5
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
