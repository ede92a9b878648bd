/* An intrusive hash map for the control path.
 *
 * Design
 * ------
 * Elements embed a struct hmap_node; the map holds pointers to them in a
 * power-of-two array of chains and never allocates elements itself.  The
 * caller computes hashes (lib/hash.h) and compares keys: a lookup walks the
 * nodes with a given hash and the caller checks each one.  The bucket array
 * doubles when the map holds more than two nodes per bucket on average and
 * halves when it holds fewer than one per four, so lookups stay a probe or
 * two.
 *
 * Iteration is by functions, not macros: hmap_first()/hmap_next() visit
 * every node once in an unspecified order.  Removing the node just visited
 * is allowed if the caller fetched the next one first; any other insertion
 * or removal during an iteration (which may resize the map) is not.
 *
 * Thread-safety: none.  A map belongs to one thread at a time; concurrent
 * readers need lib/classifier.h or RCU-protected structures instead. */
#ifndef PONT_HMAP_H
#define PONT_HMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hmap_node {
    struct hmap_node *next;
    uint32_t hash;
};

struct hmap {
    struct hmap_node **buckets;
    size_t mask; /* Number of buckets minus one. */
    size_t n;    /* Number of nodes. */
};

#define HMAP_INITIALIZER                                                       \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

void hmap_init(struct hmap *);
/* Frees the bucket array (not the elements, which the caller owns). */
void hmap_destroy(struct hmap *);
/* Empties the map without touching the elements. */
void hmap_clear(struct hmap *);

void hmap_insert(struct hmap *, struct hmap_node *, uint32_t hash);
void hmap_remove(struct hmap *, struct hmap_node *);
/* Shrinks the bucket array to fit the nodes left (not during iteration). */
void hmap_shrink(struct hmap *);

static inline size_t
hmap_count(const struct hmap *map)
{
    return map->n;
}

static inline bool
hmap_is_empty(const struct hmap *map)
{
    return map->n == 0;
}

/* The first node with 'hash', or NULL; then the next node with the same
 * hash after 'node', or NULL. */
struct hmap_node *hmap_first_with_hash(const struct hmap *, uint32_t hash);
struct hmap_node *hmap_next_with_hash(const struct hmap_node *);

/* Iteration over all nodes. */
struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);

#endif /* lib/hmap.h */
