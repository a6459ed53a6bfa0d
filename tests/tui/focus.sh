#!/bin/bash
# Focus and states are visible by attributes, in colour and with NO_COLOR:
# the selected menu row (its text, not only the padding), the focused
# choice, check box and Run button, the cursor in the focused text field,
# the selected result row, and "failed" (red in colour, bold without).
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
n=0
# A fresh tmux server running the wizard in mode $1 (color or mono).
restart() {
	tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
	n=$((n + 1))
	TUI_SOCK="sd$$-$n"
	rm -f "$TUI_DIR/rc"
	if [ "$1" = mono ]; then TUI_ENV="NO_COLOR=1"; else TUI_ENV=""; fi
	TUI_TERM=screen-256color tui_start --timeout 2
	tui_wait 'What fails' || exit 1
}

# Fail unless the text matching $2 is marked; $1 names it.
want_marked() {
	local a
	a=$(tui_attr "$2")
	tui_marked "$a" || tui_fail "$mode: $1 not marked ($a)"
}
# Fail when the text matching $2 is marked; $1 names it.
want_plain() {
	local a
	a=$(tui_attr "$2")
	tui_marked "$a" && tui_fail "$mode: $1 marked though not focused ($a)"
	return 0
}

for mode in color mono; do
	restart $mode
	# Menu: the text of the selected row itself, not just its padding.
	want_marked "selected menu row" ' 1  Sending mail'
	want_plain "other menu row" ' 2  Receiving mail'
	tui_keys Down
	tui_wait '.' || exit 1
	sleep 0.2
	want_marked "menu row after Down" ' 2  Receiving mail'
	want_plain "menu row left" ' 1  Sending mail'
	tui_keys 1
	tui_wait 'Step 2 of 3' || exit 1
	# The server field has the focus: the cursor is shown in it.
	pos=$(tui_cursor) || tui_fail "$mode: cursor hidden in the server field"
	[ "${pos#* }" = "$(tui_screen | grep -n '^ Server\b' | cut -d: -f1 |
		awk '{ print $1 - 1 }')" ] || tui_fail "$mode: cursor not on the server row ($pos)"
	tui_keys -l 127.0.0.1
	# Focused choice: Up twice to "Field names as in".
	tui_keys Up
	sleep 0.2
	want_marked "focused choice" '< generic >'
	want_plain "unfocused choice" '< SMTP'
	tui_cursor >/dev/null && tui_fail "$mode: cursor shown on a choice"
	# A check box: the first trial, Down from the port field.
	tui_keys Down Down
	tui_keys -l "$port"
	tui_keys Down Down Down Down Down
	sleep 0.2
	want_marked "focused check box" 'Trial: upload +(\[ \])'
	want_plain "unfocused check box" 'Trial: idle +(\[ \])'
	# Run button.
	tui_keys Down Down Down
	sleep 0.2
	want_plain "Run button without focus" '\[ Run the diagnosis \]'
	tui_keys Down Down   # the advanced check box, then Run
	sleep 0.2
	want_marked "focused Run button" '\[ Run the diagnosis \]'
	tui_keys Enter
	tui_wait 'Step 3 of 3|Cause|failed' 200 || exit 1
	tui_wait 'failed' 200 || tui_fail "$mode: no failed probe"
	a=$(tui_attr 'failed')
	if [ $mode = color ]; then
		case " $a " in *" fg=1 "*|*" fg=9 "*) ;;
		*) tui_fail "failed not red ($a)";; esac
	else
		case " $a " in *" bold "*|*" reverse "*) ;;
		*) tui_fail "failed not bold without colour ($a)";; esac
	fi
	tui_wait 'Found [0-9]+ likely' 100 || tui_fail "$mode: no causes"
	want_marked "selected cause" '^ +\S+ +(1\. )'
	want_plain "other cause or test" '^ +\S+ +(tcp\.)'
	tui_keys q
done
echo "ok: focus, selection, cursor and failed marked in colour and NO_COLOR"
