#!/usr/bin/python3
"""Pont's DPDK datapath with three DPDK virtio_user guests (pont-vguest)
attached over vhost-user, flows set with ovs-ofctl -O OpenFlow13: frames
arrive byte for byte where a flow sends them, VLAN actions apply, counters
match, and nothing leaks where no flow allows it.

Usage: dpdk_forwarding.py BUILD_DIR.  Needs root (hugepages).  TAP output."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import ARP, Dot1Q, Ether, IP, TCP, UDP, Raw, wrpcap  # noqa

MACS = {n: "52:54:00:00:00:%02d" % n for n in (1, 2, 3, 4, 5)}


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def frames_from(src, dst, n, vlan=None):
    """'n' frames of mixed protocols and sizes from port 'src' to 'dst'."""
    out = []
    for i in range(n):
        eth = Ether(src=MACS[src], dst=MACS[dst])
        if vlan is not None:
            eth = eth / Dot1Q(vlan=vlan)
        kind = i % 4
        if kind == 0:
            pkt = eth / IP(src="10.0.0.%d" % src, dst="10.0.0.%d" % dst) \
                / UDP(sport=1000 + i, dport=53) / Raw(b"u" * (i % 200))
        elif kind == 1:
            pkt = eth / IP(src="10.0.0.%d" % src, dst="10.0.0.%d" % dst) \
                / TCP(sport=2000 + i, dport=80, flags="S") \
                / Raw(b"t" * (i * 7 % 1400))
        elif kind == 2:
            pkt = eth / ARP(psrc="10.0.0.%d" % src, pdst="10.0.0.%d" % dst,
                            hwsrc=MACS[src])
        else:
            pkt = eth / IP(src="10.0.0.%d" % src, dst="10.0.0.9") \
                / UDP(sport=7, dport=9) / Raw(b"x" * 1400)
        out.append(bytes(pkt))
    return out


class Bench:
    """A switch with three vhost-user ports and their guests, per case."""

    def __init__(self, build, huge, procs, workdir):
        self.build, self.huge, self.procs, self.dir = (build, huge, procs,
                                                       workdir)
        self.sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                      workdir=os.path.join(workdir, "sw"))
        self.socks = {n: self.sw.add_vhost("vh%d" % n, n) for n in (1, 2, 3)}
        self.n_case = 0

    def run(self, sends):
        """Starts a guest on every port, the ones in 'sends' (port ->
        frames) sending them; returns port -> (summary, captured frames)."""
        self.n_case += 1
        guests = {}
        for port in (1, 2, 3):
            if port in sends:
                wrpcap(os.path.join(self.dir, "send%d-%d.pcap"
                                    % (self.n_case, port)),
                       [Ether(f) for f in sends[port]])
            else:
                guests[port] = pontdpdk.Guest(
                    self.build, self.huge, self.procs,
                    "g%d-%d" % (self.n_case, port), self.socks[port],
                    MACS[port], ["--duration", "9"], self.dir)
        self.sw.wait_live([p for p in guests])
        for port in sends:
            path = os.path.join(self.dir, "send%d-%d.pcap"
                                % (self.n_case, port))
            guests[port] = pontdpdk.Guest(
                self.build, self.huge, self.procs,
                "g%d-%d" % (self.n_case, port), self.socks[port], MACS[port],
                ["--send", path, "--pps", "20000", "--linger", "2",
                 "--delay", "2"], self.dir)
        return {p: (g.wait(), g.frames()) for p, g in guests.items()}


def case_output_between_guests(b):
    b.sw.ofctl("del-flows")
    b.sw.ofctl("add-flow", "in_port=1,actions=output:2")
    sent = frames_from(1, 2, 200)
    r = b.run({1: sent})
    check(r[1][0]["sent"] == 200, "guest 1 sent %s" % r[1][0])
    check(sorted(r[2][1]) == sorted(sent),
          "guest 2 got %d frames, not the 200 sent byte for byte"
          % len(r[2][1]))
    check(not r[1][1] and not r[3][1],
          "frames leaked to guests 1 or 3: %d, %d"
          % (len(r[1][1]), len(r[3][1])))
    flows = b.sw.flow_packets()
    check(flows.get("in_port=1") == 200, "flow counters: %s" % flows)


def case_vlan_push_and_pop(b):
    b.sw.ofctl("del-flows")
    b.sw.ofctl("add-flow", "in_port=1,actions=push_vlan:0x8100,"
               "set_field:4196->vlan_vid,output:2")
    b.sw.ofctl("add-flow", "in_port=2,dl_vlan=100,actions=pop_vlan,output:1")
    plain = frames_from(1, 2, 40)
    tagged = frames_from(2, 1, 30, vlan=100)
    other = frames_from(2, 1, 20, vlan=200)
    r = b.run({1: plain, 2: tagged + other})
    got2 = [Ether(f) for f in r[2][1]]
    check(len(got2) == 40 and all(p.haslayer(Dot1Q) and p[Dot1Q].vlan == 100
                                  for p in got2),
          "guest 2 should get 40 frames tagged 100, got %d" % len(got2))
    untagged = sorted(bytes(Ether(f)) for f in plain)
    stripped = []
    for p in got2:
        inner = p[Dot1Q].payload
        stripped.append(bytes(Ether(src=p.src, dst=p.dst,
                                    type=p[Dot1Q].type) / inner))
    check(sorted(stripped) == untagged, "pushed tag changed the payload")
    expect1 = sorted(bytes(Ether(src=Ether(f).src, dst=Ether(f).dst,
                                 type=Ether(f)[Dot1Q].type)
                           / Ether(f)[Dot1Q].payload) for f in tagged)
    check(sorted(r[1][1]) == expect1,
          "guest 1 should get the 30 VLAN 100 frames untagged, got %d"
          % len(r[1][1]))
    check(not r[3][1], "frames leaked to guest 3")
    flows = b.sw.flow_packets()
    check(flows.get("in_port=2,dl_vlan=100") == 30,
          "flow counters: %s" % flows)


def case_meter_drops_above_its_rate(b):
    b.sw.ofctl("del-flows")
    b.sw.ofctl("del-meters", check=False)
    b.sw.ofctl("add-meter", "meter=1,pktps,burst,band=type=drop,rate=100,"
               "burst_size=20")
    b.sw.ofctl("add-flow", "in_port=1,actions=meter:1,output:2")
    # 300 frames in 15 ms: the burst of 20 and about 2 more pass.
    r = b.run({1: frames_from(1, 2, 300)})
    got = len(r[2][1])
    check(18 <= got <= 40, "guest 2 got %d frames through a 100 pps meter "
          "with a burst of 20 (want about 22)" % got)
    stats = b.sw.ofctl("meter-stats").stdout
    check("packet_in_count:300" in stats.replace(" ", ""),
          "meter-stats: " + stats)


def case_select_group_splits_by_flow(b):
    """A select group of two buckets (guests 2 and 3): 200 frames of 100
    UDP 5-tuples are split between them, each 5-tuple to one guest only,
    and the bucket counters add up."""
    b.sw.ofctl("del-flows")
    b.sw.ofctl("del-groups", check=False)
    b.sw.ofctl("add-group", "group_id=1,type=select,bucket=output:2,"
               "bucket=output:3")
    b.sw.ofctl("add-flow", "in_port=1,actions=group:1")
    sent = [bytes(Ether(src=MACS[1], dst=MACS[2])
                  / IP(src="10.0.0.1", dst="10.0.0.2")
                  / UDP(sport=3000 + i % 100, dport=4000) / Raw(b"g" * 20))
            for i in range(200)]
    r = b.run({1: sent})
    ports = {n: {Ether(f)[UDP].sport for f in r[n][1]} for n in (2, 3)}
    total = len(r[2][1]) + len(r[3][1])
    check(total == 200, "the guests got %d of 200 frames" % total)
    check(ports[2] and ports[3], "one bucket got nothing: %d and %d frames"
          % (len(r[2][1]), len(r[3][1])))
    check(not ports[2] & ports[3], "5-tuples went to both buckets: %s"
          % sorted(ports[2] & ports[3]))
    stats = b.sw.ofctl("dump-group-stats").stdout.replace(" ", "")
    check("packet_count=200" in stats, "group stats: " + stats)


def case_table_miss_drops(b):
    b.sw.ofctl("del-flows")
    r = b.run({2: frames_from(2, 1, 100)})
    check(r[2][0]["sent"] == 100, "guest 2 sent %s" % r[2][0])
    check(not r[1][1] and not r[3][1] and not r[2][1],
          "a switch without flows forwarded frames")


def case_port_counters(b):
    out = b.sw.ofctl("dump-ports").stdout
    check("port  1:" in out and "port  2:" in out, "dump-ports: " + out)
    rx1 = int(out.split("port  1:")[1].split("pkts=")[1].split(",")[0])
    check(rx1 >= 240, "port 1 received %d frames, fewer than the guests "
          "sent to it" % rx1)


def case_ports_with_two_queues(b):
    """Two more ports with 2 queue pairs each: the sending guest puts its
    bursts on both queues, the PMD polls both, and every frame arrives."""
    socks = {n: os.path.join(b.sw.dir, "vh%d.sock" % n) for n in (4, 5)}
    for n in (4, 5):
        b.sw.vsctl("add-port", b.sw.bridge, "vh%d" % n, "type=vhostuser",
                   "path=" + socks[n], "queues=2", "ofport=%d" % n)
    try:
        b.sw.ofctl("del-flows")
        b.sw.ofctl("add-flow", "in_port=4,actions=output:5")
        sent = frames_from(4, 5, 400)
        path = os.path.join(b.dir, "send-mq.pcap")
        wrpcap(path, [Ether(f) for f in sent])
        receiver = pontdpdk.Guest(b.build, b.huge, b.procs, "mq5", socks[5],
                                  MACS[5], ["--queues", "2", "--duration",
                                            "9"], b.dir)
        b.sw.wait_live([5])
        sender = pontdpdk.Guest(b.build, b.huge, b.procs, "mq4", socks[4],
                                MACS[4], ["--queues", "2", "--send", path,
                                          "--pps", "20000", "--linger", "2",
                                          "--delay", "2"], b.dir)
        summary = sender.wait()
        receiver.wait()
        pmd = b.sw.vsctl("pmd-stats").stdout
        got = receiver.frames()
        check(summary["sent"] == 400, "the sender sent %s" % summary)
        check("br0:vh4/0" in pmd and "br0:vh4/1" in pmd,
              "the PMD does not poll both queues of vh4:\n" + pmd)
        check(sorted(got) == sorted(sent),
              "the receiver got %d frames, not the 400 sent byte for byte"
              % len(got))
    finally:
        for n in (4, 5):
            b.sw.vsctl("del-port", b.sw.bridge, "vh%d" % n, check=False)


CASES = [case_output_between_guests, case_vlan_push_and_pop,
         case_meter_drops_above_its_rate, case_select_group_splits_by_flow,
         case_table_miss_drops,
         case_port_counters, case_ports_with_two_queues]


def main():
    build = os.path.abspath(sys.argv[1])
    workdir = tempfile.mkdtemp(prefix="pont-dpdkfwd-")
    print("1..%d" % len(CASES))
    failed = 0
    try:
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            bench = Bench(build, huge, procs, workdir)
            failed = pontdpdk.run_cases(CASES, lambda case: case(bench),
                                        bench.sw)
            bench.sw.stop()
    finally:
        status = pontdpdk.finish(workdir, failed)
    return status


if __name__ == "__main__":
    sys.exit(main())
