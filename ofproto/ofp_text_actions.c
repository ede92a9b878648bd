/* Actions and instructions in ovs-ofctl's syntax, both directions. */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_errors.h"

/* Field names in set_field, as ovs-ofctl prints them (Open vSwitch's names,
 * which differ from the OXM names of ofp_fields[] for some fields), in the
 * order of enum ofp_field_id. */
static const char *const set_field_names[] = {
    "in_port",   "metadata", "eth_dst",    "eth_src",     "eth_type",
    "vlan_vid",  "vlan_pcp", "ip_dscp",    "nw_ecn",      "nw_proto",
    "ip_src",    "ip_dst",   "tcp_src",    "tcp_dst",     "udp_src",
    "udp_dst",   "sctp_src", "sctp_dst",   "icmp_type",   "icmp_code",
    "arp_op",    "arp_spa",  "arp_tpa",    "arp_sha",     "arp_tha",
    "ipv6_src",  "ipv6_dst", "ipv6_label", "icmpv6_type", "icmpv6_code",
    "nd_target", "nd_sll",   "nd_tll",     "mpls_label",  "mpls_tc",
    "mpls_bos",  "tun_id",   "reg0",       "reg1",        "reg2",
    "reg3",      "reg4",     "reg5",       "reg6",        "reg7",
    "nw_ttl",    "ip_frag",  "tun_src",    "tun_dst",     "tcp_flags",
};
_Static_assert(ARRAY_SIZE(set_field_names) == OFPF_N_FIELDS,
               "one name per field, in the order of enum ofp_field_id");

/* Other names set_field accepts for the same fields. */
static const struct {
    const char *name;
    enum ofp_field_id field;
} set_field_aliases[] = {
    {"dl_dst", OFPF_ETH_DST},      {"dl_src", OFPF_ETH_SRC},
    {"dl_type", OFPF_ETH_TYPE},    {"dl_vlan_pcp", OFPF_VLAN_PCP},
    {"ip_ecn", OFPF_IP_ECN},       {"ip_proto", OFPF_IP_PROTO},
    {"nw_src", OFPF_IPV4_SRC},     {"nw_dst", OFPF_IPV4_DST},
    {"tp_src", OFPF_TCP_SRC},      {"tp_dst", OFPF_TCP_DST},
    {"tunnel_id", OFPF_TUNNEL_ID}, {"nw_frag", OFPF_IP_FRAG},
};

static const struct ofp_field *
set_field_by_name(const char *name)
{
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        if (!strcmp(set_field_names[i], name)) {
            return &ofp_fields[i];
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(set_field_aliases); i++) {
        if (!strcmp(set_field_aliases[i].name, name)) {
            return &ofp_fields[set_field_aliases[i].field];
        }
    }
    return NULL;
}

/* Parsing. */

/* Parses a number up to 'max'.  On error the message is, after
 * ovs-ofctl's: "invalid numeric format S" if 'what' is NULL, "invalid WHAT
 * \"S\"" if 'what' starts with a letter, "S: WHAT" after a leading ':'. */
static int
parse_number(struct ofp_text_actions *ctx, const char *s, uint64_t max,
             const char *what, uint64_t *v)
{
    if (!ofp_text_parse_uint(s, 0, max, v)) {
        return 0;
    } else if (!what) {
        return ofp_text_errorf(ctx->errorp, "invalid numeric format %s", s);
    } else if (what[0] == ':') {
        return ofp_text_errorf(ctx->errorp, "%s%s", s, what);
    }
    return ofp_text_errorf(ctx->errorp, "invalid %s \"%s\"", what, s);
}

static struct ofp_action *
append(struct ofp_actions *out, enum ofp_action_type type)
{
    struct ofp_action *a = ofp_actions_append(out);

    memset(a, 0, sizeof *a);
    a->type = type;
    return a;
}

static void
append_set_field(struct ofp_actions *out, enum ofp_field_id id, uint64_t v)
{
    struct ofp_action *a = append(out, OFPAT_SET_FIELD);
    const struct ofp_field *f = &ofp_fields[id];

    a->set_field.field = f;
    for (size_t i = f->n_bytes; i-- > 0; v >>= 8) {
        a->set_field.value[i] = v & 0xff;
    }
}

static void
append_output(struct ofp_actions *out, uint32_t port, uint16_t max_len)
{
    struct ofp_action *a = append(out, OFPAT_OUTPUT);

    a->output.port = port;
    a->output.max_len = max_len;
}

static int
parse_output(struct ofp_text_actions *ctx, const char *s,
             struct ofp_actions *out)
{
    uint32_t port;

    if (ofp_text_parse_port(s, ctx->map, &port)) {
        return ofp_text_errorf(ctx->errorp, "%s: output to unknown port", s);
    }
    append_output(out, port,
                  port == OFPP_CONTROLLER ? OFP_CONTROLLER_MAX_LEN_DEFAULT : 0);
    return 0;
}

/* "controller", "controller:N" and "controller(max_len=N)"; the other
 * arguments of Open vSwitch's controller action need its extension. */
static int
parse_controller(struct ofp_text_actions *ctx, const char *s,
                 struct ofp_actions *out)
{
    char *copy = xstrdup(s), *pos = copy, *key, *value;
    uint64_t max_len = OFP_CONTROLLER_MAX_LEN_DEFAULT;
    int retval = 0;

    if (!strchr(s, '=')) {
        if (*s
            && parse_number(ctx, s, UINT16_MAX, "controller max_len",
                            &max_len)) {
            retval = -EINVAL;
        }
    } else {
        while (!retval && ofp_text_next_pair(&pos, &key, &value, NULL)) {
            if (strcmp(key, "max_len")) {
                retval = ofp_text_errorf(ctx->errorp,
                                         "controller: %s needs Open vSwitch's "
                                         "controller extension, which Pont "
                                         "does not support",
                                         key);
            } else {
                retval = parse_number(ctx, value, UINT16_MAX,
                                      "controller max_len", &max_len);
            }
        }
    }
    if (!retval) {
        append_output(out, OFPP_CONTROLLER, max_len);
    }
    free(copy);
    return retval;
}

static int
parse_ethertype(struct ofp_text_actions *ctx, const char *key, const char *s,
                struct ofp_actions *out)
{
    static const struct {
        enum ofp_action_type type;
        const char *name;
        uint16_t a, b; /* Valid EtherTypes (or invalid for pop). */
        const char *error;
    } kinds[] = {
        {OFPAT_PUSH_VLAN, "push_vlan", PKT_ETH_TYPE_VLAN, PKT_ETH_TYPE_QINQ,
         "not a valid VLAN ethertype"},
        {OFPAT_PUSH_MPLS, "push_mpls", PKT_ETH_TYPE_MPLS,
         PKT_ETH_TYPE_MPLS_MCAST, "not a valid MPLS ethertype"},
        {OFPAT_POP_MPLS, "pop_mpls", PKT_ETH_TYPE_MPLS, PKT_ETH_TYPE_MPLS_MCAST,
         "pop_mpls takes the EtherType of what follows the label"},
        {OFPAT_PUSH_PBB, "push_pbb", 0x88e7, 0x88e7,
         "not a valid PBB ethertype"},
    };
    uint64_t v;

    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        bool pop = kinds[i].type == OFPAT_POP_MPLS;

        if (strcmp(key, kinds[i].name)) {
            continue;
        }
        if (ofp_text_parse_uint(s, 0, UINT16_MAX, &v)) {
            return ofp_text_errorf(ctx->errorp,
                                   pop ? "invalid pop_mpls \"%s\""
                                       : "invalid ethertype \"%s\"",
                                   s);
        }
        if ((v == kinds[i].a || v == kinds[i].b) == pop) {
            return ofp_text_errorf(ctx->errorp, "%s: %s", s, kinds[i].error);
        }
        append(out, kinds[i].type)->ethertype = v;
        ctx->vlan |= kinds[i].type == OFPAT_PUSH_VLAN;
        return 0;
    }
    return -ENOENT;
}

/* Actions without an argument; Open vSwitch ignores one if given. */
static int
parse_simple(struct ofp_text_actions *ctx, const char *key, const char *s,
             struct ofp_actions *out)
{
    static const struct {
        const char *name;
        enum ofp_action_type type;
    } simple[] = {
        {"pop_vlan", OFPAT_POP_VLAN},
        {"strip_vlan", OFPAT_POP_VLAN},
        {"dec_mpls_ttl", OFPAT_DEC_MPLS_TTL},
        {"copy_ttl_in", OFPAT_COPY_TTL_IN},
        {"copy_ttl_out", OFPAT_COPY_TTL_OUT},
        {"pop_pbb", OFPAT_POP_PBB},
        {"dec_ttl", OFPAT_DEC_NW_TTL},
    };

    for (size_t i = 0; i < ARRAY_SIZE(simple); i++) {
        if (!strcmp(key, simple[i].name)) {
            if (simple[i].type == OFPAT_DEC_NW_TTL && *s) {
                return ofp_text_errorf(ctx->errorp,
                                       "dec_ttl(%s): controller ids need Open "
                                       "vSwitch's extension, which Pont does "
                                       "not support",
                                       s);
            }
            append(out, simple[i].type);
            ctx->vlan &= simple[i].type != OFPAT_POP_VLAN;
            return 0;
        }
    }
    return -ENOENT;
}

/* Actions with one number. */
static int
parse_numeric(struct ofp_text_actions *ctx, const char *key, const char *s,
              struct ofp_actions *out)
{
    uint64_t v;

    if (!strcmp(key, "set_queue") || !strcmp(key, "group")) {
        if (parse_number(ctx, s, UINT32_MAX, NULL, &v)) {
            return -EINVAL;
        }
        if (key[0] == 'g') {
            append(out, OFPAT_GROUP)->group_id = v;
        } else {
            append(out, OFPAT_SET_QUEUE)->queue_id = v;
        }
    } else if (!strcmp(key, "mod_nw_ttl")) {
        if (parse_number(ctx, s, UINT8_MAX, "TTL", &v)) {
            return -EINVAL;
        }
        append(out, OFPAT_SET_NW_TTL)->ttl = v;
    } else if (!strcmp(key, "set_mpls_ttl")) {
        if (parse_number(ctx, s, UINT8_MAX, "MPLS TTL", &v)) {
            return -EINVAL;
        }
        append(out, OFPAT_SET_MPLS_TTL)->ttl = v;
    } else {
        return -ENOENT;
    }
    return 0;
}

static int
parse_set_field(struct ofp_text_actions *ctx, const char *s,
                struct ofp_actions *out)
{
    uint8_t value[OFP_FIELD_MAX_LEN], mask[OFP_FIELD_MAX_LEN];
    const char *arrow = strstr(s, "->");
    const struct ofp_field *f;
    struct flow_match scratch;
    bool has_mask;
    char *text;
    int retval;

    if (!arrow) {
        return ofp_text_errorf(ctx->errorp, "%s: missing `->'", s);
    }
    f = set_field_by_name(arrow + 2);
    if (!f) {
        return ofp_text_errorf(ctx->errorp, "%s is not a valid OXM field name",
                               arrow + 2);
    } else if (!f->writable) {
        return ofp_text_errorf(ctx->errorp, "%s is read-only", arrow + 2);
    }
    text = xmalloc(arrow - s + 1);
    memcpy(text, s, arrow - s);
    text[arrow - s] = '\0';
    retval =
        ofp_text_parse_field_value(f, set_field_names[f->id], text, ctx->map,
                                   value, mask, &has_mask, ctx->errorp);
    memset(&scratch, 0, sizeof scratch);
    if (retval) {
        /* The message is set. */
    } else if (has_mask) {
        retval = ofp_text_errorf(ctx->errorp,
                                 "%s: set_field with a mask needs Open "
                                 "vSwitch's load extension, which Pont does "
                                 "not support",
                                 s);
    } else if (ofp_field_set(f, value, NULL, &scratch)) {
        retval =
            ofp_text_errorf(ctx->errorp, "%s is not a valid value for field %s",
                            text, set_field_names[f->id]);
    } else if (f->id == OFPF_VLAN_VID
               && !(buf_get_be16(value) & OFPVID_PRESENT)) {
        retval = ofp_text_errorf(ctx->errorp,
                                 "%s: a VLAN ID to set must include "
                                 "OFPVID_PRESENT (0x1000), e.g. "
                                 "set_field:0x1005->vlan_vid or "
                                 "mod_vlan_vid:5",
                                 s);
    } else {
        struct ofp_action *a = append(out, OFPAT_SET_FIELD);
        a->set_field.field = f;
        memcpy(a->set_field.value, value, f->n_bytes);
    }
    free(text);
    return retval;
}

/* mod_dl_src, mod_nw_src and their kin, as set_field. */
static int
parse_mod_address(struct ofp_text_actions *ctx, const char *key, const char *s,
                  struct ofp_actions *out)
{
    static const struct {
        const char *name;
        enum ofp_field_id field;
    } mods[] = {
        {"mod_dl_src", OFPF_ETH_SRC},
        {"mod_dl_dst", OFPF_ETH_DST},
        {"mod_nw_src", OFPF_IPV4_SRC},
        {"mod_nw_dst", OFPF_IPV4_DST},
    };
    uint8_t value[OFP_FIELD_MAX_LEN], mask[OFP_FIELD_MAX_LEN];
    bool has_mask;

    for (size_t i = 0; i < ARRAY_SIZE(mods); i++) {
        const struct ofp_field *f = &ofp_fields[mods[i].field];

        if (strcmp(key, mods[i].name)) {
            continue;
        }
        if (ofp_text_parse_field_value(f, key, s, ctx->map, value, mask,
                                       &has_mask, ctx->errorp)
            || has_mask) {
            free(*ctx->errorp);
            return ofp_text_errorf(ctx->errorp,
                                   f->n_bytes == 6
                                       ? "%s: invalid Ethernet address"
                                       : "%s: could not convert to IP "
                                         "address",
                                   s);
        }
        struct ofp_action *a = append(out, OFPAT_SET_FIELD);
        a->set_field.field = f;
        memcpy(a->set_field.value, value, f->n_bytes);
        return 0;
    }
    return -ENOENT;
}

static bool
match_has_proto(const struct flow_match *m, uint8_t proto)
{
    return m->mask.bits.nw_proto == UINT8_MAX && m->key.nw_proto == proto;
}

/* mod_tp_src and mod_tp_dst: the port field of the flow's protocol. */
static int
parse_mod_tp(struct ofp_text_actions *ctx, const char *key, const char *s,
             struct ofp_actions *out)
{
    bool src = !strcmp(key, "mod_tp_src");
    enum ofp_field_id field;
    uint64_t v;

    if (match_has_proto(&ctx->match, IPPROTO_TCP)) {
        field = src ? OFPF_TCP_SRC : OFPF_TCP_DST;
    } else if (match_has_proto(&ctx->match, IPPROTO_UDP)) {
        field = src ? OFPF_UDP_SRC : OFPF_UDP_DST;
    } else if (match_has_proto(&ctx->match, IPPROTO_SCTP)) {
        field = src ? OFPF_SCTP_SRC : OFPF_SCTP_DST;
    } else {
        return ofp_text_errorf(ctx->errorp,
                               "%s requires a match on tcp, udp or sctp", key);
    }
    if (parse_number(ctx, s, UINT16_MAX, ": invalid transport port", &v)) {
        return -EINVAL;
    }
    append_set_field(out, field, v);
    return 0;
}

/* mod_vlan_vid and mod_vlan_pcp push a tag first unless one is known to be
 * there, as Open vSwitch does in OpenFlow 1.3. */
static int
parse_mod_vlan(struct ofp_text_actions *ctx, const char *key, const char *s,
               struct ofp_actions *out)
{
    bool vid = !strcmp(key, "mod_vlan_vid");
    uint64_t v;

    if (parse_number(ctx, s, vid ? PKT_VLAN_VID_MASK : 7,
                     vid ? ": not a valid VLAN VID" : ": not a valid VLAN PCP",
                     &v)) {
        return -EINVAL;
    }
    if (!ctx->vlan) {
        append(out, OFPAT_PUSH_VLAN)->ethertype = PKT_ETH_TYPE_VLAN;
        ctx->vlan = true;
    }
    if (vid) {
        append_set_field(out, OFPF_VLAN_VID, v | OFPVID_PRESENT);
    } else {
        append_set_field(out, OFPF_VLAN_PCP, v);
    }
    return 0;
}

/* The remaining shorthands for set_field. */
static int
parse_mod_other(struct ofp_text_actions *ctx, const char *key, const char *s,
                struct ofp_actions *out)
{
    uint64_t v;

    if (!strcmp(key, "mod_nw_tos")) {
        if (ofp_text_parse_uint(s, 0, UINT8_MAX, &v) || v & PKT_IP_ECN_MASK) {
            return ofp_text_errorf(ctx->errorp, "%s: not a valid TOS", s);
        }
        append_set_field(out, OFPF_IP_DSCP, v >> 2);
    } else if (!strcmp(key, "mod_nw_ecn")) {
        if (parse_number(ctx, s, PKT_IP_ECN_MASK, ": not a valid ECN", &v)) {
            return -EINVAL;
        }
        append_set_field(out, OFPF_IP_ECN, v);
    } else if (!strcmp(key, "set_tunnel") || !strcmp(key, "set_tunnel64")) {
        if (parse_number(ctx, s, UINT64_MAX, NULL, &v)) {
            return -EINVAL;
        }
        append_set_field(out, OFPF_TUNNEL_ID, v);
    } else {
        return -ENOENT;
    }
    return 0;
}

/* Open vSwitch actions that OpenFlow 1.3 can only carry as Nicira
 * extensions, which Pont does not implement. */
static int
reject_extension(struct ofp_text_actions *ctx, const char *key,
                 const char *value, struct ofp_actions *out)
{
    static const char *const extensions[] = {
        "load",
        "move",
        "resubmit",
        "enqueue",
        "learn",
        "note",
        "ct",
        "nat",
        "bundle",
        "multipath",
        "output_trunc",
        "clone",
        "exit",
        "pop_queue",
        "set_tunnel_dst",
        "fin_timeout",
        "sample",
        "conjunction",
        "check_pkt_larger",
        "dec_nsh_ttl",
    };

    for (size_t i = 0; i < ARRAY_SIZE(extensions); i++) {
        if (!strcmp(key, extensions[i])) {
            return ofp_text_errorf(ctx->errorp,
                                   "%s needs an Open vSwitch extension to "
                                   "OpenFlow 1.3, which Pont does not "
                                   "support",
                                   key);
        }
    }
    (void) value;
    (void) out;
    return -ENOENT;
}

int
ofp_text_actions_parse_pair(struct ofp_text_actions *ctx, const char *key,
                            const char *value, struct ofp_actions *out)
{
    typedef int parse_fn(struct ofp_text_actions *, const char *, const char *,
                         struct ofp_actions *);
    static parse_fn *const parsers[] = {
        parse_ethertype,   parse_simple,    parse_numeric,
        parse_mod_address, parse_mod_other, reject_extension,
    };
    uint32_t port;

    if (!strcmp(key, "output")) {
        return parse_output(ctx, value, out);
    } else if (!strcasecmp(key, "controller")) {
        return parse_controller(ctx, value, out);
    } else if (!strcmp(key, "set_field")) {
        return parse_set_field(ctx, value, out);
    } else if (!strcmp(key, "mod_tp_src") || !strcmp(key, "mod_tp_dst")) {
        return parse_mod_tp(ctx, key, value, out);
    } else if (!strcmp(key, "mod_vlan_vid") || !strcmp(key, "mod_vlan_pcp")) {
        return parse_mod_vlan(ctx, key, value, out);
    }
    for (size_t i = 0; i < ARRAY_SIZE(parsers); i++) {
        int retval = parsers[i](ctx, key, value, out);
        if (retval != -ENOENT) {
            return retval;
        }
    }
    /* A bare port number or name means output to it. */
    if (!*value && !ofp_text_parse_port(key, ctx->map, &port)) {
        append_output(out, port,
                      port == OFPP_CONTROLLER ? OFP_CONTROLLER_MAX_LEN_DEFAULT
                                              : 0);
        return 0;
    }
    return -ENOENT;
}

int
ofp_text_actions_parse_list(struct ofp_text_actions *ctx, char *text,
                            struct ofp_actions *out)
{
    char *pos = text, *key, *value;
    bool drop = false;

    while (ofp_text_next_pair(&pos, &key, &value, NULL)) {
        int retval;

        if (!strcmp(key, "drop")) {
            drop = true;
            continue;
        } else if (ofp_text_is_instruction(key)) {
            return ofp_text_errorf(ctx->errorp,
                                   "%s instruction not allowed here", key);
        }
        retval = ofp_text_actions_parse_pair(ctx, key, value, out);
        if (retval == -ENOENT) {
            return ofp_text_errorf(ctx->errorp, "unknown action %s", key);
        } else if (retval) {
            return retval;
        }
    }
    if (drop && out->n) {
        return ofp_text_errorf(ctx->errorp,
                               "\"drop\" must not be accompanied by any "
                               "other action or instruction");
    }
    return 0;
}

void
ofp_text_actions_init(struct ofp_text_actions *ctx,
                      const struct flow_match *match,
                      const struct ofp_port_map *map, char **errorp)
{
    memset(ctx, 0, sizeof *ctx);
    if (match) {
        ctx->match = *match;
        ctx->check = true;
    }
    ctx->map = map;
    ctx->errorp = errorp;
    ctx->vlan = ctx->match.mask.bits.vlans[0].tci & ctx->match.key.vlans[0].tci
                & htons(PKT_VLAN_CFI);
}

int
ofp_text_actions_check(const struct ofp_text_actions *ctx,
                       const struct ofp_actions *actions)
{
    int retval = ctx->check ? ofp_actions_check(actions, &ctx->match) : 0;

    if (retval) {
        return ofp_text_errorf(ctx->errorp,
                               "actions are invalid with specified match (%s)",
                               ofperr_name(-retval));
    }
    return 0;
}

int
ofp_text_parse_actions(const char *text, const struct flow_match *match,
                       const struct ofp_port_map *map, struct ofp_actions *out,
                       char **errorp)
{
    char *copy = xstrdup(text);
    struct ofp_text_actions ctx;
    int retval;

    *errorp = NULL;
    ofp_text_actions_init(&ctx, match, map, errorp);
    ofp_actions_init(out);
    retval = ofp_text_actions_parse_list(&ctx, copy, out);
    if (!retval) {
        retval = ofp_text_actions_check(&ctx, out);
    }
    if (retval) {
        ofp_actions_free(out);
    }
    free(copy);
    return retval;
}

/* Printing. */

static bool
field_is_hex(const struct ofp_field *f)
{
    return f->id == OFPF_METADATA || f->id == OFPF_TUNNEL_ID
           || f->id == OFPF_IPV6_FLABEL
           || (f->id >= OFPF_REG0 && f->id <= OFPF_REG7);
}

void
ofp_text_format_field_value(struct strbuf *sb, const struct ofp_field *f,
                            const uint8_t *value)
{
    uint64_t v = 0;

    if (f->n_bytes == 6) {
        struct eth_addr ea;
        memcpy(ea.ea, value, sizeof ea.ea);
        pkt_format_eth(sb, &ea);
        return;
    } else if (f->n_bytes == 16) {
        struct in6_addr a;
        memcpy(&a, value, sizeof a);
        pkt_format_ipv6(sb, &a);
        return;
    } else if (f->n_bytes == 4 && f->map == OFPM_BYTES
               && f->id != OFPF_IPV6_FLABEL) {
        pkt_format_ipv4(sb, pkt_get_be32(value));
        return;
    }
    for (size_t i = 0; i < f->n_bytes; i++) {
        v = v << 8 | value[i];
    }
    if (f->id == OFPF_IN_PORT) {
        flow_format_port(sb, v);
    } else if (field_is_hex(f)) {
        strbuf_printf(sb, "%#" PRIx64, v);
    } else {
        strbuf_printf(sb, "%" PRIu64, v);
    }
}

static void
format_output(struct strbuf *sb, uint32_t port, uint16_t max_len)
{
    const char *name = flow_port_name(port);

    if (port == OFPP_CONTROLLER) {
        strbuf_printf(sb, "CONTROLLER:%u", max_len);
    } else if (name && port != OFPP_ANY) {
        strbuf_puts(sb, name);
    } else {
        strbuf_printf(sb, "output:%" PRIu32, port);
    }
}

static void
format_action(struct strbuf *sb, const struct ofp_action *a)
{
    switch (a->type) {
    case OFPAT_OUTPUT:
        format_output(sb, a->output.port, a->output.max_len);
        break;
    case OFPAT_COPY_TTL_OUT:
        strbuf_puts(sb, "copy_ttl_out");
        break;
    case OFPAT_COPY_TTL_IN:
        strbuf_puts(sb, "copy_ttl_in");
        break;
    case OFPAT_SET_MPLS_TTL:
        strbuf_printf(sb, "set_mpls_ttl(%u)", a->ttl);
        break;
    case OFPAT_DEC_MPLS_TTL:
        strbuf_puts(sb, "dec_mpls_ttl");
        break;
    case OFPAT_PUSH_VLAN:
        strbuf_printf(sb, "push_vlan:%#06x", a->ethertype);
        break;
    case OFPAT_POP_VLAN:
        strbuf_puts(sb, "pop_vlan");
        break;
    case OFPAT_PUSH_MPLS:
        strbuf_printf(sb, "push_mpls:%#06x", a->ethertype);
        break;
    case OFPAT_POP_MPLS:
        strbuf_printf(sb, "pop_mpls:%#06x", a->ethertype);
        break;
    case OFPAT_SET_QUEUE:
        strbuf_printf(sb, "set_queue:%" PRIu32, a->queue_id);
        break;
    case OFPAT_GROUP:
        strbuf_printf(sb, "group:%" PRIu32, a->group_id);
        break;
    case OFPAT_SET_NW_TTL:
        strbuf_printf(sb, "mod_nw_ttl:%u", a->ttl);
        break;
    case OFPAT_DEC_NW_TTL:
        strbuf_puts(sb, "dec_ttl");
        break;
    case OFPAT_SET_FIELD:
        strbuf_puts(sb, "set_field:");
        ofp_text_format_field_value(sb, a->set_field.field, a->set_field.value);
        strbuf_printf(sb, "->%s", set_field_names[a->set_field.field->id]);
        break;
    case OFPAT_PUSH_PBB:
        strbuf_printf(sb, "push_pbb:%#06x", a->ethertype);
        break;
    case OFPAT_POP_PBB:
        strbuf_puts(sb, "pop_pbb");
        break;
    default:
        strbuf_printf(sb, "<action %d>", (int) a->type);
        break;
    }
}

/* Appends the actions, comma-separated, without "drop" for none. */
static void
format_list(struct strbuf *sb, const struct ofp_actions *actions)
{
    for (size_t i = 0; i < actions->n; i++) {
        if (i) {
            strbuf_putc(sb, ',');
        }
        format_action(sb, &actions->list[i]);
    }
}

void
ofp_text_format_actions(struct strbuf *sb, const struct ofp_actions *actions)
{
    if (!actions->n) {
        strbuf_puts(sb, "drop");
    } else {
        format_list(sb, actions);
    }
}
