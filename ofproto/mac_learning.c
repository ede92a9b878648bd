/* A MAC learning table.  See mac_learning.h. */
#include "ofproto/mac_learning.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/strbuf.h"
#include "lib/util.h"

struct ml_entry {
    struct hmap_node node;
    uint16_t vlan;
    struct eth_addr mac;
    uint32_t port;
    long long learned_ms;
};

struct mac_learning {
    pthread_mutex_t mutex;
    struct hmap entries;
    unsigned int idle_s;
    size_t max_entries;
};

struct mac_learning *
mac_learning_create(unsigned int idle_s, size_t max_entries)
{
    struct mac_learning *ml = xzalloc(sizeof *ml);

    pthread_mutex_init(&ml->mutex, NULL);
    hmap_init(&ml->entries);
    ml->idle_s = idle_s;
    ml->max_entries = max_entries ? max_entries : 1;
    return ml;
}

static void
remove_entry(struct mac_learning *ml, struct ml_entry *e)
{
    hmap_remove(&ml->entries, &e->node);
    free(e);
}

void
mac_learning_destroy(struct mac_learning *ml)
{
    if (!ml) {
        return;
    }
    for (struct hmap_node *n = hmap_first(&ml->entries), *next; n; n = next) {
        next = hmap_next(&ml->entries, n);
        remove_entry(ml, CONTAINER_OF(n, struct ml_entry, node));
    }
    hmap_destroy(&ml->entries);
    pthread_mutex_destroy(&ml->mutex);
    free(ml);
}

static uint32_t
hash_mac(uint16_t vlan, const struct eth_addr *mac)
{
    uint64_t word = 0;

    memcpy(&word, mac, sizeof *mac);
    return hash_finish(hash_add64(hash_add64(0, word), vlan), 8);
}

static struct ml_entry *
find(const struct mac_learning *ml, uint16_t vlan, const struct eth_addr *mac)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ml->entries, hash_mac(vlan, mac));
         n; n = hmap_next_with_hash(n)) {
        struct ml_entry *e = CONTAINER_OF(n, struct ml_entry, node);

        if (e->vlan == vlan && !memcmp(&e->mac, mac, sizeof *mac)) {
            return e;
        }
    }
    return NULL;
}

static bool
is_expired(const struct mac_learning *ml, const struct ml_entry *e,
           long long now_ms)
{
    return now_ms >= e->learned_ms + ml->idle_s * 1000LL;
}

/* Evicts the least recently learned entry.  A linear scan, but only when
 * the table is full and a new address arrives. */
static void
evict_oldest(struct mac_learning *ml)
{
    struct ml_entry *oldest = NULL;

    for (struct hmap_node *n = hmap_first(&ml->entries); n;
         n = hmap_next(&ml->entries, n)) {
        struct ml_entry *e = CONTAINER_OF(n, struct ml_entry, node);

        if (!oldest || e->learned_ms < oldest->learned_ms) {
            oldest = e;
        }
    }
    if (oldest) {
        remove_entry(ml, oldest);
    }
}

bool
mac_learning_learn(struct mac_learning *ml, uint16_t vlan,
                   const struct eth_addr *mac, uint32_t port, long long now_ms)
{
    struct ml_entry *e;
    bool changed = false;

    if (mac->ea[0] & 1) {
        return false;
    }
    pthread_mutex_lock(&ml->mutex);
    e = find(ml, vlan, mac);
    if (!e) {
        if (hmap_count(&ml->entries) >= ml->max_entries) {
            evict_oldest(ml);
        }
        e = xzalloc(sizeof *e);
        e->vlan = vlan;
        e->mac = *mac;
        hmap_insert(&ml->entries, &e->node, hash_mac(vlan, mac));
        changed = true;
    } else if (e->port != port) {
        changed = true;
    }
    e->port = port;
    e->learned_ms = now_ms;
    pthread_mutex_unlock(&ml->mutex);
    return changed;
}

void
mac_learning_refresh(struct mac_learning *ml, uint16_t vlan,
                     const struct eth_addr *mac, uint32_t port,
                     long long now_ms)
{
    struct ml_entry *e;

    pthread_mutex_lock(&ml->mutex);
    e = find(ml, vlan, mac);
    if (e && e->port == port && now_ms > e->learned_ms) {
        e->learned_ms = now_ms;
    }
    pthread_mutex_unlock(&ml->mutex);
}

uint32_t
mac_learning_lookup(struct mac_learning *ml, uint16_t vlan,
                    const struct eth_addr *mac, long long now_ms)
{
    struct ml_entry *e;
    uint32_t port = 0;

    pthread_mutex_lock(&ml->mutex);
    e = find(ml, vlan, mac);
    if (e && !is_expired(ml, e, now_ms)) {
        port = e->port;
    }
    pthread_mutex_unlock(&ml->mutex);
    return port;
}

/* Removes the entries for which 'pred' holds; returns true if any. */
static bool
remove_if(struct mac_learning *ml,
          bool (*pred)(const struct mac_learning *, const struct ml_entry *,
                       long long),
          long long arg)
{
    bool removed = false;

    pthread_mutex_lock(&ml->mutex);
    for (struct hmap_node *n = hmap_first(&ml->entries), *next; n; n = next) {
        struct ml_entry *e = CONTAINER_OF(n, struct ml_entry, node);

        next = hmap_next(&ml->entries, n);
        if (pred(ml, e, arg)) {
            remove_entry(ml, e);
            removed = true;
        }
    }
    pthread_mutex_unlock(&ml->mutex);
    return removed;
}

static bool
on_port(const struct mac_learning *ml, const struct ml_entry *e, long long port)
{
    (void) ml;
    return e->port == port;
}

bool
mac_learning_flush_port(struct mac_learning *ml, uint32_t port)
{
    return remove_if(ml, on_port, port);
}

bool
mac_learning_expire(struct mac_learning *ml, long long now_ms)
{
    return remove_if(ml, is_expired, now_ms);
}

size_t
mac_learning_count(struct mac_learning *ml)
{
    size_t n;

    pthread_mutex_lock(&ml->mutex);
    n = hmap_count(&ml->entries);
    pthread_mutex_unlock(&ml->mutex);
    return n;
}

void
mac_learning_format(struct mac_learning *ml, long long now_ms,
                    struct strbuf *sb)
{
    strbuf_puts(sb, " port  VLAN  MAC                Age\n");
    pthread_mutex_lock(&ml->mutex);
    for (struct hmap_node *n = hmap_first(&ml->entries); n;
         n = hmap_next(&ml->entries, n)) {
        const struct ml_entry *e = CONTAINER_OF(n, struct ml_entry, node);

        strbuf_printf(sb, "%5u  %4u  ", e->port, e->vlan);
        pkt_format_eth(sb, &e->mac);
        strbuf_printf(sb, "  %3lld\n", (now_ms - e->learned_ms) / 1000);
    }
    pthread_mutex_unlock(&ml->mutex);
}
