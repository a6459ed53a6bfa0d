#!/bin/bash
# epsv-hang: EPSV is never answered (a middlebox that knows only PASV):
# curl hangs at EPSV until its limit (28); with --disable-epsv (PASV) it
# works; sockdoc says ftp.epsv_unsupported.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp epsv-hang
U="ftp://127.0.0.1:$LAB_PORT"
run_out curl -sS -v -m 2 "$U/"; assert_exit 28
[ "$(grep '^> ' "$LAB_TMP/out" | tail -1 | tr -d '\r')" = "> EPSV" ] || fail "EPSV was not the last command"
run_out curl -sS -m 5 --disable-epsv "$U/"; assert_exit 0
assert_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" ftp.epsv_unsupported "EPSV: no reply"
echo PASS
