/* Packet layout from flow_extract()'s offsets. */
#include "datapath/dp_layout.h"

#include "lib/packets.h"

size_t
dp_layout_l4_min_len(uint8_t proto)
{
    switch (proto) {
    case IPPROTO_TCP:
        return PKT_TCP_HEADER_LEN;
    case IPPROTO_UDP:
        return PKT_UDP_HEADER_LEN;
    case IPPROTO_SCTP:
        return PKT_SCTP_HEADER_LEN;
    case IPPROTO_ICMP:
        return PKT_ICMP_HEADER_LEN;
    case IPPROTO_ICMPV6:
        return PKT_ICMPV6_HEADER_LEN;
    default:
        return 0;
    }
}

/* Sets the transport header of 'l' at 'l4', 'len' bytes to the end of the
 * IP payload, unless the packet is a later fragment or the header is
 * shorter than its protocol's minimum. */
static void
set_l4(struct dp_layout *l, uint32_t l4, uint32_t len, bool later_frag)
{
    if (!later_frag && len >= dp_layout_l4_min_len(l->nw_proto)) {
        l->l4 = l4;
        l->l4_len = len;
    }
}

/* IPv4: 'ofs_l4' is where flow_extract() found the end of a valid IPv4
 * header; the checks are repeated so as not to trust the offsets. */
static void
init_ipv4(struct dp_layout *l, const uint8_t *data, size_t size,
          uint32_t ofs_l4)
{
    const uint8_t *ip = data + l->l3;
    size_t ihl, tot_len;
    uint16_t frag_off;

    if (size - l->l3 < PKT_IPV4_HEADER_LEN) {
        return;
    }
    ihl = (ip[0] & 0x0f) * 4;
    tot_len = ntohs(pkt_get_be16(ip + 2));
    if (ihl < PKT_IPV4_HEADER_LEN || tot_len > size - l->l3 || ihl > tot_len
        || ofs_l4 != l->l3 + ihl) {
        return;
    }
    l->l3_type = PKT_ETH_TYPE_IPV4;
    l->nw_proto = ip[9];
    frag_off = ntohs(pkt_get_be16(ip + 6));
    l->frag = (frag_off & (PKT_IPV4_MF | PKT_IPV4_FRAG_OFF_MASK)) != 0;
    set_l4(l, ofs_l4, (uint32_t) (tot_len - ihl),
           frag_off & PKT_IPV4_FRAG_OFF_MASK);
}

static bool
is_ipv6_ext(uint8_t proto)
{
    return proto == IPPROTO_HOPOPTS || proto == IPPROTO_ROUTING
           || proto == IPPROTO_DSTOPTS || proto == IPPROTO_AH
           || proto == IPPROTO_FRAGMENT;
}

/* IPv6: walks the extension headers as flow_extract() does, which must end
 * where it said the transport header starts. */
static void
init_ipv6(struct dp_layout *l, const uint8_t *data, size_t size,
          uint32_t ofs_l4)
{
    const uint8_t *ip6 = data + l->l3;
    size_t p = l->l3 + PKT_IPV6_HEADER_LEN, end;
    bool later = false, rh_dst = false, frag = false;
    uint8_t proto;

    if (size - l->l3 < PKT_IPV6_HEADER_LEN) {
        return;
    }
    end = p + ntohs(pkt_get_be16(ip6 + 4));
    if (end > size) {
        return;
    }
    for (proto = ip6[6]; is_ipv6_ext(proto) && !later;) {
        const uint8_t *ext = data + p;
        size_t len;

        if (end - p < PKT_IPV6_EXT_MIN_LEN) {
            return;
        }
        if (proto == IPPROTO_FRAGMENT) {
            uint16_t off_flags = ntohs(pkt_get_be16(ext + 2));

            len = PKT_IPV6_FRAG_HEADER_LEN;
            frag |= off_flags != 0;
            later = (off_flags & PKT_IPV6_FRAG_OFF_MASK) != 0;
        } else {
            len = proto == IPPROTO_AH ? (ext[1] + 2) * 4 : (ext[1] + 1) * 8;
            rh_dst |= proto == IPPROTO_ROUTING && ext[3] > 0;
        }
        if (len > end - p) {
            return;
        }
        /* A later fragment's next header is not a header in this packet;
         * flow_extract() reports IPPROTO_FRAGMENT then. */
        proto = later ? IPPROTO_FRAGMENT : ext[0];
        p += len;
    }
    if (p != ofs_l4) {
        return;
    }
    l->l3_type = PKT_ETH_TYPE_IPV6;
    l->nw_proto = proto;
    l->frag = frag;
    l->rh_dst = rh_dst;
    set_l4(l, (uint32_t) p, (uint32_t) (end - p), later);
}

static void
init_arp(struct dp_layout *l, const uint8_t *data, size_t size, uint16_t type)
{
    const uint8_t *arp = data + l->l3;

    if (size - l->l3 >= PKT_ARP_ETH_IPV4_LEN
        && pkt_get_be16(arp) == htons(PKT_ARP_HRD_ETHERNET)
        && pkt_get_be16(arp + 2) == htons(PKT_ETH_TYPE_IPV4)
        && arp[4] == PKT_ETH_ADDR_LEN && arp[5] == 4) {
        l->l3_type = type;
    }
}

void
dp_layout_init(struct dp_layout *l, const uint8_t *data, size_t size,
               const struct flow_offsets *ofs)
{
    uint16_t type;

    *l = (struct dp_layout){
        .l2_5 = ofs->l2_5,
        .l3 = ofs->l3,
        .l4 = FLOW_OFS_NONE,
    };
    /* The network header's type is the EtherType just before it; behind an
     * MPLS stack it is unknown. */
    if (ofs->l2_5 != FLOW_OFS_NONE || ofs->l3 == FLOW_OFS_NONE
        || ofs->l3 < PKT_ETH_HEADER_LEN || ofs->l3 > size) {
        return;
    }
    type = ntohs(pkt_get_be16(data + ofs->l3 - 2));
    switch (type) {
    case PKT_ETH_TYPE_IPV4:
        if (ofs->l4 != FLOW_OFS_NONE) {
            init_ipv4(l, data, size, ofs->l4);
        }
        break;
    case PKT_ETH_TYPE_IPV6:
        if (ofs->l4 != FLOW_OFS_NONE) {
            init_ipv6(l, data, size, ofs->l4);
        }
        break;
    case PKT_ETH_TYPE_ARP:
    case PKT_ETH_TYPE_RARP:
        init_arp(l, data, size, type);
        break;
    default:
        break;
    }
}
