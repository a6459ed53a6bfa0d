#!/bin/bash
# --watch whose rounds last longer than the interval (the greeting comes
# after 1.5 s) against a server that rejects clients talking before the
# greeting: the held connection's NOOP must wait for the greeting (the
# next round waits), so no false server.down_or_restarting (issue 11).
. "$(dirname "$0")/lib_trials.sh"
start_fault early_talker 1.5
report --watch 1 --count 4 --timeout 5 "smtp://127.0.0.1:$SRV_PORT"
check 'len(r["watch"]["rounds"]) == 4' "not 4 rounds"
check 'r["watch"]["rounds"][0]["duration_ms"] > 1000' "round 1 not longer than the interval"
check 'cause("server.down_or_restarting") is None' "false server.down_or_restarting"
check 'r["watch"]["held_lost"] == []' "held connection lost"
check '[x["held"] for x in r["watch"]["rounds"]][1:] == ["ok", "ok", "ok"]' "held NOOP not answered each round"
! grep -q 'early.*NOOP' "$TL_TMP/early_talker.log" || fail "NOOP before the greeting"
echo "ok in ${REPORT_S}s"
