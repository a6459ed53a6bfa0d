#!/bin/bash
# pasv-closed: the PASV/EPSV port refuses the data connection; passive
# curl fails to connect (7), active mode (-P) works; sockdoc says
# ftp.passive_blocked.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp pasv-closed
U="ftp://127.0.0.1:$LAB_PORT"
expect_rc 7 curl -sS -v -m 5 "$U/"
expect_out "229 Entering Extended Passive Mode"
expect_rc 7 curl -sS -m 5 --disable-epsv "$U/"
expect_rc 0 curl -sS -m 5 -P 127.0.0.1 "$U/"
expect_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
lab_assert_cause ftp.passive_blocked "ECONNREFUSED"
echo PASS
