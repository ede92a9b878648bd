/* Datapath actions: the text form (see dp_actions.h for the syntax). */
#include "datapath/dp_actions.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/packets.h"
#include "lib/strbuf.h"

/* Printing. */

static bool
mask_is_whole(enum dp_field field, const uint8_t *mask)
{
    uint8_t valid[DP_FIELD_MAX_WIDTH];

    dp_field_valid_bits(field, valid);
    return !memcmp(mask, valid, dp_field_width(field));
}

/* Appends one value of 'field' ('value' or a mask) in the form of its kind;
 * numbers in hexadecimal if 'hex'. */
static void
format_value(struct strbuf *sb, enum dp_field field, const uint8_t *value,
             bool hex)
{
    size_t width = dp_field_width(field);
    struct in6_addr ip6;

    switch (dp_field_kind(field)) {
    case DP_FIELD_KIND_ETH:
        pkt_format_eth(sb, (const struct eth_addr *) value);
        break;
    case DP_FIELD_KIND_IPV4:
        pkt_format_ipv4(sb, pkt_get_be32(value));
        break;
    case DP_FIELD_KIND_IPV6:
        memcpy(&ip6, value, sizeof ip6);
        pkt_format_ipv6(sb, &ip6);
        break;
    case DP_FIELD_KIND_DEC:
    case DP_FIELD_KIND_HEX:
        strbuf_printf(sb, hex ? "%#llx" : "%llu",
                      (unsigned long long) buf_get_uint_be(value, width));
        break;
    }
}

static void
format_set_field(struct strbuf *sb, const struct dp_action *a)
{
    enum dp_field field = a->set_field.field;
    bool whole = mask_is_whole(field, a->set_field.mask);
    bool hex = dp_field_kind(field) == DP_FIELD_KIND_HEX || !whole;

    strbuf_printf(sb, "set(%s=", dp_field_name(field));
    format_value(sb, field, a->set_field.value, hex);
    if (!whole) {
        strbuf_putc(sb, '/');
        format_value(sb, field, a->set_field.mask, true);
    }
    strbuf_putc(sb, ')');
}

static void
format_push_vlan(struct strbuf *sb, const struct dp_action *a)
{
    uint16_t tci = ntohs(a->push_vlan.tci);

    strbuf_puts(sb, "push_vlan(");
    if (a->push_vlan.tpid != htons(PKT_ETH_TYPE_VLAN)) {
        strbuf_printf(sb, "tpid=%#06x,", ntohs(a->push_vlan.tpid));
    }
    strbuf_printf(sb, "vid=%u,pcp=%u)", tci & PKT_VLAN_VID_MASK,
                  tci >> PKT_VLAN_PCP_SHIFT);
}

static void
format_push_mpls(struct strbuf *sb, const struct dp_action *a)
{
    uint32_t lse = ntohl(a->push_mpls.lse);

    strbuf_printf(sb, "push_mpls(label=%u,tc=%u,ttl=%u,bos=%u,eth_type=%#x)",
                  lse >> PKT_MPLS_LABEL_SHIFT,
                  (lse & PKT_MPLS_TC_MASK) >> PKT_MPLS_TC_SHIFT,
                  lse & PKT_MPLS_TTL_MASK,
                  (lse & PKT_MPLS_BOS_MASK) >> PKT_MPLS_BOS_SHIFT,
                  ntohs(a->push_mpls.ethertype));
}

static void
format_userspace(struct strbuf *sb, const struct dp_action *a)
{
    strbuf_puts(sb, "userspace(");
    if (a->userspace.n) {
        strbuf_puts(sb, "cookie=0x");
        for (size_t i = 0; i < a->userspace.n; i++) {
            strbuf_printf(sb, "%02x", a->userspace.cookie[i]);
        }
    }
    strbuf_putc(sb, ')');
}

static void
format_tunnel_push(struct strbuf *sb, const struct dp_action *a)
{
    const struct dp_tunnel_header *h = &a->tunnel_push;

    strbuf_puts(sb, "tnl_push(type=vxlan,eth_dst=");
    pkt_format_eth(sb, &h->eth_dst);
    strbuf_puts(sb, ",eth_src=");
    pkt_format_eth(sb, &h->eth_src);
    strbuf_puts(sb, ",ipv4_src=");
    pkt_format_ipv4(sb, h->ip_src);
    strbuf_puts(sb, ",ipv4_dst=");
    pkt_format_ipv4(sb, h->ip_dst);
    strbuf_printf(sb, ",tos=%u,ttl=%u,df=%d,udp_dst=%u,vni=%u)", h->tos, h->ttl,
                  h->df, ntohs(h->udp_dst), h->vni);
}

static void format_list(struct strbuf *, const uint8_t *base,
                        const uint8_t *actions, size_t len, int depth);

static void
format_action(struct strbuf *sb, const uint8_t *base, const struct dp_action *a,
              int depth)
{
    switch (a->type) {
    case DP_ACTION_OUTPUT:
        strbuf_printf(sb, "output:%u", a->port_no);
        break;
    case DP_ACTION_PUSH_VLAN:
        format_push_vlan(sb, a);
        break;
    case DP_ACTION_POP_VLAN:
        strbuf_puts(sb, "pop_vlan");
        break;
    case DP_ACTION_PUSH_MPLS:
        format_push_mpls(sb, a);
        break;
    case DP_ACTION_POP_MPLS:
        strbuf_printf(sb, "pop_mpls(eth_type=%#x)",
                      ntohs(a->pop_mpls.ethertype));
        break;
    case DP_ACTION_SET_FIELD:
        format_set_field(sb, a);
        break;
    case DP_ACTION_SET_QUEUE:
        strbuf_printf(sb, "set_queue(%u)", a->queue_id);
        break;
    case DP_ACTION_METER:
        strbuf_printf(sb, "meter(%u)", a->meter_id);
        break;
    case DP_ACTION_USERSPACE:
        format_userspace(sb, a);
        break;
    case DP_ACTION_TRUNC:
        strbuf_printf(sb, "trunc(%u)", a->max_len);
        break;
    case DP_ACTION_TUNNEL_PUSH:
        format_tunnel_push(sb, a);
        break;
    case DP_ACTION_TUNNEL_POP:
        strbuf_printf(sb, "tnl_pop(%u)", a->port_no);
        break;
    case DP_ACTION_CLONE:
        strbuf_puts(sb, "clone(");
        format_list(sb, base, a->clone.actions, a->clone.len, depth + 1);
        strbuf_putc(sb, ')');
        break;
    }
}

static void
format_list(struct strbuf *sb, const uint8_t *base, const uint8_t *actions,
            size_t len, int depth)
{
    struct dp_actions_cursor c;
    struct dp_action a;
    bool first = true;

    if (!len) {
        strbuf_puts(sb, "drop");
        return;
    }
    dp_actions_cursor_init(&c, actions, len);
    while (c.left) {
        size_t offset = (size_t) (c.p - base);

        if (!first) {
            strbuf_putc(sb, ',');
        }
        first = false;
        if (!dp_actions_next(&c, &a)
            || (a.type == DP_ACTION_CLONE && depth >= DP_ACTIONS_MAX_NESTING)) {
            strbuf_printf(sb, "invalid(offset=%zu)", offset);
            return;
        }
        format_action(sb, base, &a, depth);
    }
}

void
dp_actions_format(struct strbuf *sb, const void *actions, size_t len)
{
    format_list(sb, actions, actions, len, 0);
}

/* Parsing. */

struct parser {
    const char *p; /* Next character to read. */
    char **errorp;
};

static int parse_error(struct parser *, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static int
parse_error(struct parser *ps, const char *format, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, format);
    strbuf_vprintf(&sb, format, args);
    va_end(args);
    *ps->errorp = strbuf_steal(&sb);
    return -EINVAL;
}

/* Parses all of 's' as an unsigned number, decimal or 0x-prefixed
 * hexadecimal, of at most 'max'.  Returns false if it is not one. */
static bool
parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    unsigned long long v = 0;
    int base = hex ? 16 : 10;
    const char *p = hex ? s + 2 : s;

    if (!*p) {
        return false;
    }
    for (; *p; p++) {
        int digit;

        if (isdigit((unsigned char) *p)) {
            digit = *p - '0';
        } else if (hex && isxdigit((unsigned char) *p)) {
            digit = tolower((unsigned char) *p) - 'a' + 10;
        } else {
            return false;
        }
        if (v > (max - digit) / base) {
            return false;
        }
        v = v * base + digit;
    }
    *out = v;
    return true;
}

static bool
parse_eth(const char *s, uint8_t *out)
{
    unsigned int b[PKT_ETH_ADDR_LEN];
    int n = -1;

    if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &n)
            != PKT_ETH_ADDR_LEN
        || n < 0 || s[n] || strlen(s) != 17) {
        return false;
    }
    for (int i = 0; i < PKT_ETH_ADDR_LEN; i++) {
        out[i] = (uint8_t) b[i];
    }
    return true;
}

/* Stores in the 'width' bytes at 'out' a mask of 'len' leading ones. */
static void
prefix_mask(uint8_t *out, size_t width, unsigned long long len)
{
    for (size_t i = 0; i < width; i++) {
        size_t bits = len > 8 * i ? len - 8 * i : 0;
        out[i] = bits >= 8 ? 0xff : (uint8_t) (0xff00 >> bits);
    }
}

/* Parses one value or mask ('is_mask') of 'field' into 'out'. */
static bool
parse_value(enum dp_field field, const char *s, bool is_mask, uint8_t *out)
{
    size_t width = dp_field_width(field);
    unsigned long long v;

    switch (dp_field_kind(field)) {
    case DP_FIELD_KIND_ETH:
        return parse_eth(s, out);
    case DP_FIELD_KIND_IPV4:
    case DP_FIELD_KIND_IPV6:
        if (is_mask && s[0] != '0' && strspn(s, "0123456789") == strlen(s)
            && parse_number(s, 8 * width, &v)) {
            prefix_mask(out, width, v);
            return true;
        }
        return inet_pton(width == 4 ? AF_INET : AF_INET6, s, out) == 1;
    case DP_FIELD_KIND_DEC:
    case DP_FIELD_KIND_HEX:
        if (!parse_number(s, (1ULL << (8 * width)) - 1, &v)) {
            return false;
        }
        buf_set_uint_be(out, width, v);
        return true;
    }
    return false;
}

static const char *
kind_description(enum dp_field_kind kind)
{
    switch (kind) {
    case DP_FIELD_KIND_ETH:
        return "an Ethernet address like 00:11:22:33:44:55";
    case DP_FIELD_KIND_IPV4:
        return "an IPv4 address like 10.0.0.1";
    case DP_FIELD_KIND_IPV6:
        return "an IPv6 address like 2001:db8::1";
    case DP_FIELD_KIND_DEC:
    case DP_FIELD_KIND_HEX:
        break;
    }
    return "a number that fits the field";
}

/* Checks the bits of a parsed SET_FIELD; returns 0 or an error. */
static int
check_set_field(struct parser *ps, enum dp_field field, const char *text,
                const uint8_t *value, const uint8_t *mask)
{
    uint8_t valid[DP_FIELD_MAX_WIDTH];

    dp_field_valid_bits(field, valid);
    for (size_t i = 0; i < dp_field_width(field); i++) {
        if (mask[i] & ~valid[i]) {
            return parse_error(ps,
                               "set(%s): the mask has bits that %s does not "
                               "have; use only the field's bits",
                               text, dp_field_name(field));
        }
        if (value[i] & ~mask[i]) {
            return parse_error(ps,
                               "set(%s): the value has bits outside the mask; "
                               "clear them or widen the mask",
                               text);
        }
    }
    return 0;
}

/* Parses "FIELD=VALUE[/MASK]", the inside of set(...). */
static int
parse_set_field(struct parser *ps, char *text, struct buf *out)
{
    uint8_t value[DP_FIELD_MAX_WIDTH], mask[DP_FIELD_MAX_WIDTH];
    char *eq = strchr(text, '='), *slash;
    enum dp_field field;
    int id, error;

    if (!eq) {
        return parse_error(ps, "set(%s): expected FIELD=VALUE", text);
    }
    *eq = '\0';
    id = dp_field_from_name(text);
    *eq = '=';
    if (id < 0) {
        return parse_error(ps,
                           "set(%s): unknown field; fields are eth_src, "
                           "eth_dst, vlan_tci, mpls_lse, ipv4_src, ipv4_dst, "
                           "ip_tos, ip_ttl, ipv6_src, ipv6_dst, ipv6_label, "
                           "tp_src, tp_dst, icmp_type, icmp_code, arp_op, "
                           "arp_spa, arp_tpa, arp_sha, arp_tha, nd_target, "
                           "nd_sll and nd_tll",
                           text);
    }
    field = id;
    slash = strchr(eq + 1, '/');
    if (slash) {
        *slash = '\0';
    }
    error = !parse_value(field, eq + 1, false, value)
            || (slash && !parse_value(field, slash + 1, true, mask));
    if (slash) {
        *slash = '/';
    }
    if (error) {
        return parse_error(ps, "set(%s): %s takes %s, optionally /MASK", text,
                           dp_field_name(field),
                           kind_description(dp_field_kind(field)));
    }
    if (!slash) {
        dp_field_valid_bits(field, mask);
    }
    error = check_set_field(ps, field, text, value, mask);
    if (!error) {
        dp_actions_put_set_field(out, field, value, mask);
    }
    return error;
}

/* The arguments of an action, "(KEY=VALUE,...)", split in place. */
#define MAX_ARGS 12
struct args {
    char text[256];
    size_t n;
    char *keys[MAX_ARGS];
    char *values[MAX_ARGS];
    bool used[MAX_ARGS];
};

/* Reads the parenthesized text after action 'name' into 'text'.  Nested
 * parentheses are not allowed (only clone has them, and it does not come
 * here). */
static int
read_parens(struct parser *ps, const char *name, char *text, size_t size)
{
    const char *start, *end;

    if (*ps->p != '(') {
        return parse_error(ps, "%s: expected '(' after the action's name",
                           name);
    }
    start = ps->p + 1;
    end = strpbrk(start, "()");
    if (!end || *end != ')') {
        return parse_error(ps, "%s: missing ')' after the arguments", name);
    }
    if ((size_t) (end - start) >= size) {
        return parse_error(ps, "%s: the arguments are too long", name);
    }
    memcpy(text, start, end - start);
    text[end - start] = '\0';
    ps->p = end + 1;
    return 0;
}

static int
read_args(struct parser *ps, const char *name, struct args *a)
{
    char *save = NULL, *arg;
    int error = read_parens(ps, name, a->text, sizeof a->text);

    a->n = 0;
    if (error) {
        return error;
    }
    for (arg = strtok_r(a->text, ",", &save); arg;
         arg = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(arg, '=');

        if (!eq || a->n >= MAX_ARGS) {
            return parse_error(ps, "%s: expected KEY=VALUE arguments, not %s",
                               name, arg);
        }
        *eq = '\0';
        a->keys[a->n] = arg;
        a->values[a->n] = eq + 1;
        a->used[a->n] = false;
        a->n++;
    }
    return 0;
}

/* Sets '*value' to the value of argument 'key', marking it used, or to
 * NULL if it is absent; an argument given twice is an error. */
static int
find_arg(struct parser *ps, const char *name, struct args *a, const char *key,
         const char **value)
{
    *value = NULL;
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->keys[i], key)) {
            continue;
        }
        if (*value || a->used[i]) {
            return parse_error(ps, "%s: %s is given twice", name, key);
        }
        a->used[i] = true;
        *value = a->values[i];
    }
    return 0;
}

/* Sets '*out' to the number that is the value of argument 'key', at most
 * 'max', or to 'dflt' if the argument is absent and 'dflt' is not -1. */
static int
get_arg(struct parser *ps, const char *name, struct args *a, const char *key,
        unsigned long long max, long long dflt, unsigned long long *out)
{
    const char *value;
    int error = find_arg(ps, name, a, key, &value);

    if (error) {
        return error;
    } else if (value && !parse_number(value, max, out)) {
        return parse_error(ps, "%s: %s=%s is not a number from 0 to %llu", name,
                           key, value, max);
    } else if (!value && dflt < 0) {
        return parse_error(ps, "%s: the argument %s is missing", name, key);
    } else if (!value) {
        *out = (unsigned long long) dflt;
    }
    return 0;
}

/* Parses argument 'key' (which must be there) as a value of 'field''s
 * kind into 'out'. */
static int
get_value_arg(struct parser *ps, const char *name, struct args *a,
              const char *key, enum dp_field field, uint8_t *out)
{
    const char *value;
    int error = find_arg(ps, name, a, key, &value);

    if (error) {
        return error;
    } else if (!value) {
        return parse_error(ps, "%s: the argument %s is missing", name, key);
    } else if (!parse_value(field, value, false, out)) {
        return parse_error(ps, "%s: %s=%s is not %s", name, key, value,
                           kind_description(dp_field_kind(field)));
    }
    return 0;
}

static int
check_all_used(struct parser *ps, const char *name, const struct args *a,
               const char *expected)
{
    for (size_t i = 0; i < a->n; i++) {
        if (!a->used[i]) {
            return parse_error(ps, "%s: unknown argument %s; expected %s", name,
                               a->keys[i], expected);
        }
    }
    return 0;
}

static int
parse_push_vlan(struct parser *ps, struct buf *out)
{
    static const char name[] = "push_vlan";
    unsigned long long tpid, vid, pcp;
    struct args a;
    int error;

    error = read_args(ps, name, &a);
    error = error ? error
                  : get_arg(ps, name, &a, "tpid", UINT16_MAX, PKT_ETH_TYPE_VLAN,
                            &tpid);
    error = error ? error
                  : get_arg(ps, name, &a, "vid", PKT_VLAN_VID_MASK, -1, &vid);
    error = error ? error : get_arg(ps, name, &a, "pcp", 7, 0, &pcp);
    error = error ? error : check_all_used(ps, name, &a, "tpid, vid and pcp");
    if (error) {
        return error;
    }
    if (tpid != PKT_ETH_TYPE_VLAN && tpid != PKT_ETH_TYPE_QINQ) {
        return parse_error(ps, "push_vlan: tpid must be 0x8100 or 0x88a8");
    }
    dp_actions_put_push_vlan(
        out, htons(tpid),
        htons(vid | PKT_VLAN_CFI | pcp << PKT_VLAN_PCP_SHIFT));
    return 0;
}

/* The numeric arguments of tnl_push, each read by get_arg(). */
static int
get_tunnel_numbers(struct parser *ps, const char *name, struct args *a,
                   struct dp_tunnel_header *h)
{
    unsigned long long tos = 0, ttl = 0, df = 0, udp_dst = 0, vni = 0;
    int error;

    error = get_arg(ps, name, a, "tos", 255, 0, &tos);
    error = error ? error : get_arg(ps, name, a, "ttl", 255, 64, &ttl);
    error = error ? error : get_arg(ps, name, a, "df", 1, 1, &df);
    error = error ? error
                  : get_arg(ps, name, a, "udp_dst", UINT16_MAX, DP_VXLAN_PORT,
                            &udp_dst);
    error =
        error ? error : get_arg(ps, name, a, "vni", DP_VXLAN_VNI_MAX, -1, &vni);
    if (!error && !ttl) {
        error = parse_error(ps, "%s: ttl must be at least 1", name);
    }
    h->tos = (uint8_t) tos;
    h->ttl = (uint8_t) ttl;
    h->df = df;
    h->udp_dst = htons((uint16_t) udp_dst);
    h->vni = (uint32_t) vni;
    return error;
}

static int
parse_tunnel_push(struct parser *ps, struct buf *out)
{
    static const char name[] = "tnl_push";
    struct dp_tunnel_header h;
    struct args a;
    int error;

    memset(&h, 0, sizeof h);
    error = read_args(ps, name, &a);
    for (size_t i = 0; !error && i < a.n; i++) {
        if (!strcmp(a.keys[i], "type")) {
            a.used[i] = true;
            if (strcmp(a.values[i], "vxlan")) {
                error = parse_error(ps, "%s: type=%s: the only type is vxlan",
                                    name, a.values[i]);
            }
        }
    }
    error = error ? error
                  : get_value_arg(ps, name, &a, "eth_dst", DP_FIELD_ETH_DST,
                                  h.eth_dst.ea);
    error = error ? error
                  : get_value_arg(ps, name, &a, "eth_src", DP_FIELD_ETH_SRC,
                                  h.eth_src.ea);
    error = error ? error
                  : get_value_arg(ps, name, &a, "ipv4_src", DP_FIELD_IPV4_SRC,
                                  (uint8_t *) &h.ip_src);
    error = error ? error
                  : get_value_arg(ps, name, &a, "ipv4_dst", DP_FIELD_IPV4_DST,
                                  (uint8_t *) &h.ip_dst);
    error = error ? error : get_tunnel_numbers(ps, name, &a, &h);
    error = error ? error
                  : check_all_used(ps, name, &a,
                                   "type, eth_dst, eth_src, ipv4_src, "
                                   "ipv4_dst, tos, ttl, df, udp_dst and vni");
    if (!error) {
        dp_actions_put_tunnel_push(out, &h);
    }
    return error;
}

static int
parse_push_mpls(struct parser *ps, struct buf *out)
{
    static const char name[] = "push_mpls";
    unsigned long long label, tc, ttl, bos, type;
    struct args a;
    int error;

    error = read_args(ps, name, &a);
    error = error ? error
                  : get_arg(ps, name, &a, "label",
                            PKT_MPLS_LABEL_MASK >> PKT_MPLS_LABEL_SHIFT, -1,
                            &label);
    error = error ? error : get_arg(ps, name, &a, "tc", 7, 0, &tc);
    error = error ? error : get_arg(ps, name, &a, "ttl", 255, -1, &ttl);
    error = error ? error : get_arg(ps, name, &a, "bos", 1, -1, &bos);
    error = error ? error
                  : get_arg(ps, name, &a, "eth_type", UINT16_MAX,
                            PKT_ETH_TYPE_MPLS, &type);
    error = error ? error
                  : check_all_used(ps, name, &a,
                                   "label, tc, ttl, bos and eth_type");
    if (error) {
        return error;
    }
    if (type != PKT_ETH_TYPE_MPLS && type != PKT_ETH_TYPE_MPLS_MCAST) {
        return parse_error(ps, "push_mpls: eth_type must be 0x8847 or 0x8848");
    }
    dp_actions_put_push_mpls(out, htons(type),
                             htonl(label << PKT_MPLS_LABEL_SHIFT
                                   | tc << PKT_MPLS_TC_SHIFT
                                   | bos << PKT_MPLS_BOS_SHIFT | ttl));
    return 0;
}

static int
parse_pop_mpls(struct parser *ps, struct buf *out)
{
    static const char name[] = "pop_mpls";
    unsigned long long type;
    struct args a;
    int error;

    error = read_args(ps, name, &a);
    error = error ? error
                  : get_arg(ps, name, &a, "eth_type", UINT16_MAX, -1, &type);
    error = error ? error : check_all_used(ps, name, &a, "eth_type");
    if (error) {
        return error;
    }
    if (type < PKT_ETH_TYPE_MIN) {
        return parse_error(ps, "pop_mpls: eth_type must be an EtherType, at "
                               "least 0x600");
    }
    dp_actions_put_pop_mpls(out, htons(type));
    return 0;
}

static int
parse_userspace(struct parser *ps, struct buf *out)
{
    uint8_t cookie[DP_ACTIONS_COOKIE_MAX];
    char text[8 + 2 * DP_ACTIONS_COOKIE_MAX + 2];
    const char *hex;
    size_t n;
    int error = read_parens(ps, "userspace", text, sizeof text);

    if (error) {
        return error;
    }
    if (!text[0]) {
        return dp_actions_put_userspace(out, NULL, 0);
    }
    hex = text + strlen("cookie=0x");
    n = strlen(hex) / 2;
    if (strncmp(text, "cookie=0x", strlen("cookie=0x")) || strlen(hex) % 2
        || strspn(hex, "0123456789abcdefABCDEF") != strlen(hex)
        || n > DP_ACTIONS_COOKIE_MAX) {
        return parse_error(ps,
                           "userspace(%s): expected cookie=0x followed by an "
                           "even number of hex digits, at most %d bytes",
                           text, DP_ACTIONS_COOKIE_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned int byte;
        sscanf(hex + 2 * i, "%2x", &byte);
        cookie[i] = (uint8_t) byte;
    }
    return dp_actions_put_userspace(out, cookie, n);
}

/* Parses the "(N)" of set_queue, meter and trunc into '*n', at least
 * 'min'. */
static int
parse_u32_arg(struct parser *ps, const char *name, uint32_t min, uint32_t *n)
{
    unsigned long long v;
    char text[32];
    int error = read_parens(ps, name, text, sizeof text);

    if (error) {
        return error;
    }
    if (!parse_number(text, UINT32_MAX, &v) || v < min) {
        return parse_error(ps, "%s(%s): expected a number from %u to %u", name,
                           text, min, UINT32_MAX);
    }
    *n = (uint32_t) v;
    return 0;
}

static int
parse_output(struct parser *ps, struct buf *out)
{
    unsigned long long port;
    char text[32];
    size_t len;

    if (*ps->p != ':') {
        return parse_error(ps, "output: expected output:PORT");
    }
    len = strcspn(ps->p + 1, ",)");
    if (len >= sizeof text) {
        return parse_error(ps, "output: expected output:PORT");
    }
    memcpy(text, ps->p + 1, len);
    text[len] = '\0';
    if (!parse_number(text, UINT32_MAX, &port)) {
        return parse_error(ps,
                           "output:%s: the port must be a number from 0 "
                           "to 4294967295",
                           text);
    }
    ps->p += 1 + len;
    dp_actions_put_output(out, (uint32_t) port);
    return 0;
}

static int parse_list(struct parser *, struct buf *, int depth, char end);

static int
parse_clone(struct parser *ps, struct buf *out, int depth)
{
    size_t start;
    int error;

    if (*ps->p != '(') {
        return parse_error(ps, "clone: expected '(' after the action's name");
    }
    if (depth >= DP_ACTIONS_MAX_NESTING) {
        return parse_error(ps, "clone: clones nest at most %d deep",
                           DP_ACTIONS_MAX_NESTING);
    }
    ps->p++;
    start = dp_actions_start_clone(out);
    error = parse_list(ps, out, depth + 1, ')');
    if (error) {
        return error;
    }
    ps->p++; /* parse_list() stopped at the ')'. */
    if (dp_actions_end_clone(out, start)) {
        return parse_error(ps, "clone: the nested actions are longer than "
                               "65527 bytes; split them");
    }
    return 0;
}

static int
parse_action(struct parser *ps, struct buf *out, int depth)
{
    size_t len = strspn(ps->p, "abcdefghijklmnopqrstuvwxyz_");
    char name[16];
    uint32_t n = 0;
    int error;

    if (!len || len >= sizeof name) {
        return parse_error(ps, "expected an action at \"%s\"", ps->p);
    }
    memcpy(name, ps->p, len);
    name[len] = '\0';
    ps->p += len;
    if (!strcmp(name, "output")) {
        return parse_output(ps, out);
    } else if (!strcmp(name, "push_vlan")) {
        return parse_push_vlan(ps, out);
    } else if (!strcmp(name, "pop_vlan")) {
        dp_actions_put_pop_vlan(out);
        return 0;
    } else if (!strcmp(name, "push_mpls")) {
        return parse_push_mpls(ps, out);
    } else if (!strcmp(name, "pop_mpls")) {
        return parse_pop_mpls(ps, out);
    } else if (!strcmp(name, "set")) {
        struct args a;
        error = read_parens(ps, name, a.text, sizeof a.text);
        return error ? error : parse_set_field(ps, a.text, out);
    } else if (!strcmp(name, "tnl_push")) {
        return parse_tunnel_push(ps, out);
    } else if (!strcmp(name, "set_queue") || !strcmp(name, "meter")
               || !strcmp(name, "trunc") || !strcmp(name, "tnl_pop")) {
        bool trunc = !strcmp(name, "trunc");
        error = parse_u32_arg(ps, name, trunc ? PKT_ETH_HEADER_LEN : 0, &n);
        if (error) {
            return error;
        } else if (trunc) {
            dp_actions_put_trunc(out, n);
        } else if (!strcmp(name, "meter")) {
            dp_actions_put_meter(out, n);
        } else if (!strcmp(name, "tnl_pop")) {
            dp_actions_put_tunnel_pop(out, n);
        } else {
            dp_actions_put_set_queue(out, n);
        }
        return 0;
    } else if (!strcmp(name, "userspace")) {
        return parse_userspace(ps, out);
    } else if (!strcmp(name, "clone")) {
        return parse_clone(ps, out, depth);
    }
    return parse_error(ps,
                       "unknown action %s; actions are output, push_vlan, "
                       "pop_vlan, push_mpls, pop_mpls, set, set_queue, meter, "
                       "userspace, trunc, clone, tnl_push and tnl_pop, or "
                       "drop alone",
                       name);
}

static void
skip_spaces(struct parser *ps)
{
    while (isspace((unsigned char) *ps->p)) {
        ps->p++;
    }
}

/* Parses a list up to (not including) 'end': '\0' for the whole text, ')'
 * for a clone's nested list. */
static int
parse_list(struct parser *ps, struct buf *out, int depth, char end)
{
    skip_spaces(ps);
    if (!strncmp(ps->p, "drop", 4)) {
        const char *after = ps->p + 4;
        while (isspace((unsigned char) *after)) {
            after++;
        }
        if (*after == end) {
            ps->p = after;
            return 0;
        }
    }
    for (;;) {
        int error = parse_action(ps, out, depth);

        if (error) {
            return error;
        }
        skip_spaces(ps);
        if (*ps->p == end) {
            return 0;
        }
        if (!*ps->p) {
            return parse_error(ps, "missing ')' at the end of a clone");
        }
        if (*ps->p != ',') {
            return parse_error(ps, "expected ',' between actions at \"%s\"",
                               ps->p);
        }
        ps->p++;
        skip_spaces(ps);
    }
}

int
dp_actions_parse(const char *s, struct buf *out, char **errorp)
{
    struct parser ps = {s, errorp};
    size_t start = out->size;
    int error;

    *errorp = NULL;
    error = parse_list(&ps, out, 0, '\0');
    if (error) {
        out->size = start;
    }
    return error;
}
