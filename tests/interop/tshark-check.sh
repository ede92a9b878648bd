#!/bin/bash
# tshark-check.sh PCAPFILE OF_TCP_PORT
#
# Checks an OpenFlow 1.3 capture with Wireshark's dissector: decodes TCP port
# OF_TCP_PORT as OpenFlow, prints how many messages of each type
# (openflow_v4.type) the capture holds, and fails if any frame is malformed
# (_ws.malformed) or carries an expert info of severity Warning or Error.
#
# TCP's own analysis warnings (expert group "Sequence": window full, zero
# window, retransmission, D-SACK, out-of-order...) are not counted: they say
# a receiver was slower than loopback, as ovs-ofctl is when Open vSwitch
# sends it about 1 MB of table features, not that an OpenFlow message was
# wrong.  The exception is a segment missing from the capture ("... not
# captured"): then the OpenFlow stream cannot be checked, so it counts.
#
# Exit status: 0 if the capture is clean, 1 if not (the offending frames and
# their expert messages are listed), 2 on bad usage.  Cleans up: nothing to
# clean; it only reads PCAPFILE.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PCAPFILE OF_TCP_PORT" >&2
    exit 2
fi
pcap=$1
port=$2

fail() {
    echo "tshark-check: $*" >&2
    exit 1
}

command -v tshark >/dev/null 2>&1 || fail "tshark not found: install tshark"
[ -r "$pcap" ] || fail "cannot read $pcap"
[[ $port =~ ^[0-9]+$ ]] || fail "OF_TCP_PORT must be a number, not $port"

tshark_run() {
    # tshark warns on stderr when run as root; keep only real errors.
    tshark -n -r "$pcap" -d "tcp.port==$port,openflow" "$@" 2> >(
        grep -v '^Running as user "root"' >&2)
}

# Message counts per type, named after Wireshark's own value table.
names=$(tshark -G values 2>/dev/null | awk -F'\t' \
            '$1 == "V" && $2 == "openflow_v4.type" { print $3 "\t" $4 }')
types=$(tshark_run -Y openflow_v4 -T fields -e openflow_v4.type) \
    || fail "tshark could not read $pcap"
echo "OpenFlow 1.3 messages in $pcap (TCP port $port):"
# One frame may hold several messages: the field lists them with commas.
tr ',' '\n' <<<"$types" | awk -F'\t' -v names="$names" '
    BEGIN {
        n = split(names, lines, "\n")
        for (i = 1; i <= n; i++) {
            split(lines[i], kv, "\t")
            name[kv[1]] = kv[2]
        }
    }
    $1 != "" { count[$1]++; total++ }
    END {
        for (t = 0; t < 256; t++)
            if (t in count)
                printf "  %6d  %s\n", count[t], (t in name ? name[t] : "type " t)
        printf "  %6d  total\n", total
    }'

# Frames with a problem, one line each: number, then each counted expert
# message.  Expert items come as parallel lists of severities, groups and
# messages, joined with a control character that no message contains.
sep=$'\x1f'
warning=6291456             # PI_WARN; PI_ERROR is larger
sequence=33554432           # PI_SEQUENCE, the group of TCP's analysis
bad=$(tshark_run -Y "_ws.malformed || _ws.expert.severity >= \"Warning\"" \
          -T fields -E "aggregator=$sep" -e frame.number \
          -e _ws.expert.severity -e _ws.expert.group -e _ws.expert.message |
      awk -F'\t' -v sep="$sep" -v warning="$warning" -v sequence="$sequence" '
    {
        n = split($2, severity, sep)
        split($3, group, sep)
        split($4, message, sep)
        problems = ""
        for (i = 1; i <= n; i++) {
            if (severity[i] + 0 < warning)
                continue
            if (group[i] + 0 == sequence && message[i] !~ /not captured/)
                continue
            problems = problems " [" message[i] "]"
        }
        if (problems != "")
            print "  frame " $1 ":" problems
    }')

if [ -n "$bad" ]; then
    echo "tshark-check: $pcap: frames malformed or with expert warnings or errors:"
    echo "$bad"
    exit 1
fi
echo "tshark-check: $pcap: no malformed frame, no expert warning or error"
