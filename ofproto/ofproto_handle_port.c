/* Requests about ports: PORT_MOD, port statistics and descriptions,
 * queues, and Pont's host information (the ports' binding keys). */
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/mac_learning.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/tunnel.h"

#define PORT_MOD_CONFIG                                                        \
    (OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN)

static int
handle_port_mod(struct ofproto *ofproto, const struct ofp_port_mod *pm)
{
    struct ofport *port = ofproto_port_by_ofp(ofproto, pm->port_no);
    uint32_t config;

    if (!port) {
        return -OFPERR_OFPPMFC_BAD_PORT;
    }
    if (memcmp(&pm->hw_addr, &port->pp.hw_addr, sizeof pm->hw_addr)) {
        return -OFPERR_OFPPMFC_BAD_HW_ADDR;
    }
    if (pm->mask & ~PORT_MOD_CONFIG) {
        return -OFPERR_OFPPMFC_BAD_CONFIG;
    }
    config = (port->pp.config & ~pm->mask) | (pm->config & pm->mask);
    if (config == port->pp.config) {
        return 0;
    }
    if ((config ^ port->pp.config) & OFPPC_PORT_DOWN) {
        bool up = !(config & OFPPC_PORT_DOWN);
        int error = dpif_port_set_admin(ofproto->dpif, port->dp_port, up);

        if (error) {
            return -OFPERR_OFPPMFC_EPERM;
        }
        if (!up) {
            mac_learning_flush_port(ofproto->ml, port->pp.port_no);
        }
    }
    /* Translation reads config and state (liveness) under the lock. */
    pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
    if (config & OFPPC_PORT_DOWN) {
        port->pp.state = OFPPS_LINK_DOWN;
    }
    port->pp.config = config;
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);
    connmgr_send_port_status(ofproto->connmgr, OFPPR_MODIFY, &port->pp);
    ofproto_schedule_revalidation(ofproto);
    return 0;
}

static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofport *a = *(const struct ofport *const *) a_;
    const struct ofport *b = *(const struct ofport *const *) b_;

    return a->pp.port_no < b->pp.port_no ? -1 : a->pp.port_no > b->pp.port_no;
}

/* Returns the ports 'port_no' selects (OFPP_ANY: all), by number, in a new
 * array (freed by the caller), and their count in '*n'. */
static struct ofport **
select_ports(const struct ofproto *ofproto, uint32_t port_no, size_t *n)
{
    struct ofport **ports;

    *n = 0;
    ports = xmalloc((hmap_count(&ofproto->ports) + 1) * sizeof *ports);
    for (struct hmap_node *node = hmap_first(&ofproto->ports); node;
         node = hmap_next(&ofproto->ports, node)) {
        struct ofport *port = CONTAINER_OF(node, struct ofport, ofp_node);

        if (port_no == OFPP_ANY || port_no == port->pp.port_no) {
            ports[(*n)++] = port;
        }
    }
    qsort(ports, *n, sizeof *ports, compare_ports);
    return ports;
}

static void
fill_port_stats(const struct ofproto *ofproto, const struct ofport *port,
                struct ofp_port_stats *ps)
{
    struct dpif_port_stats st;

    memset(ps, 0, sizeof *ps);
    ps->port_no = port->pp.port_no;
    if (!dpif_port_get_stats(ofproto->dpif, port->dp_port, &st)) {
        ps->rx_packets = st.rx_packets;
        ps->rx_bytes = st.rx_bytes;
        ps->rx_dropped = st.rx_dropped;
        ps->rx_errors = st.rx_errors;
        ps->tx_packets = st.tx_packets;
        ps->tx_bytes = st.tx_bytes;
        ps->tx_dropped = st.tx_dropped;
        ps->tx_errors = st.tx_errors;
    }
    ofproto_duration(port->created_ms, &ps->duration_sec, &ps->duration_nsec);
}

static int
handle_port_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                  const struct ofp_msg *req)
{
    uint32_t port_no = req->port_no;
    struct ofp_msg reply;
    struct ofport **ports;
    size_t n;

    if (port_no != OFPP_ANY && !ofproto_port_by_ofp(ofproto, port_no)) {
        return -OFPERR_OFPBRC_BAD_PORT;
    }
    ofp_msg_init(&reply, OFPK_PORT_STATS_REPLY, req->xid);
    ports = select_ports(ofproto, port_no, &n);
    for (size_t i = 0; i < n; i++) {
        fill_port_stats(ofproto, ports[i],
                        OFP_STATS_PUSH(reply.port_stats_reply));
    }
    free(ports);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

static int
handle_port_desc(struct ofproto *ofproto, struct ofconn *ofconn,
                 const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofport **ports;
    size_t n;

    ofp_msg_init(&reply, OFPK_PORT_DESC_REPLY, req->xid);
    ports = select_ports(ofproto, OFPP_ANY, &n);
    for (size_t i = 0; i < n; i++) {
        *(struct ofp_port *) OFP_STATS_PUSH(reply.port_desc_reply) =
            ports[i]->pp;
    }
    free(ports);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

/* Queues are configured through the bandwidth settings (not yet through
 * OpenFlow, which cannot): until a port has some, it has none to report,
 * and asking for a queue that does not exist is an error. */
static int
handle_queue_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                   const struct ofp_msg *req)
{
    const struct ofp_queue_stats_request *qr = &req->queue_stats_request;
    struct ofp_msg reply;

    if (qr->port_no != OFPP_ANY && !ofproto_port_by_ofp(ofproto, qr->port_no)) {
        return -OFPERR_OFPQOFC_BAD_PORT;
    }
    if (qr->queue_id != OFPQ_ALL) {
        return -OFPERR_OFPQOFC_BAD_QUEUE;
    }
    ofp_msg_init(&reply, OFPK_QUEUE_STATS_REPLY, req->xid);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

static int
handle_queue_get_config(struct ofproto *ofproto, struct ofconn *ofconn,
                        const struct ofp_msg *req)
{
    uint32_t port = req->queue_config.port;
    struct ofp_msg reply;

    if (port != OFPP_ANY && !ofproto_port_by_ofp(ofproto, port)) {
        return -OFPERR_OFPQOFC_BAD_PORT;
    }
    ofp_msg_init(&reply, OFPK_QUEUE_GET_CONFIG_REPLY, req->xid);
    reply.queue_config.port = port;
    ofconn_send_reply(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

/* Pont's own request: who this switch is (ofp_msg.h). */
static int
handle_host_info(struct ofproto *ofproto, struct ofconn *ofconn,
                 const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofp_host_info *hi = &reply.host_info;
    const struct ofport *tnl = NULL;
    struct ofport **ports;
    size_t n;

    ofp_msg_init(&reply, OFPK_PONT_HOST_INFO_REPLY, req->xid);
    memcpy(hi->host_id, ofproto->host_id, sizeof hi->host_id);
    ports = select_ports(ofproto, OFPP_ANY, &n);
    for (size_t i = 0; i < n; i++) {
        if (!tnl && ports[i]->tnl) {
            tnl = ports[i];
        }
        if (i < OFP_HOST_INFO_MAX_PORTS) {
            struct ofp_host_info_port *hp =
                ofp_array_push(&hi->ports, &hi->n_ports, sizeof *hi->ports);

            hp->port_no = ports[i]->pp.port_no;
            memcpy(hp->key, ports[i]->iface_id, sizeof hp->key);
        }
    }
    if (tnl) {
        hi->tunnel_ip = tnl->tnl->local_ip;
        memcpy(hi->uplink, tnl->tnl->uplink, sizeof hi->uplink);
    }
    free(ports);
    ofconn_send_reply(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

int
ofproto_handle_port_msg(struct ofproto *ofproto, struct ofconn *ofconn,
                        const struct ofp_msg *msg)
{
    switch (msg->kind) {
    case OFPK_PORT_MOD:
        return handle_port_mod(ofproto, &msg->port_mod);
    case OFPK_PORT_STATS_REQUEST:
        return handle_port_stats(ofproto, ofconn, msg);
    case OFPK_PORT_DESC_REQUEST:
        return handle_port_desc(ofproto, ofconn, msg);
    case OFPK_QUEUE_STATS_REQUEST:
        return handle_queue_stats(ofproto, ofconn, msg);
    case OFPK_QUEUE_GET_CONFIG_REQUEST:
        return handle_queue_get_config(ofproto, ofconn, msg);
    case OFPK_PONT_HOST_INFO_REQUEST:
        return handle_host_info(ofproto, ofconn, msg);
    default:
        return -OFPERR_OFPBRC_BAD_TYPE;
    }
}
