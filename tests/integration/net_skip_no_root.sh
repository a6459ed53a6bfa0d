#!/bin/bash
# A test that needs root skips cleanly (exit 77) where it cannot have it:
# with SOCKDOC_TEST_NO_ROOT=1, and as a non-root user (unshare --user).
. "$(dirname "$0")/lib.sh"

t=$T_LIB/net_filtered.sh
SOCKDOC_TEST_NO_ROOT=1 bash "$t" >"$T_DIR/env.log" 2>&1
rc=$?
[ "$rc" -eq 77 ] || { cat "$T_DIR/env.log"; fail "SOCKDOC_TEST_NO_ROOT: exit $rc, expected 77"; }
assert_grep "$T_DIR/env.log" 'SKIP'

if unshare --user true 2>/dev/null; then
	unshare --user bash "$t" >"$T_DIR/user.log" 2>&1
	rc=$?
	[ "$rc" -eq 77 ] || { cat "$T_DIR/user.log"; fail "non-root: exit $rc, expected 77"; }
	assert_grep "$T_DIR/user.log" 'SKIP'
else
	note "unshare --user not permitted here; checked the env switch only"
fi
exit 0
