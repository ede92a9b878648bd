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

A host can also be Open vSwitch (OvsHost): the same namespace, underlay
and guests, with a private ovs-vswitchd on its userspace (netdev) datapath
in Pont's place (see OvsHost).

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


def plug_underlay(ns, index, underlay):
    """Veths from the namespace 'ns''s "eth1" (a host switch's uplink) and
    "mgmt0" (the kernel's, 10.99.0.'index') to the underlay's bridge, with
    an MTU of 1600 so that the guests' full frames fit in VXLAN.  Returns
    the name of the uplink's end in the underlay."""
    tag = "%d%d" % (index, os.getpid() % 100000)
    for dev, outer in (("eth1", "ul" + tag), ("mgmt0", "mg" + tag)):
        subprocess.run(["ip", "link", "add", dev, "netns", ns.name,
                        "type", "veth", "peer", "name", outer, "netns",
                        underlay.ns.name], check=True, capture_output=True)
        for n, d in ((ns, dev), (underlay.ns, outer)):
            n.run("sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % d)
            # VXLAN adds 50 bytes to the guests' 1500.
            n.run("ip", "link", "set", d, "mtu", "1600", "up")
        underlay.ns.run("ip", "link", "set", outer, "master", "ul0")
    ns.run("ip", "addr", "add", MGMT_NET % index + "/24", "dev", "mgmt0")
    return "ul" + tag


class Host:
    """A Pont host (see the module's comment)."""

    kind = "pont"

    def __init__(self, build, huge, procs, underlay, index, workdir,
                 mem_mb=256):
        self.index = index
        self.tunnel_ip = TUNNEL_NET % index
        self.ns = netnslib.Netns("h%d" % index)
        self.dir = os.path.join(workdir, "h%d" % index)
        os.makedirs(self.dir, exist_ok=True)
        try:
            self.underlay_dev = plug_underlay(self.ns, index, underlay)
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

    def add_ns_guest(self, name, mac, ip_cidr, iface_id):
        """A Linux guest on this host (see NsGuest)."""
        return NsGuest(self, name, mac, ip_cidr, iface_id)

    def guest_ifname(self, name, iface_id):
        """The name of guest 'name''s veth end in this host's namespace."""
        return ("v%s%d" % (name, os.getpid() % 1000))[:15]

    def plug_guest(self, name, ifname, iface_id):
        """Makes the veth end 'ifname' the port 'name' of br-int, bound by
        'iface_id'."""
        self.sw.vsctl("add-port", "br-int", name, "type=dpdk",
                      "devargs=net_af_packet_%s,iface=%s" % (name, ifname),
                      "iface-id=" + iface_id)

    def unplug_guest(self, name):
        self.sw.vsctl("del-port", "br-int", name)

    def ofport(self, name):
        return int(self.sw.vsctl("get-ofport", "br-int", name).stdout)

    def stop(self):
        self.sw.stop()

    def close(self):
        self.ns.close()


OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"


class OvsSwitch:
    """A private Open vSwitch: ovsdb-server on a fresh database in
    'workdir' and ovs-vswitchd in the namespace 'netns', with every socket,
    pidfile and log in 'workdir' (a short path: Unix socket names).  Both
    run in the foreground under 'procs', which stops them by PID.
    ovs-vswitchd gets --disable-system: there is no kernel datapath module
    here, only the userspace (netdev) datapath, whose ports of type
    "system" are the namespace's kernel interfaces (read and written with
    raw sockets) and whose internal ports are tap devices."""

    def __init__(self, procs, netns, workdir):
        self.procs, self.netns, self.dir = procs, netns, workdir
        self.db = "unix:" + os.path.join(workdir, "db.sock")
        self.env = dict(os.environ, OVS_RUNDIR=workdir, OVS_DBDIR=workdir,
                        OVS_LOGDIR=workdir, OVS_SYSCONFDIR=workdir)
        self.vswitchd = None
        conf = os.path.join(workdir, "conf.db")
        subprocess.run(["ovsdb-tool", "create", conf, OVS_SCHEMA],
                       check=True, capture_output=True)
        self.ovsdb = self._daemon(
            ["ovsdb-server", conf, "--remote=p" + self.db], "ovsdb-server")
        dpdklib.wait_for(lambda: os.path.exists(self.db[5:]), "ovsdb-server")
        self.vsctl("--no-wait", "init")
        self.vswitchd = self._daemon(
            ["ip", "netns", "exec", netns.name, "ovs-vswitchd", self.db,
             "--disable-system"], "ovs-vswitchd")
        dpdklib.wait_for(lambda: os.path.exists(self.ctl("ovs-vswitchd")),
                         "ovs-vswitchd")

    def ctl(self, daemon):
        return os.path.join(self.dir, daemon + ".ctl")

    def _daemon(self, cmd, name):
        log = os.path.join(self.dir, name)
        return self.procs.start(cmd + ["--pidfile=" + log + ".pid",
                                       "--unixctl=" + self.ctl(name),
                                       "--log-file=" + log + ".log",
                                       "-vconsole:off", "--no-chdir"],
                                log=log + ".out", env=self.env)

    def _run(self, cmd, check):
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                           env=self.env)
        if check and r.returncode:
            raise RuntimeError("%s: %s" % (" ".join(cmd), r.stderr.strip()))
        return r

    def vsctl(self, *args, check=True):
        return self._run(["ovs-vsctl", "--db=" + self.db, "--timeout=30"]
                         + list(args), check)

    def ofctl(self, *args, check=True, bridge="br-int"):
        mgmt = "unix:" + os.path.join(self.dir, bridge + ".mgmt")
        return self._run(["ovs-ofctl", "-O", "OpenFlow13", args[0], mgmt]
                         + list(args[1:]), check)

    def appctl(self, *args, check=True):
        return self._run(["ovs-appctl", "-t", self.ctl("ovs-vswitchd")]
                         + list(args), check)

    def stop(self):
        for p in (self.vswitchd, self.ovsdb):
            if p:
                self.procs.stop(p)


class OvsHost:
    """A host whose switch is Open vSwitch, with Host's interface: the
    namespace h'index' with the same underlay and management veths,
    ovs-vswitchd on the userspace datapath (OvsSwitch) with
      - br-phy: the uplink eth1 and, on br-phy's internal port (a tap
        device), the tunnel address 192.168.50.'index'/24.  This is what
        Open vSwitch's userspace ("native") tunnelling needs: it sends a
        tunnel's packets by the route to the remote IP (learnt from the
        namespace's kernel routes: 192.168.50.0/24 on br-phy), through the
        bridge that holds that route's device, to the next hop's MAC that
        it learns from the ARP replies crossing br-phy, and it takes in
        the VXLAN packets that br-phy delivers to that local address;
      - br-int: the integration bridge (OpenFlow 1.3 only, fail mode
        secure, datapath id 'dpid'), with pont-tun (type vxlan,
        remote_ip=flow, key=flow), the uplink of VLAN networks (a patch
        port to br-phy, since eth1 is br-phy's) and the guests' veth ends
        as ports named by their binding keys, since Open vSwitch reports
        no iface-id over OpenFlow.
    The controller must know this host before it connects:
    Fabric.add_host declares it, then calls set_controller."""

    kind = "ovs"

    def __init__(self, procs, underlay, index, workdir):
        self.index = index
        self.tunnel_ip = TUNNEL_NET % index
        self.dpid = "%016x" % (0x0a0a0000 + index)
        self.uplink = "uplink"  # br-int's port to the underlay.
        self.ns = netnslib.Netns("h%d" % index)
        self.dir = os.path.join(workdir, "h%d" % index)
        self.ports = {}  # Guest name -> its port (veth end) on br-int.
        os.makedirs(self.dir, exist_ok=True)
        try:
            self.underlay_dev = plug_underlay(self.ns, index, underlay)
            self.sw = OvsSwitch(procs, self.ns, self.dir)
            self._bridges()
        except BaseException:
            if getattr(self, "sw", None):
                self.sw.stop()
            self.ns.close()
            raise

    def _bridges(self):
        self.sw.vsctl("add-br", "br-phy", "--", "set", "bridge", "br-phy",
                      "datapath_type=netdev", "--", "add-port", "br-phy",
                      "eth1")
        self.ns.run("ip", "addr", "add", self.tunnel_ip + "/24", "dev",
                    "br-phy")
        # No IPv6 chatter from the tap onto the underlay.
        self.ns.run("sysctl", "-qw", "net.ipv6.conf.br-phy.disable_ipv6=1")
        self.ns.run("ip", "link", "set", "br-phy", "mtu", "1600", "up")
        self.sw.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int",
                      "datapath_type=netdev", "fail_mode=secure",
                      "protocols=OpenFlow13",
                      "other-config:datapath-id=" + self.dpid,
                      "other-config:disable-in-band=true")
        # The uplink of VLAN networks: a patch port pair to br-phy, whose
        # NORMAL action carries the tagged frames to and from eth1.
        self.sw.vsctl("add-port", "br-int", self.uplink, "--", "set",
                      "interface", self.uplink, "type=patch",
                      "options:peer=phy-int", "--", "add-port", "br-phy",
                      "phy-int", "--", "set", "interface", "phy-int",
                      "type=patch", "options:peer=" + self.uplink)
        # No local_ip: the outer source address is the one of the route
        # to the remote (br-phy's).
        self.sw.vsctl("add-port", "br-int", "pont-tun", "--", "set",
                      "interface", "pont-tun", "type=vxlan",
                      "options:remote_ip=flow", "options:key=flow")

    def set_controller(self, target):
        self.sw.vsctl("set-controller", "br-int", target, "--", "set",
                      "controller", "br-int", "connection_mode=out-of-band")

    def learn_tunnel_peers(self, ips, timeout=10):
        """Has Open vSwitch learn the MACs of the tunnel endpoints 'ips'.
        Its userspace tunnelling learns a next hop only from the ARP
        replies that reach br-phy's address, and drops the packet that
        finds the next hop unknown (after sending an ARP request of its
        own): a guest's first ARP request to another host would be lost,
        and its first ping late by the guest's ARP retry (1 s).  The
        kernel's ARP requests from br-phy's address bring the replies."""
        for ip in ips:
            self.ns.run("ping", "-n", "-q", "-c", "1", "-W", "0.5", ip,
                        check=False)

        def learnt():
            table = self.sw.appctl("tnl/neigh/show").stdout.split()
            return all(ip in table for ip in ips)
        dpdklib.wait_for(learnt, "h%d to learn the tunnel endpoints %s"
                         % (self.index, ips), timeout)

    def add_ns_guest(self, name, mac, ip_cidr, iface_id):
        """A Linux guest on this host (see NsGuest)."""
        return NsGuest(self, name, mac, ip_cidr, iface_id)

    def guest_ifname(self, name, iface_id):
        if len(iface_id) > 15:
            raise ValueError("binding key %s is too long for an interface "
                             "name" % iface_id)
        return iface_id

    def plug_guest(self, name, ifname, iface_id):
        self.sw.vsctl("add-port", "br-int", ifname)
        self.ports[name] = ifname

    def unplug_guest(self, name):
        self.sw.vsctl("del-port", "br-int", self.ports.pop(name))

    def ofport(self, name):
        return int(self.sw.vsctl("get", "interface",
                                 self.ports.get(name, name),
                                 "ofport").stdout)

    def stop(self):
        self.sw.stop()

    def close(self):
        self.ns.close()


class NsGuest:
    """A Linux guest: a namespace whose "eth0" (MAC 'mac', address
    'ip_cidr') is a veth whose other end, in the host's namespace, is a
    port of br-int bound by 'iface_id' (see the host's plug_guest)."""

    def __init__(self, host, name, mac, ip_cidr, iface_id):
        self.name = name
        self.ip = ip_cidr.split("/")[0]
        self.ns = netnslib.Netns("g" + name)
        peer = host.guest_ifname(name, iface_id)
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
            host.plug_guest(name, peer, iface_id)
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

    def add_host(self, i, kind="pont"):
        """Host h'i': Pont, which registers itself, or Open vSwitch
        ('kind' "ovs"), declared first with its datapath id, tunnel IP and
        uplink."""
        target = "tcp:%s:6653" % MGMT_GATEWAY
        if kind == "ovs":
            h = OvsHost(self.procs, self.underlay, i, self.dir)
            self.hosts[i] = h
            self.pontctl("host", "add", "h%d" % i, "--dpid", h.dpid,
                         "--tunnel-ip", h.tunnel_ip, "--uplink", h.uplink)
            h.set_controller(target)
            return h
        h = Host(self.build, self.huge, self.procs, self.underlay, i,
                 self.dir)
        self.hosts[i] = h
        h.sw.vsctl("set-host-id", "h%d" % i)
        h.sw.vsctl("set-controller", "br-int", target)
        return h

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

    def build_two_tenants(self, kinds=None):
        """Three hosts, the two tenants and every guest of GUESTS.
        'kinds' maps a host's number to its kind (default: "pont")."""
        for i in (1, 2, 3):
            self.add_host(i, (kinds or {}).get(i, "pont"))
        for h in self.hosts.values():
            if h.kind == "ovs":
                h.learn_tunnel_peers([o.tunnel_ip for o in self.hosts.values()
                                      if o is not h])
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
        """Starts tcpdump on guest 'name''s eth0; returns (proc, pcap).
        Immediate mode: what it has seen is in the file when it stops."""
        pcap = os.path.join(self.dir, "%s-%d.pcap" % (name, time.time()))
        p = self.procs.start(["ip", "netns", "exec",
                              self.guests[name].ns.name, "tcpdump", "-n",
                              "-U", "--immediate-mode", "-i", "eth0", "-w",
                              pcap],
                             log=pcap + ".log")
        time.sleep(1)
        return p, pcap

    def close(self):
        for g in self.guests.values():
            g.close()
        for h in self.hosts.values():
            h.close()
