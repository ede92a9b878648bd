#!/usr/bin/python3
"""Counts test results in meson's testlog.json files.

A TAP test (the cmocka unit programs) counts each of its test cases; any
other test counts once.  A TAP program that crashed or timed out after its
last reported case counts one more failure.  Prints the failures, then the
totals alone on the last line: "N passed, N failed"."""
import json
import re
import sys

passed = failed = 0
failures = []
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        failed += 1
        failures.append(f"{path}: no test log ({e.strerror})")
        continue
    for line in lines:
        t = json.loads(line)
        name = f"{path.split('/')[0]}: {t['name']}"
        out = t.get('stdout') or ''
        oks = re.findall(r'^ok \d+', out, re.M)
        not_oks = re.findall(r'^not ok \d+ - ?(.*)$', out, re.M)
        if oks or not_oks:
            passed += len(oks)
            failed += len(not_oks)
            failures += [f"{name}: {case}" for case in not_oks]
            if t['result'] != 'OK' and not not_oks:
                failed += 1
                failures.append(f"{name}: {t['result']}")
        elif t['result'] == 'OK':
            passed += 1
        else:
            failed += 1
            failures.append(f"{name}: {t['result']}")
for f in failures:
    print(f"FAILED {f}")
print(f"{passed} passed, {failed} failed")
