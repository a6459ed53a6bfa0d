#!/bin/bash
# A measured fix replaces the generic one it says better: on the lab's
# pasv-closed fault the passive range is opened once (with the port the
# server advertised) and active mode is advised once; on max-sessions:2
# the concurrency trial's "set the limit to N" is not followed by the
# generic "below the measured number" (the generic server-side fix stays).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"

lab_start ftp pasv-closed
lab_diagnose ftp "$LAB_PORT"
assert_cause "$LAB_TMP/report.json" ftp.passive_blocked
assert_json "$LAB_TMP/report.json" \
	'sum("passive port range" in f for f in cause("ftp.passive_blocked")["fixes"]) == 1' \
	"the passive range is named once"
assert_json "$LAB_TMP/report.json" \
	'sum("active mode" in f for f in cause("ftp.passive_blocked")["fixes"]) == 1' \
	"active mode is advised once"

# A FileZilla-style Host field "ftp://host:port ": the real fault the
# corrected value still shows comes first, the correction after it, and
# its fix keeps the port.
LAB_RC=0
timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 \
	"ftp://127.0.0.1:$LAB_PORT " >"$LAB_TMP/report.json" || LAB_RC=$?
assert_json "$LAB_TMP/report.json" 'cause_ids()[0] == "ftp.passive_blocked"' \
	"the real fault ranks first"
assert_json "$LAB_TMP/report.json" 'cause_ids()[-1] == "input.host_malformed"' \
	"the correction ranks after the fault"
assert_json "$LAB_TMP/report.json" \
	'("port as %s" % sys.argv[3]) in fixes("input.host_malformed")' \
	"the fix keeps the port" "$LAB_PORT"
assert_json "$LAB_TMP/report.json" '"FileZilla" in evidence("input.host_malformed")' \
	"says FileZilla takes a URL in its Host field"

lab_start ftp max-sessions:2
lab_diagnose ftp "$LAB_PORT" --trials concurrency --max-connections 4
assert_json "$LAB_TMP/report.json" \
	'cause("server.connection_limit") is not None' "connection limit found"
assert_json "$LAB_TMP/report.json" \
	'not any("below the measured number" in f for f in cause("server.connection_limit")["fixes"])' \
	"the generic limit fix does not repeat the measured one"
assert_json "$LAB_TMP/report.json" \
	'any("Raise the server" in f for f in cause("server.connection_limit")["fixes"])' \
	"the server-side generic fix stays"
echo PASS
