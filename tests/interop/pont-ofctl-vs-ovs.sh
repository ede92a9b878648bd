#!/bin/bash
# pont-ofctl-vs-ovs.sh PONT_OFCTL WORKDIR
#
# pont-ofctl against a real Open vSwitch (ovs-switch.sh: ovs-vswitchd with
# the dummy datapath, bridge br0 with ports p1 and p2, OpenFlow 1.3 on
# 127.0.0.1).
#
# Phase 1, captured: pont-ofctl changes the switch (flows, flow files,
# bundles, groups, meters, ports, fragment handling, packet-out) and dumps
# its state; the switch's own tracer checks that the flows act as written.
# Phase 2: ovs-ofctl dumps the same state, and each dump must equal
# pont-ofctl's (durations and xids aside).  Phase 3: both tools monitor the
# switch while a packet comes in on p1 to a "controller" flow: both must
# print the same packet-in.  Phase 4, on the capture of phase 1:
#   (a) every message pont-ofctl sent prints the same with ovs-ofctl
#       ofp-print as with pont-ofctl ofp-print,
#   (b) every message Open vSwitch sent prints the same with both,
#   (c) tshark's OpenFlow dissector finds no malformed or suspect frame,
#   (d) python3-openflow decodes every message pont-ofctl sent.
#
# Writes only in WORKDIR; stops everything it started, also on failure.
# Ends with "N checks passed, N failed"; exit status 1 if any failed.
set -uo pipefail
ofctl=$(realpath "$1") work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
passed=0 failed=0
monitors=()

cleanup() {
    for pid in "${monitors[@]}"; do
        kill "$pid" 2>/dev/null
    done
    [ -f "$work/cap.pcapng.pid" ] \
        && bash "$here/capture.sh" stop "$work/cap.pcapng" >/dev/null 2>&1
    [ -f "$work/ovs/of-port" ] \
        && bash "$here/ovs-switch.sh" stop "$work/ovs" >/dev/null 2>&1
}
trap cleanup EXIT

ok() {
    passed=$((passed + 1))
    echo "ok: $*"
}

not_ok() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}

# Runs pont-ofctl; a failure is a failed check.
pont() {
    if "$ofctl" "$@" >"$work/out" 2>"$work/err"; then
        ok "pont-ofctl $*"
    else
        not_ok "pont-ofctl $* (exit $?): $(cat "$work/err")"
    fi
}

# Runs pont-ofctl expecting it to fail with a message matching PATTERN.
pont_fails() {
    local pattern=$1
    shift
    if "$ofctl" "$@" >"$work/out" 2>"$work/err"; then
        not_ok "pont-ofctl $* succeeded, but should have failed"
    elif grep -Eq -- "$pattern" "$work/err"; then
        ok "pont-ofctl $* fails: $(head -c 150 "$work/err")"
    else
        not_ok "pont-ofctl $*: wanted /$pattern/, got: $(cat "$work/err")"
    fi
}

# Normalizes what differs between two runs of a dump: transaction ids and
# durations.
normalize() {
    sed -E 's/\(xid=0x[0-9a-f]+\)/(xid=X)/g;
            s/duration(=|:)[0-9.]+s/duration\1Ds/g'
}

port=$(bash "$here/ovs-switch.sh" start "$work/ovs") || {
    echo "could not start Open vSwitch"
    echo "0 checks passed, 1 failed"
    exit 1
}
T=tcp:127.0.0.1:$port
trace() {
    ovs-appctl -t "$work/ovs/ovs-vswitchd.ctl" ofproto/trace br0 "$1" \
        | grep '^Datapath actions' | sed 's/^Datapath actions: //'
}
expect_trace() {
    local got
    got=$(trace "$1")
    [ "$got" = "$2" ] && ok "trace $1 -> $2" \
        || not_ok "trace $1: datapath actions '$got', want '$2'"
}

bash "$here/capture.sh" start "$work/cap.pcapng" "$port" >/dev/null

echo "== phase 1: pont-ofctl changes the switch"
pont add-flow "$T" "table=0,priority=100,ip,nw_dst=10.0.0.0/24,actions=output:2"
pont add-flow "$T" "priority=90,in_port=1,dl_vlan=10,actions=pop_vlan,output:2"
pont add-flow "$T" "priority=80,tcp,tp_dst=80,actions=set_field:8080->tcp_dst,goto_table:1"
pont add-flow "$T" "table=1,priority=1,actions=output:2"
pont add-flow "$T" "priority=5,arp,actions=FLOOD"
cat >"$work/flows.txt" <<'EOF'
# A flow file: additions, a modification, a deletion.
priority=60,udp,tp_dst=53,actions=output:2
add priority=61,udp,tp_dst=54,actions=drop
modify udp,tp_dst=54,actions=output:1
delete_strict priority=61,udp,tp_dst=54
EOF
pont add-flows "$T" "$work/flows.txt"
pont mod-flows "$T" "arp,actions=drop"
pont --strict del-flows "$T" "priority=5,arp"
# Trace flows name their protocol first, as ofproto/trace requires.
expect_trace "tcp,in_port=1,nw_dst=10.0.0.5,tcp_dst=80" "2"
expect_trace "tcp,in_port=1,nw_dst=192.168.0.1,tcp_dst=80" \
    "set(tcp(dst=8080)),2"
expect_trace "udp,in_port=1,nw_dst=192.168.0.1,udp_dst=53" "2"
expect_trace "arp,in_port=1" "drop"

cat >"$work/bundle.txt" <<'EOF'
flow add priority=40,icmp,actions=output:2
group add group_id=9,type=all,bucket=output:1,bucket=output:2
flow add priority=41,icmp6,actions=group:9
EOF
pont bundle "$T" "$work/bundle.txt"
# Output to the input port is dropped, as OpenFlow requires.
expect_trace "icmp6,in_port=1" "2"
# An atomic bundle with one bad flow changes nothing.
cat >"$work/bad-bundle.txt" <<'EOF'
flow add priority=30,udp,tp_dst=99,actions=output:2
flow add priority=31,udp,tp_dst=98,actions=group:77
EOF
pont_fails 'OFPBFC_MSG_FAILED|OFPGMFC|OFPBAC_BAD_OUT_GROUP' \
    bundle "$T" "$work/bad-bundle.txt"
expect_trace "udp,in_port=1,nw_dst=192.168.0.1,udp_dst=99" "drop"
pont --bundle add-flow "$T" "priority=20,sctp,actions=output:2"

pont add-group "$T" "group_id=1,type=select,bucket=weight:10,output:1,bucket=weight:20,output:2"
pont add-group "$T" "group_id=2,type=ff,bucket=watch_port:1,output:1,bucket=watch_port:2,output:2"
pont add-group "$T" "group_id=3,type=indirect,bucket=output:2"
pont del-groups "$T" "group_id=3"
pont add-meter "$T" "meter=1,kbps,burst,stats,band=type=drop,rate=1000,burst_size=100"
pont add-meter "$T" "meter=2,pktps,band=type=drop,rate=500"
pont add-flow "$T" "priority=70,in_port=2,udp,actions=meter:1,output:1"

pont mod-port "$T" p1 down
pont mod-port "$T" 1 up
pont set-frags "$T" drop
pont get-frags "$T"
[ "$(cat "$work/out")" = drop ] && ok "get-frags prints drop" \
    || not_ok "get-frags printed '$(cat "$work/out")', want drop"
pont set-frags "$T" normal

before=$("$ofctl" dump-ports "$T" 2 | grep -o 'tx pkts=[0-9]*')
pont packet-out "$T" "in_port=CONTROLLER packet=ffffffffffff000000000001080600010800060400010000000000010a0000010000000000000a000002 actions=output:2"
after=$("$ofctl" dump-ports "$T" 2 | grep -o 'tx pkts=[0-9]*')
[ "${before#tx pkts=}" -lt "${after#tx pkts=}" ] \
    && ok "packet-out sent a packet out of port 2 ($before -> $after)" \
    || not_ok "packet-out: port 2 $before -> $after"

pont_fails 'OFPBAC_BAD_OUT_GROUP' add-flow "$T" "priority=1,actions=group:99"
pont_fails 'OFPMMFC' add-meter "$T" "meter=2,kbps,band=type=drop,rate=10"
pont_fails 'invalid|unknown' add-flow "$T" "table=300,actions=drop"
pont_fails 'requires a match on' add-flow "$T" "tp_dst=80,actions=drop"
pont show "unix:$work/ovs/br0.mgmt"

dumps=("dump-flows" "dump-flows ip" "dump-aggregate" "dump-ports"
       "dump-ports-desc" "dump-tables" "dump-desc" "show" "dump-groups"
       "dump-group-stats" "dump-group-features" "dump-meters" "meter-stats"
       "meter-features" "queue-stats" "get-frags")
for i in "${!dumps[@]}"; do
    read -r -a cmd <<<"${dumps[$i]}"
    "$ofctl" "${cmd[0]}" "$T" "${cmd[@]:1}" 2>&1 | normalize >"$work/pont.$i"
done
bash "$here/capture.sh" stop "$work/cap.pcapng" >/dev/null

echo "== phase 2: each dump equals ovs-ofctl's"
for i in "${!dumps[@]}"; do
    read -r -a cmd <<<"${dumps[$i]}"
    ovs-ofctl -O OpenFlow13 "${cmd[0]}" "$T" "${cmd[@]:1}" 2>&1 | normalize \
        >"$work/ovs.$i"
    if cmp -s "$work/pont.$i" "$work/ovs.$i"; then
        ok "${dumps[$i]}: identical ($(wc -l <"$work/ovs.$i") lines)"
    else
        not_ok "${dumps[$i]} differs:"
        diff "$work/pont.$i" "$work/ovs.$i" | head -n 10
    fi
done

echo "== phase 3: both tools print the same packet-in"
# With a miss length, each monitor sends SET_CONFIG, without which Open
# vSwitch sends no packet-in to a connection on its passive listener.
"$ofctl" monitor "$T" 65535 >"$work/pont.monitor" 2>&1 &
monitors+=($!)
OVS_RUNDIR=$work/ovs ovs-ofctl -O OpenFlow13 monitor "$T" 65535 \
    >"$work/ovs.monitor" 2>&1 &
monitors+=($!)
sleep 1
pont add-flow "$T" "priority=200,in_port=1,udp,tp_dst=7,actions=controller"
ovs-appctl -t "$work/ovs/ovs-vswitchd.ctl" netdev-dummy/receive p1 \
    'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=5,dst=7)'
sleep 1
kill "${monitors[@]}" 2>/dev/null
wait "${monitors[@]}" 2>/dev/null
monitors=()
# ovs-ofctl asks for Open vSwitch's own packet-in message (NXT_PACKET_IN2);
# its text is the same as that of the standard one after the name.  Open
# vSwitch's log lines ("2026-...|fatal_signal|WARN|...") are not output.
extract_packet_in() {
    grep -Ev '^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*\|' "$1" \
        | sed 's/^NXT_PACKET_IN2/OFPT_PACKET_IN/' \
        | awk '/^OFPT_PACKET_IN/ {p = 1} /^(OFPT|NXT)_/ && !/PACKET_IN/ {p = 0}
               p' | normalize
}
extract_packet_in "$work/pont.monitor" >"$work/pont.pin"
extract_packet_in "$work/ovs.monitor" >"$work/ovs.pin"
if [ -s "$work/ovs.pin" ] && cmp -s "$work/pont.pin" "$work/ovs.pin"; then
    ok "monitor: identical packet-in ($(head -n 1 "$work/pont.pin" | cut -c1-60)...)"
else
    not_ok "monitor: packet-ins differ or missing"
    diff "$work/pont.pin" "$work/ovs.pin" | head -n 10
fi

echo "== phase 4: the captured messages"
"/usr/bin/python3" "$here/pcap-ofp-messages.py" "$work/cap.pcapng" "$port" \
    "$work"
if bash "$here/ofp-print-vs-ovs.sh" "$ofctl ofp-print" "$work/to-switch.hex" \
        >"$work/a.log" 2>&1; then
    ok "(a) $(tail -n 1 "$work/a.log"): pont-ofctl's messages, ofp-print"
else
    not_ok "(a) pont-ofctl's messages print differently:"
    grep -A8 -- '^---' "$work/a.log" | head -n 20
fi
if bash "$here/ofp-print-vs-ovs.sh" "$ofctl ofp-print" \
        "$work/from-switch.hex" >"$work/b.log" 2>&1; then
    ok "(b) $(tail -n 1 "$work/b.log"): Open vSwitch's messages, ofp-print"
else
    not_ok "(b) Open vSwitch's messages print differently:"
    grep -A8 -- '^---' "$work/b.log" | head -n 20
fi
if bash "$here/tshark-check.sh" "$work/cap.pcapng" "$port" >"$work/c.log" 2>&1
then
    ok "(c) tshark: $(tail -n 1 "$work/c.log")"
else
    not_ok "(c) tshark found problems:"
    tail -n 20 "$work/c.log"
fi
if /usr/bin/python3 "$here/pyof-decode.py" "$work/to-switch.hex" \
        >"$work/d.log" 2>&1; then
    ok "(d) python3-openflow: $(grep -c '^ok' "$work/d.log") decoded, $(grep -c '^unsupported' "$work/d.log") unsupported by pyof"
else
    not_ok "(d) python3-openflow could not decode:"
    grep -v '^ok' "$work/d.log" | head -n 20
fi

echo "$passed checks passed, $failed failed"
[ "$failed" = 0 ]
