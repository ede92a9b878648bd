#!/usr/bin/python3
"""A minimal OpenFlow 1.3 switch that records every message it receives.

Usage: /usr/bin/python3 fake-switch.py --port P --record FILE
           [--dpid N] [--ports N]

Listens on 127.0.0.1:P (P=0 picks a free port) and prints "listening on PORT"
on stdout as soon as it accepts connections.  Serves any number of sequential
or concurrent connections, one thread each.  On each it sends HELLO (version
bitmap: OpenFlow 1.3 only) and answers just enough for ovs-ofctl to be
satisfied:

  SET_CONFIG -> no reply, but GET_CONFIG_REQUEST then returns what it set;
  ECHO_REQUEST, FEATURES_REQUEST, GET_CONFIG_REQUEST, BARRIER_REQUEST,
  ROLE_REQUEST, GET_ASYNC_REQUEST, QUEUE_GET_CONFIG_REQUEST  -> their reply;
  MULTIPART_REQUEST -> a reply of the same multipart type: DESC with strings,
      PORT_DESC with N ports p1..pN (numbered 1..N), TABLE_FEATURES with one
      entry per table holding the required properties, empty (ovs-ofctl
      rejects less), AGGREGATE / GROUP_FEATURES / METER_FEATURES with zeroed
      fixed bodies, anything else an empty body;
  ONF bundle control (experimenter 0x4f4e4600, exp_type 2300) -> the matching
      bundle reply (open, close, commit, discard);
  anything else -> no reply.

Every message received is appended to FILE as "<connection#> <hex>" (one line
per message, flushed at once; connections are numbered from 1 in accept
order).  Exits with status 0 on SIGTERM or SIGINT.  Cleans up: closes its
sockets; it writes no file other than FILE.

Written from the OpenFlow 1.3.5 specification with struct only, so that it is
independent of both Open vSwitch and Pont.
"""
import argparse
import signal
import socket
import struct
import sys
import threading
import time

OFP_VERSION = 0x04
HDR = struct.Struct("!BBHI")          # version, type, length, xid

# Message types (OpenFlow 1.3).
HELLO, ERROR, ECHO_REQUEST, ECHO_REPLY, EXPERIMENTER = 0, 1, 2, 3, 4
FEATURES_REQUEST, FEATURES_REPLY = 5, 6
GET_CONFIG_REQUEST, GET_CONFIG_REPLY, SET_CONFIG = 7, 8, 9
MULTIPART_REQUEST, MULTIPART_REPLY = 18, 19
BARRIER_REQUEST, BARRIER_REPLY = 20, 21
QUEUE_GET_CONFIG_REQUEST, QUEUE_GET_CONFIG_REPLY = 22, 23
ROLE_REQUEST, ROLE_REPLY = 24, 25
GET_ASYNC_REQUEST, GET_ASYNC_REPLY = 26, 27

# Multipart types whose reply is not just an empty body.
MP_DESC, MP_AGGREGATE, MP_GROUP_FEATURES = 0, 2, 8
MP_METER_FEATURES, MP_TABLE_FEATURES, MP_PORT_DESC = 11, 12, 13
MP_EXPERIMENTER = 0xffff
N_TABLES = 254
OFPMPF_REQ_MORE = 1

ONF_EXPERIMENTER = 0x4f4e4600
ONF_BUNDLE_CONTROL = 2300


def message(msg_type, xid, body=b""):
    return HDR.pack(OFP_VERSION, msg_type, HDR.size + len(body), xid) + body


def hello():
    # One VERSIONBITMAP element (type 1, length 8) with only bit 4 set.
    return message(HELLO, 0, struct.pack("!HHI", 1, 8, 1 << OFP_VERSION))


def fixed_string(text, size):
    return text.encode().ljust(size, b"\0")[:size]


def port_desc_body(n_ports):
    ports = []
    for i in range(1, n_ports + 1):
        hw_addr = bytes([0x02, 0, 0, 0, 0, i & 0xff])
        # port_no, pad, hw_addr, pad, name, config, state (LIVE), curr,
        # advertised, supported, peer, curr_speed, max_speed (kbps).
        ports.append(struct.pack("!I4x6s2x16sIIIIIIII", i, hw_addr,
                                 fixed_string("p%d" % i, 16), 0, 4,
                                 0x840, 0, 0, 0, 10000000, 10000000))
    return b"".join(ports)


def table_features_body():
    # Open vSwitch rejects a TABLE_FEATURES reply without any entry, and an
    # entry without the eight required properties (instructions, next_tables,
    # write/apply actions, match, wildcards, write/apply setfield: the even
    # types 0..14), so send one entry per table with those properties empty.
    # Each property is a 4-byte header padded to 8 bytes.
    props = b"".join(struct.pack("!HH4x", prop_type, 4)
                     for prop_type in range(0, 16, 2))
    # length, table_id, pad, name, metadata_match, metadata_write, config,
    # max_entries.
    return b"".join(struct.pack("!HB5x32sQQII", 64 + len(props), table_id,
                                b"", 0, 0, 0, 1000000) + props
                    for table_id in range(N_TABLES))


def multipart_reply_body(mp_type, req_body, args):
    if mp_type == MP_DESC:
        return (fixed_string("Pont interop tests", 256)
                + fixed_string("fake-switch.py", 256)
                + fixed_string("0.1", 256)
                + fixed_string("0", 32)
                + fixed_string("fake switch for recording", 256))
    if mp_type == MP_PORT_DESC:
        return port_desc_body(args.ports)
    if mp_type == MP_TABLE_FEATURES:
        return table_features_body()
    if mp_type == MP_AGGREGATE:
        return struct.pack("!QQI4x", 0, 0, 0)
    if mp_type == MP_GROUP_FEATURES:
        return bytes(40)
    if mp_type == MP_METER_FEATURES:
        return bytes(16)
    if mp_type == MP_EXPERIMENTER:
        return req_body[:8]           # experimenter id and exp_type
    return b""


def reply_to(msg_type, xid, body, args, config):
    """Returns the reply to one received message, or None.  'config' is the
    connection's switch configuration (flags, miss_send_len), which
    SET_CONFIG changes: ovs-ofctl set-frags reads it back to check."""
    if msg_type == ECHO_REQUEST:
        return message(ECHO_REPLY, xid, body)
    if msg_type == FEATURES_REQUEST:
        return message(FEATURES_REPLY, xid,
                       struct.pack("!QIBB2xII", args.dpid, 0, N_TABLES, 0,
                                   0x4f, 0))
    if msg_type == SET_CONFIG and len(body) >= 4:
        config[:] = struct.unpack_from("!HH", body)
        return None
    if msg_type == GET_CONFIG_REQUEST:
        return message(GET_CONFIG_REPLY, xid, struct.pack("!HH", *config))
    if msg_type == BARRIER_REQUEST:
        return message(BARRIER_REPLY, xid)
    if msg_type == ROLE_REQUEST and len(body) >= 16:
        role, generation = struct.unpack_from("!I4xQ", body)
        return message(ROLE_REPLY, xid, struct.pack("!I4xQ", role,
                                                    generation))
    if msg_type == GET_ASYNC_REQUEST:
        return message(GET_ASYNC_REPLY, xid, bytes(24))
    if msg_type == QUEUE_GET_CONFIG_REQUEST and len(body) >= 4:
        return message(QUEUE_GET_CONFIG_REPLY, xid, body[:4] + bytes(4))
    if msg_type == MULTIPART_REQUEST and len(body) >= 8:
        mp_type, flags = struct.unpack_from("!HH", body)
        if flags & OFPMPF_REQ_MORE:
            return None               # answer the last part only
        reply_body = multipart_reply_body(mp_type, body[8:], args)
        return message(MULTIPART_REPLY, xid,
                       struct.pack("!HH4x", mp_type, 0) + reply_body)
    if msg_type == EXPERIMENTER and len(body) >= 16:
        experimenter, exp_type, bundle_id, ctrl_type, flags = \
            struct.unpack_from("!IIIHH", body)
        if (experimenter == ONF_EXPERIMENTER
                and exp_type == ONF_BUNDLE_CONTROL and ctrl_type % 2 == 0):
            # Requests are even (open 0, close 2, commit 4, discard 6); each
            # reply is the request's type plus one.
            return message(EXPERIMENTER, xid,
                           struct.pack("!IIIHH", experimenter, exp_type,
                                       bundle_id, ctrl_type + 1, flags))
    return None


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


class Recorder:
    def __init__(self, path):
        self.file = open(path, "a", encoding="ascii")
        self.lock = threading.Lock()
        self.next_conn = 1

    def new_connection(self):
        with self.lock:
            conn = self.next_conn
            self.next_conn += 1
            return conn

    def record(self, conn, data):
        with self.lock:
            self.file.write("%d %s\n" % (conn, data.hex()))
            self.file.flush()


def serve(sock, conn, recorder, args):
    config = [0, 128]                 # flags, miss_send_len
    try:
        sock.sendall(hello())
        while True:
            header = recv_exact(sock, HDR.size)
            if header is None:
                return
            _, msg_type, length, xid = HDR.unpack(header)
            if length < HDR.size:
                print("fake-switch: connection %d: bad length %d, closing"
                      % (conn, length), file=sys.stderr)
                return
            body = recv_exact(sock, length - HDR.size)
            if body is None:
                return
            recorder.record(conn, header + body)
            reply = reply_to(msg_type, xid, body, args, config)
            if reply is not None:
                sock.sendall(reply)
    except OSError:
        pass                          # the peer went away; nothing to do
    finally:
        sock.close()


def terminate(signum, frame):
    sys.exit(0)


def main():
    parser = argparse.ArgumentParser(
        description="Minimal recording OpenFlow 1.3 switch.")
    parser.add_argument("--port", type=int, required=True,
                        help="TCP port on 127.0.0.1 (0: pick a free one)")
    parser.add_argument("--record", required=True,
                        help="file to append received messages to")
    parser.add_argument("--dpid", type=lambda s: int(s, 0), default=1)
    parser.add_argument("--ports", type=int, default=2)
    args = parser.parse_args()
    if not 0 <= args.ports <= 1000:
        parser.error("--ports must be 0..1000 (one PORT_DESC reply holds "
                     "at most 1000 ports)")

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        recorder = Recorder(args.record)
    except OSError as e:
        sys.exit("fake-switch: cannot open record file %s: %s"
                 % (args.record, e.strerror))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", args.port))
    except OSError as e:
        sys.exit("fake-switch: cannot listen on 127.0.0.1:%d: %s"
                 % (args.port, e.strerror))
    listener.listen(16)
    print("listening on %d" % listener.getsockname()[1], flush=True)
    threads = []
    try:
        while True:
            sock, _ = listener.accept()
            conn = recorder.new_connection()
            thread = threading.Thread(target=serve,
                                      args=(sock, conn, recorder, args),
                                      daemon=True)
            thread.start()
            threads.append(thread)
            threads = [t for t in threads if t.is_alive()]
    finally:
        listener.close()
        # Messages a client sent just before it closed may still be unread:
        # give each connection a moment to drain them into FILE.
        deadline = time.monotonic() + 2
        for thread in threads:
            thread.join(max(0, deadline - time.monotonic()))


if __name__ == "__main__":
    main()
