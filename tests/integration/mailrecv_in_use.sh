#!/bin/bash
# mailrecv_in_use.sh — a POP3 mailbox locked by another client: Dovecot
# with pop3_lock_session = yes, a first POP3 session (python poplib) logged
# in and holding the lock while sockdoc runs; sockdoc's login is answered
# "-ERR [IN-USE] ...": mailbox.in_use, with the code and the text, and no
# other login method is tried.
. "$(dirname "$0")/lib_mailrecv.sh"
mr_need
mr_dovecot_start <<'EOF2'
pop3_lock_session = yes
EOF2

# The other client: log in, hold the session (at most 60 s), stopped by PID.
$PY - "$MR_POP3" "$MR_USER" "$MR_DIR/holder.ready" <<EOF2 >"$MR_DIR/holder.log" 2>&1 &
import poplib, sys, time
p = poplib.POP3("127.0.0.1", int(sys.argv[1]), timeout=10)
p.user(sys.argv[2])
p.pass_("$MR_PASS")
p.stat()
open(sys.argv[3], "w").write("ready\n")
time.sleep(60)
EOF2
track_pid $! holder
wait_file "$MR_DIR/holder.ready"

# Dovecot waits about 12 s for the lock before it answers [IN-USE]; the
# login step waits MR_LOGIN_WAIT_MS (16 s) whatever --timeout says.
mr_sockdoc --cacert "$MR_CA" --tls none --user "$MR_USER" "pop3://127.0.0.1:$MR_POP3"
assert_exit 1
assert_cause "$MR_REPORT" mailbox.in_use "was answered -ERR"
assert_evidence "$MR_REPORT" mailbox.in_use '\[IN-USE\]'
assert_json "$MR_REPORT" 'det("mailrecv.login")["outcome"] == "in_use" and any(r.get("resp_code") == "IN-USE" for r in det("mailrecv.login")["refusals"])' "login outcome in_use, refusal with [IN-USE]"
assert_json "$MR_REPORT" 'len(det("mailrecv.login")["attempts"]) == 1' "no second method tried on a locked mailbox"
mr_assert_secret_hidden
echo "PASS"
