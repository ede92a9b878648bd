"""Helpers for system tests of Pont's DPDK datapath: a private pont-vswitchd
with a dpdk bridge, DPDK virtio_user guests (pont-vguest) attached to it
over vhost-user, and ovs-ofctl against it.

Everything runs inside a Hugepages and Procs context (dpdklib), so that
processes, hugepages and files go away even when a test fails.  The
switch's PMD runs on CPU 1 and the guests on CPU 0."""

import json
import os
import re
import shutil
import subprocess
import tempfile

import dpdklib

PMD_CPU = "1"
GUEST_CPU = "0"


class DpdkSwitch:
    """pont-vswitchd with one dpdk bridge; ports are added by the test."""

    def __init__(self, build, huge, procs, bridge="br0", fail_mode="secure",
                 workdir=None, netns=None, wrap=(), tag="", mem_mb=512):
        self.build = build
        self.mem_mb = mem_mb
        self.netns = netns  # A Netns to run the daemon in, or None.
        self.wrap = list(wrap)  # A command that runs the daemon's.
        self.huge = huge
        self.procs = procs
        self.bridge = bridge
        self.dir = workdir or tempfile.mkdtemp(prefix="pont-dpdk-")
        os.makedirs(self.dir, exist_ok=True)
        self.ctl = os.path.join(self.dir, "vswitchd.ctl")
        self.mgmt = os.path.join(self.dir, bridge + ".mgmt")
        self.prefix = "pontsys%d%s%s" % (os.getpid(), bridge, tag)
        self.proc = None
        self.start()
        self.vsctl("add-br", bridge, "datapath=dpdk")
        self.vsctl("set-fail-mode", bridge, fail_mode)
        self.vsctl("set-listener", bridge, "punix:" + self.mgmt)
        dpdklib.wait_for(lambda: os.path.exists(self.mgmt), "the listener")

    def start(self):
        """Starts the daemon (again, after stop(): its config file brings
        back the bridge and its ports)."""
        eal = ("--no-pci --single-file-segments --huge-dir %s "
               "--file-prefix=%s -m %d" % (self.huge.dir, self.prefix,
                                           self.mem_mb))
        cmd = [os.path.join(self.build, "vswitchd", "pont-vswitchd"),
               "--config", os.path.join(self.dir, "vswitchd.json"),
               "--ctl", self.ctl,
               "--pidfile=" + os.path.join(self.dir, "vswitchd.pid"),
               "--log-file=" + os.path.join(self.dir, "vswitchd.log"),
               "--dpdk-args=" + eal, "--pmd-cores=" + PMD_CPU,
               "--pmd-max-sleep-us=100"]
        cmd = self.wrap + cmd
        if self.netns:
            cmd = ["ip", "netns", "exec", self.netns.name] + cmd
        self.proc = self.procs.start(cmd, log=os.path.join(self.dir,
                                                           "vswitchd.out"))
        dpdklib.wait_for(lambda: os.path.exists(self.ctl),
                         "the control socket")

    def stop(self):
        self.procs.stop(self.proc)
        self._remove_hugepage_files()

    def crash(self):
        """Kills the daemon with SIGKILL, as a crash would."""
        self.proc.kill()
        self.proc.wait()
        self._remove_hugepage_files()

    def _remove_hugepage_files(self):
        # DPDK 22.11 keeps its hugepage files: remove this prefix's.
        for name in os.listdir(self.huge.dir):
            if name.startswith(self.prefix):
                os.unlink(os.path.join(self.huge.dir, name))

    def vsctl(self, *args, check=True):
        r = subprocess.run([os.path.join(self.build, "utilities",
                                         "pont-vsctl"), "--ctl=" + self.ctl]
                           + list(args), capture_output=True, text=True,
                           timeout=60)
        if check and r.returncode:
            raise RuntimeError("pont-vsctl %s: %s" % (" ".join(args),
                                                    r.stderr.strip()))
        return r

    def ofctl(self, *args, check=True):
        r = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", args[0],
                            "unix:" + self.mgmt] + list(args[1:]),
                           capture_output=True, text=True, timeout=60)
        if check and r.returncode:
            raise RuntimeError("ovs-ofctl %s: %s" % (" ".join(args),
                                                   r.stderr.strip()))
        return r

    def add_vhost(self, name, ofport):
        sock = os.path.join(self.dir, name + ".sock")
        self.vsctl("add-port", self.bridge, name, "type=vhostuser",
                   "path=" + sock, "ofport=%d" % ofport)
        return sock

    def wait_live(self, ofports, timeout=30):
        """Waits until the given OpenFlow ports report a live link."""
        def live():
            text = self.ofctl("dump-ports-desc").stdout
            up = set()
            for m in re.finditer(r"^ (\w+)\((.*?)(?=^ \w|\Z)", text,
                                 re.M | re.S):
                if m.group(1).isdigit() and "LIVE" in m.group(2):
                    up.add(int(m.group(1)))
            return set(ofports) <= up
        dpdklib.wait_for(live, "ports %s to come up" % ofports, timeout)

    def flow_packets(self):
        """Maps each flow's match (as ovs-ofctl prints it) to n_packets."""
        out = {}
        for line in self.ofctl("dump-flows").stdout.splitlines():
            if "n_packets=" not in line:
                continue
            n = int(line.split("n_packets=")[1].split(",")[0])
            rest = line.split("n_bytes=")[1]
            rest = rest.split(", ", 1)[1] if ", " in rest else ""
            out[rest.split(" actions=")[0]] = n
        return out


class Guest:
    """A pont-vguest virtio_user guest, the vhost-user server of 'sock'."""

    def __init__(self, build, huge, procs, name, sock, mac, args,
                 workdir, capture=True):
        self.name = name
        self.log = os.path.join(workdir, name + ".log")
        self.capture = (os.path.join(workdir, name + ".pcap") if capture
                        else None)
        self.prefix = "pontg%s%d" % (name, os.getpid())
        self.huge = huge
        cmd = [os.path.join(build, "tests", "tools", "pont-vguest"),
               "--lcores", "0@" + GUEST_CPU, "--no-pci",
               "--single-file-segments", "--huge-dir", huge.dir,
               "--file-prefix=" + self.prefix, "-m", "128",
               "--log-level", "*:error", "--",
               "--sock", sock, "--server", "--mac", mac]
        if self.capture:
            cmd += ["--capture", self.capture]
        cmd += list(args)
        self.proc = procs.start(cmd, log=self.log)

    def wait(self, timeout=60):
        """Waits for the guest to exit; returns its JSON summary."""
        self.proc.wait(timeout=timeout)
        for name in os.listdir(self.huge.dir):
            if name.startswith(self.prefix):
                os.unlink(os.path.join(self.huge.dir, name))
        with open(self.log) as f:
            lines = [l for l in f.read().splitlines() if l.startswith("{")]
        if self.proc.returncode or not lines:
            raise RuntimeError("guest %s failed (exit %s): see %s"
                               % (self.name, self.proc.returncode,
                                  self.log))
        return json.loads(lines[-1])

    def frames(self):
        from scapy.utils import rdpcap
        return [bytes(p) for p in rdpcap(self.capture)]


def run_cases(cases, call, sw):
    """Runs each function of 'cases' through call(case), printing a TAP line
    per case (the name is the function's, without "case_"); a failure also
    prints its traceback and the state of the switch 'sw' as comments.
    Returns the number of failures."""
    import traceback
    failed = 0
    for i, case in enumerate(cases, 1):
        name = case.__name__[5:].replace("_", " ")
        try:
            call(case)
            print("ok %d - %s" % (i, name))
        except Exception as e:
            failed += 1
            print("not ok %d - %s: %s" % (i, name, e))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
            for what in (("dump-ports", sw.bridge), ("pmd-stats",),
                         ("dump-dp-flows", sw.bridge)):
                out = sw.vsctl(*what, check=False).stdout
                for line in out.splitlines():
                    print("# " + line)
    return failed


class TestRun:
    """The frame of a TAP test of these helpers: prints the plan, holds a
    work directory, runs the cases (run()), and on leaving the 'with'
    block prints any unexpected exception as comments, calls the closers
    given to cleanup() in reverse order, and sets 'status' (finish()).

        run = pontdpdk.TestRun(CASES, "pont-x-")
        with run:
            ns = run.cleanup(netns.Netns("x"), "close")
            with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
                ...
                run.run(lambda case: case(...), sw)
        return run.status
    """

    def __init__(self, cases, prefix):
        self.cases = cases
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.failed = len(cases)
        self.status = 1
        self.closers = []

    def cleanup(self, obj, method="close"):
        """Has obj.method() called on leaving; returns 'obj'."""
        self.closers.append(getattr(obj, method))
        return obj

    def run(self, call, sw):
        self.failed = run_cases(self.cases, call, sw)

    def __enter__(self):
        print("1..%d" % len(self.cases))
        return self

    def __exit__(self, exc_type, exc, tb):
        import traceback
        if exc_type:
            for line in traceback.format_exception(exc_type, exc, tb):
                for part in line.rstrip().splitlines():
                    print("# " + part)
        for close in reversed(self.closers):
            close()
        self.status = finish(self.dir, self.failed)
        return exc_type is None or issubclass(exc_type, Exception)


def finish(workdir, failed):
    """Removes 'workdir', or keeps it and says so if something failed;
    returns the test's exit status."""
    if failed:
        print("# logs kept in " + workdir)
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0
