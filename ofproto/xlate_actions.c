/* Translation of OpenFlow actions into datapath actions.  See
 * xlate_private.h for how header rewrites are deferred and committed. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif.h"
#include "lib/hash.h"
#include "lib/packets.h"
#include "lib/util.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate_private.h"

/* Committing rewrites. */

static bool
all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static void
put_set(struct xlate_ctx *ctx, enum dp_field field, const void *value,
        const void *mask, size_t n)
{
    if (!all_zeros(mask, n)) {
        dp_actions_put_set_field(&ctx->out->actions, field, value, mask);
    }
}

/* ICMP types and codes live in the low byte of tp_src and tp_dst. */
static void
put_set_low_byte(struct xlate_ctx *ctx, enum dp_field field, const be16 *value,
                 const be16 *mask)
{
    uint8_t v = ntohs(*value) & 0xff, m = ntohs(*mask) & 0xff;

    put_set(ctx, field, &v, &m, 1);
}

static void
commit_l4(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    const struct flow_key *d = &ctx->dirty.bits;
    struct flow_key *wc = &ctx->out->wc.bits;

    if (!d->tp_src && !d->tp_dst) {
        return;
    }
    wc->nw_proto = 0xff;
    wc->nw_frag = 0xff;
    if (f->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }
    switch (f->nw_proto) {
    case IPPROTO_TCP:
    case IPPROTO_UDP:
    case IPPROTO_SCTP:
        put_set(ctx, DP_FIELD_TP_SRC, &f->tp_src, &d->tp_src, 2);
        put_set(ctx, DP_FIELD_TP_DST, &f->tp_dst, &d->tp_dst, 2);
        break;
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6:
        put_set_low_byte(ctx, DP_FIELD_ICMP_TYPE, &f->tp_src, &d->tp_src);
        put_set_low_byte(ctx, DP_FIELD_ICMP_CODE, &f->tp_dst, &d->tp_dst);
        break;
    }
}

static void
commit_ipv6(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    const struct flow_key *d = &ctx->dirty.bits;

    put_set(ctx, DP_FIELD_IPV6_SRC, &f->ipv6_src, &d->ipv6_src, 16);
    put_set(ctx, DP_FIELD_IPV6_DST, &f->ipv6_dst, &d->ipv6_dst, 16);
    put_set(ctx, DP_FIELD_IPV6_LABEL, &f->ipv6_label, &d->ipv6_label, 4);
    if (f->nw_proto == IPPROTO_ICMPV6) {
        put_set(ctx, DP_FIELD_ND_TARGET, &f->nd_target, &d->nd_target, 16);
        put_set(ctx, DP_FIELD_ND_SLL, &f->arp_sha, &d->arp_sha, 6);
        put_set(ctx, DP_FIELD_ND_TLL, &f->arp_tha, &d->arp_tha, 6);
    }
}

static void
commit_l3(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    const struct flow_key *d = &ctx->dirty.bits;
    bool ipv4 = f->dl_type == htons(PKT_ETH_TYPE_IPV4);
    bool ipv6 = f->dl_type == htons(PKT_ETH_TYPE_IPV6);

    if (ipv4) {
        put_set(ctx, DP_FIELD_IPV4_SRC, &f->nw_src, &d->nw_src, 4);
        put_set(ctx, DP_FIELD_IPV4_DST, &f->nw_dst, &d->nw_dst, 4);
    } else if (ipv6) {
        commit_ipv6(ctx);
    }
    if (ipv4 || ipv6) {
        put_set(ctx, DP_FIELD_IP_TOS, &f->nw_tos, &d->nw_tos, 1);
        put_set(ctx, DP_FIELD_IP_TTL, &f->nw_ttl, &d->nw_ttl, 1);
        commit_l4(ctx);
    } else if (f->dl_type == htons(PKT_ETH_TYPE_ARP)
               || f->dl_type == htons(PKT_ETH_TYPE_RARP)) {
        be16 op = htons(f->nw_proto), op_mask = htons(d->nw_proto);

        put_set(ctx, DP_FIELD_ARP_OP, &op, &op_mask, 2);
        put_set(ctx, DP_FIELD_ARP_SPA, &f->nw_src, &d->nw_src, 4);
        put_set(ctx, DP_FIELD_ARP_TPA, &f->nw_dst, &d->nw_dst, 4);
        put_set(ctx, DP_FIELD_ARP_SHA, &f->arp_sha, &d->arp_sha, 6);
        put_set(ctx, DP_FIELD_ARP_THA, &f->arp_tha, &d->arp_tha, 6);
    }
}

static bool
is_mpls(be16 dl_type)
{
    return dl_type == htons(PKT_ETH_TYPE_MPLS)
           || dl_type == htons(PKT_ETH_TYPE_MPLS_MCAST);
}

static bool
has_vlan(const struct flow_key *f)
{
    return (f->vlans[0].tci & htons(PKT_VLAN_CFI)) != 0;
}

void
xlate_commit(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    const struct flow_key *d = &ctx->dirty.bits;

    put_set(ctx, DP_FIELD_ETH_SRC, &f->dl_src, &d->dl_src, 6);
    put_set(ctx, DP_FIELD_ETH_DST, &f->dl_dst, &d->dl_dst, 6);
    if (has_vlan(f)) {
        be16 mask = d->vlans[0].tci & htons(~PKT_VLAN_CFI & 0xffff);

        put_set(ctx, DP_FIELD_VLAN_TCI, &f->vlans[0].tci, &mask, 2);
    }
    if (is_mpls(f->dl_type)) {
        put_set(ctx, DP_FIELD_MPLS_LSE, &f->mpls_lse[0], &d->mpls_lse[0], 4);
    } else {
        commit_l3(ctx);
    }
    flow_mask_catchall(&ctx->dirty);
}

/* Header rewrites. */

static void
set_field(struct xlate_ctx *ctx, const struct ofp_action *a)
{
    const struct ofp_field *field = a->set_field.field;
    struct flow_match m;

    if (field->id == OFPF_VLAN_VID || field->id == OFPF_VLAN_PCP) {
        /* Whether there is a tag decides what happens. */
        ctx->out->wc.bits.vlans[0].tci |= htons(PKT_VLAN_CFI);
    }
    if ((field->id == OFPF_VLAN_VID || field->id == OFPF_VLAN_PCP)
        && !has_vlan(&ctx->flow)) {
        xlate_trace(ctx, "set_field:%s ignored: no VLAN tag", field->name);
        return;
    }
    /* A field the packet does not have (ip_src of an ARP packet, say, which
     * a group bucket or goto_table can bring about) is left alone: its
     * bytes in the key mean something else. */
    m.key = ctx->flow;
    flow_mask_exact(&m.mask);
    if (field->prereq >= OFPP_TCP) {
        /* Transport prerequisites depend on the IP protocol too, and those
         * of ND on the ICMPv6 type. */
        ctx->out->wc.bits.nw_proto = 0xff;
    }
    if (field->prereq >= OFPP_ND) {
        ctx->out->wc.bits.tp_src = 0xffff;
    }
    if (!ofp_field_prereq_ok(field, &m)) {
        xlate_trace(ctx, "set_field:%s skipped: the packet has no such field",
                    field->name);
        return;
    }
    flow_mask_catchall(&m.mask);
    if (ofp_field_set(field, a->set_field.value, NULL, &m)) {
        return;
    }
    ctx->flow = m.key;
    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        ((uint64_t *) &ctx->dirty.bits)[i] |= ((uint64_t *) &m.mask.bits)[i];
    }
}

static void
push_vlan(struct xlate_ctx *ctx, uint16_t tpid)
{
    struct flow_key *f = &ctx->flow;
    /* The new tag copies the VID and PCP of the outer one, if any. */
    be16 tci = has_vlan(f) ? f->vlans[0].tci : htons(PKT_VLAN_CFI);

    ctx->out->wc.bits.vlans[0].tci = 0xffff;
    xlate_commit(ctx);
    dp_actions_put_push_vlan(&ctx->out->actions, htons(tpid), tci);
    memmove(&f->vlans[1], &f->vlans[0], sizeof f->vlans - sizeof f->vlans[0]);
    f->vlans[0].tpid = htons(tpid);
    f->vlans[0].tci = tci;
}

static void
pop_vlan(struct xlate_ctx *ctx)
{
    struct flow_key *f = &ctx->flow;

    ctx->out->wc.bits.vlans[0].tci |= htons(PKT_VLAN_CFI);
    if (!has_vlan(f)) {
        return;
    }
    xlate_commit(ctx);
    dp_actions_put_pop_vlan(&ctx->out->actions);
    memmove(&f->vlans[0], &f->vlans[1], sizeof f->vlans - sizeof f->vlans[0]);
    memset(&f->vlans[FLOW_MAX_VLANS - 1], 0, sizeof f->vlans[0]);
}

static void
push_mpls(struct xlate_ctx *ctx, uint16_t ethertype)
{
    struct flow_key *f = &ctx->flow;
    struct flow_key *wc = &ctx->out->wc.bits;
    uint32_t lse;

    if (is_mpls(f->dl_type)) {
        /* Copy label, TC and TTL of the current top; not bottom. */
        wc->mpls_lse[0] = 0xffffffff;
        lse = ntohl(f->mpls_lse[0]) & ~PKT_MPLS_BOS_MASK;
    } else {
        /* The TTL comes from IP (OpenFlow 1.3 section 5.12). */
        bool ip = f->dl_type == htons(PKT_ETH_TYPE_IPV4)
                  || f->dl_type == htons(PKT_ETH_TYPE_IPV6);

        if (ip) {
            wc->nw_ttl = 0xff;
        }
        lse = PKT_MPLS_BOS_MASK | (ip ? f->nw_ttl : 0);
    }
    xlate_commit(ctx);
    dp_actions_put_push_mpls(&ctx->out->actions, htons(ethertype), htonl(lse));
    memmove(&f->mpls_lse[1], &f->mpls_lse[0],
            sizeof f->mpls_lse - sizeof f->mpls_lse[0]);
    f->mpls_lse[0] = htonl(lse);
    f->dl_type = htons(ethertype);
}

static void
pop_mpls(struct xlate_ctx *ctx, uint16_t ethertype)
{
    struct flow_key *f = &ctx->flow;

    if (!is_mpls(f->dl_type)) {
        return;
    }
    xlate_commit(ctx);
    dp_actions_put_pop_mpls(&ctx->out->actions, htons(ethertype));
    memmove(&f->mpls_lse[0], &f->mpls_lse[1],
            sizeof f->mpls_lse - sizeof f->mpls_lse[0]);
    memset(&f->mpls_lse[FLOW_MAX_MPLS_LABELS - 1], 0, sizeof f->mpls_lse[0]);
    f->dl_type = htons(ethertype);
}

static bool
is_ip(const struct flow_key *f)
{
    return f->dl_type == htons(PKT_ETH_TYPE_IPV4)
           || f->dl_type == htons(PKT_ETH_TYPE_IPV6);
}

static void
set_mpls_ttl(struct xlate_ctx *ctx, uint8_t ttl)
{
    uint32_t lse = ntohl(ctx->flow.mpls_lse[0]);

    ctx->flow.mpls_lse[0] = htonl((lse & ~PKT_MPLS_TTL_MASK) | ttl);
    ctx->dirty.bits.mpls_lse[0] |= htonl(PKT_MPLS_TTL_MASK);
}

static uint8_t
mpls_ttl(struct xlate_ctx *ctx)
{
    ctx->out->wc.bits.mpls_lse[0] |= htonl(PKT_MPLS_TTL_MASK);
    return ntohl(ctx->flow.mpls_lse[0]) & PKT_MPLS_TTL_MASK;
}

static void
set_nw_ttl(struct xlate_ctx *ctx, uint8_t ttl)
{
    ctx->flow.nw_ttl = ttl;
    ctx->dirty.bits.nw_ttl = 0xff;
}

/* Decrements a TTL; a packet whose TTL would reach zero goes to the
 * controllers (reason INVALID_TTL) and no further.  Returns false then. */
static bool
dec_ttl(struct xlate_ctx *ctx, bool mpls)
{
    uint8_t ttl;

    if (mpls ? !is_mpls(ctx->flow.dl_type) : !is_ip(&ctx->flow)) {
        return true;
    }
    if (mpls) {
        ttl = mpls_ttl(ctx);
    } else {
        ctx->out->wc.bits.nw_ttl = 0xff;
        ttl = ctx->flow.nw_ttl;
    }
    if (ttl <= 1) {
        xlate_trace(ctx, "TTL %u expires: packet-in (invalid_ttl)", ttl);
        xlate_controller(ctx, OFPR_INVALID_TTL, UINT16_MAX);
        ctx->halted = true;
        return false;
    }
    if (mpls) {
        set_mpls_ttl(ctx, ttl - 1);
    } else {
        set_nw_ttl(ctx, ttl - 1);
    }
    return true;
}

static void
copy_ttl(struct xlate_ctx *ctx, bool outwards)
{
    if (!is_mpls(ctx->flow.dl_type)) {
        return;
    }
    if (outwards) {
        ctx->out->wc.bits.nw_ttl = 0xff;
        set_mpls_ttl(ctx, ctx->flow.nw_ttl);
    } else {
        /* Takes effect on the IP header once the label is popped. */
        set_nw_ttl(ctx, mpls_ttl(ctx));
    }
}

/* Returns false if the action list must stop here. */
static bool
xlate_ttl_action(struct xlate_ctx *ctx, const struct ofp_action *a)
{
    switch (a->type) {
    case OFPAT_SET_MPLS_TTL:
        if (is_mpls(ctx->flow.dl_type)) {
            set_mpls_ttl(ctx, a->ttl);
        }
        return true;
    case OFPAT_DEC_MPLS_TTL:
        return dec_ttl(ctx, true);
    case OFPAT_SET_NW_TTL:
        if (is_ip(&ctx->flow)) {
            set_nw_ttl(ctx, a->ttl);
        }
        return true;
    case OFPAT_DEC_NW_TTL:
        return dec_ttl(ctx, false);
    case OFPAT_COPY_TTL_OUT:
    case OFPAT_COPY_TTL_IN:
        copy_ttl(ctx, a->type == OFPAT_COPY_TTL_OUT);
        return true;
    default:
        return true;
    }
}

/* Returns false if the action list must stop here. */
static bool
xlate_action(struct xlate_ctx *ctx, const struct ofp_action *a)
{
    switch (a->type) {
    case OFPAT_OUTPUT:
        xlate_output(ctx, a->output.port, a->output.max_len);
        return true;
    case OFPAT_GROUP:
        xlate_group(ctx, a->group_id);
        return true;
    case OFPAT_SET_FIELD:
        set_field(ctx, a);
        return true;
    case OFPAT_PUSH_VLAN:
        push_vlan(ctx, a->ethertype);
        return true;
    case OFPAT_POP_VLAN:
        pop_vlan(ctx);
        return true;
    case OFPAT_PUSH_MPLS:
        push_mpls(ctx, a->ethertype);
        return true;
    case OFPAT_POP_MPLS:
        pop_mpls(ctx, a->ethertype);
        return true;
    case OFPAT_SET_QUEUE:
        dp_actions_put_set_queue(&ctx->out->actions, a->queue_id);
        return true;
    case OFPAT_PUSH_PBB:
    case OFPAT_POP_PBB:
    case OFPAT_EXPERIMENTER:
        /* Refused by the flow_mod decoder; nothing to do if they got in. */
        return true;
    default:
        return xlate_ttl_action(ctx, a);
    }
}

void
xlate_actions(struct xlate_ctx *ctx, const struct ofp_actions *actions)
{
    for (size_t i = 0; i < actions->n && !xlate_stopped(ctx); i++) {
        if (!xlate_action(ctx, &actions->list[i])) {
            break;
        }
    }
}

/* Output. */

void
xlate_output_port(struct xlate_ctx *ctx, uint32_t ofp_port)
{
    const struct ofport *port = ofproto_port_by_ofp(ctx->ofproto, ofp_port);

    if (!port) {
        xlate_trace(ctx, "output:%u: no such port", ofp_port);
        return;
    }
    if (ofp_port == ctx->flow.in_port) {
        /* OpenFlow sends back to the input port only through IN_PORT. */
        xlate_trace(ctx, "output:%u skipped: it is the input port", ofp_port);
        return;
    }
    if (port->pp.config & (OFPPC_NO_FWD | OFPPC_PORT_DOWN)) {
        xlate_trace(ctx, "output:%u skipped: port is down or no_fwd", ofp_port);
        return;
    }
    if (port->tnl) {
        xlate_tunnel_output(ctx, port);
        return;
    }
    xlate_commit(ctx);
    dp_actions_put_output(&ctx->out->actions, port->dp_port);
}

static int
compare_u32(const void *a_, const void *b_)
{
    uint32_t a = *(const uint32_t *) a_, b = *(const uint32_t *) b_;

    return a < b ? -1 : a > b;
}

/* Outputs to every port but the input port, in port number order; FLOOD
 * (not 'all') also skips ports configured with no_flood, which OpenFlow
 * 1.3 leaves to the switch (we have none). */
void
xlate_flood(struct xlate_ctx *ctx)
{
    const struct hmap *ports = &ctx->ofproto->ports;
    uint32_t *numbers = xmalloc((hmap_count(ports) + 1) * sizeof *numbers);
    size_t n = 0;

    for (struct hmap_node *node = hmap_first(ports); node;
         node = hmap_next(ports, node)) {
        const struct ofport *port = CONTAINER_OF(node, struct ofport, ofp_node);

        if (port->pp.port_no != ctx->flow.in_port) {
            numbers[n++] = port->pp.port_no;
        }
    }
    qsort(numbers, n, sizeof *numbers, compare_u32);
    for (size_t i = 0; i < n; i++) {
        xlate_output_port(ctx, numbers[i]);
    }
    free(numbers);
}

void
xlate_controller(struct xlate_ctx *ctx, uint8_t reason, uint16_t max_len)
{
    const struct ofport *in =
        ofproto_port_by_ofp(ctx->ofproto, ctx->flow.in_port);
    struct xlate_pin_cookie cookie;

    if (in && in->pp.config & OFPPC_NO_PACKET_IN) {
        xlate_trace(ctx, "controller skipped: port %u has no_packet_in",
                    ctx->flow.in_port);
        return;
    }
    memset(&cookie, 0, sizeof cookie);
    cookie.type = XLATE_COOKIE_PACKET_IN;
    cookie.reason = reason;
    cookie.table_id = ctx->table_id;
    cookie.max_len = max_len;
    cookie.in_port = ctx->flow.in_port;
    cookie.rule_cookie = ctx->rule ? ctx->rule->cookie : UINT64_MAX;
    cookie.metadata = ctx->flow.metadata;
    cookie.tun_id = pkt_ntohll(ctx->flow.tun_id);
    ctx->out->wc.bits.tun_id = UINT64_MAX;
    xlate_commit(ctx);
    dp_actions_put_userspace(&ctx->out->actions, &cookie, sizeof cookie);
}

/* A rule is the table-miss entry if it has priority 0 and matches
 * everything (OpenFlow 1.3 section 5.4): its packet-ins say NO_MATCH. */
static bool
rule_is_table_miss(const struct rule *rule)
{
    return rule && rule->cr.priority == 0
           && flow_mask_is_catchall(&rule->cr.match.mask);
}

/* OFPP_TABLE (packet-out only): the packet goes through the tables, with
 * an action set of its own. */
static void
output_table(struct xlate_ctx *ctx)
{
    struct ofp_actions saved = ctx->action_set;

    if (ctx->xin->actions == NULL || ctx->depth > 0) {
        xlate_trace(ctx, "output:TABLE ignored outside a packet-out");
        return;
    }
    if (++ctx->depth > XLATE_MAX_DEPTH) {
        ctx->error = -ELOOP;
        return;
    }
    ofp_actions_init(&ctx->action_set);
    xlate_table(ctx, 0);
    ofp_actions_free(&ctx->action_set);
    ctx->action_set = saved;
    /* Later actions of the packet-out are not the pipeline's. */
    ctx->rule = NULL;
    ctx->table_id = 0;
    ctx->depth--;
}

void
xlate_output(struct xlate_ctx *ctx, uint32_t port, uint16_t max_len)
{
    const struct ofport *in;

    switch (port) {
    case OFPP_IN_PORT:
        in = ofproto_port_by_ofp(ctx->ofproto, ctx->flow.in_port);
        if (in && in->tnl) {
            xlate_tunnel_output(ctx, in);
        } else if (ctx->dp_in_port != DPIF_PORT_ANY) {
            xlate_commit(ctx);
            dp_actions_put_output(&ctx->out->actions, ctx->dp_in_port);
        }
        break;
    case OFPP_TABLE:
        output_table(ctx);
        break;
    case OFPP_NORMAL:
        xlate_normal(ctx);
        break;
    case OFPP_FLOOD:
    case OFPP_ALL:
        xlate_flood(ctx);
        break;
    case OFPP_CONTROLLER:
        xlate_controller(
            ctx, rule_is_table_miss(ctx->rule) ? OFPR_NO_MATCH : OFPR_ACTION,
            max_len);
        break;
    case OFPP_ANY:
        break;
    default:
        xlate_output_port(ctx, port);
        break;
    }
}

void
xlate_meter(struct xlate_ctx *ctx, uint32_t meter_id)
{
    if (!ofproto_meter_lookup(ctx->ofproto, meter_id)) {
        xlate_trace(ctx, "meter:%u: no such meter: drop", meter_id);
        ctx->halted = true;
        return;
    }
    dp_actions_put_meter(&ctx->out->actions, meter_id);
}
