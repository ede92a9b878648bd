/* VXLAN encapsulation and decapsulation of datapath packets: what the
 * TUNNEL_PUSH and TUNNEL_POP actions (dp_actions.h) do to one packet.
 *
 * Design
 * ------
 * A VXLAN packet (RFC 7348) is the inner Ethernet frame behind 50 bytes of
 * outer headers: Ethernet (14, untagged), IPv4 (20, no options), UDP (8)
 * and VXLAN (8: flags with the I bit, then the 24-bit VNI).
 *
 * Push writes those headers from a struct dp_tunnel_header, which holds
 * everything that is the same for every packet of a megaflow; the rest is
 * per packet: the IPv4 total length and header checksum, the UDP length,
 * and the UDP source port, which is a hash of the inner frame's addresses
 * and ports folded into 49152..65535 (RFC 7348 section 5), so that the
 * underlay spreads flows over its paths while each flow stays on one.  The
 * UDP checksum is 0 (allowed over IPv4).
 *
 * Pop accepts what a VXLAN endpoint must accept: an untagged IPv4 packet
 * with any header length, not a fragment, UDP, a UDP length that covers
 * the VXLAN header, and the I flag; it strips everything up to the inner
 * frame and records the VNI and outer addresses as the packet's tunnel
 * metadata.  The UDP checksum is not verified (RFC 7348 lets a receiver
 * accept packets whatever their checksum).
 *
 * Thread-safety: the functions touch only the packet they are given. */
#ifndef PONT_DP_TUNNEL_H
#define PONT_DP_TUNNEL_H 1

#include <stdbool.h>
#include <stdint.h>

#include "lib/packets.h"

struct dp_packet;

#define DP_VXLAN_PORT 4789
#define DP_VXLAN_HEADERS_LEN 50 /* Outer Ethernet, IPv4, UDP, VXLAN. */
#define DP_VXLAN_VNI_MAX 0xffffffu

/* How many times a packet may come out of a tunnel before the datapath
 * drops it (a VXLAN packet inside a VXLAN packet inside ...). */
#define DP_MAX_RECIRC_DEPTH 4

/* The outer headers of a TUNNEL_PUSH, as translation computed them. */
struct dp_tunnel_header {
    struct eth_addr eth_dst; /* Next hop's MAC. */
    struct eth_addr eth_src; /* Uplink's MAC. */
    be32 ip_src;             /* Local tunnel endpoint. */
    be32 ip_dst;             /* Remote tunnel endpoint. */
    uint8_t tos;
    uint8_t ttl;  /* At least 1. */
    bool df;      /* Set IPv4 "don't fragment". */
    be16 udp_dst; /* Normally DP_VXLAN_PORT. */
    uint32_t vni; /* Host order, at most DP_VXLAN_VNI_MAX. */
};

/* Prepends the VXLAN headers 'h' describes to 'p'.  The packet's header
 * offsets are forgotten (they now describe the outer packet). */
void dp_tunnel_push(struct dp_packet *p, const struct dp_tunnel_header *h);

/* If 'p' is a VXLAN packet as described above, strips its outer headers,
 * sets its tunnel metadata (tun_id = the VNI, tun_src and tun_dst = the
 * outer IPv4 addresses) and returns true; otherwise leaves it unchanged
 * and returns false. */
bool dp_tunnel_pop(struct dp_packet *p);

#endif /* datapath/dp_tunnel.h */
