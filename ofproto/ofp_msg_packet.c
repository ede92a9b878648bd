/* Packet messages: PACKET_IN and PACKET_OUT. */
#include "ofproto/ofp_codec.h"
#include "ofproto/ofp_oxm.h"

#define PACKET_IN_FIXED_LEN 16      /* Body up to the match. */
#define PACKET_IN_MATCH_PAD 2       /* Between the match and the data. */
#define PACKET_OUT_FIXED_LEN 16     /* Body up to the actions. */

static int
decode_packet_in(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_packet_in *pin = &msg->packet_in;
    int retval;

    if (r->left < PACKET_IN_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &pin->buffer_id);
    buf_pull_be16(r, &pin->total_len);
    buf_pull_u8(r, &pin->reason);
    buf_pull_u8(r, &pin->table_id);
    buf_pull_be64(r, &pin->cookie);
    retval = ofp_match_decode(r, &pin->match);
    if (retval) {
        return retval;
    }
    if (ofp_pull_pad(r, PACKET_IN_MATCH_PAD)) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    ofp_bytes_set(&pin->data, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

static void
encode_packet_in(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_packet_in *pin = &msg->packet_in;

    buf_put_be32(b, pin->buffer_id);
    buf_put_be16(b, pin->total_len);
    buf_put_u8(b, pin->reason);
    buf_put_u8(b, pin->table_id);
    buf_put_be64(b, pin->cookie);
    ofp_match_encode(&pin->match, b);
    buf_put_zeros(b, PACKET_IN_MATCH_PAD);
    buf_put(b, pin->data.data, pin->data.len);
}

static void
uninit_packet_in(struct ofp_msg *msg)
{
    ofp_bytes_free(&msg->packet_in.data);
}

const struct ofp_msg_codec ofp_codec_PACKET_IN = {
    .decode = decode_packet_in,
    .encode = encode_packet_in,
    .uninit = uninit_packet_in,
};

/* A packet-out's in_port is a port, or one of the reserved ports a packet
 * can be said to come from. */
static bool
valid_in_port(uint32_t port)
{
    return ofp_port_is_physical(port) || port == OFPP_LOCAL
           || port == OFPP_CONTROLLER || port == OFPP_ANY;
}

static int
decode_packet_out(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_packet_out *po = &msg->packet_out;
    uint16_t actions_len;
    int retval;

    if (r->left < PACKET_OUT_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &po->buffer_id);
    buf_pull_be32(r, &po->in_port);
    buf_pull_be16(r, &actions_len);
    buf_pull(r, 6);
    if (!valid_in_port(po->in_port)) {
        return -OFPERR_OFPBRC_BAD_PORT;
    }
    if (actions_len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    retval = ofp_actions_decode(r, actions_len, &po->actions);
    if (retval) {
        return retval;
    }
    ofp_bytes_set(&po->data, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

static void
encode_packet_out(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_packet_out *po = &msg->packet_out;
    size_t len_ofs;

    buf_put_be32(b, po->buffer_id);
    buf_put_be32(b, po->in_port);
    len_ofs = b->size;
    buf_put_be16(b, 0);
    buf_put_zeros(b, 6);
    ofp_actions_encode(&po->actions, b);
    buf_set_be16(b, len_ofs, b->size - len_ofs - 8);
    buf_put(b, po->data.data, po->data.len);
}

static void
uninit_packet_out(struct ofp_msg *msg)
{
    ofp_actions_free(&msg->packet_out.actions);
    ofp_bytes_free(&msg->packet_out.data);
}

const struct ofp_msg_codec ofp_codec_PACKET_OUT = {
    .decode = decode_packet_out,
    .encode = encode_packet_out,
    .uninit = uninit_packet_out,
};
