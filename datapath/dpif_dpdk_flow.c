/* The DPDK datapath's megaflow table: a tuple-space classifier.
 *
 * Each distinct megaflow mask has a subtable: a hash table from the masked
 * key to the megaflow.  A lookup hashes and compares only the words of the
 * key its mask covers, visiting the subtables in the order of their recent
 * hits, and stops at the first match (megaflows do not overlap: ofproto
 * installs at most one per packet).
 *
 * The hash tables are open-addressed with linear probing: a slot holds a
 * megaflow pointer (NULL: empty, TOMBSTONE: deleted) and its hash, so that
 * a reader needs no lock: it sees a slot either before or after a store.
 * rte_hash would fit but costs milliseconds to create (hugepage memzones),
 * which would stall the handler on every new mask.
 *
 * Writers (the control path and the handler, under the datapath mutex)
 * replace what readers may hold and free it after a grace period: the
 * subtable list is an immutable array replaced as a whole (to add, remove
 * or reorder subtables), a table that fills up is replaced by a rebuilt
 * one, and a deleted megaflow is freed after dpdk_rcu_synchronize().
 * Removing a megaflow bumps 'flow_gen', which invalidates the PMDs'
 * exact-match caches. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_hash_crc.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/util.h"

#define TABLE_MIN_SLOTS 64u
#define CLS_MAX_FLOWS (1u << 20)
#define TOMBSTONE ((struct dpdk_flow *) 1)

struct mf_slot {
    _Atomic uint32_t hash;
    struct dpdk_flow *_Atomic flow; /* NULL, TOMBSTONE, or a megaflow. */
};

struct mf_table {
    uint32_t mask;   /* Slots - 1 (a power of 2 minus 1). */
    uint32_t n_tomb; /* Writer only. */
    struct mf_slot slots[];
};

struct dpdk_subtable {
    struct flow_mask mask;
    uint8_t words[FLOW_KEY_WORDS]; /* Indexes of nonzero mask words. */
    size_t n_words;
    struct mf_table *_Atomic table; /* RCU: replaced when rebuilt. */
    uint32_t n_flows;
    _Atomic uint64_t hits;          /* Since the last sort. */
};

struct subtable_list {
    size_t n;
    struct dpdk_subtable *st[];
};

struct dpdk_cls {
    struct subtable_list *_Atomic list; /* RCU. */
    size_t n_flows;
};

struct dpdk_cls *
dpdk_cls_create(void)
{
    struct dpdk_cls *cls = xzalloc(sizeof *cls);

    cls->list = xzalloc(sizeof *cls->list);
    return cls;
}

/* Subtables
 * --------- */

/* The hash of 'key' masked by 'st''s mask. */
static uint32_t
masked_hash(const struct dpdk_subtable *st, const struct flow_key *key)
{
    const uint64_t *k = (const uint64_t *) key;
    const uint64_t *m = (const uint64_t *) &st->mask.bits;
    uint32_t h = 0;

    for (size_t i = 0; i < st->n_words; i++) {
        size_t w = st->words[i];

        h = rte_hash_crc_8byte(k[w] & m[w], h);
    }
    return h;
}

/* Whether 'key' masked by 'st''s mask is 'flow''s (masked) key. */
static bool
masked_equal(const struct dpdk_subtable *st, const struct flow_key *key,
             const struct dpdk_flow *flow)
{
    const uint64_t *k = (const uint64_t *) key;
    const uint64_t *m = (const uint64_t *) &st->mask.bits;
    const uint64_t *f = (const uint64_t *) &flow->match.key;

    for (size_t i = 0; i < st->n_words; i++) {
        size_t w = st->words[i];

        if ((k[w] & m[w]) != f[w]) {
            return false;
        }
    }
    return true;
}

static struct mf_table *
table_alloc(uint32_t n_slots)
{
    struct mf_table *t = xzalloc(sizeof *t + n_slots * sizeof t->slots[0]);

    t->mask = n_slots - 1;
    return t;
}

/* Finds the megaflow of 'key' in 'st', or NULL.  RCU reader. */
static struct dpdk_flow *
table_lookup(const struct dpdk_subtable *st, const struct flow_key *key)
{
    const struct mf_table *t =
        atomic_load_explicit(&st->table, memory_order_acquire);
    uint32_t h = masked_hash(st, key);

    for (uint32_t i = 0; i <= t->mask; i++) {
        const struct mf_slot *s = &t->slots[(h + i) & t->mask];
        struct dpdk_flow *f =
            atomic_load_explicit(&s->flow, memory_order_acquire);

        if (!f) {
            break;
        }
        if (f != TOMBSTONE
            && atomic_load_explicit(&s->hash, memory_order_relaxed) == h
            && masked_equal(st, key, f)) {
            return f;
        }
    }
    return NULL;
}

/* Puts 'flow' in the first free slot of 't' for its hash.  Writer; 't'
 * has a free slot. */
static void
table_put(struct mf_table *t, const struct dpdk_subtable *st,
          struct dpdk_flow *flow)
{
    uint32_t h = masked_hash(st, &flow->match.key);

    for (uint32_t i = 0;; i++) {
        struct mf_slot *s = &t->slots[(h + i) & t->mask];
        struct dpdk_flow *f = atomic_load(&s->flow);

        if (!f || f == TOMBSTONE) {
            t->n_tomb -= f == TOMBSTONE;
            atomic_store_explicit(&s->hash, h, memory_order_relaxed);
            atomic_store_explicit(&s->flow, flow, memory_order_release);
            return;
        }
    }
}

/* Replaces the table of 'st' by one with room for twice its megaflows,
 * without tombstones. */
static void
table_rebuild(struct dpdk_subtable *st, uint32_t want_flows)
{
    struct mf_table *old = st->table;
    uint32_t n = TABLE_MIN_SLOTS;
    struct mf_table *t;

    while (n < want_flows * 2) {
        n *= 2;
    }
    t = table_alloc(n);
    for (uint32_t i = 0; i <= old->mask; i++) {
        struct dpdk_flow *f = atomic_load(&old->slots[i].flow);

        if (f && f != TOMBSTONE) {
            table_put(t, st, f);
        }
    }
    atomic_store_explicit(&st->table, t, memory_order_release);
    dpdk_rcu_synchronize();
    free(old);
}

/* Inserts 'flow' into 'st', rebuilding the table first if it would be more
 * than 3/4 full (tombstones included).  Writer. */
static void
table_insert(struct dpdk_subtable *st, struct dpdk_flow *flow)
{
    struct mf_table *t = st->table;

    if ((st->n_flows + t->n_tomb + 1) * 4 > (t->mask + 1) * 3) {
        table_rebuild(st, st->n_flows + 1);
        t = st->table;
    }
    table_put(t, st, flow);
}

/* Marks the slot of 'flow' deleted.  Writer. */
static void
table_remove(struct dpdk_subtable *st, const struct dpdk_flow *flow)
{
    struct mf_table *t = st->table;

    for (uint32_t i = 0; i <= t->mask; i++) {
        struct mf_slot *s = &t->slots[i];

        if (atomic_load(&s->flow) == flow) {
            atomic_store_explicit(&s->flow, TOMBSTONE, memory_order_release);
            t->n_tomb++;
            return;
        }
    }
}

/* Calls 'fn' with every megaflow of 'st'.  Writer. */
static void
table_for_each(const struct dpdk_subtable *st,
               void (*fn)(struct dpdk_flow *, void *aux), void *aux)
{
    const struct mf_table *t = st->table;

    for (uint32_t i = 0; i <= t->mask; i++) {
        struct dpdk_flow *f = atomic_load(&t->slots[i].flow);

        if (f && f != TOMBSTONE) {
            fn(f, aux);
        }
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
    st->table = table_alloc(TABLE_MIN_SLOTS);
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
    free(st->table);
    free(st);
}

/* Lookups
 * ------- */

struct dpdk_flow *
dpdk_cls_lookup(struct dpdk_cls *cls, const struct flow_key *key)
{
    const struct subtable_list *l =
        atomic_load_explicit(&cls->list, memory_order_acquire);

    for (size_t i = 0; i < l->n; i++) {
        struct dpdk_subtable *st = l->st[i];
        struct dpdk_flow *flow = table_lookup(st, key);

        if (flow) {
            atomic_fetch_add_explicit(&st->hits, 1, memory_order_relaxed);
            return flow;
        }
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
    struct dpdk_flow *flow = st ? table_lookup(st, &match->key) : NULL;

    /* A megaflow whose key equals 'match''s under the same mask is the
     * same megaflow ('match->key' is zero outside the mask). */
    return flow;
}

static struct dpdk_flow *
insert_locked(struct dpdk_cls *cls, const struct flow_match *match,
              const void *actions, size_t len)
{
    struct dpdk_subtable *st = subtable_find(cls, &match->mask);
    struct dpdk_flow *flow;

    if (cls->n_flows >= CLS_MAX_FLOWS
        || (!st && !(st = subtable_create(cls, &match->mask)))) {
        return NULL;
    }
    flow = xzalloc(sizeof *flow);
    flow->match = *match;
    flow->actions = actions_new(actions, len);
    flow->subtable = st;
    table_insert(st, flow);
    st->n_flows++;
    cls->n_flows++;
    return flow;
}

/* Unlinks 'flow'; the caller frees it after a grace period with reap(). */
static void
unlink_locked(struct dpif_dpdk *dp, struct dpdk_flow *flow)
{
    table_remove(flow->subtable, flow);
    flow->subtable->n_flows--;
    dp->cls->n_flows--;
    atomic_fetch_add(&dp->flow_gen, 1);
}

/* Frees 'flow', after a grace period since it was unlinked; drops its
 * subtable if it was the last and 'drop_empty' (a flush drops the empty
 * subtables itself, once each, after freeing all their flows). */
static void
reap_locked(struct dpif_dpdk *dp, struct dpdk_flow *flow, bool drop_empty)
{
    struct dpdk_subtable *st = flow->subtable;

    free(flow->actions);
    free(flow);
    if (drop_empty && !st->n_flows) {
        subtable_destroy(dp->cls, st);
    }
}

/* Drops every subtable without flows. */
static void
drop_empty_subtables_locked(struct dpif_dpdk *dp)
{
    for (size_t i = 0; i < dp->cls->list->n;) {
        struct dpdk_subtable *st = dp->cls->list->st[i];

        if (st->n_flows) {
            i++;
        } else {
            subtable_destroy(dp->cls, st); /* Publishes a shorter list. */
        }
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
        dp_flow_counters_zero(&flow->counters);
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
                dp_flow_counters_read(&flow->counters, stats);
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

    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp->cls, match);
    if (flow) {
        unlink_locked(dp, flow);
        dpdk_rcu_synchronize();
        if (stats) {
            dp_flow_counters_read(&flow->counters, stats);
        }
        reap_locked(dp, flow, true);
    }
    pthread_mutex_unlock(&dp->mutex);
    return flow ? 0 : -ENOENT;
}

/* A growing array of megaflows, for table_for_each(). */
struct flow_vec {
    struct dpdk_flow **flows;
    size_t n;
};

static void
collect(struct dpdk_flow *flow, void *vec_)
{
    struct flow_vec *vec = vec_;

    vec->flows = xrealloc(vec->flows, (vec->n + 1) * sizeof *vec->flows);
    vec->flows[vec->n++] = flow;
}

/* Sets 'vec' to every megaflow of 'dp'.  Caller holds the mutex. */
static void
collect_all_locked(struct dpif_dpdk *dp, struct flow_vec *vec)
{
    vec->flows = NULL;
    vec->n = 0;
    for (size_t i = 0; i < dp->cls->list->n; i++) {
        table_for_each(dp->cls->list->st[i], collect, vec);
    }
}

int
dpdk_flow_flush(struct dpif *dpif)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct flow_vec vec;

    pthread_mutex_lock(&dp->mutex);
    collect_all_locked(dp, &vec);
    for (size_t i = 0; i < vec.n; i++) {
        unlink_locked(dp, vec.flows[i]);
    }
    dpdk_rcu_synchronize();
    for (size_t i = 0; i < vec.n; i++) {
        reap_locked(dp, vec.flows[i], false);
    }
    drop_empty_subtables_locked(dp);
    pthread_mutex_unlock(&dp->mutex);
    free(vec.flows);
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
    struct dump_entry *e;
    struct flow_vec vec;

    pthread_mutex_lock(&dp->mutex);
    collect_all_locked(dp, &vec);
    e = xmalloc((vec.n + 1) * sizeof *e);
    for (size_t i = 0; i < vec.n; i++) {
        const struct dpdk_flow *flow = vec.flows[i];

        e[i].match = flow->match;
        e[i].actions = actions_new(flow->actions->data, flow->actions->len);
        dp_flow_counters_read(&flow->counters, &e[i].stats);
    }
    pthread_mutex_unlock(&dp->mutex);
    free(vec.flows);
    *np = vec.n;
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
