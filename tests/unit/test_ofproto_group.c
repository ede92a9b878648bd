/* Tests for ofproto/ofproto_group.c: GROUP_MOD semantics and errors
 * (OpenFlow 1.3.5 section 7.3.4.2, Open vSwitch's error choices), staging
 * in transactions, reference counts, liveness, and the group requests.
 * The rest of ofproto is replaced by ofproto_gm_doubles.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ofproto/ofp_msg.h"
#include "ofproto_gm_doubles.h"

/* Building group mods. */

static void
gm_init(struct ofp_group_mod *gm, uint16_t command, uint8_t type,
        uint32_t group_id)
{
    gm->command = command;
    gm->type = type;
    gm->group_id = group_id;
    gm->buckets = NULL;
    gm->n_buckets = 0;
}

static struct ofp_bucket *
add_bucket(struct ofp_group_mod *gm)
{
    struct ofp_bucket *b =
        ofp_array_push(&gm->buckets, &gm->n_buckets, sizeof *b);

    b->watch_port = OFPP_ANY;
    b->watch_group = OFPG_ANY;
    return b;
}

static void
bucket_output(struct ofp_bucket *b, uint32_t port)
{
    struct ofp_action *a = ofp_actions_append(&b->actions);

    a->type = OFPAT_OUTPUT;
    a->output.port = port;
}

static void
bucket_group(struct ofp_bucket *b, uint32_t group_id)
{
    struct ofp_action *a = ofp_actions_append(&b->actions);

    a->type = OFPAT_GROUP;
    a->group_id = group_id;
}

static void
gm_free(struct ofp_group_mod *gm)
{
    for (size_t i = 0; i < gm->n_buckets; i++) {
        ofp_actions_free(&gm->buckets[i].actions);
    }
    free(gm->buckets);
}

/* Runs one group mod in its own transaction, as the handler does. */
static int
run(struct ofproto *ofproto, const struct ofp_group_mod *gm)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    int error = ofproto_txn_group_mod(txn, gm);

    if (error) {
        ofproto_txn_abort(txn);
    } else {
        ofproto_txn_commit(txn);
    }
    return error;
}

/* Adds (or modifies, ...) group 'id' of type ALL with one bucket that
 * outputs to port 1, or forwards to group 'to' if it is not OFPG_ANY. */
static int
run_simple(struct ofproto *ofproto, uint16_t command, uint32_t id, uint32_t to)
{
    struct ofp_group_mod gm;
    int error;

    gm_init(&gm, command, OFPGT_ALL, id);
    if (command != OFPGC_DELETE) {
        struct ofp_bucket *b = add_bucket(&gm);

        if (to == OFPG_ANY) {
            bucket_output(b, 1);
        } else {
            bucket_group(b, to);
        }
    }
    error = run(ofproto, &gm);
    gm_free(&gm);
    return error;
}

static struct rule *
add_rule_to_group(struct ofproto *ofproto, uint32_t group_id, bool twice)
{
    struct ofp_instructions insts;
    struct ofp_action *a;
    struct rule *rule;

    ofp_instructions_init(&insts);
    insts.present = OFP_INST_BIT(OFPIT_APPLY_ACTIONS);
    a = ofp_actions_append(&insts.apply);
    a->type = OFPAT_GROUP;
    a->group_id = group_id;
    if (twice) {
        insts.present |= OFP_INST_BIT(OFPIT_WRITE_ACTIONS);
        a = ofp_actions_append(&insts.write);
        a->type = OFPAT_GROUP;
        a->group_id = group_id;
    }
    rule = gm_rule_add(ofproto, &insts);
    ofp_instructions_free(&insts);
    return rule;
}

/* GROUP_MOD errors. */

static void
test_adding_an_existing_group_is_group_exists(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY),
                     -OFPERR_OFPGMFC_GROUP_EXISTS);
    assert_non_null(ofproto_group_lookup(ofproto, 1));
}

static void
test_modifying_a_missing_group_is_unknown_group(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 5, OFPG_ANY),
                     -OFPERR_OFPGMFC_UNKNOWN_GROUP);
    assert_null(ofproto_group_lookup(ofproto, 5));
}

static void
test_deleting_a_missing_group_is_not_an_error(void **state)
{
    assert_int_equal(run_simple(*state, OFPGC_DELETE, 77, 0), 0);
}

static void
test_group_id_above_max_is_invalid_group(void **state)
{
    assert_int_equal(run_simple(*state, OFPGC_ADD, OFPG_MAX + 1, OFPG_ANY),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    assert_int_equal(run_simple(*state, OFPGC_ADD, OFPG_ALL, OFPG_ANY),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
}

static void
test_unknown_type_is_bad_type(void **state)
{
    struct ofp_group_mod gm;

    gm_init(&gm, OFPGC_ADD, OFPGT_FF + 1, 1);
    assert_int_equal(run(*state, &gm), -OFPERR_OFPGMFC_BAD_TYPE);
}

static void
test_unknown_command_is_bad_command(void **state)
{
    struct ofp_group_mod gm;

    gm_init(&gm, OFPGC_DELETE + 1, OFPGT_ALL, 1);
    assert_int_equal(run(*state, &gm), -OFPERR_OFPGMFC_BAD_COMMAND);
}

static void
test_bucket_forwarding_to_a_missing_group_is_bad_out_group(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, 99),
                     -OFPERR_OFPBAC_BAD_OUT_GROUP);
    assert_null(ofproto_group_lookup(ofproto, 1));
}

static void
test_bucket_output_to_any_is_bad_out_port(void **state)
{
    struct ofp_group_mod gm;

    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, 1);
    bucket_output(add_bucket(&gm), OFPP_ANY);
    assert_int_equal(run(*state, &gm), -OFPERR_OFPBAC_BAD_OUT_PORT);
    gm_free(&gm);
}

static void
test_group_forwarding_to_itself_is_loop(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 3, 3),
                     -OFPERR_OFPGMFC_LOOP);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 3, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 3, 3),
                     -OFPERR_OFPGMFC_LOOP);
}

static void
test_modification_closing_a_chain_is_loop(void **state)
{
    struct ofproto *ofproto = *state;

    /* 1 -> 2 -> 3; making 3 forward to 1 would close the loop. */
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 3, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 2, 3), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, 2), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 3, 1),
                     -OFPERR_OFPGMFC_LOOP);
    assert_int_equal(
        ofproto_group_lookup(ofproto, 3)->buckets[0].actions.list[0].type,
        OFPAT_OUTPUT);
    /* A chain that does not come back is fine. */
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 4, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 3, 4), 0);
}

static void
test_deleting_a_chained_group_alone_is_chained_group(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 2, 1), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_DELETE, 1, 0),
                     -OFPERR_OFPGMFC_CHAINED_GROUP);
    assert_non_null(ofproto_group_lookup(ofproto, 1));
    /* Once nothing forwards to it, it goes. */
    assert_int_equal(run_simple(ofproto, OFPGC_DELETE, 2, 0), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_DELETE, 1, 0), 0);
    assert_null(ofproto_group_lookup(ofproto, 1));
}

static void
test_delete_all_removes_chained_groups_too(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 2, 1), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_DELETE, OFPG_ALL, 0), 0);
    assert_int_equal(hmap_count(&ofproto->groups), 0);
}

static void
test_table_full_is_out_of_groups(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    struct ofp_group_mod gm;

    /* One transaction fills the table; staged groups count. */
    for (uint32_t id = 1; id <= OFPROTO_MAX_GROUPS; id++) {
        gm_init(&gm, OFPGC_ADD, OFPGT_ALL, id);
        assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    }
    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, OFPROTO_MAX_GROUPS + 1);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm),
                     -OFPERR_OFPGMFC_OUT_OF_GROUPS);
    ofproto_txn_commit(txn);
    assert_int_equal(
        run_simple(ofproto, OFPGC_ADD, OFPROTO_MAX_GROUPS + 1, OFPG_ANY),
        -OFPERR_OFPGMFC_OUT_OF_GROUPS);
    /* Deleting one in the same transaction makes room. */
    txn = ofproto_txn_begin(ofproto);
    gm_init(&gm, OFPGC_DELETE, OFPGT_ALL, 7);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, OFPROTO_MAX_GROUPS + 1);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    ofproto_txn_commit(txn);
    assert_int_equal(hmap_count(&ofproto->groups), OFPROTO_MAX_GROUPS);
}

/* Transactions. */

static void
test_staged_changes_are_seen_by_the_transaction_only(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    struct ofp_group_mod gm;

    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, 9);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    assert_true(ofproto_txn_group_exists(txn, 9));
    assert_null(ofproto_group_lookup(ofproto, 9));
    /* Later messages of the transaction see it. */
    assert_int_equal(ofproto_txn_group_mod(txn, &gm),
                     -OFPERR_OFPGMFC_GROUP_EXISTS);
    gm_init(&gm, OFPGC_DELETE, OFPGT_ALL, 9);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    assert_false(ofproto_txn_group_exists(txn, 9));
    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, 9);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    ofproto_txn_commit(txn);
    assert_non_null(ofproto_group_lookup(ofproto, 9));
    assert_int_equal(gm_n_revalidations, 1);
}

static void
test_abort_leaves_the_table_as_it_was(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofproto_txn *txn;
    struct ofp_group_mod gm;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    txn = ofproto_txn_begin(ofproto);
    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, 2);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    gm_init(&gm, OFPGC_DELETE, OFPGT_ALL, 1);
    assert_int_equal(ofproto_txn_group_mod(txn, &gm), 0);
    ofproto_txn_abort(txn);
    assert_non_null(ofproto_group_lookup(ofproto, 1));
    assert_null(ofproto_group_lookup(ofproto, 2));
}

static void
test_modify_keeps_duration_and_resets_counters(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofgroup *group;
    struct ofp_group_mod gm;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    group = ofproto_group_lookup(ofproto, 1);
    group->created_ms -= 5000;
    group->packet_count = 10;
    group->bucket_stats[0].packet_count = 10;

    gm_init(&gm, OFPGC_MODIFY, OFPGT_SELECT, 1);
    add_bucket(&gm)->weight = 1;
    add_bucket(&gm)->weight = 2;
    assert_int_equal(run(ofproto, &gm), 0);
    gm_free(&gm);

    group = ofproto_group_lookup(ofproto, 1);
    assert_int_equal(group->type, OFPGT_SELECT);
    assert_int_equal(group->n_buckets, 2);
    assert_int_equal(group->buckets[1].weight, 2);
    assert_int_equal(group->created_ms, ofproto_wall_msec() - 5000);
    assert_int_equal(group->packet_count, 0);
    assert_int_equal(group->bucket_stats[1].packet_count, 0);
}

/* Reference counts and rules. */

static void
test_ref_count_counts_each_rule_and_group_once(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_group_mod gm;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    add_rule_to_group(ofproto, 1, true);
    add_rule_to_group(ofproto, 1, false);
    gm_init(&gm, OFPGC_ADD, OFPGT_ALL, 2);
    bucket_group(add_bucket(&gm), 1);
    bucket_group(add_bucket(&gm), 1);
    assert_int_equal(run(ofproto, &gm), 0);
    gm_free(&gm);
    assert_int_equal(ofproto_group_lookup(ofproto, 1)->n_refs, 3);

    /* Modifying group 1 keeps its references; group 2 moving away from it
     * drops one. */
    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 1, OFPG_ANY), 0);
    assert_int_equal(ofproto_group_lookup(ofproto, 1)->n_refs, 3);
    assert_int_equal(run_simple(ofproto, OFPGC_MODIFY, 2, OFPG_ANY), 0);
    assert_int_equal(ofproto_group_lookup(ofproto, 1)->n_refs, 2);
}

static void
test_delete_removes_the_rules_using_the_group(void **state)
{
    struct ofproto *ofproto = *state;
    struct rule *user, *other;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 2, OFPG_ANY), 0);
    user = add_rule_to_group(ofproto, 1, false);
    other = add_rule_to_group(ofproto, 2, false);
    assert_int_equal(run_simple(ofproto, OFPGC_DELETE, 1, 0), 0);
    assert_false(gm_rule_visible(user));
    assert_true(gm_rule_visible(other));
    assert_int_equal(ofproto_group_lookup(ofproto, 2)->n_refs, 1);
    /* Re-adding the group starts from no references. */
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    assert_int_equal(ofproto_group_lookup(ofproto, 1)->n_refs, 0);
}

/* Liveness. */

static void
test_bucket_watching_a_port_is_live_while_the_port_is_up(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_bucket b = {.watch_port = 1, .watch_group = OFPG_ANY};

    assert_false(ofproto_bucket_is_live(ofproto, &b, 0)); /* No port. */
    gm_port_add(1, OFPPS_LIVE, 0);
    gm_port_add(2, OFPPS_LINK_DOWN, 0);
    gm_port_add(3, OFPPS_LIVE, OFPPC_PORT_DOWN);
    assert_true(ofproto_bucket_is_live(ofproto, &b, 0));
    b.watch_port = 2;
    assert_false(ofproto_bucket_is_live(ofproto, &b, 0));
    b.watch_port = 3;
    assert_false(ofproto_bucket_is_live(ofproto, &b, 0));
    /* Watching nothing: always live. */
    b.watch_port = OFPP_ANY;
    assert_true(ofproto_bucket_is_live(ofproto, &b, 0));
}

static void
test_bucket_watching_a_group_follows_its_buckets(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_bucket b = {.watch_port = OFPP_ANY, .watch_group = 5};
    struct ofp_group_mod gm;

    gm_port_add(1, OFPPS_LIVE, 0);
    gm_port_add(2, OFPPS_LINK_DOWN, 0);
    assert_false(ofproto_bucket_is_live(ofproto, &b, 0)); /* No group. */

    gm_init(&gm, OFPGC_ADD, OFPGT_FF, 5);
    add_bucket(&gm)->watch_port = 2;
    assert_int_equal(run(ofproto, &gm), 0);
    assert_false(ofproto_bucket_is_live(ofproto, &b, 0));
    gm.command = OFPGC_MODIFY;
    add_bucket(&gm)->watch_port = 1;
    assert_int_equal(run(ofproto, &gm), 0);
    assert_true(ofproto_bucket_is_live(ofproto, &b, 0));
    /* Either watch makes the bucket live. */
    b.watch_port = 2;
    assert_true(ofproto_bucket_is_live(ofproto, &b, 0));
    gm_free(&gm);
}

static void
test_groups_watching_each_other_are_dead_not_endless(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_bucket b = {.watch_port = OFPP_ANY, .watch_group = 6};
    struct ofp_group_mod gm;

    /* Group 6 watches group 7, which watches group 6. */
    gm_init(&gm, OFPGC_ADD, OFPGT_FF, 6);
    add_bucket(&gm)->watch_group = 7;
    assert_int_equal(run(ofproto, &gm), 0);
    gm.group_id = 7;
    gm.buckets[0].watch_group = 6;
    assert_int_equal(run(ofproto, &gm), 0);
    gm_free(&gm);
    assert_false(ofproto_bucket_is_live(ofproto, &b, 0));
}

/* Requests. */

static void
test_group_stats_of_a_missing_group_is_an_empty_reply(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_msg req;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 1, OFPG_ANY), 0);
    ofp_msg_init(&req, OFPK_GROUP_STATS_REQUEST, 7);
    req.group_id = 2;
    assert_int_equal(ofproto_handle_group_stats(ofproto, NULL, &req), 0);
    assert_int_equal(gm_last_reply.kind, OFPK_GROUP_STATS_REPLY);
    assert_int_equal(gm_last_reply.xid, 7);
    assert_int_equal(gm_last_reply.group_stats_reply.n, 0);
}

static void
test_group_stats_report_counters_in_id_order(void **state)
{
    struct ofproto *ofproto = *state;
    const struct ofp_group_stats *gs;
    struct ofp_msg req;

    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 20, OFPG_ANY), 0);
    assert_int_equal(run_simple(ofproto, OFPGC_ADD, 3, 20), 0);
    ofproto_group_lookup(ofproto, 20)->byte_count = 1500;
    ofproto_group_lookup(ofproto, 20)->bucket_stats[0].byte_count = 1500;
    ofp_msg_init(&req, OFPK_GROUP_STATS_REQUEST, 1);
    assert_int_equal(ofproto_handle_group_stats(ofproto, NULL, &req), 0);
    assert_int_equal(gm_last_reply.group_stats_reply.n, 2);
    gs = gm_last_reply.group_stats_reply.entries;
    assert_int_equal(gs[0].group_id, 3);
    assert_int_equal(gs[1].group_id, 20);
    assert_int_equal(gs[1].ref_count, 1);
    assert_int_equal(gs[1].byte_count, 1500);
    assert_int_equal(gs[1].n_buckets, 1);
    assert_int_equal(gs[1].buckets[0].byte_count, 1500);
}

static void
test_group_desc_reports_buckets(void **state)
{
    struct ofproto *ofproto = *state;
    const struct ofp_group_desc *gd;
    struct ofp_group_mod gm;
    struct ofp_msg req;

    gm_init(&gm, OFPGC_ADD, OFPGT_SELECT, 4);
    bucket_output(add_bucket(&gm), 2);
    gm.buckets[0].weight = 7;
    assert_int_equal(run(ofproto, &gm), 0);
    gm_free(&gm);
    ofp_msg_init(&req, OFPK_GROUP_DESC_REQUEST, 1);
    assert_int_equal(ofproto_handle_group_desc(ofproto, NULL, &req), 0);
    assert_int_equal(gm_last_reply.group_desc_reply.n, 1);
    gd = gm_last_reply.group_desc_reply.entries;
    assert_int_equal(gd->type, OFPGT_SELECT);
    assert_int_equal(gd->n_buckets, 1);
    assert_int_equal(gd->buckets[0].weight, 7);
    assert_int_equal(gd->buckets[0].actions.list[0].output.port, 2);
}

static void
test_group_features_advertise_chaining_checks(void **state)
{
    const struct ofp_group_features *gf;
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_GROUP_FEATURES_REQUEST, 1);
    assert_int_equal(ofproto_handle_group_features(*state, NULL, &req), 0);
    gf = &gm_last_reply.group_features_reply;
    assert_int_equal(gf->types, 0xf);
    assert_int_equal(gf->capabilities,
                     OFPGFC_SELECT_WEIGHT | OFPGFC_SELECT_LIVENESS
                         | OFPGFC_CHAINING | OFPGFC_CHAINING_CHECKS);
    assert_int_equal(gf->max_groups[OFPGT_FF], OFPROTO_MAX_GROUPS);
    assert_true(gf->actions[OFPGT_ALL] & (1u << OFPAT_GROUP));
    assert_false(gf->actions[OFPGT_ALL] & (1u << OFPAT_PUSH_PBB));
}

static void
test_group_mod_handler_reports_the_error(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_GROUP_MOD, 1);
    msg.group_mod.command = OFPGC_MODIFY;
    msg.group_mod.group_id = 1;
    assert_int_equal(ofproto_handle_group_mod(ofproto, NULL, &msg),
                     -OFPERR_OFPGMFC_UNKNOWN_GROUP);
    msg.group_mod.command = OFPGC_ADD;
    assert_int_equal(ofproto_handle_group_mod(ofproto, NULL, &msg), 0);
    assert_non_null(ofproto_group_lookup(ofproto, 1));
    ofp_msg_uninit(&msg);
}

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, gm_setup, gm_teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_adding_an_existing_group_is_group_exists),
        T(test_modifying_a_missing_group_is_unknown_group),
        T(test_deleting_a_missing_group_is_not_an_error),
        T(test_group_id_above_max_is_invalid_group),
        T(test_unknown_type_is_bad_type),
        T(test_unknown_command_is_bad_command),
        T(test_bucket_forwarding_to_a_missing_group_is_bad_out_group),
        T(test_bucket_output_to_any_is_bad_out_port),
        T(test_group_forwarding_to_itself_is_loop),
        T(test_modification_closing_a_chain_is_loop),
        T(test_deleting_a_chained_group_alone_is_chained_group),
        T(test_delete_all_removes_chained_groups_too),
        T(test_table_full_is_out_of_groups),
        T(test_staged_changes_are_seen_by_the_transaction_only),
        T(test_abort_leaves_the_table_as_it_was),
        T(test_modify_keeps_duration_and_resets_counters),
        T(test_ref_count_counts_each_rule_and_group_once),
        T(test_delete_removes_the_rules_using_the_group),
        T(test_bucket_watching_a_port_is_live_while_the_port_is_up),
        T(test_bucket_watching_a_group_follows_its_buckets),
        T(test_groups_watching_each_other_are_dead_not_endless),
        T(test_group_stats_of_a_missing_group_is_an_empty_reply),
        T(test_group_stats_report_counters_in_id_order),
        T(test_group_desc_reports_buckets),
        T(test_group_features_advertise_chaining_checks),
        T(test_group_mod_handler_reports_the_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
