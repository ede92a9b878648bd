#include "lib/flow.h"

#include <string.h>

#include "lib/hash.h"

/* The word loops below rely on the key having no hidden padding: every byte
 * belongs to a named member, so zeroing the struct zeroes all of it and
 * memcpy of a field never leaves garbage between fields. */
_Static_assert(sizeof(struct flow_key) % 8 == 0, "flow_key is 64-bit words");
_Static_assert(offsetof(struct flow_key, dl_dst) == 64, "metadata is 8 words");
_Static_assert(offsetof(struct flow_key, nw_src) == 100, "no L2 padding");
_Static_assert(offsetof(struct flow_key, tp_src) == 176, "no L3 padding");
_Static_assert(sizeof(struct flow_key) == 184, "no tail padding");

/* Keys are read and written as 64-bit words; may_alias tells the compiler
 * that these accesses alias the struct's members. */
typedef uint64_t __attribute__((may_alias)) flow_word;

static inline const flow_word *
words(const struct flow_key *key)
{
    return (const flow_word *) key;
}

bool
flow_equal(const struct flow_key *a, const struct flow_key *b)
{
    return !memcmp(a, b, sizeof *a);
}

uint32_t
flow_hash(const struct flow_key *key, uint32_t basis)
{
    const flow_word *wk = words(key);
    uint64_t h = basis;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        h = hash_add64(h, wk[i]);
    }
    return hash_finish(h, sizeof *key);
}

bool
flow_equal_masked(const struct flow_key *a, const struct flow_key *b,
                  const struct flow_mask *mask)
{
    const flow_word *wa = words(a);
    const flow_word *wb = words(b);
    const flow_word *wm = words(&mask->bits);
    uint64_t diff = 0;

    /* No early exit: a branch-free loop is faster for 23 words than a
     * mispredicted branch, and vectorizes. */
    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        diff |= (wa[i] ^ wb[i]) & wm[i];
    }
    return !diff;
}

uint32_t
flow_hash_masked(const struct flow_key *key, const struct flow_mask *mask,
                 uint32_t basis)
{
    const flow_word *wk = words(key);
    const flow_word *wm = words(&mask->bits);
    uint64_t h = basis;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        h = hash_add64(h, wk[i] & wm[i]);
    }
    return hash_finish(h, sizeof *key);
}

void
flow_apply_mask(struct flow_key *dst, const struct flow_key *key,
                const struct flow_mask *mask)
{
    flow_word *wd = (flow_word *) dst;
    const flow_word *wk = words(key);
    const flow_word *wm = words(&mask->bits);

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        wd[i] = wk[i] & wm[i];
    }
}

void
flow_mask_catchall(struct flow_mask *mask)
{
    memset(mask, 0, sizeof *mask);
}

void
flow_mask_exact(struct flow_mask *mask)
{
    memset(mask, 0xff, sizeof *mask);
    mask->bits.pad0 = 0;
    mask->bits.pad1 = 0;
    mask->bits.pad2 = 0;
}

bool
flow_mask_is_catchall(const struct flow_mask *mask)
{
    const flow_word *wm = words(&mask->bits);
    uint64_t any = 0;

    for (size_t i = 0; i < FLOW_KEY_WORDS; i++) {
        any |= wm[i];
    }
    return !any;
}

void
flow_match_init(struct flow_match *match, const struct flow_key *key,
                const struct flow_mask *mask)
{
    match->mask = *mask;
    flow_apply_mask(&match->key, key, mask);
}

#define MASK_FIELD(MASK, FIELD)                                                \
    memset(&(MASK)->bits.FIELD, 0xff, sizeof(MASK)->bits.FIELD)

static bool
is_neighbor_discovery(const struct flow_key *key)
{
    return key->dl_type == htons(PKT_ETH_TYPE_IPV6)
           && key->nw_proto == IPPROTO_ICMPV6 && key->tp_dst == 0
           && (key->tp_src == htons(PKT_ND_NEIGHBOR_SOLICIT)
               || key->tp_src == htons(PKT_ND_NEIGHBOR_ADVERT));
}

static bool
has_transport_ports(const struct flow_key *key)
{
    if (key->nw_frag & FLOW_NW_FRAG_LATER) {
        return false;
    }
    switch (key->nw_proto) {
    case IPPROTO_TCP:
    case IPPROTO_UDP:
    case IPPROTO_SCTP:
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6:
    case IPPROTO_IGMP:
        return true;
    default:
        return false;
    }
}

static void
mask_metadata_for_packet(struct flow_mask *mask, const struct flow_key *key)
{
    if (key->tun_dst) {
        MASK_FIELD(mask, tun_id);
        MASK_FIELD(mask, tun_src);
        MASK_FIELD(mask, tun_dst);
    } else if (key->tun_id) {
        MASK_FIELD(mask, tun_id);
    }
    MASK_FIELD(mask, in_port);
}

static void
mask_l2_for_packet(struct flow_mask *mask, const struct flow_key *key)
{
    MASK_FIELD(mask, dl_dst);
    MASK_FIELD(mask, dl_src);
    MASK_FIELD(mask, dl_type);
    /* The first tag is always meaningful (zero says "untagged"); an inner
     * one only when there is an outer one. */
    for (int i = 0; i < FLOW_MAX_VLANS; i++) {
        MASK_FIELD(mask, vlans[i]);
        if (!key->vlans[i].tci) {
            break;
        }
    }
}

void
flow_mask_for_packet(struct flow_mask *mask, const struct flow_key *key)
{
    uint16_t dl_type = ntohs(key->dl_type);

    flow_mask_catchall(mask);
    mask_metadata_for_packet(mask, key);
    mask_l2_for_packet(mask, key);

    switch (dl_type) {
    case PKT_ETH_TYPE_IPV4:
        MASK_FIELD(mask, nw_src);
        MASK_FIELD(mask, nw_dst);
        break;
    case PKT_ETH_TYPE_IPV6:
        MASK_FIELD(mask, ipv6_src);
        MASK_FIELD(mask, ipv6_dst);
        MASK_FIELD(mask, ipv6_label);
        if (is_neighbor_discovery(key)) {
            MASK_FIELD(mask, nd_target);
            MASK_FIELD(mask, arp_sha);
            MASK_FIELD(mask, arp_tha);
        }
        break;
    case PKT_ETH_TYPE_ARP:
    case PKT_ETH_TYPE_RARP:
        MASK_FIELD(mask, nw_src);
        MASK_FIELD(mask, nw_dst);
        MASK_FIELD(mask, nw_proto);
        MASK_FIELD(mask, arp_sha);
        MASK_FIELD(mask, arp_tha);
        return;
    case PKT_ETH_TYPE_MPLS:
    case PKT_ETH_TYPE_MPLS_MCAST:
        for (int i = 0; i < FLOW_MAX_MPLS_LABELS; i++) {
            MASK_FIELD(mask, mpls_lse[i]);
            if (key->mpls_lse[i] & htonl(PKT_MPLS_BOS_MASK)) {
                break;
            }
        }
        return;
    default:
        return;
    }

    /* IPv4 or IPv6. */
    mask->bits.nw_frag = FLOW_NW_FRAG_MASK;
    MASK_FIELD(mask, nw_tos);
    MASK_FIELD(mask, nw_ttl);
    MASK_FIELD(mask, nw_proto);
    if (has_transport_ports(key)) {
        MASK_FIELD(mask, tp_src);
        MASK_FIELD(mask, tp_dst);
        if (key->nw_proto == IPPROTO_TCP) {
            mask->bits.tcp_flags = htons(PKT_TCP_FLAGS_MASK);
        }
    }
}
