/* Body printers for flow, group and meter modifications, flow-removed
 * messages, and every multipart request and reply. */
#include "ofproto/ofp_print.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_text.h"

/* Modifications and flow-removed messages. */

static int
print_flow_mod(struct strbuf *sb, const struct ofp_msg *msg,
               const struct ofp_print_ctx *ctx)
{
    int error = ofp_print_check_port(msg->flow_mod.out_port);

    (void) ctx;
    if (error) {
        return error;
    }
    strbuf_putc(sb, ' ');
    ofp_text_format_flow_mod(sb, &msg->flow_mod);
    return 0;
}

/* Open vSwitch reads a bucket's watch port as a port number. */
static int
check_buckets(const struct ofp_bucket *buckets, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int error = ofp_print_check_port(buckets[i].watch_port);
        if (error) {
            return error;
        }
    }
    return 0;
}

static int
print_group_mod(struct strbuf *sb, const struct ofp_msg *msg,
                const struct ofp_print_ctx *ctx)
{
    int error = check_buckets(msg->group_mod.buckets, msg->group_mod.n_buckets);

    (void) ctx;
    if (error) {
        return error;
    }
    strbuf_puts(sb, "\n ");
    ofp_text_format_group_mod(sb, &msg->group_mod);
    return 0;
}

static int
print_meter_mod(struct strbuf *sb, const struct ofp_msg *msg,
                const struct ofp_print_ctx *ctx)
{
    struct ofp_meter_mod mm = msg->meter_mod;

    (void) ctx;
    /* Open vSwitch ignores the flags and bands of a deletion. */
    if (mm.command == OFPMC_DELETE) {
        mm.flags = 0;
        mm.bands = NULL;
        mm.n_bands = 0;
    }
    strbuf_putc(sb, ' ');
    ofp_text_format_meter_mod(sb, &mm);
    return 0;
}

static int
print_flow_removed(struct strbuf *sb, const struct ofp_msg *msg,
                   const struct ofp_print_ctx *ctx)
{
    static const char *const reasons[] = {
        "idle", "hard", "delete", "group_delete", "meter_delete", "eviction",
    };
    const struct ofp_flow_removed *fr = &msg->flow_removed;

    (void) ctx;
    strbuf_putc(sb, ' ');
    flow_format_match(sb, &fr->match, fr->priority);
    if (fr->reason < ARRAY_SIZE(reasons)) {
        strbuf_printf(sb, " reason=%s", reasons[fr->reason]);
    } else {
        strbuf_printf(sb, " reason=%" PRIu8, fr->reason);
    }
    if (fr->table_id != OFPTT_ALL) {
        strbuf_printf(sb, " table_id=%" PRIu8, fr->table_id);
    }
    if (fr->cookie) {
        strbuf_printf(sb, " cookie:0x%" PRIx64, fr->cookie);
    }
    strbuf_puts(sb, " duration");
    ofp_text_format_duration(sb, fr->duration_sec, fr->duration_nsec);
    strbuf_printf(sb, " idle%" PRIu16, fr->idle_timeout);
    if (fr->hard_timeout) {
        strbuf_printf(sb, " hard%" PRIu16, fr->hard_timeout);
    }
    strbuf_printf(sb, " pkts%" PRIu64 " bytes%" PRIu64 "\n", fr->packet_count,
                  fr->byte_count);
    return 0;
}

/* Flow statistics. */

static int
print_flow_stats_request(struct strbuf *sb, const struct ofp_msg *msg,
                         const struct ofp_print_ctx *ctx)
{
    const struct ofp_flow_stats_request *req = &msg->flow_stats_request;
    int error = ofp_print_check_port(req->out_port);

    if (error) {
        return error;
    }
    if (req->table_id != OFPTT_ALL) {
        strbuf_printf(sb, " table=%" PRIu8, req->table_id);
    }
    if (req->out_port != OFPP_ANY) {
        strbuf_puts(sb, " out_port=");
        ofp_print_port_no(sb, req->out_port, ctx->ports);
    }
    strbuf_putc(sb, ' ');
    flow_format_match(sb, &req->match, FLOW_DEFAULT_PRIORITY);
    return 0;
}

static int
print_flow_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                       const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    for (size_t i = 0; i < msg->flow_stats_reply.n; i++) {
        strbuf_puts(sb, "\n ");
        ofp_text_format_flow_stats(sb, &msg->flow_stats_reply.entries[i]);
    }
    return 0;
}

static int
print_aggregate_reply(struct strbuf *sb, const struct ofp_msg *msg,
                      const struct ofp_print_ctx *ctx)
{
    const struct ofp_aggregate_reply *ag = &msg->aggregate_reply;

    (void) ctx;
    strbuf_printf(sb,
                  " packet_count=%" PRIu64 " byte_count=%" PRIu64
                  " flow_count=%" PRIu32,
                  ag->packet_count, ag->byte_count, ag->flow_count);
    return 0;
}

/* Table statistics.  Open vSwitch abbreviates a table whose counters
 * equal the previous table's to "ditto", and a run of such tables to
 * "tables 1...5: ditto". */

static bool
table_stats_equal(const struct ofp_table_stats *a,
                  const struct ofp_table_stats *b)
{
    return a->active_count == b->active_count
           && a->lookup_count == b->lookup_count
           && a->matched_count == b->matched_count;
}

static void
print_ditto(struct strbuf *sb, const struct ofp_table_stats *first,
            const struct ofp_table_stats *last)
{
    if (first == last) {
        strbuf_printf(sb, "\n  table %" PRIu8 ": ditto\n", first->table_id);
    } else {
        strbuf_printf(sb, "\n  tables %" PRIu8 "...%" PRIu8 ": ditto\n",
                      first->table_id, last->table_id);
    }
}

static int
print_table_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                        const struct ofp_print_ctx *ctx)
{
    const struct ofp_table_stats *tables = msg->table_stats_reply.entries;
    size_t n = msg->table_stats_reply.n;

    (void) ctx;
    for (size_t i = 0; i < n; i++) {
        const struct ofp_table_stats *ts = &tables[i];
        size_t run_end = i;

        if (i && table_stats_equal(ts, &tables[i - 1])) {
            while (run_end + 1 < n
                   && table_stats_equal(&tables[run_end + 1], ts)) {
                run_end++;
            }
            print_ditto(sb, ts, &tables[run_end]);
            i = run_end;
            continue;
        }
        strbuf_printf(sb,
                      "\n  table %" PRIu8 ":\n    active=%" PRIu32
                      ", lookup=%" PRIu64 ", matched=%" PRIu64 "\n",
                      ts->table_id, ts->active_count, ts->lookup_count,
                      ts->matched_count);
    }
    return 0;
}

/* Port and queue statistics. */

/* A counter that the switch does not keep prints as "?". */
static void
print_counter(struct strbuf *sb, const char *label, uint64_t n,
              const char *after)
{
    strbuf_puts(sb, label);
    if (n == UINT64_MAX) {
        strbuf_putc(sb, '?');
    } else {
        strbuf_printf(sb, "%" PRIu64, n);
    }
    strbuf_puts(sb, after);
}

static int
print_port_stats_request(struct strbuf *sb, const struct ofp_msg *msg,
                         const struct ofp_print_ctx *ctx)
{
    int error = ofp_print_check_port(msg->port_no);

    if (error) {
        return error;
    }
    strbuf_puts(sb, " port_no=");
    ofp_print_port_no(sb, msg->port_no, ctx->ports);
    return 0;
}

static void
print_port_stats(struct strbuf *sb, const struct ofp_port_stats *ps,
                 const struct ofp_print_ports *ports)
{
    /* Single-digit ports get a second space so that columns line up, by
     * their 16-bit number as Open vSwitch sees them. */
    strbuf_puts(sb, "  port ");
    if (ps->port_no < 10) {
        strbuf_putc(sb, ' ');
    }
    ofp_print_port_no(sb, ps->port_no, ports);
    print_counter(sb, ": rx pkts=", ps->rx_packets, ", ");
    print_counter(sb, "bytes=", ps->rx_bytes, ", ");
    print_counter(sb, "drop=", ps->rx_dropped, ", ");
    print_counter(sb, "errs=", ps->rx_errors, ", ");
    print_counter(sb, "frame=", ps->rx_frame_err, ", ");
    print_counter(sb, "over=", ps->rx_over_err, ", ");
    print_counter(sb, "crc=", ps->rx_crc_err, "\n");
    print_counter(sb, "           tx pkts=", ps->tx_packets, ", ");
    print_counter(sb, "bytes=", ps->tx_bytes, ", ");
    print_counter(sb, "drop=", ps->tx_dropped, ", ");
    print_counter(sb, "errs=", ps->tx_errors, ", ");
    print_counter(sb, "coll=", ps->collisions, "\n");
    if (ps->duration_sec != UINT32_MAX) {
        strbuf_puts(sb, "           duration=");
        ofp_text_format_duration(sb, ps->duration_sec, ps->duration_nsec);
        strbuf_putc(sb, '\n');
    }
}

static int
print_port_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                       const struct ofp_print_ctx *ctx)
{
    for (size_t i = 0; i < msg->port_stats_reply.n; i++) {
        int error =
            ofp_print_check_port(msg->port_stats_reply.entries[i].port_no);
        if (error) {
            return error;
        }
    }
    strbuf_printf(sb, " %zu ports\n", msg->port_stats_reply.n);
    if (ctx->verbosity >= 1) {
        for (size_t i = 0; i < msg->port_stats_reply.n; i++) {
            print_port_stats(sb, &msg->port_stats_reply.entries[i], ctx->ports);
        }
    }
    return 0;
}

static void
print_queue_id(struct strbuf *sb, uint32_t queue_id)
{
    if (queue_id == OFPQ_ALL) {
        strbuf_puts(sb, "ALL");
    } else {
        strbuf_printf(sb, "%" PRIu32, queue_id);
    }
}

static int
print_queue_stats_request(struct strbuf *sb, const struct ofp_msg *msg,
                          const struct ofp_print_ctx *ctx)
{
    int error = ofp_print_check_port(msg->queue_stats_request.port_no);

    if (error) {
        return error;
    }
    strbuf_puts(sb, " port=");
    ofp_print_port_no(sb, msg->queue_stats_request.port_no, ctx->ports);
    strbuf_puts(sb, " queue=");
    print_queue_id(sb, msg->queue_stats_request.queue_id);
    return 0;
}

static void
print_queue_stats(struct strbuf *sb, const struct ofp_queue_stats *qs,
                  const struct ofp_print_ports *ports)
{
    strbuf_puts(sb, "  port ");
    ofp_print_port_no(sb, qs->port_no, ports);
    strbuf_puts(sb, " queue ");
    print_queue_id(sb, qs->queue_id);
    print_counter(sb, ": bytes=", qs->tx_bytes, ", ");
    print_counter(sb, "pkts=", qs->tx_packets, ", ");
    print_counter(sb, "errors=", qs->tx_errors, ", ");
    strbuf_puts(sb, "duration=");
    if (qs->duration_sec != UINT32_MAX) {
        ofp_text_format_duration(sb, qs->duration_sec, qs->duration_nsec);
    } else {
        strbuf_putc(sb, '?');
    }
    strbuf_putc(sb, '\n');
}

static int
print_queue_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                        const struct ofp_print_ctx *ctx)
{
    for (size_t i = 0; i < msg->queue_stats_reply.n; i++) {
        int error =
            ofp_print_check_port(msg->queue_stats_reply.entries[i].port_no);
        if (error) {
            return error;
        }
    }
    strbuf_printf(sb, " %zu queues\n", msg->queue_stats_reply.n);
    if (ctx->verbosity >= 1) {
        for (size_t i = 0; i < msg->queue_stats_reply.n; i++) {
            print_queue_stats(sb, &msg->queue_stats_reply.entries[i],
                              ctx->ports);
        }
    }
    return 0;
}

/* Port descriptions. */

static int
print_port_desc_request(struct strbuf *sb, const struct ofp_msg *msg,
                        const struct ofp_print_ctx *ctx)
{
    (void) msg;
    /* OpenFlow 1.3's request has no port; Open vSwitch shows "all". */
    strbuf_puts(sb, " port=");
    ofp_print_port_no(sb, OFPP_ANY, ctx->ports);
    return 0;
}

/* Open vSwitch sorts ports by their 16-bit number, reserved ports last. */
static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofp_port *a = a_, *b = b_;
    uint16_t ap = ofp_print_port_u16(a->port_no);
    uint16_t bp = ofp_print_port_u16(b->port_no);

    return ap < bp ? -1 : ap > bp;
}

static int
print_port_desc_reply(struct strbuf *sb, const struct ofp_msg *msg,
                      const struct ofp_print_ctx *ctx)
{
    size_t n = msg->port_desc_reply.n;
    struct ofp_port *ports;

    (void) ctx;
    for (size_t i = 0; i < n; i++) {
        int error =
            ofp_print_check_port(msg->port_desc_reply.entries[i].port_no);
        if (error) {
            return error;
        }
    }
    ports = xmalloc((n + 1) * sizeof *ports);
    if (n) {
        memcpy(ports, msg->port_desc_reply.entries, n * sizeof *ports);
        qsort(ports, n, sizeof *ports, compare_ports);
    }
    strbuf_putc(sb, '\n');
    for (size_t i = 0; i < n; i++) {
        ofp_print_port_desc(sb, &ports[i]);
    }
    free(ports);
    return 0;
}

/* Groups. */

static void
print_group_id(struct strbuf *sb, uint32_t group_id)
{
    if (group_id == OFPG_ALL) {
        strbuf_puts(sb, "ALL");
    } else if (group_id == OFPG_ANY) {
        strbuf_puts(sb, "ANY");
    } else {
        strbuf_printf(sb, "%" PRIu32, group_id);
    }
}

static int
print_group_stats_request(struct strbuf *sb, const struct ofp_msg *msg,
                          const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    strbuf_puts(sb, " group_id=");
    print_group_id(sb, msg->group_id);
    return 0;
}

static int
print_group_desc_request(struct strbuf *sb, const struct ofp_msg *msg,
                         const struct ofp_print_ctx *ctx)
{
    (void) msg;
    (void) ctx;
    /* OpenFlow 1.3's request has no group: it asks for all. */
    strbuf_puts(sb, " group_id=");
    print_group_id(sb, OFPG_ALL);
    return 0;
}

static void
print_group_stats(struct strbuf *sb, const struct ofp_group_stats *gs)
{
    strbuf_printf(sb, " group_id=%" PRIu32, gs->group_id);
    if (gs->duration_sec != UINT32_MAX) {
        strbuf_puts(sb, ",duration=");
        ofp_text_format_duration(sb, gs->duration_sec, gs->duration_nsec);
    }
    strbuf_printf(sb,
                  ",ref_count=%" PRIu32 ",packet_count=%" PRIu64
                  ",byte_count=%" PRIu64,
                  gs->ref_count, gs->packet_count, gs->byte_count);
    for (size_t i = 0; i < gs->n_buckets; i++) {
        const struct ofp_bucket_counter *bc = &gs->buckets[i];

        if (bc->packet_count != UINT64_MAX) {
            strbuf_printf(
                sb, ",bucket%zu:packet_count=%" PRIu64 ",byte_count=%" PRIu64,
                i, bc->packet_count, bc->byte_count);
        }
    }
    strbuf_putc(sb, '\n');
}

static int
print_group_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                        const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    strbuf_putc(sb, '\n');
    for (size_t i = 0; i < msg->group_stats_reply.n; i++) {
        print_group_stats(sb, &msg->group_stats_reply.entries[i]);
    }
    return 0;
}

static int
print_group_desc_reply(struct strbuf *sb, const struct ofp_msg *msg,
                       const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    for (size_t i = 0; i < msg->group_desc_reply.n; i++) {
        const struct ofp_group_desc *gd = &msg->group_desc_reply.entries[i];
        int error = check_buckets(gd->buckets, gd->n_buckets);
        if (error) {
            return error;
        }
    }
    for (size_t i = 0; i < msg->group_desc_reply.n; i++) {
        strbuf_puts(sb, "\n ");
        ofp_text_format_group_desc(sb, &msg->group_desc_reply.entries[i]);
    }
    return 0;
}

/* The actions a group type supports, as Open vSwitch lists them: in the
 * order of its own action list and by its own names, leaving out the
 * OpenFlow 1.3 actions it does not implement. */
static const struct {
    enum ofp_action_type type;
    const char *name;
} group_feature_actions[] = {
    {OFPAT_OUTPUT, "output"},
    {OFPAT_GROUP, "group"},
    {OFPAT_SET_FIELD, "set_field"},
    {OFPAT_POP_VLAN, "strip_vlan"},
    {OFPAT_PUSH_VLAN, "push_vlan"},
    {OFPAT_SET_NW_TTL, "mod_nw_ttl"},
    {OFPAT_DEC_NW_TTL, "dec_ttl"},
    {OFPAT_SET_MPLS_TTL, "set_mpls_ttl"},
    {OFPAT_DEC_MPLS_TTL, "dec_mpls_ttl"},
    {OFPAT_PUSH_MPLS, "push_mpls"},
    {OFPAT_POP_MPLS, "pop_mpls"},
    {OFPAT_SET_QUEUE, "set_queue"},
};

static uint32_t
group_feature_action_bits(void)
{
    uint32_t bits = 0;

    for (size_t i = 0; i < ARRAY_SIZE(group_feature_actions); i++) {
        bits |= 1u << group_feature_actions[i].type;
    }
    return bits;
}

static int
print_group_features_reply(struct strbuf *sb, const struct ofp_msg *msg,
                           const struct ofp_print_ctx *ctx)
{
    static const char *const types[] = {"all", "select", "indirect",
                                        "fast failover"};
    const struct ofp_group_features *gf = &msg->group_features_reply;

    (void) ctx;
    strbuf_printf(sb,
                  "\n Group table:\n    Types:  0x%" PRIx32
                  "\n    Capabilities:  0x%" PRIx32 "\n",
                  gf->types, gf->capabilities);
    for (size_t t = 0; t < ARRAY_SIZE(types); t++) {
        const char *sep = "";

        if (!(gf->types & (1u << t))) {
            continue;
        }
        /* "%#x", which prints 0 as "0". */
        strbuf_printf(sb, "    %s group:\n       max_groups=", types[t]);
        strbuf_printf(sb, gf->max_groups[t] ? "0x%" PRIx32 : "%" PRIu32,
                      gf->max_groups[t]);
        strbuf_puts(sb, "\n       actions: ");
        if (!(gf->actions[t] & group_feature_action_bits())) {
            strbuf_puts(sb, "<none>");
        }
        for (size_t i = 0; i < ARRAY_SIZE(group_feature_actions); i++) {
            if (gf->actions[t] & (1u << group_feature_actions[i].type)) {
                strbuf_printf(sb, "%s%s", sep, group_feature_actions[i].name);
                sep = " ";
            }
        }
        strbuf_putc(sb, '\n');
    }
    return 0;
}

/* Meters. */

static void
print_meter_id(struct strbuf *sb, uint32_t meter_id, char sep)
{
    strbuf_printf(sb, "meter%c", sep);
    if (meter_id <= OFPM_MAX) {
        strbuf_printf(sb, "%" PRIu32, meter_id);
    } else if (meter_id == OFPM_SLOWPATH) {
        strbuf_puts(sb, "slowpath");
    } else if (meter_id == OFPM_CONTROLLER) {
        strbuf_puts(sb, "controller");
    } else if (meter_id == OFPM_ALL) {
        strbuf_puts(sb, "all");
    } else {
        strbuf_puts(sb, "unknown");
    }
}

static int
print_meter_request(struct strbuf *sb, const struct ofp_msg *msg,
                    const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    strbuf_putc(sb, ' ');
    print_meter_id(sb, msg->meter_id, '=');
    return 0;
}

static void
print_meter_stats(struct strbuf *sb, const struct ofp_meter_stats *ms)
{
    print_meter_id(sb, ms->meter_id, ':');
    strbuf_printf(sb,
                  " flow_count:%" PRIu32 " packet_in_count:%" PRIu64
                  " byte_in_count:%" PRIu64 " duration:",
                  ms->flow_count, ms->packet_in_count, ms->byte_in_count);
    ofp_text_format_duration(sb, ms->duration_sec, ms->duration_nsec);
    strbuf_puts(sb, " bands:\n");
    for (size_t i = 0; i < ms->n_bands; i++) {
        strbuf_printf(
            sb, "%zu: packet_count:%" PRIu64 " byte_count:%" PRIu64 "\n", i,
            ms->bands[i].packet_band_count, ms->bands[i].byte_band_count);
    }
}

static int
print_meter_stats_reply(struct strbuf *sb, const struct ofp_msg *msg,
                        const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    for (size_t i = 0; i < msg->meter_stats_reply.n; i++) {
        strbuf_putc(sb, '\n');
        print_meter_stats(sb, &msg->meter_stats_reply.entries[i]);
    }
    return 0;
}

static int
print_meter_config_reply(struct strbuf *sb, const struct ofp_msg *msg,
                         const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    for (size_t i = 0; i < msg->meter_config_reply.n; i++) {
        strbuf_putc(sb, '\n');
        ofp_text_format_meter_config(sb, &msg->meter_config_reply.entries[i]);
        strbuf_putc(sb, '\n');
    }
    return 0;
}

static int
print_meter_features_reply(struct strbuf *sb, const struct ofp_msg *msg,
                           const struct ofp_print_ctx *ctx)
{
    static const char *const band_names[32] = {
        [OFPMBT_DROP] = "drop",
        [OFPMBT_DSCP_REMARK] = "dscp_remark",
    };
    static const char *const capability_names[32] = {"kbps", "pktps", "burst",
                                                     "stats"};
    const struct ofp_meter_features *mf = &msg->meter_features_reply;

    (void) ctx;
    strbuf_printf(sb,
                  "\nmax_meter:%" PRIu32 " max_bands:%" PRIu8
                  " max_color:%" PRIu8 "\nband_types: ",
                  mf->max_meter, mf->max_bands, mf->max_color);
    ofp_print_bit_names(sb, mf->band_types, band_names, ' ');
    strbuf_puts(sb, "\ncapabilities: ");
    ofp_print_bit_names(sb, mf->capabilities, capability_names, ' ');
    strbuf_putc(sb, '\n');
    return 0;
}

const struct ofp_printer ofp_printers_stats[OFPK_N_KINDS] = {
    [OFPK_FLOW_MOD] = {print_flow_mod},
    [OFPK_GROUP_MOD] = {print_group_mod},
    [OFPK_METER_MOD] = {print_meter_mod},
    [OFPK_FLOW_REMOVED] = {print_flow_removed},
    [OFPK_FLOW_STATS_REQUEST] = {print_flow_stats_request},
    [OFPK_FLOW_STATS_REPLY] = {print_flow_stats_reply},
    [OFPK_AGGREGATE_REQUEST] = {print_flow_stats_request},
    [OFPK_AGGREGATE_REPLY] = {print_aggregate_reply},
    [OFPK_TABLE_STATS_REPLY] = {print_table_stats_reply},
    [OFPK_PORT_STATS_REQUEST] = {print_port_stats_request},
    [OFPK_PORT_STATS_REPLY] = {print_port_stats_reply},
    [OFPK_QUEUE_STATS_REQUEST] = {print_queue_stats_request},
    [OFPK_QUEUE_STATS_REPLY] = {print_queue_stats_reply},
    [OFPK_PORT_DESC_REQUEST] = {print_port_desc_request},
    [OFPK_PORT_DESC_REPLY] = {print_port_desc_reply},
    [OFPK_GROUP_STATS_REQUEST] = {print_group_stats_request},
    [OFPK_GROUP_STATS_REPLY] = {print_group_stats_reply},
    [OFPK_GROUP_DESC_REQUEST] = {print_group_desc_request},
    [OFPK_GROUP_DESC_REPLY] = {print_group_desc_reply},
    [OFPK_GROUP_FEATURES_REPLY] = {print_group_features_reply},
    [OFPK_METER_STATS_REQUEST] = {print_meter_request},
    [OFPK_METER_CONFIG_REQUEST] = {print_meter_request},
    [OFPK_METER_STATS_REPLY] = {print_meter_stats_reply},
    [OFPK_METER_CONFIG_REPLY] = {print_meter_config_reply},
    [OFPK_METER_FEATURES_REPLY] = {print_meter_features_reply},
};
