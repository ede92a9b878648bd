#!/usr/bin/python3
"""An uplink on Pont's DPDK datapath: a `dpdk` port (net_af_packet) on one
end of a veth pair whose other end is in a network namespace.

1. Untagged: a Linux host there (10.9.0.1, the kernel's own stack) answers
   the ARP and the pings of a DPDK virtio_user guest (10.9.0.2) behind
   Pont's vhost-user port.
2. VLAN 100: Pont tags the guest's frames towards the uplink (tshark in the
   namespace sees them with VID 100) and untags VLAN 100 frames sent from
   the namespace towards the guest, dropping those of VLAN 200.  This
   machine's kernel has no 802.1Q module, so the host side of the VLAN is
   a raw socket (tshark to capture, scapy to send) rather than a VLAN
   interface.

Usage: dpdk_uplink.py BUILD_DIR.  Needs root (hugepages, netns).  TAP."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import netns as netnslib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import (ARP, Dot1Q, Ether, ICMP, IP, Raw, UDP,  # noqa: E402
                       rdpcap, wrpcap)

GUEST_MAC = "52:54:00:00:00:01"


def guest_frames(host_mac):
    arp = Ether(src=GUEST_MAC, dst="ff:ff:ff:ff:ff:ff") / ARP(
        op=1, hwsrc=GUEST_MAC, psrc="10.9.0.2", pdst="10.9.0.1")
    pings = [Ether(src=GUEST_MAC, dst=host_mac)
             / IP(src="10.9.0.2", dst="10.9.0.1")
             / ICMP(type=8, id=77, seq=i) / Raw(b"pont" * 10)
             for i in range(5)]
    return [arp] + pings


def case_untagged_host_answers(build, huge, procs, sw, sock, netns,
                                workdir):
    sw.ofctl("del-flows")
    sw.ofctl("add-flow", "in_port=1,actions=output:2")
    sw.ofctl("add-flow", "in_port=2,actions=output:1")
    sends = os.path.join(workdir, "guest1.pcap")
    wrpcap(sends, guest_frames(netns.mac))
    guest = pontdpdk.Guest(build, huge, procs, "guest1", sock, GUEST_MAC,
                           ["--send", sends, "--pps", "5", "--linger", "3"],
                           workdir)
    guest.wait(timeout=90)
    got = [Ether(f) for f in guest.frames()]
    arp = [p for p in got if p.haslayer(ARP) and p[ARP].op == 2
           and p[ARP].psrc == "10.9.0.1"]
    echo = [p for p in got if p.haslayer(ICMP) and p[ICMP].type == 0
            and p[ICMP].id == 77]
    if not arp or len(echo) != 5:
        raise RuntimeError("the host answered %d ARP and %d of 5 pings"
                           % (len(arp), len(echo)))


def case_vlan_100_both_ways(build, huge, procs, sw, sock, netns, workdir):
    sw.ofctl("del-flows")
    sw.ofctl("add-flow", "in_port=1,actions=push_vlan:0x8100,"
             "set_field:4196->vlan_vid,output:2")
    sw.ofctl("add-flow", "in_port=2,dl_vlan=100,actions=pop_vlan,output:1")
    wire = os.path.join(workdir, "wire.pcap")
    tshark = procs.start(["ip", "netns", "exec", netns.ns, "tshark", "-q",
                          "-i", netns.inner, "-w", wire, "-f", "ether src "
                          + GUEST_MAC, "-a", "duration:25"],
                         log=os.path.join(workdir, "tshark.log"))
    dpdklib.wait_for(lambda: os.path.exists(wire), "tshark to start")
    sends = os.path.join(workdir, "guest2.pcap")
    ours = [Ether(src=GUEST_MAC, dst=netns.mac) / IP(src="10.9.0.2",
                                                     dst="10.9.0.1")
            / UDP(sport=5000 + i, dport=9) / Raw(b"v" * 40) for i in range(5)]
    wrpcap(sends, ours)
    guest = pontdpdk.Guest(build, huge, procs, "guest2", sock, GUEST_MAC,
                           ["--send", sends, "--pps", "5", "--linger", "8"],
                           workdir)
    sw.wait_live([1])
    time.sleep(2)
    inject = ("from scapy.all import *\n"
              "for vid in (100, 200):\n"
              "  sendp([Ether(src='%s', dst='%s')/Dot1Q(vlan=vid)/IP()/"
              "UDP(dport=vid)/Raw(b'w'*30) for i in range(5)], iface='%s',"
              " verbose=False)\n" % (netns.mac, GUEST_MAC, netns.inner))
    netns.run("/usr/bin/python3", "-c", inject)
    guest.wait(timeout=90)
    procs.stop(tshark)
    on_wire = [p for p in rdpcap(wire) if p.haslayer(UDP)
               and p[UDP].dport == 9]
    tagged = [p for p in on_wire if p.haslayer(Dot1Q)
              and p[Dot1Q].vlan == 100]
    back = [Ether(f) for f in guest.frames()]
    untagged100 = [p for p in back if p.haslayer(UDP) and p[UDP].dport == 100
                   and not p.haslayer(Dot1Q)]
    vlan200 = [p for p in back if p.haslayer(UDP) and p[UDP].dport == 200]
    if len(tagged) != 5 or len(on_wire) != 5:
        raise RuntimeError("on the wire: %d frames of the guest, %d tagged "
                           "100 (want 5 and 5)" % (len(on_wire), len(tagged)))
    if len(untagged100) != 5 or vlan200:
        raise RuntimeError("the guest got %d untagged VLAN 100 frames (want "
                           "5) and %d of VLAN 200 (want 0)"
                           % (len(untagged100), len(vlan200)))


CASES = [case_untagged_host_answers, case_vlan_100_both_ways]


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-uplink-")
    with run:
        netns = run.cleanup(netnslib.VethNetns("up", "10.9.0.1/24"))
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                     workdir=os.path.join(run.dir, "sw"))
            sock = sw.add_vhost("vh1", 1)
            sw.vsctl("add-port", "br0", "up0", "type=dpdk",
                     "devargs=net_af_packet_%s,iface=%s"
                     % (netns.outer, netns.outer), "ofport=2")
            run.run(lambda case: case(build, huge, procs, sw, sock, netns,
                                      run.dir), sw)
            sw.stop()
    return run.status

if __name__ == "__main__":
    sys.exit(main())
