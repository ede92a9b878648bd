/* The OXM field table, and conversion between OXM values and flow keys. The
 * match codec (TLV lists) is in ofp_match.c. */
#include "ofproto/ofp_oxm.h"

#include <stddef.h>
#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_wire.h"

#define KEY(MEMBER)                                                           \
    offsetof(struct flow_key, MEMBER), sizeof(((struct flow_key *) 0)->MEMBER)
#define BASIC(FIELD) OFPXMC_OPENFLOW_BASIC, OFPXMT_##FIELD, 0
#define NXM1(FIELD) OFPXMC_NXM_1, FIELD, 0
#define ONF(FIELD) OFPXMC_EXPERIMENTER, FIELD, ONF_VENDOR_ID

/* Nicira NXM_1 field numbers and the ONF experimenter field Open vSwitch
 * uses in OpenFlow 1.3. */
enum {
    NXM_NX_IP_FRAG = 26,
    NXM_NX_IP_TTL = 29,
    NXM_NX_TUN_IPV4_SRC = 31,
    NXM_NX_TUN_IPV4_DST = 32,
    ONFOXM_ET_TCP_FLAGS = 42,
};

#define REG(N)                                                                \
    {OFPF_REG##N, "reg" #N,  NULL,  NXM1(N),  4,         true,                \
     true,        OFPP_NONE, OFPM_HOST, KEY(regs[N])}

/* The one table of fields: codec, text parser and printer all read it. */
const struct ofp_field ofp_fields[OFPF_N_FIELDS] = {
    /* Not a set_field target: Open vSwitch cannot read that in 1.3. */
    {OFPF_IN_PORT, "in_port", NULL, BASIC(IN_PORT), 4, false, false,
     OFPP_NONE, OFPM_HOST, KEY(in_port)},
    {OFPF_METADATA, "metadata", NULL, BASIC(METADATA), 8, true, true,
     OFPP_NONE, OFPM_HOST, KEY(metadata)},
    {OFPF_ETH_DST, "eth_dst", "dl_dst", BASIC(ETH_DST), 6, true, true,
     OFPP_NONE, OFPM_BYTES, KEY(dl_dst)},
    {OFPF_ETH_SRC, "eth_src", "dl_src", BASIC(ETH_SRC), 6, true, true,
     OFPP_NONE, OFPM_BYTES, KEY(dl_src)},
    {OFPF_ETH_TYPE, "eth_type", "dl_type", BASIC(ETH_TYPE), 2, false, false,
     OFPP_NONE, OFPM_BYTES, KEY(dl_type)},
    {OFPF_VLAN_VID, "vlan_vid", NULL, BASIC(VLAN_VID), 2, true, true,
     OFPP_NONE, OFPM_VLAN_VID, KEY(vlans[0].tci)},
    {OFPF_VLAN_PCP, "vlan_pcp", "dl_vlan_pcp", BASIC(VLAN_PCP), 1, false,
     true, OFPP_VLAN, OFPM_VLAN_PCP, KEY(vlans[0].tci)},
    {OFPF_IP_DSCP, "ip_dscp", NULL, BASIC(IP_DSCP), 1, false, true,
     OFPP_IP_ANY, OFPM_IP_DSCP, KEY(nw_tos)},
    {OFPF_IP_ECN, "ip_ecn", "nw_ecn", BASIC(IP_ECN), 1, false, true,
     OFPP_IP_ANY, OFPM_IP_ECN, KEY(nw_tos)},
    {OFPF_IP_PROTO, "ip_proto", "nw_proto", BASIC(IP_PROTO), 1, false, false,
     OFPP_IP_ANY, OFPM_BYTES, KEY(nw_proto)},
    {OFPF_IPV4_SRC, "ipv4_src", "nw_src", BASIC(IPV4_SRC), 4, true, true,
     OFPP_IPV4, OFPM_BYTES, KEY(nw_src)},
    {OFPF_IPV4_DST, "ipv4_dst", "nw_dst", BASIC(IPV4_DST), 4, true, true,
     OFPP_IPV4, OFPM_BYTES, KEY(nw_dst)},
    {OFPF_TCP_SRC, "tcp_src", NULL, BASIC(TCP_SRC), 2, true, true, OFPP_TCP,
     OFPM_BYTES, KEY(tp_src)},
    {OFPF_TCP_DST, "tcp_dst", NULL, BASIC(TCP_DST), 2, true, true, OFPP_TCP,
     OFPM_BYTES, KEY(tp_dst)},
    {OFPF_UDP_SRC, "udp_src", NULL, BASIC(UDP_SRC), 2, true, true, OFPP_UDP,
     OFPM_BYTES, KEY(tp_src)},
    {OFPF_UDP_DST, "udp_dst", NULL, BASIC(UDP_DST), 2, true, true, OFPP_UDP,
     OFPM_BYTES, KEY(tp_dst)},
    {OFPF_SCTP_SRC, "sctp_src", NULL, BASIC(SCTP_SRC), 2, true, true,
     OFPP_SCTP, OFPM_BYTES, KEY(tp_src)},
    {OFPF_SCTP_DST, "sctp_dst", NULL, BASIC(SCTP_DST), 2, true, true,
     OFPP_SCTP, OFPM_BYTES, KEY(tp_dst)},
    {OFPF_ICMPV4_TYPE, "icmpv4_type", NULL, BASIC(ICMPV4_TYPE), 1, false,
     true, OFPP_ICMPV4, OFPM_U8_TO_BE16, KEY(tp_src)},
    {OFPF_ICMPV4_CODE, "icmpv4_code", NULL, BASIC(ICMPV4_CODE), 1, false,
     true, OFPP_ICMPV4, OFPM_U8_TO_BE16, KEY(tp_dst)},
    {OFPF_ARP_OP, "arp_op", NULL, BASIC(ARP_OP), 2, false, true, OFPP_ARP,
     OFPM_ARP_OP, KEY(nw_proto)},
    {OFPF_ARP_SPA, "arp_spa", NULL, BASIC(ARP_SPA), 4, true, true, OFPP_ARP,
     OFPM_BYTES, KEY(nw_src)},
    {OFPF_ARP_TPA, "arp_tpa", NULL, BASIC(ARP_TPA), 4, true, true, OFPP_ARP,
     OFPM_BYTES, KEY(nw_dst)},
    {OFPF_ARP_SHA, "arp_sha", NULL, BASIC(ARP_SHA), 6, true, true, OFPP_ARP,
     OFPM_BYTES, KEY(arp_sha)},
    {OFPF_ARP_THA, "arp_tha", NULL, BASIC(ARP_THA), 6, true, true, OFPP_ARP,
     OFPM_BYTES, KEY(arp_tha)},
    {OFPF_IPV6_SRC, "ipv6_src", NULL, BASIC(IPV6_SRC), 16, true, true,
     OFPP_IPV6, OFPM_BYTES, KEY(ipv6_src)},
    {OFPF_IPV6_DST, "ipv6_dst", NULL, BASIC(IPV6_DST), 16, true, true,
     OFPP_IPV6, OFPM_BYTES, KEY(ipv6_dst)},
    {OFPF_IPV6_FLABEL, "ipv6_label", NULL, BASIC(IPV6_FLABEL), 4, true, true,
     OFPP_IPV6, OFPM_BYTES, KEY(ipv6_label)},
    {OFPF_ICMPV6_TYPE, "icmpv6_type", NULL, BASIC(ICMPV6_TYPE), 1, false,
     true, OFPP_ICMPV6, OFPM_U8_TO_BE16, KEY(tp_src)},
    {OFPF_ICMPV6_CODE, "icmpv6_code", NULL, BASIC(ICMPV6_CODE), 1, false,
     true, OFPP_ICMPV6, OFPM_U8_TO_BE16, KEY(tp_dst)},
    {OFPF_ND_TARGET, "nd_target", NULL, BASIC(IPV6_ND_TARGET), 16, true, true,
     OFPP_ND, OFPM_BYTES, KEY(nd_target)},
    {OFPF_ND_SLL, "nd_sll", NULL, BASIC(IPV6_ND_SLL), 6, true, true,
     OFPP_ND_SOLICIT, OFPM_BYTES, KEY(arp_sha)},
    {OFPF_ND_TLL, "nd_tll", NULL, BASIC(IPV6_ND_TLL), 6, true, true,
     OFPP_ND_ADVERT, OFPM_BYTES, KEY(arp_tha)},
    {OFPF_MPLS_LABEL, "mpls_label", NULL, BASIC(MPLS_LABEL), 4, false, true,
     OFPP_MPLS, OFPM_MPLS_LABEL, KEY(mpls_lse[0])},
    {OFPF_MPLS_TC, "mpls_tc", NULL, BASIC(MPLS_TC), 1, false, true,
     OFPP_MPLS, OFPM_MPLS_TC, KEY(mpls_lse[0])},
    {OFPF_MPLS_BOS, "mpls_bos", NULL, BASIC(MPLS_BOS), 1, false, false,
     OFPP_MPLS, OFPM_MPLS_BOS, KEY(mpls_lse[0])},
    {OFPF_TUNNEL_ID, "tun_id", "tunnel_id", BASIC(TUNNEL_ID), 8, true, true,
     OFPP_NONE, OFPM_BYTES, KEY(tun_id)},
    REG(0),
    REG(1),
    REG(2),
    REG(3),
    REG(4),
    REG(5),
    REG(6),
    REG(7),
    {OFPF_IP_TTL, "nw_ttl", NULL, NXM1(NXM_NX_IP_TTL), 1, false, true,
     OFPP_IP_ANY, OFPM_BYTES, KEY(nw_ttl)},
    {OFPF_IP_FRAG, "ip_frag", NULL, NXM1(NXM_NX_IP_FRAG), 1, true, false,
     OFPP_IP_ANY, OFPM_IP_FRAG, KEY(nw_frag)},
    {OFPF_TUN_SRC, "tun_src", NULL, NXM1(NXM_NX_TUN_IPV4_SRC), 4, true, true,
     OFPP_NONE, OFPM_BYTES, KEY(tun_src)},
    {OFPF_TUN_DST, "tun_dst", NULL, NXM1(NXM_NX_TUN_IPV4_DST), 4, true, true,
     OFPP_NONE, OFPM_BYTES, KEY(tun_dst)},
    {OFPF_TCP_FLAGS, "tcp_flags", NULL, ONF(ONFOXM_ET_TCP_FLAGS), 2, true,
     false, OFPP_TCP, OFPM_BYTES, KEY(tcp_flags)},
};

const struct ofp_field *
ofp_field_by_name(const char *name)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field *f = &ofp_fields[i];
        if (!strcmp(f->name, name) || (f->alt_name && !strcmp(f->alt_name, name))) {
            return f;
        }
    }
    return NULL;
}

const struct ofp_field *
ofp_field_by_oxm(uint16_t oxm_class, uint8_t field, uint32_t experimenter)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field *f = &ofp_fields[i];
        if (f->oxm_class == oxm_class && f->oxm_field == field
            && f->experimenter == experimenter) {
            return f;
        }
    }
    return NULL;
}

/* Fields that are bit ranges of a key member: where they lie within the
 * member's value in host order, and how wide they are. */
struct bit_range {
    uint32_t mask;          /* Within the member, host order. */
    int shift;              /* Lowest bit of the field in the member. */
};

static bool
bit_range(enum ofp_field_map map, struct bit_range *r)
{
    static const struct {
        enum ofp_field_map map;
        struct bit_range range;
    } ranges[] = {
        {OFPM_VLAN_VID, {0x1fff, 0}},
        {OFPM_VLAN_PCP, {0xe000, 13}},
        {OFPM_IP_DSCP, {0xfc, 2}},
        {OFPM_IP_ECN, {0x03, 0}},
        {OFPM_MPLS_LABEL, {PKT_MPLS_LABEL_MASK, PKT_MPLS_LABEL_SHIFT}},
        {OFPM_MPLS_TC, {PKT_MPLS_TC_MASK, PKT_MPLS_TC_SHIFT}},
        {OFPM_MPLS_BOS, {PKT_MPLS_BOS_MASK, PKT_MPLS_BOS_SHIFT}},
        {OFPM_IP_FRAG, {FLOW_NW_FRAG_MASK, 0}},
        {OFPM_U8_TO_BE16, {0xffff, 0}}, /* Open vSwitch masks all 16. */
        {OFPM_ARP_OP, {0xff, 0}},
    };

    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (ranges[i].map == map) {
            *r = ranges[i].range;
            return true;
        }
    }
    r->mask = 0;
    r->shift = 0;
    return false;
}

/* Reads the key member at 'ofs' of 'len' bytes as a number.  Host-order
 * members ('host') are read natively, others big-endian. */
static uint64_t
get_member(const struct flow_key *key, const struct ofp_field *f, bool host)
{
    const uint8_t *p = (const uint8_t *) key + f->key_ofs;
    uint64_t v = 0;

    if (!host) {
        return buf_get_uint_be(p, f->key_len);
    }
    switch (f->key_len) {
    case 4: {
        uint32_t v32;
        memcpy(&v32, p, 4);
        v = v32;
        break;
    }
    case 8:
        memcpy(&v, p, 8);
        break;
    }
    return v;
}

static void
set_member(struct flow_key *key, const struct ofp_field *f, bool host,
           uint64_t v)
{
    uint8_t *p = (uint8_t *) key + f->key_ofs;

    if (!host) {
        buf_set_uint_be(p, f->key_len, v);
    } else if (f->key_len == 4) {
        uint32_t v32 = v;
        memcpy(p, &v32, 4);
    } else {
        memcpy(p, &v, 8);
    }
}

void
ofp_field_get(const struct ofp_field *f, const struct flow_match *match,
              uint8_t *value, uint8_t *mask)
{
    struct bit_range r;
    bool host = f->map == OFPM_HOST;

    if (f->map == OFPM_BYTES) {
        memcpy(value, (const uint8_t *) &match->key + f->key_ofs, f->n_bytes);
        memcpy(mask, (const uint8_t *) &match->mask.bits + f->key_ofs,
               f->n_bytes);
    } else if (host) {
        buf_set_uint_be(value, f->n_bytes, get_member(&match->key, f, true));
        buf_set_uint_be(mask, f->n_bytes, get_member(&match->mask.bits, f, true));
    } else {
        bit_range(f->map, &r);
        buf_set_uint_be(value, f->n_bytes,
                 (get_member(&match->key, f, false) & r.mask) >> r.shift);
        buf_set_uint_be(mask, f->n_bytes,
                 (get_member(&match->mask.bits, f, false) & r.mask) >> r.shift);
    }
}

/* Returns true if 'v' (a value or mask of field 'f') fits in the field. */
static bool
value_fits(const struct ofp_field *f, uint64_t v)
{
    struct bit_range r;

    if (f->id == OFPF_IPV6_FLABEL) {
        return v <= PKT_IPV6_LABEL_MASK;
    }
    if (f->id == OFPF_TCP_FLAGS) {
        return v <= PKT_TCP_FLAGS_MASK;
    }
    if (f->id == OFPF_IN_PORT) {
        return ofp_port_is_physical(v) || v == OFPP_LOCAL
               || v == OFPP_CONTROLLER;
    }
    if (f->map == OFPM_BYTES || f->map == OFPM_HOST || !bit_range(f->map, &r)) {
        return true;
    }
    return v <= (r.mask >> r.shift);
}

void
ofp_field_value_bits(const struct ofp_field *f, uint8_t *mask)
{
    struct bit_range r;

    switch (f->id) {
    case OFPF_IPV6_FLABEL:
        buf_set_uint_be(mask, f->n_bytes, PKT_IPV6_LABEL_MASK);
        return;
    case OFPF_TCP_FLAGS:
        buf_set_uint_be(mask, f->n_bytes, PKT_TCP_FLAGS_MASK);
        return;
    default:
        if (bit_range(f->map, &r)) {
            buf_set_uint_be(mask, f->n_bytes, r.mask >> r.shift);
        } else {
            memset(mask, 0xff, f->n_bytes);
        }
    }
}

int
ofp_field_set(const struct ofp_field *f, const uint8_t *value,
              const uint8_t *mask, struct flow_match *match)
{
    uint8_t exact[OFP_FIELD_MAX_LEN];
    uint64_t v, m;
    struct bit_range r;

    if (!mask) {
        memset(exact, 0xff, sizeof exact);
        mask = exact;
    }
    if (f->map == OFPM_BYTES) {
        uint8_t *kv = (uint8_t *) &match->key + f->key_ofs;
        uint8_t *km = (uint8_t *) &match->mask.bits + f->key_ofs;

        uint8_t bits[OFP_FIELD_MAX_LEN];
        bool covers = true;

        if (f->n_bytes <= 8 && !value_fits(f, buf_get_uint_be(value, f->n_bytes))) {
            return -OFPERR_OFPBMC_BAD_VALUE;
        }
        /* A mask over all of a narrow field's bits is stored as exact, so
         * that a match has one form however it was written. */
        ofp_field_value_bits(f, bits);
        for (size_t i = 0; i < f->n_bytes; i++) {
            covers &= (mask[i] & bits[i]) == bits[i];
        }
        for (size_t i = 0; i < f->n_bytes; i++) {
            km[i] = covers ? 0xff : mask[i];
            kv[i] = value[i] & km[i];
        }
        return 0;
    }

    v = buf_get_uint_be(value, f->n_bytes);
    m = buf_get_uint_be(mask, f->n_bytes);
    if (!value_fits(f, v)) {
        return -OFPERR_OFPBMC_BAD_VALUE;
    }
    if (f->map == OFPM_HOST) {
        set_member(&match->mask.bits, f, true, m);
        set_member(&match->key, f, true, v & m);
        return 0;
    }
    bit_range(f->map, &r);
    if (mask == exact) {
        m = r.mask >> r.shift;
    } else if (m & ~(uint64_t) (r.mask >> r.shift)) {
        return -OFPERR_OFPBMC_BAD_MASK;
    }
    m = (m << r.shift) & r.mask;
    v = (v << r.shift) & m;
    set_member(&match->mask.bits, f, false,
               (get_member(&match->mask.bits, f, false) & ~r.mask) | m);
    set_member(&match->key, f, false,
               (get_member(&match->key, f, false) & ~r.mask) | v);
    return 0;
}

/* Prerequisite checks: a match "requires" a value when it matches it
 * exactly. */

static bool
requires_dl_type(const struct flow_match *m, uint16_t a, uint16_t b)
{
    return m->mask.bits.dl_type == UINT16_MAX
           && (m->key.dl_type == htons(a) || m->key.dl_type == htons(b));
}

static bool
requires_proto(const struct flow_match *m, uint8_t proto)
{
    return requires_dl_type(m, PKT_ETH_TYPE_IPV4, PKT_ETH_TYPE_IPV6)
           && m->mask.bits.nw_proto == UINT8_MAX && m->key.nw_proto == proto;
}

static bool
requires_icmp6_type(const struct flow_match *m, uint8_t a, uint8_t b)
{
    return requires_dl_type(m, PKT_ETH_TYPE_IPV6, PKT_ETH_TYPE_IPV6)
           && requires_proto(m, IPPROTO_ICMPV6)
           && (m->mask.bits.tp_src & htons(0xff)) == htons(0xff)
           && (m->key.tp_src == htons(a) || m->key.tp_src == htons(b));
}

bool
ofp_field_prereq_ok(const struct ofp_field *f, const struct flow_match *m)
{
    switch (f->prereq) {
    case OFPP_NONE:
        return true;
    case OFPP_VLAN:
        return m->mask.bits.vlans[0].tci & m->key.vlans[0].tci
               & htons(PKT_VLAN_CFI);
    case OFPP_IP_ANY:
        return requires_dl_type(m, PKT_ETH_TYPE_IPV4, PKT_ETH_TYPE_IPV6);
    case OFPP_IPV4:
        return requires_dl_type(m, PKT_ETH_TYPE_IPV4, PKT_ETH_TYPE_IPV4);
    case OFPP_IPV6:
        return requires_dl_type(m, PKT_ETH_TYPE_IPV6, PKT_ETH_TYPE_IPV6);
    case OFPP_ARP:
        return requires_dl_type(m, PKT_ETH_TYPE_ARP, PKT_ETH_TYPE_RARP);
    case OFPP_MPLS:
        return requires_dl_type(m, PKT_ETH_TYPE_MPLS, PKT_ETH_TYPE_MPLS_MCAST);
    case OFPP_TCP:
        return requires_proto(m, IPPROTO_TCP);
    case OFPP_UDP:
        return requires_proto(m, IPPROTO_UDP);
    case OFPP_SCTP:
        return requires_proto(m, IPPROTO_SCTP);
    case OFPP_ICMPV4:
        return requires_dl_type(m, PKT_ETH_TYPE_IPV4, PKT_ETH_TYPE_IPV4)
               && requires_proto(m, IPPROTO_ICMP);
    case OFPP_ICMPV6:
        return requires_dl_type(m, PKT_ETH_TYPE_IPV6, PKT_ETH_TYPE_IPV6)
               && requires_proto(m, IPPROTO_ICMPV6);
    case OFPP_ND:
        return requires_icmp6_type(m, PKT_ND_NEIGHBOR_SOLICIT,
                                   PKT_ND_NEIGHBOR_ADVERT);
    case OFPP_ND_SOLICIT:
        return requires_icmp6_type(m, PKT_ND_NEIGHBOR_SOLICIT,
                                   PKT_ND_NEIGHBOR_SOLICIT);
    case OFPP_ND_ADVERT:
        return requires_icmp6_type(m, PKT_ND_NEIGHBOR_ADVERT,
                                   PKT_ND_NEIGHBOR_ADVERT);
    }
    return false;
}

/* OXM TLVs. */

#define OXM_HEADER_LEN 4
#define OXM_EXPERIMENTER_LEN 4

int
ofp_oxm_decode(struct buf_reader *r, const struct ofp_field **fieldp,
               uint8_t *value, uint8_t *mask, bool *has_mask)
{
    const struct ofp_field *f;
    uint32_t header, experimenter = 0;
    uint16_t oxm_class;
    uint8_t payload_len, field;
    const uint8_t *p;
    size_t value_len;

    if (!buf_pull_be32(r, &header)) {
        return -OFPERR_OFPBMC_BAD_LEN;
    }
    oxm_class = header >> 16;
    field = (header >> 9) & 0x7f;
    *has_mask = header & 0x100;
    payload_len = header & 0xff;
    p = buf_pull(r, payload_len);
    if (!p) {
        return -OFPERR_OFPBMC_BAD_LEN;
    }
    if (oxm_class == OFPXMC_EXPERIMENTER) {
        if (payload_len < OXM_EXPERIMENTER_LEN) {
            return -OFPERR_OFPBMC_BAD_LEN;
        }
        experimenter = buf_get_be32(p);
        p += OXM_EXPERIMENTER_LEN;
        payload_len -= OXM_EXPERIMENTER_LEN;
    }
    f = ofp_field_by_oxm(oxm_class, field, experimenter);
    if (!f) {
        return -OFPERR_OFPBMC_BAD_FIELD;
    }
    value_len = f->n_bytes * (*has_mask ? 2 : 1);
    if (payload_len != value_len) {
        return -OFPERR_OFPBMC_BAD_LEN;
    }
    if (*has_mask && !f->maskable) {
        return -OFPERR_OFPBMC_BAD_MASK;
    }
    memcpy(value, p, f->n_bytes);
    if (*has_mask) {
        memcpy(mask, p + f->n_bytes, f->n_bytes);
        for (size_t i = 0; i < f->n_bytes; i++) {
            if (value[i] & ~mask[i]) {
                return -OFPERR_OFPBMC_BAD_WILDCARDS;
            }
        }
    } else {
        memset(mask, 0xff, f->n_bytes);
    }
    *fieldp = f;
    return 0;
}

void
ofp_oxm_encode(const struct ofp_field *f, const uint8_t *value,
               const uint8_t *mask, struct buf *b)
{
    size_t len = f->n_bytes * (mask ? 2 : 1);
    uint32_t header;

    if (f->oxm_class == OFPXMC_EXPERIMENTER) {
        len += OXM_EXPERIMENTER_LEN;
    }
    header = (uint32_t) f->oxm_class << 16 | (uint32_t) f->oxm_field << 9
             | (mask ? 0x100 : 0) | len;
    buf_put_be32(b, header);
    if (f->oxm_class == OFPXMC_EXPERIMENTER) {
        buf_put_be32(b, f->experimenter);
    }
    buf_put(b, value, f->n_bytes);
    if (mask) {
        buf_put(b, mask, f->n_bytes);
    }
}
