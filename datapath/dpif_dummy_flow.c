/* The dummy datapath's megaflow table: a classifier in one version with
 * every priority 0, changed under the datapath mutex and read by the fast
 * path under RCU.  See dpif_dummy.h.
 *
 * A megaflow's actions are an immutable block that a modification replaces
 * as a whole (rcu_set), so that a packet never runs half of the old list
 * and half of the new.  Every insertion or removal bumps 'flow_gen', which
 * invalidates the exact-match caches (dpif_dummy_fastpath.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif_dummy.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/rcu.h"
#include "lib/util.h"

/* One distinct megaflow mask, for n_masks. */
struct dummy_mask {
    struct hmap_node node;
    struct flow_mask mask;
    size_t n_flows;
};

static struct dummy_mask *
mask_find(const struct dpif_dummy *dp, const struct flow_mask *mask,
          uint32_t hash)
{
    for (struct hmap_node *n = hmap_first_with_hash(&dp->masks, hash); n;
         n = hmap_next_with_hash(n)) {
        struct dummy_mask *m = CONTAINER_OF(n, struct dummy_mask, node);

        if (flow_equal(&m->mask.bits, &mask->bits)) {
            return m;
        }
    }
    return NULL;
}

static void
mask_ref(struct dpif_dummy *dp, const struct flow_mask *mask)
{
    uint32_t hash = flow_hash(&mask->bits, 0);
    struct dummy_mask *m = mask_find(dp, mask, hash);

    if (!m) {
        m = xzalloc(sizeof *m);
        m->mask = *mask;
        hmap_insert(&dp->masks, &m->node, hash);
    }
    m->n_flows++;
}

static void
mask_unref(struct dpif_dummy *dp, const struct flow_mask *mask)
{
    struct dummy_mask *m = mask_find(dp, mask, flow_hash(&mask->bits, 0));

    if (m && !--m->n_flows) {
        hmap_remove(&dp->masks, &m->node);
        free(m);
    }
}

size_t
dummy_flow_n_masks(struct dpif_dummy *dp)
{
    return hmap_count(&dp->masks);
}

static struct dummy_actions *
actions_new(const void *data, size_t len)
{
    struct dummy_actions *a = xmalloc(sizeof *a + len);

    a->len = len;
    if (len) {
        memcpy(a->data, data, len);
    }
    return a;
}

static void
flow_free(void *flow_)
{
    struct dummy_flow *flow = flow_;

    free(flow->actions);
    free(flow);
}

static struct dummy_flow *
find_locked(const struct dpif_dummy *dp, const struct flow_match *match)
{
    const struct cls_rule *rule =
        cls_find_exactly(&dp->flows, match, 0, CLS_VERSION_MIN);

    return rule ? CONTAINER_OF(rule, struct dummy_flow, rule) : NULL;
}

static struct dummy_flow *
insert_locked(struct dpif_dummy *dp, const struct flow_match *match,
              const void *actions, size_t len)
{
    struct dummy_flow *flow = xzalloc(sizeof *flow);

    cls_rule_init(&flow->rule, match, 0);
    flow->actions = actions_new(actions, len);
    cls_insert(&dp->flows, &flow->rule, CLS_VERSION_MIN);
    mask_ref(dp, &flow->rule.match.mask);
    atomic_fetch_add(&dp->flow_gen, 1);
    return flow;
}

static void
remove_locked(struct dpif_dummy *dp, struct dummy_flow *flow)
{
    cls_remove(&dp->flows, &flow->rule);
    mask_unref(dp, &flow->rule.match.mask);
    atomic_fetch_add(&dp->flow_gen, 1);
    rcu_postpone(flow_free, flow);
}

int
dummy_flow_put(struct dpif *dpif, const struct flow_match *match_,
               const void *actions, size_t len, enum dpif_flow_put_flags flags,
               struct dpif_flow_stats *stats)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct flow_match match;
    struct dummy_flow *flow;
    int error = 0;

    flow_match_init(&match, &match_->key, &match_->mask);
    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp, &match);
    if (flow) {
        if (!(flags & DPIF_FP_MODIFY)) {
            error = -EEXIST;
        } else {
            struct dummy_actions *old = flow->actions;

            if (stats) {
                dp_flow_counters_read(&flow->counters, stats);
            }
            if (flags & DPIF_FP_ZERO_STATS) {
                dp_flow_counters_zero(&flow->counters);
            }
            rcu_set(flow->actions, actions_new(actions, len));
            rcu_postpone(free, old);
        }
    } else if (!(flags & DPIF_FP_CREATE)) {
        error = -ENOENT;
    } else if (cls_count(&dp->flows) >= DPIF_DUMMY_MAX_FLOWS) {
        error = -ENOSPC;
    } else {
        insert_locked(dp, &match, actions, len);
    }
    pthread_mutex_unlock(&dp->mutex);
    return error;
}

int
dummy_flow_del(struct dpif *dpif, const struct flow_match *match_,
               struct dpif_flow_stats *stats)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct flow_match match;
    struct dummy_flow *flow;

    flow_match_init(&match, &match_->key, &match_->mask);
    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp, &match);
    if (flow) {
        if (stats) {
            dp_flow_counters_read(&flow->counters, stats);
        }
        remove_locked(dp, flow);
    }
    pthread_mutex_unlock(&dp->mutex);
    return flow ? 0 : -ENOENT;
}

int
dummy_flow_flush(struct dpif *dpif)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    const struct cls_rule *rule;
    struct cls_cursor cursor;

    pthread_mutex_lock(&dp->mutex);
    cls_cursor_init(&cursor, &dp->flows, NULL, CLS_VERSION_MIN);
    while ((rule = cls_cursor_next(&cursor))) {
        remove_locked(dp, CONTAINER_OF(rule, struct dummy_flow, rule));
    }
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

struct dump_entry {
    struct flow_match match;
    struct dummy_actions *actions; /* A copy. */
    struct dpif_flow_stats stats;
};

/* Copies every megaflow, so that the callbacks run without the mutex and
 * may call back into the datapath. */
static struct dump_entry *
snapshot(struct dpif_dummy *dp, size_t *n)
{
    const struct cls_rule *rule;
    struct cls_cursor cursor;
    struct dump_entry *entries;
    size_t i = 0;

    pthread_mutex_lock(&dp->mutex);
    entries = xmalloc((cls_count(&dp->flows) + 1) * sizeof *entries);
    cls_cursor_init(&cursor, &dp->flows, NULL, CLS_VERSION_MIN);
    while ((rule = cls_cursor_next(&cursor))) {
        struct dummy_flow *flow = CONTAINER_OF(rule, struct dummy_flow, rule);
        struct dump_entry *e = &entries[i++];

        e->match = rule->match;
        e->actions = actions_new(flow->actions->data, flow->actions->len);
        dp_flow_counters_read(&flow->counters, &e->stats);
    }
    pthread_mutex_unlock(&dp->mutex);
    *n = i;
    return entries;
}

int
dummy_flow_dump(struct dpif *dpif, dpif_flow_dump_fn *cb, void *aux)
{
    size_t n;
    struct dump_entry *entries = snapshot(dpif_dummy_cast(dpif), &n);
    int retval = 0;

    for (size_t i = 0; i < n; i++) {
        struct dump_entry *e = &entries[i];
        struct dpif_flow flow = {
            .match = &e->match,
            .actions = e->actions->data,
            .actions_len = e->actions->len,
            .stats = e->stats,
        };

        if (!retval) {
            retval = cb(&flow, aux);
        }
        free(e->actions);
    }
    free(entries);
    return retval;
}

struct dummy_flow *
dummy_flow_install(struct dpif_dummy *dp, const struct flow_match *match,
                   const void *actions, size_t len)
{
    struct dummy_flow *flow;

    pthread_mutex_lock(&dp->mutex);
    flow = find_locked(dp, match);
    if (!flow && cls_count(&dp->flows) < DPIF_DUMMY_MAX_FLOWS) {
        flow = insert_locked(dp, match, actions, len);
    }
    pthread_mutex_unlock(&dp->mutex);
    return flow;
}
