#!/usr/bin/python3
"""Packets injected into dummy ports of pont-vswitchd take the path the
OpenFlow flows say (set with ovs-ofctl), checked by reading the ports.

Usage: forwarding.py BUILD_DIR   (prints TAP)"""

import sys
import time

from scapy.all import ARP, Dot1Q, Ether, ICMP, IP, TCP, UDP, raw

from pontlib import Switch, check, run_tests

BUILD = sys.argv[1]
A = "00:00:00:00:00:0a"
B = "00:00:00:00:00:0b"
C = "00:00:00:00:00:0c"


def udp(src=A, dst=B, sport=1000, dport=2000, ip_dst="10.0.0.2"):
    return Ether(src=src, dst=dst) / IP(src="10.0.0.1", dst=ip_dst) / \
        UDP(sport=sport, dport=dport) / (b"x" * 32)


def with_switch(fn, **kw):
    def run():
        sw = Switch(BUILD, **kw)
        try:
            fn(sw)
        except Exception as e:
            raise type(e)("%s\n--- vswitchd log ---\n%s" % (e, sw.log()[-3000:]))
        finally:
            sw.cleanup()
    return run


def only_on(sw, frame, port, expect_port, n=1):
    """Sends 'frame' on 'port'; it must come out of 'expect_port' only
    ('n' copies), and is returned."""
    sw.send(port, frame)
    got = sw.recv(expect_port)
    check(len(got) == n, "port %d sent %d frames, expected %d"
          % (expect_port, len(got), n))
    for other in sw.socks:
        if other != expect_port:
            extra = sw.recv(other, timeout=0.1)
            check(not extra, "port %d sent %d frames, expected none"
                  % (other, len(extra)))
    return got[0] if got else None


def t_output(sw):
    sw.ofctl("add-flow", "in_port=1,actions=output:2")
    f = udp()
    out = only_on(sw, f, 1, 2)
    check(out == raw(f), "output changed the frame")
    # A second packet of the same flow hits the cached megaflow.
    out = only_on(sw, f, 1, 2)
    check(out == raw(f), "cached path changed the frame")


def t_table_miss_drops(sw):
    sw.send(1, udp())
    for p in sw.socks:
        check(not sw.recv(p, timeout=0.3), "a packet with no flow got out")


def t_vlan_push_pop(sw):
    sw.ofctl("add-flow", "in_port=1,actions=push_vlan:0x8100,"
             "set_field:4196->vlan_vid,output:2")
    sw.ofctl("add-flow", "in_port=2,dl_vlan=100,actions=pop_vlan,output:1")
    f = udp()
    out = Ether(only_on(sw, f, 1, 2))
    check(Dot1Q in out and out[Dot1Q].vlan == 100, "no VLAN 100 tag pushed")
    check(raw(out[Dot1Q].payload) == raw(f[IP]), "payload changed")
    back = only_on(sw, out, 2, 1)
    check(back == raw(f), "pop_vlan did not restore the frame")


def t_set_fields(sw):
    sw.ofctl("add-flow", "in_port=1,udp,nw_dst=10.0.0.2,actions="
             "set_field:10.9.9.9->ip_dst,set_field:5555->udp_dst,"
             "set_field:00:00:00:00:00:99->eth_dst,dec_ttl,output:2")
    out = Ether(only_on(sw, udp(), 1, 2))
    check(out.dst == "00:00:00:00:00:99", "eth_dst %s" % out.dst)
    check(out[IP].dst == "10.9.9.9", "ip_dst %s" % out[IP].dst)
    check(out[UDP].dport == 5555, "udp_dst %d" % out[UDP].dport)
    check(out[IP].ttl == 63, "ttl %d" % out[IP].ttl)
    ip_sum, udp_sum = out[IP].chksum, out[UDP].chksum
    del out[IP].chksum
    del out[UDP].chksum
    again = Ether(raw(out))
    check(again[IP].chksum == ip_sum, "bad IPv4 checksum")
    check(again[UDP].chksum == udp_sum, "bad UDP checksum")


def t_group_all(sw):
    sw.ofctl("add-group", "group_id=1,type=all,bucket=output:2,"
             "bucket=set_field:00:00:00:00:00:33->eth_dst,output:3")
    sw.ofctl("add-flow", "in_port=1,actions=group:1")
    f = udp()
    sw.send(1, f)
    o2, o3 = sw.recv(2), sw.recv(3)
    check(len(o2) == 1 and o2[0] == raw(f), "bucket 1 output wrong")
    check(len(o3) == 1 and Ether(o3[0]).dst == "00:00:00:00:00:33",
          "bucket 2 output wrong")


def t_group_select(sw):
    sw.ofctl("add-group", "group_id=2,type=select,"
             "bucket=weight:1,output:2,bucket=weight:1,output:3")
    sw.ofctl("add-flow", "in_port=1,actions=group:2")
    for sport in range(1000, 1064):
        sw.send(1, udp(sport=sport))
    n2, n3 = len(sw.recv(2)), len(sw.recv(3))
    check(n2 + n3 == 64, "%d + %d frames out of 64" % (n2, n3))
    check(n2 > 8 and n3 > 8, "uneven spread: %d and %d" % (n2, n3))
    # One connection always takes the same bucket.
    for _ in range(5):
        sw.send(1, udp(sport=4242))
    n2, n3 = len(sw.recv(2)), len(sw.recv(3))
    check(n2 in (0, 5) and n2 + n3 == 5, "one flow split %d/%d" % (n2, n3))


def t_group_fast_failover(sw):
    sw.ofctl("add-group", "group_id=3,type=ff,"
             "bucket=watch_port:2,output:2,bucket=watch_port:3,output:3")
    sw.ofctl("add-flow", "in_port=1,actions=group:3")
    only_on(sw, udp(), 1, 2)
    sw.ofctl("mod-port", "p2", "down")
    time.sleep(0.3)
    only_on(sw, udp(), 1, 3)


def t_meter_drops_above_rate(sw):
    sw.ofctl("add-meter", "meter=1,pktps,burst,band=type=drop,rate=10,"
             "burst_size=10")
    sw.ofctl("add-flow", "in_port=1,actions=meter:1,output:2")
    for i in range(200):
        sw.send(1, udp(sport=1000 + i % 4))
    n = len(sw.recv(2))
    # 200 packets sent in far less than a second: the burst and the few
    # tokens earned meanwhile get through, nothing like 200.
    check(1 <= n <= 40, "%d of 200 packets passed a 10 pps meter" % n)
    stats = sw.ofctl("meter-stats").stdout
    check("packet_in_count:" in stats, "meter-stats: " + stats)


def t_normal_learns(sw):
    sw.ofctl("add-flow", "actions=NORMAL")
    sw.send(1, udp(src=A, dst=B))
    check(len(sw.recv(2)) == 1 and len(sw.recv(3)) == 1,
          "unknown destination not flooded")
    only_on(sw, udp(src=B, dst=A), 2, 1)
    only_on(sw, udp(src=A, dst=B), 1, 2)


def t_standalone_without_controller(sw):
    # No flows at all: fail mode standalone acts as a learning switch.
    sw.send(1, udp(src=A, dst=C))
    check(len(sw.recv(2)) == 1 and len(sw.recv(3)) == 1, "not flooded")
    only_on(sw, udp(src=C, dst=A), 3, 1)


def t_goto_write_actions_metadata(sw):
    sw.ofctl("add-flow", "table=0,in_port=1,actions=write_metadata:0x5/0xff,"
             "write_actions(output:3),goto_table:1")
    sw.ofctl("add-flow", "table=1,metadata=0x5,udp,tp_dst=2000,"
             "actions=write_actions(output:2)")
    only_on(sw, udp(dport=2000), 1, 2)
    only_on(sw, udp(dport=2001), 1, 3)


def t_modify_takes_effect(sw):
    sw.ofctl("add-flow", "in_port=1,actions=output:2")
    only_on(sw, udp(), 1, 2)
    sw.ofctl("mod-flows", "in_port=1,actions=output:3")
    only_on(sw, udp(), 1, 3)
    sw.ofctl("del-flows", "in_port=1")
    sw.send(1, udp())
    check(not sw.recv(3, timeout=0.3), "deleted flow still forwards")


def t_counters(sw):
    sw.ofctl("add-flow", "in_port=1,actions=output:2")
    for _ in range(7):
        sw.send(1, udp())
    check(len(sw.recv(2)) == 7, "not all 7 frames forwarded")
    time.sleep(1.5)
    dump = sw.ofctl("dump-flows").stdout
    check("n_packets=7," in dump, "dump-flows: " + dump)
    ports = sw.ofctl("dump-ports", "1").stdout
    check("rx pkts=7" in ports, "dump-ports: " + ports)


def t_packet_out(sw):
    f = udp()
    sw.ofctl("packet-out", "CONTROLLER", "output:3", raw(f).hex())
    got = sw.recv(3)
    check(len(got) == 1 and got[0] == raw(f), "packet-out not delivered")


def t_in_port_output(sw):
    sw.ofctl("add-flow", "in_port=1,actions=output:1")
    sw.send(1, udp())
    check(not sw.recv(1, timeout=0.3), "output:in_port must not send back")
    sw.ofctl("add-flow", "in_port=1,actions=IN_PORT")
    only_on(sw, udp(), 1, 1)


def t_flood_all(sw):
    sw.ofctl("add-flow", "in_port=1,actions=FLOOD")
    sw.send(1, udp())
    check(len(sw.recv(2)) == 1 and len(sw.recv(3)) == 1, "FLOOD")
    check(not sw.recv(1, timeout=0.2), "FLOOD sent back to the in_port")


TESTS = [
    ("output to a port, then from the megaflow cache", with_switch(t_output)),
    ("table miss drops", with_switch(t_table_miss_drops)),
    ("VLAN push and pop", with_switch(t_vlan_push_pop)),
    ("set fields with checksums and dec_ttl", with_switch(t_set_fields)),
    ("group all: every bucket on its own copy", with_switch(t_group_all)),
    ("group select: spread by flow, stable per flow",
     with_switch(t_group_select)),
    ("group fast failover follows port liveness",
     with_switch(t_group_fast_failover)),
    ("meter drops above its rate", with_switch(t_meter_drops_above_rate)),
    ("NORMAL learns addresses", with_switch(t_normal_learns)),
    ("standalone fail mode without a controller learns",
     with_switch(t_standalone_without_controller, fail_mode="standalone")),
    ("goto_table, write_actions and metadata",
     with_switch(t_goto_write_actions_metadata)),
    ("mod-flows and del-flows take effect at once",
     with_switch(t_modify_takes_effect)),
    ("flow and port counters", with_switch(t_counters)),
    ("packet-out", with_switch(t_packet_out)),
    ("output to the input port needs IN_PORT", with_switch(t_in_port_output)),
    ("FLOOD skips the input port", with_switch(t_flood_all)),
]

if __name__ == "__main__":
    sys.exit(run_tests(TESTS))
