/* The DPDK datapath's fast path: a received batch through the exact-match
 * cache, the megaflow classifier and the actions, with output gathered
 * per port and sent in bursts.  See dpif_dpdk.h.
 *
 * Exact-match cache: per PMD, direct-mapped on the hash of a packet's
 * whole key, to its megaflow.  An entry is valid for the datapath
 * ('dp_serial') and megaflow generation ('gen') it was made in: removing
 * any megaflow bumps the generation, so the cache never hands out a
 * megaflow that was removed before the current batch started, and one
 * removed during the batch is not freed before the PMD quiesces.
 *
 * Output: packets that a batch sends to a port are gathered in a small
 * table of per-port buffers and sent with one rte_eth_tx_burst() per port
 * when the batch ends.  A megaflow whose actions are a single OUTPUT
 * skips the executor: its mbufs go straight to the buffer.
 *
 * Recirculation: packets that TUNNEL_POP decapsulated on a PMD gather in a
 * batch of their own that the PMD looks up right after the batch they came
 * from, before the output is sent (their misses go to the handler like any
 * other).  On the handler and in dpif_execute(), they go to the handler's
 * queue instead, which looks them up as it looks up misses. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <rte_hash_crc.h>
#include <rte_malloc.h>

#include "datapath/dp_execute.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/util.h"

#define EMC_ENTRIES 8192 /* A power of 2. */
#define MAX_OUTS 8       /* Distinct output ports gathered per batch. */

struct emc_entry {
    uint64_t dp_serial; /* 0: empty. */
    uint64_t gen;
    struct dpdk_flow *flow;
    uint32_t hash;
    struct flow_key key;
};

struct dpdk_emc {
    struct emc_entry e[EMC_ENTRIES];
};

struct dpdk_emc *
dpdk_emc_create(void)
{
    return rte_zmalloc("pont_emc", sizeof(struct dpdk_emc),
                       RTE_CACHE_LINE_SIZE);
}

void
dpdk_emc_destroy(struct dpdk_emc *emc)
{
    rte_free(emc);
}

/* Packets in mbufs
 * ---------------- */

static void
release_mbuf(struct dp_packet *p)
{
    rte_pktmbuf_free(dpdk_packet_mbuf(p));
}

struct dp_packet *
dpdk_packet_from_mbuf(struct rte_mbuf *m, uint32_t port_no)
{
    struct dp_packet *p = dpdk_mbuf_packet(m);

    dp_packet_init_external(p, m->buf_addr, m->buf_len, m->data_off,
                            m->data_len, release_mbuf);
    p->in_port = port_no;
    return p;
}

/* Whether 'p' lives in an mbuf (as opposed to a heap clone). */
static bool
dpdk_packet_is_mbuf(const struct dp_packet *p)
{
    return p->release_ == release_mbuf;
}

struct rte_mbuf *
dpdk_packet_to_mbuf(struct dp_packet *p, struct rte_mempool *pool)
{
    struct rte_mbuf *m;
    size_t size = dp_packet_size(p);

    if (dpdk_packet_is_mbuf(p) && dp_packet_external_bytes(p)) {
        m = dpdk_packet_mbuf(p);
        m->data_off = (uint16_t) dp_packet_headroom(p);
        m->data_len = (uint16_t) size;
        m->pkt_len = (uint32_t) size;
        return m;
    }
    m = rte_pktmbuf_alloc(pool);
    if (m && size <= rte_pktmbuf_tailroom(m)) {
        memcpy(rte_pktmbuf_append(m, (uint16_t) size), dp_packet_data(p),
               size);
    } else if (m) {
        rte_pktmbuf_free(m);
        m = NULL;
    }
    dp_packet_delete(p);
    return m;
}

/* Output gathering
 * ---------------- */

struct out_buf {
    struct dpdk_port *port;
    uint16_t n;
    struct rte_mbuf *m[DP_PACKET_BATCH_MAX];
};

struct exec_ctx {
    struct dpif_dpdk *dp;
    unsigned slot;
    size_t n_outs;
    struct out_buf outs[MAX_OUTS];
    struct dp_packet_batch *recirc; /* PMD: decapsulated packets; or NULL. */
};

static void
flush_outs(struct exec_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_outs; i++) {
        struct out_buf *o = &ctx->outs[i];

        if (o->n) {
            dpdk_port_send(o->port, ctx->slot, o->m, o->n);
        }
    }
    ctx->n_outs = 0;
}

static void
queue_mbuf(struct exec_ctx *ctx, struct dpdk_port *port, struct rte_mbuf *m)
{
    struct out_buf *o = NULL;

    for (size_t i = 0; i < ctx->n_outs; i++) {
        if (ctx->outs[i].port == port) {
            o = &ctx->outs[i];
            break;
        }
    }
    if (!o) {
        if (ctx->n_outs >= MAX_OUTS) {
            dpdk_port_send(port, ctx->slot, &m, 1);
            return;
        }
        o = &ctx->outs[ctx->n_outs++];
        o->port = port;
        o->n = 0;
    }
    if (o->n >= DP_PACKET_BATCH_MAX) {
        dpdk_port_send(port, ctx->slot, o->m, o->n);
        o->n = 0;
    }
    o->m[o->n++] = m;
}

/* The executor's OUTPUT op. */
static void
exec_output(void *ctx_, uint32_t port_no, struct dp_packet *p)
{
    struct exec_ctx *ctx = ctx_;
    struct dpdk_port *port = dpdk_port_get(ctx->dp, port_no);
    struct rte_mbuf *m;

    if (!port || !port->n_txq) {
        dp_packet_delete(p);
        return;
    }
    m = dpdk_packet_to_mbuf(p, ctx->dp->pool);
    if (m) {
        queue_mbuf(ctx, port, m);
    } else {
        atomic_fetch_add_explicit(&port->tx_dropped, 1, memory_order_relaxed);
    }
}

static void
exec_meter(void *ctx_, uint32_t meter_id, struct dp_packet_batch *batch)
{
    struct exec_ctx *ctx = ctx_;

    dpdk_meter_run(ctx->dp->meters, meter_id, batch);
}

static void
exec_userspace(void *ctx_, const uint8_t *cookie, size_t cookie_len,
               const struct dp_packet *p)
{
    struct exec_ctx *ctx = ctx_;

    dpdk_userspace(ctx->dp, cookie, cookie_len, p);
}

/* Returns the mbuf of 'p' (consumed), its metadata in the mbuf's packet,
 * ready for the handler's queue; NULL if no mbuf could be had. */
static struct rte_mbuf *
miss_mbuf(struct dpif_dpdk *dp, struct dp_packet *p)
{
    bool in_place = dpdk_packet_is_mbuf(p) && dp_packet_external_bytes(p);
    struct dp_packet saved = *p;
    struct rte_mbuf *m = dpdk_packet_to_mbuf(p, dp->pool);

    if (m && !in_place) {
        /* A new mbuf: its packet still needs the metadata. */
        struct dp_packet *q = dpdk_packet_from_mbuf(m, saved.in_port);

        q->tunnel = saved.tunnel;
        q->recirc_depth = saved.recirc_depth;
    }
    return m;
}

/* Gives 'p' (consumed) to the handler, as a miss; false if its queue is
 * full. */
static bool
enqueue_for_handler(struct dpif_dpdk *dp, struct dp_packet *p)
{
    struct rte_mbuf *m = miss_mbuf(dp, p);

    if (!m) {
        return false;
    }
    if (rte_ring_enqueue(dp->miss_ring, m)) {
        rte_pktmbuf_free(m);
        return false;
    }
    dpdk_handler_wake(dp);
    return true;
}

/* The executor's recirculation op. */
static void
exec_recirculate(void *ctx_, struct dp_packet *p)
{
    struct exec_ctx *ctx = ctx_;

    if (ctx->recirc && !dp_packet_batch_add(ctx->recirc, p)) {
        return;
    }
    if (!enqueue_for_handler(ctx->dp, p)) {
        atomic_fetch_add_explicit(&ctx->dp->n_lost, 1, memory_order_relaxed);
    }
}

static const struct dp_execute_ops execute_ops = {
    .output = exec_output,
    .meter = exec_meter,
    .userspace = exec_userspace,
    .recirculate = exec_recirculate,
};

/* Runs 'a' on 'batch' (consumed), gathering output in 'ctx'.  'fresh'
 * says that the packets come straight from a receive burst. */
static void
run_actions(struct exec_ctx *ctx, struct dp_packet_batch *batch,
            const struct dpdk_actions *a, bool fresh)
{
    struct dpdk_port *port;

    if (fresh && a->only_output != DPIF_PORT_ANY
        && (port = dpdk_port_get(ctx->dp, a->only_output)) && port->n_txq) {
        /* Packets straight from a receive burst: nothing has touched their
         * bytes, so their mbufs go out as they came in. */
        for (size_t i = 0; i < batch->count; i++) {
            queue_mbuf(ctx, port, dpdk_packet_mbuf(batch->packets[i]));
        }
        batch->count = 0;
        return;
    }
    dp_execute(batch, a->data, a->len, &execute_ops, ctx);
}

void
dpdk_execute_batch(struct dpif_dpdk *dp, struct dp_packet_batch *batch,
                   const void *actions, size_t len, unsigned slot)
{
    struct exec_ctx ctx = {.dp = dp, .slot = slot};

    dp_execute(batch, actions, len, &execute_ops, &ctx);
    flush_outs(&ctx);
}

int
dpdk_execute(struct dpif *dpif, struct dp_packet *p, const void *actions,
             size_t len)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dp_packet_batch batch;

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    /* The caller is no RCU reader: the mutex keeps ports and meters from
     * going away instead. */
    pthread_mutex_lock(&dp->mutex);
    dpdk_execute_batch(dp, &batch, actions, len, DPDK_TX_SLOT_SHARED);
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

/* Classification
 * -------------- */

/* Loads 8 bytes at 'p' (any alignment). */
static inline uint64_t
load64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* The cache's hash, computed from the packet's bytes rather than from the
 * key that the parser has just written: reading the key back word by word
 * right after its many narrow stores stalls on store forwarding, which
 * cost more than the rest of the lookup.  It covers the Ethernet addresses
 * and type or tag, IPv4 addresses and TCP/UDP ports, all of which are in
 * the key, so that packets with equal keys hash alike (bytes that are not
 * in the key would only cost cache hits, never correctness: entries
 * compare whole keys). */
static inline uint32_t
emc_hash(struct dp_packet *p, const struct flow_key *key)
{
    const uint8_t *d = dp_packet_data(p);
    size_t size = dp_packet_size(p);
    const struct flow_offsets *o = dp_packet_offsets(p); /* Known. */
    uint32_t h = rte_hash_crc_4byte(key->in_port, 0);

    if (size < 16) {
        return rte_hash_crc(d, size, h);
    }
    h = rte_hash_crc_8byte(load64(d), h);
    h = rte_hash_crc_8byte(load64(d + 8), h);
    if (key->dl_type == htons(PKT_ETH_TYPE_IPV4) && o->l3 != FLOW_OFS_NONE
        && o->l3 + 20 <= size) {
        h = rte_hash_crc_8byte(load64(d + o->l3 + 12), h);
        if ((key->nw_proto == IPPROTO_TCP || key->nw_proto == IPPROTO_UDP)
            && o->l4 != FLOW_OFS_NONE && o->l4 + 4 <= size) {
            uint32_t ports;

            memcpy(&ports, d + o->l4, sizeof ports);
            h = rte_hash_crc_4byte(ports, h);
        }
    }
    return h;
}

static struct dpdk_flow *
lookup(struct dpif_dpdk *dp, struct dpdk_emc *emc, uint64_t gen,
       struct dp_packet *p, const struct flow_key *key,
       struct dpdk_path_stats *st)
{
    uint32_t hash = emc_hash(p, key);
    struct emc_entry *e = &emc->e[hash & (EMC_ENTRIES - 1)];
    struct dpdk_flow *flow;

    if (e->hash == hash && e->dp_serial == dp->serial && e->gen == gen
        && !memcmp(&e->key, key, sizeof *key)) {
        st->emc_hits++;
        return e->flow;
    }
    flow = dpdk_cls_lookup(dp->cls, key);
    if (flow) {
        st->cls_hits++;
        e->dp_serial = dp->serial;
        e->gen = gen;
        e->hash = hash;
        e->flow = flow;
        e->key = *key;
    }
    return flow;
}

/* Hands the 'n' missed mbufs to the handler; drops what does not fit. */
static void
send_misses(struct dpif_dpdk *dp, struct rte_mbuf **missed, unsigned n,
            struct dpdk_path_stats *st)
{
    unsigned queued = rte_ring_enqueue_burst(dp->miss_ring, (void **) missed,
                                             n, NULL);

    st->misses += n;
    atomic_fetch_add_explicit(&dp->n_missed, n, memory_order_relaxed);
    if (queued < n) {
        rte_pktmbuf_free_bulk(missed + queued, n - queued);
        st->lost += n - queued;
        atomic_fetch_add_explicit(&dp->n_lost, n - queued,
                                  memory_order_relaxed);
    }
    if (queued) {
        dpdk_handler_wake(dp);
    }
}

/* Looks up the 'n' packets at 'pkts' (consumed) and runs their
 * megaflows' actions; misses go to the handler.  'fresh': as for
 * run_actions(). */
static void
classify_and_run(struct exec_ctx *ctx, struct dp_packet **pkts, size_t n,
                 bool fresh, struct dpdk_emc *emc, struct dpdk_path_stats *st)
{
    struct dpif_dpdk *dp = ctx->dp;
    uint64_t gen = atomic_load_explicit(&dp->flow_gen, memory_order_acquire);
    struct dp_hit_group groups[DP_PACKET_BATCH_MAX];
    struct rte_mbuf *missed[DP_PACKET_BATCH_MAX];
    size_t n_groups = 0, n_hit = 0;
    unsigned n_missed = 0;
    long long now;

    for (size_t i = 0; i < n; i++) {
        struct dp_packet *p = pkts[i];
        struct dpdk_flow *flow;
        struct flow_key key;

        dp_packet_parse(p, &key);
        flow = lookup(dp, emc, gen, p, &key, st);
        if (flow) {
            dp_hit_group_add(groups, &n_groups, flow, p, &key);
            n_hit++;
        } else if (fresh) {
            missed[n_missed++] = dpdk_packet_mbuf(p);
        } else if ((missed[n_missed] = miss_mbuf(dp, p))) {
            n_missed++;
        }
    }
    if (n_missed) {
        send_misses(dp, missed, n_missed, st);
    }
    if (!n_groups) {
        return;
    }
    atomic_fetch_add_explicit(&dp->n_hit, n_hit, memory_order_relaxed);
    now = dpdk_now_ms();
    for (size_t i = 0; i < n_groups; i++) {
        struct dp_hit_group *g = &groups[i];
        struct dpdk_flow *flow = g->flow;
        const struct dpdk_actions *a = atomic_load_explicit(
            (struct dpdk_actions *_Atomic *) &flow->actions,
            memory_order_acquire);

        dp_flow_counters_credit(&flow->counters, g->batch.count, g->n_bytes,
                                g->tcp_flags, now);
        run_actions(ctx, &g->batch, a, fresh);
    }
}

void
dpdk_process(struct dpdk_port *port, struct rte_mbuf **pkts, uint16_t n,
             unsigned slot, struct dpdk_emc *emc, struct dpdk_path_stats *st)
{
    struct dp_packet_batch recirc = {.count = 0};
    struct exec_ctx ctx = {.dp = port->dp, .slot = slot, .recirc = &recirc};
    struct dp_packet *packets[DP_PACKET_BATCH_MAX];
    size_t n_packets = 0;

    st->packets += n;
    for (uint16_t i = 0; i < n; i++) {
        if (pkts[i]->nb_segs != 1) {
            /* Larger than one buffer: not supported (MTU 1500). */
            rte_pktmbuf_free(pkts[i]);
            atomic_fetch_add(&port->rx_dropped, 1);
            continue;
        }
        packets[n_packets++] = dpdk_packet_from_mbuf(pkts[i], port->port_no);
    }
    classify_and_run(&ctx, packets, n_packets, true, emc, st);
    while (recirc.count) {
        /* Decapsulated packets, looked up again (TUNNEL_POP bounds how
         * many times). */
        struct dp_packet_batch again = recirc;

        recirc.count = 0;
        classify_and_run(&ctx, again.packets, again.count, false, emc, st);
    }
    flush_outs(&ctx);
}
