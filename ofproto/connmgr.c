/* The connection manager: the sets of controllers and listeners of one
 * switch, their channels' events, status, and the dispatch of
 * asynchronous messages.  See connmgr.h; one connection's messages are in
 * ofconn.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/connmgr_private.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofp_target.h"
#include "ofproto/ofproto_private.h"

struct connmgr *
connmgr_create(struct ofproto *ofproto, struct event_base *base)
{
    struct connmgr *mgr = xzalloc(sizeof *mgr);

    mgr->ofproto = ofproto;
    mgr->base = base;
    hmap_init(&mgr->ofconns);
    hmap_init(&mgr->listeners);
    return mgr;
}

static void listener_destroy(struct connmgr_listener *);

void
connmgr_destroy(struct connmgr *mgr)
{
    struct hmap_node *n;

    if (!mgr) {
        return;
    }
    while ((n = hmap_first(&mgr->ofconns))) {
        ofconn_destroy(CONTAINER_OF(n, struct ofconn, node));
    }
    while ((n = hmap_first(&mgr->listeners))) {
        listener_destroy(CONTAINER_OF(n, struct connmgr_listener, node));
    }
    hmap_destroy(&mgr->ofconns);
    hmap_destroy(&mgr->listeners);
    free(mgr);
}

bool
connmgr_has_controller(const struct connmgr *mgr)
{
    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        const struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        if (ofconn->type == OFCONN_CONTROLLER && ofconn_is_connected(ofconn)) {
            return true;
        }
    }
    return false;
}

/* Tells ofproto when the first controller connection comes up or the last
 * one goes down. */
static void
update_has_controller(struct connmgr *mgr)
{
    bool has = connmgr_has_controller(mgr);

    if (has != mgr->had_controller) {
        mgr->had_controller = has;
        ofproto_controllers_changed(mgr->ofproto);
    }
}

/* Channel events. */

static void
channel_connected(struct ofp_channel *channel, void *ofconn_)
{
    struct ofconn *ofconn = ofconn_;

    (void) channel;
    ofconn_reset(ofconn);
    update_has_controller(ofconn->mgr);
}

static void
channel_message(struct ofp_channel *channel, struct ofp_msg *msg,
                const void *raw, size_t raw_len, void *ofconn_)
{
    struct ofconn *ofconn = ofconn_;
    int error = ofconn_handle_msg(ofconn, msg, raw, raw_len);

    (void) channel;
    if (error) {
        ofconn_send_error(ofconn, error, raw, raw_len);
    }
    if (ofconn->overflowed) {
        connmgr_ofconn_overflow(ofconn);
    }
}

static void
channel_disconnected(struct ofp_channel *channel, int error, void *ofconn_)
{
    struct ofconn *ofconn = ofconn_;
    struct connmgr *mgr = ofconn->mgr;

    (void) channel;
    (void) error;
    if (ofconn->type == OFCONN_SERVICE) {
        ofconn_destroy(ofconn);
    } else {
        /* Free the bundles and buffers now rather than at the next
         * connection. */
        ofconn_reset(ofconn);
    }
    update_has_controller(mgr);
}

static const struct ofp_channel_callbacks channel_callbacks = {
    .connected = channel_connected,
    .message = channel_message,
    .disconnected = channel_disconnected,
};

static int
controller_connect(struct ofconn *ofconn, char **errorp)
{
    ofconn->channel =
        ofp_channel_connect(ofconn->mgr->base, ofconn->target, NULL,
                            &channel_callbacks, ofconn, errorp);
    return ofconn->channel ? 0 : -EINVAL;
}

void
connmgr_ofconn_overflow(struct ofconn *ofconn)
{
    struct connmgr *mgr = ofconn->mgr;
    char *error = NULL;

    if (ofconn->type == OFCONN_SERVICE) {
        ofconn_destroy(ofconn);
        return;
    }
    /* Destroying a controller's channel would end its reconnection: a new
     * channel to the same target takes over. */
    ofp_channel_destroy(ofconn->channel);
    ofconn_reset(ofconn);
    if (controller_connect(ofconn, &error)) {
        /* The target was accepted before, so this cannot fail but for
         * lack of memory; the controller stays without a channel. */
        free(error);
    }
    update_has_controller(mgr);
}

/* Controllers. */

static struct ofconn *
find_controller(const struct connmgr *mgr, const char *target)
{
    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        if (ofconn->type == OFCONN_CONTROLLER
            && !strcmp(ofconn->target, target)) {
            return ofconn;
        }
    }
    return NULL;
}

/* Parses every target of 'targets' into a new array of canonical names
 * (the caller frees it with free_names()), or returns NULL with '*errorp'
 * set if one is bad. */
static char **
parse_targets(const char *const *targets, size_t n, enum ofp_target_role role,
              char **errorp)
{
    char **names = xzalloc((n ? n : 1) * sizeof *names);

    for (size_t i = 0; i < n; i++) {
        struct ofp_target t;
        char *error = NULL;

        if (ofp_target_parse(targets[i], role, &t, &error)) {
            for (size_t j = 0; j < i; j++) {
                free(names[j]);
            }
            free(names);
            if (errorp) {
                *errorp = error;
            } else {
                free(error);
            }
            return NULL;
        }
        names[i] = xstrdup(t.name);
    }
    return names;
}

static void
free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
}

static bool
names_contain(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i], name)) {
            return true;
        }
    }
    return false;
}

int
connmgr_set_controllers(struct connmgr *mgr, const char *const *targets,
                        size_t n, char **errorp)
{
    char **names = parse_targets(targets, n, OFP_TARGET_ACTIVE, errorp);
    int error = 0;

    if (!names) {
        return -EINVAL;
    }
    for (struct hmap_node *node = hmap_first(&mgr->ofconns), *next; node;
         node = next) {
        struct ofconn *ofconn = CONTAINER_OF(node, struct ofconn, node);

        next = hmap_next(&mgr->ofconns, node);
        if (ofconn->type == OFCONN_CONTROLLER
            && !names_contain(names, n, ofconn->target)) {
            ofconn_destroy(ofconn);
        }
    }
    for (size_t i = 0; i < n && !error; i++) {
        if (!find_controller(mgr, names[i])) {
            struct ofconn *ofconn = ofconn_create(mgr, OFCONN_CONTROLLER);

            ofconn->target = xstrdup(names[i]);
            error = controller_connect(ofconn, errorp);
            if (error) {
                ofconn_destroy(ofconn);
            }
        }
    }
    free_names(names, n);
    update_has_controller(mgr);
    return error;
}

/* Listeners. */

static void
listener_accept(struct ofp_listener *ofl, struct ofp_channel *channel, void *l_)
{
    struct connmgr_listener *l = l_;
    struct ofconn *ofconn = ofconn_create(l->mgr, OFCONN_SERVICE);

    (void) ofl;
    ofconn->channel = channel;
    ofconn->listener = l;
    l->n_conns++;
    ofp_channel_set_aux(channel, ofconn);
}

static const struct ofp_listener_callbacks listener_callbacks = {
    .accept = listener_accept,
    .channel =
        {
            .connected = channel_connected,
            .message = channel_message,
            .disconnected = channel_disconnected,
        },
};

static struct connmgr_listener *
find_listener(const struct connmgr *mgr, const char *target)
{
    for (struct hmap_node *n = hmap_first_with_hash(
             &mgr->listeners, hash_bytes(target, strlen(target), 0));
         n; n = hmap_next_with_hash(n)) {
        struct connmgr_listener *l =
            CONTAINER_OF(n, struct connmgr_listener, node);

        if (!strcmp(l->target, target)) {
            return l;
        }
    }
    return NULL;
}

/* Removing a listener closes the connections it accepted, so that taking
 * a listener out of the configuration really locks its tools out. */
static void
listener_destroy(struct connmgr_listener *l)
{
    struct connmgr *mgr = l->mgr;

    for (struct hmap_node *n = hmap_first(&mgr->ofconns), *next; n; n = next) {
        struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        next = hmap_next(&mgr->ofconns, n);
        if (ofconn->listener == l) {
            ofconn_destroy(ofconn);
        }
    }
    hmap_remove(&mgr->listeners, &l->node);
    ofp_listener_destroy(l->listener);
    free(l->target);
    free(l);
}

static int
listener_create(struct connmgr *mgr, const char *target, char **errorp)
{
    struct connmgr_listener *l = xzalloc(sizeof *l);

    l->mgr = mgr;
    l->target = xstrdup(target);
    l->listener = ofp_listener_open(mgr->base, target, NULL,
                                    &listener_callbacks, l, errorp);
    if (!l->listener) {
        free(l->target);
        free(l);
        return -EINVAL;
    }
    hmap_insert(&mgr->listeners, &l->node,
                hash_bytes(target, strlen(target), 0));
    return 0;
}

/* Opens the new listeners first, and closes those no longer wanted only
 * if all opened: a failure (an address in use) leaves the set as it was. */
int
connmgr_set_listeners(struct connmgr *mgr, const char *const *targets, size_t n,
                      char **errorp)
{
    char **names = parse_targets(targets, n, OFP_TARGET_PASSIVE, errorp);
    bool *opened;
    int error = 0;

    if (!names) {
        return -EINVAL;
    }
    opened = xzalloc((n ? n : 1) * sizeof *opened);
    for (size_t i = 0; i < n && !error; i++) {
        if (!find_listener(mgr, names[i])) {
            error = listener_create(mgr, names[i], errorp);
            opened[i] = !error;
        }
    }
    for (struct hmap_node *node = hmap_first(&mgr->listeners), *next; node;
         node = next) {
        struct connmgr_listener *l =
            CONTAINER_OF(node, struct connmgr_listener, node);
        bool wanted = names_contain(names, n, l->target);
        bool new = false;

        next = hmap_next(&mgr->listeners, node);
        for (size_t i = 0; i < n && !new; i++) {
            new = opened[i] && !strcmp(names[i], l->target);
        }
        if (error ? new : !wanted) {
            listener_destroy(l);
        }
    }
    free(opened);
    free_names(names, n);
    return error;
}

uint16_t
connmgr_listener_port(const struct connmgr *mgr, const char *target)
{
    struct connmgr_listener *l;
    struct ofp_target t;
    char *error = NULL;

    if (ofp_target_parse(target, OFP_TARGET_PASSIVE, &t, &error)) {
        free(error);
        return 0;
    }
    l = find_listener(mgr, t.name);
    return l ? ofp_listener_port(l->listener) : 0;
}

/* Status. */

static const char *
role_name(uint32_t role)
{
    switch (role) {
    case OFPCR_ROLE_MASTER:
        return "master";
    case OFPCR_ROLE_SLAVE:
        return "slave";
    default:
        return "equal";
    }
}

static int
compare_ofconn_targets(const void *a_, const void *b_)
{
    const struct ofconn *const *a = a_;
    const struct ofconn *const *b = b_;

    return strcmp((*a)->target, (*b)->target);
}

static int
compare_listener_targets(const void *a_, const void *b_)
{
    const struct connmgr_listener *const *a = a_;
    const struct connmgr_listener *const *b = b_;

    return strcmp((*a)->target, (*b)->target);
}

static void
format_controller(const struct ofconn *ofconn, struct strbuf *sb)
{
    struct ofp_channel_status st;

    if (!ofconn->channel) {
        strbuf_printf(sb, "    controller %s: no channel\n", ofconn->target);
        return;
    }
    ofp_channel_get_status(ofconn->channel, &st);
    strbuf_printf(sb, "    controller %s: %s", ofconn->target,
                  st.is_connected ? "connected" : "not connected");
    if (st.is_connected) {
        strbuf_printf(sb, ", role %s", role_name(ofconn->role));
    }
    strbuf_printf(sb, ", %lld s in state", st.state_age_ms / 1000);
    if (ofconn->n_pin_rate_dropped || ofconn->n_async_queue_dropped) {
        strbuf_printf(sb,
                      ", dropped %llu packet-ins over the rate limit"
                      " and %llu messages on a full queue",
                      (unsigned long long) ofconn->n_pin_rate_dropped,
                      (unsigned long long) ofconn->n_async_queue_dropped);
    }
    if (st.last_error[0]) {
        strbuf_printf(sb, ", last error: %s", st.last_error);
    }
    strbuf_putc(sb, '\n');
}

static void
format_listener(const struct connmgr_listener *l, struct strbuf *sb)
{
    const char *error = ofp_listener_last_error(l->listener);

    strbuf_printf(sb, "    listener %s: %zu connection%s",
                  ofp_listener_name(l->listener), l->n_conns,
                  l->n_conns == 1 ? "" : "s");
    if (error[0]) {
        strbuf_printf(sb, ", last error: %s", error);
    }
    strbuf_putc(sb, '\n');
}

void
connmgr_format_status(const struct connmgr *mgr, struct strbuf *sb)
{
    const struct ofconn **ctls;
    const struct connmgr_listener **ls;
    size_t n_ctls = 0, n_ls = 0;

    ctls = xmalloc((hmap_count(&mgr->ofconns) + 1) * sizeof *ctls);
    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        const struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        if (ofconn->type == OFCONN_CONTROLLER) {
            ctls[n_ctls++] = ofconn;
        }
    }
    qsort(ctls, n_ctls, sizeof *ctls, compare_ofconn_targets);
    for (size_t i = 0; i < n_ctls; i++) {
        format_controller(ctls[i], sb);
    }
    free(ctls);

    ls = xmalloc((hmap_count(&mgr->listeners) + 1) * sizeof *ls);
    for (struct hmap_node *n = hmap_first(&mgr->listeners); n;
         n = hmap_next(&mgr->listeners, n)) {
        ls[n_ls++] = CONTAINER_OF(n, struct connmgr_listener, node);
    }
    qsort(ls, n_ls, sizeof *ls, compare_listener_targets);
    for (size_t i = 0; i < n_ls; i++) {
        format_listener(ls[i], sb);
    }
    free(ls);
}

/* Asynchronous messages. */

void
connmgr_send_packet_in(struct connmgr *mgr, const struct connmgr_packet_in *cpi)
{
    long long now_ms = ofproto_time_msec();

    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);
        struct ofp_msg msg;

        if (!ofconn_wants_async(ofconn, CONNMGR_ASYNC_PACKET_IN,
                                cpi->pi.reason)) {
            continue;
        }
        if (!connmgr_bucket_take(&ofconn->pin_bucket, now_ms)) {
            ofconn->n_pin_rate_dropped++;
            continue;
        }
        /* 'msg' borrows the packet's bytes: not uninitialized. */
        ofp_msg_init(&msg, OFPK_PACKET_IN, 0);
        connmgr_pktbuf_packet_in(ofconn->pktbuf, cpi, now_ms, &msg.packet_in);
        if (ofconn_send_async(ofconn, &msg)) {
            connmgr_pktbuf_discard(ofconn->pktbuf, msg.packet_in.buffer_id);
        }
    }
}

void
connmgr_send_flow_removed(struct connmgr *mgr,
                          const struct ofp_flow_removed *fr)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_FLOW_REMOVED, 0);
    msg.flow_removed = *fr;
    msg.flow_removed.reason = connmgr_flow_removed_reason_13(fr->reason);
    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        if (ofconn_wants_async(ofconn, CONNMGR_ASYNC_FLOW_REMOVED,
                               msg.flow_removed.reason)) {
            ofconn_send_async(ofconn, &msg);
        }
    }
}

void
connmgr_send_port_status(struct connmgr *mgr, uint8_t reason,
                         const struct ofp_port *port)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_PORT_STATUS, 0);
    msg.port_status.reason = reason;
    msg.port_status.port = *port;
    for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
         n = hmap_next(&mgr->ofconns, n)) {
        struct ofconn *ofconn = CONTAINER_OF(n, struct ofconn, node);

        if (ofconn_wants_async(ofconn, CONNMGR_ASYNC_PORT_STATUS, reason)) {
            ofconn_send_async(ofconn, &msg);
        }
    }
}
