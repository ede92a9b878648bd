/* Staged changes of groups and meters.  See ofproto_change.h. */
#include "ofproto/ofproto_change.h"

#include <stdlib.h>

#include "lib/hash.h"
#include "lib/util.h"

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
