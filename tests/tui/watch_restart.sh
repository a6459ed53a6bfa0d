#!/bin/bash
# Watch mode concludes what only a watch can: the lab's SMTP server
# "restarts" every 3 s (held connections reset, new ones refused for a
# moment).  The wizard's watch holds a connection across rounds like the
# CLI's --watch (one engine, src/watch), so the diagnosis across rounds
# names server.down_or_restarting while watching, and the results after
# Esc (the engine's final report) rank it too.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol smtp --fault restart-every:3)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; cat "$TUI_DIR/lab.err"; exit 99; }
tui_start --watch 1
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'Tests:' 300 || tui_fail "first run did not finish"
tui_keys w
tui_wait 'Watch' || tui_fail "no watch view"
tui_wait '^ Across rounds: .*server\.down_or_restarting' 300 ||
	tui_fail "watch did not conclude server.down_or_restarting"
tui_screen | grep -Eq '^ (smtp|reach|dns)[a-z._]* +[a-zA-Z]+ +[▁▄█▒·]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+%' ||
	tui_fail "no sparkline row with statistics"
echo "---- watch screen:"; tui_screen
tui_keys Escape
tui_wait 'Tests:' 150 || tui_fail "watch did not stop into the results"
tui_screen | grep -q 'server\.down_or_restarting' ||
	tui_fail "the final report lacks server.down_or_restarting"
tui_keys q
tui_wait_exit >/dev/null
echo "ok: the wizard's watch named server.down_or_restarting"
