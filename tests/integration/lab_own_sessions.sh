#!/bin/bash
# max-sessions:1: the server takes one session per client.  sockdoc's
# own probes run side by side (ftp.login beside banner); the refusal of
# its own second connection is not "the server is busy": ftp.login tries
# once more alone, logs in, and the report names the limit
# (server.connection_limit, low, FileZilla's setting), never server.busy.
# The same for SMTP (smtp.ports beside banner and smtp.ehlo).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
lab_start ftp max-sessions:1
lab_diagnose ftp "$LAB_PORT"
R=$LAB_TMP/report.json
assert_json "$R" '"server.busy" not in causes()' \
	"ftp: sockdoc's own second connection reported as server.busy"
assert_json "$R" 'probe("ftp.login")["details"]["login_ok"] is True' "ftp: no login"
assert_json "$R" 'probe("ftp.login")["details"]["own_load"]["code"] == 421' "ftp: own_load"
assert_json "$R" 'cause("server.connection_limit")["confidence"] == "low"' "ftp: no low connection_limit"
assert_evidence "$R" server.connection_limit "second simultaneous connection"
assert_json "$R" 'any("Limit number of simultaneous connections: 1" in f for f in cause("server.connection_limit")["fixes"])' "ftp: FileZilla setting"
assert_json "$R" 'probe("ftp.passive")["status"] == "ok" and probe("ftp.active")["status"] == "ok"' "ftp: data probes hit the limit"
# SMTP: smtp.ports opens every port at once beside banner and smtp.ehlo;
# the session refused with 421 is tried once more alone and greeted.
lab_start smtp max-sessions:1
lab_diagnose smtp "$LAB_PORT"
R=$LAB_TMP/report.json
assert_json "$R" '"server.busy" not in causes()' \
	"smtp: sockdoc's own second connection reported as server.busy"
assert_json "$R" 'details("smtp.ports")["own_load"][0]["code"] == 421' "smtp: own_load"
assert_json "$R" 'details("smtp.ports")["own_load"][0]["retry_greeted"] is True' "smtp: retry alone"
assert_json "$R" 'cause("server.connection_limit")["confidence"] == "low"' "smtp: no low connection_limit"
assert_evidence "$R" server.connection_limit "alone, it greets with 220"
echo PASS
