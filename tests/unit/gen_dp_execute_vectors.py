#!/usr/bin/python3
"""Writes tests/unit/dp_execute_vectors.txt: packets before and after a
datapath action list, built independently of the executor with scapy.

Each expected output is built from scratch by scapy with the rewritten
header fields and its checksums recomputed (or, where the executor must
keep a checksum as it is, e.g. UDP's "no checksum", set explicitly), so the
test compares the executor's incremental checksum updates with a full
recomputation.

Run with /usr/bin/python3 (python3-scapy) from the repository root:
    /usr/bin/python3 tests/unit/gen_dp_execute_vectors.py

Output format, one vector per line, fields separated by tabs:
    NAME  ACTIONS  INPUT_HEX  OUTPUTS  CSUM
ACTIONS is dp_actions_parse() syntax; OUTPUTS is "-" for none or
PORT=HEX items separated by ';', in the order the executor must output
them; CSUM is "csum" if every output's checksums must verify, "nocsum"
for packets whose checksums cannot be checked (truncated ones)."""

import os
import sys

from scapy.all import (ARP, Dot1Q, Dot1AD, Ether, ICMP, ICMPv6EchoRequest,
                       ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6NDOptDstLLAddr,
                       ICMPv6NDOptSrcLLAddr, IP, IPv6, IPv6ExtHdrFragment,
                       Raw, SCTP, TCP, UDP, raw)
from scapy.contrib.mpls import MPLS

MAC_A = "0a:0b:0c:0d:0e:0f"
MAC_B = "02:00:00:00:00:01"
PAYLOAD = Raw(b"pont datapath vector payload")

vectors = []


def vec(name, actions, pkt_in, outputs, csum=True):
    data_in = pkt_in if isinstance(pkt_in, bytes) else raw(pkt_in)
    outs = []
    for port, pkt in outputs:
        outs.append("%d=%s" % (port, (pkt if isinstance(pkt, bytes)
                                      else raw(pkt)).hex()))
    vectors.append("\t".join([name, actions, data_in.hex(),
                              ";".join(outs) if outs else "-",
                              "csum" if csum else "nocsum"]))


def eth(**kw):
    return Ether(dst=kw.pop("dst", MAC_A), src=kw.pop("src", MAC_B), **kw)


def ip4(**kw):
    kw.setdefault("src", "10.1.2.3")
    kw.setdefault("dst", "192.168.7.9")
    kw.setdefault("tos", 0x2d)
    kw.setdefault("ttl", 64)
    return IP(**kw)


def ip6(**kw):
    kw.setdefault("src", "2001:db8::1")
    kw.setdefault("dst", "2001:db8:ffff::2")
    kw.setdefault("tc", 0x2d)
    kw.setdefault("fl", 0x12345)
    kw.setdefault("hlim", 64)
    return IPv6(**kw)


def l4(proto, **kw):
    if proto == "tcp":
        return TCP(sport=kw.get("sport", 1234), dport=kw.get("dport", 80),
                   flags="S", seq=7)
    if proto == "udp":
        return UDP(sport=kw.get("sport", 1234), dport=kw.get("dport", 53))
    if proto == "sctp":
        return SCTP(sport=kw.get("sport", 1234), dport=kw.get("dport", 5060),
                    tag=0x01020304)
    raise ValueError(proto)


def gen_eth():
    p = eth() / ip4() / l4("tcp") / PAYLOAD
    vec("eth_dst", "set(eth_dst=00:11:22:33:44:55),output:1", p,
        [(1, eth(dst="00:11:22:33:44:55") / ip4() / l4("tcp") / PAYLOAD)])
    vec("eth_src_masked",
        "set(eth_src=aa:bb:cc:00:00:00/ff:ff:ff:00:00:00),output:1", p,
        [(1, eth(src="aa:bb:cc:00:00:01") / ip4() / l4("tcp") / PAYLOAD)])


def gen_ipv4():
    for proto in ("tcp", "udp", "sctp"):
        def p(ipkw={}, l4kw={}):
            return eth() / ip4(**ipkw) / l4(proto, **l4kw) / PAYLOAD
        vec("ipv4_%s_src" % proto, "set(ipv4_src=172.16.0.1),output:1", p(),
            [(1, p({"src": "172.16.0.1"}))])
        vec("ipv4_%s_dst_masked" % proto,
            "set(ipv4_dst=10.0.0.0/255.255.0.0),output:1", p(),
            [(1, p({"dst": "10.0.7.9"}))])
        vec("ipv4_%s_tos_dscp" % proto,
            "set(ip_tos=0xb8/0xfc),output:1", p(), [(1, p({"tos": 0xb9}))])
        vec("ipv4_%s_ttl" % proto, "set(ip_ttl=63),output:1", p(),
            [(1, p({"ttl": 63}))])
        vec("ipv4_%s_tp_src" % proto, "set(tp_src=4321),output:1", p(),
            [(1, p(l4kw={"sport": 4321}))])
        vec("ipv4_%s_tp_dst" % proto, "set(tp_dst=8080),output:1", p(),
            [(1, p(l4kw={"dport": 8080}))])
    icmp = eth() / ip4() / ICMP(type=8, code=0, id=5, seq=1) / PAYLOAD
    vec("ipv4_icmp_type", "set(icmp_type=0),output:1", icmp,
        [(1, eth() / ip4() / ICMP(type=0, code=0, id=5, seq=1) / PAYLOAD)])
    vec("ipv4_icmp_code", "set(icmp_code=3),output:1", icmp,
        [(1, eth() / ip4() / ICMP(type=8, code=3, id=5, seq=1) / PAYLOAD)])
    vec("ipv4_icmp_dst", "set(ipv4_dst=8.8.8.8),output:1", icmp,
        [(1, eth() / ip4(dst="8.8.8.8") / ICMP(type=8, code=0, id=5, seq=1)
          / PAYLOAD)])
    # TP_SRC on a packet without ports leaves it unchanged.
    vec("ipv4_icmp_tp_src_absent", "set(tp_src=99),output:1", icmp,
        [(1, icmp)])
    arp = eth(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=MAC_B,
                                             psrc="10.0.0.1",
                                             pdst="10.0.0.2")
    vec("arp_tp_src_absent", "set(tp_src=99),output:1", arp, [(1, arp)])


def gen_udp_zero():
    def p(src, sport=1234, chksum=None):
        u = UDP(sport=sport, dport=53)
        if chksum is not None:
            u.chksum = chksum
        return eth() / ip4(src=src) / u / PAYLOAD
    vec("ipv4_udp_zero_csum_src", "set(ipv4_src=172.16.0.1),output:1",
        p("10.1.2.3", chksum=0), [(1, p("172.16.0.1", chksum=0))])
    vec("ipv4_udp_zero_csum_port", "set(tp_src=999),output:1",
        p("10.1.2.3", chksum=0), [(1, p("10.1.2.3", 999, chksum=0))])
    # Find a source port whose checksum computes to zero: it must be
    # stored as 0xffff (scapy does the same).
    for sport in range(1, 65536):
        out = Ether(raw(p("10.1.2.3", sport)))
        if out[UDP].chksum == 0xffff:
            vec("ipv4_udp_csum_becomes_ffff",
                "set(tp_src=%d),output:1" % sport, p("10.1.2.3"),
                [(1, p("10.1.2.3", sport))])
            break
    else:
        sys.exit("no UDP source port gives a zero checksum")


def gen_ipv6():
    for proto in ("tcp", "udp", "sctp"):
        def p(ipkw={}, l4kw={}):
            return eth() / ip6(**ipkw) / l4(proto, **l4kw) / PAYLOAD
        vec("ipv6_%s_src" % proto, "set(ipv6_src=fe80::1),output:1", p(),
            [(1, p({"src": "fe80::1"}))])
        vec("ipv6_%s_dst_masked" % proto,
            "set(ipv6_dst=2001:db8:1::/ffff:ffff:ffff::),output:1", p(),
            [(1, p({"dst": "2001:db8:1::2"}))])
        vec("ipv6_%s_tc" % proto, "set(ip_tos=0x3/0x3),output:1", p(),
            [(1, p({"tc": 0x2f}))])
        vec("ipv6_%s_hlim" % proto, "set(ip_ttl=1),output:1", p(),
            [(1, p({"hlim": 1}))])
        vec("ipv6_%s_label" % proto, "set(ipv6_label=0xabcde),output:1",
            p(), [(1, p({"fl": 0xabcde}))])
        vec("ipv6_%s_tp_src" % proto, "set(tp_src=7),output:1", p(),
            [(1, p(l4kw={"sport": 7}))])
        vec("ipv6_%s_tp_dst" % proto, "set(tp_dst=65535),output:1", p(),
            [(1, p(l4kw={"dport": 65535}))])
    def echo(t=128, c=0, src="2001:db8::1"):
        e = ICMPv6EchoRequest(id=3, seq=4, data=b"ping")
        e.type, e.code = t, c
        return eth() / ip6(src=src) / e
    vec("ipv6_icmp6_type", "set(icmp_type=129),output:1", echo(),
        [(1, echo(129))])
    vec("ipv6_icmp6_code", "set(icmp_code=1),output:1", echo(),
        [(1, echo(128, 1))])
    vec("ipv6_icmp6_src", "set(ipv6_src=2001:db8::99),output:1", echo(),
        [(1, echo(src="2001:db8::99"))])


def gen_nd():
    def ns(tgt="2001:db8::5", lla=MAC_B):
        return (eth() / ip6(dst="ff02::1:ff00:5", hlim=255)
                / ICMPv6ND_NS(tgt=tgt) / ICMPv6NDOptSrcLLAddr(lladdr=lla))
    def na(tgt="2001:db8::5", lla=MAC_B):
        return (eth() / ip6(hlim=255) / ICMPv6ND_NA(tgt=tgt, R=0, S=1, O=1)
                / ICMPv6NDOptDstLLAddr(lladdr=lla))
    vec("nd_ns_target", "set(nd_target=2001:db8::77),output:1", ns(),
        [(1, ns(tgt="2001:db8::77"))])
    vec("nd_ns_sll", "set(nd_sll=00:11:22:33:44:55),output:1", ns(),
        [(1, ns(lla="00:11:22:33:44:55"))])
    vec("nd_na_tll", "set(nd_tll=00:11:22:33:44:55),output:1", na(),
        [(1, na(lla="00:11:22:33:44:55"))])
    vec("nd_na_target", "set(nd_target=2001:db8::78),output:1", na(),
        [(1, na(tgt="2001:db8::78"))])
    # An NS has no target link-layer address option: unchanged.
    vec("nd_ns_tll_absent", "set(nd_tll=00:11:22:33:44:55),output:1", ns(),
        [(1, ns())])


def gen_arp():
    def arp(op=1, sha=MAC_B, spa="10.0.0.1", tha="00:00:00:00:00:00",
            tpa="10.0.0.2"):
        return eth(dst="ff:ff:ff:ff:ff:ff") / ARP(
            op=op, hwsrc=sha, psrc=spa, hwdst=tha, pdst=tpa)
    vec("arp_op", "set(arp_op=2),output:1", arp(), [(1, arp(op=2))])
    vec("arp_spa", "set(arp_spa=10.9.9.9),output:1", arp(),
        [(1, arp(spa="10.9.9.9"))])
    vec("arp_tpa_masked", "set(arp_tpa=172.0.0.0/255.0.0.0),output:1", arp(),
        [(1, arp(tpa="172.0.0.2"))])
    vec("arp_sha", "set(arp_sha=00:11:22:33:44:55),output:1", arp(),
        [(1, arp(sha="00:11:22:33:44:55"))])
    vec("arp_tha", "set(arp_tha=00:11:22:33:44:66),output:1", arp(),
        [(1, arp(tha="00:11:22:33:44:66"))])


def gen_vlan():
    body = ip4() / l4("udp") / PAYLOAD
    plain = eth() / body
    one = eth() / Dot1Q(vlan=10, prio=0) / body
    vec("vlan_push_untagged", "push_vlan(vid=10,pcp=0),output:1", plain,
        [(1, one)])
    vec("vlan_push_tagged_qinq", "push_vlan(tpid=0x88a8,vid=20,pcp=5),"
        "output:1", one,
        [(1, eth() / Dot1AD(vlan=20, prio=5) / Dot1Q(vlan=10) / body)])
    vec("vlan_pop_single", "pop_vlan,output:1", one, [(1, plain)])
    two = eth() / Dot1AD(vlan=20, prio=5) / Dot1Q(vlan=10, prio=3) / body
    vec("vlan_pop_double", "pop_vlan,output:1", two,
        [(1, eth() / Dot1Q(vlan=10, prio=3) / body)])
    vec("vlan_pop_untagged", "pop_vlan,output:1", plain, [(1, plain)])
    vec("vlan_set_vid", "set(vlan_tci=0x7b/0xfff),output:1",
        eth() / Dot1Q(vlan=10, prio=6) / body,
        [(1, eth() / Dot1Q(vlan=123, prio=6) / body)])
    vec("vlan_set_pcp", "set(vlan_tci=0x6000/0xe000),output:1",
        eth() / Dot1Q(vlan=10, prio=6) / body,
        [(1, eth() / Dot1Q(vlan=10, prio=3) / body)])
    vec("vlan_set_outer_of_two", "set(vlan_tci=0x1/0xfff),output:1", two,
        [(1, eth() / Dot1AD(vlan=1, prio=5) / Dot1Q(vlan=10, prio=3)
          / body)])
    vec("vlan_set_untagged", "set(vlan_tci=0x1/0xfff),output:1", plain,
        [(1, plain)])
    vec("vlan_push_set_ip", "push_vlan(vid=4095,pcp=7),set(ipv4_src=1.2.3.4)"
        ",output:1", plain,
        [(1, eth() / Dot1Q(vlan=4095, prio=7) / ip4(src="1.2.3.4")
          / l4("udp") / PAYLOAD)])


def gen_mpls():
    body = ip4() / l4("udp") / PAYLOAD
    plain = eth() / body
    one = eth(type=0x8847) / MPLS(label=100, cos=2, s=1, ttl=64) / body
    two = (eth(type=0x8847) / MPLS(label=200, cos=0, s=0, ttl=32)
           / MPLS(label=100, cos=2, s=1, ttl=64) / body)
    vec("mpls_push_new",
        "push_mpls(label=100,tc=2,ttl=64,bos=1,eth_type=0x8847),output:1",
        plain, [(1, one)])
    vec("mpls_push_on_stack",
        "push_mpls(label=200,tc=0,ttl=32,bos=0,eth_type=0x8847),output:1",
        one, [(1, two)])
    vec("mpls_push_vlan_tagged",
        "push_mpls(label=5,tc=0,ttl=9,bos=1,eth_type=0x8848),output:1",
        eth() / Dot1Q(vlan=7) / body,
        [(1, eth() / Dot1Q(vlan=7, type=0x8848)
          / MPLS(label=5, cos=0, s=1, ttl=9) / body)])
    vec("mpls_pop_last", "pop_mpls(eth_type=0x800),output:1", one,
        [(1, plain)])
    vec("mpls_pop_top", "pop_mpls(eth_type=0x8847),output:1", two,
        [(1, one)])
    vec("mpls_pop_none", "pop_mpls(eth_type=0x800),output:1", plain,
        [(1, plain)])
    vec("mpls_set_ttl", "set(mpls_lse=0x3f/0xff),output:1", one,
        [(1, eth(type=0x8847) / MPLS(label=100, cos=2, s=1, ttl=63)
          / body)])
    vec("mpls_set_label", "set(mpls_lse=0xfffff000/0xfffff000),output:1",
        two, [(1, eth(type=0x8847) / MPLS(label=0xfffff, cos=0, s=0, ttl=32)
               / MPLS(label=100, cos=2, s=1, ttl=64) / body)])
    # After a pop the IPv4 header is found again and can be rewritten.
    vec("mpls_pop_then_set", "pop_mpls(eth_type=0x800),set(ip_ttl=5),"
        "output:1", one, [(1, eth() / ip4(ttl=5) / l4("udp") / PAYLOAD)])


def gen_fragments():
    seg = raw(TCP(sport=1234, dport=80, flags="S", seq=7) / PAYLOAD)
    def first(sport=1234, src="10.1.2.3"):
        return eth() / ip4(src=src, flags="MF", proto=6) / TCP(
            sport=sport, dport=80, flags="S", seq=7) / PAYLOAD
    def later(src="10.1.2.3"):
        return eth() / ip4(src=src, frag=4, proto=6) / Raw(seg)
    vec("frag4_first_tp_src", "set(tp_src=4321),output:1", first(),
        [(1, first(4321))])
    vec("frag4_later_tp_src", "set(tp_src=4321),output:1", later(),
        [(1, later())])
    vec("frag4_later_ipv4_src", "set(ipv4_src=9.9.9.9),output:1", later(),
        [(1, later("9.9.9.9"))])
    def later6(src="2001:db8::1"):
        return (eth() / ip6(src=src) / IPv6ExtHdrFragment(
            nh=6, offset=3, m=0, id=9) / Raw(seg))
    vec("frag6_later_tp_src", "set(tp_src=4321),output:1", later6(),
        [(1, later6())])
    vec("frag6_later_ipv6_src", "set(ipv6_src=fe80::9),output:1", later6(),
        [(1, later6("fe80::9"))])
    def first6(sport=1234):
        return (eth() / ip6() / IPv6ExtHdrFragment(nh=6, offset=0, m=1, id=9)
                / TCP(sport=sport, dport=80, flags="S", seq=7) / PAYLOAD)
    vec("frag6_first_tp_src", "set(tp_src=4321),output:1", first6(),
        [(1, first6(4321))])


def gen_truncated():
    whole = raw(eth() / ip4() / l4("tcp") / PAYLOAD)
    cut = whole[:14 + 20 + 10]
    vec("trunc_ipv4_total_len", "set(ipv4_src=1.1.1.1),set(tp_src=1),"
        "output:1", cut, [(1, cut)], csum=False)
    short = raw(eth() / ip4(src="10.1.2.3") / Raw(b"\x04\xd2\x00\x50"))
    short = short[:23] + b"\x06" + short[24:]  # Protocol TCP, 4-byte header.
    vec("trunc_tcp_header", "set(tp_src=1),output:1", short, [(1, short)],
        csum=False)
    ip6cut = raw(eth() / ip6() / l4("udp") / PAYLOAD)[:14 + 30]
    vec("trunc_ipv6_header", "set(ipv6_src=::1),set(ip_ttl=1),output:1",
        ip6cut, [(1, ip6cut)], csum=False)
    tiny = bytes.fromhex("0a0b0c0d0e0f0200")
    vec("trunc_eth", "set(eth_dst=00:11:22:33:44:55),push_vlan(vid=1,pcp=0)"
        ",pop_vlan,push_mpls(label=1,tc=0,ttl=1,bos=1,eth_type=0x8847),"
        "output:1", tiny, [(1, tiny)], csum=False)
    arp_cut = raw(eth() / ARP(op=1))[:14 + 20]
    vec("trunc_arp", "set(arp_op=2),set(arp_tpa=1.2.3.4),output:1", arp_cut,
        [(1, arp_cut)], csum=False)


def gen_outputs():
    p = eth() / ip4() / l4("udp") / PAYLOAD
    data = raw(p)
    vec("trunc_output", "trunc(20),output:1,output:2", p,
        [(1, data[:20]), (2, data)], csum=False)
    vec("trunc_last_output", "trunc(30),output:1", p, [(1, data[:30])],
        csum=False)
    vec("trunc_smaller_wins", "trunc(30),trunc(40),output:1", p,
        [(1, data[:30])], csum=False)
    vec("trunc_longer_than_packet", "trunc(1000),output:1", p, [(1, data)])
    ttl9 = eth() / ip4(ttl=9) / l4("udp") / PAYLOAD
    vec("multiple_outputs", "output:1,set(ip_ttl=9),output:2,output:3", p,
        [(1, p), (2, ttl9), (3, ttl9)])
    dst = eth() / ip4(dst="1.1.1.1") / l4("udp") / PAYLOAD
    vec("clone_then_original",
        "clone(set(ipv4_dst=1.1.1.1),output:1),output:2", p,
        [(1, dst), (2, p)])
    vec("clone_nested",
        "clone(set(ip_ttl=9),clone(set(ipv4_dst=1.1.1.1),output:1),"
        "output:2),output:3", p,
        [(1, eth() / ip4(ttl=9, dst="1.1.1.1") / l4("udp") / PAYLOAD),
         (2, ttl9), (3, p)])
    vec("clone_last", "output:1,clone(set(ip_ttl=9),output:2)", p,
        [(1, p), (2, ttl9)])
    vec("clone_drop", "clone(drop),output:1", p, [(1, p)])
    vec("drop", "drop", p, [])
    vec("set_after_last_output_drops", "output:1,set(ip_ttl=9)", p,
        [(1, p)])


def main():
    for gen in (gen_eth, gen_ipv4, gen_udp_zero, gen_ipv6, gen_nd, gen_arp,
                gen_vlan, gen_mpls, gen_fragments, gen_truncated,
                gen_outputs):
        gen()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "dp_execute_vectors.txt")
    with open(path, "w") as f:
        f.write("# Generated by gen_dp_execute_vectors.py; do not edit.\n")
        f.write("# NAME\tACTIONS\tINPUT_HEX\tOUTPUTS\tCSUM\n")
        for v in vectors:
            f.write(v + "\n")
    print("%d vectors written to %s" % (len(vectors), path))


if __name__ == "__main__":
    main()
