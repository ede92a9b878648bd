/* Test doubles for the group and meter tests: the rest of ofproto
 * (transactions, rules, ports, connections) and the datapath's meters,
 * reduced to what ofproto_group.c and ofproto_meter.c ask of them, so that
 * those modules run alone.
 *
 * Rules are struct rule objects the tests create with gm_rule_add(); they
 * are "visible" until a transaction that removes them commits, like the
 * real tables.  Replies sent on a connection are kept, encoded and decoded
 * again (so that they went through the codec), in gm_last_reply.  The
 * datapath keeps up to GM_MAX_DP_METERS meters and counts the calls. */
#ifndef PONT_OFPROTO_GM_DOUBLES_H
#define PONT_OFPROTO_GM_DOUBLES_H 1

#include <stdbool.h>
#include <stdint.h>

#include "datapath/dpif.h"
#include "ofproto/ofproto_private.h"

#define GM_MAX_DP_METERS 16

struct gm_dp_meter {
    uint32_t id;
    struct dpif_meter_config config;
    struct dpif_meter_stats stats; /* What get_stats answers. */
};

struct gm_dpif {
    bool meters_supported;
    struct gm_dp_meter meters[GM_MAX_DP_METERS];
    size_t n_meters;
    int n_sets, n_dels;
};

extern struct gm_dpif gm_dpif;
extern struct ofp_msg gm_last_reply; /* Kind 0 (HELLO) if none yet. */
extern int gm_n_revalidations;

/* A switch with no ports, groups, meters or rules, on a datapath with
 * meters; gm_port_add() adds a port with the given OFPPS_* state and
 * OFPPC_* config.  gm_reset() frees everything. */
struct ofproto *gm_ofproto_create(void);
void gm_port_add(uint32_t port_no, uint32_t state, uint32_t config);
void gm_reset(struct ofproto *);

/* Commits a rule with 'insts' (copied) into 'ofproto'; returns it. */
struct rule *gm_rule_add(struct ofproto *, const struct ofp_instructions *);
bool gm_rule_visible(const struct rule *);

struct gm_dp_meter *gm_dp_meter_find(uint32_t id);

/* cmocka setup and teardown: '*state' is a switch from
 * gm_ofproto_create(). */
int gm_setup(void **state);
int gm_teardown(void **state);

#endif /* tests/unit/ofproto_gm_doubles.h */
