/* The DPDK datapath's fast path: a received batch through the exact-match
 * cache, the megaflow classifier and the actions, with output gathered
 * per port and sent in bursts.  See dpif_dpdk.h.
 *
 * A batch is parsed whole first (keys, hashes, cache prefetches), then
 * classified packet by packet, then its actions run once per megaflow.
 *
 * Exact-match cache: per PMD, from a packet's whole key to its megaflow,
 * 2-way set-associative on the key's hash (direct-mapped, 1,000 flows
 * already thrashed in a tenth of their entries).  An entry is valid for
 * the datapath ('dp_serial') and megaflow generation ('gen') it was made
 * in: removing any megaflow bumps the generation, so the cache never hands
 * out a megaflow that was removed before the current batch started, and
 * one removed during the batch is not freed before the PMD quiesces.
 *
 * Output: packets that a batch sends to a port are gathered in a small
 * table of per-port buffers and sent with one rte_eth_tx_burst() per port
 * when the batch ends.  A megaflow whose actions are a single OUTPUT
 * skips the executor: its mbufs go straight to the buffer.
 *
 * Recirculation: packets that TUNNEL_POP decapsulated on a PMD gather in a
 * batch of their own, which the PMD looks up (in the megaflow classifier;
 * they are not cached) right after the batch they came from, before the
 * output is sent; their misses go to the handler like any other.  On the
 * handler and in dpif_execute(), they go to the handler's queue instead,
 * which looks them up as it looks up misses. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <rte_hash_crc.h>
#include <rte_malloc.h>
#include <rte_prefetch.h>

#include "datapath/dp_execute.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/flow_extract.h"
#include "lib/util.h"

#define EMC_WAYS 2          /* Entries a hash may use. */
#define EMC_SETS 4096        /* A power of 2. */
#define MAX_OUTS 8       /* Distinct output ports gathered per batch. */

struct emc_entry {
    uint32_t hash;      /* First: the only field most misses read. */
    uint64_t dp_serial; /* 0: empty. */
    uint64_t gen;
    struct dpdk_flow *flow;
    struct flow_key key;
};

/* A set: the ways that a hash may use, adjacent in memory. */
struct emc_set {
    struct emc_entry way[EMC_WAYS];
};

struct dpdk_emc {
    struct emc_set sets[EMC_SETS];
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

/* Returns the buffer of 'port' in 'ctx', starting one if needed, or NULL
 * if the table is full. */
static struct out_buf *
find_out(struct exec_ctx *ctx, struct dpdk_port *port)
{
    struct out_buf *o;

    for (size_t i = 0; i < ctx->n_outs; i++) {
        if (ctx->outs[i].port == port) {
            return &ctx->outs[i];
        }
    }
    if (ctx->n_outs >= MAX_OUTS) {
        return NULL;
    }
    o = &ctx->outs[ctx->n_outs++];
    o->port = port;
    o->n = 0;
    return o;
}

static void
queue_mbuf(struct exec_ctx *ctx, struct dpdk_port *port, struct rte_mbuf *m)
{
    struct out_buf *o = find_out(ctx, port);

    if (!o) {
        dpdk_port_send(port, ctx->slot, &m, 1);
        return;
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

/* Gives 'p' (consumed) to the handler, as a miss; false if that failed
 * (no mbuf, or the queue is full). */
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
emc_hash(const uint8_t *d, size_t size, const struct flow_offsets *o,
         const struct flow_key *key)
{
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

/* 16 bytes of a key, compared as one vector (SSE2 on x86): a scalar loop
 * over the key's 23 words costs three times as much as this. */
typedef uint64_t key_chunk __attribute__((vector_size(16)));

/* Whether 'a' and 'b' are equal, without branches.  Keys are a multiple of
 * 8 bytes (lib/flow.c checks it). */
static inline bool
key_equal(const struct flow_key *a, const struct flow_key *b)
{
    const uint8_t *x = (const uint8_t *) a, *y = (const uint8_t *) b;
    key_chunk diff = {0, 0};
    uint64_t rest = 0;
    size_t i;

    for (i = 0; i + sizeof diff <= sizeof *a; i += sizeof diff) {
        key_chunk u, v;

        memcpy(&u, x + i, sizeof u);
        memcpy(&v, y + i, sizeof v);
        diff |= u ^ v;
    }
    if (i < sizeof *a) {
        rest = load64(x + i) ^ load64(y + i);
    }
    return !(diff[0] | diff[1] | rest);
}

/* Prefetches the start of every way of 'set': hashes, and the start of
 * keys. */
static inline void
emc_prefetch(const struct emc_set *set)
{
    for (size_t i = 0; i < EMC_WAYS; i++) {
        rte_prefetch0(&set->way[i]);
    }
}

/* Whether 'e' holds a megaflow of the current datapath and generation. */
static inline bool
emc_entry_valid(const struct emc_entry *e, const struct dpif_dpdk *dp,
                uint64_t gen)
{
    return e->dp_serial == dp->serial && e->gen == gen;
}

/* The way of 'set' that a new entry for 'hash' replaces: an invalid one if
 * there is one, else one chosen by the hash's high bits (a deterministic,
 * spread choice that needs no bookkeeping on hits). */
static struct emc_entry *
emc_victim(struct emc_set *set, uint32_t hash, const struct dpif_dpdk *dp,
           uint64_t gen)
{
    for (size_t i = 0; i < EMC_WAYS; i++) {
        if (!emc_entry_valid(&set->way[i], dp, gen)) {
            return &set->way[i];
        }
    }
    return &set->way[(hash >> 24) % EMC_WAYS];
}

/* A received batch between parsing and classification: each packet's key
 * and header offsets, and the cache set that its hash selects
 * (prefetched).  The dp_packets in the mbufs' private areas are set up
 * only for the packets that need one (misses, and the executor): the
 * single-output shortcut sends mbufs without them. */
struct rx_batch {
    uint32_t port_no;
    unsigned n;
    struct rte_mbuf *m[DP_PACKET_BATCH_MAX];
    struct emc_set *set[DP_PACKET_BATCH_MAX];
    uint32_t hash[DP_PACKET_BATCH_MAX];
    struct flow_offsets ofs[DP_PACKET_BATCH_MAX];
    struct flow_key key[DP_PACKET_BATCH_MAX];
};

/* Parses the 'n' mbufs at 'pkts' into 'b', dropping those that the fast
 * path does not take.  Parsing the whole batch before the first lookup
 * lets the key stores retire before the cache compares keys (reading a key
 * back right after its narrow stores stalls on store forwarding) and gives
 * the prefetches of cache entries time to land. */
static void
parse_batch(struct dpdk_port *port, struct dpdk_emc *emc,
            struct rte_mbuf **pkts, uint16_t n, struct rx_batch *b)
{
    b->port_no = port->port_no;
    b->n = 0;
    for (uint16_t i = 0; i < n; i++) {
        struct rte_mbuf *m = pkts[i];
        const uint8_t *data = rte_pktmbuf_mtod(m, const uint8_t *);
        unsigned k = b->n;

        if (m->nb_segs != 1) {
            /* Larger than one buffer: not supported (MTU 1500). */
            rte_pktmbuf_free(m);
            atomic_fetch_add(&port->rx_dropped, 1);
            continue;
        }
        flow_extract(data, m->data_len, b->port_no, &b->key[k], &b->ofs[k]);
        b->hash[k] = emc_hash(data, m->data_len, &b->ofs[k], &b->key[k]);
        b->set[k] = &emc->sets[b->hash[k] & (EMC_SETS - 1)];
        emc_prefetch(b->set[k]);
        b->m[k] = m;
        b->n++;
    }
}

/* Sets up and returns the dp_packet of packet 'i' of 'b', offsets known. */
static struct dp_packet *
batch_packet(const struct rx_batch *b, unsigned i)
{
    struct dp_packet *p = dpdk_packet_from_mbuf(b->m[i], b->port_no);

    dp_packet_set_offsets(p, &b->ofs[i]);
    return p;
}

/* Finds the megaflow of packet 'i' of 'b': in the cache, else in the
 * classifier (and then caches it). */
static struct dpdk_flow *
lookup(struct dpif_dpdk *dp, uint64_t gen, const struct rx_batch *b,
       unsigned i, struct dpdk_path_stats *st)
{
    struct emc_set *set = b->set[i];
    const struct flow_key *key = &b->key[i];
    uint32_t hash = b->hash[i];
    struct dpdk_flow *flow;
    struct emc_entry *e;

    for (size_t w = 0; w < EMC_WAYS; w++) {
        e = &set->way[w];
        if (e->hash == hash && emc_entry_valid(e, dp, gen)
            && key_equal(&e->key, key)) {
            st->emc_hits++;
            return e->flow;
        }
    }
    flow = dpdk_cls_lookup(dp->cls, key);
    if (flow) {
        st->cls_hits++;
        e = emc_victim(set, hash, dp, gen);
        e->dp_serial = dp->serial;
        e->gen = gen;
        e->hash = hash;
        e->flow = flow;
        e->key = *key;
    }
    return flow;
}

/* The packets of a batch that hit one megaflow, as indexes into the
 * batch, with their byte count and TCP flags. */
struct hit_group {
    struct dpdk_flow *flow;
    unsigned n;
    uint64_t n_bytes;
    uint16_t tcp_flags;
    uint8_t idx[DP_PACKET_BATCH_MAX];
};

/* Adds packet 'i' of 'b' to the group of 'flow' among the '*n' groups at
 * 'groups', starting one if needed. */
static inline void
hit_group_add(struct hit_group *groups, size_t *n, struct dpdk_flow *flow,
              const struct rx_batch *b, unsigned i)
{
    struct hit_group *g = NULL;

    /* Newest first: consecutive packets usually share a megaflow. */
    for (size_t j = *n; j-- > 0;) {
        if (groups[j].flow == flow) {
            g = &groups[j];
            break;
        }
    }
    if (!g) {
        g = &groups[(*n)++];
        g->flow = flow;
        g->n = 0;
        g->n_bytes = 0;
        g->tcp_flags = 0;
    }
    g->n_bytes += b->m[i]->data_len;
    g->tcp_flags |= ntohs(b->key[i].tcp_flags);
    g->idx[g->n++] = (uint8_t) i;
}

/* Queues the mbufs of group 'g' of 'b' for 'port', as many at a time as
 * the buffer takes, with its count kept in a register. */
static void
queue_group(struct exec_ctx *ctx, struct dpdk_port *port,
            const struct rx_batch *b, const struct hit_group *g)
{
    struct out_buf *o = find_out(ctx, port);
    unsigned i = 0;

    while (o && i < g->n) {
        unsigned room = DP_PACKET_BATCH_MAX - o->n;
        unsigned k = RTE_MIN(room, g->n - i);
        uint16_t n = o->n;

        if (!room) {
            dpdk_port_send(port, ctx->slot, o->m, o->n);
            o->n = 0;
            continue;
        }
        for (unsigned j = 0; j < k; j++) {
            o->m[n + j] = b->m[g->idx[i + j]];
        }
        o->n = (uint16_t) (n + k);
        i += k;
    }
    for (; i < g->n; i++) {
        queue_mbuf(ctx, port, b->m[g->idx[i]]);
    }
}

/* Runs 'a' on the packets of group 'g' of 'b' (just received, unmodified),
 * gathering output in 'ctx'. */
static void
run_actions(struct exec_ctx *ctx, const struct rx_batch *b,
            const struct hit_group *g, const struct dpdk_actions *a)
{
    struct dp_packet_batch batch;
    struct dpdk_port *port;

    if (a->only_output != DPIF_PORT_ANY
        && (port = dpdk_port_get(ctx->dp, a->only_output)) && port->n_txq) {
        /* Packets straight from a receive burst: nothing has touched their
         * bytes, so their mbufs go out as they came in. */
        queue_group(ctx, port, b, g);
        return;
    }
    dp_packet_batch_init(&batch);
    for (unsigned i = 0; i < g->n; i++) {
        batch.packets[batch.count++] = batch_packet(b, g->idx[i]);
    }
    dp_execute(&batch, a->data, a->len, &execute_ops, ctx);
}

/* Adds 'n' to a counter that only the calling PMD writes. */
static inline void
count_own(_Atomic uint64_t *c, uint64_t n)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
                          memory_order_relaxed);
}

/* Hands the 'n' missed packets of 'b' at indexes 'idx' to the handler;
 * drops what does not fit. */
static void
send_misses(struct dpif_dpdk *dp, const struct rx_batch *b,
            const uint8_t *idx, unsigned n, unsigned slot,
            struct dpdk_path_stats *st)
{
    struct dpdk_pmd_dp_counters *c = &dp->pmd_counters[slot];
    struct rte_mbuf *missed[DP_PACKET_BATCH_MAX];
    unsigned queued;

    for (unsigned i = 0; i < n; i++) {
        batch_packet(b, idx[i]); /* The handler reads it from the mbuf. */
        missed[i] = b->m[idx[i]];
    }
    queued = rte_ring_enqueue_burst(dp->miss_ring, (void **) missed, n, NULL);
    st->misses += n;
    count_own(&c->n_missed, n);
    if (queued < n) {
        rte_pktmbuf_free_bulk(missed + queued, n - queued);
        st->lost += n - queued;
        count_own(&c->n_lost, n - queued);
    }
    if (queued) {
        dpdk_handler_wake(dp);
    }
}

/* Looks up each packet of 'batch' (consumed: decapsulated packets) in the
 * megaflow classifier and runs its megaflow's actions, one packet at a
 * time; misses go to the handler. */
static void
process_recirculated(struct exec_ctx *ctx, struct dp_packet_batch *batch,
                     struct dpdk_path_stats *st)
{
    struct dpif_dpdk *dp = ctx->dp;
    long long now = dpdk_now_ms();

    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *p = batch->packets[i];
        struct dp_packet_batch one = {.count = 1, .packets = {p}};
        const struct dpdk_actions *a;
        struct dpdk_flow *flow;
        struct flow_key key;

        dp_packet_parse(p, &key);
        flow = dpdk_cls_lookup(dp->cls, &key);
        if (!flow) {
            st->misses++;
            count_own(&dp->pmd_counters[ctx->slot].n_missed, 1);
            if (!enqueue_for_handler(dp, p)) {
                st->lost++;
                count_own(&dp->pmd_counters[ctx->slot].n_lost, 1);
            }
            continue;
        }
        st->cls_hits++;
        count_own(&dp->pmd_counters[ctx->slot].n_hit, 1);
        dp_flow_counters_credit(&flow->counters, 1, dp_packet_size(p),
                                ntohs(key.tcp_flags), now);
        a = atomic_load_explicit(
            (struct dpdk_actions *_Atomic *) &flow->actions,
            memory_order_acquire);
        dp_execute(&one, a->data, a->len, &execute_ops, ctx);
    }
    batch->count = 0;
}

void
dpdk_process(struct dpdk_port *port, struct rte_mbuf **pkts, uint16_t n,
             unsigned slot, struct dpdk_emc *emc, struct dpdk_path_stats *st)
{
    struct dpif_dpdk *dp = port->dp;
    uint64_t gen = atomic_load_explicit(&dp->flow_gen, memory_order_acquire);
    struct hit_group groups[DP_PACKET_BATCH_MAX];
    uint8_t missed[DP_PACKET_BATCH_MAX];
    struct dp_packet_batch recirc = {.count = 0};
    struct exec_ctx ctx = {.dp = dp, .slot = slot, .recirc = &recirc};
    size_t n_groups = 0, n_hit = 0;
    unsigned n_missed = 0;
    struct rx_batch b;
    long long now;

    st->packets += n;
    parse_batch(port, emc, pkts, n, &b);
    for (unsigned i = 0; i < b.n; i++) {
        struct dpdk_flow *flow = lookup(dp, gen, &b, i, st);

        if (flow) {
            hit_group_add(groups, &n_groups, flow, &b, i);
            n_hit++;
        } else {
            missed[n_missed++] = (uint8_t) i;
        }
    }
    if (n_missed) {
        send_misses(dp, &b, missed, n_missed, slot, st);
    }
    if (!n_groups) {
        return;
    }
    count_own(&dp->pmd_counters[slot].n_hit, n_hit);
    now = dpdk_now_ms();
    for (size_t i = 0; i < n_groups; i++) {
        struct hit_group *g = &groups[i];
        const struct dpdk_actions *a = atomic_load_explicit(
            (struct dpdk_actions *_Atomic *) &g->flow->actions,
            memory_order_acquire);

        dp_flow_counters_credit(&g->flow->counters, g->n, g->n_bytes,
                                g->tcp_flags, now);
        run_actions(&ctx, &b, g, a);
    }
    while (recirc.count) {
        /* Decapsulated packets, looked up again (TUNNEL_POP bounds how
         * many times). */
        struct dp_packet_batch again = recirc;

        recirc.count = 0;
        process_recirculated(&ctx, &again, st);
    }
    flush_outs(&ctx);
}
