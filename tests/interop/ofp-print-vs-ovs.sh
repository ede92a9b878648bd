#!/bin/bash
# ofp-print-vs-ovs.sh PONT_OFP_PRINT_PROGRAM HEXFILE
#
# Interop test of the OpenFlow printer: for each message in HEXFILE, runs
# `ovs-ofctl ofp-print HEX [VERBOSITY]` and `PONT_OFP_PRINT_PROGRAM HEX
# [VERBOSITY]`, prints both outputs, and a unified diff where they differ.
# Only standard output is compared: ovs-ofctl logs warnings about bad
# messages on standard error.
#
# PONT_OFP_PRINT_PROGRAM is a command line taking the same arguments as
# "ovs-ofctl ofp-print", for example "build/utilities/pont-ofctl ofp-print";
# it is split on spaces.
#
# HEXFILE has one message per line: its bytes in hex (no spaces inside the
# message), optionally followed by a verbosity (a number), then optionally by
# a name for the report.  Blank lines and lines starting with '#' are
# skipped.
#
# Needs Open vSwitch's ovs-ofctl (package openvswitch-common).
# Exit status: 0 if every message prints the same, 1 if any differs or a
# program fails, 2 on bad usage.
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PONT_OFP_PRINT_PROGRAM HEXFILE" >&2
    exit 2
fi
read -r -a pont <<<"$1"
hexfile=$2

fail() {
    echo "ofp-print-vs-ovs: $*" >&2
    exit 1
}

command -v ovs-ofctl >/dev/null 2>&1 \
    || fail "ovs-ofctl not found: install openvswitch-common (apt-get install openvswitch-common)"
[ -r "$hexfile" ] || fail "$hexfile: cannot read it"
[ ${#pont[@]} -gt 0 ] || fail "empty PONT_OFP_PRINT_PROGRAM"

workdir=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$workdir"' EXIT

n_same=0
n_differ=0
line_no=0
while read -r hex verbosity name _; do
    line_no=$((line_no + 1))
    case $hex in
    '' | '#'*) continue ;;
    esac
    if [[ -n ${verbosity:-} && ! $verbosity =~ ^[0-9]+$ ]]; then
        name=$verbosity
        verbosity=
    fi
    args=("$hex")
    if [ -n "${verbosity:-}" ]; then
        args+=("$verbosity")
    fi
    label=${name:-line $line_no}

    ovs-ofctl ofp-print "${args[@]}" >"$workdir/ovs.txt" 2>/dev/null \
        || fail "$label: ovs-ofctl ofp-print failed"
    "${pont[@]}" "${args[@]}" >"$workdir/pont.txt" \
        || fail "$label: ${pont[*]} failed"

    echo "=== $label: $hex${verbosity:+ $verbosity}"
    if cmp -s "$workdir/ovs.txt" "$workdir/pont.txt"; then
        n_same=$((n_same + 1))
        cat "$workdir/ovs.txt"
    else
        n_differ=$((n_differ + 1))
        echo "--- ovs-ofctl:"
        cat "$workdir/ovs.txt"
        echo "--- pont:"
        cat "$workdir/pont.txt"
        diff -u --label ovs-ofctl --label pont \
            "$workdir/ovs.txt" "$workdir/pont.txt"
    fi
done <"$hexfile"

echo "$n_same passed, $n_differ failed"
[ "$n_differ" -eq 0 ]
