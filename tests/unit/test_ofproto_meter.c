/* Tests for ofproto/ofproto_meter.c: METER_MOD semantics and errors
 * (OpenFlow 1.3.5 section 7.3.4.4, Open vSwitch's error choices), what the
 * commit asks of the datapath, flow counts, and the meter requests.  The
 * rest of ofproto and the datapath are replaced by ofproto_gm_doubles.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ofproto/ofp_msg.h"
#include "ofproto_gm_doubles.h"

/* Building meter mods. */

static void
mm_init(struct ofp_meter_mod *mm, uint16_t command, uint16_t flags,
        uint32_t meter_id)
{
    mm->command = command;
    mm->flags = flags;
    mm->meter_id = meter_id;
    mm->bands = NULL;
    mm->n_bands = 0;
}

static struct ofp_meter_band *
add_band(struct ofp_meter_mod *mm, uint16_t type, uint32_t rate,
         uint32_t burst_size)
{
    struct ofp_meter_band *band =
        ofp_array_push(&mm->bands, &mm->n_bands, sizeof *band);

    band->type = type;
    band->rate = rate;
    band->burst_size = burst_size;
    return band;
}

static int
run(struct ofproto *ofproto, const struct ofp_meter_mod *mm)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    int error = ofproto_txn_meter_mod(txn, mm);

    if (error) {
        ofproto_txn_abort(txn);
    } else {
        ofproto_txn_commit(txn);
    }
    return error;
}

/* Runs a meter mod with one drop band of 'rate' kbps. */
static int
run_simple(struct ofproto *ofproto, uint16_t command, uint32_t meter_id,
           uint32_t rate)
{
    struct ofp_meter_mod mm;
    int error;

    mm_init(&mm, command, OFPMF_KBPS, meter_id);
    add_band(&mm, OFPMBT_DROP, rate, 0);
    error = run(ofproto, &mm);
    free(mm.bands);
    return error;
}

static struct rule *
add_rule_with_meter(struct ofproto *ofproto, uint32_t meter_id)
{
    struct ofp_instructions insts;
    struct rule *rule;

    ofp_instructions_init(&insts);
    insts.present = OFP_INST_BIT(OFPIT_METER);
    insts.meter_id = meter_id;
    rule = gm_rule_add(ofproto, &insts);
    ofp_instructions_free(&insts);
    return rule;
}

/* METER_MOD errors. */

static void
test_adding_an_existing_meter_is_meter_exists(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 1, 1000), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 1, 2000),
                     -OFPERR_OFPMMFC_METER_EXISTS);
    assert_int_equal(ofproto_meter_lookup(ofproto, 1)->bands[0].rate, 1000);
}

static void
test_modifying_a_missing_meter_is_unknown_meter(void **state)
{
    assert_int_equal(run_simple(*state, OFPMC_MODIFY, 77, 1000),
                     -OFPERR_OFPMMFC_UNKNOWN_METER);
}

static void
test_deleting_a_missing_meter_is_not_an_error(void **state)
{
    assert_int_equal(run_simple(*state, OFPMC_DELETE, 99, 1), 0);
    assert_int_equal(gm_dpif.n_dels, 0);
}

static void
test_meter_ids_outside_the_flow_meters_are_invalid_meter(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 0, 1000),
                     -OFPERR_OFPMMFC_INVALID_METER);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, OFPM_MAX + 1, 1000),
                     -OFPERR_OFPMMFC_INVALID_METER);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, OFPM_CONTROLLER, 1000),
                     -OFPERR_OFPMMFC_INVALID_METER);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, OFPM_ALL, 1000),
                     -OFPERR_OFPMMFC_INVALID_METER);
}

static void
test_meter_id_beyond_the_table_is_out_of_meters(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, OFPROTO_MAX_METERS, 10), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, OFPROTO_MAX_METERS + 1, 10),
                     -OFPERR_OFPMMFC_OUT_OF_METERS);
}

static void
test_too_many_bands_is_out_of_bands(void **state)
{
    struct ofp_meter_mod mm;

    mm_init(&mm, OFPMC_ADD, OFPMF_PKTPS, 1);
    for (int i = 0; i <= DPIF_METER_MAX_BANDS; i++) {
        add_band(&mm, OFPMBT_DROP, 100 * (i + 1), 0);
    }
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_OUT_OF_BANDS);
    mm.n_bands--;
    assert_int_equal(run(*state, &mm), 0);
    free(mm.bands);
}

static void
test_dscp_remark_band_is_bad_band(void **state)
{
    struct ofp_meter_mod mm;

    mm_init(&mm, OFPMC_ADD, OFPMF_PKTPS, 3);
    add_band(&mm, OFPMBT_DSCP_REMARK, 1000, 0)->prec_level = 1;
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_BAD_BAND);
    mm.bands[0].type = OFPMBT_EXPERIMENTER;
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_BAD_BAND);
    free(mm.bands);
    assert_null(ofproto_meter_lookup(*state, 3));
}

static void
test_zero_rate_is_bad_rate(void **state)
{
    assert_int_equal(run_simple(*state, OFPMC_ADD, 1, 0),
                     -OFPERR_OFPMMFC_BAD_RATE);
}

static void
test_both_or_neither_unit_is_bad_flags(void **state)
{
    struct ofp_meter_mod mm;

    mm_init(&mm, OFPMC_ADD, OFPMF_KBPS | OFPMF_PKTPS, 1);
    add_band(&mm, OFPMBT_DROP, 1000, 0);
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_BAD_FLAGS);
    mm.flags = OFPMF_STATS;
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_BAD_FLAGS);
    mm.flags = OFPMF_KBPS | 0x10;
    assert_int_equal(run(*state, &mm), -OFPERR_OFPMMFC_BAD_FLAGS);
    free(mm.bands);
}

static void
test_datapath_without_meters_gets_invalid_meter(void **state)
{
    struct ofp_msg req;

    gm_dpif.meters_supported = false;
    assert_int_equal(run_simple(*state, OFPMC_ADD, 1, 1000),
                     -OFPERR_OFPMMFC_INVALID_METER);
    ofp_msg_init(&req, OFPK_METER_FEATURES_REQUEST, 1);
    assert_int_equal(ofproto_handle_meter_features(*state, NULL, &req), 0);
    assert_int_equal(gm_last_reply.meter_features_reply.max_meter, 0);
}

/* The datapath. */

static void
test_commit_sets_the_datapath_meter(void **state)
{
    struct ofproto *ofproto = *state;
    const struct gm_dp_meter *dm;
    struct ofp_meter_mod mm;

    mm_init(&mm, OFPMC_ADD, OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS, 5);
    add_band(&mm, OFPMBT_DROP, 100, 20);
    add_band(&mm, OFPMBT_DROP, 200, 30);
    assert_int_equal(run(ofproto, &mm), 0);
    dm = gm_dp_meter_find(5);
    assert_non_null(dm);
    assert_int_equal(dm->config.flags,
                     DPIF_METER_PKTPS | DPIF_METER_BURST | DPIF_METER_STATS);
    assert_int_equal(dm->config.n_bands, 2);
    assert_int_equal(dm->config.bands[1].rate, 200);
    assert_int_equal(dm->config.bands[1].burst_size, 30);

    /* Without OFPMF_BURST the burst sizes are not used. */
    mm.command = OFPMC_MODIFY;
    mm.flags = OFPMF_KBPS;
    assert_int_equal(run(ofproto, &mm), 0);
    dm = gm_dp_meter_find(5);
    assert_int_equal(dm->config.flags, DPIF_METER_KBPS);
    assert_int_equal(dm->config.bands[1].burst_size, 0);
    assert_int_equal(ofproto_meter_lookup(ofproto, 5)->bands[1].burst_size, 30);
    free(mm.bands);
}

static void
test_abort_asks_nothing_of_the_datapath(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofproto_txn *txn = ofproto_txn_begin(ofproto);
    struct ofp_meter_mod mm;

    mm_init(&mm, OFPMC_ADD, OFPMF_KBPS, 1);
    add_band(&mm, OFPMBT_DROP, 1000, 0);
    assert_int_equal(ofproto_txn_meter_mod(txn, &mm), 0);
    assert_true(ofproto_txn_meter_exists(txn, 1));
    assert_null(ofproto_meter_lookup(ofproto, 1));
    ofproto_txn_abort(txn);
    free(mm.bands);
    assert_int_equal(gm_dpif.n_sets, 0);
    assert_null(ofproto_meter_lookup(ofproto, 1));
}

static void
test_delete_removes_the_meter_and_its_rules(void **state)
{
    struct ofproto *ofproto = *state;
    struct rule *user, *other;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 1, 1000), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 2, 1000), 0);
    user = add_rule_with_meter(ofproto, 1);
    other = add_rule_with_meter(ofproto, 2);
    assert_int_equal(run_simple(ofproto, OFPMC_DELETE, 1, 1), 0);
    assert_null(ofproto_meter_lookup(ofproto, 1));
    assert_null(gm_dp_meter_find(1));
    assert_false(gm_rule_visible(user));
    assert_true(gm_rule_visible(other));
    assert_int_equal(ofproto_meter_lookup(ofproto, 2)->n_flows, 1);
}

static void
test_delete_all_removes_every_meter(void **state)
{
    struct ofproto *ofproto = *state;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 1, 1000), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 2, 1000), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_DELETE, OFPM_ALL, 1), 0);
    assert_int_equal(hmap_count(&ofproto->meters), 0);
    assert_int_equal(gm_dpif.n_meters, 0);
}

static void
test_modify_keeps_flow_count_and_duration(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofmeter *meter;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 1, 1000), 0);
    add_rule_with_meter(ofproto, 1);
    add_rule_with_meter(ofproto, 1);
    ofproto_meter_lookup(ofproto, 1)->created_ms -= 3000;
    assert_int_equal(run_simple(ofproto, OFPMC_MODIFY, 1, 500), 0);
    meter = ofproto_meter_lookup(ofproto, 1);
    assert_int_equal(meter->n_flows, 2);
    assert_int_equal(meter->bands[0].rate, 500);
    assert_int_equal(meter->created_ms, ofproto_wall_msec() - 3000);
}

/* Requests. */

static void
test_meter_stats_come_from_the_datapath(void **state)
{
    struct ofproto *ofproto = *state;
    const struct ofp_meter_stats *ms;
    struct gm_dp_meter *dm;
    struct ofp_msg req;

    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 9, 1000), 0);
    assert_int_equal(run_simple(ofproto, OFPMC_ADD, 4, 1000), 0);
    add_rule_with_meter(ofproto, 9);
    dm = gm_dp_meter_find(9);
    dm->stats.packet_in_count = 12;
    dm->stats.byte_in_count = 1200;
    dm->stats.band_packets[0] = 2;
    dm->stats.band_bytes[0] = 200;
    dm->stats.n_bands = 1;

    ofp_msg_init(&req, OFPK_METER_STATS_REQUEST, 3);
    assert_int_equal(ofproto_handle_meter_stats(ofproto, NULL, &req), 0);
    assert_int_equal(gm_last_reply.xid, 3);
    assert_int_equal(gm_last_reply.meter_stats_reply.n, 2);
    ms = &gm_last_reply.meter_stats_reply.entries[1];
    assert_int_equal(gm_last_reply.meter_stats_reply.entries[0].meter_id, 4);
    assert_int_equal(ms->meter_id, 9);
    assert_int_equal(ms->flow_count, 1);
    assert_int_equal(ms->packet_in_count, 12);
    assert_int_equal(ms->byte_in_count, 1200);
    assert_int_equal(ms->n_bands, 1);
    assert_int_equal(ms->bands[0].packet_band_count, 2);
    assert_int_equal(ms->bands[0].byte_band_count, 200);
}

static void
test_stats_or_config_of_a_missing_meter_is_unknown_meter(void **state)
{
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_METER_STATS_REQUEST, 1);
    req.meter_id = 99;
    assert_int_equal(ofproto_handle_meter_stats(*state, NULL, &req),
                     -OFPERR_OFPMMFC_UNKNOWN_METER);
    ofp_msg_init(&req, OFPK_METER_CONFIG_REQUEST, 1);
    req.meter_id = 99;
    assert_int_equal(ofproto_handle_meter_config(*state, NULL, &req),
                     -OFPERR_OFPMMFC_UNKNOWN_METER);
}

static void
test_meter_config_reports_flags_and_bands(void **state)
{
    struct ofproto *ofproto = *state;
    const struct ofp_meter_config *mc;
    struct ofp_meter_mod mm;
    struct ofp_msg req;

    mm_init(&mm, OFPMC_ADD, OFPMF_KBPS | OFPMF_BURST, 2);
    add_band(&mm, OFPMBT_DROP, 1000, 50);
    assert_int_equal(run(ofproto, &mm), 0);
    free(mm.bands);
    ofp_msg_init(&req, OFPK_METER_CONFIG_REQUEST, 1);
    req.meter_id = 2;
    assert_int_equal(ofproto_handle_meter_config(ofproto, NULL, &req), 0);
    assert_int_equal(gm_last_reply.meter_config_reply.n, 1);
    mc = gm_last_reply.meter_config_reply.entries;
    assert_int_equal(mc->flags, OFPMF_KBPS | OFPMF_BURST);
    assert_int_equal(mc->n_bands, 1);
    assert_int_equal(mc->bands[0].rate, 1000);
    assert_int_equal(mc->bands[0].burst_size, 50);
}

static void
test_meter_features_report_drop_bands_only(void **state)
{
    const struct ofp_meter_features *mf;
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_METER_FEATURES_REQUEST, 1);
    assert_int_equal(ofproto_handle_meter_features(*state, NULL, &req), 0);
    mf = &gm_last_reply.meter_features_reply;
    assert_int_equal(mf->max_meter, OFPROTO_MAX_METERS);
    assert_int_equal(mf->band_types, 1u << OFPMBT_DROP);
    assert_int_equal(mf->capabilities,
                     OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS);
    assert_int_equal(mf->max_bands, DPIF_METER_MAX_BANDS);
    assert_int_equal(mf->max_color, 0);
}

static void
test_meter_mod_handler_reports_the_error(void **state)
{
    struct ofproto *ofproto = *state;
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_METER_MOD, 1);
    mm_init(&msg.meter_mod, OFPMC_MODIFY, OFPMF_KBPS, 1);
    assert_int_equal(ofproto_handle_meter_mod(ofproto, NULL, &msg),
                     -OFPERR_OFPMMFC_UNKNOWN_METER);
    msg.meter_mod.command = OFPMC_ADD;
    assert_int_equal(ofproto_handle_meter_mod(ofproto, NULL, &msg), 0);
    assert_non_null(ofproto_meter_lookup(ofproto, 1));
    assert_int_equal(gm_n_revalidations, 1);
    ofp_msg_uninit(&msg);
}

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, gm_setup, gm_teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_adding_an_existing_meter_is_meter_exists),
        T(test_modifying_a_missing_meter_is_unknown_meter),
        T(test_deleting_a_missing_meter_is_not_an_error),
        T(test_meter_ids_outside_the_flow_meters_are_invalid_meter),
        T(test_meter_id_beyond_the_table_is_out_of_meters),
        T(test_too_many_bands_is_out_of_bands),
        T(test_dscp_remark_band_is_bad_band),
        T(test_zero_rate_is_bad_rate),
        T(test_both_or_neither_unit_is_bad_flags),
        T(test_datapath_without_meters_gets_invalid_meter),
        T(test_commit_sets_the_datapath_meter),
        T(test_abort_asks_nothing_of_the_datapath),
        T(test_delete_removes_the_meter_and_its_rules),
        T(test_delete_all_removes_every_meter),
        T(test_modify_keeps_flow_count_and_duration),
        T(test_meter_stats_come_from_the_datapath),
        T(test_stats_or_config_of_a_missing_meter_is_unknown_meter),
        T(test_meter_config_reports_flags_and_bands),
        T(test_meter_features_report_drop_bands_only),
        T(test_meter_mod_handler_reports_the_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
