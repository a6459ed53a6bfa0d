#!/bin/bash
# The wizard's advanced section (issue 15): ticked, a SOCKS5 proxy typed
# in the client's words; the run goes through the proxy (microsocks'
# own log names the lab server) and the healthy lab server is healthy.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"
[ -x /usr/bin/microsocks ] || { echo "microsocks missing: skip"; exit 77; }

addr=$(tui_lab --protocol smtp --fault none)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; cat "$TUI_DIR/lab.err"; exit 99; }
sport=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/microsocks -i 127.0.0.1 -p "$sport" >"$TUI_DIR/socks.log" 2>&1 &
echo $! >"$TUI_DIR/socks.pid"
for _ in $(seq 50); do
	"$PY" -c "import socket; socket.create_connection(('127.0.0.1', $sport), 1)" 2>/dev/null && break
	sleep 0.1
done
tui_start
tui_wait 'What fails' || exit 1
tui_keys 1
tui_wait 'Step 2 of 3' || exit 1
tui_keys -l 127.0.0.1
tui_keys Tab
tui_keys -l "$port"
# Up from the port: server, names, protocol, Run, then the check box.
tui_keys Up Up Up Up Up
tui_wait 'Advanced connection +\[ \]' || tui_fail "no advanced check box"
tui_keys Space
tui_wait '^ Proxy  ' || tui_fail "the advanced fields did not open"
tui_keys Down
tui_keys -l "socks5://127.0.0.1:$sport"
tui_keys Down Down Down Down Down
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'No problem found' 200 || tui_fail "not healthy through the proxy"
grep -q "connected to 127.0.0.1:$port" "$TUI_DIR/socks.log" ||
	tui_fail "the run did not go through the proxy"
tui_keys q
tui_wait_exit >/dev/null
echo "ok: the wizard's advanced proxy carried the run"
