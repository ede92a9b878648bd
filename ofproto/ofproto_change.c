/* Staged changes of groups and meters.  See ofproto_change.h. */
#include "ofproto/ofproto_change.h"

#include <stdlib.h>

#include "lib/hash.h"
#include "lib/util.h"
#include "ofproto/ofproto_private.h"

uint32_t
ofproto_id_hash(uint32_t id)
{
    return hash_uint64(id, 0);
}

struct ofproto_change *
ofproto_change_find(const struct hmap *changes, uint32_t id)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(changes, ofproto_id_hash(id));
         n; n = hmap_next_with_hash(n)) {
        struct ofproto_change *c = CONTAINER_OF(n, struct ofproto_change, node);

        if (c->id == id) {
            return c;
        }
    }
    return NULL;
}

void
ofproto_change_stage(struct hmap *changes, uint32_t id, void *obj,
                     void (*free_obj)(void *))
{
    struct ofproto_change *c = ofproto_change_find(changes, id);

    if (c) {
        if (c->obj) {
            free_obj(c->obj);
        }
    } else {
        c = xmalloc(sizeof *c);
        c->id = id;
        hmap_insert(changes, &c->node, ofproto_id_hash(id));
    }
    c->obj = obj;
}

void
ofproto_changes_clear(struct hmap *changes, void (*free_obj)(void *))
{
    struct hmap_node *n = hmap_first(changes);

    while (n) {
        struct hmap_node *next = hmap_next(changes, n);
        struct ofproto_change *c = CONTAINER_OF(n, struct ofproto_change, node);

        hmap_remove(changes, n);
        if (c->obj && free_obj) {
            free_obj(c->obj);
        }
        free(c);
        n = next;
    }
}

uint32_t *
ofproto_staged_ids(const struct ofproto_staged_table *table, size_t *n)
{
    size_t max = hmap_count(table->published) + hmap_count(table->changes);
    uint32_t *ids = xmalloc((max ? max : 1) * sizeof *ids);

    *n = 0;
    for (const struct hmap_node *node = hmap_first(table->published); node;
         node = hmap_next(table->published, node)) {
        uint32_t id = table->id_of((const char *) node - table->node_offset);

        if (!ofproto_change_find(table->changes, id)) {
            ids[(*n)++] = id;
        }
    }
    for (const struct hmap_node *node = hmap_first(table->changes); node;
         node = hmap_next(table->changes, node)) {
        const struct ofproto_change *c =
            CONTAINER_OF(node, struct ofproto_change, node);

        if (c->obj) {
            ids[(*n)++] = c->id;
        }
    }
    return ids;
}

void
ofproto_txn_count_rules(const struct ofproto_txn *txn,
                        void (*adjust)(struct ofproto *, const struct rule *,
                                       int delta))
{
    for (size_t i = 0; i < txn->n_added; i++) {
        adjust(txn->ofproto, txn->added[i], 1);
    }
    for (size_t i = 0; i < txn->n_removed; i++) {
        adjust(txn->ofproto, txn->removed[i].rule, -1);
    }
}

int
ofproto_txn_run_one(struct ofproto *ofproto,
                    int (*stage)(struct ofproto_txn *, const void *mod),
                    const void *mod)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    int error = stage(txn, mod);

    if (error) {
        ofproto_txn_abort(txn);
    } else {
        ofproto_txn_commit(txn);
    }
    return error;
}
