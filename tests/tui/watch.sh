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
tui_wait '^ 1 round done,' 100 || tui_fail "no singular '1 round done'"
tui_wait '^ [3-9] rounds done' 150 || tui_fail "fewer than 3 rounds"
# One interval on the screen, not two that disagree.
[ "$(tui_screen | grep -oE 'every [0-9]+ s' | sort -u | wc -l)" = 1 ] ||
	tui_fail "two different intervals shown"
# As mtr: column titles, last/average/worst time and failure share per
# probe, a legend of the alphabet; no FTP or trial rows in an SMTP watch.
tui_screen | grep -Eq 'Last +Avg +Worst +Fail' || tui_fail "no column titles"
tui_screen | grep -Eq '^ dns +ok +▁+ +[0-9]+ +[0-9]+ +[0-9]+ +0%' ||
	tui_fail "no last/avg/worst/fail figures on the dns row"
tui_screen | grep -Eq '(failed|error) +█+ +[0-9]+ +[0-9]+ +[0-9]+ +100%' ||
	tui_fail "failing row does not show 100% failed"
tui_screen | tail -3 | grep -q 'newest on the right' || tui_fail "no legend"
tui_screen | grep -Eq '^ (ftp\.|trial\.)' && tui_fail "FTP or trial rows"
tui_keys +
tui_wait 'every 2 s' 30 || tui_fail "+ did not change the interval"
[ "$(tui_screen | grep -oE 'every [0-9]+ s' | sort -u | wc -l)" = 1 ] ||
	tui_fail "two different intervals shown after +"
tui_screen | grep -q 'Last run: .*tcp\.reset_on_connect' ||
	tui_fail "last cause not shown"
tui_screen | grep -Eq '(failed|error) +███' ||
	tui_fail "no failure sparkline"
tui_screen | grep -Eq '^ dns +ok +▁▁▁' || tui_fail "no ok sparkline"
tui_keys Escape
tui_wait 'Tests:' 100 || tui_fail "watch did not stop into the results"
tui_keys q
tui_wait_exit >/dev/null
echo "ok: watch drew 3+ rounds with sparklines, figures and a legend"
