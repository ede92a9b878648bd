/* The dummy datapath's internals, shared by its files:
 *
 *   dpif_dummy.c           the class, open/close, upcalls, the userspace
 *                          queue, statistics, the id tables
 *   dpif_dummy_port.c      ports: add, delete, query, output
 *   dpif_dummy_sock.c      unix-socket ports and the thread serving them
 *   dpif_dummy_flow.c      the megaflow table (control path)
 *   dpif_dummy_fastpath.c  the exact-match cache, classification, misses,
 *                          execution
 *   dpif_dummy_meter.c     meters
 *
 * Locking: 'mutex' serializes every change to the port, meter and megaflow
 * tables (the classifier's single writer).  The fast path reads them under
 * RCU: the id tables are copied on write and published with rcu_set(), and
 * everything removed from them is freed through rcu_postpone().  A thread
 * that is not an RCU reader (the control path's dpif_execute()) holds
 * 'mutex' instead while it executes. */
#ifndef PONT_DPIF_DUMMY_PRIVATE_H
#define PONT_DPIF_DUMMY_PRIVATE_H 1

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "datapath/dp_recvq.h"
#include "datapath/dpif.h"
#include "lib/classifier.h"
#include "lib/hmap.h"

struct dp_packet;
struct dp_packet_batch;

/* An immutable sorted array of (id, pointer), replaced as a whole on every
 * change so that readers need no lock. */
struct dummy_idtab {
    size_t n;
    struct dummy_idtab_entry {
        uint32_t id;
        void *ptr;
    } e[];
};

void *dummy_idtab_find(const struct dummy_idtab *, uint32_t id);
struct dummy_idtab *dummy_idtab_with(const struct dummy_idtab *, uint32_t id,
                                     void *ptr);
struct dummy_idtab *dummy_idtab_without(const struct dummy_idtab *,
                                        uint32_t id);
/* Publishes 'new' in '*tabp' and frees the old table after a grace period.
 * Caller holds the datapath mutex. */
void dummy_idtab_replace(struct dummy_idtab **tabp, struct dummy_idtab *new);

enum dummy_port_kind {
    DUMMY_PORT_MEMORY,  /* In-memory queues. */
    DUMMY_PORT_LISTEN,  /* sock=PATH. */
    DUMMY_PORT_CONNECT, /* sock-connect=PATH. */
};

struct dummy_port {
    struct dpif_dummy *dp;
    uint32_t port_no;
    char *name;
    char *type;
    struct eth_addr hw_addr;
    enum dummy_port_kind kind;
    atomic_bool admin_up;

    _Atomic uint64_t rx_packets, rx_bytes, rx_dropped, rx_errors;
    _Atomic uint64_t tx_packets, tx_bytes, tx_dropped, tx_errors;

    /* Output: the in-memory queue (a ring), or the socket's peer. */
    pthread_mutex_t mutex;
    struct dp_packet **txq; /* DPIF_DUMMY_TXQ_MAX slots. */
    size_t txq_head, txq_count;

    /* Socket ports.  'conn_fd' changes only on the socket thread, under
     * 'mutex'; readers outside the mutex only poll it. */
    char *sock_path;
    int listen_fd;      /* -1 unless DUMMY_PORT_LISTEN. */
    atomic_int conn_fd; /* -1: no peer (link down). */
    long long next_connect_ms;
};

struct dummy_thread;

struct dpif_dummy {
    struct dpif up;
    uint64_t serial; /* Unique per datapath ever opened. */

    pthread_mutex_t mutex;
    struct dummy_idtab *ports;  /* RCU: uint32 port_no -> dummy_port. */
    struct dummy_idtab *meters; /* RCU: meter_id -> dummy_meter. */
    struct cls flows;           /* Of struct dummy_flow. */
    struct hmap masks;          /* Of struct dummy_mask, for n_masks. */
    _Atomic uint64_t flow_gen;  /* Bumped by every megaflow change. */
    _Atomic uint64_t port_seq;

    /* The upcall function: the fast path holds the read lock around a
     * call, so that once dpif_register_upcall() returns the old function
     * is not running any more. */
    pthread_rwlock_t upcall_lock;
    dpif_upcall_fn *upcall_fn;
    void *upcall_aux;

    struct dp_recvq recvq; /* Packets for dpif_recv(). */

    _Atomic uint64_t n_hit, n_missed, n_lost;

    long long (*clock_fn)(void *aux);
    void *clock_aux;

    struct dummy_thread *thread; /* NULL until the first socket port. */
};

/* A megaflow. */
struct dummy_actions {
    size_t len;
    uint8_t data[];
};

struct dummy_flow {
    struct cls_rule rule;
    struct dummy_actions *actions; /* RCU. */
    _Atomic uint64_t n_packets, n_bytes;
    _Atomic long long used_ms;
    _Atomic uint16_t tcp_flags;
};

static inline struct dpif_dummy *
dpif_dummy_cast(const struct dpif *dpif)
{
    return (struct dpif_dummy *) dpif;
}

/* dpif_dummy.c */
long long dummy_now_ns(const struct dpif_dummy *);
void dummy_userspace(void *dp, const uint8_t *cookie, size_t cookie_len,
                     const struct dp_packet *p);

/* dpif_dummy_port.c */
int dummy_port_add(struct dpif *, const struct dpif_port_config *,
                   uint32_t *port_nop, char **errorp);
int dummy_port_del(struct dpif *, uint32_t port_no);
int dummy_port_query(struct dpif *, uint32_t port_no, const char *name,
                     struct dpif_port *);
int dummy_port_dump(struct dpif *, struct dpif_port **ports, size_t *n);
int dummy_port_get_stats(struct dpif *, uint32_t port_no,
                         struct dpif_port_stats *);
int dummy_port_set_admin(struct dpif *, uint32_t port_no, bool up);
uint64_t dummy_port_change_seq(struct dpif *);
void dummy_port_output(void *dp, uint32_t port_no, struct dp_packet *p);
/* Frees every port; the datapath is closing and its thread has stopped. */
void dummy_ports_destroy(struct dpif_dummy *);
void dummy_port_free(struct dummy_port *);
/* Counts a frame of 'len' bytes received on 'port'; returns false (having
 * counted it as dropped) if the port is administratively down. */
bool dummy_port_count_rx(struct dummy_port *, size_t len);

/* dpif_dummy_sock.c */
int dummy_sock_open(struct dummy_port *, const char *path, bool listen,
                    char **errorp);
void dummy_sock_close(struct dummy_port *);
int dummy_sock_send(struct dummy_port *, const struct dp_packet *);
int dummy_thread_start(struct dpif_dummy *, char **errorp);
void dummy_thread_wake(struct dpif_dummy *);
void dummy_thread_stop(struct dpif_dummy *);

/* dpif_dummy_flow.c */
int dummy_flow_put(struct dpif *, const struct flow_match *,
                   const void *actions, size_t actions_len,
                   enum dpif_flow_put_flags, struct dpif_flow_stats *);
int dummy_flow_del(struct dpif *, const struct flow_match *,
                   struct dpif_flow_stats *);
int dummy_flow_flush(struct dpif *);
int dummy_flow_dump(struct dpif *, dpif_flow_dump_fn *, void *aux);
/* Installs the megaflow 'match' with 'actions' unless a megaflow with the
 * same match exists; returns the one now installed, or NULL if the table
 * is full.  Takes the mutex.  For the fast path's misses. */
struct dummy_flow *dummy_flow_install(struct dpif_dummy *,
                                      const struct flow_match *,
                                      const void *actions, size_t len);
void dummy_flow_credit(struct dummy_flow *, uint64_t n_packets,
                       uint64_t n_bytes, uint16_t tcp_flags, long long now_ms);
size_t dummy_flow_n_masks(struct dpif_dummy *);

/* dpif_dummy_fastpath.c */
struct dummy_emc;
struct dummy_emc *dummy_emc_create(void);
void dummy_emc_destroy(struct dummy_emc *);
/* Runs the fast path on 'batch', whose packets' 'in_port' says where they
 * arrived; consumes the batch.  On an RCU reader thread. */
void dummy_process(struct dpif_dummy *, struct dummy_emc *,
                   struct dp_packet_batch *);
int dummy_execute(struct dpif *, struct dp_packet *, const void *actions,
                  size_t actions_len);

/* dpif_dummy_meter.c */
int dummy_meter_set(struct dpif *, uint32_t meter_id,
                    const struct dpif_meter_config *);
int dummy_meter_del(struct dpif *, uint32_t meter_id);
int dummy_meter_get_stats(struct dpif *, uint32_t meter_id,
                          struct dpif_meter_stats *);
void dummy_meter_run(void *dp, uint32_t meter_id, struct dp_packet_batch *);
void dummy_meters_destroy(struct dpif_dummy *);

#endif /* datapath/dpif_dummy_private.h */
