/* The building blocks the ofp_text_*.c files share: splitting key/value
 * pairs, error messages, numbers, addresses, field values, and port names
 * (by number, reserved name, or the switch's names in a port map). */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_errors.h"

/* Splitting pairs. */

#define PAIR_DELIMITERS ", \t\r\n"

/* Returns the length of the value at 's' that ends at one of 'delims' (or
 * the end of the string) outside parentheses. */
static size_t
value_length(const char *s, const char *delims)
{
    int depth = 0;
    size_t n;

    for (n = 0; s[n]; n++) {
        if (!depth && strchr(delims, s[n])) {
            break;
        } else if (s[n] == '(') {
            depth++;
        } else if (s[n] == ')' && depth) {
            depth--;
        }
    }
    return n;
}

bool
ofp_text_next_pair(char **stringp, char **keyp, char **valuep, char *delimp)
{
    char *s = *stringp + strspn(*stringp, PAIR_DELIMITERS);
    const char *value_delims;
    size_t key_len, value_len;
    char delim;

    if (!*s) {
        *stringp = s;
        return false;
    }
    key_len = strcspn(s, ":=(" PAIR_DELIMITERS);
    delim = s[key_len];
    s[key_len] = '\0';
    *keyp = s;
    if (delimp) {
        *delimp = delim == ':' || delim == '=' || delim == '(' ? delim : '\0';
    }
    s += key_len + (delim != '\0');
    if (delim == ':' || delim == '=') {
        value_delims = PAIR_DELIMITERS;
    } else if (delim == '(') {
        value_delims = ")";
    } else {
        *valuep = *keyp + key_len;
        *stringp = s;
        return true;
    }
    value_len = value_length(s, value_delims);
    *valuep = s;
    *stringp = s + value_len + (s[value_len] != '\0');
    s[value_len] = '\0';
    return true;
}

int
ofp_text_errorf(char **errorp, const char *format, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, format);
    strbuf_vprintf(&sb, format, args);
    va_end(args);
    *errorp = strbuf_steal(&sb);
    return -EINVAL;
}

int
ofp_text_parse_uint(const char *s, int base, uint64_t max, uint64_t *valuep)
{
    unsigned long long v;
    char *end;

    if (!((s[0] >= '0' && s[0] <= '9'))) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoull(s, &end, base);
    if (*end || end == s) {
        return -EINVAL;
    }
    if (errno == ERANGE || v > max) {
        return -ERANGE;
    }
    *valuep = v;
    return 0;
}

/* Addresses and numbers for field values.  Each parses "VALUE[/MASK]" in
 * 's' into 'value' and 'mask' (the mask all-ones when absent). */

static int
hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Six groups of one or two hex digits separated by colons, exactly 'len'
 * characters. */
static bool
parse_eth(const char *s, size_t len, uint8_t ea[6])
{
    const char *end = s + len;

    for (int i = 0; i < 6; i++) {
        int digits = 0, byte = 0;

        while (s < end && digits < 3 && hex_digit(*s) >= 0) {
            byte = byte * 16 + hex_digit(*s++);
            digits++;
        }
        if (!digits || digits > 2 || (i < 5 && (s >= end || *s++ != ':'))) {
            return false;
        }
        ea[i] = byte;
    }
    return s == end;
}

static int
parse_eth_masked(const char *s, uint8_t *value, uint8_t *mask, char **errorp)
{
    const char *slash = strchr(s, '/');
    size_t len = slash ? (size_t) (slash - s) : strlen(s);

    memset(mask, 0xff, 6);
    if (!parse_eth(s, len, value)
        || (slash && !parse_eth(slash + 1, strlen(slash + 1), mask))) {
        return ofp_text_errorf(errorp, "%s: invalid Ethernet address", s);
    }
    return 0;
}

/* Sets the first 'bits' bits of the 'n'-byte 'mask'. */
static void
prefix_mask(uint8_t *mask, size_t n, unsigned int bits)
{
    for (size_t i = 0; i < n; i++) {
        unsigned int b = bits > 8 * i ? bits - 8 * i : 0;
        mask[i] = b >= 8 ? 0xff : (uint8_t) (0xff00 >> b);
    }
}

/* IPv4 (af AF_INET, 4 bytes) or IPv6 (AF_INET6, 16 bytes) with a prefix
 * length or an address as mask. */
static int
parse_ip_masked(int af, const char *s, uint8_t *value, uint8_t *mask,
                char **errorp)
{
    size_t n = af == AF_INET ? 4 : 16;
    const char *kind = af == AF_INET ? "IPv4" : "IPv6";
    const char *bad = af == AF_INET ? "IP" : "IPv6";
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    uint64_t bits;
    int retval = 0;

    if (slash) {
        *slash++ = '\0';
    }
    memset(mask, 0xff, n);
    if (inet_pton(af, copy, value) != 1) {
        retval = ofp_text_errorf(errorp, "%s: invalid %s address", s, bad);
    } else if (!slash || inet_pton(af, slash, mask) == 1) {
        /* A whole address or an address mask. */
    } else if (strchr(slash, af == AF_INET ? '.' : ':')) {
        retval = ofp_text_errorf(errorp, "%s: invalid %s address", s, bad);
    } else if ((slash[0] == '-' || (slash[0] >= '0' && slash[0] <= '9'))
               && ofp_text_parse_uint(slash, 10, 8 * n, &bits)) {
        retval = ofp_text_errorf(errorp,
                                 "%s: %s network prefix bits not between 0 "
                                 "and %zu, inclusive",
                                 s, kind, 8 * n);
    } else if (ofp_text_parse_uint(slash, 10, 8 * n, &bits)) {
        retval = ofp_text_errorf(errorp, "%s: invalid %s address", s, bad);
    } else {
        prefix_mask(mask, n, bits);
    }
    free(copy);
    return retval;
}

/* One number of an 'n'-byte field; 'what' is "value" or "mask". */
static int
parse_number_part(const char *part, const char *whole, const char *name,
                  size_t n, const char *what, uint8_t *out, char **errorp)
{
    uint64_t max = n >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * n)) - 1;
    uint64_t v;
    int retval = ofp_text_parse_uint(part, 0, max, &v);

    if (retval == -ERANGE || (retval && part[0] == '-')) {
        return ofp_text_errorf(errorp, "%s: %s too large for %zu-byte field %s",
                               whole, what, n, name);
    } else if (retval) {
        return ofp_text_errorf(errorp, "%s: bad syntax for %s %s", whole, name,
                               what);
    }
    buf_set_uint_be(out, n, v);
    return 0;
}

int
ofp_text_parse_number_masked(const char *s, const char *name, size_t n,
                             uint8_t *value, uint8_t *mask, char **errorp)
{
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    int retval;

    if (slash) {
        *slash++ = '\0';
    }
    memset(mask, 0xff, n);
    retval = parse_number_part(copy, s, name, n, "value", value, errorp);
    if (!retval && slash) {
        retval = parse_number_part(slash, s, name, n, "mask", mask, errorp);
    }
    free(copy);
    return retval;
}

/* A port takes no mask. */
static int
parse_port_value(const char *s, const char *name,
                 const struct ofp_port_map *map, uint8_t *value, uint8_t *mask,
                 char **errorp)
{
    uint32_t port;

    if (ofp_text_parse_port(s, map, &port)) {
        return ofp_text_errorf(errorp, "%s: invalid or unknown port for %s", s,
                               name);
    }
    buf_set_uint_be(value, 4, port);
    memset(mask, 0xff, 4);
    return 0;
}

static bool
field_is_ipv4(const struct ofp_field *f)
{
    return f->n_bytes == 4 && f->map == OFPM_BYTES && f->id != OFPF_IPV6_FLABEL;
}

int
ofp_text_parse_field_value(const struct ofp_field *f, const char *name,
                           const char *s, const struct ofp_port_map *map,
                           uint8_t *value, uint8_t *mask, bool *has_mask,
                           char **errorp)
{
    int retval;

    *errorp = NULL;
    if (f->id == OFPF_IN_PORT) {
        retval = parse_port_value(s, name, map, value, mask, errorp);
    } else if (f->n_bytes == 6) {
        retval = parse_eth_masked(s, value, mask, errorp);
    } else if (f->n_bytes == 16) {
        retval = parse_ip_masked(AF_INET6, s, value, mask, errorp);
    } else if (field_is_ipv4(f)) {
        retval = parse_ip_masked(AF_INET, s, value, mask, errorp);
    } else {
        retval = ofp_text_parse_number_masked(s, name, f->n_bytes, value, mask,
                                              errorp);
    }
    if (retval) {
        return retval;
    }
    *has_mask = false;
    for (size_t i = 0; i < f->n_bytes; i++) {
        *has_mask |= mask[i] != 0xff;
    }
    return 0;
}

/* Port names. */

struct port_name {
    uint32_t port_no;
    char *name;
    bool ambiguous; /* Given to two different ports. */
};

struct ofp_port_map {
    struct port_name *names;
    size_t n;
};

struct ofp_port_map *
ofp_port_map_create(void)
{
    return xzalloc(sizeof(struct ofp_port_map));
}

void
ofp_port_map_destroy(struct ofp_port_map *map)
{
    if (map) {
        for (size_t i = 0; i < map->n; i++) {
            free(map->names[i].name);
        }
        free(map->names);
        free(map);
    }
}

void
ofp_port_map_add(struct ofp_port_map *map, uint32_t port_no, const char *name)
{
    struct port_name *p;

    for (size_t i = 0; i < map->n; i++) {
        if (!strcmp(map->names[i].name, name)) {
            map->names[i].ambiguous |= map->names[i].port_no != port_no;
            return;
        }
    }
    map->names = xrealloc(map->names, (map->n + 1) * sizeof *map->names);
    p = &map->names[map->n++];
    p->port_no = port_no;
    p->name = xstrdup(name);
    p->ambiguous = false;
}

/* Reserved ports by name, including Open vSwitch's "NONE" for ANY. */
static bool
reserved_port_from_name(const char *s, uint32_t *port)
{
    static const uint32_t reserved[] = {
        OFPP_IN_PORT, OFPP_TABLE,      OFPP_NORMAL, OFPP_FLOOD,
        OFPP_ALL,     OFPP_CONTROLLER, OFPP_LOCAL,  OFPP_ANY,
    };

    for (size_t i = 0; i < ARRAY_SIZE(reserved); i++) {
        if (!strcasecmp(s, flow_port_name(reserved[i]))) {
            *port = reserved[i];
            return true;
        }
    }
    if (!strcasecmp(s, "NONE")) {
        *port = OFPP_ANY;
        return true;
    }
    return false;
}

static bool
port_from_map(const struct ofp_port_map *map, const char *s, size_t len,
              uint32_t *port)
{
    for (size_t i = 0; map && i < map->n; i++) {
        const struct port_name *p = &map->names[i];
        if (strlen(p->name) == len && !memcmp(p->name, s, len)) {
            *port = p->port_no;
            return !p->ambiguous;
        }
    }
    return false;
}

int
ofp_text_parse_port(const char *s, const struct ofp_port_map *map,
                    uint32_t *port)
{
    size_t len = strlen(s);
    uint64_t n;

    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        return port_from_map(map, s + 1, len - 2, port) ? 0 : -ENOENT;
    }
    if (!ofp_text_parse_uint(s, 10, UINT32_MAX, &n)) {
        /* OpenFlow 1.0 numbers of the reserved ports, as in Open vSwitch. */
        *port = n >= 0xfff8 && n <= 0xffff ? (uint32_t) n | 0xffff0000u : n;
        return 0;
    }
    if (reserved_port_from_name(s, port) || port_from_map(map, s, len, port)) {
        return 0;
    }
    return -ENOENT;
}
