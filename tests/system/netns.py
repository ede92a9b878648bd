"""A network namespace joined to the root namespace by a veth pair, for
tests that put a Linux host on the other side of a switch's port.

The root side ('outer') has no address (a switch's port takes it); the
namespace side ('inner') has the address given.  close() removes both, and
the class is a context manager that does."""

import os
import subprocess


def sh(*cmd):
    """Runs 'cmd', raising with its output if it fails."""
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd),
                                              (r.stderr or r.stdout).strip()))
    return r.stdout


class VethNetns:
    def __init__(self, prefix, address):
        tag = "%d" % (os.getpid() % 100000)
        self.ns = prefix + tag
        self.outer = "v" + prefix[-2:] + tag + "a"
        self.inner = "v" + prefix[-2:] + tag + "b"
        sh("ip", "netns", "add", self.ns)
        try:
            sh("ip", "link", "add", self.outer, "type", "veth", "peer",
               "name", self.inner)
            sh("ip", "link", "set", self.inner, "netns", self.ns)
            sh("sysctl", "-qw",
               "net.ipv6.conf.%s.disable_ipv6=1" % self.outer)
            sh("ip", "link", "set", self.outer, "up")
            self.run("ip", "link", "set", "lo", "up")
            self.run("ip", "link", "set", self.inner, "up")
            self.run("sysctl", "-qw",
                     "net.ipv6.conf.%s.disable_ipv6=1" % self.inner)
            self.run("ip", "addr", "add", address, "dev", self.inner)
            self.mac = self.run("cat", "/sys/class/net/%s/address"
                                % self.inner).strip()
        except BaseException:
            self.close()
            raise

    def run(self, *cmd):
        """Runs 'cmd' in the namespace and returns its output."""
        return sh("ip", "netns", "exec", self.ns, *cmd)

    def close(self):
        subprocess.run(["ip", "link", "del", self.outer],
                       capture_output=True)
        subprocess.run(["ip", "netns", "del", self.ns], capture_output=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
