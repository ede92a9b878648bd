/* Unit tests for lib/classifier.h.
 *
 * The main proof is differential: long random sequences of inserts,
 * removes, hides, unhides, modify-style replacements and lookups at old,
 * current and staged versions, with every answer compared against the
 * linear reference in tests/ref/classifier_ref.c.  Rules come from a few
 * masks (so that subtables are shared) and values from small ranges (so
 * that lookups hit).  Every lookup also checks its megaflow mask: keys that
 * differ from the looked-up one only outside 'wc' must get the same rule.
 * Focused tests, named after the behaviour they check, follow; the test of
 * concurrent readers is at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/classifier.h"
#include "lib/rcu.h"
#include "lib/util.h"
#include "tests/ref/classifier_ref.h"

typedef uint64_t __attribute__((may_alias)) key_word;

struct test_rule {
    struct cls_rule cr;
    int id;
};

static struct test_rule *
test_rule_cast(const struct cls_rule *cr)
{
    return cr ? (struct test_rule *) ((char *) cr
                                      - offsetof(struct test_rule, cr))
              : NULL;
}

/* xorshift64*: fast, and the same sequence on every platform. */
static uint64_t
rnd(uint64_t *state)
{
    uint64_t x = *state;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static uint32_t
rnd_below(uint64_t *state, uint32_t n)
{
    return (uint32_t) (rnd(state) >> 32) % n;
}

/* The masks rules are drawn from, like those of a real OpenFlow table. */
enum test_mask {
    M_CATCHALL,
    M_IN_PORT,
    M_IN_PORT_DL_DST,
    M_DL_TYPE,
    M_NW_SRC_16,
    M_NW_SRC_24,
    M_FIVE_TUPLE,
    M_TP_DST,
    M_METADATA_REG,
    M_REG_BITS,
    N_TEST_MASKS
};

static void
make_mask(struct flow_mask *mask, enum test_mask which)
{
    struct flow_key *m = &mask->bits;

    flow_mask_catchall(mask);
    switch (which) {
    case M_CATCHALL:
        break;
    case M_IN_PORT:
        m->in_port = UINT32_MAX;
        break;
    case M_IN_PORT_DL_DST:
        m->in_port = UINT32_MAX;
        memset(&m->dl_dst, 0xff, sizeof m->dl_dst);
        break;
    case M_DL_TYPE:
        m->dl_type = UINT16_MAX;
        break;
    case M_NW_SRC_16:
        m->dl_type = UINT16_MAX;
        m->nw_src = htonl(0xffff0000);
        break;
    case M_NW_SRC_24:
        m->dl_type = UINT16_MAX;
        m->nw_src = htonl(0xffffff00);
        break;
    case M_FIVE_TUPLE:
        m->dl_type = UINT16_MAX;
        m->nw_src = m->nw_dst = UINT32_MAX;
        m->nw_proto = UINT8_MAX;
        m->tp_src = m->tp_dst = UINT16_MAX;
        break;
    case M_TP_DST:
        m->dl_type = UINT16_MAX;
        m->nw_proto = UINT8_MAX;
        m->tp_dst = UINT16_MAX;
        break;
    case M_METADATA_REG:
        m->metadata = UINT64_MAX;
        m->regs[0] = UINT32_MAX;
        break;
    case M_REG_BITS:
        /* Arbitrary, non-prefix bits. */
        m->regs[1] = 0x0f0f;
        m->tp_src = htons(0x00f1);
        break;
    case N_TEST_MASKS:
        abort();
    }
}

/* A key whose fields come from small ranges, so that random keys often
 * match random rules. */
static void
random_key(uint64_t *r, struct flow_key *key)
{
    memset(key, 0, sizeof *key);
    key->metadata = rnd_below(r, 2);
    key->regs[0] = rnd_below(r, 3);
    key->regs[1] = rnd_below(r, 0x20);
    key->in_port = 1 + rnd_below(r, 3);
    key->dl_dst.ea[5] = rnd_below(r, 3);
    key->dl_type = htons(rnd_below(r, 4) ? 0x0800 : 0x86dd);
    key->nw_src = htonl(0x0a000000 | rnd_below(r, 2) << 16
                        | rnd_below(r, 2) << 8 | rnd_below(r, 3));
    key->nw_dst = htonl(0x0a000001 + rnd_below(r, 2));
    key->nw_proto = rnd_below(r, 2) ? 6 : 17;
    key->tp_src = htons(1000 + rnd_below(r, 2));
    key->tp_dst = htons(80 + rnd_below(r, 3));
}

static void
random_match(uint64_t *r, struct flow_match *match)
{
    struct flow_key key;
    struct flow_mask mask;

    random_key(r, &key);
    make_mask(&mask, rnd_below(r, N_TEST_MASKS));
    flow_match_init(match, &key, &mask);
}

/* Flips random bits of 'key' outside 'wc'. */
static void
flip_outside(uint64_t *r, struct flow_key *key, const struct flow_mask *wc)
{
    key_word *k = (key_word *) key;
    const key_word *w = (const key_word *) &wc->bits;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        /* Sparse flips (a third of the time) keep most of the key, so
         * that the flipped key often still matches rules. */
        uint64_t bits = rnd(r);

        if (rnd_below(r, 3)) {
            bits &= rnd(r) & rnd(r);
        }
        k[i] ^= bits & ~w[i];
    }
}

static struct test_rule *
new_rule(const struct flow_match *match, int priority, int id)
{
    struct test_rule *rule = xmalloc(sizeof *rule);

    cls_rule_init(&rule->cr, match, priority);
    rule->id = id;
    return rule;
}

/* Differential testing. */

struct diff_state {
    uint64_t rng;
    struct cls cls;
    struct cls_ref ref;
    struct test_rule **rules; /* Every rule in 'cls'. */
    size_t n_rules, alloc_rules;
    uint64_t version; /* Lookups' current version; changes go in +1. */
    int next_id;
    unsigned long n_lookups, n_hits, n_ties;
};

static void
diff_add(struct diff_state *s, struct test_rule *rule, uint64_t version)
{
    if (s->n_rules == s->alloc_rules) {
        s->alloc_rules = s->alloc_rules ? 2 * s->alloc_rules : 64;
        s->rules = xrealloc(s->rules, s->alloc_rules * sizeof *s->rules);
    }
    s->rules[s->n_rules++] = rule;
    cls_insert(&s->cls, &rule->cr, version);
    cls_ref_insert(&s->ref, rule, &rule->cr.match, rule->cr.priority, version);
}

static void
diff_remove(struct diff_state *s, size_t i)
{
    struct test_rule *rule = s->rules[i];

    cls_remove(&s->cls, &rule->cr);
    cls_ref_remove(&s->ref, rule);
    s->rules[i] = s->rules[--s->n_rules];
    /* No reader but this thread, which is done with it. */
    free(rule);
}

static void
diff_hide(struct diff_state *s, struct test_rule *rule, uint64_t version)
{
    cls_rule_hide(&rule->cr, version);
    cls_ref_get(&s->ref, rule)->remove_version = version;
}

/* Inserts a rule in the staged version; if a rule with the same match and
 * priority is visible there, hides it in the same version (a modify). */
static void
diff_insert(struct diff_state *s, const struct flow_match *match, int priority)
{
    uint64_t staged = s->version + 1;
    const struct cls_ref_rule *old;

    old = cls_ref_find_exactly(&s->ref, match, priority, staged);
    if (old) {
        diff_hide(s, (struct test_rule *) old->id, staged);
    }
    diff_add(s, new_rule(match, priority, s->next_id++), staged);
}

static void
check_lookup(struct diff_state *s, const struct flow_key *key, uint64_t version)
{
    const struct cls_ref_rule *expected;
    const struct cls_rule *got;
    struct flow_mask wc;
    size_t n_best;

    memset(&wc, 0, sizeof wc);
    got = cls_lookup(&s->cls, key, version, &wc);
    expected = cls_ref_lookup(&s->ref, key, version, &n_best);
    s->n_lookups++;
    if (!expected) {
        assert_null(got);
    } else {
        assert_non_null(got);
        assert_int_equal(got->priority, expected->priority);
        assert_true(flow_match_matches(&got->match, key));
        assert_true(cls_rule_is_visible(got, version));
        if (n_best == 1) {
            assert_ptr_equal(test_rule_cast(got), expected->id);
        }
        s->n_hits++;
        s->n_ties += n_best > 1;
    }
    assert_ptr_equal(cls_lookup(&s->cls, key, version, NULL), got);

    /* The megaflow property. */
    for (int i = 0; i < 4; i++) {
        struct flow_key other = *key;

        flip_outside(&s->rng, &other, &wc);
        assert_ptr_equal(cls_lookup(&s->cls, &other, version, NULL), got);
    }
}

static int
compare_ptrs(const void *a_, const void *b_)
{
    uintptr_t a = (uintptr_t) * (const void *const *) a_;
    uintptr_t b = (uintptr_t) * (const void *const *) b_;

    return a < b ? -1 : a > b;
}

/* Checks a cursor's rules against the reference's choice, as sets. */
static void
check_cursor(struct diff_state *s, const struct flow_match *target, bool strict,
             uint64_t version)
{
    const void **got = xmalloc((s->n_rules + 1) * sizeof *got);
    const void **expected = xmalloc((s->n_rules + 1) * sizeof *expected);
    size_t n_got = 0, n_expected = 0;
    struct cls_cursor cursor;
    const struct cls_rule *cr;

    if (strict) {
        cls_cursor_init_strict(&cursor, &s->cls, target, version);
    } else {
        cls_cursor_init(&cursor, &s->cls, target, version);
    }
    while ((cr = cls_cursor_next(&cursor))) {
        assert_true(n_got < s->n_rules);
        got[n_got++] = test_rule_cast(cr);
    }
    assert_null(cls_cursor_next(&cursor));
    for (size_t i = 0; i < s->ref.n; i++) {
        const struct cls_ref_rule *r = &s->ref.rules[i];
        bool selected = (!target  ? true
                         : strict ? cls_ref_same_match(&r->match, target)
                                  : cls_ref_included(&r->match, target));

        if (selected && cls_ref_is_visible(r, version)) {
            expected[n_expected++] = r->id;
        }
    }
    assert_int_equal(n_got, n_expected);
    qsort(got, n_got, sizeof *got, compare_ptrs);
    qsort(expected, n_expected, sizeof *expected, compare_ptrs);
    for (size_t i = 0; i < n_got; i++) {
        assert_ptr_equal(got[i], expected[i]);
    }
    free(got);
    free(expected);
}

/* Checks cls_find_exactly(), cls_has_overlap() and cursors, on matches
 * taken from rules (so that they hit) and random ones. */
static void
check_queries(struct diff_state *s, uint64_t version)
{
    for (int i = 0; i < 8; i++) {
        struct flow_match match;
        int priority = 100 * (int) rnd_below(&s->rng, 6);
        const struct cls_ref_rule *ref_rule;
        const struct cls_rule *got;

        if (s->n_rules && rnd_below(&s->rng, 2)) {
            const struct cls_rule *cr =
                &s->rules[rnd_below(&s->rng, s->n_rules)]->cr;

            match = cr->match;
            priority = cr->priority;
        } else {
            random_match(&s->rng, &match);
        }
        got = cls_find_exactly(&s->cls, &match, priority, version);
        ref_rule = cls_ref_find_exactly(&s->ref, &match, priority, version);
        assert_ptr_equal(test_rule_cast(got), ref_rule ? ref_rule->id : NULL);
        assert_int_equal(
            cls_has_overlap(&s->cls, &match, priority, version),
            cls_ref_has_overlap(&s->ref, &match, priority, version));
        check_cursor(s, &match, false, version);
        check_cursor(s, &match, true, version);
    }
    check_cursor(s, NULL, false, version);
    assert_int_equal(cls_count(&s->cls), s->n_rules);
}

/* One random change, in the staged version. */
static void
random_change(struct diff_state *s)
{
    uint64_t staged = s->version + 1;
    uint32_t op = rnd_below(&s->rng, 100);
    struct test_rule *rule;
    struct flow_match match;

    if (op < 45 || !s->n_rules) {
        random_match(&s->rng, &match);
        diff_insert(s, &match, 100 * (int) rnd_below(&s->rng, 6));
        return;
    }
    size_t i = rnd_below(&s->rng, s->n_rules);

    rule = s->rules[i];
    if (op < 55) {
        /* Modify: replace a rule by one with the same match. */
        if (cls_rule_is_visible(&rule->cr, staged)) {
            diff_insert(s, &rule->cr.match, rule->cr.priority);
        }
    } else if (op < 70) {
        if (cls_rule_is_visible(&rule->cr, staged)) {
            diff_hide(s, rule, staged);
        }
    } else if (op < 75) {
        /* Bundle discard: undo a staged hide, unless a staged modify
         * replaced the rule. */
        if (cls_ref_get(&s->ref, rule)->remove_version == staged
            && !cls_ref_find_exactly(&s->ref, &rule->cr.match,
                                     rule->cr.priority, staged)) {
            cls_rule_unhide(&rule->cr);
            cls_ref_get(&s->ref, rule)->remove_version = CLS_NOT_REMOVED;
        }
    } else if (op < 97) {
        /* Garbage-collect rules hidden long enough ago that no lookup
         * uses their versions. */
        if (cls_ref_get(&s->ref, rule)->remove_version + 3 <= s->version) {
            diff_remove(s, i);
        }
    } else {
        /* Removing a visible rule makes it vanish from every version. */
        diff_remove(s, i);
    }
}

static void
run_differential(uint64_t seed, int n_ops)
{
    struct diff_state s;

    memset(&s, 0, sizeof s);
    s.rng = seed;
    s.version = 1;
    cls_init(&s.cls);
    cls_ref_init(&s.ref);
    for (int op = 0; op < n_ops; op++) {
        if (rnd_below(&s.rng, 100) < 40) {
            struct flow_key key;
            uint64_t first = s.version > 4 ? s.version - 4 : 0;

            random_key(&s.rng, &key);
            check_lookup(&s, &key,
                         first + rnd_below(&s.rng, s.version + 2 - first));
        } else {
            random_change(&s);
            if (rnd_below(&s.rng, 10) < 7) {
                s.version++;
            }
        }
        if (op % 1000 == 0) {
            check_queries(&s, s.version - rnd_below(&s.rng, 2));
            check_queries(&s, s.version + 1);
        }
    }
    /* The workload must have exercised what it claims to. */
    assert_true(s.n_hits > s.n_lookups / 4);
    assert_true(s.n_ties > 0);
    while (s.n_rules) {
        diff_remove(&s, s.n_rules - 1);
    }
    assert_true(cls_is_empty(&s.cls));
    cls_destroy(&s.cls);
    cls_ref_destroy(&s.ref);
    free(s.rules);
}

static void
test_random_operations_agree_with_linear_reference(void **state)
{
    static const uint64_t seeds[] = {1, 0x5eed, 0xc1a551f1e5, 42};
    (void) state;

    /* 4 x 25,000 operations. */
    for (size_t i = 0; i < ARRAY_SIZE(seeds); i++) {
        run_differential(seeds[i], 25000);
    }
}

/* Focused tests. */

static struct test_rule *
add_rule(struct cls *cls, enum test_mask which, const struct flow_key *key,
         int priority, uint64_t version)
{
    struct flow_match match;
    struct flow_mask mask;
    struct test_rule *rule;

    make_mask(&mask, which);
    flow_match_init(&match, key, &mask);
    rule = new_rule(&match, priority, 0);
    cls_insert(cls, &rule->cr, version);
    return rule;
}

static void
remove_rule(struct cls *cls, struct test_rule *rule)
{
    cls_remove(cls, &rule->cr);
    free(rule);
}

/* Inserts a rule with the mask and priority of 'model' and key 'key'. */
static struct test_rule *
add_rule_like(struct cls *cls, const struct test_rule *model,
              const struct flow_key *key)
{
    struct flow_match match;
    struct test_rule *rule;

    flow_match_init(&match, key, &model->cr.match.mask);
    rule = new_rule(&match, model->cr.priority, 0);
    cls_insert(cls, &rule->cr, 0);
    return rule;
}

static void
sample_key(struct flow_key *key)
{
    memset(key, 0, sizeof *key);
    key->in_port = 1;
    key->dl_type = htons(0x0800);
    key->nw_src = htonl(0x0a010203);
    key->nw_dst = htonl(0x0a000001);
    key->nw_proto = 6;
    key->tp_src = htons(1000);
    key->tp_dst = htons(80);
}

static void
test_highest_priority_wins_across_subtables(void **state)
{
    struct test_rule *low, *mid, *high;
    struct flow_key key;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    low = add_rule(&cls, M_CATCHALL, &key, 1, 0);
    high = add_rule(&cls, M_NW_SRC_16, &key, 300, 0);
    mid = add_rule(&cls, M_FIVE_TUPLE, &key, 200, 0);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, NULL), &high->cr);
    remove_rule(&cls, high);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, NULL), &mid->cr);
    key.tp_dst = htons(81);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, NULL), &low->cr);
    remove_rule(&cls, mid);
    remove_rule(&cls, low);
    assert_null(cls_lookup(&cls, &key, 0, NULL));
    cls_destroy(&cls);
}

static void
test_rule_is_visible_only_between_its_versions(void **state)
{
    struct test_rule *rule;
    struct flow_key key;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    rule = add_rule(&cls, M_IN_PORT, &key, 10, 5);
    cls_rule_hide(&rule->cr, 8);
    for (uint64_t v = 0; v < 12; v++) {
        const struct cls_rule *expected = v >= 5 && v < 8 ? &rule->cr : NULL;

        assert_ptr_equal(cls_lookup(&cls, &key, v, NULL), expected);
        assert_int_equal(cls_rule_is_visible(&rule->cr, v), !!expected);
        assert_ptr_equal(cls_find_exactly(&cls, &rule->cr.match, 10, v),
                         expected);
    }
    cls_rule_unhide(&rule->cr);
    assert_ptr_equal(cls_lookup(&cls, &key, 100, NULL), &rule->cr);
    assert_ptr_equal(cls_lookup(&cls, &key, CLS_NOT_REMOVED - 1, NULL),
                     &rule->cr);
    assert_int_equal(cls_count(&cls), 1);
    remove_rule(&cls, rule);
    cls_destroy(&cls);
}

static void
test_modify_replaces_rule_from_its_version_on(void **state)
{
    struct test_rule *a, *b;
    struct flow_key key;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    a = add_rule(&cls, M_NW_SRC_24, &key, 100, 1);
    cls_rule_hide(&a->cr, 3);
    b = add_rule(&cls, M_NW_SRC_24, &key, 100, 3);
    assert_int_equal(cls_count(&cls), 2);
    assert_ptr_equal(cls_lookup(&cls, &key, 2, NULL), &a->cr);
    assert_ptr_equal(cls_lookup(&cls, &key, 3, NULL), &b->cr);
    assert_ptr_equal(cls_find_exactly(&cls, &a->cr.match, 100, 2), &a->cr);
    assert_ptr_equal(cls_find_exactly(&cls, &a->cr.match, 100, 3), &b->cr);
    remove_rule(&cls, a);
    assert_int_equal(cls_count(&cls), 1);
    assert_null(cls_lookup(&cls, &key, 2, NULL));
    assert_ptr_equal(cls_lookup(&cls, &key, 3, NULL), &b->cr);
    remove_rule(&cls, b);
    cls_destroy(&cls);
}

static void
test_removing_last_rule_of_subtable_forgets_its_mask(void **state)
{
    struct test_rule *exact, *by_port;
    struct flow_key key;
    struct flow_mask wc;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    exact = add_rule(&cls, M_FIVE_TUPLE, &key, 100, 0);
    by_port = add_rule(&cls, M_IN_PORT, &key, 50, 0);
    key.tp_dst = htons(81);
    memset(&wc, 0, sizeof wc);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, &wc), &by_port->cr);
    assert_int_equal(wc.bits.tp_dst, UINT16_MAX);

    remove_rule(&cls, exact);
    memset(&wc, 0, sizeof wc);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, &wc), &by_port->cr);
    assert_int_equal(wc.bits.tp_dst, 0);
    assert_int_equal(wc.bits.in_port, UINT32_MAX);

    /* The mask can come back. */
    exact = add_rule(&cls, M_FIVE_TUPLE, &key, 100, 0);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, NULL), &exact->cr);
    remove_rule(&cls, exact);
    remove_rule(&cls, by_port);
    assert_true(cls_is_empty(&cls));
    cls_destroy(&cls);
}

#define N_GROWTH_RULES 20000

static void
test_hash_table_growth_keeps_every_rule(void **state)
{
    struct test_rule **rules = xmalloc(N_GROWTH_RULES * sizeof *rules);
    struct flow_key key;
    struct cls cls;
    (void) state;

    /* One subtable, 20,000 keys: a dozen doublings of its table, and of
     * the prefix sets of its stages. */
    cls_init(&cls);
    sample_key(&key);
    for (int i = 0; i < N_GROWTH_RULES; i++) {
        key.in_port = i % 7;
        key.nw_src = htonl(0x0a000000 + i);
        key.tp_dst = htons(i % 1000);
        rules[i] = add_rule(&cls, M_FIVE_TUPLE, &key, 10, 0);
        /* The first rule must survive every resize. */
        key.nw_src = htonl(0x0a000000);
        key.tp_dst = htons(0);
        assert_ptr_equal(cls_lookup(&cls, &key, 0, NULL), &rules[0]->cr);
    }
    assert_int_equal(cls_count(&cls), N_GROWTH_RULES);
    for (int i = 0; i < N_GROWTH_RULES; i++) {
        assert_ptr_equal(cls_find_exactly(&cls, &rules[i]->cr.match, 10, 0),
                         &rules[i]->cr);
    }
    /* Remove the even ones (leaving tombstones), then insert them again,
     * so that tombstones are reused and the table rebuilt. */
    for (int i = 0; i < N_GROWTH_RULES; i += 2) {
        struct flow_match match = rules[i]->cr.match;

        remove_rule(&cls, rules[i]);
        assert_null(cls_lookup(&cls, &match.key, 0, NULL));
        rules[i] = new_rule(&match, 10, i);
    }
    for (int i = 0; i < N_GROWTH_RULES; i += 2) {
        cls_insert(&cls, &rules[i]->cr, 0);
    }
    for (int i = 0; i < N_GROWTH_RULES; i++) {
        assert_ptr_equal(cls_lookup(&cls, &rules[i]->cr.match.key, 0, NULL),
                         &rules[i]->cr);
        remove_rule(&cls, rules[i]);
    }
    assert_true(cls_is_empty(&cls));
    cls_destroy(&cls);
    free(rules);
}

static void
test_miss_in_early_stage_unwildcards_only_that_stage(void **state)
{
    struct test_rule *rule;
    struct flow_key key;
    struct flow_mask wc;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    /* Stages: in_port (metadata), then nw_src (L3), then tp_dst (L4). */
    {
        struct flow_match match;
        struct flow_mask mask;

        flow_mask_catchall(&mask);
        mask.bits.in_port = UINT32_MAX;
        mask.bits.nw_src = UINT32_MAX;
        mask.bits.tp_dst = UINT16_MAX;
        flow_match_init(&match, &key, &mask);
        rule = new_rule(&match, 10, 0);
        cls_insert(&cls, &rule->cr, 0);
    }
    key.in_port = 2;
    memset(&wc, 0, sizeof wc);
    assert_null(cls_lookup(&cls, &key, 0, &wc));
    assert_int_equal(wc.bits.in_port, UINT32_MAX);
    assert_int_equal(wc.bits.nw_src, 0);
    assert_int_equal(wc.bits.tp_dst, 0);

    key.in_port = 1;
    key.tp_dst = htons(81);
    memset(&wc, 0, sizeof wc);
    assert_null(cls_lookup(&cls, &key, 0, &wc));
    assert_int_equal(wc.bits.nw_src, UINT32_MAX);
    assert_int_equal(wc.bits.tp_dst, UINT16_MAX);

    key.tp_dst = htons(80);
    memset(&wc, 0, sizeof wc);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, &wc), &rule->cr);
    assert_true(flow_equal(&wc.bits, &rule->cr.match.mask.bits));

    /* A removed rule's prefixes go with it. */
    key.in_port = 2;
    remove_rule(&cls, add_rule_like(&cls, rule, &key));
    memset(&wc, 0, sizeof wc);
    assert_null(cls_lookup(&cls, &key, 0, &wc));
    assert_int_equal(wc.bits.nw_src, 0);
    remove_rule(&cls, rule);
    cls_destroy(&cls);
}

static void
test_lookup_skips_subtables_that_cannot_win(void **state)
{
    struct test_rule *high, *low;
    struct flow_key key;
    struct flow_mask wc;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    low = add_rule(&cls, M_NW_SRC_24, &key, 10, 0);
    high = add_rule(&cls, M_IN_PORT, &key, 100, 0);
    memset(&wc, 0, sizeof wc);
    assert_ptr_equal(cls_lookup(&cls, &key, 0, &wc), &high->cr);
    assert_int_equal(wc.bits.in_port, UINT32_MAX);
    assert_int_equal(wc.bits.nw_src, 0);
    remove_rule(&cls, high);
    remove_rule(&cls, low);
    cls_destroy(&cls);
}

static void
test_overlap_needs_same_priority_and_a_common_packet(void **state)
{
    struct flow_match port1, port2, net;
    struct flow_mask mask;
    struct test_rule *rule;
    struct flow_key key;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    rule = add_rule(&cls, M_IN_PORT, &key, 10, 0);
    port1 = rule->cr.match;
    port2 = port1;
    port2.key.in_port = 2;
    make_mask(&mask, M_NW_SRC_16);
    flow_match_init(&net, &key, &mask);
    assert_true(cls_has_overlap(&cls, &port1, 10, 0));
    assert_false(cls_has_overlap(&cls, &port1, 11, 0));
    assert_false(cls_has_overlap(&cls, &port2, 10, 0));
    assert_true(cls_has_overlap(&cls, &net, 10, 0));
    cls_rule_hide(&rule->cr, 1);
    assert_false(cls_has_overlap(&cls, &net, 10, 1));
    remove_rule(&cls, rule);
    cls_destroy(&cls);
}

static void
free_rule(void *rule)
{
    free(rule);
}

static void
test_cursor_survives_removing_each_returned_rule(void **state)
{
    uint64_t rng = 7;
    struct cls_cursor cursor;
    const struct cls_rule *cr;
    size_t n = 0;
    struct cls cls;
    (void) state;

    cls_init(&cls);
    for (int i = 0; i < 2000; i++) {
        struct flow_match match;

        random_match(&rng, &match);
        /* Distinct priorities keep matches unique. */
        cls_insert(&cls, &new_rule(&match, i, i)->cr, 0);
    }
    cls_cursor_init(&cursor, &cls, NULL, 0);
    while ((cr = cls_cursor_next(&cursor))) {
        cls_remove(&cls, (struct cls_rule *) cr);
        rcu_postpone(free_rule, test_rule_cast(cr));
        n++;
    }
    assert_int_equal(n, 2000);
    assert_true(cls_is_empty(&cls));
    cls_destroy(&cls);
    rcu_barrier();
}

static void
test_cursor_skips_rule_hidden_during_iteration(void **state)
{
    struct test_rule *a, *b;
    struct cls_cursor cursor;
    const struct cls_rule *first;
    struct flow_key key;
    struct cls cls;
    (void) state;

    sample_key(&key);
    cls_init(&cls);
    a = add_rule(&cls, M_IN_PORT, &key, 10, 0);
    b = add_rule(&cls, M_IN_PORT, &key, 20, 0);
    cls_cursor_init(&cursor, &cls, NULL, 0);
    first = cls_cursor_next(&cursor);
    assert_non_null(first);
    /* Hide the other one: the cursor must not return it. */
    cls_rule_hide(first == &a->cr ? &b->cr : &a->cr, 0);
    assert_null(cls_cursor_next(&cursor));
    remove_rule(&cls, a);
    remove_rule(&cls, b);
    cls_destroy(&cls);
}

/* Concurrency: readers look up while the writer changes the rules. */

/* The rules visible in one version, in a linear reference that nobody
 * changes once it is published. */
struct snapshot {
    uint64_t version;
    struct cls_ref ref;
};

static struct snapshot *current_snapshot;
static const struct cls *conc_cls; /* The writer's classifier. */
static atomic_bool conc_stop;
static atomic_long conc_lookups, conc_errors;

static bool
conc_check_one(const struct snapshot *snap, const struct flow_key *key,
               struct flow_mask *wc)
{
    const struct cls_ref_rule *expected;
    const struct cls_rule *got;
    size_t n_best;

    got = cls_lookup(conc_cls, key, snap->version, wc);
    expected = cls_ref_lookup(&snap->ref, key, snap->version, &n_best);
    if (!expected || !got) {
        return !expected && !got;
    }
    return got->priority == expected->priority
           && (n_best > 1 || test_rule_cast(got) == expected->id);
}

static void *
conc_reader_main(void *arg)
{
    uint64_t rng = (uintptr_t) arg * 7919 + 1;
    long n = 0, errors = 0;

    rcu_register_thread();
    while (!atomic_load(&conc_stop)) {
        const struct snapshot *snap = rcu_get(current_snapshot);
        struct flow_key key, other;
        struct flow_mask wc;

        random_key(&rng, &key);
        memset(&wc, 0, sizeof wc);
        errors += !conc_check_one(snap, &key, &wc);
        /* The megaflow mask holds for the version's rules even while the
         * writer changes others. */
        other = key;
        flip_outside(&rng, &other, &wc);
        errors += !conc_check_one(snap, &other, NULL);
        n++;
        rcu_quiesce();
    }
    atomic_fetch_add(&conc_lookups, n);
    atomic_fetch_add(&conc_errors, errors);
    rcu_unregister_thread();
    return NULL;
}

static void
free_snapshot(void *snap_)
{
    struct snapshot *snap = snap_;

    if (snap) {
        cls_ref_destroy(&snap->ref);
        free(snap);
    }
}

static void
publish_snapshot(struct diff_state *s, uint64_t version)
{
    struct snapshot *snap, *old = current_snapshot;

    snap = xmalloc(sizeof *snap);
    snap->version = version;
    cls_ref_init(&snap->ref);
    for (size_t i = 0; i < s->n_rules; i++) {
        const struct cls_rule *cr = &s->rules[i]->cr;

        if (cls_rule_is_visible(cr, version)) {
            cls_ref_insert(&snap->ref, s->rules[i], &cr->match, cr->priority,
                           version);
        }
    }
    rcu_set(current_snapshot, snap);
    if (old) {
        rcu_postpone(free_snapshot, old);
    }
}

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define N_CONC_READERS 4

/* One writer step: a few changes staged in version + 1, then published. */
static void
conc_writer_step(struct diff_state *s)
{
    uint64_t staged = s->version + 1;

    for (int j = 0; j < 4; j++) {
        struct flow_match match;

        if (s->n_rules < 300 && rnd_below(&s->rng, 2)) {
            random_match(&s->rng, &match);
            diff_insert(s, &match, 100 * (int) rnd_below(&s->rng, 6));
        } else if (s->n_rules) {
            struct test_rule *rule = s->rules[rnd_below(&s->rng, s->n_rules)];

            if (!cls_rule_is_visible(&rule->cr, staged)) {
                continue;
            }
            if (rnd_below(&s->rng, 2)) {
                diff_insert(s, &rule->cr.match, rule->cr.priority);
            } else {
                diff_hide(s, rule, staged);
            }
        }
    }
    publish_snapshot(s, staged);
    s->version = staged;
}

/* Removes every rule hidden in a version no reader can still use: after a
 * grace period, readers have all moved to the current snapshot. */
static void
conc_collect(struct diff_state *s)
{
    rcu_synchronize();
    for (size_t i = 0; i < s->n_rules;) {
        struct test_rule *rule = s->rules[i];

        if (!cls_rule_is_visible(&rule->cr, s->version)) {
            cls_remove(&s->cls, &rule->cr);
            cls_ref_remove(&s->ref, rule);
            s->rules[i] = s->rules[--s->n_rules];
            rcu_postpone(free_rule, rule);
        } else {
            i++;
        }
    }
}

static void
test_concurrent_lookups_see_exactly_their_version(void **state)
{
    pthread_t readers[N_CONC_READERS];
    struct diff_state s;
    double deadline;
    int steps = 0;
    (void) state;

    memset(&s, 0, sizeof s);
    s.rng = 99;
    s.version = 1;
    cls_init(&s.cls);
    cls_ref_init(&s.ref);
    conc_cls = &s.cls;
    publish_snapshot(&s, s.version);
    atomic_store(&conc_stop, false);
    for (uintptr_t i = 0; i < N_CONC_READERS; i++) {
        pthread_create(&readers[i], NULL, conc_reader_main, (void *) i);
    }
    deadline = now_s() + 1.5;
    while (now_s() < deadline || steps < 200) {
        conc_writer_step(&s);
        if (++steps % 16 == 0) {
            conc_collect(&s);
        }
    }
    atomic_store(&conc_stop, true);
    for (int i = 0; i < N_CONC_READERS; i++) {
        pthread_join(readers[i], NULL);
    }
    assert_int_equal(atomic_load(&conc_errors), 0);
    assert_true(atomic_load(&conc_lookups) > 1000);

    while (s.n_rules) {
        diff_remove(&s, s.n_rules - 1);
    }
    cls_destroy(&s.cls);
    cls_ref_destroy(&s.ref);
    free(s.rules);
    rcu_barrier();
    free_snapshot(current_snapshot);
    current_snapshot = NULL;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_operations_agree_with_linear_reference),
        cmocka_unit_test(test_highest_priority_wins_across_subtables),
        cmocka_unit_test(test_rule_is_visible_only_between_its_versions),
        cmocka_unit_test(test_modify_replaces_rule_from_its_version_on),
        cmocka_unit_test(test_removing_last_rule_of_subtable_forgets_its_mask),
        cmocka_unit_test(test_hash_table_growth_keeps_every_rule),
        cmocka_unit_test(test_miss_in_early_stage_unwildcards_only_that_stage),
        cmocka_unit_test(test_lookup_skips_subtables_that_cannot_win),
        cmocka_unit_test(test_overlap_needs_same_priority_and_a_common_packet),
        cmocka_unit_test(test_cursor_survives_removing_each_returned_rule),
        cmocka_unit_test(test_cursor_skips_rule_hidden_during_iteration),
        cmocka_unit_test(test_concurrent_lookups_see_exactly_their_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
