#!/bin/bash
# --watch against a server that "crashes" every 3 s (resets every
# connection, refuses for 2 s, comes back): a timeline, conn.intermittent
# with the failing windows, server.down_or_restarting from the held
# connection that was reset while new ones were accepted.
. "$(dirname "$0")/lib_trials.sh"
start_fault flap_smtp 3 2
"$SOCKDOC" --report --watch 1 --count 9 --timeout 1 "smtp://127.0.0.1:$SRV_PORT" \
	>"$TL_TMP/timeline.txt"
[ "$(grep -c ' #[0-9]' "$TL_TMP/timeline.txt")" = 9 ] || fail "not 9 timeline lines"
grep -q 'tcp.refused' "$TL_TMP/timeline.txt" || fail "no failed round in the timeline"
report --watch 1 --count 9 --timeout 1 "smtp://127.0.0.1:$SRV_PORT"
assert_exit 1
assert_json "$TL_TMP/report.json" 'len(r["watch"]["rounds"]) == 9' "not 9 rounds"
assert_json "$TL_TMP/report.json" 'cause("conn.intermittent") is not None' "no conn.intermittent"
assert_json "$TL_TMP/report.json" '"failed, from" in evidence("conn.intermittent")' "no failing window"
assert_json "$TL_TMP/report.json" 'cause("server.down_or_restarting")["confidence"] == "high"' "no high server.down_or_restarting"
assert_json "$TL_TMP/report.json" 'any(l["event"] == "reset" for l in r["watch"]["held_lost"])' "held reset not recorded"
echo "ok in ${REPORT_S}s"
