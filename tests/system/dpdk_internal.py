#!/usr/bin/python3
"""The internal port of a DPDK bridge is a kernel interface (net_tap).

pont-vswitchd runs in a network namespace of its own, so that its bridge's
interface br0 appears there; a DPDK virtio_user guest (pont-vguest,
10.7.0.2) sits behind a vhost-user port, and flows join it to LOCAL.

1. br0 exists, starts down, and its MAC is the LOCAL port's.
2. `ip link set br0 up/down` changes the LOCAL port's link state, in
   `ovs-ofctl show` and as PORT_STATUS messages (ovs-ofctl monitor).
3. The guest's ARP and pings are answered by the namespace's kernel
   (10.7.0.1 on br0): a real round trip.
4. Pings from the namespace's kernel (a raw ICMP socket; the machine has no
   ping command) reach the guest, which captures them, and its replies
   reach the kernel's socket.  pont-vguest has no ICMP responder, so those
   replies are scripted: sent a few seconds after the requests.
5. A restart after a crash (SIGKILL) brings br0 back.
6. A bridge name longer than 15 characters is refused with a clear error.
7. A bridge whose name an existing interface (a veth) has is made all the
   same, without a kernel interface and with a warning; the veth stays.
8. Deleting the bridge removes br0.
9. A switch without /dev/net/tun (a mount namespace hides it) makes its
   bridge all the same, without a kernel interface and with a warning.

Usage: dpdk_internal.py BUILD_DIR.  Needs root (hugepages, netns).  TAP."""

import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import netns as netnslib  # noqa: E402
import pontdpdk  # noqa: E402

from scapy.all import ARP, Ether, ICMP, IP, Raw, wrpcap  # noqa: E402

GUEST_MAC = "52:54:00:00:00:01"
HOST_IP = "10.7.0.1"
GUEST_IP = "10.7.0.2"
PING_ID = 0x4242

# Sends 3 ICMP echo requests through the kernel and counts the replies with
# the same identifier that reach the raw socket within 15 seconds.
PINGER = """
import json, socket, struct, time
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
sock.settimeout(0.5)
for seq in (1, 2, 3):
    body = struct.pack('!BBHHH', 8, 0, 0, @ID@, seq) + b'ping' * 8
    body = body[:2] + struct.pack('!H', csum(body)) + body[4:]
    sock.sendto(body, ('@DST@', 0))
got = set()
deadline = time.monotonic() + 15
while len(got) < 3 and time.monotonic() < deadline:
    try:
        data = sock.recv(2048)
    except socket.timeout:
        continue
    icmp = data[(data[0] & 15) * 4:]
    typ, _, _, ident, seq = struct.unpack('!BBHHH', icmp[:8])
    if typ == 0 and ident == @ID@:
        got.add(seq)
print(json.dumps({'sent': 3, 'replies': sorted(got)}))
""".replace("@ID@", str(PING_ID)).replace("@DST@", GUEST_IP)


def local_port(sw):
    """The LOCAL port's lines of `ovs-ofctl show` (config, state, addr)."""
    text = sw.ofctl("show").stdout
    m = re.search(r"^ LOCAL\(%s\): addr:(\S+)\n((?:     .*\n?)*)"
                  % sw.bridge, text, re.M)
    if not m:
        raise RuntimeError("no LOCAL port in ovs-ofctl show:\n" + text)
    return m.group(1), m.group(2)


def link_down(sw):
    return "LINK_DOWN" in local_port(sw)[1]


def iface_mac(netns, ifname):
    return netns.run("cat", "/sys/class/net/%s/address" % ifname).strip()


def iface_up(netns, ifname):
    flags = int(netns.run("cat", "/sys/class/net/%s/flags" % ifname), 16)
    return bool(flags & 1)


def join_guest_and_local(sw):
    sw.ofctl("del-flows")
    sw.ofctl("add-flow", "in_port=1,actions=output:LOCAL")
    sw.ofctl("add-flow", "in_port=LOCAL,actions=output:1")


def host_up(netns):
    netns.run("ip", "addr", "replace", HOST_IP + "/24", "dev", "br0")
    netns.run("ip", "link", "set", "br0", "up")


def case_br0_starts_down_with_the_local_port_mac(t):
    if not t.netns.has_link("br0"):
        raise RuntimeError("no interface br0 in the namespace")
    if iface_up(t.netns, "br0"):
        raise RuntimeError("br0 is up before anyone set it up")
    mac, _ = local_port(t.sw)
    if mac != iface_mac(t.netns, "br0"):
        raise RuntimeError("LOCAL has addr %s, br0 has %s"
                           % (mac, iface_mac(t.netns, "br0")))
    if not link_down(t.sw):
        raise RuntimeError("LOCAL's link is up while br0 is down")


def case_ip_link_up_down_is_port_status(t):
    # A service connection gets asynchronous messages once it sets a
    # miss_send_len, as in Open vSwitch.
    log = os.path.join(t.workdir, "monitor.log")
    mon = t.procs.start(["stdbuf", "-oL", "ovs-ofctl", "-O", "OpenFlow13",
                         "--unixctl",
                         os.path.join(t.workdir, "monitor.ctl"), "monitor",
                         "unix:" + t.sw.mgmt, "65535"], log=log)
    time.sleep(1)
    t.netns.run("ip", "link", "set", "br0", "up")
    dpdklib.wait_for(lambda: not link_down(t.sw), "LOCAL's link to go up",
                     10)
    t.netns.run("ip", "link", "set", "br0", "down")
    dpdklib.wait_for(lambda: link_down(t.sw), "LOCAL's link to go down", 10)
    time.sleep(0.5)
    t.procs.stop(mon)
    with open(log) as f:
        text = f.read()
    # Each message is a header line, then the port's description.
    status = [m for m in re.split(r"\n(?=\S)", text)
              if "PORT_STATUS" in m and "LOCAL(br0)" in m]
    states = ["down" if "LINK_DOWN" in m else "up" for m in status]
    if states[-2:] != ["up", "down"]:
        raise RuntimeError("PORT_STATUS for LOCAL said %s, want ... up, "
                           "down:\n%s" % (states, text))


def case_namespace_kernel_answers_guest_arp_and_pings(t):
    join_guest_and_local(t.sw)
    host_up(t.netns)
    br0_mac = iface_mac(t.netns, "br0")
    frames = [Ether(src=GUEST_MAC, dst="ff:ff:ff:ff:ff:ff")
              / ARP(op=1, hwsrc=GUEST_MAC, psrc=GUEST_IP, pdst=HOST_IP)]
    frames += [Ether(src=GUEST_MAC, dst=br0_mac)
               / IP(src=GUEST_IP, dst=HOST_IP)
               / ICMP(type=8, id=77, seq=i) / Raw(b"pont" * 10)
               for i in range(5)]
    sends = os.path.join(t.workdir, "guest-asks.pcap")
    wrpcap(sends, frames)
    guest = pontdpdk.Guest(t.build, t.huge, t.procs, "asks", t.sock,
                           GUEST_MAC, ["--send", sends, "--pps", "5",
                                       "--linger", "3"], t.workdir)
    guest.wait(timeout=90)
    got = [Ether(f) for f in guest.frames()]
    arp = [p for p in got if p.haslayer(ARP) and p[ARP].op == 2
           and p[ARP].psrc == HOST_IP and p[ARP].hwsrc == br0_mac]
    echo = [p for p in got if p.haslayer(ICMP) and p[ICMP].type == 0
            and p[ICMP].id == 77 and p[Ether].src == br0_mac]
    if not arp or len(echo) != 5:
        raise RuntimeError("br0 answered %d ARP and %d of 5 pings"
                           % (len(arp), len(echo)))


def case_namespace_pings_reach_guest_and_back(t):
    join_guest_and_local(t.sw)
    host_up(t.netns)
    br0_mac = iface_mac(t.netns, "br0")
    t.netns.run("ip", "neigh", "replace", GUEST_IP, "lladdr", GUEST_MAC,
                "dev", "br0")
    replies = [Ether(src=GUEST_MAC, dst=br0_mac)
               / IP(src=GUEST_IP, dst=HOST_IP)
               / ICMP(type=0, id=PING_ID, seq=seq) / Raw(b"ping" * 8)
               for seq in (1, 2, 3)]
    sends = os.path.join(t.workdir, "guest-answers.pcap")
    wrpcap(sends, replies)
    guest = pontdpdk.Guest(t.build, t.huge, t.procs, "answers", t.sock,
                           GUEST_MAC, ["--send", sends, "--delay", "5",
                                       "--pps", "5", "--linger", "2"],
                           t.workdir)
    t.sw.wait_live([1])
    out = json.loads(t.netns.run("/usr/bin/python3", "-c", PINGER))
    guest.wait(timeout=90)
    requests = [Ether(f) for f in guest.frames()]
    requests = [p[ICMP].seq for p in requests if p.haslayer(ICMP)
                and p[ICMP].type == 8 and p[ICMP].id == PING_ID
                and p[IP].src == HOST_IP and p[Ether].src == br0_mac]
    if sorted(requests) != [1, 2, 3] or out["replies"] != [1, 2, 3]:
        raise RuntimeError("the guest got requests %s and the namespace "
                           "replies %s (want 1, 2, 3 both)"
                           % (sorted(requests), out["replies"]))


def case_restart_after_crash_brings_br0_back(t):
    t.sw.crash()
    # net_tap's tap is not persistent: it went with the process.
    if t.netns.has_link("br0"):
        raise RuntimeError("br0 outlived the crashed switch")
    os.unlink(t.sw.ctl)
    t.sw.start()
    dpdklib.wait_for(lambda: t.netns.has_link("br0"), "br0 to come back",
                     30)
    dpdklib.wait_for(lambda: os.path.exists(t.sw.mgmt), "the listener")
    if iface_mac(t.netns, "br0") != local_port(t.sw)[0]:
        raise RuntimeError("after the restart, LOCAL's addr is not br0's")


def case_long_bridge_name_is_refused(t):
    name = "br-name-of-16-ch"
    r = t.sw.vsctl("add-br", name, "datapath=dpdk", check=False)
    if not r.returncode or "15" not in r.stderr:
        raise RuntimeError("add-br %s: exit %d, %r" % (name, r.returncode,
                                                       r.stderr))
    if t.netns.has_link(name[:15]):
        raise RuntimeError("an interface was made for %s" % name)


def case_name_taken_bridge_made_without_interface(t):
    t.netns.run("ip", "link", "add", "brx", "type", "veth", "peer", "name",
                "brxpeer")
    veth_mac = iface_mac(t.netns, "brx")
    try:
        t.sw.vsctl("add-br", "brx", "datapath=dpdk")
        try:
            with open(os.path.join(t.sw.dir, "vswitchd.log")) as f:
                log = f.read()
            if "bridge port brx has no kernel interface" not in log:
                raise RuntimeError("no warning about brx in the log")
            if iface_mac(t.netns, "brx") != veth_mac:
                raise RuntimeError("the veth brx was changed")
        finally:
            t.sw.vsctl("del-br", "brx")
        if not t.netns.has_link("brx"):
            raise RuntimeError("deleting the bridge removed the veth")
    finally:
        t.netns.run("ip", "link", "del", "brx", check=False)


def case_deleting_the_bridge_removes_br0(t):
    t.sw.vsctl("del-br", "br0")
    dpdklib.wait_for(lambda: not t.netns.has_link("br0"),
                     "br0 to go away", 10)


def case_no_dev_net_tun_bridge_made_without_interface(t):
    # A second switch, in a mount namespace where /dev/net is empty.
    hide = ["unshare", "-m", "sh", "-c",
            'mount -t tmpfs none /dev/net && exec "$@"', "sh"]
    sw = pontdpdk.DpdkSwitch(t.build, t.huge, t.procs, bridge="br1",
                             netns=t.netns, wrap=hide,
                             workdir=os.path.join(t.workdir, "sw-notun"))
    try:
        with open(os.path.join(sw.dir, "vswitchd.log")) as f:
            log = f.read()
        if "br1 has no kernel interface: /dev/net/tun cannot" not in log:
            raise RuntimeError("no warning about /dev/net/tun in the log")
        if t.netns.has_link("br1") or not link_down(sw):
            raise RuntimeError("br1 has an interface or a live link")
    finally:
        sw.stop()


CASES = [case_br0_starts_down_with_the_local_port_mac,
         case_ip_link_up_down_is_port_status,
         case_namespace_kernel_answers_guest_arp_and_pings,
         case_namespace_pings_reach_guest_and_back,
         case_restart_after_crash_brings_br0_back,
         case_long_bridge_name_is_refused,
         case_name_taken_bridge_made_without_interface,
         case_deleting_the_bridge_removes_br0,
         case_no_dev_net_tun_bridge_made_without_interface]


class Test:
    """What every case works on."""

    def __init__(self, build, huge, procs, netns, workdir):
        self.build = build
        self.huge = huge
        self.procs = procs
        self.netns = netns
        self.workdir = workdir
        self.sw = pontdpdk.DpdkSwitch(build, huge, procs, netns=netns,
                                      workdir=os.path.join(workdir, "sw"))
        self.sock = self.sw.add_vhost("vh1", 1)


def main():
    build = os.path.abspath(sys.argv[1])
    run = pontdpdk.TestRun(CASES, "pont-internal-")
    with run:
        netns = run.cleanup(netnslib.Netns("int"))
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            t = Test(build, huge, procs, netns, run.dir)
            run.run(lambda case: case(t), t.sw)
            t.sw.stop()
    return run.status

if __name__ == "__main__":
    sys.exit(main())
