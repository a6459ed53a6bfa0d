#!/bin/bash
# An FTP server without anonymous login (the lab's auth-required fault)
# through the wizard with no user name: the result is auth.rejected, and
# its detail gives the one fix that applies (enter a login) and FileZilla's
# messages as what the client shows: no Outlook list, no mail advice.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol ftp --fault auth-required)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; cat "$TUI_DIR/lab.err"; exit 99; }
tui_start
tui_wait 'What fails' || exit 1
tui_keys 3
tui_wait 'Step 2 of 3' || exit 1
tui_keys -l 127.0.0.1
tui_keys Tab
tui_keys -l "$port"
tui_keys Up Up Up Up
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'auth\.rejected' 200 || tui_fail "cause not shown"
tui_keys Enter
tui_wait 'Evidence' || tui_fail "cause did not open"
tui_screen | grep -q 'needs a user name and password' ||
	tui_fail "no 'enter a login' fix"
tui_screen | grep -q 'The client shows: filezilla "530 Login incorrect."' ||
	tui_fail "FileZilla's messages not shown, quoted"
tui_screen | grep -Eqi 'outlook|e-mail address|587' &&
	tui_fail "mail advice or Outlook codes on an FTP cause"
tui_keys Escape q
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: FTP without anonymous login: enter a login, FileZilla's words"
