#!/bin/bash
# Pont's main job: pont-controller and three Pont hosts (network namespaces
# with their own pont-vswitchd on the DPDK datapath, VXLAN between them),
# two tenants with the same subnet defined through pontctl, and a ping
# between every pair of guests: each reaches its own tenant's guests on
# every host and nobody else's (scripts/demo_controller.py).  Then: start
# pont-vswitchd on the DPDK datapath with two DPDK
# virtio_user guests on vhost-user ports, program it with Open vSwitch's
# ovs-ofctl, move traffic and show what happened (scripts/demo_dpdk.py);
# then the same on the in-process dummy datapath with groups and meters;
# then decode a sample capture into flow keys as Open vSwitch does, and
# program a real Open vSwitch with pont-ofctl.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/pont-demo.XXXXXX)
trap 'rm -rf "$out"' EXIT
if ! scripts/setup.sh >"$out/setup.log"; then
    cat "$out/setup.log"
    exit 1
fi
echo "== pont-controller: three hosts, two tenants with the same subnet"
if [ "$(id -u)" = 0 ]; then
    /usr/bin/python3 scripts/demo_controller.py build
else
    echo "(skipped: the hosts need root for namespaces and hugepages)"
fi
echo

echo "== pont-vswitchd on the DPDK datapath: two guests over vhost-user"
if [ "$(id -u)" = 0 ]; then
    /usr/bin/python3 scripts/demo_dpdk.py build
else
    echo "(skipped: the DPDK datapath needs root for hugepages)"
fi
echo

echo "== pont-vswitchd: a bridge with three ports, programmed by ovs-ofctl"
sw_dir=$out/sw
mkdir -p "$sw_dir"
build/vswitchd/pont-vswitchd --detach --config "$sw_dir/vswitchd.json" \
    --ctl "$sw_dir/ctl" --pidfile="$sw_dir/pid" --log-file="$sw_dir/log"
stop_switch() {
    local pid
    pid=$(cat "$sw_dir/pid" 2>/dev/null) || return 0
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pont-vswitchd ] \
        && kill "$pid" 2>/dev/null
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
}
trap 'stop_switch; rm -rf "$out"' EXIT
vsctl() { build/utilities/pont-vsctl --ctl "$sw_dir/ctl" "$@"; }
vsctl add-br br0 datapath=dummy
for n in 1 2 3; do
    vsctl add-port br0 "p$n" type=dummy "sock=$sw_dir/p$n.sock" "ofport=$n"
done
vsctl set-listener br0 "punix:$sw_dir/br0.mgmt"
of() { ovs-ofctl -O OpenFlow13 "$1" "unix:$sw_dir/br0.mgmt" "${@:2}"; }
of add-group group_id=1,type=all,bucket=output:2,bucket=output:3
of add-meter meter=1,pktps,burst,band=type=drop,rate=100,burst_size=20
of add-flows - <<'FLOWS'
priority=100,in_port=1,ip,nw_dst=10.0.0.2,actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:2
priority=100,in_port=2,dl_vlan=100,actions=pop_vlan,output:1
priority=100,in_port=1,ip,nw_dst=10.0.0.3,actions=group:1
priority=100,in_port=1,ip,nw_dst=10.0.0.4,actions=meter:1,output:3
FLOWS
vsctl show
/usr/bin/python3 scripts/demo_traffic.py "$sw_dir"
echo "-- ovs-ofctl dump-flows (counters moved):"
of dump-flows | sed 's/ duration=[^,]*,//'
echo "-- ovs-ofctl dump-group-stats and meter-stats:"
of dump-group-stats | tail -n +2
of meter-stats | tail -n +2
echo "-- pont-vsctl dump-dp-flows br0 (the datapath's megaflows):"
vsctl dump-dp-flows br0
echo "-- pont-vsctl trace br0 in_port=1,udp,nw_dst=10.0.0.2:"
vsctl trace br0 in_port=1,udp,nw_dst=10.0.0.2
stop_switch
echo

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

echo
echo "== pont-ofctl programs a real Open vSwitch (private instance, dummy datapath)"
ovs=$out/ovs
port=$(bash tests/interop/ovs-switch.sh start "$ovs")
trap 'bash tests/interop/ovs-switch.sh stop "$ovs" >/dev/null 2>&1; stop_switch; rm -rf "$out"' EXIT
sw=tcp:127.0.0.1:$port
ofctl=build/utilities/pont-ofctl
$ofctl add-flow "$sw" "priority=100,in_port=1,ip,nw_dst=10.0.0.0/24,actions=set_field:00:00:5e:00:00:02->eth_dst,output:2"
$ofctl add-flow "$sw" "priority=50,in_port=1,udp,tp_dst=7,actions=controller"
$ofctl add-group "$sw" "group_id=1,type=all,bucket=output:1,bucket=output:2"
$ofctl add-meter "$sw" "meter=1,kbps,burst,band=type=drop,rate=10000,burst_size=1000"
$ofctl monitor "$sw" 65535 >"$out/monitor.txt" 2>&1 &
monitor=$!
sleep 0.5
receive() {
    ovs-appctl -t "$ovs/ovs-vswitchd.ctl" netdev-dummy/receive p1 "$1"
}
echo "-- two packets arrive on port 1: one to 10.0.0.9, one UDP to port 7"
receive 'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:ff),eth_type(0x0800),ipv4(src=10.0.1.1,dst=10.0.0.9,proto=6,tos=0,ttl=64,frag=no),tcp(src=1000,dst=80)'
receive 'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:ff),eth_type(0x0800),ipv4(src=10.0.1.1,dst=192.168.0.1,proto=17,tos=0,ttl=64,frag=no),udp(src=1000,dst=7)'
sleep 0.5
kill $monitor
wait $monitor 2>/dev/null || true
echo "-- pont-ofctl dump-flows (counters moved):"
$ofctl dump-flows "$sw"
echo "-- the packet-in pont-ofctl monitor received:"
grep -v '|' "$out/monitor.txt"
echo "-- pont-ofctl dump-ports 2 (the first packet went out there):"
$ofctl dump-ports "$sw" 2
echo "-- pont-ofctl dump-groups and dump-meters:"
$ofctl dump-groups "$sw"
$ofctl dump-meters "$sw"
