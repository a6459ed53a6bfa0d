#!/bin/bash
# mailrecv_lab.sh — the lab's POP3/IMAP servers as a user meets them:
# `sockdoc lab --fault mailbox-in-use` alone serves POP3 and IMAP (the
# fault is theirs only); watch mode repeats the chain without a held SMTP/
# FTP session; the SMTP/FTP trials are skipped with the reason.  The
# per-fault causes are checked by the generated lab_faults.sh.
. "$(dirname "$0")/lib_lab.sh"

"$SOCKDOC" lab --fault mailbox-in-use >"$LAB_TMP/lab.out" 2>"$LAB_TMP/lab.err" &
track_pid $! lab-in-use
wait_file "$LAB_TMP/lab.out"
for _ in $(seq 50); do [ "$(wc -l <"$LAB_TMP/lab.out")" -ge 2 ] && break; sleep 0.1; done
assert_grep "$LAB_TMP/lab.out" '^pop3 mailbox-in-use 127\.0\.0\.1:[0-9]+$'
assert_grep "$LAB_TMP/lab.out" '^imap mailbox-in-use 127\.0\.0\.1:[0-9]+$'
ip=$(awk '$1 == "imap" { print $3 }' "$LAB_TMP/lab.out")
SOCKDOC_PASSWORD=lab-pw run_sockdoc "$LAB_TMP/r.json" --report --format json --timeout 2 --tls none --user lab "imap://$ip"
assert_cause "$LAB_TMP/r.json" mailbox.in_use "EXAMINE INBOX was answered NO"

lab_start pop3 none
run_sockdoc "$LAB_TMP/w.json" --report --format json --timeout 2 --watch 1 --count 2 "pop3://127.0.0.1:$LAB_PORT"
assert_exit 0
assert_json "$LAB_TMP/w.json" 'status("watch") == "ok" and probe("watch")["summary"] == "every round passed"' "watch: rounds only, no held session"
run_sockdoc "$LAB_TMP/t.json" --report --format json --timeout 2 --trials all "pop3://127.0.0.1:$LAB_PORT"
assert_exit 0
assert_json "$LAB_TMP/t.json" 'all(status(t) == "skipped" and "POP3" in probe(t)["summary"] for t in ("trial.upload", "trial.idle", "trial.concurrency", "trial.halfclose"))' "trials skipped for POP3, with the reason"
echo "PASS"
