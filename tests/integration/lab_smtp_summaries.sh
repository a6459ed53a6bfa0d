#!/bin/bash
# The SMTP summaries say what the data says.  reset-after-greeting: a
# reset at EHLO is no "no reply (waited twice --timeout)", and the cause
# title fits a reset after the greeting.  busy: a 421 greeting is a
# greeting ("the server greeted with 421"), quoted once in the evidence.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
lab_start smtp reset-after-greeting
lab_diagnose smtp "$LAB_PORT"
R=$LAB_TMP/report.json
assert_json "$R" 'details("smtp.ehlo")["plain"]["outcome"] == "reset"' "reset: outcome"
assert_json "$R" '"waited twice" not in probe("smtp.ehlo")["summary"]' "reset: says it waited"
assert_json "$R" '"reset" in probe("smtp.ehlo")["summary"]' "reset: summary does not name the reset"
assert_json "$R" '"first command after its greeting" in cause("tcp.reset_on_connect")["title"]' "reset: title"
lab_start smtp busy
lab_diagnose smtp "$LAB_PORT"
R=$LAB_TMP/report.json
assert_json "$R" '"greeted with 421" in probe("smtp.ehlo")["summary"]' "busy: smtp.ehlo summary"
assert_json "$R" '"no SMTP greeting" not in probe("smtp.ehlo")["summary"]' "busy: no greeting?"
assert_json "$R" 'cause("server.busy")["confidence"] == "high"' "busy: server.busy"
assert_json "$R" 'sum("Too many users connected" in e for e in cause("server.busy")["evidence"]) == 1' "busy: the 421 quoted more than once"
# FTP: the 421 greeting quoted once too
lab_start ftp busy
lab_diagnose ftp "$LAB_PORT"
R=$LAB_TMP/report.json
assert_json "$R" 'sum("Too many users logged in" in e for e in cause("server.busy")["evidence"]) == 1' "ftp busy: the 421 quoted more than once"
echo PASS
