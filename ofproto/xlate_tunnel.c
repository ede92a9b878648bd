/* Translation for tunnel ports: decapsulation of what arrives on an
 * uplink for a tunnel, encapsulation of what is output to a tunnel port.
 * See tunnel.h for the behaviour. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/tunnel.h"
#include "ofproto/xlate_private.h"

static void
put_tunnel_userspace(struct xlate_ctx *ctx, const struct ofport *tnl,
                     uint8_t type, be32 next_hop)
{
    struct xlate_tunnel_cookie cookie;

    memset(&cookie, 0, sizeof cookie);
    cookie.type = type;
    cookie.tnl_port = tnl->pp.port_no;
    cookie.next_hop = next_hop;
    dp_actions_put_userspace(&ctx->out->actions, &cookie, sizeof cookie);
}

/* Whether the packet, which came in on the uplink of 'tnl', is one of
 * the tunnel's own: VXLAN to its local IP and port, or ARP for that IP.
 * Records in the mask what it looked at. */
static bool
ingress_one(struct xlate_ctx *ctx, const struct ofport *tnl)
{
    const struct tnl_config *c = tnl->tnl;
    const struct flow_key *f = &ctx->flow;
    struct flow_key *wc = &ctx->out->wc.bits;

    wc->vlans[0].tci |= htons(PKT_VLAN_CFI);
    if (f->vlans[0].tci) {
        return false;
    }
    wc->nw_dst = UINT32_MAX;
    if (f->nw_dst != c->local_ip) {
        return false;
    }
    if (f->dl_type == htons(PKT_ETH_TYPE_ARP)) {
        xlate_trace(ctx, "ARP for tunnel %s's local IP: to userspace",
                    tnl->pp.name);
        put_tunnel_userspace(ctx, tnl, XLATE_COOKIE_TUNNEL_ARP, 0);
        return true;
    }
    wc->nw_proto = 0xff;
    wc->nw_frag = FLOW_NW_FRAG_MASK;
    if (f->nw_proto != IPPROTO_UDP || f->nw_frag) {
        return false;
    }
    wc->tp_dst = 0xffff;
    if (f->tp_dst != c->dst_port) {
        return false;
    }
    xlate_trace(ctx,
                "VXLAN for tunnel %s: decapsulate, then again from "
                "port %u",
                tnl->pp.name, tnl->pp.port_no);
    dp_actions_put_tunnel_pop(&ctx->out->actions, tnl->dp_port);
    return true;
}

bool
xlate_tunnel_ingress(struct xlate_ctx *ctx)
{
    const struct ofport *in =
        ofproto_port_by_ofp(ctx->ofproto, ctx->flow.in_port);
    const struct hmap *ports = &ctx->ofproto->ports;

    if (!in || in->tnl
        || (ctx->flow.dl_type != htons(PKT_ETH_TYPE_IPV4)
            && ctx->flow.dl_type != htons(PKT_ETH_TYPE_ARP))) {
        return false;
    }
    for (struct hmap_node *n = hmap_first(ports); n; n = hmap_next(ports, n)) {
        const struct ofport *p = CONTAINER_OF(n, struct ofport, ofp_node);

        if (p->tnl && !strcmp(p->tnl->uplink, in->pp.name)
            && ingress_one(ctx, p)) {
            return true;
        }
    }
    return false;
}

/* Fills 'h' for sending to 'remote' with VNI 'vni' through 'uplink';
 * false if the next hop's MAC address is not known (then the packets go
 * to userspace, which asks for it). */
static bool
fill_header(struct xlate_ctx *ctx, const struct ofport *tnl,
            const struct ofport *uplink, be32 remote, uint32_t vni,
            struct dp_tunnel_header *h)
{
    const struct tnl_config *c = tnl->tnl;
    be32 next_hop = tnl_config_next_hop(c, remote);

    memset(h, 0, sizeof *h);
    if (!next_hop) {
        xlate_trace(ctx,
                    "tunnel %s: no route to the remote endpoint (off "
                    "the subnet and no gateway): drop",
                    tnl->pp.name);
        return false;
    }
    if (!tnl_neigh_lookup(ctx->ofproto->neigh, next_hop, &h->eth_dst)) {
        struct strbuf sb = STRBUF_INIT;

        pkt_format_ipv4(&sb, next_hop);
        xlate_trace(ctx,
                    "tunnel %s: MAC address of next hop %s unknown: "
                    "to userspace, which asks for it, then drop",
                    tnl->pp.name, strbuf_str(&sb));
        strbuf_free(&sb);
        put_tunnel_userspace(ctx, tnl, XLATE_COOKIE_TUNNEL_NEIGH, next_hop);
        return false;
    }
    h->eth_src = uplink->pp.hw_addr;
    h->ip_src = c->local_ip;
    h->ip_dst = remote;
    h->tos = c->tos;
    h->ttl = c->ttl;
    h->df = c->df;
    h->udp_dst = c->dst_port;
    h->vni = vni;
    return true;
}

void
xlate_tunnel_output(struct xlate_ctx *ctx, const struct ofport *tnl)
{
    const struct tnl_config *c = tnl->tnl;
    const struct ofport *uplink = tnl_uplink(ctx->ofproto, tnl);
    be32 remote = c->remote_ip ? c->remote_ip : ctx->flow.tun_dst;
    uint64_t vni = c->key_flow ? pkt_ntohll(ctx->flow.tun_id) : c->key;
    struct dp_tunnel_header h;
    size_t start;

    /* The flow's tunnel fields may come from the packet (tunnel in,
     * tunnel out): the megaflow depends on them. */
    if (!c->remote_ip) {
        ctx->out->wc.bits.tun_dst = UINT32_MAX;
    }
    if (c->key_flow) {
        ctx->out->wc.bits.tun_id = UINT64_MAX;
    }
    if (!uplink || (uplink->pp.config & (OFPPC_NO_FWD | OFPPC_PORT_DOWN))) {
        xlate_trace(ctx, "output to tunnel %s: its uplink %s is %s: drop",
                    tnl->pp.name, c->uplink, uplink ? "down" : "missing");
        return;
    }
    if (!remote || vni > DP_VXLAN_VNI_MAX) {
        xlate_trace(ctx, "output to tunnel %s: %s: drop", tnl->pp.name,
                    remote ? "tun_id is above 16777215, no VNI"
                           : "no tun_dst (set_field:IP->tun_dst first)");
        return;
    }
    xlate_commit(ctx);
    if (!fill_header(ctx, tnl, uplink, remote, (uint32_t) vni, &h)) {
        return;
    }
    start = dp_actions_start_clone(&ctx->out->actions);
    dp_actions_put_tunnel_push(&ctx->out->actions, &h);
    dp_actions_put_output(&ctx->out->actions, uplink->dp_port);
    dp_actions_end_clone(&ctx->out->actions, start);
}
