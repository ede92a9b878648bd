/* The DPDK datapath: the class, EAL start, open and close, upcalls, the
 * userspace queue and statistics.  See dpif_dpdk.h. */
#include "datapath/dpif_dpdk.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "datapath/dpif_dpdk_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_dpdk);

/* Process-wide state, under 'global_mutex'. */
static pthread_mutex_t global_mutex = PTHREAD_MUTEX_INITIALIZER;
static char *cfg_eal_args;
static char *cfg_pmd_cores;
static uint32_t cfg_max_sleep_us = DPIF_DPDK_DEFAULT_MAX_SLEEP_US;
static bool eal_started;
static bool eal_failed;
static struct dpif_dpdk *open_dps[DPDK_MAX_DPS];
static uint64_t next_serial = 1;

struct rte_rcu_qsbr *dpdk_rcu;

/* Configuration and EAL
 * --------------------- */

int
dpif_dpdk_configure(const struct dpif_dpdk_config *cfg, char **errorp)
{
    int error = 0;

    pthread_mutex_lock(&global_mutex);
    if (eal_started) {
        dpif_set_error(errorp, "DPDK has started already: its settings "
                               "apply when pont-vswitchd starts again.");
        error = -EBUSY;
    } else {
        free(cfg_eal_args);
        free(cfg_pmd_cores);
        cfg_eal_args = cfg->eal_args ? xstrdup(cfg->eal_args) : NULL;
        cfg_pmd_cores = cfg->pmd_cores ? xstrdup(cfg->pmd_cores) : NULL;
        cfg_max_sleep_us = cfg->pmd_max_sleep_us;
    }
    pthread_mutex_unlock(&global_mutex);
    return error;
}

bool
dpif_dpdk_is_started(void)
{
    bool started;

    pthread_mutex_lock(&global_mutex);
    started = eal_started;
    pthread_mutex_unlock(&global_mutex);
    return started;
}

/* Splits 'args' on white space into a NULL-terminated argv whose first
 * element is the program name; adds an lcore mapping that leaves the main
 * thread on every CPU it may run on, unless 'args' chooses cores. */
static char **
build_argv(const char *args, int *argcp)
{
    char *copy = xstrdup(args);
    char **argv = xzalloc(4 * sizeof *argv);
    int argc = 0, cap = 4;
    bool has_cores = false;

    argv[argc++] = xstrdup("pont-vswitchd");
    for (char *save = NULL, *tok = strtok_r(copy, " \t\n", &save); tok;
         tok = strtok_r(NULL, " \t\n", &save)) {
        if (!strcmp(tok, "-l") || !strcmp(tok, "-c")
            || !strncmp(tok, "--lcores", 8)) {
            has_cores = true;
        }
        if (argc + 3 >= cap) {
            cap *= 2;
            argv = xrealloc(argv, cap * sizeof *argv);
        }
        argv[argc++] = xstrdup(tok);
    }
    if (!has_cores) {
        cpu_set_t set;
        int first = -1, last = -1;

        if (!sched_getaffinity(0, sizeof set, &set)) {
            for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
                if (CPU_ISSET(cpu, &set)) {
                    first = first < 0 ? cpu : first;
                    last = cpu;
                }
            }
        }
        argv[argc++] = first >= 0 ? xasprintf("--lcores=0@(%d-%d)", first,
                                              last)
                                  : xstrdup("--lcores=0");
    }
    argv[argc] = NULL;
    free(copy);
    *argcp = argc;
    return argv;
}

static void
free_argv(char **argv)
{
    for (char **a = argv; *a; a++) {
        free(*a);
    }
    free(argv);
}

static int
start_rcu(char **errorp)
{
    uint32_t max_threads = DPDK_MAX_PMDS + DPDK_MAX_DPS;
    size_t size = rte_rcu_qsbr_get_memsize(max_threads);

    dpdk_rcu = rte_zmalloc("pont_rcu", size, RTE_CACHE_LINE_SIZE);
    if (!dpdk_rcu || rte_rcu_qsbr_init(dpdk_rcu, max_threads)) {
        dpif_set_error(errorp, "Could not set up RCU for the DPDK datapath "
                               "(out of DPDK memory?): reserve more "
                               "hugepages.");
        return -ENOMEM;
    }
    return 0;
}

/* Starts EAL, RCU and the PMD threads.  Caller holds 'global_mutex'. */
static int
start_eal_locked(char **errorp)
{
    const char *args = cfg_eal_args ? cfg_eal_args
                                    : DPIF_DPDK_DEFAULT_EAL_ARGS;
    char **argv, **argv_copy;
    int argc, error;

    if (eal_started) {
        return 0;
    }
    if (eal_failed) {
        dpif_set_error(errorp, "DPDK failed to start earlier in this "
                               "process (see the log); fix its arguments "
                               "and restart pont-vswitchd.");
        return -ENODEV;
    }
    argv = build_argv(args, &argc);
    /* rte_eal_init() permutes its argv: keep our pointers to free. */
    argv_copy = xmalloc((argc + 1) * sizeof *argv_copy);
    memcpy(argv_copy, argv, (argc + 1) * sizeof *argv_copy);
    VLOG_INFO("starting DPDK with EAL arguments: %s", args);
    if (rte_eal_init(argc, argv_copy) < 0) {
        eal_failed = true;
        dpif_set_error(errorp,
                       "DPDK could not start with EAL arguments \"%s\": %s. "
                       "Check that hugepages are reserved and mounted, and "
                       "that the --file-prefix is not in use by another "
                       "process.",
                       args, rte_strerror(rte_errno));
        free(argv_copy);
        free_argv(argv);
        return -ENODEV;
    }
    free(argv_copy);
    free_argv(argv);
    error = start_rcu(errorp);
    if (!error) {
        error = dpdk_pmds_start(cfg_pmd_cores, cfg_max_sleep_us, errorp);
    }
    if (error) {
        eal_failed = true;
        return error;
    }
    eal_started = true;
    return 0;
}

void
dpdk_rcu_synchronize(void)
{
    if (dpdk_rcu) {
        rte_rcu_qsbr_synchronize(dpdk_rcu, RTE_QSBR_THRID_INVALID);
    }
}

long long
dpdk_now_ms(void)
{
    struct timespec ts;

    /* The coarse clock: the same clock at tick resolution, read without the
     * TSC, for one call per received batch.  A flow's "used" time needs no
     * better than a few milliseconds. */
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void
dpdk_for_each_dp(void (*fn)(struct dpif_dpdk *, void *aux), void *aux)
{
    pthread_mutex_lock(&global_mutex);
    for (size_t i = 0; i < DPDK_MAX_DPS; i++) {
        if (open_dps[i]) {
            fn(open_dps[i], aux);
        }
    }
    pthread_mutex_unlock(&global_mutex);
}

/* Open and close
 * -------------- */

static int
find_slot_locked(const char *name, char **errorp)
{
    int slot = -1;

    for (int i = 0; i < DPDK_MAX_DPS; i++) {
        if (open_dps[i] && !strcmp(open_dps[i]->up.name, name)) {
            dpif_set_error(errorp, "The DPDK datapath \"%s\" is already "
                                   "open; close it or choose another name.",
                           name);
            return -EBUSY;
        }
        if (!open_dps[i] && slot < 0) {
            slot = i;
        }
    }
    if (slot < 0) {
        dpif_set_error(errorp, "At most %d DPDK datapaths may be open in "
                               "one process; delete a bridge first.",
                       DPDK_MAX_DPS);
        return -ENOSPC;
    }
    return slot;
}

/* Creates the DPDK objects of 'dp' (whose 'index' is set). */
static int
create_dp_objects(struct dpif_dpdk *dp, char **errorp)
{
    char name[RTE_MEMPOOL_NAMESIZE];

    snprintf(name, sizeof name, "pont_mp%u_%" PRIu64, dp->index, dp->serial);
    dp->pool = rte_pktmbuf_pool_create(name, DPDK_POOL_MBUFS, 256,
                                       DPDK_MBUF_PRIV_SIZE,
                                       RTE_MBUF_DEFAULT_BUF_SIZE,
                                       SOCKET_ID_ANY);
    snprintf(name, sizeof name, "pont_miss%u_%" PRIu64, dp->index,
             dp->serial);
    dp->miss_ring = rte_ring_create(name, DPDK_MISS_RING, SOCKET_ID_ANY,
                                    RING_F_SC_DEQ);
    dp->cls = dpdk_cls_create();
    if (!dp->pool || !dp->miss_ring || !dp->cls) {
        dpif_set_error(errorp, "Could not allocate packet buffers for "
                               "datapath \"%s\" (%s): reserve more "
                               "hugepages or give EAL more memory (-m).",
                       dp->up.name, rte_strerror(rte_errno));
        return -ENOMEM;
    }
    dp->meters = dpdk_meters_create();
    return dp_recvq_init(&dp->recvq, DPDK_RECVQ_MAX, dp->up.name, errorp);
}

static void
destroy_dp_objects(struct dpif_dpdk *dp)
{
    dpdk_meters_destroy(dp->meters);
    dpdk_cls_destroy(dp->cls);
    rte_ring_free(dp->miss_ring);
    rte_mempool_free(dp->pool);
    if (dp->recvq.slots) {
        dp_recvq_destroy(&dp->recvq);
    }
}

static int
dpdk_open(const struct dpif_class *class, const char *name,
          struct dpif **dpifp, char **errorp)
{
    struct dpif_dpdk *dp;
    int slot, error;

    pthread_mutex_lock(&global_mutex);
    error = start_eal_locked(errorp);
    slot = error ? error : find_slot_locked(name, errorp);
    if (slot < 0) {
        pthread_mutex_unlock(&global_mutex);
        return slot;
    }
    dp = xzalloc(sizeof *dp);
    dpif_init(&dp->up, class, name);
    dp->index = (unsigned) slot;
    dp->serial = next_serial++;
    pthread_mutex_init(&dp->mutex, NULL);
    dp_upcall_hook_init(&dp->upcall);
    atomic_init(&dp->flow_gen, 1);
    atomic_init(&dp->port_seq, 1);
    error = create_dp_objects(dp, errorp);
    if (!error) {
        error = dpdk_handler_start(dp, errorp);
    }
    if (error) {
        destroy_dp_objects(dp);
        dp_upcall_hook_destroy(&dp->upcall);
        pthread_mutex_destroy(&dp->mutex);
        dpif_uninit(&dp->up);
        free(dp);
        pthread_mutex_unlock(&global_mutex);
        return error;
    }
    open_dps[slot] = dp;
    pthread_mutex_unlock(&global_mutex);
    *dpifp = &dp->up;
    return 0;
}

static void
dpdk_close(struct dpif *dpif)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);

    /* Ports first: once they are gone no PMD touches 'dp'. */
    dpdk_ports_destroy(dp);
    pthread_mutex_lock(&global_mutex);
    open_dps[dp->index] = NULL;
    pthread_mutex_unlock(&global_mutex);
    dpdk_handler_stop(dp);
    dpdk_flow_flush(dpif);
    destroy_dp_objects(dp);
    dp_upcall_hook_destroy(&dp->upcall);
    pthread_mutex_destroy(&dp->mutex);
    dpif_uninit(&dp->up);
    free(dp);
}

/* Upcalls, the userspace queue, statistics
 * ---------------------------------------- */

static void
dpdk_register_upcall(struct dpif *dpif, dpif_upcall_fn *fn, void *aux)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);

    dp_upcall_hook_set(&dp->upcall, fn, aux);
}

/* The executor's USERSPACE op ('ctx' is the datapath). */
void
dpdk_userspace(void *ctx, const uint8_t *cookie, size_t cookie_len,
               const struct dp_packet *p)
{
    struct dpif_dpdk *dp = ctx;

    if (dp_recvq_push(&dp->recvq, cookie, cookie_len, p)) {
        atomic_fetch_add(&dp->n_lost, 1);
    }
}

static int
dpdk_recv(struct dpif *dpif, struct dpif_upcall *upcall)
{
    return dp_recvq_pop(&dpif_dpdk_cast(dpif)->recvq, upcall);
}

static int
dpdk_recv_fd(struct dpif *dpif)
{
    return dpif_dpdk_cast(dpif)->recvq.fd;
}

static int
dpdk_get_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    size_t n_masks;

    stats->n_hit = 0;
    stats->n_missed = 0;
    stats->n_lost = atomic_load(&dp->n_lost);
    for (size_t i = 0; i < DPDK_MAX_PMDS; i++) {
        const struct dpdk_pmd_dp_counters *c = &dp->pmd_counters[i];

        stats->n_hit += atomic_load_explicit(&c->n_hit, memory_order_relaxed);
        stats->n_missed += atomic_load_explicit(&c->n_missed,
                                                memory_order_relaxed);
        stats->n_lost += atomic_load_explicit(&c->n_lost,
                                              memory_order_relaxed);
    }
    stats->n_flows = dpdk_flow_count(dp, &n_masks);
    stats->n_masks = n_masks;
    return 0;
}

static const struct dpif_class dpif_dpdk_class = {
    .type = "dpdk",
    .open = dpdk_open,
    .close = dpdk_close,
    .port_add = dpdk_port_add,
    .port_del = dpdk_port_del,
    .port_query = dpdk_port_query,
    .port_dump = dpdk_port_dump,
    .port_get_stats = dpdk_port_get_stats,
    .port_set_admin = dpdk_port_set_admin,
    .port_change_seq = dpdk_port_change_seq,
    .flow_put = dpdk_flow_put,
    .flow_del = dpdk_flow_del,
    .flow_flush = dpdk_flow_flush,
    .flow_dump = dpdk_flow_dump,
    .execute = dpdk_execute,
    .register_upcall = dpdk_register_upcall,
    .recv = dpdk_recv,
    .recv_fd = dpdk_recv_fd,
    .get_stats = dpdk_get_stats,
    .meter_set = dpdk_meter_set,
    .meter_del = dpdk_meter_del,
    .meter_get_stats = dpdk_meter_get_stats,
};

int
dpif_dpdk_register(void)
{
    return dpif_register_class(&dpif_dpdk_class);
}
