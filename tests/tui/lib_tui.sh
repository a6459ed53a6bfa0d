# lib_tui.sh — helpers for the TUI tests: a private tmux server of fixed
# size running the real binary, screen polling, and tiny fault servers on
# loopback.  Source it; it sets a trap that cleans up by PID and by the
# private tmux socket name.
set -u

PY=/usr/bin/python3
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: skip"; exit 77; }
[ -x "$PY" ] || { echo "$PY missing: skip"; exit 77; }
[ -n "${SOCKDOC:-}" ] && [ -x "$SOCKDOC" ] || { echo "SOCKDOC not built"; exit 99; }

TUI_SOCK="sd$$"
TUI_SESS="sd$$"
TUI_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sockdoc-tui.XXXXXX")
TUI_PIDS=""

# Stop servers we started (by PID: the helpers run in $(...) subshells,
# so they leave their PIDs in files), our tmux server, and the temp dir.
tui_cleanup() {
	tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
	for p in $TUI_PIDS $(cat "$TUI_DIR"/*.pid 2>/dev/null); do
		kill "$p" 2>/dev/null
	done
	rm -rf "$TUI_DIR"
}
trap tui_cleanup EXIT

# Run a loopback fault server: MODE is reset (accept, then RST) or silent
# (listen, never accept, never greet).  Prints the port.
tui_server() {
	"$PY" - "$1" >"$TUI_DIR/port.$1" <<'PYEOF' &
import socket, struct, sys, time
mode = sys.argv[1]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(64)
print(s.getsockname()[1], flush=True)
deadline = time.time() + 120
if mode == "silent":
    time.sleep(120)
    sys.exit(0)
s.settimeout(1)
while time.time() < deadline:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()
PYEOF
	echo $! >"$TUI_DIR/server.$1.pid"
	for _ in $(seq 50); do
		[ -s "$TUI_DIR/port.$1" ] && break
		sleep 0.1
	done
	cat "$TUI_DIR/port.$1"
}

# Start the binary with ARGS in an 80x24 tmux pane; its exit code lands in
# $TUI_DIR/rc.  The pane stays so the screen can be read after exit.
tui_start() {
	local args="" a
	for a in "$@"; do args="$args '$a'"; done
	tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s "$TUI_SESS" \
		-x 80 -y 24 -c "$TUI_DIR" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= TERM=${TUI_TERM:-screen} ${TUI_ENV:-} '$SOCKDOC' $args; echo \$? >'$TUI_DIR/rc'; sleep 60"
	tmux -L "$TUI_SOCK" set-option -t "$TUI_SESS" -g status off >/dev/null
}

# Send keys (tmux key names or literal text with -l).
tui_keys() { tmux -L "$TUI_SOCK" send-keys -t "$TUI_SESS" "$@"; }

# The screen as text.
tui_screen() { tmux -L "$TUI_SOCK" capture-pane -p -t "$TUI_SESS"; }

# Wait (at most 100 x 0.1 s, or $2 tries) until the screen matches the
# extended regex $1; on timeout print the screen and fail.
tui_wait() {
	local tries=${2:-100}
	for _ in $(seq "$tries"); do
		tui_screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	echo "timed out waiting for: $1"; echo "---- screen:"; tui_screen
	return 1
}

# Fail with a message and the screen.
tui_fail() { echo "FAIL: $*"; echo "---- screen:"; tui_screen; exit 1; }

# Wait for the program to exit; prints its exit code.
tui_wait_exit() {
	for _ in $(seq 100); do
		[ -s "$TUI_DIR/rc" ] && { cat "$TUI_DIR/rc"; return 0; }
		sleep 0.1
	done
	echo "timeout"
	return 1
}

# Walk steps 1-2 of the wizard for SMTP: HOST and PORT typed, then Run.
tui_walk_smtp() {
	tui_wait 'What fails' || exit 1
	tui_keys 1
	tui_wait 'Step 2 of 3' || exit 1
	tui_keys -l "$1"
	tui_keys Tab
	tui_keys -l "$2"
	# Up from the port field: server, field names, protocol, then the
	# Run button at the end of the form.
	tui_keys Up Up Up Up
	tui_wait '\[ Run the diagnosis \]' || exit 1
	tui_keys Enter
}

# Start `sockdoc lab` with ARGS; prints ADDRESS:PORT of its first listener.
tui_lab() {
	"$SOCKDOC" lab "$@" >"$TUI_DIR/lab.out" 2>"$TUI_DIR/lab.err" &
	echo $! >"$TUI_DIR/lab.pid"
	for _ in $(seq 50); do
		[ -s "$TUI_DIR/lab.out" ] && break
		sleep 0.1
	done
	awk 'NR == 1 { print $3 }' "$TUI_DIR/lab.out"
}

# Attributes of the first character of the first match of the Python
# regex $1 (of its first group when it has one) on the screen (capture-pane -e), as words: "fg=N bg=N bold
# reverse underline dim" (N: 0-7 the basic colours, 8+ bright/256, "d"
# the default).  Prints "none" when nothing matches.
tui_attr() {
	tmux -L "$TUI_SOCK" capture-pane -e -p -t "$TUI_SESS" |
		"$PY" -c '
import re, sys
pat = re.compile(sys.argv[1])
def sgr(st, params):
    p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
    i = 0
    while i < len(p):
        c = p[i]
        if c == 0: st.clear()
        elif c in (1, 2, 4, 7): st[{1: "bold", 2: "dim", 4: "underline", 7: "reverse"}[c]] = True
        elif c == 22: st.pop("bold", None); st.pop("dim", None)
        elif c == 24: st.pop("underline", None)
        elif c == 27: st.pop("reverse", None)
        elif 30 <= c <= 37: st["fg"] = c - 30
        elif 40 <= c <= 47: st["bg"] = c - 40
        elif 90 <= c <= 97: st["fg"] = c - 90 + 8
        elif 100 <= c <= 107: st["bg"] = c - 100 + 8
        elif c == 39: st.pop("fg", None)
        elif c == 49: st.pop("bg", None)
        elif c in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
            st["fg" if c == 38 else "bg"] = p[i + 2]; i += 2
        i += 1
st = {}
for raw in sys.stdin.read().split("\n"):
    text, cells = "", []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|\x1b[^\[]|([^\x1b])", raw):
        if m.group(2) is not None:
            text += m.group(2); cells.append(dict(st))
        elif m.group(1) is not None:
            sgr(st, m.group(1))
    m = pat.search(text)
    if m:
        at = m.start(1) if pat.groups else m.start()
        a = cells[at] if at < len(cells) else {}
        out = ["fg=%s" % a.get("fg", "d"), "bg=%s" % a.get("bg", "d")]
        out += [k for k in ("bold", "dim", "underline", "reverse") if a.get(k)]
        print(" ".join(out)); sys.exit(0)
print("none")
' "$1"
}

# True when the attribute words $1 (from tui_attr) stand out from plain
# text: a background colour, or reverse video.
tui_marked() { case " $1 " in *" reverse "*|*" bg="[0-9]*) return 0;; esac; return 1; }

# True when the cursor is shown; prints its column and row.
tui_cursor() {
	local c
	c=$(tmux -L "$TUI_SOCK" display-message -p -t "$TUI_SESS" \
		'#{cursor_flag} #{cursor_x} #{cursor_y}')
	echo "${c#* }"
	[ "${c%% *}" = 1 ]
}
