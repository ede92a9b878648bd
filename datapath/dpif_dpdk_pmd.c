/* The DPDK datapath's PMD threads: one per configured CPU, pinned to it,
 * each polling a list of receive queues (of any open DPDK datapath) and
 * running the fast path on what it receives.
 *
 * Poll lists are immutable arrays published with an atomic pointer and
 * replaced as a whole by dpdk_pmds_reassign(); a PMD loads its list once per
 * round and reports a quiescent state to rte_rcu after each round, so that
 * a grace period after a reassignment guarantees no PMD still polls a
 * queue it lost.
 *
 * Idle back-off: once rounds have received nothing for IDLE_BEFORE_SLEEP_US
 * (a loop through a guest has short gaps that sleeping would turn into
 * lost throughput), the PMD sleeps 1, 2, 4, ... microseconds between
 * rounds, up to the configured maximum, offline for RCU while it sleeps;
 * the first packet resets it.  The thread's timer slack is 1 us, so that
 * short sleeps are short.
 *
 * Counters are written by their PMD only: relaxed loads and stores (no
 * locked read-modify-write, which would cost tens of cycles per round),
 * atomic so that readers on other threads see whole values.  Clearing
 * records a baseline that reports subtract, rather than writing to the
 * PMD's counters. */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "datapath/dpif_dpdk.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_dpdk_pmd);

struct rxq_ref {
    struct dpdk_port *port;
    uint16_t qid;
};

struct poll_list {
    size_t n;
    struct rxq_ref q[];
};

#define IDLE_BEFORE_SLEEP_US 200

enum pmd_counter {
    PMD_PACKETS, PMD_EMC_HITS, PMD_CLS_HITS, PMD_MISSES, PMD_LOST,
    PMD_BUSY_CYCLES, PMD_IDLE_CYCLES, PMD_BUSY_ROUNDS, PMD_N_COUNTERS
};

struct pmd_counters {
    _Atomic uint64_t v[PMD_N_COUNTERS];
};

struct pmd {
    unsigned index;
    int cpu;
    pthread_t thread;
    struct poll_list *_Atomic polls;
    atomic_bool exit;
    struct dpdk_emc *emc;
    struct pmd_counters c;
    uint64_t base[PMD_N_COUNTERS]; /* At the last clear (assign_mutex). */
};

static struct pmd *pmds[DPDK_MAX_PMDS];
static size_t n_pmds;
static uint32_t max_sleep_us;
static pthread_mutex_t assign_mutex = PTHREAD_MUTEX_INITIALIZER;

/* CPU lists
 * --------- */

/* Parses a CPU list such as "1", "2-3,6" into 'cpus'. */
static int
parse_cpu_list(const char *s, int *cpus, size_t *np, char **errorp)
{
    size_t n = 0;
    const char *p = s;

    while (*p) {
        char *end;
        long a = strtol(p, &end, 10), b;

        if (end == p || a < 0 || a >= CPU_SETSIZE) {
            goto bad;
        }
        b = a;
        if (*end == '-') {
            p = end + 1;
            b = strtol(p, &end, 10);
            if (end == p || b < a || b >= CPU_SETSIZE) {
                goto bad;
            }
        }
        for (long c = a; c <= b; c++) {
            if (n >= DPDK_MAX_PMDS) {
                goto bad;
            }
            cpus[n++] = (int) c;
        }
        p = *end == ',' ? end + 1 : end;
        if (*end && *end != ',') {
            goto bad;
        }
    }
    if (!n) {
        goto bad;
    }
    *np = n;
    return 0;

bad:
    dpif_set_error(errorp, "\"%s\" is not a list of PMD CPUs such as 1 or "
                           "2-3,6 (at most %d CPUs).",
                   s, DPDK_MAX_PMDS);
    return -EINVAL;
}

/* The PMD loop
 * ------------ */

/* Adds 'n' to counter 'i' of 'pmd'.  The PMD's own thread only. */
static inline void
count(struct pmd *pmd, enum pmd_counter i, uint64_t n)
{
    _Atomic uint64_t *v = &pmd->c.v[i];

    atomic_store_explicit(v, atomic_load_explicit(v, memory_order_relaxed)
                                 + n,
                          memory_order_relaxed);
}

static void
count_path(struct pmd *pmd, const struct dpdk_path_stats *s)
{
    count(pmd, PMD_PACKETS, s->packets);
    count(pmd, PMD_EMC_HITS, s->emc_hits);
    count(pmd, PMD_CLS_HITS, s->cls_hits);
    count(pmd, PMD_MISSES, s->misses);
    count(pmd, PMD_LOST, s->lost);
}

/* Polls every queue of the PMD's list once; returns the packets received. */
static unsigned
poll_round(struct pmd *pmd)
{
    const struct poll_list *pl =
        atomic_load_explicit(&pmd->polls, memory_order_acquire);
    struct dpdk_path_stats s = {0};

    for (size_t i = 0; pl && i < pl->n; i++) {
        struct dpdk_port *port = pl->q[i].port;
        struct rte_mbuf *pkts[DP_PACKET_BATCH_MAX];
        uint16_t n = rte_eth_rx_burst(port->port_id, pl->q[i].qid, pkts,
                                      DP_PACKET_BATCH_MAX);

        if (!n) {
            continue;
        }
        if (!atomic_load_explicit(&port->admin_up, memory_order_relaxed)) {
            rte_pktmbuf_free_bulk(pkts, n);
            atomic_fetch_add_explicit(&port->rx_dropped, n,
                                      memory_order_relaxed);
            continue;
        }
        dpdk_process(port, pkts, n, pmd->index, pmd->emc, &s);
    }
    if (s.packets) {
        count_path(pmd, &s);
    }
    return (unsigned) s.packets;
}

static void
idle_sleep(struct pmd *pmd, uint32_t sleep_us)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = (long) sleep_us * 1000};

    rte_rcu_qsbr_thread_offline(dpdk_rcu, pmd->index);
    nanosleep(&ts, NULL);
    rte_rcu_qsbr_thread_online(dpdk_rcu, pmd->index);
}

static void *
pmd_main(void *pmd_)
{
    struct pmd *pmd = pmd_;
    uint32_t sleep_us = 0;
    uint64_t t0 = rte_rdtsc();
    uint64_t idle_before_sleep = rte_get_tsc_hz() / 1000000
                                 * IDLE_BEFORE_SLEEP_US;
    uint64_t last_packet = t0;

    prctl(PR_SET_TIMERSLACK, 1000UL); /* Nanoseconds. */
    if (rte_thread_register()) {
        /* Without an lcore id, every mbuf goes through the pool's ring
         * instead of the per-lcore cache: slow, but it works. */
        VLOG_WARN("PMD %u has no EAL lcore id, so no mempool cache: %s",
                  pmd->index, rte_strerror(rte_errno));
    }
    rte_rcu_qsbr_thread_register(dpdk_rcu, pmd->index);
    rte_rcu_qsbr_thread_online(dpdk_rcu, pmd->index);
    while (!atomic_load_explicit(&pmd->exit, memory_order_relaxed)) {
        unsigned n = poll_round(pmd);
        uint64_t t1 = rte_rdtsc();
        uint64_t cycles = t1 - t0;

        rte_rcu_qsbr_quiescent(dpdk_rcu, pmd->index);
        /* One TSC read per round: a round's end starts the next one, so
         * the quiescent report counts with the next round. */
        t0 = t1;
        if (n) {
            count(pmd, PMD_BUSY_CYCLES, cycles);
            count(pmd, PMD_BUSY_ROUNDS, 1);
            sleep_us = 0;
            last_packet = t1;
        } else {
            count(pmd, PMD_IDLE_CYCLES, cycles);
            if (max_sleep_us && t1 - last_packet > idle_before_sleep) {
                sleep_us = sleep_us ? RTE_MIN(sleep_us * 2, max_sleep_us)
                                    : 1;
                idle_sleep(pmd, sleep_us);
                t0 = rte_rdtsc(); /* The sleep counts as neither. */
            }
        }
    }
    rte_rcu_qsbr_thread_offline(dpdk_rcu, pmd->index);
    rte_rcu_qsbr_thread_unregister(dpdk_rcu, pmd->index);
    rte_thread_unregister();
    return NULL;
}

int
dpdk_pmds_start(const char *cpu_list, uint32_t max_sleep, char **errorp)
{
    int cpus[DPDK_MAX_PMDS];
    size_t n = 0;
    int error;

    if (cpu_list) {
        error = parse_cpu_list(cpu_list, cpus, &n, errorp);
        if (error) {
            return error;
        }
    } else {
        cpus[n++] = (int) sysconf(_SC_NPROCESSORS_ONLN) - 1;
    }
    max_sleep_us = max_sleep;
    for (size_t i = 0; i < n; i++) {
        struct pmd *pmd = xzalloc(sizeof *pmd);
        cpu_set_t set;

        pmd->index = (unsigned) i;
        pmd->cpu = cpus[i];
        pmd->emc = dpdk_emc_create();
        pmds[n_pmds++] = pmd;
        error = pthread_create(&pmd->thread, NULL, pmd_main, pmd);
        if (error) {
            dpif_set_error(errorp, "Could not start a PMD thread: %s.",
                           strerror(error));
            return -error;
        }
        CPU_ZERO(&set);
        CPU_SET(pmd->cpu, &set);
        if (pthread_setaffinity_np(pmd->thread, sizeof set, &set)) {
            VLOG_WARN("could not pin PMD %zu to CPU %d", i, pmd->cpu);
        }
        pthread_setname_np(pmd->thread, "pont-pmd");
        VLOG_INFO("PMD thread %zu on CPU %d", i, pmd->cpu);
    }
    return 0;
}

/* Assignment of receive queues
 * ---------------------------- */

struct assign_ctx {
    struct poll_list *lists[DPDK_MAX_PMDS];
    size_t next;
};

static void
assign_dp(struct dpif_dpdk *dp, void *ctx_)
{
    struct assign_ctx *ctx = ctx_;

    for (uint32_t i = 0; i < DPDK_MAX_PORTS; i++) {
        struct dpdk_port *port = dpdk_port_get(dp, i);

        for (uint16_t q = 0; port && q < port->n_rxq; q++) {
            struct poll_list *pl = ctx->lists[ctx->next];

            pl->q[pl->n].port = port;
            pl->q[pl->n++].qid = q;
            ctx->next = (ctx->next + 1) % n_pmds;
        }
    }
}

void
dpdk_pmds_reassign(void)
{
    size_t max = (size_t) DPDK_MAX_DPS * DPDK_MAX_PORTS * DPDK_MAX_QUEUES;
    struct poll_list *old[DPDK_MAX_PMDS];
    struct assign_ctx ctx = {.next = 0};

    if (!n_pmds) {
        return;
    }
    pthread_mutex_lock(&assign_mutex);
    for (size_t i = 0; i < n_pmds; i++) {
        /* Generous: at most every queue of every port on one PMD. */
        ctx.lists[i] = xzalloc(sizeof *ctx.lists[i]
                               + (max < 4096 ? max : 4096) * sizeof(struct rxq_ref));
    }
    dpdk_for_each_dp(assign_dp, &ctx);
    for (size_t i = 0; i < n_pmds; i++) {
        old[i] = atomic_exchange(&pmds[i]->polls, ctx.lists[i]);
    }
    dpdk_rcu_synchronize();
    for (size_t i = 0; i < n_pmds; i++) {
        free(old[i]);
    }
    pthread_mutex_unlock(&assign_mutex);
}

/* Statistics
 * ---------- */

static void
format_pmd(struct strbuf *out, const struct pmd *pmd)
{
    const struct poll_list *pl = atomic_load(&pmd->polls);
    uint64_t v[PMD_N_COUNTERS];

    for (int i = 0; i < PMD_N_COUNTERS; i++) {
        v[i] = atomic_load(&pmd->c.v[i]) - pmd->base[i];
    }
    uint64_t packets = v[PMD_PACKETS], emc = v[PMD_EMC_HITS];
    uint64_t cls = v[PMD_CLS_HITS];
    uint64_t busy = v[PMD_BUSY_CYCLES], idle = v[PMD_IDLE_CYCLES];

    strbuf_printf(out, "pmd %u (cpu %d):\n  rx queues:", pmd->index,
                  pmd->cpu);
    for (size_t i = 0; pl && i < pl->n; i++) {
        strbuf_printf(out, " %s:%s/%u", pl->q[i].port->dp->up.name,
                      pl->q[i].port->name, pl->q[i].qid);
    }
    strbuf_printf(out, "%s\n", pl && pl->n ? "" : " (none)");
    strbuf_printf(out,
                  "  packets: %" PRIu64 "\n"
                  "  exact-match cache hits: %" PRIu64 " (%.1f%%)\n"
                  "  megaflow hits: %" PRIu64 " (%.1f%%)\n"
                  "  misses: %" PRIu64 "\n  lost: %" PRIu64 "\n",
                  packets, emc, packets ? 100.0 * emc / packets : 0.0, cls,
                  packets ? 100.0 * cls / packets : 0.0,
                  v[PMD_MISSES], v[PMD_LOST]);
    strbuf_printf(out,
                  "  busy cycles: %" PRIu64 " (%.1f%%)\n"
                  "  idle cycles: %" PRIu64 "\n"
                  "  cycles per packet: %.1f\n"
                  "  packets per busy round: %.1f\n",
                  busy, busy + idle ? 100.0 * busy / (busy + idle) : 0.0, idle,
                  packets ? (double) busy / packets : 0.0,
                  v[PMD_BUSY_ROUNDS]
                      ? (double) packets / v[PMD_BUSY_ROUNDS] : 0.0);
}

void
dpif_dpdk_format_pmd_stats(struct strbuf *out)
{
    if (!dpif_dpdk_is_started()) {
        strbuf_puts(out, "DPDK has not started: no bridge uses the dpdk "
                         "datapath.\n");
        return;
    }
    pthread_mutex_lock(&assign_mutex);
    for (size_t i = 0; i < n_pmds; i++) {
        format_pmd(out, pmds[i]);
    }
    pthread_mutex_unlock(&assign_mutex);
}

void
dpif_dpdk_clear_pmd_stats(void)
{
    if (!dpif_dpdk_is_started()) {
        return;
    }
    pthread_mutex_lock(&assign_mutex);
    for (size_t i = 0; i < n_pmds; i++) {
        for (int j = 0; j < PMD_N_COUNTERS; j++) {
            pmds[i]->base[j] = atomic_load(&pmds[i]->c.v[j]);
        }
    }
    pthread_mutex_unlock(&assign_mutex);
}
