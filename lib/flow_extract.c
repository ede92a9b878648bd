#include "lib/flow_extract.h"

#include <string.h>

#include "lib/flow.h"
#include "lib/util.h"

/* A read position in the packet.  Every header access goes through
 * cursor_pull() or an explicit 'size' check first, which is what keeps the
 * parser inside the buffer. */
struct cursor {
    const uint8_t *start;
    const uint8_t *p;
    size_t size; /* Bytes left at 'p' that belong to this layer. */
};

static inline const uint8_t *
cursor_pull(struct cursor *c, size_t n)
{
    const uint8_t *p = c->p;

    if (PONT_UNLIKELY(c->size < n)) {
        return NULL;
    }
    c->p += n;
    c->size -= n;
    return p;
}

static inline uint32_t
cursor_offset(const struct cursor *c)
{
    return (uint32_t) (c->p - c->start);
}

/* Zeroes 'key'.  Copying a constant compiles to a few 16-byte moves, where
 * memset() of this size becomes "rep stos" under gcc's generic tuning, whose
 * startup cost alone is a good part of the time to parse a packet. */
static inline void
key_zero(struct flow_key *key)
{
    static const struct flow_key zero;
    *key = zero;
}

static inline bool
is_vlan_tpid(be16 type)
{
    return type == htons(PKT_ETH_TYPE_VLAN) || type == htons(PKT_ETH_TYPE_QINQ);
}

/* Parses up to FLOW_MAX_VLANS tags.  A tag is taken only if the 2-byte
 * EtherType after it is present too, so the caller can always read one. */
static void
parse_vlans(struct cursor *c, struct flow_key *key)
{
    for (int n = 0; n < FLOW_MAX_VLANS; n++) {
        be16 tpid = pkt_get_be16(c->p);

        if (!is_vlan_tpid(tpid)
            || c->size < PKT_VLAN_HEADER_LEN + sizeof(be16)) {
            return;
        }
        key->vlans[n].tpid = tpid;
        key->vlans[n].tci = pkt_get_be16(c->p + 2) | htons(PKT_VLAN_CFI);
        cursor_pull(c, PKT_VLAN_HEADER_LEN);
    }
}

/* Reads the EtherType or, for an 802.3 frame, the type in its LLC/SNAP
 * header; PKT_ETH_TYPE_NONE when there is none. */
static uint16_t
parse_ethertype(struct cursor *c)
{
    static const uint8_t llc_snap[6] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
    uint16_t type = ntohs(pkt_get_be16(cursor_pull(c, sizeof(be16))));
    const uint8_t *snap;

    if (PONT_LIKELY(type >= PKT_ETH_TYPE_MIN)) {
        return type;
    }
    if (c->size < PKT_LLC_SNAP_LEN || memcmp(c->p, llc_snap, sizeof llc_snap)) {
        return PKT_ETH_TYPE_NONE;
    }
    snap = cursor_pull(c, PKT_LLC_SNAP_LEN);
    type = ntohs(pkt_get_be16(snap + 6));
    return type >= PKT_ETH_TYPE_MIN ? type : PKT_ETH_TYPE_NONE;
}

static void
parse_mpls(struct cursor *c, struct flow_key *key)
{
    const uint8_t *lse;
    int n = 0;

    while ((lse = cursor_pull(c, PKT_MPLS_HEADER_LEN))) {
        be32 value = pkt_get_be32(lse);
        if (n < FLOW_MAX_MPLS_LABELS) {
            key->mpls_lse[n] = value;
        }
        n++;
        if (value & htonl(PKT_MPLS_BOS_MASK)) {
            break;
        }
    }
}

static void
parse_arp(struct cursor *c, struct flow_key *key)
{
    const uint8_t *arp = cursor_pull(c, PKT_ARP_ETH_IPV4_LEN);
    uint16_t op;

    if (!arp || pkt_get_be16(arp) != htons(PKT_ARP_HRD_ETHERNET)
        || pkt_get_be16(arp + 2) != htons(PKT_ETH_TYPE_IPV4)
        || arp[4] != PKT_ETH_ADDR_LEN || arp[5] != 4) {
        return;
    }
    key->nw_src = pkt_get_be32(arp + 14);
    key->nw_dst = pkt_get_be32(arp + 24);
    op = ntohs(pkt_get_be16(arp + 6));
    if (op <= UINT8_MAX) {
        key->nw_proto = op;
    }
    memcpy(&key->arp_sha, arp + 8, PKT_ETH_ADDR_LEN);
    memcpy(&key->arp_tha, arp + 18, PKT_ETH_ADDR_LEN);
}

/* On success leaves 'c' at the transport header, limited to the IP total
 * length. */
static bool
parse_ipv4(struct cursor *c, struct flow_key *key)
{
    const uint8_t *ip = c->p;
    size_t ihl, tot_len;
    uint16_t frag_off;

    if (PONT_UNLIKELY(c->size < PKT_IPV4_HEADER_LEN)) {
        return false;
    }
    ihl = (ip[0] & 0x0f) * 4;
    tot_len = ntohs(pkt_get_be16(ip + 2));
    if (PONT_UNLIKELY(ihl < PKT_IPV4_HEADER_LEN || tot_len > c->size
                      || ihl > tot_len)) {
        return false;
    }

    key->nw_src = pkt_get_be32(ip + 12);
    key->nw_dst = pkt_get_be32(ip + 16);
    key->nw_tos = ip[1];
    key->nw_ttl = ip[8];
    key->nw_proto = ip[9];
    frag_off = ntohs(pkt_get_be16(ip + 6));
    if (frag_off & (PKT_IPV4_MF | PKT_IPV4_FRAG_OFF_MASK)) {
        key->nw_frag = FLOW_NW_FRAG_ANY;
        if (frag_off & PKT_IPV4_FRAG_OFF_MASK) {
            key->nw_frag |= FLOW_NW_FRAG_LATER;
        }
    }
    c->p += ihl;
    c->size = tot_len - ihl;
    return true;
}

/* Walks IPv6 extension headers until a header that is not one.  Updates
 * '*proto' to the final next-header value and '*frag' for a fragment header.
 * Returns false if a header is truncated. */
static bool
parse_ipv6_ext(struct cursor *c, uint8_t *proto, uint8_t *frag)
{
    for (;;) {
        const uint8_t *ext = c->p;
        size_t len;

        if (*proto != IPPROTO_HOPOPTS && *proto != IPPROTO_ROUTING
            && *proto != IPPROTO_DSTOPTS && *proto != IPPROTO_AH
            && *proto != IPPROTO_FRAGMENT) {
            return true;
        }
        /* Every extension header is at least 8 bytes; nothing below reads
         * beyond those before the length check of the pull. */
        if (c->size < PKT_IPV6_EXT_MIN_LEN) {
            return false;
        }
        if (*proto == IPPROTO_FRAGMENT) {
            uint16_t off_flags = ntohs(pkt_get_be16(ext + 2));

            *proto = ext[0];
            cursor_pull(c, PKT_IPV6_FRAG_HEADER_LEN);
            if (off_flags) {
                *frag = FLOW_NW_FRAG_ANY;
                if (off_flags & PKT_IPV6_FRAG_OFF_MASK) {
                    *frag |= FLOW_NW_FRAG_LATER;
                    *proto = IPPROTO_FRAGMENT;
                    return true;
                }
            }
            continue;
        }
        len = *proto == IPPROTO_AH ? (ext[1] + 2) * 4 : (ext[1] + 1) * 8;
        *proto = ext[0];
        if (!cursor_pull(c, len)) {
            return false;
        }
    }
}

/* On success leaves 'c' at the transport header, limited to the payload
 * length.  On failure the addresses are set, the rest of L3 is zero. */
static bool
parse_ipv6(struct cursor *c, struct flow_key *key)
{
    const uint8_t *ip6 = c->p;
    uint8_t proto, frag = 0;
    uint32_t tc_flow;
    size_t plen;

    if (PONT_UNLIKELY(c->size < PKT_IPV6_HEADER_LEN)) {
        return false;
    }
    plen = ntohs(pkt_get_be16(ip6 + 4));
    if (PONT_UNLIKELY(plen + PKT_IPV6_HEADER_LEN > c->size)) {
        return false;
    }
    memcpy(&key->ipv6_src, ip6 + 8, sizeof key->ipv6_src);
    memcpy(&key->ipv6_dst, ip6 + 24, sizeof key->ipv6_dst);
    c->p += PKT_IPV6_HEADER_LEN;
    c->size = plen;

    proto = ip6[6];
    if (!parse_ipv6_ext(c, &proto, &frag)) {
        return false;
    }
    tc_flow = ntohl(pkt_get_be32(ip6));
    key->ipv6_label = htonl(tc_flow & PKT_IPV6_LABEL_MASK);
    key->nw_tos = (uint8_t) (tc_flow >> 20);
    key->nw_ttl = ip6[7];
    key->nw_proto = proto;
    key->nw_frag = frag;
    return true;
}

/* Parses the target and link-layer address options of a neighbour
 * solicitation or advertisement ('c' is just past the 8-byte ICMPv6 header).
 * A repeated address option makes the whole message invalid: target and
 * addresses stay zero. */
static void
parse_nd(struct cursor *c, struct flow_key *key)
{
    const uint8_t *target = cursor_pull(c, sizeof key->nd_target);
    struct eth_addr lla[2] = {{{0}}}; /* Source, target link-layer. */

    if (!target) {
        return;
    }
    while (c->size >= PKT_ND_OPT_UNIT) {
        const uint8_t *opt = c->p;
        size_t len = opt[1] * PKT_ND_OPT_UNIT;
        int which = opt[0] == PKT_ND_OPT_SOURCE_LINKADDR   ? 0
                    : opt[0] == PKT_ND_OPT_TARGET_LINKADDR ? 1
                                                           : -1;

        if (!len || len > c->size) {
            break;
        }
        if (which >= 0 && len == PKT_ND_OPT_UNIT) {
            if (!pkt_eth_addr_is_zero(&lla[which])) {
                return;
            }
            memcpy(&lla[which], opt + 2, PKT_ETH_ADDR_LEN);
        }
        cursor_pull(c, len);
    }
    memcpy(&key->nd_target, target, sizeof key->nd_target);
    key->arp_sha = lla[0];
    key->arp_tha = lla[1];
}

static void
parse_icmpv6(struct cursor *c, struct flow_key *key)
{
    const uint8_t *icmp = cursor_pull(c, PKT_ICMPV6_HEADER_LEN);

    if (!icmp) {
        return;
    }
    key->tp_src = htons(icmp[0]);
    key->tp_dst = htons(icmp[1]);
    if (icmp[1] == 0
        && (icmp[0] == PKT_ND_NEIGHBOR_SOLICIT
            || icmp[0] == PKT_ND_NEIGHBOR_ADVERT)) {
        parse_nd(c, key);
    }
}

static void
parse_tcp(const struct cursor *c, struct flow_key *key)
{
    const uint8_t *tcp = c->p;
    size_t hdr_len;

    if (c->size < PKT_TCP_HEADER_LEN) {
        return;
    }
    hdr_len = (tcp[12] >> 4) * 4;
    if (hdr_len < PKT_TCP_HEADER_LEN || hdr_len > c->size) {
        return;
    }
    key->tp_src = pkt_get_be16(tcp);
    key->tp_dst = pkt_get_be16(tcp + 2);
    key->tcp_flags = pkt_get_be16(tcp + 12) & htons(PKT_TCP_FLAGS_MASK);
}

/* Transport protocols whose first two 16-bit words are the source and
 * destination ports. */
static void
parse_ports(const struct cursor *c, struct flow_key *key, size_t min_len)
{
    if (c->size >= min_len) {
        key->tp_src = pkt_get_be16(c->p);
        key->tp_dst = pkt_get_be16(c->p + 2);
    }
}

/* ICMP and IGMP: type and code go where ports go. */
static void
parse_type_code(const struct cursor *c, struct flow_key *key, size_t min_len)
{
    if (c->size >= min_len) {
        key->tp_src = htons(c->p[0]);
        key->tp_dst = htons(c->p[1]);
    }
}

static void
parse_transport(struct cursor *c, struct flow_key *key)
{
    switch (key->nw_proto) {
    case IPPROTO_TCP:
        parse_tcp(c, key);
        break;
    case IPPROTO_UDP:
        parse_ports(c, key, PKT_UDP_HEADER_LEN);
        break;
    case IPPROTO_SCTP:
        parse_ports(c, key, PKT_SCTP_HEADER_LEN);
        break;
    case IPPROTO_ICMP:
        parse_type_code(c, key, PKT_ICMP_HEADER_LEN);
        break;
    case IPPROTO_IGMP:
        parse_type_code(c, key, PKT_IGMP_HEADER_LEN);
        break;
    case IPPROTO_ICMPV6:
        parse_icmpv6(c, key);
        break;
    default:
        break;
    }
}

/* Parses from the network layer of type 'dl_type' on.  'c' is just past the
 * EtherType. */
static void
parse_network(struct cursor *c, uint16_t dl_type, struct flow_key *key,
              struct flow_offsets *ofs)
{
    bool ok;

    switch (dl_type) {
    case PKT_ETH_TYPE_IPV4:
        ok = parse_ipv4(c, key);
        break;
    case PKT_ETH_TYPE_IPV6:
        ok = parse_ipv6(c, key);
        break;
    case PKT_ETH_TYPE_ARP:
    case PKT_ETH_TYPE_RARP:
        parse_arp(c, key);
        return;
    default:
        return;
    }
    if (ok) {
        ofs->l4 = cursor_offset(c);
        if (!(key->nw_frag & FLOW_NW_FRAG_LATER)) {
            parse_transport(c, key);
        }
    }
}

void
flow_extract(const void *data, size_t size, uint32_t in_port,
             struct flow_key *key, struct flow_offsets *ofsp)
{
    struct flow_offsets ofs = {FLOW_OFS_NONE, FLOW_OFS_NONE, FLOW_OFS_NONE};
    struct cursor c = {data, data, size};
    uint16_t dl_type;

    key_zero(key);
    key->in_port = in_port;
    if (PONT_LIKELY(size >= PKT_ETH_HEADER_LEN)) {
        memcpy(&key->dl_dst, c.p, PKT_ETH_ADDR_LEN);
        memcpy(&key->dl_src, c.p + PKT_ETH_ADDR_LEN, PKT_ETH_ADDR_LEN);
        cursor_pull(&c, 2 * PKT_ETH_ADDR_LEN);
        parse_vlans(&c, key);
        dl_type = parse_ethertype(&c);
        key->dl_type = htons(dl_type);

        if (dl_type == PKT_ETH_TYPE_MPLS
            || dl_type == PKT_ETH_TYPE_MPLS_MCAST) {
            ofs.l2_5 = cursor_offset(&c);
            parse_mpls(&c, key);
        }
        ofs.l3 = cursor_offset(&c);
        parse_network(&c, dl_type, key, &ofs);
    }
    if (ofsp) {
        *ofsp = ofs;
    }
}

void
flow_extract_burst(const void *const data[], const uint32_t sizes[], size_t n,
                   uint32_t in_port, struct flow_key keys[],
                   struct flow_offsets ofs[])
{
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n) {
            /* Headers of interest span the first two cache lines. */
            __builtin_prefetch(data[i + 1]);
            __builtin_prefetch((const uint8_t *) data[i + 1] + 64);
        }
        flow_extract(data[i], sizes[i], in_port, &keys[i],
                     ofs ? &ofs[i] : NULL);
    }
}
