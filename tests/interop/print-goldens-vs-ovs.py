#!/usr/bin/python3
"""print-goldens-vs-ovs.py GOLDENS

Checks that the printer's unit-test goldens (tests/unit/ofp_print_goldens.txt)
are still what Open vSwitch prints: runs "ovs-ofctl ofp-print HEX VERBOSITY"
on every entry's bytes and compares its standard output with the entry's
text, byte for byte.  The unit test holds Pont's printer to the goldens; this
holds the goldens to Open vSwitch, so that neither can drift alone.

Exit status: 0 if every entry matches, 1 if any differs or ovs-ofctl is
missing, 2 on bad usage or a malformed goldens file.
"""
import difflib
import shutil
import subprocess
import sys


def load(path):
    """Returns the entries of 'path' as (name, verbosity, hex, text)."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("==== "):
                fields = line[5:].split()
                if len(fields) not in (2, 3) or not fields[1].isdigit():
                    sys.exit(f"{path}:{lineno}: expected "
                             "\"==== NAME VERBOSITY HEX\"")
                fields += [""] * (3 - len(fields))
                entries.append(fields + [""])
            elif entries:
                entries[-1][3] += line
    return entries


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    if not shutil.which("ovs-ofctl"):
        print("ovs-ofctl not found: apt-get install openvswitch-common",
              file=sys.stderr)
        return 1
    entries = load(sys.argv[1])
    differ = 0
    for name, verbosity, hexbytes, text in entries:
        out = subprocess.run(["ovs-ofctl", "ofp-print", hexbytes, verbosity],
                             capture_output=True, text=True, check=False)
        if out.stdout != text:
            differ += 1
            print(f"{name}: ovs-ofctl prints something else:")
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(True), out.stdout.splitlines(True),
                "golden", "ovs-ofctl"))
    print(f"{len(entries) - differ} of {len(entries)} goldens are what "
          "ovs-ofctl ofp-print prints")
    return 1 if differ or not entries else 0


if __name__ == "__main__":
    sys.exit(main())
