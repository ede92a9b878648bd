/* The dummy datapath's ports: configuration, queries, statistics and
 * output.  See dpif_dummy.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif_dummy.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/hash.h"
#include "lib/rcu.h"
#include "lib/util.h"

#define DUMMY_MTU 1500

/* A locally administered unicast address that depends on the name only. */
static struct eth_addr
hw_addr_from_name(const char *name)
{
    size_t len = strlen(name);
    uint32_t h1 = hash_bytes(name, len, 0);
    uint32_t h2 = hash_bytes(name, len, h1);
    struct eth_addr ea = {{h1 >> 24, h1 >> 16, h1 >> 8, h1, h2 >> 8, h2}};

    ea.ea[0] = (ea.ea[0] & ~1u) | 2u;
    return ea;
}

/* What the options of a port ask for. */
struct port_options {
    enum dummy_port_kind kind;
    const char *path;
};

static int
parse_options(const struct dpif_port_config *cfg, struct port_options *po,
              char **errorp)
{
    bool is_dummy = !strcmp(cfg->type, "dummy");

    if (!is_dummy && strcmp(cfg->type, "internal")
        && strcmp(cfg->type, "vxlan")) {
        dpif_set_error(errorp,
                       "Port \"%s\" has type \"%s\", which the dummy datapath "
                       "does not have; use type dummy, internal or vxlan.",
                       cfg->name, cfg->type);
        return -EINVAL;
    }
    po->kind = DUMMY_PORT_MEMORY;
    po->path = NULL;
    for (size_t i = 0; i < cfg->n_options; i++) {
        const struct dpif_option *o = &cfg->options[i];
        bool listen = o->key && !strcmp(o->key, "sock");

        if (!is_dummy || !o->key
            || (!listen && strcmp(o->key, "sock-connect"))) {
            dpif_set_error(
                errorp,
                "Port \"%s\" of type %s has an unknown option \"%s\"; "
                "%s.",
                cfg->name, cfg->type, o->key ? o->key : "",
                is_dummy ? "the known ones are sock and sock-connect"
                         : "this type takes no options");
            return -EINVAL;
        }
        if (po->path) {
            dpif_set_error(errorp,
                           "Port \"%s\" has more than one socket option; give "
                           "either sock or sock-connect, once.",
                           cfg->name);
            return -EINVAL;
        }
        if (!o->value || !o->value[0]) {
            dpif_set_error(errorp,
                           "Option %s of port \"%s\" needs a socket path; give "
                           "one, as in %s=/tmp/p1.sock.",
                           o->key, cfg->name, o->key);
            return -EINVAL;
        }
        po->kind = listen ? DUMMY_PORT_LISTEN : DUMMY_PORT_CONNECT;
        po->path = o->value;
    }
    return 0;
}

static struct dummy_port *
find_by_name_locked(const struct dpif_dummy *dp, const char *name)
{
    const struct dummy_idtab *tab = dp->ports;

    for (size_t i = 0; tab && i < tab->n; i++) {
        struct dummy_port *port = tab->e[i].ptr;

        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

/* Returns the lowest port number from 1 that is free. */
static uint32_t
lowest_free_locked(const struct dpif_dummy *dp)
{
    const struct dummy_idtab *tab = dp->ports;
    uint32_t want = 1;

    for (size_t i = 0; tab && i < tab->n; i++) {
        if (tab->e[i].id == want) {
            want++;
        } else if (tab->e[i].id > want) {
            break;
        }
    }
    return want;
}

/* Checks the name and number of a new port; sets '*port_nop'. */
static int
check_unique_locked(const struct dpif_dummy *dp,
                    const struct dpif_port_config *cfg, uint32_t *port_nop,
                    char **errorp)
{
    if (find_by_name_locked(dp, cfg->name)) {
        dpif_set_error(
            errorp,
            "Datapath \"%s\" already has a port named \"%s\"; choose "
            "another name.",
            dp->up.name, cfg->name);
        return -EEXIST;
    }
    if (cfg->port_no == DPIF_PORT_ANY) {
        *port_nop = lowest_free_locked(dp);
    } else if (dummy_idtab_find(dp->ports, cfg->port_no)) {
        dpif_set_error(errorp,
                       "Port number %" PRIu32
                       " is taken in datapath \"%s\"; ask "
                       "for another or for any.",
                       cfg->port_no, dp->up.name);
        return -EEXIST;
    } else {
        *port_nop = cfg->port_no;
    }
    return 0;
}

static struct dummy_port *
port_create(struct dpif_dummy *dp, const struct dpif_port_config *cfg,
            uint32_t port_no, enum dummy_port_kind kind)
{
    struct dummy_port *port = xzalloc(sizeof *port);

    port->dp = dp;
    port->port_no = port_no;
    port->name = xstrdup(cfg->name);
    port->type = xstrdup(cfg->type);
    port->hw_addr = hw_addr_from_name(cfg->name);
    port->kind = kind;
    atomic_init(&port->admin_up, true);
    pthread_mutex_init(&port->mutex, NULL);
    port->listen_fd = -1;
    atomic_init(&port->conn_fd, -1);
    if (kind == DUMMY_PORT_MEMORY) {
        port->txq = xmalloc(DPIF_DUMMY_TXQ_MAX * sizeof *port->txq);
    }
    return port;
}

void
dummy_port_free(struct dummy_port *port)
{
    if (!port) {
        return;
    }
    dummy_sock_close(port);
    for (size_t i = 0; i < port->txq_count; i++) {
        dp_packet_delete(port->txq[(port->txq_head + i) % DPIF_DUMMY_TXQ_MAX]);
    }
    free(port->txq);
    pthread_mutex_destroy(&port->mutex);
    free(port->name);
    free(port->type);
    free(port);
}

static void
port_free_cb(void *port)
{
    dummy_port_free(port);
}

int
dummy_port_add(struct dpif *dpif, const struct dpif_port_config *cfg,
               uint32_t *port_nop, char **errorp)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct port_options po;
    struct dummy_port *port;
    uint32_t port_no;
    int error;

    error = parse_options(cfg, &po, errorp);
    if (error) {
        return error;
    }
    pthread_mutex_lock(&dp->mutex);
    error = check_unique_locked(dp, cfg, &port_no, errorp);
    if (error) {
        goto out_unlock;
    }
    port = port_create(dp, cfg, port_no, po.kind);
    if (po.path) {
        error = dummy_sock_open(port, po.path, po.kind == DUMMY_PORT_LISTEN,
                                errorp);
        if (!error) {
            error = dummy_thread_start(dp, errorp);
        }
        if (error) {
            dummy_port_free(port);
            goto out_unlock;
        }
    }
    dummy_idtab_replace(&dp->ports, dummy_idtab_with(dp->ports, port_no, port));
    atomic_fetch_add(&dp->port_seq, 1);
    *port_nop = port_no;
    dummy_thread_wake(dp);

out_unlock:
    pthread_mutex_unlock(&dp->mutex);
    return error;
}

int
dummy_port_del(struct dpif *dpif, uint32_t port_no)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = dummy_idtab_find(dp->ports, port_no);
    if (port) {
        dummy_idtab_replace(&dp->ports,
                            dummy_idtab_without(dp->ports, port_no));
        atomic_fetch_add(&dp->port_seq, 1);
        rcu_postpone(port_free_cb, port);
        dummy_thread_wake(dp);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

void
dummy_ports_destroy(struct dpif_dummy *dp)
{
    struct dummy_idtab *tab = dp->ports;

    for (size_t i = 0; tab && i < tab->n; i++) {
        rcu_postpone(port_free_cb, tab->e[i].ptr);
    }
    dp->ports = NULL;
    free(tab);
}

static void
port_describe(const struct dummy_port *port, struct dpif_port *out)
{
    out->port_no = port->port_no;
    out->name = xstrdup(port->name);
    out->type = xstrdup(port->type);
    out->hw_addr = port->hw_addr;
    out->link_up =
        port->kind == DUMMY_PORT_MEMORY || atomic_load(&port->conn_fd) >= 0;
    out->admin_up = atomic_load(&port->admin_up);
    out->mtu = DUMMY_MTU;
    out->speed_mbps = 0;
}

int
dummy_port_query(struct dpif *dpif, uint32_t port_no, const char *name,
                 struct dpif_port *out)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = name ? find_by_name_locked(dp, name)
                : dummy_idtab_find(dp->ports, port_no);
    if (port) {
        port_describe(port, out);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

int
dummy_port_dump(struct dpif *dpif, struct dpif_port **ports, size_t *n)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    const struct dummy_idtab *tab;

    pthread_mutex_lock(&dp->mutex);
    tab = dp->ports;
    *n = tab ? tab->n : 0;
    *ports = xzalloc((*n ? *n : 1) * sizeof **ports);
    for (size_t i = 0; i < *n; i++) {
        port_describe(tab->e[i].ptr, &(*ports)[i]);
    }
    pthread_mutex_unlock(&dp->mutex);
    return 0;
}

int
dummy_port_get_stats(struct dpif *dpif, uint32_t port_no,
                     struct dpif_port_stats *st)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = dummy_idtab_find(dp->ports, port_no);
    if (port) {
        st->rx_packets = atomic_load(&port->rx_packets);
        st->rx_bytes = atomic_load(&port->rx_bytes);
        st->rx_dropped = atomic_load(&port->rx_dropped);
        st->rx_errors = atomic_load(&port->rx_errors);
        st->tx_packets = atomic_load(&port->tx_packets);
        st->tx_bytes = atomic_load(&port->tx_bytes);
        st->tx_dropped = atomic_load(&port->tx_dropped);
        st->tx_errors = atomic_load(&port->tx_errors);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

int
dummy_port_set_admin(struct dpif *dpif, uint32_t port_no, bool up)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = dummy_idtab_find(dp->ports, port_no);
    if (port && atomic_exchange(&port->admin_up, up) != up) {
        atomic_fetch_add(&dp->port_seq, 1);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

uint64_t
dummy_port_change_seq(struct dpif *dpif)
{
    return atomic_load(&dpif_dummy_cast(dpif)->port_seq);
}

bool
dummy_port_count_rx(struct dummy_port *port, size_t len)
{
    if (!atomic_load_explicit(&port->admin_up, memory_order_relaxed)) {
        atomic_fetch_add_explicit(&port->rx_dropped, 1, memory_order_relaxed);
        return false;
    }
    atomic_fetch_add_explicit(&port->rx_packets, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&port->rx_bytes, len, memory_order_relaxed);
    return true;
}

/* Queues 'p' on in-memory 'port'; returns false if the queue is full. */
static bool
txq_push(struct dummy_port *port, struct dp_packet *p)
{
    bool ok;

    pthread_mutex_lock(&port->mutex);
    ok = port->txq_count < DPIF_DUMMY_TXQ_MAX;
    if (ok) {
        port->txq[(port->txq_head + port->txq_count++) % DPIF_DUMMY_TXQ_MAX] =
            p;
    }
    pthread_mutex_unlock(&port->mutex);
    return ok;
}

/* The executor's OUTPUT op.  The caller is an RCU reader or holds the
 * datapath mutex, so the port table and the port stay valid. */
void
dummy_port_output(void *dp_, uint32_t port_no, struct dp_packet *p)
{
    struct dpif_dummy *dp = dp_;
    struct dummy_port *port = dummy_idtab_find(rcu_get(dp->ports), port_no);
    size_t size = dp_packet_size(p);
    bool sent;

    if (!port) {
        dp_packet_delete(p);
        return;
    }
    if (!atomic_load_explicit(&port->admin_up, memory_order_relaxed)) {
        sent = false;
    } else if (port->kind == DUMMY_PORT_MEMORY) {
        sent = txq_push(port, p);
        if (sent) {
            p = NULL;
        }
    } else {
        sent = !dummy_sock_send(port, p);
    }
    dp_packet_delete(p);
    if (sent) {
        atomic_fetch_add_explicit(&port->tx_packets, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&port->tx_bytes, size, memory_order_relaxed);
    } else {
        atomic_fetch_add_explicit(&port->tx_dropped, 1, memory_order_relaxed);
    }
}

int
dpif_dummy_take_output(struct dpif *dpif, uint32_t port_no,
                       struct dp_packet **packetp)
{
    struct dpif_dummy *dp = dpif_dummy_cast(dpif);
    struct dummy_port *port;
    int error = -EAGAIN;

    *packetp = NULL;
    pthread_mutex_lock(&dp->mutex);
    port = dummy_idtab_find(dp->ports, port_no);
    if (!port) {
        error = -ENODEV;
    } else if (port->kind != DUMMY_PORT_MEMORY) {
        error = -EOPNOTSUPP;
    } else {
        pthread_mutex_lock(&port->mutex);
        if (port->txq_count) {
            *packetp = port->txq[port->txq_head];
            port->txq_head = (port->txq_head + 1) % DPIF_DUMMY_TXQ_MAX;
            port->txq_count--;
            error = 0;
        }
        pthread_mutex_unlock(&port->mutex);
    }
    pthread_mutex_unlock(&dp->mutex);
    return error;
}
