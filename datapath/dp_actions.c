/* Datapath actions: the field table, the builder, the validator and the
 * cursor.  The text form is in dp_actions_text.c. */
#include "datapath/dp_actions.h"

#include <assert.h>
#include <errno.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/util.h"

struct field_info {
    const char *name;
    uint8_t width;
    uint32_t valid_bits; /* 0: every bit of 'width' bytes. */
    enum dp_field_kind kind;
};

static const struct field_info fields[DP_N_FIELDS] = {
#define DP_FIELD_INFO(ID, NAME, WIDTH, VALID, KIND)                            \
    [DP_FIELD_##ID] = {NAME, WIDTH, VALID, KIND},
    DP_FIELDS(DP_FIELD_INFO)
#undef DP_FIELD_INFO
};

const char *
dp_field_name(enum dp_field field)
{
    return fields[field].name;
}

size_t
dp_field_width(enum dp_field field)
{
    return fields[field].width;
}

enum dp_field_kind
dp_field_kind(enum dp_field field)
{
    return fields[field].kind;
}

void
dp_field_valid_bits(enum dp_field field, uint8_t *mask)
{
    const struct field_info *f = &fields[field];

    if (f->valid_bits) {
        buf_set_uint_be(mask, f->width, f->valid_bits);
    } else {
        memset(mask, 0xff, f->width);
    }
}

int
dp_field_from_name(const char *name)
{
    for (int i = 0; i < DP_N_FIELDS; i++) {
        if (!strcmp(name, fields[i].name)) {
            return i;
        }
    }
    return -1;
}

static size_t
round_up8(size_t n)
{
    return (n + DP_ACTIONS_ALIGN - 1) & ~(size_t) (DP_ACTIONS_ALIGN - 1);
}

/* The TLV header and metadata numbers are in host byte order; the list is
 * only 8-aligned relative to its start, so access them with memcpy. */
static uint16_t
get_u16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t
get_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Builder. */

/* Appends a zeroed TLV of 'len' bytes (a multiple of 8) with its header
 * filled in, and returns it. */
static uint8_t *
put_tlv(struct buf *b, enum dp_action_type type, size_t len)
{
    uint8_t *tlv = buf_put_zeros(b, len);
    uint16_t type16 = (uint16_t) type, len16 = (uint16_t) len;

    assert(len % DP_ACTIONS_ALIGN == 0 && len <= UINT16_MAX);
    memcpy(tlv, &type16, sizeof type16);
    memcpy(tlv + 2, &len16, sizeof len16);
    return tlv;
}

static void
put_u32_action(struct buf *b, enum dp_action_type type, uint32_t value)
{
    uint8_t *tlv = put_tlv(b, type, 8);
    memcpy(tlv + 4, &value, sizeof value);
}

void
dp_actions_put_output(struct buf *b, uint32_t port_no)
{
    put_u32_action(b, DP_ACTION_OUTPUT, port_no);
}

void
dp_actions_put_set_queue(struct buf *b, uint32_t queue_id)
{
    put_u32_action(b, DP_ACTION_SET_QUEUE, queue_id);
}

void
dp_actions_put_meter(struct buf *b, uint32_t meter_id)
{
    put_u32_action(b, DP_ACTION_METER, meter_id);
}

void
dp_actions_put_trunc(struct buf *b, uint32_t max_len)
{
    put_u32_action(b, DP_ACTION_TRUNC, max_len);
}

void
dp_actions_put_tunnel_pop(struct buf *b, uint32_t port_no)
{
    put_u32_action(b, DP_ACTION_TUNNEL_POP, port_no);
}

#define TUNNEL_PUSH_LEN 40
#define TUNNEL_PROTO_VXLAN 1
#define TUNNEL_FLAG_DF 0x01

void
dp_actions_put_tunnel_push(struct buf *b, const struct dp_tunnel_header *h)
{
    uint8_t *tlv = put_tlv(b, DP_ACTION_TUNNEL_PUSH, TUNNEL_PUSH_LEN);
    be32 vni = htonl(h->vni);

    tlv[4] = TUNNEL_PROTO_VXLAN;
    tlv[5] = h->tos;
    tlv[6] = h->ttl;
    tlv[7] = h->df ? TUNNEL_FLAG_DF : 0;
    memcpy(tlv + 8, &h->eth_dst, PKT_ETH_ADDR_LEN);
    memcpy(tlv + 14, &h->eth_src, PKT_ETH_ADDR_LEN);
    memcpy(tlv + 20, &h->ip_src, 4);
    memcpy(tlv + 24, &h->ip_dst, 4);
    memcpy(tlv + 28, &h->udp_dst, 2);
    memcpy(tlv + 32, &vni, 4);
}

void
dp_actions_put_push_vlan(struct buf *b, be16 tpid, be16 tci)
{
    uint8_t *tlv = put_tlv(b, DP_ACTION_PUSH_VLAN, 8);

    memcpy(tlv + 4, &tpid, sizeof tpid);
    memcpy(tlv + 6, &tci, sizeof tci);
}

void
dp_actions_put_pop_vlan(struct buf *b)
{
    put_tlv(b, DP_ACTION_POP_VLAN, 8);
}

void
dp_actions_put_push_mpls(struct buf *b, be16 ethertype, be32 lse)
{
    uint8_t *tlv = put_tlv(b, DP_ACTION_PUSH_MPLS, 16);

    memcpy(tlv + 4, &ethertype, sizeof ethertype);
    memcpy(tlv + 8, &lse, sizeof lse);
}

void
dp_actions_put_pop_mpls(struct buf *b, be16 ethertype)
{
    uint8_t *tlv = put_tlv(b, DP_ACTION_POP_MPLS, 8);
    memcpy(tlv + 4, &ethertype, sizeof ethertype);
}

void
dp_actions_put_set_field(struct buf *b, enum dp_field field, const void *value,
                         const void *mask)
{
    size_t width = dp_field_width(field);
    uint8_t *tlv = put_tlv(b, DP_ACTION_SET_FIELD, round_up8(8 + 2 * width));
    const uint8_t *v = value;
    uint8_t *m = tlv + 8 + width;

    tlv[4] = (uint8_t) field;
    if (mask) {
        memcpy(m, mask, width);
    } else {
        dp_field_valid_bits(field, m);
    }
    for (size_t i = 0; i < width; i++) {
        tlv[8 + i] = v[i] & m[i];
    }
}

int
dp_actions_put_userspace(struct buf *b, const void *cookie, size_t n)
{
    uint8_t *tlv;

    if (n > DP_ACTIONS_COOKIE_MAX) {
        return -EINVAL;
    }
    tlv = put_tlv(b, DP_ACTION_USERSPACE, round_up8(8 + n));
    tlv[4] = (uint8_t) n;
    if (n) {
        memcpy(tlv + 8, cookie, n);
    }
    return 0;
}

size_t
dp_actions_start_clone(struct buf *b)
{
    size_t start = b->size;

    put_tlv(b, DP_ACTION_CLONE, 8);
    return start;
}

int
dp_actions_end_clone(struct buf *b, size_t start)
{
    size_t len = b->size - start;
    uint16_t len16 = (uint16_t) len;

    if (len > UINT16_MAX) {
        b->size = start;
        return -EMSGSIZE;
    }
    memcpy(b->data + start + 2, &len16, sizeof len16);
    return 0;
}

/* Decoding. */

static bool
is_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Decodes SET_FIELD's TLV of 'len' bytes at 'tlv'. */
static bool
decode_set_field(const uint8_t *tlv, size_t len, struct dp_action *a)
{
    uint8_t valid[DP_FIELD_MAX_WIDTH];
    const uint8_t *value, *mask;
    enum dp_field field;
    size_t width;

    if (tlv[4] >= DP_N_FIELDS || !is_zero(tlv + 5, 3)) {
        return false;
    }
    field = tlv[4];
    width = dp_field_width(field);
    if (len != round_up8(8 + 2 * width)
        || !is_zero(tlv + 8 + 2 * width, len - 8 - 2 * width)) {
        return false;
    }
    value = tlv + 8;
    mask = tlv + 8 + width;
    dp_field_valid_bits(field, valid);
    for (size_t i = 0; i < width; i++) {
        if ((mask[i] & ~valid[i]) || (value[i] & ~mask[i])) {
            return false;
        }
    }
    a->set_field.field = field;
    a->set_field.value = value;
    a->set_field.mask = mask;
    return true;
}

static bool
decode_userspace(const uint8_t *tlv, size_t len, struct dp_action *a)
{
    size_t n = tlv[4];

    if (n > DP_ACTIONS_COOKIE_MAX || !is_zero(tlv + 5, 3)
        || len != round_up8(8 + n) || !is_zero(tlv + 8 + n, len - 8 - n)) {
        return false;
    }
    a->userspace.cookie = tlv + 8;
    a->userspace.n = n;
    return true;
}

static bool
decode_tunnel_push(const uint8_t *tlv, size_t len, struct dp_action *a)
{
    struct dp_tunnel_header *h = &a->tunnel_push;

    if (len != TUNNEL_PUSH_LEN || tlv[4] != TUNNEL_PROTO_VXLAN
        || (tlv[7] & ~TUNNEL_FLAG_DF) || !tlv[6] || !is_zero(tlv + 30, 2)
        || !is_zero(tlv + 36, 4)) {
        return false;
    }
    h->tos = tlv[5];
    h->ttl = tlv[6];
    h->df = tlv[7] & TUNNEL_FLAG_DF;
    memcpy(&h->eth_dst, tlv + 8, PKT_ETH_ADDR_LEN);
    memcpy(&h->eth_src, tlv + 14, PKT_ETH_ADDR_LEN);
    memcpy(&h->ip_src, tlv + 20, 4);
    memcpy(&h->ip_dst, tlv + 24, 4);
    memcpy(&h->udp_dst, tlv + 28, 2);
    h->vni = ntohl(pkt_get_be32(tlv + 32));
    return h->vni <= DP_VXLAN_VNI_MAX;
}

static bool
is_mpls_type(be16 type)
{
    return type == htons(PKT_ETH_TYPE_MPLS)
           || type == htons(PKT_ETH_TYPE_MPLS_MCAST);
}

/* Decodes the actions whose TLV is exactly 8 or 16 bytes. */
static bool
decode_fixed(const uint8_t *tlv, size_t len, struct dp_action *a)
{
    be16 a16 = pkt_get_be16(tlv + 4), b16 = pkt_get_be16(tlv + 6);
    uint32_t u32 = get_u32(tlv + 4);

    switch (a->type) {
    case DP_ACTION_OUTPUT:
    case DP_ACTION_TUNNEL_POP:
        a->port_no = u32;
        return len == 8;
    case DP_ACTION_SET_QUEUE:
        a->queue_id = u32;
        return len == 8;
    case DP_ACTION_METER:
        a->meter_id = u32;
        return len == 8;
    case DP_ACTION_TRUNC:
        a->max_len = u32;
        return len == 8 && u32 >= PKT_ETH_HEADER_LEN;
    case DP_ACTION_PUSH_VLAN:
        a->push_vlan.tpid = a16;
        a->push_vlan.tci = b16;
        return len == 8
               && (a16 == htons(PKT_ETH_TYPE_VLAN)
                   || a16 == htons(PKT_ETH_TYPE_QINQ))
               && (b16 & htons(PKT_VLAN_CFI));
    case DP_ACTION_POP_VLAN:
        return len == 8 && !u32;
    case DP_ACTION_PUSH_MPLS:
        if (len != 16) {
            return false;
        }
        a->push_mpls.ethertype = a16;
        a->push_mpls.lse = pkt_get_be32(tlv + 8);
        return is_mpls_type(a16) && !b16 && is_zero(tlv + 12, 4);
    case DP_ACTION_POP_MPLS:
        a->pop_mpls.ethertype = a16;
        return len == 8 && ntohs(a16) >= PKT_ETH_TYPE_MIN && !b16;
    default:
        return false;
    }
}

/* Decodes the TLV of 'len' bytes (at least 8, a multiple of 8) at 'tlv'.
 * A CLONE's nested list is not looked at. */
static bool
decode_tlv(const uint8_t *tlv, size_t len, struct dp_action *a)
{
    a->type = get_u16(tlv);
    switch (a->type) {
    case DP_ACTION_SET_FIELD:
        return decode_set_field(tlv, len, a);
    case DP_ACTION_USERSPACE:
        return decode_userspace(tlv, len, a);
    case DP_ACTION_TUNNEL_PUSH:
        return decode_tunnel_push(tlv, len, a);
    case DP_ACTION_CLONE:
        a->clone.actions = tlv + 8;
        a->clone.len = len - 8;
        return is_zero(tlv + 4, 4);
    default:
        return decode_fixed(tlv, len, a);
    }
}

/* Returns the length of the TLV at the start of the 'left' bytes at 'p', or
 * 0 if it does not fit or its length is invalid. */
static size_t
tlv_len(const uint8_t *p, size_t left)
{
    size_t len;

    if (left < DP_ACTIONS_HEADER_LEN) {
        return 0;
    }
    len = get_u16(p + 2);
    if (len < DP_ACTIONS_ALIGN || len % DP_ACTIONS_ALIGN || len > left) {
        return 0;
    }
    return len;
}

bool
dp_actions_next(struct dp_actions_cursor *c, struct dp_action *a)
{
    size_t len = tlv_len(c->p, c->left);

    if (!len || !decode_tlv(c->p, len, a)) {
        return false;
    }
    c->p += len;
    c->left -= len;
    return true;
}

static int
validate_list(const void *actions, size_t len, int depth)
{
    struct dp_actions_cursor c;
    struct dp_action a;

    dp_actions_cursor_init(&c, actions, len);
    while (dp_actions_next(&c, &a)) {
        if (a.type == DP_ACTION_CLONE
            && (depth >= DP_ACTIONS_MAX_NESTING
                || validate_list(a.clone.actions, a.clone.len, depth + 1))) {
            return -EINVAL;
        }
    }
    return c.left ? -EINVAL : 0;
}

int
dp_actions_validate(const void *actions, size_t len)
{
    return validate_list(actions, len, 0);
}
