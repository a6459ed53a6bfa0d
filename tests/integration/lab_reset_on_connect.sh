#!/bin/bash
# reset-on-connect: the handshake completes, then RST before any byte:
# curl "Recv failure: Connection reset by peer" (exit 56); sockdoc says
# tcp.reset_on_connect.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p reset-on-connect
	run_out curl -sS -m 5 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 56
	assert_out "Connection reset by peer"
	lab_diagnose $p "$LAB_PORT"
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" tcp.reset_on_connect "without a single byte"
done
echo PASS
