/* Datapath actions: what a fast path does to the packets of a megaflow.
 *
 * Translation of the OpenFlow pipeline (ofproto/) builds an action list for
 * each megaflow; every datapath (the dummy one, DPDK, eBPF) executes the
 * same lists (dp_execute.h), and tools print them (dump-flows, trace).
 *
 * Encoding
 * --------
 * An action list is a byte array, owned by whoever holds it (a struct buf
 * while it is built, then a copy in the megaflow).  It is a sequence of
 * TLVs, each starting at a multiple of 8 bytes from the start of the list:
 *
 *     uint16_t type;   enum dp_action_type, host byte order
 *     uint16_t len;    of the whole TLV, a multiple of 8, host byte order
 *     payload, then zero bytes up to 'len'
 *
 * Numbers that are metadata (ports, queues, meters, lengths) are uint32_t
 * in host byte order; header values (TPID, TCI, EtherType, label stack
 * entry, set-field value and mask) are in network byte order, as on the
 * wire.  Every TLV has exactly the length its payload needs and all padding
 * is zero, so an action list has one encoding: two lists do the same thing
 * if they are equal bytes.  An empty list drops the packets.
 *
 *   type       payload                                          len
 *   OUTPUT     uint32 port_no                                     8
 *   PUSH_VLAN  be16 tpid, be16 tci                                8
 *   POP_VLAN   4 zero bytes                                       8
 *   PUSH_MPLS  be16 ethertype, 2 zero bytes, be32 lse            16
 *   POP_MPLS   be16 ethertype, 2 zero bytes                       8
 *   SET_FIELD  uint8 field, 3 zero bytes, value[w], mask[w]   8+2w, up to 8
 *   SET_QUEUE  uint32 queue_id                                    8
 *   METER      uint32 meter_id                                    8
 *   USERSPACE  uint8 n, 3 zero bytes, cookie[n]               8+n, up to 8
 *   TRUNC      uint32 max_len                                     8
 *   CLONE      4 zero bytes, a nested action list            8+its len
 *   TUNNEL_PUSH  uint8 proto (1: VXLAN), uint8 tos, uint8 ttl,
 *              uint8 flags (bit 0: DF), eth_dst[6], eth_src[6],
 *              be32 ip_src, be32 ip_dst, be16 udp_dst, 2 zero bytes,
 *              be32 vni (below 2^24), 4 zero bytes                40
 *   TUNNEL_POP uint32 port_no                                     8
 *
 * What each action does (dp_execute.h has the details of the rewriting):
 *
 *   OUTPUT      Sends the packet to datapath port 'port_no'.
 *   PUSH_VLAN   Inserts an 802.1Q/802.1ad tag right after the Ethernet
 *               addresses: on an untagged packet the first tag, on a tagged
 *               one the new outer tag.  'tpid' is 0x8100 or 0x88a8.  'tci'
 *               is as lib/flow.h stores it, with PKT_VLAN_CFI set to say
 *               "a tag is present"; that bit is DEI on the wire, and the
 *               executor writes it as 0 (OpenFlow cannot set DEI).
 *   POP_VLAN    Removes the outer tag.  Untagged packets are unchanged.
 *   PUSH_MPLS   Pushes label stack entry 'lse' on top of the MPLS stack, or
 *               creates the stack between the EtherType and the network
 *               header; the EtherType becomes 'ethertype' (0x8847 unicast
 *               or 0x8848 multicast).
 *   POP_MPLS    Removes the top label; the EtherType becomes 'ethertype'
 *               (at least 0x0600), the type of what follows the label.
 *   SET_FIELD   Masked write of one header field (enum dp_field): the bits
 *               set in 'mask' take the value's bits.  Value bits outside
 *               the mask must be zero.  A packet that lacks the field is
 *               unchanged.
 *   SET_QUEUE   Sets the packet's 'queue_id' for the QoS layer.
 *   METER       Hands the packets to meter 'meter_id', which may drop some.
 *   USERSPACE   Gives userspace the packet with the 'n' (at most
 *               DP_ACTIONS_COOKIE_MAX) cookie bytes, which the datapath
 *               returns verbatim (translation uses them for packet-ins).
 *   TRUNC       The next OUTPUT sends at most 'max_len' bytes (at least
 *               PKT_ETH_HEADER_LEN, so what is sent is still a frame).
 *   CLONE       Runs the nested actions on a copy of the packet; the
 *               original continues unmodified.  CLONEs nest at most
 *               DP_ACTIONS_MAX_NESTING deep.
 *   TUNNEL_PUSH Encapsulates the packet in VXLAN with these outer headers
 *               (datapath/dp_tunnel.h); an OUTPUT to the uplink follows.
 *   TUNNEL_POP  Decapsulates a VXLAN packet and hands the inner frame back
 *               to the datapath as if it had come in on port 'port_no'
 *               (the tunnel port), with the tunnel's VNI and addresses as
 *               its tunnel metadata: it is looked up again
 *               ("recirculated").  What is not a VXLAN packet is dropped.
 *               Like OUTPUT, it hands over a copy unless it is last.
 *
 * Text syntax
 * -----------
 * dp_actions_format() prints, and dp_actions_parse() reads, a list as its
 * actions separated by commas, or "drop" when it is empty:
 *
 *   output:PORT                        PORT in decimal
 *   push_vlan(vid=V,pcp=P)             TPID 0x8100
 *   push_vlan(tpid=0x88a8,vid=V,pcp=P) any other TPID
 *   pop_vlan
 *   push_mpls(label=L,tc=T,ttl=N,bos=B,eth_type=0x8847)
 *   pop_mpls(eth_type=0x800)
 *   set(FIELD=VALUE)                   all of the field
 *   set(FIELD=VALUE/MASK)              part of it
 *   set_queue(Q)
 *   meter(M)
 *   userspace(cookie=0xHEX)            userspace() for an empty cookie
 *   trunc(MAX_LEN)
 *   clone(ACTIONS)                     clone(drop) for an empty one
 *   tnl_push(type=vxlan,eth_dst=M,eth_src=M,ipv4_src=A,ipv4_dst=A,
 *            tos=N,ttl=N,df=0|1,udp_dst=N,vni=N)
 *                                      printed with every argument; the
 *                                      parser defaults tos=0, ttl=64,
 *                                      df=1 and udp_dst=4789
 *   tnl_pop(PORT)
 *
 * FIELD is a name of enum dp_field in lower case (eth_src, ipv4_dst,
 * nd_tll...).  VALUE and MASK are written as the field's kind is usually
 * written: Ethernet addresses as 00:11:22:33:44:55 (eth_*, arp_sha,
 * arp_tha, nd_sll, nd_tll), IPv4 addresses in dotted quads (ipv4_*,
 * arp_spa, arp_tpa), IPv6 addresses in RFC 5952 form (ipv6_src, ipv6_dst,
 * nd_target), small numbers in decimal (ip_ttl, tp_*, icmp_*, arp_op; but
 * in hexadecimal when masked), bit fields in hexadecimal (vlan_tci,
 * mpls_lse, ip_tos, ipv6_label).  The parser takes every number in decimal
 * or 0x-prefixed hexadecimal, and a mask in the same form as the value.
 * The printer omits a mask that covers the whole field.
 *
 * Thread-safety: action lists are read-only once built, and any number of
 * threads may walk or print them at once; builders touch only their
 * struct buf. */
#ifndef PONT_DP_ACTIONS_H
#define PONT_DP_ACTIONS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datapath/dp_tunnel.h"
#include "lib/packets.h"

struct buf;
struct strbuf;

#define DP_ACTIONS_ALIGN 8
#define DP_ACTIONS_HEADER_LEN 4
#define DP_ACTIONS_COOKIE_MAX 64
#define DP_ACTIONS_MAX_NESTING 4

/* Action types.  Zero is not a type, so that zeroed memory is invalid. */
enum dp_action_type {
    DP_ACTION_OUTPUT = 1,
    DP_ACTION_PUSH_VLAN,
    DP_ACTION_POP_VLAN,
    DP_ACTION_PUSH_MPLS,
    DP_ACTION_POP_MPLS,
    DP_ACTION_SET_FIELD,
    DP_ACTION_SET_QUEUE,
    DP_ACTION_METER,
    DP_ACTION_USERSPACE,
    DP_ACTION_TRUNC,
    DP_ACTION_CLONE,
    DP_ACTION_TUNNEL_PUSH,
    DP_ACTION_TUNNEL_POP,
};

/* DP_FIELDS(X) lists the fields SET_FIELD can write, as X(ID, NAME, WIDTH,
 * VALID_BITS, KIND): the name the text syntax uses, the width in bytes on
 * the wire, the bits of the field that exist (for fields narrower than
 * their bytes, in host byte order; 0 for "all"), and how its values are
 * written (enum dp_field_kind).
 *
 *   ETH_SRC, ETH_DST    Ethernet addresses.
 *   VLAN_TCI            The outermost tag's PCP and VID (not DEI).
 *   MPLS_LSE            The top label stack entry: label, TC, BOS, TTL.
 *   IPV4_SRC, IPV4_DST  IPv4 addresses.
 *   IP_TOS              IPv4 TOS or IPv6 traffic class (DSCP and ECN).
 *   IP_TTL              IPv4 TTL or IPv6 hop limit.
 *   IPV6_SRC, IPV6_DST  IPv6 addresses.
 *   IPV6_LABEL          IPv6 flow label (20 bits, in a be32).
 *   TP_SRC, TP_DST      TCP, UDP or SCTP ports, per the packet.
 *   ICMP_TYPE, ICMP_CODE  ICMPv4 or ICMPv6 type and code.
 *   ARP_OP              ARP opcode.
 *   ARP_SPA, ARP_TPA    ARP sender and target protocol addresses.
 *   ARP_SHA, ARP_THA    ARP sender and target hardware addresses.
 *   ND_TARGET           Neighbour solicitation/advertisement target.
 *   ND_SLL, ND_TLL      The source or target link-layer address option of
 *                       a neighbour solicitation or advertisement. */
#define DP_FIELDS(X)                                                           \
    X(ETH_SRC, "eth_src", 6, 0, DP_FIELD_KIND_ETH)                             \
    X(ETH_DST, "eth_dst", 6, 0, DP_FIELD_KIND_ETH)                             \
    X(VLAN_TCI, "vlan_tci", 2, 0xefff, DP_FIELD_KIND_HEX)                      \
    X(MPLS_LSE, "mpls_lse", 4, 0, DP_FIELD_KIND_HEX)                           \
    X(IPV4_SRC, "ipv4_src", 4, 0, DP_FIELD_KIND_IPV4)                          \
    X(IPV4_DST, "ipv4_dst", 4, 0, DP_FIELD_KIND_IPV4)                          \
    X(IP_TOS, "ip_tos", 1, 0, DP_FIELD_KIND_HEX)                               \
    X(IP_TTL, "ip_ttl", 1, 0, DP_FIELD_KIND_DEC)                               \
    X(IPV6_SRC, "ipv6_src", 16, 0, DP_FIELD_KIND_IPV6)                         \
    X(IPV6_DST, "ipv6_dst", 16, 0, DP_FIELD_KIND_IPV6)                         \
    X(IPV6_LABEL, "ipv6_label", 4, 0x000fffff, DP_FIELD_KIND_HEX)              \
    X(TP_SRC, "tp_src", 2, 0, DP_FIELD_KIND_DEC)                               \
    X(TP_DST, "tp_dst", 2, 0, DP_FIELD_KIND_DEC)                               \
    X(ICMP_TYPE, "icmp_type", 1, 0, DP_FIELD_KIND_DEC)                         \
    X(ICMP_CODE, "icmp_code", 1, 0, DP_FIELD_KIND_DEC)                         \
    X(ARP_OP, "arp_op", 2, 0, DP_FIELD_KIND_DEC)                               \
    X(ARP_SPA, "arp_spa", 4, 0, DP_FIELD_KIND_IPV4)                            \
    X(ARP_TPA, "arp_tpa", 4, 0, DP_FIELD_KIND_IPV4)                            \
    X(ARP_SHA, "arp_sha", 6, 0, DP_FIELD_KIND_ETH)                             \
    X(ARP_THA, "arp_tha", 6, 0, DP_FIELD_KIND_ETH)                             \
    X(ND_TARGET, "nd_target", 16, 0, DP_FIELD_KIND_IPV6)                       \
    X(ND_SLL, "nd_sll", 6, 0, DP_FIELD_KIND_ETH)                               \
    X(ND_TLL, "nd_tll", 6, 0, DP_FIELD_KIND_ETH)

enum dp_field {
#define DP_FIELD_ENUM(ID, NAME, WIDTH, VALID, KIND) DP_FIELD_##ID,
    DP_FIELDS(DP_FIELD_ENUM)
#undef DP_FIELD_ENUM
        DP_N_FIELDS
};

/* Largest field: IPv6 addresses. */
#define DP_FIELD_MAX_WIDTH 16

enum dp_field_kind {
    DP_FIELD_KIND_ETH,  /* 00:11:22:33:44:55 */
    DP_FIELD_KIND_IPV4, /* 10.0.0.1 */
    DP_FIELD_KIND_IPV6, /* 2001:db8::1 */
    DP_FIELD_KIND_DEC,  /* 64, or 0x40/0xf0 when masked */
    DP_FIELD_KIND_HEX,  /* 0xb8 */
};

/* Field properties.  'field' must be less than DP_N_FIELDS. */
const char *dp_field_name(enum dp_field field);
size_t dp_field_width(enum dp_field field);
enum dp_field_kind dp_field_kind(enum dp_field field);

/* Stores in 'mask' (dp_field_width() bytes) the bits of 'field' that
 * exist: all ones except for VLAN_TCI and IPV6_LABEL. */
void dp_field_valid_bits(enum dp_field field, uint8_t *mask);

/* Returns the field named 'name', or -1. */
int dp_field_from_name(const char *name);

/* Building
 * --------
 * Each function appends one action to 'b'.  The builder writes what it is
 * given; dp_actions_validate() says whether the result is a valid list.
 * (Appending allocates: control path only.) */
void dp_actions_put_output(struct buf *b, uint32_t port_no);
void dp_actions_put_push_vlan(struct buf *b, be16 tpid, be16 tci);
void dp_actions_put_pop_vlan(struct buf *b);
void dp_actions_put_push_mpls(struct buf *b, be16 ethertype, be32 lse);
void dp_actions_put_pop_mpls(struct buf *b, be16 ethertype);
void dp_actions_put_set_queue(struct buf *b, uint32_t queue_id);
void dp_actions_put_meter(struct buf *b, uint32_t meter_id);
void dp_actions_put_trunc(struct buf *b, uint32_t max_len);
void dp_actions_put_tunnel_push(struct buf *b,
                                const struct dp_tunnel_header *h);
void dp_actions_put_tunnel_pop(struct buf *b, uint32_t port_no);

/* Appends SET_FIELD of 'field' (less than DP_N_FIELDS): 'value' and 'mask'
 * are dp_field_width(field) bytes in network byte order; a NULL 'mask'
 * means the whole field (its valid bits).  Value bits outside the mask are
 * cleared. */
void dp_actions_put_set_field(struct buf *b, enum dp_field field,
                              const void *value, const void *mask);

/* Appends USERSPACE with the 'n' bytes at 'cookie'.  Returns 0, or -EINVAL
 * (appending nothing) if 'n' exceeds DP_ACTIONS_COOKIE_MAX. */
int dp_actions_put_userspace(struct buf *b, const void *cookie, size_t n);

/* CLONE: dp_actions_start_clone() appends the CLONE header and returns its
 * offset in 'b'; the actions appended next are the nested list, until
 * dp_actions_end_clone() with that offset closes it.  end_clone() returns
 * 0, or -EMSGSIZE if the nested list does not fit a TLV's 16-bit length;
 * then it removes the whole CLONE from 'b', which stays a valid list. */
size_t dp_actions_start_clone(struct buf *b);
int dp_actions_end_clone(struct buf *b, size_t start);

/* Validating and walking
 * ---------------------- */

/* Returns 0 if the 'len' bytes at 'actions' are a valid action list as
 * described above, otherwise -EINVAL: a TLV that is truncated, has a bad
 * or misaligned length, an unknown type, a payload of the wrong length,
 * non-zero padding, or an argument out of its range (TPID, EtherTypes, a
 * push_vlan TCI without PKT_VLAN_CFI, an unknown field, value or mask bits
 * outside the field, a cookie too long, a truncation shorter than an
 * Ethernet header, a tunnel push that is not VXLAN, has unknown flags, a
 * TTL of 0 or a VNI of 2^24 or more), or CLONEs nested too deep.  A
 * datapath validates every list it is given before executing it. */
int dp_actions_validate(const void *actions, size_t len);

/* One decoded action.  Pointers point into the action list. */
struct dp_action {
    enum dp_action_type type;
    union {
        uint32_t port_no;  /* OUTPUT, TUNNEL_POP. */
        uint32_t queue_id; /* SET_QUEUE. */
        uint32_t meter_id; /* METER. */
        uint32_t max_len;  /* TRUNC. */
        struct {
            be16 tpid;
            be16 tci;
        } push_vlan;
        struct {
            be16 ethertype;
            be32 lse;
        } push_mpls;
        struct {
            be16 ethertype;
        } pop_mpls;
        struct {
            enum dp_field field;
            const uint8_t *value; /* dp_field_width(field) bytes each. */
            const uint8_t *mask;
        } set_field;
        struct {
            const uint8_t *cookie;
            size_t n;
        } userspace;
        struct {
            const void *actions;
            size_t len;
        } clone;
        struct dp_tunnel_header tunnel_push;
    };
};

/* A position in an action list. */
struct dp_actions_cursor {
    const uint8_t *p;
    size_t left;
};

static inline void
dp_actions_cursor_init(struct dp_actions_cursor *c, const void *actions,
                       size_t len)
{
    c->p = actions;
    c->left = len;
}

/* Decodes the action at the cursor into '*a' and advances.  Returns true,
 * or false at the end of the list.  On a list that has not been validated
 * it also returns false at the first TLV that is not valid, and never reads
 * outside the list. */
bool dp_actions_next(struct dp_actions_cursor *c, struct dp_action *a);

/* Text
 * ---- */

/* Appends the text form of the 'len' bytes at 'actions' to 'sb'.  A list
 * that does not validate prints up to its first invalid TLV, then
 * "invalid(offset=N)". */
void dp_actions_format(struct strbuf *sb, const void *actions, size_t len);

/* Parses 's' (the text syntax above) and appends the list to 'out'.
 * Returns 0 and sets '*errorp' to NULL, or returns -EINVAL, leaves 'out'
 * as it was and sets '*errorp' to a malloc'd sentence saying what is wrong
 * (the caller frees it). */
int dp_actions_parse(const char *s, struct buf *out, char **errorp);

#endif /* datapath/dp_actions.h */
