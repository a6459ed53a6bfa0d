#!/bin/bash
# trial_concurrency_local.sh — issue 10: a local limit during a trial is
# not the server's doing.  With `ulimit -n 128` the concurrency ramp runs
# out of descriptors (EMFILE) before the server refuses anything: the
# trial records local_error EMFILE and no refusal, and the diagnosis does
# not say server.connection_limit: the cause is local.resource.
. "$(dirname "$0")/lib.sh"

out=$T_DIR/report.json
start_scripted_ftp many '{}' --max-sessions 400
(ulimit -n 128 && "$SOCKDOC" --report --format json --timeout 3 --trials concurrency \
	--max-connections 200 "ftp://127.0.0.1:$SCRIPTED_PORT" >"$out" 2>"$out.err" </dev/null)
assert_json "$out" 'details("trial.concurrency")["local_error"] == "EMFILE"'
assert_json "$out" 'details("trial.concurrency")["ramps"][0]["refused_at"] == 0 and details("trial.concurrency")["ramps"][0]["local_error"] == "EMFILE"'
assert_json "$out" 'details("trial.concurrency")["limit_found"] is False'
assert_json "$out" '"server.connection_limit" not in cause_ids() and "server.rate_limit" not in cause_ids()'
assert_first_cause "$out" local.resource
assert_evidence "$out" local.resource 'EMFILE'
exit 0
