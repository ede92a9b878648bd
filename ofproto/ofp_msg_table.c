/* Table features (OFPMP_TABLE_FEATURES): the request, which is empty for
 * a query and lists tables to reconfigure them, and the reply.  Both are a
 * list of ofp_table_features entries, each a fixed part and properties.
 *
 * Errors follow Open vSwitch where OpenFlow 1.3 can send them: a length
 * problem in an entry or a property is OFPBPC_BAD_LEN (1.3's
 * OFPTFFC_BAD_LEN), one in an OXM id OFPBMC_BAD_LEN, an unknown property
 * type OFPBPC_BAD_TYPE, a bad value OFPBPC_BAD_VALUE, table 255
 * OFPTFFC_BAD_TABLE.  A property given twice is OFPBPC_DUP_TYPE (ONF's
 * 1.3 code): Open vSwitch names it OFPTFFC_BAD_FEATURES, which 1.3 cannot
 * send.  Beyond the specification, the decoder refuses what the typed form
 * would not encode back to the same bytes: the same instruction, action or
 * next table twice (OFPBPC_BAD_VALUE), a non-experimenter instruction or
 * action id longer than 4 bytes (OFPBPC_BAD_LEN), and types above 31 that
 * are not the experimenter's (OFPBIC_UNKNOWN_INST, OFPBAC_BAD_TYPE). */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "ofproto/ofp_codec.h"

#define TF_FIXED_LEN 64    /* ofp_table_features up to its properties. */
#define PROP_HEADER_LEN 4  /* Property type and length. */
#define PROP_EXP_MIN_LEN 8 /* Experimenter id and exp_type. */
#define ID_HEADER_LEN 4    /* Instruction or action id: type, len. */
#define ID_EXP_MIN_LEN 8   /* Experimenter id: type, len, experimenter. */
#define OXM_EXPERIMENTER_CLASS 0xffff
#define OXM_HASMASK 0x100u

#define ROUND_UP8(n) (((size_t) (n) + 7) / 8 * 8)

/* The standard property types, in the order Open vSwitch writes them: the
 * regular entries' instruction, next-table, write and apply properties,
 * the same for the table-miss entry, then the match properties. */
static const uint8_t prop_order[] = {
    OFPTFPT_INSTRUCTIONS,
    OFPTFPT_NEXT_TABLES,
    OFPTFPT_WRITE_ACTIONS,
    OFPTFPT_WRITE_SETFIELD,
    OFPTFPT_APPLY_ACTIONS,
    OFPTFPT_APPLY_SETFIELD,
    OFPTFPT_INSTRUCTIONS_MISS,
    OFPTFPT_NEXT_TABLES_MISS,
    OFPTFPT_WRITE_ACTIONS_MISS,
    OFPTFPT_WRITE_SETFIELD_MISS,
    OFPTFPT_APPLY_ACTIONS_MISS,
    OFPTFPT_APPLY_SETFIELD_MISS,
    OFPTFPT_MATCH,
    OFPTFPT_WILDCARDS,
};

static bool
is_standard_prop(uint16_t type)
{
    return type < 16 && (OFP_TF_ALL_PROPS >> type & 1);
}

void
ofp_oxm_ids_push(struct ofp_oxm_ids *ids, uint32_t header,
                 uint32_t experimenter)
{
    struct ofp_oxm_id *id = ofp_array_push(&ids->ids, &ids->n, sizeof *id);

    id->header = header;
    id->experimenter = experimenter;
}

/* Decoding property payloads. */

/* Instruction or action ids: 4-byte ids of types below 32 into '*bitmap',
 * experimenter ids (any length from 8) copied whole into 'exp'. */
static int
pull_type_ids(struct buf_reader *r, uint32_t *bitmap, struct ofp_bytes *exp,
              enum ofperr bad_type)
{
    struct buf exp_ids = BUF_INIT;
    int retval = 0;

    *bitmap = 0;
    while (r->left && !retval) {
        uint16_t type, len;

        if (r->left < ID_HEADER_LEN) {
            retval = -OFPERR_OFPBPC_BAD_LEN;
            break;
        }
        type = buf_get_be16(r->p);
        len = buf_get_be16(r->p + 2);
        if (type == 0xffff) {
            if (len < ID_EXP_MIN_LEN || len > r->left) {
                retval = -OFPERR_OFPBPC_BAD_LEN;
            } else {
                buf_put(&exp_ids, buf_pull(r, len), len);
            }
        } else if (len != ID_HEADER_LEN) {
            retval = -OFPERR_OFPBPC_BAD_LEN;
        } else if (type >= 32) {
            retval = -(int) bad_type;
        } else if (*bitmap >> type & 1) {
            retval = -OFPERR_OFPBPC_BAD_VALUE;
        } else {
            *bitmap |= UINT32_C(1) << type;
            buf_pull(r, ID_HEADER_LEN);
        }
    }
    ofp_bytes_set(exp, exp_ids.data, exp_ids.size);
    buf_free(&exp_ids);
    return retval;
}

static int
pull_next_tables(struct buf_reader *r, uint64_t next_tables[4])
{
    uint8_t table_id;

    memset(next_tables, 0, 4 * sizeof *next_tables);
    while (buf_pull_u8(r, &table_id)) {
        if (table_id == OFPTT_ALL
            || ofp_tf_next_table_test(next_tables, table_id)) {
            return -OFPERR_OFPBPC_BAD_VALUE;
        }
        ofp_tf_next_table_set(next_tables, table_id);
    }
    return 0;
}

/* OXM ids.  Only the MATCH property may say that a field is maskable. */
static int
pull_oxm_ids(struct buf_reader *r, struct ofp_oxm_ids *ids, bool may_mask)
{
    while (r->left) {
        uint32_t header, experimenter = 0;

        if (!buf_pull_be32(r, &header)) {
            return -OFPERR_OFPBMC_BAD_LEN;
        }
        if (header >> 16 == OXM_EXPERIMENTER_CLASS
            && !buf_pull_be32(r, &experimenter)) {
            return -OFPERR_OFPBMC_BAD_LEN;
        }
        if (header & OXM_HASMASK && !may_mask) {
            return -OFPERR_OFPBMC_BAD_MASK;
        }
        ofp_oxm_ids_push(ids, header, experimenter);
    }
    return 0;
}

static int
pull_exp_prop(struct buf_reader *r, uint16_t type,
              struct ofp_table_features *tf)
{
    struct ofp_tf_exp_prop *prop;

    if (r->left < PROP_EXP_MIN_LEN) {
        return -OFPERR_OFPBPC_BAD_LEN;
    }
    prop = ofp_array_push(&tf->exp_props, &tf->n_exp_props, sizeof *prop);
    prop->type = type;
    buf_pull_be32(r, &prop->experimenter);
    buf_pull_be32(r, &prop->exp_type);
    ofp_bytes_set(&prop->data, r->p, r->left);
    buf_pull(r, r->left);
    return 0;
}

/* Decodes the payload 'r' of a standard property of 'type'. */
static int
pull_standard_prop(struct buf_reader *r, uint16_t type,
                   struct ofp_table_features *tf)
{
    struct ofp_tf_caps *caps = &tf->caps[type & 1];

    switch (type & ~1u) {
    case OFPTFPT_INSTRUCTIONS:
        return pull_type_ids(r, &caps->instructions, &caps->exp_instructions,
                             OFPERR_OFPBIC_UNKNOWN_INST);
    case OFPTFPT_NEXT_TABLES:
        return pull_next_tables(r, caps->next_tables);
    case OFPTFPT_WRITE_ACTIONS:
        return pull_type_ids(r, &caps->write_actions, &caps->exp_write_actions,
                             OFPERR_OFPBAC_BAD_TYPE);
    case OFPTFPT_APPLY_ACTIONS:
        return pull_type_ids(r, &caps->apply_actions, &caps->exp_apply_actions,
                             OFPERR_OFPBAC_BAD_TYPE);
    case OFPTFPT_MATCH:
        return pull_oxm_ids(r, &tf->match, true);
    case OFPTFPT_WILDCARDS:
        return pull_oxm_ids(r, &tf->wildcards, false);
    case OFPTFPT_WRITE_SETFIELD:
        return pull_oxm_ids(r, &caps->write_setfield, false);
    case OFPTFPT_APPLY_SETFIELD:
    default:
        return pull_oxm_ids(r, &caps->apply_setfield, false);
    }
}

/* Reads one property, padded to 8 bytes, from 'r'. */
static int
pull_prop(struct buf_reader *r, struct ofp_table_features *tf)
{
    struct buf_reader payload;
    uint16_t type, len;

    if (r->left < PROP_HEADER_LEN) {
        return -OFPERR_OFPBPC_BAD_LEN;
    }
    type = buf_get_be16(r->p);
    len = buf_get_be16(r->p + 2);
    if (len < PROP_HEADER_LEN || ROUND_UP8(len) > r->left) {
        return -OFPERR_OFPBPC_BAD_LEN;
    }
    buf_reader_init(&payload, r->p + PROP_HEADER_LEN, len - PROP_HEADER_LEN);
    buf_pull(r, ROUND_UP8(len));

    if (type == OFPTFPT_EXPERIMENTER || type == OFPTFPT_EXPERIMENTER_MISS) {
        return pull_exp_prop(&payload, type, tf);
    }
    if (!is_standard_prop(type)) {
        return -OFPERR_OFPBPC_BAD_TYPE;
    }
    if (tf->props >> type & 1) {
        return -OFPERR_OFPBPC_DUP_TYPE;
    }
    tf->props |= 1u << type;
    return pull_standard_prop(&payload, type, tf);
}

/* Copies one property's content from the regular entries' capabilities to
 * the table-miss entry's, for a _MISS property of 'type' that was left
 * out because it is the same. */
static void
copy_to_miss(struct ofp_tf_caps *caps, uint16_t type)
{
    const struct ofp_tf_caps *from = &caps[0];
    struct ofp_tf_caps *to = &caps[1];
    const struct ofp_oxm_ids *ids = NULL;
    struct ofp_oxm_ids *to_ids = NULL;

    switch (type & ~1u) {
    case OFPTFPT_INSTRUCTIONS:
        to->instructions = from->instructions;
        ofp_bytes_set(&to->exp_instructions, from->exp_instructions.data,
                      from->exp_instructions.len);
        return;
    case OFPTFPT_NEXT_TABLES:
        memcpy(to->next_tables, from->next_tables, sizeof to->next_tables);
        return;
    case OFPTFPT_WRITE_ACTIONS:
        to->write_actions = from->write_actions;
        ofp_bytes_set(&to->exp_write_actions, from->exp_write_actions.data,
                      from->exp_write_actions.len);
        return;
    case OFPTFPT_APPLY_ACTIONS:
        to->apply_actions = from->apply_actions;
        ofp_bytes_set(&to->exp_apply_actions, from->exp_apply_actions.data,
                      from->exp_apply_actions.len);
        return;
    case OFPTFPT_WRITE_SETFIELD:
        ids = &from->write_setfield;
        to_ids = &to->write_setfield;
        break;
    default:
        ids = &from->apply_setfield;
        to_ids = &to->apply_setfield;
        break;
    }
    for (size_t i = 0; i < ids->n; i++) {
        ofp_oxm_ids_push(to_ids, ids->ids[i].header, ids->ids[i].experimenter);
    }
}

static int
pull_entry(struct buf_reader *r, struct ofp_table_features *tf)
{
    struct buf_reader props;
    uint16_t len;

    if (r->left < TF_FIXED_LEN) {
        return -OFPERR_OFPBPC_BAD_LEN;
    }
    len = buf_get_be16(r->p);
    if (len < TF_FIXED_LEN || len % 8 || len > r->left) {
        return -OFPERR_OFPBPC_BAD_LEN;
    }
    buf_reader_init(&props, r->p + TF_FIXED_LEN, len - TF_FIXED_LEN);
    buf_pull(r, 2);
    buf_pull_u8(r, &tf->table_id);
    buf_pull(r, 5);
    ofp_pull_string(r, tf->name, sizeof tf->name);
    buf_pull_be64(r, &tf->metadata_match);
    buf_pull_be64(r, &tf->metadata_write);
    buf_pull_be32(r, &tf->config);
    buf_pull_be32(r, &tf->max_entries);
    buf_pull(r, len - TF_FIXED_LEN);
    if (tf->table_id == OFPTT_ALL) {
        return -OFPERR_OFPTFFC_BAD_TABLE;
    }

    while (props.left) {
        int retval = pull_prop(&props, tf);
        if (retval) {
            return retval;
        }
    }
    for (uint16_t type = 1; type < 16; type += 2) {
        if (OFP_TF_MISS_PROPS >> type & 1 && !(tf->props >> type & 1)) {
            copy_to_miss(tf->caps, type);
        }
    }
    return 0;
}

static int
decode_table_features(struct buf_reader *r, struct ofp_msg *msg)
{
    while (r->left) {
        int retval = pull_entry(r, OFP_STATS_PUSH(msg->table_features));
        if (retval) {
            return retval;
        }
    }
    return 0;
}

/* Encoding. */

static void
put_type_ids(struct buf *b, uint32_t bitmap, const struct ofp_bytes *exp)
{
    for (int type = 0; type < 32; type++) {
        if (bitmap >> type & 1) {
            buf_put_be16(b, type);
            buf_put_be16(b, ID_HEADER_LEN);
        }
    }
    buf_put(b, exp->data, exp->len);
}

static void
put_oxm_ids(struct buf *b, const struct ofp_oxm_ids *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        buf_put_be32(b, ids->ids[i].header);
        if (ids->ids[i].header >> 16 == OXM_EXPERIMENTER_CLASS) {
            buf_put_be32(b, ids->ids[i].experimenter);
        }
    }
}

static void
put_standard_payload(struct buf *b, uint16_t type,
                     const struct ofp_table_features *tf)
{
    const struct ofp_tf_caps *caps = &tf->caps[type & 1];

    switch (type & ~1u) {
    case OFPTFPT_INSTRUCTIONS:
        put_type_ids(b, caps->instructions, &caps->exp_instructions);
        break;
    case OFPTFPT_NEXT_TABLES:
        for (int id = 0; id < OFPTT_ALL; id++) {
            if (ofp_tf_next_table_test(caps->next_tables, id)) {
                buf_put_u8(b, id);
            }
        }
        break;
    case OFPTFPT_WRITE_ACTIONS:
        put_type_ids(b, caps->write_actions, &caps->exp_write_actions);
        break;
    case OFPTFPT_APPLY_ACTIONS:
        put_type_ids(b, caps->apply_actions, &caps->exp_apply_actions);
        break;
    case OFPTFPT_MATCH:
        put_oxm_ids(b, &tf->match);
        break;
    case OFPTFPT_WILDCARDS:
        put_oxm_ids(b, &tf->wildcards);
        break;
    case OFPTFPT_WRITE_SETFIELD:
        put_oxm_ids(b, &caps->write_setfield);
        break;
    default:
        put_oxm_ids(b, &caps->apply_setfield);
        break;
    }
}

/* Ends the property that starts at 'start': its length, then padding. */
static void
end_prop(struct buf *b, size_t start)
{
    buf_set_be16(b, start + 2, b->size - start);
    buf_pad8(b, start);
}

static void
put_entry(struct buf *b, const struct ofp_table_features *tf)
{
    size_t start = b->size;

    buf_put_be16(b, 0);
    buf_put_u8(b, tf->table_id);
    buf_put_zeros(b, 5);
    ofp_put_string(b, tf->name, sizeof tf->name);
    buf_put_be64(b, tf->metadata_match);
    buf_put_be64(b, tf->metadata_write);
    buf_put_be32(b, tf->config);
    buf_put_be32(b, tf->max_entries);
    for (size_t i = 0; i < ARRAY_SIZE(prop_order); i++) {
        uint16_t type = prop_order[i];
        size_t prop_start = b->size;

        if (tf->props >> type & 1) {
            buf_put_be16(b, type);
            buf_put_be16(b, 0);
            put_standard_payload(b, type, tf);
            end_prop(b, prop_start);
        }
    }
    for (size_t i = 0; i < tf->n_exp_props; i++) {
        const struct ofp_tf_exp_prop *prop = &tf->exp_props[i];
        size_t prop_start = b->size;

        buf_put_be16(b, prop->type);
        buf_put_be16(b, 0);
        buf_put_be32(b, prop->experimenter);
        buf_put_be32(b, prop->exp_type);
        buf_put(b, prop->data.data, prop->data.len);
        end_prop(b, prop_start);
    }
    /* An entry longer than 65535 bytes cannot be sent: the message would
     * be too, and ofp_msg_encode() refuses it. */
    buf_set_be16(b, start, (uint16_t) (b->size - start));
}

static void
encode_table_features(const struct ofp_msg *msg, struct buf *b)
{
    for (size_t i = 0; i < msg->table_features.n; i++) {
        put_entry(b, &msg->table_features.entries[i]);
    }
}

static void
free_caps(struct ofp_tf_caps *caps)
{
    ofp_bytes_free(&caps->exp_instructions);
    ofp_bytes_free(&caps->exp_write_actions);
    ofp_bytes_free(&caps->exp_apply_actions);
    free(caps->write_setfield.ids);
    free(caps->apply_setfield.ids);
}

static void
uninit_table_features(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->table_features.n; i++) {
        struct ofp_table_features *tf = &msg->table_features.entries[i];

        free_caps(&tf->caps[0]);
        free_caps(&tf->caps[1]);
        free(tf->match.ids);
        free(tf->wildcards.ids);
        for (size_t j = 0; j < tf->n_exp_props; j++) {
            ofp_bytes_free(&tf->exp_props[j].data);
        }
        free(tf->exp_props);
    }
    free(msg->table_features.entries);
}

const struct ofp_msg_codec ofp_codec_TABLE_FEATURES_REQUEST = {
    .decode = decode_table_features,
    .encode = encode_table_features,
    .uninit = uninit_table_features,
};
const struct ofp_msg_codec ofp_codec_TABLE_FEATURES_REPLY = {
    .decode = decode_table_features,
    .encode = encode_table_features,
    .uninit = uninit_table_features,
};
