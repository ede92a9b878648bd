/* The DPDK datapath's internals, shared by its files:
 *
 *   dpif_dpdk.c          the class, EAL start, open/close, upcall
 *                        registration, the userspace queue, statistics
 *   dpif_dpdk_port.c     ports: vhost-user, ethdev and internal (net_tap)
 *                        set-up, link state, statistics, sending
 *   dpif_dpdk_pmd.c      PMD threads, their poll lists and counters
 *   dpif_dpdk_fastpath.c a batch through the cache, the classifier and the
 *                        actions
 *   dpif_dpdk_flow.c     the megaflow table and its tuple-space classifier
 *   dpif_dpdk_handler.c  the handler thread that serves misses
 *   dpif_dpdk_meter.c    meters (rte_meter)
 *
 * RCU: one rte_rcu_qsbr variable for the process (dpdk_rcu).  PMD and
 * handler threads are its readers: they report a quiescent state after
 * every batch, and go offline before they sleep.  Writers (control path,
 * under the datapath's mutex) unlink, then free after
 * rte_rcu_qsbr_synchronize(), or hand the memory to dpdk_rcu_defer(). */
#ifndef PONT_DPIF_DPDK_PRIVATE_H
#define PONT_DPIF_DPDK_PRIVATE_H 1

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_spinlock.h>

#include "datapath/dp_megaflow.h"
#include "datapath/dp_packet.h"
#include "datapath/dp_recvq.h"
#include "datapath/dpif.h"
#include "lib/flow.h"

#define DPDK_MAX_PORTS 256  /* Port numbers 1..255 per datapath. */
#define DPDK_MAX_PMDS 32
#define DPDK_MAX_QUEUES 16  /* Queue pairs per port. */
#define DPDK_MAX_DPS 16     /* Open DPDK datapaths per process. */
#define DPDK_RECVQ_MAX 1024 /* Userspace queue. */
#define DPDK_MISS_RING 16384 /* Misses waiting for the handler. */
#define DPDK_POOL_MBUFS 65535 /* Packet buffers per datapath. */

/* Slots that select a send queue: one per PMD, and one shared by every
 * other thread (handler, control path), serialized by the queue lock. */
#define DPDK_TX_SLOT_SHARED DPDK_MAX_PMDS

struct dpdk_meters;
struct dpdk_cls;

/* The process-wide RCU variable (NULL until EAL starts). */
extern struct rte_rcu_qsbr *dpdk_rcu;

/* Returns once every reader online now has quiesced (a grace period), so
 * that what the caller unlinked before may be freed.  Control path only,
 * never on an online reader thread. */
void dpdk_rcu_synchronize(void);

/* A port. */
struct dpdk_port {
    struct dpif_dpdk *dp;
    uint32_t port_no;
    char *name;
    char *type;              /* "vhostuser", "dpdk" or "internal". */
    char *devname;           /* The ethdev's name. */
    bool probed;             /* We probed the device: remove it on delete. */
    uint16_t port_id;        /* ethdev port id. */
    uint16_t n_rxq, n_txq;
    struct eth_addr hw_addr;
    atomic_bool admin_up;
    atomic_bool link_up;
    atomic_bool started;     /* Device started: queues may be used. */

    /* One lock per send queue; a PMD whose slot maps to a queue takes it
     * around rte_eth_tx_burst() (uncontended unless threads share it). */
    rte_spinlock_t txq_lock[DPDK_MAX_QUEUES];

    /* Drops the device does not count. */
    _Atomic uint64_t rx_dropped, tx_dropped;
    _Atomic uint64_t tx_packets, tx_bytes;
};

/* A megaflow. */
struct dpdk_actions {
    size_t len;
    uint32_t only_output; /* The list is one OUTPUT to this port, or
                           * DPIF_PORT_ANY: the fast path's shortcut. */
    uint8_t data[];
};

struct dpdk_flow {
    struct flow_match match;
    struct dpdk_actions *actions; /* RCU. */
    struct dpdk_subtable *subtable;
    struct dp_flow_counters counters;
};

/* A datapath's counters that one PMD writes (relaxed load and store: no
 * locked read-modify-write on the fast path) and readers sum.  Padded to a
 * cache line so that PMDs do not write to the same line. */
struct dpdk_pmd_dp_counters {
    _Atomic uint64_t n_hit, n_missed, n_lost;
    uint8_t pad[64 - 3 * sizeof(uint64_t)];
};

/* An open DPDK datapath. */
struct dpif_dpdk {
    struct dpif up;
    unsigned index;              /* In the table of open datapaths. */
    uint64_t serial;             /* Unique per datapath ever opened. */

    pthread_mutex_t mutex;       /* Serializes every change. */
    struct dpdk_port *_Atomic ports[DPDK_MAX_PORTS]; /* RCU, by number. */
    _Atomic uint64_t port_seq;

    struct rte_mempool *pool;    /* Packets of every port. */
    struct dpdk_cls *cls;        /* Megaflows. */
    _Atomic uint64_t flow_gen;   /* Bumped when a megaflow goes away. */
    struct dpdk_meters *meters;

    struct dp_upcall_hook upcall; /* Called by the handler on misses. */

    /* Misses, from the PMDs to the handler thread. */
    struct rte_ring *miss_ring;
    struct dpdk_handler *handler;

    struct dp_recvq recvq;       /* USERSPACE actions' packets. */
    _Atomic uint64_t n_lost;     /* By other threads than PMDs. */
    struct dpdk_pmd_dp_counters pmd_counters[DPDK_MAX_PMDS]; /* By slot. */
};

static inline struct dpif_dpdk *
dpif_dpdk_cast(const struct dpif *dpif)
{
    return (struct dpif_dpdk *) dpif;
}

static inline struct dpdk_port *
dpdk_port_get(const struct dpif_dpdk *dp, uint32_t port_no)
{
    return port_no < DPDK_MAX_PORTS
               ? atomic_load_explicit(&dp->ports[port_no],
                                      memory_order_acquire)
               : NULL;
}

/* Packets: a dp_packet lives in the private area of its mbuf. */
static inline struct dp_packet *
dpdk_mbuf_packet(struct rte_mbuf *m)
{
    return rte_mbuf_to_priv(m);
}

static inline struct rte_mbuf *
dpdk_packet_mbuf(struct dp_packet *p)
{
    return (struct rte_mbuf *) p - 1;
}

/* Turns received mbuf 'm' into a packet from port 'port_no'. */
struct dp_packet *dpdk_packet_from_mbuf(struct rte_mbuf *m, uint32_t port_no);

/* Returns an mbuf holding 'p''s bytes, ready to send, consuming 'p': its
 * own mbuf when it has one, a new one from 'pool' otherwise.  NULL (and
 * 'p' freed) if 'pool' is empty. */
struct rte_mbuf *dpdk_packet_to_mbuf(struct dp_packet *p,
                                     struct rte_mempool *pool);

/* The private-area size of the datapath's mbufs. */
#define DPDK_MBUF_PRIV_SIZE RTE_ALIGN(sizeof(struct dp_packet), \
                                      RTE_CACHE_LINE_SIZE)

/* dpif_dpdk.c */
long long dpdk_now_ms(void);
void dpdk_userspace(void *ctx, const uint8_t *cookie, size_t cookie_len,
                    const struct dp_packet *p);
/* Calls 'fn' for every open datapath, under the table's lock. */
void dpdk_for_each_dp(void (*fn)(struct dpif_dpdk *, void *aux), void *aux);

/* dpif_dpdk_port.c */
int dpdk_port_add(struct dpif *, const struct dpif_port_config *,
                  uint32_t *port_nop, char **errorp);
int dpdk_port_del(struct dpif *, uint32_t port_no);
int dpdk_port_query(struct dpif *, uint32_t port_no, const char *name,
                    struct dpif_port *);
int dpdk_port_dump(struct dpif *, struct dpif_port **ports, size_t *n);
int dpdk_port_get_stats(struct dpif *, uint32_t port_no,
                        struct dpif_port_stats *);
int dpdk_port_set_admin(struct dpif *, uint32_t port_no, bool up);
uint64_t dpdk_port_change_seq(struct dpif *);
/* Removes every port; the datapath is closing. */
void dpdk_ports_destroy(struct dpif_dpdk *);
/* Sends the 'n' mbufs at 'pkts' on 'port' from send slot 'slot'; frees
 * and counts what the device does not take.  Any thread. */
void dpdk_port_send(struct dpdk_port *port, unsigned slot,
                    struct rte_mbuf **pkts, uint16_t n);
/* Refreshes the link state of every port of 'dp'; returns true if one
 * changed (and bumps the change sequence). */
bool dpdk_ports_poll_link(struct dpif_dpdk *dp);

/* dpif_dpdk_pmd.c */
int dpdk_pmds_start(const char *cpu_list, uint32_t max_sleep_us,
                    char **errorp);
/* Spreads the receive queues of every port of every open datapath over
 * the PMDs and publishes the new poll lists; returns once no PMD polls a
 * queue that is not in its new list.  Control path. */
void dpdk_pmds_reassign(void);

/* dpif_dpdk_fastpath.c */
struct dpdk_emc;
struct dpdk_emc *dpdk_emc_create(void);
void dpdk_emc_destroy(struct dpdk_emc *);

/* Counters of one thread that runs the fast path. */
struct dpdk_path_stats {
    uint64_t packets, emc_hits, cls_hits, misses, lost;
};

/* Runs the fast path on the 'n' packets at 'pkts', received on 'port', on
 * the PMD whose index (and send slot) is 'slot', with its cache 'emc'.
 * Consumes the mbufs.  PMD threads only: 'slot' selects the datapath
 * counters that this PMD alone writes. */
void dpdk_process(struct dpdk_port *port, struct rte_mbuf **pkts, uint16_t n,
                  unsigned slot, struct dpdk_emc *emc,
                  struct dpdk_path_stats *stats);

/* Executes 'actions' on 'batch' (consumed) from send slot 'slot'. */
void dpdk_execute_batch(struct dpif_dpdk *dp, struct dp_packet_batch *batch,
                        const void *actions, size_t len, unsigned slot);
int dpdk_execute(struct dpif *, struct dp_packet *, const void *actions,
                 size_t actions_len);

/* dpif_dpdk_flow.c: the megaflow table.  Readers: the fast path, RCU. */
struct dpdk_cls *dpdk_cls_create(void);
void dpdk_cls_destroy(struct dpdk_cls *);
/* Finds the megaflow that matches 'key', or NULL.  RCU reader. */
struct dpdk_flow *dpdk_cls_lookup(struct dpdk_cls *, const struct flow_key *);
/* Orders the subtables by their hits since the last call.  Any thread. */
void dpdk_cls_sort(struct dpif_dpdk *);
int dpdk_flow_put(struct dpif *, const struct flow_match *,
                  const void *actions, size_t actions_len,
                  enum dpif_flow_put_flags, struct dpif_flow_stats *);
int dpdk_flow_del(struct dpif *, const struct flow_match *,
                  struct dpif_flow_stats *);
int dpdk_flow_flush(struct dpif *);
int dpdk_flow_dump(struct dpif *, dpif_flow_dump_fn *, void *aux);
size_t dpdk_flow_count(struct dpif_dpdk *, size_t *n_masks);
/* Installs 'match' with 'actions' unless it exists; returns the megaflow
 * now installed, or NULL if the table is full.  Takes the mutex. */
struct dpdk_flow *dpdk_flow_install(struct dpif_dpdk *,
                                    const struct flow_match *,
                                    const void *actions, size_t len);

/* dpif_dpdk_handler.c */
int dpdk_handler_start(struct dpif_dpdk *, char **errorp);
void dpdk_handler_stop(struct dpif_dpdk *);
/* Wakes the handler after misses were queued.  PMD threads. */
void dpdk_handler_wake(struct dpif_dpdk *);

/* dpif_dpdk_meter.c: meters, with the semantics documented in
 * dpif_dummy.h, on rte_meter token buckets timed by the TSC. */
struct dpdk_meters *dpdk_meters_create(void);
/* Frees every meter; no reader may be running any more. */
void dpdk_meters_destroy(struct dpdk_meters *);
int dpdk_meter_set(struct dpif *, uint32_t meter_id,
                   const struct dpif_meter_config *);
int dpdk_meter_del(struct dpif *, uint32_t meter_id);
int dpdk_meter_get_stats(struct dpif *, uint32_t meter_id,
                         struct dpif_meter_stats *);
/* Runs meter 'meter_id' of 'meters' on 'batch' (dp_execute's METER op):
 * drops the packets over the rate.  RCU reader. */
void dpdk_meter_run(struct dpdk_meters *, uint32_t meter_id,
                    struct dp_packet_batch *batch);

#endif /* datapath/dpif_dpdk_private.h */
