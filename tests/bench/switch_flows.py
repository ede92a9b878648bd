#!/usr/bin/python3
"""Benchmark, not a test: the switch's control path, pont-vswitchd next to
Open vSwitch, both with dummy datapaths, both driven by the same client
(`ovs-ofctl -O OpenFlow13`) over a unix socket.

Steps, each timed on both switches in turn:
  a. add-flows of 10,000 and of 100,000 flows of mixed masks (4 tables,
     5 priorities; matches on in_port, dl_vlan, ip/tcp/udp, tcp/udp ports
     and source and destination prefixes of many lengths);
  b. --bundle add-flows of the same 10,000;
  c. dump-flows of the 100,000;
  d. del-flows, not strict, with a match (ip,nw_src=10.128.0.0/9) that
     removes exactly half of the 100,000;
  e. with 10,000 flows loaded, one `ovs-ofctl add-flow` of one more flow
     (the client waits for the barrier reply): median of 20.
Without --bundle, ovs-ofctl sends each flow_mod with a barrier request and
waits for the reply before the next: add-flows is a round trip per flow.
After every step the flow count of both switches must be the expected one;
that, and every command succeeding, is all it checks: a slower Pont is a
figure, not a failure.

Usage: switch_flows.py BUILD_DIR [SOURCE_DIR]
Exit status: 0 when everything ran, 1 when something failed to run or a
flow count was wrong, 2 on bad usage."""

import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SRC = (sys.argv[2] if len(sys.argv) > 2 else
       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "system"))
from pontlib import Failure, Switch  # noqa: E402

OVS_SCRIPT = os.path.join(SRC, "tests", "interop", "ovs-switch.sh")
OFCTL = ["ovs-ofctl", "-O", "OpenFlow13"]
# Deleting 'ip,nw_src=10.128.0.0/9' removes every other generated flow.
DEL_HALF = "ip,nw_src=10.128.0.0/9"
LATENCY_RUNS = 20
CLK_TCK = os.sysconf("SC_CLK_TCK")


def dotted(addr):
    return "%d.%d.%d.%d" % (addr >> 24, addr >> 16 & 255, addr >> 8 & 255,
                            addr & 255)


def prefix(rng, base, base_len, plen):
    """A random PLEN-bit prefix inside BASE/BASE_LEN, as 'A.B.C.D/PLEN'."""
    addr = base | rng.getrandbits(32 - base_len)
    addr &= 0xffffffff << (32 - plen) & 0xffffffff
    return "%s/%d" % (dotted(addr), plen)


def gen_flows(n, seed=20240601):
    """N distinct flows, the same for the same N and SEED.  Every flow
    matches ip with a source prefix of 9 to 32 bits inside 10.0.0.0/8
    whose ninth bit alternates from one flow to the next, so DEL_HALF
    removes exactly half of them; the other fields give a mix of masks."""
    rng = random.Random(seed)
    seen = set()
    flows = []
    while len(flows) < n:
        half = len(flows) & 1
        table = rng.randrange(4)
        priority = rng.choice((10, 100, 1000, 20000, 32768))
        match = []
        if rng.random() < 0.4:
            match.append("in_port=%d" % rng.randint(1, 2))
        if rng.random() < 0.3:
            match.append("dl_vlan=%d" % rng.randint(1, 4094))
        proto = rng.choice(("ip", "tcp", "tcp", "udp"))
        match.append(proto)
        match.append("nw_src=" + prefix(rng, 10 << 24 | half << 23, 9,
                                        rng.choice((9, 12, 16, 20, 24, 28,
                                                    32))))
        if rng.random() < 0.5:
            match.append("nw_dst=" + prefix(rng, 0xc0a80000, 16,
                                            rng.choice((16, 24, 32))))
        if proto != "ip":
            if rng.random() < 0.7:
                match.append("tp_dst=%d" % rng.randint(1, 65535))
            if rng.random() < 0.3:
                match.append("tp_src=0x%x/0xff00" % (rng.getrandbits(8) << 8))
        key = (table, priority, ",".join(match))
        if key in seen:
            continue
        seen.add(key)
        actions = ["output:1", "output:2", "drop",
                   "set_field:00:00:5e:00:01:%02x->eth_dst,output:2"
                   % rng.getrandbits(8)]
        if table < 3:
            actions.append("goto_table:%d" % (table + 1))
        flows.append("table=%d,priority=%d,%s,actions=%s"
                     % (table, priority, ",".join(match), rng.choice(actions)))
    return flows


class Sample:
    """One timed command: its wall time, and the CPU time that the switch
    and the client (ovs-ofctl) spent meanwhile, all in seconds."""

    def __init__(self, wall, switch_cpu, client_cpu):
        self.wall = wall
        self.switch_cpu = switch_cpu
        self.client_cpu = client_cpu


def process_cpu(pid):
    """User plus system time of process PID and all its threads, seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Target:
    """One switch under test (process PID), reached by ovs-ofctl at
    'unix:MGMT'."""

    def __init__(self, name, pid, mgmt, work):
        self.name = name
        self.pid = pid
        self.target = "unix:" + mgmt
        self.work = work

    def ofctl(self, *args, out=subprocess.DEVNULL):
        """Runs ovs-ofctl and returns a Sample of it."""
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        cmd = OFCTL + opts + [rest[0], self.target] + rest[1:]
        switch0, client0 = process_cpu(self.pid), children_cpu()
        start = time.perf_counter()
        r = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE,
                           text=True, timeout=300)
        wall = time.perf_counter() - start
        sample = Sample(wall, process_cpu(self.pid) - switch0,
                        children_cpu() - client0)
        if r.returncode:
            raise Failure("%s: ovs-ofctl %s failed: %s" % (
                self.name, " ".join(args), r.stderr.strip()[:500]))
        return sample

    def flow_count(self):
        path = os.path.join(self.work, self.name + "-aggregate.txt")
        with open(path, "w") as f:
            self.ofctl("dump-aggregate", out=f)
        with open(path) as f:
            m = re.search(r"flow_count=(\d+)", f.read())
        if not m:
            raise Failure("%s: no flow_count in dump-aggregate" % self.name)
        return int(m.group(1))


class Ovs:
    """The private Open vSwitch of tests/interop/ovs-switch.sh.  Its bridge
    also listens on WORKDIR/br0.mgmt, which puts both switches behind the
    same kind of socket."""

    def __init__(self, work):
        self.dir = os.path.join(work, "ovs")
        self.mgmt = os.path.join(self.dir, "br0.mgmt")

    def start(self):
        # On failure the script stops whatever it had started.
        r = subprocess.run(["bash", OVS_SCRIPT, "start", self.dir],
                           capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise Failure("cannot start Open vSwitch: " + r.stderr.strip())

    def cleanup(self):
        subprocess.run(["bash", OVS_SCRIPT, "stop", self.dir],
                       capture_output=True, timeout=60)


def median(samples):
    """The median wall time, with the mean CPU times of all SAMPLES (one
    add-flow is too short for the clock tick of /proc/PID/stat)."""
    n = len(samples)
    return Sample(statistics.median(x.wall for x in samples),
                  sum(x.switch_cpu for x in samples) / n,
                  sum(x.client_cpu for x in samples) / n)


class Bench:
    def __init__(self, pont, ovs, work):
        self.targets = (pont, ovs)
        self.work = work
        self.rows = []

    def expect(self, n, step):
        counts = [t.flow_count() for t in self.targets]
        if counts != [n, n]:
            raise Failure("after %s: Pont has %d flows, OVS %d, expected %d"
                          % (step, counts[0], counts[1], n))

    def row(self, what, samples, n=None):
        self.rows.append((what, samples[0], samples[1], n))

    def timed(self, what, runs, fn, n=None):
        """The best of RUNS of FN(target), taking turns so that a burst of
        load elsewhere on the machine does not fall on one switch only."""
        samples = ([], [])
        for _ in range(runs):
            for t, s in zip(self.targets, samples):
                s.append(fn(t))
        how = "best of %d" % runs if runs > 1 else "once"
        self.row("%s, %s" % (what, how),
                 [min(s, key=lambda x: x.wall) for s in samples], n)

    def add_flows(self, path, n, runs, bundle=False):
        def once(t):
            t.ofctl("del-flows")
            args = ["--bundle"] if bundle else []
            return t.ofctl(*args, "add-flows", path)
        self.timed("%sadd-flows %d" % ("--bundle " if bundle else "", n),
                   runs, once, n)
        self.expect(n, "add-flows")

    def latency(self, n_loaded):
        """One more flow at a time, alternating switches."""
        samples = ([], [])
        for k in range(LATENCY_RUNS):
            flow = ("table=0,priority=5,ip,nw_src=11.0.%d.%d,actions=output:1"
                    % (k >> 8, k & 255))
            for t, s in zip(self.targets, samples):
                s.append(t.ofctl("add-flow", flow))
        self.row("add-flow of 1 more, median of %d" % LATENCY_RUNS,
                 [median(s) for s in samples])
        self.expect(n_loaded + LATENCY_RUNS, "add-flow")

    def dump_flows(self, n, runs):
        def once(t):
            path = os.path.join(self.work, t.name + "-dump.txt")
            with open(path, "w") as f:
                sample = t.ofctl("dump-flows", out=f)
            with open(path) as f:
                got = sum(1 for line in f if "actions=" in line)
            os.unlink(path)
            if got != n:
                raise Failure("%s: dump-flows printed %d flows, expected %d"
                              % (t.name, got, n))
            return sample
        self.timed("dump-flows %d" % n, runs, once, n)

    def del_half(self, n):
        self.row("del-flows, half of %d, once" % n,
                 [t.ofctl("del-flows", DEL_HALF) for t in self.targets],
                 n // 2)
        self.expect(n - n // 2, "del-flows " + DEL_HALF)

    def print_table(self):
        print("  %-36s %9s %9s %8s %9s %9s" % (
            "wall time", "Pont ms", "OVS ms", "OVS/Pont", "Pont f/s",
            "OVS f/s"))
        for what, p, o, n in self.rows:
            rate = ("%9.0f %9.0f" % (n / p.wall, n / o.wall)) if n else ""
            print("  %-36s %9.1f %9.1f %7.2fx %s" % (
                what, p.wall * 1e3, o.wall * 1e3, o.wall / p.wall, rate))
        print()
        print("  %-36s %9s %9s %9s %9s" % (
            "CPU time in the same runs", "Pont ms", "OVS ms",
            "ofctl(P)", "ofctl(O)"))
        for what, p, o, n in self.rows:
            print("  %-36s %9.0f %9.0f %9.0f %9.0f" % (
                what, p.switch_cpu * 1e3, o.switch_cpu * 1e3,
                p.client_cpu * 1e3, o.client_cpu * 1e3))
        print("  OVS/Pont > 1 means Pont is faster; f/s: flows added, printed"
              " or removed per second.")
        print("  The del-flows match is %s.  CPU: user+system of the"
              % DEL_HALF)
        print("  switch (all its threads; 10 ms ticks) and of ovs-ofctl"
              " talking to Pont (P) or OVS (O).")


def run(build, work):
    small, large = 10000, 100000
    paths = {}
    for n in (small, large):
        paths[n] = os.path.join(work, "flows-%d.txt" % n)
        with open(paths[n], "w") as f:
            f.write("\n".join(gen_flows(n)) + "\n")

    pont = ovs = None
    try:
        pont = Switch(build, n_ports=2)
        ovs = Ovs(work)
        ovs.start()
        with open(os.path.join(ovs.dir, "ovs-vswitchd.pid")) as f:
            ovs_pid = int(f.read())
        bench = Bench(Target("pont", pont.proc.pid, pont.mgmt, work),
                      Target("ovs", ovs_pid, ovs.mgmt, work), work)
        bench.add_flows(paths[small], small, 5)
        bench.add_flows(paths[small], small, 5, bundle=True)
        bench.latency(small)
        bench.add_flows(paths[large], large, 1)
        bench.dump_flows(large, 3)
        bench.del_half(large)
        bench.print_table()
    finally:
        if pont:
            pont.cleanup()
        if ovs:
            ovs.cleanup()


def main():
    if len(sys.argv) < 2:
        print("usage: switch_flows.py BUILD_DIR [SOURCE_DIR]", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    # Short: Open vSwitch's unix socket paths must fit in 107 bytes.
    work = tempfile.mkdtemp(prefix="pont-bsw-", dir="/tmp")
    try:
        run(build, work)
    except (Failure, OSError, subprocess.SubprocessError) as e:
        print("switch_flows: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
