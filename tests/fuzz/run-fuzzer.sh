#!/bin/bash
# Runs a libFuzzer target for a bounded time, starting from the committed
# corpus.  Usage: run-fuzzer.sh FUZZER CORPUS_DIR SECONDS CRASH_DIR
# New interesting inputs stay in a scratch directory.  A failing input is
# saved in CRASH_DIR (in the build tree, so it cannot break later runs
# unnoticed); once the bug is fixed, copy it into CORPUS_DIR, where every
# build replays it as a regression test.
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3 crashes=$4
work=$(mktemp -d /tmp/pont-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"
if "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/" -max_len=4096 "$work/new" "$corpus" \
        >"$work/log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added)' \
        "$work/log" || true
    echo "fuzzer $(basename "$fuzzer"): no failure in ${seconds}s"
else
    tail -n 40 "$work/log"
    mkdir -p "$crashes"
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
        [ -e "$f" ] || continue
        cp "$f" "$crashes/"
        echo "failing input saved as $crashes/$(basename "$f");"
        echo "after the fix, add it to $corpus/ as a regression case"
    done
    exit 1
fi
