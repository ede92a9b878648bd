/* Flow keys: every header field and piece of metadata that OpenFlow can
 * match a packet on, in one fixed-size struct.
 *
 * Design
 * ------
 * A flow key is a flat struct of 64-bit words with no implicit padding, so
 * that hashing, equality and masked comparison are loops over words.  A mask
 * (struct flow_mask) has the same shape: a 1-bit means "this bit of the key
 * matters".  A match (struct flow_match) is a key plus a mask, with the
 * invariant that key bits outside the mask are zero.
 *
 * Header fields are stored in network byte order (be16/be32/be64), exactly as
 * on the wire.  Pipeline metadata (in_port, metadata, registers) is in host
 * byte order.  Some fields are shared between protocols, as in Open vSwitch,
 * so the same masks and printer serve both:
 *   - nw_src/nw_dst hold the ARP sender/target protocol addresses;
 *   - nw_proto holds the low 8 bits of the ARP opcode (0 if it is larger);
 *   - arp_sha/arp_tha hold the ND source/target link-layer addresses;
 *   - tp_src/tp_dst hold the ICMP, ICMPv6 and IGMP type and code.
 * VLAN tags keep their TPID and TCI, with PKT_VLAN_CFI set in the TCI of every
 * tag present (a zero TCI means "no tag").
 *
 * Producers of keys (the parser, tests) start from an all-zero struct, so
 * fields of absent headers are zero.
 *
 * Thread-safety: all functions are pure or write only their arguments; keys
 * may be read concurrently. */
#ifndef PONT_FLOW_H
#define PONT_FLOW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"

#define FLOW_N_REGS 8
#define FLOW_MAX_VLANS 2
#define FLOW_MAX_MPLS_LABELS 3

/* OpenFlow 1.3 reserved port numbers, as used in 'in_port'. */
#define FLOW_PORT_MAX 0xffffff00u
#define FLOW_PORT_IN_PORT 0xfffffff8u
#define FLOW_PORT_TABLE 0xfffffff9u
#define FLOW_PORT_NORMAL 0xfffffffau
#define FLOW_PORT_FLOOD 0xfffffffbu
#define FLOW_PORT_ALL 0xfffffffcu
#define FLOW_PORT_CONTROLLER 0xfffffffdu
#define FLOW_PORT_LOCAL 0xfffffffeu
#define FLOW_PORT_ANY 0xffffffffu

/* Bits of 'nw_frag'. */
#define FLOW_NW_FRAG_ANY 0x01   /* Any fragment: first or later. */
#define FLOW_NW_FRAG_LATER 0x02 /* Not the first fragment. */
#define FLOW_NW_FRAG_MASK (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

struct flow_vlan {
    be16 tpid; /* 0x8100 or 0x88a8. */
    be16 tci;  /* PCP, CFI (always set when present), VID. */
};

struct flow_key {
    /* Tunnel metadata (set by the datapath when a tunnel is popped). */
    be64 tun_id;
    be32 tun_src;
    be32 tun_dst;

    /* Pipeline metadata, host byte order. */
    uint64_t metadata;
    uint32_t regs[FLOW_N_REGS];
    uint32_t in_port; /* OpenFlow 1.3 port number. */
    uint32_t pad0;

    /* Ethernet, VLAN, MPLS. */
    struct eth_addr dl_dst;
    struct eth_addr dl_src;
    be16 dl_type; /* Innermost EtherType, after VLAN tags. */
    uint16_t pad1;
    struct flow_vlan vlans[FLOW_MAX_VLANS]; /* Outermost first. */
    be32 mpls_lse[FLOW_MAX_MPLS_LABELS];    /* Top of stack first. */

    /* IPv4, IPv6, ARP. */
    be32 nw_src;
    be32 nw_dst;
    be32 ipv6_label;
    uint8_t nw_frag; /* FLOW_NW_FRAG_* bits. */
    uint8_t nw_tos;  /* DSCP and ECN: the whole TOS/traffic class. */
    uint8_t nw_ttl;
    uint8_t nw_proto;
    struct in6_addr ipv6_src;
    struct in6_addr ipv6_dst;
    struct in6_addr nd_target;
    struct eth_addr arp_sha;
    struct eth_addr arp_tha;

    /* Transport. */
    be16 tp_src;
    be16 tp_dst;
    be16 tcp_flags; /* Low 12 bits of the TCP flags word. */
    uint16_t pad2;
};

#define FLOW_KEY_WORDS (sizeof(struct flow_key) / sizeof(uint64_t))

struct flow_mask {
    struct flow_key bits;
};

struct flow_match {
    struct flow_key key; /* Zero wherever 'mask' is zero. */
    struct flow_mask mask;
};

/* Equality and hashing, over the whole key. */
bool flow_equal(const struct flow_key *, const struct flow_key *);
uint32_t flow_hash(const struct flow_key *, uint32_t basis);

/* The same, looking only at the bits set in 'mask'.  flow_hash_masked(k, m,
 * b) equals flow_hash() of k & m with basis b, so a key masked once hashes
 * like the packet keys it matches. */
bool flow_equal_masked(const struct flow_key *, const struct flow_key *,
                       const struct flow_mask *);
uint32_t flow_hash_masked(const struct flow_key *, const struct flow_mask *,
                          uint32_t basis);

/* Stores 'key' & 'mask' into 'dst' (which may be 'key'). */
void flow_apply_mask(struct flow_key *dst, const struct flow_key *key,
                     const struct flow_mask *);

/* Masks. */
void flow_mask_catchall(struct flow_mask *);
void flow_mask_exact(struct flow_mask *);
bool flow_mask_is_catchall(const struct flow_mask *);

/* Sets 'mask' to the fields that are meaningful for the packet whose key is
 * 'key': the headers it has, and nothing of those it lacks.  This is the
 * mask that prints a packet's key the way Open vSwitch prints it. */
void flow_mask_for_packet(struct flow_mask *mask, const struct flow_key *key);

/* Returns true if 'match' matches the packet with key 'key'. */
static inline bool
flow_match_matches(const struct flow_match *match, const struct flow_key *key)
{
    return flow_equal_masked(&match->key, key, &match->mask);
}

/* Initializes 'match' from 'key' and 'mask', zeroing key bits outside the
 * mask to keep the match invariant. */
void flow_match_init(struct flow_match *, const struct flow_key *key,
                     const struct flow_mask *mask);

#endif /* lib/flow.h */
