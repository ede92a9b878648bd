#!/usr/bin/python3
"""pcap-ofp-messages.py PCAP OF_PORT OUTDIR

Splits the OpenFlow messages out of a loopback capture of sessions with a
switch listening on TCP port OF_PORT: the TCP payloads of each direction of
each connection are joined in order and cut by the OpenFlow header's
length.  Writes OUTDIR/to-switch.hex and OUTDIR/from-switch.hex, one message
per line in hex, and prints how many of each.  Loopback captures have no
loss or reordering, so no TCP reassembly beyond ordering by sequence number
is needed."""
import logging
import sys

logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.all import TCP, rdpcap  # noqa: E402


def main():
    pcap, port, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    streams = {}
    for pkt in rdpcap(pcap):
        if TCP not in pkt or not bytes(pkt[TCP].payload):
            continue
        tcp = pkt[TCP]
        key = (tcp.sport, tcp.dport)
        segs = streams.setdefault(key, {})
        segs[tcp.seq] = bytes(tcp.payload)   # Retransmissions dedup.
    out = {True: [], False: []}
    for (sport, dport), segs in streams.items():
        data = b"".join(segs[s] for s in sorted(segs))
        to_switch = dport == port
        while len(data) >= 8:
            length = int.from_bytes(data[2:4], "big")
            if length < 8 or length > len(data):
                break
            out[to_switch].append(data[:length].hex())
            data = data[length:]
    for to_switch, name in ((True, "to-switch"), (False, "from-switch")):
        with open(f"{outdir}/{name}.hex", "w") as f:
            f.write("".join(m + "\n" for m in out[to_switch]))
    print(f"{len(out[True])} messages to the switch, "
          f"{len(out[False])} from it")


if __name__ == "__main__":
    main()
