/* One classifier subtable: the rules of one mask, in a hash table keyed by
 * the masked key, with staged prefix sets.  See lib/cls_private.h for the
 * design and the rules that keep concurrent readers safe. */
#include "lib/cls_private.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/util.h"

#define MIN_SLOTS 8u
#define STAGE_USED (1ULL << 31)
#define STAGE_COUNT_MASK (STAGE_USED - 1)

struct cls_rule cls_tombstone;

/* Hashes 'key' under the subtable's mask, over compact words [0, end). */
static inline uint64_t
hash_words(const struct cls_subtable *st, const struct flow_key *key,
           uint64_t h, size_t start, size_t end)
{
    const cls_word *k = key_words(key);

    for (size_t j = start; j < end; j++) {
        h = hash_add64(h, k[st->word_idx[j]] & st->mask_words[j]);
    }
    return h;
}

static inline uint32_t
full_hash(const struct cls_subtable *st, const struct flow_key *key)
{
    return hash_finish(hash_words(st, key, 0, 0, st->n_words), st->n_words * 8);
}

/* Returns true if 'key', masked, equals the key of 'rule' (already
 * masked). */
static inline bool
key_matches(const struct cls_subtable *st, const struct cls_rule *rule,
            const struct flow_key *key)
{
    const cls_word *k = key_words(key);
    const cls_word *r = key_words(&rule->match.key);
    uint64_t diff = 0;

    for (size_t j = 0; j < st->n_words; j++) {
        size_t w = st->word_idx[j];

        diff |= (k[w] & st->mask_words[j]) ^ r[w];
    }
    return !diff;
}

/* Compact-word index where each stage of the key ends: metadata (tunnel,
 * metadata, registers, in_port), then Ethernet/VLAN/MPLS, then IP/ARP/ND,
 * then transport. */
static const uint8_t stage_word_end[CLS_N_STAGES] = {
    offsetof(struct flow_key, dl_dst) / 8,
    offsetof(struct flow_key, nw_src) / 8,
    offsetof(struct flow_key, tp_src) / 8,
    FLOW_KEY_WORDS,
};

static size_t
stage_of_word(size_t w)
{
    size_t s = 0;

    while (w >= stage_word_end[s]) {
        s++;
    }
    return s;
}

static struct cls_htable *
htable_alloc(uint32_t n_slots)
{
    struct cls_htable *t;

    t = xzalloc(sizeof *t + n_slots * sizeof t->slots[0]);
    t->mask = n_slots - 1;
    return t;
}

static struct cls_stage_set *
stage_set_alloc(uint32_t n_slots)
{
    struct cls_stage_set *set;

    set = xzalloc(sizeof *set + n_slots * sizeof set->slots[0]);
    set->mask = n_slots - 1;
    return set;
}

struct cls_subtable *
cls_subtable_create(const struct flow_mask *mask, uint32_t mask_hash)
{
    struct cls_subtable *st = xzalloc(sizeof *st);
    const cls_word *m = key_words(&mask->bits);
    size_t last_stage = SIZE_MAX;

    st->mask = *mask;
    st->mask_hash = mask_hash;
    for (size_t w = 0; w < FLOW_KEY_WORDS; w++) {
        size_t stage = stage_of_word(w);

        if (!m[w]) {
            continue;
        }
        if (stage != last_stage) {
            st->n_stages++;
            last_stage = stage;
        }
        st->word_idx[st->n_words] = w;
        st->mask_words[st->n_words++] = m[w];
        st->stage_end[st->n_stages - 1] = st->n_words;
    }
    st->table = htable_alloc(MIN_SLOTS);
    for (size_t s = 0; s + 1 < st->n_stages; s++) {
        st->stage_sets[s] = stage_set_alloc(MIN_SLOTS);
    }
    return st;
}

static void
subtable_free(void *st_)
{
    struct cls_subtable *st = st_;

    free(st->table);
    for (size_t s = 0; s < ARRAY_SIZE(st->stage_sets); s++) {
        free(st->stage_sets[s]);
    }
    free(st->prios);
    free(st);
}

void
cls_subtable_destroy_postponed(struct cls_subtable *st)
{
    rcu_postpone(subtable_free, st);
}

/* Returns the smallest table size that holds 'n' entries at most half
 * full. */
static uint32_t
slots_for(uint32_t n)
{
    uint32_t n_slots = MIN_SLOTS;

    while (n_slots < 2 * n) {
        n_slots *= 2;
    }
    return n_slots;
}

/* Returns true if a table of 'n_slots' slots, 'n_used' of them not empty,
 * must be rebuilt before one more slot is used.  Keeping a third of the
 * slots empty bounds probe lengths, tombstones included. */
static bool
too_full(uint32_t n_used, uint32_t n_slots)
{
    return (uint64_t) (n_used + 1) * 3 > (uint64_t) n_slots * 2;
}

/* Priorities. */

/* Returns the index of the first entry of 'st->prios' whose priority is
 * 'priority' or lower. */
static size_t
prio_find(const struct cls_subtable *st, int priority)
{
    size_t lo = 0, hi = st->n_prios;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (st->prios[mid].priority > priority) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static void
prio_add(struct cls_subtable *st, int priority)
{
    size_t i = prio_find(st, priority);

    if (i < st->n_prios && st->prios[i].priority == priority) {
        st->prios[i].n_rules++;
        return;
    }
    if (st->n_prios == st->alloc_prios) {
        st->alloc_prios = st->alloc_prios ? 2 * st->alloc_prios : 4;
        st->prios = xrealloc(st->prios, st->alloc_prios * sizeof *st->prios);
    }
    memmove(&st->prios[i + 1], &st->prios[i],
            (st->n_prios - i) * sizeof *st->prios);
    st->prios[i].priority = priority;
    st->prios[i].n_rules = 1;
    st->n_prios++;
}

static void
prio_remove(struct cls_subtable *st, int priority)
{
    size_t i = prio_find(st, priority);

    assert(i < st->n_prios && st->prios[i].priority == priority);
    if (!--st->prios[i].n_rules) {
        st->n_prios--;
        memmove(&st->prios[i], &st->prios[i + 1],
                (st->n_prios - i) * sizeof *st->prios);
    }
}

int
cls_subtable_max_priority(const struct cls_subtable *st)
{
    return st->n_prios ? st->prios[0].priority : INT_MIN;
}

/* Stage sets. */

/* Returns the slot of 'set' that holds 'hash', or the empty slot that ends
 * its probe sequence. */
static uint32_t
stage_set_probe(const struct cls_stage_set *set, uint32_t hash)
{
    for (uint32_t i = hash & set->mask;; i = (i + 1) & set->mask) {
        uint64_t v = __atomic_load_n(&set->slots[i], __ATOMIC_RELAXED);

        if (!v || (uint32_t) (v >> 32) == hash) {
            return i;
        }
    }
}

/* Returns true if some rule's key prefix has hash 'hash' (or, rarely, a
 * prefix with the same hash).  For readers. */
static bool
stage_set_contains(const struct cls_stage_set *set, uint32_t hash)
{
    uint64_t v = __atomic_load_n(&set->slots[stage_set_probe(set, hash)],
                                 __ATOMIC_RELAXED);

    return (v & STAGE_COUNT_MASK) != 0;
}

static void
stage_set_rebuild(struct cls_subtable *st, size_t s)
{
    struct cls_stage_set *old = st->stage_sets[s];
    struct cls_stage_set *new = stage_set_alloc(slots_for(old->n_live + 1));

    for (uint32_t i = 0; i <= old->mask; i++) {
        uint64_t v = old->slots[i];

        if (v & STAGE_COUNT_MASK) {
            new->slots[stage_set_probe(new, v >> 32)] = v;
            new->n_used++;
            new->n_live++;
        }
    }
    rcu_set(st->stage_sets[s], new);
    rcu_postpone(free, old);
}

static void
stage_set_add(struct cls_subtable *st, size_t s, uint32_t hash)
{
    struct cls_stage_set *set = st->stage_sets[s];
    uint32_t i = stage_set_probe(set, hash);
    uint64_t v = set->slots[i];

    if (!v) {
        if (too_full(set->n_used, set->mask + 1)) {
            stage_set_rebuild(st, s);
            set = st->stage_sets[s];
            i = stage_set_probe(set, hash);
        }
        set->n_used++;
        v = STAGE_USED | (uint64_t) hash << 32;
    }
    if (!(v & STAGE_COUNT_MASK)) {
        set->n_live++;
    }
    __atomic_store_n(&set->slots[i], v + 1, __ATOMIC_RELAXED);
}

static void
stage_set_remove(struct cls_subtable *st, size_t s, uint32_t hash)
{
    struct cls_stage_set *set = st->stage_sets[s];
    uint32_t i = stage_set_probe(set, hash);
    uint64_t v = set->slots[i];

    assert(v & STAGE_COUNT_MASK);
    if (!((v - 1) & STAGE_COUNT_MASK)) {
        set->n_live--;
    }
    __atomic_store_n(&set->slots[i], v - 1, __ATOMIC_RELAXED);
}

/* Adds (or removes) the key prefixes of 'key' to (from) the stage sets. */
static void
update_stages(struct cls_subtable *st, const struct flow_key *key, bool add)
{
    uint64_t h = 0;
    size_t j = 0;

    for (size_t s = 0; s + 1 < st->n_stages; s++) {
        uint32_t hash;

        h = hash_words(st, key, h, j, st->stage_end[s]);
        j = st->stage_end[s];
        hash = hash_finish(h, j * 8);
        if (add) {
            stage_set_add(st, s, hash);
        } else {
            stage_set_remove(st, s, hash);
        }
    }
}

/* Hash table. */

/* Returns the first rule of the masked key 'key' (whose hash is 'hash') in
 * 't', and its slot in '*slotp', or NULL if the key is not there.  For
 * readers and the writer. */
static const struct cls_rule *
htable_find(const struct cls_subtable *st, const struct cls_htable *t,
            uint32_t hash, const struct flow_key *key, uint32_t *slotp)
{
    for (uint32_t i = hash & t->mask;; i = (i + 1) & t->mask) {
        const struct cls_rule *head = rcu_get(t->slots[i].head);

        if (!head) {
            return NULL;
        }
        if (head != &cls_tombstone
            && __atomic_load_n(&t->slots[i].hash, __ATOMIC_RELAXED) == hash
            && key_matches(st, head, key)) {
            *slotp = i;
            return head;
        }
    }
}

/* Puts 'head' in the first free slot (empty or tombstone) of its probe
 * sequence.  Its key must not be in 't' already. */
static void
htable_put(struct cls_htable *t, uint32_t hash, struct cls_rule *head)
{
    uint32_t i = hash & t->mask;

    while (t->slots[i].head && t->slots[i].head != &cls_tombstone) {
        i = (i + 1) & t->mask;
    }
    if (t->slots[i].head) {
        t->n_tombs--;
    }
    __atomic_store_n(&t->slots[i].hash, hash, __ATOMIC_RELAXED);
    rcu_set(t->slots[i].head, head);
    t->n_heads++;
}

/* Replaces the table of 'st' by one sized for 'n_heads' keys, without
 * tombstones. */
static void
htable_rebuild(struct cls_subtable *st, uint32_t n_heads)
{
    struct cls_htable *old = st->table;
    struct cls_htable *new = htable_alloc(slots_for(n_heads));

    for (uint32_t i = 0; i <= old->mask; i++) {
        struct cls_rule *head = old->slots[i].head;

        if (head && head != &cls_tombstone) {
            htable_put(new, old->slots[i].hash, head);
        }
    }
    rcu_set(st->table, new);
    rcu_postpone(free, old);
}

/* Inserts 'rule' into the list that starts at '*headp', after the rules of
 * higher or equal priority. */
static void
list_insert(struct cls_rule **headp, struct cls_rule *rule)
{
    struct cls_rule **p = headp;

    while (*p && (*p)->priority >= rule->priority) {
        p = &(*p)->next;
    }
    rule->next = *p;
    rcu_set(*p, rule);
}

void
cls_subtable_insert(struct cls_subtable *st, struct cls_rule *rule)
{
    struct cls_htable *t = st->table;
    uint32_t slot;

    /* The prefixes go in first, so that a reader that finds the rule in
     * the table also finds its prefixes. */
    rule->hash = full_hash(st, &rule->match.key);
    update_stages(st, &rule->match.key, true);
    prio_add(st, rule->priority);
    st->n_rules++;

    if (htable_find(st, t, rule->hash, &rule->match.key, &slot)) {
        list_insert(&t->slots[slot].head, rule);
        return;
    }
    if (too_full(t->n_heads + t->n_tombs, t->mask + 1)) {
        htable_rebuild(st, t->n_heads + 1);
        t = st->table;
    }
    rule->next = NULL;
    htable_put(t, rule->hash, rule);
}

void
cls_subtable_remove(struct cls_subtable *st, struct cls_rule *rule)
{
    struct cls_htable *t = st->table;
    struct cls_rule **p;
    uint32_t slot;

    if (!htable_find(st, t, rule->hash, &rule->match.key, &slot)) {
        assert(!"rule is not in its subtable");
        return;
    }
    /* 'rule->next' stays as it is: readers standing on 'rule' go on from
     * there. */
    p = &t->slots[slot].head;
    while (*p != rule) {
        p = &(*p)->next;
    }
    if (p == &t->slots[slot].head && !rule->next) {
        rcu_set(*p, &cls_tombstone);
        t->n_heads--;
        t->n_tombs++;
    } else {
        rcu_set(*p, rule->next);
    }
    update_stages(st, &rule->match.key, false);
    prio_remove(st, rule->priority);
    st->n_rules--;
}

const struct cls_rule *
cls_subtable_find(const struct cls_subtable *st, const struct flow_key *key)
{
    return cls_subtable_find_wc(st, key, NULL);
}

const struct cls_rule *
cls_subtable_find_wc(const struct cls_subtable *st, const struct flow_key *key,
                     struct flow_mask *wc)
{
    cls_word *w = wc ? (cls_word *) &wc->bits : NULL;
    uint64_t h = 0;
    size_t j = 0;
    uint32_t slot;

    for (size_t s = 0; s < st->n_stages; s++) {
        size_t end = st->stage_end[s];

        h = hash_words(st, key, h, j, end);
        for (; w && j < end; j++) {
            w[st->word_idx[j]] |= st->mask_words[j];
        }
        j = end;
        if (s + 1 < st->n_stages
            && !stage_set_contains(rcu_get(st->stage_sets[s]),
                                   hash_finish(h, end * 8))) {
            return NULL;
        }
    }
    return htable_find(st, rcu_get(st->table), hash_finish(h, j * 8), key,
                       &slot);
}
