#!/bin/bash
# --user and a password against an SMTP server that offers no AUTH at all
# (a plain aiosmtpd on loopback): the client set to log in cannot, so
# the report names auth.not_offered (exit 1; check mode CRITICAL), never
# "no problem found" with the login silently skipped.  The password is
# never sent (there is nothing to send it to) and never printed.
. "$(dirname "$0")/lib.sh"
P=$(free_port)
start_aiosmtpd "$P"
out=$T_DIR/r.json
pw="pw-$RANDOM-secret"

SOCKDOC_PASSWORD=$pw report_json "$out" --timeout 3 --user alice "smtp://127.0.0.1:$P"
assert_exit 1
assert_json "$out" 'cause_ids()[0] == "auth.not_offered"' "auth.not_offered first"
assert_evidence "$out" auth.not_offered 'lists no AUTH'
assert_evidence "$out" auth.not_offered 'alice'
assert_json "$out" 'det("smtp.auth")["authenticated"] == False'
assert_no_grep "$out" "$pw"

SOCKDOC_PASSWORD=$pw run_sockdoc "$T_DIR/c.txt" check -t 5 -H 127.0.0.1 -p "$P" -U alice
assert_exit 2
assert_grep "$T_DIR/c.txt" '^SOCKDOC CRITICAL - auth\.not_offered'
assert_no_grep "$T_DIR/c.txt" "$pw"

# The control: without --user nothing is asked about logging in.
report_json "$out" --timeout 3 "smtp://127.0.0.1:$P"
assert_exit 0
assert_no_cause "$out"
echo PASS
