#include "lib/packets.h"

#include <stdio.h>

#include "lib/strbuf.h"

int
pkt_ipv4_cidr_len(be32 mask)
{
    uint32_t m = ntohl(mask);
    uint32_t inverted = ~m;

    /* A CIDR mask inverted is 2**k - 1, so adding one clears every bit. */
    if (inverted & (inverted + 1)) {
        return -1;
    }
    return 32 - __builtin_popcount(inverted);
}

int
pkt_ipv6_cidr_len(const struct in6_addr *mask)
{
    int len = 0;
    int i;

    for (i = 0; i < 16; i++) {
        uint8_t b = mask->s6_addr[i];
        if (b != 0xff) {
            break;
        }
        len += 8;
    }
    if (i < 16) {
        uint8_t b = mask->s6_addr[i];
        uint8_t inverted = ~b;
        if (inverted & (inverted + 1)) {
            return -1;
        }
        len += 8 - __builtin_popcount(inverted);
        for (i++; i < 16; i++) {
            if (mask->s6_addr[i]) {
                return -1;
            }
        }
    }
    return len;
}

void
pkt_format_eth(struct strbuf *sb, const struct eth_addr *a)
{
    strbuf_printf(sb, "%02x:%02x:%02x:%02x:%02x:%02x", a->ea[0], a->ea[1],
                  a->ea[2], a->ea[3], a->ea[4], a->ea[5]);
}

void
pkt_format_eth_masked(struct strbuf *sb, const struct eth_addr *a,
                      const struct eth_addr *mask)
{
    static const struct eth_addr exact = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

    pkt_format_eth(sb, a);
    if (memcmp(mask, &exact, sizeof exact)) {
        strbuf_putc(sb, '/');
        pkt_format_eth(sb, mask);
    }
}

void
pkt_format_ipv4(struct strbuf *sb, be32 addr)
{
    const uint8_t *b = (const uint8_t *) &addr;
    strbuf_printf(sb, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

void
pkt_format_ipv4_masked(struct strbuf *sb, be32 addr, be32 mask)
{
    pkt_format_ipv4(sb, addr);
    if (mask != UINT32_MAX) {
        int len = pkt_ipv4_cidr_len(mask);
        if (len >= 0) {
            strbuf_printf(sb, "/%d", len);
        } else {
            strbuf_putc(sb, '/');
            pkt_format_ipv4(sb, mask);
        }
    }
}

void
pkt_format_ipv6(struct strbuf *sb, const struct in6_addr *addr)
{
    char text[INET6_ADDRSTRLEN];

    inet_ntop(AF_INET6, addr, text, sizeof text);
    strbuf_puts(sb, text);
}

void
pkt_format_ipv6_masked(struct strbuf *sb, const struct in6_addr *addr,
                       const struct in6_addr *mask)
{
    int len = pkt_ipv6_cidr_len(mask);

    pkt_format_ipv6(sb, addr);
    if (len == 128) {
        return;
    }
    if (len >= 0) {
        strbuf_printf(sb, "/%d", len);
    } else {
        strbuf_putc(sb, '/');
        pkt_format_ipv6(sb, mask);
    }
}
