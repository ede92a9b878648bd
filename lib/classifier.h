/* Classifier: a set of rules (a match with arbitrary bitwise masks over
 * struct flow_key, and a priority) that finds the highest-priority rule
 * matching a packet's key.  Each OpenFlow table is one; so is the
 * datapath's megaflow cache.
 *
 * Design
 * ------
 * Tuple space search.  Rules with the same mask share a subtable: a hash
 * table keyed by the masked key, each entry holding the rules of one
 * masked key sorted by decreasing priority.  A lookup hashes the packet's
 * key under each subtable's mask (only the mask's nonzero 64-bit words) and
 * probes one table per subtable.  Subtables are visited in decreasing order
 * of the highest priority they hold, so a lookup stops as soon as no
 * remaining subtable can beat the best rule found.
 *
 * Versions.  Every rule is visible in the versions [add_version,
 * remove_version).  A lookup runs in one version and sees exactly the rules
 * visible in it, so an owner can stage a set of additions and removals in
 * version v + 1 while lookups run in v, and make them all visible at once
 * by moving its lookups to v + 1 (OpenFlow bundles).  Several rules with
 * the same match and priority may be in the classifier at once, provided
 * that at most one of them is visible in any version: a "modify" replaces
 * rule A by rule B by hiding A in version v and inserting B in version v.
 *
 * Megaflow masks.  A lookup can report which key bits its result depended
 * on ('wc'): any key equal to the looked-up one on those bits gets the same
 * result from the same classifier.  The mask covers the subtables the
 * lookup probed, not those it skipped by priority.  Probes are staged:
 * each subtable also records which prefixes of its mask, by protocol layer
 * (metadata, then L2, L3, L4), occur among its rules, so that a packet
 * whose metadata or L2 fields already match no rule of a subtable adds
 * only those fields to 'wc', not the subtable's whole mask.
 *
 * Thread-safety.  One writer at a time (the caller serializes the
 * functions under "Writers").  Lookups, iteration and the other functions
 * under "Readers" take no locks and may run at the same time as the writer
 * on any thread registered with lib/rcu.h and online (or on the writer's
 * own thread).  A reader may keep the rules it gets until it next
 * quiesces.  The classifier frees its internal memory through
 * rcu_postpone(); the owner frees a removed rule the same way, since
 * readers may still hold it until a grace period has passed.
 *
 * The owner embeds struct cls_rule in its own rule struct and reads
 * 'match' and 'priority' directly; every other member is private. */
#ifndef PONT_CLASSIFIER_H
#define PONT_CLASSIFIER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

/* Versions are uint64_t.  A rule added in CLS_VERSION_MIN is visible in
 * every version; a rule whose remove version is CLS_NOT_REMOVED stays
 * visible in every later version. */
#define CLS_VERSION_MIN 0
#define CLS_NOT_REMOVED UINT64_MAX

struct cls_htable;
struct cls_subtable;
struct cls_subtable_array;

struct cls_rule {
    /* Public, read-only once the rule is initialized. */
    struct flow_match match; /* Key bits outside the mask are zero. */
    int priority;            /* Higher wins; OpenFlow uses 0..65535. */

    /* Private. */
    uint32_t hash;                 /* Of the masked key, in its subtable. */
    uint64_t add_version;          /* Visible from this version on... */
    uint64_t remove_version;       /* ...to this one, excluded (atomic). */
    struct cls_rule *next;         /* Same key, lower priority (RCU). */
    struct cls_subtable *subtable; /* Writer only. */
};

struct cls {
    /* Private. */
    struct cls_subtable_array *by_priority; /* RCU; for lookups. */
    struct cls_subtable *subtables;         /* RCU list; for iteration. */
    size_t n_rules;                         /* Atomic. */
};

/* Initializes 'rule' with 'match' (whose key bits outside its mask are
 * cleared here) and 'priority', visible in every version until inserted.
 * Any thread; touches only 'rule'. */
void cls_rule_init(struct cls_rule *rule, const struct flow_match *match,
                   int priority);

/* Initializes an empty classifier.  Allocates nothing; cannot fail. */
void cls_init(struct cls *);

/* Frees the internal memory of 'cls', which must be empty (aborts if not:
 * destroying rules that readers might still find is a programming error).
 * Readers may still be inside a lookup on 'cls' until a grace period
 * passes; only then may the memory of 'cls' itself be reused. */
void cls_destroy(struct cls *);

/* Writers.  One thread at a time; the caller serializes them. */

/* Inserts 'rule', initialized by cls_rule_init() and in no classifier, and
 * makes it visible in versions >= 'version' (until hidden).  Lookups in
 * older versions do not see it, even if they start after this returns.  The
 * caller ensures that no other rule with the same match and priority is
 * visible in any version where 'rule' is.  Never fails (aborts on out of
 * memory, like xmalloc); may allocate and may postpone frees. */
void cls_insert(struct cls *, struct cls_rule *rule, uint64_t version);

/* Makes inserted 'rule' invisible in versions >= 'version', which must be
 * above its add version; the rule stays in the classifier (lookups in older
 * versions still see it) until cls_remove(). */
void cls_rule_hide(struct cls_rule *rule, uint64_t version);

/* Makes 'rule' visible again in every version from its add version on
 * (discarding a staged removal). */
void cls_rule_unhide(struct cls_rule *rule);

/* Unlinks inserted 'rule' from 'cls'.  Readers may still see it until a
 * grace period has passed, so the owner frees or reuses it only through
 * rcu_postpone() (or after rcu_synchronize()).  Usually the rule was hidden
 * in a version that no lookup uses any more; removing a visible rule makes
 * it vanish from every version at once. */
void cls_remove(struct cls *, struct cls_rule *rule);

/* Readers: the writer's thread, or any RCU-registered online thread. */

/* Returns the highest-priority rule visible in 'version' that matches
 * 'key', or NULL if there is none.  Among several matching rules of the
 * highest priority the choice is arbitrary (OpenFlow leaves it undefined)
 * but the same for the same classifier contents.
 *
 * If 'wc' is nonnull, ORs into it every key bit that the result depended
 * on: every key equal to 'key' on the bits of 'wc' gets the same result.
 * 'wc' is not cleared first.
 *
 * No locks, no allocation. */
const struct cls_rule *cls_lookup(const struct cls *,
                                  const struct flow_key *key, uint64_t version,
                                  struct flow_mask *wc);

/* Returns the rule visible in 'version' whose match is exactly 'match'
 * (compared after masking its key) and whose priority is 'priority', or
 * NULL (OpenFlow "strict" matching). */
const struct cls_rule *cls_find_exactly(const struct cls *,
                                        const struct flow_match *match,
                                        int priority, uint64_t version);

/* Returns true if 'rule' is visible in 'version'. */
bool cls_rule_is_visible(const struct cls_rule *rule, uint64_t version);

/* Returns true if some rule visible in 'version' with priority 'priority'
 * matches a packet that 'match' matches too (OpenFlow's check_overlap).
 * Costs a hash probe for each subtable whose mask 'match' covers, and a scan
 * of the others that hold rules of priority 'priority' or higher. */
bool cls_has_overlap(const struct cls *, const struct flow_match *match,
                     int priority, uint64_t version);

/* Returns the number of rules in 'cls', in any version. */
size_t cls_count(const struct cls *);
bool cls_is_empty(const struct cls *);

/* Iteration over the rules visible in one version:
 *
 *     struct cls_cursor cursor;
 *     const struct cls_rule *rule;
 *
 *     cls_cursor_init(&cursor, cls, target, version);
 *     while ((rule = cls_cursor_next(&cursor))) {
 *         ...
 *     }
 *
 * A cursor owns nothing: stopping early (break) needs no clean-up.  The
 * order is unspecified.  With a NULL target the cursor returns every rule
 * visible in 'version'.  cls_cursor_init() selects the rules "included" in
 * 'target' (OpenFlow non-strict): those whose mask sets every bit that the
 * target's mask sets, and whose key agrees with the target's key on those
 * bits, so that every packet the rule matches, the target matches too.
 * cls_cursor_init_strict() selects the rules whose match is exactly
 * 'target', of any priority.  'target' must stay valid and unchanged while
 * the cursor is in use.
 *
 * A reader on another thread must not quiesce while it uses a cursor;
 * rules the writer inserts or removes meanwhile may or may not be returned.
 *
 * The writer may use a cursor and, between calls to cls_cursor_next(), hide
 * or unhide any rule (the cursor checks visibility again before returning a
 * rule) and cls_remove() the rule the cursor last returned.  It must not
 * insert or remove other rules until it is done with the cursor, unless its
 * thread is a registered online RCU thread that does not quiesce meanwhile.
 */
struct cls_cursor {
    /* Private. */
    const struct cls *cls;
    const struct flow_match *target;
    uint64_t version;
    bool strict;
    const struct cls_subtable *subtable; /* Where 'next' was found: */
    const struct cls_htable *table;      /* in this table, */
    uint32_t slot;                       /* in this slot. */
    bool one_slot;               /* Only one key of this subtable can match. */
    const struct cls_rule *next; /* Returned by the next call, if still
                                  * visible. */
};

void cls_cursor_init(struct cls_cursor *, const struct cls *,
                     const struct flow_match *target, uint64_t version);
void cls_cursor_init_strict(struct cls_cursor *, const struct cls *,
                            const struct flow_match *target, uint64_t version);

/* Returns the next selected rule, or NULL at the end (and from then on). */
const struct cls_rule *cls_cursor_next(struct cls_cursor *);

#endif /* lib/classifier.h */
