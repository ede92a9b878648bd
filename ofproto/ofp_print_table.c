/* Printing TABLE_FEATURES requests and replies as Open vSwitch 3.1 does.
 *
 * Open vSwitch first reduces each entry to what it understands: the
 * instructions and actions it implements, and the match fields it knows
 * (by class, field and length); everything else, experimenter ids and
 * properties included, is not shown.  This file does the same with a
 * "view" of each entry, which also decides when Open vSwitch abbreviates an
 * entry as "ditto": when it equals the previous one, the current table left
 * out of both entries' next tables. */
#include "ofproto/ofp_print.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_oxm.h"

#define OXM_HASMASK 0x100u

/* Pont's fields in the order Open vSwitch lists them, with its names. */
static const struct {
    enum ofp_field_id id;
    const char *name;
} ovs_fields[] = {
    {OFPF_TUNNEL_ID, "tun_id"},
    {OFPF_TUN_SRC, "tun_src"},
    {OFPF_TUN_DST, "tun_dst"},
    {OFPF_METADATA, "metadata"},
    {OFPF_IN_PORT, "in_port_oxm"},
    {OFPF_REG0, "reg0"},
    {OFPF_REG1, "reg1"},
    {OFPF_REG2, "reg2"},
    {OFPF_REG3, "reg3"},
    {OFPF_REG4, "reg4"},
    {OFPF_REG5, "reg5"},
    {OFPF_REG6, "reg6"},
    {OFPF_REG7, "reg7"},
    {OFPF_ETH_SRC, "eth_src"},
    {OFPF_ETH_DST, "eth_dst"},
    {OFPF_ETH_TYPE, "eth_type"},
    {OFPF_VLAN_VID, "vlan_vid"},
    {OFPF_VLAN_PCP, "vlan_pcp"},
    {OFPF_MPLS_LABEL, "mpls_label"},
    {OFPF_MPLS_TC, "mpls_tc"},
    {OFPF_MPLS_BOS, "mpls_bos"},
    {OFPF_IPV4_SRC, "ip_src"},
    {OFPF_IPV4_DST, "ip_dst"},
    {OFPF_IPV6_SRC, "ipv6_src"},
    {OFPF_IPV6_DST, "ipv6_dst"},
    {OFPF_IPV6_FLABEL, "ipv6_label"},
    {OFPF_IP_PROTO, "nw_proto"},
    {OFPF_IP_DSCP, "ip_dscp"},
    {OFPF_IP_ECN, "nw_ecn"},
    {OFPF_IP_TTL, "nw_ttl"},
    {OFPF_IP_FRAG, "ip_frag"},
    {OFPF_ARP_OP, "arp_op"},
    {OFPF_ARP_SPA, "arp_spa"},
    {OFPF_ARP_TPA, "arp_tpa"},
    {OFPF_ARP_SHA, "arp_sha"},
    {OFPF_ARP_THA, "arp_tha"},
    {OFPF_TCP_SRC, "tcp_src"},
    {OFPF_TCP_DST, "tcp_dst"},
    {OFPF_TCP_FLAGS, "tcp_flags"},
    {OFPF_UDP_SRC, "udp_src"},
    {OFPF_UDP_DST, "udp_dst"},
    {OFPF_SCTP_SRC, "sctp_src"},
    {OFPF_SCTP_DST, "sctp_dst"},
    {OFPF_ICMPV4_TYPE, "icmp_type"},
    {OFPF_ICMPV4_CODE, "icmp_code"},
    {OFPF_ICMPV6_TYPE, "icmpv6_type"},
    {OFPF_ICMPV6_CODE, "icmpv6_code"},
    {OFPF_ND_TARGET, "nd_target"},
    {OFPF_ND_SLL, "nd_sll"},
    {OFPF_ND_TLL, "nd_tll"},
};
_Static_assert(ARRAY_SIZE(ovs_fields) == OFPF_N_FIELDS,
               "every field has a place in Open vSwitch's order");
_Static_assert(OFPF_N_FIELDS <= 64, "field sets fit a uint64_t");

/* Instructions and actions Open vSwitch shows, in its order. */
static const uint8_t inst_order[] = {
    OFPIT_METER,         OFPIT_APPLY_ACTIONS,  OFPIT_CLEAR_ACTIONS,
    OFPIT_WRITE_ACTIONS, OFPIT_WRITE_METADATA, OFPIT_GOTO_TABLE,
};
static const char *const inst_names[] = {
    "meter",         "apply_actions",  "clear_actions",
    "write_actions", "write_metadata", "goto_table",
};
static const uint8_t action_order[] = {
    OFPAT_OUTPUT,       OFPAT_GROUP,      OFPAT_SET_FIELD,  OFPAT_POP_VLAN,
    OFPAT_PUSH_VLAN,    OFPAT_SET_NW_TTL, OFPAT_DEC_NW_TTL, OFPAT_SET_MPLS_TTL,
    OFPAT_DEC_MPLS_TTL, OFPAT_PUSH_MPLS,  OFPAT_POP_MPLS,   OFPAT_SET_QUEUE,
};
static const char *const action_names[] = {
    "output",       "group",      "set_field", "strip_vlan",
    "push_vlan",    "mod_nw_ttl", "dec_ttl",   "set_mpls_ttl",
    "dec_mpls_ttl", "push_mpls",  "pop_mpls",  "set_queue",
};

/* What Open vSwitch sees of one kind of flow entry's capabilities.  Field
 * sets are bitmaps indexed by position in ovs_fields[]. */
struct actions_view {
    uint32_t actions;
    uint64_t setfields;
};

struct caps_view {
    uint32_t instructions;
    uint64_t next_tables[4];
    struct actions_view write, apply;
};

struct tf_view {
    uint8_t table_id;
    const char *name;
    uint64_t metadata_match, metadata_write;
    uint32_t max_entries;
    struct caps_view caps[2];
    uint64_t match, masked, wildcards;
};

/* Returns the position in ovs_fields[] of the field 'id' names, or -1 if
 * Open vSwitch would not know it. */
static int
field_rank(const struct ofp_oxm_id *id, bool *masked)
{
    uint32_t h = id->header;
    const struct ofp_field *f =
        ofp_field_by_oxm(h >> 16, h >> 9 & 0x7f, id->experimenter);
    size_t len;

    if (!f) {
        return -1;
    }
    *masked = h & OXM_HASMASK;
    len = f->n_bytes * (*masked ? 2 : 1)
          + (f->oxm_class == OFPXMC_EXPERIMENTER ? 4 : 0);
    if ((h & 0xff) != len) {
        return -1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(ovs_fields); i++) {
        if (ovs_fields[i].id == f->id) {
            return i;
        }
    }
    return -1;
}

static uint64_t
field_set(const struct ofp_oxm_ids *ids, uint64_t *masked_set)
{
    uint64_t set = 0;

    for (size_t i = 0; i < ids->n; i++) {
        bool masked;
        int rank = field_rank(&ids->ids[i], &masked);

        if (rank >= 0) {
            set |= UINT64_C(1) << rank;
            if (masked && masked_set) {
                *masked_set |= UINT64_C(1) << rank;
            }
        }
    }
    return set;
}

static uint32_t
known_bits(uint32_t bits, const uint8_t *order, size_t n)
{
    uint32_t known = 0;

    for (size_t i = 0; i < n; i++) {
        known |= UINT32_C(1) << order[i];
    }
    return bits & known;
}

static void
make_view(const struct ofp_table_features *tf, struct tf_view *v)
{
    memset(v, 0, sizeof *v);
    v->table_id = tf->table_id;
    v->name = tf->name;
    v->metadata_match = tf->metadata_match;
    v->metadata_write = tf->metadata_write;
    v->max_entries = tf->max_entries;
    for (int miss = 0; miss < 2; miss++) {
        const struct ofp_tf_caps *c = &tf->caps[miss];
        struct caps_view *cv = &v->caps[miss];

        cv->instructions =
            known_bits(c->instructions, inst_order, ARRAY_SIZE(inst_order));
        memcpy(cv->next_tables, c->next_tables, sizeof cv->next_tables);
        cv->write.actions = known_bits(c->write_actions, action_order,
                                       ARRAY_SIZE(action_order));
        cv->write.setfields = field_set(&c->write_setfield, NULL);
        cv->apply.actions = known_bits(c->apply_actions, action_order,
                                       ARRAY_SIZE(action_order));
        cv->apply.setfields = field_set(&c->apply_setfield, NULL);
    }
    v->match = field_set(&tf->match, &v->masked);
    v->wildcards = field_set(&tf->wildcards, NULL);
}

/* Comparisons. */

static bool
actions_equal(const struct actions_view *a, const struct actions_view *b)
{
    return a->actions == b->actions && a->setfields == b->setfields;
}

static bool
actions_empty(const struct actions_view *a)
{
    return !a->actions && !a->setfields;
}

/* Compares 'a' and 'b' with table 'skip' left out of their next tables
 * ('skip' > 255: nothing left out). */
static bool
caps_equal(const struct caps_view *a, const struct caps_view *b,
           unsigned int skip)
{
    for (int i = 0; i < 4; i++) {
        uint64_t mask = skip / 64 == (unsigned int) i
                            ? ~(UINT64_C(1) << skip % 64)
                            : UINT64_MAX;

        if ((a->next_tables[i] & mask) != (b->next_tables[i] & mask)) {
            return false;
        }
    }
    return a->instructions == b->instructions
           && actions_equal(&a->write, &b->write)
           && actions_equal(&a->apply, &b->apply);
}

static bool
caps_empty(const struct caps_view *c)
{
    static const struct caps_view empty;

    return caps_equal(c, &empty, 256);
}

static bool
same_features(const struct tf_view *v, const struct tf_view *prev)
{
    return v->metadata_match == prev->metadata_match
           && v->metadata_write == prev->metadata_write
           && v->max_entries == prev->max_entries
           && caps_equal(&v->caps[0], &prev->caps[0], v->table_id)
           && caps_equal(&v->caps[1], &prev->caps[1], v->table_id)
           && v->match == prev->match && v->masked == prev->masked
           && v->wildcards == prev->wildcards;
}

/* Lists. */

static void
print_names(struct strbuf *sb, uint32_t bits, const uint8_t *order,
            const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (bits >> order[i] & 1) {
            strbuf_printf(sb, " %s", names[i]);
        }
    }
}

static void
print_next_tables(struct strbuf *sb, const uint64_t next_tables[4])
{
    char sep = ' ';

    strbuf_puts(sb, "      next tables:");
    for (int id = 0; id < 256; id++) {
        int end = id;

        if (!ofp_tf_next_table_test(next_tables, id)) {
            continue;
        }
        while (end < 255 && ofp_tf_next_table_test(next_tables, end + 1)) {
            end++;
        }
        strbuf_printf(sb, end > id ? "%c%d-%d" : "%c%d", sep, id, end);
        sep = ',';
        id = end;
    }
    strbuf_putc(sb, '\n');
}

/* The length of the prefix of 'name' up to its first '_' (0 if none). */
static size_t
prefix_len(const char *name)
{
    const char *u = strchr(name, '_');

    return u ? (size_t) (u - name) : 0;
}

/* A name that ends in a number, and the name's length without it. */
static bool
numbered(const char *name, size_t *stem, int *number)
{
    size_t len = strlen(name), i = len;

    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') {
        i--;
    }
    if (i == len || i == 0) {
        return false;
    }
    *stem = i;
    *number = atoi(name + i);
    return true;
}

/* How many fields of 'ranks' from position 'i' on are numbered runs of the
 * same stem ("reg5", "reg6", "reg7"). */
static size_t
numbered_run(const int *ranks, size_t n, size_t i)
{
    size_t stem, stem2, run = 1;
    int number, number2;

    if (!numbered(ovs_fields[ranks[i]].name, &stem, &number)) {
        return 1;
    }
    while (i + run < n
           && numbered(ovs_fields[ranks[i + run]].name, &stem2, &number2)
           && stem2 == stem && number2 == number + (int) run
           && !strncmp(ovs_fields[ranks[i]].name,
                       ovs_fields[ranks[i + run]].name, stem)) {
        run++;
    }
    return run;
}

/* How many fields from position 'i' on share the first one's prefix. */
static size_t
prefix_run(const int *ranks, size_t n, size_t i)
{
    const char *first = ovs_fields[ranks[i]].name;
    size_t len = prefix_len(first), run = 1;

    while (len && i + run < n
           && prefix_len(ovs_fields[ranks[i + run]].name) == len
           && !strncmp(first, ovs_fields[ranks[i + run]].name, len)) {
        run++;
    }
    return run;
}

/* Prints a field set as Open vSwitch abbreviates it: "eth_{src,dst}" for
 * neighbours with a common prefix, "reg0...reg7" for three or more
 * consecutive numbers. */
static void
print_fields(struct strbuf *sb, uint64_t set)
{
    int ranks[64];
    size_t n = 0;

    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        if (set >> i & 1) {
            ranks[n++] = i;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t run = numbered_run(ranks, n, i);

        if (run >= 3) {
            strbuf_printf(sb, " %s...%s", ovs_fields[ranks[i]].name,
                          ovs_fields[ranks[i + run - 1]].name);
            i += run;
            continue;
        }
        run = prefix_run(ranks, n, i);
        if (run == 1) {
            strbuf_printf(sb, " %s", ovs_fields[ranks[i]].name);
        } else {
            const char *first = ovs_fields[ranks[i]].name;
            size_t len = prefix_len(first);

            strbuf_printf(sb, " %.*s_{", (int) len, first);
            for (size_t j = 0; j < run; j++) {
                strbuf_printf(sb, "%s%s", j ? "," : "",
                              ovs_fields[ranks[i + j]].name + len + 1);
            }
            strbuf_putc(sb, '}');
        }
        i += run;
    }
}

/* One table entry. */

static void
print_actions(struct strbuf *sb, const char *title,
              const struct actions_view *a)
{
    strbuf_printf(sb, "      %s features:\n", title);
    if (a->actions) {
        strbuf_puts(sb, "        actions:");
        print_names(sb, a->actions, action_order, action_names,
                    ARRAY_SIZE(action_order));
        strbuf_putc(sb, '\n');
    }
    if (a->setfields) {
        strbuf_puts(sb, "        supported on Set-Field:");
        print_fields(sb, a->setfields);
        strbuf_putc(sb, '\n');
    }
}

static void
print_caps(struct strbuf *sb, const char *which, const struct caps_view *c)
{
    strbuf_printf(sb, "    instructions (%s):\n", which);
    if (c->next_tables[0] || c->next_tables[1] || c->next_tables[2]
        || c->next_tables[3]) {
        print_next_tables(sb, c->next_tables);
    }
    if (c->instructions) {
        strbuf_puts(sb, "      instructions:");
        print_names(sb, c->instructions, inst_order, inst_names,
                    ARRAY_SIZE(inst_order));
        strbuf_putc(sb, '\n');
    }
    if (actions_equal(&c->write, &c->apply)) {
        if (!actions_empty(&c->write)) {
            print_actions(sb, "Write-Actions and Apply-Actions", &c->write);
        }
    } else {
        print_actions(sb, "Write-Actions", &c->write);
        print_actions(sb, "Apply-Actions", &c->apply);
    }
}

static void
print_matching(struct strbuf *sb, const struct tf_view *v)
{
    uint64_t masked = v->match & v->masked;
    uint64_t wild = v->match & ~v->masked & v->wildcards;
    uint64_t exact = v->match & ~v->masked & ~v->wildcards;

    strbuf_puts(sb, "    matching:\n");
    if (masked) {
        strbuf_puts(sb, "      arbitrary mask:");
        print_fields(sb, masked);
        strbuf_putc(sb, '\n');
    }
    if (wild) {
        strbuf_puts(sb, "      exact match or wildcard:");
        print_fields(sb, wild);
        strbuf_putc(sb, '\n');
    }
    if (exact) {
        strbuf_puts(sb, "      must exact match:");
        print_fields(sb, exact);
        strbuf_putc(sb, '\n');
    }
}

static void
print_table_name(struct strbuf *sb, const struct tf_view *v)
{
    strbuf_printf(sb, "\n  table %u", v->table_id);
    if (v->name[0]) {
        strbuf_printf(sb, " (\"%s\")", v->name);
    }
    strbuf_putc(sb, ':');
}

static void
print_entry(struct strbuf *sb, const struct tf_view *v)
{
    print_table_name(sb, v);
    strbuf_putc(sb, '\n');
    if (v->metadata_match || v->metadata_write) {
        strbuf_puts(sb, "    metadata: match=");
        strbuf_printf(sb, v->metadata_match ? "0x%" PRIx64 : "0",
                      v->metadata_match);
        strbuf_puts(sb, " write=");
        strbuf_printf(sb, v->metadata_write ? "0x%" PRIx64 : "0",
                      v->metadata_write);
        strbuf_putc(sb, '\n');
    }
    if (v->max_entries) {
        strbuf_printf(sb, "    max_entries=%" PRIu32 "\n", v->max_entries);
    }
    if (caps_equal(&v->caps[0], &v->caps[1], 256)) {
        if (!caps_empty(&v->caps[0])) {
            print_caps(sb, "table miss and others", &v->caps[0]);
        }
    } else {
        print_caps(sb, "other than table miss", &v->caps[0]);
        print_caps(sb, "table miss", &v->caps[1]);
    }
    if (v->match) {
        print_matching(sb, v);
    }
}

/* Unnamed tables that repeat the one before them are shown as one range. */
static void
flush_dittos(struct strbuf *sb, int *first, int last)
{
    if (*first >= 0) {
        if (*first == last) {
            strbuf_printf(sb, "\n  table %d: ditto\n", last);
        } else {
            strbuf_printf(sb, "\n  tables %d...%d: ditto\n", *first, last);
        }
        *first = -1;
    }
}

void
ofp_print_table_features_list(struct strbuf *sb,
                              const struct ofp_table_features *tfs, size_t n)
{
    struct tf_view views[2];
    int first_ditto = -1, last_ditto = -1;

    for (size_t i = 0; i < n; i++) {
        struct tf_view *v = &views[i % 2];
        const struct tf_view *prev = &views[(i + 1) % 2];

        make_view(&tfs[i], v);
        if (i && same_features(v, prev)) {
            if (!v->name[0]) {
                first_ditto = first_ditto < 0 ? v->table_id : first_ditto;
                last_ditto = v->table_id;
                continue;
            }
            flush_dittos(sb, &first_ditto, last_ditto);
            print_table_name(sb, v);
            strbuf_puts(sb, " ditto");
            continue;
        }
        flush_dittos(sb, &first_ditto, last_ditto);
        print_entry(sb, v);
    }
    flush_dittos(sb, &first_ditto, last_ditto);
}

/* Open vSwitch refuses an entry without the eight required properties. */
static int
print_table_features(struct strbuf *sb, const struct ofp_msg *msg,
                     const struct ofp_print_ctx *ctx)
{
    for (size_t i = 0; i < msg->table_features.n; i++) {
        const struct ofp_table_features *tf = &msg->table_features.entries[i];

        if ((tf->props & OFP_TF_REQUIRED_PROPS) != OFP_TF_REQUIRED_PROPS) {
            /* OFPTFFC_BAD_FEATURES has no OpenFlow 1.3 code, so it is not
             * in ofp_errors.h: print Open vSwitch's report here. */
            strbuf_puts(sb, " ***decode error: OFPTFFC_BAD_FEATURES***\n");
            ofp_print_hex_dump(sb, ctx->raw, ctx->raw_len, 0, true);
            return 0;
        }
    }
    ofp_print_table_features_list(sb, msg->table_features.entries,
                                  msg->table_features.n);
    return 0;
}

const struct ofp_printer ofp_printers_table[OFPK_N_KINDS] = {
    [OFPK_TABLE_FEATURES_REQUEST] = {print_table_features},
    [OFPK_TABLE_FEATURES_REPLY] = {print_table_features},
};
