/* Keeping every switch in line with the model.  See ctl_reconcile.h. */
#include "controller/ctl_reconcile.h"

#include <errno.h>
#include <time.h>
#include <event2/event.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_compile.h"
#include "controller/ctl_controller.h"
#include "controller/ctl_flowset.h"
#include "controller/ctl_model.h"
#include "controller/ctl_rest.h"
#include "controller/ctl_south.h"
#include "lib/hash.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(ctl_reconcile);

/* A recompilation round works for at most this long before it lets the
 * event loop run (sending what it applied, serving the API), and goes on
 * in the loop's next iteration. */
#define SLICE_US 10000

/* What a session is to us: the host it is, the binding keys its switch
 * reports (to drop bindings it no longer has), and a digest of the flow
 * set last given to it, so that a host whose flows did not change costs
 * no parsing and no diff. */
struct reported_key {
    char *key;
    uint32_t ofport;
};

struct host_session {
    char host[CTL_NAME_MAX + 1];
    struct reported_key *keys; /* Reported by its switch. */
    size_t n_keys;
    bool stale_checked; /* Bindings it no longer has dropped. */
    bool has_digest;
    uint64_t digest;
};

/* The hosts to compile, in order: those a change is most urgent for (the
 * host of a port just bound) first, then the others in the order they
 * became stale, so that a stream of changes starves no host. */
struct ctl_reconcile {
    struct ctl_controller *ctl;
    struct ctl_model *model;
    struct ctl_south *south;
    struct event *recompile; /* Pending while 'queue' is not empty. */
    bool unsaved;            /* Bindings changed since the last save. */
    char (*queue)[CTL_NAME_MAX + 1];
    size_t n_queue, allocated_queue;
    /* inputs_digest() of the model as of a time since when every host
     * has been queued; 'inputs_stale' until the first slice after
     * queueing them computes it. */
    uint64_t inputs;
    bool inputs_stale;
};

static uint64_t inputs_digest(const struct ctl_model *);

static long long
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void
arm(struct ctl_reconcile *s)
{
    static const struct timeval now = {0, 0};

    /* A timer, not event_active(): it runs after the loop polled the
     * sockets, so that what one slice applied goes out before the next. */
    event_add(s->recompile, &now);
}

static ptrdiff_t
queue_find(const struct ctl_reconcile *s, const char *host)
{
    for (size_t i = 0; i < s->n_queue; i++) {
        if (!strcmp(s->queue[i], host)) {
            return (ptrdiff_t) i;
        }
    }
    return -1;
}

/* Queues 'host' last if 'urgent' is false and it is not queued yet, or
 * first (moving it there) if 'urgent'. */
static void
enqueue(struct ctl_reconcile *s, const char *host, bool urgent)
{
    ptrdiff_t i = queue_find(s, host);

    if (i >= 0 && !urgent) {
        return;
    }
    if (i >= 0) {
        memmove(&s->queue[1], &s->queue[0], (size_t) i * sizeof *s->queue);
    } else {
        if (s->n_queue == s->allocated_queue) {
            s->allocated_queue = s->allocated_queue * 2 + 16;
            s->queue =
                xrealloc(s->queue, s->allocated_queue * sizeof *s->queue);
        }
        if (urgent) {
            memmove(&s->queue[1], &s->queue[0], s->n_queue * sizeof *s->queue);
        }
        s->n_queue++;
    }
    snprintf(s->queue[urgent ? 0 : s->n_queue - 1], sizeof *s->queue, "%s",
             host);
}

/* Every host's flows may be stale: queues them all, 'urgent' (if nonnull)
 * first. */
static void
schedule(struct ctl_reconcile *s, const char *urgent)
{
    const struct ctl_host *const *hosts;
    size_t n = ctl_model_hosts(s->model, &hosts);

    for (size_t i = 0; i < n; i++) {
        enqueue(s, hosts[i]->name, false);
    }
    if (urgent) {
        enqueue(s, urgent, true);
    }
    s->inputs_stale = true;
    arm(s);
}

/* Notes a change of the bindings of 'host': saved, with the others that
 * come with it, before the next recompilation, which starts with
 * 'host'. */
static void
save(struct ctl_reconcile *s, const char *host)
{
    s->unsaved = true;
    schedule(s, host);
}

/* Switches. */

/* The model's host for the switch 'sw', registering a Pont switch, or
 * NULL if the switch is no host of the model. */
static const struct ctl_host *
host_of(struct ctl_reconcile *s, const struct ctl_south_switch *sw)
{
    struct ctl_host h;
    char *error = NULL;

    if (!sw->is_pont) {
        return ctl_model_host_by_dpid(s->model, sw->dpid);
    }
    if (ctl_parse_name("host", sw->host_id, h.name, &error)) {
        VLOG_WARN("switch %016" PRIx64 " at %s: %s", sw->dpid, sw->peer, error);
        free(error);
        return NULL;
    }
    memset(&h, 0, sizeof h);
    snprintf(h.name, sizeof h.name, "%s", sw->host_id);
    h.dpid = sw->dpid;
    h.tunnel_ip = sw->tunnel_ip;
    snprintf(h.uplink, sizeof h.uplink, "%s", sw->uplink);
    if (ctl_model_put_host(s->model, &h, 0, NULL, &error)) {
        VLOG_WARN("switch %016" PRIx64 " at %s cannot register as host %s: "
                  "%s",
                  sw->dpid, sw->peer, h.name, error);
        free(error);
        return NULL;
    }
    ctl_controller_save(s->ctl);
    return ctl_model_host(s->model, h.name);
}

static void
switch_up(struct ctl_south_session *session, const struct ctl_south_switch *sw,
          void *s_)
{
    struct ctl_reconcile *s = s_;
    const struct ctl_host *h = host_of(s, sw);
    struct host_session *hs;

    if (!h) {
        if (!sw->is_pont) {
            VLOG_WARN(
                "switch %016" PRIx64 " at %s is no host of the model: "
                "declare it with pontctl host add NAME --dpid %016" PRIx64,
                sw->dpid, sw->peer, sw->dpid);
        }
        return;
    }
    hs = xzalloc(sizeof *hs);
    snprintf(hs->host, sizeof hs->host, "%s", h->name);
    ctl_south_session_set_aux(session, hs);
    VLOG_INFO("host %s is up: switch %016" PRIx64 " at %s", h->name, sw->dpid,
              sw->peer);
    schedule(s, h->name);
}

static void
host_session_free(struct host_session *hs)
{
    if (hs) {
        for (size_t i = 0; i < hs->n_keys; i++) {
            free(hs->keys[i].key);
        }
        free(hs->keys);
        free(hs);
    }
}

static void
switch_down(struct ctl_south_session *session, void *s_)
{
    struct host_session *hs = ctl_south_session_get_aux(session);

    if (hs) {
        VLOG_INFO("host %s is down", hs->host);
    }
    host_session_free(hs);
    ctl_south_session_set_aux(session, NULL);
    (void) s_;
}

static bool
has_key(const struct host_session *hs, const char *key)
{
    for (size_t i = 0; i < hs->n_keys; i++) {
        if (!strcmp(hs->keys[i].key, key)) {
            return true;
        }
    }
    return false;
}

/* Records that the switch of 'hs' reports 'key' at 'ofport', or no
 * longer does. */
static void
note_key(struct host_session *hs, const char *key, uint32_t ofport,
         bool present)
{
    for (size_t i = 0; i < hs->n_keys; i++) {
        if (!strcmp(hs->keys[i].key, key)) {
            if (!present) {
                free(hs->keys[i].key);
                hs->keys[i] = hs->keys[--hs->n_keys];
            } else {
                hs->keys[i].ofport = ofport;
            }
            return;
        }
    }
    if (present) {
        hs->keys = xrealloc(hs->keys, (hs->n_keys + 1) * sizeof *hs->keys);
        hs->keys[hs->n_keys++] = (struct reported_key){xstrdup(key), ofport};
    }
}

static void
port_changed(struct ctl_south_session *session, enum ctl_south_port_event ev,
             const struct ctl_south_port *port, void *s_)
{
    struct ctl_reconcile *s = s_;
    struct host_session *hs = ctl_south_session_get_aux(session);
    const struct ctl_binding *b;

    if (!hs || !port->key[0]) {
        return;
    }
    note_key(hs, port->key, port->port_no, ev != CTL_SOUTH_PORT_REMOVED);
    if (!ctl_model_port_by_iface(s->model, port->key)) {
        return;
    }
    b = ctl_model_binding(s->model, port->key);
    if (ev == CTL_SOUTH_PORT_REMOVED) {
        if (b && !strcmp(b->host, hs->host)) {
            ctl_model_unbind(s->model, port->key, hs->host);
            save(s, hs->host);
        }
    } else if (!b || strcmp(b->host, hs->host) || b->ofport != port->port_no) {
        VLOG_INFO("port %s is on host %s, OpenFlow port %" PRIu32, port->key,
                  hs->host, port->port_no);
        ctl_model_bind(s->model, port->key, hs->host, port->port_no);
        save(s, hs->host);
    }
}

static void
applied(struct ctl_south_session *session, const struct ctl_south_report *r,
        void *s_)
{
    struct host_session *hs = ctl_south_session_get_aux(session);

    VLOG_DBG("host %s: %zu messages, %zu+%zu-%zu flows, %zu+%zu-%zu groups, "
             "barrier after %lld us%s%s",
             hs ? hs->host : "?", r->n_msgs, r->n_flow_adds, r->n_flow_mods,
             r->n_flow_dels, r->n_group_adds, r->n_group_mods, r->n_group_dels,
             r->barrier_us, r->error[0] ? ": " : "", r->error);
    if (r->n_errors) {
        VLOG_WARN("host %s refused flows: %s", hs ? hs->host : "?", r->error);
        if (hs) {
            /* What it holds is not what we gave it: give it again. */
            hs->has_digest = false;
            schedule(s_, hs->host);
        }
    }
}

/* Recompiling. */

/* The session of host 'h', if its switch is up as that host. */
static struct ctl_south_session *
session_of(const struct ctl_reconcile *s, const struct ctl_host *h)
{
    struct ctl_south_session *session;
    struct host_session *hs;

    if (!h->dpid || !(session = ctl_south_find(s->south, h->dpid))) {
        return NULL;
    }
    hs = ctl_south_session_get_aux(session);
    return hs && !strcmp(hs->host, h->name) ? session : NULL;
}

/* Drops the bindings to 'hs''s host of keys its switch does not report
 * (ports removed while the controller was away).  True if any. */
static bool
drop_stale_bindings(struct ctl_reconcile *s, const struct host_session *hs)
{
    const struct ctl_binding *const *bindings;
    size_t n = ctl_model_bindings(s->model, &bindings);
    char **stale = NULL;
    size_t n_stale = 0;

    for (size_t i = 0; i < n; i++) {
        if (!strcmp(bindings[i]->host, hs->host)
            && !has_key(hs, bindings[i]->iface)) {
            stale = xrealloc(stale, (n_stale + 1) * sizeof *stale);
            stale[n_stale++] = xstrdup(bindings[i]->iface);
        }
    }
    for (size_t i = 0; i < n_stale; i++) {
        ctl_model_unbind(s->model, stale[i], hs->host);
        free(stale[i]);
    }
    free(stale);
    return n_stale > 0;
}

/* A digest of 'set' (sorted, as the compiler makes it). */
static uint64_t
flowset_digest(const struct ctl_flowset *set)
{
    uint32_t a = 0, b = 1;

    for (size_t i = 0; i < set->n_groups; i++) {
        const struct ctl_group *g = &set->groups[i];

        a = hash_bytes(&g->id, sizeof g->id, a);
        a = hash_bytes(g->spec, strlen(g->spec) + 1, a);
        b = hash_bytes(g->spec, strlen(g->spec) + 1, b ^ g->id);
    }
    for (size_t i = 0; i < set->n_flows; i++) {
        const struct ctl_flow *f = &set->flows[i];
        uint64_t head = (uint64_t) f->table << 16 | f->priority;

        a = hash_bytes(&head, sizeof head, a);
        a = hash_bytes(&f->cookie, sizeof f->cookie, a);
        a = hash_bytes(f->match, strlen(f->match) + 1, a);
        a = hash_bytes(f->actions, strlen(f->actions) + 1, a);
        b = hash_bytes(f->match, strlen(f->match) + 1, b ^ (uint32_t) head);
        b = hash_bytes(f->actions, strlen(f->actions) + 1,
                       b ^ (uint32_t) f->cookie);
    }
    return (uint64_t) a << 32 | b;
}

/* Compiles host 'h' and gives its session the flows, unless they are the
 * ones it was given last. */
static void
recompile_host(struct ctl_reconcile *s, const struct ctl_host *h,
               struct ctl_flowset *set)
{
    struct ctl_south_session *session = session_of(s, h);
    struct host_session *hs;
    char *error = NULL;
    uint64_t digest;

    if (!session) {
        return;
    }
    hs = ctl_south_session_get_aux(session);
    ctl_compile_host(s->model, h->name, set);
    digest = flowset_digest(set);
    if (hs->has_digest && hs->digest == digest) {
        return;
    }
    if (ctl_south_apply(session, set, &error)) {
        VLOG_WARN("host %s: cannot apply its flows: %s", h->name, error);
        free(error);
        hs->has_digest = false;
        return;
    }
    hs->digest = digest;
    hs->has_digest = true;
}

/* Drops, once per session, the bindings of keys that its switch no
 * longer reports, then saves the bindings if they changed. */
static void
check_bindings(struct ctl_reconcile *s)
{
    const struct ctl_host *const *hosts;
    size_t n = ctl_model_hosts(s->model, &hosts);
    bool dropped = false;

    for (size_t i = 0; i < n; i++) {
        struct ctl_south_session *session = session_of(s, hosts[i]);
        struct host_session *hs;

        if (!session || ctl_south_session_is_busy(session)) {
            continue;
        }
        hs = ctl_south_session_get_aux(session);
        if (!hs->stale_checked) {
            hs->stale_checked = true;
            dropped |= drop_stale_bindings(s, hs);
        }
    }
    if (dropped) {
        schedule(s, NULL);
    }
    if (dropped || s->unsaved) {
        ctl_controller_save(s->ctl);
        s->unsaved = false;
    }
}

/* Compiles the queued hosts, first first, for at most SLICE_US (at least
 * one host), and leaves the rest to the next iteration of the loop. */
static void
recompile_cb(evutil_socket_t fd, short what, void *s_)
{
    struct ctl_reconcile *s = s_;
    long long start = now_us();
    struct ctl_flowset set;
    size_t done = 0;

    (void) fd;
    (void) what;
    check_bindings(s);
    if (s->inputs_stale) {
        s->inputs = inputs_digest(s->model);
        s->inputs_stale = false;
    }
    ctl_flowset_init(&set);
    while (done < s->n_queue && (!done || now_us() - start < SLICE_US)) {
        const struct ctl_host *h = ctl_model_host(s->model, s->queue[done]);

        done++;
        if (h) {
            recompile_host(s, h, &set);
        }
    }
    ctl_flowset_uninit(&set);
    s->n_queue -= done;
    if (s->n_queue) {
        memmove(&s->queue[0], &s->queue[done], s->n_queue * sizeof *s->queue);
        arm(s);
    }
}

/* The REST API's questions. */

static bool
rest_connected(const char *host, void *s_)
{
    struct ctl_reconcile *s = s_;
    const struct ctl_host *h = ctl_model_host(s->model, host);

    return h && session_of(s, h);
}

static char *
rest_compile(const struct ctl_model *model, const char *host, void *s_,
             char **errorp)
{
    struct strbuf sb = STRBUF_INIT;
    struct ctl_flowset set;

    (void) s_;
    if (!ctl_model_host(model, host)) {
        *errorp = xasprintf("there is no host %s; pontctl host list shows "
                            "them",
                            host);
        return NULL;
    }
    ctl_flowset_init(&set);
    ctl_compile_host(model, host, &set);
    ctl_flowset_format(&set, &sb);
    ctl_flowset_uninit(&set);
    return strbuf_steal(&sb);
}

/* A digest of everything the compiler reads (ctl_compile.h): hosts,
 * networks, and the ports that are bound, with their bindings.  A port
 * nobody has plugged in yet changes no host's flows, so creating or
 * editing it costs no recompilation. */
static uint64_t
inputs_digest(const struct ctl_model *model)
{
    const struct ctl_binding *const *bindings;
    const struct ctl_network *const *nets;
    const struct ctl_host *const *hosts;
    size_t n_bindings = ctl_model_bindings(model, &bindings);
    size_t n_nets = ctl_model_networks(model, &nets);
    size_t n_hosts = ctl_model_hosts(model, &hosts);
    uint32_t a = 0, b = 1;

    for (size_t i = 0; i < n_hosts; i++) {
        struct ctl_host h = *hosts[i];

        h.rev = 0;
        h.declared = false;
        a = hash_bytes(&h, sizeof h, a);
    }
    for (size_t i = 0; i < n_nets; i++) {
        struct ctl_network n = *nets[i];

        n.rev = 0;
        b = hash_bytes(&n, sizeof n, b);
    }
    for (size_t i = 0; i < n_bindings; i++) {
        const struct ctl_port *p =
            ctl_model_port_by_iface(model, bindings[i]->iface);
        struct ctl_port port;

        a = hash_bytes(bindings[i], sizeof *bindings[i], a);
        if (p) {
            port = *p;
            port.rev = 0;
            b = hash_bytes(&port, sizeof port, b);
        }
    }
    return (uint64_t) a << 32 | b;
}

/* Binds the model's unbound ports whose keys a switch reported before the
 * ports existed (a VM started before the admin defined its port). */
static void
bind_reported_keys(struct ctl_reconcile *s)
{
    const struct ctl_host *const *hosts;
    size_t n = ctl_model_hosts(s->model, &hosts);

    for (size_t i = 0; i < n; i++) {
        struct ctl_south_session *session = session_of(s, hosts[i]);
        struct host_session *hs;

        if (!session) {
            continue;
        }
        hs = ctl_south_session_get_aux(session);
        for (size_t j = 0; j < hs->n_keys; j++) {
            const struct reported_key *k = &hs->keys[j];
            const struct ctl_binding *b = ctl_model_binding(s->model, k->key);

            if (!b && ctl_model_port_by_iface(s->model, k->key)) {
                VLOG_INFO("port %s is on host %s, OpenFlow port %" PRIu32,
                          k->key, hs->host, k->ofport);
                ctl_model_bind(s->model, k->key, hs->host, k->ofport);
                save(s, hs->host);
            }
        }
    }
}

static void
rest_change(struct ctl_model *model, void *s_)
{
    struct ctl_reconcile *s = s_;

    bind_reported_keys(s);

    /* While stale, every host is queued and will see this change. */
    if (s->inputs_stale || inputs_digest(model) != s->inputs) {
        schedule(s, NULL);
    }
}

/* Lifetime. */

struct ctl_reconcile *
ctl_reconcile_create(struct ctl_controller *ctl, char **errorp)
{
    static const struct ctl_south_callbacks callbacks = {
        .switch_up = switch_up,
        .port_changed = port_changed,
        .switch_down = switch_down,
        .applied = applied,
    };
    const struct ctl_listen_addr *addr = ctl_controller_listen(ctl);
    struct ctl_reconcile *s = xzalloc(sizeof *s);
    struct ctl_rest *rest = ctl_controller_rest(ctl);
    int n_priorities;
    char target[80];

    s->ctl = ctl;
    s->model = ctl_controller_model(ctl);
    snprintf(target, sizeof target,
             strchr(addr->ip, ':') ? "tcp:[%s]:%u" : "tcp:%s:%u", addr->ip,
             addr->port);
    s->south = ctl_south_create(ctl_controller_base(ctl), target, NULL,
                                &callbacks, s, errorp);
    if (!s->south) {
        free(s);
        return NULL;
    }
    s->recompile = evtimer_new(ctl_controller_base(ctl), recompile_cb, s);
    /* If the loop has priorities, ours is the lowest: a slice waits for
     * every message and API request that is ready. */
    n_priorities = event_base_get_npriorities(ctl_controller_base(ctl));
    if (n_priorities > 1) {
        event_priority_set(s->recompile, n_priorities - 1);
    }
    ctl_rest_set_connected_cb(rest, rest_connected, s);
    ctl_rest_set_compile_cb(rest, rest_compile, s);
    ctl_rest_set_change_cb(rest, rest_change, s);
    return s;
}

void
ctl_reconcile_destroy(struct ctl_reconcile *s)
{
    struct ctl_rest *rest;

    if (!s) {
        return;
    }
    rest = ctl_controller_rest(s->ctl);
    ctl_rest_set_connected_cb(rest, NULL, NULL);
    ctl_rest_set_compile_cb(rest, NULL, NULL);
    ctl_rest_set_change_cb(rest, NULL, NULL);
    ctl_south_destroy(s->south);
    event_free(s->recompile);
    free(s->queue);
    free(s);
}

int
ctl_reconcile_port(const struct ctl_reconcile *s)
{
    return ctl_south_port(s->south);
}
