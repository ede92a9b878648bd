#!/usr/bin/python3
"""Open vSwitch's ovs-ofctl drives pont-vswitchd and, side by side, a
private Open vSwitch (dummy datapath) through the same commands; what the
two switches answer must agree: flow dumps after add-flow(s), mod-flows and
del-flows (strict and not), groups, meters, bundles, and the errors of bad
requests.

Usage: ofctl_vs_ovs.py BUILD_DIR SOURCE_DIR   (prints TAP)"""

import os
import re
import subprocess
import sys
import tempfile

from pontlib import Failure, Switch, check, run_tests

BUILD, SRC = sys.argv[1], sys.argv[2]
OVS_SCRIPT = os.path.join(SRC, "tests", "interop", "ovs-switch.sh")


class Ovs:
    """The reference: bridge br0 with ports p1..p3 as OpenFlow 1..3."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ovs-", dir="/tmp")
        r = subprocess.run(["bash", OVS_SCRIPT, "start", self.dir],
                           capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise Failure("cannot start Open vSwitch: " + r.stderr)
        self.target = "tcp:127.0.0.1:" + r.stdout.strip()
        subprocess.run(["ovs-vsctl", "--db=unix:%s/db.sock" % self.dir,
                        "add-port", "br0", "p3", "--", "set", "interface",
                        "p3", "type=dummy", "ofport_request=3"],
                       check=True, capture_output=True, timeout=30)

    def ofctl(self, *args, ok=True, stdin=None):
        opts = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        cmd = (["ovs-ofctl", "-O", "OpenFlow13"] + opts
               + [rest[0], self.target] + rest[1:])
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30,
                           input=stdin)
        if ok and r.returncode:
            raise Failure("OVS: ovs-ofctl %s: %s" % (" ".join(args),
                                                     r.stderr.strip()))
        return r

    def cleanup(self):
        subprocess.run(["bash", OVS_SCRIPT, "stop", self.dir],
                       capture_output=True, timeout=60)
        subprocess.run(["rm", "-rf", self.dir])


def normalize(text):
    """A dump without what legitimately differs: durations, xids, byte
    counts of the reply headers; lines sorted."""
    lines = []
    for line in text.splitlines():
        if re.match(r"^\S*(OFPST|OFPT)_\S+ reply", line.strip()) or \
                "reply (OF1.3)" in line:
            continue
        line = re.sub(r" ?duration=[0-9.]+s,", "", line)
        line = re.sub(r"\(xid=0x[0-9a-f]+\)", "", line)
        lines.append(line.strip())
    return sorted(l for l in lines if l)


def error_name(stderr):
    m = re.search(r"(OFP[A-Z]+_[A-Z_]+|NXBRC_[A-Z_]+|ONFBFC_[A-Z_]+)",
                  stderr)
    return m.group(1) if m else stderr.strip()[:200]


class Pair:
    def __init__(self, pont, ovs):
        self.pont, self.ovs = pont, ovs

    def both(self, *args, stdin=None):
        return (self.pont.ofctl(*args, stdin=stdin),
                self.ovs.ofctl(*args, stdin=stdin))

    def same_dump(self, *args):
        p, o = self.both(*args)
        np, no = normalize(p.stdout), normalize(o.stdout)
        if np != no:
            only_p = [l for l in np if l not in no]
            only_o = [l for l in no if l not in np]
            raise Failure("%s differs\nonly Pont:\n  %s\nonly OVS:\n  %s" % (
                " ".join(args), "\n  ".join(only_p), "\n  ".join(only_o)))
        return np

    def same_error(self, *args, stdin=None):
        p = self.pont.ofctl(*args, ok=False, stdin=stdin)
        o = self.ovs.ofctl(*args, ok=False, stdin=stdin)
        check(o.returncode != 0, "OVS accepted %s" % " ".join(args))
        check(p.returncode != 0, "Pont accepted %s" % " ".join(args))
        ep, eo = error_name(p.stderr), error_name(o.stderr)
        check(ep == eo, "%s: Pont says %s, OVS says %s" % (
            " ".join(args), ep, eo))


FLOWS = """\
table=0,priority=100,in_port=1,actions=output:2
table=0,priority=90,ip,nw_src=10.0.0.0/8,actions=goto_table:1
table=0,priority=80,cookie=0x1234,ipv6,ipv6_dst=2001:db8::/32,actions=drop
table=0,priority=70,arp,arp_tpa=10.1.1.1,actions=output:3
table=0,priority=60,dl_vlan=100,actions=pop_vlan,output:1
table=0,priority=50,dl_src=00:11:22:33:44:55/ff:ff:ff:00:00:00,actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:2
table=0,priority=40,idle_timeout=300,hard_timeout=600,tcp,tp_dst=80,actions=set_field:8080->tcp_dst,output:3
table=0,priority=0,actions=CONTROLLER:128
table=1,priority=100,udp,tp_src=53,actions=set_field:10.9.9.9->ip_dst,dec_ttl,output:2
table=1,priority=10,metadata=0x5/0xff,actions=write_actions(output:3),goto_table:2
table=1,priority=5,actions=write_metadata:0x5/0xff,clear_actions,goto_table:2
table=2,priority=1,ip,nw_tos=32,actions=set_field:1->ip_ecn,output:1
table=2,priority=2,icmp,icmp_type=8,actions=output:IN_PORT
table=2,priority=3,send_flow_rem,reg0=5,actions=FLOOD
"""


OVS = []


def reference():
    """One Open vSwitch for every test (it takes seconds to start), emptied
    before each."""
    if not OVS:
        OVS.append(Ovs())
    ovs = OVS[0]
    for cmd in ("del-flows", "del-groups", "del-meters"):
        ovs.ofctl(cmd)
    return ovs


def with_pair(fn):
    def run():
        pont = Switch(BUILD)
        try:
            fn(Pair(pont, reference()))
        finally:
            pont.cleanup()
    return run


def t_add_flows_dump(pr):
    pr.both("add-flows", "-", stdin=FLOWS)
    flows = pr.same_dump("dump-flows")
    check(len(flows) == FLOWS.count("\n"), "%d flows dumped" % len(flows))
    pr.same_dump("dump-flows", "table=1")
    pr.same_dump("dump-flows", "ip")
    pr.same_dump("dump-flows", "--strict", "table=0,priority=100,in_port=1")
    pr.same_dump("dump-aggregate")


def t_mod_flows(pr):
    pr.both("add-flows", "-", stdin=FLOWS)
    pr.both("mod-flows", "table=0,ip,actions=output:1")
    pr.same_dump("dump-flows")
    pr.both("mod-flows", "--strict", "table=0,priority=100,in_port=1,"
            "actions=output:3")
    pr.both("mod-flows", "table=1,cookie=0x0/0x0,actions=drop")
    pr.same_dump("dump-flows")


def t_del_flows(pr):
    pr.both("add-flows", "-", stdin=FLOWS)
    pr.both("del-flows", "--strict", "table=0,priority=100,in_port=1")
    pr.same_dump("dump-flows")
    pr.both("del-flows", "table=0,ip")
    pr.same_dump("dump-flows")
    pr.both("del-flows", "out_port=3")
    pr.same_dump("dump-flows")
    pr.both("del-flows", "cookie=0x1234/-1")
    pr.same_dump("dump-flows")
    pr.both("del-flows")
    check(not pr.same_dump("dump-flows"), "flows left after del-flows")


def t_add_replaces(pr):
    pr.both("add-flow", "priority=5,in_port=1,actions=output:2")
    pr.both("add-flow", "priority=5,in_port=1,actions=output:3")
    pr.both("add-flow", "priority=6,in_port=1,cookie=0x9,actions=drop")
    pr.same_dump("dump-flows")


GROUPS = [
    "group_id=1,type=all,bucket=output:1,bucket=output:2",
    "group_id=2,type=select,bucket=weight:10,output:1,"
    "bucket=weight:20,output:2",
    "group_id=3,type=indirect,bucket=output:3",
    "group_id=4,type=ff,bucket=watch_port:1,output:1,"
    "bucket=watch_port:2,output:2",
]


def t_groups(pr):
    for g in GROUPS:
        pr.both("add-group", g)
    pr.same_dump("dump-groups")
    pr.both("mod-group", "group_id=1,type=all,bucket=output:3")
    pr.both("add-flow", "in_port=1,actions=group:1")
    pr.same_dump("dump-groups")
    pr.same_dump("dump-flows")
    pr.both("del-groups", "group_id=1")
    pr.same_dump("dump-groups")
    pr.same_dump("dump-flows")
    pr.both("del-groups")
    check(not pr.same_dump("dump-groups"), "groups left")


def t_meters(pr):
    pr.both("add-meter", "meter=1,kbps,band=type=drop,rate=1000")
    pr.both("add-meter", "meter=2,pktps,burst,stats,"
            "band=type=drop,rate=100,burst_size=50")
    pr.same_dump("dump-meters")
    pr.both("mod-meter", "meter=1,kbps,band=type=drop,rate=2000")
    pr.both("add-flow", "in_port=1,actions=meter:2,output:2")
    pr.same_dump("dump-meters")
    pr.both("del-meter", "meter=2")
    pr.same_dump("dump-meters")
    pr.same_dump("dump-flows")


def t_bundle(pr):
    pr.both("--bundle", "add-flows", "-", stdin=FLOWS)
    pr.same_dump("dump-flows")
    # A bundle with a bad flow in it changes nothing.
    bad = "table=0,priority=7,actions=output:1\n" \
          "table=3,priority=1,actions=goto_table:2\n"
    pr.same_error("--bundle", "add-flows", "-", stdin=bad)
    pr.same_dump("dump-flows")


BAD_FLOW_MODS = [
    "table=1,actions=goto_table:0",
    "actions=group:77",
    "actions=meter:9,output:1",
    "tcp,actions=set_field:10.0.0.1->ipv6_src",
    "actions=set_field:80->tcp_dst",
    "table=255,actions=drop",
]


def t_errors(pr):
    for fm in BAD_FLOW_MODS:
        pr.same_error("add-flow", fm)
    pr.both("add-flow", "priority=10,in_port=1,actions=output:2")
    pr.same_error("--strict", "add-flow",
                  "check_overlap,priority=10,in_port=1,actions=drop")
    pr.same_error("add-group", "group_id=1,type=indirect,"
                  "bucket=output:1,bucket=output:2")
    pr.both("add-group", "group_id=5,type=all,bucket=output:1")
    pr.same_error("add-group", "group_id=5,type=all,bucket=output:2")
    pr.same_error("mod-group", "group_id=6,type=all,bucket=output:2")
    pr.same_error("add-meter", "meter=0,kbps,band=type=drop,rate=1")
    pr.both("add-meter", "meter=3,kbps,band=type=drop,rate=1")
    pr.same_error("add-meter", "meter=3,kbps,band=type=drop,rate=1")
    pr.same_dump("dump-flows")


def t_ports_tables(pr):
    p = pr.pont.ofctl("dump-ports").stdout
    for n in ("port  1:", "port  2:", "port  3:"):
        check(n in p, "dump-ports lacks %r:\n%s" % (n, p))
    d = pr.pont.ofctl("dump-ports-desc").stdout
    for n in ("1(p1)", "2(p2)", "3(p3)"):
        check(n in d, "dump-ports-desc lacks %r:\n%s" % (n, d))
    pr.both("add-flows", "-", stdin=FLOWS)
    t = pr.pont.ofctl("dump-tables").stdout
    check(re.search(r"table 0:\s*\n\s*active=8,", t) or "active=8" in t,
          "dump-tables:\n" + t[:600])


def t_packet_out(pr):
    frame = "ffffffffffff000000000001080600010800060400010000000000010a0000010000000000000a000002"
    pr.both("packet-out", "CONTROLLER", "output:1", frame)
    pr.same_error("packet-out", "99", "output:1", frame)


TESTS = [
    ("add-flows then dump-flows agree", with_pair(t_add_flows_dump)),
    ("mod-flows, strict and not", with_pair(t_mod_flows)),
    ("del-flows, strict and not, with filters", with_pair(t_del_flows)),
    ("add-flow on an identical match replaces", with_pair(t_add_replaces)),
    ("groups: add, modify, delete, with their flows", with_pair(t_groups)),
    ("meters: add, modify, delete, with their flows", with_pair(t_meters)),
    ("bundles: all or nothing", with_pair(t_bundle)),
    ("bad requests get the same errors", with_pair(t_errors)),
    ("dump-ports, dump-ports-desc, dump-tables", with_pair(t_ports_tables)),
    ("packet-out", with_pair(t_packet_out)),
]

if __name__ == "__main__":
    try:
        code = run_tests(TESTS)
    finally:
        for ovs in OVS:
            ovs.cleanup()
    sys.exit(code)
