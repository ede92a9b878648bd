/* Translation of OFPP_NORMAL: a learning Ethernet switch.  It learns which
 * port each source address lives behind (per VLAN) and sends a frame to
 * the port its destination was learned on, or floods it.  The megaflow
 * depends on both addresses and the VLAN; when what was learned changes,
 * revalidation brings cached megaflows up to date. */
#include <string.h>

#include "lib/packets.h"
#include "ofproto/mac_learning.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate_private.h"

static bool
eth_is_multicast(const struct eth_addr *a)
{
    return a->ea[0] & 1;
}

void
xlate_normal(struct xlate_ctx *ctx)
{
    const struct flow_key *f = &ctx->flow;
    struct flow_key *wc = &ctx->out->wc.bits;
    struct ofproto *ofproto = ctx->ofproto;
    long long now = ofproto_time_msec();
    uint16_t vlan = 0;
    uint32_t port;

    memset(&wc->dl_src, 0xff, sizeof wc->dl_src);
    memset(&wc->dl_dst, 0xff, sizeof wc->dl_dst);
    wc->vlans[0].tci |= htons(PKT_VLAN_VID_MASK | PKT_VLAN_CFI);
    if (f->vlans[0].tci & htons(PKT_VLAN_CFI)) {
        vlan = ntohs(f->vlans[0].tci) & PKT_VLAN_VID_MASK;
    }

    if (!eth_is_multicast(&f->dl_src)) {
        if (ctx->xin->may_learn
            && mac_learning_learn(ofproto->ml, vlan, &f->dl_src, f->in_port,
                                  now)) {
            ofproto_schedule_revalidation(ofproto);
        }
        if (ctx->xin->xcache) {
            xlate_cache_add_mac(ctx->xin->xcache, vlan, &f->dl_src, f->in_port);
        }
    }

    port = eth_is_multicast(&f->dl_dst)
               ? 0
               : mac_learning_lookup(ofproto->ml, vlan, &f->dl_dst, now);
    if (!port) {
        xlate_trace(ctx, "NORMAL: destination unknown or multicast: flood");
        xlate_flood(ctx);
    } else if (port == f->in_port) {
        xlate_trace(ctx, "NORMAL: destination is on the input port: drop");
    } else {
        xlate_trace(ctx, "NORMAL: destination learned on port %u", port);
        xlate_output_port(ctx, port);
    }
}
