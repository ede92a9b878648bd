/* The DPDK datapath's handler thread: it serves the misses that PMDs queue
 * on the datapath's miss ring, so that no PMD ever waits for the OpenFlow
 * pipeline.
 *
 * For each missed packet it first looks the megaflow up again (an earlier
 * miss of the same flow may have installed it meanwhile); otherwise it
 * calls the upcall, installs the megaflow and executes the packet.  It also
 * does the datapath's periodic work, every HOUSEKEEPING_MS: link states
 * (for PORT_STATUS) and the order of the classifier's subtables.
 *
 * The thread is a reader of both RCUs: rte_rcu (the datapath's tables)
 * and lib/rcu (ofproto's tables, which the upcall reads).  It goes offline
 * in rte_rcu around the upcall and the installation, which may wait for a
 * grace period, and in both while it sleeps. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <rte_lcore.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/buf.h"
#include "lib/rcu.h"
#include "lib/util.h"

#define HOUSEKEEPING_MS 100

struct dpdk_handler {
    pthread_t thread;
    atomic_bool exit;
    atomic_bool sleeping;
    int wake_fd; /* eventfd. */
    unsigned rcu_id;
};

/* Calls the upcall for 'p'; returns 0 with the actions in 'actions' and the
 * megaflow in 'match', or a negative errno. */
static int
upcall(struct dpif_dpdk *dp, const struct dp_packet *p,
       const struct flow_key *key, struct buf *actions,
       struct flow_match *match)
{
    struct flow_mask wc;
    int error;

    memset(&wc, 0, sizeof wc);
    pthread_rwlock_rdlock(&dp->upcall_lock);
    error = dp->upcall_fn ? dp->upcall_fn(p, key, actions, &wc, dp->upcall_aux)
                          : -ENOENT;
    pthread_rwlock_unlock(&dp->upcall_lock);
    if (!error && dp_actions_validate(actions->data, actions->size)) {
        error = -EINVAL;
    }
    if (!error) {
        flow_match_init(match, key, &wc);
    }
    return error;
}

static void
execute_one(struct dpif_dpdk *dp, struct dp_packet *p, const void *actions,
            size_t len)
{
    struct dp_packet_batch batch;

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    dpdk_execute_batch(dp, &batch, actions, len, DPDK_TX_SLOT_SHARED);
}

/* Packets of a burst of misses whose megaflow exists by now: they run
 * together, once per megaflow, like on a PMD. */
struct found {
    struct dpdk_flow *flow;
    struct dp_packet_batch batch;
};

static void
run_found(struct dpif_dpdk *dp, struct found *found, size_t *n_found)
{
    for (size_t i = 0; i < *n_found; i++) {
        const struct dpdk_actions *a = atomic_load(
            (struct dpdk_actions *_Atomic *) &found[i].flow->actions);

        dpdk_execute_batch(dp, &found[i].batch, a->data, a->len,
                           DPDK_TX_SLOT_SHARED);
    }
    *n_found = 0;
}

static void
add_found(struct found *found, size_t *n_found, struct dpdk_flow *flow,
          struct dp_packet *p)
{
    size_t i = 0;

    while (i < *n_found && found[i].flow != flow) {
        i++;
    }
    if (i == *n_found) {
        found[i].flow = flow;
        dp_packet_batch_init(&found[i].batch);
        (*n_found)++;
    }
    dp_packet_batch_add(&found[i].batch, p);
}

/* Runs the upcall for 'p' (key 'key'), installs the megaflow and executes
 * the packet. */
static void
upcall_one(struct dpif_dpdk *dp, struct dpdk_handler *h, struct dp_packet *p,
           const struct flow_key *key)
{
    struct buf actions = BUF_INIT;
    struct flow_match match;
    struct dpdk_flow *flow;
    int error;

    rte_rcu_qsbr_thread_offline(dpdk_rcu, h->rcu_id);
    error = upcall(dp, p, key, &actions, &match);
    flow = error ? NULL
                 : dpdk_flow_install(dp, &match, actions.data, actions.size);
    rte_rcu_qsbr_thread_online(dpdk_rcu, h->rcu_id);
    if (error) {
        atomic_fetch_add(&dp->n_lost, 1);
        dp_packet_delete(p);
    } else {
        if (flow) {
            dpdk_flow_credit(flow, 1, dp_packet_size(p),
                             ntohs(key->tcp_flags), dpdk_now_ms());
        }
        execute_one(dp, p, actions.data, actions.size);
    }
    buf_free(&actions);
}

/* Serves the 'n' missed packets at 'm', in order: those whose megaflow
 * exists now (an earlier miss installed it) in batches, the others through
 * the upcall. */
static void
handle_misses(struct dpif_dpdk *dp, struct dpdk_handler *h,
              struct rte_mbuf **m, unsigned n)
{
    struct found found[DP_PACKET_BATCH_MAX];
    size_t n_found = 0;
    long long now = dpdk_now_ms();

    for (unsigned i = 0; i < n; i++) {
        struct dp_packet *p = dpdk_mbuf_packet(m[i]);
        struct dpdk_flow *flow;
        struct flow_key key;

        dp_packet_parse(p, &key);
        flow = dpdk_cls_lookup(dp->cls, &key);
        if (flow) {
            dpdk_flow_credit(flow, 1, dp_packet_size(p),
                             ntohs(key.tcp_flags), now);
            add_found(found, &n_found, flow, p);
        } else {
            run_found(dp, found, &n_found);
            upcall_one(dp, h, p, &key);
        }
    }
    run_found(dp, found, &n_found);
}

static void
housekeeping(struct dpif_dpdk *dp, long long *next_ms)
{
    long long now = dpdk_now_ms();

    if (now >= *next_ms) {
        dpdk_ports_poll_link(dp);
        dpdk_cls_sort(dp);
        *next_ms = now + HOUSEKEEPING_MS;
    }
}

/* Sleeps until woken or the next housekeeping, offline for both RCUs. */
static void
wait_for_work(struct dpif_dpdk *dp, struct dpdk_handler *h)
{
    struct pollfd pfd = {.fd = h->wake_fd, .events = POLLIN};
    uint64_t count;

    atomic_store(&h->sleeping, true);
    if (!rte_ring_empty(dp->miss_ring) || atomic_load(&h->exit)) {
        atomic_store(&h->sleeping, false);
        return;
    }
    rte_rcu_qsbr_thread_offline(dpdk_rcu, h->rcu_id);
    rcu_thread_offline();
    poll(&pfd, 1, HOUSEKEEPING_MS);
    rcu_thread_online();
    rte_rcu_qsbr_thread_online(dpdk_rcu, h->rcu_id);
    atomic_store(&h->sleeping, false);
    (void) !read(h->wake_fd, &count, sizeof count);
}

static void *
handler_main(void *dp_)
{
    struct dpif_dpdk *dp = dp_;
    struct dpdk_handler *h = dp->handler;
    long long next_ms = 0;

    rte_thread_register();
    rcu_register_thread();
    rte_rcu_qsbr_thread_register(dpdk_rcu, h->rcu_id);
    rte_rcu_qsbr_thread_online(dpdk_rcu, h->rcu_id);
    while (!atomic_load(&h->exit)) {
        struct rte_mbuf *m[DP_PACKET_BATCH_MAX];
        unsigned n = rte_ring_dequeue_burst(dp->miss_ring, (void **) m,
                                            DP_PACKET_BATCH_MAX, NULL);

        handle_misses(dp, h, m, n);
        rte_rcu_qsbr_quiescent(dpdk_rcu, h->rcu_id);
        rcu_quiesce();
        /* Housekeeping may wait for grace periods: offline meanwhile. */
        rte_rcu_qsbr_thread_offline(dpdk_rcu, h->rcu_id);
        housekeeping(dp, &next_ms);
        rte_rcu_qsbr_thread_online(dpdk_rcu, h->rcu_id);
        if (!n) {
            wait_for_work(dp, h);
        }
    }
    rte_rcu_qsbr_thread_offline(dpdk_rcu, h->rcu_id);
    rte_rcu_qsbr_thread_unregister(dpdk_rcu, h->rcu_id);
    rcu_unregister_thread();
    rte_thread_unregister();
    return NULL;
}

int
dpdk_handler_start(struct dpif_dpdk *dp, char **errorp)
{
    struct dpdk_handler *h = xzalloc(sizeof *h);
    int error;

    h->rcu_id = DPDK_MAX_PMDS + dp->index;
    h->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (h->wake_fd < 0) {
        free(h);
        dpif_set_error(errorp, "Could not create an eventfd for the handler "
                               "of datapath \"%s\"; raise the file limit.",
                       dp->up.name);
        return -EMFILE;
    }
    dp->handler = h;
    error = pthread_create(&h->thread, NULL, handler_main, dp);
    if (error) {
        close(h->wake_fd);
        free(h);
        dp->handler = NULL;
        dpif_set_error(errorp, "Could not start the handler thread of "
                               "datapath \"%s\": %s.",
                       dp->up.name, strerror(error));
        return -error;
    }
    pthread_setname_np(h->thread, "pont-handler");
    return 0;
}

void
dpdk_handler_wake(struct dpif_dpdk *dp)
{
    struct dpdk_handler *h = dp->handler;
    uint64_t one = 1;

    /* Orders the PMD's enqueue before the load: the handler stores
     * 'sleeping' before it checks the ring. */
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load(&h->sleeping)) {
        (void) !write(h->wake_fd, &one, sizeof one);
    }
}

void
dpdk_handler_stop(struct dpif_dpdk *dp)
{
    struct dpdk_handler *h = dp->handler;
    struct rte_mbuf *m;
    uint64_t one = 1;

    if (!h) {
        return;
    }
    atomic_store(&h->exit, true);
    (void) !write(h->wake_fd, &one, sizeof one);
    pthread_join(h->thread, NULL);
    while (!rte_ring_dequeue(dp->miss_ring, (void **) &m)) {
        rte_pktmbuf_free(m);
    }
    close(h->wake_fd);
    free(h);
    dp->handler = NULL;
}
