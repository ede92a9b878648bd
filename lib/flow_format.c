#include "lib/flow_format.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "lib/flow.h"
#include "lib/strbuf.h"
#include "lib/util.h"

static const struct {
    uint32_t port;
    const char *name;
} port_names[] = {
    {FLOW_PORT_IN_PORT, "IN_PORT"}, {FLOW_PORT_TABLE, "TABLE"},
    {FLOW_PORT_NORMAL, "NORMAL"},   {FLOW_PORT_FLOOD, "FLOOD"},
    {FLOW_PORT_ALL, "ALL"},         {FLOW_PORT_CONTROLLER, "CONTROLLER"},
    {FLOW_PORT_LOCAL, "LOCAL"},     {FLOW_PORT_ANY, "ANY"},
};

/* Names of the bits of the 12-bit TCP flags field, lowest first. */
static const char *const tcp_flag_names[12] = {
    "fin", "syn", "rst", "psh",   "ack",   "urg",
    "ece", "cwr", "ns",  "[200]", "[400]", "[800]",
};

const char *
flow_port_name(uint32_t port)
{
    for (size_t i = 0; i < ARRAY_SIZE(port_names); i++) {
        if (port_names[i].port == port) {
            return port_names[i].name;
        }
    }
    return NULL;
}

void
flow_format_port(struct strbuf *sb, uint32_t port)
{
    const char *name = flow_port_name(port);

    if (name) {
        strbuf_puts(sb, name);
    } else {
        strbuf_printf(sb, "%" PRIu32, port);
    }
}

/* Field printers: each appends "name=value," only when 'mask' is nonzero,
 * and "name=value/mask," when the mask is partial. */

static void
put_be16(struct strbuf *sb, const char *name, be16 value, be16 mask)
{
    if (mask == UINT16_MAX) {
        strbuf_printf(sb, "%s=%u,", name, ntohs(value));
    } else if (mask) {
        strbuf_printf(sb, "%s=0x%x/0x%x,", name, ntohs(value), ntohs(mask));
    }
}

/* Full-width 32-bit values print in decimal, partial ones in hex. */
static void
put_be32(struct strbuf *sb, const char *name, be32 value, be32 mask)
{
    if (mask == UINT32_MAX) {
        strbuf_printf(sb, "%s=%" PRIu32 ",", name, ntohl(value));
    } else if (mask) {
        strbuf_printf(sb, "%s=0x%" PRIx32 "/0x%" PRIx32 ",", name, ntohl(value),
                      ntohl(mask));
    }
}

/* Registers, tunnel ids and metadata always print in hex ("0" for zero, as
 * %#x does).  'exact' is the all-ones mask of the field's width. */
static void
put_hex(struct strbuf *sb, const char *name, uint64_t value, uint64_t mask,
        uint64_t exact)
{
    if (mask) {
        strbuf_printf(sb, "%s=%#" PRIx64, name, value);
        if (mask != exact) {
            strbuf_printf(sb, "/%#" PRIx64, mask);
        }
        strbuf_putc(sb, ',');
    }
}

static void
put_eth(struct strbuf *sb, const char *name, const struct eth_addr *value,
        const struct eth_addr *mask)
{
    if (!pkt_eth_addr_is_zero(mask)) {
        strbuf_printf(sb, "%s=", name);
        pkt_format_eth_masked(sb, value, mask);
        strbuf_putc(sb, ',');
    }
}

static void
put_ipv4(struct strbuf *sb, const char *name, be32 value, be32 mask)
{
    if (mask) {
        strbuf_printf(sb, "%s=", name);
        pkt_format_ipv4_masked(sb, value, mask);
        strbuf_putc(sb, ',');
    }
}

static void
put_ipv6(struct strbuf *sb, const char *name, const struct in6_addr *value,
         const struct in6_addr *mask)
{
    static const struct in6_addr any;

    if (memcmp(mask, &any, sizeof any)) {
        strbuf_printf(sb, "%s=", name);
        pkt_format_ipv6_masked(sb, value, mask);
        strbuf_putc(sb, ',');
    }
}

/* Appends flag bits: "syn|ack" (or "0") under a full mask, otherwise "+bit"
 * or "-bit" for each bit in the mask.  'mask' must lie within 'full_mask',
 * and 'names' has an entry for each bit of 'full_mask'; bits of 'value'
 * outside 'mask' are ignored. */
static void
put_flags(struct strbuf *sb, const char *name, const char *const names[],
          uint32_t value, uint32_t mask, uint32_t full_mask)
{
    value &= mask;
    strbuf_printf(sb, "%s=", name);
    if (mask == full_mask) {
        if (!value) {
            strbuf_putc(sb, '0');
        }
        for (int bit = 0; value >> bit; bit++) {
            if (value & (1u << bit)) {
                strbuf_printf(sb, "%s|", names[bit]);
            }
        }
        strbuf_chomp(sb, '|');
    } else {
        for (int bit = 0; mask >> bit; bit++) {
            if (mask & (1u << bit)) {
                strbuf_printf(sb, "%c%s", value & (1u << bit) ? '+' : '-',
                              names[bit]);
            }
        }
    }
    strbuf_putc(sb, ',');
}

/* Returns the shorthand for the match's protocol ("tcp", "ipv6", "arp", ...)
 * or NULL.  Sets '*covers_proto' if the shorthand also names nw_proto. */
static const char *
protocol_shorthand(const struct flow_match *m, bool *covers_proto)
{
    const struct flow_key *k = &m->key;
    bool proto_known = m->mask.bits.nw_proto != 0;
    bool ipv6 = k->dl_type == htons(PKT_ETH_TYPE_IPV6);

    *covers_proto = false;
    if (!m->mask.bits.dl_type) {
        return NULL;
    }
    switch (ntohs(k->dl_type)) {
    case PKT_ETH_TYPE_IPV4:
    case PKT_ETH_TYPE_IPV6:
        if (proto_known) {
            *covers_proto = true;
            switch (k->nw_proto) {
            case IPPROTO_TCP:
                return ipv6 ? "tcp6" : "tcp";
            case IPPROTO_UDP:
                return ipv6 ? "udp6" : "udp";
            case IPPROTO_SCTP:
                return ipv6 ? "sctp6" : "sctp";
            case IPPROTO_ICMP:
                if (!ipv6) {
                    return "icmp";
                }
                break;
            case IPPROTO_ICMPV6:
                if (ipv6) {
                    return "icmp6";
                }
                break;
            }
            *covers_proto = false;
        }
        return ipv6 ? "ipv6" : "ip";
    case PKT_ETH_TYPE_ARP:
        return "arp";
    case PKT_ETH_TYPE_RARP:
        return "rarp";
    case PKT_ETH_TYPE_MPLS:
        return "mpls";
    case PKT_ETH_TYPE_MPLS_MCAST:
        return "mplsm";
    default:
        return NULL;
    }
}

static void
format_metadata(struct strbuf *sb, const struct flow_match *m)
{
    const struct flow_key *k = &m->key;
    const struct flow_key *mk = &m->mask.bits;
    char name[16];

    for (int i = 0; i < FLOW_N_REGS; i++) {
        snprintf(name, sizeof name, "reg%d", i);
        put_hex(sb, name, k->regs[i], mk->regs[i], UINT32_MAX);
    }
    put_hex(sb, "tun_id", pkt_ntohll(k->tun_id), pkt_ntohll(mk->tun_id),
            UINT64_MAX);
    put_ipv4(sb, "tun_src", k->tun_src, mk->tun_src);
    put_ipv4(sb, "tun_dst", k->tun_dst, mk->tun_dst);
    put_hex(sb, "metadata", k->metadata, mk->metadata, UINT64_MAX);
    if (mk->in_port) {
        strbuf_puts(sb, "in_port=");
        flow_format_port(sb, k->in_port);
        strbuf_putc(sb, ',');
    }
}

/* Tags print as "dl_vlan=V,dl_vlan_pcp=P" when the mask allows, otherwise
 * as "vlan_tci=0xTTTT[/0xMMMM]"; the inner tag's names end in "1". */
static void
format_vlans(struct strbuf *sb, const struct flow_match *m)
{
    for (int i = 0; i < FLOW_MAX_VLANS; i++) {
        uint16_t tci = ntohs(m->key.vlans[i].tci);
        uint16_t mask = ntohs(m->mask.bits.vlans[i].tci);
        uint16_t vid_mask = mask & PKT_VLAN_VID_MASK;
        uint16_t pcp_mask = mask & PKT_VLAN_PCP_MASK;
        const char *suffix = i ? "1" : "";

        if (!mask) {
            break;
        }
        if ((mask & tci & PKT_VLAN_CFI)
            && (!vid_mask || vid_mask == PKT_VLAN_VID_MASK)
            && (!pcp_mask || pcp_mask == PKT_VLAN_PCP_MASK)
            && (vid_mask || pcp_mask)) {
            if (vid_mask) {
                strbuf_printf(sb, "dl_vlan%s=%u,", suffix,
                              tci & PKT_VLAN_VID_MASK);
            }
            if (pcp_mask) {
                strbuf_printf(sb, "dl_vlan_pcp%s=%u,", suffix,
                              tci >> PKT_VLAN_PCP_SHIFT);
            }
        } else if (mask == UINT16_MAX) {
            strbuf_printf(sb, "vlan_tci%s=0x%04x,", suffix, tci);
        } else {
            strbuf_printf(sb, "vlan_tci%s=0x%04x/0x%04x,", suffix, tci, mask);
        }
    }
}

static void
format_l3_addresses(struct strbuf *sb, const struct flow_match *m)
{
    const struct flow_key *k = &m->key;
    const struct flow_key *mk = &m->mask.bits;

    switch (ntohs(k->dl_type)) {
    case PKT_ETH_TYPE_IPV6:
        put_ipv6(sb, "ipv6_src", &k->ipv6_src, &mk->ipv6_src);
        put_ipv6(sb, "ipv6_dst", &k->ipv6_dst, &mk->ipv6_dst);
        if (mk->ipv6_label == UINT32_MAX) {
            strbuf_printf(sb, "ipv6_label=0x%05" PRIx32 ",",
                          ntohl(k->ipv6_label));
        } else if (mk->ipv6_label) {
            strbuf_printf(sb, "ipv6_label=0x%05" PRIx32 "/0x%05" PRIx32 ",",
                          ntohl(k->ipv6_label), ntohl(mk->ipv6_label));
        }
        break;
    case PKT_ETH_TYPE_ARP:
    case PKT_ETH_TYPE_RARP:
        put_ipv4(sb, "arp_spa", k->nw_src, mk->nw_src);
        put_ipv4(sb, "arp_tpa", k->nw_dst, mk->nw_dst);
        break;
    default:
        put_ipv4(sb, "nw_src", k->nw_src, mk->nw_src);
        put_ipv4(sb, "nw_dst", k->nw_dst, mk->nw_dst);
        break;
    }
}

static void
format_mpls(struct strbuf *sb, const struct flow_match *m)
{
    uint32_t lse = ntohl(m->key.mpls_lse[0]);
    uint32_t mask = ntohl(m->mask.bits.mpls_lse[0]);

    if (mask & PKT_MPLS_LABEL_MASK) {
        strbuf_printf(sb, "mpls_label=%" PRIu32 ",",
                      (lse & PKT_MPLS_LABEL_MASK) >> PKT_MPLS_LABEL_SHIFT);
    }
    if (mask & PKT_MPLS_TC_MASK) {
        strbuf_printf(sb, "mpls_tc=%" PRIu32 ",",
                      (lse & PKT_MPLS_TC_MASK) >> PKT_MPLS_TC_SHIFT);
    }
    if (mask & PKT_MPLS_TTL_MASK) {
        strbuf_printf(sb, "mpls_ttl=%" PRIu32 ",", lse & PKT_MPLS_TTL_MASK);
    }
    if (mask & PKT_MPLS_BOS_MASK) {
        strbuf_printf(sb, "mpls_bos=%" PRIu32 ",",
                      (lse & PKT_MPLS_BOS_MASK) >> PKT_MPLS_BOS_SHIFT);
    }
    put_be32(sb, "mpls_lse1", m->key.mpls_lse[1], m->mask.bits.mpls_lse[1]);
    put_be32(sb, "mpls_lse2", m->key.mpls_lse[2], m->mask.bits.mpls_lse[2]);
}

static void
format_nw_frag(struct strbuf *sb, uint8_t frag, uint8_t mask)
{
    const char *text;

    switch (mask & FLOW_NW_FRAG_MASK) {
    case FLOW_NW_FRAG_MASK:
        if (frag & FLOW_NW_FRAG_ANY) {
            text = frag & FLOW_NW_FRAG_LATER ? "later" : "first";
        } else {
            text = frag & FLOW_NW_FRAG_LATER ? "<error>" : "no";
        }
        break;
    case FLOW_NW_FRAG_ANY:
        text = frag & FLOW_NW_FRAG_ANY ? "yes" : "no";
        break;
    case FLOW_NW_FRAG_LATER:
        text = frag & FLOW_NW_FRAG_LATER ? "later" : "not_later";
        break;
    default:
        return;
    }
    strbuf_printf(sb, "nw_frag=%s,", text);
}

static void
format_ip_fields(struct strbuf *sb, const struct flow_match *m,
                 bool proto_in_shorthand)
{
    const struct flow_key *k = &m->key;
    const struct flow_key *mk = &m->mask.bits;
    bool arp = k->dl_type == htons(PKT_ETH_TYPE_ARP)
               || k->dl_type == htons(PKT_ETH_TYPE_RARP);

    format_l3_addresses(sb, m);
    if (!proto_in_shorthand && mk->nw_proto) {
        strbuf_printf(sb, "%s=%u,", arp ? "arp_op" : "nw_proto", k->nw_proto);
    }
    if (arp) {
        put_eth(sb, "arp_sha", &k->arp_sha, &mk->arp_sha);
        put_eth(sb, "arp_tha", &k->arp_tha, &mk->arp_tha);
    }
    if (mk->nw_tos & PKT_IP_DSCP_MASK) {
        strbuf_printf(sb, "nw_tos=%u,", k->nw_tos & PKT_IP_DSCP_MASK);
    }
    if (mk->nw_tos & PKT_IP_ECN_MASK) {
        strbuf_printf(sb, "nw_ecn=%u,", k->nw_tos & PKT_IP_ECN_MASK);
    }
    if (mk->nw_ttl) {
        strbuf_printf(sb, "nw_ttl=%u,", k->nw_ttl);
    }
    format_mpls(sb, m);
    format_nw_frag(sb, k->nw_frag, mk->nw_frag);
}

static void
format_transport(struct strbuf *sb, const struct flow_match *m)
{
    const struct flow_key *k = &m->key;
    const struct flow_key *mk = &m->mask.bits;
    bool ipv4 = k->dl_type == htons(PKT_ETH_TYPE_IPV4);
    bool ipv6 = k->dl_type == htons(PKT_ETH_TYPE_IPV6);
    uint16_t tcp_mask = ntohs(mk->tcp_flags) & PKT_TCP_FLAGS_MASK;

    if (ipv4 && k->nw_proto == IPPROTO_ICMP) {
        put_be16(sb, "icmp_type", k->tp_src, mk->tp_src);
        put_be16(sb, "icmp_code", k->tp_dst, mk->tp_dst);
    } else if (ipv6 && k->nw_proto == IPPROTO_ICMPV6) {
        put_be16(sb, "icmp_type", k->tp_src, mk->tp_src);
        put_be16(sb, "icmp_code", k->tp_dst, mk->tp_dst);
        put_ipv6(sb, "nd_target", &k->nd_target, &mk->nd_target);
        put_eth(sb, "nd_sll", &k->arp_sha, &mk->arp_sha);
        put_eth(sb, "nd_tll", &k->arp_tha, &mk->arp_tha);
    } else {
        put_be16(sb, "tp_src", k->tp_src, mk->tp_src);
        put_be16(sb, "tp_dst", k->tp_dst, mk->tp_dst);
    }
    if ((ipv4 || ipv6) && k->nw_proto == IPPROTO_TCP && tcp_mask) {
        put_flags(sb, "tcp_flags", tcp_flag_names, ntohs(k->tcp_flags),
                  tcp_mask, PKT_TCP_FLAGS_MASK);
    }
}

void
flow_format_match(struct strbuf *sb, const struct flow_match *m, int priority)
{
    const struct flow_key *k = &m->key;
    const struct flow_key *mk = &m->mask.bits;
    size_t start = sb->len;
    bool proto_in_shorthand;
    const char *shorthand = protocol_shorthand(m, &proto_in_shorthand);

    if (priority != FLOW_DEFAULT_PRIORITY) {
        strbuf_printf(sb, "priority=%d,", priority);
    }
    if (shorthand) {
        strbuf_printf(sb, "%s,", shorthand);
    }
    format_metadata(sb, m);
    format_vlans(sb, m);
    put_eth(sb, "dl_src", &k->dl_src, &mk->dl_src);
    put_eth(sb, "dl_dst", &k->dl_dst, &mk->dl_dst);
    if (!shorthand && mk->dl_type) {
        strbuf_printf(sb, "dl_type=0x%04x,", ntohs(k->dl_type));
    }
    format_ip_fields(sb, m, proto_in_shorthand);
    format_transport(sb, m);
    if (sb->len > start) {
        strbuf_chomp(sb, ',');
    }
}

void
flow_format_packet(struct strbuf *sb, const struct flow_key *key)
{
    struct flow_match match;
    struct flow_mask mask;

    flow_mask_for_packet(&mask, key);
    if (!key->in_port) {
        mask.bits.in_port = 0;
    }
    flow_match_init(&match, key, &mask);
    flow_format_match(sb, &match, FLOW_DEFAULT_PRIORITY);
}
