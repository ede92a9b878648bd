/* What every datapath provider's megaflows share.  See dp_megaflow.h. */
#include "datapath/dp_megaflow.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "lib/buf.h"

void
dp_upcall_hook_init(struct dp_upcall_hook *h)
{
    pthread_rwlock_init(&h->lock, NULL);
    h->fn = NULL;
    h->aux = NULL;
}

void
dp_upcall_hook_destroy(struct dp_upcall_hook *h)
{
    pthread_rwlock_destroy(&h->lock);
}

void
dp_upcall_hook_set(struct dp_upcall_hook *h, dpif_upcall_fn *fn, void *aux)
{
    pthread_rwlock_wrlock(&h->lock);
    h->fn = fn;
    h->aux = aux;
    pthread_rwlock_unlock(&h->lock);
}

int
dp_upcall_hook_call(struct dp_upcall_hook *h, const struct dp_packet *p,
                    const struct flow_key *key, struct buf *actions,
                    struct flow_match *match)
{
    struct flow_mask wc;
    int error;

    memset(&wc, 0, sizeof wc);
    pthread_rwlock_rdlock(&h->lock);
    error = h->fn ? h->fn(p, key, actions, &wc, h->aux) : -ENOENT;
    pthread_rwlock_unlock(&h->lock);
    if (!error && dp_actions_validate(actions->data, actions->size)) {
        error = -EINVAL;
    }
    if (!error) {
        flow_match_init(match, key, &wc);
    }
    return error;
}

void
dp_flow_counters_credit(struct dp_flow_counters *c, uint64_t n_packets,
                        uint64_t n_bytes, uint16_t tcp_flags, long long now_ms)
{
    atomic_fetch_add_explicit(&c->n_packets, n_packets, memory_order_relaxed);
    atomic_fetch_add_explicit(&c->n_bytes, n_bytes, memory_order_relaxed);
    atomic_store_explicit(&c->used_ms, now_ms, memory_order_relaxed);
    if (tcp_flags) {
        atomic_fetch_or_explicit(&c->tcp_flags, tcp_flags,
                                 memory_order_relaxed);
    }
}

void
dp_flow_counters_read(const struct dp_flow_counters *c,
                      struct dpif_flow_stats *s)
{
    s->n_packets = atomic_load(&c->n_packets);
    s->n_bytes = atomic_load(&c->n_bytes);
    s->used_ms = atomic_load(&c->used_ms);
    s->tcp_flags = atomic_load(&c->tcp_flags);
}

void
dp_flow_counters_zero(struct dp_flow_counters *c)
{
    atomic_store(&c->n_packets, 0);
    atomic_store(&c->n_bytes, 0);
    atomic_store(&c->used_ms, 0);
    atomic_store(&c->tcp_flags, 0);
}

void
dp_hit_group_add(struct dp_hit_group *groups, size_t *n, void *flow,
                 struct dp_packet *p, const struct flow_key *key)
{
    struct dp_hit_group *g = NULL;

    /* Newest first: consecutive packets usually share a megaflow. */
    for (size_t i = *n; i-- > 0;) {
        if (groups[i].flow == flow) {
            g = &groups[i];
            break;
        }
    }
    if (!g) {
        g = &groups[(*n)++];
        g->flow = flow;
        g->n_bytes = 0;
        g->tcp_flags = 0;
        dp_packet_batch_init(&g->batch);
    }
    g->n_bytes += dp_packet_size(p);
    g->tcp_flags |= ntohs(key->tcp_flags);
    g->batch.packets[g->batch.count++] = p;
}
