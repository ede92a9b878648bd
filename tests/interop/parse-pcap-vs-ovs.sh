#!/bin/bash
# parse-pcap-vs-ovs.sh PONT_OFCTL WORKDIR
#
# Interop test of the packet parser and flow printer: generates a varied
# capture with gen_capture.py, runs `ovs-ofctl parse-pcap` and
# `PONT_OFCTL parse-pcap` on it and requires the two outputs to agree line for
# line.  Needs Open vSwitch's ovs-ofctl (package openvswitch-common) and
# Debian's /usr/bin/python3 with python3-scapy.
#
# Environment: PONT_INTEROP_COUNT   packets to generate (default 2500)
#              PONT_INTEROP_SEED    generator seed (default: the generator's)
#
# Everything is written under WORKDIR: capture.pcap, ovs.txt, pont.txt.
# Exit status: 0 if every line agrees, 1 otherwise.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PONT_OFCTL WORKDIR" >&2
    exit 2
fi
pont_ofctl=$1
workdir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=/usr/bin/python3
count=${PONT_INTEROP_COUNT:-2500}
min_packets=2000

fail() {
    echo "parse-pcap-vs-ovs: $*" >&2
    exit 1
}

command -v ovs-ofctl >/dev/null 2>&1 \
    || fail "ovs-ofctl not found: install openvswitch-common (apt-get install openvswitch-common)"
[ -x "$python" ] || fail "$python not found: install python3 and python3-scapy"
"$python" -c 'import scapy' 2>/dev/null \
    || fail "scapy not importable by $python: install python3-scapy"
[ -x "$pont_ofctl" ] || fail "$pont_ofctl: not an executable"

mkdir -p "$workdir"
pcap=$workdir/capture.pcap
ovs_out=$workdir/ovs.txt
pont_out=$workdir/pont.txt

seed_args=()
if [ -n "${PONT_INTEROP_SEED:-}" ]; then
    seed_args=(--seed "$PONT_INTEROP_SEED")
fi
"$python" "$here/gen_capture.py" --count "$count" "${seed_args[@]}" "$pcap"

# Count the records by walking the pcap headers (classic pcap, either order).
n_packets=$("$python" - "$pcap" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
off, n = 24, 0
while off + 16 <= len(data):
    off += 16 + struct.unpack_from(endian + "I", data, off + 8)[0]
    n += 1
print(n)
EOF
)
if [ "$n_packets" -lt "$min_packets" ]; then
    fail "capture has $n_packets packets, fewer than $min_packets (PONT_INTEROP_COUNT=$count)"
fi

ovs-ofctl parse-pcap "$pcap" >"$ovs_out" || fail "ovs-ofctl parse-pcap failed"
"$pont_ofctl" parse-pcap "$pcap" >"$pont_out" || fail "$pont_ofctl parse-pcap failed"

ovs_lines=$(wc -l <"$ovs_out")
pont_lines=$(wc -l <"$pont_out")
status=0
if [ "$ovs_lines" -ne "$n_packets" ] || [ "$pont_lines" -ne "$n_packets" ]; then
    echo "parse-pcap: line counts differ: $n_packets packets, ovs-ofctl printed" \
         "$ovs_lines lines, $pont_ofctl printed $pont_lines" >&2
    status=1
fi

# Compare line by line; report the first 10 differences with packet bytes.
"$python" - "$pcap" "$ovs_out" "$pont_out" <<'EOF' || status=1
import logging, sys
logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.utils import rdpcap

pcap, ovs_path, pont_path = sys.argv[1:4]
ovs = open(ovs_path).read().splitlines()
pont = open(pont_path).read().splitlines()
diffs = [i for i in range(min(len(ovs), len(pont))) if ovs[i] != pont[i]]
if not diffs:
    sys.exit(0)
packets = rdpcap(pcap)
print("parse-pcap: %d of %d lines differ from ovs-ofctl" % (len(diffs), len(ovs)))
for i in diffs[:10]:
    data = bytes(packets[i])
    print("\npacket %d (%d bytes):" % (i + 1, len(data)))
    print("  ovs-ofctl: %s" % ovs[i])
    print("  pont:      %s" % pont[i])
    for off in range(0, len(data), 32):
        print("  %04x  %s" % (off, data[off:off + 32].hex(" ")))
sys.exit(1)
EOF

if [ "$status" -eq 0 ]; then
    echo "parse-pcap: $n_packets packets, every line agrees with ovs-ofctl"
fi
exit "$status"
