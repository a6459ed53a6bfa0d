#!/bin/bash
# The seed's second system: a client uploads over its own protocol and
# gets 10054 after about 700 KB.  tcp:// with --trials upload sends
# pattern bytes to the lab's tcp sink (reset-after-bytes:100K) and finds
# transfer.reset_after_bytes near 100 KB, twice; without --sink-ok the
# trial is refused with exit 2 (arbitrary bytes to an unknown service);
# --send-bytes on smtp:// is a usage error; a healthy sink takes 1 MB.
. "$(dirname "$0")/lib_trials.sh"
start_lab tcp reset-after-bytes:100K
report --timeout 2 --trials upload "tcp://127.0.0.1:$LAB_PORT"
assert_exit 2 "$REPORT_RC"
grep -q -- '--sink-ok' "$TL_TMP/sockdoc.log" || fail "the refusal does not name --sink-ok"
report --timeout 2 --send-bytes 1M "smtp://127.0.0.1:$LAB_PORT"
assert_exit 2 "$REPORT_RC"
report --timeout 2 --trials upload --send-bytes 1M --sink-ok "tcp://127.0.0.1:$LAB_PORT"
assert_exit 1 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'cause("transfer.reset_after_bytes")["confidence"] == "high"' "no high transfer.reset_after_bytes"
assert_json "$TL_TMP/report.json" '90*1024 <= probe("trial.upload")["details"]["threshold_bytes"] <= 200*1024' "threshold not near 100 KB"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["protocol"] == "tcp"' "not the tcp sink"
start_lab tcp none
report --timeout 2 --trials upload --send-bytes 1M --sink-ok "tcp://127.0.0.1:$LAB_PORT"
assert_exit 0 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["largest_ok"] == 1024*1024' "1 MB did not go through"
echo "ok"
