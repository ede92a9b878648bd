/* Megaflow bookkeeping: misses, statistics, revalidation, packet-ins.
 * See ofproto_upcall.h. */
#include "ofproto/ofproto_upcall.h"
#include "ofproto/tunnel.h"

#include <errno.h>
#include <event2/event.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "lib/flow_extract.h"
#include "lib/hmap.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate.h"

/* Megaflows without a packet for this long are deleted. */
#define IDLE_MS 10000
/* How often statistics are collected. */
#define DUMP_INTERVAL_MS 1000
/* Packet-ins handled per wake-up, so that a flood of them cannot starve
 * the rest of the main loop. */
#define MAX_UPCALLS_PER_RUN 256

struct ukey {
    struct hmap_node node;      /* In udpif->ukeys, by megaflow hash. */
    struct flow_match megaflow; /* What the datapath matches. */
    struct flow_key key;        /* The packet that created it (dp port). */
    struct buf actions;
    struct xlate_cache *xcache;
    uint64_t reval_seq;           /* The sequence it was translated at. */
    struct dpif_flow_stats stats; /* As last credited. */
    long long created_ms;
    bool dumped; /* Seen in the last dump. */
};

struct udpif {
    struct ofproto *ofproto;
    struct dpif *dpif;
    struct event *recv_event;

    /* Upcall threads insert, the main thread removes and changes. */
    pthread_mutex_t mutex;
    struct hmap ukeys;

    _Atomic uint64_t reval_seq; /* Bumped by every change. */
    uint64_t done_seq;          /* Last sequence fully revalidated. */
    long long next_dump_ms;
};

static uint32_t
hash_megaflow(const struct flow_match *m)
{
    return flow_hash_masked(&m->key, &m->mask, 0);
}

static void
ukey_destroy(struct ukey *ukey)
{
    if (ukey) {
        buf_free(&ukey->actions);
        xlate_cache_destroy(ukey->xcache);
        free(ukey);
    }
}

/* Returns the ukey for 'megaflow', or NULL.  Caller holds the mutex. */
static struct ukey *
ukey_find(const struct udpif *udpif, const struct flow_match *megaflow)
{
    uint32_t hash = hash_megaflow(megaflow);

    for (struct hmap_node *n = hmap_first_with_hash(&udpif->ukeys, hash); n;
         n = hmap_next_with_hash(n)) {
        struct ukey *ukey = CONTAINER_OF(n, struct ukey, node);

        if (flow_equal(&ukey->megaflow.key, &megaflow->key)
            && flow_equal(&ukey->megaflow.mask.bits, &megaflow->mask.bits)) {
            return ukey;
        }
    }
    return NULL;
}

/* Translates the packet with datapath key 'key' into 'out', recording
 * into 'xcache' (may be NULL). */
static int
translate(struct udpif *udpif, const struct flow_key *key, bool may_learn,
          struct xlate_cache *xcache, struct xlate_out *out)
{
    struct xlate_in xin = {
        .ofproto = udpif->ofproto,
        .flow = *key,
        .dp_in_port = true,
        .version = XLATE_VERSION_CURRENT,
        .may_learn = may_learn,
        .xcache = xcache,
    };

    return xlate(&xin, out);
}

/* The datapath's miss handler, on a datapath thread. */
static int
upcall_cb(const struct dp_packet *packet, const struct flow_key *key,
          struct buf *actions, struct flow_mask *wc, void *udpif_)
{
    struct udpif *udpif = udpif_;
    uint64_t seq = atomic_load(&udpif->reval_seq);
    struct ukey *ukey = xzalloc(sizeof *ukey);
    struct xlate_out out;

    (void) packet;
    ukey->xcache = xlate_cache_create();
    xlate_out_init(&out);
    /* A failed translation (a loop, too many actions) still yields a mask
     * and no actions: installing that drop megaflow keeps such packets
     * from coming back as misses. */
    translate(udpif, key, true, ukey->xcache, &out);
    buf_put(actions, out.actions.data, out.actions.size);
    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        ((uint64_t *) &wc->bits)[i] |= ((const uint64_t *) &out.wc.bits)[i];
    }

    flow_match_init(&ukey->megaflow, key, &out.wc);
    ukey->key = *key;
    ukey->actions = out.actions;
    ukey->reval_seq = seq;
    ukey->created_ms = ofproto_time_msec();

    pthread_mutex_lock(&udpif->mutex);
    if (ukey_find(udpif, &ukey->megaflow)) {
        /* Another thread got the same miss first. */
        pthread_mutex_unlock(&udpif->mutex);
        ukey_destroy(ukey);
    } else {
        hmap_insert(&udpif->ukeys, &ukey->node, hash_megaflow(&ukey->megaflow));
        pthread_mutex_unlock(&udpif->mutex);
        /* Tables changed while this translation ran: a revalidation may
         * already have passed without seeing the new ukey, so ask for
         * another (it checks this ukey, whose number is older). */
        if (atomic_load(&udpif->reval_seq) != seq) {
            udpif_schedule_revalidation(udpif);
        }
    }
    return 0;
}

/* Packet-ins. */

static void
send_packet_in(struct udpif *udpif, const struct dpif_upcall *up)
{
    struct xlate_pin_cookie cookie;
    struct connmgr_packet_in cpi;
    struct ofp_packet_in *pi = &cpi.pi;
    uint32_t size = dp_packet_size(up->packet);

    if (up->cookie_len != sizeof cookie) {
        return;
    }
    memcpy(&cookie, up->cookie, sizeof cookie);
    if (cookie.type != XLATE_COOKIE_PACKET_IN) {
        return;
    }
    memset(&cpi, 0, sizeof cpi);
    cpi.max_len = cookie.max_len;
    pi->buffer_id = OFP_NO_BUFFER;
    pi->total_len = size > UINT16_MAX ? UINT16_MAX : size;
    pi->reason = cookie.reason;
    pi->table_id = cookie.table_id;
    pi->cookie = cookie.rule_cookie;
    pi->match.key.in_port = cookie.in_port;
    pi->match.mask.bits.in_port = UINT32_MAX;
    if (cookie.metadata) {
        pi->match.key.metadata = cookie.metadata;
        pi->match.mask.bits.metadata = UINT64_MAX;
    }
    if (cookie.tun_id) {
        pi->match.key.tun_id = pkt_htonll(cookie.tun_id);
        pi->match.mask.bits.tun_id = UINT64_MAX;
    }
    /* Borrowed: connmgr copies what it keeps. */
    pi->data.data = (uint8_t *) dp_packet_data(up->packet);
    pi->data.len = size;
    connmgr_send_packet_in(udpif->ofproto->connmgr, &cpi);
}

static void
recv_cb(evutil_socket_t fd, short what, void *udpif_)
{
    struct udpif *udpif = udpif_;

    (void) fd;
    (void) what;
    for (int i = 0; i < MAX_UPCALLS_PER_RUN; i++) {
        struct dpif_upcall up;

        if (dpif_recv(udpif->dpif, &up)) {
            break;
        }
        if (up.cookie_len == sizeof(struct xlate_tunnel_cookie)
            && (up.cookie[0] == XLATE_COOKIE_TUNNEL_ARP
                || up.cookie[0] == XLATE_COOKIE_TUNNEL_NEIGH)) {
            struct xlate_tunnel_cookie c;

            memcpy(&c, up.cookie, sizeof c);
            tnl_handle_upcall(udpif->ofproto, c.tnl_port,
                              c.type == XLATE_COOKIE_TUNNEL_ARP, c.next_hop,
                              up.packet);
        } else {
            send_packet_in(udpif, &up);
        }
        dp_packet_delete(up.packet);
    }
}

/* Lifetime. */

int
udpif_create(struct ofproto *ofproto, struct udpif **udpifp, char **errorp)
{
    struct udpif *udpif = xzalloc(sizeof *udpif);
    int fd = dpif_recv_fd(ofproto->dpif);

    (void) errorp;
    udpif->ofproto = ofproto;
    udpif->dpif = ofproto->dpif;
    pthread_mutex_init(&udpif->mutex, NULL);
    hmap_init(&udpif->ukeys);
    atomic_init(&udpif->reval_seq, 1);
    udpif->done_seq = 1;
    if (fd >= 0) {
        udpif->recv_event =
            event_new(ofproto->base, fd, EV_READ | EV_PERSIST, recv_cb, udpif);
        event_add(udpif->recv_event, NULL);
    }
    dpif_register_upcall(udpif->dpif, upcall_cb, udpif);
    *udpifp = udpif;
    return 0;
}

void
udpif_destroy(struct udpif *udpif)
{
    if (!udpif) {
        return;
    }
    dpif_register_upcall(udpif->dpif, NULL, NULL);
    if (udpif->recv_event) {
        event_free(udpif->recv_event);
    }
    dpif_flow_flush(udpif->dpif);
    for (struct hmap_node *n = hmap_first(&udpif->ukeys), *next; n; n = next) {
        next = hmap_next(&udpif->ukeys, n);
        ukey_destroy(CONTAINER_OF(n, struct ukey, node));
    }
    hmap_destroy(&udpif->ukeys);
    pthread_mutex_destroy(&udpif->mutex);
    free(udpif);
}

/* Statistics. */

/* Credits what the datapath counted for 'ukey' since last time. */
static void
credit(struct udpif *udpif, struct ukey *ukey,
       const struct dpif_flow_stats *now)
{
    const struct dpif_flow_stats *then = &ukey->stats;
    uint64_t packets = now->n_packets, bytes = now->n_bytes;

    if (now->n_packets >= then->n_packets && now->n_bytes >= then->n_bytes) {
        packets -= then->n_packets;
        bytes -= then->n_bytes;
    }
    if (packets) {
        xlate_cache_credit(ukey->xcache, udpif->ofproto, packets, bytes,
                           now->used_ms);
    }
    ukey->stats = *now;
}

/* Removes 'ukey' and its megaflow, crediting the megaflow's last
 * packets. */
static void
delete_megaflow(struct udpif *udpif, struct ukey *ukey)
{
    struct dpif_flow_stats stats;

    if (!dpif_flow_del(udpif->dpif, &ukey->megaflow, &stats)) {
        credit(udpif, ukey, &stats);
    }
    pthread_mutex_lock(&udpif->mutex);
    hmap_remove(&udpif->ukeys, &ukey->node);
    pthread_mutex_unlock(&udpif->mutex);
    ukey_destroy(ukey);
}

struct dump_ctx {
    struct udpif *udpif;
    long long now;
    struct flow_match *orphans; /* Megaflows without a ukey. */
    size_t n_orphans, allocated;
};

static int
dump_cb(const struct dpif_flow *flow, void *ctx_)
{
    struct dump_ctx *ctx = ctx_;
    struct ukey *ukey;

    pthread_mutex_lock(&ctx->udpif->mutex);
    ukey = ukey_find(ctx->udpif, flow->match);
    pthread_mutex_unlock(&ctx->udpif->mutex);
    if (ukey) {
        credit(ctx->udpif, ukey, &flow->stats);
        ukey->dumped = true;
    } else {
        if (ctx->n_orphans == ctx->allocated) {
            ctx->allocated = 2 * ctx->allocated + 16;
            ctx->orphans =
                xrealloc(ctx->orphans, ctx->allocated * sizeof *ctx->orphans);
        }
        ctx->orphans[ctx->n_orphans++] = *flow->match;
    }
    return 0;
}

/* Returns the ukeys now in the map.  Only the main thread removes ukeys,
 * so the pointers stay valid while it works through them. */
static struct ukey **
snapshot(struct udpif *udpif, size_t *n)
{
    struct ukey **ukeys;
    size_t i = 0;

    pthread_mutex_lock(&udpif->mutex);
    *n = hmap_count(&udpif->ukeys);
    ukeys = xmalloc((*n ? *n : 1) * sizeof *ukeys);
    for (struct hmap_node *node = hmap_first(&udpif->ukeys); node;
         node = hmap_next(&udpif->ukeys, node)) {
        ukeys[i++] = CONTAINER_OF(node, struct ukey, node);
    }
    pthread_mutex_unlock(&udpif->mutex);
    return ukeys;
}

static bool
is_idle(const struct ukey *ukey, long long now)
{
    long long last =
        ukey->stats.used_ms ? ukey->stats.used_ms : ukey->created_ms;

    return now - last >= IDLE_MS;
}

/* Dumps the megaflows, crediting their new packets, deleting those that
 * no ukey knows; returns the ukeys as they were before the dump. */
static struct ukey **
dump_stats(struct udpif *udpif, long long now, size_t *n)
{
    struct dump_ctx ctx = {udpif, now, NULL, 0, 0};
    struct ukey **ukeys;

    ukeys = snapshot(udpif, n);
    for (size_t i = 0; i < *n; i++) {
        ukeys[i]->dumped = false;
    }
    dpif_flow_dump(udpif->dpif, dump_cb, &ctx);
    for (size_t i = 0; i < ctx.n_orphans; i++) {
        dpif_flow_del(udpif->dpif, &ctx.orphans[i], NULL);
    }
    free(ctx.orphans);
    return ukeys;
}

static void
dump_and_sweep(struct udpif *udpif, long long now)
{
    size_t n;
    struct ukey **ukeys = dump_stats(udpif, now, &n);

    /* A ukey whose megaflow was not dumped either never got installed or
     * was lost; either way it only counts as idle. */
    for (size_t i = 0; i < n; i++) {
        if (is_idle(ukeys[i], now)) {
            delete_megaflow(udpif, ukeys[i]);
        }
    }
    free(ukeys);
}

void
ofproto_sync_stats(struct ofproto *ofproto)
{
    size_t n;

    if (ofproto->udpif) {
        free(dump_stats(ofproto->udpif, ofproto_time_msec(), &n));
    }
}

/* Revalidation. */

static bool
same_actions(const struct buf *a, const struct buf *b)
{
    return a->size == b->size
           && (!a->size || !memcmp(a->data, b->data, a->size));
}

/* Translates 'ukey' again; returns false if its megaflow must go. */
static bool
revalidate_ukey(struct udpif *udpif, struct ukey *ukey, uint64_t seq)
{
    struct xlate_cache *xcache = xlate_cache_create();
    struct xlate_out out;
    bool keep;

    xlate_out_init(&out);
    translate(udpif, &ukey->key, false, xcache, &out);
    keep = flow_equal(&out.wc.bits, &ukey->megaflow.mask.bits);
    if (keep && !same_actions(&out.actions, &ukey->actions)) {
        keep = !dpif_flow_put(udpif->dpif, &ukey->megaflow, out.actions.data,
                              out.actions.size, DPIF_FP_MODIFY, NULL);
    }
    if (keep) {
        buf_free(&ukey->actions);
        ukey->actions = out.actions;
        out.actions = (struct buf) BUF_INIT;
        xlate_cache_destroy(ukey->xcache);
        ukey->xcache = xcache;
        ukey->reval_seq = seq;
    } else {
        xlate_cache_destroy(xcache);
    }
    xlate_out_uninit(&out);
    return keep;
}

static void
revalidate(struct udpif *udpif)
{
    uint64_t seq = atomic_load(&udpif->reval_seq);
    struct ukey **ukeys;
    size_t n;

    if (seq == udpif->done_seq) {
        return;
    }
    /* Packets counted so far belong to the rules of the translations
     * being replaced: credit them before the caches change. */
    free(dump_stats(udpif, ofproto_time_msec(), &n));
    ukeys = snapshot(udpif, &n);
    for (size_t i = 0; i < n; i++) {
        if (ukeys[i]->reval_seq < seq
            && !revalidate_ukey(udpif, ukeys[i], seq)) {
            delete_megaflow(udpif, ukeys[i]);
        }
    }
    free(ukeys);
    udpif->done_seq = seq;
}

void
udpif_schedule_revalidation(struct udpif *udpif)
{
    atomic_fetch_add(&udpif->reval_seq, 1);
}

void
udpif_flush_revalidation(struct udpif *udpif)
{
    revalidate(udpif);
}

void
udpif_run(struct udpif *udpif)
{
    long long now = ofproto_time_msec();

    if (now >= udpif->next_dump_ms) {
        udpif->next_dump_ms = now + DUMP_INTERVAL_MS;
        dump_and_sweep(udpif, now);
    }
    revalidate(udpif);
}

void
ofproto_schedule_revalidation(struct ofproto *ofproto)
{
    if (ofproto->udpif) {
        udpif_schedule_revalidation(ofproto->udpif);
    }
}

void
ofproto_flush_revalidation(struct ofproto *ofproto)
{
    if (ofproto->udpif) {
        udpif_flush_revalidation(ofproto->udpif);
    }
}

/* Packet-outs. */

int
udpif_execute(struct udpif *udpif, struct dp_packet *packet, uint32_t in_port,
              const struct ofp_actions *actions)
{
    struct ofproto *ofproto = udpif->ofproto;
    struct xlate_in xin = {
        .ofproto = ofproto,
        .version = XLATE_VERSION_CURRENT,
        .actions = actions,
    };
    struct xlate_out out;
    struct ofport *port;
    int error;

    flow_extract(dp_packet_data(packet), dp_packet_size(packet), in_port,
                 &xin.flow, NULL);
    xlate_out_init(&out);
    error = xlate(&xin, &out);

    pthread_rwlock_rdlock(&ofproto->xlate_rwlock);
    port = ofproto_port_by_ofp(ofproto, in_port);
    packet->in_port = port ? port->dp_port : DPIF_PORT_ANY;
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);

    if (!error) {
        error = dpif_execute(udpif->dpif, packet, out.actions.data,
                             out.actions.size);
    } else {
        dp_packet_delete(packet);
    }
    xlate_out_uninit(&out);
    return error;
}
