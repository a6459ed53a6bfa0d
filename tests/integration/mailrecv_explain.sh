#!/bin/bash
# mailrecv_explain.sh — `sockdoc explain` on the receiving side: Outlook's
# POP3/IMAP numbers and a pasted POP3 error are explained with their
# causes, and the command offered tests pop3:// / imap:// with the
# client's settings.  No network.
. "$(dirname "$0")/testlib.sh"

run_out "$SOCKDOC" explain "Receiving reported error (0x800CCC92): 'Your e-mail server rejected your login.' Account: 'x', Server: 'pop.example.test', Protocol: POP3, Port: 995, Secure(SSL): Yes, Error Number: 0x800CCC92"
assert_exit 0
assert_out "auth.rejected"
assert_out "sockdoc --report --protocol pop3 --tls implicit pop3s://pop.example.test:995"

run_out "$SOCKDOC" explain -- "-ERR [IN-USE] Mailbox is locked by another POP3 session."
assert_exit 0
assert_out "mailbox.in_use"
assert_out "pop3://<SERVER>"

run_out "$SOCKDOC" explain 0x800CCCD1
assert_exit 0
assert_out "IXP_E_IMAP_LOGINFAILURE"
assert_out "--protocol imap"

run_out "$SOCKDOC" explain --format json 0x800CCC90
assert_exit 0
$PY -c '
import json, sys
r = json.load(open(sys.argv[1]))
cmd = json.dumps(r)
assert "pop3://" in cmd, "no pop3 command"
assert any(c.get("id") in ("auth.rejected", "mailbox.in_use") for c in r.get("causes", [])), "no receiving cause"
' "$T_DIR/out" || fail "explain --format json 0x800CCC90: $(head -c 600 "$T_DIR/out")"
echo "PASS"
