/* Reference classifier for tests: an array of rules, every query a linear
 * scan.  Deliberately trivial, sharing no code with
 * lib/classifier.c, so that the real classifier can be checked against it.
 * Each rule carries an opaque 'id' chosen by the caller (the test's own
 * rule), to compare results by identity.  Not thread-safe. */
#ifndef PONT_TESTS_CLASSIFIER_REF_H
#define PONT_TESTS_CLASSIFIER_REF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

struct cls_ref_rule {
    const void *id;
    struct flow_match match;
    int priority;
    uint64_t add_version;
    uint64_t remove_version; /* UINT64_MAX: not removed. */
};

struct cls_ref {
    struct cls_ref_rule *rules;
    size_t n, alloc;
};

void cls_ref_init(struct cls_ref *);
void cls_ref_destroy(struct cls_ref *);

/* Adds a rule visible from 'version' on.  'match' must be masked. */
void cls_ref_insert(struct cls_ref *, const void *id,
                    const struct flow_match *match, int priority,
                    uint64_t version);
/* Return the rule with 'id', or NULL. */
struct cls_ref_rule *cls_ref_get(struct cls_ref *, const void *id);
void cls_ref_remove(struct cls_ref *, const void *id);

bool cls_ref_is_visible(const struct cls_ref_rule *, uint64_t version);

/* Predicates on matches. */
bool cls_ref_matches(const struct flow_match *, const struct flow_key *);
bool cls_ref_same_match(const struct flow_match *, const struct flow_match *);
bool cls_ref_overlap(const struct flow_match *, const struct flow_match *);
/* True if every packet 'rule' matches, 'target' matches. */
bool cls_ref_included(const struct flow_match *rule,
                      const struct flow_match *target);

/* Returns a highest-priority rule visible in 'version' matching 'key', or
 * NULL; stores in '*n_best' how many visible matching rules have that
 * priority. */
const struct cls_ref_rule *cls_ref_lookup(const struct cls_ref *,
                                          const struct flow_key *key,
                                          uint64_t version, size_t *n_best);
const struct cls_ref_rule *cls_ref_find_exactly(const struct cls_ref *,
                                                const struct flow_match *,
                                                int priority, uint64_t version);
bool cls_ref_has_overlap(const struct cls_ref *, const struct flow_match *,
                         int priority, uint64_t version);

#endif
