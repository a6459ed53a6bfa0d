#!/bin/bash
# The upload trial against the fault lab: reset-after-bytes (threshold
# within 10%), stall-after-bytes (the stall point: at least the lab's
# count, the kernel's receive buffer adds to it), SMTP size-limit (552).
. "$(dirname "$0")/lib_trials.sh"
start_lab ftp reset-after-bytes:600000
report "ftp://127.0.0.1:$LAB_PORT" --trials upload --max-upload 2M --timeout 3
assert_json "$TL_TMP/report.json" 'cause("transfer.reset_after_bytes") is not None' "lab reset: no transfer.reset_after_bytes"
assert_json "$TL_TMP/report.json" 'abs(min(probe("trial.upload")["details"]["threshold_bytes"], probe("trial.upload")["details"]["threshold_repeat_bytes"]) - 600000) <= 60000' "lab reset: threshold not within 10%"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["failed_size"] == 716800' "lab reset: did not stop at 700 KB"
start_lab ftp stall-after-bytes:800000
report "ftp://127.0.0.1:$LAB_PORT" --trials upload --max-upload 1M --timeout 2
assert_json "$TL_TMP/report.json" 'cause("transfer.stall_timeout")["confidence"] == "high"' "lab stall: no transfer.stall_timeout"
# The lab stops reading at 800000; its kernel's receive buffer (autotuned,
# not shrunk by the lab) still takes more, so the measured point is above.
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["stall_after_bytes"] >= 800000' "lab stall: stall point below the lab's"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["stall_ms"] >= 2000' "lab stall: shorter than --timeout"
start_lab smtp size-limit:300000
report "smtp://127.0.0.1:$LAB_PORT" --trials upload --max-upload 1M --send-test \
	--mail-from a@example.test --rcpt b@example.test
assert_json "$TL_TMP/report.json" 'cause("transfer.size_limit")["confidence"] == "high"' "lab size: no transfer.size_limit"
assert_json "$TL_TMP/report.json" '"552" in evidence("transfer.size_limit")' "lab size: no 552"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["largest_ok"] == 262144' "lab size: largest ok is not 256 KB"
echo "ok"
