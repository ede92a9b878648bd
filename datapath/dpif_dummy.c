/* The dummy datapath: its class, opening and closing, upcall registration,
 * the userspace queue and statistics.  See dpif_dummy.h. */
#include "datapath/dpif_dummy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "datapath/dp_packet.h"
#include "datapath/dp_recvq.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/rcu.h"
#include "lib/util.h"

/* Open dummy datapaths, by name: a name may be open once at a time. */
static pthread_mutex_t open_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct dpif_dummy **open_dps;
static size_t n_open_dps;
static uint64_t next_serial = 1;

/* Id tables. */

static size_t
idtab_size(const struct dummy_idtab *tab)
{
    return tab ? tab->n : 0;
}

/* Returns the index of the first entry whose id is not below 'id'. */
static size_t
idtab_lower_bound(const struct dummy_idtab *tab, uint32_t id)
{
    size_t lo = 0, hi = idtab_size(tab);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (tab->e[mid].id < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void *
dummy_idtab_find(const struct dummy_idtab *tab, uint32_t id)
{
    size_t i = idtab_lower_bound(tab, id);

    return i < idtab_size(tab) && tab->e[i].id == id ? tab->e[i].ptr : NULL;
}

static struct dummy_idtab *
idtab_alloc(size_t n)
{
    struct dummy_idtab *tab =
        xmalloc(sizeof *tab + n * sizeof(struct dummy_idtab_entry));

    tab->n = n;
    return tab;
}

struct dummy_idtab *
dummy_idtab_with(const struct dummy_idtab *old, uint32_t id, void *ptr)
{
    size_t n = idtab_size(old), i = idtab_lower_bound(old, id);
    bool replace = i < n && old->e[i].id == id;
    struct dummy_idtab *tab = idtab_alloc(replace ? n : n + 1);

    if (i) {
        memcpy(tab->e, old->e, i * sizeof tab->e[0]);
    }
    tab->e[i].id = id;
    tab->e[i].ptr = ptr;
    if (n > i + replace) {
        memcpy(&tab->e[i + 1], &old->e[i + replace],
               (n - i - replace) * sizeof tab->e[0]);
    }
    return tab;
}

struct dummy_idtab *
dummy_idtab_without(const struct dummy_idtab *old, uint32_t id)
{
    size_t n = idtab_size(old), i = idtab_lower_bound(old, id);
    struct dummy_idtab *tab;

    if (i >= n || old->e[i].id != id) {
        return NULL;
    }
    tab = idtab_alloc(n - 1);
    memcpy(tab->e, old->e, i * sizeof tab->e[0]);
    memcpy(&tab->e[i], &old->e[i + 1], (n - i - 1) * sizeof tab->e[0]);
    return tab;
}

void
dummy_idtab_replace(struct dummy_idtab **tabp, struct dummy_idtab *new)
{
    struct dummy_idtab *old = *tabp;

    rcu_set(*tabp, new);
    if (old) {
        rcu_postpone(free, old);
    }
}

/* Clock. */

long long
dummy_now_ns(const struct dpif_dummy *dp)
{
    struct timespec ts;

    if (dp->clock_fn) {
        return dp->clock_fn(dp->clock_aux);
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void
dpif_dummy_set_clock(struct dpif *dpif, long long (*now_ns)(void *aux),
                     void *aux)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);

    dp->clock_fn = now_ns;
    dp->clock_aux = aux;
}

/* Opening and closing. */

static struct dpif_dummy *
find_open_locked(const char *name)
{
    for (size_t i = 0; i < n_open_dps; i++) {
        if (!strcmp(open_dps[i]->up.name, name)) {
            return open_dps[i];
        }
    }
    return NULL;
}

static int
dummy_open(const struct dpif_class *class, const char *name,
           struct dpif **dpifp, char **errorp)
{
    struct dpif_dummy *dp;
    int error;

    pthread_mutex_lock(&open_mutex);
    if (find_open_locked(name)) {
        pthread_mutex_unlock(&open_mutex);
        dpif_set_error(errorp,
                       "The dummy datapath \"%s\" is already open; close it "
                       "first or choose another name.",
                       name);
        return -EBUSY;
    }
    dp = xzalloc(sizeof *dp);
    error = dp_recvq_init(&dp->recvq, DPIF_DUMMY_RECVQ_MAX, name, errorp);
    if (error) {
        pthread_mutex_unlock(&open_mutex);
        free(dp);
        return error;
    }
    dpif_init(&dp->up, class, name);
    dp->serial = next_serial++;
    pthread_mutex_init(&dp->mutex, NULL);
    cls_init(&dp->flows);
    hmap_init(&dp->masks);
    atomic_init(&dp->flow_gen, 1);
    atomic_init(&dp->port_seq, 1);
    pthread_rwlock_init(&dp->upcall_lock, NULL);

    open_dps = xrealloc(open_dps, (n_open_dps + 1) * sizeof *open_dps);
    open_dps[n_open_dps++] = dp;
    pthread_mutex_unlock(&open_mutex);

    *dpifp = &dp->up;
    return 0;
}

static void
forget_open(struct dpif_dummy *dp)
{
    pthread_mutex_lock(&open_mutex);
    for (size_t i = 0; i < n_open_dps; i++) {
        if (open_dps[i] == dp) {
            open_dps[i] = open_dps[--n_open_dps];
            break;
        }
    }
    if (!n_open_dps) {
        free(open_dps);
        open_dps = NULL;
    }
    pthread_mutex_unlock(&open_mutex);
}

/* Frees what is left of 'dp' once no reader can be inside its
 * classifier. */
static void
free_dp(void *dp_)
{
    struct dpif_dummy *dp = dp_;

    dpif_uninit(&dp->up);
    free(dp);
}

static void
dummy_close(struct dpif *dpif)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);

    dummy_thread_stop(dp);
    dummy_flow_flush(dpif);
    dummy_meters_destroy(dp);
    dummy_ports_destroy(dp);
    forget_open(dp);

    dp_recvq_destroy(&dp->recvq);
    pthread_rwlock_destroy(&dp->upcall_lock);
    hmap_destroy(&dp->masks);
    cls_destroy(&dp->flows);
    pthread_mutex_destroy(&dp->mutex);
    rcu_postpone(free_dp, dp);
}

/* Upcalls and the userspace queue. */

static void
dummy_register_upcall(struct dpif *dpif, dpif_upcall_fn *fn, void *aux)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);

    pthread_rwlock_wrlock(&dp->upcall_lock);
    dp->upcall_fn = fn;
    dp->upcall_aux = aux;
    pthread_rwlock_unlock(&dp->upcall_lock);
}

/* The executor's USERSPACE op: queues a copy of 'p'. */
void
dummy_userspace(void *dp_, const uint8_t *cookie, size_t cookie_len,
                const struct dp_packet *p)
{
    struct dpif_dummy *dp = dp_;

    if (dp_recvq_push(&dp->recvq, cookie, cookie_len, p)) {
        atomic_fetch_add(&dp->n_lost, 1);
    }
}

static int
dummy_recv(struct dpif *dpif, struct dpif_upcall *upcall)
{
    return dp_recvq_pop(&dpif_dummy_cast(dpif)->recvq, upcall);
}

static int
dummy_recv_fd(struct dpif *dpif)
{
    return dpif_dummy_cast(dpif)->recvq.fd;
}

static int
dummy_get_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);

    stats->n_hit = atomic_load(&dp->n_hit);
    stats->n_missed = atomic_load(&dp->n_missed);
    stats->n_lost = atomic_load(&dp->n_lost);
    pthread_mutex_lock(&dp->mutex);
    stats->n_flows = cls_count(&dp->flows);
    stats->n_masks = dummy_flow_n_masks(dp);
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

const struct dpif_class dpif_dummy_class = {
    .type = "dummy",
    .open = dummy_open,
    .close = dummy_close,
    .port_add = dummy_port_add,
    .port_del = dummy_port_del,
    .port_query = dummy_port_query,
    .port_dump = dummy_port_dump,
    .port_get_stats = dummy_port_get_stats,
    .port_set_admin = dummy_port_set_admin,
    .port_change_seq = dummy_port_change_seq,
    .flow_put = dummy_flow_put,
    .flow_del = dummy_flow_del,
    .flow_flush = dummy_flow_flush,
    .flow_dump = dummy_flow_dump,
    .execute = dummy_execute,
    .register_upcall = dummy_register_upcall,
    .recv = dummy_recv,
    .recv_fd = dummy_recv_fd,
    .get_stats = dummy_get_stats,
    .meter_set = dummy_meter_set,
    .meter_del = dummy_meter_del,
    .meter_get_stats = dummy_meter_get_stats,
};

int
dpif_dummy_register(void)
{
    return dpif_register_class(&dpif_dummy_class);
}
