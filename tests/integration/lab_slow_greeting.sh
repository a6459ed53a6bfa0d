#!/bin/bash
# slow-greeting:2: nothing for 2 s, then a normal session.  curl with a
# 1 s limit times out (28), with 5 s it succeeds after >= 2 s.  sockdoc
# with --timeout 1.5 waits no longer than that (the QUIT nudge goes out
# halfway), hears nothing and names transfer.stall_timeout first, not
# service.wrong_protocol.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
for p in smtp ftp; do
	lab_start $p slow-greeting:2
	run_out curl -sS -m 1 "$p://127.0.0.1:$LAB_PORT/"; assert_exit 28
	t0=$(date +%s%N)
	if [ $p = smtp ]; then
		make_msg "$LAB_TMP/msg" 100
		run_out curl_smtp "$LAB_PORT" "$LAB_TMP/msg"; assert_exit 0
	else
		run_out curl -sS -m 5 "ftp://127.0.0.1:$LAB_PORT/"; assert_exit 0
	fi
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -ge 1900 ] || fail "greeting after $ms ms, expected >= 2000"
	LAB_RC=0
	timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 1.5 \
		"$p://127.0.0.1:$LAB_PORT" >"$LAB_TMP/report.json" || LAB_RC=$?
	assert_exit 1 "$LAB_RC"; assert_cause "$LAB_TMP/report.json" transfer.stall_timeout "no greeting came within"
	assert_json "$LAB_TMP/report.json" 'probe("banner")["duration_ms"] <= 1700' \
		"the banner probe stays within its step limit"
	assert_json "$LAB_TMP/report.json" 'cause_ids()[0] != "service.wrong_protocol"' \
		"silence is not ranked as another protocol"
done
# A greeting after the halfway QUIT nudge but within --timeout is the
# server's own (220, not an answer to QUIT): the login goes on.
lab_start ftp slow-greeting:2
LAB_RC=0
timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 3 \
	"ftp://127.0.0.1:$LAB_PORT" >"$LAB_TMP/report.json" || LAB_RC=$?
assert_json "$LAB_TMP/report.json" 'det("banner").get("nudged") and det("banner")["code"] == 220' \
	"the nudge went out and the greeting came"
assert_json "$LAB_TMP/report.json" 'status("ftp.login") == "ok"' \
	"a slow greeting within the limit is not a silent port"
echo PASS
