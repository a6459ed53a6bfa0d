#!/bin/sh
# replay.sh — every seed and past finding through each fuzz target.
set -e
b=${top_builddir:-.}/tests/fuzz
c=${top_srcdir:-.}/tests/fuzz/corpus
for t in ${FUZZ_TARGETS:-reply target explain pasv ehlo list sanitize pastelog dns}; do
	"$b/replay_$t" "$c/$t"/*
done
