/* A flow set: the flows and groups the controller wants on one switch, as
 * the compiler (ctl_compile.h) produces them and the southbound
 * (ctl_south.h) installs them.
 *
 * Design
 * ------
 * Flows and groups are kept in ovs-ofctl's text syntax, which Pont's
 * parser reads (ofproto/ofp_text.h): readable in tests and in `pontctl
 * flows HOST`, and exact, since the southbound parses each into OpenFlow
 * before comparing it with what the switch has.
 *
 *   flow:  table, priority, cookie, and 'match' ("in_port=3,dl_src=...",
 *          "" for all) and 'actions' ("write_metadata:0x5,goto_table:1",
 *          "drop") as in `ovs-ofctl add-flow`;
 *   group: id and 'spec' ("type=all,bucket=output:1,bucket=...") as in
 *          `ovs-ofctl add-group` without group_id.
 *
 * A flow is identified by (table, priority, match) and a group by its id:
 * a set never holds two with the same identity.
 *
 * Cookies name the object a flow came from, so that an admin (and the
 * southbound's diff) can tell: the top byte is the kind of object
 * (CTL_COOKIE_*), the rest a hash of its key (ctl_cookie()).
 *
 * Thread-safety: a set belongs to one thread. */
#ifndef PONT_CTL_FLOWSET_H
#define PONT_CTL_FLOWSET_H 1

#include <stddef.h>
#include <stdint.h>

struct strbuf;

enum ctl_cookie_kind {
    CTL_COOKIE_INFRA = 1,   /* The pipeline itself: defaults, tunnels. */
    CTL_COOKIE_NETWORK = 2, /* A network: its segment, flooding. */
    CTL_COOKIE_PORT = 3,    /* A port: security, delivery. */
    CTL_COOKIE_HOST = 4,    /* A remote host: the way to its ports. */
};

struct ctl_flow {
    uint8_t table;
    uint16_t priority;
    uint64_t cookie;
    char *match;   /* Owned. */
    char *actions; /* Owned. */
};

struct ctl_group {
    uint32_t id;
    char *spec; /* Owned. */
};

struct ctl_flowset {
    struct ctl_flow *flows;
    size_t n_flows, allocated_flows;
    struct ctl_group *groups;
    size_t n_groups, allocated_groups;
    /* Private to ctl_flowset.c: a hash index of 'flows' by identity, so
     * that adding N flows costs O(N), not O(N^2).  NULL until needed. */
    struct ctl_flowset_index *index;
};

void ctl_flowset_init(struct ctl_flowset *);
void ctl_flowset_uninit(struct ctl_flowset *);

/* Adds a flow (the match and actions formatted as printf does).  A flow
 * with the same identity replaces the previous one. */
void ctl_flowset_add_flow(struct ctl_flowset *, uint8_t table,
                          uint16_t priority, uint64_t cookie, const char *match,
                          const char *actions_fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Adds a group; one with the same id replaces the previous one. */
void ctl_flowset_add_group(struct ctl_flowset *, uint32_t id, const char *spec);

/* Sorts flows by table, then priority (highest first), then match, and
 * groups by id, so that equal sets print equally. */
void ctl_flowset_sort(struct ctl_flowset *);

/* Appends the set as `ovs-ofctl add-groups` lines ("group_id=N,SPEC") then
 * `ovs-ofctl add-flows` lines ("table=T,priority=P,cookie=0xC,MATCH,
 * actions=A"), one per line, in sorted order. */
void ctl_flowset_format(const struct ctl_flowset *, struct strbuf *);

/* The cookie of an object of 'kind' whose key is 'key' (for example
 * "acme/web1"): the kind in the top byte, a 56-bit hash of the key below. */
uint64_t ctl_cookie(enum ctl_cookie_kind kind, const char *key);

#endif /* controller/ctl_flowset.h */
