#!/usr/bin/python3
"""pont-vswitchd against a real OpenFlow 1.3 controller: a small one written
here, listening on 127.0.0.1, that the switch connects to after
`pont-vsctl set-controller`.  Messages are packed and unpacked with
python3-openflow (pyof.v0x04); struct fills the few gaps.

Usage: controller.py BUILD_DIR   (prints TAP)"""

import select
import socket
import struct
import sys
import time

from pyof.v0x04.asynchronous.error_msg import ErrorMsg
from pyof.v0x04.asynchronous.flow_removed import FlowRemoved
from pyof.v0x04.asynchronous.packet_in import PacketIn
from pyof.v0x04.asynchronous.port_status import PortStatus
from pyof.v0x04.common.action import ActionOutput, ListOfActions
from pyof.v0x04.common.flow_instructions import (InstructionApplyAction,
                                                  ListOfInstruction)
from pyof.v0x04.common.flow_match import Match, OxmOfbMatchField, OxmTLV
from pyof.v0x04.common.header import Type
from pyof.v0x04.common.utils import unpack_message
from pyof.v0x04.controller2switch.barrier_request import BarrierRequest
from pyof.v0x04.controller2switch.common import ControllerRole
from pyof.v0x04.controller2switch.features_reply import FeaturesReply
from pyof.v0x04.controller2switch.features_request import FeaturesRequest
from pyof.v0x04.controller2switch.flow_mod import (FlowMod, FlowModCommand,
                                                   FlowModFlags)
from pyof.v0x04.controller2switch.packet_out import PacketOut
from pyof.v0x04.controller2switch.role_reply import RoleReply
from pyof.v0x04.controller2switch.role_request import RoleRequest
from pyof.v0x04.symmetric.echo_reply import EchoReply
from pyof.v0x04.symmetric.echo_request import EchoRequest
from pyof.v0x04.symmetric.hello import Hello
from scapy.all import IP, UDP, Ether, raw

from pontlib import Failure, Switch, check, run_tests, wait_for

BUILD = sys.argv[1]
DPID = 0x00000000c0ffee01
A = "00:00:00:00:00:0a"
B = "00:00:00:00:00:0b"
C = "00:00:00:00:00:0c"

# OpenFlow 1.3 numbers pyof does not name where we need them.
OFPP_CONTROLLER = 0xfffffffd
OFPP_ANY = 0xffffffff
OFPG_ANY = 0xffffffff
OFP_NO_BUFFER = 0xffffffff
OFPCML_NO_BUFFER = 0xffff
OFPTT_ALL = 0xff
OFPET_BAD_REQUEST = 1
OFPBRC_BUFFER_EMPTY = 7
OFPBRC_BUFFER_UNKNOWN = 8
OFPBRC_IS_SLAVE = 10
OFPET_FLOW_MOD_FAILED = 5
OFPFMFC_BAD_COMMAND = 6
OFPET_ROLE_REQUEST_FAILED = 11
OFPRRFC_STALE = 0
OFPR_NO_MATCH = 0
OFPRR_IDLE_TIMEOUT = 0
OFPRR_DELETE = 2
OFPPR_ADD, OFPPR_DELETE, OFPPR_MODIFY = 0, 1, 2
OFPPC_PORT_DOWN = 1


def val(x):
    """The plain Python value of a pyof field (or of a plain value)."""
    x = getattr(x, "value", x)
    return int(x) if hasattr(x, "__index__") else x


def udp(size=80, src=A, dst=B, sport=1000):
    """An Ethernet/IPv4/UDP frame of exactly 'size' bytes."""
    head = Ether(src=src, dst=dst) / IP(src="10.0.0.1", dst="10.0.0.2") / \
        UDP(sport=sport, dport=2000)
    return raw(head / (b"p" * (size - len(head))))


def match(in_port=None, ipv4_dst=None):
    m = Match()
    if in_port is not None:
        m.oxm_match_fields.append(OxmTLV(
            oxm_field=OxmOfbMatchField.OFPXMT_OFB_IN_PORT,
            oxm_value=struct.pack("!I", in_port)))
    if ipv4_dst is not None:
        m.oxm_match_fields.append(OxmTLV(
            oxm_field=OxmOfbMatchField.OFPXMT_OFB_ETH_TYPE,
            oxm_value=struct.pack("!H", 0x0800)))
        m.oxm_match_fields.append(OxmTLV(
            oxm_field=OxmOfbMatchField.OFPXMT_OFB_IPV4_DST,
            oxm_value=socket.inet_aton(ipv4_dst)))
    return m


def flow_mod(xid, m, out_port=None, max_len=128, priority=100,
             command=FlowModCommand.OFPFC_ADD, idle_timeout=0, cookie=0,
             flags=0, table_id=0):
    insts = ListOfInstruction()
    if out_port is not None:
        insts.append(InstructionApplyAction(ListOfActions(
            [ActionOutput(port=out_port, max_length=max_len)])))
    return FlowMod(xid=xid, cookie=cookie, table_id=table_id,
                   command=command, idle_timeout=idle_timeout,
                   priority=priority, buffer_id=OFP_NO_BUFFER,
                   out_port=OFPP_ANY, out_group=OFPG_ANY, flags=flags,
                   match=m, instructions=insts)


class Msg:
    """One OpenFlow message as received: header fields and raw bytes."""

    def __init__(self, data):
        self.raw = data
        self.version, self.type, self.length, self.xid = \
            struct.unpack("!BBHI", data[:8])

    def decode(self):
        return unpack_message(self.raw)

    def __repr__(self):
        try:
            name = Type(self.type).name
        except ValueError:
            name = "type %d" % self.type
        return "<%s xid=%d len=%d>" % (name, self.xid, self.length)


class Conn:
    """The controller's side of one switch connection."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.backlog = []       # Received but not yet asked for.
        self.xid = 1000

    def next_xid(self):
        self.xid += 1
        return self.xid

    def send(self, msg):
        self.sock.sendall(msg if isinstance(msg, bytes) else msg.pack())

    def _read_one(self, timeout):
        """The next message off the socket, or None after 'timeout'."""
        deadline = time.time() + timeout
        while True:
            if len(self.buf) >= 8:
                length = struct.unpack("!H", self.buf[2:4])[0]
                check(length >= 8, "switch sent a message of length %d"
                      % length)
                if len(self.buf) >= length:
                    data, self.buf = self.buf[:length], self.buf[length:]
                    msg = Msg(data)
                    if msg.type == Type.OFPT_ECHO_REQUEST:
                        # Keep the connection alive behind the test's back.
                        self.send(EchoReply(xid=msg.xid, data=data[8:]))
                        continue
                    return msg
            left = deadline - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return None
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Failure("the switch closed the connection")
            self.buf += chunk

    def expect(self, mtype, timeout=5.0, pred=None, what=None):
        """The first message of type 'mtype' (and satisfying 'pred'),
        earlier ones included; others stay in the backlog."""
        for i, msg in enumerate(self.backlog):
            if mtype in (None, msg.type) and (pred is None or pred(msg)):
                return self.backlog.pop(i)
        deadline = time.time() + timeout
        while True:
            msg = self._read_one(max(0.0, deadline - time.time()))
            if msg is None:
                name = what or Type(mtype).name
                raise Failure("no %s from the switch within %.1f s; got %s"
                              % (name, timeout, self.backlog[-8:]))
            if mtype in (None, msg.type) and (pred is None or pred(msg)):
                return msg
            self.backlog.append(msg)

    def collect(self, quiet=0.5):
        """Reads whatever arrives until 'quiet' seconds pass without a
        message; returns the backlog with it and empties the backlog."""
        while True:
            msg = self._read_one(quiet)
            if msg is None:
                break
            self.backlog.append(msg)
        got, self.backlog = self.backlog, []
        return got

    def request(self, msg, reply_type, timeout=5.0):
        """Sends 'msg' and returns the reply of 'reply_type' with its xid,
        or raises on an error reply."""
        xid = val(msg.header.xid)
        self.send(msg)
        got = self.expect(None, timeout,
                          lambda m: m.xid == xid and
                          m.type in (reply_type, Type.OFPT_ERROR),
                          what="reply to xid %d" % xid)
        if got.type == Type.OFPT_ERROR:
            err = got.decode()
            raise Failure("xid %d: error type %d code %d"
                          % (xid, val(err.error_type), val(err.code)))
        return got

    def barrier(self, timeout=5.0):
        """Sends a barrier and waits for its reply; returns every message
        received before it (errors included), in order."""
        xid = self.next_xid()
        self.send(BarrierRequest(xid=xid))
        before = []
        deadline = time.time() + timeout
        while True:
            msg = self._read_one(max(0.0, deadline - time.time()))
            if msg is None:
                raise Failure("no BARRIER_REPLY within %.1f s" % timeout)
            if msg.type == Type.OFPT_BARRIER_REPLY and msg.xid == xid:
                return before
            before.append(msg)
            self.backlog.append(msg)

    def errors(self, msgs):
        return [m for m in msgs if m.type == Type.OFPT_ERROR]

    def expect_error(self, xid, etype, code, timeout=5.0):
        got = self.expect(Type.OFPT_ERROR, timeout,
                          lambda m: m.xid == xid,
                          what="OFPT_ERROR for xid %d" % xid).decode()
        check(isinstance(got, ErrorMsg), "OFPT_ERROR does not decode")
        check((val(got.error_type), val(got.code)) == (etype, code),
              "xid %d: error type %d code %d, expected type %d code %d"
              % (xid, val(got.error_type), val(got.code), etype, code))
        return got

    def close(self):
        self.sock.close()


class Controller:
    """A listening socket on 127.0.0.1 at a free port."""

    def __init__(self):
        self.lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(4)
        self.port = self.lsock.getsockname()[1]
        self.conns = []

    @property
    def target(self):
        return "tcp:127.0.0.1:%d" % self.port

    def accept(self, timeout=10.0, handshake=True):
        r, _, _ = select.select([self.lsock], [], [], timeout)
        check(r, "the switch did not connect to %s within %.0f s"
              % (self.target, timeout))
        sock, _ = self.lsock.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = Conn(sock)
        self.conns.append(conn)
        if handshake:
            conn.send(Hello(xid=conn.next_xid()))
            hello = conn.expect(Type.OFPT_HELLO)
            check(hello.version == 0x04, "HELLO version 0x%02x"
                  % hello.version)
        return conn

    def close(self):
        for c in self.conns:
            c.close()
        self.conns = []
        if self.lsock:
            self.lsock.close()
            self.lsock = None


def with_switch(fn, n_ctl=1, **kw):
    """Runs fn(sw, ctl...) with a fresh switch and 'n_ctl' controllers that
    the switch is told about (and has connected to, with HELLOs done)."""
    def run():
        sw = Switch(BUILD, **kw)
        ctls = [Controller() for _ in range(n_ctl)]
        try:
            sw.vsctl("set-dpid", sw.bridge, "%016x" % DPID)
            if ctls:
                sw.vsctl("set-controller", sw.bridge,
                         *[c.target for c in ctls])
            conns = [c.accept() for c in ctls]
            fn(sw, ctls, *conns)
        except Exception as e:
            raise type(e)("%s\n--- vswitchd log ---\n%s"
                          % (e, sw.log()[-3000:]))
        finally:
            for c in ctls:
                c.close()
            sw.cleanup()
    return run


def quiet_ports(sw, ports, timeout=0.3):
    for p in ports:
        extra = sw.recv(p, timeout=timeout)
        check(not extra, "port %d sent %d frames, expected none"
              % (p, len(extra)))


def install(conn, *mods):
    """Sends FLOW_MODs and a barrier; no errors allowed."""
    for m in mods:
        conn.send(m)
    errs = conn.errors(conn.barrier())
    check(not errs, "flow_mod refused: %s"
          % [(val(e.decode().error_type), val(e.decode().code))
             for e in errs])


# 1. Connection set-up.
def t_handshake(sw, ctls, conn):
    msg = conn.request(FeaturesRequest(xid=conn.next_xid()),
                       Type.OFPT_FEATURES_REPLY)
    rep = msg.decode()
    check(isinstance(rep, FeaturesReply), "not a FEATURES_REPLY")
    # pyof prints the datapath id as text; the wire has 8 bytes.
    dpid = struct.unpack("!Q", msg.raw[8:16])[0]
    check(dpid == DPID, "datapath_id %016x, expected %016x" % (dpid, DPID))
    check(val(rep.n_tables) == 255, "n_tables %d" % val(rep.n_tables))
    payload = b"pont-echo-\x00\xff"
    xid = conn.next_xid()
    rep = conn.request(EchoRequest(xid=xid, data=payload),
                       Type.OFPT_ECHO_REPLY)
    check(rep.raw[8:] == payload, "ECHO_REPLY payload %r" % rep.raw[8:])


# 2. Table miss to the controller, buffers, PACKET_OUT.
def packet_in(conn, timeout=3.0):
    pin = conn.expect(Type.OFPT_PACKET_IN, timeout).decode()
    check(isinstance(pin, PacketIn), "PACKET_IN does not decode")
    return pin


def check_packet_in(pin, frame, in_port):
    check(val(pin.reason) == OFPR_NO_MATCH, "reason %d, expected NO_MATCH"
          % val(pin.reason))
    port = pin.match.get_field(OxmOfbMatchField.OFPXMT_OFB_IN_PORT)
    check(port is not None, "no in_port in the PACKET_IN match")
    port = struct.unpack("!I", bytes(val(port)))[0]
    check(port == in_port, "in_port %d, expected %d" % (port, in_port))
    check(val(pin.total_len) == len(frame), "total_len %d, frame %d bytes"
          % (val(pin.total_len), len(frame)))


def t_table_miss_packet_in(sw, ctls, conn):
    install(conn, flow_mod(conn.next_xid(), Match(), OFPP_CONTROLLER,
                           max_len=128, priority=0))
    big = udp(200)
    sw.send(1, big)
    pin = packet_in(conn)
    check_packet_in(pin, big, 1)
    buf = val(pin.buffer_id)
    data = bytes(val(pin.data))
    check(buf != OFP_NO_BUFFER, "a 200-byte frame was not buffered")
    check(len(data) == 128 and data == big[:128],
          "%d bytes of data, expected the first 128" % len(data))
    quiet_ports(sw, [2, 3], 0.1)

    # Releasing the buffer sends the whole frame, not the 128 bytes.
    conn.send(PacketOut(xid=conn.next_xid(), buffer_id=buf, in_port=1,
                        actions=[ActionOutput(port=2)]))
    errs = conn.errors(conn.barrier())
    check(not errs, "PACKET_OUT with buffer %#x refused" % buf)
    got = sw.recv(2)
    check(got == [big], "port 2 sent %s, expected the 200-byte frame"
          % [len(f) for f in got])
    quiet_ports(sw, [1, 3], 0.1)

    # A used buffer is empty; one never handed out is unknown.
    xid = conn.next_xid()
    conn.send(PacketOut(xid=xid, buffer_id=buf, in_port=1,
                        actions=[ActionOutput(port=2)]))
    conn.expect_error(xid, OFPET_BAD_REQUEST, OFPBRC_BUFFER_EMPTY)
    xid = conn.next_xid()
    conn.send(PacketOut(xid=xid, buffer_id=(buf ^ 0x5a5a0000) or 1,
                        in_port=1, actions=[ActionOutput(port=2)]))
    conn.expect_error(xid, OFPET_BAD_REQUEST, OFPBRC_BUFFER_UNKNOWN)
    quiet_ports(sw, [2], 0.1)

    # A frame that fits in max_len comes whole.
    small = udp(64, sport=1001)
    sw.send(1, small)
    pin = packet_in(conn)
    check_packet_in(pin, small, 1)
    check(bytes(val(pin.data)) == small, "a 64-byte frame came cut")

    # OFPCML_NO_BUFFER: whole and unbuffered, whatever its size.
    install(conn, flow_mod(conn.next_xid(), Match(), OFPP_CONTROLLER,
                           max_len=OFPCML_NO_BUFFER, priority=0))
    big = udp(300, sport=1002)
    sw.send(1, big)
    pin = packet_in(conn)
    check_packet_in(pin, big, 1)
    check(val(pin.buffer_id) == OFP_NO_BUFFER, "buffer_id %#x with "
          "OFPCML_NO_BUFFER" % val(pin.buffer_id))
    check(bytes(val(pin.data)) == big, "%d bytes of a 300-byte frame"
          % len(bytes(val(pin.data))))


# 3. Roles.
def role_request(conn, role, generation):
    xid = conn.next_xid()
    conn.send(RoleRequest(xid=xid, role=role, generation_id=generation))
    return xid


def t_roles(sw, ctls, c1, c2):
    xid = role_request(c1, ControllerRole.OFPCR_ROLE_MASTER, 10)
    rep = c1.expect(Type.OFPT_ROLE_REPLY, pred=lambda m: m.xid == xid)
    rep = rep.decode()
    check(isinstance(rep, RoleReply), "not a ROLE_REPLY")
    check(val(rep.role) == ControllerRole.OFPCR_ROLE_MASTER,
          "ROLE_REPLY role %d" % val(rep.role))
    check(val(rep.generation_id) == 10,
          "ROLE_REPLY generation %d" % val(rep.generation_id))

    xid = role_request(c2, ControllerRole.OFPCR_ROLE_MASTER, 5)
    c2.expect_error(xid, OFPET_ROLE_REQUEST_FAILED, OFPRRFC_STALE)

    xid = role_request(c2, ControllerRole.OFPCR_ROLE_SLAVE, 11)
    rep = c2.expect(Type.OFPT_ROLE_REPLY, pred=lambda m: m.xid == xid)
    check(val(rep.decode().role) == ControllerRole.OFPCR_ROLE_SLAVE,
          "slave request answered with role %d" % val(rep.decode().role))

    xid = c2.next_xid()
    c2.send(flow_mod(xid, match(in_port=1), 2))
    c2.expect_error(xid, OFPET_BAD_REQUEST, OFPBRC_IS_SLAVE)
    dump = sw.ofctl("dump-flows").stdout
    check("in_port=1" not in dump, "a slave's flow went in: " + dump)

    install(c1, flow_mod(c1.next_xid(), Match(), OFPP_CONTROLLER,
                         max_len=OFPCML_NO_BUFFER, priority=0))
    c2.collect(0.2)
    frame = udp(100)
    sw.send(1, frame)
    pin = packet_in(c1)
    check(bytes(val(pin.data)) == frame, "master's PACKET_IN data")
    got = [m for m in c2.collect(0.5) if m.type == Type.OFPT_PACKET_IN]
    check(not got, "the slave got %d PACKET_IN" % len(got))

    sw.vsctl("add-port", sw.bridge, "p9", "type=dummy")
    for name, c in (("master", c1), ("slave", c2)):
        st = c.expect(Type.OFPT_PORT_STATUS, what="PORT_STATUS at the "
                      + name).decode()
        check(val(st.reason) == OFPPR_ADD, "%s: PORT_STATUS reason %d"
              % (name, val(st.reason)))


# 4. Losing the controller.
def t_secure_keeps_flows(sw, ctls, conn):
    install(conn, flow_mod(conn.next_xid(), match(in_port=1), 2))
    frame = udp(90)
    sw.send(1, frame)
    check(sw.recv(2) == [frame], "flow 1->2 does not forward")
    ctls[0].close()   # Connection and listener: no way back.
    wait_for(lambda: "not connected" in controller_state(sw),
             "the switch to notice the controller is gone", timeout=5)
    for i in range(3):
        frame = udp(90, sport=2000 + i)
        sw.send(1, frame)
        check(sw.recv(2) == [frame], "after the controller left, frame %d "
              "not forwarded 1->2" % i)
        quiet_ports(sw, [3], 0.1)
    dump = sw.ofctl("dump-flows").stdout
    check("in_port=1" in dump and "output:2" in dump,
          "flow gone after the controller left: " + dump)


def controller_state(sw):
    """pont-vsctl show's lines about controllers, e.g.
    "controller tcp:127.0.0.1:6653: not connected, 1 s in state, ..."."""
    out = sw.vsctl("show").stdout
    return "\n".join(ln for ln in out.splitlines()
                     if ln.strip().startswith("controller "))


def t_standalone_learns_until_connected(sw, ctls):
    # No controller configured, no flows: a learning switch.
    sw.send(1, udp(src=A, dst=C))
    check(len(sw.recv(2)) == 1 and len(sw.recv(3)) == 1,
          "standalone without controller did not flood")
    sw.send(3, udp(src=C, dst=A))
    check(len(sw.recv(1)) == 1, "reply not forwarded to the learned port")
    quiet_ports(sw, [2], 0.1)

    ctl = Controller()
    ctls.append(ctl)   # Closed by with_switch.
    sw.vsctl("set-controller", sw.bridge, ctl.target)
    conn = ctl.accept()
    conn.request(FeaturesRequest(xid=conn.next_xid()),
                 Type.OFPT_FEATURES_REPLY)
    conn.barrier()
    wait_for(lambda: ": connected" in controller_state(sw),
             "pont-vsctl show to list the controller as connected")
    sw.drain()
    sw.send(1, udp(src=A, dst=C, sport=3000))
    sw.send(3, udp(src=C, dst=A, sport=3001))
    quiet_ports(sw, [1, 2, 3], 0.5)
    # A table miss in OpenFlow 1.3 drops, and there is no flow: no
    # PACKET_IN either (a switch sending one is not wrong, only noisy).
    conn.collect(0.2)


# 5. FLOW_REMOVED.
def t_flow_removed(sw, ctls, conn):
    install(conn, flow_mod(conn.next_xid(), match(in_port=1), 2,
                           idle_timeout=1, cookie=0xabc1,
                           flags=FlowModFlags.OFPFF_SEND_FLOW_REM,
                           priority=77))
    for i in range(3):
        sw.send(1, udp(sport=4000 + i))
    last = time.time()
    check(len(sw.recv(2, timeout=0.2)) == 3, "3 frames not forwarded")
    rem = conn.expect(Type.OFPT_FLOW_REMOVED, timeout=5.0).decode()
    took = time.time() - last
    check(isinstance(rem, FlowRemoved), "not a FLOW_REMOVED")
    check(0.8 <= took <= 3.5, "idle_timeout=1 flow removed %.1f s after "
          "its last packet" % took)
    check(val(rem.reason) == OFPRR_IDLE_TIMEOUT, "reason %d, expected "
          "IDLE_TIMEOUT" % val(rem.reason))
    check(val(rem.cookie) == 0xabc1, "cookie %#x" % val(rem.cookie))
    check(val(rem.priority) == 77, "priority %d" % val(rem.priority))
    check(val(rem.idle_timeout) == 1, "idle_timeout %d"
          % val(rem.idle_timeout))
    check(val(rem.packet_count) == 3, "packet_count %d, expected 3"
          % val(rem.packet_count))
    check(val(rem.byte_count) == 3 * 80, "byte_count %d, expected %d"
          % (val(rem.byte_count), 3 * 80))
    check("in_port=1" not in sw.ofctl("dump-flows").stdout,
          "expired flow still listed")

    install(conn, flow_mod(conn.next_xid(), match(in_port=2), 1,
                           cookie=0xdead, priority=55,
                           flags=FlowModFlags.OFPFF_SEND_FLOW_REM))
    conn.send(flow_mod(conn.next_xid(), match(in_port=2), None,
                       command=FlowModCommand.OFPFC_DELETE,
                       table_id=OFPTT_ALL))
    errs = conn.errors(conn.barrier())
    check(not errs, "DELETE refused")
    rem = conn.expect(Type.OFPT_FLOW_REMOVED, timeout=3.0).decode()
    check(val(rem.reason) == OFPRR_DELETE, "reason %d, expected DELETE"
          % val(rem.reason))
    check(val(rem.cookie) == 0xdead, "cookie %#x" % val(rem.cookie))


# 6. PORT_STATUS.
def port_status(conn, reason, port_name, timeout=5.0):
    def is_it(m):
        st = m.decode()
        check(isinstance(st, PortStatus), "PORT_STATUS does not decode")
        return val(st.reason) == reason and \
            str(val(st.desc.name)).rstrip("\0") == port_name
    return conn.expect(Type.OFPT_PORT_STATUS, timeout, is_it,
                       what="PORT_STATUS reason %d for %s"
                       % (reason, port_name)).decode()


def t_port_status(sw, ctls, conn):
    conn.collect(0.2)
    sw.vsctl("add-port", sw.bridge, "p9", "type=dummy", "ofport=9")
    st = port_status(conn, OFPPR_ADD, "p9")
    check(val(st.desc.port_no) == 9, "p9 is port %d" % val(st.desc.port_no))
    sw.vsctl("del-port", sw.bridge, "p9")
    port_status(conn, OFPPR_DELETE, "p9")
    sw.ofctl("mod-port", "p2", "down")
    st = port_status(conn, OFPPR_MODIFY, "p2")
    check(val(st.desc.config) & OFPPC_PORT_DOWN,
          "p2 config %#x lacks PORT_DOWN" % val(st.desc.config))


# 7. Barrier.
def t_barrier(sw, ctls, conn):
    n = 200
    bad_at = 120
    bad_xid = None
    for i in range(n):
        xid = conn.next_xid()
        m = flow_mod(xid, match(ipv4_dst="10.1.%d.%d" % (i // 250, i % 250)),
                     2, priority=200)
        data = bytearray(m.pack())
        if i == bad_at:
            bad_xid = xid
            data[25] = 9    # ofp_flow_mod.command: no such command.
        conn.send(bytes(data))
    before = conn.barrier(timeout=10.0)
    errs = conn.errors(before)
    check([e.xid for e in errs] == [bad_xid],
          "errors before the barrier reply had xids %s, expected [%d]"
          % ([e.xid for e in errs], bad_xid))
    err = errs[0].decode()
    check((val(err.error_type), val(err.code)) ==
          (OFPET_FLOW_MOD_FAILED, OFPFMFC_BAD_COMMAND),
          "bad command: error type %d code %d"
          % (val(err.error_type), val(err.code)))
    # Applied by the time of the reply: the listener sees them all now.
    dump = sw.ofctl("dump-flows").stdout
    got = sum(1 for ln in dump.splitlines() if "nw_dst=10.1." in ln)
    check(got == n - 1, "dump-flows right after the barrier: %d of %d flows"
          % (got, n - 1))


TESTS = [
    ("connects with HELLO 1.3, answers FEATURES_REQUEST and ECHO",
     with_switch(t_handshake)),
    ("table miss sends PACKET_IN; buffers released by PACKET_OUT",
     with_switch(t_table_miss_packet_in)),
    ("roles: stale generation, slave refused, slave gets no PACKET_IN",
     with_switch(t_roles, n_ctl=2)),
    ("secure fail mode keeps flows when the controller is lost",
     with_switch(t_secure_keeps_flows)),
    ("standalone learns without a controller, stops once one connects",
     with_switch(t_standalone_learns_until_connected, n_ctl=0,
                 fail_mode="standalone")),
    ("FLOW_REMOVED on idle timeout and on delete",
     with_switch(t_flow_removed)),
    ("PORT_STATUS on add-port, del-port and mod-port",
     with_switch(t_port_status)),
    ("barrier reply after all flow_mods and their errors",
     with_switch(t_barrier)),
]

if __name__ == "__main__":
    sys.exit(run_tests(TESTS))
