#include "tests/ref/classifier_ref.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void
cls_ref_init(struct cls_ref *ref)
{
    memset(ref, 0, sizeof *ref);
}

void
cls_ref_destroy(struct cls_ref *ref)
{
    free(ref->rules);
}

void
cls_ref_insert(struct cls_ref *ref, const void *id,
               const struct flow_match *match, int priority, uint64_t version)
{
    struct cls_ref_rule *r;

    if (ref->n == ref->alloc) {
        ref->alloc = ref->alloc ? 2 * ref->alloc : 64;
        ref->rules = xrealloc(ref->rules, ref->alloc * sizeof *ref->rules);
    }
    r = &ref->rules[ref->n++];
    r->id = id;
    r->match = *match;
    r->priority = priority;
    r->add_version = version;
    r->remove_version = UINT64_MAX;
}

struct cls_ref_rule *
cls_ref_get(struct cls_ref *ref, const void *id)
{
    for (size_t i = 0; i < ref->n; i++) {
        if (ref->rules[i].id == id) {
            return &ref->rules[i];
        }
    }
    return NULL;
}

void
cls_ref_remove(struct cls_ref *ref, const void *id)
{
    struct cls_ref_rule *r = cls_ref_get(ref, id);

    if (r) {
        *r = ref->rules[--ref->n];
    }
}

bool
cls_ref_is_visible(const struct cls_ref_rule *r, uint64_t version)
{
    return r->add_version <= version && version < r->remove_version;
}

static const uint8_t *
bytes(const struct flow_key *key)
{
    return (const uint8_t *) key;
}

/* Word-wise through lib/flow.c (tested on its own), so that the linear
 * scan is a fair baseline in the benchmark. */
bool
cls_ref_matches(const struct flow_match *m, const struct flow_key *key)
{
    return flow_equal_masked(&m->key, key, &m->mask);
}

bool
cls_ref_same_match(const struct flow_match *a, const struct flow_match *b)
{
    return !memcmp(&a->mask, &b->mask, sizeof a->mask)
           && cls_ref_matches(a, &b->key);
}

bool
cls_ref_overlap(const struct flow_match *a, const struct flow_match *b)
{
    const uint8_t *ka = bytes(&a->key), *ma = bytes(&a->mask.bits);
    const uint8_t *kb = bytes(&b->key), *mb = bytes(&b->mask.bits);

    for (size_t i = 0; i < sizeof a->key; i++) {
        if ((ka[i] ^ kb[i]) & ma[i] & mb[i]) {
            return false;
        }
    }
    return true;
}

bool
cls_ref_included(const struct flow_match *rule, const struct flow_match *target)
{
    const uint8_t *rk = bytes(&rule->key), *rm = bytes(&rule->mask.bits);
    const uint8_t *tk = bytes(&target->key), *tm = bytes(&target->mask.bits);

    for (size_t i = 0; i < sizeof rule->key; i++) {
        if ((tm[i] & ~rm[i]) || ((rk[i] ^ tk[i]) & tm[i])) {
            return false;
        }
    }
    return true;
}

const struct cls_ref_rule *
cls_ref_lookup(const struct cls_ref *ref, const struct flow_key *key,
               uint64_t version, size_t *n_best)
{
    const struct cls_ref_rule *best = NULL;

    *n_best = 0;
    for (size_t i = 0; i < ref->n; i++) {
        const struct cls_ref_rule *r = &ref->rules[i];

        if (!cls_ref_is_visible(r, version)
            || !cls_ref_matches(&r->match, key)) {
            continue;
        }
        if (!best || r->priority > best->priority) {
            best = r;
            *n_best = 1;
        } else if (r->priority == best->priority) {
            ++*n_best;
        }
    }
    return best;
}

const struct cls_ref_rule *
cls_ref_find_exactly(const struct cls_ref *ref, const struct flow_match *match,
                     int priority, uint64_t version)
{
    for (size_t i = 0; i < ref->n; i++) {
        const struct cls_ref_rule *r = &ref->rules[i];

        if (r->priority == priority && cls_ref_is_visible(r, version)
            && cls_ref_same_match(&r->match, match)) {
            return r;
        }
    }
    return NULL;
}

bool
cls_ref_has_overlap(const struct cls_ref *ref, const struct flow_match *match,
                    int priority, uint64_t version)
{
    for (size_t i = 0; i < ref->n; i++) {
        const struct cls_ref_rule *r = &ref->rules[i];

        if (r->priority == priority && cls_ref_is_visible(r, version)
            && cls_ref_overlap(&r->match, match)) {
            return true;
        }
    }
    return false;
}
