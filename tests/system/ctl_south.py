#!/usr/bin/python3
"""The controller's southbound (controller/ctl_south.h), through
tests/tools/ctl-south-test, against pont-vswitchd (dummy datapath), a
private Open vSwitch (dummy datapath), and fake switches written here that
refuse bundles or answer nonsense.

Each scenario connects a switch, checks what the southbound learns about
it, applies a flow set, re-applies it (nothing may be sent), applies a
changed set (only the difference, checked in the report and with
ovs-ofctl dump-flows), restarts the controller side (the switch
reconnects; nothing is deleted, so flows keep their durations), and, for
Pont, adds and removes a port with an iface-id.

Usage: ctl_south.py BUILD_DIR SOURCE_DIR   (prints TAP)"""

import os
import queue
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

import pontlib
from pontlib import Failure, check, wait_for

BUILD = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
TOOL = os.path.join(BUILD, "tests", "tools", "ctl-south-test")
OVS_SCRIPT = os.path.join(SRC, "tests", "interop", "ovs-switch.sh")

# The flow sets, in ctl_flowset_format()'s syntax.  Ports by name: p1 and
# p2 exist on both switches, pont-tun is the VXLAN port.
SET_A = """\
group_id=10,type=all,bucket=output:p1,bucket=output:p2
group_id=11,type=all,bucket=output:p1
table=0,priority=100,cookie=0x300000000000001,in_port=p1,dl_src=00:00:00:00:00:01,actions=set_field:1->reg0,write_metadata:0x1000005,goto_table:1
table=0,priority=10,cookie=0x300000000000001,in_port=p1,actions=drop
table=0,priority=100,cookie=0x200000000000005,in_port=pont-tun,tun_id=5,actions=write_metadata:0x1000005,goto_table:1
table=0,priority=0,cookie=0x100000000000000,actions=drop
table=1,priority=100,cookie=0x300000000000002,metadata=0x1000005,dl_dst=00:00:00:00:00:02,actions=output:p2
table=1,priority=100,cookie=0x300000000000003,metadata=0x1000005,reg0=1,dl_dst=00:00:00:00:00:03,actions=set_field:5->tun_id,set_field:192.168.1.2->tun_dst,output:pont-tun
table=1,priority=50,cookie=0x200000000000005,metadata=0x1000005,reg0=1,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=group:10
table=1,priority=50,cookie=0x200000000000005,metadata=0x1000005,reg0=0,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=group:11
table=1,priority=0,cookie=0x100000000000000,actions=drop
"""

# From A: one flow's actions change (same cookie: a modify), one flow's
# cookie changes (an add that replaces it), one flow goes, one comes,
# group 10 changes, group 11 goes (and the flow that used it), group 12
# comes.
SET_B = """\
group_id=10,type=all,bucket=output:p2
group_id=12,type=all,bucket=output:p1,bucket=output:p2
table=0,priority=100,cookie=0x300000000000001,in_port=p1,dl_src=00:00:00:00:00:01,actions=set_field:1->reg0,write_metadata:0x1000005,goto_table:1
table=0,priority=10,cookie=0x300000000000001,in_port=p1,actions=drop
table=0,priority=100,cookie=0x200000000000005,in_port=pont-tun,tun_id=5,actions=write_metadata:0x1000005,goto_table:1
table=0,priority=0,cookie=0x100000000000000,actions=drop
table=1,priority=100,cookie=0x300000000000002,metadata=0x1000005,dl_dst=00:00:00:00:00:02,actions=output:p1
table=1,priority=100,cookie=0x300000000000009,metadata=0x1000005,reg0=1,dl_dst=00:00:00:00:00:03,actions=set_field:5->tun_id,set_field:192.168.1.2->tun_dst,output:pont-tun
table=1,priority=50,cookie=0x200000000000005,metadata=0x1000005,reg0=1,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=group:10
table=1,priority=40,cookie=0x200000000000005,metadata=0x1000005,reg0=0,actions=group:12
table=1,priority=0,cookie=0x100000000000000,actions=drop
"""

A_FLOWS, A_GROUPS = 9, 2
B_DIFF = dict(flow_adds=2, flow_mods=1, flow_dels=1, group_adds=1,
              group_mods=1, group_dels=1)


class Controller:
    """ctl-south-test, its output lines in a queue."""

    def __init__(self, target, *options):
        # Its log (and any sanitizer report) goes to a file, shown when it
        # does not exit cleanly.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([TOOL] + list(options) + [target],
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()
        first = self.expect(lambda l: l.startswith("listening "))
        self.port = int(first.split()[1])

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, pred, timeout=10.0, what="a line"):
        """The next line (not seen before) for which pred is true."""
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            try:
                line = self.lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                line = ""
            if line is None:
                raise Failure("ctl-south-test exited (status %s)"
                              % self.proc.wait())
            if line:
                self.seen.append(line)
                if pred(line):
                    return line
            if time.time() > deadline:
                raise Failure("timed out waiting for %s; saw %s"
                              % (what, self.seen[-8:]))

    def quiet(self, prefix, seconds):
        """Checks that no line starting with 'prefix' comes for a while."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if line is None:
                raise Failure("ctl-south-test exited")
            self.seen.append(line)
            check(not line.startswith(prefix), "unexpected: " + line)

    def cmd(self, text, reply):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self.expect(lambda l: l.split()[0] in (reply, "error",
                                                      "apply-error"),
                           what=reply)

    def stats(self, dpid):
        line = self.cmd("stats " + dpid, "stats")
        check(line.startswith("stats "), line)
        return fields(line)

    def apply(self, dpid, text, ok=True):
        fd, path = tempfile.mkstemp(prefix="ctl-south-", suffix=".flows")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        try:
            line = self.cmd("apply %s %s" % (dpid, path), "apply-ok")
        finally:
            os.unlink(path)
        if ok:
            check(line.startswith("apply-ok"), line)
        return line

    def applied(self, dpid):
        return fields(self.expect(
            lambda l: l.startswith("applied dpid=" + dpid), what="applied"))

    def stop(self):
        """Stops the tool; fails unless it exits with status 0 (under
        AddressSanitizer, a leak makes it exit otherwise)."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        status = self.proc.returncode
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        check(status == 0, "ctl-south-test exited with status %s:\n%s"
              % (status, "\n".join(text.splitlines()[-30:])))


def fields(line):
    """"word k=v k=v..." as a dict (values after error= kept whole)."""
    d = {}
    rest = line.split(" ", 1)[1] if " " in line else ""
    if " error=" in rest:
        rest, d["error"] = rest.split(" error=", 1)
    for kv in rest.split():
        k, _, v = kv.partition("=")
        d[k] = v
    return d


def dump_flows(ofctl):
    """{(table, priority, match): (cookie, actions, duration)}."""
    flows = {}
    for line in ofctl("dump-flows").stdout.splitlines()[1:]:
        m = re.match(r" cookie=(\S+), duration=([\d.]+)s, table=(\d+), "
                     r"n_packets=\d+, n_bytes=\d+, (?:\S+=\S+, )*"
                     r"priority=(\d+),?(\S*) actions=(\S+)", line)
        check(m, "cannot read dump-flows line: " + line)
        cookie, dur, table, prio, match, actions = m.groups()
        flows[(int(table), int(prio), match)] = (int(cookie, 16), actions,
                                                 float(dur))
    return flows


def dump_groups(ofctl):
    return sorted(l.strip() for l in ofctl("dump-groups").stdout.splitlines()
                  if "group_id=" in l)


def expect_report(rep, **want):
    for k, v in want.items():
        check(int(rep[k]) == v, "report %s=%s, expected %d: %s"
              % (k, rep[k], v, rep))


class Scenario:
    """One switch and a controller driving it through the steps."""

    def __init__(self, name, ofctl, set_controller, n_ports):
        self.name = name
        self.ofctl = ofctl
        self.set_controller = set_controller
        self.n_ports = n_ports
        self.ctl = None
        self.dpid = None
        self.up = None
        self.ports = []
        self.t_installed = None

    def connect(self, port=0):
        self.ctl = Controller("tcp:127.0.0.1:%d" % port)
        if not port:
            self.set_controller("tcp:127.0.0.1:%d" % self.ctl.port)
        line = self.ctl.expect(lambda l: l.startswith("switch-up"),
                               timeout=20, what="switch-up")
        self.up = fields(line)
        self.dpid = self.up["dpid"]
        self.ports = [fields(self.ctl.expect(
            lambda l: l.startswith("port-added"), what="port-added"))
            for _ in range(self.n_ports)]

    def key_of(self, name):
        return [p["key"] for p in self.ports if p["name"] == name][0]

    def apply_a(self):
        self.ctl.apply(self.dpid, SET_A)
        rep = self.ctl.applied(self.dpid)
        n = A_FLOWS + A_GROUPS
        expect_report(rep, flow_adds=A_FLOWS, group_adds=A_GROUPS,
                      flow_dels=0, errors=0, bundled=1, refused=0,
                      msgs=n + 3)  # open, n adds, commit, barrier
        self.t_installed = time.time()
        flows = dump_flows(self.ofctl)
        check(len(flows) == A_FLOWS, "%d flows on the switch" % len(flows))
        cookies = sorted(c for c, _, _ in flows.values())
        want = sorted(int(l.split("cookie=")[1].split(",")[0], 16)
                      for l in SET_A.splitlines() if "cookie=" in l)
        check(cookies == want, "cookies %s, expected %s" % (cookies, want))
        check(len(dump_groups(self.ofctl)) == A_GROUPS, "groups")

    def reapply_a(self):
        before = self.ctl.stats(self.dpid)
        self.ctl.apply(self.dpid, SET_A)
        self.ctl.quiet("applied", 0.5)
        after = self.ctl.stats(self.dpid)
        check(after["msgs"] == before["msgs"], "messages were sent: %s -> %s"
              % (before, after))
        check(int(after["noop"]) == int(before["noop"]) + 1,
              "not a no-op: %s" % after)

    def apply_b(self):
        before = dump_flows(self.ofctl)
        self.ctl.apply(self.dpid, SET_B)
        rep = self.ctl.applied(self.dpid)
        expect_report(rep, errors=0, bundled=1, msgs=sum(B_DIFF.values()) + 3,
                      **B_DIFF)
        flows = dump_flows(self.ofctl)
        check(len(flows) == A_FLOWS, "%d flows after B" % len(flows))
        key = (1, 100, "metadata=0x1000005,dl_dst=00:00:00:00:00:02")
        check(key in flows and flows[key][1] == "output:1",
              "the modified flow: %s" % (flows.get(key),))
        # A modify keeps the flow (its duration); untouched flows too.
        check(flows[key][2] >= before[key][2], "modify reset the duration")
        tun_key = [k for k in flows if k[1] == 100 and "reg0=0x1" in k[2]
                   and k[0] == 1][0]
        check(flows[tun_key][0] == 0x300000000000009, "the new cookie")
        groups = dump_groups(self.ofctl)
        check(any(g.startswith("group_id=10,") and "output:1" not in g
                  for g in groups), "group 10 not modified: %s" % groups)
        check(not any(g.startswith("group_id=11,") for g in groups),
              "group 11 still there: %s" % groups)

    def restart(self):
        """Restarts the controller; a stray flow added meanwhile is the
        only thing the next apply may change."""
        port = self.ctl.port
        self.ctl.stop()
        self.ofctl("add-flow", "table=5,priority=7,cookie=0x77,actions=drop")
        before = dump_flows(self.ofctl)
        self.connect(port)
        self.ctl.apply(self.dpid, SET_B)
        rep = self.ctl.applied(self.dpid)
        expect_report(rep, flow_dels=1, flow_adds=0, flow_mods=0,
                      group_adds=0, group_mods=0, group_dels=0, errors=0)
        after = dump_flows(self.ofctl)
        check(len(after) == A_FLOWS, "%d flows after restart" % len(after))
        for k, (cookie, actions, dur) in after.items():
            check(k in before and before[k][0] == cookie
                  and dur >= before[k][2],
                  "flow %s was replaced across the restart" % (k,))
        self.ctl.apply(self.dpid, SET_B)
        self.ctl.quiet("applied", 0.5)

    def refuse_unknown_port(self):
        line = self.ctl.apply(self.dpid, SET_B.replace("output:p1",
                                                       "output:nope"),
                              ok=False)
        check(line.startswith("apply-error") and "nope" in line, line)
        check(int(self.ctl.stats(self.dpid)["busy"]) == 0, "busy")
        self.ctl.quiet("applied", 0.3)


# Pont.

class PontSwitch(pontlib.Switch):
    def __init__(self):
        super().__init__(BUILD, n_ports=2)
        self.vsctl("set-host-id", "host-a")
        self.vsctl("add-port", "br0", "vm1", "type=dummy",
                   "sock=" + os.path.join(self.dir, "vm1.sock"),
                   "iface-id=acme/vm1")
        self.vsctl("add-port", "br0", "up0", "type=dummy",
                   "sock=" + os.path.join(self.dir, "up0.sock"))
        self.vsctl("add-port", "br0", "pont-tun", "type=vxlan",
                   "local_ip=192.168.1.1/24", "uplink=up0")


PONT = {}


def pont_scenario():
    if "s" not in PONT:
        sw = PontSwitch()
        PONT["sw"] = sw
        PONT["s"] = Scenario(
            "pont", sw.ofctl,
            lambda t: sw.vsctl("set-controller", "br0", t), n_ports=6)
    return PONT["s"]


def t_pont_identity():
    s = pont_scenario()
    s.connect()
    check(s.up["pont"] == "1" and s.up["host"] == "host-a"
          and s.up["tunnel_ip"] == "192.168.1.1" and s.up["uplink"] == "up0",
          "switch-up: %s" % s.up)
    check(s.key_of("vm1") == "acme/vm1", "vm1's key: %s" % s.ports)
    check(s.key_of("p1") == "", "p1's key: %s" % s.ports)
    sw = PONT["sw"]
    check("host_id: host-a" in sw.vsctl("show").stdout, "show: host_id")
    with open(os.path.join(sw.dir, "vswitchd.json")) as f:
        check('"host_id": "host-a"' in f.read(), "host_id not saved")
    r = sw.vsctl("set-host-id", "bad host", ok=False)
    check(r.returncode and "may contain only" in r.stderr, r.stderr)


def t_pont_new_port_key():
    s, sw = pont_scenario(), PONT["sw"]
    sw.vsctl("add-port", "br0", "vm2", "type=dummy",
             "sock=" + os.path.join(sw.dir, "vm2.sock"), "iface-id=acme/vm2")
    p = fields(s.ctl.expect(lambda l: l.startswith("port-added")))
    check(p["name"] == "vm2" and p["key"] == "acme/vm2", str(p))
    sw.vsctl("del-port", "br0", "vm2")
    p = fields(s.ctl.expect(lambda l: l.startswith("port-removed")))
    check(p["name"] == "vm2", str(p))


def t_host_info_unknown_type_is_an_error():
    """An unknown Pont exp_type and an unknown experimenter get errors."""
    sw = PONT["sw"]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sw.mgmt)
    try:
        sock.sendall(of_msg(0, 1, of_hello_body()))
        sock.sendall(of_msg(4, 5, struct.pack("!II", 0x504f4e54, 9)))
        sock.sendall(of_msg(4, 6, struct.pack("!II", 0x12345678, 1)))
        sock.sendall(of_msg(4, 7, struct.pack("!II", 0x504f4e54, 1)))
        got = {}
        while len(got) < 3:
            t, xid, body = of_recv(sock)
            if xid in (5, 6, 7):
                got[xid] = (t, body)
        check(got[5][0] == 1 and got[5][1][:4] == struct.pack("!HH", 1, 4),
              "BAD_SUBTYPE for exp_type 9: %s" % (got[5],))
        check(got[6][0] == 1 and got[6][1][:4] == struct.pack("!HH", 1, 3),
              "BAD_VENDOR for an unknown experimenter: %s" % (got[6],))
        check(got[7][0] == 4 and b"host-a" in got[7][1],
              "the host info reply: %s" % (got[7],))
    finally:
        sock.close()


# Open vSwitch.

class Ovs:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ovs-", dir="/tmp")
        r = subprocess.run(["bash", OVS_SCRIPT, "start", self.dir],
                           capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise Failure("cannot start Open vSwitch: " + r.stderr)
        self.of_port = r.stdout.strip()
        self.vsctl("add-port", "br0", "pont-tun", "--", "set", "interface",
                   "pont-tun", "type=vxlan", "options:remote_ip=flow",
                   "options:key=flow", "ofport_request=10")

    def vsctl(self, *args):
        subprocess.run(["ovs-vsctl", "--db=unix:%s/db.sock" % self.dir]
                       + list(args), check=True, capture_output=True,
                       timeout=30)

    def ofctl(self, *args):
        r = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", args[0],
                            "tcp:127.0.0.1:" + self.of_port] + list(args[1:]),
                           capture_output=True, text=True, timeout=30)
        if r.returncode:
            raise Failure("ovs-ofctl %s: %s" % (args, r.stderr))
        return r

    def set_controller(self, target):
        # The listener's target as ovs-switch.sh gave it, so that Open
        # vSwitch keeps it rather than binding its port a second time.
        self.vsctl("set-controller", "br0", "ptcp:0:127.0.0.1", target)

    def cleanup(self):
        subprocess.run(["bash", OVS_SCRIPT, "stop", self.dir],
                       capture_output=True, timeout=60)
        subprocess.run(["rm", "-rf", self.dir])


OVS = {}


def ovs_scenario():
    if "s" not in OVS:
        ovs = Ovs()
        OVS["ovs"] = ovs
        OVS["s"] = Scenario("ovs", ovs.ofctl, ovs.set_controller, n_ports=4)
    return OVS["s"]


def t_ovs_identity():
    s = ovs_scenario()
    s.connect()
    check(s.up["pont"] == "0" and s.up["host"] == "", "switch-up: %s" % s.up)
    check(s.key_of("p1") == "p1" and s.key_of("pont-tun") == "pont-tun",
          "keys are names: %s" % s.ports)


# Fake switches: OpenFlow 1.3 by hand.

def of_msg(msg_type, xid, body=b""):
    return struct.pack("!BBHI", 4, msg_type, 8 + len(body), xid) + body


def of_hello_body():
    return struct.pack("!HHI", 1, 8, 1 << 4)


def of_recv(sock):
    head = b""
    while len(head) < 8:
        chunk = sock.recv(8 - len(head))
        if not chunk:
            raise EOFError
        head += chunk
    _, t, length, xid = struct.unpack("!BBHI", head)
    body = b""
    while len(body) < length - 8:
        chunk = sock.recv(length - 8 - len(body))
        if not chunk:
            raise EOFError
        body += chunk
    return t, xid, body


class FakeSwitch(threading.Thread):
    """Connects to the controller and answers as told: 'mode' is "plain"
    (no bundles, no Pont) or "nonsense" (broken replies)."""

    def __init__(self, port, dpid, mode):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.dpid, self.mode = dpid, mode
        self.flow_mods = 0
        self.bundle_msgs = 0
        self.barriers = 0
        self.closed = False

    def send(self, t, xid, body=b""):
        self.sock.sendall(of_msg(t, xid, body))

    def error(self, xid, etype, code, request):
        self.send(1, xid, struct.pack("!HH", etype, code) + request[:64])

    def mp_reply(self, xid, mp_type, body=b""):
        self.send(19, xid, struct.pack("!HH4x", mp_type, 0) + body)

    def answer(self, t, xid, body):
        raw = of_msg(t, xid, body)
        if t == 2:                                  # ECHO_REQUEST
            self.send(3, xid, body)
        elif t == 5:                                # FEATURES_REQUEST
            if self.mode == "nonsense":
                self.send(6, xid, b"\x01\x02")      # Too short.
                self.sock.sendall(b"\x04\x13\x00\x0c\x00\x00\x00\x63"
                                  b"\xff\xff\xff\xff")  # Bad multipart.
                self.error(xid, 1, 1, raw)          # And refuse it.
                return
            self.send(6, xid, struct.pack("!QIBB2xII", self.dpid, 0, 254, 0,
                                          0, 0))
        elif t == 18:                               # MULTIPART_REQUEST
            mp_type = struct.unpack("!H", body[:2])[0]
            self.mp_reply(xid, mp_type)
        elif t == 4:                                # EXPERIMENTER
            if body[:4] == struct.pack("!I", 0x4f4e4600):
                self.bundle_msgs += 1               # ONF: a bundle message.
            self.error(xid, 1, 3, raw)              # BAD_EXPERIMENTER
        elif t == 14 or t == 15:                    # FLOW_MOD, GROUP_MOD
            self.flow_mods += 1
        elif t == 20:                               # BARRIER_REQUEST
            self.barriers += 1
            self.send(21, xid)

    def run(self):
        try:
            self.send(0, 1, of_hello_body())
            while True:
                t, xid, body = of_recv(self.sock)
                self.answer(t, xid, body)
        except (EOFError, OSError):
            self.closed = True


def t_fake_switch_without_bundles():
    s = pont_scenario()
    fake = FakeSwitch(s.ctl.port, 0xfa4e, "plain")
    fake.start()
    dpid = "%016x" % 0xfa4e
    up = fields(s.ctl.expect(lambda l: l.startswith("switch-up dpid=" + dpid),
                             what="the fake's switch-up"))
    check(up["pont"] == "0", str(up))
    s.ctl.apply(dpid, "table=0,priority=5,cookie=0x1,actions=drop\n"
                      "table=0,priority=6,cookie=0x1,actions=drop\n")
    rep = s.ctl.applied(dpid)
    # Bundle: open, 2 adds, commit, barrier; then 2 plain and a barrier.
    expect_report(rep, bundled=0, refused=1, flow_adds=2, errors=0, msgs=8)
    check(fake.flow_mods == 2 and fake.bundle_msgs == 4
          and fake.barriers == 2, "the fake saw %d flow mods, %d bundle "
          "messages, %d barriers" % (fake.flow_mods, fake.bundle_msgs,
                                     fake.barriers))
    fake.sock.close()
    s.ctl.expect(lambda l: l.startswith("switch-down dpid=" + dpid))


def t_nonsense_does_not_crash_the_controller():
    s = pont_scenario()
    fake = FakeSwitch(s.ctl.port, 0xbad, "nonsense")
    fake.start()
    wait_for(lambda: fake.closed, "the controller to drop the fake")
    check(not any("dpid=%016x" % 0xbad in l for l in s.ctl.seen
                  if l.startswith("switch-up")), "the fake came up")
    # Still serving, and the real switch still up.
    check(s.ctl.proc.poll() is None, "ctl-south-test died")
    check(s.ctl.stats(s.dpid)["busy"] == "0", "stats")


def t_clean_exit():
    for d in (PONT, OVS):
        d["s"].ctl.stop()


def steps(scenario_fn, prefix):
    return [
        (prefix + ": apply installs the set in one bundle",
         lambda: scenario_fn().apply_a()),
        (prefix + ": the same set again sends nothing",
         lambda: scenario_fn().reapply_a()),
        (prefix + ": a changed set sends only the difference",
         lambda: scenario_fn().apply_b()),
        (prefix + ": a restarted controller keeps the flows, deletes strays",
         lambda: scenario_fn().restart()),
        (prefix + ": a set naming an unknown port is refused whole",
         lambda: scenario_fn().refuse_unknown_port()),
    ]


def main():
    tests = ([("pont: host id, tunnel, uplink and iface-ids", t_pont_identity)]
             + steps(pont_scenario, "pont")
             + [("pont: a new port comes with its iface-id",
                 t_pont_new_port_key),
                ("pont-vswitchd: unknown experimenter and exp_type errors",
                 t_host_info_unknown_type_is_an_error),
                ("a switch that refuses bundles gets plain messages",
                 t_fake_switch_without_bundles),
                ("a switch talking nonsense is dropped, nothing crashes",
                 t_nonsense_does_not_crash_the_controller),
                ("ovs: not Pont, port names are keys", t_ovs_identity)]
             + steps(ovs_scenario, "ovs")
             + [("the controllers exit cleanly", t_clean_exit)])
    try:
        return pontlib.run_tests(tests)
    finally:
        for d in (PONT, OVS):
            s = d.get("s")
            if s and s.ctl and not s.ctl.log.closed:
                try:
                    s.ctl.stop()
                except Failure as e:
                    print("# " + str(e).replace("\n", "\n# "))
        if "sw" in PONT:
            PONT["sw"].cleanup()
        if "ovs" in OVS:
            OVS["ovs"].cleanup()


if __name__ == "__main__":
    sys.exit(main())
