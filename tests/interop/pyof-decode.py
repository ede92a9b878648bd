#!/usr/bin/python3
"""Decodes hex OpenFlow 1.3 messages with python3-openflow (pyof.v0x04).

Usage: /usr/bin/python3 pyof-decode.py HEXFILE

Each line of HEXFILE holds zero or more messages in hex, separated by
spaces; anything up to the line's last tab is a label and is ignored (so the
OUTFILE of record-ovs-ofctl.sh is read as it is).  For each message it
prints one of
    ok <type> (line N[, label L][, message K])
    FAIL <reason> (line N[, label L][, message K])
    unsupported <type> (line N[, label L][, message K])
and finally a count of each.  <type> is pyof's name, with the multipart type
or the ONF bundle message kind appended after a '/'.

A message is ok if pyof unpacks it, its header has version 4 and the length
of the data, and pyof packs the result back into the same bytes.  The last
check matters: pyof's unpacking ignores action, OXM and header lengths and
pad bytes, so a message can unpack "fine" while pyof read it differently.
The header's length field is left out of that comparison because pyof's
MeterMod.pack() writes 16 there whatever the bands (checked separately).
The message inside an ONF bundle add message (experimenter 0x4f4e4600,
exp_type 2301) is decoded the same way.

Unsupported (reported, not counted as failures):
  - message types pyof has no class for: none of OpenFlow 1.3's 0..29, so in
    practice types >= 30 (OpenFlow 1.4+ numbers);
  - OFPT_QUEUE_GET_CONFIG_REQUEST: pyof types its port as the enum of
    reserved ports, so it rejects every request for a real port such as 1.
pyof knows experimenter messages only as a header and opaque data, and
leaves the bodies of DESC, TABLE, GROUP_DESC, GROUP_FEATURES, METER_CONFIG,
METER_FEATURES and PORT_DESC multipart requests as bytes; those are checked
by the round trip only.

Exit status: 0 if nothing failed, 1 if a message failed or HEXFILE holds no
message, 2 on bad usage.  Cleans up: nothing to clean; it only reads HEXFILE.
"""
import struct
import sys

try:
    from pyof.v0x04.common.header import Type
    from pyof.v0x04.common.utils import MESSAGE_TYPES, unpack_message
except ImportError:
    sys.exit("pyof-decode: cannot import pyof: run with /usr/bin/python3 "
             "and install python3-openflow")

ONF_EXPERIMENTER = 0x4f4e4600
ONF_BUNDLE_KINDS = {2300: "ONF_BUNDLE_CONTROL", 2301: "ONF_BUNDLE_ADD"}
BUNDLE_ADD_HEADER = 24      # header, experimenter, exp_type, id, pad, flags
PYOF_BROKEN = {Type.OFPT_QUEUE_GET_CONFIG_REQUEST.value:
               "pyof rejects non-reserved port numbers"}


class Unsupported(Exception):
    pass


def type_name(data):
    """Names the message in 'data' from its header alone."""
    msg_type = data[1]
    try:
        name = Type(msg_type).name
    except ValueError:
        return "type %d" % msg_type
    if msg_type in (Type.OFPT_MULTIPART_REQUEST.value,
                    Type.OFPT_MULTIPART_REPLY.value) and len(data) >= 10:
        name += "/mp_type %d" % struct.unpack_from("!H", data, 8)
    elif msg_type == Type.OFPT_EXPERIMENTER.value and len(data) >= 16:
        experimenter, exp_type = struct.unpack_from("!II", data, 8)
        if experimenter == ONF_EXPERIMENTER and exp_type in ONF_BUNDLE_KINDS:
            name += "/" + ONF_BUNDLE_KINDS[exp_type]
    return name


def decode(data):
    """Decodes one message; returns its name or raises ValueError (a
    failure) or Unsupported."""
    if len(data) < 8:
        raise ValueError("%d bytes is shorter than a header" % len(data))
    version, msg_type, length = struct.unpack_from("!BBH", data)
    if version != 4:
        raise ValueError("version %d, not 4 (OpenFlow 1.3)" % version)
    if length != len(data):
        raise ValueError("header length %d, but the message has %d bytes"
                         % (length, len(data)))
    name = type_name(data)
    try:
        supported = str(Type(msg_type)) in MESSAGE_TYPES
    except ValueError:
        supported = False
    if not supported:
        raise Unsupported(name)
    try:
        message = unpack_message(data)
    except Exception as e:
        if msg_type in PYOF_BROKEN:
            raise Unsupported("%s (%s)" % (name, PYOF_BROKEN[msg_type]))
        raise ValueError("%s: pyof cannot unpack it: %s: %s"
                         % (name, type(e).__name__, e))
    if hasattr(message, "multipart_type"):
        name = name.split("/")[0] + "/" + message.multipart_type.name
    try:
        packed = message.pack()
    except Exception as e:
        raise ValueError("%s: pyof cannot pack what it unpacked: %s: %s"
                         % (name, type(e).__name__, e))
    if packed[4:] != data[4:]:
        offset = 4 + next((i for i, (a, b) in
                           enumerate(zip(packed[4:], data[4:])) if a != b),
                          min(len(packed), len(data)) - 4)
        raise ValueError("%s: pyof reads it differently: its re-encoding "
                         "(%d bytes) differs from byte %d on: %s vs %s"
                         % (name, len(packed), offset,
                            data[offset:offset + 8].hex(),
                            packed[offset:offset + 8].hex()))
    if name.endswith("/ONF_BUNDLE_ADD") and len(data) > BUNDLE_ADD_HEADER:
        inner = data[BUNDLE_ADD_HEADER:]
        inner_length = struct.unpack_from("!H", inner, 2)[0] \
            if len(inner) >= 4 else len(inner)
        name += "(%s)" % decode(inner[:inner_length])
    return name


def main():
    if len(sys.argv) != 2:
        print("usage: %s HEXFILE" % sys.argv[0], file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="ascii") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        print("pyof-decode: cannot read %s: %s" % (sys.argv[1], e),
              file=sys.stderr)
        return 2
    counts = {"ok": 0, "FAIL": 0, "unsupported": 0}
    for lineno, line in enumerate(lines, 1):
        label, _, hexes = line.rpartition("\t")
        tokens = hexes.split()
        for k, token in enumerate(tokens, 1):
            where = "line %d" % lineno
            if label:
                where += ", label %s" % label
            if len(tokens) > 1:
                where += ", message %d" % k
            try:
                data = bytes.fromhex(token)
            except ValueError:
                data = None
            try:
                if data is None:
                    raise ValueError("not hex: %.40s" % token)
                verdict, text = "ok", decode(data)
            except Unsupported as e:
                verdict, text = "unsupported", str(e)
            except ValueError as e:
                verdict, text = "FAIL", str(e)
            counts[verdict] += 1
            print("%s %s (%s)" % (verdict, text, where))
    print("pyof-decode: %d ok, %d failed, %d unsupported"
          % (counts["ok"], counts["FAIL"], counts["unsupported"]))
    if sum(counts.values()) == 0:
        print("pyof-decode: %s holds no message" % sys.argv[1],
              file=sys.stderr)
        return 1
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
