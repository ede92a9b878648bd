/* Statistics requests about flows and tables: OFPMP_FLOW, OFPMP_AGGREGATE
 * and OFPMP_TABLE. */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto_private.h"

static uint64_t
current_version(const struct ofproto *ofproto)
{
    return atomic_load_explicit(&ofproto->version, memory_order_relaxed);
}

/* Calls 'fn' for every rule visible now that 'req' selects (non-strict
 * match, cookie, out_port and out_group filters, one table or all). */
static void
for_each_selected_rule(struct ofproto *ofproto,
                       const struct ofp_flow_stats_request *req,
                       void (*fn)(const struct rule *, void *aux), void *aux)
{
    uint64_t version = current_version(ofproto);
    size_t first = req->table_id == OFPTT_ALL ? 0 : req->table_id;
    size_t last =
        req->table_id == OFPTT_ALL ? OFPROTO_N_TABLES - 1 : req->table_id;

    for (size_t t = first; t <= last; t++) {
        struct cls_cursor cursor;
        const struct cls_rule *cr;

        cls_cursor_init(&cursor, &ofproto->tables[t].cls, &req->match, version);
        while ((cr = cls_cursor_next(&cursor))) {
            const struct rule *rule = CONTAINER_OF(cr, struct rule, cr);

            if (((rule->cookie ^ req->cookie) & req->cookie_mask) == 0
                && ofproto_rule_is_selected_by(rule, req->out_port,
                                               req->out_group)) {
                fn(rule, aux);
            }
        }
    }
}

static void
add_flow_stats(const struct rule *rule, void *reply_)
{
    struct ofp_msg *reply = reply_;
    struct ofp_flow_stats *fs = OFP_STATS_PUSH(reply->flow_stats_reply);

    fs->table_id = rule->table_id;
    ofproto_duration(rule->created_ms, &fs->duration_sec, &fs->duration_nsec);
    fs->priority = rule->cr.priority;
    fs->idle_timeout = rule->idle_timeout;
    fs->hard_timeout = rule->hard_timeout;
    fs->flags = rule->flags;
    fs->cookie = rule->cookie;
    fs->packet_count =
        rule->flags & OFPFF_NO_PKT_COUNTS ? UINT64_MAX : rule->n_packets;
    fs->byte_count =
        rule->flags & OFPFF_NO_BYT_COUNTS ? UINT64_MAX : rule->n_bytes;
    fs->match = rule->cr.match;
    /* Borrowed from the rule, which outlives the reply: the reply is sent
     * before this handler returns, and then only its array is freed. */
    fs->instructions = rule->insts;
}

static int
handle_flow_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                  const struct ofp_msg *req)
{
    struct ofp_msg reply;

    if (req->flow_stats_request.table_id >= OFPROTO_N_TABLES
        && req->flow_stats_request.table_id != OFPTT_ALL) {
        return -OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    ofp_msg_init(&reply, OFPK_FLOW_STATS_REPLY, req->xid);
    for_each_selected_rule(ofproto, &req->flow_stats_request, add_flow_stats,
                           &reply);
    ofconn_send_multipart(ofconn, &reply);
    free(reply.flow_stats_reply.entries);
    return 0;
}

static void
add_aggregate(const struct rule *rule, void *agg_)
{
    struct ofp_aggregate_reply *agg = agg_;

    agg->packet_count += rule->n_packets;
    agg->byte_count += rule->n_bytes;
    agg->flow_count++;
}

static int
handle_aggregate(struct ofproto *ofproto, struct ofconn *ofconn,
                 const struct ofp_msg *req)
{
    struct ofp_msg reply;

    if (req->flow_stats_request.table_id >= OFPROTO_N_TABLES
        && req->flow_stats_request.table_id != OFPTT_ALL) {
        return -OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    ofp_msg_init(&reply, OFPK_AGGREGATE_REPLY, req->xid);
    for_each_selected_rule(ofproto, &req->flow_stats_request, add_aggregate,
                           &reply.aggregate_reply);
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

static int
handle_table_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                   const struct ofp_msg *req)
{
    struct ofp_msg reply;

    ofp_msg_init(&reply, OFPK_TABLE_STATS_REPLY, req->xid);
    for (size_t t = 0; t < OFPROTO_N_TABLES; t++) {
        const struct oftable *table = &ofproto->tables[t];
        struct ofp_table_stats *ts = OFP_STATS_PUSH(reply.table_stats_reply);

        ts->table_id = t;
        ts->active_count = table->n_flows;
        ts->lookup_count = table->n_lookups;
        ts->matched_count = table->n_matches;
    }
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

int
ofproto_handle_flow_stats_msg(struct ofproto *ofproto, struct ofconn *ofconn,
                              const struct ofp_msg *req)
{
    switch (req->kind) {
    case OFPK_FLOW_STATS_REQUEST:
        return handle_flow_stats(ofproto, ofconn, req);
    case OFPK_AGGREGATE_REQUEST:
        return handle_aggregate(ofproto, ofconn, req);
    case OFPK_TABLE_STATS_REQUEST:
        return handle_table_stats(ofproto, ofconn, req);
    default:
        return -OFPERR_OFPBRC_BAD_STAT;
    }
}
