/* VXLAN push and pop.  See dp_tunnel.h. */
#include "datapath/dp_tunnel.h"

#include <netinet/in.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "lib/csum.h"
#include "lib/flow_extract.h"
#include "lib/hash.h"

#define ETH_LEN PKT_ETH_HEADER_LEN
#define IP_LEN PKT_IPV4_HEADER_LEN
#define UDP_LEN PKT_UDP_HEADER_LEN
#define VXLAN_LEN 8
#define VXLAN_FLAG_I 0x08000000u

/* The hash of the inner frame's flow: its Ethernet addresses and, for IP,
 * its addresses, protocol and transport ports (fields that are the same in
 * every packet of a connection). */
static uint32_t
inner_hash(struct dp_packet *p)
{
    const struct flow_offsets *o = dp_packet_offsets(p);
    const uint8_t *d = dp_packet_data(p);
    size_t size = dp_packet_size(p);
    uint32_t h = hash_bytes(d, size < 12 ? size : 12, 0);
    uint8_t proto = 0;

    if (o->l2_5 != FLOW_OFS_NONE || o->l3 == FLOW_OFS_NONE || o->l3 < 2) {
        return h;
    }
    if (pkt_get_be16(d + o->l3 - 2) == htons(PKT_ETH_TYPE_IPV4)
        && o->l3 + IP_LEN <= size) {
        proto = d[o->l3 + 9];
        h = hash_bytes(d + o->l3 + 12, 8, h);
    } else if (pkt_get_be16(d + o->l3 - 2) == htons(PKT_ETH_TYPE_IPV6)
               && o->l3 + PKT_IPV6_HEADER_LEN <= size) {
        proto = d[o->l3 + 6];
        h = hash_bytes(d + o->l3 + 8, 32, h);
    }
    if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP)
        && o->l4 != FLOW_OFS_NONE && o->l4 + 4 <= size) {
        h = hash_bytes(d + o->l4, 4, h + proto);
    }
    return h;
}

void
dp_tunnel_push(struct dp_packet *p, const struct dp_tunnel_header *h)
{
    uint16_t src_port = (uint16_t) (49152 + inner_hash(p) % 16384);
    size_t inner = dp_packet_size(p);
    uint8_t *d = dp_packet_push_front(p, DP_VXLAN_HEADERS_LEN);
    uint8_t *ip = d + ETH_LEN, *udp = ip + IP_LEN, *vx = udp + UDP_LEN;
    be16 type = htons(PKT_ETH_TYPE_IPV4);
    be16 ip_len = htons((uint16_t) (inner + IP_LEN + UDP_LEN + VXLAN_LEN));
    be16 frag = htons(h->df ? 0x4000 : 0);
    be16 udp_len = htons((uint16_t) (inner + UDP_LEN + VXLAN_LEN));
    be16 sport = htons(src_port), csum;
    be32 flags = htonl(VXLAN_FLAG_I), vni = htonl(h->vni << 8);

    memcpy(d, &h->eth_dst, PKT_ETH_ADDR_LEN);
    memcpy(d + 6, &h->eth_src, PKT_ETH_ADDR_LEN);
    memcpy(d + 12, &type, 2);

    memset(ip, 0, IP_LEN);
    ip[0] = 0x45;
    ip[1] = h->tos;
    memcpy(ip + 2, &ip_len, 2);
    memcpy(ip + 6, &frag, 2);
    ip[8] = h->ttl;
    ip[9] = IPPROTO_UDP;
    memcpy(ip + 12, &h->ip_src, 4);
    memcpy(ip + 16, &h->ip_dst, 4);
    csum = csum_compute(ip, IP_LEN);
    memcpy(ip + 10, &csum, 2);

    memcpy(udp, &sport, 2);
    memcpy(udp + 2, &h->udp_dst, 2);
    memcpy(udp + 4, &udp_len, 2);
    memset(udp + 6, 0, 2);

    memcpy(vx, &flags, 4);
    memcpy(vx + 4, &vni, 4);
    dp_packet_forget_offsets(p);
}

/* Returns the length of the outer headers of the VXLAN packet at 'd' of
 * 'size' bytes and sets '*inner' to the length of the frame inside (less
 * than what follows the headers if the outer frame was padded), or returns
 * 0 if it is not one. */
static size_t
vxlan_headers_len(const uint8_t *d, size_t size, size_t *inner)
{
    const uint8_t *ip = d + ETH_LEN;
    size_t ihl, udp_len;

    if (size < DP_VXLAN_HEADERS_LEN
        || pkt_get_be16(d + 12) != htons(PKT_ETH_TYPE_IPV4)
        || (ip[0] >> 4) != 4) {
        return 0;
    }
    ihl = (size_t) (ip[0] & 0x0f) * 4;
    if (ihl < IP_LEN || ETH_LEN + ihl + UDP_LEN + VXLAN_LEN > size
        || ip[9] != IPPROTO_UDP
        || (ntohs(pkt_get_be16(ip + 6))
            & (PKT_IPV4_MF | PKT_IPV4_FRAG_OFF_MASK))) {
        return 0;
    }
    udp_len = ntohs(pkt_get_be16(ip + ihl + 4));
    if (udp_len < UDP_LEN + VXLAN_LEN || udp_len > size - ETH_LEN - ihl
        || !(ntohl(pkt_get_be32(ip + ihl + UDP_LEN)) & VXLAN_FLAG_I)) {
        return 0;
    }
    *inner = udp_len - UDP_LEN - VXLAN_LEN;
    return ETH_LEN + ihl + UDP_LEN + VXLAN_LEN;
}

bool
dp_tunnel_pop(struct dp_packet *p)
{
    const uint8_t *d = dp_packet_data(p);
    size_t inner = 0;
    size_t len = vxlan_headers_len(d, dp_packet_size(p), &inner);
    uint32_t vni;

    if (!len || inner < ETH_LEN) {
        return false;
    }
    vni = ntohl(pkt_get_be32(d + len - 4)) >> 8;
    p->tunnel.tun_id = pkt_htonll(vni);
    memcpy(&p->tunnel.tun_src, d + ETH_LEN + 12, 4);
    memcpy(&p->tunnel.tun_dst, d + ETH_LEN + 16, 4);
    dp_packet_pull_front(p, len);
    dp_packet_truncate(p, inner);
    dp_packet_forget_offsets(p);
    return true;
}
