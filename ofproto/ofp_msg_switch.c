/* Switch-level messages: the handshake (HELLO, FEATURES_REPLY), errors,
 * echoes and generic experimenter messages, switch and table
 * configuration, controller roles, asynchronous-message filters, the
 * switch description, queue configuration, and ONF bundles (EXT-230). */
#include <stdlib.h>

#include "ofproto/ofp_codec.h"

#define FEATURES_REPLY_LEN 24 /* Body lengths, after the header. */
#define SWITCH_CONFIG_LEN 4
#define ROLE_LEN 16
#define ASYNC_CONFIG_LEN 24
#define TABLE_MOD_LEN 8
#define QUEUE_GET_CONFIG_LEN 8 /* Request; reply up to its queues. */
#define PACKET_QUEUE_LEN 16    /* ofp_packet_queue up to properties. */
#define QUEUE_PROP_HEADER_LEN 8
#define QUEUE_PROP_RATE_LEN 16
#define QUEUE_RATE_NONE 0xffff
#define BUNDLE_FIXED_LEN 8 /* bundle_id, type or pad, flags. */
#define TLV_HEADER_LEN 4   /* Hello elements, bundle properties. */

#define ROUND_UP8(n) (((n) + 7) / 8 * 8)

/* Reads a type-length element whose length counts its 4-byte header but
 * not the padding that follows it up to a multiple of 8 bytes: the framing
 * of hello elements and of bundle properties.  Sets 'payload' to the
 * element's bytes after its header. */
static int
pull_padded_tlv(struct buf_reader *r, uint16_t *type,
                struct buf_reader *payload)
{
    const uint8_t *p = r->p;
    size_t len;

    if (r->left < TLV_HEADER_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    *type = buf_get_be16(p);
    len = buf_get_be16(p + 2);
    if (len < TLV_HEADER_LEN || ROUND_UP8(len) > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_reader_init(payload, p + TLV_HEADER_LEN, len - TLV_HEADER_LEN);
    buf_pull(r, ROUND_UP8(len));
    return 0;
}

/* Skips a list of properties, none of which Pont uses yet. */
static int
skip_padded_tlvs(struct buf_reader *r)
{
    while (r->left) {
        struct buf_reader payload;
        uint16_t type;
        int retval = pull_padded_tlv(r, &type, &payload);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

/* HELLO.
 *
 * A HELLO without a version bitmap element announces every version from
 * 1.0 up to its header's version (OpenFlow 1.3.5, 6.3.1), so decoding such
 * a HELLO yields exactly that bitmap.  Encoding omits the element when the
 * bitmap says nothing more than the header, as Open vSwitch does, and
 * sends it otherwise.  Only the bitmap's first 32-bit word is kept:
 * versions above 31 do not exist. */

static uint32_t
hello_implied_bitmap(uint8_t version)
{
    if (version >= 32) {
        return UINT32_MAX & ~1u;
    }
    return (uint32_t) ((UINT64_C(2) << version) - 2);
}

static int
decode_hello(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_hello *hello = &msg->hello;

    hello->version_bitmap = hello_implied_bitmap(hello->version);
    while (r->left) {
        struct buf_reader elem;
        uint16_t type;
        int retval = pull_padded_tlv(r, &type, &elem);

        if (retval) {
            return retval;
        }
        if (type == OFPHET_VERSIONBITMAP) {
            if (!elem.left || elem.left % 4) {
                return -OFPERR_OFPBRC_BAD_LEN;
            }
            hello->version_bitmap = buf_get_be32(elem.p);
        }
    }
    return 0;
}

static void
encode_hello(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_hello *hello = &msg->hello;

    if (hello->version_bitmap != hello_implied_bitmap(hello->version)) {
        buf_put_be16(b, OFPHET_VERSIONBITMAP);
        buf_put_be16(b, TLV_HEADER_LEN + 4);
        buf_put_be32(b, hello->version_bitmap);
    }
}

const struct ofp_msg_codec ofp_codec_HELLO = {
    .decode = decode_hello,
    .encode = encode_hello,
    .uninit = NULL,
};

/* ERROR: ofp_error_msg, or ofp_error_experimenter_msg when the type is
 * OFPET_EXPERIMENTER (0xffff), whose code is then the exp_type. */

static int
decode_error(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_error_msg *em = &msg->error;

    if (!buf_pull_be16(r, &em->type) || !buf_pull_be16(r, &em->code)) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    if (em->type == 0xffff && !buf_pull_be32(r, &em->experimenter)) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    em->error = ofperr_from_wire(em->type, em->code, em->experimenter);
    ofp_bytes_set(&em->data, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

static void
encode_error(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_error_msg *em = &msg->error;

    buf_put_be16(b, em->type);
    buf_put_be16(b, em->code);
    if (em->type == 0xffff) {
        buf_put_be32(b, em->experimenter);
    }
    buf_put(b, em->data.data, em->data.len);
}

static void
uninit_error(struct ofp_msg *msg)
{
    ofp_bytes_free(&msg->error.data);
}

const struct ofp_msg_codec ofp_codec_ERROR = {
    .decode = decode_error,
    .encode = encode_error,
    .uninit = uninit_error,
};

/* ECHO_REQUEST and ECHO_REPLY: arbitrary data. */

static int
decode_echo(struct buf_reader *r, struct ofp_msg *msg)
{
    ofp_bytes_set(&msg->echo, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

static void
encode_echo(const struct ofp_msg *msg, struct buf *b)
{
    buf_put(b, msg->echo.data, msg->echo.len);
}

static void
uninit_echo(struct ofp_msg *msg)
{
    ofp_bytes_free(&msg->echo);
}

const struct ofp_msg_codec ofp_codec_ECHO_REQUEST = {
    .decode = decode_echo,
    .encode = encode_echo,
    .uninit = uninit_echo,
};
const struct ofp_msg_codec ofp_codec_ECHO_REPLY = {
    .decode = decode_echo,
    .encode = encode_echo,
    .uninit = uninit_echo,
};

/* EXPERIMENTER: the dispatcher has read experimenter and exp_type; the rest
 * is opaque. */

static int
decode_experimenter(struct buf_reader *r, struct ofp_msg *msg)
{
    ofp_bytes_set(&msg->experimenter.data, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

static void
encode_experimenter(const struct ofp_msg *msg, struct buf *b)
{
    buf_put(b, msg->experimenter.data.data, msg->experimenter.data.len);
}

static void
uninit_experimenter(struct ofp_msg *msg)
{
    ofp_bytes_free(&msg->experimenter.data);
}

const struct ofp_msg_codec ofp_codec_EXPERIMENTER = {
    .decode = decode_experimenter,
    .encode = encode_experimenter,
    .uninit = uninit_experimenter,
};

/* FEATURES_REPLY: OpenFlow 1.3 lists no ports here (PORT_DESC does). */

static int
decode_features_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_features_reply *fr = &msg->features_reply;

    if (r->left != FEATURES_REPLY_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be64(r, &fr->datapath_id);
    buf_pull_be32(r, &fr->n_buffers);
    buf_pull_u8(r, &fr->n_tables);
    buf_pull_u8(r, &fr->auxiliary_id);
    buf_pull(r, 2);
    buf_pull_be32(r, &fr->capabilities);
    buf_pull(r, 4); /* reserved */
    return 0;
}

static void
encode_features_reply(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_features_reply *fr = &msg->features_reply;

    buf_put_be64(b, fr->datapath_id);
    buf_put_be32(b, fr->n_buffers);
    buf_put_u8(b, fr->n_tables);
    buf_put_u8(b, fr->auxiliary_id);
    buf_put_zeros(b, 2);
    buf_put_be32(b, fr->capabilities);
    buf_put_zeros(b, 4);
}

const struct ofp_msg_codec ofp_codec_FEATURES_REPLY = {
    .decode = decode_features_reply,
    .encode = encode_features_reply,
    .uninit = NULL,
};

/* GET_CONFIG_REPLY and SET_CONFIG.  Only a SET_CONFIG's flags are checked:
 * a reply reports what the switch has, which the controller cannot refuse. */

static int
decode_switch_config(struct buf_reader *r, struct ofp_msg *msg)
{
    if (r->left != SWITCH_CONFIG_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be16(r, &msg->config.flags);
    buf_pull_be16(r, &msg->config.miss_send_len);
    return 0;
}

static int
decode_set_config(struct buf_reader *r, struct ofp_msg *msg)
{
    int retval = decode_switch_config(r, msg);

    if (!retval && msg->config.flags & ~OFPC_FRAG_MASK) {
        return -OFPERR_OFPSCFC_BAD_FLAGS;
    }
    return retval;
}

static void
encode_switch_config(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_be16(b, msg->config.flags);
    buf_put_be16(b, msg->config.miss_send_len);
}

const struct ofp_msg_codec ofp_codec_GET_CONFIG_REPLY = {
    .decode = decode_switch_config,
    .encode = encode_switch_config,
    .uninit = NULL,
};
const struct ofp_msg_codec ofp_codec_SET_CONFIG = {
    .decode = decode_set_config,
    .encode = encode_switch_config,
    .uninit = NULL,
};

/* ROLE_REQUEST and ROLE_REPLY. */

static int
decode_role(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_role *role = &msg->role;

    if (r->left != ROLE_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &role->role);
    buf_pull(r, 4);
    buf_pull_be64(r, &role->generation_id);
    return role->role > OFPCR_ROLE_SLAVE ? -OFPERR_OFPRRFC_BAD_ROLE : 0;
}

static void
encode_role(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_be32(b, msg->role.role);
    buf_put_zeros(b, 4);
    buf_put_be64(b, msg->role.generation_id);
}

const struct ofp_msg_codec ofp_codec_ROLE_REQUEST = {
    .decode = decode_role,
    .encode = encode_role,
    .uninit = NULL,
};
const struct ofp_msg_codec ofp_codec_ROLE_REPLY = {
    .decode = decode_role,
    .encode = encode_role,
    .uninit = NULL,
};

/* GET_ASYNC_REPLY and SET_ASYNC: each mask pair is [master/equal, slave]. */

static int
decode_async(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_async_config *ac = &msg->async;

    if (r->left != ASYNC_CONFIG_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    for (int i = 0; i < 2; i++) {
        buf_pull_be32(r, &ac->packet_in_mask[i]);
    }
    for (int i = 0; i < 2; i++) {
        buf_pull_be32(r, &ac->port_status_mask[i]);
    }
    for (int i = 0; i < 2; i++) {
        buf_pull_be32(r, &ac->flow_removed_mask[i]);
    }
    return 0;
}

static void
encode_async(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_async_config *ac = &msg->async;

    for (int i = 0; i < 2; i++) {
        buf_put_be32(b, ac->packet_in_mask[i]);
    }
    for (int i = 0; i < 2; i++) {
        buf_put_be32(b, ac->port_status_mask[i]);
    }
    for (int i = 0; i < 2; i++) {
        buf_put_be32(b, ac->flow_removed_mask[i]);
    }
}

const struct ofp_msg_codec ofp_codec_GET_ASYNC_REPLY = {
    .decode = decode_async,
    .encode = encode_async,
    .uninit = NULL,
};
const struct ofp_msg_codec ofp_codec_SET_ASYNC = {
    .decode = decode_async,
    .encode = encode_async,
    .uninit = NULL,
};

/* TABLE_MOD.  In OpenFlow 1.3 'config' only has deprecated bits, which the
 * switch ignores, so any value is accepted (as Open vSwitch does). */

static int
decode_table_mod(struct buf_reader *r, struct ofp_msg *msg)
{
    if (r->left != TABLE_MOD_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_u8(r, &msg->table_mod.table_id);
    buf_pull(r, 3);
    buf_pull_be32(r, &msg->table_mod.config);
    return 0;
}

static void
encode_table_mod(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_u8(b, msg->table_mod.table_id);
    buf_put_zeros(b, 3);
    buf_put_be32(b, msg->table_mod.config);
}

const struct ofp_msg_codec ofp_codec_TABLE_MOD = {
    .decode = decode_table_mod,
    .encode = encode_table_mod,
    .uninit = NULL,
};

/* DESC_REPLY: five fixed-width, NUL-padded strings. */

static int
decode_desc_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_desc_reply *d = &msg->desc_reply;
    int retval;

    retval = ofp_pull_string(r, d->mfr_desc, sizeof d->mfr_desc);
    if (!retval) {
        retval = ofp_pull_string(r, d->hw_desc, sizeof d->hw_desc);
    }
    if (!retval) {
        retval = ofp_pull_string(r, d->sw_desc, sizeof d->sw_desc);
    }
    if (!retval) {
        retval = ofp_pull_string(r, d->serial_num, sizeof d->serial_num);
    }
    if (!retval) {
        retval = ofp_pull_string(r, d->dp_desc, sizeof d->dp_desc);
    }
    return retval ? retval : ofp_codec_finish(r);
}

static void
encode_desc_reply(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_desc_reply *d = &msg->desc_reply;

    ofp_put_string(b, d->mfr_desc, sizeof d->mfr_desc);
    ofp_put_string(b, d->hw_desc, sizeof d->hw_desc);
    ofp_put_string(b, d->sw_desc, sizeof d->sw_desc);
    ofp_put_string(b, d->serial_num, sizeof d->serial_num);
    ofp_put_string(b, d->dp_desc, sizeof d->dp_desc);
}

const struct ofp_msg_codec ofp_codec_DESC_REPLY = {
    .decode = decode_desc_reply,
    .encode = encode_desc_reply,
    .uninit = NULL,
};

/* BUNDLE_CONTROL (ONF EXT-230): bundle_id, type, flags, then properties,
 * which are skipped.  The body starts after the experimenter header. */

static int
check_bundle_flags(uint16_t flags)
{
    return flags & ~(OFPBF_ATOMIC | OFPBF_ORDERED) ? -OFPERR_OFPBFC_BAD_FLAGS
                                                   : 0;
}

static int
decode_bundle_control(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_bundle_control *bc = &msg->bundle_control;
    int retval;

    if (r->left < BUNDLE_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &bc->bundle_id);
    buf_pull_be16(r, &bc->type);
    buf_pull_be16(r, &bc->flags);
    retval = skip_padded_tlvs(r);
    if (retval) {
        return retval;
    }
    if (bc->type > OFPBCT_DISCARD_REPLY) {
        return -OFPERR_OFPBFC_BAD_TYPE;
    }
    return check_bundle_flags(bc->flags);
}

static void
encode_bundle_control(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_bundle_control *bc = &msg->bundle_control;

    buf_put_be32(b, bc->bundle_id);
    buf_put_be16(b, bc->type);
    buf_put_be16(b, bc->flags);
}

const struct ofp_msg_codec ofp_codec_BUNDLE_CONTROL = {
    .decode = decode_bundle_control,
    .encode = encode_bundle_control,
    .uninit = NULL,
};

/* BUNDLE_ADD (ONF EXT-230): bundle_id, pad, flags, a complete inner
 * message; then, only if properties follow, padding of the inner message
 * to 8 bytes and the properties.  Open vSwitch sends neither padding nor
 * properties, and neither does Pont. */

/* Reads the inner message at the start of 'r', checking the framing the
 * bundle layer relies on; decoding it is that layer's business. */
static int
pull_bundle_inner(struct buf_reader *r, uint32_t xid, struct ofp_bytes *inner)
{
    const uint8_t *h = r->p;
    size_t len;

    if (r->left < OFP_HEADER_LEN) {
        return -OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    len = buf_get_be16(h + 2);
    if (len < OFP_HEADER_LEN || len > r->left) {
        return -OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (h[0] != OFP13_VERSION) {
        return -OFPERR_OFPBFC_MSG_UNSUP;
    }
    if (buf_get_be32(h + 4) != xid) {
        return -OFPERR_OFPBFC_MSG_BAD_XID;
    }
    ofp_bytes_set(inner, buf_pull(r, len), len);
    return 0;
}

static int
decode_bundle_add(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_bundle_add *ba = &msg->bundle_add;
    int retval;

    if (r->left < BUNDLE_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &ba->bundle_id);
    buf_pull(r, 2);
    buf_pull_be16(r, &ba->flags);
    retval = pull_bundle_inner(r, msg->xid, &ba->msg);
    if (retval) {
        return retval;
    }
    if (r->left) {
        retval = ofp_pull_pad(r, ROUND_UP8(ba->msg.len) - ba->msg.len);
        if (!retval) {
            retval = skip_padded_tlvs(r);
        }
        if (retval) {
            return retval;
        }
    }
    return check_bundle_flags(ba->flags);
}

static void
encode_bundle_add(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_bundle_add *ba = &msg->bundle_add;

    buf_put_be32(b, ba->bundle_id);
    buf_put_zeros(b, 2);
    buf_put_be16(b, ba->flags);
    buf_put(b, ba->msg.data, ba->msg.len);
}

static void
uninit_bundle_add(struct ofp_msg *msg)
{
    ofp_bytes_free(&msg->bundle_add.msg);
}

const struct ofp_msg_codec ofp_codec_BUNDLE_ADD = {
    .decode = decode_bundle_add,
    .encode = encode_bundle_add,
    .uninit = uninit_bundle_add,
};

/* QUEUE_GET_CONFIG_REQUEST.  The port must be a physical one or OFPP_ANY
 * (OpenFlow 1.3.5, 7.3.6); reserved ports have no queues. */

static int
decode_queue_get_config_request(struct buf_reader *r, struct ofp_msg *msg)
{
    uint32_t port;

    if (r->left != QUEUE_GET_CONFIG_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &port);
    buf_pull(r, 4);
    msg->queue_config.port = port;
    return ofp_port_is_physical(port) || port == OFPP_ANY
               ? 0
               : -OFPERR_OFPQOFC_BAD_PORT;
}

static void
encode_queue_get_config_request(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_be32(b, msg->queue_config.port);
    buf_put_zeros(b, 4);
}

const struct ofp_msg_codec ofp_codec_QUEUE_GET_CONFIG_REQUEST = {
    .decode = decode_queue_get_config_request,
    .encode = encode_queue_get_config_request,
    .uninit = NULL,
};

/* QUEUE_GET_CONFIG_REPLY: port, pad, then ofp_packet_queue entries, each
 * with properties.  MIN_RATE and MAX_RATE are kept; others are skipped. */

static int
decode_queue_prop(struct buf_reader *props, struct ofp_queue *q)
{
    const uint8_t *p = props->p;
    uint16_t type;
    size_t len;

    if (props->left < QUEUE_PROP_HEADER_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    type = buf_get_be16(p);
    len = buf_get_be16(p + 2);
    if (len < QUEUE_PROP_HEADER_LEN || len % 8 || len > props->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    if (type == OFPQT_MIN_RATE || type == OFPQT_MAX_RATE) {
        if (len != QUEUE_PROP_RATE_LEN) {
            return -OFPERR_OFPBRC_BAD_LEN;
        }
        *(type == OFPQT_MIN_RATE ? &q->min_rate : &q->max_rate) =
            buf_get_be16(p + QUEUE_PROP_HEADER_LEN);
    }
    buf_pull(props, len);
    return 0;
}

static int
decode_packet_queue(struct buf_reader *r, struct ofp_queue *q)
{
    struct buf_reader props;
    size_t len;

    q->min_rate = QUEUE_RATE_NONE;
    q->max_rate = QUEUE_RATE_NONE;
    if (r->left < PACKET_QUEUE_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    len = buf_get_be16(r->p + 8);
    if (len < PACKET_QUEUE_LEN || len % 8 || len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &q->queue_id);
    buf_pull_be32(r, &q->port);
    buf_pull(r, 8); /* len, pad */
    buf_reader_init(&props, buf_pull(r, len - PACKET_QUEUE_LEN),
                    len - PACKET_QUEUE_LEN);
    while (props.left) {
        int retval = decode_queue_prop(&props, q);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static int
decode_queue_get_config_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_queue_get_config *qc = &msg->queue_config;

    if (r->left < QUEUE_GET_CONFIG_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &qc->port);
    buf_pull(r, 4);
    while (r->left) {
        struct ofp_queue *q =
            ofp_array_push(&qc->queues, &qc->n_queues, sizeof *q);
        int retval = decode_packet_queue(r, q);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

/* Open vSwitch leaves out a rate property that is not set. */
static void
put_queue_rate(struct buf *b, uint16_t type, uint16_t rate)
{
    if (rate != QUEUE_RATE_NONE) {
        buf_put_be16(b, type);
        buf_put_be16(b, QUEUE_PROP_RATE_LEN);
        buf_put_zeros(b, 4);
        buf_put_be16(b, rate);
        buf_put_zeros(b, 6);
    }
}

static void
encode_queue_get_config_reply(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_queue_get_config *qc = &msg->queue_config;

    buf_put_be32(b, qc->port);
    buf_put_zeros(b, 4);
    for (size_t i = 0; i < qc->n_queues; i++) {
        const struct ofp_queue *q = &qc->queues[i];
        size_t start = b->size;

        buf_put_be32(b, q->queue_id);
        buf_put_be32(b, q->port);
        buf_put_be16(b, 0);
        buf_put_zeros(b, 6);
        put_queue_rate(b, OFPQT_MIN_RATE, q->min_rate);
        put_queue_rate(b, OFPQT_MAX_RATE, q->max_rate);
        buf_set_be16(b, start + 8, b->size - start);
    }
}

static void
uninit_queue_get_config_reply(struct ofp_msg *msg)
{
    free(msg->queue_config.queues);
}

const struct ofp_msg_codec ofp_codec_QUEUE_GET_CONFIG_REPLY = {
    .decode = decode_queue_get_config_reply,
    .encode = encode_queue_get_config_reply,
    .uninit = uninit_queue_get_config_reply,
};
