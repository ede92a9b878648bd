#!/usr/bin/python3
"""Counts test results in meson's testlog.json files.

A TAP test (the cmocka unit programs) counts each of its test cases; any
other test counts once.  A TAP program that crashed or timed out after its
last reported case counts one more failure.  A skipped test counts as a
failure too: tests/run.sh installs everything, so nothing should skip.
Prints the failures, then the totals alone on the last line:
"N passed, N failed".  Exits 1 if anything failed."""
import json
import re
import sys


def count(path, failures):
    """Returns (passed, failed) for one testlog.json."""
    passed = failed = 0
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        failures.append(f"{path}: no test log ({e.strerror}); "
                        "the build or the test run did not finish")
        return 0, 1
    for line in lines:
        try:
            t = json.loads(line)
            name, result = t['name'], t['result']
        except (ValueError, KeyError):
            failures.append(f"{path}: unreadable log line: {line[:80]}")
            failed += 1
            continue
        name = f"{path.split('/')[0]}: {name}"
        out = t.get('stdout') or ''
        oks = re.findall(r'^ok \d+', out, re.M)
        not_oks = re.findall(r'^not ok \d+ - ?(.*)$', out, re.M)
        if oks or not_oks:
            passed += len(oks)
            failed += len(not_oks)
            failures += [f"{name}: {case}" for case in not_oks]
            if result != 'OK' and not not_oks:
                failed += 1
                failures.append(f"{name}: {result}")
        elif result == 'OK':
            passed += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}")
    return passed, failed


def main():
    passed = failed = 0
    failures = []
    for path in sys.argv[1:]:
        p, f = count(path, failures)
        passed += p
        failed += f
    for f in failures:
        print(f"FAILED {f}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
