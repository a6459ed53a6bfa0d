#!/bin/bash
# Every path option is checked before anything is sent (issue 15): a bad
# value is one message naming the option, exit 2, and no connection to
# the target (a listener counts its connections).
. "$(dirname "$0")/lib.sh"
P=$(free_port)
start_bg counter $PY -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
while True:
    c, a = s.accept(); print("connection", flush=True); c.close()
' "$P"
wait_port 127.0.0.1 "$P" 10
# wait_port's own connection is counted first (the listener may print it
# a moment later under load): the base is taken after it.
for i in $(seq 100); do
	[ -s "$T_DIR/counter.out" ] && break
	sleep 0.05
done
base=$(wc -l <"$T_DIR/counter.out")
T="smtp://127.0.0.1:$P"

bad() {
	local want=$1
	shift
	run_out "$SOCKDOC" --report --timeout 2 "$@" "$T"
	[ "$REPORT_RC" = 2 ] || fail "exit $REPORT_RC, not 2, for: $*"
	grep -q -- "$want" "$T_DIR/out" || { cat "$T_DIR/out"; fail "no '$want' for: $*"; }
	[ "$(grep -c "^sockdoc: " "$T_DIR/out")" = 1 ] || { cat "$T_DIR/out"; fail "not one message for: $*"; }
}
bad --proxy -x ftp://127.0.0.1:21
bad --proxy -x https://proxy.test:443
bad --proxy -x "socks5://127.0.0.1:99999"
bad --proxy --proxy "socks5h://:1080"
bad --proxy --proxy "http://127.0.0.1:3128/path"
bad --proxy -x "ftp://bob:s3cret@127.0.0.1:21"
grep -q s3cret "$T_DIR/out" && fail "a bad -x printed its password"
bad --resolve --resolve "mail.test:25"
bad --resolve --resolve "mail.test:25:not-an-address"
bad --resolve --resolve "mail.test:x:127.0.0.1"
bad --connect-to --connect-to "mail.test"
bad --connect-to --connect-to "mail.test:25::"
bad --connect-to --connect-to "mail.test:25:host:70000"
bad --interface --interface "no-such-if0"
bad --interface --interface "192.0.2.99"
bad --cert --cert "$T_DIR/missing.pem"
bad --key --key "$T_DIR/missing.key"
echo x >"$T_DIR/k.pem"
bad "without --cert" --key "$T_DIR/k.pem"
# A bad proxy in the environment is refused the same way, and its value
# (it may hold a password) is not printed.
ALL_PROXY="gopher://user:s3cret@127.0.0.1:70" bad ALL_PROXY
grep -q s3cret "$T_DIR/out" && fail "the proxy's password was printed"
smtp_proxy="ftp://127.0.0.1:21" bad smtp_proxy
[ "$(wc -l <"$T_DIR/counter.out")" = "$base" ] || fail "a usage error still connected"

# Good values pass (and the run goes on).
run_out "$SOCKDOC" --report --timeout 2 -x "" --noproxy "*" -4 \
	--interface lo --resolve "x.test:1:127.0.0.1" --connect-to "::127.0.0.1:$P" "$T"
[ "$REPORT_RC" != 2 ] || { cat "$T_DIR/out"; fail "good path options refused"; }
echo PASS
