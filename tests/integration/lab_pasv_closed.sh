#!/bin/bash
# pasv-closed: the PASV/EPSV port refuses the data connection; passive
# curl fails to connect (7), active mode (-P) works; sockdoc says
# ftp.passive_blocked.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start ftp pasv-closed
U="ftp://127.0.0.1:$LAB_PORT"
run_out curl -sS -v -m 5 "$U/"; assert_exit 7
assert_out "229 Entering Extended Passive Mode"
run_out curl -sS -m 5 --disable-epsv "$U/"; assert_exit 7
run_out curl -sS -m 5 -P 127.0.0.1 "$U/"; assert_exit 0
assert_out "readme.txt"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" ftp.passive_blocked "ECONNREFUSED"
echo PASS
