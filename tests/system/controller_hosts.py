#!/usr/bin/python3
"""pont-controller driving three Pont hosts (see multihost.py): each host a
network namespace with its own pont-vswitchd on the DPDK datapath, VXLAN
between them over an underlay bridge, and Linux guests (namespaces with a
real IP stack) on af_packet ports.  The controller runs in the underlay
namespace; everything is defined through pontctl.

Two tenants with the same subnet 10.0.1.0/24 and the same addresses:
acme has a1 (h1, .11), a2 (h2, .12), a3 (h3, .13); globex has g1 (h1,
.11) and g3 (h3, .12).

1. The hosts register themselves and their ports bind, with no datapath
   id typed anywhere.
2. Every acme pair pings across hosts; globex's pair too, and its .12 is
   g3, not acme's a2 (tcpdump in a2 sees none of it).
3. Nobody reaches another tenant: g1 pings acme's .13 in vain, and a3's
   tcpdump sees nothing from g1.
4. TCP: a1 sends 1 MiB to a3 and gets its digest back.
5. VXLAN on the underlay decodes in tshark with both tenants' VNIs.
6. A port added through the API is reachable at once; a port that moves
   to another host (migration) is reachable at its new place.
7. kill -9 of the controller under a ping flood loses no ping, and the
   switches' flows are not touched (same cookies, durations go on).

Usage: controller_hosts.py BUILD_DIR.  Needs root.  TAP."""

import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import multihost  # noqa: E402
import pontdpdk  # noqa: E402

GUESTS = multihost.GUESTS  # name: (tenant, host, MAC, IP)


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def packets(pcap, *filters):
    """tcpdump's one-line decodes of the packets of 'pcap' matching the
    tcpdump filter."""
    r = subprocess.run(["tcpdump", "-n", "-r", pcap] + list(filters),
                       capture_output=True, text=True)
    return [l for l in r.stdout.splitlines() if l.strip()]


def case_hosts_register_and_ports_bind(b):
    b.wait_bound(list(GUESTS))
    hosts = {h["name"]: h for h in b.hosts_json()}
    for i in (1, 2, 3):
        h = hosts.get("h%d" % i)
        check(h and h["connected"], "host h%d: %s" % (i, h))
        check(h["tunnel_ip"] == multihost.TUNNEL_NET % i,
              "host h%d's tunnel IP: %s" % (i, h))


def case_same_tenant_reaches_across_hosts(b):
    g = b.guests
    for src, dst in (("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("g1", "g3")):
        got = g[src].ping(GUESTS[dst][3], count=3)
        check(got == 3, "%s -> %s: %d of 3 pings answered" % (src, dst, got))
    dump, pcap = b.tcpdump("a2")
    got = g["g1"].ping("10.0.1.12", count=3)
    b.procs.stop(dump)
    check(got == 3, "g1 -> 10.0.1.12 (g3): %d of 3" % got)
    seen = packets(pcap, "icmp")
    check(not seen, "acme's a2 saw globex's pings: %s" % seen[:3])


def case_tenants_cannot_reach_each_other(b):
    dump, pcap = b.tcpdump("a3")
    got = b.guests["g1"].ping("10.0.1.13", count=3)
    time.sleep(1)
    b.procs.stop(dump)
    check(got == 0, "globex's g1 reached 10.0.1.13 (%d replies)" % got)
    seen = packets(pcap, "ether", "src", GUESTS["g1"][2])
    check(not seen, "acme's a3 saw frames of globex's g1: %s" % seen[:3])


TCP_SERVER = """
import hashlib, socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 5001)); s.listen(1); s.settimeout(30)
c, _ = s.accept(); h = hashlib.md5(); n = 0
while n < 1 << 20:
    d = c.recv(65536)
    if not d: break
    h.update(d); n += len(d)
c.sendall(h.hexdigest().encode()); c.close()
"""

TCP_CLIENT = """
import hashlib, os, socket, sys
data = os.urandom(1 << 20)
c = socket.create_connection((sys.argv[1], 5001), timeout=30)
c.sendall(data)
got = c.recv(64).decode()
print(got == hashlib.md5(data).hexdigest())
"""


def case_tcp_stream_across_hosts(b):
    server = b.procs.start(["ip", "netns", "exec", b.guests["a3"].ns.name,
                            "/usr/bin/python3", "-c", TCP_SERVER],
                           log=os.path.join(b.dir, "tcp-server.log"))
    time.sleep(1)
    out = b.guests["a1"].ns.run("/usr/bin/python3", "-c", TCP_CLIENT,
                                GUESTS["a3"][3])
    server.wait(timeout=30)
    check(out.strip() == "True", "1 MiB from a1 to a3: digest %r" % out)


def case_vxlan_decodes_on_the_underlay(b):
    wire = os.path.join(b.dir, "underlay.pcap")
    dump = b.procs.start(["ip", "netns", "exec", b.underlay.ns.name,
                          "tshark", "-q", "-i", b.hosts[1].underlay_dev,
                          "-w", wire, "-f", "udp port 4789"],
                         log=wire + ".log")
    dpdklib.wait_for(lambda: os.path.exists(wire), "tshark to start")
    b.guests["a1"].ping("10.0.1.12", count=2)
    b.guests["g1"].ping("10.0.1.12", count=2)
    time.sleep(1)
    b.procs.stop(dump)
    vnis = subprocess.run(["tshark", "-r", wire, "-Y", "vxlan && icmp",
                           "-T", "fields", "-e", "vxlan.vni"],
                          capture_output=True, text=True).stdout.split()
    nets = {n["tenant"]: n for n in json.loads(
        b.pontctl("--json", "network", "list").stdout)}
    want = {str(nets[t]["segment"].split(":")[1]) for t in ("acme", "globex")}
    check(want <= set(vnis), "VNIs on the wire %s, want %s"
          % (sorted(set(vnis)), sorted(want)))


def case_new_and_moved_ports_are_reachable(b):
    # a4 appears on h2: defined through the API, then plugged.
    GUESTS["a4"] = ("acme", 2, "52:54:00:0a:00:04", "10.0.1.14")
    b.define("a4")
    b.add_guest("a4")
    start = time.time()
    b.wait_bound(["a4"])
    got = 0
    while not got and time.time() - start < 10:
        got = b.guests["a1"].ping("10.0.1.14", count=1)
    check(got, "a1 never reached the new port a4")
    # a4 moves to h3: unplugged from h2, plugged into h3 (same iface-id).
    b.hosts[2].sw.vsctl("del-port", "br-int", "a4")
    b.guests.pop("a4").close()
    b.add_guest("a4", host=3)
    start = time.time()
    got = 0
    while not got and time.time() - start < 15:
        got = b.guests["a1"].ping("10.0.1.14", count=1)
    check(got, "a1 did not reach a4 on its new host h3")
    where = b.where()
    check(where.get("a4") == "h3", "a4 is bound to %s, not h3"
          % where.get("a4"))
    # a5 is plugged on h1 first and defined through the API afterwards.
    GUESTS["a5"] = ("acme", 1, "52:54:00:0a:00:05", "10.0.1.15")
    b.add_guest("a5")
    time.sleep(2)
    b.define("a5")
    b.wait_bound(["a5"], timeout=10)
    start = time.time()
    got = 0
    while not got and time.time() - start < 10:
        got = b.guests["a2"].ping("10.0.1.15", count=1)
    check(got, "a2 did not reach a5, plugged before it was defined")


def flow_table(h):
    """cookie, table, priority, match -> duration (s), of host 'h'."""
    out = {}
    for line in h.sw.ofctl("dump-flows").stdout.splitlines():
        m = re.search(r"cookie=(\S+), duration=([\d.]+)s, table=(\d+), .*"
                      r"priority=(\d+),?(\S*) actions=", line)
        if m:
            out[(m.group(1), m.group(3), m.group(4), m.group(5))] = float(
                m.group(2))
    return out


def case_controller_restart_loses_nothing(b):
    before = {i: flow_table(h) for i, h in b.hosts.items()}
    pinger = b.procs.start(["ip", "netns", "exec", b.guests["a1"].ns.name,
                            "ping", "-n", "-q", "-c", "80", "-i", "0.1",
                            "10.0.1.13"],
                           log=os.path.join(b.dir, "restart-ping.log"))
    time.sleep(1)
    b.controller.send_signal(signal.SIGKILL)
    b.controller.wait()
    time.sleep(2)
    b.start_controller()
    pinger.wait(timeout=60)
    with open(os.path.join(b.dir, "restart-ping.log")) as f:
        summary = f.read()
    check(" 0% packet loss" in summary, "pings across the restart: %s"
          % summary.strip().splitlines()[-2:])
    b.wait_bound(list(GUESTS))
    time.sleep(2)
    for i, h in b.hosts.items():
        after = flow_table(h)
        check(set(after) == set(before[i]),
              "host h%d's flows changed across the restart" % i)
        renewed = [k for k in after if after[k] < before[i][k]]
        check(not renewed, "host h%d: %d flows were re-added" % (i,
                                                              len(renewed)))


CASES = [case_hosts_register_and_ports_bind,
         case_same_tenant_reaches_across_hosts,
         case_tenants_cannot_reach_each_other,
         case_tcp_stream_across_hosts,
         case_vxlan_decodes_on_the_underlay,
         case_new_and_moved_ports_are_reachable,
         case_controller_restart_loses_nothing]


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-ctlhosts-")
    with run:
        underlay = run.cleanup(multihost.Underlay())
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            fabric = run.cleanup(multihost.Fabric(build, huge, procs,
                                                  underlay, run.dir))
            fabric.build_two_tenants()
            run.run(lambda case: case(fabric), fabric.hosts[1].sw)
            for h in fabric.hosts.values():
                h.stop()
    return run.status

if __name__ == "__main__":
    sys.exit(main())
