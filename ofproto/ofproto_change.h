/* Staged changes of groups and meters: what a transaction will make of
 * each group or meter id when it commits.
 *
 * Design
 * ------
 * A transaction (struct ofproto_txn, ofproto_private.h) keeps one map of
 * changes for groups and one for meters.  Each change names an id and the
 * object that id will hold after the commit, or NULL if the commit deletes
 * it.  Staging the same id twice replaces the first change, freeing the
 * object it held, so a bundle that adds, modifies and deletes one group
 * leaves a single change describing the net effect.  The objects are the
 * transaction's until the commit publishes them.
 *
 * Thread-safety: main thread only, like the transaction. */
#ifndef PONT_OFPROTO_CHANGE_H
#define PONT_OFPROTO_CHANGE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/hmap.h"

struct ofproto;
struct ofproto_txn;
struct rule;

struct ofproto_change {
    struct hmap_node node; /* In a transaction's map, by ofproto_id_hash(). */
    uint32_t id;
    void *obj; /* What 'id' becomes; NULL: deleted.  Owned. */
};

/* The hash under which groups, meters and their changes are filed. */
uint32_t ofproto_id_hash(uint32_t id);

/* Returns the change staged for 'id' in 'changes', or NULL if none. */
struct ofproto_change *ofproto_change_find(const struct hmap *changes,
                                           uint32_t id);

/* Stages 'obj' (taking ownership; NULL for a deletion) as what 'id'
 * becomes, freeing with 'free_obj' what an earlier change of 'id' held. */
void ofproto_change_stage(struct hmap *changes, uint32_t id, void *obj,
                          void (*free_obj)(void *));

/* Empties 'changes', freeing each change and, with 'free_obj' unless it is
 * NULL, the object it holds (NULL when the commit took the objects). */
void ofproto_changes_clear(struct hmap *changes, void (*free_obj)(void *));

/* A table of groups or meters as a transaction left it: the objects in
 * 'published', each embedding its hmap_node at 'node_offset' and holding
 * the id 'id_of' returns, with the staged 'changes' over them. */
struct ofproto_staged_table {
    const struct hmap *published;
    const struct hmap *changes;
    size_t node_offset;
    uint32_t (*id_of)(const void *obj);
};

/* Returns the ids of every object visible in 'table' in a new array of
 * '*n' (the caller frees it). */
uint32_t *ofproto_staged_ids(const struct ofproto_staged_table *table,
                             size_t *n);

/* Calls 'adjust' with +1 for each rule 'txn' added, then -1 for each rule
 * it removed (in that order, so that a count never goes below zero for a
 * rule both added and removed), for the commit's reference counts. */
void ofproto_txn_count_rules(const struct ofproto_txn *txn,
                             void (*adjust)(struct ofproto *,
                                            const struct rule *, int delta));

/* Runs 'stage' on 'mod' in a transaction of its own, as a GROUP_MOD or
 * METER_MOD outside a bundle: commits it on success, aborts it on error.
 * Returns what 'stage' returned. */
int ofproto_txn_run_one(struct ofproto *,
                        int (*stage)(struct ofproto_txn *, const void *mod),
                        const void *mod);

#endif /* ofproto/ofproto_change.h */
