"""Helpers for system tests: a private pont-vswitchd, its dummy ports as
unix SOCK_SEQPACKET sockets, ovs-ofctl against its OpenFlow listener, and
TAP output.

Everything lives in a temporary directory that is removed at the end; the
daemon is stopped by the PID we started, even when a test fails."""

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Switch:
    """One pont-vswitchd with one dummy bridge whose ports are sockets."""

    def __init__(self, build, bridge="br0", n_ports=3, fail_mode="secure"):
        self.build = build
        self.bridge = bridge
        self.dir = tempfile.mkdtemp(prefix="pont-sys-")
        self.ctl = os.path.join(self.dir, "vswitchd.ctl")
        self.mgmt = os.path.join(self.dir, bridge + ".mgmt")
        self.proc = None
        self.socks = {}
        self.start()
        self.vsctl("add-br", bridge, "datapath=dummy")
        self.vsctl("set-fail-mode", bridge, fail_mode)
        self.vsctl("set-listener", bridge, "punix:" + self.mgmt)
        for n in range(1, n_ports + 1):
            path = os.path.join(self.dir, "p%d.sock" % n)
            self.vsctl("add-port", bridge, "p%d" % n, "type=dummy",
                       "sock=" + path, "ofport=%d" % n)
            self.socks[n] = self._connect(path)
        wait_for(lambda: os.path.exists(self.mgmt), "OpenFlow listener")

    def start(self):
        cmd = [os.path.join(self.build, "vswitchd", "pont-vswitchd"),
               "--config", os.path.join(self.dir, "vswitchd.json"),
               "--ctl", self.ctl,
               "--pidfile", os.path.join(self.dir, "vswitchd.pid"),
               "--log-file", os.path.join(self.dir, "vswitchd.log")]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        wait_for(lambda: os.path.exists(self.ctl), "the control socket")

    def stop(self):
        for s in self.socks.values():
            s.close()
        self.socks = {}
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self):
        try:
            with open(os.path.join(self.dir, "vswitchd.log")) as f:
                return f.read()
        except OSError:
            return ""

    def _connect(self, path):
        wait_for(lambda: os.path.exists(path), path)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        s.connect(path)
        return s

    def vsctl(self, *args, ok=True):
        cmd = [os.path.join(self.build, "utilities", "pont-vsctl"),
               "--ctl", self.ctl] + list(args)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if ok and r.returncode:
            raise Failure("pont-vsctl %s: %s" % (" ".join(args),
                                                 r.stderr.strip()))
        return r

    def ofctl(self, *args, ok=True, stdin=None):
        """ovs-ofctl -O OpenFlow13 CMD unix:MGMT ARGS..."""
        cmd = ["ovs-ofctl", "-O", "OpenFlow13"]
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        cmd += opts + [rest[0], "unix:" + self.mgmt] + rest[1:]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30,
                           input=stdin)
        if ok and r.returncode:
            raise Failure("ovs-ofctl %s: %s" % (" ".join(args),
                                                r.stderr.strip()))
        return r

    def send(self, port, frame):
        self.socks[port].send(bytes(frame))

    def recv(self, port, timeout=1.0):
        """All frames port 'port' sends within 'timeout' seconds of quiet."""
        frames = []
        s = self.socks[port]
        while True:
            r, _, _ = select.select([s], [], [], timeout)
            if not r:
                return frames
            frames.append(s.recv(65536))
            timeout = 0.2

    def drain(self):
        for n in self.socks:
            self.recv(n, timeout=0.05)


def wait_for(cond, what, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return
        time.sleep(0.02)
    raise Failure("timed out waiting for " + what)


def run_tests(tests):
    """Runs (name, function) pairs, printing TAP.  Returns the exit code."""
    print("1..%d" % len(tests))
    failed = 0
    for i, (name, fn) in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (i, name))
        except Exception as e:  # A failing test must not stop the others.
            failed += 1
            print("not ok %d - %s" % (i, name))
            for line in str(e).splitlines() or [repr(e)]:
                print("# " + line)
        sys.stdout.flush()
    return 1 if failed else 0
