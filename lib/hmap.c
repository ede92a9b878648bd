/* An intrusive hash map for the control path.  See hmap.h. */
#include "lib/hmap.h"

#include <stdlib.h>

#include "lib/util.h"

void
hmap_init(struct hmap *map)
{
    *map = (struct hmap) HMAP_INITIALIZER;
}

void
hmap_destroy(struct hmap *map)
{
    if (map) {
        free(map->buckets);
        hmap_init(map);
    }
}

void
hmap_clear(struct hmap *map)
{
    for (size_t i = 0; map->buckets && i <= map->mask; i++) {
        map->buckets[i] = NULL;
    }
    map->n = 0;
}

/* Rehashes 'map' into 'n_buckets' chains (a power of two). */
static void
resize(struct hmap *map, size_t n_buckets)
{
    struct hmap_node **buckets = xzalloc(n_buckets * sizeof *buckets);

    for (size_t i = 0; map->buckets && i <= map->mask; i++) {
        struct hmap_node *node = map->buckets[i];

        while (node) {
            struct hmap_node *next = node->next;
            struct hmap_node **head = &buckets[node->hash & (n_buckets - 1)];

            node->next = *head;
            *head = node;
            node = next;
        }
    }
    free(map->buckets);
    map->buckets = buckets;
    map->mask = n_buckets - 1;
}

void
hmap_insert(struct hmap *map, struct hmap_node *node, uint32_t hash)
{
    struct hmap_node **head;

    if (!map->buckets) {
        resize(map, 8);
    } else if (map->n >= 2 * (map->mask + 1)) {
        resize(map, 2 * (map->mask + 1));
    }
    head = &map->buckets[hash & map->mask];
    node->hash = hash;
    node->next = *head;
    *head = node;
    map->n++;
}

void
hmap_remove(struct hmap *map, struct hmap_node *node)
{
    struct hmap_node **p = &map->buckets[node->hash & map->mask];

    while (*p != node) {
        p = &(*p)->next;
    }
    *p = node->next;
    map->n--;
}

void
hmap_shrink(struct hmap *map)
{
    size_t n_buckets = 8;

    while (n_buckets < map->n / 2) {
        n_buckets *= 2;
    }
    if (map->buckets && n_buckets < map->mask + 1) {
        resize(map, n_buckets);
    }
}

struct hmap_node *
hmap_first_with_hash(const struct hmap *map, uint32_t hash)
{
    struct hmap_node *node =
        map->buckets ? map->buckets[hash & map->mask] : NULL;

    while (node && node->hash != hash) {
        node = node->next;
    }
    return node;
}

struct hmap_node *
hmap_next_with_hash(const struct hmap_node *prev)
{
    struct hmap_node *node = prev->next;

    while (node && node->hash != prev->hash) {
        node = node->next;
    }
    return node;
}

/* The first node in a bucket at or after 'start', or NULL. */
static struct hmap_node *
first_from(const struct hmap *map, size_t start)
{
    for (size_t i = start; map->buckets && i <= map->mask; i++) {
        if (map->buckets[i]) {
            return map->buckets[i];
        }
    }
    return NULL;
}

struct hmap_node *
hmap_first(const struct hmap *map)
{
    return first_from(map, 0);
}

struct hmap_node *
hmap_next(const struct hmap *map, const struct hmap_node *node)
{
    return node->next ? node->next
                      : first_from(map, (node->hash & map->mask) + 1);
}
