/* The dummy datapath's meters: one token bucket per drop band.  See
 * dpif_dummy.h for the semantics.
 *
 * Buckets count milli-tokens (thousandths of a packet, or of a bit), so
 * that short intervals still add tokens at low rates without floating
 * point.  A meter is replaced as a whole by dpif_meter_set() and freed
 * after a grace period; its mutex covers the buckets and statistics, which
 * every thread that meters a batch updates. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif_dummy.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/rcu.h"
#include "lib/util.h"

#define MILLI 1000
#define NS_PER_MILLI_TOKEN_SCALE 1000000 /* ns per s / MILLI. */

struct meter_band {
    uint64_t rate;     /* Tokens (packets or bits) per second. */
    uint64_t capacity; /* Milli-tokens. */
    uint64_t bucket;   /* Milli-tokens. */
};

struct dummy_meter {
    pthread_mutex_t mutex;
    bool pktps;
    size_t n_bands;
    struct meter_band bands[DPIF_METER_MAX_BANDS];
    long long last_ns;
    struct dpif_meter_stats stats;
};

static struct dummy_meter *
meter_create(const struct dpif_meter_config *cfg, long long now_ns)
{
    struct dummy_meter *m = xzalloc(sizeof *m);

    pthread_mutex_init(&m->mutex, NULL);
    m->pktps = (cfg->flags & DPIF_METER_PKTPS) != 0;
    m->n_bands = cfg->n_bands;
    m->stats.n_bands = cfg->n_bands;
    m->last_ns = now_ns;
    for (size_t i = 0; i < cfg->n_bands; i++) {
        const struct dpif_meter_band *b = &cfg->bands[i];
        struct meter_band *mb = &m->bands[i];
        uint64_t unit = m->pktps ? 1 : 1000; /* kbit -> bit. */
        uint64_t burst = (cfg->flags & DPIF_METER_BURST) && b->burst_size
                             ? b->burst_size
                             : b->rate; /* One second's worth. */

        mb->rate = b->rate * unit;
        mb->capacity = burst * unit * MILLI;
        mb->bucket = mb->capacity;
    }
    return m;
}

static void
meter_free(void *m_)
{
    struct dummy_meter *m = m_;

    pthread_mutex_destroy(&m->mutex);
    free(m);
}

/* Adds the tokens 'elapsed_ns' bring to 'b', without overflowing. */
static void
refill(struct meter_band *b, uint64_t elapsed_ns)
{
    uint64_t q = elapsed_ns / NS_PER_MILLI_TOKEN_SCALE;
    uint64_t r = elapsed_ns % NS_PER_MILLI_TOKEN_SCALE;
    uint64_t add;

    if (q > b->capacity / b->rate) {
        b->bucket = b->capacity;
        return;
    }
    add = q * b->rate + r * b->rate / NS_PER_MILLI_TOKEN_SCALE;
    b->bucket = add >= b->capacity - b->bucket ? b->capacity : b->bucket + add;
}

/* Returns the band that drops a packet costing 'cost' milli-tokens, or -1
 * if it passes; takes the cost from every band that can pay it. */
static int
charge(struct dummy_meter *m, uint64_t cost)
{
    int drop = -1;

    for (size_t i = 0; i < m->n_bands; i++) {
        struct meter_band *b = &m->bands[i];

        if (b->bucket >= cost) {
            b->bucket -= cost;
        } else if (drop < 0 || b->rate > m->bands[drop].rate) {
            drop = i;
        }
    }
    return drop;
}

void
dummy_meter_run(void *dp_, uint32_t meter_id, struct dp_packet_batch *batch)
{
    struct dpif_dummy *dp = dp_;
    struct dummy_meter *m = dummy_idtab_find(rcu_get(dp->meters), meter_id);
    size_t kept = 0;
    long long now;

    if (!m) {
        return;
    }
    pthread_mutex_lock(&m->mutex);
    now = dummy_now_ns(dp);
    if (now > m->last_ns) {
        for (size_t i = 0; i < m->n_bands; i++) {
            refill(&m->bands[i], now - m->last_ns);
        }
        m->last_ns = now;
    }
    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *p = batch->packets[i];
        uint64_t size = dp_packet_size(p);
        int band = charge(m, m->pktps ? MILLI : size * 8 * MILLI);

        m->stats.packet_in_count++;
        m->stats.byte_in_count += size;
        if (band >= 0) {
            m->stats.band_packets[band]++;
            m->stats.band_bytes[band] += size;
            dp_packet_delete(p);
        } else {
            batch->packets[kept++] = p;
        }
    }
    batch->count = kept;
    pthread_mutex_unlock(&m->mutex);
}

int
dummy_meter_set(struct dpif *dpif, uint32_t meter_id,
                const struct dpif_meter_config *cfg)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_meter *m = meter_create(cfg, dummy_now_ns(dp));
    struct dummy_meter *old;

    pthread_mutex_lock(&dp->mutex);
    old = dummy_idtab_find(dp->meters, meter_id);
    dummy_idtab_replace(&dp->meters, dummy_idtab_with(dp->meters, meter_id, m));
    if (old) {
        rcu_postpone(meter_free, old);
    }
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

int
dummy_meter_del(struct dpif *dpif, uint32_t meter_id)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_meter *m;

    pthread_mutex_lock(&dp->mutex);
    m = dummy_idtab_find(dp->meters, meter_id);
    if (m) {
        dummy_idtab_replace(&dp->meters,
                            dummy_idtab_without(dp->meters, meter_id));
        rcu_postpone(meter_free, m);
    }
    pthread_mutex_unlock(&dp->mutex);
    return m ? 0 : -ENOENT;
}

int
dummy_meter_get_stats(struct dpif *dpif, uint32_t meter_id,
                      struct dpif_meter_stats *stats)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_meter *m;

    pthread_mutex_lock(&dp->mutex);
    m = dummy_idtab_find(dp->meters, meter_id);
    if (m) {
        pthread_mutex_lock(&m->mutex);
        *stats = m->stats;
        pthread_mutex_unlock(&m->mutex);
    }
    pthread_mutex_unlock(&dp->mutex);
    return m ? 0 : -ENOENT;
}

void
dummy_meters_destroy(struct dpif_dummy *dp)
{
    struct dummy_idtab *tab = dp->meters;

    for (size_t i = 0; tab && i < tab->n; i++) {
        rcu_postpone(meter_free, tab->e[i].ptr);
    }
    dp->meters = NULL;
    free(tab);
}
