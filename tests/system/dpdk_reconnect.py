#!/usr/bin/python3
"""Reconnection on Pont's DPDK datapath: two DPDK virtio_user guests send to
each other through a standalone (learning) bridge while pont-vswitchd is
restarted, cleanly and with SIGKILL, and while a guest is restarted; each
time traffic resumes by itself (the switch is the vhost-user client and
reconnects, and its configuration brings the bridge back).

Usage: dpdk_reconnect.py BUILD_DIR.  Needs root (hugepages).  TAP output."""

import os
import re
import signal
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import Ether, IP, UDP, Raw, wrpcap  # noqa: E402

MAC1, MAC2 = "52:54:00:00:00:01", "52:54:00:00:00:02"


def received(guest):
    """The last 'received' count the guest printed (--progress)."""
    with open(guest.log) as f:
        counts = re.findall(r"received=(\d+)", f.read())
    return int(counts[-1]) if counts else 0


def resumes(guest, what, timeout=30):
    """Waits until 'guest' receives 200 more frames than it has now."""
    base = received(guest)
    dpdklib.wait_for(lambda: received(guest) > base + 200,
                     "traffic to resume after " + what, timeout, 0.5)


def link_down(sw, ofport):
    """Whether ovs-ofctl sees 'ofport' with state LINK_DOWN."""
    text = sw.ofctl("dump-ports-desc").stdout
    m = re.search(r"^ %d\(.*?state:\s+(\S+)" % ofport, text, re.M | re.S)
    return bool(m) and m.group(1) == "LINK_DOWN"


def start_guest(build, huge, procs, workdir, name, sock, mac, send):
    return pontdpdk.Guest(build, huge, procs, name, sock, mac,
                          ["--send", send, "--repeat", "0", "--pps", "2000",
                           "--progress", "--duration", "120"], workdir)


def main():
    build = os.path.abspath(sys.argv[1])
    workdir = tempfile.mkdtemp(prefix="pont-reconn-")
    print("1..4")
    n_ok = 0
    try:
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                     fail_mode="standalone",
                                     workdir=os.path.join(workdir, "sw"))
            s1, s2 = sw.add_vhost("vh1", 1), sw.add_vhost("vh2", 2)
            p1, p2 = (os.path.join(workdir, n) for n in ("a.pcap", "b.pcap"))
            wrpcap(p1, [Ether(src=MAC1, dst=MAC2) / IP() / UDP()
                        / Raw(b"a" * 64)])
            wrpcap(p2, [Ether(src=MAC2, dst=MAC1) / IP() / UDP()
                        / Raw(b"b" * 64)])
            g1 = start_guest(build, huge, procs, workdir, "g1", s1, MAC1, p1)
            g2 = start_guest(build, huge, procs, workdir, "g2", s2, MAC2, p2)
            steps = [
                ("traffic flows", lambda: None),
                ("pont-vswitchd stopped and started",
                 lambda: (sw.stop(), sw.start())),
                ("pont-vswitchd killed and started",
                 lambda: (sw.proc.send_signal(signal.SIGKILL),
                          sw.proc.wait(), sw.stop(), sw.start())),
                ("guest 2 stopped (LINK_DOWN) and restarted", None),
            ]
            for i, (what, act) in enumerate(steps, 1):
                try:
                    if act is None:
                        procs.stop(g2.proc)
                        dpdklib.wait_for(lambda: link_down(sw, 2),
                                         "port 2 to report LINK_DOWN")
                        g2 = start_guest(build, huge, procs, workdir,
                                         "g2b", s2, MAC2, p2)
                        time.sleep(1)
                    else:
                        act()
                    resumes(g2, what)
                    resumes(g1, what)
                    n_ok += 1
                    print("ok %d - %s: traffic resumes" % (i, what))
                except Exception as e:
                    print("not ok %d - %s: %s" % (i, what, e))
            sw.stop()
    except Exception:
        for line in traceback.format_exc().splitlines():
            print("# " + line)
    finally:
        status = pontdpdk.finish(workdir, n_ok != 4)
    return status


if __name__ == "__main__":
    sys.exit(main())
