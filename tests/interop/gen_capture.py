#!/usr/bin/python3
"""Deterministic generator of a varied packet capture for parser interop tests.

Usage: /usr/bin/python3 gen_capture.py [--count N] [--seed S] [--typical]
           OUTPUT.pcap

Writes a classic pcap file (Ethernet link type) of exactly N packets (default
2500).  The same seed always gives the same bytes: all randomness comes from
one random.Random(seed), and pcap timestamps are synthetic.

Why: parse-pcap-vs-ovs.sh feeds the capture to both `pont-ofctl parse-pcap`
and Open vSwitch's `ovs-ofctl parse-pcap` and requires identical flow keys, so
the capture must exercise every branch of the packet parser, good and bad:

  L2     Ethernet II with assorted EtherTypes; 802.3 with LLC/SNAP (IPv4, ARP),
         LLC without SNAP, SNAP with a non-zero OUI or a type below 0x600;
         802.1Q, 802.1ad+802.1Q, 0x8100/0x8100 and triple tags, DEI, VID 0.
  ARP    request/reply, RARP, opcodes > 255, wrong hardware/protocol types or
         lengths, truncated.
  IPv4   TCP (all 12 flag bits, bad data offsets), UDP, SCTP, ICMP, IGMP, GRE,
         ICMPv6-in-IPv4 and other protocols; options; fragments; bad IHL,
         bad total length, Ethernet padding, version != 4.
  IPv6   TCP/UDP/SCTP/ICMPv6/ICMP; neighbour discovery with assorted (and
         broken) options; router solicit/advert; extension header chains,
         truncated ones, unknown next header; bad payload lengths.
  MPLS   unicast and multicast, 1..4 labels, with or without bottom of stack.
  Any    a share of every kind truncated at a random length (also inside the
         Ethernet header), and copies of valid packets with random bytes
         changed after the Ethernet header.

Open vSwitch quirks deliberately avoided (not bugs we test for): no
zero-length records (ovs-ofctl stops reading at one), no EtherType 0x894f
(NSH) wherever an EtherType is read, no packet larger than 9000 bytes.
"""

import argparse
import logging
import random
import struct
import sys

logging.getLogger("scapy").setLevel(logging.ERROR)

from scapy.layers.inet import IP, TCP, UDP  # noqa: E402
from scapy.layers.inet6 import (  # noqa: E402
    IPv6, IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
    IPv6ExtHdrFragment, PadN, ICMPv6EchoRequest, ICMPv6EchoReply,
    ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6ND_RS, ICMPv6ND_RA,
    ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr, ICMPv6NDOptPrefixInfo,
    ICMPv6NDOptMTU)
from scapy.layers.ipsec import AH  # noqa: E402
from scapy.layers.l2 import ARP, GRE  # noqa: E402
from scapy.layers.sctp import SCTP  # noqa: E402
from scapy.packet import Raw  # noqa: E402

DEFAULT_COUNT = 2500
DEFAULT_SEED = 0x504f4e54          # "PONT"
MAX_LEN = 9000
ETH_NSH = 0x894F                   # Avoided: see the header comment.
VLAN_TPIDS = (0x8100, 0x88A8)
LLC_SNAP = b"\xaa\xaa\x03"


# --- Random field values ------------------------------------------------

def rbytes(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def rmac(r):
    kind = r.random()
    if kind < 0.1:
        return "ff:ff:ff:ff:ff:ff"
    if kind < 0.15:
        return "00:00:00:00:00:00"
    b = bytearray(rbytes(r, 6))
    if kind < 0.3:
        b[0] |= 1                               # Multicast.
    elif kind < 0.4:
        b[0:3] = r.choice([b"\x01\x00\x5e", b"\x33\x33\x00"])
    else:
        b[0] &= 0xFE
    return ":".join("%02x" % x for x in b)


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


def rip4(r):
    return r.choice(["0.0.0.0", "255.255.255.255", "224.0.0.%d" % r.randrange(256),
                     "10.%d.%d.%d" % tuple(r.randrange(256) for _ in range(3))]
                    + [".".join(str(r.randrange(256)) for _ in range(4))] * 4)


def rip6(r):
    kind = r.randrange(10)
    if kind < 6:                                  # Some zero words, to vary "::".
        words = [r.getrandbits(16) if r.random() < 0.6 else 0 for _ in range(8)]
        return ":".join("%x" % w for w in words)
    quad = ".".join(str(r.randrange(256)) for _ in range(4))
    return r.choice(["::", "::1", "ff02::1", "ff02::1:ff%02x:%04x"
                     % (r.randrange(256), r.getrandbits(16)),
                     "fe80::%x:%x" % (r.getrandbits(16), r.getrandbits(16)),
                     "::ffff:" + quad, "::" + quad, "64:ff9b::" + quad])


def rttl(r):
    return r.choice([0, 1, 64, 128, 255, r.randrange(256)])


def rport(r):
    return r.choice([0, 22, 53, 80, 443, 65535, r.randrange(65536), r.randrange(1024)])


def rtci(r):
    pcp, dei = r.randrange(8), int(r.random() < 0.3)
    vid = r.choice([0, 1, 4095, r.randrange(4096), r.randrange(4096)])
    return pcp << 13 | dei << 12 | vid


# --- Layer 2 ---------------------------------------------------------------

def eth(r, ethertype, payload):
    """Ethernet II header with random (possibly group) addresses."""
    return mac_bytes(rmac(r)) + mac_bytes(rmac(r)) + struct.pack("!H", ethertype) + payload


def tags(r, tpids):
    return b"".join(struct.pack("!HH", t, rtci(r)) for t in tpids)


def snap(ethertype, payload, oui=b"\x00\x00\x00"):
    return LLC_SNAP + oui + struct.pack("!H", ethertype) + payload


def dot3(r, llc_payload, tag_tpids=()):
    """802.3 frame: length field instead of an EtherType."""
    length = min(len(llc_payload), 1500) if r.random() < 0.8 else r.randrange(0x600)
    return (mac_bytes(rmac(r)) + mac_bytes(rmac(r)) + tags(r, tag_tpids)
            + struct.pack("!H", length) + llc_payload)


def l2_wrap(r, ethertype, payload):
    """Puts an L3 payload in a random L2 encapsulation, mostly plain."""
    style = r.choices(["eth", "vlan", "qinq", "dbl", "triple", "snap"],
                      [60, 14, 8, 6, 3, 9])[0]
    if style == "eth":
        return eth(r, ethertype, payload)
    if style == "snap":
        return dot3(r, snap(ethertype, payload),
                    r.choice([(), (), (0x8100,), (0x88A8, 0x8100)]))
    tpids = {"vlan": [r.choice(VLAN_TPIDS)], "qinq": [0x88A8, 0x8100],
             "dbl": [0x8100, 0x8100], "triple": [r.choice(VLAN_TPIDS) for _ in range(3)]}[style]
    return eth(r, tpids[0], struct.pack("!H", rtci(r)) + tags(r, tpids[1:])
               + struct.pack("!H", ethertype) + payload)


def rand_ethertype(r):
    t = r.choice([0x0600, 0x88CC, 0x88B5, 0x9000, 0x0842, 0x22F0, 0xFFFF,
                  0x8809, r.randrange(0x600, 0x10000)])
    return 0x88B6 if t == ETH_NSH else t


def cat_eth_other(r):
    return l2_wrap(r, rand_ethertype(r), rbytes(r, r.randrange(0, 80)))


def cat_dot3(r):
    kind = r.randrange(6)
    if kind == 0:                                    # SNAP carrying IPv4.
        return dot3(r, snap(0x0800, ipv4(r, 17, l4_udp(r))))
    if kind == 1:                                    # SNAP carrying ARP.
        return dot3(r, snap(0x0806, arp_body(r)))
    if kind == 2:                                    # LLC without SNAP (STP...).
        dsap = r.choice([0x42, 0xF0, 0xE0, 0xAA, r.randrange(256)])
        ssap = 0xAB if dsap == 0xAA else r.choice([dsap, r.randrange(256)])
        return dot3(r, bytes([dsap, ssap, r.choice([3, 0xF3])]) + rbytes(r, r.randrange(0, 50)))
    if kind == 3:                                    # SNAP with a non-zero OUI.
        oui = r.choice([b"\x00\x00\x0c", b"\x00\x80\xc2", rbytes(r, 3)])
        return dot3(r, snap(r.choice([0x0800, 0x2000, 0x010B]), rbytes(r, 40), oui))
    if kind == 4:                                    # SNAP with a type below 0x600.
        return dot3(r, snap(r.randrange(0x600), rbytes(r, r.randrange(0, 40))))
    return dot3(r, LLC_SNAP + rbytes(r, r.randrange(0, 8)))   # Short LLC/SNAP.


def cat_vlan(r):
    """Tag stacks of every shape, over assorted payloads."""
    tpids = r.choice([[0x8100], [0x88A8], [0x88A8, 0x8100], [0x8100, 0x8100],
                      [0x8100, 0x88A8], [0x88A8, 0x88A8, 0x8100],
                      [0x8100, 0x8100, 0x8100]])
    inner = r.randrange(4)
    if inner == 0:
        etype, payload = 0x0800, ipv4(r, 6, l4_tcp(r))
    elif inner == 1:
        etype, payload = 0x0806, arp_body(r)
    elif inner == 2:
        etype, payload = 0x86DD, ipv6(r, 17, l4_udp(r))
    else:
        etype, payload = rand_ethertype(r), rbytes(r, 30)
    if r.random() < 0.15:                            # 802.3 inside the tags.
        return dot3(r, snap(etype, payload), tpids)
    return eth(r, tpids[0], tags(r, tpids)[2:] + struct.pack("!H", etype) + payload)


# --- ARP -------------------------------------------------------------------

def arp_body(r, op=None):
    return bytes(ARP(op=op if op is not None else r.choice([1, 2]),
                     hwsrc=rmac(r), psrc=rip4(r), hwdst=rmac(r), pdst=rip4(r)))


def cat_arp(r):
    kind = r.randrange(6)
    etype = 0x8035 if kind == 1 or r.random() < 0.15 else 0x0806
    body = bytearray(arp_body(r, {1: r.choice([3, 4]),
                                  2: r.choice([256, 0x1234, 0xFFFF, r.randrange(256, 65536)]),
                                  3: r.choice([0, 5, 8, 9, 255])}.get(kind)))
    if kind == 4:                                    # Wrong type or length fields.
        field = r.randrange(4)
        off, width = [(0, 2), (2, 2), (4, 1), (5, 1)][field]
        bad = r.choice([[6, 0x100, 0], [0x86DD, 0x0806, 0], [4, 8, 0], [6, 16, 0]][field])
        body[off:off + width] = bad.to_bytes(width, "big")
    if kind == 5:                                    # Truncated ARP.
        body = body[:r.randrange(0, 28)]
    return l2_wrap(r, etype, bytes(body) + rbytes(r, r.choice([0, 0, 18])))


# --- Transport payloads (shared by IPv4 and IPv6) --------------------------

def tcp_flags12(r):
    """Random 12-bit flags word including NS and the 3 reserved bits."""
    return r.choice([0x002, 0x012, 0x010, 0x018, 0x011, 0x004, 0, 0xFFF,
                     r.getrandbits(12), r.getrandbits(12)])


def l4_tcp(r, data_offset=None):
    opts = r.choice([[], [], [("MSS", 1460)], [("NOP", None), ("WScale", 7)],
                     [("SAckOK", b""), ("Timestamp", (1, 2))]])
    seg = bytearray(bytes(TCP(sport=rport(r), dport=rport(r), seq=r.getrandbits(32),
                              ack=r.getrandbits(32), window=r.getrandbits(16),
                              chksum=0, options=opts) / Raw(rbytes(r, r.randrange(0, 40)))))
    flags = tcp_flags12(r)                           # Raw: scapy masks bits 9-11.
    doff = seg[12] >> 4 if data_offset is None else data_offset
    seg[12] = doff << 4 | flags >> 8
    seg[13] = flags & 0xFF
    return bytes(seg)


def l4_udp(r, size=None):
    size = r.randrange(0, 60) if size is None else size
    return bytes(UDP(sport=rport(r), dport=rport(r), chksum=0) / Raw(rbytes(r, size)))


def l4_sctp(r):
    return bytes(SCTP(sport=rport(r), dport=rport(r), tag=r.getrandbits(32))) + rbytes(r, 16)


def l4_icmp(r):
    # Raw: scapy fills timestamp messages with the current time.
    t = r.choice([0, 3, 5, 8, 11, 12, 13, r.randrange(256)])
    return bytes([t, r.choice([0, 0, 1, 3, r.randrange(256)]), 0, 0]) + rbytes(r, 12)


def l4_igmp(r):
    t = r.choice([0x11, 0x12, 0x16, 0x17, 0x22, r.randrange(256)])
    return bytes([t, r.randrange(256), 0, 0]) + rbytes(r, 4) + rbytes(r, r.choice([0, 8]))


def icmp6(t, code, body):
    return bytes([t, code, 0, 0]) + body


def l4_icmp6(r):
    if r.random() < 0.5:
        cls = r.choice([ICMPv6EchoRequest, ICMPv6EchoReply])
        return bytes(cls(cksum=0, id=r.getrandbits(16), seq=r.getrandbits(16),
                         data=rbytes(r, r.randrange(0, 30))))
    return icmp6(r.choice([1, 2, 3, 4, 130, 143, r.randrange(256)]),
                 r.randrange(4), rbytes(r, r.randrange(4, 40)))


def l4_any(r, proto):
    return {6: l4_tcp, 17: l4_udp, 132: l4_sctp, 1: l4_icmp, 2: l4_igmp,
            58: l4_icmp6}.get(proto, lambda r: rbytes(r, r.randrange(0, 40)))(r)


# --- IPv4 --------------------------------------------------------------------

def ipv4(r, proto, payload, opt_words=0, flags=None, frag=0, tot_len=None,
         ihl=None, version=4):
    """IPv4 datagram; 'tot_len', 'ihl' and 'version' may be made bogus."""
    flags = r.choice([0, 0, 2]) if flags is None else flags     # 2 = DF.
    options = ip_options(r, opt_words)
    hdr = IP(version=version, ihl=5 + opt_words if ihl is None else ihl, tos=r.randrange(256),
             len=20 + len(options) + len(payload) if tot_len is None else tot_len,
             id=r.getrandbits(16), flags=flags, frag=frag, ttl=rttl(r),
             proto=proto, src=rip4(r), dst=rip4(r))
    return bytes(hdr) + options + payload       # Options spliced in raw.


def ip_options(r, words):
    """'words' 32-bit words of plausible options (NOP, RR, router alert...)."""
    opts = b""
    while len(opts) < 4 * words - 4:
        room = 4 * words - len(opts)
        opts += r.choice([b"\x01", b"\x94\x04\x00\x00",
                          bytes([7, min(room, 11), 4]) + rbytes(r, min(room, 11) - 3)])
    return (opts + b"\x01\x01\x01\x00")[:4 * words]


L4_PROTOS = [6, 17, 132, 1, 2, 58]


def cat_ipv4_l4(r):
    proto = r.choice(L4_PROTOS)
    return l2_wrap(r, 0x0800, ipv4(r, proto, l4_any(r, proto)))


def cat_ipv4_tcp_odd(r):
    """TCP with data offset < 5 or beyond the segment."""
    doff = r.choice([0, 1, 4, 6, 10, 15])
    return l2_wrap(r, 0x0800, ipv4(r, 6, l4_tcp(r, doff)))


def cat_ipv4_other(r):
    proto = r.choice([47, 0, 4, 41, 50, 51, 89, 103, 255, r.randrange(256)])
    payload = bytes(GRE(proto=r.choice([0x0800, 0x86DD, 0x6558]))) + rbytes(r, 30) \
        if proto == 47 else rbytes(r, r.randrange(0, 40))
    return l2_wrap(r, 0x0800, ipv4(r, proto, payload))


def cat_ipv4_options(r):
    proto = r.choice(L4_PROTOS)
    return l2_wrap(r, 0x0800, ipv4(r, proto, l4_any(r, proto), opt_words=r.randint(1, 10)))


def cat_ipv4_frag(r):
    proto = r.choice(L4_PROTOS + [47])
    kind = r.randrange(4)
    flags, frag = [(1, 0), (r.choice([0, 1, 3]), r.randint(1, 0x1FFF)),
                   (2, 0), (3, 0)][kind]                        # 1 = MF, 2 = DF.
    return l2_wrap(r, 0x0800, ipv4(r, proto, l4_any(r, proto), flags=flags, frag=frag))


def cat_ipv4_bad(r):
    proto = r.choice(L4_PROTOS)
    payload = l4_any(r, proto)
    real = 20 + len(payload)
    kind = r.randrange(5)
    if kind == 0:
        dgram = ipv4(r, proto, payload, ihl=r.randrange(5))             # IHL < 5.
    elif kind == 1:
        dgram = ipv4(r, proto, payload, tot_len=real + r.randint(1, 300))
    elif kind == 2:
        dgram = ipv4(r, proto, payload, tot_len=r.randrange(20))        # < IHL.
    elif kind == 3:
        dgram = ipv4(r, proto, payload, opt_words=4, ihl=r.randint(10, 15))
    else:
        dgram = ipv4(r, proto, payload, version=r.choice([0, 5, 6, 15]))
    return l2_wrap(r, 0x0800, dgram)


def cat_ipv4_padding(r):
    """Ethernet padding beyond the IP total length must not be parsed."""
    proto = r.choice(L4_PROTOS)
    payload = l4_any(r, proto)
    cut = r.randrange(0, min(len(payload), 24) + 1)      # Transport may lie in padding.
    pad = rbytes(r, r.choice([r.randint(1, 30), r.randint(301, 600)]))
    return l2_wrap(r, 0x0800, ipv4(r, proto, payload[:cut]) + payload[cut:] + pad)


def cat_jumbo(r):
    size = r.randint(1500, MAX_LEN - 100)
    if r.random() < 0.5:
        return l2_wrap(r, 0x0800, ipv4(r, 17, l4_udp(r, size)))
    return l2_wrap(r, 0x86DD, ipv6(r, 17, l4_udp(r, size)))


# --- IPv6 --------------------------------------------------------------------

def ipv6(r, nh, payload, plen=None, src=None, dst=None, hlim=None):
    hdr = IPv6(tc=r.randrange(256), fl=r.getrandbits(20), plen=plen, nh=nh,
               hlim=rttl(r) if hlim is None else hlim,
               src=src or rip6(r), dst=dst or rip6(r))
    return bytes(hdr / Raw(payload))


def cat_ipv6_l4(r):
    proto = r.choice([6, 17, 132, 58, 58, 1, 2])
    return l2_wrap(r, 0x86DD, ipv6(r, proto, l4_any(r, proto)))


def nd_option(r, kind):
    mac = rmac(r)
    if kind == "sll":
        return bytes(ICMPv6NDOptSrcLLAddr(lladdr=mac))
    if kind == "tll":
        return bytes(ICMPv6NDOptDstLLAddr(lladdr=mac))
    if kind == "zero":                                # Length 0: stops parsing.
        return bytes([r.choice([1, 2]), 0]) + rbytes(r, 6)
    if kind == "long":                                # lla option of 16+ bytes.
        n = r.randint(2, 3)
        return bytes([r.choice([1, 2]), n]) + mac_bytes(mac) + rbytes(r, 8 * n - 8)
    if kind == "over":                                # Longer than what is left.
        return bytes([r.choice([1, 2, 3]), r.randint(2, 200)]) + rbytes(r, 6)
    n = r.randint(1, 3)                               # Unknown / other option.
    return bytes([r.choice([3, 4, 5, 14, 25, 31, 200]), n]) + rbytes(r, 8 * n - 2)


def cat_ipv6_nd(r):
    kinds = ["sll", "tll", "zero", "long", "over", "other"]
    opts = [r.choices(kinds, [30, 30, 8, 8, 6, 18])[0] for _ in range(r.randint(0, 4))]
    if r.random() < 0.15:                             # Duplicated option.
        opts += [r.choice(["sll", "tll"])] * 2
    body = b"".join(nd_option(r, k) for k in opts)
    if r.random() < 0.1:                              # Trailing partial option.
        body += rbytes(r, r.randint(1, 7))
    tgt = rip6(r)
    if r.random() < 0.5:
        msg = bytearray(bytes(ICMPv6ND_NS(cksum=0, tgt=tgt)))
    else:
        msg = bytearray(bytes(ICMPv6ND_NA(cksum=0, tgt=tgt, R=r.randrange(2),
                                          S=r.randrange(2), O=r.randrange(2))))
    if r.random() < 0.1:
        msg[1] = r.randint(1, 255)                    # Code != 0: not ND.
    msg = bytes(msg) + body
    if r.random() < 0.1:
        msg = msg[:r.randrange(4, 24)]                # Truncated target.
    return l2_wrap(r, 0x86DD, ipv6(r, 58, msg, hlim=r.choice([255, 255, rttl(r)])))


def cat_ipv6_router(r):
    opts = bytes(ICMPv6NDOptSrcLLAddr(lladdr=rmac(r))) if r.random() < 0.7 else b""
    if r.random() < 0.5:
        msg = bytes(ICMPv6ND_RS(cksum=0, code=r.choice([0, 0, 1]))) + opts
    else:
        msg = bytes(ICMPv6ND_RA(cksum=0, chlim=rttl(r), M=r.randrange(2),
                                routerlifetime=r.getrandbits(16))
                    / ICMPv6NDOptPrefixInfo(prefix="2001:db8:%x::" % r.getrandbits(16))
                    / ICMPv6NDOptMTU(mtu=r.choice([1280, 1500, 9000]))) + opts
    return l2_wrap(r, 0x86DD, ipv6(r, 58, msg))


def ext_header(r, kind, nh):
    if kind == 0:
        return bytes(IPv6ExtHdrHopByHop(nh=nh, options=[PadN(optdata=rbytes(r, r.choice([4, 12, 20])))]))
    if kind == 43:
        return bytes(IPv6ExtHdrRouting(nh=nh, segleft=r.randrange(3),
                                       addresses=[rip6(r) for _ in range(r.randint(0, 2))]))
    if kind == 60:
        return bytes(IPv6ExtHdrDestOpt(nh=nh, options=[PadN(optdata=rbytes(r, r.choice([4, 12])))]))
    if kind == 51:
        icv = rbytes(r, r.choice([4, 12, 16]))
        return bytes(AH(nh=nh, payloadlen=(len(icv) + 12) // 4 - 2, spi=r.getrandbits(32),
                        seq=r.getrandbits(32), icv=icv))
    kind44 = r.randrange(4)                     # Fragment: first, later, atomic, rsvd.
    offset, m = [(0, 1), (r.randint(1, 8191), r.randrange(2)), (0, 0), (0, 0)][kind44]
    frag = bytearray(bytes(IPv6ExtHdrFragment(nh=nh, offset=offset, m=m, id=r.getrandbits(32))))
    if kind44 == 3:
        frag[3] |= r.choice([2, 4, 6])          # Reserved bits only.
    return bytes(frag)


def cat_ipv6_ext(r):
    proto = r.choice([6, 17, 132, 58, 59, 1, 99])
    chain = [r.choice([0, 43, 60, 51, 44]) for _ in range(r.choices([1, 2, 3, 4], [40, 30, 20, 10])[0])]
    if r.random() < 0.3:
        chain[0] = 0                                  # Hop-by-hop first, as usual.
    payload = l4_any(r, proto) if proto != 59 else rbytes(r, r.randrange(0, 20))
    nh = proto
    for kind in reversed(chain):
        payload = ext_header(r, kind, nh) + payload
        nh = kind
    if r.random() < 0.15:                             # Header length too large.
        payload = payload[:1] + bytes([r.randint(20, 255)]) + payload[2:]
    return l2_wrap(r, 0x86DD, ipv6(r, nh, payload))


def cat_ipv6_bad(r):
    proto = r.choice([6, 17, 58, 0, 44, 60])
    payload = l4_any(r, proto) if proto in (6, 17, 58) else ext_header(r, proto, 17) + l4_udp(r)
    kind = r.randrange(4)
    if kind == 0:                                     # Payload length > packet.
        return l2_wrap(r, 0x86DD, ipv6(r, proto, payload, plen=len(payload) + r.randint(1, 100)))
    if kind == 1:                                     # Payload length 0.
        return l2_wrap(r, 0x86DD, ipv6(r, proto, payload, plen=0))
    if kind == 2:                                     # Payload length cuts headers.
        return l2_wrap(r, 0x86DD, ipv6(r, proto, payload, plen=r.randrange(max(1, len(payload)))))
    return l2_wrap(r, 0x86DD, bytes([r.choice([0x40, 0x00, 0x70, 0xF0])]) +
                   ipv6(r, proto, payload)[1:])       # Version != 6.


# --- MPLS --------------------------------------------------------------------

def cat_mpls(r):
    n = r.randint(1, 4)
    bos = r.random() < 0.8
    stack = b"".join(struct.pack("!I", r.getrandbits(20) << 12 | r.randrange(8) << 9
                                 | (bos and i == n - 1) << 8 | rttl(r))
                     for i in range(n))
    inner = r.randrange(3)
    payload = (ipv4(r, 17, l4_udp(r)) if inner == 0 else
               ipv6(r, 6, l4_tcp(r)) if inner == 1 else rbytes(r, r.randrange(0, 30)))
    if r.random() < 0.15:                             # Stack cut mid-label.
        stack, payload = stack[:r.randrange(len(stack))], b""
    return l2_wrap(r, r.choice([0x8847, 0x8848]), stack + payload)


CATEGORIES = [
    (cat_eth_other, 5), (cat_dot3, 6), (cat_vlan, 7), (cat_arp, 7),
    (cat_ipv4_l4, 12), (cat_ipv4_tcp_odd, 3), (cat_ipv4_other, 3),
    (cat_ipv4_options, 4), (cat_ipv4_frag, 5), (cat_ipv4_bad, 5),
    (cat_ipv4_padding, 4), (cat_jumbo, 1), (cat_ipv6_l4, 8),
    (cat_ipv6_nd, 9), (cat_ipv6_router, 3), (cat_ipv6_ext, 8),
    (cat_ipv6_bad, 4), (cat_mpls, 6),
]


# --- Post-processing ---------------------------------------------------------

def reads_nsh(pkt):
    """True if a parser would read EtherType 0x894f somewhere in 'pkt'."""
    if len(pkt) < 14:
        return False
    off = 12
    for _ in range(2):                                # At most 2 tags are parsed.
        if struct.unpack_from("!H", pkt, off)[0] in VLAN_TPIDS and len(pkt) - off >= 6:
            off += 4
    etype = struct.unpack_from("!H", pkt, off)[0]
    if etype == ETH_NSH:
        return True
    llc = pkt[off + 2:off + 10]
    return (etype < 0x600 and len(llc) == 8 and llc[:6] == LLC_SNAP + b"\0\0\0"
            and struct.unpack_from("!H", llc, 6)[0] == ETH_NSH)


def mutate(r, pkt):
    """Copy of 'pkt' with 1..4 random bytes changed after the Ethernet header."""
    b = bytearray(pkt)
    for _ in range(r.randint(1, 4)):
        b[r.randrange(14, len(b))] = r.randrange(256)
    return bytes(b)


def truncate(r, pkt):
    if r.random() < 0.25:
        return pkt[:r.randint(1, 13)]                 # Inside the Ethernet header.
    return pkt[:r.randint(1, len(pkt) - 1)]


def generate(count, seed):
    r = random.Random(seed)
    funcs, weights = zip(*CATEGORIES)
    valid, out = [], []
    while len(out) < count:
        if valid and r.random() < 0.08:
            pkt = mutate(r, r.choice(valid[-200:]))
        else:
            pkt = r.choices(funcs, weights)[0](r)[:MAX_LEN]
            if len(pkt) > 14:
                valid.append(pkt)
            if len(pkt) > 1 and r.random() < 0.2:
                pkt = truncate(r, pkt)
        if pkt and not reads_nsh(pkt):
            out.append(pkt)
    return out


def typical_packet(r):
    """Well-formed traffic as a hypervisor switch mostly sees it: TCP and UDP
    over IPv4 and IPv6, a fifth of it VLAN-tagged, no malformations."""
    v6 = r.random() < 0.2
    proto = 6 if r.random() < 0.75 else 17
    l4 = l4_tcp(r, data_offset=None) if proto == 6 else l4_udp(r)
    l3 = ipv6(r, proto, l4) if v6 else ipv4(r, proto, l4, flags=2)
    ethertype = 0x86DD if v6 else 0x0800
    if r.random() < 0.2:
        return eth(r, 0x8100, struct.pack("!HH", rtci(r), ethertype) + l3)
    return eth(r, ethertype, l3)


def generate_typical(count, seed):
    r = random.Random(seed)
    return [typical_packet(r) for _ in range(count)]


def write_pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, pkt in enumerate(packets):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000,
                                len(pkt), len(pkt)))
            f.write(pkt)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=DEFAULT_COUNT)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--typical", action="store_true",
                    help="only well-formed TCP/UDP traffic (for benchmarks)")
    ap.add_argument("output")
    args = ap.parse_args()
    if args.count < 1:
        ap.error("--count must be positive")
    gen = generate_typical if args.typical else generate
    write_pcap(args.output, gen(args.count, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
