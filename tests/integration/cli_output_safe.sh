#!/bin/bash
# -o and --transcript never follow a symbolic link, never truncate what is
# not the user's own regular file, never lose the old file on failure
# (temporary file + rename), never block on a FIFO; a write error on
# stdout (/dev/full) is exit 3 with a message.  Checked before anything is
# sent: a refused path means no connection.
. "$(dirname "$0")/lib.sh"

start_fault srv --mode greet --text '220 safe ESMTP\r\n' --hold 1
tgt="smtp://127.0.0.1:$FAULT_PORT"
run() { run_sockdoc "$@" --report --format json --timeout 1 --budget 5 "$tgt"; }
d=$T_DIR/out
mkdir "$d"
echo precious >"$T_DIR/victim"
chmod 644 "$T_DIR/victim"

# refused NAME REGEX ARGS...: exit 3, REGEX on stderr, victim intact.
refused() {
	local name=$1 regex=$2
	shift 2
	run "$T_DIR/$name.out" "$@"
	assert_exit 3
	assert_grep "$T_DIR/$name.out.err" "$regex"
	[ "$(cat "$T_DIR/victim")" = precious ] || fail "$name: victim changed"
	assert_file_mode "$T_DIR/victim" 644
}

ln -s "$T_DIR/victim" "$d/link"
refused link 'symbolic link' -o "$d/link"
refused ts_link 'symbolic link' --transcript "$d/link"
[ -L "$d/link" ] || fail "the link was replaced"
ln -s "$T_DIR/nowhere" "$d/dangling"
refused dangling 'symbolic link' -o "$d/dangling"
[ -e "$T_DIR/nowhere" ] && fail "a dangling link's target was created"
# A FIFO: refused at once, never opened (no reader would block us).
mkfifo "$d/fifo"
refused fifo 'not a regular file' -o "$d/fifo"
[ "$REPORT_MS" -lt 4000 ] || fail "the FIFO blocked ${REPORT_MS} ms"
refused dir 'directory' -o "$d"
# Another user's world-writable file is not truncated.
if id nobody >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	echo theirs >"$d/theirs"
	chown nobody "$d/theirs"
	chmod 666 "$d/theirs"
	refused theirs 'another user' -o "$d/theirs"
	[ "$(cat "$d/theirs")" = theirs ] || fail "another user's file changed"
fi
# The old -o file survives a run that fails (here: the transcript path
# is refused after -o was named).
echo old-report >"$d/keep.json"
refused keep 'symbolic link' -o "$d/keep.json" --transcript "$d/link"
[ "$(cat "$d/keep.json")" = old-report ] || fail "the old report was lost"
if grep -q '^connection from' "$T_DIR/srv.out"; then
	fail "a refused output path still connected"
fi

# Success: a fresh file and a replaced own file, both 0600, valid JSON,
# no temporary file left behind.
run "$T_DIR/ok.out" -o "$d/keep.json" --transcript "$d/ts.txt"
[ "$REPORT_RC" -le 3 ] && [ "$REPORT_RC" -ne 2 ] || fail "exit $REPORT_RC"
assert_file_mode "$d/keep.json" 600
assert_file_mode "$d/ts.txt" 600
assert_json "$d/keep.json" 'r["schema"] == "sockdoc.report/1"'
assert_grep "$d/ts.txt" '220'
left=$(find "$d" -name '.*' -type f | wc -l)
[ "$left" = 0 ] || fail "temporary files left: $(ls -a "$d")"

# stdout on a full device: exit 3 and a message, not a silent success.
"$SOCKDOC" --report --format json --timeout 1 --budget 5 "$tgt" \
	</dev/null >/dev/full 2>"$T_DIR/full.err"
rc=$?
[ "$rc" = 3 ] || fail "stdout on /dev/full: exit $rc"
assert_grep "$T_DIR/full.err" 'cannot write'
exit 0
