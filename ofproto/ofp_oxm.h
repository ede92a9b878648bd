/* OXM: the OpenFlow 1.3 match fields, and the codec between struct
 * ofp_match (OXM TLVs on the wire) and struct flow_match (lib/flow.h).
 *
 * The field table
 * ---------------
 * ofp_fields[] lists every field Pont can match or set: the 40 OpenFlow 1.3
 * basic fields it supports (all but IN_PHY_PORT, PBB_ISID and IPV6_EXTHDR,
 * which Open vSwitch does not support either) and the extension fields Open
 * vSwitch uses in OpenFlow 1.3 for what the basic set lacks: registers
 * (NXM_NX_REG0..7), IP TTL and fragment state (NXM_NX_IP_TTL,
 * NXM_NX_IP_FRAG), tunnel endpoints (NXM_NX_TUN_IPV4_SRC/DST) and TCP flags
 * (ONF's OXM for OpenFlow 1.3).  Each entry gives the field's OXM header,
 * its names in ovs-ofctl syntax, its width, whether it takes a mask, its
 * prerequisite, and where it lives in the flow key.  The codec reads this
 * table for every field, and set_field names come from it; the text parser
 * keeps its own keyword table for ovs-ofctl's match syntax, whose keywords
 * are not all fields (protocol shorthands, dl_vlan, nw_tos), but maps each
 * keyword onto a field of this table.
 *
 * Errors follow the specification: OFPBMC_BAD_TYPE (not an OXM match),
 * OFPBMC_BAD_LEN, OFPBMC_BAD_FIELD (unknown or unsupported field),
 * OFPBMC_BAD_MASK (mask on a field that takes none), OFPBMC_BAD_WILDCARDS
 * (value bits outside the mask), OFPBMC_BAD_VALUE, OFPBMC_DUP_FIELD,
 * OFPBMC_BAD_PREREQ.  They are returned as -OFPERR_*.
 *
 * Thread-safety: the table is constant; functions touch only their
 * arguments. */
#ifndef PONT_OFP_OXM_H
#define PONT_OFP_OXM_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

struct buf;
struct buf_reader;

/* Largest OXM value: IPv6 addresses. */
#define OFP_FIELD_MAX_LEN 16

/* Fields, in the order of ofp_fields[]. */
enum ofp_field_id {
    OFPF_IN_PORT,
    OFPF_METADATA,
    OFPF_ETH_DST,
    OFPF_ETH_SRC,
    OFPF_ETH_TYPE,
    OFPF_VLAN_VID,
    OFPF_VLAN_PCP,
    OFPF_IP_DSCP,
    OFPF_IP_ECN,
    OFPF_IP_PROTO,
    OFPF_IPV4_SRC,
    OFPF_IPV4_DST,
    OFPF_TCP_SRC,
    OFPF_TCP_DST,
    OFPF_UDP_SRC,
    OFPF_UDP_DST,
    OFPF_SCTP_SRC,
    OFPF_SCTP_DST,
    OFPF_ICMPV4_TYPE,
    OFPF_ICMPV4_CODE,
    OFPF_ARP_OP,
    OFPF_ARP_SPA,
    OFPF_ARP_TPA,
    OFPF_ARP_SHA,
    OFPF_ARP_THA,
    OFPF_IPV6_SRC,
    OFPF_IPV6_DST,
    OFPF_IPV6_FLABEL,
    OFPF_ICMPV6_TYPE,
    OFPF_ICMPV6_CODE,
    OFPF_ND_TARGET,
    OFPF_ND_SLL,
    OFPF_ND_TLL,
    OFPF_MPLS_LABEL,
    OFPF_MPLS_TC,
    OFPF_MPLS_BOS,
    OFPF_TUNNEL_ID,
    OFPF_REG0,
    OFPF_REG1,
    OFPF_REG2,
    OFPF_REG3,
    OFPF_REG4,
    OFPF_REG5,
    OFPF_REG6,
    OFPF_REG7,
    OFPF_IP_TTL,
    OFPF_IP_FRAG,
    OFPF_TUN_SRC,
    OFPF_TUN_DST,
    OFPF_TCP_FLAGS,
    OFPF_N_FIELDS
};

/* What must hold of a match for a field to be matched or set. */
enum ofp_prereq {
    OFPP_NONE,
    OFPP_VLAN,              /* A VLAN tag: VLAN_VID matches "present". */
    OFPP_IP_ANY,            /* ETH_TYPE is IPv4 or IPv6. */
    OFPP_IPV4,
    OFPP_IPV6,
    OFPP_ARP,               /* ETH_TYPE is ARP or RARP. */
    OFPP_MPLS,              /* ETH_TYPE is MPLS unicast or multicast. */
    OFPP_TCP,               /* IP_ANY and IP_PROTO 6 (also 17, 132, ...). */
    OFPP_UDP,
    OFPP_SCTP,
    OFPP_ICMPV4,            /* IPV4 and IP_PROTO 1. */
    OFPP_ICMPV6,            /* IPV6 and IP_PROTO 58. */
    OFPP_ND,                /* ICMPV6 and ICMPV6_TYPE 135 or 136. */
    OFPP_ND_SOLICIT,        /* ICMPV6 and ICMPV6_TYPE 135. */
    OFPP_ND_ADVERT,         /* ICMPV6 and ICMPV6_TYPE 136. */
};

/* How a field's wire value maps onto the flow key. */
enum ofp_field_map {
    OFPM_BYTES,             /* Same bytes at 'key_ofs' (network order). */
    OFPM_HOST,              /* Big-endian on the wire, host order in key. */
    OFPM_VLAN_VID,          /* 13 bits: OFPVID_PRESENT and the VID. */
    OFPM_VLAN_PCP,          /* 3 bits of the TCI. */
    OFPM_IP_DSCP,           /* 6 bits, the upper bits of nw_tos. */
    OFPM_IP_ECN,            /* 2 bits, the lower bits of nw_tos. */
    OFPM_U8_TO_BE16,        /* 1 byte on the wire, a be16 in the key. */
    OFPM_ARP_OP,            /* 2 bytes on the wire, 8 bits in nw_proto. */
    OFPM_MPLS_LABEL,        /* 20 bits of mpls_lse[0]. */
    OFPM_MPLS_TC,           /* 3 bits of mpls_lse[0]. */
    OFPM_MPLS_BOS,          /* 1 bit of mpls_lse[0]. */
    OFPM_IP_FRAG,           /* nw_frag bits. */
};

struct ofp_field {
    enum ofp_field_id id;
    const char *name;       /* Name in set_field and in match text. */
    const char *alt_name;   /* Other name accepted in match text, or NULL. */
    uint16_t oxm_class;     /* OFPXMC_*. */
    uint8_t oxm_field;
    uint32_t experimenter;  /* For OFPXMC_EXPERIMENTER, else 0. */
    uint8_t n_bytes;        /* Width of the value on the wire. */
    bool maskable;
    bool writable;          /* May be the target of set_field. */
    enum ofp_prereq prereq;
    enum ofp_field_map map;
    uint16_t key_ofs;       /* Offset of the key member in struct flow_key. */
    uint8_t key_len;        /* Its size. */
};

extern const struct ofp_field ofp_fields[OFPF_N_FIELDS];

/* Look-ups; return NULL if there is no such field. */
const struct ofp_field *ofp_field_by_name(const char *name);
const struct ofp_field *ofp_field_by_oxm(uint16_t oxm_class, uint8_t field,
                                         uint32_t experimenter);

/* Reads the field's value and mask (in wire format, 'field->n_bytes' each)
 * out of 'match'.  The mask is all-zeros if the match does not care. */
void ofp_field_get(const struct ofp_field *, const struct flow_match *match,
                   uint8_t *value, uint8_t *mask);

/* Sets the field in 'match' to 'value' under 'mask' (NULL: exact).  Returns
 * 0, or -OFPERR_OFPBMC_BAD_VALUE if the value does not fit (a VLAN VID
 * above 0xfff, a DSCP above 63, ...). */
int ofp_field_set(const struct ofp_field *, const uint8_t *value,
                  const uint8_t *mask, struct flow_match *match);

/* Sets 'mask' (field->n_bytes, wire format) to the bits that carry the
 * field's value: all of them, except for fields narrower than their wire
 * format (20 of the 32 bits of an IPv6 flow label, 12 of the 16 of TCP
 * flags, 13 of VLAN_VID, ...).  A mask covering these bits is exact. */
void ofp_field_value_bits(const struct ofp_field *, uint8_t *mask);

/* Returns true if 'match' satisfies the prerequisite of 'field'. */
bool ofp_field_prereq_ok(const struct ofp_field *,
                         const struct flow_match *match);

/* Decodes an ofp_match structure (header, OXM TLVs, padding to 8 bytes)
 * from 'r' into 'match'.  Returns 0 or -OFPERR_OFPBMC_*. */
int ofp_match_decode(struct buf_reader *r, struct flow_match *match);

/* Appends 'match' as an ofp_match structure, padded to 8 bytes, fields in
 * the order Open vSwitch writes them.  Returns the number of bytes without
 * padding (what the structure's length field says). */
size_t ofp_match_encode(const struct flow_match *match, struct buf *);

/* Decodes one OXM TLV (header and payload) from 'r': the field, its value
 * and its mask (all-ones when the TLV has none).  Returns 0 or
 * -OFPERR_OFPBMC_*.  Used by set_field decoding too. */
int ofp_oxm_decode(struct buf_reader *r, const struct ofp_field **field,
                   uint8_t *value, uint8_t *mask, bool *has_mask);

/* Appends one OXM TLV for 'field': with 'mask' unless it is NULL. */
void ofp_oxm_encode(const struct ofp_field *, const uint8_t *value,
                    const uint8_t *mask, struct buf *);

#endif /* ofproto/ofp_oxm.h */
