/* Pont's experimenter messages (PONT_VENDOR_ID): the body of
 * PONT_HOST_INFO_REPLY, whose layout ofp_msg.h documents.  The request has
 * an empty body (ofp_msg.c's empty codec). */
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp_codec.h"

static int
decode_host_info_port(struct buf_reader *r, struct ofp_host_info_port *port)
{
    int retval;

    if (!buf_pull_be32(r, &port->port_no)) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    retval = ofp_pull_pad(r, 4);
    if (!retval) {
        retval = ofp_pull_string(r, port->key, sizeof port->key);
    }
    if (!retval && !ofp_port_is_physical(port->port_no)
        && port->port_no != OFPP_LOCAL) {
        retval = -OFPERR_OFPBRC_BAD_PORT;
    }
    return retval;
}

static int
decode_host_info_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_host_info *hi = &msg->host_info;
    const uint8_t *p;

    if (r->left < OFP_HOST_INFO_LEN
        || (r->left - OFP_HOST_INFO_LEN) % OFP_HOST_INFO_PORT_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    /* The host id may fill its field: one more byte holds the NUL. */
    p = buf_pull(r, OFP_HOST_ID_MAX);
    memcpy(hi->host_id, p, OFP_HOST_ID_MAX);
    hi->host_id[OFP_HOST_ID_MAX] = '\0';
    p = buf_pull(r, 4);
    memcpy(&hi->tunnel_ip, p, 4);
    buf_pull(r, 4);
    ofp_pull_string(r, hi->uplink, sizeof hi->uplink);
    while (r->left) {
        struct ofp_host_info_port *port =
            ofp_array_push(&hi->ports, &hi->n_ports, sizeof *hi->ports);
        int retval = decode_host_info_port(r, port);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_host_info_reply(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_host_info *hi = &msg->host_info;
    size_t id_len = strnlen(hi->host_id, OFP_HOST_ID_MAX);

    buf_put(b, hi->host_id, id_len);
    buf_put_zeros(b, OFP_HOST_ID_MAX - id_len);
    buf_put(b, &hi->tunnel_ip, 4);
    buf_put_zeros(b, 4);
    ofp_put_string(b, hi->uplink, sizeof hi->uplink);
    for (size_t i = 0; i < hi->n_ports; i++) {
        buf_put_be32(b, hi->ports[i].port_no);
        buf_put_zeros(b, 4);
        ofp_put_string(b, hi->ports[i].key, sizeof hi->ports[i].key);
    }
}

static void
uninit_host_info_reply(struct ofp_msg *msg)
{
    free(msg->host_info.ports);
    msg->host_info.ports = NULL;
    msg->host_info.n_ports = 0;
}

const struct ofp_msg_codec ofp_codec_PONT_HOST_INFO_REPLY = {
    .decode = decode_host_info_reply,
    .encode = encode_host_info_reply,
    .uninit = uninit_host_info_reply,
};
