#!/bin/bash
# busy: 421 too many users at the greeting.  curl: SMTP exit 8 with the
# 421, FTP exit 28 ("We got a 421 - timeout", curl's own mapping); sockdoc
# says server.busy with the 421 as evidence.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp busy
run_out curl -sS -m 5 "smtp://127.0.0.1:$LAB_PORT/"; assert_exit 8
assert_out "response: 421"
lab_diagnose smtp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" server.busy "greets with 421"

lab_start ftp busy
run_out curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 28
assert_out "We got a 421"
lab_diagnose ftp "$LAB_PORT"
assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" server.busy "Too many users"
echo PASS
