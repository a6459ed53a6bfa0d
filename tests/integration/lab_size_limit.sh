#!/bin/bash
# size-limit:100K: SMTP announces SIZE 102400 and refuses more (552 at
# MAIL with SIZE=, 552 after DATA without it); FTP answers 552 past
# 100 KB.  Small transfers pass.  sockdoc says transfer.size_limit for
# SMTP (from EHLO); FTP needs the upload trial, not in the chain yet.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
need swaks
lab_start smtp size-limit:100K
make_msg "$LAB_TMP/small" 20000
make_msg "$LAB_TMP/large" 300000
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/small"; assert_exit 0
assert_out "250-SIZE 102400"
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/large"; assert_exit 55
assert_out "552 5.3.4"
run_out swaks --to b@lab.test --from a@lab.test --server "127.0.0.1:$LAB_PORT" --body "$LAB_TMP/large"; assert_exit 26
assert_out "552 5.3.4 Message size exceeds"
lab_diagnose smtp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" transfer.size_limit "102400"

lab_start ftp size-limit:100K
U="ftp://127.0.0.1:$LAB_PORT"
run_out curl -sS -m 5 -T "$LAB_TMP/small" "$U/small"; assert_exit 0
run_out curl -sS -m 5 -T "$LAB_TMP/large" "$U/large"; assert_exit 70
assert_out "Exceeded storage allocation"
echo PASS
