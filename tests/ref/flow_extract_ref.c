/* A deliberately simple reference for lib/flow_extract.c.
 *
 * Same semantics, different structure: every read goes through byte_at(),
 * which returns 0 past the end, so this code needs no care to stay in
 * bounds; headers are addressed by absolute offsets; each protocol check is
 * spelled out once, in the order the specification of flow_extract.h gives.
 * It is slow on purpose (a bounds check per byte).  The fuzzer compares the
 * real parser against it on every input, and the benchmark reports both. */
#include "tests/ref/flow_extract_ref.h"

#include <string.h>

#include "lib/flow.h"

struct pkt {
    const uint8_t *data;
    size_t size;
};

static uint32_t
byte_at(const struct pkt *p, size_t ofs)
{
    return ofs < p->size ? p->data[ofs] : 0;
}

static uint32_t
u16_at(const struct pkt *p, size_t ofs)
{
    return byte_at(p, ofs) << 8 | byte_at(p, ofs + 1);
}

static uint32_t
u32_at(const struct pkt *p, size_t ofs)
{
    return u16_at(p, ofs) << 16 | u16_at(p, ofs + 2);
}

static void
copy_at(const struct pkt *p, size_t ofs, void *dst, size_t n)
{
    uint8_t *d = dst;
    for (size_t i = 0; i < n; i++) {
        d[i] = byte_at(p, ofs + i);
    }
}

static void
ref_transport(const struct pkt *p, size_t ofs, size_t end, struct flow_key *k)
{
    size_t avail = end - ofs;
    uint8_t proto = k->nw_proto;

    if (proto == 6 && avail >= 20) {
        size_t hlen = (byte_at(p, ofs + 12) >> 4) * 4;
        if (hlen >= 20 && hlen <= avail) {
            k->tp_src = htons(u16_at(p, ofs));
            k->tp_dst = htons(u16_at(p, ofs + 2));
            k->tcp_flags = htons(u16_at(p, ofs + 12) & 0xfff);
        }
    } else if ((proto == 17 && avail >= 8) || (proto == 132 && avail >= 12)) {
        k->tp_src = htons(u16_at(p, ofs));
        k->tp_dst = htons(u16_at(p, ofs + 2));
    } else if ((proto == 1 || proto == 2 || proto == 58) && avail >= 8) {
        uint32_t type = byte_at(p, ofs), code = byte_at(p, ofs + 1);
        k->tp_src = htons(type);
        k->tp_dst = htons(code);
        if (proto == 58 && code == 0 && (type == 135 || type == 136)
            && avail >= 24) {
            uint8_t lla[2][6] = {{0}};
            static const uint8_t zero[6];
            size_t o = ofs + 24;
            while (end - o >= 8) {
                uint32_t t = byte_at(p, o), len = byte_at(p, o + 1) * 8;
                if (len == 0 || len > end - o) {
                    break;
                }
                if ((t == 1 || t == 2) && len == 8) {
                    if (memcmp(lla[t - 1], zero, 6)) {
                        return; /* Duplicate option: all zero. */
                    }
                    copy_at(p, o + 2, lla[t - 1], 6);
                }
                o += len;
            }
            copy_at(p, ofs + 8, &k->nd_target, 16);
            memcpy(&k->arp_sha, lla[0], 6);
            memcpy(&k->arp_tha, lla[1], 6);
        }
    }
}

/* Returns the offset past the IPv4 header, 0 if it is invalid; '*end' gets
 * the end of the datagram. */
static size_t
ref_ipv4(const struct pkt *p, size_t ofs, size_t *end, struct flow_key *k)
{
    size_t avail = p->size - ofs;
    size_t ihl = (byte_at(p, ofs) & 15) * 4;
    size_t tot = u16_at(p, ofs + 2);
    uint32_t frag = u16_at(p, ofs + 6);

    if (avail < 20 || ihl < 20 || ihl > avail || tot > avail || ihl > tot) {
        return 0;
    }
    k->nw_tos = byte_at(p, ofs + 1);
    k->nw_ttl = byte_at(p, ofs + 8);
    k->nw_proto = byte_at(p, ofs + 9);
    k->nw_src = htonl(u32_at(p, ofs + 12));
    k->nw_dst = htonl(u32_at(p, ofs + 16));
    k->nw_frag = (frag & 0x3fff) ? 1 : 0;
    k->nw_frag |= (frag & 0x1fff) ? 2 : 0;
    *end = ofs + tot;
    return ofs + ihl;
}

static size_t
ref_ipv6(const struct pkt *p, size_t ofs, size_t *end, struct flow_key *k)
{
    size_t avail = p->size - ofs;
    size_t plen = u16_at(p, ofs + 4);
    uint32_t nxt = byte_at(p, ofs + 6);
    uint8_t frag = 0;
    size_t o = ofs + 40;

    if (avail < 40 || plen + 40 > avail) {
        return 0;
    }
    copy_at(p, ofs + 8, &k->ipv6_src, 16);
    copy_at(p, ofs + 24, &k->ipv6_dst, 16);
    *end = o + plen;
    while (nxt == 0 || nxt == 43 || nxt == 60 || nxt == 51 || nxt == 44) {
        size_t len;
        if (*end - o < 8) {
            return 0;
        }
        if (nxt == 44) {
            uint32_t offlg = u16_at(p, o + 2);
            nxt = byte_at(p, o);
            o += 8;
            if (offlg) {
                frag = 1;
            }
            if (offlg & 0xfff8) {
                frag = 3;
                nxt = 44;
                break;
            }
            continue;
        }
        len = nxt == 51 ? (byte_at(p, o + 1) + 2) * 4
                        : (byte_at(p, o + 1) + 1) * 8;
        nxt = byte_at(p, o);
        if (len > *end - o) {
            return 0;
        }
        o += len;
    }
    k->ipv6_label = htonl(u32_at(p, ofs) & 0xfffff);
    k->nw_tos = (u32_at(p, ofs) >> 20) & 0xff;
    k->nw_ttl = byte_at(p, ofs + 7);
    k->nw_proto = nxt;
    k->nw_frag = frag;
    return o;
}

static void
ref_arp(const struct pkt *p, size_t ofs, struct flow_key *k)
{
    if (p->size - ofs < 28 || u16_at(p, ofs) != 1
        || u16_at(p, ofs + 2) != 0x0800 || byte_at(p, ofs + 4) != 6
        || byte_at(p, ofs + 5) != 4) {
        return;
    }
    k->nw_src = htonl(u32_at(p, ofs + 14));
    k->nw_dst = htonl(u32_at(p, ofs + 24));
    if (u16_at(p, ofs + 6) < 256) {
        k->nw_proto = u16_at(p, ofs + 6);
    }
    copy_at(p, ofs + 8, &k->arp_sha, 6);
    copy_at(p, ofs + 18, &k->arp_tha, 6);
}

void
flow_extract_ref(const void *data, size_t size, uint32_t in_port,
                 struct flow_key *k)
{
    struct pkt p = {data, size};
    size_t ofs = 12, end = 0, l4;
    uint32_t type;

    memset(k, 0, sizeof *k);
    k->in_port = in_port;
    if (size < 14) {
        return;
    }
    copy_at(&p, 0, &k->dl_dst, 6);
    copy_at(&p, 6, &k->dl_src, 6);
    for (int n = 0; n < 2; n++) {
        uint32_t tpid = u16_at(&p, ofs);
        if ((tpid != 0x8100 && tpid != 0x88a8) || size - ofs < 6) {
            break;
        }
        k->vlans[n].tpid = htons(tpid);
        k->vlans[n].tci = htons(u16_at(&p, ofs + 2) | 0x1000);
        ofs += 4;
    }
    type = u16_at(&p, ofs);
    ofs += 2;
    if (type < 0x600) {
        static const uint8_t snap[6] = {0xaa, 0xaa, 3, 0, 0, 0};
        uint8_t hdr[6];
        copy_at(&p, ofs, hdr, 6);
        type = 0x5ff;
        if (size - ofs >= 8 && !memcmp(hdr, snap, 6)) {
            type = u16_at(&p, ofs + 6) >= 0x600 ? u16_at(&p, ofs + 6) : 0x5ff;
            ofs += 8;
        }
    }
    k->dl_type = htons(type);

    if (type == 0x8847 || type == 0x8848) {
        for (int n = 0; size - ofs >= 4; n++, ofs += 4) {
            if (n < 3) {
                k->mpls_lse[n] = htonl(u32_at(&p, ofs));
            }
            if (u32_at(&p, ofs) & 0x100) {
                break;
            }
        }
    } else if (type == 0x0806 || type == 0x8035) {
        ref_arp(&p, ofs, k);
    } else if (type == 0x0800 || type == 0x86dd) {
        l4 = type == 0x0800 ? ref_ipv4(&p, ofs, &end, k)
                            : ref_ipv6(&p, ofs, &end, k);
        if (l4 && !(k->nw_frag & 2)) {
            ref_transport(&p, l4, end, k);
        }
    }
}
