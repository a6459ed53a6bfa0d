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
tui_wait_exit >/dev/null

# The message on a pipe (pasted into `sockdoc explain --wizard -`): the
# keyboard is still the terminal.
printf '%s\n' "$msg" >"$TUI_DIR/msg.txt"
tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
TUI_SOCK="sd$$-pipe"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s "$TUI_SESS" -x 80 -y 24 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh -c 'cat \"$TUI_DIR/msg.txt\" | \"$SOCKDOC\" explain --wizard -'; sleep 60"
tui_wait '^ sockdoc — Results' 300 || tui_fail "piped message: no wizard"
tui_keys e
tui_wait 'Step 2 of 3' 50 || tui_fail "piped message: keys do not reach the wizard"
tui_keys F10
echo "ok: explain --wizard opened the wizard pre-filled (argument and pipe)"
