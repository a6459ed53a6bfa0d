#!/bin/bash
# Key hints and labels: where '?' is text (the settings form) the title
# bar says F1:help and '?' goes into the field; the bottom hint follows
# the focused field (text, choice, check box, Run button); the FTP host
# placeholder names an FTP server; the results list the ticked trial and
# no other protocol's probes, with every summary in one column.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start --timeout 2 --max-connections 2
tui_wait 'What fails' || exit 1
tui_screen | head -1 | grep -q '?:help$' || tui_fail "menu: no ?:help"
tui_keys 3
tui_wait 'Step 2 of 3' || exit 1
tui_screen | head -1 | grep -q 'F1:help$' || tui_fail "settings: title bar does not say F1:help"
tui_wait '^ Server +e\.g\. ftp\.example\.com' 20 || tui_fail "FTP host placeholder"
tui_screen | tail -1 | grep -q 'Ctrl-U:clear' || tui_fail "text field hints"
tui_keys -l '?'
tui_wait '^ Server +\?' 20 || tui_fail "'?' not typed into the field"
tui_screen | grep -q ' Help ' && tui_fail "'?' opened the help in a text field"
tui_keys C-u
tui_keys -l 127.0.0.1
tui_keys Up
sleep 0.2
tui_screen | tail -1 | grep -q '←→/Space:change' || tui_fail "choice hints"
tui_keys Up Up
sleep 0.2
tui_screen | tail -1 | grep -q 'Enter:run the diagnosis' || tui_fail "button hints"
# Back to the FTP form: protocol is FTP; pick SMTP to test the rest.
tui_keys Down Left
tui_wait '^ Server +127\.0\.0\.1' 20 || tui_fail "protocol not changed to SMTP"
tui_keys Down Down Down
tui_keys -l "$port"
for _ in 1 2 3 4 5 6 7; do tui_keys Down; done
sleep 0.2
tui_screen | tail -1 | grep -q 'Space:tick' || tui_fail "check box hints"
tui_screen | grep -q '^ Trial: connections' || tui_fail "no connections trial"
tui_keys Space
tui_keys Down Down Down   # half-close, the advanced check box, Run
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait '^ sockdoc — Results' 300 || tui_fail "no results"
tui_keys PageDown
sleep 0.3
tui_screen >"$TUI_DIR/s"
grep -q 'trial\.concurrency' "$TUI_DIR/s" || tui_fail "ticked trial not listed"
grep -Eq 'ftp\.|trial\.(upload|idle|halfclose)' "$TUI_DIR/s" &&
	tui_fail "other protocol or unticked trials listed"
# Every probe line's summary starts in the same column.
cols=$("$PY" - "$TUI_DIR/s" <<'PYEOF'
import re, sys
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^ (ok|warning|failed|skipped|error) +([a-z.]+ +)\S", line)
    if m:
        cols.add(m.end(2))
print(" ".join(map(str, sorted(cols))))
PYEOF
)
case "$cols" in *" "*|"") tui_fail "summaries not aligned (columns: $cols)";; esac
tui_keys q
echo "ok: F1:help in forms, hints follow the focus, FTP placeholder, aligned list"
