/* The inside of translation, shared by xlate.c (the pipeline: tables,
 * instructions, the action set), xlate_actions.c (what each action does to
 * the packet and which datapath actions it emits) and xlate_cache.c.
 *
 * Two copies of the key travel through a translation: 'flow', the packet
 * as the pipeline sees it now, and 'dirty', the bits of 'flow' that
 * actions rewrote since the datapath was last told (a mask shaped like the
 * key).  xlate_commit() emits one masked SET_FIELD per datapath field
 * with dirty bits and clears them; it runs before anything that lets the
 * packet leave or changes its shape (output, controller, clone, push and
 * pop), so the datapath always applies rewrites in OpenFlow's order.
 *
 * Thread-safety: a context belongs to one translation on one thread. */
#ifndef PONT_XLATE_PRIVATE_H
#define PONT_XLATE_PRIVATE_H 1

#include <stdbool.h>
#include <stdint.h>

#include "lib/flow.h"
#include "ofproto/ofp_actions.h"
#include "ofproto/xlate.h"

struct ofgroup;
struct ofport;
struct ofproto;
struct rule;

/* Bounds on work per packet (loops through goto_table cannot happen, but
 * groups can chain and packet-outs can resubmit to OFPP_TABLE). */
#define XLATE_MAX_DEPTH 64
#define XLATE_MAX_ACTIONS_BYTES 65000

struct xlate_ctx {
    const struct xlate_in *xin;
    struct ofproto *ofproto;
    struct xlate_out *out;

    struct flow_key flow;   /* The packet now; in_port is OpenFlow's. */
    struct flow_mask dirty; /* Bits of 'flow' not yet in the datapath. */
    uint32_t dp_in_port;    /* The datapath's number of the in_port. */
    uint64_t version;           /* Of the flow tables. */

    /* Where the pipeline is, for packet-ins and traces. */
    uint8_t table_id;
    const struct rule *rule; /* Matched in 'table_id', or NULL. */
    int depth;               /* Of nested groups and resubmits. */

    /* The action set (OpenFlow 1.3 section 5.10): the latest action of
     * each type that write_actions gave. */
    struct ofp_actions action_set;

    bool halted; /* The packet is dropped: stop. */
    int error;   /* First error, -ELOOP or -E2BIG. */
};

/* xlate.c */
void xlate_trace(struct xlate_ctx *, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Runs the pipeline from table 'table_id' (OFPP_TABLE in a packet-out). */
void xlate_table(struct xlate_ctx *, uint8_t table_id);
/* True if the packet's processing is over (dropped or failed). */
bool xlate_stopped(struct xlate_ctx *);

/* xlate_actions.c */
void xlate_actions(struct xlate_ctx *, const struct ofp_actions *);
void xlate_commit(struct xlate_ctx *);
void xlate_group(struct xlate_ctx *, uint32_t group_id);
void xlate_output(struct xlate_ctx *, uint32_t port, uint16_t max_len);
void xlate_output_port(struct xlate_ctx *, uint32_t ofp_port);
void xlate_flood(struct xlate_ctx *);
void xlate_controller(struct xlate_ctx *, uint8_t reason, uint16_t max_len);
void xlate_meter(struct xlate_ctx *, uint32_t meter_id);

/* xlate_tunnel.c: tunnel ports (tunnel.h).  xlate_tunnel_ingress()
 * handles a packet that came in on a tunnel's uplink for the tunnel
 * itself and returns true, or returns false for the pipeline to run. */
bool xlate_tunnel_ingress(struct xlate_ctx *);
void xlate_tunnel_output(struct xlate_ctx *, const struct ofport *tnl);

/* xlate_normal.c */
void xlate_normal(struct xlate_ctx *);

/* xlate_cache.c: recording, for xlate_cache_credit(). */
void xlate_cache_add_rule(struct xlate_cache *, struct rule *);
void xlate_cache_add_table(struct xlate_cache *, uint8_t table_id,
                           bool matched);
void xlate_cache_add_group(struct xlate_cache *, uint32_t group_id);
void xlate_cache_add_bucket(struct xlate_cache *, uint32_t group_id,
                            uint32_t bucket);
void xlate_cache_add_mac(struct xlate_cache *, uint16_t vlan,
                         const struct eth_addr *, uint32_t port);

#endif /* ofproto/xlate_private.h */
