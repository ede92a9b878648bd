#!/bin/bash
# Installs what is missing, builds, and runs every test:
#   1. the normal build (gcc): unit tests, fuzz corpus replay, interop tests;
#   2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer:
#      unit tests, fuzz corpus replay, and each libFuzzer target for a
#      bounded time.
# Ends with the totals alone on the last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! scripts/setup.sh; then
    echo "0 passed, 1 failed"
    exit 1
fi
# A build that fails must not leave an old log to be counted.
rm -f build/meson-logs/testlog.json build-asan/meson-logs/testlog.json
if [ ! -f build-asan/build.ninja ]; then
    CC=clang meson setup build-asan -Db_sanitize=address,undefined \
        -Db_lundef=false -Dc_args=-fno-sanitize-recover=all >/dev/null
fi

status=0
echo "== normal build: every suite"
meson test -C build --print-errorlogs || status=1
echo "== ASan+UBSan build: unit and fuzz suites"
meson test -C build-asan --print-errorlogs --suite unit --suite fuzz \
    || status=1
/usr/bin/python3 tests/summarize.py build/meson-logs/testlog.json \
    build-asan/meson-logs/testlog.json || status=1
exit $status
