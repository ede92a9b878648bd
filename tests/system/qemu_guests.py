#!/usr/bin/python3
"""Two QEMU guests (Linux, virtio-net) on vhost-user ports of Pont's DPDK
bridge, with the flows in_port=1,actions=output:2 and the reverse: they
ping each other, a TCP stream from one to the other arrives whole, and the
switch's counters account for the packets the guests counted.

With --switch=testpmd, dpdk-testpmd (io forwarding between two net_vhost
ports) stands in for Pont: that checks the harness itself.

QEMU runs on CPU 0, the switch's forwarding core is CPU 1.  Guest images
come from qemu_guest.guest_images() (cached; see $PONT_GUEST_CACHE).

Usage: qemu_guests.py BUILD_DIR [--switch=pont|testpmd]   (prints TAP)"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import dpdklib
from pontlib import Failure, run_tests, wait_for
from qemu_guest import GuestError, QemuGuest, die_with_parent, guest_images

GUEST_CPU = 0
SWITCH_CPU = 1
PING_COUNT = 10
STREAM_KIB = 4096
TCP_PORT = 5001
DONE_TIMEOUT = 150      # Seconds from the switch's start to both guests done.

# The guests: name, MAC, address, OpenFlow port.
GUESTS = [("vm1", "52:54:00:00:00:01", "10.0.0.1/24", 1),
          ("vm2", "52:54:00:00:00:02", "10.0.0.2/24", 2)]

# vm1 sends the stream to vm2, which listens before anything else.
CLIENT_SCRIPT = """
pont_wait_peer 10.0.0.2 60 || { pont_counters; exit 1; }
pont_ping 10.0.0.2 %(pings)d
pont_tcp_send 10.0.0.2 %(port)d %(kib)d
pont_counters
"""
SERVER_SCRIPT = """
pont_tcp_listen %(port)d /tmp/rx
pont_wait_peer 10.0.0.1 60 || { pont_counters; exit 1; }
pont_ping 10.0.0.1 %(pings)d
pont_tcp_wait /tmp/rx 90
pont_counters
"""


class Skip(Exception):
    pass


@contextlib.contextmanager
def hugepages(n, wait=30):
    """dpdklib.Hugepages(n), tried again for a while when the pool is
    short: other DPDK processes on the machine come and go."""
    deadline = time.monotonic() + wait
    while True:
        huge = dpdklib.Hugepages(n)
        try:
            huge.__enter__()
            break
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)
    try:
        yield huge
    finally:
        huge.__exit__(None, None, None)


class Testpmd:
    """dpdk-testpmd forwarding between two vhost-user client ports."""

    name = "dpdk-testpmd"

    def __init__(self, workdir, huge, procs, socks):
        self.log_path = os.path.join(workdir, "testpmd.log")
        prefix = "pont-qemu-tp%d" % os.getpid()
        eal = dpdklib.eal_args(huge, prefix, "%d,%d" % (GUEST_CPU,
                                                         SWITCH_CPU))
        for i, sock in enumerate(socks):
            eal += ["--vdev", "net_vhost%d,iface=%s,client=1,queues=1"
                    % (i, sock)]
        # Main lcore on CPU 0 (it only prints), forwarding on CPU 1.
        cmd = ["dpdk-testpmd"] + eal + [
            "--", "--forward-mode=io", "--nb-cores=1",
            "--total-num-mbufs=8192", "--stats-period=1"]
        self.proc = procs.start(cmd, log=self.log_path,
                                preexec_fn=die_with_parent)
        wait_for(lambda: "Port statistics" in self.log()
                 or self.proc.poll() is not None, "testpmd to start", 30)
        if self.proc.poll() is not None:
            raise Failure("dpdk-testpmd exited (%d)\n%s"
                          % (self.proc.returncode, self.log()[-2000:]))

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def _blocks(self):
        return self.log().split("NIC statistics for port")[1:]

    def counters(self):
        """{port (1-based): (packets, bytes) received on it}, from a
        statistics print made after this call."""
        seen = len(self._blocks())
        wait_for(lambda: len(self._blocks()) >= seen + 4,
                 "fresh testpmd statistics", 10)
        out = {}
        for block in self._blocks()[-2:]:
            port = int(block.split()[0]) + 1
            pkts = re.search(r"RX-packets:\s+(\d+)", block)
            byts = re.search(r"RX-bytes:\s+(\d+)", block)
            out[port] = (int(pkts.group(1)), int(byts.group(1)))
        return out

    def diagnostics(self):
        text = self.log().replace("\x1b[2J\x1b[1;1H", "")
        start = text.split("Port statistics", 1)[0]
        stats = text[len(start):][-1000:]
        return "--- testpmd log ---\n%s\n...\n%s" % (start[-1500:], stats)


class Pont:
    """pont-vswitchd with a DPDK bridge whose ports are vhost-user clients,
    and the two flows between them."""

    name = "pont-vswitchd"

    def __init__(self, workdir, huge, procs, socks, build):
        self.build = build
        self.ctl = os.path.join(workdir, "vswitchd.ctl")
        self.mgmt = os.path.join(workdir, "br0.mgmt")
        self.log_path = os.path.join(workdir, "vswitchd.log")
        self.out_path = os.path.join(workdir, "vswitchd.out")
        eal = ["--no-pci", "--single-file-segments", "--huge-dir", huge.dir,
               "--file-prefix=pont-qemu-%d" % os.getpid(), "-m", "512"]
        cmd = [os.path.join(build, "vswitchd", "pont-vswitchd"),
               "--config=" + os.path.join(workdir, "vswitchd.json"),
               "--ctl=" + self.ctl,
               "--pidfile=" + os.path.join(workdir, "vswitchd.pid"),
               "--log-file=" + self.log_path,
               "--dpdk-args=" + " ".join(eal),
               "--pmd-cores=%d" % SWITCH_CPU, "--pmd-max-sleep-us=0"]
        self.proc = procs.start(cmd, log=self.out_path,
                                preexec_fn=die_with_parent)
        wait_for(lambda: os.path.exists(self.ctl)
                 or self.proc.poll() is not None, "the control socket", 30)
        if self.proc.poll() is not None:
            raise Failure("pont-vswitchd exited (%d)\n%s"
                          % (self.proc.returncode, self.diagnostics()))
        self.vsctl("add-br", "br0", "datapath=dpdk")
        self.vsctl("set-fail-mode", "br0", "secure")
        for (name, _, _, ofport), sock in zip(GUESTS, socks):
            self.vsctl("add-port", "br0", name, "type=vhostuser",
                       "path=" + sock, "ofport=%d" % ofport)
        self.vsctl("set-listener", "br0", "punix:" + self.mgmt)
        wait_for(lambda: os.path.exists(self.mgmt), "OpenFlow listener")
        self.ofctl("add-flow", "in_port=1,actions=output:2")
        self.ofctl("add-flow", "in_port=2,actions=output:1")

    @staticmethod
    def _read(path):
        try:
            with open(path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def vsctl(self, *args):
        cmd = [os.path.join(self.build, "utilities", "pont-vsctl"),
               "--ctl=" + self.ctl] + list(args)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if r.returncode:
            raise Failure("pont-vsctl %s: %s\n%s"
                          % (" ".join(args), r.stderr.strip(),
                             self.diagnostics()))
        return r.stdout

    def ofctl(self, cmd, *args):
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        r = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13"] + opts +
                           [cmd, "unix:" + self.mgmt] + rest,
                           capture_output=True, text=True, timeout=30)
        if r.returncode:
            raise Failure("ovs-ofctl %s: %s" % (cmd, r.stderr.strip()))
        return r.stdout

    def counters(self):
        """{in_port: (n_packets, n_bytes)} of the two flows."""
        out = {}
        for line in self.ofctl("dump-flows", "--no-names").splitlines():
            port = re.search(r"\bin_port=(\d+)", line)
            pkts = re.search(r"\bn_packets=(\d+)", line)
            byts = re.search(r"\bn_bytes=(\d+)", line)
            if port and pkts and byts:
                out[int(port.group(1))] = (int(pkts.group(1)),
                                           int(byts.group(1)))
        return out

    def diagnostics(self):
        text = "--- vswitchd output ---\n%s\n--- vswitchd log ---\n%s" % (
            self._read(self.out_path)[-1000:],
            self._read(self.log_path)[-2000:])
        if self.proc.poll() is None and os.path.exists(self.ctl):
            for args in (["pmd-stats"], ["dump-dp-flows", "br0"]):
                r = subprocess.run(
                    [os.path.join(self.build, "utilities", "pont-vsctl"),
                     "--ctl=" + self.ctl] + args,
                    capture_output=True, text=True, timeout=30)
                text += "\n--- pont-vsctl %s ---\n%s%s" % (
                    " ".join(args), r.stdout[-1500:], r.stderr[-300:])
        return text


class Scenario:
    """Both guests and the switch, run once; the test cases then read what
    happened."""

    def __init__(self, switch_kind, build, images):
        self.switch_kind = switch_kind
        self.build = build
        self.images = images
        self.error = None
        self.switch = None
        self.guests = []
        self.results = {}
        self.counters = {}
        self.timings = []
        self.consoles = ""
        self.switch_diag = ""

    def run(self, workdir):
        try:
            with hugepages(self.pages()) as huge, dpdklib.Procs() as procs:
                try:
                    self._run(workdir, huge, procs)
                finally:
                    self._collect()
        except Skip:
            raise
        except (Failure, GuestError) as e:
            self.error = "%s\n%s\n%s" % (e, self.consoles, self.switch_diag)
        except Exception:   # Reported by every case, not as a crash.
            self.error = "%s\n%s\n%s" % (traceback.format_exc(),
                                         self.consoles, self.switch_diag)

    def _collect(self):
        """Reads the logs and stops the guests: the work directory goes
        next."""
        if self.switch:
            self.switch_diag = self.switch.diagnostics()
        for g in self.guests:
            g.stop()
        self.consoles = "\n".join(g.tail(1500) for g in self.guests)

    def pages(self):
        return 160 if self.switch_kind == "testpmd" else 288

    def _run(self, workdir, huge, procs):
        params = {"pings": PING_COUNT, "port": TCP_PORT, "kib": STREAM_KIB}
        scripts = [CLIENT_SCRIPT % params, SERVER_SCRIPT % params]
        socks = []
        for (name, mac, ip, _), script in zip(GUESTS, scripts):
            sock = os.path.join(workdir, name + ".sock")
            g = QemuGuest(name, sock, mac, ip, script,
                          os.path.join(workdir, name + ".console"),
                          cpu=GUEST_CPU, images=self.images, procs=procs)
            self.guests.append(g)
            g.start()
            socks.append(sock)
        start = time.monotonic()
        if self.switch_kind == "testpmd":
            self.switch = Testpmd(workdir, huge, procs, socks)
        else:
            self.switch = Pont(workdir, huge, procs, socks, self.build)
        for g in self.guests:
            left = DONE_TIMEOUT - (time.monotonic() - start)
            g.wait_for("READY", max(left, 1))
            self.timings.append("%s ready after %.1f s"
                                % (g.name, time.monotonic() - start))
        for g in self.guests:
            left = DONE_TIMEOUT - (time.monotonic() - start)
            g.wait_done(max(left, 1))
            self.timings.append("%s done after %.1f s"
                                % (g.name, time.monotonic() - start))
        for g in self.guests:
            g.wait_exit()
            self.results[g.name] = g.results()
        self.counters = self.switch.counters()

    def check(self):
        """Raises the scenario's own failure, if any."""
        if self.error:
            raise Failure(self.error)

    def failure(self, what):
        """A Failure for 'what' with the guests' consoles and the
        switch's log."""
        return Failure("\n".join((what, self.consoles, self.switch_diag)))


def result_int(res, key):
    try:
        return int(res.get(key, ""))
    except ValueError:
        return None


def t_ping(sc):
    sc.check()
    for name, peer in (("vm1", "vm2"), ("vm2", "vm1")):
        res = sc.results[name]
        if res.get("peer_wait_s") in (None, "timeout"):
            raise sc.failure("%s never reached %s" % (name, peer))
        sent = result_int(res, "ping_sent")
        got = result_int(res, "ping_received")
        if sent != PING_COUNT or got != PING_COUNT:
            raise sc.failure("%s -> %s: %s of %s pings answered (loss %s%%)"
                             % (name, peer, got, sent, res.get("ping_loss")))


def t_tcp_stream(sc):
    sc.check()
    tx, rx = sc.results["vm1"], sc.results["vm2"]
    size = STREAM_KIB * 1024
    if result_int(tx, "tcp_tx_bytes") != size or tx.get("tcp_tx_rc") != "0":
        raise sc.failure("vm1 did not send the stream: %s" % tx)
    if result_int(rx, "tcp_rx_bytes") != size:
        raise sc.failure("vm2 received %s bytes of %d"
                         % (rx.get("tcp_rx_bytes"), size))
    if rx.get("tcp_rx_md5") != tx.get("tcp_tx_md5"):
        raise sc.failure("md5 differs: sent %s, received %s"
                         % (tx.get("tcp_tx_md5"), rx.get("tcp_rx_md5")))
    ms = result_int(tx, "tcp_tx_ms")
    if ms:
        print("# %d KiB in %d ms (%.1f Mbit/s, TCG: not a benchmark)"
              % (STREAM_KIB, ms, size * 8 / ms / 1000))


def t_switch_counters(sc):
    """What came in on port N (flow in_port=N, or testpmd's RX) is at least
    what the guest there sent, and what the other guest received."""
    sc.check()
    what = "flow in_port=%d" if sc.switch_kind == "pont" \
        else "testpmd port %d RX"
    for (sender, _, _, port), (receiver, _, _, _) in (
            (GUESTS[0], GUESTS[1]), (GUESTS[1], GUESTS[0])):
        got = sc.counters.get(port)
        if got is None:
            raise sc.failure("no counters for port %d: %s"
                             % (port, sc.counters))
        s, r = sc.results[sender], sc.results[receiver]
        for key, n, kind in (("if_tx_packets", got[0], "packets"),
                             ("if_tx_bytes", got[1], "bytes")):
            sent = result_int(s, key)
            recv = result_int(r, key.replace("tx", "rx"))
            if sent is None or recv is None:
                raise sc.failure("guests reported no counters: %s %s"
                                 % (s, r))
            if n < sent or n < recv:
                raise sc.failure("%s counted %d %s; %s sent %d, %s "
                                 "received %d" % (what % port, n, kind,
                                                  sender, sent, receiver,
                                                  recv))
        print("# %s: %d packets, %d bytes (%s sent %s, %s received %s)"
              % (what % port, got[0], got[1], sender, s["if_tx_packets"],
                 receiver, r["if_rx_packets"]))


def prerequisites(switch_kind, build):
    if os.geteuid() != 0:
        raise Skip("needs root (hugepages, hugetlbfs mounts)")
    tools = ["qemu-system-x86_64", "taskset"]
    tools += ["dpdk-testpmd"] if switch_kind == "testpmd" else ["ovs-ofctl"]
    for tool in tools:
        if not shutil.which(tool):
            raise Skip("%s is not installed" % tool)
    if switch_kind == "pont":
        daemon = os.path.join(build, "vswitchd", "pont-vswitchd")
        if not os.access(daemon, os.X_OK):
            raise Skip("no %s" % daemon)
    if not os.path.exists("/sys/kernel/mm/hugepages/hugepages-2048kB"):
        raise Skip("no 2 MB hugepages on this kernel")


def main(argv):
    switch_kind = "pont"
    rest = []
    for arg in argv[1:]:
        if arg.startswith("--switch="):
            switch_kind = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if switch_kind not in ("pont", "testpmd") or len(rest) != 1:
        sys.stderr.write(__doc__.splitlines()[-1] + "\n")
        return 2
    build = os.path.abspath(rest[0])
    # meson's timeout sends SIGTERM: unwind, so that everything is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    workdir = tempfile.mkdtemp(prefix="pont-qemu-")
    try:
        prerequisites(switch_kind, build)
        try:
            images = guest_images()
        except GuestError as e:
            raise Skip("no guest images: %s" % e)
        sc = Scenario(switch_kind, build, images)
        sc.run(workdir)
    except Skip as e:
        print("1..0 # SKIP %s" % e)
        return 0
    except Exception:
        print("1..1\nnot ok 1 - setup")
        for line in traceback.format_exc().splitlines():
            print("# " + line)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for line in sc.timings:
        print("# " + line)
    return run_tests([
        ("the guests ping each other (%d pings, no loss)" % PING_COUNT,
         lambda: t_ping(sc)),
        ("a %d KiB TCP stream vm1 -> vm2 arrives whole" % STREAM_KIB,
         lambda: t_tcp_stream(sc)),
        ("the switch's counters cover the guests' packets",
         lambda: t_switch_counters(sc)),
    ])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
