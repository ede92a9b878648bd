#!/usr/bin/python3
"""VXLAN between two Pont hosts: two network namespaces, each running
pont-vswitchd on the DPDK datapath with a DPDK virtio_user guest, their
uplinks joined by a Linux bridge in an underlay namespace (see
multihost.py).  Flows set with ovs-ofctl send each guest's frames to the
other host in VNI 5001 and deliver what VNI 5001 brings.

1. The switches find each other: after a first frame each way, each has
   learned the other's tunnel address and MAC (pont-vsctl dump-tunnels).
2. 100 frames each way arrive byte for byte; tshark on host 1's link to
   the underlay decodes 200 VXLAN packets of VNI 5001 between 192.168.50.1 and .2; VNI
   5002 frames sent by host 1 are dropped by host 2 (no flow lets them in).

Usage: dpdk_vxlan_hosts.py BUILD_DIR.  Needs root.  TAP."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import multihost  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import Ether, IP, Raw, UDP, wrpcap  # noqa: E402

MACS = {1: "52:54:00:00:01:01", 2: "52:54:00:00:02:01"}


def frames(src, dst, n, tag):
    return [bytes(Ether(src=MACS[src], dst=MACS[dst])
                  / IP(src="10.0.0.%d" % src, dst="10.0.0.%d" % dst)
                  / UDP(sport=1000 + i, dport=2000) / Raw(tag * (10 + i)))
            for i in range(n)]


class Bench:
    def __init__(self, build, huge, procs, workdir, hosts):
        self.build, self.huge, self.procs, self.dir = (build, huge, procs,
                                                       workdir)
        self.hosts = hosts
        self.socks = {h.index: h.sw.add_vhost("vm", 1) for h in hosts}
        self.n_run = 0

    def exchange(self, sends):
        """Runs both guests at once, each sending sends[i] (a list of
        frames) to the other; returns index -> (summary, frames got)."""
        self.n_run += 1
        guests = {}
        for i, sent in sends.items():
            path = os.path.join(self.dir, "send%d-%d.pcap" % (self.n_run, i))
            wrpcap(path, [Ether(f) for f in sent])
            guests[i] = pontdpdk.Guest(
                self.build, self.huge, self.procs,
                "g%d-%d" % (self.n_run, i), self.socks[i], MACS[i],
                ["--send", path, "--pps", "2000", "--linger", "3",
                 "--delay", "3"], self.dir)
        return {i: (g.wait(timeout=90), g.frames())
                for i, g in guests.items()}


def set_flows(h, peer_ip):
    tun = h.ofport("pont-tun")
    h.sw.ofctl("del-flows")
    for vni, port in ((5001, 2000), (5002, 2002)):
        h.sw.ofctl("add-flow", "in_port=1,udp,tp_dst=%d,actions="
                   "set_field:%d->tun_id,set_field:%s->tun_dst,output:%d"
                   % (port, vni, peer_ip, tun))
    h.sw.ofctl("add-flow", "in_port=%d,tun_id=5001,actions=output:1" % tun)


def case_switches_find_each_other(b):
    h1, h2 = b.hosts
    b.exchange({1: frames(1, 2, 1, b"w"), 2: frames(2, 1, 1, b"w")})
    for h, peer in ((h1, h2), (h2, h1)):
        learned = h.sw.vsctl("dump-tunnels", "br-int").stdout
        peer_mac = peer.ns.run("cat", "/sys/class/net/eth1/address").strip()
        if "%s %s" % (peer.tunnel_ip, peer_mac) not in learned:
            raise RuntimeError("host %d did not learn %s at %s:\n%s"
                               % (h.index, peer.tunnel_ip, peer_mac, learned))


def decoded_vxlan(wire):
    """(outer IP source, outer IP destination, VNI) of each VXLAN packet
    tshark decodes in 'wire'."""
    out = subprocess.run(["tshark", "-r", wire, "-Y", "vxlan", "-T",
                          "fields", "-E", "occurrence=f", "-e", "ip.src",
                          "-e", "ip.dst", "-e", "vxlan.vni"],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def case_frames_cross_in_vni_5001_only(b):
    h1, h2 = b.hosts
    underlay = b.underlay
    wire = os.path.join(b.dir, "underlay.pcap")
    tshark = b.procs.start(["ip", "netns", "exec", underlay.ns.name,
                            "tshark", "-q", "-i", h1.underlay_dev, "-w",
                            wire, "-f",
                            "udp port 4789", "-a", "duration:40"],
                           log=os.path.join(b.dir, "tshark.log"))
    dpdklib.wait_for(lambda: os.path.exists(wire), "tshark to start")
    one_to_two = frames(1, 2, 100, b"a")
    two_to_one = frames(2, 1, 100, b"b")
    other_vni = [bytes(Ether(src=MACS[1], dst=MACS[2])
                       / IP(src="10.0.0.1", dst="10.0.0.2")
                       / UDP(sport=7, dport=2002) / Raw(b"x" * 20))] * 5
    r = b.exchange({1: one_to_two + other_vni, 2: two_to_one})
    time.sleep(1)
    b.procs.stop(tshark)
    if sorted(r[2][1]) != sorted(one_to_two):
        raise RuntimeError("guest 2 got %d frames, not the 100 of guest 1 "
                           "byte for byte" % len(r[2][1]))
    if sorted(r[1][1]) != sorted(two_to_one):
        raise RuntimeError("guest 1 got %d frames, not the 100 of guest 2 "
                           "byte for byte" % len(r[1][1]))
    seen = decoded_vxlan(wire)
    a_b = seen.count((h1.tunnel_ip, h2.tunnel_ip, "5001"))
    b_a = seen.count((h2.tunnel_ip, h1.tunnel_ip, "5001"))
    v5002 = seen.count((h1.tunnel_ip, h2.tunnel_ip, "5002"))
    if a_b != 100 or b_a != 100 or v5002 != 5:
        raise RuntimeError("tshark decoded %d + %d VXLAN packets of VNI 5001 "
                           "(want 100 + 100) and %d of VNI 5002 (want 5)"
                           % (a_b, b_a, v5002))


CASES = [case_switches_find_each_other, case_frames_cross_in_vni_5001_only]


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-vxhosts-")
    with run:
        underlay = run.cleanup(multihost.Underlay())
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            hosts = [run.cleanup(multihost.Host(build, huge, procs,
                                                underlay, i, run.dir))
                     for i in (1, 2)]
            set_flows(hosts[0], hosts[1].tunnel_ip)
            set_flows(hosts[1], hosts[0].tunnel_ip)
            bench = Bench(build, huge, procs, run.dir, hosts)
            bench.underlay = underlay
            run.run(lambda case: case(bench), hosts[0].sw)
            for h in hosts:
                h.stop()
    return run.status

if __name__ == "__main__":
    sys.exit(main())
