/* Datapath checksums beyond lib/csum.h: SCTP's CRC32c, and a check of
 * every checksum a packet carries.
 *
 * The executor uses the CRC32c to keep SCTP checksums right when it
 * rewrites ports.  dp_csum_check() recomputes each checksum from scratch
 * (nothing incremental), so tests, fuzzers and a datapath's debugging aids
 * can tell whether a packet's checksums are right.
 *
 * Thread-safety: pure functions. */
#ifndef PONT_DP_CSUM_H
#define PONT_DP_CSUM_H 1

#include <stddef.h>
#include <stdint.h>

/* Returns the CRC32c (Castagnoli) of the 'len' bytes at 'data' continued
 * from 'crc', the CRC of the bytes before them (0 to start): the usual
 * CRC32c value, 0xe3069283 for "123456789". */
uint32_t dp_csum_crc32c(uint32_t crc, const void *data, size_t len);

/* Returns the checksum of the SCTP packet of 'len' bytes (at least 12) at
 * 'sctp', computed as if its checksum field were zero, in the form to store
 * in that field with memcpy: the CRC32c, least significant byte first (RFC
 * 9260, appendix A). */
uint32_t dp_csum_sctp(const uint8_t *sctp, size_t len);

/* Bits of dp_csum_check()'s result. */
#define DP_CSUM_BAD_IPV4 0x1u /* IPv4 header checksum. */
#define DP_CSUM_BAD_L4 0x2u   /* TCP, UDP, SCTP, ICMP or ICMPv6 checksum. */

/* Checks the checksums of the 'size' bytes at 'data' that can be checked:
 * the IPv4 header checksum of a valid IPv4 header (as flow_extract() finds
 * it), and the checksum of a TCP, UDP, SCTP, ICMP or ICMPv6 segment that
 * is not an IP fragment and is whole within the IP payload.  Not checked:
 * UDP checksums of zero ("none"), and pseudo-header checksums of IPv6
 * packets whose routing header has segments left (their pseudo-header
 * holds the final destination, which is in the routing header).  Returns
 * the DP_CSUM_BAD_* bits of the checksums that are wrong, 0 if none is. */
unsigned int dp_csum_check(const void *data, size_t size);

#endif /* datapath/dp_csum.h */
