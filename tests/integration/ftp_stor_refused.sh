#!/bin/bash
# ftp_stor_refused.sh — issue 10, inputs 4 and 5: the upload trial
# records the server's answer to STOR, not the 221 to QUIT:
#   552 Disk full as the reply to STOR;
#   552 Disk full in the middle of the transfer (after 100000 bytes: the
#     data connection breaks, libcurl reads no reply; the refusal is read
#     from the control connection);
#   550 Permission denied, with the directory written.
# Causes: server.storage_full, ftp.permission_denied (with the directory);
# exit 1, never inconclusive.
. "$(dirname "$0")/lib.sh"

out=$T_DIR/report.json
start_scripted_ftp full '{"STOR": {"reply": "552 Disk full - please upload later"}}'
report_json "$out" --timeout 3 --trials upload --max-upload 256K --upload-dir /incoming "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of trial.upload STOR)
assert_json "$out" "$R['code'] == 552 and $R['text'] == 'Disk full - please upload later'"
assert_json "$out" "$R['arg'].startswith('/incoming/sockdoc-trial-')"
assert_json "$out" 'details("trial.upload")["uploads"][0]["code"] == 552 and details("trial.upload")["uploads"][0]["stor_reply"] == 552'
assert_json "$out" 'status("trial.upload") == "fail"'
assert_exit 1
assert_first_cause "$out" server.storage_full
assert_evidence "$out" server.storage_full 'STOR /incoming/sockdoc-trial-.*552 Disk full - please upload later'

start_scripted_ftp mid '{"STOR": {"reply": "552 Disk full - please upload later", "after": 100000}}'
report_json "$out" --timeout 3 --trials upload --max-upload 1M --upload-dir /incoming "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of trial.upload STOR)
assert_json "$out" "$R['code'] == 552 and 'Disk full' in $R['text'] and $R['after_bytes'] > 0"
assert_json "$out" 'details("trial.upload")["result"] == "size_limit"'
assert_json "$out" '[u["end_reply"] for u in details("trial.upload")["uploads"]] == [226, 552]'
assert_exit 1
assert_first_cause "$out" server.storage_full
assert_json "$out" '"transfer.reset_after_bytes" not in cause_ids()'

start_scripted_ftp perm '{"STOR": {"reply": "550 Permission denied."}}'
report_json "$out" --timeout 3 --trials upload --max-upload 256K --upload-dir /pub/incoming "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of trial.upload STOR)
assert_json "$out" "$R['code'] == 550 and $R['text'] == 'Permission denied.'"
assert_json "$out" "$R['arg'].startswith('/pub/incoming/')"
assert_json "$out" 'status("trial.upload") == "fail" and details("trial.upload")["uploads"][0]["code"] == 550'
assert_exit 1
assert_json "$out" 'r["verdict"] == "problems"'
assert_first_cause "$out" ftp.permission_denied
assert_evidence "$out" ftp.permission_denied '550 Permission denied'
assert_evidence "$out" ftp.permission_denied 'directory /pub/incoming'
exit 0
