#!/bin/bash
# Walk the wizard against a server that resets every connection right
# after the handshake: the results must rank tcp.reset_on_connect, and the
# cause must open to its evidence and fixes; ? shows help; r runs again;
# q must leave with the terminal restored and exit code 1 (problems).
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
[ -n "$port" ] || { echo "no server"; exit 99; }
tui_start
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'running|Results' || exit 1
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
tui_screen | grep -q 'Found [0-9]* likely cause' || tui_fail "no verdict line"
# Open the first cause: evidence and fixes.
tui_keys Enter
tui_wait 'Evidence' || tui_fail "cause did not open"
tui_screen | grep -q 'tcp.reset_on_connect' || tui_fail "detail lacks the id"
tui_screen | grep -q 'What to change' || tui_fail "no fixes"
tui_screen | grep -Eiq 'reset|RST' || tui_fail "no reset evidence"
# Back, open the reach/banner probe: the transcript section is there.
tui_keys Escape
tui_wait 'Tests:' || exit 1
# Help on ?, any key closes it.
tui_keys '?'
tui_wait 'Help' || tui_fail "no help"
tui_screen | grep -q 'likely causes come first' || tui_fail "help not for results"
tui_keys x
tui_wait 'Tests:' || exit 1
tui_screen | grep -q ' Help ' && tui_fail "help did not close"
# Run again: the chain runs anew and finds the same cause.
tui_keys r
tui_wait 'Diagnosing smtp 127\.0\.0\.1' 20 || tui_fail "run again did nothing"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown again"
tui_keys q
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc, want 1"
alt=$(tmux -L "$TUI_SOCK" display-message -p -t "$TUI_SESS" '#{alternate_on}')
[ "$alt" = 0 ] || tui_fail "terminal left in the alternate screen"
echo "ok: wizard found tcp.reset_on_connect, exit 1, terminal restored"
