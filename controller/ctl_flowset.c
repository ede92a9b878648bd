/* A switch's desired flows and groups, as text.  See ctl_flowset.h.
 *
 * Flows are found by identity through an open-addressing index of their
 * positions in 'flows' (linear probing, at most half full), built on the
 * first addition and rebuilt whenever the positions change (sorting). */
#include "controller/ctl_flowset.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/util.h"

struct ctl_flowset_index {
    size_t *slots; /* Position + 1 of a flow; 0 for an empty slot. */
    size_t mask;   /* Number of slots minus one. */
};

void
ctl_flowset_init(struct ctl_flowset *set)
{
    memset(set, 0, sizeof *set);
}

static void
index_destroy(struct ctl_flowset *set)
{
    if (set->index) {
        free(set->index->slots);
        free(set->index);
        set->index = NULL;
    }
}

void
ctl_flowset_uninit(struct ctl_flowset *set)
{
    for (size_t i = 0; i < set->n_flows; i++) {
        free(set->flows[i].match);
        free(set->flows[i].actions);
    }
    for (size_t i = 0; i < set->n_groups; i++) {
        free(set->groups[i].spec);
    }
    free(set->flows);
    free(set->groups);
    index_destroy(set);
    memset(set, 0, sizeof *set);
}

/* FNV-1a, 64 bits: stable across runs and builds, which cookies must be
 * (a restarted controller must compute the cookies the switch holds). */
static uint64_t
fnv1a(uint64_t h, const void *data, size_t n)
{
    const uint8_t *p = data;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

#define FNV_BASIS UINT64_C(0xcbf29ce484222325)

static uint64_t
flow_hash(uint8_t table, uint16_t priority, const char *match)
{
    uint8_t head[3] = {table, priority >> 8, priority & 0xff};

    return fnv1a(fnv1a(FNV_BASIS, head, sizeof head), match, strlen(match));
}

static bool
flow_is(const struct ctl_flow *f, uint8_t table, uint16_t priority,
        const char *match)
{
    return f->table == table && f->priority == priority
           && !strcmp(f->match, match);
}

/* Returns the slot of the flow with this identity, or of the empty slot
 * where it would go. */
static size_t *
index_find(const struct ctl_flowset *set, uint8_t table, uint16_t priority,
           const char *match)
{
    const struct ctl_flowset_index *ix = set->index;
    size_t i = flow_hash(table, priority, match) & ix->mask;

    while (ix->slots[i]
           && !flow_is(&set->flows[ix->slots[i] - 1], table, priority, match)) {
        i = (i + 1) & ix->mask;
    }
    return &ix->slots[i];
}

/* (Re)builds the index for at least 'n' flows. */
static void
index_build(struct ctl_flowset *set, size_t n)
{
    size_t n_slots = 64;

    while (n_slots < 2 * n) {
        n_slots *= 2;
    }
    index_destroy(set);
    set->index = xzalloc(sizeof *set->index);
    set->index->slots = xzalloc(n_slots * sizeof *set->index->slots);
    set->index->mask = n_slots - 1;
    for (size_t i = 0; i < set->n_flows; i++) {
        const struct ctl_flow *f = &set->flows[i];

        *index_find(set, f->table, f->priority, f->match) = i + 1;
    }
}

void
ctl_flowset_add_flow(struct ctl_flowset *set, uint8_t table, uint16_t priority,
                     uint64_t cookie, const char *match,
                     const char *actions_fmt, ...)
{
    struct ctl_flow *f;
    size_t *slot;
    va_list args;
    char *actions;

    va_start(args, actions_fmt);
    if (vasprintf(&actions, actions_fmt, args) < 0) {
        abort();
    }
    va_end(args);

    if (!set->index || 2 * (set->n_flows + 1) > set->index->mask + 1) {
        index_build(set, set->n_flows + 1);
    }
    slot = index_find(set, table, priority, match);
    if (*slot) {
        f = &set->flows[*slot - 1];
        free(f->actions);
        f->actions = actions;
        f->cookie = cookie;
        return;
    }
    if (set->n_flows == set->allocated_flows) {
        set->allocated_flows = set->allocated_flows * 2 + 16;
        set->flows =
            xrealloc(set->flows, set->allocated_flows * sizeof *set->flows);
    }
    f = &set->flows[set->n_flows++];
    *f = (struct ctl_flow){table, priority, cookie, xstrdup(match), actions};
    *slot = set->n_flows;
}

void
ctl_flowset_add_group(struct ctl_flowset *set, uint32_t id, const char *spec)
{
    struct ctl_group *g;

    for (size_t i = 0; i < set->n_groups; i++) {
        if (set->groups[i].id == id) {
            free(set->groups[i].spec);
            set->groups[i].spec = xstrdup(spec);
            return;
        }
    }
    if (set->n_groups == set->allocated_groups) {
        set->allocated_groups = set->allocated_groups * 2 + 16;
        set->groups =
            xrealloc(set->groups, set->allocated_groups * sizeof *set->groups);
    }
    g = &set->groups[set->n_groups++];
    *g = (struct ctl_group){id, xstrdup(spec)};
}

static int
compare_flows(const void *a_, const void *b_)
{
    const struct ctl_flow *a = a_, *b = b_;

    if (a->table != b->table) {
        return a->table < b->table ? -1 : 1;
    }
    if (a->priority != b->priority) {
        return a->priority > b->priority ? -1 : 1;
    }
    return strcmp(a->match, b->match);
}

static int
compare_groups(const void *a_, const void *b_)
{
    const struct ctl_group *a = a_, *b = b_;

    return a->id < b->id ? -1 : a->id > b->id;
}

void
ctl_flowset_sort(struct ctl_flowset *set)
{
    if (set->n_flows) {
        qsort(set->flows, set->n_flows, sizeof *set->flows, compare_flows);
    }
    if (set->n_groups) {
        qsort(set->groups, set->n_groups, sizeof *set->groups, compare_groups);
    }
    /* Positions changed; the next addition rebuilds the index. */
    index_destroy(set);
}

void
ctl_flowset_format(const struct ctl_flowset *set_, struct strbuf *out)
{
    struct ctl_flowset set = *set_;

    /* Sorts copies of the arrays (the set is const); strings are shared. */
    set.flows = xmalloc((set_->n_flows + 1) * sizeof *set.flows);
    set.groups = xmalloc((set_->n_groups + 1) * sizeof *set.groups);
    set.index = NULL;
    if (set.n_flows) {
        memcpy(set.flows, set_->flows, set.n_flows * sizeof *set.flows);
        qsort(set.flows, set.n_flows, sizeof *set.flows, compare_flows);
    }
    if (set.n_groups) {
        memcpy(set.groups, set_->groups, set.n_groups * sizeof *set.groups);
        qsort(set.groups, set.n_groups, sizeof *set.groups, compare_groups);
    }
    for (size_t i = 0; i < set.n_groups; i++) {
        strbuf_printf(out, "group_id=%" PRIu32 ",%s\n", set.groups[i].id,
                      set.groups[i].spec);
    }
    for (size_t i = 0; i < set.n_flows; i++) {
        const struct ctl_flow *f = &set.flows[i];

        strbuf_printf(out, "table=%u,priority=%u,cookie=0x%" PRIx64 ",",
                      f->table, f->priority, f->cookie);
        if (f->match[0]) {
            strbuf_printf(out, "%s,", f->match);
        }
        strbuf_printf(out, "actions=%s\n", f->actions);
    }
    free(set.flows);
    free(set.groups);
}

uint64_t
ctl_cookie(enum ctl_cookie_kind kind, const char *key)
{
    uint64_t h = fnv1a(FNV_BASIS, key, strlen(key));

    /* Fold the top byte in, so that all 64 bits of the hash count. */
    h = (h ^ (h >> 56)) & UINT64_C(0x00ffffffffffffff);
    return (uint64_t) kind << 56 | h;
}
