#!/bin/bash
# "I have an error message": paste Outlook's message; the server, port and
# codes are read into the settings, and the run finds the cause.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start
tui_wait 'What fails' || exit 1
tui_keys 4
tui_wait 'Paste' || tui_fail "no paste step"
tui_keys -l "The connection to the server was interrupted. If this problem continues, contact your server administrator or Internet service provider (ISP)."
tui_keys Enter
tui_keys -l "Subject 'test', Account: 'user@example.com', Server: '127.0.0.1', Protocol: SMTP, Port: $port, Secure(SSL): No, Socket Error: 10054, Error Number: 0x800CCC0F"
tui_wait "Port: $port" || tui_fail "pasted text not shown"
tui_keys Tab
tui_wait "From the message: server 127\.0\.0\.1, port $port, codes 10054 0x800CCC0F" ||
	tui_fail "fields not read from the message"
# Outlook's message: the form speaks Outlook's field names.
tui_screen | grep -Eq "Outgoing mail server \(SMTP\) +127\.0\.0\.1" ||
	tui_fail "server not filled under Outlook's label"
tui_screen | grep -Eq "Outgoing server \(SMTP\) port +$port" ||
	tui_fail "port not filled"
tui_screen | grep -q "10054: Connection reset by peer" ||
	tui_fail "code not explained"
tui_screen | grep -q "It can be: .*tcp.reset_on_connect" ||
	tui_fail "candidate causes not listed"
tui_keys Up Up Up
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'Found [0-9]* likely cause' 150 || tui_fail "no results screen"
tui_wait 'tcp\.reset_on_connect' || tui_fail "cause not shown"
tui_keys q
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: paste filled server $port and codes, cause found"
