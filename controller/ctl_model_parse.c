/* The model's text parsers, shared by the REST API and pontctl: names,
 * segments ("vlan:100", "vxlan:5001", "vxlan"), CIDRs, MACs, IPv4
 * addresses and datapath ids.  Every error is a sentence that quotes what
 * was given and says what is expected. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "lib/strbuf.h"

static bool
is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static bool
is_alnum(char c)
{
    return is_name_char(c) && c != '_' && c != '.' && c != '-';
}

bool
ctl_name_is_valid(const char *s)
{
    size_t len = strlen(s);

    if (!len || len > CTL_NAME_MAX || !is_alnum(s[0])) {
        return false;
    }
    for (size_t i = 1; i < len; i++) {
        if (!is_name_char(s[i])) {
            return false;
        }
    }
    return true;
}

int
ctl_parse_name(const char *what, const char *s, char *out, char **errorp)
{
    if (!ctl_name_is_valid(s)) {
        *errorp = xasprintf("%s name \"%.80s\" is invalid: use 1 to %d "
                            "letters, digits, '_', '.' or '-', starting "
                            "with a letter or digit",
                            what, s, CTL_NAME_MAX);
        return -EINVAL;
    }
    memcpy(out, s, strlen(s) + 1);
    return 0;
}

/* Parses a decimal number of 1 to 10 digits, nothing else, into '*value'. */
static bool
parse_u32(const char *s, uint32_t *value)
{
    unsigned long long v = 0;
    size_t i;

    for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 10; i++) {
        v = v * 10 + (unsigned long long) (s[i] - '0');
    }
    if (!i || s[i] || v > UINT32_MAX) {
        return false;
    }
    *value = (uint32_t) v;
    return true;
}

int
ctl_parse_segment(const char *s, enum ctl_segment *seg, uint32_t *id,
                  char **errorp)
{
    uint32_t v;

    if (!strcmp(s, "vxlan")) {
        *seg = CTL_SEG_VXLAN;
        *id = 0;
        return 0;
    }
    if (!strncmp(s, "vlan:", 5)) {
        if (!parse_u32(s + 5, &v) || v < 1 || v > CTL_VLAN_MAX) {
            goto bad_vlan;
        }
        *seg = CTL_SEG_VLAN;
        *id = v;
        return 0;
    }
    if (!strncmp(s, "vxlan:", 6)) {
        if (!parse_u32(s + 6, &v) || v < 1 || v > CTL_VNI_MAX) {
            *errorp = xasprintf("segment \"%.80s\" is invalid: a VXLAN VNI is "
                                "1 to %u (vxlan:VNI), or leave it out "
                                "(vxlan) to have one allocated",
                                s, CTL_VNI_MAX);
            return -EINVAL;
        }
        *seg = CTL_SEG_VXLAN;
        *id = v;
        return 0;
    }
    *errorp = xasprintf("segment \"%.80s\" is invalid: give vlan:ID, "
                        "vxlan:VNI or vxlan",
                        s);
    return -EINVAL;

bad_vlan:
    *errorp = xasprintf("segment \"%.80s\" is invalid: a VLAN id is 1 to %d "
                        "(vlan:ID)",
                        s, CTL_VLAN_MAX);
    return -EINVAL;
}

/* Strict dotted quad: four decimal numbers 0..255, nothing else. */
static bool
parse_ipv4(const char *s, be32 *ip)
{
    struct in_addr a;

    if (inet_pton(AF_INET, s, &a) != 1) {
        return false;
    }
    *ip = a.s_addr;
    return true;
}

int
ctl_parse_ipv4(const char *what, const char *s, be32 *ip, char **errorp)
{
    if (!parse_ipv4(s, ip)) {
        *errorp = xasprintf("%s \"%.80s\" is not an IPv4 address; give one "
                            "like 10.0.1.5",
                            what, s);
        return -EINVAL;
    }
    return 0;
}

int
ctl_parse_cidr(const char *s, be32 *ip, uint8_t *len, char **errorp)
{
    char addr[INET_ADDRSTRLEN];
    const char *slash = strchr(s, '/');
    uint32_t n, mask;
    size_t alen;

    if (!slash || (alen = (size_t) (slash - s)) >= sizeof addr) {
        goto bad;
    }
    memcpy(addr, s, alen);
    addr[alen] = '\0';
    if (!parse_ipv4(addr, ip) || !parse_u32(slash + 1, &n) || n > 32) {
        goto bad;
    }
    mask = n ? UINT32_MAX << (32 - n) : 0;
    if (ntohl(*ip) & ~mask) {
        struct in_addr net = {htonl(ntohl(*ip) & mask)};
        char buf[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &net, buf, sizeof buf);
        *errorp = xasprintf("CIDR \"%.80s\" has host bits set; did you mean "
                            "%s/%" PRIu32 "?",
                            s, buf, n);
        return -EINVAL;
    }
    *len = (uint8_t) n;
    return 0;

bad:
    *errorp = xasprintf("CIDR \"%.80s\" is invalid; give an IPv4 network "
                        "and prefix length, like 10.0.1.0/24",
                        s);
    return -EINVAL;
}

int
ctl_parse_mac(const char *s, struct eth_addr *mac, char **errorp)
{
    unsigned int b[PKT_ETH_ADDR_LEN];
    int n = 0;

    if (strlen(s) != 17
        || sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3],
                  &b[4], &b[5], &n)
               != 6
        || n != 17) {
        *errorp = xasprintf("MAC \"%.80s\" is invalid; give six hex bytes "
                            "separated by colons, like 52:54:00:12:34:56",
                            s);
        return -EINVAL;
    }
    for (int i = 0; i < PKT_ETH_ADDR_LEN; i++) {
        mac->ea[i] = (uint8_t) b[i];
    }
    return 0;
}

int
ctl_parse_iface(const char *s, char *out, char **errorp)
{
    size_t len = strlen(s);
    bool ok = len >= 1 && len <= CTL_IFACE_MAX;

    for (size_t i = 0; ok && i < len; i++) {
        ok = s[i] > ' ' && s[i] < 127 && !strchr("\"',\\", s[i]);
    }
    if (!ok) {
        *errorp = xasprintf("binding key \"%.80s\" is invalid: use 1 to %d "
                            "printable characters without spaces, quotes "
                            "or commas",
                            s, CTL_IFACE_MAX);
        return -EINVAL;
    }
    memcpy(out, s, len + 1);
    return 0;
}

int
ctl_parse_dpid(const char *s, uint64_t *dpid, char **errorp)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; s[i]; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0 || i >= 16) {
            break;
        }
        v = v << 4 | (uint64_t) d;
    }
    if (i != 16 || s[i]) {
        *errorp = xasprintf("datapath id \"%.80s\" is invalid; give 16 hex "
                            "digits, like 0000525400000001",
                            s);
        return -EINVAL;
    }
    *dpid = v;
    return 0;
}

void
ctl_format_mac(const struct eth_addr *mac, char out[CTL_MAC_STRLEN])
{
    snprintf(out, CTL_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x", mac->ea[0],
             mac->ea[1], mac->ea[2], mac->ea[3], mac->ea[4], mac->ea[5]);
}

void
ctl_format_ipv4(be32 ip, char out[CTL_IP_STRLEN])
{
    struct in_addr a = {ip};

    inet_ntop(AF_INET, &a, out, CTL_IP_STRLEN);
}

void
ctl_format_segment(enum ctl_segment seg, uint32_t id,
                   char out[CTL_SEGMENT_STRLEN])
{
    snprintf(out, CTL_SEGMENT_STRLEN, "%s:%" PRIu32,
             seg == CTL_SEG_VLAN ? "vlan" : "vxlan", id);
}
