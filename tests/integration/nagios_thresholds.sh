#!/bin/bash
# Response-time thresholds cross as check_smtp/check_ftp cross them: the
# lab's slow-greeting:2 holds the greeting back 2 s; -w 1 -c 3 is WARNING,
# -w 0.5 -c 1 CRITICAL, -w 3 -c 5 OK, for the Monitoring Plugins' own
# plugins and for `sockdoc check` alike.  The greeting step carries the
# delay, the response time is the sum of the steps, and the thresholds
# appear in the perfdata's warn/crit fields.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_nagios.sh"
need_plugin check_smtp
need_plugin check_ftp

# lab_port PROTO: start `sockdoc lab` with slow-greeting:2 for PROTO and
# set LAB_PORT (the lab prints "PROTO FAULT ADDRESS:PORT").  Not in a
# command substitution: the cleanup must learn the lab's PID.
lab_port() {
	local out="$T_DIR/lab-$1.out"
	start_bg "lab-$1" timeout --foreground -k 5 120 "$SOCKDOC" lab --protocol "$1" \
		--fault slow-greeting:2
	wait_file "$T_DIR/lab-$1.out" 10
	LAB_PORT=$(awk '{ n = split($3, a, ":"); print a[n]; exit }' "$out")
}

lab_port smtp
smtp=$LAB_PORT
wait_port 127.0.0.1 "$smtp"
peer check_smtp WARNING -H 127.0.0.1 -p "$smtp" -t 10 -w 1 -c 3
plugin WARNING -H 127.0.0.1 -p "$smtp" -t 10 -w 1 -c 3
perf_check "p['time']['warn'] == '1' and p['time']['crit'] == '3'" \
	"1.9 <= p['greeting']['value'] < 3" "p['time']['value'] >= p['greeting']['value']"
assert_grep "$T_DIR/plugin.out" 'crossed the -w threshold 1'
peer check_smtp CRITICAL -H 127.0.0.1 -p "$smtp" -t 10 -w 0.5 -c 1
plugin CRITICAL -H 127.0.0.1 -p "$smtp" -t 10 -w 0.5 -c 1
assert_grep "$T_DIR/plugin.out" 'crossed the -c threshold 1'
peer check_smtp OK -H 127.0.0.1 -p "$smtp" -t 10 -w 3 -c 5
plugin OK -H 127.0.0.1 -p "$smtp" -t 10 -w 3 -c 5

lab_port ftp
ftp=$LAB_PORT
wait_port 127.0.0.1 "$ftp"
peer check_ftp WARNING -H 127.0.0.1 -p "$ftp" -t 10 -w 1 -c 3
plugin WARNING -H 127.0.0.1 -p "$ftp" -P ftp -t 10 -w 1 -c 3
perf_check "1.9 <= p['greeting']['value'] < 3" "'login' in p"
peer check_ftp CRITICAL -H 127.0.0.1 -p "$ftp" -t 10 -w 0.5 -c 1
plugin CRITICAL -H 127.0.0.1 -p "$ftp" -P ftp -t 10 -w 0.5 -c 1
exit 0
