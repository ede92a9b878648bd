/* The switch pipeline end to end in one process: an ofproto on a dummy
 * datapath, flow_mods staged through transactions, packets injected into
 * datapath ports and read back from the ports they leave by. */
#include <event2/event.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "datapath/dpif_dummy.h"
#include "lib/rcu.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto.h"
#include "ofproto/ofproto_private.h"
#include "tests/unit/switch_fixture.h"

#define fixture switch_fixture

static int
setup(void **state)
{
    struct switch_fixture *f = switch_fixture_create();

    for (uint32_t i = 1; i <= 3; i++) {
        char name[8];

        snprintf(name, sizeof name, "p%u", i);
        switch_fixture_add_port(f, name, "dummy", i);
    }
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    switch_fixture_destroy(*state);
    return 0;
}

static int
flow_mod(struct fixture *f, enum ofp_flow_mod_command command, const char *text)
{
    return switch_fixture_flow_mod(f, command, text);
}

/* A UDP packet from 00:..:0a to 00:..:0b, 10.0.0.1:1000 → 10.0.0.2:2000,
 * with a correct IPv4 checksum and no UDP checksum. */
static const uint8_t udp_frame[] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,
    0x08, 0x00, 0x45, 0x00, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11,
    0x66, 0xca, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x03, 0xe8,
    0x07, 0xd0, 0x00, 0x0c, 0x00, 0x00, 0x61, 0x62, 0x63, 0x64,
};

static void
inject(struct fixture *f, uint32_t ofp_port)
{
    switch_fixture_inject(f, ofp_port, udp_frame, sizeof udp_frame);
}

/* Returns how many frames OpenFlow port 'ofp_port' sent, freeing them;
 * the last one is copied to 'last' (if nonnull, up to 128 bytes). */
static int
drain(struct fixture *f, uint32_t ofp_port, uint8_t *last, size_t *last_len)
{
    return switch_fixture_drain(f, ofp_port, last, 128, last_len);
}

static void
test_output_follows_flow_and_its_changes(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(flow_mod(f, OFPFC_ADD, "in_port=1,actions=output:2"), 0);
    inject(f, 1);
    inject(f, 1);
    assert_int_equal(drain(f, 2, NULL, NULL), 2);
    assert_int_equal(drain(f, 3, NULL, NULL), 0);

    /* The cached megaflow is revalidated when the table changes. */
    assert_int_equal(flow_mod(f, OFPFC_MODIFY, "in_port=1,actions=output:3"),
                     0);
    inject(f, 1);
    assert_int_equal(drain(f, 2, NULL, NULL), 0);
    assert_int_equal(drain(f, 3, NULL, NULL), 1);

    assert_int_equal(flow_mod(f, OFPFC_DELETE, "in_port=1"), 0);
    inject(f, 1);
    assert_int_equal(drain(f, 3, NULL, NULL), 0);
}

static void
test_table_miss_drops(void **state)
{
    struct fixture *f = *state;

    inject(f, 1);
    for (uint32_t p = 1; p <= 3; p++) {
        assert_int_equal(drain(f, p, NULL, NULL), 0);
    }
}

static void
test_push_vlan_and_set_field(void **state)
{
    struct fixture *f = *state;
    uint8_t out[128];
    size_t len = 0;

    assert_int_equal(flow_mod(f, OFPFC_ADD,
                              "in_port=1,actions=push_vlan:0x8100,"
                              "set_field:4196->vlan_vid,"
                              "set_field:00:00:00:00:00:99->eth_dst,"
                              "output:2"),
                     0);
    inject(f, 1);
    assert_int_equal(drain(f, 2, out, &len), 1);
    assert_int_equal(len, sizeof udp_frame + 4);
    assert_int_equal(out[5], 0x99);
    assert_int_equal(out[12], 0x81);
    assert_int_equal(out[13], 0x00);
    assert_int_equal(((out[14] << 8) | out[15]) & 0xfff, 100);
    assert_memory_equal(out + 16, udp_frame + 12, sizeof udp_frame - 12);
}

static void
test_goto_table_and_action_set(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(flow_mod(f, OFPFC_ADD,
                              "table=0,in_port=1,actions=write_actions("
                              "output:3),goto_table:1"),
                     0);
    assert_int_equal(flow_mod(f, OFPFC_ADD,
                              "table=1,udp,tp_dst=2000,actions="
                              "write_actions(output:2)"),
                     0);
    inject(f, 1);
    assert_int_equal(drain(f, 2, NULL, NULL), 1);
    assert_int_equal(drain(f, 3, NULL, NULL), 0);
}

static void
test_counters_credited_from_megaflows(void **state)
{
    struct fixture *f = *state;
    struct cls_cursor cursor;
    const struct cls_rule *cr;
    const struct rule *rule;

    assert_int_equal(flow_mod(f, OFPFC_ADD, "in_port=1,actions=output:2"), 0);
    for (int i = 0; i < 5; i++) {
        inject(f, 1);
    }
    assert_int_equal(drain(f, 2, NULL, NULL), 5);
    ofproto_sync_stats(f->ofproto);
    cls_cursor_init(&cursor, &f->ofproto->tables[0].cls, NULL,
                    f->ofproto->version);
    cr = cls_cursor_next(&cursor);
    assert_non_null(cr);
    rule = (const struct rule *) cr;
    assert_int_equal(rule->n_packets, 5);
    assert_int_equal(rule->n_bytes, 5 * sizeof udp_frame);
}

static void
test_trace_names_table_rule_and_actions(void **state)
{
    struct fixture *f = *state;
    struct flow_match m;
    struct strbuf sb;
    char *error = NULL;

    assert_int_equal(
        flow_mod(f, OFPFC_ADD, "priority=7,in_port=1,udp,actions=output:2"), 0);
    assert_int_equal(
        ofp_text_parse_match("in_port=1,udp,tp_dst=53", NULL, &m, &error), 0);
    strbuf_init(&sb);
    assert_int_equal(ofproto_trace(f->ofproto, &m.key, &sb, &error), 0);
    assert_non_null(strstr(strbuf_str(&sb), "table 0: matched rule"));
    assert_non_null(strstr(strbuf_str(&sb), "priority=7"));
    assert_non_null(strstr(strbuf_str(&sb), "Datapath actions: output:"));
    strbuf_free(&sb);

    /* An unknown in_port is the user's error, with a sentence. */
    m.key.in_port = 99;
    strbuf_init(&sb);
    assert_int_not_equal(ofproto_trace(f->ofproto, &m.key, &sb, &error), 0);
    assert_non_null(error);
    free(error);
    strbuf_free(&sb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
        T(test_output_follows_flow_and_its_changes),
        T(test_table_miss_drops),
        T(test_push_vlan_and_set_field),
        T(test_goto_table_and_action_set),
        T(test_counters_credited_from_megaflows),
        T(test_trace_names_table_rule_and_actions),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
