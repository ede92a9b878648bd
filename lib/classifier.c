/* The classifier: subtables in priority order, versions, lookups,
 * iteration.  One subtable's hash table is in lib/cls_subtable.c; the
 * design notes are in lib/classifier.h and lib/cls_private.h. */
#include "lib/classifier.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/cls_private.h"
#include "lib/rcu.h"
#include "lib/util.h"

/* The array of an empty classifier: shared, never freed, never written. */
static struct cls_subtable_array empty_array;

/* Returns true if every bit set in 'a' is set in 'b'. */
static bool
mask_is_subset(const struct flow_mask *a, const struct flow_mask *b)
{
    const cls_word *wa = key_words(&a->bits);
    const cls_word *wb = key_words(&b->bits);
    uint64_t extra = 0;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        extra |= wa[i] & ~wb[i];
    }
    return !extra;
}

/* Returns true if some packet matches both 'a' and 'b': they agree on
 * every bit that both masks set. */
static bool
matches_overlap(const struct flow_match *a, const struct flow_match *b)
{
    const cls_word *ka = key_words(&a->key), *ma = key_words(&a->mask.bits);
    const cls_word *kb = key_words(&b->key), *mb = key_words(&b->mask.bits);
    uint64_t diff = 0;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        diff |= (ka[i] ^ kb[i]) & ma[i] & mb[i];
    }
    return !diff;
}

void
cls_rule_init(struct cls_rule *rule, const struct flow_match *match,
              int priority)
{
    flow_match_init(&rule->match, &match->key, &match->mask);
    rule->priority = priority;
    rule->hash = 0;
    rule->add_version = CLS_VERSION_MIN;
    __atomic_store_n(&rule->remove_version, CLS_NOT_REMOVED, __ATOMIC_RELAXED);
    rule->next = NULL;
    rule->subtable = NULL;
}

bool
cls_rule_is_visible(const struct cls_rule *rule, uint64_t version)
{
    /* Relaxed is enough: an owner changes the remove version of a rule
     * only for versions no lookup uses yet, so a lookup in its version
     * gets the same answer from the old value and the new one.  The owner
     * publishes a new version with a release store, which orders the
     * change before lookups in that version. */
    return rule->add_version <= version
           && version
                  < __atomic_load_n(&rule->remove_version, __ATOMIC_RELAXED);
}

void
cls_rule_hide(struct cls_rule *rule, uint64_t version)
{
    __atomic_store_n(&rule->remove_version, version, __ATOMIC_RELAXED);
}

void
cls_rule_unhide(struct cls_rule *rule)
{
    __atomic_store_n(&rule->remove_version, CLS_NOT_REMOVED, __ATOMIC_RELAXED);
}

void
cls_init(struct cls *cls)
{
    cls->by_priority = &empty_array;
    cls->subtables = NULL;
    cls->n_rules = 0;
}

void
cls_destroy(struct cls *cls)
{
    if (!cls_is_empty(cls)) {
        fprintf(stderr,
                "pont: cls_destroy: the classifier still holds "
                "%zu rules; remove them first\n",
                cls_count(cls));
        abort();
    }
    /* An empty classifier owns no memory: its last subtable and array
     * went when its last rule did. */
    assert(cls->by_priority == &empty_array && !cls->subtables);
}

size_t
cls_count(const struct cls *cls)
{
    return __atomic_load_n(&cls->n_rules, __ATOMIC_RELAXED);
}

bool
cls_is_empty(const struct cls *cls)
{
    return !cls_count(cls);
}

/* Writers. */

static struct cls_subtable *
find_subtable(const struct cls *cls, const struct flow_mask *mask,
              uint32_t mask_hash)
{
    for (struct cls_subtable *st = rcu_get(cls->subtables); st;
         st = rcu_get(st->next)) {
        if (st->mask_hash == mask_hash
            && flow_equal(&st->mask.bits, &mask->bits)) {
            return st;
        }
    }
    return NULL;
}

/* Publishes a copy of the subtable array in which 'st' is absent (if
 * 'present' is false) or placed by its current highest priority, after the
 * subtables of equal priority. */
static void
update_array(struct cls *cls, struct cls_subtable *st, bool present)
{
    struct cls_subtable_array *old = cls->by_priority;
    struct cls_subtable_array *new;
    int max = cls_subtable_max_priority(st);
    bool placed = !present;
    size_t n = 0;

    new = xmalloc(sizeof *new + (old->n + 1) * sizeof new->e[0]);
    for (size_t i = 0; i < old->n; i++) {
        if (old->e[i].subtable == st) {
            continue;
        }
        if (!placed && old->e[i].max_priority < max) {
            new->e[n++] = (struct cls_subtable_entry){max, st};
            placed = true;
        }
        new->e[n++] = old->e[i];
    }
    if (!placed) {
        new->e[n++] = (struct cls_subtable_entry){max, st};
    }
    new->n = n;
    if (!n) {
        free(new);
        new = &empty_array;
    }
    rcu_set(cls->by_priority, new);
    if (old != &empty_array) {
        rcu_postpone(free, old);
    }
}

void
cls_insert(struct cls *cls, struct cls_rule *rule, uint64_t version)
{
    uint32_t mask_hash = flow_hash(&rule->match.mask.bits, 0);
    struct cls_subtable *st = find_subtable(cls, &rule->match.mask, mask_hash);
    bool is_new = !st;
    int old_max;

    rule->add_version = version;
    __atomic_store_n(&rule->remove_version, CLS_NOT_REMOVED, __ATOMIC_RELAXED);
    if (is_new) {
        st = cls_subtable_create(&rule->match.mask, mask_hash);
    }
    old_max = cls_subtable_max_priority(st);
    rule->subtable = st;
    cls_subtable_insert(st, rule);

    /* A new subtable is complete before readers can reach it. */
    if (is_new) {
        st->next = cls->subtables;
        rcu_set(cls->subtables, st);
    }
    if (is_new || cls_subtable_max_priority(st) != old_max) {
        update_array(cls, st, true);
    }
    __atomic_store_n(&cls->n_rules, cls->n_rules + 1, __ATOMIC_RELAXED);
}

static void
unlink_subtable(struct cls *cls, struct cls_subtable *st)
{
    struct cls_subtable **p = &cls->subtables;

    while (*p != st) {
        p = &(*p)->next;
    }
    /* 'st->next' stays: readers standing on 'st' go on from there. */
    rcu_set(*p, st->next);
}

void
cls_remove(struct cls *cls, struct cls_rule *rule)
{
    struct cls_subtable *st = rule->subtable;
    int old_max = cls_subtable_max_priority(st);

    cls_subtable_remove(st, rule);
    if (!st->n_rules) {
        unlink_subtable(cls, st);
        update_array(cls, st, false);
        cls_subtable_destroy_postponed(st);
    } else if (cls_subtable_max_priority(st) != old_max) {
        update_array(cls, st, true);
    }
    rule->subtable = NULL;
    __atomic_store_n(&cls->n_rules, cls->n_rules - 1, __ATOMIC_RELAXED);
}

/* Readers. */

/* Returns the first rule visible in 'version' among 'rule' and those that
 * follow it. */
static const struct cls_rule *
first_visible(const struct cls_rule *rule, uint64_t version)
{
    while (rule && !cls_rule_is_visible(rule, version)) {
        rule = rcu_get(rule->next);
    }
    return rule;
}

const struct cls_rule *
cls_lookup(const struct cls *cls, const struct flow_key *key, uint64_t version,
           struct flow_mask *wc)
{
    const struct cls_subtable_array *array = rcu_get(cls->by_priority);
    const struct cls_rule *best = NULL;

    for (size_t i = 0; i < array->n; i++) {
        const struct cls_subtable_entry *e = &array->e[i];
        const struct cls_rule *rule;

        /* The array is sorted: no later subtable can do better. */
        if (best && e->max_priority <= best->priority) {
            break;
        }
        rule = cls_subtable_find_wc(e->subtable, key, wc);
        rule = first_visible(rule, version);
        if (rule && (!best || rule->priority > best->priority)) {
            best = rule;
        }
    }
    return best;
}

const struct cls_rule *
cls_find_exactly(const struct cls *cls, const struct flow_match *match,
                 int priority, uint64_t version)
{
    const struct cls_subtable *st;
    const struct cls_rule *rule;

    st = find_subtable(cls, &match->mask, flow_hash(&match->mask.bits, 0));
    if (!st) {
        return NULL;
    }
    for (rule = cls_subtable_find(st, &match->key); rule;
         rule = rcu_get(rule->next)) {
        if (rule->priority == priority && cls_rule_is_visible(rule, version)) {
            return rule;
        }
    }
    return NULL;
}

/* Returns true if a rule visible in 'version', of priority 'priority',
 * overlapping 'match', is in the list that starts at 'rule'. */
static bool
list_has_overlap(const struct cls_rule *rule, const struct flow_match *match,
                 int priority, uint64_t version)
{
    for (; rule; rule = rcu_get(rule->next)) {
        if (rule->priority == priority && cls_rule_is_visible(rule, version)
            && matches_overlap(&rule->match, match)) {
            return true;
        }
    }
    return false;
}

bool
cls_has_overlap(const struct cls *cls, const struct flow_match *match,
                int priority, uint64_t version)
{
    const struct cls_subtable_array *array = rcu_get(cls->by_priority);

    for (size_t i = 0; i < array->n; i++) {
        const struct cls_subtable *st = array->e[i].subtable;
        const struct cls_htable *t;

        if (array->e[i].max_priority < priority) {
            break;
        }
        /* If 'match' sets every bit of the subtable's mask, a rule
         * overlaps it only if the rule's key is the masked key of
         * 'match': one probe. */
        if (mask_is_subset(&st->mask, &match->mask)) {
            if (list_has_overlap(cls_subtable_find(st, &match->key), match,
                                 priority, version)) {
                return true;
            }
            continue;
        }
        t = rcu_get(st->table);
        for (uint32_t slot = 0; slot <= t->mask; slot++) {
            if (list_has_overlap(cls_htable_head(t, slot), match, priority,
                                 version)) {
                return true;
            }
        }
    }
    return false;
}

/* Iteration. */

/* Returns true if 'cursor' selects 'rule'. */
static bool
cursor_selects(const struct cls_cursor *cursor, const struct cls_rule *rule)
{
    const struct flow_match *target = cursor->target;

    if (!cls_rule_is_visible(rule, cursor->version)) {
        return false;
    }
    if (!target || cursor->one_slot) {
        /* The subtable's mask and the rule's key were checked already. */
        return true;
    }
    return flow_equal_masked(&rule->match.key, &target->key, &target->mask);
}

/* Returns true if the cursor may find rules in 'st'; sets
 * 'cursor->one_slot' if only one key of 'st' can match. */
static bool
cursor_enters(struct cls_cursor *cursor, const struct cls_subtable *st)
{
    const struct flow_match *target = cursor->target;

    cursor->one_slot = false;
    if (!target) {
        return true;
    }
    if (flow_equal(&st->mask.bits, &target->mask.bits)) {
        cursor->one_slot = true;
        return true;
    }
    return !cursor->strict && mask_is_subset(&target->mask, &st->mask);
}

/* Returns the first selected rule at or after 'rule' in the cursor's
 * current list, slot, table and subtable order, and leaves the cursor
 * where it found it. */
static const struct cls_rule *
cursor_advance(struct cls_cursor *cursor, const struct cls_rule *rule)
{
    for (;;) {
        const struct cls_subtable *st;

        for (; rule; rule = rcu_get(rule->next)) {
            if (cursor_selects(cursor, rule)) {
                return rule;
            }
        }
        if (cursor->subtable && !cursor->one_slot
            && cursor->slot < cursor->table->mask) {
            rule = cls_htable_head(cursor->table, ++cursor->slot);
            continue;
        }

        /* On to the next subtable that may hold selected rules. */
        st = (cursor->subtable ? rcu_get(cursor->subtable->next)
                               : rcu_get(cursor->cls->subtables));
        while (st && !cursor_enters(cursor, st)) {
            st = rcu_get(st->next);
        }
        cursor->subtable = st;
        if (!st) {
            return NULL;
        }
        cursor->table = rcu_get(st->table);
        cursor->slot = 0;
        rule = (cursor->one_slot ? cls_subtable_find(st, &cursor->target->key)
                                 : cls_htable_head(cursor->table, 0));
    }
}

static void
cursor_init(struct cls_cursor *cursor, const struct cls *cls,
            const struct flow_match *target, uint64_t version, bool strict)
{
    cursor->cls = cls;
    cursor->target = target;
    cursor->version = version;
    cursor->strict = strict;
    cursor->subtable = NULL;
    cursor->table = NULL;
    cursor->slot = 0;
    cursor->one_slot = false;
    cursor->next = cursor_advance(cursor, NULL);
}

void
cls_cursor_init(struct cls_cursor *cursor, const struct cls *cls,
                const struct flow_match *target, uint64_t version)
{
    cursor_init(cursor, cls, target, version, false);
}

void
cls_cursor_init_strict(struct cls_cursor *cursor, const struct cls *cls,
                       const struct flow_match *target, uint64_t version)
{
    cursor_init(cursor, cls, target, version, true);
}

const struct cls_rule *
cls_cursor_next(struct cls_cursor *cursor)
{
    const struct cls_rule *rule;

    /* The cursor finds the following rule before returning this one, so
     * that the caller may remove this one; it checks again that this one
     * is still visible, in case the caller hid it meanwhile. */
    do {
        rule = cursor->next;
        if (!rule) {
            return NULL;
        }
        cursor->next = cursor_advance(cursor, rcu_get(rule->next));
    } while (!cls_rule_is_visible(rule, cursor->version));
    return rule;
}
