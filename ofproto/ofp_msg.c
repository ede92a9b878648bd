/* Message framing and dispatch: the OpenFlow header, multipart and
 * experimenter headers, and the per-kind codec table. */
#include "ofproto/ofp_msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/ofp_codec.h"

#define OFP_MULTIPART_BODY_OFS 16   /* Header, type, flags, padding. */
#define OFP_EXPERIMENTER_BODY_OFS 16 /* Header, experimenter, exp_type. */

struct kind_info {
    uint8_t type;
    int mp_type;
    const char *name;
    const struct ofp_msg_codec *codec;
};

static const struct kind_info kinds[OFPK_N_KINDS] = {
#define OFP_KIND_INFO_(KIND, TYPE, MP, NAME) {TYPE, MP, NAME, &ofp_codec_##KIND},
    OFP_MSG_KINDS(OFP_KIND_INFO_)
#undef OFP_KIND_INFO_
};

const char *
ofp_msg_kind_name(enum ofp_msg_kind kind)
{
    return kind < OFPK_N_KINDS ? kinds[kind].name : "(unknown kind)";
}

uint8_t
ofp_msg_kind_type(enum ofp_msg_kind kind)
{
    return kinds[kind].type;
}

void
ofp_msg_init(struct ofp_msg *msg, enum ofp_msg_kind kind, uint32_t xid)
{
    memset(msg, 0, sizeof *msg);
    msg->kind = kind;
    msg->xid = xid;
    switch (kind) {
    case OFPK_HELLO:
        msg->hello.version = OFP13_VERSION;
        msg->hello.version_bitmap = 1u << OFP13_VERSION;
        break;
    case OFPK_PACKET_IN:
        msg->packet_in.buffer_id = OFP_NO_BUFFER;
        break;
    case OFPK_PACKET_OUT:
        msg->packet_out.buffer_id = OFP_NO_BUFFER;
        msg->packet_out.in_port = OFPP_CONTROLLER;
        break;
    case OFPK_FLOW_MOD:
        msg->flow_mod.buffer_id = OFP_NO_BUFFER;
        msg->flow_mod.out_port = OFPP_ANY;
        msg->flow_mod.out_group = OFPG_ANY;
        msg->flow_mod.priority = OFP_DEFAULT_PRIORITY;
        break;
    case OFPK_FLOW_STATS_REQUEST:
    case OFPK_AGGREGATE_REQUEST:
        msg->flow_stats_request.table_id = OFPTT_ALL;
        msg->flow_stats_request.out_port = OFPP_ANY;
        msg->flow_stats_request.out_group = OFPG_ANY;
        break;
    case OFPK_PORT_STATS_REQUEST:
        msg->port_no = OFPP_ANY;
        break;
    case OFPK_QUEUE_STATS_REQUEST:
        msg->queue_stats_request.port_no = OFPP_ANY;
        msg->queue_stats_request.queue_id = OFPQ_ALL;
        break;
    case OFPK_QUEUE_GET_CONFIG_REQUEST:
        msg->queue_config.port = OFPP_ANY;
        break;
    case OFPK_GROUP_STATS_REQUEST:
        msg->group_id = OFPG_ALL;
        break;
    case OFPK_METER_STATS_REQUEST:
    case OFPK_METER_CONFIG_REQUEST:
        msg->meter_id = OFPM_ALL;
        break;
    default:
        break;
    }
}

void
ofp_msg_uninit(struct ofp_msg *msg)
{
    const struct ofp_msg_codec *codec = kinds[msg->kind].codec;

    if (codec->uninit) {
        codec->uninit(msg);
    }
    ofp_msg_init(msg, msg->kind, msg->xid);
}

int
ofp_msg_peek_length(const uint8_t header[OFP_HEADER_LEN], size_t *len)
{
    *len = buf_get_be16(header + 2);
    return *len < OFP_HEADER_LEN ? -OFPERR_OFPBRC_BAD_LEN : 0;
}

/* Finds the kind of a multipart message from its multipart type. */
static int
multipart_kind(uint8_t type, uint16_t mp_type, enum ofp_msg_kind *kind)
{
    for (int k = 0; k < OFPK_N_KINDS; k++) {
        if (kinds[k].type == type && kinds[k].mp_type == mp_type) {
            *kind = k;
            return 0;
        }
    }
    return -OFPERR_OFPBRC_BAD_STAT;
}

/* Finds the kind of a header-only type (neither multipart nor
 * experimenter). */
static int
plain_kind(uint8_t type, enum ofp_msg_kind *kind)
{
    for (int k = 0; k < OFPK_N_KINDS; k++) {
        if (kinds[k].type == type && kinds[k].mp_type < 0
            && type != OFPT_EXPERIMENTER) {
            *kind = k;
            return 0;
        }
    }
    return -OFPERR_OFPBRC_BAD_TYPE;
}

/* Reads the multipart or experimenter header that follows the OpenFlow
 * header, if the type has one, and determines the message's kind. */
static int
decode_framing(uint8_t type, struct buf_reader *r, struct ofp_msg *msg,
               enum ofp_msg_kind *kind)
{
    uint16_t mp_type;
    uint32_t experimenter, exp_type;

    if (type == OFPT_MULTIPART_REQUEST || type == OFPT_MULTIPART_REPLY) {
        if (!buf_pull_be16(r, &mp_type) || !buf_pull_be16(r, &msg->mp_flags)
            || ofp_pull_pad(r, 4)) {
            return -OFPERR_OFPBRC_BAD_LEN;
        }
        return multipart_kind(type, mp_type, kind);
    }
    if (type == OFPT_EXPERIMENTER) {
        if (!buf_pull_be32(r, &experimenter) || !buf_pull_be32(r, &exp_type)) {
            return -OFPERR_OFPBRC_BAD_LEN;
        }
        if (experimenter == ONF_VENDOR_ID && exp_type == ONFT_BUNDLE_CONTROL) {
            *kind = OFPK_BUNDLE_CONTROL;
        } else if (experimenter == ONF_VENDOR_ID
                   && exp_type == ONFT_BUNDLE_ADD_MESSAGE) {
            *kind = OFPK_BUNDLE_ADD;
        } else if (experimenter == PONT_VENDOR_ID
                   && exp_type == PONT_HOST_INFO_REQUEST) {
            *kind = OFPK_PONT_HOST_INFO_REQUEST;
        } else if (experimenter == PONT_VENDOR_ID
                   && exp_type == PONT_HOST_INFO_REPLY) {
            *kind = OFPK_PONT_HOST_INFO_REPLY;
        } else {
            *kind = OFPK_EXPERIMENTER;
            msg->experimenter.experimenter = experimenter;
            msg->experimenter.exp_type = exp_type;
        }
        return 0;
    }
    return plain_kind(type, kind);
}

int
ofp_msg_decode(const void *data, size_t len, struct ofp_msg *msg)
{
    const uint8_t *h = data;
    enum ofp_msg_kind kind;
    struct buf_reader r;
    struct ofp_msg framing;
    int retval;

    ofp_msg_init(msg, OFPK_HELLO, 0);
    if (len < OFP_HEADER_LEN || buf_get_be16(h + 2) != len) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    if (h[0] != OFP13_VERSION && h[1] != OFPT_HELLO) {
        return -OFPERR_OFPBRC_BAD_VERSION;
    }
    buf_reader_init(&r, h + OFP_HEADER_LEN, len - OFP_HEADER_LEN);
    memset(&framing, 0, sizeof framing);
    retval = decode_framing(h[1], &r, &framing, &kind);
    if (retval) {
        return retval;
    }

    ofp_msg_init(msg, kind, buf_get_be32(h + 4));
    msg->mp_flags = framing.mp_flags;
    if (kind == OFPK_EXPERIMENTER) {
        msg->experimenter = framing.experimenter;
    } else if (kind == OFPK_HELLO) {
        msg->hello.version = h[0];
    }
    retval = kinds[kind].codec->decode(&r, msg);
    if (!retval) {
        retval = ofp_codec_finish(&r);
    }
    if (retval) {
        ofp_msg_uninit(msg);
        ofp_msg_init(msg, OFPK_HELLO, 0);
    }
    return retval;
}

static void
encode_framing(const struct ofp_msg *msg, struct buf *out)
{
    const struct kind_info *info = &kinds[msg->kind];

    if (info->mp_type >= 0) {
        buf_put_be16(out, info->mp_type);
        buf_put_be16(out, msg->mp_flags);
        buf_put_zeros(out, 4);
    } else if (msg->kind == OFPK_BUNDLE_CONTROL) {
        buf_put_be32(out, ONF_VENDOR_ID);
        buf_put_be32(out, ONFT_BUNDLE_CONTROL);
    } else if (msg->kind == OFPK_BUNDLE_ADD) {
        buf_put_be32(out, ONF_VENDOR_ID);
        buf_put_be32(out, ONFT_BUNDLE_ADD_MESSAGE);
    } else if (msg->kind == OFPK_PONT_HOST_INFO_REQUEST) {
        buf_put_be32(out, PONT_VENDOR_ID);
        buf_put_be32(out, PONT_HOST_INFO_REQUEST);
    } else if (msg->kind == OFPK_PONT_HOST_INFO_REPLY) {
        buf_put_be32(out, PONT_VENDOR_ID);
        buf_put_be32(out, PONT_HOST_INFO_REPLY);
    } else if (msg->kind == OFPK_EXPERIMENTER) {
        buf_put_be32(out, msg->experimenter.experimenter);
        buf_put_be32(out, msg->experimenter.exp_type);
    }
}

int
ofp_msg_encode(const struct ofp_msg *msg, struct buf *out)
{
    const struct kind_info *info = &kinds[msg->kind];
    size_t start = out->size;

    buf_put_u8(out, msg->kind == OFPK_HELLO ? msg->hello.version
                                            : OFP13_VERSION);
    buf_put_u8(out, info->type);
    buf_put_be16(out, 0);
    buf_put_be32(out, msg->xid);
    encode_framing(msg, out);
    info->codec->encode(msg, out);
    if (out->size - start > OFP_MAX_MSG_LEN) {
        out->size = start;
        return -EMSGSIZE;
    }
    buf_set_be16(out, start + 2, out->size - start);
    return 0;
}

bool
ofp_msg_equal(const struct ofp_msg *a, const struct ofp_msg *b)
{
    struct buf ea = BUF_INIT, eb = BUF_INIT;
    bool equal;

    /* Encoding is canonical, so equal encodings mean equal messages. */
    ofp_msg_encode(a, &ea);
    ofp_msg_encode(b, &eb);
    equal = ea.size == eb.size && !memcmp(ea.data, eb.data, ea.size);
    buf_free(&ea);
    buf_free(&eb);
    return equal;
}

/* Helpers for the family codecs (ofp_codec.h). */

int
ofp_codec_finish(const struct buf_reader *body)
{
    return body->left ? -OFPERR_OFPBRC_BAD_LEN : 0;
}

int
ofp_pull_pad(struct buf_reader *r, size_t n)
{
    return buf_pull(r, n) ? 0 : -OFPERR_OFPBRC_BAD_LEN;
}

void
ofp_bytes_set(struct ofp_bytes *b, const void *data, size_t len)
{
    b->data = len ? memcpy(xmalloc(len), data, len) : NULL;
    b->len = len;
}

void
ofp_bytes_free(struct ofp_bytes *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

int
ofp_pull_string(struct buf_reader *r, char *dst, size_t width)
{
    const uint8_t *p = buf_pull(r, width);

    if (!p) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(dst, p, width);
    dst[width - 1] = '\0';
    return 0;
}

void
ofp_put_string(struct buf *b, const char *src, size_t width)
{
    size_t n = strnlen(src, width - 1);

    buf_put(b, src, n);
    buf_put_zeros(b, width - n);
}

void *
ofp_array_push(void *array_ptr, size_t *n, size_t size)
{
    void **array = array_ptr;
    uint8_t *elem;

    /* Capacity doubles at powers of two, so pushes are amortized O(1). */
    if (!(*n & (*n - 1))) {
        *array = xrealloc(*array, (*n ? *n * 2 : 1) * size);
    }
    elem = (uint8_t *) *array + *n * size;
    memset(elem, 0, size);
    (*n)++;
    return elem;
}

/* The codec for bodies that must be empty. */

static int
decode_empty(struct buf_reader *body, struct ofp_msg *msg)
{
    (void) msg;
    return ofp_codec_finish(body);
}

static void
encode_empty(const struct ofp_msg *msg, struct buf *out)
{
    (void) msg;
    (void) out;
}

#define EMPTY_CODEC_(KIND)                                                    \
    const struct ofp_msg_codec ofp_codec_##KIND = {                           \
        .decode = decode_empty, .encode = encode_empty, .uninit = NULL};
EMPTY_CODEC_(FEATURES_REQUEST)
EMPTY_CODEC_(GET_CONFIG_REQUEST)
EMPTY_CODEC_(BARRIER_REQUEST)
EMPTY_CODEC_(BARRIER_REPLY)
EMPTY_CODEC_(GET_ASYNC_REQUEST)
EMPTY_CODEC_(DESC_REQUEST)
EMPTY_CODEC_(TABLE_STATS_REQUEST)
EMPTY_CODEC_(GROUP_DESC_REQUEST)
EMPTY_CODEC_(GROUP_FEATURES_REQUEST)
EMPTY_CODEC_(METER_FEATURES_REQUEST)
EMPTY_CODEC_(PORT_DESC_REQUEST)
EMPTY_CODEC_(PONT_HOST_INFO_REQUEST)
