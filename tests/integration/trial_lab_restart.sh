#!/bin/bash
# --watch against the lab's restart-every:3: the held connection is reset
# at each restart while new connections are accepted ->
# server.down_or_restarting; the timeline has 8 rounds.
. "$(dirname "$0")/lib_trials.sh"
start_lab smtp restart-every:3
report --watch 1 --count 8 --timeout 1 "smtp://127.0.0.1:$LAB_PORT"
assert_json "$TL_TMP/report.json" 'len(r["watch"]["rounds"]) == 8' "not 8 rounds"
assert_json "$TL_TMP/report.json" 'cause("server.down_or_restarting")["confidence"] == "high"' "no server.down_or_restarting"
assert_json "$TL_TMP/report.json" 'len(r["watch"]["held_lost"]) >= 2' "fewer than 2 held resets in 8 s"
assert_json "$TL_TMP/report.json" 'all(2500 <= l["held_ms"] + 1000 for l in r["watch"]["held_lost"])' "held lost too early"
echo "ok"
