#!/bin/bash
# epsv-hang: EPSV is never answered (a middlebox that knows only PASV):
# curl hangs at EPSV until its limit (28); with --disable-epsv (PASV) it
# works.  (sockdoc not asserted: the ftp.passive probe is not in the
# chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp epsv-hang
U="ftp://127.0.0.1:$LAB_PORT"
expect_rc 28 curl -sS -v -m 2 "$U/"
[ "$(grep '^> ' "$LAB_TMP/out" | tail -1 | tr -d '\r')" = "> EPSV" ] || fail "EPSV was not the last command"
expect_rc 0 curl -sS -m 5 --disable-epsv "$U/"
expect_out "readme.txt"
echo PASS
