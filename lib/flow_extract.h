/* Packet parser: packet bytes to flow key.
 *
 * What it parses: Ethernet II and 802.3 LLC/SNAP; up to FLOW_MAX_VLANS
 * 802.1Q/802.1ad tags; up to FLOW_MAX_MPLS_LABELS MPLS labels; ARP/RARP for
 * Ethernet+IPv4; IPv4 (options, fragments); IPv6 (hop-by-hop, routing,
 * destination options, AH and fragment extension headers); TCP, UDP, SCTP,
 * ICMP, IGMP ports/types; ICMPv6 with neighbour discovery target and
 * link-layer address options.
 *
 * Semantics are Open vSwitch's flow_extract(), field for field, so that the
 * same packet yields the same key in both switches (tests/interop checks this
 * on thousands of packets).  In particular:
 *   - a header that is truncated or fails its sanity checks stops parsing;
 *     the fields it would have filled stay zero, the ones before it keep
 *     their values.  Nothing is ever read past 'size'.
 *   - an IPv4 or IPv6 packet's transport header is looked for only within
 *     the IP total/payload length, not in Ethernet padding.
 *   - later fragments (FLOW_NW_FRAG_LATER) have no transport fields; for
 *     IPv6 their nw_proto is IPPROTO_FRAGMENT.
 *
 * Performance: no allocation, no locks, no logging; reads each header once.
 * flow_extract_burst() parses a burst and prefetches the next packet.
 *
 * Thread-safety: reentrant; writes only its output arguments. */
#ifndef PONT_FLOW_EXTRACT_H
#define PONT_FLOW_EXTRACT_H 1

#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

/* Where the parser found each layer, as byte offsets from the start of the
 * packet, or FLOW_OFS_NONE.  'l3' is set once the EtherType is known, 'l4'
 * once the IP header passed its checks (it may be a later fragment: check
 * nw_frag), 'l2_5' for MPLS. */
#define FLOW_OFS_NONE UINT32_MAX
struct flow_offsets {
    uint32_t l2_5;
    uint32_t l3;
    uint32_t l4;
};

/* Parses the 'size' bytes at 'data' (less than 4 GiB, so that offsets fit)
 * into 'key', which it overwrites entirely.  'key->in_port' is set to
 * 'in_port'; other metadata is zero. 'ofs' may be NULL. */
void flow_extract(const void *data, size_t size, uint32_t in_port,
                  struct flow_key *key, struct flow_offsets *ofs);

/* Parses 'n' packets: packet i is 'sizes[i]' bytes at 'data[i]' and goes to
 * 'keys[i]' (and 'ofs[i]' unless 'ofs' is NULL). */
void flow_extract_burst(const void *const data[], const uint32_t sizes[],
                        size_t n, uint32_t in_port, struct flow_key keys[],
                        struct flow_offsets ofs[]);

#endif /* lib/flow_extract.h */
