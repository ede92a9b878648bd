/* What a translation went through, kept with its megaflow so that the
 * megaflow's packets can be credited to the rules, tables, groups and
 * buckets that decided their fate, and its learned addresses refreshed. */
#include <stdlib.h>

#include "lib/packets.h"
#include "lib/util.h"
#include "ofproto/mac_learning.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate.h"
#include "ofproto/xlate_private.h"

enum xc_type { XC_RULE, XC_TABLE, XC_GROUP, XC_BUCKET, XC_MAC };

struct xc_entry {
    enum xc_type type;
    union {
        struct rule *rule; /* A reference. */
        struct {
            uint8_t table_id;
            bool matched;
        } table;
        struct {
            uint32_t group_id;
            uint32_t bucket;
        } group;
        struct {
            uint16_t vlan;
            struct eth_addr mac;
            uint32_t port;
        } mac;
    };
};

struct xlate_cache {
    struct xc_entry *entries;
    size_t n, allocated;
};

struct xlate_cache *
xlate_cache_create(void)
{
    return xzalloc(sizeof(struct xlate_cache));
}

void
xlate_cache_destroy(struct xlate_cache *xc)
{
    if (!xc) {
        return;
    }
    for (size_t i = 0; i < xc->n; i++) {
        if (xc->entries[i].type == XC_RULE) {
            ofproto_rule_unref(xc->entries[i].rule);
        }
    }
    free(xc->entries);
    free(xc);
}

static struct xc_entry *
add_entry(struct xlate_cache *xc, enum xc_type type)
{
    if (xc->n == xc->allocated) {
        xc->allocated = xc->allocated ? 2 * xc->allocated : 8;
        xc->entries =
            xrealloc(xc->entries, xc->allocated * sizeof *xc->entries);
    }
    xc->entries[xc->n].type = type;
    return &xc->entries[xc->n++];
}

void
xlate_cache_add_rule(struct xlate_cache *xc, struct rule *rule)
{
    /* A rule being freed (its table let go of it after the lookup found
     * it) has no statistics left worth crediting. */
    if (ofproto_rule_try_ref(rule)) {
        add_entry(xc, XC_RULE)->rule = rule;
    }
}

void
xlate_cache_add_table(struct xlate_cache *xc, uint8_t table_id, bool matched)
{
    struct xc_entry *e = add_entry(xc, XC_TABLE);

    e->table.table_id = table_id;
    e->table.matched = matched;
}

void
xlate_cache_add_group(struct xlate_cache *xc, uint32_t group_id)
{
    add_entry(xc, XC_GROUP)->group.group_id = group_id;
}

void
xlate_cache_add_bucket(struct xlate_cache *xc, uint32_t group_id,
                       uint32_t bucket)
{
    struct xc_entry *e = add_entry(xc, XC_BUCKET);

    e->group.group_id = group_id;
    e->group.bucket = bucket;
}

void
xlate_cache_add_mac(struct xlate_cache *xc, uint16_t vlan,
                    const struct eth_addr *mac, uint32_t port)
{
    struct xc_entry *e = add_entry(xc, XC_MAC);

    e->mac.vlan = vlan;
    e->mac.mac = *mac;
    e->mac.port = port;
}

static void
credit_rule(struct rule *rule, uint64_t n_packets, uint64_t n_bytes,
            long long used_ms)
{
    rule->n_packets += n_packets;
    rule->n_bytes += n_bytes;
    if (used_ms > rule->used_ms) {
        rule->used_ms = used_ms;
    }
}

/* Groups are looked up again: a group modified since the translation may
 * have fewer buckets now (revalidation will translate again). */
static void
credit_group(struct ofproto *ofproto, const struct xc_entry *e,
             uint64_t n_packets, uint64_t n_bytes)
{
    struct ofgroup *group = ofproto_group_lookup(ofproto, e->group.group_id);

    if (!group) {
        return;
    }
    if (e->type == XC_GROUP) {
        group->packet_count += n_packets;
        group->byte_count += n_bytes;
    } else if (e->group.bucket < group->n_buckets) {
        group->bucket_stats[e->group.bucket].packet_count += n_packets;
        group->bucket_stats[e->group.bucket].byte_count += n_bytes;
    }
}

void
xlate_cache_credit(const struct xlate_cache *xc, struct ofproto *ofproto,
                   uint64_t n_packets, uint64_t n_bytes, long long used_ms)
{
    for (size_t i = 0; i < xc->n; i++) {
        const struct xc_entry *e = &xc->entries[i];
        struct oftable *table;

        switch (e->type) {
        case XC_RULE:
            credit_rule(e->rule, n_packets, n_bytes, used_ms);
            break;
        case XC_TABLE:
            table = &ofproto->tables[e->table.table_id];
            table->n_lookups += n_packets;
            table->n_matches += e->table.matched ? n_packets : 0;
            break;
        case XC_GROUP:
        case XC_BUCKET:
            credit_group(ofproto, e, n_packets, n_bytes);
            break;
        case XC_MAC:
            if (n_packets) {
                mac_learning_refresh(ofproto->ml, e->mac.vlan, &e->mac.mac,
                                     e->mac.port, used_ms);
            }
            break;
        }
    }
}
