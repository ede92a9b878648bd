/* Tests for datapath/dp_execute.c (and the checksum code it relies on).
 *
 * The byte-exact tests read dp_execute_vectors.txt, which
 * gen_dp_execute_vectors.py writes with scapy: every expected output there
 * was built from scratch by scapy, with its checksums fully recomputed, not
 * by the code under test.  Each vector runs on one packet and on a batch of
 * three, and the checksums of every output are verified with
 * dp_csum_check() (lib/csum.h underneath).  The other tests check what
 * bytes alone cannot show: ownership, batches, meters, userspace. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_csum.h"
#include "datapath/dp_execute.h"
#include "datapath/dp_packet.h"
#include "lib/buf.h"
#include "lib/packets.h"

/* What the ops saw. */
#define MAX_EVENTS 256
struct event {
    char kind;                /* 'o'utput or 'u'serspace. */
    uint32_t port_no;         /* Output. */
    struct dp_packet *packet; /* Output: owned here; userspace: identity. */
    uint8_t cookie[DP_ACTIONS_COOKIE_MAX];
    size_t cookie_len;
    uint8_t bytes[256]; /* Userspace: copy of the packet. */
    size_t size;
    uint32_t queue_id;
};

struct recorder {
    struct event events[MAX_EVENTS];
    size_t n;
    uint32_t meter_id;
    size_t meter_calls;
    size_t meter_keep_every; /* Keep packets whose index % this == 0. */
};

static void
record_output(void *aux, uint32_t port_no, struct dp_packet *p)
{
    struct recorder *r = aux;
    struct event *e;

    assert_true(r->n < MAX_EVENTS);
    e = &r->events[r->n++];
    *e = (struct event){.kind = 'o',
                        .port_no = port_no,
                        .packet = p,
                        .size = dp_packet_size(p),
                        .queue_id = p->queue_id};
    assert_int_equal(p->trunc_len, 0);
}

static void
record_userspace(void *aux, const uint8_t *cookie, size_t cookie_len,
                 const struct dp_packet *p)
{
    struct recorder *r = aux;
    struct event *e;

    assert_true(r->n < MAX_EVENTS);
    assert_true(dp_packet_size(p) <= sizeof e->bytes);
    e = &r->events[r->n++];
    *e = (struct event){.kind = 'u',
                        .packet = (struct dp_packet *) p,
                        .cookie_len = cookie_len,
                        .size = dp_packet_size(p)};
    memcpy(e->cookie, cookie, cookie_len);
    memcpy(e->bytes, dp_packet_data(p), dp_packet_size(p));
}

/* Keeps the packets whose index is a multiple of 'meter_keep_every'. */
static void
record_meter(void *aux, uint32_t meter_id, struct dp_packet_batch *b)
{
    struct recorder *r = aux;
    size_t kept = 0;

    r->meter_id = meter_id;
    r->meter_calls++;
    for (size_t i = 0; i < b->count; i++) {
        if (r->meter_keep_every && i % r->meter_keep_every == 0) {
            b->packets[kept++] = b->packets[i];
        } else {
            dp_packet_delete(b->packets[i]);
        }
    }
    b->count = kept;
}

static const struct dp_execute_ops recording_ops = {record_output, record_meter,
                                                    record_userspace};

static void
recorder_free(struct recorder *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->events[i].kind == 'o') {
            dp_packet_delete(r->events[i].packet);
        }
    }
    r->n = 0;
}

static void
parse_actions(const char *text, struct buf *out)
{
    char *error;

    buf_init(out);
    if (dp_actions_parse(text, out, &error)) {
        fail_msg("%s: %s", text, error);
    }
    assert_int_equal(dp_actions_validate(out->data, out->size), 0);
}

/* The vectors, loaded once by main() and never freed. */
struct vector {
    char *name, *actions;
    uint8_t *in;
    size_t in_len;
    size_t n_outs;
    uint32_t ports[8];
    uint8_t *outs[8];
    size_t out_lens[8];
    bool csum;
};

static struct vector vectors[256];
static size_t n_vectors;

static uint8_t *
unhex(const char *s, size_t len, size_t *n)
{
    uint8_t *b = malloc(len / 2 + 1);

    if (!b || len % 2) {
        fprintf(stderr, "bad hex in vectors\n");
        exit(EXIT_FAILURE);
    }
    for (size_t i = 0; i < len / 2; i++) {
        unsigned int byte;
        if (sscanf(s + 2 * i, "%2x", &byte) != 1) {
            fprintf(stderr, "bad hex in vectors\n");
            exit(EXIT_FAILURE);
        }
        b[i] = (uint8_t) byte;
    }
    *n = len / 2;
    return b;
}

static void
parse_outputs(struct vector *v, char *s)
{
    if (!strcmp(s, "-")) {
        return;
    }
    for (char *save, *item = strtok_r(s, ";", &save); item;
         item = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(item, '=');

        if (!eq || v->n_outs >= 8) {
            fprintf(stderr, "%s: bad outputs\n", v->name);
            exit(EXIT_FAILURE);
        }
        v->ports[v->n_outs] = (uint32_t) strtoul(item, NULL, 10);
        v->outs[v->n_outs] =
            unhex(eq + 1, strlen(eq + 1), &v->out_lens[v->n_outs]);
        v->n_outs++;
    }
}

static void
load_vectors(const char *path)
{
    static char line[8192];
    FILE *f = fopen(path, "r");

    if (!f) {
        fprintf(stderr, "%s: cannot open the test vectors\n", path);
        exit(EXIT_FAILURE);
    }
    while (fgets(line, sizeof line, f)) {
        char *fields[5], *save;
        struct vector *v = &vectors[n_vectors];
        int n = 0;

        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        line[strcspn(line, "\n")] = '\0';
        for (char *t = strtok_r(line, "\t", &save); t && n < 5;
             t = strtok_r(NULL, "\t", &save)) {
            fields[n++] = t;
        }
        if (n != 5 || n_vectors >= sizeof vectors / sizeof vectors[0]) {
            fprintf(stderr, "%s: bad vector line\n", path);
            exit(EXIT_FAILURE);
        }
        v->name = strdup(fields[0]);
        v->actions = strdup(fields[1]);
        v->in = unhex(fields[2], strlen(fields[2]), &v->in_len);
        parse_outputs(v, fields[3]);
        v->csum = !strcmp(fields[4], "csum");
        n_vectors++;
    }
    fclose(f);
}

static void
print_hex(const char *what, const uint8_t *b, size_t n)
{
    fprintf(stderr, "# %s:", what);
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, "%02x", b[i]);
    }
    fprintf(stderr, "\n");
}

/* Runs 'v' on a batch of 'n' copies of its input and checks the outputs:
 * each expected output 'n' times in a row (the executor works action by
 * action across the batch). */
static void
run_vector(const struct vector *v, size_t n)
{
    static struct recorder r;
    struct dp_packet_batch b;
    struct buf actions;
    size_t k = 0;

    parse_actions(v->actions, &actions);
    dp_packet_batch_init(&b);
    for (size_t i = 0; i < n; i++) {
        dp_packet_batch_add(&b, dp_packet_new_with_data(v->in, v->in_len));
    }
    memset(&r, 0, sizeof r);
    dp_execute(&b, actions.data, actions.size, &recording_ops, &r);
    assert_int_equal(b.count, 0);
    if (r.n != v->n_outs * n) {
        fail_msg("%s: %zu outputs, expected %zu", v->name, r.n, v->n_outs * n);
    }
    for (size_t o = 0; o < v->n_outs; o++) {
        for (size_t i = 0; i < n; i++, k++) {
            const struct event *e = &r.events[k];
            struct dp_packet *p = e->packet;

            if (e->port_no != v->ports[o] || dp_packet_size(p) != v->out_lens[o]
                || memcmp(dp_packet_data(p), v->outs[o], v->out_lens[o])) {
                print_hex("expected", v->outs[o], v->out_lens[o]);
                print_hex("actual  ", dp_packet_data(p), dp_packet_size(p));
                fail_msg("%s: output %zu differs (port %u)", v->name, o,
                         e->port_no);
            }
            if (v->csum
                && dp_csum_check(dp_packet_data(p), dp_packet_size(p))) {
                fail_msg("%s: output %zu has a bad checksum", v->name, o);
            }
        }
    }
    recorder_free(&r);
    buf_free(&actions);
}

static void
test_outputs_match_scapy_vectors(void **state)
{
    (void) state;
    assert_true(n_vectors > 90);
    for (size_t i = 0; i < n_vectors; i++) {
        const struct vector *v = &vectors[i];

        /* The inputs' checksums are right, so the outputs' must be. */
        if (v->csum) {
            assert_int_equal(dp_csum_check(v->in, v->in_len), 0);
        }
        run_vector(v, 1);
        run_vector(v, 3);
    }
}

static const uint8_t udp_packet[] = {
    0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x00, 0x45, 0x00, 0x00, 0x1e, 0x00, 0x01, 0x00, 0x00,
    0x40, 0x11, 0x00, 0x00, 0x0a, 0x01, 0x02, 0x03, 0xc0, 0xa8, 0x07,
    0x09, 0x04, 0xd2, 0x00, 0x35, 0x00, 0x0a, 0x00, 0x00, 'h',  'i',
};

/* Returns a batch of 'n' packets whose last byte is their index. */
static void
make_batch(struct dp_packet_batch *b, size_t n)
{
    dp_packet_batch_init(b);
    for (size_t i = 0; i < n; i++) {
        struct dp_packet *p =
            dp_packet_new_with_data(udp_packet, sizeof udp_packet);
        ((uint8_t *) dp_packet_data(p))[sizeof udp_packet - 1] = (uint8_t) i;
        assert_int_equal(dp_packet_batch_add(b, p), 0);
    }
}

static void
execute_text(struct dp_packet_batch *b, const char *text,
             const struct dp_execute_ops *ops, struct recorder *r)
{
    struct buf actions;

    parse_actions(text, &actions);
    dp_execute(b, actions.data, actions.size, ops, r);
    assert_int_equal(b->count, 0);
    buf_free(&actions);
}

static void
test_last_output_hands_over_the_packet_itself(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;
    struct dp_packet *orig[2];

    (void) state;
    make_batch(&b, 2);
    memcpy(orig, b.packets, sizeof orig);
    execute_text(&b, "output:1", &recording_ops, &r);
    assert_int_equal(r.n, 2);
    assert_ptr_equal(r.events[0].packet, orig[0]);
    assert_ptr_equal(r.events[1].packet, orig[1]);
    recorder_free(&r);

    /* Three outputs: two copies, then the packet. */
    make_batch(&b, 1);
    orig[0] = b.packets[0];
    execute_text(&b, "output:1,output:2,output:3", &recording_ops, &r);
    assert_int_equal(r.n, 3);
    assert_ptr_not_equal(r.events[0].packet, orig[0]);
    assert_ptr_not_equal(r.events[1].packet, orig[0]);
    assert_ptr_not_equal(r.events[0].packet, r.events[1].packet);
    assert_ptr_equal(r.events[2].packet, orig[0]);
    recorder_free(&r);

    /* Something after the output: the output is a copy. */
    make_batch(&b, 1);
    orig[0] = b.packets[0];
    execute_text(&b, "output:1,set_queue(3)", &recording_ops, &r);
    assert_int_equal(r.n, 1);
    assert_ptr_not_equal(r.events[0].packet, orig[0]);
    recorder_free(&r);
}

static void
test_null_ops_drop_without_leaking(void **state)
{
    static const struct dp_execute_ops none;
    struct dp_packet_batch b;
    struct buf actions;

    (void) state;
    make_batch(&b, 4);
    execute_text(&b,
                 "output:1,meter(1),userspace(cookie=0x01),clone(output:"
                 "2),output:3",
                 &none, NULL);
    make_batch(&b, 2);
    parse_actions("output:1,output:2", &actions);
    dp_execute(&b, actions.data, actions.size, NULL, NULL);
    assert_int_equal(b.count, 0);
    buf_free(&actions);
}

static void
test_empty_list_drops_the_batch(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;

    (void) state;
    make_batch(&b, DP_PACKET_BATCH_MAX);
    dp_execute(&b, NULL, 0, &recording_ops, &r);
    assert_int_equal(b.count, 0);
    assert_int_equal(r.n, 0);
}

static void
test_meter_drops_compact_the_batch(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;

    (void) state;
    memset(&r, 0, sizeof r);
    r.meter_keep_every = 3;
    make_batch(&b, 10);
    execute_text(&b, "meter(77),output:5", &recording_ops, &r);
    assert_int_equal(r.meter_calls, 1);
    assert_int_equal(r.meter_id, 77);
    /* Packets 0, 3, 6, 9 pass, in order. */
    assert_int_equal(r.n, 4);
    for (size_t i = 0; i < 4; i++) {
        const struct dp_packet *p = r.events[i].packet;
        const uint8_t *data = dp_packet_data(p);

        assert_int_equal(r.events[i].port_no, 5);
        assert_int_equal(data[dp_packet_size(p) - 1], i * 3);
    }
    recorder_free(&r);
}

static void
test_meter_dropping_everything_ends_execution(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;

    (void) state;
    memset(&r, 0, sizeof r);
    make_batch(&b, 3);
    execute_text(&b, "meter(1),userspace(cookie=0xaa),meter(2),output:1",
                 &recording_ops, &r);
    assert_int_equal(r.meter_calls, 1);
    assert_int_equal(r.n, 0);

    /* Without a meter op, meters pass everything. */
    make_batch(&b, 3);
    execute_text(&b, "meter(1),output:1",
                 &(struct dp_execute_ops){record_output, NULL, NULL}, &r);
    assert_int_equal(r.n, 3);
    recorder_free(&r);
}

static void
test_userspace_gets_cookie_and_current_packet(void **state)
{
    static const uint8_t cookie[] = {0xde, 0xad, 0xbe, 0xef, 0x00,
                                     0x01, 0x02, 0x03, 0x04};
    static struct recorder r;
    struct dp_packet_batch b;
    struct dp_packet *orig[2];

    (void) state;
    make_batch(&b, 2);
    memcpy(orig, b.packets, sizeof orig);
    execute_text(&b,
                 "trunc(20),set(eth_dst=00:11:22:33:44:55),"
                 "userspace(cookie=0xdeadbeef0001020304),output:1",
                 &recording_ops, &r);
    assert_int_equal(r.n, 4);
    for (size_t i = 0; i < 2; i++) {
        const struct event *e = &r.events[i];

        assert_int_equal(e->kind, 'u');
        /* The packet itself, not a copy, untruncated, already rewritten. */
        assert_ptr_equal(e->packet, orig[i]);
        assert_int_equal(e->cookie_len, sizeof cookie);
        assert_memory_equal(e->cookie, cookie, sizeof cookie);
        assert_int_equal(e->size, sizeof udp_packet);
        assert_int_equal(e->bytes[0], 0x00);
        assert_int_equal(e->bytes[5], 0x55);
        assert_int_equal(e->bytes[sizeof udp_packet - 1], i);
    }
    assert_int_equal(r.events[2].kind, 'o');
    assert_int_equal(r.events[2].size, 20);
    recorder_free(&r);

    /* An empty cookie is delivered as such. */
    make_batch(&b, 1);
    execute_text(&b, "userspace()", &recording_ops, &r);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.events[0].cookie_len, 0);
    r.n = 0;
}

static void
test_set_queue_sets_metadata_only(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;

    (void) state;
    make_batch(&b, 2);
    execute_text(&b,
                 "output:1,set_queue(7),output:2,clone(set_queue(9),"
                 "output:3),output:4",
                 &recording_ops, &r);
    assert_int_equal(r.n, 8);
    assert_int_equal(r.events[0].queue_id, 0);
    assert_int_equal(r.events[2].queue_id, 7);
    assert_int_equal(r.events[4].queue_id, 9);
    assert_int_equal(r.events[6].queue_id, 7);
    for (size_t i = 0; i < r.n; i++) {
        assert_int_equal(r.events[i].size, sizeof udp_packet);
        assert_memory_equal(dp_packet_data(r.events[i].packet), udp_packet,
                            sizeof udp_packet - 1);
    }
    recorder_free(&r);
}

/* More pushes than the headroom holds: the packet is reallocated and the
 * bytes stay right. */
static void
test_pushes_beyond_headroom_reallocate(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;
    struct buf actions;
    const uint8_t *data;
    size_t n = DP_PACKET_HEADROOM / PKT_VLAN_HEADER_LEN + 8;

    (void) state;
    buf_init(&actions);
    for (size_t i = 0; i < n; i++) {
        dp_actions_put_push_vlan(&actions, htons(PKT_ETH_TYPE_VLAN),
                                 htons(PKT_VLAN_CFI | (uint16_t) i));
    }
    dp_actions_put_output(&actions, 1);
    assert_int_equal(dp_actions_validate(actions.data, actions.size), 0);
    make_batch(&b, 1);
    dp_execute(&b, actions.data, actions.size, &recording_ops, &r);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.events[0].size, sizeof udp_packet + 4 * n);
    data = dp_packet_data(r.events[0].packet);
    assert_memory_equal(data, udp_packet, 12);
    for (size_t i = 0; i < n; i++) {
        /* The last push is the outermost tag. */
        const uint8_t *tag = data + 12 + 4 * i;
        assert_int_equal(pkt_get_be16(tag), htons(PKT_ETH_TYPE_VLAN));
        assert_int_equal(ntohs(pkt_get_be16(tag + 2)), n - 1 - i);
    }
    /* make_batch() overwrote the last byte with the packet's index. */
    assert_memory_equal(data + 12 + 4 * n, udp_packet + 12,
                        sizeof udp_packet - 13);
    recorder_free(&r);
    buf_free(&actions);
}

static void
test_stops_at_an_invalid_action(void **state)
{
    static struct recorder r;
    struct dp_packet_batch b;
    struct buf actions;

    (void) state;
    buf_init(&actions);
    dp_actions_put_output(&actions, 1);
    buf_put_zeros(&actions, 8); /* Type 0, length 0. */
    dp_actions_put_output(&actions, 2);
    assert_int_equal(dp_actions_validate(actions.data, actions.size), -EINVAL);
    make_batch(&b, 2);
    dp_execute(&b, actions.data, actions.size, &recording_ops, &r);
    assert_int_equal(b.count, 0);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.events[0].port_no, 1);
    recorder_free(&r);
    buf_free(&actions);
}

static void
test_crc32c_known_answer(void **state)
{
    (void) state;
    assert_int_equal(dp_csum_crc32c(0, "123456789", 9), 0xe3069283);
    assert_int_equal(dp_csum_crc32c(dp_csum_crc32c(0, "1234", 4), "56789", 5),
                     0xe3069283);
}

/* The checksum check itself must be able to fail, or the vector tests
 * would prove nothing about checksums. */
static void
test_csum_check_finds_each_bad_checksum(void **state)
{
    (void) state;
    for (size_t i = 0; i < n_vectors; i++) {
        const struct vector *v = &vectors[i];
        uint8_t copy[512];

        if (!v->csum || strncmp(v->name, "ipv", 3)
            || !strstr(v->name, "_tp_src") || strstr(v->name, "frag")
            || v->in_len > sizeof copy) {
            continue;
        }
        memcpy(copy, v->in, v->in_len);
        copy[v->in_len - 1] ^= 0x40; /* Last payload byte. */
        assert_int_equal(dp_csum_check(copy, v->in_len), DP_CSUM_BAD_L4);
        if (strstr(v->name, "ipv4")) {
            memcpy(copy, v->in, v->in_len);
            copy[14 + 8] ^= 1; /* IPv4 TTL. */
            assert_true(dp_csum_check(copy, v->in_len) & DP_CSUM_BAD_IPV4);
        }
    }
}

int
main(int argc, char *argv[])
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outputs_match_scapy_vectors),
        cmocka_unit_test(test_last_output_hands_over_the_packet_itself),
        cmocka_unit_test(test_null_ops_drop_without_leaking),
        cmocka_unit_test(test_empty_list_drops_the_batch),
        cmocka_unit_test(test_meter_drops_compact_the_batch),
        cmocka_unit_test(test_meter_dropping_everything_ends_execution),
        cmocka_unit_test(test_userspace_gets_cookie_and_current_packet),
        cmocka_unit_test(test_set_queue_sets_metadata_only),
        cmocka_unit_test(test_pushes_beyond_headroom_reallocate),
        cmocka_unit_test(test_stops_at_an_invalid_action),
        cmocka_unit_test(test_crc32c_known_answer),
        cmocka_unit_test(test_csum_check_finds_each_bad_checksum),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s dp_execute_vectors.txt\n", argv[0]);
        return EXIT_FAILURE;
    }
    load_vectors(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
