#!/bin/bash
# max-sessions:2: two sessions are served at once, the third gets 421;
# once one ends, a new one is served again.  (sockdoc not asserted: the
# concurrency trial is not in the chain yet.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
for p in smtp ftp; do
	lab_start $p max-sessions:2
	$PY - "$LAB_PORT" <<'PYEOF' || fail "$p: session limit"
import socket, sys, time
port = int(sys.argv[1])
def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    return s, s.recv(300)
a, ga = conn()
b, gb = conn()
c, gc = conn()
assert ga.startswith(b"220") and gb.startswith(b"220"), (ga, gb)
assert gc.startswith(b"421") and b"too many" in gc.lower(), gc
a.close()
for i in range(20):  # the lab notices the close on its next loop turn
    time.sleep(0.1)
    d, gd = conn()
    if gd.startswith(b"220"):
        break
    d.close()
assert gd.startswith(b"220"), gd
PYEOF
done
echo PASS
