/* What every datapath provider's megaflows share: the upcall hook that
 * turns a miss into a megaflow, the counters that fast-path threads credit
 * concurrently, and the grouping of a batch's packets by the megaflow they
 * hit (so that actions run once per megaflow per batch).
 *
 * Thread-safety: the hook may be set on any thread while others call it
 * (a rwlock: once dp_upcall_hook_set() returns, the old function runs no
 * more).  Counters are atomics.  Hit groups belong to one thread. */
#ifndef PONT_DP_MEGAFLOW_H
#define PONT_DP_MEGAFLOW_H 1

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"

struct buf;

/* The upcall hook
 * --------------- */

struct dp_upcall_hook {
    pthread_rwlock_t lock;
    dpif_upcall_fn *fn; /* NULL: none registered. */
    void *aux;
};

void dp_upcall_hook_init(struct dp_upcall_hook *);
void dp_upcall_hook_destroy(struct dp_upcall_hook *);
void dp_upcall_hook_set(struct dp_upcall_hook *, dpif_upcall_fn *, void *aux);

/* Runs the registered function for 'p' with key 'key': 0 with the actions
 * appended to 'actions' (validated) and the megaflow in '*match', or a
 * negative errno (none registered, the function failed, or it gave
 * invalid actions). */
int dp_upcall_hook_call(struct dp_upcall_hook *, const struct dp_packet *p,
                        const struct flow_key *key, struct buf *actions,
                        struct flow_match *match);

/* Counters
 * -------- */

struct dp_flow_counters {
    _Atomic uint64_t n_packets, n_bytes;
    _Atomic long long used_ms;
    _Atomic uint16_t tcp_flags;
};

void dp_flow_counters_credit(struct dp_flow_counters *, uint64_t n_packets,
                             uint64_t n_bytes, uint16_t tcp_flags,
                             long long now_ms);
void dp_flow_counters_read(const struct dp_flow_counters *,
                           struct dpif_flow_stats *);
void dp_flow_counters_zero(struct dp_flow_counters *);

/* Hit groups
 * ---------- */

/* The packets of one batch that hit the megaflow 'flow' (the provider's
 * own type), with their byte count and TCP flags. */
struct dp_hit_group {
    void *flow;
    struct dp_packet_batch batch;
    uint64_t n_bytes;
    uint16_t tcp_flags;
};

/* Adds 'p' (with key 'key') to the group of 'flow' among the '*n' groups
 * at 'groups' (room for DP_PACKET_BATCH_MAX), starting one if needed. */
void dp_hit_group_add(struct dp_hit_group *groups, size_t *n, void *flow,
                      struct dp_packet *p, const struct flow_key *key);

#endif /* datapath/dp_megaflow.h */
