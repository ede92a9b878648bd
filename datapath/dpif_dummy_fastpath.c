/* The dummy datapath's fast path: parse, exact-match cache, megaflow
 * classifier, misses through the upcall, execution.  See dpif_dummy.h.
 *
 * Exact-match cache: a small direct-mapped table per processing thread (the
 * socket thread has one; every thread that calls dpif_dummy_receive() gets
 * its own, thread-local) from a packet's whole key to its megaflow.  An
 * entry is valid only for the datapath ('dp_serial') and megaflow
 * generation ('gen') it was made in, so any insertion or removal of a
 * megaflow invalidates every entry at once, and the cache never hands out
 * a megaflow that was removed before the current batch started.  Megaflows
 * removed during a batch are still readable: they are freed only after the
 * thread quiesces. */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_execute.h"
#include "datapath/dp_packet.h"
#include "datapath/dpif_dummy.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/buf.h"
#include "lib/rcu.h"
#include "lib/util.h"

#define EMC_ENTRIES 256 /* A power of 2. */

struct emc_entry {
    uint64_t dp_serial; /* 0: empty. */
    uint64_t gen;
    uint32_t hash;
    struct dummy_flow *flow;
    struct flow_key key;
};

struct dummy_emc {
    struct emc_entry entries[EMC_ENTRIES];
};

struct dummy_emc *
dummy_emc_create(void)
{
    return xzalloc(sizeof(struct dummy_emc));
}

void
dummy_emc_destroy(struct dummy_emc *emc)
{
    free(emc);
}

static struct dummy_flow *
emc_lookup(const struct dummy_emc *emc, const struct dpif_dummy *dp,
           uint64_t gen, const struct flow_key *key, uint32_t hash)
{
    const struct emc_entry *e = &emc->entries[hash & (EMC_ENTRIES - 1)];

    if (e->dp_serial == dp->serial && e->gen == gen && e->hash == hash
        && flow_equal(&e->key, key)) {
        return e->flow;
    }
    return NULL;
}

static void
emc_insert(struct dummy_emc *emc, const struct dpif_dummy *dp, uint64_t gen,
           const struct flow_key *key, uint32_t hash, struct dummy_flow *flow)
{
    struct emc_entry *e = &emc->entries[hash & (EMC_ENTRIES - 1)];

    e->dp_serial = dp->serial;
    e->gen = gen;
    e->hash = hash;
    e->flow = flow;
    e->key = *key;
}

/* The cache of the calling thread, for dpif_dummy_receive(). */
static pthread_key_t emc_key;
static pthread_once_t emc_key_once = PTHREAD_ONCE_INIT;

static void
emc_key_destroy(void *emc)
{
    dummy_emc_destroy(emc);
}

static void
emc_key_init(void)
{
    pthread_key_create(&emc_key, emc_key_destroy);
}

static struct dummy_emc *
thread_emc(void)
{
    struct dummy_emc *emc;

    pthread_once(&emc_key_once, emc_key_init);
    emc = pthread_getspecific(emc_key);
    if (!emc) {
        emc = dummy_emc_create();
        pthread_setspecific(emc_key, emc);
    }
    return emc;
}

static void recirculate(void *dp, struct dp_packet *p);

static const struct dp_execute_ops execute_ops = {
    .output = dummy_port_output,
    .meter = dummy_meter_run,
    .userspace = dummy_userspace,
    .recirculate = recirculate,
};

/* For dpif_execute(), whose caller holds the datapath's mutex, which a
 * recirculated packet's miss would take again. */
static const struct dp_execute_ops execute_ops_no_recirc = {
    .output = dummy_port_output,
    .meter = dummy_meter_run,
    .userspace = dummy_userspace,
};

static long long
now_ms(const struct dpif_dummy *dp)
{
    return dummy_now_ns(dp) / 1000000;
}

/* Handles 'p' (consumed), whose key 'key' matched no megaflow: installs the
 * megaflow the upcall gives and executes the packet. */
static void
handle_miss(struct dpif_dummy *dp, struct dp_packet *p,
            const struct flow_key *key)
{
    struct buf actions = BUF_INIT;
    struct dp_packet_batch batch;
    struct flow_match match;
    struct dummy_flow *flow;

    atomic_fetch_add_explicit(&dp->n_missed, 1, memory_order_relaxed);
    if (dp_upcall_hook_call(&dp->upcall, p, key, &actions, &match)) {
        atomic_fetch_add_explicit(&dp->n_lost, 1, memory_order_relaxed);
        dp_packet_delete(p);
        buf_free(&actions);
        return;
    }
    flow = dummy_flow_install(dp, &match, actions.data, actions.size);
    if (flow) {
        dp_flow_counters_credit(&flow->counters, 1, dp_packet_size(p),
                                ntohs(key->tcp_flags), now_ms(dp));
    }
    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    dp_execute(&batch, actions.data, actions.size, &execute_ops, dp);
    buf_free(&actions);
}

/* Finds the megaflow of 'key' in the cache or the classifier. */
static struct dummy_flow *
lookup(struct dpif_dummy *dp, struct dummy_emc *emc, uint64_t gen,
       const struct flow_key *key)
{
    uint32_t hash = flow_hash(key, 0);
    struct dummy_flow *flow = emc_lookup(emc, dp, gen, key, hash);
    const struct cls_rule *rule;

    if (flow) {
        return flow;
    }
    rule = cls_lookup(&dp->flows, key, CLS_VERSION_MIN, NULL);
    if (!rule) {
        return NULL;
    }
    flow = CONTAINER_OF(rule, struct dummy_flow, rule);
    emc_insert(emc, dp, gen, key, hash, flow);
    return flow;
}

void
dummy_process(struct dpif_dummy *dp, struct dummy_emc *emc,
              struct dp_packet_batch *batch)
{
    uint64_t gen = atomic_load_explicit(&dp->flow_gen, memory_order_acquire);
    struct dp_hit_group groups[DP_PACKET_BATCH_MAX];
    size_t n_groups = 0, n_hit = 0;
    long long now;

    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *p = batch->packets[i];
        struct dummy_flow *flow;
        struct flow_key key;

        dp_packet_parse(p, &key);
        flow = lookup(dp, emc, gen, &key);
        if (flow) {
            dp_hit_group_add(groups, &n_groups, flow, p, &key);
            n_hit++;
        } else {
            handle_miss(dp, p, &key);
        }
    }
    batch->count = 0;
    if (!n_groups) {
        return;
    }
    atomic_fetch_add_explicit(&dp->n_hit, n_hit, memory_order_relaxed);
    now = now_ms(dp);
    for (size_t i = 0; i < n_groups; i++) {
        struct dp_hit_group *g = &groups[i];
        struct dummy_flow *flow = g->flow;
        const struct dummy_actions *a = rcu_get(flow->actions);

        dp_flow_counters_credit(&flow->counters, g->batch.count, g->n_bytes,
                                g->tcp_flags, now);
        dp_execute(&g->batch, a->data, a->len, &execute_ops, dp);
    }
}

/* The executor's recirculation op: 'p' was just decapsulated. */
static void
recirculate(void *dp, struct dp_packet *p)
{
    struct dp_packet_batch batch;

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    dummy_process(dp, thread_emc(), &batch);
}

int
dummy_execute(struct dpif *dpif, struct dp_packet *p, const void *actions,
              size_t len)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dp_packet_batch batch;

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    /* The caller may not be an RCU reader: the mutex keeps the port and
     * meter tables from changing instead. */
    pthread_mutex_lock(&dp->mutex);
    dp_execute(&batch, actions, len, &execute_ops_no_recirc, dp);
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

int
dpif_dummy_receive(struct dpif *dpif, uint32_t port_no, const void *frame,
                   size_t len)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port = dummy_idtab_find(rcu_get(dp->ports), port_no);
    struct dp_packet_batch batch;
    struct dp_packet *p;

    if (!port) {
        return -ENODEV;
    }
    if (len < PKT_ETH_HEADER_LEN) {
        atomic_fetch_add_explicit(&port->rx_errors, 1, memory_order_relaxed);
        return -EINVAL;
    }
    if (!dummy_port_count_rx(port, len)) {
        return -ENETDOWN;
    }
    p = dp_packet_new_with_data(frame, len);
    p->in_port = port_no;
    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    dummy_process(dp, thread_emc(), &batch);
    return 0;
}
