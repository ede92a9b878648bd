/* Internet checksums (RFC 1071) and their incremental update (RFC 1624).
 *
 * Values: a checksum is a be16, stored exactly as in the header.  Partial
 * sums are 32-bit accumulators of 16-bit words, to be folded by
 * csum_finish().  Because the one's complement sum does not depend on byte
 * order, all arithmetic uses words as they lie in memory; nothing is
 * byte-swapped.
 *
 * Incremental update: when a header field changes from 'old' to 'new', the
 * checksum that covers it (the IPv4 header checksum, or a TCP/UDP checksum
 * through the pseudo-header) is updated in a few operations without reading
 * the rest of the packet.  UDP's "no checksum" value 0 is the caller's
 * concern: leave a zero UDP checksum alone, and store 0xffff for a computed
 * zero.
 *
 * Thread-safety: pure functions. */
#ifndef PONT_CSUM_H
#define PONT_CSUM_H 1

#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"

/* Adds the 'len' bytes at 'data' to 'sum' (any length).  An odd trailing
 * byte counts as the high byte of a word whose low byte is zero. */
uint32_t csum_partial(const void *data, size_t len, uint32_t sum);

/* Folds 'sum' to 16 bits and complements it: the checksum to store. */
be16 csum_finish(uint32_t sum);

/* Returns the checksum of the 'len' bytes at 'data'.  To fill a header's
 * checksum field, zero it first; a header with a correct checksum yields 0. */
be16 csum_compute(const void *data, size_t len);

/* Returns the partial sum of the IPv4/IPv6 pseudo-header for a transport
 * segment of 'l4_len' bytes of protocol 'proto'. */
uint32_t csum_pseudo_ipv4(be32 src, be32 dst, uint8_t proto, uint16_t l4_len);
uint32_t csum_pseudo_ipv6(const struct in6_addr *src,
                          const struct in6_addr *dst, uint8_t proto,
                          uint32_t l4_len);

/* Return 'csum' updated for a covered field that changed from 'old' to
 * 'new'. */
be16 csum_update16(be16 csum, be16 old_value, be16 new_value);
be16 csum_update32(be16 csum, be32 old_value, be32 new_value);
/* For fields of 'len' bytes (e.g. IPv6 addresses, MACs).  'len' must be
 * even: an odd-length field changes which byte of a 16-bit word each of its
 * bytes falls in, so update a covering even-length span instead. */
be16 csum_update_bytes(be16 csum, const void *old_value, const void *new_value,
                       size_t len);

#endif /* lib/csum.h */
