/* Requests from controllers and tools: dispatch (ofproto_handle_msg()),
 * and the handlers about the switch as a whole (features, description,
 * packet-out, flow_mod with a buffered packet, table_mod).  Ports are in
 * ofproto_handle_port.c, flows in ofproto_flow*.c, groups and meters in
 * their modules. */
#include <errno.h>
#include <stdio.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/ofproto_upcall.h"

static int
handle_features(struct ofproto *ofproto, struct ofconn *ofconn,
                const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofp_features_reply *fr = &reply.features_reply;

    ofp_msg_init(&reply, OFPK_FEATURES_REPLY, req->xid);
    fr->datapath_id = ofproto->datapath_id;
    fr->n_buffers = CONNMGR_N_BUFFERS;
    fr->n_tables = OFPROTO_N_TABLES;
    fr->capabilities = OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS
                       | OFPC_GROUP_STATS | OFPC_QUEUE_STATS;
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

static int
handle_desc(struct ofproto *ofproto, struct ofconn *ofconn,
            const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofp_desc_reply *d = &reply.desc_reply;

    ofp_msg_init(&reply, OFPK_DESC_REPLY, req->xid);
    snprintf(d->mfr_desc, sizeof d->mfr_desc, "The Pont project");
    snprintf(d->hw_desc, sizeof d->hw_desc, "pont-vswitchd");
    snprintf(d->sw_desc, sizeof d->sw_desc, "%s", PONT_VERSION);
    snprintf(d->serial_num, sizeof d->serial_num, "None");
    snprintf(d->dp_desc, sizeof d->dp_desc, "%s (datapath %s)", ofproto->name,
             ofproto->dpif->name);
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

/* OpenFlow 1.3 keeps OFPTC_* only for compatibility: every value is
 * accepted and changes nothing. */
static int
handle_table_mod(const struct ofp_msg *msg)
{
    uint8_t table_id = msg->table_mod.table_id;

    if (table_id >= OFPROTO_N_TABLES && table_id != OFPTT_ALL) {
        return -OFPERR_OFPTMFC_BAD_TABLE;
    }
    return 0;
}

/* Whether a packet-out may claim to come from 'port': any port number
 * (present or not, as Open vSwitch allows), the local port or the
 * controller, but no other reserved port. */
static bool
packet_out_port_ok(uint32_t port)
{
    return port == OFPP_CONTROLLER || port == OFPP_LOCAL
           || ofp_port_is_physical(port);
}

static int
handle_packet_out(struct ofproto *ofproto, struct ofconn *ofconn,
                  const struct ofp_msg *msg)
{
    const struct ofp_packet_out *po = &msg->packet_out;
    struct dp_packet *packet;
    uint32_t in_port = po->in_port;
    int error;

    /* Checked first, so that a refused packet-out leaves its buffer. */
    if (!packet_out_port_ok(in_port)) {
        return -OFPERR_OFPBRC_BAD_PORT;
    }
    if (po->buffer_id != OFP_NO_BUFFER) {
        uint32_t buffered_port;

        error = ofconn_take_buffered_packet(ofconn, po->buffer_id, &packet,
                                            &buffered_port);
        if (error) {
            return error;
        }
    } else {
        packet = dp_packet_new_with_data(po->data.data, po->data.len);
    }
    /* A packet the pipeline drops or the datapath cannot send is lost like
     * any other packet; the message itself was fine. */
    udpif_execute(ofproto->udpif, packet, in_port, &po->actions);
    return 0;
}

/* A flow_mod is a transaction of one message; with a buffer id, the
 * buffered packet then goes through the tables as they are now. */
int
ofproto_handle_flow_mod(struct ofproto *ofproto, struct ofconn *ofconn,
                        const struct ofp_msg *msg)
{
    const struct ofp_flow_mod *fm = &msg->flow_mod;
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    int error = ofproto_txn_flow_mod(txn, fm);
    struct dp_packet *packet;
    uint32_t in_port;

    if (error) {
        ofproto_txn_abort(txn);
        return error;
    }
    ofproto_txn_commit(txn);
    if (fm->buffer_id == OFP_NO_BUFFER || fm->command == OFPFC_DELETE
        || fm->command == OFPFC_DELETE_STRICT) {
        return 0;
    }
    error =
        ofconn_take_buffered_packet(ofconn, fm->buffer_id, &packet, &in_port);
    if (!error) {
        struct ofp_actions to_table = {NULL, 0};
        struct ofp_action *a = ofp_actions_append(&to_table);

        a->type = OFPAT_OUTPUT;
        a->output.port = OFPP_TABLE;
        udpif_execute(ofproto->udpif, packet, in_port, &to_table);
        ofp_actions_free(&to_table);
    }
    return error;
}

typedef int handler_fn(struct ofproto *, struct ofconn *,
                       const struct ofp_msg *);

static handler_fn *
find_handler(enum ofp_msg_kind kind)
{
    switch (kind) {
    case OFPK_FEATURES_REQUEST:
        return handle_features;
    case OFPK_DESC_REQUEST:
        return handle_desc;
    case OFPK_PACKET_OUT:
        return handle_packet_out;
    case OFPK_FLOW_MOD:
        return ofproto_handle_flow_mod;
    case OFPK_FLOW_STATS_REQUEST:
    case OFPK_AGGREGATE_REQUEST:
    case OFPK_TABLE_STATS_REQUEST:
        return ofproto_handle_flow_stats_msg;
    case OFPK_PORT_MOD:
    case OFPK_PORT_STATS_REQUEST:
    case OFPK_PORT_DESC_REQUEST:
    case OFPK_QUEUE_STATS_REQUEST:
    case OFPK_QUEUE_GET_CONFIG_REQUEST:
    case OFPK_PONT_HOST_INFO_REQUEST:
        return ofproto_handle_port_msg;
    case OFPK_TABLE_FEATURES_REQUEST:
        return ofproto_handle_table_features;
    case OFPK_GROUP_MOD:
        return ofproto_handle_group_mod;
    case OFPK_GROUP_STATS_REQUEST:
        return ofproto_handle_group_stats;
    case OFPK_GROUP_DESC_REQUEST:
        return ofproto_handle_group_desc;
    case OFPK_GROUP_FEATURES_REQUEST:
        return ofproto_handle_group_features;
    case OFPK_METER_MOD:
        return ofproto_handle_meter_mod;
    case OFPK_METER_STATS_REQUEST:
        return ofproto_handle_meter_stats;
    case OFPK_METER_CONFIG_REQUEST:
        return ofproto_handle_meter_config;
    case OFPK_METER_FEATURES_REQUEST:
        return ofproto_handle_meter_features;
    default:
        return NULL;
    }
}

int
ofproto_handle_msg(struct ofproto *ofproto, struct ofconn *ofconn,
                   const struct ofp_msg *msg, const void *raw, size_t raw_len)
{
    handler_fn *handler;

    (void) raw;
    (void) raw_len;
    if (msg->kind == OFPK_TABLE_MOD) {
        return handle_table_mod(msg);
    }
    handler = find_handler(msg->kind);
    if (msg->kind == OFPK_FLOW_STATS_REQUEST
        || msg->kind == OFPK_AGGREGATE_REQUEST
        || msg->kind == OFPK_TABLE_STATS_REQUEST
        || msg->kind == OFPK_GROUP_STATS_REQUEST) {
        /* Counters as of the request, not of the last periodic dump. */
        ofproto_sync_stats(ofproto);
    }
    if (handler) {
        return handler(ofproto, ofconn, msg);
    }
    /* A reply or an asynchronous message sent to a switch, or a request
     * this switch does not serve. */
    return ofp_msg_kind_type(msg->kind) == OFPT_MULTIPART_REQUEST
               ? -OFPERR_OFPBRC_BAD_STAT
               : -OFPERR_OFPBRC_BAD_TYPE;
}
