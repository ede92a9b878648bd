"""Several Pont hosts on one machine, for system tests: each host is a
network namespace running its own pont-vswitchd on the DPDK datapath, with
an integration bridge "br-int" whose uplink (net_af_packet on "eth1",
OpenFlow port 100) is joined to the others through a Linux bridge in an
underlay namespace, and whose VXLAN port "pont-tun" (OpenFlow port 101)
has the host's tunnel address 192.168.50.N.
Guests are pont-vguest processes on vhost-user ports of br-int.

Everything runs inside dpdklib's Hugepages and Procs contexts; close()
removes the namespaces (the processes go with Procs)."""

import os
import subprocess

import netns as netnslib
import pontdpdk

TUNNEL_NET = "192.168.50.%d"


class Underlay:
    """A namespace with a Linux bridge "ul0" that the hosts' uplinks join."""

    def __init__(self):
        self.ns = netnslib.Netns("ul")
        self.ns.run("ip", "link", "add", "ul0", "type", "bridge")
        self.ns.run("ip", "link", "set", "ul0", "up")

    def close(self):
        self.ns.close()


class Host:
    def __init__(self, build, huge, procs, underlay, index, workdir,
                 mem_mb=256):
        self.index = index
        self.tunnel_ip = TUNNEL_NET % index
        self.ns = netnslib.Netns("h%d" % index)
        self.dir = os.path.join(workdir, "h%d" % index)
        os.makedirs(self.dir, exist_ok=True)
        self._plug(underlay)
        self.sw = pontdpdk.DpdkSwitch(build, huge, procs, bridge="br-int",
                                      workdir=self.dir, netns=self.ns,
                                      tag="h%d" % index, mem_mb=mem_mb)
        self.sw.vsctl("add-port", "br-int", "eth1", "type=dpdk",
                      "devargs=net_af_packet_h%d,iface=eth1" % index,
                      "ofport=100")
        self.sw.vsctl("add-port", "br-int", "pont-tun", "type=vxlan",
                      "local_ip=%s/24" % self.tunnel_ip, "uplink=eth1",
                      "ofport=101")

    def _plug(self, underlay):
        """A veth from this host's "eth1" to the underlay's bridge."""
        outer = "ul%d%d" % (self.index, os.getpid() % 100000)
        self.underlay_dev = outer  # Its end in the underlay.
        subprocess.run(["ip", "link", "add", "eth1", "netns", self.ns.name,
                        "type", "veth", "peer", "name", outer, "netns",
                        underlay.ns.name], check=True, capture_output=True)
        for ns, dev in ((self.ns, "eth1"), (underlay.ns, outer)):
            ns.run("sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % dev)
            ns.run("ip", "link", "set", dev, "up")
        underlay.ns.run("ip", "link", "set", outer, "master", "ul0")

    def ofport(self, name):
        return int(self.sw.vsctl("get-ofport", "br-int", name).stdout)

    def stop(self):
        self.sw.stop()

    def close(self):
        self.ns.close()
