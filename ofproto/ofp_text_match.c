/* Match text: the match parser, the inverse of flow_format_match().  Its
 * building blocks are in ofp_text_common.c. */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_errors.h"

/* The match parser. */

/* What a keyword needs of the rest of the match.  The order indexes
 * ofp_text_match.needs. */
enum prereq {
    PQ_NONE,
    PQ_IP,          /* ip or ipv6. */
    PQ_IPV4_OR_ARP, /* nw_src and nw_dst mean arp_spa and arp_tpa on ARP. */
    PQ_IP_OR_ARP,   /* nw_proto means arp_op on ARP. */
    PQ_IPV6,
    PQ_ARP,
    PQ_MPLS,
    PQ_L4, /* tp_src and tp_dst: ports, or ICMP type and code. */
    PQ_TCP,
    PQ_ICMP, /* icmp_type and icmp_code: ICMPv4 or ICMPv6. */
    PQ_ICMPV6,
    PQ_ND,
    PQ_ND_SOLICIT,
    PQ_ND_ADVERT,
    PQ_N
};

_Static_assert(PQ_N <= OFP_TEXT_N_PREREQS, "ofp_text_match.needs too small");

/* How each prerequisite is described, and a field of ofp_oxm.h with the
 * same prerequisite that checks it (OFPF_N_FIELDS: checked here). */
static const struct {
    const char *needs;
    enum ofp_field_id same_as;
} prereqs[PQ_N] = {
    [PQ_NONE] = {"", OFPF_IN_PORT},
    [PQ_IP] = {"ip or ipv6", OFPF_IP_DSCP},
    [PQ_IPV4_OR_ARP] = {"ip, arp or rarp", OFPF_N_FIELDS},
    [PQ_IP_OR_ARP] = {"ip, ipv6, arp or rarp", OFPF_N_FIELDS},
    [PQ_IPV6] = {"ipv6", OFPF_IPV6_SRC},
    [PQ_ARP] = {"arp or rarp", OFPF_ARP_OP},
    [PQ_MPLS] = {"mpls or mplsm", OFPF_MPLS_LABEL},
    [PQ_L4] = {"tcp, udp, sctp, icmp or their IPv6 forms", OFPF_N_FIELDS},
    [PQ_TCP] = {"tcp or tcp6", OFPF_TCP_FLAGS},
    [PQ_ICMP] = {"icmp or icmp6", OFPF_N_FIELDS},
    [PQ_ICMPV6] = {"icmp6", OFPF_ICMPV6_TYPE},
    [PQ_ND] = {"icmp6 with icmp_type=135 or 136", OFPF_ND_TARGET},
    [PQ_ND_SOLICIT] = {"icmp6,icmp_type=135", OFPF_ND_SLL},
    [PQ_ND_ADVERT] = {"icmp6,icmp_type=136", OFPF_ND_TLL},
};

enum kw_kind {
    KW_FIELD,    /* A field of ofp_fields[], "value[/mask]". */
    KW_DL_VLAN,  /* 12-bit VID, or 0xffff for "no tag". */
    KW_VLAN_PCP, /* Priority; implies a tag. */
    KW_VLAN_TCI, /* The whole TCI, with CFI meaning "tagged". */
    KW_NW_TOS,   /* DSCP in TOS form. */
    KW_NW_FRAG,
    KW_TCP_FLAGS,
};

struct match_keyword {
    const char *name;
    const char *alt_name; /* Or NULL. */
    enum kw_kind kind;
    enum ofp_field_id field; /* Where the value goes. */
    enum prereq prereq;
};

/* Each keyword and its other name, if any; the first name is the one
 * ovs-ofctl uses in its messages. */
static const struct match_keyword keywords[] = {
    {"in_port", NULL, KW_FIELD, OFPF_IN_PORT, PQ_NONE},
    {"eth_src", "dl_src", KW_FIELD, OFPF_ETH_SRC, PQ_NONE},
    {"eth_dst", "dl_dst", KW_FIELD, OFPF_ETH_DST, PQ_NONE},
    {"eth_type", "dl_type", KW_FIELD, OFPF_ETH_TYPE, PQ_NONE},
    {"dl_vlan", NULL, KW_DL_VLAN, OFPF_VLAN_VID, PQ_NONE},
    {"dl_vlan_pcp", NULL, KW_VLAN_PCP, OFPF_VLAN_PCP, PQ_NONE},
    {"vlan_pcp", NULL, KW_VLAN_PCP, OFPF_VLAN_PCP, PQ_NONE},
    {"vlan_tci", NULL, KW_VLAN_TCI, OFPF_VLAN_VID, PQ_NONE},
    {"vlan_vid", NULL, KW_FIELD, OFPF_VLAN_VID, PQ_NONE},
    {"ip_src", "nw_src", KW_FIELD, OFPF_IPV4_SRC, PQ_IPV4_OR_ARP},
    {"ip_dst", "nw_dst", KW_FIELD, OFPF_IPV4_DST, PQ_IPV4_OR_ARP},
    {"nw_proto", "ip_proto", KW_FIELD, OFPF_IP_PROTO, PQ_IP_OR_ARP},
    {"nw_tos", NULL, KW_NW_TOS, OFPF_IP_DSCP, PQ_IP},
    {"ip_dscp", NULL, KW_FIELD, OFPF_IP_DSCP, PQ_IP},
    {"nw_ecn", "ip_ecn", KW_FIELD, OFPF_IP_ECN, PQ_IP},
    {"nw_ttl", NULL, KW_FIELD, OFPF_IP_TTL, PQ_IP},
    {"nw_frag", "ip_frag", KW_NW_FRAG, OFPF_IP_FRAG, PQ_IP},
    {"tcp_src", "tp_src", KW_FIELD, OFPF_TCP_SRC, PQ_L4},
    {"tcp_dst", "tp_dst", KW_FIELD, OFPF_TCP_DST, PQ_L4},
    {"udp_src", NULL, KW_FIELD, OFPF_UDP_SRC, PQ_L4},
    {"udp_dst", NULL, KW_FIELD, OFPF_UDP_DST, PQ_L4},
    {"sctp_src", NULL, KW_FIELD, OFPF_SCTP_SRC, PQ_L4},
    {"sctp_dst", NULL, KW_FIELD, OFPF_SCTP_DST, PQ_L4},
    {"tcp_flags", NULL, KW_TCP_FLAGS, OFPF_TCP_FLAGS, PQ_TCP},
    {"icmp_type", NULL, KW_FIELD, OFPF_ICMPV4_TYPE, PQ_ICMP},
    {"icmp_code", NULL, KW_FIELD, OFPF_ICMPV4_CODE, PQ_ICMP},
    {"icmpv6_type", NULL, KW_FIELD, OFPF_ICMPV6_TYPE, PQ_ICMPV6},
    {"icmpv6_code", NULL, KW_FIELD, OFPF_ICMPV6_CODE, PQ_ICMPV6},
    {"arp_op", NULL, KW_FIELD, OFPF_ARP_OP, PQ_ARP},
    {"arp_spa", NULL, KW_FIELD, OFPF_ARP_SPA, PQ_ARP},
    {"arp_tpa", NULL, KW_FIELD, OFPF_ARP_TPA, PQ_ARP},
    {"arp_sha", NULL, KW_FIELD, OFPF_ARP_SHA, PQ_ARP},
    {"arp_tha", NULL, KW_FIELD, OFPF_ARP_THA, PQ_ARP},
    {"ipv6_src", NULL, KW_FIELD, OFPF_IPV6_SRC, PQ_IPV6},
    {"ipv6_dst", NULL, KW_FIELD, OFPF_IPV6_DST, PQ_IPV6},
    {"ipv6_label", NULL, KW_FIELD, OFPF_IPV6_FLABEL, PQ_IPV6},
    {"nd_target", NULL, KW_FIELD, OFPF_ND_TARGET, PQ_ND},
    {"nd_sll", NULL, KW_FIELD, OFPF_ND_SLL, PQ_ND_SOLICIT},
    {"nd_tll", NULL, KW_FIELD, OFPF_ND_TLL, PQ_ND_ADVERT},
    {"mpls_label", NULL, KW_FIELD, OFPF_MPLS_LABEL, PQ_MPLS},
    {"mpls_tc", NULL, KW_FIELD, OFPF_MPLS_TC, PQ_MPLS},
    {"mpls_bos", NULL, KW_FIELD, OFPF_MPLS_BOS, PQ_MPLS},
    {"tun_id", "tunnel_id", KW_FIELD, OFPF_TUNNEL_ID, PQ_NONE},
    {"tun_src", NULL, KW_FIELD, OFPF_TUN_SRC, PQ_NONE},
    {"tun_dst", NULL, KW_FIELD, OFPF_TUN_DST, PQ_NONE},
    {"metadata", NULL, KW_FIELD, OFPF_METADATA, PQ_NONE},
    {"reg0", NULL, KW_FIELD, OFPF_REG0, PQ_NONE},
    {"reg1", NULL, KW_FIELD, OFPF_REG1, PQ_NONE},
    {"reg2", NULL, KW_FIELD, OFPF_REG2, PQ_NONE},
    {"reg3", NULL, KW_FIELD, OFPF_REG3, PQ_NONE},
    {"reg4", NULL, KW_FIELD, OFPF_REG4, PQ_NONE},
    {"reg5", NULL, KW_FIELD, OFPF_REG5, PQ_NONE},
    {"reg6", NULL, KW_FIELD, OFPF_REG6, PQ_NONE},
    {"reg7", NULL, KW_FIELD, OFPF_REG7, PQ_NONE},
};

/* Protocol shorthands: an EtherType and, for some, an IP protocol. */
static const struct {
    const char *name;
    uint16_t dl_type;
    uint8_t nw_proto; /* 0: none. */
} protocols[] = {
    {"ip", PKT_ETH_TYPE_IPV4, 0},
    {"ipv4", PKT_ETH_TYPE_IPV4, 0},
    {"ip4", PKT_ETH_TYPE_IPV4, 0},
    {"ipv6", PKT_ETH_TYPE_IPV6, 0},
    {"icmp", PKT_ETH_TYPE_IPV4, IPPROTO_ICMP},
    {"icmp6", PKT_ETH_TYPE_IPV6, IPPROTO_ICMPV6},
    {"tcp", PKT_ETH_TYPE_IPV4, IPPROTO_TCP},
    {"tcp6", PKT_ETH_TYPE_IPV6, IPPROTO_TCP},
    {"udp", PKT_ETH_TYPE_IPV4, IPPROTO_UDP},
    {"udp6", PKT_ETH_TYPE_IPV6, IPPROTO_UDP},
    {"sctp", PKT_ETH_TYPE_IPV4, IPPROTO_SCTP},
    {"sctp6", PKT_ETH_TYPE_IPV6, IPPROTO_SCTP},
    {"arp", PKT_ETH_TYPE_ARP, 0},
    {"rarp", PKT_ETH_TYPE_RARP, 0},
    {"mpls", PKT_ETH_TYPE_MPLS, 0},
    {"mplsm", PKT_ETH_TYPE_MPLS_MCAST, 0},
};

/* Names of the TCP flag bits, lowest first, as flow_format_match() prints
 * them. */
static const char *const tcp_flag_names[12] = {
    "fin", "syn", "rst", "psh",   "ack",   "urg",
    "ece", "cwr", "ns",  "[200]", "[400]", "[800]",
};

/* Returns the keyword 'name', and in '*static_name' the same name as a
 * static string. */
static const struct match_keyword *
find_keyword(const char *name, const char **static_name)
{
    for (size_t i = 0; i < ARRAY_SIZE(keywords); i++) {
        const struct match_keyword *kw = &keywords[i];

        if (!strcmp(kw->name, name)
            || (kw->alt_name && !strcmp(kw->alt_name, name))) {
            *static_name = !strcmp(kw->name, name) ? kw->name : kw->alt_name;
            return kw;
        }
    }
    return NULL;
}

static bool
apply_protocol(struct flow_match *m, const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(protocols); i++) {
        if (!strcmp(protocols[i].name, name)) {
            m->key.dl_type = htons(protocols[i].dl_type);
            m->mask.bits.dl_type = UINT16_MAX;
            if (protocols[i].nw_proto) {
                m->key.nw_proto = protocols[i].nw_proto;
                m->mask.bits.nw_proto = UINT8_MAX;
            }
            return true;
        }
    }
    return false;
}

static int
set_field_checked(const struct ofp_field *f, const char *name, const char *s,
                  const uint8_t *value, const uint8_t *mask,
                  struct flow_match *m, char **errorp)
{
    int retval = ofp_field_set(f, value, mask, m);

    if (retval == -OFPERR_OFPBMC_BAD_MASK) {
        return ofp_text_errorf(errorp, "%s: invalid mask for field %s", s,
                               name);
    } else if (retval) {
        return ofp_text_errorf(errorp, "%s is not a valid value for field %s",
                               s, name);
    }
    return 0;
}

static int
parse_field(const struct ofp_field *f, const char *name, const char *s,
            const struct ofp_port_map *map, struct flow_match *m, char **errorp)
{
    uint8_t value[OFP_FIELD_MAX_LEN], mask[OFP_FIELD_MAX_LEN];
    bool has_mask;
    int retval;

    retval = ofp_text_parse_field_value(f, name, s, map, value, mask, &has_mask,
                                        errorp);
    if (retval) {
        return retval;
    }
    if (has_mask && !f->maskable) {
        return ofp_text_errorf(errorp, "%s: invalid mask for field %s", s,
                               name);
    }
    return set_field_checked(f, name, s, value, has_mask ? mask : NULL, m,
                             errorp);
}

/* Parses a number for one of the VLAN keywords, at most 'max'. */
static int
parse_small(const char *s, const char *name, uint64_t max, uint64_t *v,
            char **errorp)
{
    int retval = ofp_text_parse_uint(s, 0, max, v);

    if (retval == -ERANGE) {
        return ofp_text_errorf(errorp, "%s is not a valid value for field %s",
                               s, name);
    } else if (retval) {
        return ofp_text_errorf(errorp, "%s: bad syntax for %s value", s, name);
    }
    return 0;
}

/* The VLAN keywords work on the TCI as Open vSwitch does: dl_vlan and
 * dl_vlan_pcp also require a tag (CFI), and dl_vlan=0xffff means "no tag".
 * What OpenFlow 1.3 cannot carry is normalized by the codec round trip in
 * ofp_text_match_finish(), as Open vSwitch's encoder does. */
static int
parse_vlan(const struct match_keyword *kw, const char *s, struct flow_match *m,
           char **errorp)
{
    be16 *tci = &m->key.vlans[0].tci, *tci_mask = &m->mask.bits.vlans[0].tci;
    uint64_t v;

    if (kw->kind == KW_VLAN_TCI) {
        uint8_t value[2], mask[2];
        int retval =
            ofp_text_parse_number_masked(s, kw->name, 2, value, mask, errorp);
        if (!retval) {
            *tci_mask = htons(buf_get_be16(mask));
            *tci = htons(buf_get_be16(value)) & *tci_mask;
        }
        return retval;
    }
    if (strchr(s, '/')) {
        return ofp_text_errorf(errorp, "%s: invalid mask for field %s", s,
                               kw->name);
    } else if (parse_small(s, kw->name, kw->kind == KW_DL_VLAN ? 0xffff : 7, &v,
                           errorp)) {
        return -EINVAL;
    }
    if (kw->kind == KW_VLAN_PCP) {
        *tci = (*tci & ~htons(PKT_VLAN_PCP_MASK))
               | htons((uint16_t) (v << PKT_VLAN_PCP_SHIFT | PKT_VLAN_CFI));
        *tci_mask |= htons(PKT_VLAN_PCP_MASK | PKT_VLAN_CFI);
    } else if (v == 0xffff) {
        *tci = 0;
        *tci_mask = UINT16_MAX;
    } else if (v > PKT_VLAN_VID_MASK) {
        return ofp_text_errorf(errorp, "%s is not a valid value for field %s",
                               s, kw->name);
    } else {
        *tci = (*tci & ~htons(PKT_VLAN_VID_MASK))
               | htons((uint16_t) (v | PKT_VLAN_CFI));
        *tci_mask |= htons(PKT_VLAN_VID_MASK | PKT_VLAN_CFI);
    }
    return 0;
}

static int
parse_nw_tos(const char *s, struct flow_match *m, char **errorp)
{
    uint8_t value[1], mask[1];
    int retval =
        ofp_text_parse_number_masked(s, "nw_tos", 1, value, mask, errorp);

    if (retval) {
        return retval;
    } else if (mask[0] != 0xff) {
        return ofp_text_errorf(errorp, "%s: invalid mask for field nw_tos", s);
    } else if (value[0] & PKT_IP_ECN_MASK) {
        return ofp_text_errorf(errorp, "%s: not a valid TOS", s);
    }
    value[0] >>= 2;
    return set_field_checked(&ofp_fields[OFPF_IP_DSCP], "nw_tos", s, value,
                             NULL, m, errorp);
}

static int
parse_nw_frag(const char *s, struct flow_match *m, char **errorp)
{
    static const struct {
        const char *name;
        uint8_t value, mask;
    } frags[] = {
        {"no", 0, FLOW_NW_FRAG_ANY},
        {"yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY},
        {"first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK},
        {"later", FLOW_NW_FRAG_MASK, FLOW_NW_FRAG_MASK},
        {"not_later", 0, FLOW_NW_FRAG_LATER},
    };

    for (size_t i = 0; i < ARRAY_SIZE(frags); i++) {
        if (!strcmp(s, frags[i].name)) {
            return set_field_checked(&ofp_fields[OFPF_IP_FRAG], "nw_frag", s,
                                     &frags[i].value, &frags[i].mask, m,
                                     errorp);
        }
    }
    return ofp_text_errorf(errorp,
                           "%s: unknown fragment type (valid types are "
                           "\"no\", \"yes\", \"first\", \"later\", "
                           "\"not_later\")",
                           s);
}

static int
tcp_flag_bit(const char *name, size_t len)
{
    for (int bit = 0; bit < 12; bit++) {
        if (strlen(tcp_flag_names[bit]) == len
            && !strncmp(tcp_flag_names[bit], name, len)) {
            return bit;
        }
    }
    return -1;
}

/* "+syn-ack": each named bit in the mask, set or clear in the value. */
static int
parse_tcp_flags_signed(const char *s, uint16_t *value, uint16_t *mask,
                       char **errorp)
{
    for (const char *p = s; *p;) {
        size_t len = strcspn(p + 1, "+-");
        int bit = tcp_flag_bit(p + 1, len);

        if (bit < 0) {
            return ofp_text_errorf(errorp, "%s: unknown TCP flag(s)", s);
        } else if (*mask & (1u << bit)) {
            return ofp_text_errorf(errorp,
                                   "%s: Each TCP flag can be specified only "
                                   "once",
                                   tcp_flag_names[bit]);
        }
        *mask |= 1u << bit;
        *value |= *p == '+' ? 1u << bit : 0;
        p += 1 + len;
    }
    return 0;
}

/* "syn|ack" under the full mask. */
static int
parse_tcp_flags_names(const char *s, uint16_t *value, uint16_t *mask,
                      char **errorp)
{
    for (const char *p = s;; p++) {
        size_t len = strcspn(p, "|");
        int bit = tcp_flag_bit(p, len);

        if (bit < 0) {
            return ofp_text_errorf(errorp, "%s: unknown TCP flag(s)", s);
        }
        *value |= 1u << bit;
        p += len;
        if (!*p) {
            break;
        }
    }
    *mask = PKT_TCP_FLAGS_MASK;
    return 0;
}

static int
parse_tcp_flags(const char *s, struct flow_match *m, char **errorp)
{
    uint16_t value = 0, mask = 0;
    uint8_t v[2], mk[2];
    int retval;

    if (s[0] == '+' || s[0] == '-') {
        retval = parse_tcp_flags_signed(s, &value, &mask, errorp);
    } else if (s[0] >= '0' && s[0] <= '9') {
        char *ignored = NULL;

        /* ovs-ofctl says "unknown TCP flag(s)" of any bad number. */
        if (ofp_text_parse_number_masked(s, "tcp_flags", 2, v, mk, &ignored)) {
            free(ignored);
            return ofp_text_errorf(errorp, "%s: unknown TCP flag(s)", s);
        }
        value = buf_get_be16(v);
        mask = buf_get_be16(mk) == UINT16_MAX ? PKT_TCP_FLAGS_MASK
                                              : buf_get_be16(mk);
        if ((value | mask) & ~PKT_TCP_FLAGS_MASK) {
            return ofp_text_errorf(errorp, "%s: unknown TCP flag(s)", s);
        }
        retval = 0;
    } else {
        retval = parse_tcp_flags_names(s, &value, &mask, errorp);
    }
    if (retval) {
        return retval;
    }
    /* Through ofp_field_set(), so that the match takes the form the codec
     * gives it (a mask over all twelve flags is exact). */
    v[0] = value >> 8;
    v[1] = value;
    mk[0] = mask >> 8;
    mk[1] = mask;
    return set_field_checked(&ofp_fields[OFPF_TCP_FLAGS], "tcp_flags", s, v, mk,
                             m, errorp);
}

void
ofp_text_match_init(struct ofp_text_match *tm)
{
    memset(tm, 0, sizeof *tm);
}

static int
parse_keyword(const struct match_keyword *kw, const char *value,
              const struct ofp_port_map *map, struct flow_match *m,
              char **errorp)
{
    const char *name = kw->name;

    switch (kw->kind) {
    case KW_FIELD:
        return parse_field(&ofp_fields[kw->field], name, value, map, m, errorp);
    case KW_DL_VLAN:
    case KW_VLAN_PCP:
    case KW_VLAN_TCI:
        return parse_vlan(kw, value, m, errorp);
    case KW_NW_TOS:
        return parse_nw_tos(value, m, errorp);
    case KW_NW_FRAG:
        return parse_nw_frag(value, m, errorp);
    case KW_TCP_FLAGS:
        return parse_tcp_flags(value, m, errorp);
    }
    return -EINVAL;
}

int
ofp_text_match_parse_pair(struct ofp_text_match *tm, const char *key,
                          const char *value, const struct ofp_port_map *map,
                          char **errorp)
{
    const struct match_keyword *kw;
    const char *name;

    if (apply_protocol(&tm->match, key)) {
        return 0;
    }
    kw = find_keyword(key, &name);
    if (!kw) {
        return -ENOENT;
    }
    if (!*value) {
        return ofp_text_errorf(errorp, "field %s missing value", key);
    }
    if (kw->prereq != PQ_NONE && !tm->needs[kw->prereq]) {
        tm->needs[kw->prereq] = name;
    }
    return parse_keyword(kw, value, map, &tm->match, errorp);
}

/* Prerequisite checks of the classes no single OXM field has. */

static bool
has_dl_type(const struct flow_match *m, uint16_t dl_type)
{
    return m->mask.bits.dl_type == UINT16_MAX
           && m->key.dl_type == htons(dl_type);
}

static bool
has_proto(const struct flow_match *m, uint8_t proto)
{
    return m->mask.bits.nw_proto == UINT8_MAX && m->key.nw_proto == proto
           && (has_dl_type(m, PKT_ETH_TYPE_IPV4)
               || has_dl_type(m, PKT_ETH_TYPE_IPV6));
}

static bool
prereq_ok(enum prereq pq, const struct flow_match *m)
{
    bool arp =
        has_dl_type(m, PKT_ETH_TYPE_ARP) || has_dl_type(m, PKT_ETH_TYPE_RARP);
    bool icmp =
        (has_dl_type(m, PKT_ETH_TYPE_IPV4) && has_proto(m, IPPROTO_ICMP))
        || (has_dl_type(m, PKT_ETH_TYPE_IPV6) && has_proto(m, IPPROTO_ICMPV6));

    switch (pq) {
    case PQ_IPV4_OR_ARP:
        return has_dl_type(m, PKT_ETH_TYPE_IPV4) || arp;
    case PQ_IP_OR_ARP:
        return has_dl_type(m, PKT_ETH_TYPE_IPV4)
               || has_dl_type(m, PKT_ETH_TYPE_IPV6) || arp;
    case PQ_L4:
        return has_proto(m, IPPROTO_TCP) || has_proto(m, IPPROTO_UDP)
               || has_proto(m, IPPROTO_SCTP) || icmp;
    case PQ_ICMP:
        return icmp;
    default:
        return ofp_field_prereq_ok(&ofp_fields[prereqs[pq].same_as], m);
    }
}

/* Encodes 'm' as an OpenFlow 1.3 match and decodes it into '*out'. */
static int
match_round_trip(const struct flow_match *m, struct flow_match *out)
{
    struct buf b = BUF_INIT;
    struct buf_reader r;
    int retval;

    ofp_match_encode(m, &b);
    buf_reader_init(&r, b.data, b.size);
    retval = ofp_match_decode(&r, out);
    buf_free(&b);
    return retval;
}

/* Returns true if 'a' and 'b' are the same, VLAN tags aside. */
static bool
same_but_vlans(const struct flow_match *a, const struct flow_match *b)
{
    struct flow_match x = *a, y = *b;

    memset(x.key.vlans, 0, sizeof x.key.vlans);
    memset(x.mask.bits.vlans, 0, sizeof x.mask.bits.vlans);
    memset(y.key.vlans, 0, sizeof y.key.vlans);
    memset(y.mask.bits.vlans, 0, sizeof y.mask.bits.vlans);
    return !memcmp(&x, &y, sizeof x);
}

int
ofp_text_match_finish(const struct ofp_text_match *tm, struct flow_match *out,
                      char **errorp)
{
    struct flow_match wire;
    int retval;

    memset(out, 0, sizeof *out);
    for (int pq = PQ_NONE + 1; pq < PQ_N; pq++) {
        if (tm->needs[pq] && !prereq_ok(pq, &tm->match)) {
            return ofp_text_errorf(errorp,
                                   "%s: field requires a match on %s (Open "
                                   "vSwitch would silently ignore it)",
                                   tm->needs[pq], prereqs[pq].needs);
        }
    }
    /* The codec normalizes VLAN matches as Open vSwitch's encoder does
     * ("vlan_tci=0" travels as "vlan_tci=0x0000/0x1fff"); any other change
     * would alter what the flow matches. */
    retval = match_round_trip(&tm->match, &wire);
    if (retval) {
        return ofp_text_errorf(errorp,
                               "match cannot be expressed in OpenFlow 1.3 "
                               "(%s)",
                               ofperr_name(-retval));
    } else if (!same_but_vlans(&tm->match, &wire)) {
        return ofp_text_errorf(errorp,
                               "match cannot be expressed exactly in "
                               "OpenFlow 1.3 (a field has a mask or value "
                               "OpenFlow 1.3 cannot carry)");
    }
    *out = wire;
    return 0;
}

int
ofp_text_parse_match(const char *text, const struct ofp_port_map *map,
                     struct flow_match *match, char **errorp)
{
    char *copy = xstrdup(text), *pos = copy, *key, *value;
    struct ofp_text_match tm;
    int retval = 0;

    *errorp = NULL;
    ofp_text_match_init(&tm);
    while (!retval && ofp_text_next_pair(&pos, &key, &value, NULL)) {
        retval = ofp_text_match_parse_pair(&tm, key, value, map, errorp);
        if (retval == -ENOENT) {
            retval = ofp_text_errorf(errorp, "unknown keyword %s", key);
        }
    }
    if (!retval) {
        retval = ofp_text_match_finish(&tm, match, errorp);
    }
    free(copy);
    if (retval) {
        memset(match, 0, sizeof *match);
    }
    return retval;
}
