#!/bin/bash
# The most common reason a mail client cannot send: the server wants a
# login before it relays.  A newcomer types only the server, the port and
# the address the client sends from; the wizard tests the envelope
# without sending a message and finds auth.required on the lab's
# auth-required fault.  Without the address the results do not claim
# that every test passed: they say which question was not asked.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol smtp --fault auth-required)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; cat "$TUI_DIR/lab.err"; exit 99; }

# Server and port only: no cause, and the unasked question is named.
tui_start --timeout 5
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'Tests:' 300 || tui_fail "no results"
tui_screen | grep -q 'every test passed' && tui_fail "skipped tests read as passed"
tui_wait 'Not asked' 20 || tui_fail "unasked questions not named"
tui_screen | grep -Eqi 'sender address|sends from' ||
	tui_fail "the sender address is not named as what would answer"
# No skipped FTP or trial lines in an SMTP run.
tui_screen | grep -Eq 'ftp\.|trial\.' && tui_fail "FTP/trial lines in an SMTP run"

# Back to the settings: the address field is there under the client's
# label, and with it the run finds auth.required.
tui_keys e
tui_wait 'Step 2 of 3' || exit 1
# The focus stayed on Run: up over the advanced check box and the four
# trials to the address.
tui_keys Up Up Up Up Up Up
sleep 0.3
a=$(tui_attr '^ (Sender address)')
case " $a " in *" bold "*|*" fg=6 "*|*" reverse "*) ;;
*) tui_fail "sender address field not focused ($a)";; esac
tui_keys -l "anna@example.test"
tui_keys Tab Tab Tab Tab Tab Tab
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'Tests:' 300 || tui_fail "no results with the address"
tui_wait 'auth\.required' 20 || tui_fail "auth.required not found"
tui_screen | grep -Eq 'smtp\.transaction' || tui_fail "no transaction test"
tui_keys q
tui_wait_exit >/dev/null

# A paste with Outlook's Account field fills the address.
rm -f "$TUI_DIR/rc"
tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
TUI_SOCK="sd$$-paste"
tui_start
tui_wait 'What fails' || exit 1
tui_keys 4
tui_wait 'Step' || exit 1
tui_keys -l "Task 'anna@example.test - Sending' reported error (0x800CCC79) : 'Your outgoing (SMTP) e-mail server has reported an internal error.' Server: '127.0.0.1' Port: $port Account: 'anna@example.test'"
tui_keys Tab
tui_wait 'Step 2 of 3' || tui_fail "paste not read"
tui_wait 'Email Address +anna@example\.test' 20 ||
	tui_fail "address not pre-filled from the Account field"
tui_keys F10
echo "ok: auth.required found with server, port and the sender address; unasked question named"
