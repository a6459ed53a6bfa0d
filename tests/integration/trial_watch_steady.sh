#!/bin/bash
# --watch against a steady vsftpd: every round passes, the held connection
# stays up, exit 0, and SIGINT ends an endless watch with a report.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd
report --watch 1 --count 3 "ftp://127.0.0.1:$FTP_PORT"
assert_exit 0
assert_json "$TL_TMP/report.json" 'r["verdict"] == "ok" and len(r["watch"]["rounds"]) == 3' "not 3 ok rounds"
assert_json "$TL_TMP/report.json" '[x["held"] for x in r["watch"]["rounds"]][1:] == ["ok", "ok"]' "held connection not kept"
"$SOCKDOC" --report --format json --watch 1 --count 0 "ftp://127.0.0.1:$FTP_PORT" \
	>"$TL_TMP/report.json" 2>/dev/null &
pid=$!
track_pid "$pid" watch
sleep 2.5
kill -INT "$pid"
wait "$pid"
assert_json "$TL_TMP/report.json" 'probe("watch")["details"]["stopped_by"] == "signal"' "SIGINT did not end the watch with a report"
echo "ok"
