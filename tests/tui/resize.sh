#!/bin/bash
# Resize the terminal (SIGWINCH) on the results and in the middle of the
# settings form: the screen must be redrawn at the new size, whole, with
# the bars on the first and last rows and nothing left of the old layout.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

# Every row of the pane must fit the width, the hint bar must be the last
# row and the title bar the first.
check_layout() {
	local w=$1 h=$2 scr i
	# The redraw follows SIGWINCH asynchronously: give it up to 3 s.
	for i in $(seq 30); do
		scr=$(tui_screen)
		[ "$(printf '%s\n' "$scr" | wc -l)" -eq "$h" ] &&
			[ "$(printf '%s\n' "$scr" | head -1 | wc -m)" -eq $((w + 1)) ] &&
			break
		sleep 0.1
	done
	[ "$(printf '%s\n' "$scr" | wc -l)" -eq "$h" ] ||
		tui_fail "screen is not $h rows"
	printf '%s\n' "$scr" | head -1 | grep -Eq '^ sockdoc — .*(\?|F1):help$' ||
		tui_fail "title bar not on the first row at width $w"
	[ "$(printf '%s\n' "$scr" | head -1 | wc -m)" -eq $((w + 1)) ] ||
		tui_fail "title bar not $w columns wide"
	printf '%s\n' "$scr" | tail -1 | grep -q 'q:quit\|F10:quit' ||
		tui_fail "hint bar not on the last row at $w x $h"
}

port=$(tui_server reset)
tui_start
tui_wait 'What fails' || exit 1
tui_keys 1
tui_wait 'Step 2 of 3' || exit 1
tui_keys -l "127.0.0.1"
tmux -L "$TUI_SOCK" resize-window -t "$TUI_SESS" -x 100 -y 30
tui_wait 'Server +127\.0\.0\.1' || tui_fail "typed text lost on resize"
check_layout 100 30
tui_keys Tab
tui_keys -l "$port"
tui_keys Up Up Up Up Enter
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
check_layout 100 30
tmux -L "$TUI_SOCK" resize-window -t "$TUI_SESS" -x 80 -y 24
tui_wait 'tcp\.reset_on_connect' || tui_fail "results lost on shrink"
sleep 0.3
check_layout 80 24
# A tiny terminal says so instead of drawing garbage; growing back redraws.
tmux -L "$TUI_SOCK" resize-window -t "$TUI_SESS" -x 30 -y 8
tui_wait 'Terminal too small' || tui_fail "no small-terminal notice"
tmux -L "$TUI_SOCK" resize-window -t "$TUI_SESS" -x 120 -y 40
tui_wait 'tcp\.reset_on_connect' || tui_fail "no redraw after growing"
sleep 0.3
check_layout 120 40
tui_keys q
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: redrawn at 100x30, 80x24, 30x8 (notice), 120x40"
