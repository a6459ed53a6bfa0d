#!/bin/bash
# A help-desk walk-through against the fault lab: FTP whose passive data
# ports are closed.  Menu 2 (FTP), FileZilla's field names, server and
# port typed, Run: the results must rank ftp.passive_blocked, and its
# detail must show the evidence, the fixes and the client codes (no
# Outlook list on an FTP cause).
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol ftp --fault pasv-closed)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; cat "$TUI_DIR/lab.err"; exit 99; }
tui_start
tui_wait 'What fails' || exit 1
tui_keys 3
tui_wait 'Step 2 of 3' || exit 1
# Field names as in FileZilla: Right on "Field names as in" three times.
tui_keys Up
tui_keys Right Right Right
tui_wait 'FileZilla' || tui_fail "no FileZilla preset"
tui_keys Down
tui_keys -l 127.0.0.1
tui_keys Tab
tui_keys -l "$port"
tui_wait "^ Host +127\\.0\\.0\\.1" || tui_fail "no FileZilla label"
tui_keys Up Up Up Up
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'ftp\.passive_blocked' 200 || tui_fail "cause not shown"
tui_keys Enter
tui_wait 'Evidence' || tui_fail "cause did not open"
tui_screen | grep -q 'ftp.passive_blocked' || tui_fail "detail lacks the id"
tui_screen | grep -q 'What to change' || tui_fail "no fixes"
tui_screen | grep -Eiq 'passive|PASV|data' || tui_fail "no passive evidence"
# the client codes of an FTP cause: Winsock's, never an empty Outlook list
tui_screen | grep -q 'The client shows: winsock 10060' ||
	tui_fail "no client codes line"
tui_screen | grep -qi 'outlook' && tui_fail "Outlook named for an FTP cause"
tui_keys Escape q
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: lab pasv-closed diagnosed as ftp.passive_blocked through the wizard"
