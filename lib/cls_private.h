/* Classifier internals shared by lib/classifier.c (the classifier: its
 * subtables in priority order, versions, iteration) and lib/cls_subtable.c
 * (one subtable: the hash table of one mask).  Nothing outside those two
 * files may include this header.
 *
 * A subtable keeps the masked keys of its rules in an open-addressing hash
 * table with linear probing.  Each slot holds a key's hash and its
 * highest-priority rule (the "head"); the other rules of the key hang from
 * the head through cls_rule.next, by decreasing priority.
 *
 * Concurrent readers and resizing.  The writer never empties a slot in
 * place: removing a key leaves a tombstone, which probes walk past, so a
 * reader's probe sequence never stops short of a key that is still there.
 * A full table (live keys and tombstones above two thirds) is never
 * rehashed in place either: the writer builds a new slot array, publishes
 * it with one release store, and frees the old array after a grace period.
 * Readers that loaded the old array still find every key that was in it;
 * rule lists are shared by both arrays and change only through
 * RCU-safe list insertion and unlinking.  The writer only ever rebuilds
 * tables when it inserts, never when it removes, which is what lets a
 * writer's cursor survive removing the rule it just returned.
 *
 * Staged probes.  The nonzero words of a subtable's mask are grouped in up
 * to four stages (metadata, L2, L3, L4).  For every stage but the last, a
 * counted hash set records the hashes of the masked key prefixes (up to the
 * end of that stage) that its rules have.  A lookup that does not find its
 * prefix in a stage's set has missed the subtable, having depended only on
 * the words hashed so far, which is all it adds to the megaflow mask. */
#ifndef PONT_CLS_PRIVATE_H
#define PONT_CLS_PRIVATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/classifier.h"
#include "lib/flow.h"
#include "lib/rcu.h"

#define CLS_N_STAGES 4

/* Keys are read as 64-bit words; may_alias tells the compiler that these
 * accesses alias the struct's members (as in lib/flow.c). */
typedef uint64_t __attribute__((may_alias)) cls_word;

static inline const cls_word *
key_words(const struct flow_key *key)
{
    return (const cls_word *) key;
}

/* A slot of a subtable's hash table.  'head' is NULL if the slot was never
 * used, &cls_tombstone if its key was removed, otherwise the first rule of
 * one masked key, whose hash is 'hash'.  Readers load 'head' with rcu_get()
 * and then 'hash' (atomically); the writer stores 'hash' before 'head'. */
struct cls_slot {
    uint32_t hash;
    struct cls_rule *head;
};

struct cls_htable {
    uint32_t mask;    /* Number of slots minus 1 (a power of 2 minus 1). */
    uint32_t n_heads; /* Slots holding a key.  Writer only. */
    uint32_t n_tombs; /* Tombstones.  Writer only. */
    struct cls_slot slots[];
};

/* A counted set of 32-bit hashes.  Each slot is 0 if never used, else
 * CLS_STAGE_USED | hash << 32 | count; a slot keeps its hash for the life of
 * the array (a zero count means "absent"), so readers' probes cannot be cut
 * short.  Slots are read and written as single atomic words. */
struct cls_stage_set {
    uint32_t mask;   /* Number of slots minus 1. */
    uint32_t n_used; /* Slots ever used.  Writer only. */
    uint32_t n_live; /* Slots with a nonzero count.  Writer only. */
    uint64_t slots[];
};

struct cls_prio_count {
    int priority;
    uint32_t n_rules;
};

struct cls_subtable {
    struct cls_subtable *next; /* In cls->subtables (RCU). */
    struct cls_htable *table;  /* RCU. */
    struct cls_stage_set *stage_sets[CLS_N_STAGES - 1]; /* RCU. */

    /* Immutable after creation.  The mask's nonzero words, compacted:
     * word j of the compact form is word 'word_idx[j]' of a key.  Stage s
     * covers compact words [stage_end[s - 1], stage_end[s]). */
    uint8_t n_words;
    uint8_t n_stages; /* Stages with at least one word. */
    uint8_t stage_end[CLS_N_STAGES];
    uint8_t word_idx[FLOW_KEY_WORDS];
    uint64_t mask_words[FLOW_KEY_WORDS];
    uint32_t mask_hash; /* flow_hash() of 'mask', to find subtables. */
    struct flow_mask mask;

    /* Writer only. */
    size_t n_rules;
    struct cls_prio_count *prios; /* By decreasing priority. */
    size_t n_prios, alloc_prios;
};

/* The subtables of a classifier by decreasing 'max_priority', an immutable
 * array replaced (RCU) whenever a subtable comes, goes, or changes its
 * highest priority.  'max_priority' is a copy, so that a lookup reads the
 * array sequentially. */
struct cls_subtable_entry {
    int max_priority;
    struct cls_subtable *subtable;
};

struct cls_subtable_array {
    size_t n;
    struct cls_subtable_entry e[];
};

/* The 'head' of a slot whose key was removed. */
extern struct cls_rule cls_tombstone;

/* Writer: creating, changing, destroying a subtable. */
struct cls_subtable *cls_subtable_create(const struct flow_mask *,
                                         uint32_t mask_hash);
void cls_subtable_destroy_postponed(struct cls_subtable *);
void cls_subtable_insert(struct cls_subtable *, struct cls_rule *);
void cls_subtable_remove(struct cls_subtable *, struct cls_rule *);
int cls_subtable_max_priority(const struct cls_subtable *);

/* Readers.  Return the first rule of the masked key of 'key', or NULL.
 * Both stop at the first stage whose key prefix no rule has.  The second
 * also ORs into 'wc' (if nonnull) the key bits that the result depended
 * on. */
const struct cls_rule *cls_subtable_find(const struct cls_subtable *,
                                         const struct flow_key *key);
const struct cls_rule *cls_subtable_find_wc(const struct cls_subtable *,
                                            const struct flow_key *key,
                                            struct flow_mask *wc);

/* Returns the first rule of slot 'i' of 't', or NULL for an empty slot or
 * a tombstone.  For readers. */
static inline const struct cls_rule *
cls_htable_head(const struct cls_htable *t, uint32_t i)
{
    const struct cls_rule *head = rcu_get(t->slots[i].head);

    return head == &cls_tombstone ? NULL : head;
}

#endif /* lib/cls_private.h */
