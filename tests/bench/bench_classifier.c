/* Classifier throughput: lookups per second, inserts and removes per
 * second.
 *
 * Usage: bench_classifier [SECONDS]
 * For 10, 1,000 and 100,000 rules drawn from 12 masks like those of real
 * OpenFlow tables (exact 5-tuples, /24 and /16 prefixes, in_port + dl_dst,
 * eth_type only...), measures lookups of keys that hit a rule and keys
 * that miss every rule, with and without a megaflow mask ('wc'), each for
 * SECONDS (default 0.5).  For 10 and 1,000 rules, prints the linear
 * reference (tests/ref/classifier_ref.c) next to it.  Then times
 * inserting and removing 100,000 rules.  Prints figures; asserts
 * nothing. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/classifier.h"
#include "lib/rcu.h"
#include "lib/util.h"
#include "tests/ref/classifier_ref.h"

#define N_KEYS 4096

typedef uint64_t __attribute__((may_alias)) bench_word;
#define N_MASKS 12

static double
now_sec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Mask 'which' and the priority a controller would give it (longer
 * matches first). */
static int
make_mask(struct flow_mask *mask, int which)
{
    struct flow_key *m = &mask->bits;

    flow_mask_catchall(mask);
    switch (which) {
    case 0: /* Exact 5-tuple. */
        m->dl_type = UINT16_MAX;
        m->nw_src = m->nw_dst = UINT32_MAX;
        m->nw_proto = UINT8_MAX;
        m->tp_src = m->tp_dst = UINT16_MAX;
        return 500;
    case 1: /* Destination /24. */
        m->dl_type = UINT16_MAX;
        m->nw_dst = htonl(0xffffff00);
        return 240;
    case 2: /* Source /16. */
        m->dl_type = UINT16_MAX;
        m->nw_src = htonl(0xffff0000);
        return 160;
    case 3: /* Source /24. */
        m->dl_type = UINT16_MAX;
        m->nw_src = htonl(0xffffff00);
        return 241;
    case 4: /* L2 forwarding. */
        m->in_port = UINT32_MAX;
        memset(&m->dl_dst, 0xff, sizeof m->dl_dst);
        return 100;
    case 5: /* EtherType only. */
        m->dl_type = UINT16_MAX;
        return 10;
    case 6: /* In port only. */
        m->in_port = UINT32_MAX;
        return 20;
    case 7: /* Destination MAC only. */
        memset(&m->dl_dst, 0xff, sizeof m->dl_dst);
        return 90;
    case 8: /* Service port ACL. */
        m->dl_type = UINT16_MAX;
        m->nw_proto = UINT8_MAX;
        m->tp_dst = UINT16_MAX;
        return 300;
    case 9: /* Pipeline metadata. */
        m->metadata = UINT64_MAX;
        m->regs[0] = UINT32_MAX;
        return 400;
    case 10: /* Host and service. */
        m->dl_type = UINT16_MAX;
        m->nw_dst = UINT32_MAX;
        m->nw_proto = UINT8_MAX;
        m->tp_dst = UINT16_MAX;
        return 450;
    default: /* VLAN on a port. */
        m->in_port = UINT32_MAX;
        m->vlans[0].tci = htons(0x1fff);
        return 200;
    }
}

/* The packet key behind the rules of index 'j' (within their mask), whose
 * masked keys are distinct for every mask but EtherType-only; 'miss' makes
 * a key whose fields are outside every rule's values. */
static void
make_key(struct flow_key *key, unsigned i, bool miss)
{
    unsigned base = miss ? 0x800000 : 0;

    memset(key, 0, sizeof *key);
    key->metadata = base + i;
    key->regs[0] = i;
    key->in_port = base + i;
    key->dl_dst.ea[0] = miss ? 0x02 : 0x52;
    key->dl_dst.ea[3] = i >> 16;
    key->dl_dst.ea[4] = i >> 8;
    key->dl_dst.ea[5] = i;
    key->dl_type = htons(miss ? 0x86dd : 0x0800);
    key->vlans[0].tci = htons(0x1000 | (i & 0xfff));
    key->nw_src = htonl((miss ? 0xac000000 : 0x0a000000) + (i << 16) + 1);
    key->nw_dst = htonl((miss ? 0xac000000 : 0xc0000000) + (i << 8) + 2);
    key->nw_proto = 6;
    key->tp_src = htons(1024 + (i & 0x7fff));
    key->tp_dst = htons(1 + i % 60000);
}

struct bench_rule {
    struct cls_rule cr;
};

static struct bench_rule *
make_rules(size_t n)
{
    struct bench_rule *rules = xmalloc(n * sizeof *rules);

    for (size_t i = 0; i < n; i++) {
        struct flow_match match;
        struct flow_mask mask;
        struct flow_key key;
        size_t j = i / N_MASKS;
        /* A real table has one or two EtherType-only rules, not
         * thousands of identical ones. */
        int which = i % N_MASKS == 5 && j ? 0 : i % N_MASKS;
        int priority = make_mask(&mask, which);

        make_key(&key, j, false);
        flow_match_init(&match, &key, &mask);
        cls_rule_init(&rules[i].cr, &match, priority);
    }
    return rules;
}

/* A key that matches 'rule' (and rules of lower priority, maybe) but no
 * rule of a subtable whose mask 'rule' lacks: lookups probe a varying
 * number of subtables, not just the first. */
static void
make_hit_key(struct flow_key *key, const struct cls_rule *rule, unsigned i)
{
    bench_word *k = (bench_word *) key;
    const bench_word *rk = (const bench_word *) &rule->match.key;
    const bench_word *rm = (const bench_word *) &rule->match.mask.bits;

    make_key(key, i, true);
    for (size_t w = 0; w < FLOW_KEY_WORDS; w++) {
        k[w] = (k[w] & ~rm[w]) | rk[w];
    }
}

enum lookup_kind { LOOKUP_CLS, LOOKUP_CLS_WC, LOOKUP_REF };

/* Returns lookups per second over 'keys' for about 'seconds'. */
static double
measure(const struct cls *cls, const struct cls_ref *ref,
        const struct flow_key *keys, enum lookup_kind kind, double seconds)
{
    double start = now_sec(), elapsed;
    long long count = 0;
    size_t sink = 0;

    do {
        for (size_t i = 0; i < N_KEYS; i++) {
            struct flow_mask wc;
            size_t n_best;

            switch (kind) {
            case LOOKUP_CLS:
                sink += !!cls_lookup(cls, &keys[i], 1, NULL);
                break;
            case LOOKUP_CLS_WC:
                memset(&wc, 0, sizeof wc);
                sink += !!cls_lookup(cls, &keys[i], 1, &wc);
                sink += wc.bits.in_port & 1;
                break;
            case LOOKUP_REF:
                sink += !!cls_ref_lookup(ref, &keys[i], 1, &n_best);
                break;
            }
        }
        count += N_KEYS;
        elapsed = now_sec() - start;
    } while (elapsed < seconds);
    /* Keeps the compiler from dropping the lookups. */
    if (sink == (size_t) -1) {
        printf("?\n");
    }
    return count / elapsed;
}

/* Prints one line of lookup rates on 'keys'; with the reference's rate and
 * the ratio if 'ref' is nonnull. */
static void
bench_row(const struct cls *cls, const struct cls_ref *ref, size_t n_rules,
          const char *label, const struct flow_key *keys, double seconds)
{
    double rate = measure(cls, NULL, keys, LOOKUP_CLS, seconds);

    printf("  %6zu rules  %s %6.2f Mlookups/s   with wc %6.2f", n_rules, label,
           rate / 1e6, measure(cls, NULL, keys, LOOKUP_CLS_WC, seconds) / 1e6);
    if (ref) {
        double ref_rate = measure(NULL, ref, keys, LOOKUP_REF, seconds);

        printf("   linear ref %6.2f (%.1fx)", ref_rate / 1e6, rate / ref_rate);
    }
    printf("\n");
}

static void
bench_lookups(size_t n_rules, double seconds)
{
    struct bench_rule *rules = make_rules(n_rules);
    struct flow_key *hits = xmalloc(N_KEYS * sizeof *hits);
    struct flow_key *misses = xmalloc(N_KEYS * sizeof *misses);
    bool with_ref = n_rules <= 1000;
    struct cls_ref ref;
    struct cls cls;

    cls_init(&cls);
    cls_ref_init(&ref);
    for (size_t i = 0; i < n_rules; i++) {
        cls_insert(&cls, &rules[i].cr, 1);
        if (with_ref) {
            cls_ref_insert(&ref, &rules[i], &rules[i].cr.match,
                           rules[i].cr.priority, 1);
        }
    }
    for (unsigned i = 0; i < N_KEYS; i++) {
        make_key(&misses[i], i, true);
        make_hit_key(&hits[i], &rules[(i * 2654435761u) % n_rules].cr, i);
    }

    bench_row(&cls, with_ref ? &ref : NULL, n_rules, "hit: ", hits, seconds);
    bench_row(&cls, with_ref ? &ref : NULL, n_rules, "miss:", misses, seconds);

    for (size_t i = 0; i < n_rules; i++) {
        cls_remove(&cls, &rules[i].cr);
    }
    cls_destroy(&cls);
    cls_ref_destroy(&ref);
    /* The classifier frees its tables after a grace period. */
    rcu_barrier();
    free(rules);
    free(hits);
    free(misses);
}

static void
bench_updates(size_t n_rules)
{
    struct bench_rule *rules = make_rules(n_rules);
    double start, insert_s, remove_s;
    struct cls cls;

    cls_init(&cls);
    start = now_sec();
    for (size_t i = 0; i < n_rules; i++) {
        cls_insert(&cls, &rules[i].cr, 1);
    }
    insert_s = now_sec() - start;
    start = now_sec();
    for (size_t i = 0; i < n_rules; i++) {
        cls_remove(&cls, &rules[i].cr);
    }
    remove_s = now_sec() - start;
    cls_destroy(&cls);
    rcu_barrier();
    free(rules);
    printf("  %zu rules: insert %.2f Mrules/s, remove %.2f Mrules/s\n", n_rules,
           n_rules / insert_s / 1e6, n_rules / remove_s / 1e6);
}

int
main(int argc, char *argv[])
{
    double seconds = argc > 1 ? atof(argv[1]) : 0.5;
    static const size_t sizes[] = {10, 1000, 100000};

    printf("lookups (%d masks; keys that hit a rule, keys that miss all):\n",
           N_MASKS);
    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        bench_lookups(sizes[i], seconds);
    }
    printf("updates:\n");
    bench_updates(100000);
    return 0;
}
