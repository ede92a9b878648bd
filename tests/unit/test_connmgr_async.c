/* Tests for the connection manager's asynchronous-message filter and
 * packet-in rate limit (ofproto/connmgr_async.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ofproto/connmgr_private.h"

static bool
wants(uint32_t role, bool is_service, uint16_t miss_send_len,
      enum connmgr_async_type type, uint8_t reason)
{
    struct ofp_async_config ac;
    struct connmgr_async_filter f;

    connmgr_async_default(&ac);
    f.config = &ac;
    f.role = role;
    f.is_service = is_service;
    f.miss_send_len = miss_send_len;
    return connmgr_async_wants(&f, type, reason);
}

static void
test_defaults_follow_openflow_13_for_master_and_equal(void **state)
{
    (void) state;
    for (uint32_t role = OFPCR_ROLE_EQUAL; role <= OFPCR_ROLE_MASTER; role++) {
        assert_true(
            wants(role, false, 128, CONNMGR_ASYNC_PACKET_IN, OFPR_NO_MATCH));
        assert_true(
            wants(role, false, 128, CONNMGR_ASYNC_PACKET_IN, OFPR_ACTION));
        assert_false(
            wants(role, false, 128, CONNMGR_ASYNC_PACKET_IN, OFPR_INVALID_TTL));
        for (uint8_t r = OFPPR_ADD; r <= OFPPR_MODIFY; r++) {
            assert_true(wants(role, false, 128, CONNMGR_ASYNC_PORT_STATUS, r));
        }
        for (uint8_t r = OFPRR_IDLE_TIMEOUT; r <= OFPRR_GROUP_DELETE; r++) {
            assert_true(wants(role, false, 128, CONNMGR_ASYNC_FLOW_REMOVED, r));
        }
    }
}

static void
test_slave_gets_only_port_status_by_default(void **state)
{
    (void) state;
    assert_false(wants(OFPCR_ROLE_SLAVE, false, 128, CONNMGR_ASYNC_PACKET_IN,
                       OFPR_NO_MATCH));
    assert_false(wants(OFPCR_ROLE_SLAVE, false, 128, CONNMGR_ASYNC_PACKET_IN,
                       OFPR_ACTION));
    assert_false(wants(OFPCR_ROLE_SLAVE, false, 128, CONNMGR_ASYNC_FLOW_REMOVED,
                       OFPRR_DELETE));
    assert_true(wants(OFPCR_ROLE_SLAVE, false, 128, CONNMGR_ASYNC_PORT_STATUS,
                      OFPPR_MODIFY));
}

static void
test_service_connection_needs_nonzero_miss_send_len(void **state)
{
    (void) state;
    assert_false(
        wants(OFPCR_ROLE_EQUAL, true, 0, CONNMGR_ASYNC_PACKET_IN, OFPR_ACTION));
    assert_false(
        wants(OFPCR_ROLE_EQUAL, true, 0, CONNMGR_ASYNC_PORT_STATUS, OFPPR_ADD));
    assert_true(
        wants(OFPCR_ROLE_EQUAL, true, 1, CONNMGR_ASYNC_PACKET_IN, OFPR_ACTION));
    assert_true(
        wants(OFPCR_ROLE_EQUAL, true, 1, CONNMGR_ASYNC_PORT_STATUS, OFPPR_ADD));
    /* A controller with miss_send_len 0 still gets them. */
    assert_true(wants(OFPCR_ROLE_EQUAL, false, 0, CONNMGR_ASYNC_PACKET_IN,
                      OFPR_ACTION));
}

static void
test_set_async_masks_select_by_role_and_reason(void **state)
{
    struct ofp_async_config ac = {
        .packet_in_mask = {0, 1u << OFPR_INVALID_TTL},
        .port_status_mask = {1u << OFPPR_DELETE, 0},
        .flow_removed_mask = {0, 1u << OFPRR_HARD_TIMEOUT},
    };
    struct connmgr_async_filter master = {&ac, OFPCR_ROLE_MASTER, false, 128};
    struct connmgr_async_filter slave = {&ac, OFPCR_ROLE_SLAVE, false, 128};

    (void) state;
    assert_false(
        connmgr_async_wants(&master, CONNMGR_ASYNC_PACKET_IN, OFPR_NO_MATCH));
    assert_true(
        connmgr_async_wants(&slave, CONNMGR_ASYNC_PACKET_IN, OFPR_INVALID_TTL));
    assert_true(
        connmgr_async_wants(&master, CONNMGR_ASYNC_PORT_STATUS, OFPPR_DELETE));
    assert_false(
        connmgr_async_wants(&master, CONNMGR_ASYNC_PORT_STATUS, OFPPR_ADD));
    assert_false(
        connmgr_async_wants(&slave, CONNMGR_ASYNC_PORT_STATUS, OFPPR_DELETE));
    assert_true(connmgr_async_wants(&slave, CONNMGR_ASYNC_FLOW_REMOVED,
                                    OFPRR_HARD_TIMEOUT));
    assert_false(connmgr_async_wants(&master, CONNMGR_ASYNC_FLOW_REMOVED,
                                     OFPRR_HARD_TIMEOUT));
    /* Reasons beyond a 32-bit mask are never wanted. */
    ac.packet_in_mask[0] = UINT32_MAX;
    assert_false(connmgr_async_wants(&master, CONNMGR_ASYNC_PACKET_IN, 40));
}

static void
test_meter_delete_is_reported_as_delete_in_openflow_13(void **state)
{
    (void) state;
    assert_int_equal(connmgr_flow_removed_reason_13(OFPRR_METER_DELETE),
                     OFPRR_DELETE);
    assert_int_equal(connmgr_flow_removed_reason_13(OFPRR_GROUP_DELETE),
                     OFPRR_GROUP_DELETE);
    assert_int_equal(connmgr_flow_removed_reason_13(OFPRR_IDLE_TIMEOUT),
                     OFPRR_IDLE_TIMEOUT);
}

static int
take_n(struct connmgr_bucket *b, int n, long long now_ms)
{
    int taken = 0;

    for (int i = 0; i < n; i++) {
        taken += connmgr_bucket_take(b, now_ms);
    }
    return taken;
}

static void
test_bucket_allows_burst_then_rate(void **state)
{
    struct connmgr_bucket b;

    (void) state;
    connmgr_bucket_init(&b, 1000, 100, 5000);
    assert_int_equal(take_n(&b, 150, 5000), 100);
    /* 1000 packets per second: one per millisecond. */
    assert_int_equal(take_n(&b, 10, 5010), 10);
    assert_int_equal(take_n(&b, 1, 5010), 0);
    /* Half a second refills 500, but the bucket holds only 100. */
    assert_int_equal(take_n(&b, 1000, 5510), 100);
}

static void
test_bucket_counts_fractions_of_a_packet(void **state)
{
    struct connmgr_bucket b;

    (void) state;
    connmgr_bucket_init(&b, 300, 2, 0);
    assert_int_equal(take_n(&b, 5, 0), 2);
    /* 300 pps is 0.3 packet per millisecond: 3 ms give 0.9, 4 ms 1.2. */
    assert_int_equal(take_n(&b, 1, 3), 0);
    assert_int_equal(take_n(&b, 1, 4), 1);
    assert_int_equal(take_n(&b, 1, 6), 0);
    assert_int_equal(take_n(&b, 1, 7), 1);
}

static void
test_bucket_survives_huge_idle_time_and_clock_going_back(void **state)
{
    struct connmgr_bucket b;

    (void) state;
    connmgr_bucket_init(&b, UINT32_MAX, UINT32_MAX, 0);
    assert_int_equal(take_n(&b, 3, 0), 3);
    assert_int_equal(take_n(&b, 3, 1LL << 60), 3);
    connmgr_bucket_init(&b, 10, 2, 1000);
    assert_int_equal(take_n(&b, 5, 1000), 2);
    assert_int_equal(take_n(&b, 1, 500), 0);
    assert_int_equal(take_n(&b, 1, 1100), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_follow_openflow_13_for_master_and_equal),
        cmocka_unit_test(test_slave_gets_only_port_status_by_default),
        cmocka_unit_test(test_service_connection_needs_nonzero_miss_send_len),
        cmocka_unit_test(test_set_async_masks_select_by_role_and_reason),
        cmocka_unit_test(
            test_meter_delete_is_reported_as_delete_in_openflow_13),
        cmocka_unit_test(test_bucket_allows_burst_then_rate),
        cmocka_unit_test(test_bucket_counts_fractions_of_a_packet),
        cmocka_unit_test(
            test_bucket_survives_huge_idle_time_and_clock_going_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
