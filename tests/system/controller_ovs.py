#!/usr/bin/python3
"""Interop: pont-controller driving Open vSwitch hosts next to a Pont host
(see multihost.py), in the two-tenant scenario of controller_hosts.py.
h1 is Pont (pont-vswitchd, DPDK datapath); h2 and h3 are Open vSwitch
(ovs-vswitchd, userspace netdev datapath, native VXLAN tunnelling; see
multihost.OvsHost), declared with `pontctl host add` since they cannot
register themselves, and binding their ports by OpenFlow port name.

acme has a1 (h1, .11), a2 (h2, .12), a3 (h3, .13); globex has g1 (h1,
.11) and g3 (h3, .12): 10.0.1.0/24 in both tenants.

1. The declared hosts connect, and every port binds (Pont's by iface-id,
   Open vSwitch's by port name); Open vSwitch holds the compiled flows.
2. Same-tenant pings both ways between Pont and Open vSwitch, and between
   the two Open vSwitch hosts; globex's .12 is g3, not acme's a2.
3. Nobody reaches another tenant, across hosts or on one Open vSwitch
   host (g3 and a3 share h3); checked with tcpdump in the guests.
4. TCP: 1 MiB each way between Pont and Open vSwitch, digests checked.
5. VXLAN between Pont and Open vSwitch decodes on the underlay, both
   directions, with each tenant's VNI.
6. A port added on an Open vSwitch host is reachable at once; moved to
   the Pont host (migration), it is reachable there.
7. A VLAN network (a third tenant, same subnet) between Pont and Open
   vSwitch: pings both ways, tagged on the underlay, isolated from acme.
8. kill -9 of the controller under ping floods loses no ping, and no
   host's flows are touched (Open vSwitch's dumps compare equal to what
   the controller wants, so it sends nothing on reconnection).

Usage: controller_ovs.py BUILD_DIR.  Needs root.  TAP."""

import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import controller_hosts as ch  # noqa: E402
import dpdklib  # noqa: E402
import multihost  # noqa: E402
import pontdpdk  # noqa: E402
from controller_hosts import check, packets  # noqa: E402

GUESTS = multihost.GUESTS  # name: (tenant, host, MAC, IP)
KINDS = {1: "pont", 2: "ovs", 3: "ovs"}


def ovs_hosts(b):
    return [h for h in b.hosts.values() if h.kind == "ovs"]


def case_declared_hosts_connect_and_ports_bind(b):
    b.wait_bound(list(GUESTS))
    hosts = {h["name"]: h for h in b.hosts_json()}
    for i, kind in KINDS.items():
        h = hosts.get("h%d" % i)
        check(h and h["connected"], "host h%d: %s" % (i, h))
        check(h["tunnel_ip"] == multihost.TUNNEL_NET % i,
              "host h%d's tunnel IP: %s" % (i, h))
        check(bool(h.get("declared")) == (kind == "ovs"),
              "host h%d (%s) declared: %s" % (i, kind, h))
    where = b.where()
    for name, (tenant, i, _, _) in GUESTS.items():
        check(where.get(name) == "h%d" % i, "%s is bound to %s, not h%d"
              % (name, where.get(name), i))
    for h in ovs_hosts(b):
        want = b.pontctl("flows", "h%d" % h.index).stdout
        got = [l for l in h.sw.ofctl("dump-flows").stdout.splitlines()
               if "cookie=" in l]
        check(got and len(got) == sum("actions=" in l
                                      for l in want.splitlines()),
              "h%d holds %d flows; the controller wants:\n%s"
              % (h.index, len(got), want))


def case_same_tenant_reaches_between_pont_and_ovs(b):
    g = b.guests
    pairs = (("a1", "a2"), ("a2", "a1"), ("a1", "a3"), ("a3", "a1"),
             ("a2", "a3"), ("a3", "a2"), ("g1", "g3"), ("g3", "g1"))
    for src, dst in pairs:
        got = g[src].ping(GUESTS[dst][3], count=3)
        check(got == 3, "%s -> %s: %d of 3 pings answered" % (src, dst, got))
    dump, pcap = b.tcpdump("a2")
    got = g["g1"].ping("10.0.1.12", count=3)
    b.procs.stop(dump)
    check(got == 3, "g1 -> 10.0.1.12 (g3): %d of 3" % got)
    seen = packets(pcap, "icmp")
    check(not seen, "acme's a2 saw globex's pings: %s" % seen[:3])


def case_tenants_cannot_reach_each_other(b):
    a3_dump, a3_pcap = b.tcpdump("a3")
    g3_dump, g3_pcap = b.tcpdump("g3")
    across = b.guests["g1"].ping("10.0.1.13", count=3)
    same_host = b.guests["g3"].ping("10.0.1.13", count=3)
    ok = b.guests["a1"].ping("10.0.1.13", count=3)
    time.sleep(1)
    b.procs.stop(a3_dump)
    b.procs.stop(g3_dump)
    check(across == 0, "globex's g1 (h1) reached 10.0.1.13: %d" % across)
    check(same_host == 0, "globex's g3 reached 10.0.1.13 on its own host "
          "h3: %d replies" % same_host)
    check(ok == 3, "a1 -> 10.0.1.13 (a3): %d of 3" % ok)
    # The captures work: a3's holds a1's pings.
    seen = packets(a3_pcap, "icmp", "and", "ether", "src", GUESTS["a1"][2])
    check(len(seen) >= 3, "a3's capture holds %d of a1's pings" % len(seen))
    for src in ("g1", "g3"):
        seen = packets(a3_pcap, "ether", "src", GUESTS[src][2])
        check(not seen, "acme's a3 saw frames of globex's %s: %s"
              % (src, seen[:3]))
    seen = packets(g3_pcap, "ether", "src", GUESTS["a1"][2])
    check(not seen, "globex's g3 saw frames of acme's a1: %s" % seen[:3])


def tcp_stream(b, client, server):
    srv = b.procs.start(["ip", "netns", "exec", b.guests[server].ns.name,
                         "/usr/bin/python3", "-c", ch.TCP_SERVER],
                        log=os.path.join(b.dir, "tcp-%s.log" % server))
    time.sleep(1)
    out = b.guests[client].ns.run("/usr/bin/python3", "-c", ch.TCP_CLIENT,
                                  GUESTS[server][3])
    srv.wait(timeout=30)
    check(out.strip() == "True", "1 MiB from %s to %s: digest %r"
          % (client, server, out))


def case_tcp_stream_between_pont_and_ovs(b):
    tcp_stream(b, "a1", "a3")  # Pont to Open vSwitch.
    tcp_stream(b, "a2", "a1")  # Open vSwitch to Pont.


def vxlan_flows(wire):
    """(outer source, outer destination, VNI) of the ICMP in VXLAN that
    the capture 'wire' holds."""
    out = subprocess.run(["tshark", "-r", wire, "-Y", "vxlan && icmp", "-T",
                          "fields", "-e", "ip.src", "-e", "ip.dst", "-e",
                          "vxlan.vni"], capture_output=True, text=True).stdout
    flows = set()
    for line in out.splitlines():
        f = line.split("\t")
        # The outer and the inner IP header: the first of each list.
        flows.add((f[0].split(",")[0], f[1].split(",")[0], f[2]))
    return flows


def case_vxlan_decodes_between_pont_and_ovs(b):
    nets = {n["tenant"]: n["segment"].split(":")[1] for n in json.loads(
        b.pontctl("--json", "network", "list").stdout)}
    dumps = []
    for i in (2, 3):
        wire = os.path.join(b.dir, "underlay-h%d.pcap" % i)
        dumps.append((i, wire, b.procs.start(
            ["ip", "netns", "exec", b.underlay.ns.name, "tshark", "-q", "-i",
             b.hosts[i].underlay_dev, "-w", wire, "-f", "udp port 4789"],
            log=wire + ".log")))
    for _, wire, _ in dumps:
        dpdklib.wait_for(lambda: os.path.exists(wire), "tshark to start")
    time.sleep(1)
    b.guests["a1"].ping("10.0.1.12", count=2)
    b.guests["g1"].ping("10.0.1.12", count=2)
    time.sleep(1)
    for _, _, p in dumps:
        b.procs.stop(p)
    pont = multihost.TUNNEL_NET % 1
    want = {2: nets["acme"], 3: nets["globex"]}
    for i, wire, _ in dumps:
        ovs = multihost.TUNNEL_NET % i
        got = vxlan_flows(wire)
        for flow in ((pont, ovs, want[i]), (ovs, pont, want[i])):
            check(flow in got, "h%d's uplink: no ICMP in VXLAN %s -> %s "
                  "VNI %s; seen %s" % (i, flow[0], flow[1], flow[2],
                                       sorted(got)))


def case_new_and_moved_ports_are_reachable(b):
    # a4 appears on the Open vSwitch host h2, then moves to Pont's h1.
    GUESTS["a4"] = ("acme", 2, "52:54:00:0a:00:04", "10.0.1.14")
    b.define("a4")
    b.add_guest("a4")
    b.wait_bound(["a4"])
    start = time.time()
    got = 0
    while not got and time.time() - start < 10:
        got = b.guests["a1"].ping("10.0.1.14", count=1)
    check(got, "a1 (Pont) never reached the new port a4 on h2 (OVS)")
    b.hosts[2].unplug_guest("a4")
    b.guests.pop("a4").close()
    b.add_guest("a4", host=1)
    start = time.time()
    got = 0
    while not got and time.time() - start < 15:
        got = b.guests["a3"].ping("10.0.1.14", count=1)
    check(got, "a3 (OVS) did not reach a4 on its new host h1 (Pont)")
    where = b.where()
    check(where.get("a4") == "h1", "a4 is bound to %s, not h1"
          % where.get("a4"))


def case_vlan_network_between_pont_and_ovs(b):
    # A third tenant on VLAN 100 of the hosts' uplinks (Pont's eth1; on
    # Open vSwitch, br-int's patch port to br-phy), in the same subnet.
    b.pontctl("tenant", "add", "initech")
    b.pontctl("network", "add", "initech/net", "--cidr", "10.0.1.0/24",
              "--vlan", "100")
    GUESTS["v1"] = ("initech", 1, "52:54:00:0c:00:01", "10.0.1.21")
    GUESTS["v2"] = ("initech", 2, "52:54:00:0c:00:02", "10.0.1.22")
    for name in ("v1", "v2"):
        b.define(name)
        b.add_guest(name)
    b.wait_bound(["v1", "v2"])
    wire = os.path.join(b.dir, "underlay-vlan.pcap")
    dump = b.procs.start(["ip", "netns", "exec", b.underlay.ns.name,
                          "tcpdump", "-n", "-U", "--immediate-mode", "-i",
                          b.hosts[2].underlay_dev, "-w", wire],
                         log=wire + ".log")
    # No capture filter: "vlan 100" misses the frames whose tag the veth
    # carries out of band; in the file, every tag is in the frame.
    time.sleep(1)
    there = b.guests["v1"].ping("10.0.1.22", count=3)
    back = b.guests["v2"].ping("10.0.1.21", count=3)
    time.sleep(1)
    b.procs.stop(dump)
    check(there == 3 and back == 3, "v1 (Pont) <-> v2 (OVS) on VLAN 100: "
          "%d and %d of 3" % (there, back))
    seen = packets(wire, "vlan", "100", "and", "icmp")
    check(len(seen) >= 12, "h2's uplink: %d ICMP packets tagged 100"
          % len(seen))
    dump, pcap = b.tcpdump("a2")
    got = b.guests["v1"].ping("10.0.1.12", count=3)
    time.sleep(1)
    b.procs.stop(dump)
    check(got == 0, "initech's v1 reached 10.0.1.12: %d replies" % got)
    seen = packets(pcap, "ether", "src", GUESTS["v1"][2])
    check(not seen, "acme's a2 saw frames of initech's v1: %s" % seen[:3])


def case_controller_restart_loses_nothing(b):
    before = {i: ch.flow_table(h) for i, h in b.hosts.items()}
    pingers = []
    for src, dst in (("a1", "10.0.1.13"), ("a2", "10.0.1.13")):
        log = os.path.join(b.dir, "restart-%s.log" % src)
        pingers.append((log, b.procs.start(
            ["ip", "netns", "exec", b.guests[src].ns.name, "ping", "-n",
             "-q", "-c", "80", "-i", "0.1", dst], log=log)))
    time.sleep(1)
    b.controller.send_signal(signal.SIGKILL)
    b.controller.wait()
    time.sleep(2)
    b.start_controller()
    for log, p in pingers:
        p.wait(timeout=60)
        with open(log) as f:
            summary = f.read()
        check(" 0% packet loss" in summary, "pings across the restart: %s"
              % summary.strip().splitlines()[-2:])
    b.wait_bound(list(GUESTS))
    time.sleep(2)
    for i, h in b.hosts.items():
        after = ch.flow_table(h)
        check(set(after) == set(before[i]),
              "host h%d's flows changed across the restart:\n  only before:"
              " %s\n  only after: %s" % (i, set(before[i]) - set(after),
                                        set(after) - set(before[i])))
        renewed = [k for k in after if after[k] < before[i][k]]
        check(not renewed, "host h%d: %d flows were re-added: %s"
              % (i, len(renewed), renewed[:3]))


CASES = [case_declared_hosts_connect_and_ports_bind,
         case_same_tenant_reaches_between_pont_and_ovs,
         case_tenants_cannot_reach_each_other,
         case_tcp_stream_between_pont_and_ovs,
         case_vxlan_decodes_between_pont_and_ovs,
         case_new_and_moved_ports_are_reachable,
         case_vlan_network_between_pont_and_ovs,
         case_controller_restart_loses_nothing]


def ovs_state(b):
    """Open vSwitch's side of a failure, as TAP comments."""
    for h in ovs_hosts(b):
        for what, run in (("dump-flows", lambda: h.sw.ofctl(
                "dump-flows", check=False)),
                          ("dump-groups", lambda: h.sw.ofctl(
                              "dump-groups", check=False)),
                          ("tnl/neigh/show", lambda: h.sw.appctl(
                              "tnl/neigh/show", check=False)),
                          ("ovs/route/show", lambda: h.sw.appctl(
                              "ovs/route/show", check=False)),
                          ("dpctl/dump-flows", lambda: h.sw.appctl(
                              "dpctl/dump-flows", check=False))):
            print("# h%d %s:" % (h.index, what))
            for line in run().stdout.splitlines():
                print("#   " + line)


def run_case(b, case):
    try:
        case(b)
    except Exception:
        ovs_state(b)
        raise


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-ctlovs-")
    with run:
        underlay = run.cleanup(multihost.Underlay())
        with dpdklib.Hugepages(512) as huge, dpdklib.Procs() as procs:
            fabric = run.cleanup(multihost.Fabric(build, huge, procs,
                                                  underlay, run.dir))
            fabric.build_two_tenants(KINDS)
            run.run(lambda case: run_case(fabric, case), fabric.hosts[1].sw)
            for h in fabric.hosts.values():
                h.stop()
    return run.status


if __name__ == "__main__":
    sys.exit(main())
