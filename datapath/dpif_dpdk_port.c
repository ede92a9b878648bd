/* The DPDK datapath's ports: vhost-user ports (DPDK's net_vhost driver
 * over rte_vhost), any other ethdev, and the bridge's internal port, a
 * kernel interface through DPDK's net_tap driver.  See dpif_dpdk.h for the
 * types, their options, and how the internal port behaves when its
 * interface cannot be made. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "datapath/dpif_dpdk_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_dpdk_port);

#define RX_DESCS 1024
#define TX_DESCS 1024
#define TX_RETRIES 4

/* How long the internal port waits for a kernel interface of its name to go
 * away (the tap of a previous run of the switch that is still exiting). */
#define TAP_GONE_WAIT_MS 2000
#define TAP_GONE_POLL_MS 50

/* What the options of a port ask for. */
struct port_options {
    const char *path;     /* vhostuser */
    bool vhost_server;    /* vhostuser */
    const char *devargs;  /* dpdk */
    unsigned queues;
};

static int
bad_option(const struct dpif_port_config *cfg, const char *key,
           const char *known, char **errorp)
{
    dpif_set_error(errorp,
                   "Port \"%s\" of type %s has an unknown option \"%s\"; %s.",
                   cfg->name, cfg->type, key, known);
    return -EINVAL;
}

static int
parse_queues(const struct dpif_port_config *cfg, const char *value,
             unsigned *queues, char **errorp)
{
    char *end;
    unsigned long n = strtoul(value, &end, 10);

    if (*end || !n || n > DPDK_MAX_QUEUES) {
        dpif_set_error(errorp,
                       "Port \"%s\": queues=%s is not a number of queues "
                       "from 1 to %d.",
                       cfg->name, value, DPDK_MAX_QUEUES);
        return -EINVAL;
    }
    *queues = (unsigned) n;
    return 0;
}

static int
parse_one(const struct dpif_port_config *cfg, const struct dpif_option *o,
          struct port_options *po, char **errorp)
{
    bool vhost = !strcmp(cfg->type, "vhostuser");
    const char *v = o->value ? o->value : "";

    if (!strcmp(o->key, "queues")) {
        return parse_queues(cfg, v, &po->queues, errorp);
    } else if (vhost && !strcmp(o->key, "path")) {
        po->path = v;
    } else if (vhost && !strcmp(o->key, "vhost-server")) {
        if (strcmp(v, "true") && strcmp(v, "false")) {
            dpif_set_error(errorp, "Port \"%s\": vhost-server must be true "
                                   "or false, not \"%s\".",
                           cfg->name, v);
            return -EINVAL;
        }
        po->vhost_server = !strcmp(v, "true");
    } else if (!vhost && !strcmp(o->key, "devargs")) {
        po->devargs = v;
    } else {
        return bad_option(cfg, o->key,
                          vhost ? "the known ones are path, vhost-server and "
                                  "queues"
                                : "the known ones are devargs and queues",
                          errorp);
    }
    return 0;
}

static int
parse_options(const struct dpif_port_config *cfg, struct port_options *po,
              char **errorp)
{
    bool internal = !strcmp(cfg->type, "internal")
                    || !strcmp(cfg->type, "vxlan");
    bool vhost = !strcmp(cfg->type, "vhostuser");

    memset(po, 0, sizeof *po);
    po->queues = 1;
    if (!internal && !vhost && strcmp(cfg->type, "dpdk")) {
        dpif_set_error(errorp, "Port \"%s\" has type \"%s\", which the DPDK "
                               "datapath does not have; use vhostuser, dpdk, "
                               "internal or vxlan.",
                       cfg->name, cfg->type);
        return -EINVAL;
    }
    for (size_t i = 0; i < cfg->n_options; i++) {
        const struct dpif_option *o = &cfg->options[i];
        int error = internal ? bad_option(cfg, o->key ? o->key : "",
                                          "this type takes no options",
                                          errorp)
                             : parse_one(cfg, &cfg->options[i], po, errorp);

        if (error) {
            return error;
        }
    }
    if (vhost && (!po->path || !po->path[0] || strchr(po->path, ','))) {
        dpif_set_error(errorp, "Port \"%s\" of type vhostuser needs "
                               "path=SOCKET, the vhost-user socket (without "
                               "commas).",
                       cfg->name);
        return -EINVAL;
    }
    if (!strcmp(cfg->type, "dpdk") && (!po->devargs || !po->devargs[0])) {
        dpif_set_error(errorp, "Port \"%s\" of type dpdk needs devargs=..., "
                               "e.g. devargs=net_af_packet0,iface=eth0 or a "
                               "PCI address.",
                       cfg->name);
        return -EINVAL;
    }
    return 0;
}

/* Finding ports and numbers
 * ------------------------- */

static struct dpdk_port *
find_by_name_locked(const struct dpif_dpdk *dp, const char *name)
{
    for (uint32_t i = 0; i < DPDK_MAX_PORTS; i++) {
        struct dpdk_port *port = dpdk_port_get(dp, i);

        if (port && !strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

static int
choose_number_locked(const struct dpif_dpdk *dp,
                     const struct dpif_port_config *cfg, uint32_t *port_nop,
                     char **errorp)
{
    if (find_by_name_locked(dp, cfg->name)) {
        dpif_set_error(errorp, "Datapath \"%s\" already has a port named "
                               "\"%s\"; choose another name.",
                       dp->up.name, cfg->name);
        return -EEXIST;
    }
    if (cfg->port_no != DPIF_PORT_ANY) {
        if (cfg->port_no >= DPDK_MAX_PORTS || dpdk_port_get(dp, cfg->port_no)) {
            dpif_set_error(errorp, "Port number %" PRIu32 " is taken or out "
                                   "of range (0 to %d) in datapath \"%s\".",
                           cfg->port_no, DPDK_MAX_PORTS - 1, dp->up.name);
            return -EEXIST;
        }
        *port_nop = cfg->port_no;
        return 0;
    }
    for (uint32_t i = 1; i < DPDK_MAX_PORTS; i++) {
        if (!dpdk_port_get(dp, i)) {
            *port_nop = i;
            return 0;
        }
    }
    dpif_set_error(errorp, "Datapath \"%s\" has no free port number left "
                           "(at most %d ports).",
                   dp->up.name, DPDK_MAX_PORTS - 1);
    return -ENOSPC;
}

/* Devices
 * ------- */

/* Probes the device of a vhostuser or dpdk port, or finds one EAL probed;
 * sets 'port->devname', 'port->probed' and 'port->port_id'. */
static int
attach_device(struct dpdk_port *port, const struct port_options *po,
              char **errorp)
{
    char *devargs;
    int error;

    if (po->path) {
        port->devname = xasprintf("net_vhost_pont%" PRIu64 "_%" PRIu32,
                                  port->dp->serial, port->port_no);
        devargs = xasprintf("%s,iface=%s,client=%d,queues=%u", port->devname,
                            po->path, !po->vhost_server, po->queues);
    } else {
        size_t len = strcspn(po->devargs, ",");

        port->devname = xmalloc(len + 1);
        memcpy(port->devname, po->devargs, len);
        port->devname[len] = '\0';
        if (!rte_eth_dev_get_port_by_name(port->devname, &port->port_id)) {
            return 0; /* Probed by EAL already (e.g. a PCI NIC). */
        }
        devargs = xstrdup(po->devargs);
    }
    error = rte_dev_probe(devargs);
    if (!error) {
        port->probed = true;
        error = rte_eth_dev_get_port_by_name(port->devname, &port->port_id);
    }
    if (error) {
        dpif_set_error(errorp, "Could not create the device of port \"%s\" "
                               "from \"%s\": %s.  Check the device arguments.",
                       port->name, devargs, rte_strerror(-error));
    }
    free(devargs);
    return error < 0 ? error : error ? -error : 0;
}

static int
setup_queues(struct dpdk_port *port, unsigned queues, char **errorp)
{
    struct rte_eth_conf conf = {0};
    struct rte_eth_dev_info info;
    uint16_t id = port->port_id;
    int error = rte_eth_dev_info_get(id, &info);
    int socket = rte_eth_dev_socket_id(id);

    if (!error) {
        port->n_rxq = RTE_MIN(queues, info.max_rx_queues);
        port->n_txq = RTE_MIN(queues, info.max_tx_queues);
        error = rte_eth_dev_configure(id, port->n_rxq, port->n_txq, &conf);
    }
    for (uint16_t q = 0; !error && q < port->n_rxq; q++) {
        error = rte_eth_rx_queue_setup(id, q, RX_DESCS, socket, NULL,
                                       port->dp->pool);
    }
    for (uint16_t q = 0; !error && q < port->n_txq; q++) {
        error = rte_eth_tx_queue_setup(id, q, TX_DESCS, socket, NULL);
    }
    if (!error) {
        error = rte_eth_dev_start(id);
    }
    if (error) {
        dpif_set_error(errorp, "Could not set up device %s of port \"%s\": "
                               "%s.",
                       port->devname, port->name, rte_strerror(-error));
        return error < 0 ? error : -error;
    }
    /* Devices that filter by address would drop the guests' frames. */
    rte_eth_promiscuous_enable(id);
    return 0;
}

static void
detach_device(struct dpdk_port *port)
{
    if (!port->devname) {
        return;
    }
    if (atomic_load(&port->started)) {
        rte_eth_dev_stop(port->port_id);
    }
    if (port->probed) {
        rte_eth_dev_close(port->port_id);
        rte_eal_hotplug_remove("vdev", port->devname);
    }
}

/* The internal port
 * ----------------- */

/* Checks that 'name' can name a kernel interface.  Bridge names are
 * checked by vswitchd already (letters, digits, '-', '_', '.'), but not
 * against the kernel's limit. */
static int
check_iface_name(const char *name, char **errorp)
{
    if (strlen(name) >= IFNAMSIZ) {
        dpif_set_error(errorp, "The bridge's internal port \"%s\" would be "
                               "a kernel interface, whose names have at most "
                               "%d characters; choose a shorter bridge "
                               "name.",
                       name, IFNAMSIZ - 1);
        return -ENAMETOOLONG;
    }
    if (!strcmp(name, ".") || !strcmp(name, "..")) {
        dpif_set_error(errorp, "\"%s\" cannot name a kernel interface, "
                               "which the bridge's internal port is; choose "
                               "another bridge name.",
                       name);
        return -EINVAL;
    }
    return 0;
}

/* Waits up to TAP_GONE_WAIT_MS for the kernel interface 'name' to vanish.
 * net_tap's taps are not persistent, so the tap of a crashed run goes away
 * with the process's last file descriptor; one that stays belongs to
 * something else.  Returns whether no interface has that name. */
static bool
wait_iface_gone(const char *name)
{
    struct timespec pause = {.tv_nsec = TAP_GONE_POLL_MS * 1000000L};

    for (int ms = 0; if_nametoindex(name); ms += TAP_GONE_POLL_MS) {
        if (ms >= TAP_GONE_WAIT_MS) {
            return false;
        }
        nanosleep(&pause, NULL);
    }
    return true;
}

/* Says in 'why' (malloc'd) what keeps the internal port 'name' from having
 * a kernel interface, or returns NULL if nothing is known to. */
static char *
tap_obstacle(const char *name)
{
    int fd = open("/dev/net/tun", O_RDWR);

    if (fd < 0) {
        return xasprintf("/dev/net/tun cannot be opened (%s): load the tun "
                         "module or give the switch's container the device",
                         strerror(errno));
    }
    close(fd);
    if (!wait_iface_gone(name)) {
        return xasprintf("an interface named %s exists already in the "
                         "switch's network namespace: delete it, or name "
                         "the bridge otherwise", name);
    }
    return NULL;
}

/* Gives the internal port 'port' its kernel interface: a net_tap device
 * with the port's name, started, with the interface left down like any new
 * one.  Sets the same members as attach_device() and setup_queues().
 * Returns 0 or a negative errno with '*whyp' a sentence; the caller
 * detaches what is attached. */
static int
attach_tap(struct dpdk_port *port, char **whyp)
{
    char *devargs;
    int error;

    *whyp = tap_obstacle(port->name);
    if (*whyp) {
        return -ENODEV;
    }
    port->devname = xasprintf("net_tap_pont%" PRIu64 "_%" PRIu32,
                              port->dp->serial, port->port_no);
    devargs = xasprintf("%s,iface=%s", port->devname, port->name);
    error = rte_dev_probe(devargs);
    free(devargs);
    if (error) {
        /* net_tap's own errors are in DPDK's log; its return value is
         * often just -1. */
        *whyp = xstrdup("net_tap could not create it (creating a tap needs "
                        "CAP_NET_ADMIN; DPDK's log says more)");
        return -ENODEV;
    }
    if (rte_eth_dev_get_port_by_name(port->devname, &port->port_id)) {
        rte_eal_hotplug_remove("vdev", port->devname);
        *whyp = xasprintf("net_tap made no port %s", port->devname);
        return -ENODEV;
    }
    port->probed = true;
    error = setup_queues(port, 1, whyp);
    if (!error) {
        atomic_store(&port->started, true);
        /* net_tap sets the interface up when it starts. */
        error = rte_eth_dev_set_link_down(port->port_id);
        if (error) {
            *whyp = xasprintf("its link cannot be set down (%s)",
                              rte_strerror(-error));
        }
    }
    return error;
}

/* Sets up the internal port 'port'.  Returns 0, also when the kernel
 * interface cannot be made: the port then has no device (link down, what
 * is sent to it dropped), and a warning says why.  Only a name that can
 * never be an interface's is an error. */
static int
setup_internal(struct dpdk_port *port, char **errorp)
{
    char *why = NULL;
    int error = check_iface_name(port->name, errorp);

    if (error) {
        return error;
    }
    if (attach_tap(port, &why)) {
        size_t len = why ? strlen(why) : 0;

        if (len && why[len - 1] == '.') {
            why[len - 1] = '\0'; /* A sentence from setup_queues(). */
        }
        VLOG_WARN("bridge port %s has no kernel interface: %s.  The bridge "
                  "forwards between its other ports all the same; once this "
                  "is fixed, restart the switch or add the bridge again.",
                  port->name, why ? why : "unknown error");
        detach_device(port);
        free(port->devname);
        port->devname = NULL;
        port->probed = false;
        port->n_rxq = port->n_txq = 0;
        atomic_store(&port->started, false);
    }
    free(why);
    return 0;
}

static void
port_free(struct dpdk_port *port)
{
    if (port) {
        free(port->devname);
        free(port->name);
        free(port->type);
        free(port);
    }
}

/* Creates the port 'cfg' of 'dp' numbered 'port_no', with its device
 * started.  Caller holds the mutex. */
static int
create_port(struct dpif_dpdk *dp, const struct dpif_port_config *cfg,
            const struct port_options *po, uint32_t port_no,
            struct dpdk_port **portp, char **errorp)
{
    struct dpdk_port *port = xzalloc(sizeof *port);
    struct rte_ether_addr mac;
    int error = 0;

    port->dp = dp;
    port->port_no = port_no;
    port->name = xstrdup(cfg->name);
    port->type = xstrdup(cfg->type);
    atomic_init(&port->admin_up, true);
    for (size_t i = 0; i < DPDK_MAX_QUEUES; i++) {
        rte_spinlock_init(&port->txq_lock[i]);
    }
    if (!strcmp(cfg->type, "vxlan")) {
        /* A tunnel port has no device: translation encapsulates what goes
         * to it, and TUNNEL_POP makes packets come in on it. */
        atomic_store(&port->link_up, true);
    } else if (!strcmp(cfg->type, "internal")) {
        error = setup_internal(port, errorp);
    } else {
        error = attach_device(port, po, errorp);
        if (!error) {
            error = setup_queues(port, po->queues, errorp);
        }
        if (error) {
            detach_device(port);
        } else {
            atomic_store(&port->started, true);
        }
    }
    if (error) {
        port_free(port);
        return error;
    }
    if (port->devname && !rte_eth_macaddr_get(port->port_id, &mac)) {
        memcpy(&port->hw_addr, mac.addr_bytes, sizeof port->hw_addr);
    }
    *portp = port;
    return 0;
}

/* The dpif port functions
 * ----------------------- */

int
dpdk_port_add(struct dpif *dpif, const struct dpif_port_config *cfg,
              uint32_t *port_nop, char **errorp)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_port *port;
    struct port_options po;
    uint32_t port_no;
    int error = parse_options(cfg, &po, errorp);

    if (error) {
        return error;
    }
    pthread_mutex_lock(&dp->mutex);
    error = choose_number_locked(dp, cfg, &port_no, errorp);
    if (!error) {
        error = create_port(dp, cfg, &po, port_no, &port, errorp);
    }
    if (!error) {
        atomic_store_explicit(&dp->ports[port_no], port,
                              memory_order_release);
        atomic_fetch_add(&dp->port_seq, 1);
        dpdk_ports_poll_link(dp);
        *port_nop = port_no;
    }
    pthread_mutex_unlock(&dp->mutex);
    if (!error) {
        dpdk_pmds_reassign();
    }
    return error;
}

/* Unpublishes and frees 'port'.  Caller holds the mutex. */
static void
remove_port_locked(struct dpif_dpdk *dp, struct dpdk_port *port)
{
    atomic_store_explicit(&dp->ports[port->port_no], NULL,
                          memory_order_release);
    atomic_fetch_add(&dp->port_seq, 1);
    /* No PMD polls it once its new poll list is out, and no reader holds it
     * after a grace period. */
    dpdk_pmds_reassign();
    dpdk_rcu_synchronize();
    detach_device(port);
    port_free(port);
}

int
dpdk_port_del(struct dpif *dpif, uint32_t port_no)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = dpdk_port_get(dp, port_no);
    if (port) {
        remove_port_locked(dp, port);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

void
dpdk_ports_destroy(struct dpif_dpdk *dp)
{
    pthread_mutex_lock(&dp->mutex);
    for (uint32_t i = 0; i < DPDK_MAX_PORTS; i++) {
        struct dpdk_port *port = dpdk_port_get(dp, i);

        if (port) {
            remove_port_locked(dp, port);
        }
    }
    pthread_mutex_unlock(&dp->mutex);
}

static void
fill_port(const struct dpdk_port *port, struct dpif_port *out)
{
    struct rte_eth_link link;

    memset(out, 0, sizeof *out);
    out->port_no = port->port_no;
    out->name = xstrdup(port->name);
    out->type = xstrdup(port->type);
    out->hw_addr = port->hw_addr;
    out->link_up = atomic_load(&port->link_up);
    out->admin_up = atomic_load(&port->admin_up);
    out->mtu = 1500;
    if (port->devname && !rte_eth_link_get_nowait(port->port_id, &link)
        && link.link_speed != RTE_ETH_SPEED_NUM_UNKNOWN) {
        out->speed_mbps = link.link_speed;
    }
}

int
dpdk_port_query(struct dpif *dpif, uint32_t port_no, const char *name,
                struct dpif_port *out)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = name ? find_by_name_locked(dp, name) : dpdk_port_get(dp, port_no);
    if (port) {
        fill_port(port, out);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

int
dpdk_port_dump(struct dpif *dpif, struct dpif_port **portsp, size_t *np)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpif_port *ports = NULL;
    size_t n = 0;

    pthread_mutex_lock(&dp->mutex);
    for (uint32_t i = 0; i < DPDK_MAX_PORTS; i++) {
        struct dpdk_port *port = dpdk_port_get(dp, i);

        if (port) {
            ports = xrealloc(ports, (n + 1) * sizeof *ports);
            fill_port(port, &ports[n++]);
        }
    }
    pthread_mutex_unlock(&dp->mutex);
    *portsp = ports;
    *np = n;
    return 0;
}

int
dpdk_port_get_stats(struct dpif *dpif, uint32_t port_no,
                    struct dpif_port_stats *s)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct rte_eth_stats es;
    struct dpdk_port *port;

    memset(s, 0, sizeof *s);
    pthread_mutex_lock(&dp->mutex);
    port = dpdk_port_get(dp, port_no);
    if (port) {
        if (port->devname && !rte_eth_stats_get(port->port_id, &es)) {
            s->rx_packets = es.ipackets;
            s->rx_bytes = es.ibytes;
            s->rx_dropped = es.imissed + es.rx_nombuf;
            s->rx_errors = es.ierrors;
            s->tx_packets = es.opackets;
            s->tx_bytes = es.obytes;
            s->tx_errors = es.oerrors;
        }
        s->rx_dropped += atomic_load(&port->rx_dropped);
        s->tx_dropped = atomic_load(&port->tx_dropped);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

int
dpdk_port_set_admin(struct dpif *dpif, uint32_t port_no, bool up)
{
    struct dpif_dpdk *dp = dpif_dpdk_cast(dpif);
    struct dpdk_port *port;

    pthread_mutex_lock(&dp->mutex);
    port = dpdk_port_get(dp, port_no);
    if (port && atomic_exchange(&port->admin_up, up) != up) {
        atomic_fetch_add(&dp->port_seq, 1);
    }
    pthread_mutex_unlock(&dp->mutex);
    return port ? 0 : -ENOENT;
}

uint64_t
dpdk_port_change_seq(struct dpif *dpif)
{
    return atomic_load(&dpif_dpdk_cast(dpif)->port_seq);
}

bool
dpdk_ports_poll_link(struct dpif_dpdk *dp)
{
    bool changed = false;

    for (uint32_t i = 0; i < DPDK_MAX_PORTS; i++) {
        struct dpdk_port *port = dpdk_port_get(dp, i);
        struct rte_eth_link link;
        bool up;

        if (!port || !port->devname
            || rte_eth_link_get_nowait(port->port_id, &link)) {
            continue;
        }
        up = link.link_status == RTE_ETH_LINK_UP;
        if (atomic_exchange(&port->link_up, up) != up) {
            VLOG_INFO("port %s: link %s", port->name, up ? "up" : "down");
            changed = true;
        }
    }
    if (changed) {
        atomic_fetch_add(&dp->port_seq, 1);
    }
    return changed;
}

/* Sending
 * ------- */

void
dpdk_port_send(struct dpdk_port *port, unsigned slot, struct rte_mbuf **pkts,
               uint16_t n)
{
    uint16_t sent = 0;

    if (port->n_txq && atomic_load_explicit(&port->admin_up,
                                            memory_order_relaxed)) {
        uint16_t q = (uint16_t) (slot % port->n_txq);

        rte_spinlock_lock(&port->txq_lock[q]);
        for (int i = 0; i < TX_RETRIES && sent < n; i++) {
            uint16_t k = rte_eth_tx_burst(port->port_id, q, pkts + sent,
                                          n - sent);

            if (!k) {
                break;
            }
            sent += k;
        }
        rte_spinlock_unlock(&port->txq_lock[q]);
    }
    if (sent < n) {
        rte_pktmbuf_free_bulk(pkts + sent, n - sent);
        atomic_fetch_add_explicit(&port->tx_dropped, n - sent,
                                  memory_order_relaxed);
    }
}
