#!/bin/bash
# Runs a libFuzzer target for a bounded time, starting from the committed
# corpus.  Usage: run-fuzzer.sh FUZZER CORPUS_DIR SECONDS
# New interesting inputs stay in a scratch directory; a crash input is
# copied next to the corpus as crash-*, to be committed as a regression case
# once the bug is fixed.
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3
work=$(mktemp -d /tmp/pont-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"
if "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/" -max_len=2048 "$work/new" "$corpus" \
        >"$work/log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::new_units_added)' \
        "$work/log" || true
    echo "fuzzer $(basename "$fuzzer"): no crash in ${seconds}s"
else
    tail -n 40 "$work/log"
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
        [ -e "$f" ] || continue
        cp "$f" "$corpus/"
        echo "saved failing input as $corpus/$(basename "$f")"
    done
    exit 1
fi
