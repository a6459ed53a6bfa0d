#!/bin/bash
# A server that accepts the handshake and never says a word: the run is
# slow (30 s step limit), the screen keeps updating (elapsed time moves),
# c cancels at once, the wizard stays usable (settings, run again), and
# Ctrl-C leaves cleanly (exit 130) with the terminal restored.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server silent)
tui_start --timeout 30 --budget 60
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'running +banner' 100 || tui_fail "banner never ran"
t1=$(tui_screen | sed -En 's/.*running +banner +([0-9]+) ms.*/\1/p')
sleep 0.6
t2=$(tui_screen | sed -En 's/.*running +banner +([0-9]+) ms.*/\1/p')
[ -n "$t1" ] && [ -n "$t2" ] && [ "$t2" -gt "$t1" ] ||
	tui_fail "elapsed time frozen ($t1 -> $t2)"
start=$(date +%s%N)
tui_keys c
tui_wait 'Run cancelled' 20 || tui_fail "cancel did not finish at once"
end=$(date +%s%N)
[ $(( (end - start) / 1000000 )) -lt 2000 ] || tui_fail "cancel too slow"
tui_screen | grep -Eq 'error +banner' || tui_fail "banner not marked error"
# Still usable: back to the settings, the values are kept.
tui_keys e
tui_wait 'Step 2 of 3' || tui_fail "settings not reachable"
tui_screen | grep -q "127.0.0.1" || tui_fail "settings lost"
tui_keys C-c
rc=$(tui_wait_exit)
[ "$rc" != timeout ] || tui_fail "Ctrl-C did not end the program"
# Interrupted is exit 130 (128 + SIGINT), not 0 or "problems found" (1).
[ "$rc" = 130 ] || tui_fail "Ctrl-C exit code $rc, not 130"
alt=$(tmux -L "$TUI_SOCK" display-message -p -t "$TUI_SESS" '#{alternate_on}')
[ "$alt" = 0 ] || tui_fail "terminal left in the alternate screen"
echo "ok: cancelled in $(( (end - start) / 1000000 )) ms, usable, Ctrl-C clean"
