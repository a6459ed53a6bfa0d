#!/bin/bash
# Text that does not fit is cut at a word boundary and marked with an
# ellipsis, measured in display columns: at 80 and 50 columns, in English
# and in Russian, every line ending in "…" shows a prefix of a probe's
# summary that ends where a word ends.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

addr=$(tui_lab --protocol smtp --fault auth-required)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; exit 99; }

# Check the screen against the summaries of the JSON report $1; prints
# the number of cut lines, fails on a cut inside a word.
check_cuts() {
	tui_screen >"$TUI_DIR/screen"
	"$PY" - "$1" "$TUI_DIR/screen" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
texts = [p["summary"] for p in r["probes"]]
cuts = 0
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\n").rstrip()
    if not line.endswith("…"):
        continue
    body = line[:-1]
    for s in texts:
        # the summary starts somewhere in the line: find the longest
        # prefix of s that the line ends with
        for k in range(len(body), 5, -1):
            if s.startswith(body[-k:]) and (len(body) == k or body[-k - 1] == " "):
                shown = body[-k:]
                if len(shown) < len(s) and s[len(shown)] != " ":
                    print("cut inside a word: %r of %r" % (line, s))
                    sys.exit(1)
                cuts += 1
                break
        else:
            continue
        break
print(cuts)
PYEOF
}

run_case() { # $1: label, $2: env
	tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
	TUI_SOCK="sd$$-$1"
	env $2 "$SOCKDOC" --report --format json --timeout 2 \
		"smtp://127.0.0.1:$port" >"$TUI_DIR/r.json"
	TUI_ENV="$2" tui_start --timeout 2 "smtp://127.0.0.1:$port"
	tui_wait '^ sockdoc — (Results|Результаты)' 200 || tui_fail "$1: no results"
	n=$(check_cuts "$TUI_DIR/r.json") || tui_fail "$1: $n"
	[ "$n" -ge 1 ] || tui_fail "$1: no line was cut with a mark at 80 columns"
	tmux -L "$TUI_SOCK" resize-window -t "$TUI_SESS" -x 50 -y 12
	sleep 0.5
	m=$(check_cuts "$TUI_DIR/r.json") || tui_fail "$1 at 50 columns: $m"
	[ "$m" -ge 2 ] || tui_fail "$1: too few marked cuts at 50 columns ($m)"
	tui_keys q
	echo "$1: $n cut lines at 80 columns, $m at 50"
}

run_case en "LANG=C.UTF-8"
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	run_case ru "LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8"
else
	echo "no ru_RU.UTF-8 locale: Russian case skipped"
fi
echo "ok: cuts at word boundaries, marked with an ellipsis"
