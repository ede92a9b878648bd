#!/bin/bash
# Pont's main job, for now: decode a sample capture that the build generated
# (every protocol the parser knows, VLAN and QinQ, fragments, IPv6
# extension headers, truncated and malformed packets) into flow keys, and
# show that Open vSwitch reads every packet the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/pont-demo.XXXXXX)
trap 'rm -rf "$out"' EXIT
if ! scripts/setup.sh >"$out/setup.log"; then
    cat "$out/setup.log"
    exit 1
fi
pcap=build/tests/interop/sample.pcap

echo "== pont-ofctl parse-pcap $pcap (first 12 packets)"
build/utilities/pont-ofctl parse-pcap "$pcap" >"$out/pont.txt"
head -n 12 "$out/pont.txt"
echo "..."
n=$(wc -l <"$out/pont.txt")
echo
echo "== packets by protocol (truncated and malformed ones included)"
# The first field is the protocol shorthand, or "in_port=" when the packet
# has no protocol Pont names; count those by EtherType.
sed -E 's/^([a-z0-9]+),.*/\1/; s/^in_port=.*dl_type=(0x[0-9a-f]+).*/other \1/' \
    "$out/pont.txt" | sort | uniq -c | sort -rn \
    | awk '{ n = $1; $1 = ""; printf "%6d %-15s", n, substr($0, 2) }
           NR % 4 == 0 { print "" } END { if (NR % 4) print "" }'
echo
echo "== the same capture through Open vSwitch's ovs-ofctl parse-pcap"
if ! ovs-ofctl parse-pcap "$pcap" >"$out/ovs.txt" 2>"$out/ovs.err"; then
    echo "demo: ovs-ofctl parse-pcap failed:" >&2
    cat "$out/ovs.err" >&2
    exit 1
fi
if cmp -s "$out/pont.txt" "$out/ovs.txt"; then
    echo "$n packets: every line identical to ovs-ofctl's"
else
    echo "$n packets: $(diff "$out/pont.txt" "$out/ovs.txt" | grep -c '^<') lines differ:"
    diff "$out/pont.txt" "$out/ovs.txt" | head -n 20
    exit 1
fi
