/* Translation of OpenFlow groups (OpenFlow 1.3 section 5.6): each bucket
 * runs on a copy of the packet (a datapath CLONE), so that what a bucket
 * does to the headers stays in that bucket. */
#include <errno.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "lib/hash.h"
#include "lib/util.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate_private.h"

static void
run_bucket(struct xlate_ctx *ctx, const struct ofgroup *group, size_t i)
{
    struct buf *b = &ctx->out->actions;
    struct flow_key saved = ctx->flow;
    bool halted = ctx->halted;
    size_t start;

    if (ctx->xin->xcache) {
        xlate_cache_add_bucket(ctx->xin->xcache, group->group_id, i);
    }
    xlate_commit(ctx);
    xlate_trace(ctx, "group %u bucket %zu:", group->group_id, i);
    start = dp_actions_start_clone(b);
    ctx->depth++;
    xlate_actions(ctx, &group->buckets[i].actions);
    ctx->depth--;
    if (dp_actions_end_clone(b, start) && !ctx->error) {
        ctx->error = -E2BIG;
    }
    /* The bucket's rewrites happened to its copy only. */
    ctx->flow = saved;
    flow_mask_catchall(&ctx->dirty);
    ctx->halted = halted;
}

/* Hashes the packet's addresses and ports, so that one connection always
 * takes the same bucket; the megaflow then depends on them. */
static uint32_t
select_hash(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    struct flow_key *wc = &ctx->out->wc.bits;
    uint64_t h = 0;

    memset(&wc->dl_src, 0xff, sizeof wc->dl_src);
    memset(&wc->dl_dst, 0xff, sizeof wc->dl_dst);
    wc->vlans[0].tci |= htons(PKT_VLAN_VID_MASK | PKT_VLAN_CFI);
    wc->nw_proto = 0xff;
    wc->nw_src = wc->nw_dst = 0xffffffff;
    memset(&wc->ipv6_src, 0xff, sizeof wc->ipv6_src);
    memset(&wc->ipv6_dst, 0xff, sizeof wc->ipv6_dst);
    wc->tp_src = wc->tp_dst = 0xffff;

    h = hash_bytes(&f->dl_src, sizeof f->dl_src, 0);
    h = hash_bytes(&f->dl_dst, sizeof f->dl_dst, h);
    h = hash_uint64(ntohs(f->vlans[0].tci) & PKT_VLAN_VID_MASK, h);
    h = hash_uint64(((uint64_t) f->nw_proto << 32) | f->nw_src, h);
    h = hash_uint64(f->nw_dst, h);
    h = hash_bytes(&f->ipv6_src, sizeof f->ipv6_src, h);
    h = hash_bytes(&f->ipv6_dst, sizeof f->ipv6_dst, h);
    return hash_uint64(((uint64_t) f->tp_src << 16) | f->tp_dst, h);
}

/* Picks a live bucket with probability proportional to its weight. */
static int
select_bucket(struct xlate_ctx *ctx, const struct ofgroup *group)
{
    uint64_t total = 0, point;

    for (size_t i = 0; i < group->n_buckets; i++) {
        if (ofproto_bucket_is_live(ctx->ofproto, &group->buckets[i], 0)) {
            total += group->buckets[i].weight;
        }
    }
    if (!total) {
        return -1;
    }
    point = select_hash(ctx) % total;
    for (size_t i = 0; i < group->n_buckets; i++) {
        const struct ofp_bucket *bucket = &group->buckets[i];

        if (ofproto_bucket_is_live(ctx->ofproto, bucket, 0)) {
            if (point < bucket->weight) {
                return i;
            }
            point -= bucket->weight;
        }
    }
    return -1;
}

static int
first_live_bucket(struct xlate_ctx *ctx, const struct ofgroup *group)
{
    for (size_t i = 0; i < group->n_buckets; i++) {
        if (ofproto_bucket_is_live(ctx->ofproto, &group->buckets[i], 0)) {
            return i;
        }
    }
    return -1;
}

void
xlate_group(struct xlate_ctx *ctx, uint32_t group_id)
{
    const struct ofgroup *group = ofproto_group_lookup(ctx->ofproto, group_id);
    int i = -1;

    if (!group) {
        xlate_trace(ctx, "group:%u: no such group", group_id);
        return;
    }
    if (ctx->depth >= XLATE_MAX_DEPTH) {
        ctx->error = -ELOOP;
        return;
    }
    if (ctx->xin->xcache) {
        xlate_cache_add_group(ctx->xin->xcache, group_id);
    }
    switch (group->type) {
    case OFPGT_ALL:
        for (size_t k = 0; k < group->n_buckets && !ctx->error; k++) {
            run_bucket(ctx, group, k);
        }
        return;
    case OFPGT_INDIRECT:
        i = group->n_buckets ? 0 : -1;
        break;
    case OFPGT_SELECT:
        i = select_bucket(ctx, group);
        break;
    case OFPGT_FF:
        i = first_live_bucket(ctx, group);
        break;
    }
    if (i < 0) {
        xlate_trace(ctx, "group %u: no live bucket: drop", group_id);
        return;
    }
    run_bucket(ctx, group, i);
}
