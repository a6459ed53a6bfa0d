#!/bin/bash
# `sockdoc explain --wizard MESSAGE` opens the wizard with the settings the
# message names (as the README says) and runs the diagnosis on them.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol smtp --fault auth-required)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; exit 99; }
# Outlook's fields with its typographic quotes (tui_start quotes the
# arguments with ASCII ones).
msg="Your outgoing (SMTP) e-mail server has reported an internal error. Account: ‘anna@example.test’, Server: ‘127.0.0.1’, Protocol: SMTP, Port: $port, Secure(SSL): No, Error Number: 0x800CCC79"
tui_start explain --wizard "$msg"
tui_wait "Diagnosing smtp 127\\.0\\.0\\.1 port $port|^ sockdoc — Results" 100 ||
	tui_fail "the wizard did not open on the message's server and port"
tui_wait '^ sockdoc — Results' 300 || tui_fail "no results"
tui_screen | grep -q "Verdict\|sockdoc explain" && tui_fail "text printed instead of the wizard"
# The Account's address went in as the sender: the envelope test ran.
tui_screen | grep -q 'auth\.required' || tui_fail "auth.required not found from the paste"
tui_keys e
tui_wait 'Step 2 of 3' || exit 1
tui_screen | grep -Eq "^ Server +127\\.0\\.0\\.1" || tui_fail "server not pre-filled"
tui_screen | grep -Eq "^ Port +$port" || tui_fail "port not pre-filled"
tui_screen | grep -Eq "^ Sender address +anna@example\.test" ||
	tui_fail "the Account's address not in the sender field"
tui_keys F10
echo "ok: explain --wizard opened the wizard pre-filled"
