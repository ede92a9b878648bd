/* Translation: running the OpenFlow pipeline for a packet and producing
 * the datapath actions and megaflow mask that do the same thing for every
 * packet like it.
 *
 * Design
 * ------
 * xlate() starts from a flow key (a packet's headers and metadata), looks
 * it up in table 0 and follows the instructions of each rule it matches
 * (OpenFlow 1.3 section 5): meters, apply-actions in order, the action set
 * at the end of the pipeline, goto-table, write-metadata, groups.  As it
 * goes it appends datapath actions (datapath/dp_actions.h) and ORs into
 * the megaflow mask every key bit a decision depended on: the classifier's
 * lookups say which bits they examined, and actions that read a field
 * (decrementing a TTL, hashing for a select group, MAC learning) add
 * theirs.  Header rewrites are applied to the working key at once (later
 * lookups see them) but emitted to the datapath only when the packet
 * leaves (output, controller, clone), as one masked set per field.
 *
 * The caller provides the version of the flow tables to run in, and may
 * ask for a trace (a description of each step, for "pont-vsctl trace") and
 * for a cache of what the translation went through (rules, tables, group
 * buckets, learned addresses), which revalidation uses to credit the
 * megaflow's statistics.
 *
 * Thread-safety: xlate() may run on any thread registered with RCU
 * (lib/rcu.h), concurrently with itself; it takes ofproto's xlate_rwlock
 * for reading. */
#ifndef PONT_XLATE_H
#define PONT_XLATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/flow.h"

struct ofp_actions;
struct ofproto;
struct strbuf;
struct xlate_cache;

/* What the datapath hands back in an upcall from a USERSPACE action that
 * translation emitted for OFPP_CONTROLLER: everything a PACKET_IN needs
 * besides the packet.  Host byte order; only ever read by this process. */
#define XLATE_COOKIE_PACKET_IN 1
struct xlate_pin_cookie {
    uint8_t type;   /* XLATE_COOKIE_PACKET_IN. */
    uint8_t reason; /* OFPR_*. */
    uint8_t table_id;
    uint8_t pad;
    uint16_t max_len; /* Of the controller action. */
    uint16_t pad2;
    uint32_t in_port; /* OpenFlow port the packet came in on. */
    uint64_t rule_cookie;
    uint64_t metadata;
    uint64_t tun_id; /* Host order. */
};

/* What the datapath hands back from a USERSPACE action that translation
 * emitted for a tunnel port (tunnel.h): an ARP packet for the tunnel's
 * local IP, or a packet whose next hop's MAC address is not known yet. */
#define XLATE_COOKIE_TUNNEL_ARP 2
#define XLATE_COOKIE_TUNNEL_NEIGH 3
struct xlate_tunnel_cookie {
    uint8_t type; /* XLATE_COOKIE_TUNNEL_*. */
    uint8_t pad[3];
    uint32_t tnl_port; /* OpenFlow port of the tunnel. */
    be32 next_hop;     /* TUNNEL_NEIGH: the address to ask for. */
    uint32_t pad2;
};

#define XLATE_VERSION_CURRENT UINT64_MAX
struct xlate_in {
    struct ofproto *ofproto;
    struct flow_key flow; /* The packet's key. */
    bool dp_in_port;      /* 'flow.in_port' is a datapath port
                           * number (an upcall), not an OpenFlow one. */
    uint64_t version;     /* Of the flow tables. */

    /* NULL: run the pipeline from table 0.  Otherwise run these actions
     * (a packet-out's), as an apply-actions list. */
    const struct ofp_actions *actions;

    bool may_learn;             /* Let NORMAL learn source addresses. */
    struct strbuf *trace;       /* If nonnull, append a description. */
    struct xlate_cache *xcache; /* If nonnull, record for statistics. */
};

struct xlate_out {
    struct buf actions;  /* Datapath actions (empty: drop). */
    struct flow_mask wc; /* Megaflow mask. */
};

void xlate_out_init(struct xlate_out *);
void xlate_out_uninit(struct xlate_out *);

/* Translates.  Returns 0, or a negative errno value (-ELOOP for resubmits
 * or group chains too deep, -E2BIG for too many actions), in which case
 * 'out' says to drop the packet (its mask still valid).  'out' must have
 * been initialized; its previous content is replaced. */
int xlate(const struct xlate_in *, struct xlate_out *);

/* The cache of what a translation went through. */
struct xlate_cache *xlate_cache_create(void);
void xlate_cache_destroy(struct xlate_cache *); /* NULL is fine. */

/* Credits 'n_packets' and 'n_bytes', last seen at monotonic 'used_ms', to
 * every rule, table and group bucket in 'xc', and refreshes the MAC
 * addresses it learned (if they have not moved since).  Main thread. */
void xlate_cache_credit(const struct xlate_cache *, struct ofproto *,
                        uint64_t n_packets, uint64_t n_bytes,
                        long long used_ms);

#endif /* ofproto/xlate.h */
