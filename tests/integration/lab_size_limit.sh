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
expect_rc 0 curl_smtp "$LAB_PORT" "$LAB_TMP/small"
expect_out "250-SIZE 102400"
expect_rc 55 curl_smtp "$LAB_PORT" "$LAB_TMP/large"
expect_out "552 5.3.4"
expect_rc 26 swaks --to b@lab.test --from a@lab.test --server "127.0.0.1:$LAB_PORT" --body "$LAB_TMP/large"
expect_out "552 5.3.4 Message size exceeds"
lab_diagnose smtp "$LAB_PORT"
lab_assert_cause transfer.size_limit "102400"

lab_start ftp size-limit:100K
U="ftp://127.0.0.1:$LAB_PORT"
expect_rc 0 curl -sS -m 5 -T "$LAB_TMP/small" "$U/small"
expect_rc 70 curl -sS -m 5 -T "$LAB_TMP/large" "$U/large"
expect_out "Exceeded storage allocation"
echo PASS
