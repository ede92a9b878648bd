/* A simulated Pont host for the controller scale benchmark: an OpenFlow
 * 1.3 switch with a flow table, a group table and ONF bundles, and no
 * datapath.  See controller_scale.h. */
#include "tests/bench/controller_scale.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/util.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofp_msg.h"

#define UPLINK_PORT 1
#define TUNNEL_PORT 2
#define FIRST_VM_PORT 3
#define DUMP_CHUNK 64 /* Entries per multipart reply, at most. */
#define PORT_DESC_CHUNK 256

struct flow_entry {
    struct hmap_node node;
    uint8_t table;
    uint16_t priority;
    uint64_t cookie;
    uint16_t idle_timeout, hard_timeout, flags;
    struct flow_match match;
    struct ofp_instructions inst;
    long long added_us;
};

struct group_entry {
    struct hmap_node node;
    uint32_t id;
    uint8_t type;
    struct ofp_bucket *buckets;
    size_t n_buckets;
};

struct vport {
    uint32_t port_no;
    char name[OFP_MAX_PORT_NAME_LEN];
    char key[OFP_BINDING_KEY_MAX + 1];
};

struct sim_host {
    struct event_base *base;
    int index;
    struct ofp_channel *channel;
    struct sim_host_events events;
    void *aux;

    struct vport *ports;
    size_t n_ports;

    struct hmap flows;  /* struct flow_entry, by identity. */
    struct hmap groups; /* struct group_entry, by id. */

    bool bundle_open;
    uint32_t bundle_id;
    struct ofp_msg *bundle_msgs; /* Decoded inner messages, in order. */
    size_t n_bundle_msgs, allocated_bundle_msgs;

    struct eth_addr watch;
    bool watching, seen_src, seen_dst;

    struct sim_host_stats stats;
};

long long
sim_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Sending. */

static int
send_msg(struct sim_host *h, const struct ofp_msg *msg)
{
    int error = ofp_channel_send(h->channel, msg);

    if (error && error != -EMSGSIZE) {
        fprintf(stderr, "sim%d: cannot send %s: %s\n", h->index + 1,
                ofp_msg_kind_name(msg->kind), strerror(-error));
    }
    return error;
}

static void
send_error(struct sim_host *h, int error, const void *request, size_t len)
{
    struct buf b = BUF_INIT;

    ofperr_encode_reply((enum ofperr) - error, request, len, &b);
    ofp_channel_send_raw(h->channel, b.data, b.size);
    buf_free(&b);
    h->stats.n_errors++;
}

/* Ports. */

static void
make_port(const struct sim_host *h, const struct vport *vp, struct ofp_port *pp)
{
    memset(pp, 0, sizeof *pp);
    pp->port_no = vp->port_no;
    pp->hw_addr.ea[0] = 0x02;
    pp->hw_addr.ea[1] = 0xfe;
    pp->hw_addr.ea[2] = (uint8_t) (h->index >> 8);
    pp->hw_addr.ea[3] = (uint8_t) h->index;
    pp->hw_addr.ea[4] = (uint8_t) (vp->port_no >> 8);
    pp->hw_addr.ea[5] = (uint8_t) vp->port_no;
    snprintf(pp->name, sizeof pp->name, "%s", vp->name);
    pp->curr_speed = pp->max_speed = 10000000;
}

static struct vport *
push_port(struct sim_host *h, const char *name, const char *key)
{
    struct vport *vp;

    h->ports = xrealloc(h->ports, (h->n_ports + 1) * sizeof *h->ports);
    vp = &h->ports[h->n_ports];
    vp->port_no = (uint32_t) h->n_ports + 1;
    snprintf(vp->name, sizeof vp->name, "%s", name);
    snprintf(vp->key, sizeof vp->key, "%s", key);
    h->n_ports++;
    return vp;
}

uint32_t
sim_host_add_port(struct sim_host *h, const char *key)
{
    char name[OFP_MAX_PORT_NAME_LEN];
    struct vport *vp;

    snprintf(name, sizeof name, "tap%zu", h->n_ports + 1);
    vp = push_port(h, name, key);
    if (h->channel && ofp_channel_is_connected(h->channel)) {
        struct ofp_msg msg;

        ofp_msg_init(&msg, OFPK_PORT_STATUS, 0);
        msg.port_status.reason = OFPPR_ADD;
        make_port(h, vp, &msg.port_status.port);
        send_msg(h, &msg);
        ofp_msg_uninit(&msg);
    }
    return vp->port_no;
}

static void
send_port_desc(struct sim_host *h, uint32_t xid)
{
    size_t i = 0;

    do {
        struct ofp_msg msg;

        ofp_msg_init(&msg, OFPK_PORT_DESC_REPLY, xid);
        for (size_t n = 0; n < PORT_DESC_CHUNK && i < h->n_ports; n++) {
            make_port(h, &h->ports[i++], OFP_STATS_PUSH(msg.port_desc_reply));
        }
        msg.mp_flags = i < h->n_ports ? OFPMPF_REPLY_MORE : 0;
        send_msg(h, &msg);
        ofp_msg_uninit(&msg);
    } while (i < h->n_ports);
}

static void
send_host_info(struct sim_host *h, uint32_t xid)
{
    struct ofp_host_info *hi;
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REPLY, xid);
    hi = &msg.host_info;
    snprintf(hi->host_id, sizeof hi->host_id, "sim%d", h->index + 1);
    hi->tunnel_ip = htonl(0xac100000u + (uint32_t) h->index + 1);
    snprintf(hi->uplink, sizeof hi->uplink, "eth1");
    for (size_t i = 0; i < h->n_ports; i++) {
        struct ofp_host_info_port *p;

        if (!h->ports[i].key[0]) {
            continue;
        }
        p = ofp_array_push(&hi->ports, &hi->n_ports, sizeof *hi->ports);
        p->port_no = h->ports[i].port_no;
        snprintf(p->key, sizeof p->key, "%s", h->ports[i].key);
    }
    send_msg(h, &msg);
    ofp_msg_uninit(&msg);
}

static void
send_features(struct sim_host *h, uint32_t xid)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_FEATURES_REPLY, xid);
    msg.features_reply.datapath_id = (uint64_t) h->index + 1;
    msg.features_reply.n_tables = 254;
    msg.features_reply.capabilities =
        OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS | OFPC_GROUP_STATS;
    send_msg(h, &msg);
}

/* The flow table. */

static uint32_t
flow_hash_of(uint8_t table, uint16_t priority, const struct flow_match *m)
{
    return hash_bytes(m, sizeof *m, (uint32_t) table << 16 | priority);
}

static struct flow_entry *
flow_find(const struct sim_host *h, uint8_t table, uint16_t priority,
          const struct flow_match *m)
{
    uint32_t hash = flow_hash_of(table, priority, m);

    for (struct hmap_node *n = hmap_first_with_hash(&h->flows, hash); n;
         n = hmap_next_with_hash(n)) {
        struct flow_entry *e = CONTAINER_OF(n, struct flow_entry, node);

        if (e->table == table && e->priority == priority
            && !memcmp(&e->match, m, sizeof *m)) {
            return e;
        }
    }
    return NULL;
}

static void
flow_free(struct flow_entry *e)
{
    ofp_instructions_free(&e->inst);
    free(e);
}

static bool
is_exact_mac(const struct eth_addr *key, const struct eth_addr *mask,
             const struct eth_addr *mac)
{
    static const struct eth_addr ones = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

    return !memcmp(mask, &ones, sizeof ones) && !memcmp(key, mac, sizeof *mac);
}

static void
note_watch(struct sim_host *h, const struct flow_entry *e)
{
    const struct flow_key *k = &e->match.key, *m = &e->match.mask.bits;

    if (h->watching) {
        h->seen_src |= is_exact_mac(&k->dl_src, &m->dl_src, &h->watch);
        h->seen_dst |= is_exact_mac(&k->dl_dst, &m->dl_dst, &h->watch);
    }
}

/* Takes over 'fm''s instructions when it keeps them. */
static void
flow_add(struct sim_host *h, struct ofp_flow_mod *fm)
{
    struct flow_entry *e = flow_find(h, fm->table_id, fm->priority, &fm->match);

    if (!e) {
        e = xzalloc(sizeof *e);
        e->table = fm->table_id;
        e->priority = fm->priority;
        e->match = fm->match;
        hmap_insert(&h->flows, &e->node,
                    flow_hash_of(e->table, e->priority, &e->match));
    } else {
        ofp_instructions_free(&e->inst);
    }
    e->cookie = fm->cookie;
    e->idle_timeout = fm->idle_timeout;
    e->hard_timeout = fm->hard_timeout;
    e->flags = fm->flags;
    e->inst = fm->instructions;
    e->added_us = sim_now_us();
    ofp_instructions_init(&fm->instructions);
    note_watch(h, e);
}

static bool
match_is_all(const struct flow_match *m)
{
    static const struct flow_mask zero;

    return !memcmp(&m->mask, &zero, sizeof zero);
}

/* Applies a FLOW_MOD: ADD, MODIFY_STRICT and DELETE_STRICT as OpenFlow
 * 1.3 says, DELETE only of everything (in one table or all), which is all
 * a controller that owns the bridge needs.  Returns 0 or -OFPERR_*. */
static int
apply_flow_mod(struct sim_host *h, struct ofp_flow_mod *fm)
{
    struct flow_entry *e;

    h->stats.n_flow_mods++;
    switch (fm->command) {
    case OFPFC_ADD:
        flow_add(h, fm);
        return 0;
    case OFPFC_MODIFY_STRICT:
        e = flow_find(h, fm->table_id, fm->priority, &fm->match);
        if (e) {
            ofp_instructions_free(&e->inst);
            e->inst = fm->instructions;
            ofp_instructions_init(&fm->instructions);
            note_watch(h, e);
        }
        return 0;
    case OFPFC_DELETE_STRICT:
        e = flow_find(h, fm->table_id, fm->priority, &fm->match);
        if (e) {
            hmap_remove(&h->flows, &e->node);
            flow_free(e);
        }
        return 0;
    case OFPFC_DELETE:
        if (!match_is_all(&fm->match)) {
            return -OFPERR_OFPFMFC_BAD_COMMAND;
        }
        for (struct hmap_node *n = hmap_first(&h->flows), *next; n; n = next) {
            next = hmap_next(&h->flows, n);
            e = CONTAINER_OF(n, struct flow_entry, node);
            if (fm->table_id == OFPTT_ALL || fm->table_id == e->table) {
                hmap_remove(&h->flows, &e->node);
                flow_free(e);
            }
        }
        return 0;
    default:
        return -OFPERR_OFPFMFC_BAD_COMMAND;
    }
}

/* The group table. */

static struct group_entry *
group_find(const struct sim_host *h, uint32_t id)
{
    for (struct hmap_node *n = hmap_first_with_hash(&h->groups, id); n;
         n = hmap_next_with_hash(n)) {
        struct group_entry *g = CONTAINER_OF(n, struct group_entry, node);

        if (g->id == id) {
            return g;
        }
    }
    return NULL;
}

static void
buckets_free(struct ofp_bucket *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ofp_actions_free(&b[i].actions);
    }
    free(b);
}

static void
group_free(struct group_entry *g)
{
    buckets_free(g->buckets, g->n_buckets);
    free(g);
}

/* Takes over 'gm''s buckets. */
static void
group_set(struct group_entry *g, struct ofp_group_mod *gm)
{
    buckets_free(g->buckets, g->n_buckets);
    g->type = gm->type;
    g->buckets = gm->buckets;
    g->n_buckets = gm->n_buckets;
    gm->buckets = NULL;
    gm->n_buckets = 0;
}

static int
apply_group_mod(struct sim_host *h, struct ofp_group_mod *gm)
{
    struct group_entry *g = group_find(h, gm->group_id);

    h->stats.n_group_mods++;
    switch (gm->command) {
    case OFPGC_ADD:
        if (g) {
            return -OFPERR_OFPGMFC_GROUP_EXISTS;
        }
        g = xzalloc(sizeof *g);
        g->id = gm->group_id;
        hmap_insert(&h->groups, &g->node, g->id);
        group_set(g, gm);
        return 0;
    case OFPGC_MODIFY:
        if (!g) {
            return -OFPERR_OFPGMFC_UNKNOWN_GROUP;
        }
        group_set(g, gm);
        return 0;
    case OFPGC_DELETE:
        for (struct hmap_node *n = hmap_first(&h->groups), *next; n; n = next) {
            next = hmap_next(&h->groups, n);
            g = CONTAINER_OF(n, struct group_entry, node);
            if (gm->group_id == OFPG_ALL || gm->group_id == g->id) {
                hmap_remove(&h->groups, &g->node);
                group_free(g);
            }
        }
        return 0;
    default:
        return -OFPERR_OFPGMFC_BAD_COMMAND;
    }
}

/* Applies a FLOW_MOD or GROUP_MOD; returns 0 or -OFPERR_*. */
static int
apply_mod(struct sim_host *h, struct ofp_msg *msg)
{
    switch (msg->kind) {
    case OFPK_FLOW_MOD:
        return apply_flow_mod(h, &msg->flow_mod);
    case OFPK_GROUP_MOD:
        return apply_group_mod(h, &msg->group_mod);
    default:
        return -OFPERR_OFPBFC_MSG_UNSUP;
    }
}

/* Dumps. */

static void
send_flow_stats(struct sim_host *h, uint32_t xid, struct flow_entry **v,
                size_t n, bool more)
{
    long long now = sim_now_us();
    struct ofp_msg msg;
    int error;

    ofp_msg_init(&msg, OFPK_FLOW_STATS_REPLY, xid);
    msg.mp_flags = more ? OFPMPF_REPLY_MORE : 0;
    for (size_t i = 0; i < n; i++) {
        struct ofp_flow_stats *fs = OFP_STATS_PUSH(msg.flow_stats_reply);
        const struct flow_entry *e = v[i];
        long long age_us = now - e->added_us;

        fs->table_id = e->table;
        fs->duration_sec = (uint32_t) (age_us / 1000000);
        fs->duration_nsec = (uint32_t) (age_us % 1000000 * 1000);
        fs->priority = e->priority;
        fs->idle_timeout = e->idle_timeout;
        fs->hard_timeout = e->hard_timeout;
        fs->flags = e->flags;
        fs->cookie = e->cookie;
        fs->match = e->match;
        ofp_instructions_clone(&fs->instructions, &e->inst);
    }
    error = send_msg(h, &msg);
    ofp_msg_uninit(&msg);
    if (error == -EMSGSIZE && n > 1) {
        send_flow_stats(h, xid, v, n / 2, true);
        send_flow_stats(h, xid, v + n / 2, n - n / 2, more);
    }
}

static void
dump_flows(struct sim_host *h, const struct ofp_msg *req)
{
    uint8_t table = req->flow_stats_request.table_id;
    struct flow_entry **v = xmalloc((hmap_count(&h->flows) + 1) * sizeof *v);
    size_t n = 0, i = 0;

    for (struct hmap_node *p = hmap_first(&h->flows); p;
         p = hmap_next(&h->flows, p)) {
        struct flow_entry *e = CONTAINER_OF(p, struct flow_entry, node);

        if (table == OFPTT_ALL || table == e->table) {
            v[n++] = e;
        }
    }
    do {
        size_t k = n - i < DUMP_CHUNK ? n - i : DUMP_CHUNK;

        send_flow_stats(h, req->xid, v + i, k, i + k < n);
        i += k;
    } while (i < n);
    free(v);
}

static void
send_group_desc(struct sim_host *h, uint32_t xid, struct group_entry **v,
                size_t n, bool more)
{
    struct ofp_msg msg;
    int error;

    ofp_msg_init(&msg, OFPK_GROUP_DESC_REPLY, xid);
    msg.mp_flags = more ? OFPMPF_REPLY_MORE : 0;
    for (size_t i = 0; i < n; i++) {
        struct ofp_group_desc *gd = OFP_STATS_PUSH(msg.group_desc_reply);

        gd->type = v[i]->type;
        gd->group_id = v[i]->id;
        gd->n_buckets = v[i]->n_buckets;
        gd->buckets = xmalloc((gd->n_buckets + 1) * sizeof *gd->buckets);
        for (size_t j = 0; j < gd->n_buckets; j++) {
            gd->buckets[j] = v[i]->buckets[j];
            ofp_actions_clone(&gd->buckets[j].actions,
                              &v[i]->buckets[j].actions);
        }
    }
    error = send_msg(h, &msg);
    ofp_msg_uninit(&msg);
    if (error == -EMSGSIZE && n > 1) {
        send_group_desc(h, xid, v, n / 2, true);
        send_group_desc(h, xid, v + n / 2, n - n / 2, more);
    }
}

static void
dump_groups(struct sim_host *h, uint32_t xid)
{
    struct group_entry **v = xmalloc((hmap_count(&h->groups) + 1) * sizeof *v);
    size_t n = 0, i = 0;

    for (struct hmap_node *p = hmap_first(&h->groups); p;
         p = hmap_next(&h->groups, p)) {
        v[n++] = CONTAINER_OF(p, struct group_entry, node);
    }
    do {
        size_t k = n - i < DUMP_CHUNK ? n - i : DUMP_CHUNK;

        send_group_desc(h, xid, v + i, k, i + k < n);
        i += k;
    } while (i < n);
    free(v);
}

/* Bundles. */

static void
bundle_clear(struct sim_host *h)
{
    for (size_t i = 0; i < h->n_bundle_msgs; i++) {
        ofp_msg_uninit(&h->bundle_msgs[i]);
    }
    free(h->bundle_msgs);
    h->bundle_msgs = NULL;
    h->n_bundle_msgs = h->allocated_bundle_msgs = 0;
    h->bundle_open = false;
}

static void
send_bundle_reply(struct sim_host *h, const struct ofp_msg *req, uint16_t type)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_BUNDLE_CONTROL, req->xid);
    msg.bundle_control = req->bundle_control;
    msg.bundle_control.type = type;
    send_msg(h, &msg);
}

/* Commits: applies every message in order.  A message that fails gets
 * its error (with its own xid) and the commit OFPBFC_MSG_FAILED; the
 * others stay applied (no rollback: nothing the controller sends fails
 * unless the tables disagree with what it believes). */
static void
bundle_commit(struct sim_host *h, const struct ofp_msg *req, const void *raw,
              size_t raw_len)
{
    bool failed = false;

    for (size_t i = 0; i < h->n_bundle_msgs; i++) {
        struct ofp_msg *m = &h->bundle_msgs[i];
        int error = apply_mod(h, m);

        if (error) {
            struct buf b = BUF_INIT;

            failed = true;
            ofp_msg_encode(m, &b);
            send_error(h, error, b.data, b.size);
            buf_free(&b);
        }
    }
    bundle_clear(h);
    if (failed) {
        send_error(h, -OFPERR_OFPBFC_MSG_FAILED, raw, raw_len);
    } else {
        h->stats.n_commits++;
        send_bundle_reply(h, req, OFPBCT_COMMIT_REPLY);
    }
}

static void
on_bundle_control(struct sim_host *h, const struct ofp_msg *msg,
                  const void *raw, size_t raw_len)
{
    const struct ofp_bundle_control *bc = &msg->bundle_control;

    if (bc->type == OFPBCT_OPEN_REQUEST) {
        bundle_clear(h);
        h->bundle_open = true;
        h->bundle_id = bc->bundle_id;
        send_bundle_reply(h, msg, OFPBCT_OPEN_REPLY);
    } else if (!h->bundle_open || bc->bundle_id != h->bundle_id) {
        send_error(h, -OFPERR_OFPBFC_BAD_ID, raw, raw_len);
    } else if (bc->type == OFPBCT_COMMIT_REQUEST) {
        bundle_commit(h, msg, raw, raw_len);
    } else if (bc->type == OFPBCT_CLOSE_REQUEST) {
        send_bundle_reply(h, msg, OFPBCT_CLOSE_REPLY);
    } else if (bc->type == OFPBCT_DISCARD_REQUEST) {
        bundle_clear(h);
        send_bundle_reply(h, msg, OFPBCT_DISCARD_REPLY);
    } else {
        send_error(h, -OFPERR_OFPBFC_BAD_TYPE, raw, raw_len);
    }
}

static void
on_bundle_add(struct sim_host *h, const struct ofp_msg *msg, const void *raw,
              size_t raw_len)
{
    const struct ofp_bytes *inner = &msg->bundle_add.msg;
    struct ofp_msg m;
    int error;

    if (!h->bundle_open || msg->bundle_add.bundle_id != h->bundle_id) {
        send_error(h, -OFPERR_OFPBFC_BAD_ID, raw, raw_len);
        return;
    }
    error = ofp_msg_decode(inner->data, inner->len, &m);
    if (!error && m.kind != OFPK_FLOW_MOD && m.kind != OFPK_GROUP_MOD) {
        error = -OFPERR_OFPBFC_MSG_UNSUP;
    }
    if (error) {
        ofp_msg_uninit(&m);
        send_error(h, error, inner->data, inner->len);
        return;
    }
    if (h->n_bundle_msgs == h->allocated_bundle_msgs) {
        /* Doubling: a bundle of 11,000 flows must not cost 11,000 moves of
         * everything before it. */
        h->allocated_bundle_msgs = 2 * h->allocated_bundle_msgs + 64;
        h->bundle_msgs = xrealloc(h->bundle_msgs, h->allocated_bundle_msgs
                                                      * sizeof *h->bundle_msgs);
    }
    h->bundle_msgs[h->n_bundle_msgs++] = m;
}

/* Channel callbacks. */

static void
on_barrier(struct sim_host *h, uint32_t xid)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_BARRIER_REPLY, xid);
    send_msg(h, &msg);
    h->stats.n_barriers++;
    h->stats.last_barrier_us = sim_now_us();
    if (h->events.barrier) {
        h->events.barrier(h, h->aux);
    }
}

static void
on_message(struct ofp_channel *channel, struct ofp_msg *msg, const void *raw,
           size_t raw_len, void *h_)
{
    struct sim_host *h = h_;
    int error = 0;

    (void) channel;
    h->stats.n_rx_msgs++;
    h->stats.n_rx_bytes += raw_len;
    h->stats.last_rx_us = sim_now_us();
    switch (msg->kind) {
    case OFPK_FEATURES_REQUEST:
        send_features(h, msg->xid);
        break;
    case OFPK_PORT_DESC_REQUEST:
        send_port_desc(h, msg->xid);
        break;
    case OFPK_PONT_HOST_INFO_REQUEST:
        send_host_info(h, msg->xid);
        break;
    case OFPK_FLOW_MOD:
    case OFPK_GROUP_MOD:
        error = apply_mod(h, msg);
        break;
    case OFPK_BARRIER_REQUEST:
        on_barrier(h, msg->xid);
        break;
    case OFPK_BUNDLE_CONTROL:
        on_bundle_control(h, msg, raw, raw_len);
        break;
    case OFPK_BUNDLE_ADD:
        on_bundle_add(h, msg, raw, raw_len);
        break;
    case OFPK_FLOW_STATS_REQUEST:
        dump_flows(h, msg);
        break;
    case OFPK_GROUP_DESC_REQUEST:
        dump_groups(h, msg->xid);
        break;
    case OFPK_ERROR:
        fprintf(stderr, "sim%d: the controller sent an error: %s\n",
                h->index + 1, ofperr_name(msg->error.error));
        break;
    default:
        error = -OFPERR_OFPBRC_BAD_TYPE;
        break;
    }
    if (error) {
        send_error(h, error, raw, raw_len);
    }
}

static void
on_connected(struct ofp_channel *channel, void *h_)
{
    struct sim_host *h = h_;

    (void) channel;
    h->stats.connected = true;
}

static void
on_disconnected(struct ofp_channel *channel, int error, void *h_)
{
    struct sim_host *h = h_;

    if (h->stats.connected) {
        fprintf(stderr, "sim%d: disconnected: %s\n", h->index + 1,
                *ofp_channel_last_error(channel)
                    ? ofp_channel_last_error(channel)
                    : strerror(-error));
    }
    h->stats.connected = false;
    bundle_clear(h);
}

/* Lifetime. */

struct sim_host *
sim_host_create(struct event_base *base, int index,
                const struct sim_host_events *events, void *aux)
{
    struct sim_host *h = xzalloc(sizeof *h);

    h->base = base;
    h->index = index;
    h->events = *events;
    h->aux = aux;
    hmap_init(&h->flows);
    hmap_init(&h->groups);
    push_port(h, "eth1", "");
    push_port(h, "pont-tun", "");
    return h;
}

int
sim_host_connect(struct sim_host *h, const char *target, char **errorp)
{
    static const struct ofp_channel_callbacks callbacks = {
        .connected = on_connected,
        .message = on_message,
        .disconnected = on_disconnected,
    };
    struct ofp_channel_options o;

    ofp_channel_options_init(&o);
    o.max_backlog_bytes = 256u << 20;
    /* A controller busy compiling for a few seconds is not dead. */
    o.probe_interval_ms = 60000;
    o.min_backoff_ms = 100;
    o.max_backoff_ms = 1000;
    h->channel =
        ofp_channel_connect(h->base, target, &o, &callbacks, h, errorp);
    return h->channel ? 0 : -EINVAL;
}

void
sim_host_destroy(struct sim_host *h)
{
    if (!h) {
        return;
    }
    ofp_channel_destroy(h->channel);
    bundle_clear(h);
    for (struct hmap_node *n = hmap_first(&h->flows), *next; n; n = next) {
        next = hmap_next(&h->flows, n);
        flow_free(CONTAINER_OF(n, struct flow_entry, node));
    }
    for (struct hmap_node *n = hmap_first(&h->groups), *next; n; n = next) {
        next = hmap_next(&h->groups, n);
        group_free(CONTAINER_OF(n, struct group_entry, node));
    }
    hmap_destroy(&h->flows);
    hmap_destroy(&h->groups);
    free(h->ports);
    free(h);
}

/* Watching and statistics. */

void
sim_host_watch(struct sim_host *h, const struct eth_addr *mac)
{
    h->watch = *mac;
    h->watching = true;
    h->seen_src = h->seen_dst = false;
}

bool
sim_host_watch_done(const struct sim_host *h)
{
    return h->watching && h->seen_src && h->seen_dst;
}

void
sim_host_get_stats(const struct sim_host *h, struct sim_host_stats *s)
{
    *s = h->stats;
    s->n_flows = hmap_count(&h->flows);
    s->n_groups = hmap_count(&h->groups);
}
