#!/usr/bin/python3
"""pont-vguest against dpdk-testpmd as the switch: two vhost-user ports that
testpmd forwards to each other (io mode), and pont-vguest instances as the
vhost-user servers ("virtual machines") on both sides.

Checks that frames sent by one guest arrive byte for byte at the other, that
--loop circulates packets, that traffic resumes after the switch restarts,
and that a guest nobody connects to gives up on --wait-link.

Usage: vguest_testpmd.py BUILD_DIR   (prints TAP; needs root and hugepages)"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from scapy.all import (ARP, IP, TCP, UDP, Dot1Q, Ether, IPv6, raw, rdpcap,
                       wrpcap)

import dpdklib
from pontlib import check, run_tests

BUILD = sys.argv[1]
VGUEST = os.path.join(BUILD, "tests", "tools", "pont-vguest")
TESTPMD = shutil.which("dpdk-testpmd")
MAC_A = "52:54:00:00:00:01"
MAC_B = "52:54:00:00:00:02"
# Three DPDK processes at a time, each with -m 256 (128 pages of 2 MB).
HUGEPAGES = 400


class Env:
    """A temporary directory with the two socket paths, the hugepages and
    the processes of one test; everything is removed by close()."""

    def __init__(self, huge):
        self.huge = huge
        self.dir = tempfile.mkdtemp(prefix="pont-vguest-")
        self.sock_a = os.path.join(self.dir, "a.sock")
        self.sock_b = os.path.join(self.dir, "b.sock")
        self.procs = dpdklib.Procs()
        self.n = 0

    def path(self, name):
        return os.path.join(self.dir, name)

    def eal(self, name, lcores):
        self.n += 1
        return ["--lcores", lcores, "-m", "256", "--no-pci",
                "--single-file-segments", "--huge-dir", self.huge.dir,
                "--file-prefix", "vg%d%s%d" % (os.getpid(), name, self.n),
                "--log-level", "*:notice"]

    def testpmd(self, name="testpmd"):
        """testpmd with its forwarding lcore on CPU 1, connecting as a
        vhost-user client to both sockets (and reconnecting)."""
        cmd = [TESTPMD] + self.eal(name, "0@0,1@1") + [
            "--vdev", "net_vhost0,iface=%s,client=1" % self.sock_a,
            "--vdev", "net_vhost1,iface=%s,client=1" % self.sock_b,
            "--", "--forward-mode=io", "--auto-start", "--nb-cores=1",
            "--total-num-mbufs=8192", "--stats-period=1"]
        return self.procs.start(cmd, log=self.path(name + ".log"))

    def guest(self, name, args):
        """A pont-vguest on CPU 0; stdout and stderr go to NAME.out/.err."""
        cmd = [VGUEST] + self.eal(name, "0@0") + ["--"] + args
        with open(self.path(name + ".out"), "w") as out, \
                open(self.path(name + ".err"), "w") as err:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=err)
        # Procs.start() merges stdout and stderr; register ours so that
        # close() stops it all the same.
        self.procs.procs.append(p)
        return p

    def out(self, name):
        with open(self.path(name + ".out")) as f:
            return f.read()

    def logs(self):
        text = ""
        for name in sorted(os.listdir(self.dir)):
            if name.endswith((".out", ".err", ".log")):
                with open(self.path(name), errors="replace") as f:
                    text += "--- %s ---\n%s\n" % (name, f.read()[-1500:])
        return text

    def close(self):
        self.procs.stop_all()
        shutil.rmtree(self.dir, ignore_errors=True)


def with_env(fn):
    def run():
        with dpdklib.Hugepages(HUGEPAGES) as huge:
            env = Env(huge)
            try:
                fn(env)
            except Exception as e:
                raise type(e)("%s\n%s" % (e, env.logs()))
            finally:
                env.close()
    return run


def summary(env, name):
    """The JSON summary: the last line of the guest's stdout."""
    lines = env.out(name).strip().splitlines()
    check(lines, "%s printed no summary" % name)
    return json.loads(lines[-1])


def wait_exit(p, what, timeout=20):
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError("%s did not exit within %d s" % (what, timeout))


def progress(env, name):
    """(t, sent, received) of the guest's --progress lines so far."""
    rows = []
    for line in env.out(name).splitlines():
        if line.startswith("t="):
            fields = dict(kv.split("=") for kv in line.split())
            rows.append((int(fields["t"]), int(fields["sent"]),
                         int(fields["received"])))
    return rows


def crafted_frames():
    """100 frames of many sizes (60 to 1518 bytes), some VLAN-tagged, of
    several protocols, with random payload bytes."""
    rnd = random.Random(2024)
    frames = []
    for i in range(100):
        eth = Ether(src=MAC_A, dst=MAC_B)
        if i % 3 == 0:
            eth = eth / Dot1Q(vlan=1 + i * 40, prio=i % 8)
        kind = i % 4
        if kind == 0:
            l3 = IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1000 + i,
                                                          dport=2000)
        elif kind == 1:
            l3 = IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=40000 + i,
                                                          dport=80)
        elif kind == 2:
            l3 = IPv6(src="fd00::1", dst="fd00::2") / UDP(sport=i, dport=53)
        else:
            l3 = ARP(psrc="10.0.0.1", pdst="10.0.0.%d" % (i + 2))
        frame = eth / l3
        max_len = 1518 if i % 3 == 0 else 1514
        size = 60 if i == 1 else max_len if i in (0, 2) else \
            rnd.randint(60, max_len)
        pad = max(0, size - len(frame))
        frames.append(raw(frame) + bytes(rnd.getrandbits(8)
                                         for _ in range(pad)))
    return frames


def t_frames_arrive_byte_for_byte(env):
    sent = crafted_frames()
    wrpcap(env.path("in.pcap"), [Ether(f) for f in sent])
    env.testpmd()
    # B first, capturing until told to stop; A once B's link is up (its
    # first progress line), so that no frame meets a port not ready yet.
    b = env.guest("b", ["--sock", env.sock_b, "--server", "--mac", MAC_B,
                        "--capture", env.path("b.pcap"), "--progress"])
    dpdklib.wait_for(lambda: progress(env, "b"), "guest B's link", 30)
    a = env.guest("a", ["--sock", env.sock_a, "--server", "--mac", MAC_A,
                        "--send", env.path("in.pcap"), "--linger", "1"])
    check(wait_exit(a, "guest A") == 0, "guest A failed")
    b.send_signal(signal.SIGTERM)
    check(wait_exit(b, "guest B") == 0, "guest B failed after SIGTERM")

    sa, sb = summary(env, "a"), summary(env, "b")
    check(sa["sent"] == 100 and sa["tx_failed"] == 0,
          "guest A summary: %s" % sa)
    check(sb["received"] == 100, "guest B summary: %s" % sb)
    got = [raw(p) for p in rdpcap(env.path("b.pcap"))]
    check(len(got) == len(sent), "captured %d frames, sent %d"
          % (len(got), len(sent)))
    for i, (s, g) in enumerate(zip(sent, got)):
        check(s == g, "frame %d differs: sent %d bytes, got %d"
              % (i, len(s), len(g)))


def t_loop_mode_circulates(env):
    env.testpmd()
    g = env.guest("loop", ["--sock", env.sock_a, "--sock", env.sock_b,
                           "--server", "--loop", "--size", "64",
                           "--flows", "16", "--duration", "5",
                           "--warmup", "2"])
    check(wait_exit(g, "loop guest", 40) == 0, "loop guest failed")
    s = summary(env, "loop")
    rates = [l for l in env.out("loop").splitlines() if l.startswith("t=")]
    check(len(rates) >= 4, "expected a rate line per second: %s" % rates)
    check(s["mpps"] > 0 and s["rx"] > 0 and s["tx"] > 0,
          "no packet circulated: %s" % s)
    check(2.5 < s["seconds"] < 3.5, "measured %s s, not the last 3 s"
          % s["seconds"])


def t_traffic_resumes_after_switch_restart(env):
    tp = env.testpmd("testpmd1")
    b = env.guest("b", ["--sock", env.sock_b, "--server", "--progress"])
    dpdklib.wait_for(lambda: progress(env, "b"), "guest B's link", 30)
    wrpcap(env.path("one.pcap"), [Ether(src=MAC_A, dst=MAC_B) /
                                  IP(dst="10.0.0.2") / UDP()])
    a = env.guest("a", ["--sock", env.sock_a, "--server", "--send",
                        env.path("one.pcap"), "--repeat", "0", "--pps",
                        "1000", "--progress"])
    dpdklib.wait_for(lambda: any(r[2] for r in progress(env, "b")),
                     "traffic before the restart", 20)
    env.procs.stop(tp)
    time.sleep(1)
    before = progress(env, "b")[-1][2]
    env.testpmd("testpmd2")
    dpdklib.wait_for(lambda: progress(env, "b")[-1][2] > before + 500,
                     "traffic after the restart", 20)
    for name, p in (("a", a), ("b", b)):
        p.send_signal(signal.SIGTERM)
        check(wait_exit(p, "guest " + name) == 0, "guest %s failed" % name)
    check(summary(env, "a")["sent"] > 0, "guest A sent nothing")


def t_wait_link_gives_up(env):
    start = time.monotonic()
    g = env.guest("lonely", ["--sock", env.sock_a, "--server",
                             "--wait-link", "1"])
    check(wait_exit(g, "lonely guest") == 1, "expected exit status 1")
    check(time.monotonic() - start < 10, "took too long to give up")
    with open(env.path("lonely.err")) as f:
        err = f.read()
    check("--wait-link" in err, "no clear message: " + err[-500:])
    check(not env.out("lonely"), "printed a summary without a link")


def main():
    if os.geteuid() != 0 or not TESTPMD:
        print("1..0 # SKIP needs root and dpdk-testpmd (package dpdk)")
        return 0
    return run_tests([
        ("frames arrive byte for byte", with_env(t_frames_arrive_byte_for_byte)),
        ("loop mode circulates", with_env(t_loop_mode_circulates)),
        ("traffic resumes after switch restart",
         with_env(t_traffic_resumes_after_switch_restart)),
        ("wait-link gives up", with_env(t_wait_link_gives_up)),
    ])


if __name__ == "__main__":
    sys.exit(main())
