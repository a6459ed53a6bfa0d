#!/bin/bash
# restart-every:1: every second the server "crashes": held connections
# are reset, new ones are refused for about 0.5 s, then served again.
# (sockdoc not asserted: telling a restart apart needs --watch, which is
# not in the chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
for p in smtp ftp; do
	lab_start $p restart-every:1
	$PY - "$LAB_PORT" <<'PYEOF' || fail "$p: restart"
import socket, sys, time
port = int(sys.argv[1])
for i in range(30):  # we may arrive while it is down: wait until it is up
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3)
        if s.recv(200).startswith(b"220"):
            break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("never served")
try:
    data = s.recv(200)
    sys.exit("held connection not reset: %r" % data)
except ConnectionResetError:
    pass
seen = []
for i in range(15):
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=1)
        seen.append("ok" if c.recv(200).startswith(b"220") else "bad")
        c.close()
    except ConnectionRefusedError:
        seen.append("refused")
    except ConnectionResetError:
        seen.append("reset")
    time.sleep(0.1)
print(seen)
assert seen[0] == "refused" and "ok" in seen, seen
PYEOF
done
echo PASS
