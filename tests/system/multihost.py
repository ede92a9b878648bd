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

import json
import os
import subprocess
import time

import dpdklib
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
        try:
            self._plug(underlay)
            self.sw = pontdpdk.DpdkSwitch(build, huge, procs,
                                          bridge="br-int", workdir=self.dir,
                                          netns=self.ns, tag="h%d" % index,
                                          mem_mb=mem_mb)
        except BaseException:
            self.ns.close()
            raise
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


API = "http://127.0.0.1:18080"

# The two-tenant fabric of the controller's test and demo: tenants acme
# and globex with the same subnet 10.0.1.0/24 and the same addresses.
# name: (tenant, host, MAC, IP).
GUESTS = {
    "a1": ("acme", 1, "52:54:00:0a:00:01", "10.0.1.11"),
    "a2": ("acme", 2, "52:54:00:0a:00:02", "10.0.1.12"),
    "a3": ("acme", 3, "52:54:00:0a:00:03", "10.0.1.13"),
    "g1": ("globex", 1, "52:54:00:0b:00:01", "10.0.1.11"),
    "g3": ("globex", 3, "52:54:00:0b:00:03", "10.0.1.12"),
}


class Fabric:
    """pont-controller in the underlay namespace (southbound on the
    management network, its API on the namespace's loopback), hosts that
    connect to it, Linux guests on them, and pontctl."""

    def __init__(self, build, huge, procs, underlay, workdir, echo=None):
        self.build, self.huge, self.procs = build, huge, procs
        self.underlay, self.dir = underlay, workdir
        self.echo = echo  # Called with each pontctl command line, or None.
        self.hosts = {}
        self.guests = {}
        self.controller = None
        self.start_controller()

    def start_controller(self):
        cmd = ["ip", "netns", "exec", self.underlay.ns.name,
               os.path.join(self.build, "controller", "pont-controller"),
               "--listen", "tcp:%s:6653" % MGMT_GATEWAY, "--api", API,
               "--store", "sqlite:" + os.path.join(self.dir, "ctl.db"),
               "--log-file=" + os.path.join(self.dir, "controller.log")]
        self.controller = self.procs.start(
            cmd, log=os.path.join(self.dir, "controller.out"))
        dpdklib.wait_for(lambda: self.pontctl("tenant", "list", check=False,
                                              quiet=True).returncode == 0,
                         "the controller's API")

    def pontctl(self, *args, check=True, quiet=False):
        if self.echo and not quiet:
            self.echo("pontctl " + " ".join(args))
        r = subprocess.run(["ip", "netns", "exec", self.underlay.ns.name,
                            os.path.join(self.build, "utilities", "pontctl"),
                            "--api", API] + list(args),
                           capture_output=True, text=True, timeout=60)
        if check and r.returncode:
            raise RuntimeError("pontctl %s: %s" % (" ".join(args),
                                                   r.stderr.strip()))
        return r

    def add_host(self, i):
        h = Host(self.build, self.huge, self.procs, self.underlay, i,
                 self.dir)
        h.sw.vsctl("set-host-id", "h%d" % i)
        h.sw.vsctl("set-controller", "br-int", "tcp:%s:6653" % MGMT_GATEWAY)
        self.hosts[i] = h

    def add_guest(self, name, host=None):
        tenant, i, mac, ip = GUESTS[name]
        h = self.hosts[host or i]
        self.guests[name] = h.add_ns_guest(name, mac, ip + "/24",
                                           "%s-%s" % (tenant, name))
        return self.guests[name]

    def define(self, name):
        tenant, _, mac, ip = GUESTS[name]
        self.pontctl("port", "add", "%s/%s" % (tenant, name), "--network",
                     "net", "--mac", mac, "--ip", ip)

    def build_two_tenants(self):
        """Three hosts, the two tenants and every guest of GUESTS."""
        for i in (1, 2, 3):
            self.add_host(i)
        for tenant in ("acme", "globex"):
            self.pontctl("tenant", "add", tenant)
            self.pontctl("network", "add", tenant + "/net", "--cidr",
                         "10.0.1.0/24")
        for name in list(GUESTS):
            self.define(name)
            self.add_guest(name)

    def hosts_json(self):
        return json.loads(self.pontctl("--json", "host", "list",
                                       quiet=True).stdout)

    def where(self):
        """Port name -> the host it is bound to (None if unbound)."""
        ports = json.loads(self.pontctl("--json", "port", "list",
                                        quiet=True).stdout)
        return {p["name"]: (p.get("binding") or {}).get("host")
                for p in ports}

    def wait_bound(self, names, timeout=30):
        dpdklib.wait_for(lambda: all(self.where().get(n) for n in names),
                         "ports %s to bind" % names, timeout)

    def tcpdump(self, name):
        """Starts tcpdump on guest 'name''s eth0; returns (proc, pcap)."""
        pcap = os.path.join(self.dir, "%s-%d.pcap" % (name, time.time()))
        p = self.procs.start(["ip", "netns", "exec",
                              self.guests[name].ns.name, "tcpdump", "-n",
                              "-U", "-i", "eth0", "-w", pcap],
                             log=pcap + ".log")
        time.sleep(1)
        return p, pcap

    def close(self):
        for g in self.guests.values():
            g.close()
        for h in self.hosts.values():
            h.close()
