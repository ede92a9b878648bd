/* Flow messages: FLOW_MOD, FLOW_REMOVED, flow and aggregate statistics. */
#include <stdlib.h>

#include "ofproto/ofp_codec.h"
#include "ofproto/ofp_oxm.h"

#define FLOW_MOD_FIXED_LEN 40       /* Body up to the match. */
#define FLOW_REMOVED_FIXED_LEN 40
#define FLOW_STATS_REQUEST_FIXED_LEN 32
#define FLOW_STATS_FIXED_LEN 48     /* Entry up to the match. */
#define AGGREGATE_REPLY_LEN 24

/* Checks the apply and write actions against the match they run under. */
static int
check_instructions(const struct ofp_instructions *in,
                   const struct flow_match *match)
{
    int retval = ofp_actions_check(&in->apply, match);
    return retval ? retval : ofp_action_set_check(&in->write, match);
}

/* FLOW_MOD. */

static int
check_flow_mod(const struct ofp_flow_mod *fm)
{
    if (fm->command > OFPFC_DELETE_STRICT) {
        return -OFPERR_OFPFMFC_BAD_COMMAND;
    }
    if (fm->table_id == OFPTT_ALL && fm->command != OFPFC_DELETE
        && fm->command != OFPFC_DELETE_STRICT) {
        return -OFPERR_OFPFMFC_BAD_TABLE_ID;
    }
    if (fm->flags & ~OFPFF_ALL) {
        return -OFPERR_OFPFMFC_BAD_FLAGS;
    }
    return 0;
}

static int
decode_flow_mod(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_flow_mod *fm = &msg->flow_mod;
    int retval;

    if (r->left < FLOW_MOD_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be64(r, &fm->cookie);
    buf_pull_be64(r, &fm->cookie_mask);
    buf_pull_u8(r, &fm->table_id);
    buf_pull_u8(r, &fm->command);
    buf_pull_be16(r, &fm->idle_timeout);
    buf_pull_be16(r, &fm->hard_timeout);
    buf_pull_be16(r, &fm->priority);
    buf_pull_be32(r, &fm->buffer_id);
    buf_pull_be32(r, &fm->out_port);
    buf_pull_be32(r, &fm->out_group);
    buf_pull_be16(r, &fm->flags);
    buf_pull(r, 2);
    retval = check_flow_mod(fm);
    if (!retval) {
        retval = ofp_match_decode(r, &fm->match);
    }
    if (!retval) {
        retval = ofp_instructions_decode(r, fm->table_id, &fm->instructions);
    }
    return retval ? retval : check_instructions(&fm->instructions, &fm->match);
}

static void
encode_flow_mod(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_flow_mod *fm = &msg->flow_mod;

    buf_put_be64(b, fm->cookie);
    buf_put_be64(b, fm->cookie_mask);
    buf_put_u8(b, fm->table_id);
    buf_put_u8(b, fm->command);
    buf_put_be16(b, fm->idle_timeout);
    buf_put_be16(b, fm->hard_timeout);
    buf_put_be16(b, fm->priority);
    buf_put_be32(b, fm->buffer_id);
    buf_put_be32(b, fm->out_port);
    buf_put_be32(b, fm->out_group);
    buf_put_be16(b, fm->flags);
    buf_put_zeros(b, 2);
    ofp_match_encode(&fm->match, b);
    ofp_instructions_encode(&fm->instructions, b);
}

static void
uninit_flow_mod(struct ofp_msg *msg)
{
    ofp_instructions_free(&msg->flow_mod.instructions);
}

const struct ofp_msg_codec ofp_codec_FLOW_MOD = {
    .decode = decode_flow_mod,
    .encode = encode_flow_mod,
    .uninit = uninit_flow_mod,
};

/* FLOW_REMOVED. */

static int
decode_flow_removed(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_flow_removed *fr = &msg->flow_removed;
    int retval;

    if (r->left < FLOW_REMOVED_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be64(r, &fr->cookie);
    buf_pull_be16(r, &fr->priority);
    buf_pull_u8(r, &fr->reason);
    buf_pull_u8(r, &fr->table_id);
    buf_pull_be32(r, &fr->duration_sec);
    buf_pull_be32(r, &fr->duration_nsec);
    buf_pull_be16(r, &fr->idle_timeout);
    buf_pull_be16(r, &fr->hard_timeout);
    buf_pull_be64(r, &fr->packet_count);
    buf_pull_be64(r, &fr->byte_count);
    retval = ofp_match_decode(r, &fr->match);
    return retval ? retval : ofp_codec_finish(r);
}

static void
encode_flow_removed(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_flow_removed *fr = &msg->flow_removed;

    buf_put_be64(b, fr->cookie);
    buf_put_be16(b, fr->priority);
    buf_put_u8(b, fr->reason);
    buf_put_u8(b, fr->table_id);
    buf_put_be32(b, fr->duration_sec);
    buf_put_be32(b, fr->duration_nsec);
    buf_put_be16(b, fr->idle_timeout);
    buf_put_be16(b, fr->hard_timeout);
    buf_put_be64(b, fr->packet_count);
    buf_put_be64(b, fr->byte_count);
    ofp_match_encode(&fr->match, b);
}

const struct ofp_msg_codec ofp_codec_FLOW_REMOVED = {
    .decode = decode_flow_removed,
    .encode = encode_flow_removed,
    .uninit = NULL,
};

/* FLOW_STATS_REQUEST and AGGREGATE_REQUEST share a body. */

static int
decode_flow_stats_request(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_flow_stats_request *req = &msg->flow_stats_request;
    int retval;

    if (r->left < FLOW_STATS_REQUEST_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_u8(r, &req->table_id);
    buf_pull(r, 3);
    buf_pull_be32(r, &req->out_port);
    buf_pull_be32(r, &req->out_group);
    buf_pull(r, 4);
    buf_pull_be64(r, &req->cookie);
    buf_pull_be64(r, &req->cookie_mask);
    retval = ofp_match_decode(r, &req->match);
    return retval ? retval : ofp_codec_finish(r);
}

static void
encode_flow_stats_request(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_flow_stats_request *req = &msg->flow_stats_request;

    buf_put_u8(b, req->table_id);
    buf_put_zeros(b, 3);
    buf_put_be32(b, req->out_port);
    buf_put_be32(b, req->out_group);
    buf_put_zeros(b, 4);
    buf_put_be64(b, req->cookie);
    buf_put_be64(b, req->cookie_mask);
    ofp_match_encode(&req->match, b);
}

const struct ofp_msg_codec ofp_codec_FLOW_STATS_REQUEST = {
    .decode = decode_flow_stats_request,
    .encode = encode_flow_stats_request,
    .uninit = NULL,
};
const struct ofp_msg_codec ofp_codec_AGGREGATE_REQUEST = {
    .decode = decode_flow_stats_request,
    .encode = encode_flow_stats_request,
    .uninit = NULL,
};

/* FLOW_STATS_REPLY: a list of ofp_flow_stats, each with its length. */

static int
decode_flow_stats_entry(struct buf_reader *r, struct ofp_flow_stats *fs)
{
    struct buf_reader entry;
    const uint8_t *p;
    uint16_t len;
    int retval;

    if (r->left < FLOW_STATS_FIXED_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    len = buf_get_be16(r->p);
    if (len < FLOW_STATS_FIXED_LEN || !(p = buf_pull(r, len))) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_reader_init(&entry, p + 2, len - 2);
    buf_pull_u8(&entry, &fs->table_id);
    buf_pull(&entry, 1);
    buf_pull_be32(&entry, &fs->duration_sec);
    buf_pull_be32(&entry, &fs->duration_nsec);
    buf_pull_be16(&entry, &fs->priority);
    buf_pull_be16(&entry, &fs->idle_timeout);
    buf_pull_be16(&entry, &fs->hard_timeout);
    buf_pull_be16(&entry, &fs->flags);
    buf_pull(&entry, 4);
    buf_pull_be64(&entry, &fs->cookie);
    buf_pull_be64(&entry, &fs->packet_count);
    buf_pull_be64(&entry, &fs->byte_count);
    retval = ofp_match_decode(&entry, &fs->match);
    if (!retval) {
        retval = ofp_instructions_decode(&entry, fs->table_id,
                                         &fs->instructions);
    }
    return retval;
}

static void
uninit_flow_stats_reply(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->flow_stats_reply.n; i++) {
        ofp_instructions_free(&msg->flow_stats_reply.entries[i].instructions);
    }
    free(msg->flow_stats_reply.entries);
}

static int
decode_flow_stats_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    while (r->left) {
        struct ofp_flow_stats *fs = ofp_array_push(
            &msg->flow_stats_reply.entries, &msg->flow_stats_reply.n,
            sizeof *fs);
        int retval = decode_flow_stats_entry(r, fs);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_flow_stats_reply(const struct ofp_msg *msg, struct buf *b)
{
    for (size_t i = 0; i < msg->flow_stats_reply.n; i++) {
        const struct ofp_flow_stats *fs = &msg->flow_stats_reply.entries[i];
        size_t start = b->size;

        buf_put_be16(b, 0);
        buf_put_u8(b, fs->table_id);
        buf_put_zeros(b, 1);
        buf_put_be32(b, fs->duration_sec);
        buf_put_be32(b, fs->duration_nsec);
        buf_put_be16(b, fs->priority);
        buf_put_be16(b, fs->idle_timeout);
        buf_put_be16(b, fs->hard_timeout);
        buf_put_be16(b, fs->flags);
        buf_put_zeros(b, 4);
        buf_put_be64(b, fs->cookie);
        buf_put_be64(b, fs->packet_count);
        buf_put_be64(b, fs->byte_count);
        ofp_match_encode(&fs->match, b);
        ofp_instructions_encode(&fs->instructions, b);
        buf_set_be16(b, start, b->size - start);
    }
}

const struct ofp_msg_codec ofp_codec_FLOW_STATS_REPLY = {
    .decode = decode_flow_stats_reply,
    .encode = encode_flow_stats_reply,
    .uninit = uninit_flow_stats_reply,
};

/* AGGREGATE_REPLY. */

static int
decode_aggregate_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_aggregate_reply *ag = &msg->aggregate_reply;

    if (r->left != AGGREGATE_REPLY_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be64(r, &ag->packet_count);
    buf_pull_be64(r, &ag->byte_count);
    buf_pull_be32(r, &ag->flow_count);
    buf_pull(r, 4);
    return 0;
}

static void
encode_aggregate_reply(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_aggregate_reply *ag = &msg->aggregate_reply;

    buf_put_be64(b, ag->packet_count);
    buf_put_be64(b, ag->byte_count);
    buf_put_be32(b, ag->flow_count);
    buf_put_zeros(b, 4);
}

const struct ofp_msg_codec ofp_codec_AGGREGATE_REPLY = {
    .decode = decode_aggregate_reply,
    .encode = encode_aggregate_reply,
    .uninit = NULL,
};
