#!/bin/bash
# Watch mode against a reset-on-connect server: runs repeat every second,
# each probe gets a sparkline row, the failing probe's row fills with
# failure blocks, and Esc returns to the results.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start --watch 1
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
tui_keys w
tui_wait 'Watch' || tui_fail "no watch view"
tui_wait '^ [3-9] cycles' 150 || tui_fail "fewer than 3 cycles"
tui_screen | grep -q 'Last run: .*tcp\.reset_on_connect' ||
	tui_fail "last cause not shown"
tui_screen | grep -Eq '(failed|error) +███' ||
	tui_fail "no failure sparkline"
tui_screen | grep -Eq '^ dns +ok +▁▁▁' || tui_fail "no ok sparkline"
tui_keys Escape
tui_wait 'Tests:' 100 || tui_fail "watch did not stop into the results"
tui_keys q
tui_wait_exit >/dev/null
echo "ok: watch drew 3+ cycles with sparklines"
