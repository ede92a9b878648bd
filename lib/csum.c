#include "lib/csum.h"

#include <assert.h>
#include <string.h>

/* Folds a 64-bit one's complement sum into 32 bits. */
static uint32_t
fold64(uint64_t sum)
{
    while (sum >> 32) {
        sum = (sum & 0xffffffff) + (sum >> 32);
    }
    return (uint32_t) sum;
}

uint32_t
csum_partial(const void *data, size_t len, uint32_t sum)
{
    const uint8_t *p = data;
    uint64_t acc = sum;
    size_t i;

    /* A 64-bit accumulator cannot overflow for any packet size we see. */
    for (i = 0; i + 2 <= len; i += 2) {
        uint16_t w;
        memcpy(&w, p + i, 2);
        acc += w;
    }
    if (i < len) {
        uint8_t last[2] = {p[i], 0};
        uint16_t w;
        memcpy(&w, last, 2);
        acc += w;
    }
    return fold64(acc);
}

be16
csum_finish(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (be16) ~sum;
}

be16
csum_compute(const void *data, size_t len)
{
    return csum_finish(csum_partial(data, len, 0));
}

uint32_t
csum_pseudo_ipv4(be32 src, be32 dst, uint8_t proto, uint16_t l4_len)
{
    uint8_t hdr[12];
    be16 proto_be = htons(proto);
    be16 len_be = htons(l4_len);

    memcpy(hdr, &src, 4);
    memcpy(hdr + 4, &dst, 4);
    memcpy(hdr + 8, &proto_be, 2);
    memcpy(hdr + 10, &len_be, 2);
    return csum_partial(hdr, sizeof hdr, 0);
}

uint32_t
csum_pseudo_ipv6(const struct in6_addr *src, const struct in6_addr *dst,
                 uint8_t proto, uint32_t l4_len)
{
    uint8_t hdr[40];
    be32 len_be = htonl(l4_len);
    be32 proto_be = htonl(proto);

    memcpy(hdr, src, 16);
    memcpy(hdr + 16, dst, 16);
    memcpy(hdr + 32, &len_be, 4);
    memcpy(hdr + 36, &proto_be, 4);
    return csum_partial(hdr, sizeof hdr, 0);
}

/* RFC 1624, equation 3: HC' = ~(~HC + ~m + m'). */
be16
csum_update16(be16 csum, be16 old_value, be16 new_value)
{
    uint32_t sum = (uint16_t) ~csum;

    sum += (uint16_t) ~old_value;
    sum += new_value;
    return csum_finish(sum);
}

be16
csum_update32(be16 csum, be32 old_value, be32 new_value)
{
    uint32_t sum = (uint16_t) ~csum;

    sum += (uint16_t) ~(old_value & 0xffff) + (uint16_t) ~(old_value >> 16);
    sum += (new_value & 0xffff) + (new_value >> 16);
    return csum_finish(sum);
}

be16
csum_update_bytes(be16 csum, const void *old_value, const void *new_value,
                  size_t len)
{
    const uint8_t *o = old_value;
    const uint8_t *n = new_value;
    uint64_t sum = (uint16_t) ~csum;

    assert(len % 2 == 0);
    for (size_t i = 0; i + 2 <= len; i += 2) {
        uint16_t ow, nw;
        memcpy(&ow, o + i, 2);
        memcpy(&nw, n + i, 2);
        sum += (uint16_t) ~ow;
        sum += nw;
    }
    return csum_finish(fold64(sum));
}
