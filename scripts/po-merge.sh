#!/bin/sh
# po-merge.sh [FRAGMENT.po...] — bring po/ru.po up to date with the
# sources: regenerate po/sockdoc.pot with xgettext (through po/Makefile),
# then msgmerge ru.po against it, taking translations of new messages from
# the given PO fragments (a compendium: translations written beside a
# change, merged here so parallel branches never conflict in ru.po).
# Prints the statistics; exit 1 while anything is untranslated or fuzzy.
set -eu
cd "$(dirname "$0")/.."
rm -f po/sockdoc.pot
make -C po sockdoc.pot >/dev/null 2>&1
comp=$(mktemp)
frag=$(mktemp -d)
trap 'rm -rf "$comp" "$frag" po/ru.po.new' EXIT
: >"$comp"
n=0
for f in "$@"; do
	# A fragment may come without a header: give it one (UTF-8).
	n=$((n + 1))
	{
		grep -q 'Content-Type: text/plain; charset=' "$f" ||
			printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
		cat "$f"
	} >"$frag/$n.po"
done
[ "$n" -eq 0 ] || msgcat --use-first -o "$comp" "$frag"/*.po
msgmerge -q --no-fuzzy-matching --compendium "$comp" -o po/ru.po.new \
	po/ru.po po/sockdoc.pot
msgattrib --no-obsolete -o po/ru.po po/ru.po.new
stats=$(msgfmt -c --statistics -o /dev/null po/ru.po 2>&1)
echo "$stats"
case "$stats" in *untranslated*|*fuzzy*) exit 1;; esac
