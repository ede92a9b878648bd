/* The ofp_match structure: a list of OXM TLVs, decoded into a flow_match
 * and encoded from one in the order Open vSwitch writes its fields. */
#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_oxm.h"
#include "ofproto/ofp_wire.h"

int
ofp_match_decode(struct buf_reader *r, struct flow_match *match)
{
    uint8_t value[OFP_FIELD_MAX_LEN], mask[OFP_FIELD_MAX_LEN];
    uint64_t seen = 0;
    uint16_t type, length;
    struct buf_reader fields;
    const uint8_t *p;
    bool has_mask;

    memset(match, 0, sizeof *match);
    if (!buf_pull_be16(r, &type) || !buf_pull_be16(r, &length)) {
        return -OFPERR_OFPBMC_BAD_LEN;
    }
    if (type != OFPMT_OXM) {
        return -OFPERR_OFPBMC_BAD_TYPE;
    }
    /* The length covers the 4-byte header and the TLVs, not the padding to
     * a multiple of 8 that follows. */
    if (length < OFP_MATCH_HEADER_LEN
        || !(p = buf_pull(r, length - OFP_MATCH_HEADER_LEN))
        || !buf_pull(r, (8 - length % 8) % 8)) {
        return -OFPERR_OFPBMC_BAD_LEN;
    }
    buf_reader_init(&fields, p, length - OFP_MATCH_HEADER_LEN);
    while (fields.left) {
        const struct ofp_field *f;
        int retval = ofp_oxm_decode(&fields, &f, value, mask, &has_mask);

        if (!retval && (seen & (UINT64_C(1) << f->id))) {
            retval = -OFPERR_OFPBMC_DUP_FIELD;
        }
        if (!retval) {
            retval = ofp_field_set(f, value, has_mask ? mask : NULL, match);
        }
        if (retval) {
            memset(match, 0, sizeof *match);
            return retval;
        }
        seen |= UINT64_C(1) << f->id;
    }
    /* Prerequisites hold of the whole match, whatever the TLVs' order. */
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        if ((seen & (UINT64_C(1) << i))
            && !ofp_field_prereq_ok(&ofp_fields[i], match)) {
            memset(match, 0, sizeof *match);
            return -OFPERR_OFPBMC_BAD_PREREQ;
        }
    }
    return 0;
}

/* Appends field 'id' of 'match' if the match cares about it: without a
 * mask when it matches all the bits that carry the field's value (as Open
 * vSwitch does: a flow label under 0xfffff is exact), with one otherwise. */
static void
put_field(const struct flow_match *match, enum ofp_field_id id,
          struct buf *b)
{
    const struct ofp_field *f = &ofp_fields[id];
    const uint8_t *key_mask = (const uint8_t *) &match->mask.bits + f->key_ofs;
    uint8_t value[OFP_FIELD_MAX_LEN], mask[OFP_FIELD_MAX_LEN];
    uint8_t bits[OFP_FIELD_MAX_LEN];
    bool any = false, exact = true;

    /* Most fields of most matches are wildcarded: skip them cheaply. */
    for (size_t i = 0; i < f->key_len && !any; i++) {
        any = key_mask[i] != 0;
    }
    if (!any) {
        return;
    }
    any = false;
    ofp_field_get(f, match, value, mask);
    ofp_field_value_bits(f, bits);
    for (size_t i = 0; i < f->n_bytes; i++) {
        any |= mask[i] != 0;
        exact &= (mask[i] & bits[i]) == bits[i];
    }
    if (any) {
        ofp_oxm_encode(f, value, exact || !f->maskable ? NULL : mask, b);
    }
}

static void
put_l4(const struct flow_match *m, struct buf *b)
{
    const struct flow_key *k = &m->key;

    switch (k->nw_proto) {
    case IPPROTO_TCP:
        put_field(m, OFPF_TCP_SRC, b);
        put_field(m, OFPF_TCP_DST, b);
        put_field(m, OFPF_TCP_FLAGS, b);
        break;
    case IPPROTO_UDP:
        put_field(m, OFPF_UDP_SRC, b);
        put_field(m, OFPF_UDP_DST, b);
        break;
    case IPPROTO_SCTP:
        put_field(m, OFPF_SCTP_SRC, b);
        put_field(m, OFPF_SCTP_DST, b);
        break;
    case IPPROTO_ICMP:
        if (k->dl_type == htons(PKT_ETH_TYPE_IPV4)) {
            put_field(m, OFPF_ICMPV4_TYPE, b);
            put_field(m, OFPF_ICMPV4_CODE, b);
        }
        break;
    case IPPROTO_ICMPV6:
        if (k->dl_type != htons(PKT_ETH_TYPE_IPV6)) {
            break;
        }
        put_field(m, OFPF_ICMPV6_TYPE, b);
        put_field(m, OFPF_ICMPV6_CODE, b);
        if (!k->tp_dst && (k->tp_src == htons(PKT_ND_NEIGHBOR_SOLICIT)
                           || k->tp_src == htons(PKT_ND_NEIGHBOR_ADVERT))) {
            put_field(m, OFPF_ND_TARGET, b);
            put_field(m, k->tp_src == htons(PKT_ND_NEIGHBOR_SOLICIT)
                             ? OFPF_ND_SLL
                             : OFPF_ND_TLL,
                      b);
        }
        break;
    }
}

static void
put_ip(const struct flow_match *m, struct buf *b)
{
    bool ipv4 = m->key.dl_type == htons(PKT_ETH_TYPE_IPV4);

    put_field(m, ipv4 ? OFPF_IPV4_SRC : OFPF_IPV6_SRC, b);
    put_field(m, ipv4 ? OFPF_IPV4_DST : OFPF_IPV6_DST, b);
    put_field(m, OFPF_IP_FRAG, b);
    put_field(m, OFPF_IP_DSCP, b);
    put_field(m, OFPF_IP_ECN, b);
    put_field(m, OFPF_IP_TTL, b);
    put_field(m, OFPF_IPV6_FLABEL, b);
    if (m->mask.bits.nw_proto) {
        put_field(m, OFPF_IP_PROTO, b);
        put_l4(m, b);
    }
}

static void
put_l2(const struct flow_match *m, struct buf *b)
{
    put_field(m, OFPF_ETH_SRC, b);
    put_field(m, OFPF_ETH_DST, b);
    put_field(m, OFPF_ETH_TYPE, b);
    put_field(m, OFPF_VLAN_VID, b);
    /* The priority matters only for a tagged packet. */
    if (m->key.vlans[0].tci & htons(PKT_VLAN_VID_MASK | PKT_VLAN_CFI)) {
        put_field(m, OFPF_VLAN_PCP, b);
    }
}

size_t
ofp_match_encode(const struct flow_match *m, struct buf *b)
{
    uint16_t dl_type = ntohs(m->key.dl_type);
    size_t start = b->size, len;

    buf_put_be16(b, OFPMT_OXM);
    buf_put_be16(b, 0);
    put_field(m, OFPF_IN_PORT, b);
    put_l2(m, b);
    if (dl_type == PKT_ETH_TYPE_MPLS || dl_type == PKT_ETH_TYPE_MPLS_MCAST) {
        put_field(m, OFPF_MPLS_TC, b);
        put_field(m, OFPF_MPLS_BOS, b);
        put_field(m, OFPF_MPLS_LABEL, b);
    }
    if (dl_type == PKT_ETH_TYPE_IPV4 || dl_type == PKT_ETH_TYPE_IPV6) {
        put_ip(m, b);
    } else if (dl_type == PKT_ETH_TYPE_ARP || dl_type == PKT_ETH_TYPE_RARP) {
        put_field(m, OFPF_ARP_OP, b);
        put_field(m, OFPF_ARP_SPA, b);
        put_field(m, OFPF_ARP_TPA, b);
        put_field(m, OFPF_ARP_SHA, b);
        put_field(m, OFPF_ARP_THA, b);
    }
    put_field(m, OFPF_TUNNEL_ID, b);
    put_field(m, OFPF_TUN_SRC, b);
    put_field(m, OFPF_TUN_DST, b);
    for (int i = 0; i < FLOW_N_REGS; i++) {
        put_field(m, OFPF_REG0 + i, b);
    }
    put_field(m, OFPF_METADATA, b);

    len = b->size - start;
    buf_set_be16(b, start + 2, len);
    buf_pad8(b, start);
    return len;
}
