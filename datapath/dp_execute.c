/* The action executor. */
#include "datapath/dp_execute.h"

#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_layout.h"
#include "datapath/dp_packet.h"
#include "datapath/dp_set_field.h"
#include "datapath/dp_tunnel.h"
#include "lib/packets.h"

/* Inserts 'n' bytes at offset 'at' (at most the packet's size) by moving
 * the 'at' bytes before them into the headroom, and returns a pointer to
 * the gap. */
static uint8_t *
insert_gap(struct dp_packet *p, size_t at, size_t n)
{
    uint8_t *data = dp_packet_push_front(p, n);

    memmove(data, data + n, at);
    return data + at;
}

/* Removes the 'n' bytes at offset 'at' (with 'at' + 'n' at most the
 * packet's size) by moving the 'at' bytes before them forward. */
static void
remove_gap(struct dp_packet *p, size_t at, size_t n)
{
    uint8_t *data = dp_packet_data(p);

    memmove(data + n, data, at);
    dp_packet_pull_front(p, n);
}

static void
push_vlan(struct dp_packet *p, be16 tpid, be16 tci)
{
    uint8_t *tag;

    if (dp_packet_size(p) < PKT_ETH_HEADER_LEN) {
        return;
    }
    /* PKT_VLAN_CFI only says "present" in flow keys; on the wire that bit
     * is DEI, which OpenFlow cannot set. */
    tci &= ~htons(PKT_VLAN_CFI);
    tag = insert_gap(p, 2 * PKT_ETH_ADDR_LEN, PKT_VLAN_HEADER_LEN);
    memcpy(tag, &tpid, sizeof tpid);
    memcpy(tag + 2, &tci, sizeof tci);
}

static void
pop_vlan(struct dp_packet *p)
{
    if (dp_layout_has_vlan(dp_packet_data(p), dp_packet_size(p))) {
        remove_gap(p, 2 * PKT_ETH_ADDR_LEN, PKT_VLAN_HEADER_LEN);
    }
}

/* Returns the offset at which the MPLS stack of 'p' starts or would start,
 * or 0 if 'p' has no EtherType to change there. */
static size_t
mpls_start(struct dp_packet *p)
{
    const struct flow_offsets *ofs = dp_packet_offsets(p);
    size_t at = ofs->l2_5 != FLOW_OFS_NONE ? ofs->l2_5 : ofs->l3;
    const uint8_t *data = dp_packet_data(p);

    if (at == FLOW_OFS_NONE || at < PKT_ETH_HEADER_LEN || at > dp_packet_size(p)
        || ntohs(pkt_get_be16(data + at - 2)) < PKT_ETH_TYPE_MIN) {
        return 0;
    }
    return at;
}

static void
push_mpls(struct dp_packet *p, be16 ethertype, be32 lse)
{
    size_t at = mpls_start(p);
    uint8_t *label;

    if (!at) {
        return;
    }
    label = insert_gap(p, at, PKT_MPLS_HEADER_LEN);
    memcpy(label, &lse, sizeof lse);
    memcpy(label - 2, &ethertype, sizeof ethertype);
}

static void
pop_mpls(struct dp_packet *p, be16 ethertype)
{
    const struct flow_offsets *ofs = dp_packet_offsets(p);
    size_t at = ofs->l2_5;
    uint8_t *data = dp_packet_data(p);

    if (at == FLOW_OFS_NONE || at < PKT_ETH_HEADER_LEN || at > dp_packet_size(p)
        || dp_packet_size(p) - at < PKT_MPLS_HEADER_LEN) {
        return;
    }
    memcpy(data + at - 2, &ethertype, sizeof ethertype);
    remove_gap(p, at, PKT_MPLS_HEADER_LEN);
}

static void
output_packet(const struct dp_execute_ops *ops, void *aux, uint32_t port_no,
              struct dp_packet *p)
{
    if (p->trunc_len) {
        dp_packet_truncate(p, p->trunc_len);
        p->trunc_len = 0;
    }
    if (ops->output) {
        ops->output(aux, port_no, p);
    } else {
        dp_packet_delete(p);
    }
}

/* OUTPUT: 'last' says whether nothing follows it in the list. */
static void
output(struct dp_packet_batch *b, uint32_t port_no, bool last,
       const struct dp_execute_ops *ops, void *aux)
{
    if (last) {
        for (size_t i = 0; i < b->count; i++) {
            output_packet(ops, aux, port_no, b->packets[i]);
        }
        b->count = 0;
        return;
    }
    for (size_t i = 0; i < b->count; i++) {
        struct dp_packet *p = b->packets[i];

        if (ops->output) {
            size_t n = p->trunc_len ? p->trunc_len : dp_packet_size(p);
            struct dp_packet *copy = dp_packet_clone_head(p, n);

            copy->trunc_len = 0;
            ops->output(aux, port_no, copy);
        }
        p->trunc_len = 0;
    }
}

/* Decapsulates 'p' (consumed) for port 'port_no' and recirculates it. */
static void
pop_packet(const struct dp_execute_ops *ops, void *aux, uint32_t port_no,
           struct dp_packet *p)
{
    if (!ops->recirculate || p->recirc_depth >= DP_MAX_RECIRC_DEPTH
        || !dp_tunnel_pop(p)) {
        dp_packet_delete(p);
        return;
    }
    p->in_port = port_no;
    p->queue_id = 0;
    p->trunc_len = 0;
    p->recirc_depth++;
    ops->recirculate(aux, p);
}

/* TUNNEL_POP: 'last' says whether nothing follows it in the list. */
static void
tunnel_pop(struct dp_packet_batch *b, uint32_t port_no, bool last,
           const struct dp_execute_ops *ops, void *aux)
{
    for (size_t i = 0; i < b->count; i++) {
        struct dp_packet *p = b->packets[i];

        pop_packet(ops, aux, port_no, last ? p : dp_packet_clone(p));
    }
    if (last) {
        b->count = 0;
    }
}

static void
meter(struct dp_packet_batch *b, uint32_t meter_id,
      const struct dp_execute_ops *ops, void *aux)
{
    if (ops->meter) {
        ops->meter(aux, meter_id, b);
    }
}

static void
userspace(struct dp_packet_batch *b, const struct dp_action *a,
          const struct dp_execute_ops *ops, void *aux)
{
    if (!ops->userspace) {
        return;
    }
    for (size_t i = 0; i < b->count; i++) {
        ops->userspace(aux, a->userspace.cookie, a->userspace.n, b->packets[i]);
    }
}

static void
trunc_batch(struct dp_packet_batch *b, uint32_t max_len)
{
    for (size_t i = 0; i < b->count; i++) {
        struct dp_packet *p = b->packets[i];

        if (!p->trunc_len || max_len < p->trunc_len) {
            p->trunc_len = max_len;
        }
    }
}

static void execute_list(struct dp_packet_batch *, const uint8_t *actions,
                         size_t len, const struct dp_execute_ops *, void *);

static void
clone_batch(struct dp_packet_batch *b, const struct dp_action *a, bool last,
            const struct dp_execute_ops *ops, void *aux)
{
    struct dp_packet_batch copy;

    if (last) {
        execute_list(b, a->clone.actions, a->clone.len, ops, aux);
        return;
    }
    dp_packet_batch_clone(&copy, b);
    execute_list(&copy, a->clone.actions, a->clone.len, ops, aux);
}

/* Applies the packet-modifying action 'a' to each packet of 'b'. */
static void
modify(struct dp_packet_batch *b, const struct dp_action *a)
{
    for (size_t i = 0; i < b->count; i++) {
        struct dp_packet *p = b->packets[i];

        switch (a->type) {
        case DP_ACTION_PUSH_VLAN:
            push_vlan(p, a->push_vlan.tpid, a->push_vlan.tci);
            break;
        case DP_ACTION_POP_VLAN:
            pop_vlan(p);
            break;
        case DP_ACTION_PUSH_MPLS:
            push_mpls(p, a->push_mpls.ethertype, a->push_mpls.lse);
            break;
        case DP_ACTION_POP_MPLS:
            pop_mpls(p, a->pop_mpls.ethertype);
            break;
        case DP_ACTION_SET_FIELD:
            dp_set_field(p, a->set_field.field, a->set_field.value,
                         a->set_field.mask);
            break;
        case DP_ACTION_SET_QUEUE:
            p->queue_id = a->queue_id;
            break;
        case DP_ACTION_TUNNEL_PUSH:
            dp_tunnel_push(p, &a->tunnel_push);
            break;
        default:
            break;
        }
    }
}

/* Runs the list on 'b' and consumes it. */
static void
execute_list(struct dp_packet_batch *b, const uint8_t *actions, size_t len,
             const struct dp_execute_ops *ops, void *aux)
{
    struct dp_actions_cursor c;
    struct dp_action a;

    dp_actions_cursor_init(&c, actions, len);
    while (b->count && dp_actions_next(&c, &a)) {
        bool last = c.left == 0;

        switch (a.type) {
        case DP_ACTION_OUTPUT:
            output(b, a.port_no, last, ops, aux);
            break;
        case DP_ACTION_TUNNEL_POP:
            tunnel_pop(b, a.port_no, last, ops, aux);
            break;
        case DP_ACTION_METER:
            meter(b, a.meter_id, ops, aux);
            break;
        case DP_ACTION_USERSPACE:
            userspace(b, &a, ops, aux);
            break;
        case DP_ACTION_TRUNC:
            trunc_batch(b, a.max_len);
            break;
        case DP_ACTION_CLONE:
            clone_batch(b, &a, last, ops, aux);
            break;
        default:
            modify(b, &a);
            break;
        }
    }
    dp_packet_batch_delete_all(b);
}

void
dp_execute(struct dp_packet_batch *batch, const void *actions, size_t len,
           const struct dp_execute_ops *ops, void *aux)
{
    static const struct dp_execute_ops no_ops;

    execute_list(batch, actions, len, ops ? ops : &no_ops, aux);
}
