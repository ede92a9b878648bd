/* Actions: wire codec, list handling and consistency with a match. */
#include "ofproto/ofp_actions.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/ofp_codec.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_oxm.h"

void
ofp_actions_init(struct ofp_actions *a)
{
    a->list = NULL;
    a->n = 0;
}

void
ofp_actions_free(struct ofp_actions *a)
{
    free(a->list);
    ofp_actions_init(a);
}

struct ofp_action *
ofp_actions_append(struct ofp_actions *a)
{
    return ofp_array_push(&a->list, &a->n, sizeof *a->list);
}

void
ofp_actions_clone(struct ofp_actions *dst, const struct ofp_actions *src)
{
    ofp_actions_init(dst);
    for (size_t i = 0; i < src->n; i++) {
        *ofp_actions_append(dst) = src->list[i];
    }
}

static bool
action_equal(const struct ofp_action *a, const struct ofp_action *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
    case OFPAT_OUTPUT:
        return a->output.port == b->output.port
               && a->output.max_len == b->output.max_len;
    case OFPAT_SET_MPLS_TTL:
    case OFPAT_SET_NW_TTL:
        return a->ttl == b->ttl;
    case OFPAT_PUSH_VLAN:
    case OFPAT_PUSH_MPLS:
    case OFPAT_POP_MPLS:
    case OFPAT_PUSH_PBB:
        return a->ethertype == b->ethertype;
    case OFPAT_SET_QUEUE:
        return a->queue_id == b->queue_id;
    case OFPAT_GROUP:
        return a->group_id == b->group_id;
    case OFPAT_SET_FIELD:
        return a->set_field.field == b->set_field.field
               && !memcmp(a->set_field.value, b->set_field.value,
                          a->set_field.field->n_bytes);
    default:
        return true;
    }
}

bool
ofp_actions_equal(const struct ofp_actions *a, const struct ofp_actions *b)
{
    if (a->n != b->n) {
        return false;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (!action_equal(&a->list[i], &b->list[i])) {
            return false;
        }
    }
    return true;
}

/* Decoding. */

static int
decode_output(struct buf_reader *r, struct ofp_action *a)
{
    buf_pull_be32(r, &a->output.port);
    buf_pull_be16(r, &a->output.max_len);
    /* A port, or a reserved port other than ANY. */
    if (!ofp_port_is_physical(a->output.port)
        && (a->output.port < OFPP_IN_PORT || a->output.port == OFPP_ANY)) {
        return -OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

/* Actions whose argument is an EtherType. */
static int
decode_ethertype(struct buf_reader *r, struct ofp_action *a)
{
    uint16_t t;

    buf_pull_be16(r, &t);
    a->ethertype = t;
    switch (a->type) {
    case OFPAT_PUSH_VLAN:
        return t == PKT_ETH_TYPE_VLAN || t == PKT_ETH_TYPE_QINQ
                   ? 0
                   : -OFPERR_OFPBAC_BAD_ARGUMENT;
    case OFPAT_PUSH_MPLS:
        return t == PKT_ETH_TYPE_MPLS || t == PKT_ETH_TYPE_MPLS_MCAST
                   ? 0
                   : -OFPERR_OFPBAC_BAD_ARGUMENT;
    case OFPAT_POP_MPLS:
        /* Any EtherType: an MPLS one when more labels remain. */
        return t >= PKT_ETH_TYPE_MIN ? 0 : -OFPERR_OFPBAC_BAD_ARGUMENT;
    default: /* PUSH_PBB */
        return t == 0x88e7 ? 0 : -OFPERR_OFPBAC_BAD_ARGUMENT;
    }
}

/* 'r' holds the action's body after its 4-byte header. */
static int
decode_set_field(struct buf_reader *r, struct ofp_action *a)
{
    uint8_t mask[OFP_FIELD_MAX_LEN];
    struct flow_match scratch;
    const struct ofp_field *f;
    bool has_mask;
    int retval;

    retval = ofp_oxm_decode(r, &f, a->set_field.value, mask, &has_mask);
    switch (-retval) {
    case 0:
        break;
    case OFPERR_OFPBMC_BAD_FIELD:
        return -OFPERR_OFPBAC_BAD_SET_TYPE;
    case OFPERR_OFPBMC_BAD_MASK:
    case OFPERR_OFPBMC_BAD_WILDCARDS:
        return -OFPERR_OFPBAC_BAD_SET_MASK;
    default:
        return -OFPERR_OFPBAC_BAD_SET_LEN;
    }
    if (has_mask) {
        return -OFPERR_OFPBAC_BAD_SET_MASK;
    }
    /* What follows the OXM is padding to 8 bytes: fewer than 8, zero. */
    if (r->left >= 8) {
        return -OFPERR_OFPBAC_BAD_SET_LEN;
    }
    for (size_t i = 0; i < r->left; i++) {
        if (r->p[i]) {
            return -OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
    }
    if (!f->writable) {
        return -OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    /* A VLAN ID is set on a tag, so OFPVID_PRESENT must be given. */
    if (f->id == OFPF_VLAN_VID
        && !(buf_get_be16(a->set_field.value) & OFPVID_PRESENT)) {
        return -OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    memset(&scratch, 0, sizeof scratch);
    if (ofp_field_set(f, a->set_field.value, NULL, &scratch)) {
        return -OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    a->set_field.field = f;
    return 0;
}

/* Returns the length an action of 'type' must have, 0 for a variable
 * length, or -1 for an unknown type. */
static int
fixed_len(uint16_t type)
{
    switch (type) {
    case OFPAT_OUTPUT:
        return OFP_ACTION_OUTPUT_LEN;
    case OFPAT_COPY_TTL_OUT:
    case OFPAT_COPY_TTL_IN:
    case OFPAT_SET_MPLS_TTL:
    case OFPAT_DEC_MPLS_TTL:
    case OFPAT_PUSH_VLAN:
    case OFPAT_POP_VLAN:
    case OFPAT_PUSH_MPLS:
    case OFPAT_POP_MPLS:
    case OFPAT_SET_QUEUE:
    case OFPAT_GROUP:
    case OFPAT_SET_NW_TTL:
    case OFPAT_DEC_NW_TTL:
    case OFPAT_PUSH_PBB:
    case OFPAT_POP_PBB:
        return OFP_ACTION_HEADER_LEN;
    case OFPAT_SET_FIELD:
    case OFPAT_EXPERIMENTER:
        return 0;
    default:
        return -1;
    }
}

/* Decodes one action's body ('r' covers exactly it, after the header). */
static int
decode_body(struct buf_reader *r, struct ofp_action *a)
{
    switch (a->type) {
    case OFPAT_OUTPUT:
        return decode_output(r, a);
    case OFPAT_SET_MPLS_TTL:
    case OFPAT_SET_NW_TTL:
        buf_pull_u8(r, &a->ttl);
        return 0;
    case OFPAT_PUSH_VLAN:
    case OFPAT_PUSH_MPLS:
    case OFPAT_POP_MPLS:
    case OFPAT_PUSH_PBB:
        return decode_ethertype(r, a);
    case OFPAT_SET_QUEUE:
        buf_pull_be32(r, &a->queue_id);
        return 0;
    case OFPAT_GROUP:
        buf_pull_be32(r, &a->group_id);
        return 0;
    case OFPAT_SET_FIELD:
        return decode_set_field(r, a);
    case OFPAT_EXPERIMENTER:
        return -OFPERR_OFPBAC_BAD_VENDOR;
    default:
        return 0;
    }
}

static int
decode_one(struct buf_reader *r, struct ofp_actions *out)
{
    struct buf_reader body;
    const uint8_t *p;
    uint16_t type, len;
    int want;

    if (r->left < OFP_ACTION_HEADER_LEN) {
        return -OFPERR_OFPBAC_BAD_LEN;
    }
    type = buf_get_be16(r->p);
    len = buf_get_be16(r->p + 2);
    if (len < OFP_ACTION_HEADER_LEN || len % 8 || len > r->left) {
        return -OFPERR_OFPBAC_BAD_LEN;
    }
    want = fixed_len(type);
    if (want < 0) {
        return -OFPERR_OFPBAC_BAD_TYPE;
    }
    if (want && len != want) {
        return -OFPERR_OFPBAC_BAD_LEN;
    }
    p = buf_pull(r, len);
    buf_reader_init(&body, p + 4, len - 4);
    struct ofp_action *a = ofp_actions_append(out);
    a->type = type;
    return decode_body(&body, a);
}

int
ofp_actions_decode(struct buf_reader *r, size_t len, struct ofp_actions *out)
{
    struct buf_reader actions;
    const uint8_t *p = buf_pull(r, len);

    ofp_actions_init(out);
    if (!p) {
        return -OFPERR_OFPBAC_BAD_LEN;
    }
    buf_reader_init(&actions, p, len);
    while (actions.left) {
        int retval = decode_one(&actions, out);
        if (retval) {
            ofp_actions_free(out);
            return retval;
        }
    }
    return 0;
}

/* Encoding. */

static void
encode_one(const struct ofp_action *a, struct buf *b)
{
    size_t start = b->size;

    buf_put_be16(b, a->type);
    buf_put_be16(b, 0);
    switch (a->type) {
    case OFPAT_OUTPUT:
        buf_put_be32(b, a->output.port);
        buf_put_be16(b, a->output.max_len);
        buf_put_zeros(b, 6);
        break;
    case OFPAT_SET_MPLS_TTL:
    case OFPAT_SET_NW_TTL:
        buf_put_u8(b, a->ttl);
        buf_put_zeros(b, 3);
        break;
    case OFPAT_PUSH_VLAN:
    case OFPAT_PUSH_MPLS:
    case OFPAT_POP_MPLS:
    case OFPAT_PUSH_PBB:
        buf_put_be16(b, a->ethertype);
        buf_put_zeros(b, 2);
        break;
    case OFPAT_SET_QUEUE:
        buf_put_be32(b, a->queue_id);
        break;
    case OFPAT_GROUP:
        buf_put_be32(b, a->group_id);
        break;
    case OFPAT_SET_FIELD:
        ofp_oxm_encode(a->set_field.field, a->set_field.value, NULL, b);
        buf_pad8(b, start);
        break;
    default:
        buf_put_zeros(b, 4);
        break;
    }
    buf_set_be16(b, start + 2, b->size - start);
}

void
ofp_actions_encode(const struct ofp_actions *a, struct buf *b)
{
    for (size_t i = 0; i < a->n; i++) {
        encode_one(&a->list[i], b);
    }
}

/* Consistency with the match: actions run in order, and pushes and pops
 * change what the following actions may assume. */

struct packet_shape {
    bool vlan;              /* Has a VLAN tag. */
    uint16_t dl_type;       /* Known EtherType, or 0 if unknown. */
    struct flow_match match;
};

static int
check_set_field(const struct ofp_action *a, const struct packet_shape *s)
{
    const struct ofp_field *f = a->set_field.field;

    if (f->id == OFPF_VLAN_VID || f->id == OFPF_VLAN_PCP) {
        return s->vlan ? 0 : -OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return ofp_field_prereq_ok(f, &s->match)
               ? 0
               : -OFPERR_OFPBAC_MATCH_INCONSISTENT;
}

static void
set_dl_type(struct packet_shape *s, uint16_t dl_type)
{
    s->dl_type = dl_type;
    s->match.key.dl_type = htons(dl_type);
    s->match.mask.bits.dl_type = UINT16_MAX;
}

static int
check_one(const struct ofp_action *a, struct packet_shape *s)
{
    bool mpls = s->dl_type == PKT_ETH_TYPE_MPLS
                || s->dl_type == PKT_ETH_TYPE_MPLS_MCAST;
    bool ip = s->dl_type == PKT_ETH_TYPE_IPV4
              || s->dl_type == PKT_ETH_TYPE_IPV6;

    switch (a->type) {
    case OFPAT_PUSH_VLAN:
        s->vlan = true;
        return 0;
    case OFPAT_POP_VLAN:
        return s->vlan ? (s->vlan = false, 0)
                       : -OFPERR_OFPBAC_MATCH_INCONSISTENT;
    case OFPAT_PUSH_MPLS:
        set_dl_type(s, a->ethertype);
        return 0;
    case OFPAT_POP_MPLS:
        if (!mpls) {
            return -OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        set_dl_type(s, a->ethertype);
        return 0;
    case OFPAT_SET_MPLS_TTL:
    case OFPAT_DEC_MPLS_TTL:
    case OFPAT_COPY_TTL_IN:
    case OFPAT_COPY_TTL_OUT:
        return mpls ? 0 : -OFPERR_OFPBAC_MATCH_INCONSISTENT;
    case OFPAT_SET_NW_TTL:
    case OFPAT_DEC_NW_TTL:
        return ip ? 0 : -OFPERR_OFPBAC_MATCH_INCONSISTENT;
    case OFPAT_SET_FIELD:
        return check_set_field(a, s);
    default:
        return 0;
    }
}

static void
shape_init(struct packet_shape *s, const struct flow_match *match)
{
    s->match = *match;
    s->vlan = match->mask.bits.vlans[0].tci & match->key.vlans[0].tci
              & htons(PKT_VLAN_CFI);
    s->dl_type = match->mask.bits.dl_type ? ntohs(match->key.dl_type) : 0;
}

int
ofp_actions_check(const struct ofp_actions *actions,
                  const struct flow_match *match)
{
    struct packet_shape s;

    shape_init(&s, match);
    for (size_t i = 0; i < actions->n; i++) {
        int retval = check_one(&actions->list[i], &s);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

int
ofp_action_set_check(const struct ofp_actions *actions,
                     const struct flow_match *match)
{
    struct packet_shape s;

    shape_init(&s, match);
    /* The set pushes before it sets fields, whatever the list's order. */
    for (size_t i = 0; i < actions->n; i++) {
        s.vlan |= actions->list[i].type == OFPAT_PUSH_VLAN;
    }
    for (size_t i = 0; i < actions->n; i++) {
        const struct ofp_action *a = &actions->list[i];
        int retval = a->type == OFPAT_SET_FIELD ? check_set_field(a, &s) : 0;
        if (retval) {
            return retval;
        }
    }
    return 0;
}
