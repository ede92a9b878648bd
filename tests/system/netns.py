"""Network namespaces for system tests.

Netns: a namespace of this test with its loopback up.  VethNetns: one
joined to the root namespace by a veth pair, for tests that put a Linux
host on the other side of a switch's port: the root side ('outer') has no
address (a switch's port takes it), the namespace side ('inner') has the
address given.  close() removes what they made, and both are context
managers that do."""

import os
import subprocess


def sh(*cmd):
    """Runs 'cmd', raising with its output if it fails; returns stdout."""
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if r.returncode:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd),
                                              (r.stderr or r.stdout).strip()))
    return r.stdout


class Netns:
    def __init__(self, tag):
        self.name = "pont%s%d" % (tag, os.getpid() % 100000)
        sh("ip", "netns", "add", self.name)
        try:
            self.run("ip", "link", "set", "lo", "up")
        except BaseException:
            self.close()
            raise

    @property
    def ns(self):
        return self.name

    def run(self, *cmd, check=True):
        """Runs 'cmd' in the namespace; returns its stdout."""
        if check:
            return sh("ip", "netns", "exec", self.name, *cmd)
        return subprocess.run(["ip", "netns", "exec", self.name] + list(cmd),
                              capture_output=True, text=True,
                              timeout=60).stdout

    def has_link(self, ifname):
        return subprocess.run(["ip", "-n", self.name, "link", "show",
                               ifname], capture_output=True).returncode == 0

    def close(self):
        subprocess.run(["ip", "netns", "del", self.name],
                       capture_output=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class VethNetns(Netns):
    def __init__(self, tag, address):
        super().__init__(tag)
        tail = self.name[4:]
        self.outer = ("v" + tail)[:13] + "a"
        self.inner = ("v" + tail)[:13] + "b"
        try:
            sh("ip", "link", "add", self.outer, "type", "veth", "peer",
               "name", self.inner)
            sh("ip", "link", "set", self.inner, "netns", self.name)
            sh("sysctl", "-qw",
               "net.ipv6.conf.%s.disable_ipv6=1" % self.outer)
            sh("ip", "link", "set", self.outer, "up")
            self.run("ip", "link", "set", self.inner, "up")
            self.run("sysctl", "-qw",
                     "net.ipv6.conf.%s.disable_ipv6=1" % self.inner)
            self.run("ip", "addr", "add", address, "dev", self.inner)
            self.mac = self.run("cat", "/sys/class/net/%s/address"
                                % self.inner).strip()
        except BaseException:
            self.close()
            raise

    def close(self):
        subprocess.run(["ip", "link", "del", getattr(self, "outer", "")],
                       capture_output=True)
        super().close()
