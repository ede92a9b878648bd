/* OpenFlow connection targets: the strings that name where to connect or
 * listen, parsed into socket addresses.
 *
 * Design
 * ------
 * Every program of Pont names OpenFlow endpoints the way Open vSwitch
 * does, so that the same strings work with both:
 *
 *   active (connect):   tcp:IP[:PORT]     unix:PATH
 *   passive (listen):   ptcp:[PORT][:IP]  punix:PATH
 *
 * PORT defaults to 6653 (OpenFlow's IANA port); a passive PORT of 0 asks
 * the kernel for a free one.  IP is a numeric IPv4 or IPv6 address (no
 * host names: resolving them would block); an IPv6 address is written in
 * brackets where a port may follow it ("tcp:[::1]:6653"), and may be
 * written either way after a passive port ("ptcp:6653:::1" or
 * "ptcp:6653:[::1]").  A passive IP defaults to 0.0.0.0 (every IPv4
 * address).
 *
 * The parser is shared by the blocking client (ofp_conn.c), the
 * non-blocking channels and listeners (ofp_channel.c, ofp_listener.c) and,
 * later, configuration checks, so that all of them accept the same strings
 * and refuse bad ones with the same sentences.
 *
 * Thread-safety: functions touch only their arguments. */
#ifndef PONT_OFP_TARGET_H
#define PONT_OFP_TARGET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

enum ofp_target_type {
    OFP_TARGET_TCP,   /* tcp:IP[:PORT] */
    OFP_TARGET_UNIX,  /* unix:PATH */
    OFP_TARGET_PTCP,  /* ptcp:[PORT][:IP] */
    OFP_TARGET_PUNIX, /* punix:PATH */
};

/* Room for the longest canonical name: "punix:" and a 107-byte path, or
 * "ptcp:65535:" and the longest IPv6 address in brackets. */
#define OFP_TARGET_NAME_MAX 128

struct ofp_target {
    enum ofp_target_type type;
    struct sockaddr_storage addr; /* sockaddr_in, _in6 or _un. */
    socklen_t addr_len;
    char name[OFP_TARGET_NAME_MAX]; /* Canonical: "tcp:10.0.0.1:6653". */
};

/* Which kinds of target a caller accepts. */
enum ofp_target_role {
    OFP_TARGET_ACTIVE,  /* tcp: and unix: */
    OFP_TARGET_PASSIVE, /* ptcp: and punix: */
};

/* Parses 'string' as a target of 'role' into '*target'.  Returns 0, or
 * -EINVAL (or -ENAMETOOLONG for a unix path longer than a socket address
 * holds) with '*error' set to a malloc'd sentence saying what is wrong and
 * what to write instead (the caller frees it); '*error' is NULL on
 * success.  'target' is unspecified on failure. */
int ofp_target_parse(const char *string, enum ofp_target_role role,
                     struct ofp_target *target, char **error);

/* Returns true for OFP_TARGET_TCP and OFP_TARGET_PTCP. */
bool ofp_target_is_tcp(const struct ofp_target *);

/* Writes a socket address as an active target name into 'name' (of 'size'
 * bytes, always NUL-terminated): "tcp:10.0.0.1:6653", "tcp:[::1]:6653", or
 * "unix:PATH" ("unix:" alone for an unnamed socket, such as the client end
 * of a unix connection).  For naming accepted connections in logs. */
void ofp_target_format_addr(const struct sockaddr *, socklen_t len, char *name,
                            size_t size);

/* Returns the port of an AF_INET or AF_INET6 address in host order, or 0
 * for any other family. */
int ofp_target_addr_port(const struct sockaddr *);

#endif /* ofproto/ofp_target.h */
