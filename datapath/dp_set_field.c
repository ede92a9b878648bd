/* Header rewriting with checksum maintenance. */
#include "datapath/dp_set_field.h"

#include <string.h>

#include "datapath/dp_csum.h"
#include "datapath/dp_layout.h"
#include "datapath/dp_packet.h"
#include "lib/csum.h"
#include "lib/packets.h"

/* A 16-bit one's complement checksum that covers a rewritten field. */
struct csum_slot {
    uint8_t *p; /* The checksum field. */
    bool udp;   /* UDP: zero means "no checksum" and stays zero, and a
                 * computed zero is stored as 0xffff. */
};

static void
masked_write(uint8_t *dst, const uint8_t *value, const uint8_t *mask, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = (dst[i] & ~mask[i]) | value[i];
    }
}

static void
update_csum(const struct csum_slot *s, const uint8_t *old_bytes,
            const uint8_t *new_bytes, size_t n)
{
    be16 csum = pkt_get_be16(s->p);

    if (s->udp && !csum) {
        return;
    }
    csum = csum_update_bytes(csum, old_bytes, new_bytes, n);
    if (s->udp && !csum) {
        csum = htons(0xffff);
    }
    memcpy(s->p, &csum, sizeof csum);
}

/* Writes a field of 'n' bytes at 'ofs' within 'span', and updates the
 * checksums in 'slots' if the span changed.  The span ('span_len' bytes, at
 * most DP_FIELD_MAX_WIDTH) contains the field and lies at an even offset
 * from the start of every checksummed area, so that the checksums' 16-bit
 * words line up with its bytes. */
static void
rewrite(uint8_t *span, size_t span_len, size_t ofs, const uint8_t *value,
        const uint8_t *mask, size_t n, const struct csum_slot *slots,
        size_t n_slots)
{
    uint8_t old[DP_FIELD_MAX_WIDTH];

    memcpy(old, span, span_len);
    masked_write(span + ofs, value, mask, n);
    if (memcmp(old, span, span_len)) {
        for (size_t i = 0; i < n_slots; i++) {
            update_csum(&slots[i], old, span, span_len);
        }
    }
}

/* Stores in '*s' the transport checksum that covers the IP pseudo-header,
 * if the packet has one, and returns how many it stored (0 or 1). */
static size_t
pseudo_slot(uint8_t *data, const struct dp_layout *l, struct csum_slot *s)
{
    uint8_t *l4 = data + l->l4;

    if (l->l4 == FLOW_OFS_NONE) {
        return 0;
    }
    switch (l->nw_proto) {
    case IPPROTO_TCP:
        *s = (struct csum_slot){l4 + 16, false};
        return 1;
    case IPPROTO_UDP:
        *s = (struct csum_slot){l4 + 6, true};
        return 1;
    case IPPROTO_ICMPV6:
        *s = (struct csum_slot){l4 + 2, false};
        return 1;
    default:
        return 0;
    }
}

static void
set_ipv4(uint8_t *data, const struct dp_layout *l, enum dp_field field,
         const uint8_t *value, const uint8_t *mask)
{
    uint8_t *ip = data + l->l3;
    struct csum_slot slots[2] = {{ip + 10, false}};
    size_t n_slots = 1;

    switch (field) {
    case DP_FIELD_IPV4_SRC:
    case DP_FIELD_IPV4_DST:
        n_slots += pseudo_slot(data, l, &slots[1]);
        rewrite(ip + (field == DP_FIELD_IPV4_SRC ? 12 : 16), 4, 0, value, mask,
                4, slots, n_slots);
        break;
    case DP_FIELD_IP_TOS:
        rewrite(ip, 2, 1, value, mask, 1, slots, n_slots);
        break;
    case DP_FIELD_IP_TTL:
        rewrite(ip + 8, 2, 0, value, mask, 1, slots, n_slots);
        break;
    default:
        break;
    }
}

/* Writes the bits 'mask' << 'shift' of the IPv6 header's first word, which
 * holds version, traffic class and flow label. */
static void
set_ipv6_word(uint8_t *ip6, uint32_t value, uint32_t mask, int shift)
{
    uint32_t word = ntohl(pkt_get_be32(ip6));

    word = (word & ~(mask << shift)) | value << shift;
    word = htonl(word);
    memcpy(ip6, &word, sizeof word);
}

static void
set_ipv6(uint8_t *data, const struct dp_layout *l, enum dp_field field,
         const uint8_t *value, const uint8_t *mask)
{
    uint8_t *ip6 = data + l->l3;
    struct csum_slot slot;
    size_t n_slots;

    switch (field) {
    case DP_FIELD_IPV6_SRC:
    case DP_FIELD_IPV6_DST:
        /* With a routing header, the pseudo-header holds the final
         * destination, which is not the one being rewritten. */
        n_slots = field == DP_FIELD_IPV6_DST && l->rh_dst
                      ? 0
                      : pseudo_slot(data, l, &slot);
        rewrite(ip6 + (field == DP_FIELD_IPV6_SRC ? 8 : 24), 16, 0, value, mask,
                16, &slot, n_slots);
        break;
    case DP_FIELD_IP_TOS:
        set_ipv6_word(ip6, value[0], mask[0], 20);
        break;
    case DP_FIELD_IP_TTL:
        masked_write(ip6 + 7, value, mask, 1);
        break;
    case DP_FIELD_IPV6_LABEL:
        set_ipv6_word(ip6, ntohl(pkt_get_be32(value)),
                      ntohl(pkt_get_be32(mask)), 0);
        break;
    default:
        break;
    }
}

/* SCTP's CRC32c covers the whole packet, so it is computed again; the
 * difference between the CRCs before and after is applied to the stored
 * one, so that a packet whose checksum was wrong stays detectably wrong.
 * A first fragment holds only part of the packet the CRC covers, so its
 * checksum cannot be updated and is left as it was. */
static void
set_sctp_port(uint8_t *sctp, const struct dp_layout *l, size_t ofs,
              const uint8_t *value, const uint8_t *mask)
{
    uint32_t stored, before;

    if (l->frag) {
        masked_write(sctp + ofs, value, mask, 2);
        return;
    }
    before = dp_csum_sctp(sctp, l->l4_len);
    masked_write(sctp + ofs, value, mask, 2);
    memcpy(&stored, sctp + 8, sizeof stored);
    stored ^= before ^ dp_csum_sctp(sctp, l->l4_len);
    memcpy(sctp + 8, &stored, sizeof stored);
}

static void
set_port(uint8_t *data, const struct dp_layout *l, enum dp_field field,
         const uint8_t *value, const uint8_t *mask)
{
    size_t ofs = field == DP_FIELD_TP_SRC ? 0 : 2;
    uint8_t *l4 = data + l->l4;
    struct csum_slot slot;

    switch (l->nw_proto) {
    case IPPROTO_TCP:
    case IPPROTO_UDP:
        pseudo_slot(data, l, &slot);
        rewrite(l4 + ofs, 2, 0, value, mask, 2, &slot, 1);
        break;
    case IPPROTO_SCTP:
        set_sctp_port(l4, l, ofs, value, mask);
        break;
    default:
        break;
    }
}

static void
set_icmp(uint8_t *data, const struct dp_layout *l, enum dp_field field,
         const uint8_t *value, const uint8_t *mask)
{
    uint8_t *l4 = data + l->l4;
    struct csum_slot slot = {l4 + 2, false};

    if (l->nw_proto == IPPROTO_ICMP || l->nw_proto == IPPROTO_ICMPV6) {
        rewrite(l4, 2, field == DP_FIELD_ICMP_TYPE ? 0 : 1, value, mask, 1,
                &slot, 1);
    }
}

/* Returns the first link-layer address option of 'type' (with the length
 * of one Ethernet address) in the neighbour discovery message of 'len'
 * bytes at 'icmp6', or NULL. */
static uint8_t *
find_nd_option(uint8_t *icmp6, size_t len, uint8_t type)
{
    size_t p = PKT_ICMPV6_HEADER_LEN + 16;

    while (len - p >= PKT_ND_OPT_UNIT) {
        size_t opt_len = icmp6[p + 1] * PKT_ND_OPT_UNIT;

        if (!opt_len || opt_len > len - p) {
            break;
        }
        if (icmp6[p] == type && opt_len == PKT_ND_OPT_UNIT) {
            return icmp6 + p;
        }
        p += opt_len;
    }
    return NULL;
}

static void
set_nd(uint8_t *data, const struct dp_layout *l, enum dp_field field,
       const uint8_t *value, const uint8_t *mask)
{
    uint8_t *icmp6 = data + l->l4, *opt;
    struct csum_slot slot = {icmp6 + 2, false};

    if (l->l3_type != PKT_ETH_TYPE_IPV6 || l->nw_proto != IPPROTO_ICMPV6
        || l->l4_len < PKT_ICMPV6_HEADER_LEN + 16
        || (icmp6[0] != PKT_ND_NEIGHBOR_SOLICIT
            && icmp6[0] != PKT_ND_NEIGHBOR_ADVERT)
        || icmp6[1]) {
        return;
    }
    if (field == DP_FIELD_ND_TARGET) {
        rewrite(icmp6 + 8, 16, 0, value, mask, 16, &slot, 1);
        return;
    }
    opt = find_nd_option(icmp6, l->l4_len,
                         field == DP_FIELD_ND_SLL ? PKT_ND_OPT_SOURCE_LINKADDR
                                                  : PKT_ND_OPT_TARGET_LINKADDR);
    if (opt) {
        rewrite(opt + 2, PKT_ETH_ADDR_LEN, 0, value, mask, PKT_ETH_ADDR_LEN,
                &slot, 1);
    }
}

static void
set_arp(uint8_t *arp, enum dp_field field, const uint8_t *value,
        const uint8_t *mask)
{
    static const uint8_t offsets[DP_N_FIELDS] = {
        [DP_FIELD_ARP_OP] = 6,   [DP_FIELD_ARP_SHA] = 8,
        [DP_FIELD_ARP_SPA] = 14, [DP_FIELD_ARP_THA] = 18,
        [DP_FIELD_ARP_TPA] = 24,
    };

    masked_write(arp + offsets[field], value, mask, dp_field_width(field));
}

/* The top MPLS label.  Its BOS bit decides where the stack ends, so a
 * change of it moves the network header: the offsets are forgotten. */
static void
set_mpls(struct dp_packet *p, const uint8_t *value, const uint8_t *mask)
{
    const struct flow_offsets *ofs = dp_packet_offsets(p);
    size_t size = dp_packet_size(p);
    be32 before;
    uint8_t *lse;

    if (ofs->l2_5 == FLOW_OFS_NONE || ofs->l2_5 > size
        || size - ofs->l2_5 < PKT_MPLS_HEADER_LEN) {
        return;
    }
    lse = (uint8_t *) dp_packet_data(p) + ofs->l2_5;
    before = pkt_get_be32(lse);
    masked_write(lse, value, mask, PKT_MPLS_HEADER_LEN);
    if ((before ^ pkt_get_be32(lse)) & htonl(PKT_MPLS_BOS_MASK)) {
        dp_packet_forget_offsets(p);
    }
}

/* Fields of the network layer and above. */
static void
set_l3_field(struct dp_packet *p, enum dp_field field, const uint8_t *value,
             const uint8_t *mask)
{
    uint8_t *data = dp_packet_data(p);
    struct dp_layout l;

    dp_layout_init(&l, data, dp_packet_size(p), dp_packet_offsets(p));
    switch (field) {
    case DP_FIELD_IPV4_SRC:
    case DP_FIELD_IPV4_DST:
    case DP_FIELD_IP_TOS:
    case DP_FIELD_IP_TTL:
    case DP_FIELD_IPV6_SRC:
    case DP_FIELD_IPV6_DST:
    case DP_FIELD_IPV6_LABEL:
        if (l.l3_type == PKT_ETH_TYPE_IPV4) {
            set_ipv4(data, &l, field, value, mask);
        } else if (l.l3_type == PKT_ETH_TYPE_IPV6) {
            set_ipv6(data, &l, field, value, mask);
        }
        break;
    case DP_FIELD_TP_SRC:
    case DP_FIELD_TP_DST:
        if (l.l4 != FLOW_OFS_NONE) {
            set_port(data, &l, field, value, mask);
        }
        break;
    case DP_FIELD_ICMP_TYPE:
    case DP_FIELD_ICMP_CODE:
        if (l.l4 != FLOW_OFS_NONE) {
            set_icmp(data, &l, field, value, mask);
        }
        break;
    case DP_FIELD_ND_TARGET:
    case DP_FIELD_ND_SLL:
    case DP_FIELD_ND_TLL:
        if (l.l4 != FLOW_OFS_NONE) {
            set_nd(data, &l, field, value, mask);
        }
        break;
    case DP_FIELD_ARP_OP:
    case DP_FIELD_ARP_SPA:
    case DP_FIELD_ARP_TPA:
    case DP_FIELD_ARP_SHA:
    case DP_FIELD_ARP_THA:
        if (l.l3_type == PKT_ETH_TYPE_ARP || l.l3_type == PKT_ETH_TYPE_RARP) {
            set_arp(data + l.l3, field, value, mask);
        }
        break;
    default:
        break;
    }
}

void
dp_set_field(struct dp_packet *p, enum dp_field field, const uint8_t *value,
             const uint8_t *mask)
{
    uint8_t *data = dp_packet_data(p);
    size_t size = dp_packet_size(p);

    switch (field) {
    case DP_FIELD_ETH_DST:
    case DP_FIELD_ETH_SRC:
        if (size >= PKT_ETH_HEADER_LEN) {
            masked_write(data + (field == DP_FIELD_ETH_DST ? 0 : 6), value,
                         mask, PKT_ETH_ADDR_LEN);
        }
        break;
    case DP_FIELD_VLAN_TCI:
        if (dp_layout_has_vlan(data, size)) {
            masked_write(data + 2 * PKT_ETH_ADDR_LEN + 2, value, mask, 2);
        }
        break;
    case DP_FIELD_MPLS_LSE:
        set_mpls(p, value, mask);
        break;
    default:
        set_l3_field(p, field, value, mask);
        break;
    }
}
