/* Parsing OpenFlow connection targets ("tcp:10.0.0.1:6653", "ptcp:6653",
 * "unix:PATH", "punix:PATH") into socket addresses. */
#include "ofproto/ofp_target.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_wire.h"

#define ACTIVE_USAGE "use tcp:IP[:PORT] or unix:PATH"
#define PASSIVE_USAGE "use ptcp:[PORT][:IP] or punix:PATH"

static int fail(char **error, int retval, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char **error, int retval, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(&sb, fmt, args);
    va_end(args);
    *error = strbuf_steal(&sb);
    return retval;
}

/* Parses 'len' bytes at 's' as a decimal port of at least 'min'. */
static int
parse_port(const char *s, size_t len, int min, int *port, char **error)
{
    int value = 0;

    for (size_t i = 0; i < len && value <= 65535; i++) {
        if (s[i] < '0' || s[i] > '9') {
            value = -1;
            break;
        }
        value = value * 10 + (s[i] - '0');
    }
    if (!len || value < min || value > 65535) {
        return fail(error, -EINVAL,
                    "invalid target: the port must be a number from %d to "
                    "65535, not '%.*s'",
                    min, (int) len, s);
    }
    *port = value;
    return 0;
}

/* Parses 'len' bytes at 's' as a numeric IPv4 or IPv6 address (without
 * brackets) with 'port' into 't->addr'. */
static int
parse_ip(const char *s, size_t len, int port, struct ofp_target *t,
         char **error)
{
    struct sockaddr_in *sin = (struct sockaddr_in *) &t->addr;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &t->addr;
    char ip[INET6_ADDRSTRLEN];

    if (len < sizeof ip) {
        memcpy(ip, s, len);
        ip[len] = '\0';
        if (inet_pton(AF_INET, ip, &sin->sin_addr) == 1) {
            sin->sin_family = AF_INET;
            sin->sin_port = htons(port);
            t->addr_len = sizeof *sin;
            return 0;
        }
        if (inet_pton(AF_INET6, ip, &sin6->sin6_addr) == 1) {
            sin6->sin6_family = AF_INET6;
            sin6->sin6_port = htons(port);
            t->addr_len = sizeof *sin6;
            return 0;
        }
    }
    return fail(error, -EINVAL,
                "invalid target: the address must be a numeric IP address "
                "(10.0.0.1, or [::1] for IPv6; host names are not looked "
                "up), not '%.*s'",
                (int) len, s);
}

/* "IP[:PORT]", with an IPv6 address in brackets. */
static int
parse_tcp(const char *s, struct ofp_target *t, char **error)
{
    const char *host = s, *port_s = NULL;
    size_t host_len;
    int port = OFP_TCP_PORT;

    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end) {
            return fail(error, -EINVAL,
                        "invalid target: missing ']' after the IPv6 "
                        "address '%s'",
                        s + 1);
        }
        host = s + 1;
        host_len = end - host;
        if (end[1] == ':') {
            port_s = end + 2;
        } else if (end[1]) {
            return fail(error, -EINVAL,
                        "invalid target: expected ':PORT' after '%.*s', "
                        "not '%s'",
                        (int) (end + 1 - s), s, end + 1);
        }
    } else {
        const char *colon = strchr(s, ':');
        if (colon && strchr(colon + 1, ':')) {
            return fail(error, -EINVAL,
                        "invalid target: write an IPv6 address in brackets, "
                        "as in tcp:[%s]:%d",
                        s, OFP_TCP_PORT);
        }
        host_len = colon ? (size_t) (colon - s) : strlen(s);
        port_s = colon ? colon + 1 : NULL;
    }
    if (port_s && parse_port(port_s, strlen(port_s), 1, &port, error)) {
        return -EINVAL;
    }
    return parse_ip(host, host_len, port, t, error);
}

/* "[PORT][:IP]": everything after the first colon is the address, so that
 * an IPv6 address needs no brackets (but may have them). */
static int
parse_ptcp(const char *s, struct ofp_target *t, char **error)
{
    const char *colon = strchr(s, ':');
    size_t port_len = colon ? (size_t) (colon - s) : strlen(s);
    const char *ip = colon ? colon + 1 : "0.0.0.0";
    size_t ip_len = strlen(ip);
    int port = OFP_TCP_PORT;

    if (port_len && parse_port(s, port_len, 0, &port, error)) {
        return -EINVAL;
    }
    if (ip_len >= 2 && ip[0] == '[' && ip[ip_len - 1] == ']') {
        ip++;
        ip_len -= 2;
    }
    return parse_ip(ip, ip_len, port, t, error);
}

static int
parse_unix(const char *path, const char *prefix, struct ofp_target *t,
           char **error)
{
    struct sockaddr_un *sun = (struct sockaddr_un *) &t->addr;
    size_t len = strlen(path);

    if (!len) {
        return fail(error, -EINVAL,
                    "invalid target: %s needs a socket path, as in "
                    "%s/run/pont/br0.sock",
                    prefix, prefix);
    }
    if (len >= sizeof sun->sun_path) {
        return fail(error, -ENAMETOOLONG,
                    "invalid target: the unix socket path is %zu bytes "
                    "long; the system allows at most %zu",
                    len, sizeof sun->sun_path - 1);
    }
    sun->sun_family = AF_UNIX;
    memcpy(sun->sun_path, path, len + 1);
    t->addr_len = sizeof *sun;
    snprintf(t->name, sizeof t->name, "%s%s", prefix, path);
    return 0;
}

/* Writes the address of an AF_INET or AF_INET6 'sa' into 'ip', an IPv6
 * one in brackets. */
static void
format_ip(const struct sockaddr *sa, char *ip, size_t size)
{
    char s[INET6_ADDRSTRLEN];

    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, s,
                  sizeof s);
        snprintf(ip, size, "%s", s);
    } else {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, s,
                  sizeof s);
        snprintf(ip, size, "[%s]", s);
    }
}

struct target_prefix {
    const char *prefix;
    enum ofp_target_type type;
    enum ofp_target_role role;
};

static const struct target_prefix prefixes[] = {
    {"tcp:", OFP_TARGET_TCP, OFP_TARGET_ACTIVE},
    {"unix:", OFP_TARGET_UNIX, OFP_TARGET_ACTIVE},
    {"ptcp:", OFP_TARGET_PTCP, OFP_TARGET_PASSIVE},
    {"punix:", OFP_TARGET_PUNIX, OFP_TARGET_PASSIVE},
};

/* Finds the prefix of 'string' and checks that it suits 'role'. */
static const struct target_prefix *
find_prefix(const char *string, enum ofp_target_role role, char **error)
{
    bool active = role == OFP_TARGET_ACTIVE;

    for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
        const struct target_prefix *p = &prefixes[i];
        if (strncmp(string, p->prefix, strlen(p->prefix))) {
            continue;
        }
        if (p->role != role) {
            fail(
                error, -EINVAL,
                active
                    ? "%s targets listen for connections; to "
                      "connect, " ACTIVE_USAGE
                    : "%s targets connect to a peer; to listen, " PASSIVE_USAGE,
                p->prefix);
            return NULL;
        }
        return p;
    }
    fail(error, -EINVAL,
         active ? "unknown target type: " ACTIVE_USAGE
                : "unknown listener type: " PASSIVE_USAGE);
    return NULL;
}

int
ofp_target_parse(const char *string, enum ofp_target_role role,
                 struct ofp_target *t, char **error)
{
    const struct target_prefix *p;
    const char *rest;
    int retval;

    *error = NULL;
    memset(t, 0, sizeof *t);
    p = find_prefix(string, role, error);
    if (!p) {
        return -EINVAL;
    }
    t->type = p->type;
    rest = string + strlen(p->prefix);
    switch (p->type) {
    case OFP_TARGET_TCP:
        retval = parse_tcp(rest, t, error);
        if (!retval) {
            ofp_target_format_addr((struct sockaddr *) &t->addr, t->addr_len,
                                   t->name, sizeof t->name);
        }
        return retval;
    case OFP_TARGET_PTCP:
        retval = parse_ptcp(rest, t, error);
        if (!retval) {
            char ip[INET6_ADDRSTRLEN + 2];
            format_ip((struct sockaddr *) &t->addr, ip, sizeof ip);
            snprintf(t->name, sizeof t->name, "ptcp:%d:%s",
                     ofp_target_addr_port((struct sockaddr *) &t->addr), ip);
        }
        return retval;
    case OFP_TARGET_UNIX:
        return parse_unix(rest, "unix:", t, error);
    case OFP_TARGET_PUNIX:
        return parse_unix(rest, "punix:", t, error);
    }
    return -EINVAL;
}

bool
ofp_target_is_tcp(const struct ofp_target *t)
{
    return t->type == OFP_TARGET_TCP || t->type == OFP_TARGET_PTCP;
}

int
ofp_target_addr_port(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        return ntohs(((const struct sockaddr_in *) sa)->sin_port);
    } else if (sa->sa_family == AF_INET6) {
        return ntohs(((const struct sockaddr_in6 *) sa)->sin6_port);
    }
    return 0;
}

void
ofp_target_format_addr(const struct sockaddr *sa, socklen_t len, char *name,
                       size_t size)
{
    if (sa->sa_family == AF_INET || sa->sa_family == AF_INET6) {
        char ip[INET6_ADDRSTRLEN + 2];
        format_ip(sa, ip, sizeof ip);
        snprintf(name, size, "tcp:%s:%d", ip, ofp_target_addr_port(sa));
    } else if (sa->sa_family == AF_UNIX) {
        const struct sockaddr_un *sun = (const struct sockaddr_un *) sa;
        size_t ofs = offsetof(struct sockaddr_un, sun_path);
        size_t path_len = len > ofs ? strnlen(sun->sun_path, len - ofs) : 0;
        snprintf(name, size, "unix:%.*s", (int) path_len, sun->sun_path);
    } else {
        snprintf(name, size, "(address family %d)", sa->sa_family);
    }
}
