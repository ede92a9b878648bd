/* Tests for the non-blocking OpenFlow channels and listeners
 * (ofproto/ofp_channel.c, ofproto/ofp_listener.c).
 *
 * The channel under test runs on a libevent loop in the test's thread.
 * Its peer runs in a second thread: either the blocking client ofp_conn
 * (an independent implementation of the same protocol) or a raw socket
 * that sends exactly the bytes a test needs.  cmocka's assertions work
 * only in the test's thread, so a peer records what it saw and what went
 * wrong, and the test checks that after joining it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_msg.h"

extern char **environ;

#define MAX_EVENTS 16

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The peer thread. */

struct peer {
    pthread_t thread;
    void (*fn)(struct peer *);
    char target[128];
    int listen_fd;       /* For peers that accept an active channel. */
    atomic_bool done;    /* 'fn' returned. */
    atomic_bool release; /* The test lets the peer finish. */
    char failure[256];   /* What went wrong, "" if nothing. */
    struct buf got;      /* Raw peers: the bytes of the 2nd message. */
    uint8_t got_type;    /* And its type. */
    bool saw_eof;        /* The channel closed the connection. */
    long long echo_ms;   /* Probe test: when the ECHO_REQUEST came. */
    long long eof_ms;    /* When the connection closed. */
    int n_echoes;        /* ECHO_REQUESTs answered. */
};

static void peer_fail(struct peer *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
peer_fail(struct peer *p, const char *fmt, ...)
{
    va_list args;

    if (p->failure[0]) {
        return; /* Keep the first failure: the rest follow from it. */
    }
    va_start(args, fmt);
    vsnprintf(p->failure, sizeof p->failure, fmt, args);
    va_end(args);
}

static void *
peer_main(void *p_)
{
    struct peer *p = p_;

    p->fn(p);
    atomic_store(&p->done, true);
    return NULL;
}

static void
wait_for_release(struct peer *p)
{
    long long deadline = now_ms() + 5000;

    while (!atomic_load(&p->release) && now_ms() < deadline) {
        usleep(1000);
    }
}

/* Opens an ofp_conn to the peer's target, or records why not. */
static struct ofp_conn *
peer_open(struct peer *p)
{
    struct ofp_conn *conn;
    char *message;
    int error;

    conn = ofp_conn_open(p->target, 3000, &error, &message);
    if (!conn) {
        peer_fail(p, "ofp_conn_open(%s): %s", p->target, message);
        free(message);
    }
    return conn;
}

/* Raw sockets: blocking, with a receive timeout so that a test whose
 * channel misbehaves fails rather than hangs. */

static int
raw_connect(struct peer *p)
{
    struct sockaddr_in sin;
    struct timeval tv = {3, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(atoi(strrchr(p->target, ':') + 1));
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *) &sin, sizeof sin)) {
        peer_fail(p, "connect: %s", strerror(errno));
    }
    return fd;
}

static int
raw_accept(struct peer *p)
{
    struct timeval tv = {3, 0};
    int fd = accept(p->listen_fd, NULL, NULL);

    if (fd < 0) {
        peer_fail(p, "accept: %s", strerror(errno));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static bool
recv_all(int fd, uint8_t *p, size_t len)
{
    while (len) {
        ssize_t n = recv(fd, p, len, 0);
        if (n <= 0) {
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

/* Receives one message into 'b' (cleared first).  Returns its type, or -1
 * on end of file, timeout or error. */
static int
raw_recv(int fd, struct buf *b)
{
    uint8_t header[OFP_HEADER_LEN];
    size_t len;

    buf_clear(b);
    if (!recv_all(fd, header, sizeof header)) {
        return -1;
    }
    len = buf_get_be16(header + 2);
    buf_put(b, header, sizeof header);
    if (len > sizeof header
        && !recv_all(fd, buf_put_uninit(b, len - sizeof header),
                     len - sizeof header)) {
        return -1;
    }
    return header[1];
}

static void
raw_send_header(int fd, uint8_t version, uint8_t type, uint16_t len,
                uint32_t xid)
{
    uint8_t h[OFP_HEADER_LEN] = {version,   type,      len >> 8, len & 0xff,
                                 xid >> 24, xid >> 16, xid >> 8, xid};

    send(fd, h, sizeof h, MSG_NOSIGNAL);
}

/* Expects the channel's HELLO first, as every connection starts. */
static void
raw_expect_hello(struct peer *p, int fd, struct buf *b)
{
    int type = raw_recv(fd, b);

    if (type != OFPT_HELLO || b->data[0] != OFP13_VERSION) {
        peer_fail(p, "expected an OpenFlow 1.3 HELLO first, got type %d", type);
    }
}

/* Keeps the second message in 'p->got', then waits for the connection to
 * close. */
static void
raw_collect_reply_and_eof(struct peer *p, int fd)
{
    struct buf b;
    int type;

    buf_init(&b);
    raw_expect_hello(p, fd, &b);
    type = raw_recv(fd, &p->got);
    p->got_type = type < 0 ? 0xff : type;
    p->saw_eof = raw_recv(fd, &b) < 0 && errno != EAGAIN;
    buf_free(&b);
    close(fd);
}

/* The test's side: a libevent loop and an owner of channels. */

struct owner {
    struct event_base *base;
    struct event *tick;
    struct ofp_listener *listener;
    struct ofp_channel *ch;
    struct peer peer;
    bool peer_started;

    /* Behaviour. */
    int destroy_after_msgs; /* Destroy in the message callback: the Nth. */
    bool destroy_on_connect;
    bool destroy_on_disconnect;
    bool destroy_listener_on_accept;

    /* What happened. */
    int n_accepted;
    int send_before_hello; /* ofp_channel_send() in the accept callback. */
    int n_connected, n_disconnected;
    long long connected_ms[MAX_EVENTS], disconnected_ms[MAX_EVENTS];
    int last_disconnect_error;
    char last_error[256];
    size_t n_msgs;
    size_t msgs_cap;
    uint32_t *msg_xids;
    enum ofp_msg_kind *msg_kinds;
    size_t experimenter_len; /* Raw length of an EXPERIMENTER. */
    bool experimenter_data_ok;
};

static void
on_tick(evutil_socket_t fd, short what, void *aux)
{
    (void) fd;
    (void) what;
    (void) aux;
}

static int
setup(void **state)
{
    struct owner *o = calloc(1, sizeof *o);
    struct timeval tv = {0, 5000};

    o->base = event_base_new();
    /* Wakes the loop often, so that run_until() checks its condition and
     * deadline even when nothing happens. */
    o->tick = event_new(o->base, -1, EV_PERSIST, on_tick, NULL);
    event_add(o->tick, &tv);
    o->peer.listen_fd = -1;
    buf_init(&o->peer.got);
    *state = o;
    return 0;
}

static void
join_peer(struct owner *o)
{
    if (o->peer_started) {
        atomic_store(&o->peer.release, true);
        pthread_join(o->peer.thread, NULL);
        o->peer_started = false;
    }
}

static int
teardown(void **state)
{
    struct owner *o = *state;

    ofp_channel_destroy(o->ch);
    ofp_listener_destroy(o->listener);
    join_peer(o);
    if (o->peer.listen_fd >= 0) {
        close(o->peer.listen_fd);
    }
    buf_free(&o->peer.got);
    event_free(o->tick);
    event_base_free(o->base);
    free(o->msg_xids);
    free(o->msg_kinds);
    free(o);
    return 0;
}

/* Runs the loop until 'cond' holds or 'timeout_ms' pass; returns whether
 * it holds. */
static bool
run_until(struct owner *o, bool (*cond)(const struct owner *), int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;

    while (!cond(o)) {
        if (now_ms() > deadline) {
            return false;
        }
        event_base_loop(o->base, EVLOOP_ONCE);
    }
    return true;
}

static bool
peer_done(const struct owner *o)
{
    return atomic_load(&o->peer.done);
}

static bool
is_connected(const struct owner *o)
{
    return o->n_connected > 0;
}

static bool
is_disconnected(const struct owner *o)
{
    return o->n_disconnected > 0;
}

static void
start_peer(struct owner *o, void (*fn)(struct peer *), const char *target)
{
    o->peer.fn = fn;
    snprintf(o->peer.target, sizeof o->peer.target, "%s", target);
    assert_int_equal(pthread_create(&o->peer.thread, NULL, peer_main, &o->peer),
                     0);
    o->peer_started = true;
}

/* Lets the peer finish, waits for it, and checks that it saw what it
 * expected. */
static void
finish_peer(struct owner *o)
{
    atomic_store(&o->peer.release, true);
    assert_true(run_until(o, peer_done, 5000));
    join_peer(o);
    if (o->peer.failure[0]) {
        fail_msg("peer: %s", o->peer.failure);
    }
}

/* Channel callbacks. */

static void
record_msg(struct owner *o, const struct ofp_msg *msg)
{
    if (o->n_msgs == o->msgs_cap) {
        o->msgs_cap = o->msgs_cap ? 2 * o->msgs_cap : 64;
        o->msg_xids = realloc(o->msg_xids, o->msgs_cap * sizeof *o->msg_xids);
        o->msg_kinds =
            realloc(o->msg_kinds, o->msgs_cap * sizeof *o->msg_kinds);
    }
    o->msg_xids[o->n_msgs] = msg->xid;
    o->msg_kinds[o->n_msgs] = msg->kind;
    o->n_msgs++;
}

/* Replies as a switch would to the requests the tests send. */
static void
answer(struct ofp_channel *ch, const struct ofp_msg *msg)
{
    struct ofp_msg reply;

    if (msg->kind == OFPK_FEATURES_REQUEST) {
        ofp_msg_init(&reply, OFPK_FEATURES_REPLY, msg->xid);
        reply.features_reply.datapath_id = 0x1234;
        reply.features_reply.n_tables = 254;
    } else if (msg->kind == OFPK_BARRIER_REQUEST) {
        ofp_msg_init(&reply, OFPK_BARRIER_REPLY, msg->xid);
    } else {
        return;
    }
    assert_int_equal(ofp_channel_send(ch, &reply), 0);
    ofp_msg_uninit(&reply);
}

static void
on_message(struct ofp_channel *ch, struct ofp_msg *msg, const void *raw,
           size_t raw_len, void *o_)
{
    struct owner *o = o_;

    record_msg(o, msg);
    /* The raw bytes are the message's own. */
    assert_int_equal(buf_get_be32((const uint8_t *) raw + 4), msg->xid);
    assert_int_equal(buf_get_be16((const uint8_t *) raw + 2), raw_len);
    if (msg->kind == OFPK_EXPERIMENTER) {
        const struct ofp_bytes *data = &msg->experimenter.data;
        o->experimenter_len = raw_len;
        o->experimenter_data_ok = data->len == raw_len - 16;
        for (size_t i = 0; i < data->len; i++) {
            o->experimenter_data_ok &= data->data[i] == (uint8_t) i;
        }
    }
    answer(ch, msg);
    if (o->destroy_after_msgs && o->n_msgs == (size_t) o->destroy_after_msgs) {
        ofp_channel_destroy(ch);
        o->ch = NULL;
    }
}

static void
on_connected(struct ofp_channel *ch, void *o_)
{
    struct owner *o = o_;

    if (o->n_connected < MAX_EVENTS) {
        o->connected_ms[o->n_connected] = now_ms();
    }
    o->n_connected++;
    if (o->destroy_on_connect) {
        ofp_channel_destroy(ch);
        o->ch = NULL;
    }
}

static void
on_disconnected(struct ofp_channel *ch, int error, void *o_)
{
    struct owner *o = o_;

    if (o->n_disconnected < MAX_EVENTS) {
        o->disconnected_ms[o->n_disconnected] = now_ms();
    }
    o->n_disconnected++;
    o->last_disconnect_error = error;
    snprintf(o->last_error, sizeof o->last_error, "%s",
             ofp_channel_last_error(ch));
    if (o->destroy_on_disconnect) {
        ofp_channel_destroy(ch);
        o->ch = NULL;
    }
}

static void
on_accept(struct ofp_listener *l, struct ofp_channel *ch, void *o_)
{
    struct owner *o = o_;
    struct ofp_msg echo;

    o->n_accepted++;
    if (o->ch) {
        /* One connection per test: refuse others (such as the probe that
         * a second listener on the same unix path makes). */
        ofp_channel_destroy(ch);
        return;
    }
    o->ch = ch;
    ofp_msg_init(&echo, OFPK_ECHO_REQUEST, 1);
    o->send_before_hello = ofp_channel_send(ch, &echo);
    if (o->destroy_listener_on_accept) {
        ofp_listener_destroy(l);
        o->listener = NULL;
    }
}

static const struct ofp_channel_callbacks channel_callbacks = {
    .connected = on_connected,
    .message = on_message,
    .disconnected = on_disconnected,
};

static const struct ofp_listener_callbacks listener_callbacks = {
    .accept = on_accept,
    .channel = {on_connected, on_message, on_disconnected},
};

/* Opens a listener on 'target' with 'options' (NULL for the defaults),
 * and returns its active target for peers ("tcp:127.0.0.1:PORT"). */
static const char *
listen_on(struct owner *o, const char *target,
          const struct ofp_channel_options *options)
{
    static char active[128];
    char *error;

    o->listener = ofp_listener_open(o->base, target, options,
                                    &listener_callbacks, o, &error);
    if (!o->listener) {
        fail_msg("ofp_listener_open(%s): %s", target, error);
    }
    if (!strncmp(target, "punix:", 6)) {
        snprintf(active, sizeof active, "unix:%s", target + 6);
    } else {
        /* "ptcp:PORT:IP" names the IP (IPv6 in brackets) after the port. */
        const char *name = ofp_listener_name(o->listener);
        const char *ip = strchr(name + strlen("ptcp:"), ':') + 1;
        snprintf(active, sizeof active, "tcp:%s:%d", ip,
                 ofp_listener_port(o->listener));
    }
    return active;
}

/* Passive channels against the blocking client. */

static void
peer_hello_only(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);

    wait_for_release(p);
    ofp_conn_close(conn);
}

static void
test_listener_negotiates_openflow13_with_client(void **state)
{
    struct owner *o = *state;
    struct ofp_channel_status s;

    start_peer(o, peer_hello_only, listen_on(o, "ptcp:0:127.0.0.1", NULL));
    assert_true(run_until(o, is_connected, 3000));
    assert_int_equal(o->n_accepted, 1);
    assert_int_equal(o->send_before_hello, -ENOTCONN);
    ofp_channel_get_status(o->ch, &s);
    assert_true(s.is_connected);
    assert_false(s.is_active);
    assert_int_equal(s.version, OFP13_VERSION);
    assert_int_equal(s.n_connections, 1);
    assert_true(!strncmp(s.name, "tcp:127.0.0.1:", 14));
    assert_true(!strncmp(ofp_listener_name(o->listener), "ptcp:", 5));
    assert_int_not_equal(ofp_listener_port(o->listener), 0);
    finish_peer(o);
}

static void
test_send_refuses_oversized_and_partial_messages(void **state)
{
    struct owner *o = *state;
    static uint8_t big[65536];
    uint8_t half[8] = {OFP13_VERSION, OFPT_ECHO_REQUEST, 0, 16};
    struct ofp_msg echo;

    start_peer(o, peer_hello_only, listen_on(o, "ptcp:0:127.0.0.1", NULL));
    assert_true(run_until(o, is_connected, 3000));
    ofp_msg_init(&echo, OFPK_ECHO_REQUEST, 1);
    ofp_bytes_set(&echo.echo, big, sizeof big - 8);
    assert_int_equal(ofp_channel_send(o->ch, &echo), -EMSGSIZE);
    assert_int_equal(ofp_channel_backlog(o->ch), 0);
    ofp_msg_uninit(&echo);
    /* Eight bytes of a sixteen-byte message. */
    assert_int_equal(ofp_channel_send_raw(o->ch, half, sizeof half), -EINVAL);
    assert_int_equal(ofp_channel_backlog(o->ch), 0);
    half[3] = 8;
    assert_int_equal(ofp_channel_send_raw(o->ch, half, sizeof half), 0);
    assert_int_equal(ofp_channel_backlog(o->ch), 8);
    finish_peer(o);
}

static void
peer_features_and_echo(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);
    struct ofp_msg req, *replies;
    size_t n;

    if (!conn) {
        return;
    }
    ofp_msg_init(&req, OFPK_FEATURES_REQUEST, 7);
    if (ofp_conn_transact(conn, &req, &replies, &n) || n != 1
        || replies[0].kind != OFPK_FEATURES_REPLY
        || replies[0].features_reply.datapath_id != 0x1234) {
        peer_fail(p, "no FEATURES_REPLY from the owner");
    } else {
        ofp_conn_free_replies(replies, n);
    }
    ofp_msg_init(&req, OFPK_ECHO_REQUEST, 8);
    ofp_bytes_set(&req.echo, "payload", 7);
    if (ofp_conn_transact(conn, &req, &replies, &n) || n != 1
        || replies[0].kind != OFPK_ECHO_REPLY || replies[0].xid != 8
        || replies[0].echo.len != 7
        || memcmp(replies[0].echo.data, "payload", 7)) {
        peer_fail(p, "no ECHO_REPLY with the request's payload");
    } else {
        ofp_conn_free_replies(replies, n);
    }
    ofp_msg_uninit(&req);
    ofp_conn_close(conn);
}

static void
test_owner_replies_and_channel_answers_echo(void **state)
{
    struct owner *o = *state;

    start_peer(o, peer_features_and_echo,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    /* The echo request never reached the owner. */
    assert_int_equal(o->n_msgs, 1);
    assert_int_equal(o->msg_kinds[0], OFPK_FEATURES_REQUEST);
    assert_int_equal(o->msg_xids[0], 7);
}

#define N_FLOW_MODS 10000

static void
peer_pipelines_flow_mods(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);
    struct ofp_msg fm, barrier, *replies;
    struct buf b;
    size_t n;

    if (!conn) {
        return;
    }
    buf_init(&b);
    for (uint32_t i = 0; i < N_FLOW_MODS; i++) {
        ofp_msg_init(&fm, OFPK_FLOW_MOD, 1000 + i);
        fm.flow_mod.priority = i;
        ofp_msg_encode(&fm, &b);
        ofp_msg_uninit(&fm);
    }
    if (ofp_conn_send_raw(conn, b.data, b.size)) {
        peer_fail(p, "sending %d flow mods failed", N_FLOW_MODS);
    }
    ofp_msg_init(&barrier, OFPK_BARRIER_REQUEST, 99999);
    if (ofp_conn_transact(conn, &barrier, &replies, &n) || n != 1) {
        peer_fail(p, "no BARRIER_REPLY after the flow mods");
    } else {
        ofp_conn_free_replies(replies, n);
    }
    buf_free(&b);
    ofp_conn_close(conn);
}

static void
test_pipelined_messages_arrive_whole_and_in_order(void **state)
{
    struct owner *o = *state;
    long long start = now_ms();

    start_peer(o, peer_pipelines_flow_mods,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    assert_int_equal(o->n_msgs, N_FLOW_MODS + 1);
    for (size_t i = 0; i < N_FLOW_MODS; i++) {
        assert_int_equal(o->msg_kinds[i], OFPK_FLOW_MOD);
        assert_int_equal(o->msg_xids[i], 1000 + i);
    }
    assert_int_equal(o->msg_kinds[N_FLOW_MODS], OFPK_BARRIER_REQUEST);
    print_message("%d flow mods and a barrier in %lld ms\n", N_FLOW_MODS,
                  now_ms() - start);
}

static void
peer_sends_largest_messages(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);
    struct ofp_msg exp, echo, *replies;
    uint8_t data[65535];
    size_t n;

    if (!conn) {
        return;
    }
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = i;
    }
    ofp_msg_init(&exp, OFPK_EXPERIMENTER, 5);
    exp.experimenter.experimenter = 0x00abcdef;
    ofp_bytes_set(&exp.experimenter.data, data, 65535 - 16);
    if (ofp_conn_send(conn, &exp)) {
        peer_fail(p, "sending a 65535-byte EXPERIMENTER failed");
    }
    ofp_msg_init(&echo, OFPK_ECHO_REQUEST, 6);
    ofp_bytes_set(&echo.echo, data, 65535 - 8);
    if (ofp_conn_transact(conn, &echo, &replies, &n) || n != 1
        || replies[0].echo.len != 65535 - 8
        || memcmp(replies[0].echo.data, data, 65535 - 8)) {
        peer_fail(p, "no 65535-byte ECHO_REPLY");
    } else {
        ofp_conn_free_replies(replies, n);
    }
    ofp_msg_uninit(&exp);
    ofp_msg_uninit(&echo);
    ofp_conn_close(conn);
}

static void
test_largest_messages_pass_both_ways(void **state)
{
    struct owner *o = *state;

    start_peer(o, peer_sends_largest_messages,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    assert_int_equal(o->n_msgs, 1);
    assert_int_equal(o->experimenter_len, 65535);
    assert_true(o->experimenter_data_ok);
}

/* Sends 'len' bytes at 'raw' and expects an OFPT_ERROR 'error' in reply,
 * with the raw message's xid and its first 64 bytes. */
static void
peer_expect_error(struct peer *p, struct ofp_conn *conn, const uint8_t *raw,
                  size_t len, enum ofperr error)
{
    struct ofp_msg reply;
    struct buf b;
    size_t echoed = len < 64 ? len : 64;

    buf_init(&b);
    ofp_conn_send_raw(conn, raw, len);
    if (ofp_conn_recv(conn, &reply, &b, 3000) || reply.kind != OFPK_ERROR
        || reply.error.error != error || reply.xid != buf_get_be32(raw + 4)
        || reply.error.data.len != echoed
        || memcmp(reply.error.data.data, raw, echoed)) {
        peer_fail(p, "expected %s with the request's xid and 64 bytes",
                  ofperr_name(error));
    }
    ofp_msg_uninit(&reply);
    buf_free(&b);
}

static void
peer_sends_undecodable(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);
    uint8_t raw[100];
    struct ofp_msg echo, *replies;
    size_t n;

    if (!conn) {
        return;
    }
    for (size_t i = 0; i < sizeof raw; i++) {
        raw[i] = i;
    }
    /* An unknown message type. */
    memcpy(raw, (uint8_t[]){OFP13_VERSION, 200, 0, 100, 0xab, 0xcd, 1, 2}, 8);
    peer_expect_error(p, conn, raw, sizeof raw, OFPERR_OFPBRC_BAD_TYPE);
    /* A FEATURES_REQUEST in OpenFlow 1.0 after 1.3 was agreed. */
    memcpy(raw, (uint8_t[]){0x01, OFPT_FEATURES_REQUEST, 0, 8, 0, 0, 0, 77}, 8);
    peer_expect_error(p, conn, raw, 8, OFPERR_OFPBRC_BAD_VERSION);
    /* The channel is still up. */
    ofp_msg_init(&echo, OFPK_ECHO_REQUEST, 3);
    if (ofp_conn_transact(conn, &echo, &replies, &n)) {
        peer_fail(p, "the channel did not stay up after the errors");
    } else {
        ofp_conn_free_replies(replies, n);
    }
    ofp_conn_close(conn);
}

static void
test_undecodable_message_gets_error_and_channel_stays_up(void **state)
{
    struct owner *o = *state;

    start_peer(o, peer_sends_undecodable,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    assert_int_equal(o->n_msgs, 0);
    assert_int_equal(o->n_connected, 1);
    /* The client's close after the test came after the errors. */
    assert_true(run_until(o, is_disconnected, 3000));
    assert_int_equal(o->n_disconnected, 1);
}

/* Raw peers: protocol violations. */

static void
peer_offers_openflow10(struct peer *p)
{
    int fd = raw_connect(p);

    raw_send_header(fd, 0x01, OFPT_HELLO, 8, 9);
    raw_collect_reply_and_eof(p, fd);
}

static void
test_version_mismatch_gets_hello_failed_and_close(void **state)
{
    struct owner *o = *state;
    const struct buf *got = &o->peer.got;
    uint16_t type, code;
    uint32_t exp;

    start_peer(o, peer_offers_openflow10,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    ofperr_to_wire(OFPERR_OFPHFC_INCOMPATIBLE, &type, &code, &exp);
    assert_int_equal(o->peer.got_type, OFPT_ERROR);
    /* In the peer's version, so that an OpenFlow 1.0 peer can read it. */
    assert_int_equal(got->data[0], 0x01);
    assert_int_equal(buf_get_be32(got->data + 4), 9);
    assert_int_equal(buf_get_be16(got->data + 8), type);
    assert_int_equal(buf_get_be16(got->data + 10), code);
    buf_put_u8(&o->peer.got, 0);
    assert_non_null(strstr((char *) got->data + 12,
                           "We support only OpenFlow 1.3 (version 0x04); "
                           "you support OpenFlow 1.0 (0x01)"));
    assert_true(o->peer.saw_eof);
    assert_true(run_until(o, is_disconnected, 3000));
    assert_int_equal(o->n_connected, 0);
    assert_int_equal(o->last_disconnect_error, -EPROTONOSUPPORT);
    assert_non_null(strstr(o->last_error, "does not support OpenFlow 1.3"));
}

static void
peer_skips_hello(struct peer *p)
{
    int fd = raw_connect(p);

    raw_send_header(fd, OFP13_VERSION, OFPT_FEATURES_REQUEST, 8, 66);
    raw_collect_reply_and_eof(p, fd);
}

static void
test_message_before_hello_gets_hello_failed_and_close(void **state)
{
    struct owner *o = *state;
    const struct buf *got = &o->peer.got;
    uint16_t type, code;
    uint32_t exp;

    start_peer(o, peer_skips_hello, listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    ofperr_to_wire(OFPERR_OFPHFC_INCOMPATIBLE, &type, &code, &exp);
    assert_int_equal(o->peer.got_type, OFPT_ERROR);
    assert_int_equal(buf_get_be32(got->data + 4), 66);
    assert_int_equal(buf_get_be16(got->data + 8), type);
    assert_int_equal(buf_get_be16(got->data + 10), code);
    assert_true(o->peer.saw_eof);
    assert_true(run_until(o, is_disconnected, 3000));
    assert_int_equal(o->last_disconnect_error, -EPROTO);
    assert_non_null(strstr(o->last_error, "before HELLO"));
}

static void
peer_sends_short_length(struct peer *p)
{
    int fd = raw_connect(p);

    raw_send_header(fd, OFP13_VERSION, OFPT_HELLO, 8, 1);
    raw_send_header(fd, OFP13_VERSION, OFPT_FEATURES_REQUEST, 4, 55);
    raw_collect_reply_and_eof(p, fd);
}

static void
test_length_below_header_gets_bad_len_and_close(void **state)
{
    struct owner *o = *state;
    struct ofp_msg reply;

    start_peer(o, peer_sends_short_length,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    finish_peer(o);
    assert_int_equal(o->peer.got_type, OFPT_ERROR);
    assert_int_equal(ofp_msg_decode(o->peer.got.data, o->peer.got.size, &reply),
                     0);
    assert_int_equal(reply.error.error, OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(reply.xid, 55);
    ofp_msg_uninit(&reply);
    assert_true(o->peer.saw_eof);
    assert_true(run_until(o, is_disconnected, 3000));
    assert_int_equal(o->n_connected, 1);
    assert_int_equal(o->last_disconnect_error, -EPROTO);
}

static void
peer_connects_and_leaves(struct peer *p)
{
    ofp_conn_close(peer_open(p));
}

static void
test_peer_disconnect_is_reported_and_destroy_inside_is_safe(void **state)
{
    struct owner *o = *state;

    o->destroy_on_disconnect = true;
    start_peer(o, peer_connects_and_leaves, listen_on(o, "ptcp:0:[::1]", NULL));
    finish_peer(o);
    assert_true(run_until(o, is_disconnected, 3000));
    assert_int_equal(o->last_disconnect_error, -ECONNRESET);
    assert_non_null(strstr(o->last_error, "closed the connection"));
    assert_null(o->ch);
}

/* Destruction inside callbacks. */

static void
peer_sends_ten_then_waits_for_close(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);
    struct ofp_msg fm, msg;
    struct buf b;

    if (!conn) {
        return;
    }
    buf_init(&b);
    for (uint32_t i = 0; i < 10; i++) {
        ofp_msg_init(&fm, OFPK_FLOW_MOD, i + 1);
        ofp_msg_encode(&fm, &b);
    }
    ofp_conn_send_raw(conn, b.data, b.size);
    if (ofp_conn_recv(conn, &msg, NULL, 3000) != -ECONNRESET) {
        peer_fail(p, "the destroyed channel did not close: %s",
                  ofp_conn_error(conn));
    }
    ofp_msg_uninit(&msg);
    buf_free(&b);
    ofp_conn_close(conn);
}

static bool
is_destroyed(const struct owner *o)
{
    return !o->ch && o->n_accepted;
}

static void
test_destroy_in_message_callback_stops_delivery(void **state)
{
    struct owner *o = *state;

    o->destroy_after_msgs = 3;
    start_peer(o, peer_sends_ten_then_waits_for_close,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    assert_true(run_until(o, is_destroyed, 3000));
    finish_peer(o);
    assert_int_equal(o->n_msgs, 3);
    assert_int_equal(o->n_disconnected, 0);
}

static void
test_destroy_in_connect_and_accept_callbacks_is_safe(void **state)
{
    struct owner *o = *state;

    o->destroy_on_connect = true;
    o->destroy_listener_on_accept = true;
    start_peer(o, peer_sends_ten_then_waits_for_close,
               listen_on(o, "ptcp:0:127.0.0.1", NULL));
    assert_true(run_until(o, is_destroyed, 3000));
    finish_peer(o);
    assert_null(o->listener);
    assert_int_equal(o->n_connected, 1);
    assert_int_equal(o->n_msgs, 0);
}

/* Flow control, on a unix socket, whose small buffers fill quickly. */

static void
peer_does_not_read(struct peer *p)
{
    struct ofp_conn *conn = peer_open(p);

    wait_for_release(p);
    ofp_conn_close(conn);
}

static void
test_output_queue_bound_gives_enobufs(void **state)
{
    struct owner *o = *state;
    char path[64], punix[80], *error;
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    struct ofp_channel_options opts;
    struct ofp_listener *second;
    uint8_t echo[16384] = {OFP13_VERSION, OFPT_ECHO_REQUEST, 0x40, 0};
    size_t queued = 0;
    int n_refused = 0;

    /* A stale socket file, as a crashed process leaves behind. */
    snprintf(path, sizeof path, "/tmp/test_ofp_channel.%ld", (long) getpid());
    snprintf(punix, sizeof punix, "punix:%s", path);
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    close(fd);

    ofp_channel_options_init(&opts);
    opts.max_backlog_bytes = 64 * 1024;
    start_peer(o, peer_does_not_read, listen_on(o, punix, &opts));
    assert_true(run_until(o, is_connected, 3000));

    /* A live socket is not replaced. */
    second =
        ofp_listener_open(o->base, punix, NULL, &listener_callbacks, o, &error);
    assert_null(second);
    assert_non_null(strstr(error, "another process is listening"));
    free(error);

    while (n_refused < 20 && queued < 64 * 1024 * 1024) {
        int retval = ofp_channel_send_raw(o->ch, echo, sizeof echo);
        if (!retval) {
            queued += sizeof echo;
            n_refused = 0;
        } else {
            assert_int_equal(retval, -ENOBUFS);
            n_refused++;
            event_base_loop(o->base, EVLOOP_NONBLOCK);
        }
        assert_true(ofp_channel_backlog(o->ch) <= opts.max_backlog_bytes);
    }
    assert_int_equal(n_refused, 20);
    assert_true(ofp_channel_backlog(o->ch) > opts.max_backlog_bytes / 2);
    print_message("queued %zu bytes before the peer's buffers were full\n",
                  queued);
    finish_peer(o);
}

/* Active channels, against raw servers in the test. */

/* Returns a TCP socket bound to a free loopback port, listening if
 * 'listen' is true, and that port as an active target in 'target'. */
static int
bind_loopback(bool do_listen, char *target, size_t size)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    socklen_t len = sizeof sin;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *) &sin, sizeof sin), 0);
    if (do_listen) {
        assert_int_equal(listen(fd, 8), 0);
    }
    getsockname(fd, (struct sockaddr *) &sin, &len);
    snprintf(target, size, "tcp:127.0.0.1:%d", ntohs(sin.sin_port));
    return fd;
}

static struct ofp_channel *
connect_to(struct owner *o, const char *target,
           const struct ofp_channel_options *opts)
{
    char *error;
    struct ofp_channel *ch = ofp_channel_connect(o->base, target, opts,
                                                 &channel_callbacks, o, &error);
    if (!ch) {
        fail_msg("ofp_channel_connect(%s): %s", target, error);
    }
    return ch;
}

static void
peer_serves_twice(struct peer *p)
{
    struct buf b;
    int fd;

    buf_init(&b);
    for (int i = 0; i < 2; i++) {
        fd = raw_accept(p);
        if (fd < 0) {
            break;
        }
        raw_expect_hello(p, fd, &b);
        raw_send_header(fd, OFP13_VERSION, OFPT_HELLO, 8, 1);
        if (i == 0) {
            usleep(50 * 1000);
        } else {
            wait_for_release(p);
        }
        close(fd);
    }
    buf_free(&b);
}

static bool
connected_twice(const struct owner *o)
{
    return o->n_connected >= 2;
}

static void
test_active_channel_reconnects_after_peer_closes(void **state)
{
    struct owner *o = *state;
    struct ofp_channel_options opts;
    struct ofp_channel_status s;
    char target[64];

    o->peer.listen_fd = bind_loopback(true, target, sizeof target);
    ofp_channel_options_init(&opts);
    opts.min_backoff_ms = 100;
    opts.max_backoff_ms = 400;
    start_peer(o, peer_serves_twice, target);
    o->ch = connect_to(o, target, &opts);
    assert_true(run_until(o, connected_twice, 3000));
    assert_int_equal(o->n_disconnected, 1);
    assert_int_equal(o->last_disconnect_error, -ECONNRESET);
    /* The first retry waits the minimum backoff. */
    long long gap = o->connected_ms[1] - o->disconnected_ms[0];
    assert_true(gap >= 95 && gap < 250);
    ofp_channel_get_status(o->ch, &s);
    assert_true(s.is_active && s.is_connected);
    assert_int_equal(s.n_connections, 2);
    assert_string_equal(s.name, target);
    finish_peer(o);
}

static bool
refused_five_times(const struct owner *o)
{
    return o->n_disconnected >= 5;
}

static void
test_failed_attempts_back_off_exponentially(void **state)
{
    static const int expected_ms[] = {50, 100, 200, 200};
    struct owner *o = *state;
    struct ofp_channel_options opts;
    char target[64];

    /* Bound but not listening: every attempt is refused at once. */
    o->peer.listen_fd = bind_loopback(false, target, sizeof target);
    ofp_channel_options_init(&opts);
    opts.min_backoff_ms = 50;
    opts.max_backoff_ms = 200;
    o->ch = connect_to(o, target, &opts);
    assert_true(run_until(o, refused_five_times, 3000));
    assert_int_equal(o->last_disconnect_error, -ECONNREFUSED);
    assert_int_equal(o->n_connected, 0);
    for (int i = 0; i < 4; i++) {
        long long gap = o->disconnected_ms[i + 1] - o->disconnected_ms[i];
        if (gap < expected_ms[i] - 5 || gap > expected_ms[i] + 100) {
            fail_msg("attempt %d came %lld ms after the previous, not %d", i,
                     gap, expected_ms[i]);
        }
    }
    assert_non_null(strstr(ofp_channel_last_error(o->ch), "refused"));
}

static void
peer_ignores_probes(struct peer *p)
{
    struct buf b;
    long long start;
    int fd = raw_accept(p), type;

    if (fd < 0) {
        return;
    }
    buf_init(&b);
    raw_expect_hello(p, fd, &b);
    raw_send_header(fd, OFP13_VERSION, OFPT_HELLO, 8, 1);
    start = now_ms();
    while ((type = raw_recv(fd, &b)) >= 0) {
        if (type == OFPT_ECHO_REQUEST && !p->echo_ms) {
            p->echo_ms = now_ms() - start;
        }
    }
    p->eof_ms = now_ms() - start;
    buf_free(&b);
    close(fd);
}

static void
test_unanswered_probe_disconnects(void **state)
{
    struct owner *o = *state;
    struct ofp_channel_options opts;
    char target[64];

    o->peer.listen_fd = bind_loopback(true, target, sizeof target);
    ofp_channel_options_init(&opts);
    opts.probe_interval_ms = 200;
    opts.min_backoff_ms = 2000; /* No reconnection during the test. */
    start_peer(o, peer_ignores_probes, target);
    o->ch = connect_to(o, target, &opts);
    assert_true(run_until(o, is_disconnected, 3000));
    finish_peer(o);
    assert_int_equal(o->n_connected, 1);
    assert_int_equal(o->last_disconnect_error, -ETIMEDOUT);
    assert_string_equal(o->last_error, "no response to inactivity probe "
                                       "after 0.2 s, disconnecting");
    /* ECHO_REQUEST after one interval, disconnection after another. */
    assert_true(o->peer.echo_ms >= 190 && o->peer.echo_ms < 350);
    assert_true(o->peer.eof_ms >= 390 && o->peer.eof_ms < 600);
}

static void
peer_answers_probes(struct peer *p)
{
    struct timeval tv = {0, 20 * 1000};
    struct buf b;
    int fd = raw_accept(p);

    if (fd < 0) {
        return;
    }
    buf_init(&b);
    raw_expect_hello(p, fd, &b);
    raw_send_header(fd, OFP13_VERSION, OFPT_HELLO, 8, 1);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (!atomic_load(&p->release)) {
        if (raw_recv(fd, &b) == OFPT_ECHO_REQUEST) {
            b.data[1] = OFPT_ECHO_REPLY;
            send(fd, b.data, b.size, MSG_NOSIGNAL);
            p->n_echoes++;
        }
    }
    buf_free(&b);
    close(fd);
}

static bool
never(const struct owner *o)
{
    (void) o;
    return false;
}

static void
test_answered_probes_keep_the_connection(void **state)
{
    struct owner *o = *state;
    struct ofp_channel_options opts;
    char target[64];

    o->peer.listen_fd = bind_loopback(true, target, sizeof target);
    ofp_channel_options_init(&opts);
    opts.probe_interval_ms = 100;
    start_peer(o, peer_answers_probes, target);
    o->ch = connect_to(o, target, &opts);
    run_until(o, never, 600);
    assert_int_equal(o->n_connected, 1);
    if (o->n_disconnected) {
        fail_msg("disconnected: %s", o->last_error);
    }
    assert_true(ofp_channel_is_connected(o->ch));
    finish_peer(o);
    /* One probe per idle interval: about six in 600 ms. */
    assert_true(o->peer.n_echoes >= 3 && o->peer.n_echoes <= 7);
    assert_int_equal(o->n_msgs, 0);
}

/* Bad arguments. */

static void
test_bad_targets_and_options_fail_with_sentence(void **state)
{
    struct owner *o = *state;
    struct ofp_channel_options opts;
    char *error;

    assert_null(ofp_channel_connect(o->base, "tcp:localhost", NULL,
                                    &channel_callbacks, o, &error));
    assert_non_null(strstr(error, "numeric IP address"));
    free(error);
    assert_null(ofp_channel_connect(o->base, "ptcp:6653", NULL,
                                    &channel_callbacks, o, &error));
    assert_non_null(strstr(error, "tcp:IP[:PORT]"));
    free(error);
    assert_null(ofp_listener_open(o->base, "tcp:127.0.0.1", NULL,
                                  &listener_callbacks, o, &error));
    assert_non_null(strstr(error, "ptcp:"));
    free(error);
    ofp_channel_options_init(&opts);
    opts.max_backoff_ms = 10;
    assert_null(ofp_channel_connect(o->base, "tcp:127.0.0.1", &opts,
                                    &channel_callbacks, o, &error));
    assert_non_null(strstr(error, "max_backoff_ms"));
    free(error);
}

/* A real peer: Open vSwitch's ovs-ofctl. */

static bool
child_exited(pid_t pid, int *status)
{
    return waitpid(pid, status, WNOHANG) == pid;
}

static void
test_ovs_ofctl_probe_succeeds(void **state)
{
    static const char ovs_ofctl[] = "/usr/bin/ovs-ofctl";
    struct owner *o = *state;
    char target[64];
    long long deadline;
    int status = -1;
    pid_t pid;

    if (access(ovs_ofctl, X_OK)) {
        print_message("%s is not installed; skipping\n", ovs_ofctl);
        skip();
    }
    snprintf(target, sizeof target, "%s",
             listen_on(o, "ptcp:0:127.0.0.1", NULL));
    char *argv[] = {"ovs-ofctl", "-O", "OpenFlow13", "probe", target, NULL};
    assert_int_equal(posix_spawn(&pid, ovs_ofctl, NULL, NULL, argv, environ),
                     0);
    deadline = now_ms() + 5000;
    while (!child_exited(pid, &status) && now_ms() < deadline) {
        event_base_loop(o->base, EVLOOP_ONCE);
    }
    if (now_ms() >= deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail_msg("ovs-ofctl probe did not finish in 5 s");
    }
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(o->n_connected, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
        T(test_listener_negotiates_openflow13_with_client),
        T(test_send_refuses_oversized_and_partial_messages),
        T(test_owner_replies_and_channel_answers_echo),
        T(test_pipelined_messages_arrive_whole_and_in_order),
        T(test_largest_messages_pass_both_ways),
        T(test_undecodable_message_gets_error_and_channel_stays_up),
        T(test_version_mismatch_gets_hello_failed_and_close),
        T(test_message_before_hello_gets_hello_failed_and_close),
        T(test_length_below_header_gets_bad_len_and_close),
        T(test_peer_disconnect_is_reported_and_destroy_inside_is_safe),
        T(test_destroy_in_message_callback_stops_delivery),
        T(test_destroy_in_connect_and_accept_callbacks_is_safe),
        T(test_output_queue_bound_gives_enobufs),
        T(test_active_channel_reconnects_after_peer_closes),
        T(test_failed_attempts_back_off_exponentially),
        T(test_unanswered_probe_disconnects),
        T(test_answered_probes_keep_the_connection),
        T(test_bad_targets_and_options_fail_with_sentence),
        T(test_ovs_ofctl_probe_succeeds),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
