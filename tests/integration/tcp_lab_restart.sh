#!/bin/bash
# The seed's client/server application: the server process crashes and is
# restarted while the client keeps its old connection.  `sockdoc --watch`
# on tcp:// against the lab's tcp sink with restart-every:3 holds a silent
# connection; each restart resets it while new connects are accepted ->
# server.down_or_restarting (high) with the time; the held connection was
# never sent a NOOP (no protocol) and the rounds' banner is "silent".
. "$(dirname "$0")/lib_trials.sh"
start_lab tcp restart-every:3
report --watch 1 --count 8 --timeout 1 "tcp://127.0.0.1:$LAB_PORT"
assert_json "$TL_TMP/report.json" 'r["target"]["protocol"] == "tcp"' "not a tcp target"
assert_json "$TL_TMP/report.json" 'len(r["watch"]["rounds"]) == 8' "not 8 rounds"
assert_json "$TL_TMP/report.json" 'cause("server.down_or_restarting")["confidence"] == "high"' "no server.down_or_restarting"
assert_json "$TL_TMP/report.json" 'len(r["watch"]["held_lost"]) >= 2' "fewer than 2 held resets in 8 s"
assert_json "$TL_TMP/report.json" 'all(l["event"] == "reset" for l in r["watch"]["held_lost"])' "a held loss was not a reset"
assert_json "$TL_TMP/report.json" 'any("reset (RST) at +" in e for e in cause("server.down_or_restarting")["evidence"])' "the evidence lacks the time of the reset"
assert_json "$TL_TMP/report.json" 'details("watch")["held_keepalive"]["idle_s"] == 5 and details("watch")["held_keepalive"]["os_idle_s"] > 0' "no keep-alive settings recorded"
assert_json "$TL_TMP/report.json" 'any("default TCP keep-alive" in e for e in cause("server.down_or_restarting")["evidence"])' "the evidence lacks the OS keep-alive"
echo "ok"
