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
