#!/bin/bash
# active-refused: PORT/EPRT are accepted but the server cannot connect
# back: 425 on the transfer.  Active curl fails with the 425, passive
# works; sockdoc says ftp.active_blocked.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp active-refused
U="ftp://127.0.0.1:$LAB_PORT"
rc=0
curl -sS -v -m 5 -P 127.0.0.1 "$U/" >"$LAB_TMP/out" 2>&1 || rc=$?
[ $rc != 0 ] || fail "active transfer succeeded"
assert_out "200 EPRT command successful"
assert_out "425 Can't open data connection"
run_out curl -sS -m 5 "$U/"; assert_exit 0
assert_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" ftp.active_blocked "425 Can't open data connection"
echo PASS
