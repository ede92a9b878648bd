/* The DPDK datapath's megaflow table: a tuple-space classifier.
 *
 * Each distinct megaflow mask has a subtable: an rte_hash from the masked
 * key to the megaflow, created with lock-free readers.  A lookup masks the
 * packet's key with each subtable's mask in turn, visiting the subtables
 * in the order of their recent hits, and stops at the first match
 * (megaflows do not overlap: ofproto installs at most one per packet).
 *
 * Writers (the control path and the handler, under the datapath mutex)
 * replace what readers may hold and free it after a grace period: the
 * subtable list is an immutable array replaced as a whole (to add, remove
 * or reorder subtables), a full subtable's hash is replaced by one twice
 * its size, and a deleted key's slot and megaflow are freed after
 * dpdk_rcu_synchronize().  Removing a megaflow bumps 'flow_gen', which
 * invalidates the PMDs' exact-match caches. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/util.h"

#define SUBTABLE_MIN_ENTRIES 256
#define CLS_MAX_FLOWS (1u << 20)

struct dpdk_subtable {
    struct flow_mask mask;
    uint8_t words[FLOW_KEY_WORDS]; /* Indexes of nonzero mask words. */
    size_t n_words;
    struct rte_hash *_Atomic hash; /* RCU: replaced when it grows. */
    uint32_t capacity;
    uint32_t n_flows;
    _Atomic uint64_t hits;         /* Since the last sort. */
};

struct subtable_list {
    size_t n;
    struct dpdk_subtable *st[];
};

struct dpdk_cls {
    struct subtable_list *_Atomic list; /* RCU. */
    unsigned dp_index;
    uint32_t name_seq;
    size_t n_flows;
};

struct dpdk_cls *
dpdk_cls_create(const char *dp_name, unsigned dp_index)
{
    struct dpdk_cls *cls = xzalloc(sizeof *cls);

    (void) dp_name;
    cls->dp_index = dp_index;
    cls->list = xzalloc(sizeof *cls->list);
    return cls;
}

/* Subtables
 * --------- */

static struct rte_hash *
hash_create(struct dpdk_cls *cls, uint32_t entries)
{
    char name[RTE_HASH_NAMESIZE];
    struct rte_hash_parameters params = {
        .name = name,
        .entries = entries,
        .key_len = sizeof(struct flow_key),
        .hash_func = rte_hash_crc,
        .socket_id = SOCKET_ID_ANY,
        .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF
                      | RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
    };
    static _Atomic uint32_t seq;

    snprintf(name, sizeof name, "pont_mf%u_%u", cls->dp_index,
             atomic_fetch_add(&seq, 1));
    return rte_hash_create(&params);
}

static void
mask_key(const struct dpdk_subtable *st, const struct flow_key *key,
         struct flow_key *out)
{
    const uint64_t *k = (const uint64_t *) key;
    const uint64_t *m = (const uint64_t *) &st->mask.bits;
    uint64_t *o = (uint64_t *) out;

    for (size_t i = 0; i < st->n_words; i++) {
        size_t w = st->words[i];

        o[w] = k[w] & m[w];
    }
}

/* Clears the words of 'out' that mask_key() set. */
static void
unmask_key(const struct dpdk_subtable *st, struct flow_key *out)
{
    uint64_t *o = (uint64_t *) out;

    for (size_t i = 0; i < st->n_words; i++) {
        o[st->words[i]] = 0;
    }
}

static struct dpdk_subtable *
subtable_find(const struct dpdk_cls *cls, const struct flow_mask *mask)
{
    const struct subtable_list *l = cls->list;

    for (size_t i = 0; i < l->n; i++) {
        if (!memcmp(&l->st[i]->mask, mask, sizeof *mask)) {
            return l->st[i];
        }
    }
    return NULL;
}

/* Publishes 'l' as the subtable list and frees the old one after a grace
 * period. */
static void
publish_list(struct dpdk_cls *cls, struct subtable_list *l)
{
    struct subtable_list *old = atomic_exchange(&cls->list, l);

    dpdk_rcu_synchronize();
    free(old);
}

static struct dpdk_subtable *
subtable_create(struct dpdk_cls *cls, const struct flow_mask *mask)
{
    struct dpdk_subtable *st = xzalloc(sizeof *st);
    const uint64_t *m = (const uint64_t *) &mask->bits;
    const struct subtable_list *old = cls->list;
    struct subtable_list *l;

    st->mask = *mask;
    for (size_t w = 0; w < FLOW_KEY_WORDS; w++) {
        if (m[w]) {
            st->words[st->n_words++] = (uint8_t) w;
        }
    }
    st->capacity = SUBTABLE_MIN_ENTRIES;
    st->hash = hash_create(cls, st->capacity);
    if (!st->hash) {
        free(st);
        return NULL;
    }
    l = xmalloc(sizeof *l + (old->n + 1) * sizeof l->st[0]);
    l->n = old->n + 1;
    memcpy(l->st, old->st, old->n * sizeof l->st[0]);
    l->st[old->n] = st;
    publish_list(cls, l);
    return st;
}

static void
subtable_destroy(struct dpdk_cls *cls, struct dpdk_subtable *st)
{
    const struct subtable_list *old = cls->list;
    struct subtable_list *l = xmalloc(sizeof *l + old->n * sizeof l->st[0]);

    l->n = 0;
    for (size_t i = 0; i < old->n; i++) {
        if (old->st[i] != st) {
            l->st[l->n++] = old->st[i];
        }
    }
    publish_list(cls, l); /* Waits for readers. */
    rte_hash_free(st->hash);
    free(st);
}

/* Replaces the hash of 'st' by one twice as large. */
static int
subtable_grow(struct dpdk_cls *cls, struct dpdk_subtable *st)
{
    struct rte_hash *old = st->hash;
    struct rte_hash *h = hash_create(cls, st->capacity * 2);
    const void *key;
    void *data;
    uint32_t iter = 0;

    if (!h) {
        return -ENOMEM;
    }
    while (rte_hash_iterate(old, &key, &data, &iter) >= 0) {
        if (rte_hash_add_key_data(h, key, data) < 0) {
            rte_hash_free(h);
            return -ENOMEM;
        }
    }
    atomic_store(&st->hash, h);
    st->capacity *= 2;
    dpdk_rcu_synchronize();
    rte_hash_free(old);
    return 0;
}

/* Lookups
 * ------- */

struct dpdk_flow *
dpdk_cls_lookup(struct dpdk_cls *cls, const struct flow_key *key)
{
    const struct subtable_list *l =
        atomic_load_explicit(&cls->list, memory_order_acquire);
    struct flow_key masked;

    memset(&masked, 0, sizeof masked);
    for (size_t i = 0; i < l->n; i++) {
        struct dpdk_subtable *st = l->st[i];
        struct rte_hash *h =
            atomic_load_explicit(&st->hash, memory_order_acquire);
        void *data;

        mask_key(st, key, &masked);
        if (rte_hash_lookup_data(h, &masked, &data) >= 0) {
            atomic_fetch_add_explicit(&st->hits, 1, memory_order_relaxed);
            return data;
        }
        unmask_key(st, &masked);
    }
    return NULL;
}

static int
compare_hits(const void *a_, const void *b_)
{
    const struct dpdk_subtable *const *a = a_, *const *b = b_;
    uint64_t ha = atomic_load(&(*a)->hits), hb = atomic_load(&(*b)->hits);

    return ha < hb ? 1 : ha > hb ? -1 : 0;
}

void
dpdk_cls_sort(struct dpif_dpdk *dp)
{
    struct dpdk_cls *cls = dp->cls;
    const struct subtable_list *old;
    struct subtable_list *l;
    bool sorted = true;

    pthread_mutex_lock(&dp->mutex);
    old = cls->list;
    for (size_t i = 1; i < old->n; i++) {
        sorted &= atomic_load(&old->st[i - 1]->hits)
                  >= atomic_load(&old->st[i]->hits);
    }
    if (!sorted) {
        l = xmalloc(sizeof *l + old->n * sizeof l->st[0]);
        l->n = old->n;
        memcpy(l->st, old->st, old->n * sizeof l->st[0]);
        qsort(l->st, l->n, sizeof l->st[0], compare_hits);
        publish_list(cls, l);
    }
    for (size_t i = 0; i < cls->list->n; i++) {
        atomic_store(&cls->list->st[i]->hits, 0);
    }
    pthread_mutex_unlock(&dp->mutex);
}

/* Megaflows (under the datapath mutex)
 * ------------------------------------ */

static struct dpdk_actions *
actions_new(const void *data, size_t len)
{
    struct dpdk_actions *a = xmalloc(sizeof *a + len);

    struct dp_actions_cursor c;
    struct dp_action first;

    a->len = len;
    if (len) {
        memcpy(a->data, data, len);
    }
    a->only_output = DPIF_PORT_ANY;
    dp_actions_cursor_init(&c, a->data, len);
    if (dp_actions_next(&c, &first) && first.type == DP_ACTION_OUTPUT
        && !c.left) {
        a->only_output = first.port_no;
    }
    return a;
}

static struct dpdk_flow *
find_locked(struct dpdk_cls *cls, const struct flow_match *match)
{
    struct dpdk_subtable *st = subtable_find(cls, &match->mask);
    void *data;

    if (st && rte_hash_lookup_data(st->hash, &match->key, &data) >= 0) {
        return data;
    }
    return NULL;
}

static struct dpdk_flow *
insert_locked(struct dpdk_cls *cls, const struct flow_match *match,
              const void *actions, size_t len)
{
    struct dpdk_subtable *st = subtable_find(cls, &match->mask);
    struct dpdk_flow *flow;

    if (cls->n_flows >= CLS_MAX_FLOWS
        || (!st && !(st = subtable_create(cls, &match->mask)))
        || (st->n_flows >= st->capacity && subtable_grow(cls, st))) {
        return NULL;
    }
    flow = xzalloc(sizeof *flow);
    flow->match = *match;
    flow->actions = actions_new(actions, len);
    flow->subtable = st;
    if (rte_hash_add_key_data(st->hash, &flow->match.key, flow) < 0) {
        free(flow->actions);
        free(flow);
        return NULL;
    }
    st->n_flows++;
    cls->n_flows++;
    return flow;
}

/* Unlinks 'flow'; the caller frees it (and its key slot) after a grace
 * period with reap(). */
static int32_t
unlink_locked(struct dpif_dpdk *dp, struct dpdk_flow *flow)
{
    int32_t pos = rte_hash_del_key(flow->subtable->hash, &flow->match.key);

    flow->subtable->n_flows--;
    dp->cls->n_flows--;
    atomic_fetch_add(&dp->flow_gen, 1);
    return pos;
}

/* Frees 'flow' and its key slot, after a grace period since it was
 * unlinked at 'pos'; drops its subtable if it was the last. */
static void
reap_locked(struct dpif_dpdk *dp, struct dpdk_flow *flow, int32_t pos)
{
    struct dpdk_subtable *st = flow->subtable;

    if (pos >= 0) {
        rte_hash_free_key_with_position(st->hash, pos);
    }
    free(flow->actions);
    free(flow);
    if (!st->n_flows) {
        subtable_destroy(dp->cls, st);
    }
}

static void
read_stats(const struct dpdk_flow *flow, struct dpif_flow_stats *s)
{
    s->n_packets = atomic_load(&flow->n_packets);
    s->n_bytes = atomic_load(&flow->n_bytes);
    s->used_ms = atomic_load(&flow->used_ms);
    s->tcp_flags = atomic_load(&flow->tcp_flags);
}

void
dpdk_flow_credit(struct dpdk_flow *flow, uint64_t n_packets, uint64_t n_bytes,
                 uint16_t tcp_flags, long long now_ms)
{
    atomic_fetch_add_explicit(&flow->n_packets, n_packets,
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&flow->n_bytes, n_bytes, memory_order_relaxed);
    atomic_store_explicit(&flow->used_ms, now_ms, memory_order_relaxed);
    if (tcp_flags) {
        atomic_fetch_or_explicit(&flow->tcp_flags, tcp_flags,
                                 memory_order_relaxed);
    }
}

static void
replace_actions_locked(struct dpdk_flow *flow, const void *actions,
                       size_t len, bool zero_stats)
{
    struct dpdk_actions *old = flow->actions;

    atomic_store((struct dpdk_actions *_Atomic *) &flow->actions,
                 actions_new(actions, len));
    if (zero_stats) {
        atomic_store(&flow->n_packets, 0);
        atomic_store(&flow->n_bytes, 0);
        atomic_store(&flow->used_ms, 0);
        atomic_store(&flow->tcp_flags, 0);
    }
    dpdk_rcu_synchronize();
    free(old);
}

int
dpdk_flow_put(struct dpif *dpif, const struct flow_match *match,
              const void *actions, size_t len, enum dpif_flow_put_flags flags,
              struct dpif_flow_stats *stats)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_flow *flow;
    int error = 0;

    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp->cls, match);
    if (flow) {
        if (!(flags & DPIF_FP_MODIFY)) {
            error = -EEXIST;
        } else {
            if (stats) {
                read_stats(flow, stats);
            }
            replace_actions_locked(flow, actions, len,
                                   flags & DPIF_FP_ZERO_STATS);
        }
    } else if (!(flags & DPIF_FP_CREATE)) {
        error = -ENOENT;
    } else if (!insert_locked(dp->cls, match, actions, len)) {
        error = -ENOSPC;
    } else if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    pthread_mutex_unlock(&dp->mutex);
    return error;
}

int
dpdk_flow_del(struct dpif *dpif, const struct flow_match *match,
              struct dpif_flow_stats *stats)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_flow *flow;
    int32_t pos;

    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp->cls, match);
    if (flow) {
        pos = unlink_locked(dp, flow);
        dpdk_rcu_synchronize();
        if (stats) {
            read_stats(flow, stats);
        }
        reap_locked(dp, flow, pos);
    }
    pthread_mutex_unlock(&dp->mutex);
    return flow ? 0 : -ENOENT;
}

int
dpdk_flow_flush(struct dpif *dpif)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_flow **flows = NULL;
    int32_t *pos = NULL;
    size_t n = 0;

    pthread_mutex_lock(&dp->mutex);
    for (size_t i = 0; i < dp->cls->list->n; i++) {
        struct rte_hash *h = dp->cls->list->st[i]->hash;
        const void *key;
        void *data;
        uint32_t iter = 0;

        while (rte_hash_iterate(h, &key, &data, &iter) >= 0) {
            flows = xrealloc(flows, (n + 1) * sizeof *flows);
            flows[n++] = data;
        }
    }
    pos = xmalloc((n + 1) * sizeof *pos);
    for (size_t i = 0; i < n; i++) {
        pos[i] = unlink_locked(dp, flows[i]);
    }
    dpdk_rcu_synchronize();
    for (size_t i = 0; i < n; i++) {
        reap_locked(dp, flows[i], pos[i]);
    }
    pthread_mutex_unlock(&dp->mutex);
    free(flows);
    free(pos);
    return 0;
}

/* A copy of a megaflow, so that the dump callback runs without the mutex
 * (it may change the table). */
struct dump_entry {
    struct flow_match match;
    struct dpdk_actions *actions;
    struct dpif_flow_stats stats;
};

static struct dump_entry *
snapshot(struct dpif_dpdk *dp, size_t *np)
{
    struct dump_entry *e = NULL;
    size_t n = 0;

    pthread_mutex_lock(&dp->mutex);
    e = xmalloc((dp->cls->n_flows + 1) * sizeof *e);
    for (size_t i = 0; i < dp->cls->list->n; i++) {
        struct rte_hash *h = dp->cls->list->st[i]->hash;
        const void *key;
        void *data;
        uint32_t iter = 0;

        while (rte_hash_iterate(h, &key, &data, &iter) >= 0) {
            struct dpdk_flow *flow = data;

            e[n].match = flow->match;
            e[n].actions = actions_new(flow->actions->data,
                                       flow->actions->len);
            read_stats(flow, &e[n++].stats);
        }
    }
    pthread_mutex_unlock(&dp->mutex);
    *np = n;
    return e;
}

int
dpdk_flow_dump(struct dpif *dpif, dpif_flow_dump_fn *fn, void *aux)
{
    size_t n;
    struct dump_entry *e = snapshot(dpif_dpdk_cast(dpif), &n);
    int error = 0;

    for (size_t i = 0; i < n; i++) {
        struct dpif_flow f = {.match = &e[i].match,
                              .actions = e[i].actions->data,
                              .actions_len = e[i].actions->len,
                              .stats = e[i].stats};

        if (!error) {
            error = fn(&f, aux);
        }
        free(e[i].actions);
    }
    free(e);
    return error;
}

size_t
dpdk_flow_count(struct dpif_dpdk *dp, size_t *n_masks)
{
    size_t n;

    pthread_mutex_lock(&dp->mutex);
    n = dp->cls->n_flows;
    *n_masks = dp->cls->list->n;
    pthread_mutex_unlock(&dp->mutex);
    return n;
}

struct dpdk_flow *
dpdk_flow_install(struct dpif_dpdk *dp, const struct flow_match *match,
                  const void *actions, size_t len)
{
    struct dpdk_flow *flow;

    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp->cls, match);
    if (!flow) {
        flow = insert_locked(dp->cls, match, actions, len);
    }
    pthread_mutex_unlock(&dp->mutex);
    return flow;
}

void
dpdk_cls_destroy(struct dpdk_cls *cls)
{
    if (cls) {
        /* Empty by now (flushed): only the list is left. */
        free(cls->list);
        free(cls);
    }
}
