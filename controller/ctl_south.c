/* The southbound's listener and sessions: accepting switches, the
 * handshake (features, ports, Pont host information, the first dump),
 * port changes, and telling the owner.  The sync of flows and groups is
 * ctl_south_sync.c's.  See ctl_south.h. */
#include "controller/ctl_south.h"

#include <errno.h>
#include <event2/event.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_south_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofp_target.h"
#include "ofproto/ofp_text.h"

VLOG_DEFINE_THIS_MODULE(ctl_south);

/* A port as the session knows it. */
struct sport {
    struct ofp_port pp;
    char key[OFP_BINDING_KEY_MAX + 1];
    bool reported; /* The owner heard of it (ADDED). */
};

enum session_state {
    SESSION_HELLO,     /* Waiting for the HELLO exchange. */
    SESSION_HANDSHAKE, /* Asking who the switch is and what it holds. */
    SESSION_UP,        /* The owner knows it. */
};

struct ctl_south_session {
    struct ctl_south *south;
    struct ctl_south_session *prev, *next; /* In south->sessions. */
    struct ofp_channel *channel;
    char peer[OFP_TARGET_NAME_MAX];
    void *aux;
    enum session_state state;
    uint32_t next_xid;

    /* The handshake's requests and what has come back. */
    uint32_t xid_features, xid_port_desc, xid_host_info;
    bool have_features, have_ports, have_host_info, dump_done;

    uint64_t dpid;
    bool is_pont;
    struct ofp_host_info info;       /* Without its ports. */
    struct ofp_host_info_port *keys; /* The handshake's, until ports. */
    size_t n_keys;

    struct sport *ports;
    size_t n_ports, allocated_ports;

    struct ctl_sync *sync;

    /* A message could not be queued (the output queue is full): the
     * session can no longer tell what the switch got, so it ends, from
     * the event loop, and the switch reconnects and is dumped again. */
    struct event *kill;
};

struct ctl_south {
    struct event_base *base;
    struct ofp_listener *listener;
    struct ctl_south_options options;
    struct ctl_south_callbacks cb;
    void *aux;
    struct ctl_south_session *sessions; /* Doubly linked list. */
};

void
ctl_south_options_init(struct ctl_south_options *o)
{
    o->probe_interval_ms = 5000;
    o->max_backlog_bytes = 256u << 20;
    o->use_bundles = true;
}

/* Sessions: life and death. */

static void
session_unlink(struct ctl_south_session *s)
{
    if (s->prev) {
        s->prev->next = s->next;
    } else {
        s->south->sessions = s->next;
    }
    if (s->next) {
        s->next->prev = s->prev;
    }
}

/* Ends 'session': tells the owner if it knew it, and frees it. */
static void
session_destroy(struct ctl_south_session *s)
{
    struct ctl_south *south = s->south;

    if (s->state == SESSION_UP) {
        VLOG_INFO("%s: down", ctl_session_name(s));
        if (south->cb.switch_down) {
            south->cb.switch_down(s, south->aux);
        }
    }
    session_unlink(s);
    event_free(s->kill);
    ofp_channel_destroy(s->channel);
    ctl_sync_destroy(s->sync);
    free(s->keys);
    free(s->ports);
    free(s);
}

const char *
ctl_session_name(const struct ctl_south_session *s)
{
    static char name[64 + OFP_TARGET_NAME_MAX];

    if (s->have_features) {
        snprintf(name, sizeof name, "switch %016" PRIx64 " (%s)", s->dpid,
                 s->peer);
    } else {
        snprintf(name, sizeof name, "switch at %s", s->peer);
    }
    return name;
}

uint32_t
ctl_session_next_xid(struct ctl_south_session *s)
{
    /* Never 0, which some switches use for their own messages. */
    if (!++s->next_xid) {
        s->next_xid = 1;
    }
    return s->next_xid;
}

/* Ends the session from the event loop after a failed send. */
static void
send_failed(struct ctl_south_session *s, int error)
{
    if (!event_pending(s->kill, EV_TIMEOUT, NULL)) {
        struct timeval now = {0, 0};

        VLOG_WARN("%s: cannot send (%s), disconnecting", ctl_session_name(s),
                  strerror(-error));
        event_add(s->kill, &now);
    }
}

int
ctl_session_send(struct ctl_south_session *s, const struct ofp_msg *msg)
{
    int error = ofp_channel_send(s->channel, msg);

    if (error) {
        send_failed(s, error);
    }
    return error;
}

int
ctl_session_send_raw(struct ctl_south_session *s, const void *data, size_t len)
{
    int error = ofp_channel_send_raw(s->channel, data, len);

    if (error) {
        send_failed(s, error);
    }
    return error;
}

bool
ctl_session_use_bundles(const struct ctl_south_session *s)
{
    return s->south->options.use_bundles;
}

struct ctl_sync *
ctl_session_sync(const struct ctl_south_session *s)
{
    return s->sync;
}

struct ofp_port_map *
ctl_session_port_map(const struct ctl_south_session *s)
{
    struct ofp_port_map *map = ofp_port_map_create();

    for (size_t i = 0; i < s->n_ports; i++) {
        ofp_port_map_add(map, s->ports[i].pp.port_no, s->ports[i].pp.name);
    }
    return map;
}

void
ctl_session_report(struct ctl_south_session *s,
                   const struct ctl_south_report *r)
{
    if (s->south->cb.applied) {
        s->south->cb.applied(s, r, s->south->aux);
    }
}

/* Ports. */

static struct sport *
find_port(const struct ctl_south_session *s, uint32_t port_no)
{
    for (size_t i = 0; i < s->n_ports; i++) {
        if (s->ports[i].pp.port_no == port_no) {
            return &s->ports[i];
        }
    }
    return NULL;
}

static struct sport *
add_port(struct ctl_south_session *s, const struct ofp_port *pp)
{
    struct sport *p;

    if (s->n_ports == s->allocated_ports) {
        s->allocated_ports = s->allocated_ports * 2 + 8;
        s->ports = xrealloc(s->ports, s->allocated_ports * sizeof *s->ports);
    }
    p = &s->ports[s->n_ports++];
    memset(p, 0, sizeof *p);
    p->pp = *pp;
    /* Open vSwitch cannot report a key: the name serves. */
    if (!s->is_pont) {
        snprintf(p->key, sizeof p->key, "%s", pp->name);
    }
    return p;
}

static void
tell_port(struct ctl_south_session *s, enum ctl_south_port_event event,
          const struct sport *p)
{
    struct ctl_south_port port = {
        .port_no = p->pp.port_no,
        .name = p->pp.name,
        .key = p->key,
        .config = p->pp.config,
        .state = p->pp.state,
    };

    if (s->south->cb.port_changed) {
        s->south->cb.port_changed(s, event, &port, s->south->aux);
    }
}

/* Applies the binding keys of a PONT_HOST_INFO_REPLY: every port it names
 * gets its key, the others ""; once the session is up, tells the owner of
 * ports it did not know yet and of changed keys. */
static void
apply_keys(struct ctl_south_session *s, const struct ofp_host_info_port *keys,
           size_t n_keys)
{
    for (size_t i = 0; i < s->n_ports; i++) {
        struct sport *p = &s->ports[i];
        const char *key = "";
        bool changed;

        for (size_t j = 0; j < n_keys; j++) {
            if (keys[j].port_no == p->pp.port_no) {
                key = keys[j].key;
                break;
            }
        }
        changed = strcmp(p->key, key) != 0;
        snprintf(p->key, sizeof p->key, "%s", key);
        if (s->state != SESSION_UP) {
            continue;
        }
        if (!p->reported) {
            p->reported = true;
            tell_port(s, CTL_SOUTH_PORT_ADDED, p);
        } else if (changed) {
            tell_port(s, CTL_SOUTH_PORT_CHANGED, p);
        }
    }
}

static void
request_host_info(struct ctl_south_session *s)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REQUEST, ctl_session_next_xid(s));
    s->xid_host_info = msg.xid;
    ctl_session_send(s, &msg);
}

static void
handle_port_status(struct ctl_south_session *s,
                   const struct ofp_port_status *ps)
{
    struct sport *p = find_port(s, ps->port.port_no);

    if (ps->reason == OFPPR_DELETE) {
        if (p) {
            struct sport gone = *p;

            ctl_sync_ports_changed(s->sync);
            *p = s->ports[--s->n_ports];
            if (gone.reported && s->state == SESSION_UP) {
                tell_port(s, CTL_SOUTH_PORT_REMOVED, &gone);
            }
        }
        return;
    }
    if (!p) {
        p = add_port(s, &ps->port);
        if (s->is_pont || s->state != SESSION_UP) {
            /* Reported once its key is known (apply_keys()). */
            if (s->is_pont) {
                request_host_info(s);
            }
            return;
        }
        p->reported = true;
        tell_port(s, CTL_SOUTH_PORT_ADDED, p);
        return;
    }
    if (strcmp(p->pp.name, ps->port.name)) {
        ctl_sync_ports_changed(s->sync);
    }
    p->pp = ps->port;
    if (!s->is_pont) {
        snprintf(p->key, sizeof p->key, "%s", ps->port.name);
    }
    if (p->reported && s->state == SESSION_UP) {
        tell_port(s, CTL_SOUTH_PORT_CHANGED, p);
    }
}

/* The handshake. */

static void
go_up(struct ctl_south_session *s)
{
    struct ctl_south *south = s->south;
    struct ctl_south_session *old = ctl_south_find(south, s->dpid);
    struct ctl_south_switch sw;

    if (old) {
        VLOG_INFO("%s: replaces the previous connection of the switch",
                  ctl_session_name(s));
        session_destroy(old);
    }
    s->state = SESSION_UP;
    VLOG_INFO("%s: up (%s%s, %zu ports)", ctl_session_name(s),
              s->is_pont ? "Pont, host " : "not Pont",
              s->is_pont ? s->info.host_id : "", s->n_ports);
    sw = (struct ctl_south_switch){
        .dpid = s->dpid,
        .is_pont = s->is_pont,
        .host_id = s->info.host_id,
        .tunnel_ip = s->info.tunnel_ip,
        .uplink = s->info.uplink,
        .peer = s->peer,
    };
    if (south->cb.switch_up) {
        south->cb.switch_up(s, &sw, south->aux);
    }
    for (size_t i = 0; i < s->n_ports; i++) {
        s->ports[i].reported = true;
        tell_port(s, CTL_SOUTH_PORT_ADDED, &s->ports[i]);
    }
    ctl_sync_run(s->sync);
}

static void
maybe_up(struct ctl_south_session *s)
{
    if (s->state == SESSION_HANDSHAKE && s->have_features && s->have_ports
        && s->have_host_info && s->dump_done) {
        if (s->is_pont) {
            apply_keys(s, s->keys, s->n_keys);
        }
        free(s->keys);
        s->keys = NULL;
        s->n_keys = 0;
        go_up(s);
    }
}

void
ctl_session_dump_done(struct ctl_south_session *s)
{
    s->dump_done = true;
    maybe_up(s);
}

static void
on_host_info(struct ctl_south_session *s, struct ofp_msg *msg)
{
    struct ofp_host_info *hi = &msg->host_info;

    if (s->state == SESSION_UP
        && (strcmp(hi->host_id, s->info.host_id)
            || hi->tunnel_ip != s->info.tunnel_ip
            || strcmp(hi->uplink, s->info.uplink))) {
        VLOG_INFO("%s: host is now %s (the controller sees this at the "
                  "next connection)",
                  ctl_session_name(s), hi->host_id);
    }
    if (s->state != SESSION_UP) {
        s->is_pont = true;
        s->have_host_info = true;
        s->info = *hi;
        s->info.ports = NULL;
        s->info.n_ports = 0;
        /* Keep the keys for when the port list is complete. */
        free(s->keys);
        s->keys = hi->ports;
        s->n_keys = hi->n_ports;
        hi->ports = NULL;
        hi->n_ports = 0;
        return;
    }
    apply_keys(s, hi->ports, hi->n_ports);
}

/* An OFPT_ERROR to one of the handshake's requests; returns false if the
 * session cannot go on. */
static bool
on_handshake_error(struct ctl_south_session *s, const struct ofp_msg *msg)
{
    if (msg->xid == s->xid_host_info && s->state == SESSION_HANDSHAKE) {
        /* Not Pont: Open vSwitch answers an unknown experimenter so. */
        s->is_pont = false;
        s->have_host_info = true;
        for (size_t i = 0; i < s->n_ports; i++) {
            snprintf(s->ports[i].key, sizeof s->ports[i].key, "%s",
                     s->ports[i].pp.name);
        }
        return true;
    }
    if (msg->xid == s->xid_features || msg->xid == s->xid_port_desc) {
        VLOG_WARN("%s: refused %s (%s), disconnecting", ctl_session_name(s),
                  msg->xid == s->xid_features ? "FEATURES_REQUEST"
                                              : "PORT_DESC request",
                  ofperr_name(msg->error.error));
        return false;
    }
    return true;
}

static void
on_port_desc(struct ctl_south_session *s, const struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->port_desc_reply.n; i++) {
        const struct ofp_port *pp = &msg->port_desc_reply.entries[i];

        if (!find_port(s, pp->port_no)) {
            add_port(s, pp);
        }
    }
    if (!(msg->mp_flags & OFPMPF_REPLY_MORE)) {
        s->have_ports = true;
    }
}

/* Handles 'msg'; returns false if the session must end. */
static bool
dispatch(struct ctl_south_session *s, struct ofp_msg *msg)
{
    switch (msg->kind) {
    case OFPK_FEATURES_REPLY:
        if (msg->xid == s->xid_features && !s->have_features) {
            s->dpid = msg->features_reply.datapath_id;
            s->have_features = true;
        }
        return true;
    case OFPK_PORT_DESC_REPLY:
        if (msg->xid == s->xid_port_desc && !s->have_ports) {
            on_port_desc(s, msg);
        }
        return true;
    case OFPK_PONT_HOST_INFO_REPLY:
        if (msg->xid == s->xid_host_info) {
            on_host_info(s, msg);
        }
        return true;
    case OFPK_PORT_STATUS:
        handle_port_status(s, &msg->port_status);
        return true;
    case OFPK_ERROR:
        if (ctl_sync_handle_msg(s->sync, msg)) {
            return true;
        }
        if (!on_handshake_error(s, msg)) {
            return false;
        }
        return true;
    default:
        if (!ctl_sync_handle_msg(s->sync, msg)) {
            VLOG_DBG("%s: ignored %s", ctl_session_name(s),
                     ofp_msg_kind_name(msg->kind));
        }
        return true;
    }
}

/* Channel callbacks. */

static void
on_connected(struct ofp_channel *channel, void *s_)
{
    struct ctl_south_session *s = s_;
    struct ofp_msg msg;

    (void) channel;
    s->state = SESSION_HANDSHAKE;
    ofp_msg_init(&msg, OFPK_FEATURES_REQUEST, ctl_session_next_xid(s));
    s->xid_features = msg.xid;
    ctl_session_send(s, &msg);
    ofp_msg_init(&msg, OFPK_PORT_DESC_REQUEST, ctl_session_next_xid(s));
    s->xid_port_desc = msg.xid;
    ctl_session_send(s, &msg);
    request_host_info(s);
    ctl_sync_start_dump(s->sync);
}

static void
on_message(struct ofp_channel *channel, struct ofp_msg *msg, const void *raw,
           size_t raw_len, void *s_)
{
    struct ctl_south_session *s = s_;

    (void) channel;
    (void) raw;
    (void) raw_len;
    if (!dispatch(s, msg)) {
        session_destroy(s);
        return;
    }
    maybe_up(s);
}

static void
on_disconnected(struct ofp_channel *channel, int error, void *s_)
{
    struct ctl_south_session *s = s_;

    VLOG_INFO("%s: disconnected: %s", ctl_session_name(s),
              *ofp_channel_last_error(channel) ? ofp_channel_last_error(channel)
                                               : strerror(-error));
    session_destroy(s);
}

static void
on_kill(evutil_socket_t fd, short what, void *s_)
{
    (void) fd;
    (void) what;
    session_destroy(s_);
}

static void
on_accept(struct ofp_listener *listener, struct ofp_channel *channel,
          void *south_)
{
    struct ctl_south *south = south_;
    struct ctl_south_session *s = xzalloc(sizeof *s);

    (void) listener;
    s->south = south;
    s->aux = south->aux;
    s->channel = channel;
    snprintf(s->peer, sizeof s->peer, "%s", ofp_channel_name(channel));
    s->sync = ctl_sync_create(s);
    s->kill = evtimer_new(south->base, on_kill, s);
    s->next = south->sessions;
    if (s->next) {
        s->next->prev = s;
    }
    south->sessions = s;
    ofp_channel_set_aux(channel, s);
    VLOG_DBG("accepted %s", s->peer);
}

/* The southbound. */

/* Turns "tcp:IP[:PORT]" into "ptcp:PORT:IP" (PORT 0 allowed, as for a
 * listener) and "unix:PATH" into "punix:PATH"; other targets stay.  The
 * listener checks the result. */
static char *
listen_target(const char *target)
{
    const char *host = target + 4, *port;
    size_t host_len;

    if (!strncmp(target, "unix:", 5)) {
        return xasprintf("p%s", target);
    }
    if (strncmp(target, "tcp:", 4)) {
        return xstrdup(target);
    }
    if (*host == '[') {
        port = strchr(host, ']');
        port = port && port[1] == ':' ? port + 2 : NULL;
        host_len = port ? (size_t) (port - 1 - host) : strlen(host);
    } else {
        port = strchr(host, ':');
        host_len = port ? (size_t) (port - host) : strlen(host);
        port = port ? port + 1 : NULL;
    }
    return xasprintf("ptcp:%s:%.*s", port ? port : "6653", (int) host_len,
                     host);
}

struct ctl_south *
ctl_south_create(struct event_base *base, const char *target,
                 const struct ctl_south_options *options,
                 const struct ctl_south_callbacks *cb, void *aux, char **errorp)
{
    struct ctl_south *south = xzalloc(sizeof *south);
    struct ofp_listener_callbacks lcb = {
        .accept = on_accept,
        .channel = {on_connected, on_message, on_disconnected},
    };
    struct ofp_channel_options co;
    char *ptarget = listen_target(target);

    south->base = base;
    if (options) {
        south->options = *options;
    } else {
        ctl_south_options_init(&south->options);
    }
    south->cb = *cb;
    south->aux = aux;
    ofp_channel_options_init(&co);
    co.probe_interval_ms = south->options.probe_interval_ms;
    co.max_backlog_bytes = south->options.max_backlog_bytes;
    south->listener =
        ofp_listener_open(base, ptarget, &co, &lcb, south, errorp);
    free(ptarget);
    if (!south->listener) {
        free(south);
        return NULL;
    }
    VLOG_INFO("listening for switches on %s",
              ofp_listener_name(south->listener));
    return south;
}

void
ctl_south_destroy(struct ctl_south *south)
{
    if (!south) {
        return;
    }
    ofp_listener_destroy(south->listener);
    while (south->sessions) {
        session_destroy(south->sessions);
    }
    free(south);
}

int
ctl_south_port(const struct ctl_south *south)
{
    return ofp_listener_port(south->listener);
}

struct ctl_south_session *
ctl_south_find(const struct ctl_south *south, uint64_t dpid)
{
    for (struct ctl_south_session *s = south->sessions; s; s = s->next) {
        if (s->state == SESSION_UP && s->dpid == dpid) {
            return s;
        }
    }
    return NULL;
}

/* Sessions, for the owner. */

uint64_t
ctl_south_session_dpid(const struct ctl_south_session *s)
{
    return s->dpid;
}

bool
ctl_south_session_is_pont(const struct ctl_south_session *s)
{
    return s->is_pont;
}

const char *
ctl_south_session_host_id(const struct ctl_south_session *s)
{
    return s->info.host_id;
}

void
ctl_south_session_set_aux(struct ctl_south_session *s, void *aux)
{
    s->aux = aux;
}

void *
ctl_south_session_get_aux(const struct ctl_south_session *s)
{
    return s->aux;
}

int
ctl_south_apply(struct ctl_south_session *s, const struct ctl_flowset *set,
                char **errorp)
{
    return ctl_sync_apply(s->sync, set, errorp);
}

bool
ctl_south_session_is_busy(const struct ctl_south_session *s)
{
    return s->state != SESSION_UP || ctl_sync_is_busy(s->sync);
}

void
ctl_south_session_get_stats(const struct ctl_south_session *s,
                            struct ctl_south_stats *stats)
{
    ctl_sync_get_stats(s->sync, stats);
}
