/* Tests for lib/hmap.c: lookups, iteration and removal against a trivial
 * reference (an array of flags), through growth and shrinking. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>

#include "lib/hmap.h"
#include "lib/util.h"

enum { N_KEYS = 4096 };

struct elem {
    struct hmap_node node;
    int key;
};

static uint32_t
hash_key(int key)
{
    /* A weak hash on purpose: many keys share each hash, so that lookups
     * must check keys and chains hold several hashes. */
    return (uint32_t) key % 97;
}

static struct elem *
find(const struct hmap *map, int key)
{
    for (struct hmap_node *n = hmap_first_with_hash(map, hash_key(key)); n;
         n = hmap_next_with_hash(n)) {
        struct elem *e = CONTAINER_OF(n, struct elem, node);
        if (e->key == key) {
            return e;
        }
    }
    return NULL;
}

static size_t
count_by_iteration(const struct hmap *map, const bool *present)
{
    size_t n = 0;

    for (struct hmap_node *node = hmap_first(map); node;
         node = hmap_next(map, node)) {
        struct elem *e = CONTAINER_OF(node, struct elem, node);
        assert_true(present[e->key]);
        n++;
    }
    return n;
}

static void
test_random_operations_agree_with_a_reference(void **state)
{
    static struct elem elems[N_KEYS];
    static bool present[N_KEYS];
    struct hmap map;
    size_t n = 0;

    (void) state;
    srand(7);
    hmap_init(&map);
    for (int op = 0; op < 200000; op++) {
        int key = rand() % N_KEYS;
        if (rand() % 3 && !present[key]) {
            elems[key].key = key;
            hmap_insert(&map, &elems[key].node, hash_key(key));
            present[key] = true;
            n++;
        } else if (present[key]) {
            hmap_remove(&map, &elems[key].node);
            present[key] = false;
            n--;
        }
        if (op % 20000 == 0) {
            hmap_shrink(&map);
            assert_int_equal(count_by_iteration(&map, present), n);
        }
        key = rand() % N_KEYS;
        assert_true((find(&map, key) != NULL) == present[key]);
        assert_int_equal(hmap_count(&map), n);
    }
    hmap_destroy(&map);
}

/* Removing the node just visited, having fetched the next one first, visits
 * every node exactly once. */
static void
test_removal_during_iteration_visits_everything(void **state)
{
    static struct elem elems[N_KEYS];
    struct hmap map;
    size_t visited = 0;

    (void) state;
    hmap_init(&map);
    for (int i = 0; i < N_KEYS; i++) {
        elems[i].key = i;
        hmap_insert(&map, &elems[i].node, hash_key(i));
    }
    for (struct hmap_node *node = hmap_first(&map), *next; node; node = next) {
        next = hmap_next(&map, node);
        hmap_remove(&map, node);
        visited++;
    }
    assert_int_equal(visited, N_KEYS);
    assert_true(hmap_is_empty(&map));
    assert_null(hmap_first(&map));
    hmap_destroy(&map);
}

static void
test_empty_map_has_nothing(void **state)
{
    struct hmap map = HMAP_INITIALIZER;

    (void) state;
    assert_null(hmap_first(&map));
    assert_null(hmap_first_with_hash(&map, 5));
    hmap_shrink(&map);
    hmap_clear(&map);
    hmap_destroy(&map);
    hmap_destroy(NULL);
}

int
main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_operations_agree_with_a_reference),
        cmocka_unit_test(test_removal_during_iteration_visits_everything),
        cmocka_unit_test(test_empty_map_has_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
