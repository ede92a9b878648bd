#!/bin/bash
# ofp-encode-vs-ovs.sh PONT_OFCTL WORKDIR
#
# Byte-exactness with Open vSwitch: for every command of ovs-commands.txt,
# records the messages "ovs-ofctl -O OpenFlow13 COMMAND" sends to a (fake)
# switch, and compares them, byte for byte, with the messages
# "pont-ofctl ofp-encode COMMAND" prints.  Transaction ids are set to zero
# on both sides (also inside bundle messages), since they are arbitrary.
# Commands that pont-ofctl deliberately rejects (see the "Where Pont departs"
# notes in ofproto/ofp_text.h) are listed in ofp-encode-departures.txt with
# the reason, and must be rejected.
#
# Writes only in WORKDIR.  Exit status 0 if every command agrees.
set -uo pipefail
ofctl=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"

command -v ovs-ofctl >/dev/null || {
    echo "ovs-ofctl not found: install the Debian package openvswitch-common"
    exit 1
}
if ! bash "$here/record-ovs-ofctl.sh" "$here/ovs-commands.txt" \
        "$work/ovs.txt" 2>"$work/record.err"; then
    echo "recording ovs-ofctl's messages failed:"
    cat "$work/record.err"
    exit 1
fi

/usr/bin/python3 - "$ofctl" "$here/ovs-commands.txt" "$work/ovs.txt" \
    "$here/ofp-encode-departures.txt" <<'PY'
import shlex, subprocess, sys

ofctl, cmdfile, golden_file, departures_file = sys.argv[1:]

def normalize(hexmsg):
    """Zeroes the xid, and the inner xid of an ONF bundle-add message."""
    b = bytearray.fromhex(hexmsg)
    b[4:8] = b'\0\0\0\0'
    if b[1] == 4 and b[8:16] == bytes.fromhex('4f4e4600000008fd'):
        b[28:32] = b'\0\0\0\0'
    return b.hex()

golden = {}
for line in open(golden_file):
    num, _, msgs = line.rstrip('\n').partition('\t')
    golden[int(num)] = [normalize(m) for m in msgs.split()]
departures = {}
for line in open(departures_file):
    if line.strip() and not line.startswith('#'):
        num, _, reason = line.partition(' ')
        departures[int(num)] = reason.strip()

agree = differ = rejected = 0
for num, line in enumerate(open(cmdfile), 1):
    line = line.strip()
    if not line or line.startswith('#'):
        continue
    words = shlex.split(line)
    opts = [w for w in words if w.startswith('--')]
    args = [w for w in words if not w.startswith('--')]
    r = subprocess.run([ofctl] + opts + ['ofp-encode'] + args,
                       capture_output=True, text=True)
    if num in departures:
        if r.returncode == 0:
            print(f"line {num}: {line}\n  expected pont-ofctl to reject it "
                  f"({departures[num]}), but it encoded it")
            differ += 1
        else:
            rejected += 1
        continue
    ours = [normalize(m) for m in r.stdout.split()]
    if r.returncode != 0 or ours != golden.get(num):
        differ += 1
        print(f"line {num}: {line}")
        print(f"  ovs-ofctl:  {' '.join(golden.get(num, ['(none)']))}")
        print(f"  pont-ofctl: {' '.join(ours) or r.stderr.strip()}")
    else:
        agree += 1
print(f"ofp-encode: {agree} commands byte-identical with ovs-ofctl, "
      f"{rejected} rejected as documented, {differ} differ")
sys.exit(1 if differ else 0)
PY
