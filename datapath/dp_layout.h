/* Packet layout: where a packet's network and transport headers are and
 * what they are, derived from the offsets flow_extract() reports.
 *
 * Internal to datapath/: the action executor uses it to find the fields it
 * rewrites and the checksums that cover them, and dp_csum_check() to find
 * the checksums it verifies.
 *
 * The offsets say where the layers start; the layout adds what the offsets
 * alone do not: the transport protocol after IPv6 extension headers,
 * fragment state, how long the transport segment is, and whether an IPv6
 * routing header changes the pseudo-header's destination.  Every header it
 * reports has been bounds-checked against the packet, so users may access
 * the minimum header at each offset: 20 bytes of IPv4 (the whole 'ihl'
 * really), 40 of IPv6, 28 of ARP.  Offsets that do not describe the bytes
 * (a caller's mistake) yield a layout without the layers that do not fit;
 * they never lead outside the packet.
 *
 * Thread-safety: pure; writes only its output. */
#ifndef PONT_DP_LAYOUT_H
#define PONT_DP_LAYOUT_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow_extract.h"
#include "lib/packets.h"

struct dp_layout {
    uint32_t l2_5;    /* MPLS label stack, or FLOW_OFS_NONE. */
    uint32_t l3;      /* Network header, or FLOW_OFS_NONE. */
    uint16_t l3_type; /* Host byte order: PKT_ETH_TYPE_IPV4, _IPV6, _ARP or
                       * _RARP when that header is valid, otherwise 0. */
    uint8_t nw_proto; /* IPv4 protocol, or IPv6's last next header. */
    bool frag;        /* An IP fragment, first or later. */
    bool rh_dst;      /* IPv6 with a routing header that has segments left:
                       * the pseudo-header's destination is not the IPv6
                       * header's. */
    uint32_t l4;      /* Transport header, or FLOW_OFS_NONE (always for
                       * later fragments). */
    uint32_t l4_len;  /* Bytes from 'l4' to the end of the IP payload. */
};

/* Returns whether the 'size' bytes at 'data' are a frame with a VLAN tag
 * (TPID 0x8100 or 0x88a8) after the Ethernet addresses and an EtherType
 * after the tag: a tag that flow_extract() takes. */
static inline bool
dp_layout_has_vlan(const uint8_t *data, size_t size)
{
    be16 tpid;

    if (size < PKT_ETH_HEADER_LEN + PKT_VLAN_HEADER_LEN) {
        return false;
    }
    tpid = pkt_get_be16(data + 2 * PKT_ETH_ADDR_LEN);
    return tpid == htons(PKT_ETH_TYPE_VLAN) || tpid == htons(PKT_ETH_TYPE_QINQ);
}

/* Derives the layout of the 'size' bytes at 'data' from 'ofs' (what
 * flow_extract() found in them). */
void dp_layout_init(struct dp_layout *l, const uint8_t *data, size_t size,
                    const struct flow_offsets *ofs);

/* Returns the size of the transport header of protocol 'proto' that must be
 * present for its checksum and ports (or type and code) to be touched: 20
 * for TCP, 8 for UDP, ICMP and ICMPv6, 12 for SCTP; 0 for other
 * protocols. */
size_t dp_layout_l4_min_len(uint8_t proto);

#endif /* datapath/dp_layout.h */
