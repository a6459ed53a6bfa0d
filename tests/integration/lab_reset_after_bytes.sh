#!/bin/bash
# reset-after-bytes:100K: small uploads pass, a 300 KB upload is reset.
# SMTP: curl "Connection reset by peer" (55 or 56); FTP: the data
# connection is reset and the server says 426 (curl 18, 55 or 56).  (sockdoc
# not asserted: the upload trial is not in the chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp reset-after-bytes:100K
make_msg "$LAB_TMP/small" 20000
make_msg "$LAB_TMP/large" 300000
run_out curl_smtp "$LAB_PORT" "$LAB_TMP/small"; assert_exit 0
rc=0
curl_smtp "$LAB_PORT" "$LAB_TMP/large" >"$LAB_TMP/out" 2>&1 || rc=$?
# 55 while curl still sends, 56 when the data fitted the socket buffers
[ $rc = 55 ] || [ $rc = 56 ] || fail "smtp upload exit $rc"
assert_out "Connection reset by peer"

lab_start ftp reset-after-bytes:100K
U="ftp://127.0.0.1:$LAB_PORT"
run_out curl -sS -m 5 -T "$LAB_TMP/small" "$U/small"; assert_exit 0
rc=0
curl -sS -v -m 5 -T "$LAB_TMP/large" "$U/large" >"$LAB_TMP/out" 2>&1 || rc=$?
[ $rc = 18 ] || [ $rc = 55 ] || [ $rc = 56 ] || fail "ftp upload exit $rc"
grep -q "426\|reset by peer" "$LAB_TMP/out" || fail "no 426/reset"
run_out curl -sS -m 5 -l "$U/"; assert_exit 0
grep -qx "large" "$LAB_TMP/out" && fail "the reset upload was stored"
echo PASS
