"""The processes of the PVP benchmark (tests/bench/pvp.py): the guests that
loop traffic through a switch, and the three switches.

Guests are vhost-user servers (virtio_user server=1) on two sockets, A and
B; switches are the clients and connect to both.  Every object here starts
its processes with the Procs of its Context, in their own session (so that
Ctrl-C reaches only pvp.py, which then stops them in order), and its
stop() undoes everything start() did, even after a partial start: stop by
PID, then remove its hugepage files, its EAL runtime directory and its
network namespace.  Both may raise Failure with a sentence for the user."""

import json
import os
import re
import shutil
import subprocess
import time

import dpdklib

GUEST_CPU = 0
SWITCH_CPU = 1
OFCTL = ["ovs-ofctl", "-O", "OpenFlow13"]
OVS_VSWITCHD = "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk"
OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"

# The guest's and the limit's testpmd settings, the best found here (see
# tests/bench/README.md): 32 packets per burst; `start tx_first 4` puts
# 2 x 4 x 32 packets in the loop, half of what a direction's two
# 256-descriptor rings hold, so that the switch never finds the guest's
# ring full; packed virtqueues (faster for 1518 B, as fast for 64 B).
# 32768 mbufs are ample and keep the pool within -m 256.
TESTPMD_BURST = 32
TESTPMD_MBUFS = 32768
TESTPMD_TX_FIRST = 4
GUEST_DEVARGS = ",packed_vq=1"
# pont-vguest for scenario c: it numbers flows per port and gives each
# port its own source network, so 500 flows per port are 1,000 distinct
# 5-tuples; 16 bursts of 32 per port put 1,024 frames in the loop, as
# many as the four 256-descriptor rings hold (pont-vguest cannot enlarge
# them): a switch that finds a guest ring full drops, and pvp.py reports
# the frames lost.
VGUEST_BURST = 32
VGUEST_BURSTS = 16
# pont-vguest injects once its links are up, which is before the switch can
# send on them: frames it forwards then are lost, and a loop never gets
# them back.  --delay holds the injection back (pont-vguest honours it in
# loop mode only if it was built with that; pvp.py counts lost frames
# either way).
VGUEST_DELAY_S = 1


class Failure(Exception):
    pass


class Context:
    """What every process of one measurement shares: the build directory,
    the hugepages, the Procs, a work directory, and unique names."""

    def __init__(self, build, huge, procs, work, tag):
        self.build = build
        self.huge = huge
        self.procs = procs
        self.work = work
        self.tag = tag          # Unique on the machine: pid and a counter.
        self.sock_a = os.path.join(work, "a.sock")
        self.sock_b = os.path.join(work, "b.sock")

    def prefix(self, who):
        return "pvp%s%s" % (self.tag, who)

    def eal(self, who, lcores, mem_mb=256):
        return ["--lcores", lcores, "-m", str(mem_mb), "--no-pci",
                "--single-file-segments", "--huge-dir", self.huge.dir,
                "--file-prefix", self.prefix(who), "--log-level", "*:notice"]

    def start(self, name, cmd, env=None):
        """Starts CMD with its output in WORK/NAME.log."""
        return self.procs.start(cmd, log=self.log_path(name), env=env,
                                start_new_session=True)

    def log_path(self, name):
        return os.path.join(self.work, name + ".log")

    def stop(self, proc, timeout=10):
        """SIGTERM, then SIGKILL after TIMEOUT seconds."""
        if proc:
            self.procs.stop(proc, timeout=timeout)

    def forget_dpdk(self, who):
        """Removes what a stopped DPDK process of prefix WHO left: its
        hugepage files (it cannot unlink them itself with
        --single-file-segments) and its EAL runtime directory."""
        prefix = self.prefix(who)
        for name in os.listdir(self.huge.dir):
            if name.startswith(prefix):
                try:
                    os.unlink(os.path.join(self.huge.dir, name))
                except OSError:
                    pass
        shutil.rmtree(os.path.join("/var/run/dpdk", prefix),
                      ignore_errors=True)

    def tail(self, name, lines=15):
        """The last LINES lines of WORK/NAME.log, indented, for a Failure."""
        try:
            with open(self.log_path(name), errors="replace") as f:
                text = f.read().splitlines()[-lines:]
        except OSError:
            return ""
        return "\n    " + "\n    ".join(text) if text else ""


def run(cmd, what, env=None, timeout=60):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       timeout=timeout)
    if r.returncode:
        raise Failure("%s failed: %s" % (what, (r.stderr or r.stdout).strip()))
    return r.stdout


def save_output(path, fn):
    """Writes what FN returns to PATH, or why it failed: diagnostics only,
    they never fail a run."""
    try:
        text = fn()
    except Failure as e:
        text = "%s\n" % e
    with open(path, "w") as f:
        f.write(text)


# ---------------------------------------------------------------- guests

class TestpmdGuest:
    """dpdk-testpmd with two virtio_user ports in io mode, its main and
    forwarding lcores sharing GUEST_CPU, driven through its command line
    on a pipe: `start tx_first` once the switch is ready (with --tx-first
    the first burst would leave as soon as the links are up, before the
    switch can forward it, and a loop that loses its packets stays
    empty), then two `show port stats all` around the measured window:
    the second one gives each port's receive rate over exactly that window,
    timed by testpmd."""

    def __init__(self, ctx, size):
        self.ctx = ctx
        self.size = size
        self.proc = None
        self.log = None
        self.up = False

    def start(self, seconds, warmup):
        ctx = self.ctx
        vdevs = []
        for n, sock in enumerate((ctx.sock_a, ctx.sock_b)):
            vdevs += ["--vdev", "net_virtio_user%d,path=%s,server=1,queues=1%s"
                      % (n, sock, GUEST_DEVARGS)]
        # stdbuf: what testpmd prints must reach the log as it prints it.
        cmd = (["stdbuf", "-oL", "dpdk-testpmd"]
               + ctx.eal("g", "0@%d,1@%d" % (GUEST_CPU, GUEST_CPU)) + vdevs
               + ["--", "-i", "--forward-mode=io", "--nb-cores=1",
                  "--burst=%d" % TESTPMD_BURST, "--txpkts=%d" % self.size,
                  "--total-num-mbufs=%d" % TESTPMD_MBUFS])
        # Procs.start gives no stdin: start it here, stop it with Procs.
        self.log = open(ctx.log_path("guest"), "w")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=self.log,
                                     stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        ctx.procs.procs.append(self.proc)

    def wait_up(self, timeout=60):
        """Waits for the prompt: the switch connected to both ports."""
        dpdklib.wait_for(lambda: self.proc.poll() is not None or
                         "testpmd> " in self._text(), "the guest's prompt",
                         timeout=timeout)
        if self.proc.poll() is not None:
            raise Failure("the guest (testpmd) exited:"
                          + self.ctx.tail("guest"))
        self.up = True

    def _text(self):
        with open(self.ctx.log_path("guest"), errors="replace") as f:
            return f.read()

    def command(self, line):
        try:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        except OSError:
            raise Failure("the guest (testpmd) exited:"
                          + self.ctx.tail("guest"))

    def measure(self, seconds, warmup):
        """Mpps received by both ports over SECONDS, after WARMUP."""
        self.command("start tx_first %d" % TESTPMD_TX_FIRST)
        time.sleep(warmup)
        self.command("show port stats all")
        time.sleep(seconds)
        self.command("show port stats all")
        dpdklib.wait_for(lambda: self.proc.poll() is not None or
                         len(rx_rates(self._text())) >= 4,
                         "the guest's statistics", timeout=10)
        rates = rx_rates(self._text())
        if len(rates) < 4:
            raise Failure("the guest (testpmd) exited:"
                          + self.ctx.tail("guest"))
        if not rates[-2] or not rates[-1]:
            raise Failure("the guest received %d pps on port 0 and %d on "
                          "port 1: the loop lost its packets in one "
                          "direction at least" % (rates[-2], rates[-1]))
        return (rates[-2] + rates[-1]) / 1e6

    def stop(self):
        """Quits through the command line; before its prompt, testpmd
        waits in accept() for the switch and ignores SIGTERM: kill it."""
        if self.proc and self.proc.poll() is None:
            try:
                if self.up:
                    self.proc.stdin.write("stop\nquit\n")
                    self.proc.stdin.close()
                    self.proc.wait(timeout=10)
                else:
                    self.proc.kill()
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.ctx.stop(self.proc)
        if self.log:
            self.log.close()
        self.ctx.forget_dpdk("g")


def rx_rates(text):
    """Every 'Rx-pps' testpmd printed in TEXT, in order (port 0 then port 1
    for each `show port stats all`)."""
    return [int(x) for x in re.findall(r"Rx-pps:\s+(\d+)", text)]


class VguestGuest:
    """pont-vguest --loop: N_TUPLES distinct UDP 5-tuples circulating,
    forwarded untouched like testpmd's io mode, on GUEST_CPU."""

    def __init__(self, ctx, size, n_tuples):
        self.ctx = ctx
        self.size = size
        self.n_tuples = n_tuples
        self.proc = None

    @staticmethod
    def binary(build):
        return os.path.join(build, "tests", "tools", "pont-vguest")

    def start(self, seconds, warmup):
        ctx = self.ctx
        cmd = ([self.binary(ctx.build)] + ctx.eal("g", "0@%d" % GUEST_CPU)
               + ["--", "--loop", "--server", "--sock", ctx.sock_a,
                  "--sock", ctx.sock_b, "--size", str(self.size),
                  "--flows", str(self.n_tuples // 2),
                  "--burst", str(VGUEST_BURST),
                  "--bursts", str(VGUEST_BURSTS),
                  "--delay", str(VGUEST_DELAY_S),
                  "--duration", str(seconds + warmup),
                  "--warmup", str(warmup)])
        self.proc = ctx.start("guest", cmd)

    def wait_up(self):
        """Nothing to wait for: pont-vguest starts its traffic by itself
        once its links are up."""

    def measure(self, seconds, warmup, timeout=60):
        try:
            self.proc.wait(timeout=timeout + seconds + warmup)
        except subprocess.TimeoutExpired:
            raise Failure("pont-vguest did not finish:"
                          + self.ctx.tail("guest"))
        with open(self.ctx.log_path("guest"), errors="replace") as f:
            lines = [ln for ln in f if ln.startswith("{")]
        if self.proc.returncode or not lines:
            raise Failure("pont-vguest failed (exit %d):%s"
                          % (self.proc.returncode, self.ctx.tail("guest")))
        mpps = json.loads(lines[-1])["mpps"]
        if not mpps:
            raise Failure("no packet came back to pont-vguest")
        return mpps

    def stop(self):
        # Waiting in accept() for the switch, it would ignore SIGTERM.
        self.ctx.stop(self.proc, timeout=3)
        self.ctx.forget_dpdk("g")


# -------------------------------------------------------------- switches

class LimitSwitch:
    """dpdk-testpmd forwarding in io mode between two vhost-user client
    ports: no parsing, no lookup.  Both lcores on SWITCH_CPU (the main one
    only wakes to print statistics)."""

    name = "limit"
    logs = ("switch",)

    def __init__(self, ctx):
        self.ctx = ctx
        self.proc = None

    def start(self, flows_file):
        ctx = self.ctx
        vdevs = []
        for n, sock in enumerate((ctx.sock_a, ctx.sock_b)):
            vdevs += ["--vdev", "net_vhost%d,iface=%s,client=1,queues=1"
                      % (n, sock)]
        # --stats-period keeps testpmd running without a terminal; stdbuf
        # lets wait_ready() see its link events as they happen.
        cmd = (["stdbuf", "-oL", "dpdk-testpmd"]
               + ctx.eal("s", "0@%d,1@%d" % (SWITCH_CPU, SWITCH_CPU)) + vdevs
               + ["--", "--forward-mode=io", "--nb-cores=1",
                  "--burst=%d" % TESTPMD_BURST,
                  "--total-num-mbufs=%d" % TESTPMD_MBUFS,
                  "--stats-period=1"])
        self.proc = ctx.start("switch", cmd)

    def wait_ready(self, timeout=30):
        """Waits for both ports' link-up events: net_vhost raises them when
        the guest has set up the rings, and drops what it is given to send
        before."""
        def both_up():
            with open(self.ctx.log_path("switch"), errors="replace") as f:
                return f.read().count("link state change event") >= 2
        dpdklib.wait_for(both_up, "the limit's ports to come up", timeout)

    def check(self):
        """No flows to check: None."""
        if self.proc.poll() is not None:
            raise Failure("the limit testpmd exited")
        return None

    def stop(self):
        self.ctx.stop(self.proc)
        self.ctx.forget_dpdk("s")

    def lost_frames(self):
        """Frames the limit could not send, from the statistics testpmd
        prints when it stops (net_vhost refuses frames until the guest's
        rings are ready, without counting them itself); None if there
        are none."""
        with open(self.ctx.log_path("switch"), errors="replace") as f:
            # Per port, not the "Accumulated" total that follows them.
            drops = re.findall(r"Forward statistics for port \d+.*\n.*\n"
                               r"\s*TX-packets:\s+\d+\s+TX-dropped:\s+(\d+)",
                               f.read())
        return sum(int(x) for x in drops[-2:]) if len(drops) >= 2 else None


def wait_ports_live(ofctl, who, timeout):
    """Waits until OpenFlow ports 1 and 2 are LIVE (vhost-user ports come
    up when the guest has set up their rings: before, what the switch would
    send there is lost)."""
    def live():
        up, port = set(), None
        for line in ofctl("--no-names", "dump-ports-desc").splitlines():
            header = re.match(r" (\w+)[(:]", line)
            if header:
                port = header.group(1)
            elif line.split() == ["state:", "LIVE"]:
                up.add(port)
        return {"1", "2"} <= up
    dpdklib.wait_for(live, "%s's ports 1 and 2 to come up" % who, timeout)


class OvsSwitch:
    """A private Open vSwitch DPDK: its own ovsdb-server and database, and
    ovs-vswitchd-dpdk in its own network namespace (the netdev datapath
    creates a tap named after the bridge), with one PMD on SWITCH_CPU, two
    dpdkvhostuserclient ports and the flows loaded before the ports, so
    that the guest's first packets meet them."""

    name = "ovs"
    logs = ("switch", "ovs/ovs-vswitchd")

    def __init__(self, ctx):
        self.ctx = ctx
        self.dir = os.path.join(ctx.work, "ovs")
        self.env = dict(os.environ, OVS_RUNDIR=self.dir, OVS_DBDIR=self.dir,
                        OVS_LOGDIR=self.dir, OVS_SYSCONFDIR=self.dir)
        self.netns = "pont-pvp-%s" % ctx.tag
        self.has_netns = False
        self.db = self.vswitchd = None
        self.lost = None

    def vsctl(self, *args):
        return run(["ovs-vsctl", "--db=unix:" + self.dir + "/db.sock",
                    "--timeout=60"] + list(args), "ovs-vsctl " + args[0],
                   env=self.env, timeout=90)

    def ofctl(self, *args):
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        return run(OFCTL + opts + [rest[0], "unix:%s/br0.mgmt" % self.dir]
                   + rest[1:], "ovs-ofctl " + rest[0], env=self.env,
                   timeout=120)

    def start(self, flows_file):
        ctx, d = self.ctx, self.dir
        os.mkdir(d)
        run(["ovsdb-tool", "create", d + "/conf.db", OVS_SCHEMA],
            "ovsdb-tool create", env=self.env)
        self.db = ctx.start("ovsdb-server", [
            "ovsdb-server", d + "/conf.db", "--remote=punix:" + d + "/db.sock",
            "--unixctl=" + d + "/ovsdb-server.ctl", "-vconsole:off",
            "--log-file=" + d + "/ovsdb-server.log", "--no-chdir"],
            env=self.env)
        dpdklib.wait_for(lambda: os.path.exists(d + "/db.sock"),
                         "ovsdb-server's socket")
        extra = ("--no-pci --single-file-segments --huge-dir %s "
                 "--file-prefix %s --log-level *:notice"
                 % (ctx.huge.dir, ctx.prefix("s")))
        self.vsctl("--no-wait", "init", "--", "set", "Open_vSwitch", ".",
                   "other_config:dpdk-init=true",
                   'other_config:dpdk-extra="%s"' % extra,
                   "other_config:dpdk-lcore-mask=0x%x" % (1 << GUEST_CPU),
                   "other_config:pmd-cpu-mask=0x%x" % (1 << SWITCH_CPU),
                   "other_config:per-port-memory=true")
        run(["ip", "netns", "add", self.netns], "ip netns add")
        self.has_netns = True
        self.vswitchd = ctx.start("switch", [
            "ip", "netns", "exec", self.netns, OVS_VSWITCHD,
            "unix:" + d + "/db.sock", "--unixctl=" + d + "/ovs-vswitchd.ctl",
            "-vconsole:off", "--log-file=" + d + "/ovs-vswitchd.log",
            "--no-chdir"], env=self.env)
        self._wait_dpdk()
        self.vsctl("add-br", "br0", "--", "set", "bridge", "br0",
                   "datapath_type=netdev", "protocols=OpenFlow13",
                   "fail_mode=secure")
        dpdklib.wait_for(lambda: os.path.exists(d + "/br0.mgmt"),
                         "the OpenFlow socket of br0")
        self.ofctl("add-flows", flows_file)
        for n, sock in ((1, ctx.sock_a), (2, ctx.sock_b)):
            self.vsctl("add-port", "br0", "vm%d" % n, "--", "set",
                       "Interface", "vm%d" % n, "type=dpdkvhostuserclient",
                       "options:vhost-server-path=" + sock,
                       "ofport_request=%d" % n)

    def wait_ready(self, timeout=30):
        wait_ports_live(self.ofctl, "Open vSwitch", timeout)

    def _wait_dpdk(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.vswitchd.poll() is not None:
                raise Failure("ovs-vswitchd-dpdk exited")
            if self.vsctl("get", "Open_vSwitch", ".",
                          "dpdk_initialized").strip() == "true":
                return
            time.sleep(0.2)
        raise Failure("Open vSwitch did not initialise DPDK within %d s"
                      % timeout)

    def check(self):
        """Flow counters; PMD and port statistics go to logs."""
        save_output(self.ctx.log_path("ovs-pmd-stats"), lambda: run(
            ["ovs-appctl", "-t", self.dir + "/ovs-vswitchd.ctl",
             "dpif-netdev/pmd-stats-show"], "pmd-stats-show", env=self.env))
        self.lost = self._tx_dropped()
        return self.ofctl("--no-names", "dump-flows")

    def _tx_dropped(self):
        """tx_dropped of both ports, from the database: Open vSwitch
        refreshes it every 5 s, and dump-ports and dpctl/show cannot read
        the counters of vhost-user ports."""
        lost = 0
        for port in ("vm1", "vm2"):
            stats = self.vsctl("get", "Interface", port, "statistics")
            m = re.search(r"\btx_dropped=(\d+)", stats)
            if not m:
                return None
            lost += int(m.group(1))
        return lost

    def lost_frames(self):
        """Frames the switch could not send to the guest (None: unknown)."""
        return self.lost

    def stop(self):
        self.ctx.stop(self.vswitchd)
        self.ctx.stop(self.db)
        if self.has_netns:
            subprocess.run(["ip", "netns", "del", self.netns],
                           capture_output=True)
            self.has_netns = False
        self.ctx.forget_dpdk("s")


class PontSwitch:
    """pont-vswitchd with a DPDK bridge, its PMD on SWITCH_CPU and its main
    lcore on GUEST_CPU (like Open vSwitch's dpdk-lcore-mask), two
    vhost-user client ports and the flows loaded before the ports."""

    name = "pont"
    logs = ("switch", "pont/vswitchd")

    def __init__(self, ctx):
        self.ctx = ctx
        self.dir = os.path.join(ctx.work, "pont")
        self.ctl = os.path.join(self.dir, "vswitchd.ctl")
        self.mgmt = os.path.join(self.dir, "br0.mgmt")
        self.proc = None
        self.lost = None

    @staticmethod
    def binary(build):
        return os.path.join(build, "vswitchd", "pont-vswitchd")

    def vsctl(self, *args):
        return run([os.path.join(self.ctx.build, "utilities", "pont-vsctl"),
                    "--ctl=" + self.ctl] + list(args),
                   "pont-vsctl " + args[0])

    def ofctl(self, *args):
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        return run(OFCTL + opts + [rest[0], "unix:" + self.mgmt] + rest[1:],
                   "ovs-ofctl " + rest[0], timeout=120)

    def start(self, flows_file):
        ctx, d = self.ctx, self.dir
        os.mkdir(d)
        eal = ("-l %d --no-pci --single-file-segments --huge-dir %s "
               "--file-prefix=%s -m 512 --log-level=*:notice"
               % (GUEST_CPU, ctx.huge.dir, ctx.prefix("s")))
        self.proc = ctx.start("switch", [
            self.binary(ctx.build), "--config=" + d + "/vswitchd.json",
            "--ctl=" + self.ctl, "--pidfile=" + d + "/vswitchd.pid",
            "--log-file=" + d + "/vswitchd.log", "--dpdk-args=" + eal,
            "--pmd-cores=%d" % SWITCH_CPU, "--pmd-max-sleep-us=0"])
        dpdklib.wait_for(lambda: os.path.exists(self.ctl) or
                         self.proc.poll() is not None, "pont-vswitchd")
        if self.proc.poll() is not None:
            raise Failure("pont-vswitchd exited")
        self.vsctl("add-br", "br0", "datapath=dpdk")
        self.vsctl("set-fail-mode", "br0", "secure")
        self.vsctl("set-listener", "br0", "punix:" + self.mgmt)
        dpdklib.wait_for(lambda: os.path.exists(self.mgmt),
                         "the OpenFlow socket of br0")
        self.ofctl("add-flows", flows_file)
        for n, sock in ((1, ctx.sock_a), (2, ctx.sock_b)):
            self.vsctl("add-port", "br0", "vm%d" % n, "type=vhostuser",
                       "path=" + sock, "ofport=%d" % n)

    def wait_ready(self, timeout=30):
        wait_ports_live(self.ofctl, "Pont", timeout)

    def check(self):
        """Flow counters; PMD and port statistics and datapath flows go
        to logs."""
        save_output(self.ctx.log_path("pont-pmd-stats"),
                    lambda: self.vsctl("pmd-stats"))
        save_output(self.ctx.log_path("pont-dp-flows"),
                    lambda: self.vsctl("dump-dp-flows", "br0"))
        ports = self.ofctl("--no-names", "dump-ports")
        save_output(self.ctx.log_path("pont-ports"), lambda: ports)
        drops = re.findall(r"tx pkts=\d+, bytes=\d+, drop=(\d+)", ports)
        self.lost = sum(int(x) for x in drops) if drops else None
        return self.ofctl("--no-names", "dump-flows")

    def lost_frames(self):
        """Frames the switch could not send to the guest (None: unknown)."""
        return self.lost

    def stop(self):
        self.ctx.stop(self.proc)
        self.ctx.forget_dpdk("s")


SWITCHES = {"limit": LimitSwitch, "ovs": OvsSwitch, "pont": PontSwitch}
