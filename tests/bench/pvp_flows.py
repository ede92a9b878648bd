"""The OpenFlow tables of the PVP benchmark (tests/bench/pvp.py), as
`ovs-ofctl -O OpenFlow13 add-flows` files, the same for every switch.

Every guest of the benchmark sends untagged UDP/IPv4 frames whose addresses
are in 10.0.0.0/8 (pont-vguest) or 198.18.0.0/15 (testpmd), with UDP
destination port 9 and locally administered source MACs (DPDK's random
MACs and QEMU-style 52:54:00:... both have that bit set).  So the two
explicit flows forward everything, and each of the other flows carries at
least one match that such traffic never has: a VLAN, TCP, a universally
administered source MAC, an address in 172.16.0.0/12 or 192.168.0.0/16, or
a UDP destination port other than 9.  Their priorities lie above and below
the explicit flows' (32768), so a classifier cannot stop at the first
match by priority; their masks mix prefixes of many lengths and fields of
every layer.  pvp.py checks after each run that none of them was hit."""

import random

# The two flows that carry the traffic, at the default priority (32768):
# dump-flows prints them without 'priority=', the others with it.
EXPLICIT = ["in_port=1,actions=output:2", "in_port=2,actions=output:1"]
OTHER_PRIORITIES = (10, 100, 1000, 20000, 40000, 50000, 65000)


def _dotted(addr):
    return "%d.%d.%d.%d" % (addr >> 24, addr >> 16 & 255, addr >> 8 & 255,
                            addr & 255)


def _prefix(rng):
    """A random prefix inside 172.16.0.0/12 or 192.168.0.0/16, of a length
    from the base's up to 32."""
    base, base_len = rng.choice(((0xac100000, 12), (0xc0a80000, 16)))
    plen = rng.choice([n for n in (12, 16, 20, 24, 28, 30, 32)
                       if n >= base_len])
    addr = base | rng.getrandbits(32 - base_len)
    addr &= 0xffffffff << (32 - plen) & 0xffffffff
    return "%s/%d" % (_dotted(addr), plen)


def _mac(rng):
    """A universally administered MAC (IANA's 00:00:5e block): no guest
    MAC, all locally administered, can equal it."""
    return "00:00:5e:%02x:%02x:%02x" % (rng.getrandbits(8), rng.getrandbits(8),
                                        rng.getrandbits(8))


def _impossible_match(rng):
    """Match fields of which at least one the benchmark's traffic never
    has, of one of seven kinds chosen at random."""
    kind = rng.randrange(7)
    if kind == 0:
        m = ["dl_vlan=%d" % rng.randint(1, 4094)]
        if rng.random() < 0.3:
            m.append("dl_vlan_pcp=%d" % rng.randint(0, 7))
        return m
    if kind == 1:
        if rng.random() < 0.5:
            return ["dl_src=" + _mac(rng)]
        return ["dl_src=%s/ff:ff:ff:ff:00:00" % _mac(rng)]
    if kind == 2:
        return ["ip", "nw_dst=" + _prefix(rng)]
    if kind == 3:
        m = ["ip", "nw_src=" + _prefix(rng)]
        if rng.random() < 0.5:
            m.append("nw_dst=" + _prefix(rng))
        return m
    if kind == 4:
        m = ["tcp", "tp_dst=%d" % rng.randint(1, 65535)]
        if rng.random() < 0.3:
            m.append("nw_src=10.%d.0.0/16" % rng.randint(0, 255))
        return m
    if kind == 5:
        return ["udp", "tp_dst=%d" % rng.randint(10, 65535)]
    m = ["udp", "nw_src=" + _prefix(rng),
         "tp_src=0x%x/0xff00" % (rng.getrandbits(8) << 8)]
    if rng.random() < 0.5:
        m.append("tp_dst=%d" % rng.randint(1, 65535))
    return m


def other_flows(n, seed=20261124):
    """N distinct flows that the benchmark's traffic does not hit, the same
    for the same N and SEED."""
    rng = random.Random(seed)
    seen = set()
    flows = []
    while len(flows) < n:
        priority = rng.choice(OTHER_PRIORITIES)
        match = []
        if rng.random() < 0.4:
            match.append("in_port=%d" % rng.randint(1, 2))
        match += _impossible_match(rng)
        key = (priority, ",".join(match))
        if key in seen:
            continue
        seen.add(key)
        action = rng.choice(("output:1", "output:2", "drop",
                             "set_field:00:00:5e:00:01:%02x->eth_dst,output:2"
                             % rng.getrandbits(8)))
        flows.append("priority=%d,%s,actions=%s" % (priority, ",".join(match),
                                                   action))
    return flows


def write_table(path, n_other):
    """Writes the explicit flows and N_OTHER others to PATH."""
    with open(path, "w") as f:
        f.write("\n".join(EXPLICIT + other_flows(n_other)) + "\n")


def check_counters(dump):
    """Given the text of `ovs-ofctl -O OpenFlow13 --no-names dump-flows`,
    returns None if both explicit flows forwarded packets and no other flow
    matched any, or else a sentence saying what was wrong."""
    explicit, other, n_other = [], 0, 0
    for line in dump.splitlines():
        if "actions=" not in line or "n_packets=" not in line:
            continue
        n = int(line.split("n_packets=")[1].split(",")[0])
        if "priority=" in line:
            other += n
            n_other += 1
        else:
            explicit.append(n)
    if len(explicit) != 2:
        return "dump-flows shows %d explicit flows, not 2" % len(explicit)
    if 0 in explicit:
        return ("an explicit flow forwarded no packet (n_packets %s)"
                % explicit)
    if other:
        return ("%d packets matched the %d other flows, which the traffic "
                "should miss: fix pvp_flows.py" % (other, n_other))
    return None
