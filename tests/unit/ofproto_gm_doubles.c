/* Test doubles for the group and meter tests.  See ofproto_gm_doubles.h. */
#include "ofproto_gm_doubles.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"

#define GM_MAX_PORTS 8
#define GM_MAX_RULES 64

struct gm_dpif gm_dpif;
struct ofp_msg gm_last_reply;
int gm_n_revalidations;

static struct ofport ports[GM_MAX_PORTS];
static size_t n_ports;

static struct rule *rules[GM_MAX_RULES]; /* Visible ones. */
static size_t n_rules;

/* Switch. */

struct ofproto *
gm_ofproto_create(void)
{
    struct ofproto *ofproto = xzalloc(sizeof *ofproto);

    ofproto->dpif = (struct dpif *) &gm_dpif; /* Never dereferenced. */
    ofproto_groups_init(ofproto);
    ofproto_meters_init(ofproto);
    memset(&gm_dpif, 0, sizeof gm_dpif);
    gm_dpif.meters_supported = true;
    ofp_msg_init(&gm_last_reply, OFPK_HELLO, 0);
    gm_n_revalidations = 0;
    n_ports = 0;
    return ofproto;
}

void
gm_port_add(uint32_t port_no, uint32_t state, uint32_t config)
{
    struct ofport *port;

    if (n_ports == GM_MAX_PORTS) {
        abort();
    }
    port = &ports[n_ports++];
    memset(port, 0, sizeof *port);
    port->pp.port_no = port_no;
    port->pp.state = state;
    port->pp.config = config;
}

static void
rule_free(struct rule *rule)
{
    ofp_instructions_free(&rule->insts);
    free(rule);
}

void
gm_reset(struct ofproto *ofproto)
{
    ofproto_groups_destroy(ofproto);
    ofproto_meters_destroy(ofproto);
    free(ofproto);
    for (size_t i = 0; i < n_rules; i++) {
        rule_free(rules[i]);
    }
    n_rules = 0;
    ofp_msg_uninit(&gm_last_reply);
}

int
gm_setup(void **state)
{
    *state = gm_ofproto_create();
    return 0;
}

int
gm_teardown(void **state)
{
    gm_reset(*state);
    return 0;
}

/* Rules and transactions. */

static void
push_rule(struct rule ***array, size_t *n, struct rule *rule)
{
    *array = xrealloc(*array, (*n + 1) * sizeof **array);
    (*array)[(*n)++] = rule;
}

struct rule *
gm_rule_add(struct ofproto *ofproto, const struct ofp_instructions *insts)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    struct rule *rule = xzalloc(sizeof *rule);

    if (n_rules == GM_MAX_RULES) {
        abort();
    }
    rule->ofproto = ofproto;
    ofp_instructions_clone(&rule->insts, insts);
    push_rule(&txn->added, &txn->n_added, rule);
    rules[n_rules++] = rule;
    ofproto_txn_commit(txn);
    return rule;
}

bool
gm_rule_visible(const struct rule *rule)
{
    for (size_t i = 0; i < n_rules; i++) {
        if (rules[i] == rule) {
            return true;
        }
    }
    return false;
}

struct ofproto_txn *
ofproto_txn_begin(struct ofproto *ofproto)
{
    struct ofproto_txn *txn = xzalloc(sizeof *txn);

    txn->ofproto = ofproto;
    hmap_init(&txn->group_changes);
    hmap_init(&txn->meter_changes);
    return txn;
}

static void
txn_free(struct ofproto_txn *txn)
{
    hmap_destroy(&txn->group_changes);
    hmap_destroy(&txn->meter_changes);
    free(txn->added);
    free(txn->removed);
    free(txn);
}

static bool
txn_removes(const struct ofproto_txn *txn, const struct rule *rule)
{
    for (size_t i = 0; i < txn->n_removed; i++) {
        if (txn->removed[i].rule == rule) {
            return true;
        }
    }
    return false;
}

void
ofproto_txn_commit(struct ofproto_txn *txn)
{
    size_t kept = 0;

    ofproto_groups_commit(txn);
    ofproto_meters_commit(txn);
    for (size_t i = 0; i < n_rules; i++) {
        if (txn_removes(txn, rules[i])) {
            rule_free(rules[i]);
        } else {
            rules[kept++] = rules[i];
        }
    }
    n_rules = kept;
    txn_free(txn);
}

void
ofproto_txn_abort(struct ofproto_txn *txn)
{
    ofproto_groups_abort(txn);
    ofproto_meters_abort(txn);
    txn_free(txn);
}

static bool
actions_use_group(const struct ofp_actions *acts, uint32_t group_id)
{
    for (size_t i = 0; i < acts->n; i++) {
        if (acts->list[i].type == OFPAT_GROUP
            && acts->list[i].group_id == group_id) {
            return true;
        }
    }
    return false;
}

static void
remove_if(struct ofproto_txn *txn, bool (*pred)(const struct rule *, uint32_t),
          uint32_t id, uint8_t reason)
{
    for (size_t i = 0; i < n_rules; i++) {
        if (pred(rules[i], id) && !txn_removes(txn, rules[i])) {
            txn->removed = xrealloc(txn->removed, (txn->n_removed + 1)
                                                      * sizeof *txn->removed);
            txn->removed[txn->n_removed++] =
                (struct txn_removal){rules[i], reason};
        }
    }
}

static bool
rule_uses_group(const struct rule *rule, uint32_t group_id)
{
    return actions_use_group(&rule->insts.apply, group_id)
           || actions_use_group(&rule->insts.write, group_id);
}

static bool
rule_uses_meter(const struct rule *rule, uint32_t meter_id)
{
    return rule->insts.present & OFP_INST_BIT(OFPIT_METER)
           && rule->insts.meter_id == meter_id;
}

void
ofproto_txn_remove_rules_using_group(struct ofproto_txn *txn, uint32_t id)
{
    remove_if(txn, rule_uses_group, id, OFPRR_GROUP_DELETE);
}

void
ofproto_txn_remove_rules_using_meter(struct ofproto_txn *txn, uint32_t id)
{
    remove_if(txn, rule_uses_meter, id, OFPRR_METER_DELETE);
}

void
ofproto_schedule_revalidation(struct ofproto *ofproto)
{
    (void) ofproto;
    gm_n_revalidations++;
}

/* Ports and clocks. */

struct ofport *
ofproto_port_by_ofp(const struct ofproto *ofproto, uint32_t ofp_port)
{
    (void) ofproto;
    for (size_t i = 0; i < n_ports; i++) {
        if (ports[i].pp.port_no == ofp_port) {
            return &ports[i];
        }
    }
    return NULL;
}

long long
ofproto_wall_msec(void)
{
    return 1000000;
}

/* Durations are measured from a clock that stands still at 1000 s, so
 * that a test can tell a kept creation time from a new one. */
void
ofproto_duration(long long since_ms, uint32_t *sec, uint32_t *nsec)
{
    long long elapsed = ofproto_wall_msec() - since_ms;

    *sec = elapsed / 1000;
    *nsec = (elapsed % 1000) * 1000000;
}

/* Connections. */

static void
keep_reply(const struct ofp_msg *reply)
{
    struct buf b;

    buf_init(&b);
    if (ofp_msg_encode(reply, &b)) {
        abort();
    }
    ofp_msg_uninit(&gm_last_reply);
    if (ofp_msg_decode(b.data, b.size, &gm_last_reply)) {
        abort();
    }
    buf_free(&b);
}

void
ofconn_send_reply(struct ofconn *ofconn, const struct ofp_msg *reply)
{
    (void) ofconn;
    keep_reply(reply);
}

void
ofconn_send_multipart(struct ofconn *ofconn, const struct ofp_msg *reply)
{
    (void) ofconn;
    keep_reply(reply);
}

/* The datapath's meters. */

struct gm_dp_meter *
gm_dp_meter_find(uint32_t id)
{
    for (size_t i = 0; i < gm_dpif.n_meters; i++) {
        if (gm_dpif.meters[i].id == id) {
            return &gm_dpif.meters[i];
        }
    }
    return NULL;
}

int
dpif_meter_set(struct dpif *dpif, uint32_t meter_id,
               const struct dpif_meter_config *config)
{
    struct gm_dp_meter *m = gm_dp_meter_find(meter_id);

    (void) dpif;
    if (!gm_dpif.meters_supported) {
        return -EOPNOTSUPP;
    }
    if (!m) {
        if (gm_dpif.n_meters == GM_MAX_DP_METERS) {
            return -ENOMEM;
        }
        m = &gm_dpif.meters[gm_dpif.n_meters++];
        memset(m, 0, sizeof *m);
        m->id = meter_id;
    }
    m->config = *config;
    gm_dpif.n_sets++;
    return 0;
}

int
dpif_meter_del(struct dpif *dpif, uint32_t meter_id)
{
    struct gm_dp_meter *m = gm_dp_meter_find(meter_id);

    (void) dpif;
    if (!m) {
        return -ENOENT;
    }
    *m = gm_dpif.meters[--gm_dpif.n_meters];
    gm_dpif.n_dels++;
    return 0;
}

int
dpif_meter_get_stats(struct dpif *dpif, uint32_t meter_id,
                     struct dpif_meter_stats *stats)
{
    const struct gm_dp_meter *m = gm_dp_meter_find(meter_id);

    (void) dpif;
    if (!gm_dpif.meters_supported) {
        return -EOPNOTSUPP;
    }
    if (!m) {
        return -ENOENT;
    }
    *stats = m->stats;
    return 0;
}
