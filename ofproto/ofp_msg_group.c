/* Group messages: GROUP_MOD, group statistics, group descriptions and group
 * features.
 *
 * Buckets appear in GROUP_MOD and in group descriptions with the same
 * layout; both decode them with the same structural checks.  Only
 * GROUP_MOD is checked against its group type (weights, watches, bucket
 * count), as Open vSwitch does: a description is the switch's report of
 * what it holds, not a request to validate. */
#include "ofproto/ofp_codec.h"

#include <stdlib.h>

#include "lib/buf.h"
#include "lib/util.h"

/* Body sizes, after the OpenFlow header (and multipart header). */
#define GROUP_MOD_BODY_LEN (OFP_GROUP_MOD_LEN - OFP_HEADER_LEN)
#define GROUP_STATS_REQUEST_LEN 8 /* group_id, pad. */
#define GROUP_STATS_LEN 40        /* ofp_group_stats, without counters. */
#define BUCKET_COUNTER_LEN 16
#define GROUP_DESC_LEN 8 /* ofp_group_desc, without buckets. */
#define GROUP_FEATURES_LEN 40

/* Buckets. */

static void
buckets_free(struct ofp_bucket **buckets, size_t *n)
{
    for (size_t i = 0; i < *n; i++) {
        ofp_actions_free(&(*buckets)[i].actions);
    }
    free(*buckets);
    *buckets = NULL;
    *n = 0;
}

/* A watch port is a port number, and a watch group a group number; OFPP_ANY
 * and OFPG_ANY mean "none".  Reserved ports have no liveness to watch, so a
 * GROUP_MOD is refused one, as by Open vSwitch; a switch's description of
 * its groups is taken as it is. */
static bool
watch_is_valid(const struct ofp_bucket *b)
{
    bool port_ok = ofp_port_is_physical(b->watch_port)
                   || b->watch_port == OFPP_ANY;
    bool group_ok = b->watch_group <= OFPG_MAX || b->watch_group == OFPG_ANY;

    return port_ok && group_ok;
}

static bool
bucket_has_watch(const struct ofp_bucket *b)
{
    return b->watch_port != OFPP_ANY || b->watch_group != OFPG_ANY;
}

/* Decodes the bucket at the front of 'r' into 'b'.  Length errors of the
 * bucket itself are OFPGMFC_BAD_BUCKET, as in Open vSwitch, except a length
 * that is not a multiple of 8, which Open vSwitch reports as a bad action
 * list length (OFPBRC_BAD_LEN). */
static int
decode_bucket(struct buf_reader *r, struct ofp_bucket *b)
{
    const uint8_t *h;
    uint16_t len;

    if (r->left < OFP_BUCKET_LEN) {
        return -OFPERR_OFPGMFC_BAD_BUCKET;
    }
    len = buf_get_be16(r->p);
    if (len < OFP_BUCKET_LEN || len > r->left) {
        return -OFPERR_OFPGMFC_BAD_BUCKET;
    }
    if (len % 8) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    h = buf_pull(r, OFP_BUCKET_LEN);
    b->weight = buf_get_be16(h + 2);
    b->watch_port = buf_get_be32(h + 4);
    b->watch_group = buf_get_be32(h + 8);
    return ofp_actions_decode(r, len - OFP_BUCKET_LEN, &b->actions);
}

/* Decodes the next 'len' bytes of 'r' (which holds at least that many) as
 * a list of buckets.  On error the buckets decoded so far stay in
 * '*buckets' for the caller's uninit to free. */
static int
decode_buckets(struct buf_reader *r, size_t len, struct ofp_bucket **buckets,
               size_t *n)
{
    struct buf_reader list;

    buf_reader_init(&list, buf_pull(r, len), len);
    while (list.left) {
        struct ofp_bucket *b = ofp_array_push(buckets, n, sizeof **buckets);
        int retval = decode_bucket(&list, b);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_buckets(const struct ofp_bucket *buckets, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        const struct ofp_bucket *b = &buckets[i];
        size_t start = out->size;

        buf_put_be16(out, 0);
        buf_put_be16(out, b->weight);
        buf_put_be32(out, b->watch_port);
        buf_put_be32(out, b->watch_group);
        buf_put_zeros(out, 4);
        ofp_actions_encode(&b->actions, out);
        buf_set_be16(out, start, out->size - start);
    }
}

/* GROUP_MOD. */

/* Checks that the buckets suit the group's type, in Open vSwitch's order
 * and with its errors. */
static int
check_group_buckets(const struct ofp_group_mod *gm)
{
    for (size_t i = 0; i < gm->n_buckets; i++) {
        const struct ofp_bucket *b = &gm->buckets[i];

        if (!watch_is_valid(b)) {
            return -OFPERR_OFPGMFC_BAD_WATCH;
        }
        if (b->weight && gm->type != OFPGT_SELECT) {
            return -OFPERR_OFPGMFC_INVALID_GROUP;
        }
        /* Only select and fast failover groups use liveness. */
        if ((gm->type == OFPGT_ALL || gm->type == OFPGT_INDIRECT)
            && bucket_has_watch(b)) {
            return -OFPERR_OFPGMFC_WATCH_UNSUPPORTED;
        }
        if (gm->type == OFPGT_FF && !bucket_has_watch(b)) {
            return -OFPERR_OFPGMFC_INVALID_GROUP;
        }
    }
    return 0;
}

static int
check_group_mod(const struct ofp_group_mod *gm)
{
    if (gm->command > OFPGC_DELETE) {
        return -OFPERR_OFPGMFC_BAD_COMMAND;
    }
    /* OpenFlow 1.3.5 forbids buckets in a delete. */
    if (gm->command == OFPGC_DELETE && gm->n_buckets) {
        return -OFPERR_OFPGMFC_INVALID_GROUP;
    }
    if (gm->type > OFPGT_FF) {
        return -OFPERR_OFPGMFC_BAD_TYPE;
    }
    if (gm->type == OFPGT_INDIRECT && gm->command != OFPGC_DELETE
        && gm->n_buckets != 1) {
        return -OFPERR_OFPGMFC_INVALID_GROUP;
    }
    int retval = check_group_buckets(gm);
    if (retval) {
        return retval;
    }
    /* OFPG_ALL names every group, for deletion only; OFPG_ANY none. */
    if (gm->group_id > OFPG_MAX
        && !(gm->command == OFPGC_DELETE && gm->group_id == OFPG_ALL)) {
        return -OFPERR_OFPGMFC_INVALID_GROUP;
    }
    return 0;
}

static int
decode_group_mod(struct buf_reader *body, struct ofp_msg *msg)
{
    struct ofp_group_mod *gm = &msg->group_mod;
    const uint8_t *h = buf_pull(body, GROUP_MOD_BODY_LEN);
    int retval;

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    gm->command = buf_get_be16(h);
    gm->type = h[2];
    gm->group_id = buf_get_be32(h + 4);
    retval = decode_buckets(body, body->left, &gm->buckets, &gm->n_buckets);
    return retval ? retval : check_group_mod(gm);
}

static void
encode_group_mod(const struct ofp_msg *msg, struct buf *out)
{
    const struct ofp_group_mod *gm = &msg->group_mod;

    buf_put_be16(out, gm->command);
    buf_put_u8(out, gm->type);
    buf_put_zeros(out, 1);
    buf_put_be32(out, gm->group_id);
    encode_buckets(gm->buckets, gm->n_buckets, out);
}

static void
uninit_group_mod(struct ofp_msg *msg)
{
    buckets_free(&msg->group_mod.buckets, &msg->group_mod.n_buckets);
}

const struct ofp_msg_codec ofp_codec_GROUP_MOD = {
    .decode = decode_group_mod,
    .encode = encode_group_mod,
    .uninit = uninit_group_mod,
};

/* GROUP_STATS_REQUEST. */

static int
decode_group_stats_request(struct buf_reader *body, struct ofp_msg *msg)
{
    const uint8_t *h = buf_pull(body, GROUP_STATS_REQUEST_LEN);

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    msg->group_id = buf_get_be32(h);
    return ofp_codec_finish(body);
}

static void
encode_group_stats_request(const struct ofp_msg *msg, struct buf *out)
{
    buf_put_be32(out, msg->group_id);
    buf_put_zeros(out, 4);
}

const struct ofp_msg_codec ofp_codec_GROUP_STATS_REQUEST = {
    .decode = decode_group_stats_request,
    .encode = encode_group_stats_request,
};

/* GROUP_STATS_REPLY. */

static int
decode_group_stats(struct buf_reader *r, struct ofp_group_stats *gs)
{
    const uint8_t *h = buf_pull(r, GROUP_STATS_LEN);
    size_t counters_len;

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    if (buf_get_be16(h) < GROUP_STATS_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    counters_len = buf_get_be16(h) - GROUP_STATS_LEN;
    if (counters_len % BUCKET_COUNTER_LEN || counters_len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    gs->group_id = buf_get_be32(h + 4);
    gs->ref_count = buf_get_be32(h + 8);
    gs->packet_count = buf_get_be64(h + 16);
    gs->byte_count = buf_get_be64(h + 24);
    gs->duration_sec = buf_get_be32(h + 32);
    gs->duration_nsec = buf_get_be32(h + 36);
    for (size_t i = 0; i < counters_len / BUCKET_COUNTER_LEN; i++) {
        struct ofp_bucket_counter *c =
            ofp_array_push(&gs->buckets, &gs->n_buckets, sizeof *c);
        const uint8_t *p = buf_pull(r, BUCKET_COUNTER_LEN);

        c->packet_count = buf_get_be64(p);
        c->byte_count = buf_get_be64(p + 8);
    }
    return 0;
}

static int
decode_group_stats_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    while (body->left) {
        struct ofp_group_stats *gs =
            ofp_array_push(&msg->group_stats_reply.entries,
                           &msg->group_stats_reply.n, sizeof *gs);
        int retval = decode_group_stats(body, gs);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_group_stats_reply(const struct ofp_msg *msg, struct buf *out)
{
    for (size_t i = 0; i < msg->group_stats_reply.n; i++) {
        const struct ofp_group_stats *gs = &msg->group_stats_reply.entries[i];

        buf_put_be16(out, GROUP_STATS_LEN + gs->n_buckets * BUCKET_COUNTER_LEN);
        buf_put_zeros(out, 2);
        buf_put_be32(out, gs->group_id);
        buf_put_be32(out, gs->ref_count);
        buf_put_zeros(out, 4);
        buf_put_be64(out, gs->packet_count);
        buf_put_be64(out, gs->byte_count);
        buf_put_be32(out, gs->duration_sec);
        buf_put_be32(out, gs->duration_nsec);
        for (size_t j = 0; j < gs->n_buckets; j++) {
            buf_put_be64(out, gs->buckets[j].packet_count);
            buf_put_be64(out, gs->buckets[j].byte_count);
        }
    }
}

static void
uninit_group_stats_reply(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->group_stats_reply.n; i++) {
        free(msg->group_stats_reply.entries[i].buckets);
    }
    free(msg->group_stats_reply.entries);
    msg->group_stats_reply.entries = NULL;
    msg->group_stats_reply.n = 0;
}

const struct ofp_msg_codec ofp_codec_GROUP_STATS_REPLY = {
    .decode = decode_group_stats_reply,
    .encode = encode_group_stats_reply,
    .uninit = uninit_group_stats_reply,
};

/* GROUP_DESC_REPLY. */

static int
decode_group_desc(struct buf_reader *r, struct ofp_group_desc *gd)
{
    const uint8_t *h = buf_pull(r, GROUP_DESC_LEN);
    size_t buckets_len;

    if (!h || buf_get_be16(h) < GROUP_DESC_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buckets_len = buf_get_be16(h) - GROUP_DESC_LEN;
    if (buckets_len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    gd->type = h[2];
    gd->group_id = buf_get_be32(h + 4);
    return decode_buckets(r, buckets_len, &gd->buckets, &gd->n_buckets);
}

static int
decode_group_desc_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    while (body->left) {
        struct ofp_group_desc *gd =
            ofp_array_push(&msg->group_desc_reply.entries,
                           &msg->group_desc_reply.n, sizeof *gd);
        int retval = decode_group_desc(body, gd);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_group_desc_reply(const struct ofp_msg *msg, struct buf *out)
{
    for (size_t i = 0; i < msg->group_desc_reply.n; i++) {
        const struct ofp_group_desc *gd = &msg->group_desc_reply.entries[i];
        size_t start = out->size;

        buf_put_be16(out, 0);
        buf_put_u8(out, gd->type);
        buf_put_zeros(out, 1);
        buf_put_be32(out, gd->group_id);
        encode_buckets(gd->buckets, gd->n_buckets, out);
        buf_set_be16(out, start, out->size - start);
    }
}

static void
uninit_group_desc_reply(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->group_desc_reply.n; i++) {
        struct ofp_group_desc *gd = &msg->group_desc_reply.entries[i];
        buckets_free(&gd->buckets, &gd->n_buckets);
    }
    free(msg->group_desc_reply.entries);
    msg->group_desc_reply.entries = NULL;
    msg->group_desc_reply.n = 0;
}

const struct ofp_msg_codec ofp_codec_GROUP_DESC_REPLY = {
    .decode = decode_group_desc_reply,
    .encode = encode_group_desc_reply,
    .uninit = uninit_group_desc_reply,
};

/* GROUP_FEATURES_REPLY. */

static int
decode_group_features_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    struct ofp_group_features *gf = &msg->group_features_reply;
    const uint8_t *h = buf_pull(body, GROUP_FEATURES_LEN);

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    gf->types = buf_get_be32(h);
    gf->capabilities = buf_get_be32(h + 4);
    for (size_t i = 0; i < ARRAY_SIZE(gf->max_groups); i++) {
        gf->max_groups[i] = buf_get_be32(h + 8 + 4 * i);
        gf->actions[i] = buf_get_be32(h + 24 + 4 * i);
    }
    return ofp_codec_finish(body);
}

static void
encode_group_features_reply(const struct ofp_msg *msg, struct buf *out)
{
    const struct ofp_group_features *gf = &msg->group_features_reply;

    buf_put_be32(out, gf->types);
    buf_put_be32(out, gf->capabilities);
    for (size_t i = 0; i < ARRAY_SIZE(gf->max_groups); i++) {
        buf_put_be32(out, gf->max_groups[i]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(gf->actions); i++) {
        buf_put_be32(out, gf->actions[i]);
    }
}

const struct ofp_msg_codec ofp_codec_GROUP_FEATURES_REPLY = {
    .decode = decode_group_features_reply,
    .encode = encode_group_features_reply,
};
