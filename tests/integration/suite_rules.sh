#!/bin/bash
# The suite's own rules, read from its scripts:
#  - every time limit is `timeout --foreground -k N`: a bare `timeout N`
#    sends SIGCONT after its TERM, which can hang a sanitized process in
#    LeakSanitizer's exit check forever (testlib.sh says why);
#  - nothing is stopped by name (pkill, killall).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/testlib.sh"
top=$(cd "$T_LIB/../.." && pwd)
cd "$top" || fail "no source tree at $top"
scripts=$(find tests scripts bench -name '*.sh' -type f ! -name bounded.sh | sort)
[ -n "$scripts" ] || fail "no test scripts found under $top"
# shellcheck disable=SC2086
bare=$(grep -nE '(^|[^-a-z_])timeout +[-0-9]' $scripts | grep -v -- '--foreground' || true)
[ -z "$bare" ] || fail "timeout without --foreground:
$bare"
# shellcheck disable=SC2086
byname=$(grep -nE '(^|[;&|[:space:]])(pkill|killall) ' $scripts | grep -v '^[^:]*:[0-9]*: *#' || true)
[ -z "$byname" ] || fail "processes stopped by name:
$byname"
echo PASS
