/* Datapath packets: a packet buffer with headroom, the metadata that travels
 * with it through the fast path, and batches of packets.
 *
 * Design
 * ------
 * A struct dp_packet owns one block of memory that holds the packet's bytes
 * somewhere in its middle: free space before them (headroom, by default
 * DP_PACKET_HEADROOM bytes) lets VLAN and MPLS pushes prepend 4 bytes without
 * copying the packet, free space after them (tailroom) lets a packet grow.
 * Only when the headroom or tailroom runs out does an operation reallocate.
 *
 * Storage is private.  The fields whose names end in '_' are the storage
 * and the cached header offsets; callers must go through the functions
 * below and never touch them, because the DPDK datapath will back a
 * dp_packet by an rte_mbuf, where the bytes, their offset and their length
 * live in the mbuf.  Metadata ('in_port', 'queue_id', 'trunc_len', the
 * tunnel and 'recirc_depth') is public: read and write it directly.
 *
 * Header offsets: a packet caches where flow_extract() (lib/flow_extract.h)
 * finds its layers, relative to the first byte of packet data.  They are
 * either known (set by dp_packet_parse() or dp_packet_set_offsets(), e.g.
 * by a datapath that parsed the packet to classify it) or unknown, and
 * dp_packet_offsets() parses the packet when they are unknown.  Functions
 * that move or cut bytes (push_front, pull_front, put_tail, truncate) do not
 * know what the bytes mean and forget the offsets; a caller that knows
 * better sets them again.  So the offsets, when known, always describe the
 * current bytes.
 *
 * Batches: the fast path moves packets in batches of up to
 * DP_PACKET_BATCH_MAX, like rte_eth_rx_burst().  A batch owns the packets in
 * it.  Walk a batch with an explicit loop over 'count' and 'packets'.
 *
 * External storage: a datapath may place a dp_packet inside memory of its
 * own (DPDK puts it in an rte_mbuf's private area, around the mbuf's
 * bytes) with dp_packet_init_external().  Such a packet's struct and bytes
 * belong to the datapath, which 'release' returns them to when the packet
 * is deleted.  If a push or put outgrows its block, the bytes move to a
 * heap block that the packet then owns (and frees before calling
 * 'release'); dp_packet_external_bytes() tells the datapath whether the
 * bytes are still in its block.  Clones are always heap packets.
 *
 * Allocation: dp_packet_new*() and dp_packet_clone*() allocate; nothing else
 * does, except the push and put functions when the packet has no room left
 * (which the default headroom makes rare).  Allocation failure aborts the
 * process, as with lib/util.h's xmalloc().
 *
 * Thread-safety: none.  A packet or a batch belongs to one thread at a time;
 * handing it to another thread hands over ownership. */
#ifndef PONT_DP_PACKET_H
#define PONT_DP_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow_extract.h"

struct flow_key;

/* The outer headers of the tunnel a packet came out of, as a flow key
 * holds them (network byte order).  dp_packet_parse() copies them into the
 * key, so that megaflows and OpenFlow rules can match on them. */
struct dp_tunnel_md {
    be64 tun_id; /* VXLAN: the VNI. */
    be32 tun_src;
    be32 tun_dst;
};

/* Free bytes before the data of a new packet: room for 32 VLAN or MPLS
 * pushes, or a tunnel header, before anything is copied. */
#define DP_PACKET_HEADROOM 128

struct dp_packet {
    /* Private: storage and cached offsets (see above). */
    uint8_t *base_;           /* Allocated block. */
    uint32_t allocated_;      /* Bytes at 'base_'. */
    uint32_t data_ofs_;       /* First byte of packet data, from 'base_'. */
    uint32_t size_;           /* Bytes of packet data. */
    bool ofs_known_;          /* Whether 'ofs_' describes the data. */
    bool base_owned_;         /* 'base_' is a heap block of ours. */
    struct flow_offsets ofs_; /* From the first byte of data. */
    /* External storage: NULL for heap packets. */
    void (*release_)(struct dp_packet *);

    /* Public metadata. */
    uint32_t in_port;   /* Datapath port the packet arrived on. */
    uint32_t queue_id;  /* Output queue, for the QoS layer (SET_QUEUE). */
    uint32_t trunc_len; /* Pending truncation for the next output, in
                         * bytes; 0 for none (see dp_actions.h, TRUNC). */
    struct dp_tunnel_md tunnel; /* Where TUNNEL_POP took it from; zero if
                                 * it came in on a port. */
    uint8_t recirc_depth;       /* TUNNEL_POPs it went through. */
};

/* Construction and destruction
 * ----------------------------
 * Constructors return a packet the caller owns (never NULL); its metadata
 * is zero and its offsets unknown. */

/* Returns an empty packet with DP_PACKET_HEADROOM bytes of headroom and room
 * for 'capacity' bytes after it. */
struct dp_packet *dp_packet_new(size_t capacity);

/* Returns a packet holding a copy of the 'size' bytes at 'data'. */
struct dp_packet *dp_packet_new_with_data(const void *data, size_t size);

/* Returns a copy of 'p': its bytes, its metadata and its offsets. */
struct dp_packet *dp_packet_clone(const struct dp_packet *p);

/* Returns a copy of 'p' cut to at most its first 'max_len' bytes, copying
 * only those.  Offsets are copied only if nothing was cut. */
struct dp_packet *dp_packet_clone_head(const struct dp_packet *p,
                                       size_t max_len);

/* Frees 'p'.  NULL is a no-op. */
void dp_packet_delete(struct dp_packet *p);

/* Makes '*p' a packet whose 'size' bytes of data start 'data_ofs' bytes
 * into the 'allocated'-byte block at 'base', which the caller owns, as it
 * owns '*p': dp_packet_delete() calls 'release' with the packet.  Metadata
 * is zeroed and the offsets unknown. */
void dp_packet_init_external(struct dp_packet *p, void *base,
                             uint32_t allocated, uint32_t data_ofs,
                             uint32_t size,
                             void (*release)(struct dp_packet *));

/* For an external packet: whether its bytes are still in the block given
 * to dp_packet_init_external() (false once they moved to the heap). */
static inline bool
dp_packet_external_bytes(const struct dp_packet *p)
{
    return !p->base_owned_;
}

/* Bytes
 * -----
 * Pointers into the data stay valid until the next call that changes the
 * packet's size. */

static inline void *
dp_packet_data(const struct dp_packet *p)
{
    return p->base_ + p->data_ofs_;
}

static inline size_t
dp_packet_size(const struct dp_packet *p)
{
    return p->size_;
}

static inline size_t
dp_packet_headroom(const struct dp_packet *p)
{
    return p->data_ofs_;
}

static inline size_t
dp_packet_tailroom(const struct dp_packet *p)
{
    return p->allocated_ - p->data_ofs_ - p->size_;
}

/* Prepends 'n' uninitialized bytes, from the headroom if it is large
 * enough, and returns a pointer to them (the new start of data). */
void *dp_packet_push_front(struct dp_packet *p, size_t n);

/* Removes the first 'n' bytes (into the headroom) and returns a pointer to
 * them, or returns NULL and changes nothing if the packet is shorter. */
void *dp_packet_pull_front(struct dp_packet *p, size_t n);

/* Appends 'n' uninitialized bytes and returns a pointer to them. */
void *dp_packet_put_tail(struct dp_packet *p, size_t n);

/* Cuts the packet to at most 'max_len' bytes. */
void dp_packet_truncate(struct dp_packet *p, size_t max_len);

/* Header offsets
 * -------------- */

/* Parses the packet with flow_extract(), 'in_port' as its port and
 * 'tunnel' as its tunnel metadata, into 'key' (which may be NULL) and
 * records the offsets. */
void dp_packet_parse(struct dp_packet *p, struct flow_key *key);

/* Returns the packet's header offsets, parsing it first if they are not
 * known.  The pointer is valid until the packet changes. */
const struct flow_offsets *dp_packet_offsets(struct dp_packet *p);

/* Records 'ofs' as the packet's offsets: the caller guarantees that they
 * are what flow_extract() finds in the current bytes. */
void dp_packet_set_offsets(struct dp_packet *p, const struct flow_offsets *ofs);

/* Forgets the offsets, after a change of the bytes that moves headers. */
static inline void
dp_packet_forget_offsets(struct dp_packet *p)
{
    p->ofs_known_ = false;
}

/* Batches
 * ------- */

#define DP_PACKET_BATCH_MAX 32

struct dp_packet_batch {
    size_t count;
    struct dp_packet *packets[DP_PACKET_BATCH_MAX];
};

/* Makes 'b' empty. */
static inline void
dp_packet_batch_init(struct dp_packet_batch *b)
{
    b->count = 0;
}

static inline bool
dp_packet_batch_is_full(const struct dp_packet_batch *b)
{
    return b->count >= DP_PACKET_BATCH_MAX;
}

/* Adds 'p' to 'b', which then owns it.  Returns 0, or -ENOSPC if 'b' is
 * full; then the caller still owns 'p'. */
int dp_packet_batch_add(struct dp_packet_batch *b, struct dp_packet *p);

/* Initializes 'dst' with a clone of each packet of 'src', in order. */
void dp_packet_batch_clone(struct dp_packet_batch *dst,
                           const struct dp_packet_batch *src);

/* Frees every packet of 'b' and leaves it empty. */
void dp_packet_batch_delete_all(struct dp_packet_batch *b);

#endif /* datapath/dp_packet.h */
