#!/usr/bin/python3
"""Demo helper: sends frames into pont-vswitchd's dummy ports (unix
SOCK_SEQPACKET sockets) and prints what came out of each port.

Usage: demo_traffic.py DIR   (ports p1..p3 at DIR/p1.sock ...)"""

import select
import socket
import sys

from scapy.all import Dot1Q, Ether, IP, UDP

DIR = sys.argv[1]
socks = {}
for n in (1, 2, 3):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect("%s/p%d.sock" % (DIR, n))
    socks[n] = s


def show(frame):
    p = Ether(frame)
    vlan = " vlan=%d" % p[Dot1Q].vlan if Dot1Q in p else ""
    ip = " %s > %s" % (p[IP].src, p[IP].dst) if IP in p else ""
    return "%s > %s%s%s (%d bytes)" % (p.src, p.dst, vlan, ip, len(frame))


def receive_all():
    got = {n: [] for n in socks}
    while True:
        r, _, _ = select.select(list(socks.values()), [], [], 0.5)
        if not r:
            return got
        for n, s in socks.items():
            if s in r:
                got[n].append(s.recv(65536))


def send(port, frames, what):
    for f in frames:
        socks[port].send(bytes(f))
    got = receive_all()
    print("-- %d frame(s) into port %d: %s" % (len(frames), port, what))
    for n, fs in got.items():
        if fs:
            print("   port %d sent %d: %s" % (n, len(fs), show(fs[0])))
    if not any(got.values()):
        print("   nothing came out")


def udp(dst_ip, sport=1000):
    return Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02") / \
        IP(src="10.0.0.1", dst=dst_ip) / UDP(sport=sport, dport=53) / \
        (b"x" * 50)


send(1, [udp("10.0.0.2")], "to 10.0.0.2 (flow: push VLAN 100, output 2)")
send(2, [Ether(src="00:00:00:00:00:02", dst="00:00:00:00:00:01") /
         Dot1Q(vlan=100) / IP(src="10.0.0.2", dst="10.0.0.1") / UDP()],
     "VLAN 100 back (flow: pop VLAN, output 1)")
send(1, [udp("10.0.0.3")], "to 10.0.0.3 (flow: group 1, all buckets)")
send(1, [udp("10.0.0.4", sport=1000 + i) for i in range(300)],
     "300 to 10.0.0.4 at once (flow: meter 1, 100 packets/s, burst 20)")
send(1, [udp("192.168.1.1")], "to 192.168.1.1 (no flow: table miss drops)")
