/* Protocol constants and address helpers shared by the parser, the printer
 * and (later) the action executor.
 *
 * Byte order: values named be16/be32/be64 are in network byte order, exactly
 * as they appear on the wire, so a header field can be copied into a flow key
 * and compared under a mask without conversion.
 *
 * Thread-safety: everything here is pure or writes only to its arguments. */
#ifndef PONT_PACKETS_H
#define PONT_PACKETS_H 1

#include <arpa/inet.h>
#include <endian.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct strbuf;

typedef uint16_t be16;
typedef uint32_t be32;
typedef uint64_t be64;

static inline be64
pkt_htonll(uint64_t x)
{
    return htobe64(x);
}

static inline uint64_t
pkt_ntohll(be64 x)
{
    return be64toh(x);
}

/* Ethernet. */
#define PKT_ETH_ADDR_LEN 6
#define PKT_ETH_HEADER_LEN 14
struct eth_addr {
    uint8_t ea[PKT_ETH_ADDR_LEN];
};

static inline bool
pkt_eth_addr_is_zero(const struct eth_addr *a)
{
    static const struct eth_addr zero;
    return !memcmp(a, &zero, sizeof *a);
}

/* EtherTypes.  Values below PKT_ETH_TYPE_MIN are 802.3 lengths; a frame
 * whose type cannot be determined gets PKT_ETH_TYPE_NONE, as in Open
 * vSwitch. */
enum pkt_eth_type {
    PKT_ETH_TYPE_NONE = 0x05ff,
    PKT_ETH_TYPE_MIN = 0x0600,
    PKT_ETH_TYPE_IPV4 = 0x0800,
    PKT_ETH_TYPE_ARP = 0x0806,
    PKT_ETH_TYPE_VLAN = 0x8100, /* 802.1Q customer tag. */
    PKT_ETH_TYPE_RARP = 0x8035,
    PKT_ETH_TYPE_IPV6 = 0x86dd,
    PKT_ETH_TYPE_MPLS = 0x8847,
    PKT_ETH_TYPE_MPLS_MCAST = 0x8848,
    PKT_ETH_TYPE_QINQ = 0x88a8, /* 802.1ad service tag. */
};

/* 802.2 LLC + SNAP header that carries an EtherType in an 802.3 frame. */
#define PKT_LLC_SNAP_LEN 8

/* 802.1Q tag control information. */
#define PKT_VLAN_HEADER_LEN 4
#define PKT_VLAN_VID_MASK 0x0fff
#define PKT_VLAN_CFI 0x1000 /* In flow keys: "a tag is present". */
#define PKT_VLAN_PCP_MASK 0xe000
#define PKT_VLAN_PCP_SHIFT 13

/* MPLS label stack entry. */
#define PKT_MPLS_HEADER_LEN 4
#define PKT_MPLS_LABEL_MASK 0xfffff000u
#define PKT_MPLS_LABEL_SHIFT 12
#define PKT_MPLS_TC_MASK 0x00000e00u
#define PKT_MPLS_TC_SHIFT 9
#define PKT_MPLS_BOS_MASK 0x00000100u
#define PKT_MPLS_BOS_SHIFT 8
#define PKT_MPLS_TTL_MASK 0x000000ffu

/* ARP for Ethernet + IPv4. */
#define PKT_ARP_ETH_IPV4_LEN 28
#define PKT_ARP_HRD_ETHERNET 1

/* IPv4. */
#define PKT_IPV4_HEADER_LEN 20
#define PKT_IPV4_MF 0x2000
#define PKT_IPV4_FRAG_OFF_MASK 0x1fff
#define PKT_IP_DSCP_MASK 0xfc
#define PKT_IP_ECN_MASK 0x03

/* IPv6. */
#define PKT_IPV6_HEADER_LEN 40
#define PKT_IPV6_LABEL_MASK 0x000fffffu
#define PKT_IPV6_EXT_MIN_LEN 8
#define PKT_IPV6_FRAG_HEADER_LEN 8
#define PKT_IPV6_FRAG_OFF_MASK 0xfff8

/* Transport headers: the minimum each needs to yield its ports. */
#define PKT_TCP_HEADER_LEN 20
#define PKT_UDP_HEADER_LEN 8
#define PKT_SCTP_HEADER_LEN 12
#define PKT_ICMP_HEADER_LEN 8
#define PKT_IGMP_HEADER_LEN 8
#define PKT_ICMPV6_HEADER_LEN 8
#define PKT_TCP_FLAGS_MASK 0x0fff /* NS, CWR..FIN and 3 reserved bits. */

/* IPv6 neighbour discovery. */
#define PKT_ND_NEIGHBOR_SOLICIT 135
#define PKT_ND_NEIGHBOR_ADVERT 136
#define PKT_ND_OPT_SOURCE_LINKADDR 1
#define PKT_ND_OPT_TARGET_LINKADDR 2
#define PKT_ND_OPT_UNIT 8 /* Option lengths count 8-byte units. */

/* Unaligned loads from packet bytes, in network byte order. */
static inline be16
pkt_get_be16(const uint8_t *p)
{
    be16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline be32
pkt_get_be32(const uint8_t *p)
{
    be32 v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Returns the prefix length of 'mask' if it is a CIDR mask (ones followed by
 * zeros), otherwise -1. */
int pkt_ipv4_cidr_len(be32 mask);
int pkt_ipv6_cidr_len(const struct in6_addr *mask);

/* Appends addresses in the usual text forms: "00:11:22:33:44:55",
 * "10.0.0.1", and RFC 5952 IPv6.  The _masked forms append "/MASK" unless the
 * mask is all-ones, using "/N" for a CIDR mask of an IP address. */
void pkt_format_eth(struct strbuf *, const struct eth_addr *);
void pkt_format_eth_masked(struct strbuf *, const struct eth_addr *,
                           const struct eth_addr *mask);
void pkt_format_ipv4(struct strbuf *, be32 addr);
void pkt_format_ipv4_masked(struct strbuf *, be32 addr, be32 mask);
void pkt_format_ipv6(struct strbuf *, const struct in6_addr *);
void pkt_format_ipv6_masked(struct strbuf *, const struct in6_addr *,
                            const struct in6_addr *mask);

#endif /* lib/packets.h */
