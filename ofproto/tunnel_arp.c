/* ARP on tunnels' uplinks: learning next hops, answering for the local
 * endpoint, asking for unknown next hops.  See tunnel.h. */
#include <arpa/inet.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/ofproto_upcall.h"
#include "ofproto/tunnel.h"

#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_FRAME_LEN 60 /* The Ethernet minimum, without the FCS. */

/* An Ethernet/IPv4 ARP packet's fields. */
struct arp {
    uint16_t op;
    struct eth_addr sha, tha;
    be32 spa, tpa;
};

/* Parses the untagged ARP packet 'p'; false if it is not one. */
static bool
arp_parse(const struct dp_packet *p, struct arp *a)
{
    const uint8_t *d = dp_packet_data(p);
    const uint8_t *arp = d + PKT_ETH_HEADER_LEN;

    if (dp_packet_size(p) < PKT_ETH_HEADER_LEN + PKT_ARP_ETH_IPV4_LEN
        || pkt_get_be16(d + 12) != htons(PKT_ETH_TYPE_ARP)
        || pkt_get_be16(arp) != htons(PKT_ARP_HRD_ETHERNET)
        || pkt_get_be16(arp + 2) != htons(PKT_ETH_TYPE_IPV4) || arp[4] != 6
        || arp[5] != 4) {
        return false;
    }
    a->op = ntohs(pkt_get_be16(arp + 6));
    memcpy(&a->sha, arp + 8, 6);
    memcpy(&a->spa, arp + 14, 4);
    memcpy(&a->tha, arp + 18, 6);
    memcpy(&a->tpa, arp + 24, 4);
    return true;
}

/* Returns a new ARP frame from 'src_mac' to 'dst_mac' carrying 'a'. */
static struct dp_packet *
arp_build(const struct eth_addr *dst_mac, const struct eth_addr *src_mac,
          const struct arp *a)
{
    struct dp_packet *p = dp_packet_new(ARP_FRAME_LEN);
    uint8_t *d = dp_packet_put_tail(p, ARP_FRAME_LEN);
    uint8_t *arp = d + PKT_ETH_HEADER_LEN;
    be16 type = htons(PKT_ETH_TYPE_ARP), hrd = htons(PKT_ARP_HRD_ETHERNET);
    be16 pro = htons(PKT_ETH_TYPE_IPV4), op = htons(a->op);

    memset(d, 0, ARP_FRAME_LEN);
    memcpy(d, dst_mac, 6);
    memcpy(d + 6, src_mac, 6);
    memcpy(d + 12, &type, 2);
    memcpy(arp, &hrd, 2);
    memcpy(arp + 2, &pro, 2);
    arp[4] = 6;
    arp[5] = 4;
    memcpy(arp + 6, &op, 2);
    memcpy(arp + 8, &a->sha, 6);
    memcpy(arp + 14, &a->spa, 4);
    memcpy(arp + 18, &a->tha, 6);
    memcpy(arp + 24, &a->tpa, 4);
    p->in_port = DPIF_PORT_ANY;
    return p;
}

/* Sends 'p' (consumed) out of datapath port 'dp_port'. */
static void
send_on(struct ofproto *ofproto, uint32_t dp_port, struct dp_packet *p)
{
    struct buf actions = BUF_INIT;

    dp_actions_put_output(&actions, dp_port);
    dpif_execute(ofproto->dpif, p, actions.data, actions.size);
    buf_free(&actions);
}

const struct ofport *
tnl_uplink(const struct ofproto *ofproto, const struct ofport *tnl)
{
    for (struct hmap_node *n = hmap_first(&ofproto->ports); n;
         n = hmap_next(&ofproto->ports, n)) {
        const struct ofport *port = CONTAINER_OF(n, struct ofport, ofp_node);

        if (port != tnl && !port->tnl
            && !strcmp(port->pp.name, tnl->tnl->uplink)) {
            return port;
        }
    }
    return NULL;
}

static void
handle_arp(struct ofproto *ofproto, const struct tnl_config *c,
           const struct ofport *uplink, const struct dp_packet *p)
{
    struct arp a, reply;

    if (!arp_parse(p, &a) || a.tpa != c->local_ip) {
        return;
    }
    if (a.spa && !pkt_eth_addr_is_zero(&a.sha)
        && tnl_neigh_learn(ofproto->neigh, a.spa, &a.sha,
                           ofproto_time_msec())) {
        /* Packets waiting for this next hop can go now. */
        ofproto_schedule_revalidation(ofproto);
    }
    if (a.op != ARP_OP_REQUEST) {
        return;
    }
    reply.op = ARP_OP_REPLY;
    reply.sha = uplink->pp.hw_addr;
    reply.spa = c->local_ip;
    reply.tha = a.sha;
    reply.tpa = a.spa;
    send_on(ofproto, uplink->dp_port,
            arp_build(&a.sha, &uplink->pp.hw_addr, &reply));
}

static void
request(struct ofproto *ofproto, const struct tnl_config *c,
        const struct ofport *uplink, be32 next_hop)
{
    static const struct eth_addr broadcast = {
        {0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    struct arp a;

    if (!next_hop
        || !tnl_neigh_may_request(ofproto->neigh, next_hop,
                                  ofproto_time_msec())) {
        return;
    }
    memset(&a, 0, sizeof a);
    a.op = ARP_OP_REQUEST;
    a.sha = uplink->pp.hw_addr;
    a.spa = c->local_ip;
    a.tpa = next_hop;
    send_on(ofproto, uplink->dp_port,
            arp_build(&broadcast, &uplink->pp.hw_addr, &a));
}

void
tnl_handle_upcall(struct ofproto *ofproto, uint32_t tnl_port, bool is_arp,
                  be32 next_hop, const struct dp_packet *p)
{
    const struct ofport *tnl = ofproto_port_by_ofp(ofproto, tnl_port);
    const struct ofport *uplink;

    if (!tnl || !tnl->tnl) {
        return;
    }
    uplink = tnl_uplink(ofproto, tnl);
    if (!uplink) {
        return;
    }
    if (is_arp) {
        handle_arp(ofproto, tnl->tnl, uplink, p);
    } else {
        request(ofproto, tnl->tnl, uplink, next_hop);
    }
}
