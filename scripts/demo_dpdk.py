#!/usr/bin/python3
"""The demo's DPDK part: pont-vswitchd on the DPDK datapath with two DPDK
virtio_user guests attached over vhost-user, flows installed with
ovs-ofctl, traffic between the guests, and what happened: flows with their
counters, port statistics, the PMD's cache hit rates, the megaflows; then a
few seconds of the classic loop through a guest at full speed.

Usage: demo_dpdk.py BUILD_DIR (as root: hugepages).  Cleans up after
itself, even when interrupted."""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "system"))
import dpdklib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import Dot1Q, Ether, IP, UDP, Raw, wrpcap  # noqa: E402

MAC1, MAC2 = "52:54:00:00:00:01", "52:54:00:00:00:02"


def show(title, text):
    print("-- " + title)
    print(text.rstrip())


def traffic(build, huge, procs, sw, socks, workdir):
    p1, p2 = (os.path.join(workdir, n) for n in ("g1.pcap", "g2.pcap"))
    wrpcap(p1, [Ether(src=MAC1, dst=MAC2) / IP(src="10.0.0.1",
                                               dst="10.0.0.2")
                / UDP(sport=1000 + i, dport=80) / Raw(b"x" * 60)
                for i in range(4)])
    wrpcap(p2, [Ether(src=MAC2, dst=MAC1) / Dot1Q(vlan=100)
                / IP(src="10.0.0.2", dst="10.0.0.1") / UDP() / Raw(b"y" * 60)])
    g2 = pontdpdk.Guest(build, huge, procs, "vm2", socks[2], MAC2,
                        ["--send", p2, "--repeat", "10000", "--pps", "10000",
                         "--duration", "4", "--delay", "1"],
                        workdir, capture=False)
    g1 = pontdpdk.Guest(build, huge, procs, "vm1", socks[1], MAC1,
                        ["--send", p1, "--repeat", "5000", "--pps", "20000",
                         "--duration", "4", "--delay", "1"],
                        workdir, capture=False)
    for name, g in (("vm1", g1), ("vm2", g2)):
        s = g.wait(timeout=120)
        print("   guest %s: sent %d frames, received %d"
              % (name, s["sent"], s["received"]))


def loop(build, huge, procs, sw, workdir):
    """The classic loop: one guest forwards between its two ports."""
    a = sw.add_vhost("loop1", 11)
    b = sw.add_vhost("loop2", 12)
    sw.ofctl("add-flow", "in_port=11,actions=output:12")
    sw.ofctl("add-flow", "in_port=12,actions=output:11")
    log = os.path.join(workdir, "loop.log")
    p = procs.start([os.path.join(build, "tests", "tools", "pont-vguest"),
                     "--lcores", "0@0", "--no-pci", "--single-file-segments",
                     "--huge-dir", huge.dir,
                     "--file-prefix=pontdemoloop%d" % os.getpid(),
                     "-m", "256", "--log-level", "*:error", "--",
                     "--loop", "--sock", a, "--sock", b, "--server",
                     "--size", "64", "--duration", "6", "--warmup", "2"],
                    log=log)
    p.wait(timeout=60)
    with open(log) as f:
        last = [l for l in f.read().splitlines() if l.startswith("{")]
    print("   " + (last[-1] if last else "(no result: see %s)" % log))


def main():
    build = os.path.abspath(sys.argv[1])
    workdir = tempfile.mkdtemp(prefix="pont-demo-dpdk-")
    try:
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                     workdir=os.path.join(workdir, "sw"))
            socks = {n: sw.add_vhost("vm%d" % n, n) for n in (1, 2)}
            flows = ["priority=100,in_port=1,ip,actions=push_vlan:0x8100,"
                     "set_field:4196->vlan_vid,output:2",
                     "priority=100,in_port=2,dl_vlan=100,actions=pop_vlan,"
                     "output:1"]
            for f in flows:
                sw.ofctl("add-flow", f)
            show("pont-vsctl show", sw.vsctl("show").stdout)
            # Both busy-polling guests share CPU 0: each is descheduled
            # for milliseconds at a time, so rates stay within what its
            # 256-descriptor ring holds meanwhile.
            print("-- two DPDK virtio_user guests send 20,000 and 10,000 "
                  "frames to each other")
            traffic(build, huge, procs, sw, socks, workdir)
            show("ovs-ofctl dump-flows (vm1's frames tagged VLAN 100, vm2's "
                 "untagged)", sw.ofctl("dump-flows").stdout)
            show("pont-vsctl dump-ports br0", sw.vsctl("dump-ports",
                                                       "br0").stdout)
            show("pont-vsctl pmd-stats (the PMD on CPU 1)",
                 sw.vsctl("pmd-stats").stdout)
            show("pont-vsctl dump-dp-flows br0 (the megaflows)",
                 sw.vsctl("dump-dp-flows", "br0").stdout)
            print("-- the classic loop through a guest (64-byte frames, "
                  "6 s): Mpps the guest receives")
            loop(build, huge, procs, sw, workdir)
            sw.stop()
    finally:
        subprocess.run(["rm", "-rf", workdir])
    return 0


if __name__ == "__main__":
    sys.exit(main())
