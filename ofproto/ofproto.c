/* An OpenFlow switch: lifetime, ports, fail mode, periodic work.  See
 * ofproto.h; flow tables are in ofproto_flow.c, translation in xlate*.c,
 * megaflows in ofproto_upcall.c, connections in connmgr.c. */
#include "ofproto/ofproto.h"

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datapath/dpif.h"
#include "lib/hash.h"
#include "lib/rcu.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/mac_learning.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/ofproto_upcall.h"
#include "ofproto/tunnel.h"

/* How often the periodic work runs, and the parts of it that need not run
 * every time. */
#define RUN_INTERVAL_MS 100
#define EXPIRE_INTERVAL_MS 500

long long
ofproto_time_msec(void)
{
    return time_msec();
}

long long
ofproto_wall_msec(void)
{
    return time_wall_msec();
}

void
ofproto_duration(long long since_ms, uint32_t *sec, uint32_t *nsec)
{
    long long elapsed = ofproto_wall_msec() - since_ms;

    if (elapsed < 0) {
        elapsed = 0;
    }
    *sec = elapsed / 1000;
    *nsec = (elapsed % 1000) * 1000000;
}

/* Lifetime. */

static void run_cb(evutil_socket_t, short, void *);

/* A datapath id that stays the same for a bridge of a host: a locally
 * administered address derived from "HOST_ID/NAME" (or the name alone
 * while there is no host id) in the low 48 bits, so that the bridges of
 * the same name on different hosts differ. */
static uint64_t
default_datapath_id(const char *host_id, const char *name)
{
    char key[OFP_HOST_ID_MAX + 2 + 256];
    uint32_t h1, h2;
    uint64_t mac;

    snprintf(key, sizeof key, "%s%s%s", host_id, host_id[0] ? "/" : "",
             name);
    h1 = hash_bytes(key, strlen(key), 0);
    h2 = hash_bytes(key, strlen(key), 1);
    mac = ((uint64_t) h1 << 16 | (h2 & 0xffff)) & 0xffffffffffffull;
    return (mac & ~0x010000000000ull) | 0x020000000000ull;
}

int
ofproto_create(const char *name, struct dpif *dpif, struct event_base *base,
               struct ofproto **ofprotop, char **errorp)
{
    struct ofproto *ofproto = xzalloc(sizeof *ofproto);
    struct timeval interval = {0, RUN_INTERVAL_MS * 1000};
    int error;

    ofproto->name = xstrdup(name);
    ofproto->dpif = dpif;
    ofproto->base = base;
    ofproto->datapath_id = default_datapath_id("", name);
    ofproto->fail_mode = OFPROTO_FAIL_SECURE;
    atomic_init(&ofproto->version, CLS_VERSION_MIN);
    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        cls_init(&ofproto->tables[i].cls);
        ofproto->tables[i].max_flows = OFPROTO_MAX_FLOWS_PER_TABLE;
    }
    hmap_init(&ofproto->expirable);
    pthread_mutex_init(&ofproto->dead_mutex, NULL);
    pthread_rwlock_init(&ofproto->xlate_rwlock, NULL);
    hmap_init(&ofproto->ports);
    hmap_init(&ofproto->ports_by_dp);
    ofproto_groups_init(ofproto);
    ofproto_meters_init(ofproto);
    ofproto->ml = mac_learning_create(MAC_LEARNING_DEFAULT_IDLE_S,
                                      MAC_LEARNING_DEFAULT_MAX);
    ofproto->neigh = tnl_neigh_create();
    ofproto->connmgr = connmgr_create(ofproto, base);
    ofproto->port_change_seq = dpif_port_change_seq(dpif);

    error = udpif_create(ofproto, &ofproto->udpif, errorp);
    if (error) {
        ofproto_destroy(ofproto);
        return error;
    }
    ofproto->timer = event_new(base, -1, EV_PERSIST, run_cb, ofproto);
    event_add(ofproto->timer, &interval);
    ofproto_controllers_changed(ofproto);
    *ofprotop = ofproto;
    return 0;
}

static void
free_port(struct ofport *port)
{
    free(port->tnl);
    free(port);
}

void
ofproto_destroy(struct ofproto *ofproto)
{
    if (!ofproto) {
        return;
    }
    if (ofproto->timer) {
        event_free(ofproto->timer);
    }
    /* Connections first, so that nothing arrives while the tables go;
     * then the megaflows, which hold references to rules. */
    connmgr_destroy(ofproto->connmgr);
    ofproto->connmgr = NULL;
    udpif_destroy(ofproto->udpif);
    ofproto->udpif = NULL;
    ofproto_flush_rules(ofproto);
    rcu_barrier();
    ofproto_reap_dead_rules(ofproto);
    rcu_barrier();
    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        cls_destroy(&ofproto->tables[i].cls);
    }
    ofproto_groups_destroy(ofproto);
    ofproto_meters_destroy(ofproto);
    for (struct hmap_node *n = hmap_first(&ofproto->ports), *next; n;
         n = next) {
        next = hmap_next(&ofproto->ports, n);
        free_port(CONTAINER_OF(n, struct ofport, ofp_node));
    }
    hmap_destroy(&ofproto->ports);
    hmap_destroy(&ofproto->ports_by_dp);
    hmap_destroy(&ofproto->expirable);
    mac_learning_destroy(ofproto->ml);
    tnl_neigh_destroy(ofproto->neigh);
    pthread_rwlock_destroy(&ofproto->xlate_rwlock);
    pthread_mutex_destroy(&ofproto->dead_mutex);
    free(ofproto->dead);
    free(ofproto->name);
    free(ofproto);
}

const char *
ofproto_name(const struct ofproto *ofproto)
{
    return ofproto->name;
}

void
ofproto_set_datapath_id(struct ofproto *ofproto, uint64_t datapath_id)
{
    ofproto->datapath_id = datapath_id;
    ofproto->datapath_id_set = true;
}

uint64_t
ofproto_get_datapath_id(const struct ofproto *ofproto)
{
    return ofproto->datapath_id;
}

/* Ports. */

static uint32_t
hash_port(uint32_t port)
{
    return hash_finish(hash_add64(0, port), 4);
}

struct ofport *
ofproto_port_by_ofp(const struct ofproto *ofproto, uint32_t ofp_port)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ofproto->ports, hash_port(ofp_port));
         n; n = hmap_next_with_hash(n)) {
        struct ofport *port = CONTAINER_OF(n, struct ofport, ofp_node);

        if (port->pp.port_no == ofp_port) {
            return port;
        }
    }
    return NULL;
}

struct ofport *
ofproto_port_by_dp(const struct ofproto *ofproto, uint32_t dp_port)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ofproto->ports_by_dp, hash_port(dp_port));
         n; n = hmap_next_with_hash(n)) {
        struct ofport *port = CONTAINER_OF(n, struct ofport, dp_node);

        if (port->dp_port == dp_port) {
            return port;
        }
    }
    return NULL;
}

/* Fills the OpenFlow state of 'pp' from what the datapath says of it. */
static void
port_state_from_dpif(struct ofp_port *pp, const struct dpif_port *dport)
{
    uint32_t speed_mbps = dport->speed_mbps ? dport->speed_mbps : 10000;

    pp->hw_addr = dport->hw_addr;
    pp->config = (pp->config & ~OFPPC_PORT_DOWN)
                 | (dport->admin_up ? 0 : OFPPC_PORT_DOWN);
    pp->state =
        dport->link_up && dport->admin_up ? OFPPS_LIVE : OFPPS_LINK_DOWN;
    pp->curr =
        (speed_mbps >= 10000 ? OFPPF_10GB_FD : OFPPF_1GB_FD) | OFPPF_COPPER;
    pp->supported = pp->curr;
    pp->advertised = 0;
    pp->peer = 0;
    pp->curr_speed = speed_mbps * 1000;
    pp->max_speed = speed_mbps * 1000;
}

static uint32_t
pick_port_number(const struct ofproto *ofproto, const char *name)
{
    if (!strcmp(name, ofproto->name)
        && !ofproto_port_by_ofp(ofproto, OFPP_LOCAL)) {
        return OFPP_LOCAL;
    }
    for (uint32_t n = 1; n <= 0xfeff; n++) {
        if (!ofproto_port_by_ofp(ofproto, n)) {
            return n;
        }
    }
    return 0;
}

static int
check_port_number(const struct ofproto *ofproto, uint32_t ofp_port,
                  char **errorp)
{
    if (!ofp_port) {
        return ofp_text_errorf(errorp,
                               "bridge %s has no free OpenFlow port "
                               "number left",
                               ofproto->name);
    }
    if (ofp_port > 0xfeff && ofp_port != OFPP_LOCAL) {
        return ofp_text_errorf(errorp,
                               "OpenFlow port number %u is out of "
                               "range: use 1 to 65279",
                               ofp_port);
    }
    if (ofproto_port_by_ofp(ofproto, ofp_port)) {
        return ofp_text_errorf(errorp,
                               "OpenFlow port number %u is already "
                               "in use on bridge %s",
                               ofp_port, ofproto->name);
    }
    return 0;
}

int
ofproto_port_add(struct ofproto *ofproto, uint32_t dp_port, uint32_t ofp_port,
                 uint32_t *ofp_portp, char **errorp)
{
    struct dpif_port dport;
    struct ofport *port;
    int error;

    error = dpif_port_query(ofproto->dpif, dp_port, &dport);
    if (error) {
        ofp_text_errorf(errorp, "datapath port %u does not exist", dp_port);
        return error;
    }
    if (!ofp_port) {
        ofp_port = pick_port_number(ofproto, dport.name);
    }
    error = check_port_number(ofproto, ofp_port, errorp);
    if (error) {
        dpif_port_destroy(&dport);
        return error;
    }

    port = xzalloc(sizeof *port);
    port->dp_port = dp_port;
    port->pp.port_no = ofp_port;
    snprintf(port->pp.name, sizeof port->pp.name, "%s", dport.name);
    port_state_from_dpif(&port->pp, &dport);
    port->created_ms = ofproto_wall_msec();
    dpif_port_destroy(&dport);

    pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
    hmap_insert(&ofproto->ports, &port->ofp_node, hash_port(ofp_port));
    hmap_insert(&ofproto->ports_by_dp, &port->dp_node, hash_port(dp_port));
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);

    connmgr_send_port_status(ofproto->connmgr, OFPPR_ADD, &port->pp);
    ofproto_schedule_revalidation(ofproto);
    *ofp_portp = ofp_port;
    return 0;
}

void
ofproto_set_host_id(struct ofproto *ofproto, const char *host_id)
{
    snprintf(ofproto->host_id, sizeof ofproto->host_id, "%s", host_id);
    if (!ofproto->datapath_id_set) {
        ofproto->datapath_id = default_datapath_id(ofproto->host_id,
                                                   ofproto->name);
    }
}

int
ofproto_port_set_iface_id(struct ofproto *ofproto, uint32_t ofp_port,
                          const char *iface_id)
{
    struct ofport *port = ofproto_port_by_ofp(ofproto, ofp_port);

    if (!port) {
        return -ENOENT;
    }
    snprintf(port->iface_id, sizeof port->iface_id, "%s",
             iface_id ? iface_id : "");
    return 0;
}

int
ofproto_port_set_tunnel(struct ofproto *ofproto, uint32_t ofp_port,
                        const struct dpif_option *options, size_t n,
                        char **errorp)
{
    struct ofport *port = ofproto_port_by_ofp(ofproto, ofp_port);
    struct tnl_config *cfg, *old;
    int error;

    if (!port) {
        return ofp_text_errorf(errorp, "bridge %s has no OpenFlow port %u",
                               ofproto->name, ofp_port);
    }
    error = tnl_config_parse(port->pp.name, options, n, &cfg, errorp);
    if (error) {
        return error;
    }
    pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
    old = port->tnl;
    port->tnl = cfg;
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);
    free(old);
    ofproto_schedule_revalidation(ofproto);
    return 0;
}

void
ofproto_format_tunnels(const struct ofproto *ofproto, struct strbuf *out)
{
    for (struct hmap_node *n = hmap_first(&ofproto->ports); n;
         n = hmap_next(&ofproto->ports, n)) {
        const struct ofport *port = CONTAINER_OF(n, struct ofport, ofp_node);

        if (port->tnl) {
            strbuf_printf(out, "tunnel %s (vxlan): ", port->pp.name);
            tnl_config_format(port->tnl, out);
            strbuf_putc(out, '\n');
        }
    }
    tnl_neigh_format(ofproto->neigh, ofproto_time_msec(), out);
}

int
ofproto_port_del(struct ofproto *ofproto, uint32_t ofp_port)
{
    struct ofport *port = ofproto_port_by_ofp(ofproto, ofp_port);

    if (!port) {
        return -ENOENT;
    }
    pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
    hmap_remove(&ofproto->ports, &port->ofp_node);
    hmap_remove(&ofproto->ports_by_dp, &port->dp_node);
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);

    mac_learning_flush_port(ofproto->ml, ofp_port);
    connmgr_send_port_status(ofproto->connmgr, OFPPR_DELETE, &port->pp);
    ofproto_schedule_revalidation(ofproto);
    free_port(port);
    return 0;
}

/* Polls the datapath for changes of link state, and reports them. */
static void
poll_ports(struct ofproto *ofproto)
{
    uint64_t seq = dpif_port_change_seq(ofproto->dpif);

    if (seq == ofproto->port_change_seq) {
        return;
    }
    ofproto->port_change_seq = seq;
    for (struct hmap_node *n = hmap_first(&ofproto->ports); n;
         n = hmap_next(&ofproto->ports, n)) {
        struct ofport *port = CONTAINER_OF(n, struct ofport, ofp_node);
        struct ofp_port pp = port->pp;
        struct dpif_port dport;

        if (dpif_port_query(ofproto->dpif, port->dp_port, &dport)) {
            continue;
        }
        port_state_from_dpif(&pp, &dport);
        dpif_port_destroy(&dport);
        if (memcmp(&pp, &port->pp, sizeof pp)) {
            pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
            port->pp = pp;
            pthread_rwlock_unlock(&ofproto->xlate_rwlock);
            connmgr_send_port_status(ofproto->connmgr, OFPPR_MODIFY, &pp);
            ofproto_schedule_revalidation(ofproto);
        }
    }
}

/* Connections and fail mode. */

int
ofproto_set_controllers(struct ofproto *ofproto, const char *const *targets,
                        size_t n, char **errorp)
{
    return connmgr_set_controllers(ofproto->connmgr, targets, n, errorp);
}

int
ofproto_set_listeners(struct ofproto *ofproto, const char *const *targets,
                      size_t n, char **errorp)
{
    return connmgr_set_listeners(ofproto->connmgr, targets, n, errorp);
}

uint16_t
ofproto_listener_port(const struct ofproto *ofproto, const char *target)
{
    return connmgr_listener_port(ofproto->connmgr, target);
}

/* Standalone mode acts as a learning switch while no controller is
 * connected, overriding the flow tables (which stay as they are). */
static void
update_fail_open(struct ofproto *ofproto)
{
    bool fail_open = ofproto->fail_mode == OFPROTO_FAIL_STANDALONE
                     && !connmgr_has_controller(ofproto->connmgr);

    if (fail_open != ofproto->fail_open) {
        pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
        ofproto->fail_open = fail_open;
        pthread_rwlock_unlock(&ofproto->xlate_rwlock);
        ofproto_schedule_revalidation(ofproto);
    }
}

void
ofproto_controllers_changed(struct ofproto *ofproto)
{
    if (ofproto->connmgr) {
        update_fail_open(ofproto);
    }
}

void
ofproto_set_fail_mode(struct ofproto *ofproto, enum ofproto_fail_mode mode)
{
    ofproto->fail_mode = mode;
    update_fail_open(ofproto);
}

enum ofproto_fail_mode
ofproto_get_fail_mode(const struct ofproto *ofproto)
{
    return ofproto->fail_mode;
}

void
ofproto_format_status(const struct ofproto *ofproto, struct strbuf *sb)
{
    size_t n_flows = 0;

    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        n_flows += ofproto->tables[i].n_flows;
    }
    strbuf_printf(sb, "    datapath_id: %016llx\n",
                  (unsigned long long) ofproto->datapath_id);
    strbuf_printf(
        sb, "    fail_mode: %s%s\n",
        ofproto->fail_mode == OFPROTO_FAIL_SECURE ? "secure" : "standalone",
        ofproto->fail_open ? " (no controller: learning switch)" : "");
    strbuf_printf(sb, "    flows: %zu, groups: %zu, meters: %zu\n", n_flows,
                  hmap_count(&ofproto->groups), hmap_count(&ofproto->meters));
    connmgr_format_status(ofproto->connmgr, sb);
}

/* Periodic work. */

static void
run_cb(evutil_socket_t fd, short what, void *ofproto_)
{
    struct ofproto *ofproto = ofproto_;
    long long now = ofproto_time_msec();

    (void) fd;
    (void) what;
    ofproto_reap_dead_rules(ofproto);
    poll_ports(ofproto);
    udpif_run(ofproto->udpif);
    if (now >= ofproto->next_expire_ms) {
        ofproto->next_expire_ms = now + EXPIRE_INTERVAL_MS;
        ofproto_expire_rules(ofproto);
        if (mac_learning_expire(ofproto->ml, now)) {
            ofproto_schedule_revalidation(ofproto);
        }
    }
}
