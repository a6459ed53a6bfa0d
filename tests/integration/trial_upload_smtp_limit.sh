#!/bin/bash
# trial.upload over SMTP (--send-test) against aiosmtpd with a DATA size
# limit of 300000 bytes: 64 KB and 256 KB pass, 700 KB is refused with
# 552 -> transfer.size_limit.  Without --send-test the trial is skipped.
. "$(dirname "$0")/lib_trials.sh"
start_aiosmtpd 300000
report "smtp://127.0.0.1:$SMTP_PORT" --trials upload --max-upload 1M
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["status"] == "skipped"' "SMTP upload ran without --send-test"
report "smtp://127.0.0.1:$SMTP_PORT" --trials upload --max-upload 1M \
	--send-test --mail-from a@example.test --rcpt b@example.test
assert_json "$TL_TMP/report.json" 'cause("transfer.size_limit")["confidence"] == "high"' "no transfer.size_limit"
assert_json "$TL_TMP/report.json" '"552" in evidence("transfer.size_limit")' "no 552 in the evidence"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["largest_ok"] == 262144' "largest ok is not 256 KB"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["failed_size"] == 716800' "did not stop at 700 KB"
echo "ok in ${REPORT_S}s"
