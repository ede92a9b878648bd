/* Flow tables: transactions, flow_mod semantics (OpenFlow 1.3 section
 * 6.4), timeouts and FLOW_REMOVED.
 *
 * A transaction stages rules in the classifiers in version 'version' + 1:
 * new rules are inserted visible from that version, removed ones hidden
 * from it.  Lookups keep running in the published version until the
 * commit stores the new one.  A rule hidden by a committed transaction
 * may still be in use by a lookup that loaded the old version, so it is
 * unlinked only after an RCU grace period (the 'dead' list). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/rcu.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto_private.h"

/* txn_removal.reason for a rule replaced by another (no FLOW_REMOVED). */
#define REASON_REPLACED 0xff

/* Rules. */

static void
rule_free(void *rule_)
{
    struct rule *rule = rule_;

    ofp_instructions_free(&rule->insts);
    free(rule);
}

void
ofproto_rule_ref(struct rule *rule)
{
    atomic_fetch_add_explicit(&rule->ref_count, 1, memory_order_relaxed);
}

bool
ofproto_rule_try_ref(struct rule *rule)
{
    int count = atomic_load_explicit(&rule->ref_count, memory_order_relaxed);

    while (count > 0) {
        if (atomic_compare_exchange_weak_explicit(
                &rule->ref_count, &count, count + 1, memory_order_relaxed,
                memory_order_relaxed)) {
            return true;
        }
    }
    return false;
}

void
ofproto_rule_unref(struct rule *rule)
{
    if (rule
        && atomic_fetch_sub_explicit(&rule->ref_count, 1, memory_order_acq_rel)
               == 1) {
        /* A lookup that found the rule before it left its classifier may
         * still look at it. */
        rcu_postpone(rule_free, rule);
    }
}

static struct rule *
rule_create(struct ofproto *ofproto, const struct ofp_flow_mod *fm,
            uint8_t table_id)
{
    struct rule *rule = xzalloc(sizeof *rule);
    long long now = ofproto_time_msec();

    cls_rule_init(&rule->cr, &fm->match, fm->priority);
    rule->ofproto = ofproto;
    atomic_init(&rule->ref_count, 1);
    rule->table_id = table_id;
    rule->idle_timeout = fm->idle_timeout;
    rule->hard_timeout = fm->hard_timeout;
    rule->flags = fm->flags;
    rule->cookie = fm->cookie;
    ofp_instructions_clone(&rule->insts, &fm->instructions);
    rule->created_ms = ofproto_wall_msec();
    rule->modified_ms = now;
    rule->used_ms = now;
    return rule;
}

static struct rule *
rule_from_cls(const struct cls_rule *cr)
{
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

static bool
rule_has_timeout(const struct rule *rule)
{
    return rule->idle_timeout || rule->hard_timeout;
}

/* Notes in '*port_ok' and '*group_ok' whether 'actions' output to 'port'
 * or forward to 'group'. */
static void
actions_use(const struct ofp_actions *actions, uint32_t port, uint32_t group,
            bool *port_ok, bool *group_ok)
{
    for (size_t i = 0; i < actions->n; i++) {
        const struct ofp_action *a = &actions->list[i];

        if (a->type == OFPAT_OUTPUT && a->output.port == port) {
            *port_ok = true;
        } else if (a->type == OFPAT_GROUP && a->group_id == group) {
            *group_ok = true;
        }
    }
}

/* OpenFlow 1.3.5 section 7.3.4.2 applies both filters to the flow entry
 * as a whole: the port may be in one instruction, the group in another. */
bool
ofproto_rule_is_selected_by(const struct rule *rule, uint32_t port,
                            uint32_t group)
{
    const struct ofp_instructions *insts = &rule->insts;
    bool port_ok = port == OFPP_ANY, group_ok = group == OFPG_ANY;

    actions_use(&insts->apply, port, group, &port_ok, &group_ok);
    actions_use(&insts->write, port, group, &port_ok, &group_ok);
    return port_ok && group_ok;
}

static bool
cookie_matches(const struct rule *rule, uint64_t cookie, uint64_t mask)
{
    return ((rule->cookie ^ cookie) & mask) == 0;
}

/* Transactions. */

struct ofproto_txn *
ofproto_txn_begin(struct ofproto *ofproto)
{
    struct ofproto_txn *txn = xzalloc(sizeof *txn);

    txn->ofproto = ofproto;
    txn->version =
        atomic_load_explicit(&ofproto->version, memory_order_relaxed) + 1;
    hmap_init(&txn->group_changes);
    hmap_init(&txn->meter_changes);
    return txn;
}

static void
stage_insert(struct ofproto_txn *txn, struct rule *rule)
{
    if (txn->n_added == txn->allocated_added) {
        txn->allocated_added = 2 * txn->allocated_added + 16;
        txn->added =
            xrealloc(txn->added, txn->allocated_added * sizeof *txn->added);
    }
    txn->added[txn->n_added++] = rule;
    cls_insert(&txn->ofproto->tables[rule->table_id].cls, &rule->cr,
               txn->version);
    rule->in_table = true;
    txn->table_delta[rule->table_id]++;
}

static void
stage_hide(struct ofproto_txn *txn, struct rule *rule, uint8_t reason)
{
    if (txn->n_removed == txn->allocated_removed) {
        txn->allocated_removed = 2 * txn->allocated_removed + 16;
        txn->removed = xrealloc(txn->removed,
                                txn->allocated_removed * sizeof *txn->removed);
    }
    txn->removed[txn->n_removed++] = (struct txn_removal){rule, reason};
    cls_rule_hide(&rule->cr, txn->version);
    txn->table_delta[rule->table_id]--;
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

/* Called after a grace period for each rule a commit hid: queues it for
 * the main thread to unlink. */
static void
rule_died(void *rule_)
{
    struct rule *rule = rule_;
    struct ofproto *ofproto = rule->ofproto;

    pthread_mutex_lock(&ofproto->dead_mutex);
    if (ofproto->n_dead == ofproto->allocated_dead) {
        ofproto->allocated_dead = 2 * ofproto->allocated_dead + 64;
        ofproto->dead = xrealloc(ofproto->dead, ofproto->allocated_dead
                                                    * sizeof *ofproto->dead);
    }
    ofproto->dead[ofproto->n_dead++] = rule;
    pthread_mutex_unlock(&ofproto->dead_mutex);
}

static void
unlink_rule(struct ofproto *ofproto, struct rule *rule)
{
    if (rule->in_table) {
        cls_remove(&ofproto->tables[rule->table_id].cls, &rule->cr);
        rule->in_table = false;
        ofproto_rule_unref(rule);
    }
}

void
ofproto_reap_dead_rules(struct ofproto *ofproto)
{
    struct rule **dead;
    size_t n;

    pthread_mutex_lock(&ofproto->dead_mutex);
    dead = ofproto->dead;
    n = ofproto->n_dead;
    ofproto->dead = NULL;
    ofproto->n_dead = ofproto->allocated_dead = 0;
    pthread_mutex_unlock(&ofproto->dead_mutex);

    for (size_t i = 0; i < n; i++) {
        unlink_rule(ofproto, dead[i]);
    }
    free(dead);
}

static void
send_flow_removed(struct ofproto *ofproto, const struct rule *rule,
                  uint8_t reason)
{
    struct ofp_flow_removed fr = {
        .cookie = rule->cookie,
        .priority = rule->cr.priority,
        .reason = reason,
        .table_id = rule->table_id,
        .idle_timeout = rule->idle_timeout,
        .hard_timeout = rule->hard_timeout,
        .packet_count = rule->n_packets,
        .byte_count = rule->n_bytes,
        .match = rule->cr.match,
    };

    ofproto_duration(rule->created_ms, &fr.duration_sec, &fr.duration_nsec);
    connmgr_send_flow_removed(ofproto->connmgr, &fr);
}

void
ofproto_txn_commit(struct ofproto_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;

    pthread_rwlock_wrlock(&ofproto->xlate_rwlock);
    ofproto_groups_commit(txn);
    ofproto_meters_commit(txn);
    atomic_store_explicit(&ofproto->version, txn->version,
                          memory_order_release);
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);

    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        ofproto->tables[i].n_flows += txn->table_delta[i];
    }
    for (size_t i = 0; i < txn->n_added; i++) {
        struct rule *rule = txn->added[i];

        if (rule_has_timeout(rule)) {
            hmap_insert(&ofproto->expirable, &rule->expirable_node,
                        (uint32_t) (uintptr_t) rule);
        }
    }
    for (size_t i = 0; i < txn->n_removed; i++) {
        struct rule *rule = txn->removed[i].rule;
        uint8_t reason = txn->removed[i].reason;

        if (rule_has_timeout(rule)) {
            hmap_remove(&ofproto->expirable, &rule->expirable_node);
        }
        if (reason != REASON_REPLACED && rule->flags & OFPFF_SEND_FLOW_REM) {
            send_flow_removed(ofproto, rule, reason);
        }
        rcu_postpone(rule_died, rule);
    }
    if (txn->n_added || txn->n_removed) {
        ofproto_schedule_revalidation(ofproto);
    }
    txn_free(txn);
}

void
ofproto_txn_abort(struct ofproto_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;

    ofproto_groups_abort(txn);
    ofproto_meters_abort(txn);
    for (size_t i = 0; i < txn->n_removed; i++) {
        cls_rule_unhide(&txn->removed[i].rule->cr);
    }
    /* No lookup ever ran in the unpublished version, so the staged rules
     * can go at once (their memory still waits for RCU). */
    for (size_t i = 0; i < txn->n_added; i++) {
        unlink_rule(ofproto, txn->added[i]);
    }
    txn_free(txn);
}

/* Validation of a flow's instructions against the switch. */

static int
check_actions(const struct ofproto_txn *txn, const struct ofp_actions *acts)
{
    for (size_t i = 0; i < acts->n; i++) {
        const struct ofp_action *a = &acts->list[i];

        if (a->type == OFPAT_GROUP
            && !ofproto_txn_group_exists(txn, a->group_id)) {
            return -OFPERR_OFPBAC_BAD_OUT_GROUP;
        }
        if (a->type == OFPAT_OUTPUT && a->output.port == OFPP_ANY) {
            return -OFPERR_OFPBAC_BAD_OUT_PORT;
        }
    }
    return 0;
}

static int
check_instructions(const struct ofproto_txn *txn,
                   const struct ofp_instructions *insts)
{
    int error;

    if (insts->present & OFP_INST_BIT(OFPIT_METER)
        && !ofproto_txn_meter_exists(txn, insts->meter_id)) {
        return -OFPERR_OFPMMFC_INVALID_METER;
    }
    error = check_actions(txn, &insts->apply);
    return error ? error : check_actions(txn, &insts->write);
}

/* flow_mod commands. */

static int
txn_add(struct ofproto_txn *txn, const struct ofp_flow_mod *fm)
{
    struct ofproto *ofproto = txn->ofproto;
    struct oftable *table;
    struct rule *old, *rule;

    if (fm->table_id >= OFPROTO_N_TABLES) {
        return -OFPERR_OFPFMFC_BAD_TABLE_ID;
    }
    table = &ofproto->tables[fm->table_id];
    old = rule_from_cls(
        cls_find_exactly(&table->cls, &fm->match, fm->priority, txn->version));
    if (fm->flags & OFPFF_CHECK_OVERLAP) {
        /* A flow with the same match is replaced, not an overlap (as in
         * Open vSwitch): look past it. */
        bool overlap;

        if (old) {
            cls_rule_hide(&old->cr, txn->version);
        }
        overlap = cls_has_overlap(&table->cls, &fm->match, fm->priority,
                                  txn->version);
        if (old) {
            cls_rule_unhide(&old->cr);
        }
        if (overlap) {
            return -OFPERR_OFPFMFC_OVERLAP;
        }
    }
    if (!old
        && (int64_t) table->n_flows + txn->table_delta[fm->table_id]
               >= table->max_flows) {
        return -OFPERR_OFPFMFC_TABLE_FULL;
    }

    /* OpenFlow 1.3: a flow replacing an identical one starts afresh
     * (cookie, flags, timeouts, duration) but keeps its counters unless
     * OFPFF_RESET_COUNTS. */
    rule = rule_create(ofproto, fm, fm->table_id);
    if (old) {
        if (!(fm->flags & OFPFF_RESET_COUNTS)) {
            rule->n_packets = old->n_packets;
            rule->n_bytes = old->n_bytes;
        }
        stage_hide(txn, old, REASON_REPLACED);
    }
    stage_insert(txn, rule);
    return 0;
}

/* The rules a modify or delete selects. */
struct selection {
    struct rule **rules;
    size_t n, allocated;
};

static void
select_rule(struct selection *sel, struct rule *rule)
{
    if (sel->n == sel->allocated) {
        sel->allocated = 2 * sel->allocated + 16;
        sel->rules = xrealloc(sel->rules, sel->allocated * sizeof *sel->rules);
    }
    sel->rules[sel->n++] = rule;
}

/* Collects the rules of table 'table_id' (or all tables, for OFPTT_ALL)
 * visible in 'version' that the request selects: exactly 'match' and
 * 'priority' if 'strict', else every rule 'match' includes; with the
 * cookie and out_port/out_group filters. */
static void
collect_rules(struct ofproto *ofproto, uint8_t table_id, bool strict,
              const struct flow_match *match, int priority, uint64_t cookie,
              uint64_t cookie_mask, uint32_t out_port, uint32_t out_group,
              uint64_t version, struct selection *sel)
{
    size_t first = table_id == OFPTT_ALL ? 0 : table_id;
    size_t last = table_id == OFPTT_ALL ? OFPROTO_N_TABLES - 1 : table_id;

    for (size_t t = first; t <= last; t++) {
        struct cls *cls = &ofproto->tables[t].cls;

        if (strict) {
            struct rule *rule =
                rule_from_cls(cls_find_exactly(cls, match, priority, version));

            if (rule && cookie_matches(rule, cookie, cookie_mask)
                && ofproto_rule_is_selected_by(rule, out_port, out_group)) {
                select_rule(sel, rule);
            }
            continue;
        }

        struct cls_cursor cursor;
        const struct cls_rule *cr;

        cls_cursor_init(&cursor, cls, match, version);
        while ((cr = cls_cursor_next(&cursor))) {
            struct rule *rule = rule_from_cls(cr);

            if (cookie_matches(rule, cookie, cookie_mask)
                && ofproto_rule_is_selected_by(rule, out_port, out_group)) {
                select_rule(sel, rule);
            }
        }
    }
}

/* Replaces 'old' by a copy with the instructions of 'fm'.  OpenFlow 1.3
 * (and Open vSwitch) keep the cookie, timeouts, flags and duration, and
 * the counters unless OFPFF_RESET_COUNTS. */
static void
txn_modify_rule(struct ofproto_txn *txn, struct rule *old,
                const struct ofp_flow_mod *fm)
{
    struct rule *rule = xzalloc(sizeof *rule);

    cls_rule_init(&rule->cr, &old->cr.match, old->cr.priority);
    rule->ofproto = old->ofproto;
    atomic_init(&rule->ref_count, 1);
    rule->table_id = old->table_id;
    rule->idle_timeout = old->idle_timeout;
    rule->hard_timeout = old->hard_timeout;
    rule->flags = old->flags;
    rule->cookie = old->cookie;
    ofp_instructions_clone(&rule->insts, &fm->instructions);
    rule->created_ms = old->created_ms;
    rule->modified_ms = ofproto_time_msec();
    rule->used_ms = old->used_ms;
    if (!(fm->flags & OFPFF_RESET_COUNTS)) {
        rule->n_packets = old->n_packets;
        rule->n_bytes = old->n_bytes;
    }
    stage_hide(txn, old, REASON_REPLACED);
    stage_insert(txn, rule);
}

static int
txn_modify(struct ofproto_txn *txn, const struct ofp_flow_mod *fm, bool strict)
{
    struct selection sel = {NULL, 0, 0};

    if (fm->table_id >= OFPROTO_N_TABLES && fm->table_id != OFPTT_ALL) {
        return -OFPERR_OFPFMFC_BAD_TABLE_ID;
    }
    collect_rules(txn->ofproto, fm->table_id, strict, &fm->match, fm->priority,
                  fm->cookie, fm->cookie_mask, OFPP_ANY, OFPG_ANY, txn->version,
                  &sel);
    for (size_t i = 0; i < sel.n; i++) {
        txn_modify_rule(txn, sel.rules[i], fm);
    }
    free(sel.rules);
    return 0;
}

static int
txn_delete(struct ofproto_txn *txn, const struct ofp_flow_mod *fm, bool strict)
{
    struct selection sel = {NULL, 0, 0};

    if (fm->table_id >= OFPROTO_N_TABLES && fm->table_id != OFPTT_ALL) {
        return -OFPERR_OFPFMFC_BAD_TABLE_ID;
    }
    collect_rules(txn->ofproto, fm->table_id, strict, &fm->match, fm->priority,
                  fm->cookie, fm->cookie_mask, fm->out_port, fm->out_group,
                  txn->version, &sel);
    for (size_t i = 0; i < sel.n; i++) {
        stage_hide(txn, sel.rules[i], OFPRR_DELETE);
    }
    free(sel.rules);
    return 0;
}

int
ofproto_txn_flow_mod(struct ofproto_txn *txn, const struct ofp_flow_mod *fm)
{
    int error;

    if (fm->command == OFPFC_ADD || fm->command == OFPFC_MODIFY
        || fm->command == OFPFC_MODIFY_STRICT) {
        error = check_instructions(txn, &fm->instructions);
        if (error) {
            return error;
        }
    }
    switch (fm->command) {
    case OFPFC_ADD:
        return txn_add(txn, fm);
    case OFPFC_MODIFY:
        return txn_modify(txn, fm, false);
    case OFPFC_MODIFY_STRICT:
        return txn_modify(txn, fm, true);
    case OFPFC_DELETE:
        return txn_delete(txn, fm, false);
    case OFPFC_DELETE_STRICT:
        return txn_delete(txn, fm, true);
    default:
        return -OFPERR_OFPFMFC_BAD_COMMAND;
    }
}

/* Removes, in 'txn', the visible rules whose instructions 'pred' accepts
 * for 'id', with FLOW_REMOVED reason 'reason'. */
static void
remove_rules_if(struct ofproto_txn *txn,
                bool (*pred)(const struct rule *, uint32_t id), uint32_t id,
                uint8_t reason)
{
    struct ofproto *ofproto = txn->ofproto;

    for (size_t t = 0; t < OFPROTO_N_TABLES; t++) {
        struct selection sel = {NULL, 0, 0};
        struct cls_cursor cursor;
        const struct cls_rule *cr;

        cls_cursor_init(&cursor, &ofproto->tables[t].cls, NULL, txn->version);
        while ((cr = cls_cursor_next(&cursor))) {
            if (pred(rule_from_cls(cr), id)) {
                select_rule(&sel, rule_from_cls(cr));
            }
        }
        for (size_t i = 0; i < sel.n; i++) {
            stage_hide(txn, sel.rules[i], reason);
        }
        free(sel.rules);
    }
}

static bool
rule_uses_group(const struct rule *rule, uint32_t group_id)
{
    return ofproto_rule_is_selected_by(rule, OFPP_ANY, group_id);
}

static bool
rule_uses_meter(const struct rule *rule, uint32_t meter_id)
{
    return rule->insts.present & OFP_INST_BIT(OFPIT_METER)
           && rule->insts.meter_id == meter_id;
}

void
ofproto_txn_remove_rules_using_group(struct ofproto_txn *txn, uint32_t group_id)
{
    remove_rules_if(txn, rule_uses_group, group_id, OFPRR_GROUP_DELETE);
}

void
ofproto_txn_remove_rules_using_meter(struct ofproto_txn *txn, uint32_t meter_id)
{
    remove_rules_if(txn, rule_uses_meter, meter_id, OFPRR_METER_DELETE);
}

/* Timeouts. */

/* Returns the OFPRR_* reason 'rule' has expired for at 'now', or -1. */
static int
rule_expired(const struct rule *rule, long long now)
{
    if (rule->hard_timeout
        && now >= rule->modified_ms + rule->hard_timeout * 1000LL) {
        return OFPRR_HARD_TIMEOUT;
    }
    if (rule->idle_timeout
        && now >= rule->used_ms + rule->idle_timeout * 1000LL) {
        return OFPRR_IDLE_TIMEOUT;
    }
    return -1;
}

void
ofproto_expire_rules(struct ofproto *ofproto)
{
    long long now = ofproto_time_msec();
    struct ofproto_txn *txn = NULL;

    for (struct hmap_node *node = hmap_first(&ofproto->expirable); node;
         node = hmap_next(&ofproto->expirable, node)) {
        struct rule *rule = CONTAINER_OF(node, struct rule, expirable_node);
        int reason = rule_expired(rule, now);

        if (reason >= 0) {
            if (!txn) {
                txn = ofproto_txn_begin(ofproto);
            }
            stage_hide(txn, rule, reason);
        }
    }
    if (txn) {
        ofproto_txn_commit(txn);
    }
}

void
ofproto_flush_rules(struct ofproto *ofproto)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);

    for (size_t t = 0; t < OFPROTO_N_TABLES; t++) {
        struct selection sel = {NULL, 0, 0};

        collect_rules(ofproto, t, false, NULL, 0, 0, 0, OFPP_ANY, OFPG_ANY,
                      txn->version, &sel);
        for (size_t i = 0; i < sel.n; i++) {
            stage_hide(txn, sel.rules[i], REASON_REPLACED);
        }
        free(sel.rules);
    }
    ofproto_txn_commit(txn);
}
