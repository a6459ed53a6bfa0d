#!/bin/bash
# busy: 421 too many users at the greeting.  curl: SMTP exit 8 with the
# 421, FTP exit 28 ("We got a 421 - timeout", curl's own mapping); sockdoc
# says server.busy with the 421 as evidence.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
lab_start smtp busy
expect_rc 8 curl -sS -m 5 "smtp://127.0.0.1:$LAB_PORT/"
expect_out "response: 421"
lab_diagnose smtp "$LAB_PORT"
lab_assert_cause server.busy "greets with 421"

lab_start ftp busy
expect_rc 28 curl -sS -v -m 5 "ftp://127.0.0.1:$LAB_PORT/"
expect_out "We got a 421"
lab_diagnose ftp "$LAB_PORT"
lab_assert_cause server.busy "Too many users"
echo PASS
