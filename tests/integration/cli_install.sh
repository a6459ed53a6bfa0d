#!/bin/bash
# First contact and a proper install: `make install` puts the binary, the
# man page (made from --help, so every option of --help is in it), bash
# and zsh completion and the docs in place; --version is GNU style;
# --help ends with where to report bugs; a mistyped URL gets the URL it
# meant; an unknown scheme (sftp://) names the protocols sockdoc tests; a bad option prints
# one message (and the --help hint), not getopt's and ours.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C LANGUAGE=

builddir=$(cd "$(dirname "$SOCKDOC")/.." && pwd)
inst=$T_DIR/inst
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$builddir" install \
	DESTDIR="$inst" prefix=/usr >"$T_DIR/install.log" 2>&1 ||
	{ cat "$T_DIR/install.log"; fail "make install failed"; }
for f in usr/bin/sockdoc usr/share/man/man1/sockdoc.1 \
	usr/share/bash-completion/completions/sockdoc \
	usr/share/zsh/site-functions/_sockdoc \
	usr/share/doc/sockdoc/README.md usr/share/doc/sockdoc/causes.md \
	usr/share/doc/sockdoc/interface.md usr/share/doc/sockdoc/lab-faults.md; do
	[ -s "$inst/$f" ] || fail "not installed: /$f"
done
man1=$inst/usr/share/man/man1/sockdoc.1
# The man page cannot drift from --help: every long option is in it.
for o in $("$SOCKDOC" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	grep -q -- "${o//-/\\\\-}" "$man1" || fail "man page lacks $o"
done
grep -q '^\.SH EXAMPLES' "$man1" || fail "man page has no examples"
grep -qi 'exit status' "$man1" || fail "man page has no exit status"

"$SOCKDOC" --version >"$T_DIR/v"
grep -Eq '^sockdoc [0-9]+\.[0-9]+' "$T_DIR/v" || fail "--version: no version line"
grep -q '^Copyright' "$T_DIR/v" || fail "--version: no copyright"
grep -q '^License' "$T_DIR/v" || fail "--version: no licence"
grep -qi 'bug' "$T_DIR/v" || fail "--version: no bug address"
"$SOCKDOC" --help | tail -3 | grep -q '^Report bugs' || fail "--help does not end with where to report bugs"

# (--dns-server on a dead loopback port: nothing may reach a resolver.)
run_sockdoc "$T_DIR/u1" --report --dns-server 127.0.0.1:9 smtp:/mail.example.test
assert_exit 2
assert_grep "$T_DIR/u1.err" "did you mean 'smtp://mail.example.test'"
run_sockdoc "$T_DIR/u2" --report --dns-server 127.0.0.1:9 sftp://files.example.test
assert_exit 2
assert_grep "$T_DIR/u2.err" 'smtp://.*ftp://.*pop3://.*imap://'
run_sockdoc "$T_DIR/u3" --report --bogus smtp://127.0.0.1:9
assert_exit 2
[ "$(wc -l <"$T_DIR/u3.err")" = 2 ] || fail "bad option: not one message and the hint: $(cat "$T_DIR/u3.err")"
assert_grep "$T_DIR/u3.err" "unknown option '--bogus'"
run_sockdoc "$T_DIR/u4" --report --port
assert_exit 2
assert_grep "$T_DIR/u4.err" "option '--port' needs a value"

# Completion: bash offers the options of --help and the values of
# --protocol; zsh parses the file.
if [ -r /usr/share/bash-completion/bash_completion ]; then
	out=$(PATH="$(dirname "$SOCKDOC"):$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$1"
		COMP_WORDS=(sockdoc --proto); COMP_CWORD=1; COMP_LINE="sockdoc --proto"; COMP_POINT=${#COMP_LINE}
		_sockdoc sockdoc --proto sockdoc; echo "${COMPREPLY[*]}"
		COMP_WORDS=(sockdoc --protocol ""); COMP_CWORD=2; COMP_LINE="sockdoc --protocol "; COMP_POINT=${#COMP_LINE}
		_sockdoc sockdoc "" --protocol; echo "${COMPREPLY[*]}"
	' _ "$inst/usr/share/bash-completion/completions/sockdoc" 2>&1)
	echo "$out" | head -1 | grep -q -- '--protocol' || fail "bash completion of --proto: $out"
	echo "$out" | tail -1 | grep -q 'smtp ftp' || fail "bash completion of --protocol values: $out"
else
	note "bash-completion not installed: completion behaviour not checked"
fi
if command -v zsh >/dev/null; then
	zsh -n "$inst/usr/share/zsh/site-functions/_sockdoc" || fail "zsh completion does not parse"
fi
echo PASS
