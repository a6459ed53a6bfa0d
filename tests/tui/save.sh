#!/bin/bash
# Diagnose a reset-on-connect server, then save the report from the
# results: JSON, mode 0600, valid, with the cause and the evidence; and a
# text report too.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start
tui_walk_smtp 127.0.0.1 "$port"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
# JSON: path field, format (Right = JSON), Save.
tui_keys s
tui_wait 'Save the report' || tui_fail "no save dialog"
tui_keys C-u
tui_keys -l "out.json"
tui_keys Tab Right Tab Enter
tui_wait 'Report saved to out.json' || tui_fail "not saved"
f="$TUI_DIR/out.json"
[ -f "$f" ] || tui_fail "no file"
[ "$(stat -c %a "$f")" = 600 ] || tui_fail "mode $(stat -c %a "$f"), want 600"
"$PY" -m json.tool "$f" >/dev/null || tui_fail "not valid JSON"
"$PY" - "$f" <<'PYEOF' || tui_fail "JSON lacks the cause"
import json, sys
r = json.load(open(sys.argv[1]))
ids = [c["id"] for c in r["causes"]]
assert ids and ids[0] == "tcp.reset_on_connect", ids
assert r["causes"][0]["evidence"], "no evidence"
assert r["verdict"] == "problems", r["verdict"]
PYEOF
# Saving again under the same name asks before replacing (the format
# stays JSON from the last time).
tui_keys s
tui_wait 'Save the report' || exit 1
tui_keys C-u
tui_keys -l "out.json"
tui_keys Tab Tab Enter
tui_wait 'The file exists' || tui_fail "overwrite not confirmed"
tui_keys Escape
# Text report.
tui_keys s
tui_wait 'Save the report' || exit 1
tui_keys C-u
tui_keys -l "out.txt"
tui_keys Tab Right Tab Enter
tui_wait 'Report saved to out.txt' || tui_fail "text not saved"
grep -q 'tcp.reset_on_connect\|reset' "$TUI_DIR/out.txt" || tui_fail "text lacks the cause"
[ "$(stat -c %a "$TUI_DIR/out.txt")" = 600 ] || tui_fail "text mode"
tui_keys q
tui_wait_exit >/dev/null
echo "ok: JSON and text reports saved 0600 with the cause"
