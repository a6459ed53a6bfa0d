#!/bin/bash
# refused: the port is bound but nothing listens, so the SYN meets a RST:
# curl cannot connect (exit 7) and sockdoc says tcp.refused.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p refused
	run_out curl -sS -m 5 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 7
	assert_out "Couldn't connect to server"
	lab_diagnose $p "$LAB_PORT"
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" tcp.refused "answered by a reset (RST)"
done
echo PASS
