/* VXLAN tunnel ports end to end in one process: an ofproto on a dummy
 * datapath with a VM port (1), an uplink (2) and a tunnel port (3): ARP on
 * the uplink, encapsulation of what goes to the tunnel, decapsulation and
 * recirculation of what comes from it, and the settings' errors. */
#include <arpa/inet.h>
#include <errno.h>
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
#include "lib/csum.h"
#include "lib/rcu.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto.h"
#include "ofproto/ofproto_private.h"
#include "tests/unit/switch_fixture.h"

#define VM 1
#define UPLINK 2
#define TUN 3

#define fixture switch_fixture

static int
set_tunnel(struct fixture *f, const char *const *kv, size_t n, char **error)
{
    struct dpif_option options[8];

    for (size_t i = 0; i < n; i++) {
        options[i].key = kv[2 * i];
        options[i].value = kv[2 * i + 1];
    }
    return ofproto_port_set_tunnel(f->ofproto, TUN, options, n, error);
}

static int
setup(void **state)
{
    static const char *const kv[] = {"local_ip", "192.168.50.1/24", "uplink",
                                     "up"};
    struct switch_fixture *f = switch_fixture_create();
    char *error = NULL;

    switch_fixture_add_port(f, "vm", "dummy", VM);
    switch_fixture_add_port(f, "up", "dummy", UPLINK);
    switch_fixture_add_port(f, "tun", "vxlan", TUN);
    assert_int_equal(set_tunnel(f, kv, 2, &error), 0);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    switch_fixture_destroy(*state);
    return 0;
}

static void
flow_mod(struct fixture *f, const char *text)
{
    assert_int_equal(switch_fixture_flow_mod(f, OFPFC_ADD, text), 0);
}

static void
inject(struct fixture *f, uint32_t ofp_port, const void *frame, size_t len)
{
    switch_fixture_inject(f, ofp_port, frame, len);
}

/* Takes the frames port 'ofp_port' sent: returns how many, and copies the
 * last one to 'last' (up to 256 bytes). */
static int
drain(struct fixture *f, uint32_t ofp_port, uint8_t *last, size_t *last_len)
{
    return switch_fixture_drain(f, ofp_port, last, 256, last_len);
}

/* The VM's frame: UDP 10.0.0.1:1000 -> 10.0.0.2:2000. */
static const uint8_t vm_frame[] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,
    0x08, 0x00, 0x45, 0x00, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11,
    0x66, 0xca, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x03, 0xe8,
    0x07, 0xd0, 0x00, 0x0c, 0x00, 0x00, 0x61, 0x62, 0x63, 0x64,
};

static const uint8_t remote_mac[6] = {0x02, 0, 0, 0, 0, 0x22};

/* An ARP packet on the uplink: 'op' from 192.168.50.2 (remote_mac) for
 * 'target'. */
static size_t
arp_frame(uint8_t *b, uint16_t op, const char *target)
{
    struct in_addr spa, tpa;

    memset(b, 0, 60);
    memset(b, 0xff, 6);
    memcpy(b + 6, remote_mac, 6);
    b[12] = 0x08, b[13] = 0x06;
    b[14] = 0, b[15] = 1, b[16] = 0x08, b[17] = 0, b[18] = 6, b[19] = 4;
    b[20] = 0, b[21] = (uint8_t) op;
    memcpy(b + 22, remote_mac, 6);
    inet_pton(AF_INET, "192.168.50.2", &spa);
    inet_pton(AF_INET, target, &tpa);
    memcpy(b + 28, &spa, 4);
    memcpy(b + 38, &tpa, 4);
    return 60;
}

/* A VXLAN packet from 192.168.50.2 to 192.168.50.1, UDP port 'port', VNI
 * 'vni', around the VM's frame (addresses swapped). */
static size_t
vxlan_frame(uint8_t *b, uint16_t port, uint32_t vni)
{
    static const uint8_t head[] = {
        0x02, 0,    0,  0,    0,   0x11, 0x02, 0,    0,    0,    0,  0x22, 0x08,
        0x00, 0x45, 0,  0,    0,   0,    0,    0x40, 0,    64,   17, 0,    0,
        192,  168,  50, 2,    192, 168,  50,   1,    0xc0, 0x00, 0,  0,    0,
        0,    0,    0,  0x08, 0,   0,    0,    0,    0,    0,    0,
    };
    size_t inner = sizeof vm_frame, len = sizeof head + inner;

    memcpy(b, head, sizeof head);
    b[16] = (uint8_t) ((len - 14) >> 8), b[17] = (uint8_t) (len - 14);
    b[36] = (uint8_t) (port >> 8), b[37] = (uint8_t) port;
    b[38] = (uint8_t) ((inner + 16) >> 8), b[39] = (uint8_t) (inner + 16);
    b[46] = (uint8_t) (vni >> 16), b[47] = (uint8_t) (vni >> 8);
    b[48] = (uint8_t) vni;
    memcpy(b + sizeof head, vm_frame, inner);
    memcpy(b + sizeof head, vm_frame + 6, 6);
    memcpy(b + sizeof head + 6, vm_frame, 6);
    return len;
}

static void
test_arp_for_local_ip_is_answered(void **state)
{
    struct fixture *f = *state;
    uint8_t in[64], out[256];
    size_t len = 0;
    struct strbuf sb = STRBUF_INIT;

    inject(f, UPLINK, in, arp_frame(in, 1, "192.168.50.1"));
    assert_int_equal(drain(f, UPLINK, out, &len), 1);
    assert_memory_equal(out, remote_mac, 6);
    assert_int_equal(out[21], 2); /* Reply. */
    assert_memory_equal(out + 22, out + 6, 6);
    assert_memory_equal(out + 28, "\xc0\xa8\x32\x01", 4);
    assert_memory_equal(out + 32, remote_mac, 6);
    assert_int_equal(drain(f, VM, NULL, NULL), 0);

    /* The requester is now a known next hop. */
    ofproto_format_tunnels(f->ofproto, &sb);
    assert_non_null(strstr(strbuf_str(&sb), "192.168.50.2 02:00:00:00:00:22"));
    strbuf_free(&sb);

    /* ARP for another address goes through the tables (none: dropped). */
    inject(f, UPLINK, in, arp_frame(in, 1, "192.168.50.9"));
    assert_int_equal(drain(f, UPLINK, NULL, NULL), 0);
}

static void
test_encapsulation_waits_for_arp(void **state)
{
    struct fixture *f = *state;
    uint8_t in[64], out[256];
    size_t len = 0;

    flow_mod(f, "in_port=1,actions=set_field:5001->tun_id,"
                "set_field:192.168.50.2->tun_dst,output:3");
    /* Next hop unknown: an ARP request goes out, the frame is dropped. */
    inject(f, VM, vm_frame, sizeof vm_frame);
    assert_int_equal(drain(f, UPLINK, out, &len), 1);
    assert_memory_equal(out, "\xff\xff\xff\xff\xff\xff", 6);
    assert_int_equal(out[21], 1);
    assert_memory_equal(out + 28, "\xc0\xa8\x32\x01", 4);
    assert_memory_equal(out + 38, "\xc0\xa8\x32\x02", 4);

    /* The answer comes; the next frame goes out in VXLAN. */
    inject(f, UPLINK, in, arp_frame(in, 2, "192.168.50.1"));
    assert_int_equal(drain(f, UPLINK, NULL, NULL), 0);
    inject(f, VM, vm_frame, sizeof vm_frame);
    assert_int_equal(drain(f, UPLINK, out, &len), 1);
    assert_int_equal(len, 50 + sizeof vm_frame);
    assert_memory_equal(out, remote_mac, 6);
    assert_int_equal(out[12], 0x08);
    assert_int_equal(out[13], 0x00);
    assert_int_equal(out[14], 0x45);
    assert_int_equal(out[23], 17);
    assert_memory_equal(out + 26, "\xc0\xa8\x32\x01\xc0\xa8\x32\x02", 8);
    assert_int_equal(csum_compute(out + 14, 20), 0);
    assert_int_equal(out[36], 0x12); /* 4789 */
    assert_int_equal(out[37], 0xb5);
    assert_true(out[34] >= 0xc0); /* Source port 49152 and up. */
    assert_int_equal(out[42], 0x08);
    assert_memory_equal(out + 46, "\x00\x13\x89", 3); /* VNI 5001. */
    assert_memory_equal(out + 50, vm_frame, sizeof vm_frame);
}

static void
test_decapsulation_by_vni(void **state)
{
    struct fixture *f = *state;
    uint8_t in[256], out[256];
    size_t len = 0;

    flow_mod(f, "in_port=3,tun_id=5001,tun_src=192.168.50.2,"
                "actions=output:1");
    inject(f, UPLINK, in, vxlan_frame(in, 4789, 5001));
    assert_int_equal(drain(f, VM, out, &len), 1);
    assert_int_equal(len, sizeof vm_frame);
    assert_memory_equal(out, vm_frame + 6, 6);
    assert_memory_equal(out + 12, vm_frame + 12, sizeof vm_frame - 12);

    /* Another VNI matches no flow; another UDP port is not the tunnel's,
     * and the uplink has no flow. */
    inject(f, UPLINK, in, vxlan_frame(in, 4789, 5002));
    inject(f, UPLINK, in, vxlan_frame(in, 4790, 5001));
    assert_int_equal(drain(f, VM, NULL, NULL), 0);
    assert_int_equal(drain(f, UPLINK, NULL, NULL), 0);
}

static void
test_bad_settings_are_refused(void **state)
{
    static const char *const cases[][4] = {
        {"uplink", "up", NULL, NULL},
        {"local_ip", "192.168.50.1", NULL, NULL},
        {"local_ip", "300.1.1.1", "uplink", "up"},
        {"local_ip", "10.0.0.1/33", "uplink", "up"},
        {"local_ip", "10.0.0.1", "uplink", "tun"},
        {"local_ip", "10.0.0.1", "remote", "flow"},
        {"local_ip", "10.0.0.1", "key", "16777216"},
    };
    struct fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *error = NULL;
        size_t n = cases[i][2] ? 2 : 1;

        assert_int_equal(set_tunnel(f, cases[i], n, &error), -EINVAL);
        assert_non_null(error);
        assert_non_null(strstr(error, "tunnel port tun"));
        free(error);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
        T(test_arp_for_local_ip_is_answered),
        T(test_encapsulation_waits_for_arp),
        T(test_decapsulation_by_vni),
        T(test_bad_settings_are_refused),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
