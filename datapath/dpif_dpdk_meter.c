/* The DPDK datapath's meters, with the semantics that dpif_dummy.h
 * documents, on rte_meter token buckets timed by the TSC.
 *
 * Buckets: each drop band is an srTCM meter whose excess bucket is
 * disabled (EBS 0), so that it only ever says "fits" (green), taking the
 * packet's cost, or "does not fit" (red), taking nothing.  rte_meter counts
 * bytes: a kbps band's rate and burst become bytes (1 kbit = 125 bytes) and
 * a packet costs its frame bytes; a pktps band passes 1 as every packet's
 * length, so that its bucket counts packets.
 *
 * Lookup: a datapath's meters are an array sorted by id and published by
 * RCU, so the fast path finds a meter by binary search without a lock.  A
 * change builds a new array under the datapath's mutex, publishes it, and
 * frees the old array (and the meter it replaced or removed) once
 * dpdk_rcu_synchronize() returns, waiting for the PMDs with the mutex
 * released.  Changes are rare and few; copying the array on each one
 * keeps the readers simple.
 *
 * Sharing: several PMD threads may run the same meter, so a meter's
 * buckets and statistics sit behind a spinlock, taken once per batch.  A
 * meter that dpdk_meter_set() replaces starts over, as on the dummy
 * datapath: full buckets, zero statistics. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_meter.h>
#include <rte_spinlock.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/util.h"

#define BYTES_PER_KBIT 125 /* 1000 bits / 8. */

struct meter_band {
    struct rte_meter_srtcm bucket;
    struct rte_meter_srtcm_profile profile;
    uint32_t rate; /* As configured: decides which band drops. */
};

struct dpdk_meter {
    rte_spinlock_t lock; /* Covers the buckets and 'stats'. */
    bool pktps;
    size_t n_bands;
    struct meter_band bands[DPIF_METER_MAX_BANDS];
    struct dpif_meter_stats stats;
};

/* Meters sorted by id.  Never changed once published. */
struct meter_table {
    size_t n;
    struct meter_entry {
        uint32_t id;
        struct dpdk_meter *meter;
    } e[];
};

struct dpdk_meters {
    struct meter_table *_Atomic table; /* RCU; NULL when empty. */
};

/* Meters
 * ------ */

static int
band_init(struct meter_band *band, const struct dpif_meter_band *cfg,
          uint32_t flags)
{
    uint64_t unit = (flags & DPIF_METER_PKTPS) ? 1 : BYTES_PER_KBIT;
    uint64_t burst = (flags & DPIF_METER_BURST) && cfg->burst_size
                         ? cfg->burst_size
                         : cfg->rate; /* One second's worth. */
    struct rte_meter_srtcm_params params = {
        .cir = cfg->rate * unit,
        .cbs = burst * unit,
        .ebs = 0,
    };
    int error;

    band->rate = cfg->rate;
    error = rte_meter_srtcm_profile_config(&band->profile, &params);
    if (!error) {
        /* Fills the bucket and starts its clock. */
        error = rte_meter_srtcm_config(&band->bucket, &band->profile);
    }
    return error > 0 ? -error : error;
}

/* Returns a new meter configured by 'cfg', or NULL with '*errorp' set to
 * a negative errno value.  Control path. */
static struct dpdk_meter *
meter_create(const struct dpif_meter_config *cfg, int *errorp)
{
    /* Its own cache lines: PMDs that run other meters do not share them. */
    size_t size =
        RTE_ALIGN_CEIL(sizeof(struct dpdk_meter), RTE_CACHE_LINE_SIZE);
    struct dpdk_meter *m = aligned_alloc(RTE_CACHE_LINE_SIZE, size);

    if (!m) {
        *errorp = -ENOMEM;
        return NULL;
    }
    memset(m, 0, size);
    rte_spinlock_init(&m->lock);
    m->pktps = (cfg->flags & DPIF_METER_PKTPS) != 0;
    m->n_bands = cfg->n_bands;
    m->stats.n_bands = cfg->n_bands;
    for (size_t i = 0; i < cfg->n_bands; i++) {
        int error = band_init(&m->bands[i], &cfg->bands[i], cfg->flags);

        if (error) {
            free(m);
            *errorp = error;
            return NULL;
        }
    }
    return m;
}

/* Returns the band that drops a packet of cost 'cost' at TSC time 'now',
 * or -1 if it passes; every band that can pay the cost takes it.  Caller
 * holds the meter's lock. */
static int
meter_charge(struct dpdk_meter *m, uint64_t now, uint32_t cost)
{
    int drop = -1;

    for (size_t i = 0; i < m->n_bands; i++) {
        struct meter_band *b = &m->bands[i];
        enum rte_color color = rte_meter_srtcm_color_blind_check(
            &b->bucket, &b->profile, now, cost);

        if (color != RTE_COLOR_GREEN
            && (drop < 0 || b->rate > m->bands[drop].rate)) {
            drop = i;
        }
    }
    return drop;
}

/* The table
 * --------- */

/* Returns the position of the first entry of 't' (NULL: empty) whose id is
 * 'id' or more. */
static size_t
table_lower_bound(const struct meter_table *t, uint32_t id)
{
    size_t lo = 0, hi = t ? t->n : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (t->e[mid].id < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static struct dpdk_meter *
table_find(const struct meter_table *t, uint32_t id)
{
    size_t pos = table_lower_bound(t, id);

    return t && pos < t->n && t->e[pos].id == id ? t->e[pos].meter : NULL;
}

/* Returns a copy of 't' in which 'id' maps to 'm', added or replaced. */
static struct meter_table *
table_with(const struct meter_table *t, uint32_t id, struct dpdk_meter *m)
{
    size_t n = t ? t->n : 0;
    size_t pos = table_lower_bound(t, id);
    size_t replaced = pos < n && t->e[pos].id == id;
    size_t n_after = n - pos - replaced;
    struct meter_table *new;

    new = xmalloc(sizeof *new + (n + 1 - replaced) * sizeof new->e[0]);
    new->n = n + 1 - replaced;
    if (pos) {
        memcpy(new->e, t->e, pos * sizeof new->e[0]);
    }
    new->e[pos].id = id;
    new->e[pos].meter = m;
    if (n_after) {
        memcpy(&new->e[pos + 1], &t->e[pos + replaced],
               n_after * sizeof new->e[0]);
    }
    return new;
}

/* Returns a copy of 't' without its entry at 'pos' (NULL if none is
 * left). */
static struct meter_table *
table_without(const struct meter_table *t, size_t pos)
{
    size_t n_after = t->n - pos - 1;
    struct meter_table *new;

    if (t->n == 1) {
        return NULL;
    }
    new = xmalloc(sizeof *new + (t->n - 1) * sizeof new->e[0]);
    new->n = t->n - 1;
    memcpy(new->e, t->e, pos * sizeof new->e[0]);
    memcpy(&new->e[pos], &t->e[pos + 1], n_after * sizeof new->e[0]);
    return new;
}

/* The table, for a writer (which holds the datapath's mutex). */
static struct meter_table *
table_get_locked(struct dpdk_meters *meters)
{
    return atomic_load_explicit(&meters->table, memory_order_relaxed);
}

static void
table_publish(struct dpdk_meters *meters, struct meter_table *t)
{
    atomic_store_explicit(&meters->table, t, memory_order_release);
}

/* The control path
 * ---------------- */

struct dpdk_meters *
dpdk_meters_create(void)
{
    return xzalloc(sizeof(struct dpdk_meters));
}

void
dpdk_meters_destroy(struct dpdk_meters *meters)
{
    struct meter_table *t;

    if (!meters) {
        return;
    }
    t = table_get_locked(meters);
    for (size_t i = 0; t && i < t->n; i++) {
        free(t->e[i].meter);
    }
    free(t);
    free(meters);
}

int
dpdk_meter_set(struct dpif *dpif, uint32_t meter_id,
               const struct dpif_meter_config *cfg)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct meter_table *old;
    struct dpdk_meter *m, *old_m;
    int error;

    m = meter_create(cfg, &error);
    if (!m) {
        return error;
    }
    pthread_mutex_lock(&dp->mutex);
    old = table_get_locked(dp->meters);
    old_m = table_find(old, meter_id);
    table_publish(dp->meters, table_with(old, meter_id, m));
    pthread_mutex_unlock(&dp->mutex);

    /* Unlinked: only readers that started before may still see them. */
    if (old) {
        dpdk_rcu_synchronize();
        free(old);
        free(old_m);
    }
    return 0;
}

int
dpdk_meter_del(struct dpif *dpif, uint32_t meter_id)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_meter *m = NULL;
    struct meter_table *old;
    size_t pos;

    pthread_mutex_lock(&dp->mutex);
    old = table_get_locked(dp->meters);
    pos = table_lower_bound(old, meter_id);
    if (old && pos < old->n && old->e[pos].id == meter_id) {
        m = old->e[pos].meter;
        table_publish(dp->meters, table_without(old, pos));
    }
    pthread_mutex_unlock(&dp->mutex);
    if (!m) {
        return -ENOENT;
    }

    dpdk_rcu_synchronize();
    free(old);
    free(m);
    return 0;
}

int
dpdk_meter_get_stats(struct dpif *dpif, uint32_t meter_id,
                     struct dpif_meter_stats *stats)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_meter *m;

    /* The mutex keeps writers, hence frees, away while we read. */
    pthread_mutex_lock(&dp->mutex);
    m = table_find(table_get_locked(dp->meters), meter_id);
    if (m) {
        rte_spinlock_lock(&m->lock);
        *stats = m->stats;
        rte_spinlock_unlock(&m->lock);
    }
    pthread_mutex_unlock(&dp->mutex);
    return m ? 0 : -ENOENT;
}

/* The fast path
 * ------------- */

void
dpdk_meter_run(struct dpdk_meters *meters, uint32_t meter_id,
               struct dp_packet_batch *batch)
{
    struct dp_packet *dropped[DP_PACKET_BATCH_MAX];
    size_t n_dropped = 0, kept = 0;
    struct meter_table *t;
    struct dpdk_meter *m;
    uint64_t now;

    t = meters ? atomic_load_explicit(&meters->table, memory_order_acquire)
               : NULL;
    m = table_find(t, meter_id);
    if (!m) {
        return;
    }

    rte_spinlock_lock(&m->lock);
    /* Read under the lock: a time older than the one another thread just
     * gave the buckets would look to rte_meter like a huge interval. */
    now = rte_get_tsc_cycles();
    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *p = batch->packets[i];
        uint32_t size = dp_packet_size(p);
        int band = meter_charge(m, now, m->pktps ? 1 : size);

        m->stats.packet_in_count++;
        m->stats.byte_in_count += size;
        if (band >= 0) {
            m->stats.band_packets[band]++;
            m->stats.band_bytes[band] += size;
            dropped[n_dropped++] = p;
        } else {
            batch->packets[kept++] = p;
        }
    }
    batch->count = kept;
    rte_spinlock_unlock(&m->lock);

    /* Out of the lock: freeing an mbuf goes back to its mempool. */
    for (size_t i = 0; i < n_dropped; i++) {
        dp_packet_delete(dropped[i]);
    }
}
