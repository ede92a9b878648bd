#!/bin/bash
# pont-ofctl's command line: exit codes (0 success, 1 failure, 2 usage) and
# messages that say what is wrong and what to do.
# Usage: pont-ofctl.sh PONT_OFCTL SAMPLE_PCAP
set -uo pipefail
ofctl=$1 sample=$2
work=$(mktemp -d /tmp/pont-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0

# expect STATUS PATTERN COMMAND...: runs COMMAND, checks its exit status and
# that stdout+stderr match the extended regex PATTERN.
expect() {
    local want=$1 pattern=$2 got
    shift 2
    "$@" >"$work/out" 2>&1
    got=$?
    if [ $got != "$want" ] || ! grep -Eq -- "$pattern" "$work/out"; then
        echo "FAIL: $*: exit $got (want $want), output:"
        sed 's/^/    /' "$work/out" | head -n 5
        echo "    (wanted a line matching: $pattern)"
        failures=$((failures + 1))
    else
        echo "ok: $* -> $got"
    fi
}

expect 0 'parse-pcap FILE' "$ofctl" --help
expect 0 '^pont-ofctl \(Pont\) [0-9]' "$ofctl" --version
expect 2 'missing command name.*--help' "$ofctl"
expect 2 "unknown command 'frobnicate'.*--help" "$ofctl" frobnicate
expect 2 "Try 'pont-ofctl --help'" "$ofctl" --no-such-option
expect 2 "'parse-pcap' needs more arguments; usage: pont-ofctl parse-pcap" \
    "$ofctl" parse-pcap
expect 1 'no-such.pcap: cannot read capture: No such file or directory' \
    "$ofctl" parse-pcap "$work/no-such.pcap"

printf '\x0a\x0d\x0d\x0a%028d' 0 >"$work/ng.pcapng"
expect 1 "pcapng files are not supported; convert .*editcap" \
    "$ofctl" parse-pcap "$work/ng.pcapng"
echo "not a capture at all, just some text" >"$work/text.pcap"
expect 1 'not a pcap capture file' "$ofctl" parse-pcap "$work/text.pcap"

# A capture cut inside its fourth record: the first three are printed, then
# the error, and the exit status says it failed.
cut_len=$(/usr/bin/python3 - "$sample" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
ofs = 24
for _ in range(3):
    ofs += 16 + struct.unpack('<I', data[ofs + 8:ofs + 12])[0]
print(ofs + 20)
PY
)
head -c "$cut_len" "$sample" >"$work/cut.pcap"
expect 1 'stopped reading: the file ends in the middle of a record' \
    "$ofctl" parse-pcap "$work/cut.pcap"
lines=$("$ofctl" parse-pcap "$work/cut.pcap" 2>/dev/null | wc -l)
if [ "$lines" != 3 ]; then
    echo "FAIL: truncated capture printed $lines lines, want 3"
    failures=$((failures + 1))
fi

# Several files, one of them missing: the others are still printed.
n=$("$ofctl" parse-pcap "$sample" "$work/no-such.pcap" "$sample" 2>/dev/null \
    | wc -l)
want=$((2 * $("$ofctl" parse-pcap "$sample" | wc -l)))
if [ "$n" != "$want" ]; then
    echo "FAIL: with a missing file among two good ones: $n lines, want $want"
    failures=$((failures + 1))
fi

expect 1 'writing the output failed' sh -c "'$ofctl' parse-pcap '$sample' >/dev/full"

# Talking to switches: what goes wrong says what to do.
free_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect 1 "tcp:127.0.0.1:$free_port: Connection refused" \
    "$ofctl" show "tcp:127.0.0.1:$free_port"
expect 1 'unknown target type: use tcp:IP\[:PORT\] or unix:PATH' \
    "$ofctl" dump-flows "ssl:1.2.3.4"
expect 1 'the address must be a numeric IP address' \
    "$ofctl" dump-flows "tcp:switch1:6653"
expect 1 'No such file or directory' "$ofctl" show "unix:$work/nothing.sock"
expect 2 "'add-flow' needs more arguments; usage: pont-ofctl add-flow SWITCH FLOW" \
    "$ofctl" add-flow "tcp:127.0.0.1:$free_port"
expect 2 'pont-ofctl speaks only OpenFlow13' \
    "$ofctl" -O OpenFlow10 show "tcp:127.0.0.1:$free_port"
expect 2 '--timeout: expected a positive number' \
    "$ofctl" --timeout=0 show "tcp:127.0.0.1:$free_port"

# Offline: ofp-print and ofp-encode.
expect 0 '^OFPT_HELLO \(OF1.3\) \(xid=0x1\):' "$ofctl" ofp-print 0400000800000001
expect 0 '^\*\*\*decode error: OFPBRC_BAD_LEN\*\*\*' \
    "$ofctl" ofp-print "04 0e 00 10 00 00 00 01 00 00 00 00 00 00 00 00"
expect 1 'ofp-print: "04zz" is not hex digits' "$ofctl" ofp-print 04zz
expect 0 '^040e0040000000010000000000000000' \
    "$ofctl" ofp-encode add-flow "priority=1,ip,actions=drop"
expect 1 'unknown keyword foo' "$ofctl" ofp-encode add-flow "foo=1,actions=drop"
expect 1 'must specify an action|actions' \
    "$ofctl" ofp-encode add-flow "priority=1,ip"
expect 1 '"parse-pcap" is not a command that sends messages' \
    "$ofctl" ofp-encode parse-pcap x.pcap
expect 2 'usage: pont-ofctl ofp-encode add-flow FLOW' "$ofctl" ofp-encode add-flow

# A flow of 65520 bytes fits one message, but not inside a bundle's
# 16-byte wrapper.  encode_big [OPTION] [ACTION]: encodes that flow, with
# ACTION added.
big=$(/usr/bin/python3 -c 'print(",".join("output:%d" % (i % 100 + 1) for i in range(4091)))')
encode_big() {
    "$ofctl" ${1:+"$1"} ofp-encode add-flow "actions=$big${2:+,$2}"
}
expect 0 '^040efff0' encode_big
expect 1 'ONFT_BUNDLE_ADD_MESSAGE is too large for one OpenFlow message' \
    encode_big --bundle
expect 1 'too large for one OpenFlow message' encode_big "" output:1

# dump-table-features against the fake switch (254 tables): the same text
# as ovs-ofctl's, when ovs-ofctl is installed.
fake=$(dirname "${BASH_SOURCE[0]}")/../interop/fake-switch.py
if command -v ovs-ofctl >/dev/null 2>&1; then
    /usr/bin/python3 "$fake" --port 0 --record "$work/fake.rec" \
        >"$work/fake.out" 2>&1 &
    fake_pid=$!
    trap 'kill $fake_pid 2>/dev/null; wait $fake_pid 2>/dev/null; rm -rf "$work"' EXIT
    for _ in $(seq 50); do
        grep -q '^listening on' "$work/fake.out" && break
        sleep 0.1
    done
    target=tcp:127.0.0.1:$(awk '{print $3}' "$work/fake.out")
    "$ofctl" dump-table-features "$target" >"$work/pont.tf" 2>&1
    ovs-ofctl -O OpenFlow13 dump-table-features "$target" >"$work/ovs.tf" 2>&1
    if cmp -s "$work/pont.tf" "$work/ovs.tf" \
        && grep -q 'tables 1...253: ditto' "$work/pont.tf"; then
        echo "ok: dump-table-features prints what ovs-ofctl prints"
    else
        echo "FAIL: dump-table-features differs from ovs-ofctl's:"
        diff "$work/pont.tf" "$work/ovs.tf" | head -n 10
        failures=$((failures + 1))
    fi
else
    echo "skip: dump-table-features comparison (ovs-ofctl not installed)"
fi

[ $failures = 0 ] && echo "pont-ofctl command line: all checks passed"
exit $((failures > 0))
