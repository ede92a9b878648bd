/* Tests for the client connection (ofproto/ofp_conn.c) against a scripted
 * switch: a thread on a unix socket that answers HELLO and then does what
 * each test tells it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "ofproto/ofp_conn.h"

struct fake_switch {
    char path[108];
    int listen_fd;
    int fd;
    uint8_t hello_version;
    void (*script)(struct fake_switch *);
    pthread_t thread;
};

/* Reads one whole message; returns its length, 0 at end of stream. */
static size_t
switch_read(struct fake_switch *sw, uint8_t *msg, size_t size)
{
    size_t got = 0, len = OFP_HEADER_LEN;

    while (got < len) {
        ssize_t n = read(sw->fd, msg + got, len - got);
        if (n <= 0) {
            return 0;
        }
        got += n;
        if (got == OFP_HEADER_LEN) {
            len = buf_get_be16(msg + 2);
            assert_true(len >= OFP_HEADER_LEN && len <= size);
        }
    }
    return len;
}

/* Sends raw bytes; returns false once the client has gone (which is how
 * some tests end). */
static bool
switch_send_raw(struct fake_switch *sw, const void *data, size_t len)
{
    return send(sw->fd, data, len, MSG_NOSIGNAL) == (ssize_t) len;
}

static bool
switch_send(struct fake_switch *sw, const struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    bool ok;

    ofp_msg_encode(msg, &b);
    ok = switch_send_raw(sw, b.data, b.size);
    buf_free(&b);
    return ok;
}

static void *
switch_main(void *sw_)
{
    struct fake_switch *sw = sw_;
    uint8_t msg[65536];
    struct ofp_msg hello;

    sw->fd = accept(sw->listen_fd, NULL, NULL);
    ofp_msg_init(&hello, OFPK_HELLO, 1);
    hello.hello.version = sw->hello_version;
    hello.hello.version_bitmap = 1u << sw->hello_version;
    switch_send(sw, &hello);
    assert_true(switch_read(sw, msg, sizeof msg) > 0);    /* Its HELLO. */
    if (sw->script) {
        sw->script(sw);
    }
    /* Drain until the client closes. */
    while (switch_read(sw, msg, sizeof msg)) {
        continue;
    }
    close(sw->fd);
    return NULL;
}

static struct ofp_conn *
start(struct fake_switch *sw, void (*script)(struct fake_switch *),
      int timeout_ms)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    char target[128], *message;
    struct ofp_conn *conn;
    int error;

    snprintf(sw->path, sizeof sw->path, "/tmp/pont-conn-%d.sock", getpid());
    unlink(sw->path);
    memcpy(sun.sun_path, sw->path, strlen(sw->path) + 1);
    sw->listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(sw->listen_fd, (struct sockaddr *) &sun, sizeof sun),
                     0);
    assert_int_equal(listen(sw->listen_fd, 1), 0);
    if (!sw->hello_version) {
        sw->hello_version = OFP13_VERSION;
    }
    sw->script = script;
    pthread_create(&sw->thread, NULL, switch_main, sw);
    snprintf(target, sizeof target, "unix:%s", sw->path);
    conn = ofp_conn_open(target, timeout_ms, &error, &message);
    if (!conn) {
        fprintf(stderr, "%s\n", message);
        free(message);
    }
    return conn;
}

static void
stop(struct fake_switch *sw, struct ofp_conn *conn)
{
    ofp_conn_close(conn);
    pthread_join(sw->thread, NULL);
    close(sw->listen_fd);
    unlink(sw->path);
}

/* Scripts. */

static uint32_t
read_request_xid(struct fake_switch *sw)
{
    uint8_t msg[65536];

    assert_true(switch_read(sw, msg, sizeof msg) > 0);
    return buf_get_be32(msg + 4);
}

/* Before the reply: an echo request, an asynchronous packet-in, and a
 * message with another xid that does not decode.  Then a port description
 * reply in two parts. */
static void
noisy_multipart_reply(struct fake_switch *sw)
{
    static const uint8_t bad_async[] = {0x04, 0x0e, 0x00, 0x10, 0, 0, 0x77, 0,
                                        0,    0,    0,    0,    0, 0, 0,    0};
    uint32_t xid = read_request_xid(sw);
    struct ofp_msg m;

    ofp_msg_init(&m, OFPK_ECHO_REQUEST, 99);
    switch_send(sw, &m);
    ofp_msg_init(&m, OFPK_PACKET_IN, 100);
    switch_send(sw, &m);
    switch_send_raw(sw, bad_async, sizeof bad_async);
    for (int part = 0; part < 2; part++) {
        ofp_msg_init(&m, OFPK_PORT_DESC_REPLY, xid);
        m.mp_flags = part ? 0 : OFPMPF_REPLY_MORE;
        struct ofp_port *p = OFP_STATS_PUSH(m.port_desc_reply);
        p->port_no = part + 1;
        snprintf(p->name, sizeof p->name, "p%d", part + 1);
        switch_send(sw, &m);
        ofp_msg_uninit(&m);
    }
}

static void
test_transaction_collects_parts_and_ignores_others(void **state)
{
    struct fake_switch sw = {.hello_version = 0};
    struct ofp_conn *conn = start(&sw, noisy_multipart_reply, 2000);
    struct ofp_msg req, *replies;
    size_t n;
    (void) state;

    assert_non_null(conn);
    ofp_msg_init(&req, OFPK_PORT_DESC_REQUEST, ofp_conn_next_xid(conn));
    assert_int_equal(ofp_conn_transact(conn, &req, &replies, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(replies[0].port_desc_reply.entries[0].port_no, 1);
    assert_string_equal(replies[1].port_desc_reply.entries[0].name, "p2");
    ofp_conn_free_replies(replies, n);
    stop(&sw, conn);
}

/* Rejects the flow mod with an error carrying its xid, then answers the
 * barrier after it. */
static void
reject_then_barrier(struct fake_switch *sw)
{
    uint32_t xid = read_request_xid(sw);
    struct ofp_msg m;

    ofp_msg_init(&m, OFPK_ERROR, xid);
    ofperr_to_wire(OFPERR_OFPBAC_BAD_OUT_GROUP, &m.error.type, &m.error.code,
                   &m.error.experimenter);
    switch_send(sw, &m);
    read_request_xid(sw);           /* The barrier. */
    ofp_msg_init(&m, OFPK_BARRIER_REPLY, xid);
    switch_send(sw, &m);
}

static void
test_error_for_request_is_returned_with_a_message(void **state)
{
    struct fake_switch sw = {.hello_version = 0};
    struct ofp_conn *conn = start(&sw, reject_then_barrier, 2000);
    struct ofp_msg req, *replies;
    size_t n;
    (void) state;

    ofp_msg_init(&req, OFPK_FLOW_MOD, ofp_conn_next_xid(conn));
    assert_int_equal(ofp_conn_transact(conn, &req, &replies, &n),
                     -OFPERR_OFPBAC_BAD_OUT_GROUP);
    assert_int_equal(n, 0);
    assert_non_null(strstr(ofp_conn_error(conn), "OFPBAC_BAD_OUT_GROUP"));
    stop(&sw, conn);
}

/* Three flow mods: rejects the second, then answers the barrier. */
static void
reject_second_of_three(struct fake_switch *sw)
{
    uint32_t xids[3], barrier;
    struct ofp_msg m;

    for (int i = 0; i < 3; i++) {
        xids[i] = read_request_xid(sw);
    }
    barrier = read_request_xid(sw);
    ofp_msg_init(&m, OFPK_ERROR, xids[1]);
    ofperr_to_wire(OFPERR_OFPFMFC_TABLE_FULL, &m.error.type, &m.error.code,
                   &m.error.experimenter);
    switch_send(sw, &m);
    ofp_msg_init(&m, OFPK_BARRIER_REPLY, barrier);
    switch_send(sw, &m);
}

static void
count_error(const struct ofp_msg *error, void *xids_)
{
    uint32_t *xids = xids_;
    xids[xids[0]++ + 1] = error->xid;
}

static void
test_fenced_batch_reports_each_error_by_xid(void **state)
{
    struct fake_switch sw = {.hello_version = 0};
    struct ofp_conn *conn = start(&sw, reject_second_of_three, 2000);
    struct ofp_msg mods[3];
    uint32_t errors[4] = {0};
    (void) state;

    for (int i = 0; i < 3; i++) {
        ofp_msg_init(&mods[i], OFPK_FLOW_MOD, ofp_conn_next_xid(conn));
    }
    assert_int_equal(ofp_conn_send_fenced(conn, mods, 3, count_error, errors),
                     0);
    assert_int_equal(errors[0], 1);
    assert_int_equal(errors[1], mods[1].xid);
    stop(&sw, conn);
}

/* Sends asynchronous messages every 50 ms and never replies. */
static void
chatter_forever(struct fake_switch *sw)
{
    read_request_xid(sw);
    for (int i = 0; i < 40; i++) {
        struct ofp_msg m;
        struct timespec pause = {0, 50 * 1000 * 1000};

        ofp_msg_init(&m, OFPK_PACKET_IN, 1000 + i);
        if (!switch_send(sw, &m)) {
            return;
        }
        nanosleep(&pause, NULL);
    }
}

static void
test_timeout_bounds_the_whole_transaction(void **state)
{
    struct fake_switch sw = {.hello_version = 0};
    struct ofp_conn *conn = start(&sw, chatter_forever, 300);
    struct ofp_msg req, *replies;
    struct timespec t0, t1;
    size_t n;
    double elapsed;
    (void) state;

    ofp_msg_init(&req, OFPK_DESC_REQUEST, ofp_conn_next_xid(conn));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(ofp_conn_transact(conn, &req, &replies, &n),
                     -ETIMEDOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    /* Asynchronous messages kept coming, yet the deadline held. */
    assert_true(elapsed < 1.5);
    stop(&sw, conn);
}

/* Replies with a message of the request's xid that does not decode. */
static void
reply_undecodable(struct fake_switch *sw)
{
    uint8_t bad[16] = {0x04, 0x13, 0x00, 0x10, 0, 0, 0, 0,
                       0x00, 0x63, 0,    0,    0, 0, 0, 0};
    uint32_t xid = read_request_xid(sw);

    memcpy(bad + 4, &(uint32_t) {htonl(xid)}, 4);
    switch_send_raw(sw, bad, sizeof bad);
}

static int
keep_raw(struct ofp_msg *reply, const struct buf *raw, void *seen_)
{
    int *seen = seen_;

    assert_null(reply);
    assert_int_equal(raw->size, 16);
    (*seen)++;
    return 0;
}

static void
test_undecodable_reply_reaches_caller_as_bytes(void **state)
{
    struct fake_switch sw = {.hello_version = 0};
    struct ofp_conn *conn = start(&sw, reply_undecodable, 2000);
    struct ofp_msg req;
    int seen = 0;
    (void) state;

    ofp_msg_init(&req, OFPK_DESC_REQUEST, ofp_conn_next_xid(conn));
    assert_int_equal(ofp_conn_transact_each(conn, &req, keep_raw, &seen), 0);
    assert_int_equal(seen, 1);
    stop(&sw, conn);
}

static void
test_switch_without_openflow_13_is_refused(void **state)
{
    struct fake_switch sw = {.hello_version = OFP10_VERSION};
    (void) state;

    assert_null(start(&sw, NULL, 2000));
    pthread_join(sw.thread, NULL);
    close(sw.listen_fd);
    unlink(sw.path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transaction_collects_parts_and_ignores_others),
        cmocka_unit_test(test_error_for_request_is_returned_with_a_message),
        cmocka_unit_test(test_fenced_batch_reports_each_error_by_xid),
        cmocka_unit_test(test_timeout_bounds_the_whole_transaction),
        cmocka_unit_test(test_undecodable_reply_reaches_caller_as_bytes),
        cmocka_unit_test(test_switch_without_openflow_13_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
