"""Several Pont hosts on one machine, for system tests: each host is a
network namespace running its own pont-vswitchd on the DPDK datapath, with
an integration bridge "br-int" whose uplink (net_af_packet on "eth1",
OpenFlow port 100) is joined to the others through a Linux bridge in an
underlay namespace, and whose VXLAN port "pont-tun" (OpenFlow port 101)
has the host's tunnel address 192.168.50.N.
Guests are pont-vguest processes on vhost-user ports of br-int, or Linux
guests (NsGuest): namespaces whose eth0 is a veth on an af_packet port of
br-int, with a real IP stack for ping and TCP.  The underlay namespace
also carries a management network (10.99.0.0/24: the hosts' "mgmt0" at
10.99.0.N, the underlay's bridge at 10.99.0.254) where a controller can
listen.

Everything runs inside dpdklib's Hugepages and Procs contexts; close()
removes the namespaces (the processes go with Procs)."""

import os
import subprocess

import netns as netnslib
import pontdpdk

TUNNEL_NET = "192.168.50.%d"
MGMT_NET = "10.99.0.%d"
MGMT_GATEWAY = "10.99.0.254"


class Underlay:
    """A namespace with a Linux bridge "ul0" that the hosts' uplinks join."""

    def __init__(self):
        self.ns = netnslib.Netns("ul")
        self.ns.run("ip", "link", "add", "ul0", "type", "bridge")
        self.ns.run("ip", "addr", "add", MGMT_GATEWAY + "/24", "dev", "ul0")
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
        """Veths from this host's "eth1" (the switch's uplink) and "mgmt0"
        (the kernel's, 10.99.0.N) to the underlay's bridge, with an MTU of
        1600 so that the guests' full frames fit in VXLAN."""
        tag = "%d%d" % (self.index, os.getpid() % 100000)
        self.underlay_dev = "ul" + tag  # The uplink's end in the underlay.
        for dev, outer in (("eth1", "ul" + tag), ("mgmt0", "mg" + tag)):
            subprocess.run(["ip", "link", "add", dev, "netns", self.ns.name,
                            "type", "veth", "peer", "name", outer, "netns",
                            underlay.ns.name], check=True,
                           capture_output=True)
            for ns, d in ((self.ns, dev), (underlay.ns, outer)):
                ns.run("sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % d)
                # VXLAN adds 50 bytes to the guests' 1500.
                ns.run("ip", "link", "set", d, "mtu", "1600", "up")
            underlay.ns.run("ip", "link", "set", outer, "master", "ul0")
        self.ns.run("ip", "addr", "add", MGMT_NET % self.index + "/24", "dev",
                    "mgmt0")

    def add_ns_guest(self, name, mac, ip_cidr, iface_id):
        """A Linux guest on this host (see NsGuest)."""
        return NsGuest(self, name, mac, ip_cidr, iface_id)

    def ofport(self, name):
        return int(self.sw.vsctl("get-ofport", "br-int", name).stdout)

    def stop(self):
        self.sw.stop()

    def close(self):
        self.ns.close()


class NsGuest:
    """A Linux guest: a namespace whose "eth0" (MAC 'mac', address
    'ip_cidr') is a veth whose other end, in the host's namespace, is the
    af_packet port 'name' of br-int with iface-id 'iface_id'."""

    def __init__(self, host, name, mac, ip_cidr, iface_id):
        self.name = name
        self.ip = ip_cidr.split("/")[0]
        self.ns = netnslib.Netns("g" + name)
        peer = ("v%s%d" % (name, os.getpid() % 1000))[:15]
        try:
            subprocess.run(["ip", "link", "add", "eth0", "netns",
                            self.ns.name, "type", "veth", "peer", "name",
                            peer, "netns", host.ns.name], check=True,
                           capture_output=True)
            self.ns.run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
            host.ns.run("sysctl", "-qw",
                        "net.ipv6.conf.%s.disable_ipv6=1" % peer)
            self.ns.run("ip", "link", "set", "eth0", "address", mac)
            # The switch reads the frames from the veth's other end with
            # af_packet, before the kernel fills offloaded checksums in.
            self.ns.run("ethtool", "-K", "eth0", "tx", "off", "tso", "off",
                        "gso", "off")
            self.ns.run("ip", "addr", "add", ip_cidr, "dev", "eth0")
            self.ns.run("ip", "link", "set", "eth0", "up")
            host.ns.run("ip", "link", "set", peer, "up")
            host.sw.vsctl("add-port", "br-int", name, "type=dpdk",
                          "devargs=net_af_packet_%s,iface=%s" % (name, peer),
                          "iface-id=" + iface_id)
        except BaseException:
            self.ns.close()
            raise

    def ping(self, ip, count=3, interval=0.2):
        """Pings 'ip'; returns how many replies came back."""
        out = self.ns.run("ping", "-n", "-q", "-c", str(count), "-i",
                          str(interval), "-W", "1", ip, check=False)
        for line in out.splitlines():
            if "received" in line:
                return int(line.split(",")[1].split()[0])
        return 0

    def close(self):
        self.ns.close()
