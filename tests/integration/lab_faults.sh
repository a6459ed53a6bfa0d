#!/bin/bash
# lab_faults.sh — generated from the fault table: for every fault and
# protocol that `sockdoc lab --list --format tsv` gives an evidence text,
# serve the fault (with its example ARG), run
# `sockdoc --report --format json --timeout 2` against it and assert the
# expected cause (first, or among the causes where the table says
# "listed") and that its evidence contains the text; "none" must be
# healthy.  Each lab is stopped by PID before the next starts.  The
# per-fault lab_*.sh scripts cross-check the wire with curl/swaks.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"

"$SOCKDOC" lab --list --format tsv >"$LAB_TMP/faults.tsv" ||
	fail "lab --list --format tsv"
[ "$(head -1 "$LAB_TMP/faults.tsv")" = "$(printf 'fault\tprotocol\tspec\tcause\tposition\tevidence\treport_args')" ] ||
	fail "unexpected TSV header"
rows=$(tail -n +2 "$LAB_TMP/faults.tsv" | wc -l)
[ "$rows" -ge 30 ] || fail "only $rows fault rows"
checked=0 skipped=0
while IFS=$'\t' read -r fault proto spec cause position evidence args; do
	if [ "$evidence" = - ]; then
		echo "-- $fault/$proto: no evidence in the table (the plain report cannot tell yet), skipped"
		skipped=$((skipped + 1))
		continue
	fi
	echo "== $fault/$proto ($spec): $cause ($position) '$evidence'"
	lab_start "$proto" "$spec"
	extra=()
	[ "$args" = - ] || read -r -a extra <<<"$args"
	lab_diagnose "$proto" "$LAB_PORT" "${extra[@]}"
	if [ "$cause" = none ]; then
		lab_assert_healthy
	elif [ "$position" = listed ]; then
		lab_assert_cause_listed "$cause" "$evidence"
	else
		lab_assert_cause "$cause" "$evidence"
	fi
	lab_stop "$LAB_PID"
	checked=$((checked + 1))
done < <(tail -n +2 "$LAB_TMP/faults.tsv")
[ "$checked" -ge 25 ] || fail "only $checked faults checked"
echo "checked $checked, skipped $skipped"
echo PASS
