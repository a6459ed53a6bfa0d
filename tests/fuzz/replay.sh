#!/bin/sh
# replay.sh — every seed and past finding through each fuzz target.
set -e
b=${top_builddir:-.}/tests/fuzz
c=${top_srcdir:-.}/tests/fuzz/corpus
for t in reply target explain; do
	"$b/replay_$t" "$c/$t"/*
done
