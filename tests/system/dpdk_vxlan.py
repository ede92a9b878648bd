#!/usr/bin/python3
"""VXLAN on Pont's DPDK datapath, against the Linux kernel's own VXLAN.

Pont: a DPDK virtio_user guest (10.10.0.2) on a vhost-user port, an uplink
(net_af_packet on one end of a veth pair) and a tunnel port
(type=vxlan, local_ip=192.168.50.1/24, remote_ip and key from the flows).
The other end of the veth is in a network namespace: a Linux host with
192.168.50.2 and two kernel VXLAN devices towards 192.168.50.1, VNI 5001
(10.10.0.1) and VNI 5002 (10.11.0.1).

1. The switch owns its tunnel address: the kernel's ARP for 192.168.50.1
   is answered with the uplink's MAC, and the switch learns the kernel's
   MAC (pont-vsctl dump-tunnels).
2. The guest and the kernel talk over VNI 5001: the kernel answers the
   guest's ARP and 5 pings; tshark in the namespace decodes the packets on
   the veth as VXLAN with VNI 5001 carrying the ICMP both ways; and what
   the kernel sends on VNI 5002 (which no flow lets in) never reaches the
   guest.

Usage: dpdk_vxlan.py BUILD_DIR.  Needs root (hugepages, netns).  TAP."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import netns as netnslib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import ARP, Ether, ICMP, IP, Raw, wrpcap  # noqa: E402

GUEST_MAC = "52:54:00:00:00:01"
LOCAL_IP = "192.168.50.1"
REMOTE_IP = "192.168.50.2"


def add_vxlan(netns, name, vni, address):
    netns.run("ip", "link", "add", name, "type", "vxlan", "id", str(vni),
              "remote", LOCAL_IP, "local", REMOTE_IP, "dstport", "4789",
              "dev", netns.inner)
    netns.run("ip", "addr", "add", address, "dev", name)
    netns.run("ip", "link", "set", name, "up")
    return netns.run("cat", "/sys/class/net/%s/address" % name).strip()


def poke(netns, address):
    """Has the kernel in 'netns' send a UDP datagram to 'address' (and so
    ARP for it first)."""
    netns.run("/usr/bin/python3", "-c",
              "import socket; socket.socket(socket.AF_INET, "
              "socket.SOCK_DGRAM).sendto(b'pont', ('%s', 9))" % address)


def case_switch_owns_its_tunnel_address(build, huge, procs, sw, sock, netns,
                                        workdir):
    with open("/sys/class/net/%s/address" % netns.outer) as f:
        uplink_mac = f.read().strip()
    # The kernel asks for 192.168.50.1 (the switch answers ARP only, not
    # the datagram), while the port comes up.
    for _ in range(10):
        poke(netns, LOCAL_IP)
        time.sleep(1)
        neigh = netns.run("ip", "neigh", "show", LOCAL_IP, "dev",
                          netns.inner)
        if "lladdr" in neigh:
            break
    if "lladdr" not in neigh:
        raise RuntimeError("the kernel got no ARP answer for %s: %r"
                           % (LOCAL_IP, neigh))
    mac = neigh.split("lladdr")[1].split()[0]
    if mac != uplink_mac:
        raise RuntimeError("ARP answered with %s, not the uplink's %s"
                           % (mac, uplink_mac))
    learned = sw.vsctl("dump-tunnels", "br0").stdout
    if "%s %s" % (REMOTE_IP, netns.mac) not in learned:
        raise RuntimeError("the switch did not learn %s at %s:\n%s"
                           % (REMOTE_IP, netns.mac, learned))


def guest_frames(vx_mac):
    arp = Ether(src=GUEST_MAC, dst="ff:ff:ff:ff:ff:ff") / ARP(
        op=1, hwsrc=GUEST_MAC, psrc="10.10.0.2", pdst="10.10.0.1")
    pings = [Ether(src=GUEST_MAC, dst=vx_mac)
             / IP(src="10.10.0.2", dst="10.10.0.1")
             / ICMP(type=8, id=78, seq=i) / Raw(b"vxlan" * 8)
             for i in range(5)]
    return [arp, arp] + pings


def decoded(wire, what, field):
    """(FIELD, VNI) of each VXLAN packet carrying 'what' (icmp, arp) that
    tshark decodes in 'wire'."""
    out = subprocess.run(["tshark", "-r", wire, "-Y", "vxlan && " + what,
                          "-T", "fields", "-e", field, "-e", "vxlan.vni"],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines()
            if line.strip()]


def case_guest_and_kernel_talk_over_vni_5001(build, huge, procs, sw, sock,
                                             netns, workdir):
    vx_mac = netns.vx_mac
    wire = os.path.join(workdir, "wire.pcap")
    tshark = procs.start(["ip", "netns", "exec", netns.ns, "tshark", "-q",
                          "-i", netns.inner, "-w", wire, "-f", "udp port 4789",
                          "-a", "duration:30"],
                         log=os.path.join(workdir, "tshark.log"))
    dpdklib.wait_for(lambda: os.path.exists(wire), "tshark to start")
    sends = os.path.join(workdir, "guest.pcap")
    wrpcap(sends, guest_frames(vx_mac))
    guest = pontdpdk.Guest(build, huge, procs, "guest1", sock, GUEST_MAC,
                           ["--send", sends, "--pps", "5", "--linger", "6"],
                           workdir)
    sw.wait_live([1])
    time.sleep(2)
    # VNI 5002: the kernel asks for 10.11.0.2; no flow lets it in.
    poke(netns, "10.11.0.2")
    guest.wait(timeout=90)
    procs.stop(tshark)
    got = [Ether(f) for f in guest.frames()]
    arp = [p for p in got if p.haslayer(ARP) and p[ARP].op == 2
           and p[ARP].psrc == "10.10.0.1"]
    echo = [p for p in got if p.haslayer(ICMP) and p[ICMP].type == 0
            and p[ICMP].id == 78]
    leaked = [p for p in got if p.haslayer(ARP) and p[ARP].pdst == "10.11.0.2"]
    if not arp or len(echo) != 5:
        raise RuntimeError("over VXLAN the kernel answered %d ARP and %d of 5 "
                           "pings" % (len(arp), len(echo)))
    if leaked:
        raise RuntimeError("%d frames of VNI 5002 reached the guest"
                           % len(leaked))
    seen = decoded(wire, "icmp", "icmp.type")
    requests = [s for s in seen if s == ("8", "5001")]
    replies = [s for s in seen if s == ("0", "5001")]
    other_vni = [s for s in decoded(wire, "arp", "arp.dst.proto_ipv4")
                 if s == ("10.11.0.2", "5002")]
    if not other_vni:
        raise RuntimeError("the kernel's ARP on VNI 5002 is not on the wire: "
                           "the isolation check saw nothing")
    if len(requests) != 5 or len(replies) != 5:
        raise RuntimeError("tshark decoded %d echo requests and %d replies in "
                           "VNI 5001 on the wire (want 5 and 5): %s"
                           % (len(requests), len(replies), seen))


CASES = [case_switch_owns_its_tunnel_address,
         case_guest_and_kernel_talk_over_vni_5001]


def setup_switch(sw, netns):
    sock = sw.add_vhost("vh1", 1)
    sw.vsctl("add-port", "br0", "up0", "type=dpdk",
             "devargs=net_af_packet_%s,iface=%s" % (netns.outer, netns.outer),
             "ofport=2")
    sw.vsctl("add-port", "br0", "pont-tun", "type=vxlan",
             "local_ip=%s/24" % LOCAL_IP, "uplink=up0", "remote_ip=flow",
             "key=flow", "ofport=3")
    sw.ofctl("add-flow", "in_port=1,actions=set_field:5001->tun_id,"
             "set_field:%s->tun_dst,output:3" % REMOTE_IP)
    sw.ofctl("add-flow", "in_port=3,tun_id=5001,actions=output:1")
    return sock


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-vxlan-")
    with run:
        netns = run.cleanup(netnslib.VethNetns("vx", REMOTE_IP + "/24"))
        netns.vx_mac = add_vxlan(netns, "vx0", 5001, "10.10.0.1/24")
        add_vxlan(netns, "vx1", 5002, "10.11.0.1/24")
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                     workdir=os.path.join(run.dir, "sw"))
            sock = setup_switch(sw, netns)
            run.run(lambda case: case(build, huge, procs, sw, sock, netns,
                                      run.dir), sw)
            sw.stop()
    return run.status

if __name__ == "__main__":
    sys.exit(main())
