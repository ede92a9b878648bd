/* Tests for the dpif dispatch layer (datapath/dpif.c) and the dummy
 * datapath (datapath/dpif_dummy*.c).
 *
 * Frames are built byte by byte here; expected outputs are written out by
 * hand, not computed by the code under test.  Megaflows are installed with
 * dpif_flow_put() and action lists built with dp_actions_put_*().  The
 * test thread is an RCU reader, as dpif_dummy_receive() requires; meters
 * run on a fake clock so that their counts are exact. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "datapath/dpif_dummy.h"
#include "lib/buf.h"
#include "lib/rcu.h"

#define FRAME_LEN 60

/* An Ethernet + IPv4 + UDP frame from 10.0.0.1 to 10.0.0.2, UDP source
 * port 'sport', 18 bytes of payload. */
static void
build_udp(uint8_t *f, uint16_t sport)
{
    static const uint8_t head[] = {
        0x00, 0x00, 0x00, 0x00, 0x00, 0x02, /* dst */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x01, /* src */
        0x08, 0x00,                         /* IPv4 */
        0x45, 0x00, 0x00, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x40, 0x11,
        0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, /* IPv4 */
    };

    memset(f, 0xab, FRAME_LEN);
    memcpy(f, head, sizeof head);
    f[34] = sport >> 8;
    f[35] = sport & 0xff;
    f[36] = 0x00; /* dport 53 */
    f[37] = 53;
    f[38] = 0x00; /* length 26 */
    f[39] = 26;
    f[40] = f[41] = 0; /* no checksum */
}

static long long fake_ns;

static long long
fake_clock(void *aux)
{
    (void) aux;
    return fake_ns;
}

static struct dpif *
open_dp(const char *name)
{
    struct dpif *dpif;
    char *error;

    assert_int_equal(dpif_open("dummy", name, &dpif, &error), 0);
    assert_null(error);
    return dpif;
}

static void
close_dp(struct dpif *dpif)
{
    dpif_close(dpif);
    rcu_barrier();
}

static uint32_t
add_port(struct dpif *dpif, const char *name, const char *type, uint32_t want,
         const char *sock_key, const char *sock_path)
{
    struct dpif_option opt = {sock_key, sock_path};
    struct dpif_port_config cfg = {
        .name = name,
        .type = type,
        .options = sock_key ? &opt : NULL,
        .n_options = sock_key ? 1 : 0,
        .port_no = want,
    };
    uint32_t port_no = 0;
    char *error = NULL;
    int retval = dpif_port_add(dpif, &cfg, &port_no, &error);

    if (retval) {
        fail_msg("adding port %s: %s", name, error);
    }
    return port_no;
}

static uint32_t
add_memory_port(struct dpif *dpif, const char *name)
{
    return add_port(dpif, name, "dummy", DPIF_PORT_ANY, NULL, NULL);
}

/* A match on the input port only. */
static struct flow_match
match_in_port(uint32_t in_port)
{
    struct flow_match m;

    memset(&m, 0, sizeof m);
    m.key.in_port = in_port;
    m.mask.bits.in_port = UINT32_MAX;
    return m;
}

static void
put_flow(struct dpif *dpif, uint32_t in_port, const struct buf *actions)
{
    struct flow_match m = match_in_port(in_port);

    assert_int_equal(dpif_flow_put(dpif, &m, actions->data, actions->size,
                                   DPIF_FP_CREATE, NULL),
                     0);
}

static void
put_output_flow(struct dpif *dpif, uint32_t in_port, uint32_t out_port)
{
    struct buf b = BUF_INIT;

    dp_actions_put_output(&b, out_port);
    put_flow(dpif, in_port, &b);
    buf_free(&b);
}

/* Asserts that 'port_no' sent exactly the 'len' bytes at 'want' next. */
static void
expect_output(struct dpif *dpif, uint32_t port_no, const uint8_t *want,
              size_t len)
{
    struct dp_packet *p;

    assert_int_equal(dpif_dummy_take_output(dpif, port_no, &p), 0);
    assert_int_equal(dp_packet_size(p), len);
    assert_memory_equal(dp_packet_data(p), want, len);
    dp_packet_delete(p);
}

static void
expect_no_output(struct dpif *dpif, uint32_t port_no)
{
    struct dp_packet *p;

    assert_int_equal(dpif_dummy_take_output(dpif, port_no, &p), -EAGAIN);
    assert_null(p);
}

static void
send_udp(struct dpif *dpif, uint32_t port_no, uint16_t sport)
{
    uint8_t f[FRAME_LEN];

    build_udp(f, sport);
    assert_int_equal(dpif_dummy_receive(dpif, port_no, f, sizeof f), 0);
}

static struct dpif_dp_stats
dp_stats(struct dpif *dpif)
{
    struct dpif_dp_stats s;

    assert_int_equal(dpif_get_stats(dpif, &s), 0);
    return s;
}

/* Dispatch and opening. */

static int
null_open(const struct dpif_class *class, const char *name, struct dpif **dpifp,
          char **errorp)
{
    struct dpif *dpif = calloc(1, sizeof *dpif);

    (void) errorp;
    dpif_init(dpif, class, name);
    *dpifp = dpif;
    return 0;
}

static void
null_close(struct dpif *dpif)
{
    dpif_uninit(dpif);
    free(dpif);
}

static const struct dpif_class null_class = {
    .type = "test-null",
    .open = null_open,
    .close = null_close,
};

static void
test_dispatch_returns_eopnotsupp_for_missing_members(void **state)
{
    struct dpif_meter_config mc = {.flags = DPIF_METER_PKTPS};
    struct flow_match m = match_in_port(1);
    struct dpif_port_config cfg = {"p", "dummy", NULL, 0, DPIF_PORT_ANY};
    struct dpif_upcall up;
    struct dpif_port port;
    struct dpif *dpif;
    char *error;

    (void) state;
    assert_int_equal(dpif_register_class(&null_class), 0);
    assert_int_equal(dpif_register_class(&null_class), -EEXIST);
    assert_ptr_equal(dpif_class_lookup("test-null"), &null_class);
    assert_int_equal(dpif_open("test-null", "n0", &dpif, &error), 0);
    assert_string_equal(dpif->name, "n0");
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EOPNOTSUPP);
    assert_int_equal(dpif_port_query(dpif, 1, &port), -EOPNOTSUPP);
    assert_int_equal(dpif_flow_put(dpif, &m, NULL, 0, DPIF_FP_CREATE, NULL),
                     -EOPNOTSUPP);
    assert_int_equal(dpif_flow_flush(dpif), -EOPNOTSUPP);
    assert_int_equal(dpif_recv(dpif, &up), -EOPNOTSUPP);
    assert_int_equal(dpif_recv_fd(dpif), -EOPNOTSUPP);
    assert_int_equal(dpif_meter_set(dpif, 1, &mc), -EOPNOTSUPP);
    assert_int_equal(dpif_qos_set(dpif, 1, NULL, &error), -EOPNOTSUPP);
    assert_non_null(error);
    free(error);
    assert_int_equal(dpif_port_change_seq(dpif), 0);
    dpif_register_upcall(dpif, NULL, NULL); /* Must not crash. */
    dpif_close(dpif);
    dpif_close(NULL);
}

static void
test_open_rejects_unknown_type_and_duplicate_name(void **state)
{
    struct dpif *dpif = open_dp("dup0"), *other;
    char *error;

    (void) state;
    assert_int_equal(dpif_open("nonesuch", "x", &other, &error), -ENOENT);
    assert_null(other);
    assert_non_null(strstr(error, "nonesuch"));
    assert_non_null(strstr(error, "dummy"));
    free(error);
    assert_int_equal(dpif_open("dummy", "dup0", &other, &error), -EBUSY);
    assert_non_null(strstr(error, "dup0"));
    free(error);
    close_dp(dpif);
    /* Closed, the name is free again. */
    close_dp(open_dp("dup0"));
}

static void
test_dispatch_rejects_invalid_arguments(void **state)
{
    struct dpif *dpif = open_dp("args0");
    struct flow_match m = match_in_port(1);
    struct dpif_meter_config mc = {
        .flags = DPIF_METER_PKTPS | DPIF_METER_KBPS,
        .n_bands = 1,
        .bands = {{10, 0}},
    };
    static const uint8_t bad_actions[8] = {0xff, 0xff, 8, 0};

    (void) state;
    assert_int_equal(dpif_flow_put(dpif, &m, bad_actions, sizeof bad_actions,
                                   DPIF_FP_CREATE, NULL),
                     -EINVAL);
    assert_int_equal(dpif_flow_put(dpif, &m, NULL, 0, 0, NULL), -EINVAL);
    assert_int_equal(dpif_meter_set(dpif, 1, &mc), -EINVAL);
    mc.flags = DPIF_METER_PKTPS;
    assert_int_equal(dpif_meter_set(dpif, 0, &mc), -EINVAL);
    mc.bands[0].rate = 0;
    assert_int_equal(dpif_meter_set(dpif, 1, &mc), -EINVAL);
    assert_int_equal(
        dpif_execute(dpif, dp_packet_new(64), bad_actions, sizeof bad_actions),
        -EINVAL);
    close_dp(dpif);
}

/* Ports. */

static void
test_port_numbers_are_wanted_or_lowest_free(void **state)
{
    struct dpif *dpif = open_dp("ports0");
    struct dpif_port *ports;
    size_t n;

    (void) state;
    assert_int_equal(add_memory_port(dpif, "a"), 1);
    assert_int_equal(add_port(dpif, "b", "dummy", 5, NULL, NULL), 5);
    assert_int_equal(add_memory_port(dpif, "c"), 2);
    assert_int_equal(add_port(dpif, "LOCAL", "internal", 0, NULL, NULL), 0);
    assert_int_equal(dpif_port_del(dpif, 1), 0);
    assert_int_equal(dpif_port_del(dpif, 1), -ENOENT);
    assert_int_equal(add_memory_port(dpif, "d"), 1);
    assert_int_equal(add_memory_port(dpif, "e"), 3);

    assert_int_equal(dpif_port_dump(dpif, &ports, &n), 0);
    assert_int_equal(n, 5);
    static const uint32_t want[] = {0, 1, 2, 3, 5};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ports[i].port_no, want[i]);
        dpif_port_destroy(&ports[i]);
    }
    free(ports);
    close_dp(dpif);
}

static void
test_port_add_rejects_bad_config_with_a_sentence(void **state)
{
    struct dpif *dpif = open_dp("ports1");
    struct dpif_option bad = {"speed", "10"};
    struct dpif_port_config cfg = {"a", "dummy", NULL, 0, DPIF_PORT_ANY};
    char *error;

    (void) state;
    add_memory_port(dpif, "a");
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EEXIST);
    assert_non_null(strstr(error, "\"a\""));
    free(error);

    cfg.name = "b";
    cfg.port_no = 1;
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EEXIST);
    assert_non_null(strstr(error, "number 1"));
    free(error);

    cfg.port_no = DPIF_PORT_ANY;
    cfg.type = "vhostuser";
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EINVAL);
    assert_non_null(strstr(error, "vhostuser"));
    free(error);

    cfg.type = "dummy";
    cfg.options = &bad;
    cfg.n_options = 1;
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EINVAL);
    assert_non_null(strstr(error, "speed"));
    free(error);

    bad = (struct dpif_option){"sock", ""};
    assert_int_equal(dpif_port_add(dpif, &cfg, NULL, &error), -EINVAL);
    assert_non_null(strstr(error, "path"));
    free(error);

    /* Nothing of the failed attempts stayed. */
    struct dpif_port port;
    assert_int_equal(dpif_port_query_by_name(dpif, "b", &port), -ENOENT);
    close_dp(dpif);
}

static void
test_port_query_reports_stable_local_mac_and_link(void **state)
{
    struct dpif *dp1 = open_dp("mac0"), *dp2 = open_dp("mac1");
    struct dpif_port p1, p2;
    uint64_t seq = dpif_port_change_seq(dp1);

    (void) state;
    add_port(dp1, "br0", "internal", DPIF_PORT_ANY, NULL, NULL);
    assert_true(dpif_port_change_seq(dp1) > seq);
    add_memory_port(dp2, "x");
    add_port(dp2, "br0", "internal", DPIF_PORT_ANY, NULL, NULL);

    assert_int_equal(dpif_port_query_by_name(dp1, "br0", &p1), 0);
    assert_int_equal(dpif_port_query(dp2, 2, &p2), 0);
    assert_string_equal(p1.name, "br0");
    assert_string_equal(p1.type, "internal");
    assert_true(p1.link_up);
    assert_true(p1.admin_up);
    assert_memory_equal(&p1.hw_addr, &p2.hw_addr, sizeof p1.hw_addr);
    assert_int_equal(p1.hw_addr.ea[0] & 0x03, 0x02); /* Local, unicast. */
    dpif_port_destroy(&p1);
    dpif_port_destroy(&p2);

    seq = dpif_port_change_seq(dp1);
    assert_int_equal(dpif_port_del(dp1, 1), 0);
    assert_true(dpif_port_change_seq(dp1) > seq);
    close_dp(dp1);
    close_dp(dp2);
}

/* Forwarding through megaflows. */

static void
test_megaflow_forwards_frame_and_counts(void **state)
{
    struct dpif *dpif = open_dp("fwd0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    struct dpif_port_stats st;
    uint8_t f[FRAME_LEN];

    (void) state;
    put_output_flow(dpif, p1, p2);
    send_udp(dpif, p1, 1000);
    build_udp(f, 1000);
    expect_output(dpif, p2, f, sizeof f);
    expect_no_output(dpif, p2);
    expect_no_output(dpif, p1);

    assert_int_equal(dpif_port_get_stats(dpif, p1, &st), 0);
    assert_int_equal(st.rx_packets, 1);
    assert_int_equal(st.rx_bytes, FRAME_LEN);
    assert_int_equal(st.tx_packets, 0);
    assert_int_equal(dpif_port_get_stats(dpif, p2, &st), 0);
    assert_int_equal(st.tx_packets, 1);
    assert_int_equal(st.tx_bytes, FRAME_LEN);
    assert_int_equal(dp_stats(dpif).n_hit, 1);
    assert_int_equal(dp_stats(dpif).n_flows, 1);
    assert_int_equal(dp_stats(dpif).n_masks, 1);

    /* Short frames are errors; unknown ports are refused. */
    assert_int_equal(dpif_dummy_receive(dpif, p1, f, 13), -EINVAL);
    assert_int_equal(dpif_dummy_receive(dpif, 99, f, sizeof f), -ENODEV);
    assert_int_equal(dpif_port_get_stats(dpif, p1, &st), 0);
    assert_int_equal(st.rx_errors, 1);
    close_dp(dpif);
}

static void
test_output_to_in_port_is_allowed(void **state)
{
    struct dpif *dpif = open_dp("inport0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint8_t f[FRAME_LEN];

    (void) state;
    put_output_flow(dpif, p1, p1);
    send_udp(dpif, p1, 7);
    build_udp(f, 7);
    expect_output(dpif, p1, f, sizeof f);
    close_dp(dpif);
}

static void
test_vlan_push_then_pop(void **state)
{
    struct dpif *dpif = open_dp("vlan0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    uint32_t p3 = add_memory_port(dpif, "p3");
    uint8_t f[FRAME_LEN], tagged[FRAME_LEN + 4];
    struct buf b = BUF_INIT;
    struct dp_packet *p;

    (void) state;
    dp_actions_put_push_vlan(&b, htons(0x8100), htons(PKT_VLAN_CFI | 10));
    dp_actions_put_output(&b, p2);
    put_flow(dpif, p1, &b);
    buf_clear(&b);
    dp_actions_put_pop_vlan(&b);
    dp_actions_put_output(&b, p3);
    put_flow(dpif, p2, &b);
    buf_free(&b);

    build_udp(f, 1);
    memcpy(tagged, f, 12);
    memcpy(tagged + 12, "\x81\x00\x00\x0a", 4); /* DEI written as 0. */
    memcpy(tagged + 16, f + 12, FRAME_LEN - 12);

    send_udp(dpif, p1, 1);
    expect_output(dpif, p2, tagged, sizeof tagged);

    /* What p2 sent, fed back in on p2, comes out of p3 untagged. */
    assert_int_equal(dpif_dummy_receive(dpif, p2, tagged, sizeof tagged), 0);
    assert_int_equal(dpif_dummy_take_output(dpif, p3, &p), 0);
    assert_int_equal(dp_packet_size(p), FRAME_LEN);
    assert_memory_equal(dp_packet_data(p), f, FRAME_LEN);
    dp_packet_delete(p);
    close_dp(dpif);
}

static void
test_set_field_rewrites_mac_and_udp_port(void **state)
{
    struct dpif *dpif = open_dp("set0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    static const uint8_t mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
    be16 port = htons(4242);
    uint8_t f[FRAME_LEN];
    struct buf b = BUF_INIT;

    (void) state;
    dp_actions_put_set_field(&b, DP_FIELD_ETH_DST, mac, NULL);
    dp_actions_put_set_field(&b, DP_FIELD_TP_DST, &port, NULL);
    dp_actions_put_output(&b, p2);
    put_flow(dpif, p1, &b);
    buf_free(&b);

    send_udp(dpif, p1, 1);
    build_udp(f, 1);
    memcpy(f, mac, 6);
    f[36] = 4242 >> 8;
    f[37] = 4242 & 0xff;
    /* The UDP checksum was 0 ("none") and stays 0. */
    expect_output(dpif, p2, f, sizeof f);
    close_dp(dpif);
}

static void
test_clone_sends_to_two_ports(void **state)
{
    struct dpif *dpif = open_dp("clone0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    uint32_t p3 = add_memory_port(dpif, "p3");
    static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x99};
    uint8_t f[FRAME_LEN], g[FRAME_LEN];
    struct buf b = BUF_INIT;
    size_t start;

    (void) state;
    start = dp_actions_start_clone(&b);
    dp_actions_put_set_field(&b, DP_FIELD_ETH_DST, mac, NULL);
    dp_actions_put_output(&b, p2);
    assert_int_equal(dp_actions_end_clone(&b, start), 0);
    dp_actions_put_output(&b, p3);
    put_flow(dpif, p1, &b);
    buf_free(&b);

    send_udp(dpif, p1, 3);
    build_udp(f, 3);
    memcpy(g, f, sizeof f);
    memcpy(g, mac, 6);
    expect_output(dpif, p2, g, sizeof g);
    expect_output(dpif, p3, f, sizeof f); /* The clone changed a copy. */
    close_dp(dpif);
}

/* Misses and upcalls. */

struct upcall_rec {
    int n_calls;
    int retval;
    uint32_t out_port;
    uint32_t in_port_seen;
};

static int
test_upcall(const struct dp_packet *packet, const struct flow_key *key,
            struct buf *actions, struct flow_mask *wc, void *aux)
{
    struct upcall_rec *r = aux;

    assert_int_equal(dp_packet_size(packet), FRAME_LEN);
    r->n_calls++;
    r->in_port_seen = key->in_port;
    if (r->retval) {
        return r->retval;
    }
    dp_actions_put_output(actions, r->out_port);
    wc->bits.in_port = UINT32_MAX;
    wc->bits.tp_src = htons(0xffff);
    return 0;
}

struct dump_rec {
    int n;
    struct flow_match match;
    struct dpif_flow_stats stats;
    uint8_t actions[64];
    size_t actions_len;
};

static int
record_dump(const struct dpif_flow *flow, void *aux)
{
    struct dump_rec *d = aux;

    d->n++;
    d->match = *flow->match;
    d->stats = flow->stats;
    assert_true(flow->actions_len <= sizeof d->actions);
    memcpy(d->actions, flow->actions, flow->actions_len);
    d->actions_len = flow->actions_len;
    return 0;
}

static void
test_miss_calls_upcall_once_and_installs_megaflow(void **state)
{
    struct dpif *dpif = open_dp("miss0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    struct upcall_rec r = {.out_port = p2};
    struct dump_rec d = {0};
    struct dpif_dp_stats s;
    uint8_t f[FRAME_LEN];

    (void) state;
    fake_ns = 5000000000LL;
    dpif_dummy_set_clock(dpif, fake_clock, NULL);
    dpif_register_upcall(dpif, test_upcall, &r);
    send_udp(dpif, p1, 100);
    send_udp(dpif, p1, 100);
    assert_int_equal(r.n_calls, 1);
    assert_int_equal(r.in_port_seen, p1);
    build_udp(f, 100);
    expect_output(dpif, p2, f, sizeof f);
    expect_output(dpif, p2, f, sizeof f);

    s = dp_stats(dpif);
    assert_int_equal(s.n_missed, 1);
    assert_int_equal(s.n_hit, 1);
    assert_int_equal(s.n_lost, 0);
    assert_int_equal(s.n_flows, 1);

    assert_int_equal(dpif_flow_dump(dpif, record_dump, &d), 0);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.match.key.in_port, p1);
    assert_int_equal(d.match.key.tp_src, htons(100));
    assert_int_equal(d.match.mask.bits.tp_dst, 0); /* Not in the mask. */
    assert_int_equal(d.stats.n_packets, 2);        /* The missed one counts. */
    assert_int_equal(d.stats.n_bytes, 2 * FRAME_LEN);
    assert_int_equal(d.stats.used_ms, 5000);

    /* Another source port is another megaflow. */
    send_udp(dpif, p1, 101);
    assert_int_equal(r.n_calls, 2);
    assert_int_equal(dp_stats(dpif).n_flows, 2);
    assert_int_equal(dp_stats(dpif).n_masks, 1);
    close_dp(dpif);
}

static void
test_miss_without_upcall_or_with_error_is_lost(void **state)
{
    struct dpif *dpif = open_dp("lost0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    struct upcall_rec r = {.retval = -EIO};

    (void) state;
    send_udp(dpif, p1, 1);
    assert_int_equal(dp_stats(dpif).n_lost, 1);
    dpif_register_upcall(dpif, test_upcall, &r);
    send_udp(dpif, p1, 1);
    assert_int_equal(r.n_calls, 1);
    assert_int_equal(dp_stats(dpif).n_missed, 2);
    assert_int_equal(dp_stats(dpif).n_lost, 2);
    assert_int_equal(dp_stats(dpif).n_flows, 0);
    expect_no_output(dpif, p1);
    close_dp(dpif);
}

static void
test_flow_put_modify_delete_and_flush(void **state)
{
    struct dpif *dpif = open_dp("flows0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    uint32_t p3 = add_memory_port(dpif, "p3");
    struct flow_match m = match_in_port(p1);
    struct dpif_flow_stats st;
    struct buf b = BUF_INIT;
    struct dump_rec d = {0};
    uint8_t f[FRAME_LEN];

    (void) state;
    build_udp(f, 9);
    dp_actions_put_output(&b, p2);
    assert_int_equal(
        dpif_flow_put(dpif, &m, b.data, b.size, DPIF_FP_MODIFY, NULL), -ENOENT);
    assert_int_equal(
        dpif_flow_put(dpif, &m, b.data, b.size, DPIF_FP_CREATE, NULL), 0);
    assert_int_equal(
        dpif_flow_put(dpif, &m, b.data, b.size, DPIF_FP_CREATE, NULL), -EEXIST);
    send_udp(dpif, p1, 9);
    expect_output(dpif, p2, f, sizeof f);

    /* Modify: the next packet takes the new actions; stats are returned
     * and zeroed. */
    buf_clear(&b);
    dp_actions_put_output(&b, p3);
    assert_int_equal(dpif_flow_put(dpif, &m, b.data, b.size,
                                   DPIF_FP_MODIFY | DPIF_FP_ZERO_STATS, &st),
                     0);
    assert_int_equal(st.n_packets, 1);
    send_udp(dpif, p1, 9);
    expect_no_output(dpif, p2);
    expect_output(dpif, p3, f, sizeof f);
    assert_int_equal(dpif_flow_dump(dpif, record_dump, &d), 0);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.stats.n_packets, 1);
    assert_int_equal(d.actions_len, b.size);
    assert_memory_equal(d.actions, b.data, b.size);

    assert_int_equal(dpif_flow_del(dpif, &m, &st), 0);
    assert_int_equal(st.n_packets, 1);
    assert_int_equal(st.n_bytes, FRAME_LEN);
    assert_int_equal(dpif_flow_del(dpif, &m, NULL), -ENOENT);

    /* Deleted: the exact-match cache must not keep forwarding. */
    send_udp(dpif, p1, 9);
    expect_no_output(dpif, p3);
    assert_int_equal(dp_stats(dpif).n_lost, 1);

    put_flow(dpif, p1, &b);
    put_flow(dpif, p2, &b);
    assert_int_equal(dp_stats(dpif).n_flows, 2);
    assert_int_equal(dpif_flow_flush(dpif), 0);
    assert_int_equal(dp_stats(dpif).n_flows, 0);
    assert_int_equal(dp_stats(dpif).n_masks, 0);
    buf_free(&b);
    close_dp(dpif);
}

static int
stop_dump(const struct dpif_flow *flow, void *aux)
{
    (void) flow;
    ++*(int *) aux;
    return 7;
}

static void
test_flow_dump_stops_at_nonzero_return(void **state)
{
    struct dpif *dpif = open_dp("dump0");
    int n = 0;

    (void) state;
    for (uint32_t i = 1; i <= 3; i++) {
        put_output_flow(dpif, i, 1);
    }
    assert_int_equal(dpif_flow_dump(dpif, stop_dump, &n), 7);
    assert_int_equal(n, 1);
    close_dp(dpif);
}

/* Userspace. */

static bool
fd_readable(int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};

    return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

static void
test_userspace_action_queues_packet_and_cookie(void **state)
{
    struct dpif *dpif = open_dp("user0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    static const uint8_t cookie[5] = {1, 2, 3, 4, 5};
    int fd = dpif_recv_fd(dpif);
    struct dpif_upcall up;
    struct buf b = BUF_INIT;
    uint8_t f[FRAME_LEN];

    (void) state;
    assert_true(fd >= 0);
    assert_int_equal(dp_actions_put_userspace(&b, cookie, sizeof cookie), 0);
    put_flow(dpif, p1, &b);
    buf_free(&b);

    assert_false(fd_readable(fd));
    assert_int_equal(dpif_recv(dpif, &up), -EAGAIN);
    send_udp(dpif, p1, 77);
    send_udp(dpif, p1, 78);
    assert_true(fd_readable(fd));

    build_udp(f, 77);
    assert_int_equal(dpif_recv(dpif, &up), 0);
    assert_int_equal(up.in_port, p1);
    assert_int_equal(up.cookie_len, sizeof cookie);
    assert_memory_equal(up.cookie, cookie, sizeof cookie);
    assert_int_equal(dp_packet_size(up.packet), FRAME_LEN);
    assert_memory_equal(dp_packet_data(up.packet), f, FRAME_LEN);
    dp_packet_delete(up.packet);
    assert_true(fd_readable(fd));
    assert_int_equal(dpif_recv(dpif, &up), 0);
    dp_packet_delete(up.packet);
    assert_false(fd_readable(fd));
    assert_int_equal(dpif_recv(dpif, &up), -EAGAIN);

    /* The queue is bounded: overflows count as lost. */
    for (int i = 0; i < DPIF_DUMMY_RECVQ_MAX + 3; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(dp_stats(dpif).n_lost, 3);
    close_dp(dpif); /* Frees what is still queued. */
}

static void
test_memory_port_tx_queue_is_bounded(void **state)
{
    struct dpif *dpif = open_dp("txq0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    struct dpif_port_stats st;

    (void) state;
    put_output_flow(dpif, p1, p2);
    for (int i = 0; i < DPIF_DUMMY_TXQ_MAX + 2; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(dpif_port_get_stats(dpif, p2, &st), 0);
    assert_int_equal(st.tx_packets, DPIF_DUMMY_TXQ_MAX);
    assert_int_equal(st.tx_dropped, 2);
    close_dp(dpif); /* Frees what is still queued. */
}

static void
test_admin_down_port_neither_receives_nor_sends(void **state)
{
    struct dpif *dpif = open_dp("admin0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    struct dpif_port_stats st;
    uint8_t f[FRAME_LEN];

    (void) state;
    build_udp(f, 1);
    put_output_flow(dpif, p1, p2);
    assert_int_equal(dpif_port_set_admin(dpif, p2, false), 0);
    send_udp(dpif, p1, 1);
    expect_no_output(dpif, p2);
    assert_int_equal(dpif_port_get_stats(dpif, p2, &st), 0);
    assert_int_equal(st.tx_dropped, 1);

    assert_int_equal(dpif_port_set_admin(dpif, p1, false), 0);
    assert_int_equal(dpif_dummy_receive(dpif, p1, f, sizeof f), -ENETDOWN);
    assert_int_equal(dpif_port_get_stats(dpif, p1, &st), 0);
    assert_int_equal(st.rx_dropped, 1);
    assert_int_equal(st.rx_packets, 1);
    assert_int_equal(dpif_port_set_admin(dpif, 42, false), -ENOENT);
    close_dp(dpif);
}

static void
test_execute_runs_packet_out_actions(void **state)
{
    struct dpif *dpif = open_dp("exec0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    uint8_t f[FRAME_LEN];
    struct buf b = BUF_INIT;
    struct dp_packet *p;

    (void) state;
    build_udp(f, 5);
    dp_actions_put_output(&b, p2);
    dp_actions_put_output(&b, DPIF_PORT_ANY); /* IN_PORT of no port. */
    p = dp_packet_new_with_data(f, sizeof f);
    p->in_port = DPIF_PORT_ANY;
    assert_int_equal(dpif_execute(dpif, p, b.data, b.size), 0);
    expect_output(dpif, p2, f, sizeof f);
    expect_no_output(dpif, p1);

    buf_clear(&b);
    dp_actions_put_output(&b, p1);
    p = dp_packet_new_with_data(f, sizeof f);
    p->in_port = p1;
    assert_int_equal(dpif_execute(dpif, p, b.data, b.size), 0);
    expect_output(dpif, p1, f, sizeof f);
    assert_int_equal(dp_stats(dpif).n_hit, 0); /* Not a datapath packet. */
    buf_free(&b);
    close_dp(dpif);
}

/* Meters. */

static void
setup_meter_flow(struct dpif *dpif, uint32_t in, uint32_t out,
                 uint32_t meter_id)
{
    struct buf b = BUF_INIT;

    dp_actions_put_meter(&b, meter_id);
    dp_actions_put_output(&b, out);
    put_flow(dpif, in, &b);
    buf_free(&b);
}

static int
drain(struct dpif *dpif, uint32_t port_no)
{
    struct dp_packet *p;
    int n = 0;

    while (!dpif_dummy_take_output(dpif, port_no, &p)) {
        dp_packet_delete(p);
        n++;
    }
    return n;
}

static void
test_pktps_meter_passes_burst_then_rate(void **state)
{
    struct dpif *dpif = open_dp("meter0");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    struct dpif_meter_config mc = {
        .flags = DPIF_METER_PKTPS | DPIF_METER_BURST | DPIF_METER_STATS,
        .n_bands = 1,
        .bands = {{.rate = 10, .burst_size = 5}},
    };
    struct dpif_meter_stats ms;

    (void) state;
    fake_ns = 1000000000LL;
    dpif_dummy_set_clock(dpif, fake_clock, NULL);
    assert_int_equal(dpif_meter_set(dpif, 7, &mc), 0);
    setup_meter_flow(dpif, p1, p2, 7);

    for (int i = 0; i < 8; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 5);

    /* 250 ms at 10 packets/s: 2.5 tokens, so 2 packets. */
    fake_ns += 250000000LL;
    for (int i = 0; i < 4; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 2);
    /* The half token left and 50 ms more make one. */
    fake_ns += 50000000LL;
    send_udp(dpif, p1, 1);
    send_udp(dpif, p1, 1);
    assert_int_equal(drain(dpif, p2), 1);

    /* A long pause only fills the bucket up to its burst. */
    fake_ns += 3600LL * 1000000000LL;
    for (int i = 0; i < 9; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 5);

    assert_int_equal(dpif_meter_get_stats(dpif, 7, &ms), 0);
    assert_int_equal(ms.n_bands, 1);
    assert_int_equal(ms.packet_in_count, 23);
    assert_int_equal(ms.byte_in_count, 23 * FRAME_LEN);
    assert_int_equal(ms.band_packets[0], 23 - 13);
    assert_int_equal(ms.band_bytes[0], (23 - 13) * FRAME_LEN);
    close_dp(dpif);
}

static void
test_kbps_meter_counts_frame_bits(void **state)
{
    struct dpif *dpif = open_dp("meter1");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    /* 48 kbit/s, burst 4.8 kbit: 10 frames of 60 bytes (480 bits). */
    struct dpif_meter_config mc = {
        .flags = DPIF_METER_KBPS,
        .n_bands = 1,
        .bands = {{.rate = 48, .burst_size = 5}},
    };

    (void) state;
    fake_ns = 0;
    dpif_dummy_set_clock(dpif, fake_clock, NULL);
    /* Without DPIF_METER_BURST the burst is one second: 100 frames. */
    assert_int_equal(dpif_meter_set(dpif, 1, &mc), 0);
    setup_meter_flow(dpif, p1, p2, 1);
    for (int i = 0; i < 120; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 100);

    /* With it, 5 kbit: 10 frames (4800 bits), not 11. */
    mc.flags |= DPIF_METER_BURST;
    assert_int_equal(dpif_meter_set(dpif, 1, &mc), 0);
    for (int i = 0; i < 20; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 10);
    /* 10 ms at 48 kbit/s: 480 bits, one frame... plus the 200 bits left. */
    fake_ns += 10000000LL;
    for (int i = 0; i < 3; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 1);
    close_dp(dpif);
}

/* Sends 6 packets at once through a meter with a 10/s band of burst 2 and
 * a 100/s band of burst 4, listed in 'order' (0: the 10/s band first). */
static void
check_two_band_meter(struct dpif *dpif, uint32_t in, uint32_t out, int order)
{
    const struct dpif_meter_band slow = {.rate = 10, .burst_size = 2};
    const struct dpif_meter_band fast = {.rate = 100, .burst_size = 4};
    struct dpif_meter_config mc = {
        .flags = DPIF_METER_PKTPS | DPIF_METER_BURST,
        .n_bands = 2,
    };
    uint32_t meter_id = 10 + order;
    struct dpif_meter_stats ms;

    mc.bands[order] = slow;
    mc.bands[!order] = fast;
    assert_int_equal(dpif_meter_set(dpif, meter_id, &mc), 0);
    setup_meter_flow(dpif, in, out, meter_id);
    for (int i = 0; i < 6; i++) {
        send_udp(dpif, in, 1);
    }
    /* Packets 1-2 fit both; 3-4 exceed only the 10/s band, which drops
     * them; 5-6 exceed both, and the 100/s band drops them. */
    assert_int_equal(drain(dpif, out), 2);
    assert_int_equal(dpif_meter_get_stats(dpif, meter_id, &ms), 0);
    assert_int_equal(ms.n_bands, 2);
    assert_int_equal(ms.band_packets[order], 2);
    assert_int_equal(ms.band_packets[!order], 2);
}

static void
test_meter_drops_by_highest_exceeded_band(void **state)
{
    struct dpif *dpif = open_dp("meter2");
    uint32_t p1 = add_memory_port(dpif, "p1");
    uint32_t p2 = add_memory_port(dpif, "p2");
    uint32_t p3 = add_memory_port(dpif, "p3");
    struct dpif_meter_stats ms;

    (void) state;
    fake_ns = 0;
    dpif_dummy_set_clock(dpif, fake_clock, NULL);
    check_two_band_meter(dpif, p1, p2, 0);
    check_two_band_meter(dpif, p3, p2, 1);

    /* Deleted, the meter no longer exists: its packets pass. */
    assert_int_equal(dpif_meter_del(dpif, 10), 0);
    assert_int_equal(dpif_meter_del(dpif, 10), -ENOENT);
    assert_int_equal(dpif_meter_get_stats(dpif, 10, &ms), -ENOENT);
    for (int i = 0; i < 6; i++) {
        send_udp(dpif, p1, 1);
    }
    assert_int_equal(drain(dpif, p2), 6);
    close_dp(dpif);
}

/* Unix-socket ports. */

static char sock_dir[64];

static void
sock_path(char *buf, size_t size, const char *name)
{
    if (!sock_dir[0]) {
        snprintf(sock_dir, sizeof sock_dir, "/tmp/dpif_dummy_XXXXXX");
        assert_non_null(mkdtemp(sock_dir));
    }
    snprintf(buf, size, "%s/%s", sock_dir, name);
}

static void
fill_sun(struct sockaddr_un *sun, const char *path)
{
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    assert_true(strlen(path) < sizeof sun->sun_path);
    memcpy(sun->sun_path, path, strlen(path) + 1);
}

static int
connect_to(const char *path)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

    assert_true(fd >= 0);
    fill_sun(&sun, path);
    assert_int_equal(connect(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    return fd;
}

/* Waits up to 5 s for the link of 'port_no' to be 'up'. */
static void
wait_link(struct dpif *dpif, uint32_t port_no, bool up)
{
    for (int i = 0; i < 5000; i++) {
        struct dpif_port port;
        bool link;

        assert_int_equal(dpif_port_query(dpif, port_no, &port), 0);
        link = port.link_up;
        dpif_port_destroy(&port);
        if (link == up) {
            return;
        }
        rcu_thread_offline();
        usleep(1000);
        rcu_thread_online();
    }
    fail_msg("link of port %u did not go %s", port_no, up ? "up" : "down");
}

/* Reads one datagram from 'fd' within 5 s; returns its length. */
static ssize_t
recv_within(int fd, uint8_t *buf, size_t size)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};

    rcu_thread_offline();
    int ready = poll(&pfd, 1, 5000);
    rcu_thread_online();
    assert_int_equal(ready, 1);
    return recv(fd, buf, size, 0);
}

static void
test_socket_ports_carry_frames_both_ways(void **state)
{
    struct dpif *dpif = open_dp("sock0");
    char path1[128], path2[128];
    uint8_t f[FRAME_LEN], got[2048];
    uint32_t s1, s2, m;
    uint64_t seq;
    int c1, c2;

    (void) state;
    sock_path(path1, sizeof path1, "s1");
    sock_path(path2, sizeof path2, "s2");
    s1 = add_port(dpif, "s1", "dummy", DPIF_PORT_ANY, "sock", path1);
    s2 = add_port(dpif, "s2", "dummy", DPIF_PORT_ANY, "sock", path2);
    m = add_memory_port(dpif, "m");
    put_output_flow(dpif, s1, s2);
    put_output_flow(dpif, m, s1);

    struct dpif_port port;
    assert_int_equal(dpif_port_query(dpif, s1, &port), 0);
    assert_false(port.link_up);
    dpif_port_destroy(&port);

    seq = dpif_port_change_seq(dpif);
    c1 = connect_to(path1);
    c2 = connect_to(path2);
    wait_link(dpif, s1, true);
    wait_link(dpif, s2, true);
    assert_true(dpif_port_change_seq(dpif) > seq);

    /* In on s1's socket, out of s2's. */
    build_udp(f, 4000);
    assert_int_equal(send(c1, f, sizeof f, 0), FRAME_LEN);
    assert_int_equal(recv_within(c2, got, sizeof got), FRAME_LEN);
    assert_memory_equal(got, f, FRAME_LEN);

    /* Injected on the memory port, out of s1's socket. */
    build_udp(f, 4001);
    assert_int_equal(dpif_dummy_receive(dpif, m, f, sizeof f), 0);
    assert_int_equal(recv_within(c1, got, sizeof got), FRAME_LEN);
    assert_memory_equal(got, f, FRAME_LEN);

    /* A runt on the socket is an rx error, not a frame. */
    assert_int_equal(send(c1, f, 10, 0), 10);
    close(c1);
    wait_link(dpif, s1, false);
    struct dpif_port_stats st;
    assert_int_equal(dpif_port_get_stats(dpif, s1, &st), 0);
    assert_int_equal(st.rx_packets, 1);
    assert_int_equal(st.rx_errors, 1);
    assert_int_equal(st.tx_packets, 1);

    assert_int_equal(dpif_port_del(dpif, s2), 0);
    close(c2);
    close_dp(dpif);
    /* The listening sockets' files are gone with their ports. */
    assert_int_equal(access(path1, F_OK), -1);
    assert_int_equal(access(path2, F_OK), -1);
}

static void
test_sock_connect_port_connects_to_a_listener(void **state)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    struct dpif *dpif = open_dp("sock1");
    uint8_t f[FRAME_LEN], got[2048];
    char path[128];
    uint32_t s, m;
    int lfd, conn;

    (void) state;
    sock_path(path, sizeof path, "peer");
    lfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    fill_sun(&sun, path);
    assert_int_equal(bind(lfd, (struct sockaddr *) &sun, sizeof sun), 0);
    assert_int_equal(listen(lfd, 1), 0);

    s = add_port(dpif, "c", "dummy", DPIF_PORT_ANY, "sock-connect", path);
    m = add_memory_port(dpif, "m");
    conn = accept(lfd, NULL, NULL);
    assert_true(conn >= 0);
    wait_link(dpif, s, true);
    put_output_flow(dpif, m, s);
    put_output_flow(dpif, s, m);

    build_udp(f, 1);
    assert_int_equal(dpif_dummy_receive(dpif, m, f, sizeof f), 0);
    assert_int_equal(recv_within(conn, got, sizeof got), FRAME_LEN);
    assert_memory_equal(got, f, FRAME_LEN);

    /* And back: the socket thread forwards it to the memory port. */
    build_udp(f, 2);
    assert_int_equal(send(conn, f, sizeof f, 0), FRAME_LEN);
    struct dp_packet *p = NULL;
    for (int i = 0; i < 5000 && dpif_dummy_take_output(dpif, m, &p); i++) {
        rcu_thread_offline();
        usleep(1000);
        rcu_thread_online();
    }
    assert_non_null(p);
    assert_memory_equal(dp_packet_data(p), f, FRAME_LEN);
    dp_packet_delete(p);

    close(conn);
    wait_link(dpif, s, false);
    close(lfd);
    unlink(path);
    close_dp(dpif);
}

static int
setup_suite(void **state)
{
    (void) state;
    rcu_register_thread();
    assert_int_equal(dpif_dummy_register(), 0);
    assert_int_equal(dpif_dummy_register(), -EEXIST);
    return 0;
}

static int
teardown_suite(void **state)
{
    (void) state;
    rcu_barrier();
    if (sock_dir[0]) {
        rmdir(sock_dir);
    }
    rcu_unregister_thread();
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dispatch_returns_eopnotsupp_for_missing_members),
        cmocka_unit_test(test_open_rejects_unknown_type_and_duplicate_name),
        cmocka_unit_test(test_dispatch_rejects_invalid_arguments),
        cmocka_unit_test(test_port_numbers_are_wanted_or_lowest_free),
        cmocka_unit_test(test_port_add_rejects_bad_config_with_a_sentence),
        cmocka_unit_test(test_port_query_reports_stable_local_mac_and_link),
        cmocka_unit_test(test_megaflow_forwards_frame_and_counts),
        cmocka_unit_test(test_output_to_in_port_is_allowed),
        cmocka_unit_test(test_vlan_push_then_pop),
        cmocka_unit_test(test_set_field_rewrites_mac_and_udp_port),
        cmocka_unit_test(test_clone_sends_to_two_ports),
        cmocka_unit_test(test_miss_calls_upcall_once_and_installs_megaflow),
        cmocka_unit_test(test_miss_without_upcall_or_with_error_is_lost),
        cmocka_unit_test(test_flow_put_modify_delete_and_flush),
        cmocka_unit_test(test_flow_dump_stops_at_nonzero_return),
        cmocka_unit_test(test_userspace_action_queues_packet_and_cookie),
        cmocka_unit_test(test_memory_port_tx_queue_is_bounded),
        cmocka_unit_test(test_admin_down_port_neither_receives_nor_sends),
        cmocka_unit_test(test_execute_runs_packet_out_actions),
        cmocka_unit_test(test_pktps_meter_passes_burst_then_rate),
        cmocka_unit_test(test_kbps_meter_counts_frame_bits),
        cmocka_unit_test(test_meter_drops_by_highest_exceeded_band),
        cmocka_unit_test(test_socket_ports_carry_frames_both_ways),
        cmocka_unit_test(test_sock_connect_port_connects_to_a_listener),
    };

    return cmocka_run_group_tests(tests, setup_suite, teardown_suite);
}
