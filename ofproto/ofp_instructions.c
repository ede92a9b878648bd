/* Instructions: at most one of each type, decoded into a struct and
 * encoded in Open vSwitch's order. */
#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_actions.h"
#include "ofproto/ofp_errors.h"

#define GOTO_TABLE_LEN 8
#define WRITE_METADATA_LEN 24
#define ACTIONS_HEADER_LEN 8
#define CLEAR_ACTIONS_LEN 8
#define METER_LEN 8

void
ofp_instructions_init(struct ofp_instructions *in)
{
    memset(in, 0, sizeof *in);
}

void
ofp_instructions_free(struct ofp_instructions *in)
{
    ofp_actions_free(&in->apply);
    ofp_actions_free(&in->write);
    ofp_instructions_init(in);
}

void
ofp_instructions_clone(struct ofp_instructions *dst,
                       const struct ofp_instructions *src)
{
    *dst = *src;
    ofp_actions_clone(&dst->apply, &src->apply);
    ofp_actions_clone(&dst->write, &src->write);
}

bool
ofp_instructions_equal(const struct ofp_instructions *a,
                       const struct ofp_instructions *b)
{
    return a->present == b->present
           && (!(a->present & OFP_INST_BIT(OFPIT_GOTO_TABLE))
               || a->goto_table == b->goto_table)
           && (!(a->present & OFP_INST_BIT(OFPIT_WRITE_METADATA))
               || (a->metadata == b->metadata
                   && a->metadata_mask == b->metadata_mask))
           && (!(a->present & OFP_INST_BIT(OFPIT_METER))
               || a->meter_id == b->meter_id)
           && ofp_actions_equal(&a->apply, &b->apply)
           && ofp_actions_equal(&a->write, &b->write);
}

/* Returns the length an instruction of 'type' must have, 0 if it varies,
 * -1 if the type is unknown. */
static int
fixed_len(uint16_t type)
{
    switch (type) {
    case OFPIT_GOTO_TABLE:
        return GOTO_TABLE_LEN;
    case OFPIT_WRITE_METADATA:
        return WRITE_METADATA_LEN;
    case OFPIT_CLEAR_ACTIONS:
        return CLEAR_ACTIONS_LEN;
    case OFPIT_METER:
        return METER_LEN;
    case OFPIT_WRITE_ACTIONS:
    case OFPIT_APPLY_ACTIONS:
    case OFPIT_EXPERIMENTER:
        return 0;
    default:
        return -1;
    }
}

/* Decodes the body of an instruction ('r' holds exactly it, after the
 * 4-byte header). */
static int
decode_body(uint16_t type, struct buf_reader *r, uint8_t table_id,
            struct ofp_instructions *in)
{
    switch (type) {
    case OFPIT_GOTO_TABLE:
        buf_pull_u8(r, &in->goto_table);
        return in->goto_table > table_id && in->goto_table <= OFPTT_MAX
                   ? 0
                   : -OFPERR_OFPBIC_BAD_TABLE_ID;
    case OFPIT_WRITE_METADATA:
        buf_pull(r, 4);
        buf_pull_be64(r, &in->metadata);
        buf_pull_be64(r, &in->metadata_mask);
        return 0;
    case OFPIT_METER:
        buf_pull_be32(r, &in->meter_id);
        return 0;
    case OFPIT_APPLY_ACTIONS:
    case OFPIT_WRITE_ACTIONS:
        if (r->left < ACTIONS_HEADER_LEN - 4) {
            return -OFPERR_OFPBIC_BAD_LEN;
        }
        buf_pull(r, ACTIONS_HEADER_LEN - 4);
        return ofp_actions_decode(r, r->left,
                                  type == OFPIT_APPLY_ACTIONS ? &in->apply
                                                              : &in->write);
    case OFPIT_EXPERIMENTER:
        return -OFPERR_OFPBIC_BAD_EXPERIMENTER;
    default: /* OFPIT_CLEAR_ACTIONS */
        return 0;
    }
}

static int
decode_one(struct buf_reader *r, uint8_t table_id,
           struct ofp_instructions *in)
{
    struct buf_reader body;
    uint16_t type, len;
    const uint8_t *p;
    int want;

    if (r->left < OFP_INSTRUCTION_HEADER_LEN) {
        return -OFPERR_OFPBIC_BAD_LEN;
    }
    type = buf_get_be16(r->p);
    len = buf_get_be16(r->p + 2);
    if (len < OFP_INSTRUCTION_HEADER_LEN || len % 8 || len > r->left) {
        return -OFPERR_OFPBIC_BAD_LEN;
    }
    want = fixed_len(type);
    if (want < 0) {
        return -OFPERR_OFPBIC_UNKNOWN_INST;
    }
    if (want && len != want) {
        return -OFPERR_OFPBIC_BAD_LEN;
    }
    if (type != OFPIT_EXPERIMENTER && (in->present & OFP_INST_BIT(type))) {
        return -OFPERR_OFPBIC_DUP_INST;
    }
    p = buf_pull(r, len);
    buf_reader_init(&body, p + 4, len - 4);
    if (type != OFPIT_EXPERIMENTER) {
        in->present |= OFP_INST_BIT(type);
    }
    return decode_body(type, &body, table_id, in);
}

int
ofp_instructions_decode(struct buf_reader *r, uint8_t table_id,
                        struct ofp_instructions *in)
{
    ofp_instructions_init(in);
    while (r->left) {
        int retval = decode_one(r, table_id, in);
        if (retval) {
            ofp_instructions_free(in);
            return retval;
        }
    }
    return 0;
}

static size_t
put_header(struct buf *b, uint16_t type)
{
    size_t start = b->size;

    buf_put_be16(b, type);
    buf_put_be16(b, 0);
    return start;
}

static void
finish(struct buf *b, size_t start)
{
    buf_set_be16(b, start + 2, b->size - start);
}

static void
put_actions(struct buf *b, uint16_t type, const struct ofp_actions *a)
{
    size_t start = put_header(b, type);

    buf_put_zeros(b, 4);
    ofp_actions_encode(a, b);
    finish(b, start);
}

void
ofp_instructions_encode(const struct ofp_instructions *in, struct buf *b)
{
    size_t start;

    if (in->present & OFP_INST_BIT(OFPIT_METER)) {
        start = put_header(b, OFPIT_METER);
        buf_put_be32(b, in->meter_id);
        finish(b, start);
    }
    if (in->present & OFP_INST_BIT(OFPIT_APPLY_ACTIONS)) {
        put_actions(b, OFPIT_APPLY_ACTIONS, &in->apply);
    }
    if (in->present & OFP_INST_BIT(OFPIT_CLEAR_ACTIONS)) {
        start = put_header(b, OFPIT_CLEAR_ACTIONS);
        buf_put_zeros(b, 4);
        finish(b, start);
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_ACTIONS)) {
        put_actions(b, OFPIT_WRITE_ACTIONS, &in->write);
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_METADATA)) {
        start = put_header(b, OFPIT_WRITE_METADATA);
        buf_put_zeros(b, 4);
        buf_put_be64(b, in->metadata);
        buf_put_be64(b, in->metadata_mask);
        finish(b, start);
    }
    if (in->present & OFP_INST_BIT(OFPIT_GOTO_TABLE)) {
        start = put_header(b, OFPIT_GOTO_TABLE);
        buf_put_u8(b, in->goto_table);
        buf_put_zeros(b, 3);
        finish(b, start);
    }
}
