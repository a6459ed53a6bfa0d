#!/bin/bash
# Colours on a colour terminal; none with NO_COLOR or --no-color (the
# bars stay readable in reverse video); ASCII stand-ins and no mojibake
# when the locale is not UTF-8.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

# SGR colour codes (30-37, 40-47, 38;..., 48;..., 90-107) in the screen.
has_color() { tmux -L "$TUI_SOCK" capture-pane -e -p -t "$TUI_SESS" |
	grep -Eq $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'; }
has_reverse() { tmux -L "$TUI_SOCK" capture-pane -e -p -t "$TUI_SESS" |
	grep -Eq $'\e\\[([0-9;]*;)?7(;[0-9;]*)?m'; }
n=0
# A fresh tmux server (its own socket: a dying server may still hold the
# old one) running the program with ARGS.
restart() {
	tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
	n=$((n + 1))
	TUI_SOCK="sd$$-$n"
	rm -f "$TUI_DIR/rc"
	tui_start "$@"
	tui_wait 'What fails' || exit 1
}

TUI_TERM=screen-256color
restart
has_color || tui_fail "no colour on a colour terminal"
TUI_ENV="NO_COLOR=1" restart
has_color && tui_fail "colour despite NO_COLOR"
has_reverse || tui_fail "bars not in reverse video without colour"
TUI_ENV="" restart --no-color
has_color && tui_fail "colour despite --no-color"
# Not UTF-8: the arrows of the hint bar become ASCII.
TUI_TERM=vt100
tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
TUI_SOCK="sd$$-ascii"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s "$TUI_SESS" -x 80 -y 24 \
	"env LANG=C LC_ALL=C TERM=vt100 '$SOCKDOC'; sleep 60"
tui_wait 'What fails' || exit 1
tui_screen | tail -1 | grep -q '^ \^v:choose' || tui_fail "no ASCII arrows"
tui_screen | head -1 | grep -q '^ sockdoc - Step 1' || tui_fail "no ASCII dash"
tui_screen | grep -q '?' && tui_screen | grep -q '??' && tui_fail "mojibake"
tui_keys q
echo "ok: colour, NO_COLOR, --no-color, ASCII fallback"
