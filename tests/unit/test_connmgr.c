/* Tests for the connection manager (ofproto/connmgr.c, ofconn.c,
 * connmgr_bundle.c) over real sockets on a libevent loop, with the ofproto
 * functions it calls replaced by recording fakes below: peers are
 * OpenFlow channels (ofp_channel.h) in the same loop, one as a tool on the
 * switch's listener, one as a controller the switch connects to. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datapath/dp_packet.h"
#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/connmgr_private.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofproto_private.h"

/* The fake ofproto. */

#define BAD_COOKIE 0xbadu
#define MAX_STAGED 16

static struct {
    int n_controllers_changed;
    int n_flushes;
    enum ofp_msg_kind last_kind;
    int handle_error; /* Returned by ofproto_handle_msg() for FLOW_MOD. */
    uint64_t staged[MAX_STAGED], committed[MAX_STAGED];
    size_t n_staged, n_committed, n_aborts;
    int take_error; /* From ofconn_take_buffered_packet() by PACKET_OUT. */
    size_t taken_len;
    uint32_t taken_port;
} fake;

static char fake_ofproto_storage;
#define FAKE_OFPROTO ((struct ofproto *) (void *) &fake_ofproto_storage)

long long
ofproto_time_msec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void
ofproto_controllers_changed(struct ofproto *ofproto)
{
    assert_ptr_equal(ofproto, FAKE_OFPROTO);
    fake.n_controllers_changed++;
}

void
ofproto_flush_revalidation(struct ofproto *ofproto)
{
    (void) ofproto;
    fake.n_flushes++;
}

static void
reply_port_desc(struct ofconn *ofconn, uint32_t xid, size_t n)
{
    struct ofp_msg reply;

    ofp_msg_init(&reply, OFPK_PORT_DESC_REPLY, xid);
    for (size_t i = 0; i < n; i++) {
        struct ofp_port *port = OFP_STATS_PUSH(reply.port_desc_reply);

        port->port_no = (uint32_t) i + 1;
    }
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
}

int
ofproto_handle_msg(struct ofproto *ofproto, struct ofconn *ofconn,
                   const struct ofp_msg *msg, const void *raw, size_t raw_len)
{
    struct dp_packet *packet;
    struct ofp_msg reply;

    (void) ofproto;
    (void) raw;
    (void) raw_len;
    fake.last_kind = msg->kind;
    switch (msg->kind) {
    case OFPK_FEATURES_REQUEST:
        ofp_msg_init(&reply, OFPK_FEATURES_REPLY, msg->xid);
        reply.features_reply.datapath_id = 0x1234;
        ofconn_send_reply(ofconn, &reply);
        return 0;
    case OFPK_PORT_DESC_REQUEST:
        reply_port_desc(ofconn, msg->xid, 3000);
        return 0;
    case OFPK_PACKET_OUT:
        fake.take_error = ofconn_take_buffered_packet(
            ofconn, msg->packet_out.buffer_id, &packet, &fake.taken_port);
        if (!fake.take_error) {
            fake.taken_len = dp_packet_size(packet);
            dp_packet_delete(packet);
        }
        return fake.take_error;
    case OFPK_FLOW_MOD:
        return fake.handle_error;
    default:
        return -OFPERR_OFPBRC_BAD_TYPE;
    }
}

struct ofproto_txn *
ofproto_txn_begin(struct ofproto *ofproto)
{
    struct ofproto_txn *txn = xzalloc(sizeof *txn);

    txn->ofproto = ofproto;
    fake.n_staged = 0;
    return txn;
}

int
ofproto_txn_flow_mod(struct ofproto_txn *txn, const struct ofp_flow_mod *fm)
{
    (void) txn;
    if (fm->cookie == BAD_COOKIE) {
        return -OFPERR_OFPFMFC_OVERLAP;
    }
    assert_true(fake.n_staged < MAX_STAGED);
    fake.staged[fake.n_staged++] = fm->cookie;
    return 0;
}

int
ofproto_txn_group_mod(struct ofproto_txn *txn, const struct ofp_group_mod *gm)
{
    (void) txn;
    fake.staged[fake.n_staged++] = gm->group_id;
    return 0;
}

int
ofproto_txn_meter_mod(struct ofproto_txn *txn, const struct ofp_meter_mod *mm)
{
    (void) txn;
    fake.staged[fake.n_staged++] = mm->meter_id;
    return 0;
}

void
ofproto_txn_commit(struct ofproto_txn *txn)
{
    memcpy(fake.committed, fake.staged, sizeof fake.staged);
    fake.n_committed = fake.n_staged;
    free(txn);
}

void
ofproto_txn_abort(struct ofproto_txn *txn)
{
    fake.n_aborts++;
    free(txn);
}

/* Peers. */

#define MAX_MSGS 512

struct peer {
    struct ofp_channel *ch;
    bool connected;
    struct ofp_msg msgs[MAX_MSGS];
    size_t n_msgs;
};

struct env {
    struct event_base *base;
    struct connmgr *mgr;
    struct ofp_listener *ctl_listener; /* The test's "controller". */
    struct peer tool, ctl, tool2;
};

static void
peer_connected(struct ofp_channel *ch, void *p_)
{
    struct peer *p = p_;

    (void) ch;
    p->connected = true;
}

static void
peer_message(struct ofp_channel *ch, struct ofp_msg *msg, const void *raw,
             size_t len, void *p_)
{
    struct peer *p = p_;

    (void) ch;
    (void) raw;
    (void) len;
    assert_true(p->n_msgs < MAX_MSGS);
    p->msgs[p->n_msgs++] = *msg;
    ofp_msg_init(msg, OFPK_HELLO, 0);
}

static void
peer_disconnected(struct ofp_channel *ch, int error, void *p_)
{
    struct peer *p = p_;

    (void) ch;
    (void) error;
    p->connected = false;
}

static const struct ofp_channel_callbacks peer_callbacks = {
    .connected = peer_connected,
    .message = peer_message,
    .disconnected = peer_disconnected,
};

static void
ctl_accept(struct ofp_listener *l, struct ofp_channel *ch, void *env_)
{
    struct env *env = env_;

    (void) l;
    env->ctl.ch = ch;
    ofp_channel_set_aux(ch, &env->ctl);
}

static void
peer_clear(struct peer *p)
{
    for (size_t i = 0; i < p->n_msgs; i++) {
        ofp_msg_uninit(&p->msgs[i]);
    }
    p->n_msgs = 0;
}

/* Runs the loop until 'p' has 'n' messages (or is connected, for n 0). */
static void
run_until(struct env *env, const struct peer *p, size_t n)
{
    long long deadline = ofproto_time_msec() + 5000;

    while (!(n ? p->n_msgs >= n : p->connected)) {
        struct timeval tv = {0, 10000};

        assert_true(ofproto_time_msec() < deadline);
        event_base_loopexit(env->base, &tv);
        event_base_loop(env->base, EVLOOP_ONCE);
    }
}

/* Runs the loop a little, for checking that nothing arrives. */
static void
run_a_while(struct env *env)
{
    struct timeval tv = {0, 100000};

    event_base_loopexit(env->base, &tv);
    event_base_dispatch(env->base);
}

static void
connect_tool(struct env *env, struct peer *p)
{
    char target[64];
    char *error = NULL;

    snprintf(target, sizeof target, "tcp:127.0.0.1:%u",
             connmgr_listener_port(env->mgr, "ptcp:0:127.0.0.1"));
    p->ch = ofp_channel_connect(env->base, target, NULL, &peer_callbacks, p,
                                &error);
    assert_non_null(p->ch);
    run_until(env, p, 0);
}

static int
setup(void **state)
{
    static const char *const listeners[] = {"ptcp:0:127.0.0.1"};
    struct env *env = xzalloc(sizeof *env);
    char *error = NULL;

    memset(&fake, 0, sizeof fake);
    env->base = event_base_new();
    env->mgr = connmgr_create(FAKE_OFPROTO, env->base);
    assert_int_equal(connmgr_set_listeners(env->mgr, listeners, 1, &error), 0);
    assert_int_not_equal(connmgr_listener_port(env->mgr, "ptcp:0:127.0.0.1"),
                         0);
    connect_tool(env, &env->tool);
    *state = env;
    return 0;
}

static void
peer_destroy(struct peer *p)
{
    ofp_channel_destroy(p->ch);
    peer_clear(p);
}

static int
teardown(void **state)
{
    struct env *env = *state;

    connmgr_destroy(env->mgr);
    peer_destroy(&env->tool);
    peer_destroy(&env->tool2);
    peer_destroy(&env->ctl);
    ofp_listener_destroy(env->ctl_listener);
    event_base_free(env->base);
    free(env);
    return 0;
}

/* Sends 'msg' from 'p' and waits for 'n' more messages. */
static void
transact(struct env *env, struct peer *p, const struct ofp_msg *msg, size_t n)
{
    size_t before = p->n_msgs;

    assert_int_equal(ofp_channel_send(p->ch, msg), 0);
    run_until(env, p, before + n);
}

static void
assert_error(const struct ofp_msg *msg, uint32_t xid, enum ofperr error)
{
    assert_int_equal(msg->kind, OFPK_ERROR);
    assert_int_equal(msg->xid, xid);
    assert_int_equal(msg->error.error, error);
}

static void
send_role(struct env *env, struct peer *p, uint32_t xid, uint32_t role,
          uint64_t generation_id)
{
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_ROLE_REQUEST, xid);
    req.role.role = role;
    req.role.generation_id = generation_id;
    transact(env, p, &req, 1);
}

static void
send_simple(struct env *env, struct peer *p, enum ofp_msg_kind kind,
            uint32_t xid)
{
    struct ofp_msg req;

    ofp_msg_init(&req, kind, xid);
    transact(env, p, &req, 1);
}

/* Tests. */

static void
test_other_requests_go_to_ofproto(void **state)
{
    struct env *env = *state;

    send_simple(env, &env->tool, OFPK_FEATURES_REQUEST, 5);
    assert_int_equal(fake.last_kind, OFPK_FEATURES_REQUEST);
    assert_int_equal(env->tool.msgs[0].kind, OFPK_FEATURES_REPLY);
    assert_int_equal(env->tool.msgs[0].xid, 5);
    assert_int_equal(env->tool.msgs[0].features_reply.datapath_id, 0x1234);
}

static void
test_ofproto_error_is_sent_with_xid_and_request_bytes(void **state)
{
    struct env *env = *state;
    struct ofp_msg req;
    struct buf raw;

    fake.handle_error = -OFPERR_OFPFMFC_TABLE_FULL;
    ofp_msg_init(&req, OFPK_FLOW_MOD, 77);
    transact(env, &env->tool, &req, 1);
    assert_error(&env->tool.msgs[0], 77, OFPERR_OFPFMFC_TABLE_FULL);
    buf_init(&raw);
    assert_int_equal(ofp_msg_encode(&req, &raw), 0);
    assert_int_equal(env->tool.msgs[0].error.data.len,
                     raw.size < OFP_ERROR_DATA_MAX ? raw.size
                                                   : OFP_ERROR_DATA_MAX);
    assert_memory_equal(env->tool.msgs[0].error.data.data, raw.data,
                        env->tool.msgs[0].error.data.len);
    buf_free(&raw);

    /* An internal failure becomes the request type's "unknown" error. */
    fake.handle_error = -ENOMEM;
    transact(env, &env->tool, &req, 1);
    assert_error(&env->tool.msgs[1], 77, OFPERR_OFPFMFC_UNKNOWN);
}

static void
test_unknown_experimenter_is_bad_vendor(void **state)
{
    struct env *env = *state;
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_EXPERIMENTER, 9);
    req.experimenter.experimenter = 0x12345678;
    transact(env, &env->tool, &req, 1);
    assert_error(&env->tool.msgs[0], 9, OFPERR_OFPBRC_BAD_VENDOR);
}

static void
test_barrier_flushes_revalidation_then_replies(void **state)
{
    struct env *env = *state;

    send_simple(env, &env->tool, OFPK_BARRIER_REQUEST, 3);
    assert_int_equal(fake.n_flushes, 1);
    assert_int_equal(env->tool.msgs[0].kind, OFPK_BARRIER_REPLY);
    assert_int_equal(env->tool.msgs[0].xid, 3);
}

static void
test_config_defaults_and_set_config(void **state)
{
    struct env *env = *state;
    struct ofp_msg req;

    send_simple(env, &env->tool, OFPK_GET_CONFIG_REQUEST, 1);
    /* A tool connection starts with miss_send_len 0 (Open vSwitch). */
    assert_int_equal(env->tool.msgs[0].config.miss_send_len, 0);
    assert_int_equal(env->tool.msgs[0].config.flags, OFPC_FRAG_NORMAL);

    ofp_msg_init(&req, OFPK_SET_CONFIG, 2);
    req.config.miss_send_len = 200;
    assert_int_equal(ofp_channel_send(env->tool.ch, &req), 0);
    send_simple(env, &env->tool, OFPK_GET_CONFIG_REQUEST, 3);
    assert_int_equal(env->tool.msgs[1].config.miss_send_len, 200);

    req.config.flags = OFPC_FRAG_DROP;
    transact(env, &env->tool, &req, 1);
    assert_error(&env->tool.msgs[2], 2, OFPERR_OFPSCFC_BAD_FLAGS);
}

static void
test_async_defaults_and_set_async(void **state)
{
    struct env *env = *state;
    struct ofp_msg req;

    send_simple(env, &env->tool, OFPK_GET_ASYNC_REQUEST, 1);
    assert_int_equal(env->tool.msgs[0].async.packet_in_mask[0], 0x3);
    assert_int_equal(env->tool.msgs[0].async.packet_in_mask[1], 0);
    assert_int_equal(env->tool.msgs[0].async.port_status_mask[1], 0x7);
    assert_int_equal(env->tool.msgs[0].async.flow_removed_mask[0], 0xf);

    ofp_msg_init(&req, OFPK_SET_ASYNC, 2);
    req.async.packet_in_mask[1] = 0x4;
    assert_int_equal(ofp_channel_send(env->tool.ch, &req), 0);
    send_simple(env, &env->tool, OFPK_GET_ASYNC_REQUEST, 3);
    assert_int_equal(env->tool.msgs[1].async.packet_in_mask[1], 0x4);
    assert_int_equal(env->tool.msgs[1].async.packet_in_mask[0], 0);
}

static void
test_role_request_rules(void **state)
{
    struct env *env = *state;

    send_role(env, &env->tool, 1, OFPCR_ROLE_NOCHANGE, 0);
    assert_int_equal(env->tool.msgs[0].role.role, OFPCR_ROLE_EQUAL);
    assert_true(env->tool.msgs[0].role.generation_id == UINT64_MAX);

    send_role(env, &env->tool, 2, OFPCR_ROLE_SLAVE, 10);
    assert_int_equal(env->tool.msgs[1].kind, OFPK_ROLE_REPLY);
    assert_int_equal(env->tool.msgs[1].role.role, OFPCR_ROLE_SLAVE);
    assert_int_equal(env->tool.msgs[1].role.generation_id, 10);

    /* Older generation ids are stale; the role stays. */
    send_role(env, &env->tool, 3, OFPCR_ROLE_MASTER, 9);
    assert_error(&env->tool.msgs[2], 3, OFPERR_OFPRRFC_STALE);
    send_role(env, &env->tool, 4, OFPCR_ROLE_NOCHANGE, 0);
    assert_int_equal(env->tool.msgs[3].role.role, OFPCR_ROLE_SLAVE);

    /* Ids compare as a signed difference, so they may wrap: after
     * 10 + 2^63, 5 is newer (it wrapped) and 4 then older. */
    send_role(env, &env->tool, 5, OFPCR_ROLE_MASTER, 10 + (1ULL << 62));
    assert_int_equal(env->tool.msgs[4].role.role, OFPCR_ROLE_MASTER);
    send_role(env, &env->tool, 6, OFPCR_ROLE_MASTER, 10 + (1ULL << 63));
    assert_int_equal(env->tool.msgs[5].kind, OFPK_ROLE_REPLY);
    send_role(env, &env->tool, 7, OFPCR_ROLE_MASTER, 5);
    assert_int_equal(env->tool.msgs[6].role.generation_id, 5);
    send_role(env, &env->tool, 8, OFPCR_ROLE_MASTER, 4);
    assert_error(&env->tool.msgs[7], 8, OFPERR_OFPRRFC_STALE);

    /* EQUAL needs no generation id. */
    send_role(env, &env->tool, 9, OFPCR_ROLE_EQUAL, 0);
    assert_int_equal(env->tool.msgs[8].role.role, OFPCR_ROLE_EQUAL);
}

static void
test_new_master_demotes_the_old_one(void **state)
{
    struct env *env = *state;

    connect_tool(env, &env->tool2);
    send_role(env, &env->tool, 1, OFPCR_ROLE_MASTER, 1);
    send_role(env, &env->tool2, 1, OFPCR_ROLE_MASTER, 2);
    send_role(env, &env->tool, 2, OFPCR_ROLE_NOCHANGE, 0);
    assert_int_equal(env->tool.msgs[1].role.role, OFPCR_ROLE_SLAVE);
    send_role(env, &env->tool2, 2, OFPCR_ROLE_NOCHANGE, 0);
    assert_int_equal(env->tool2.msgs[1].role.role, OFPCR_ROLE_MASTER);
}

static void
test_slave_may_not_change_state(void **state)
{
    static const enum ofp_msg_kind kinds[] = {
        OFPK_FLOW_MOD,  OFPK_GROUP_MOD,  OFPK_METER_MOD,      OFPK_PORT_MOD,
        OFPK_TABLE_MOD, OFPK_PACKET_OUT, OFPK_BUNDLE_CONTROL,
    };
    struct env *env = *state;

    send_role(env, &env->tool, 1, OFPCR_ROLE_SLAVE, 1);
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        struct ofp_msg req;

        ofp_msg_init(&req, kinds[i], 100 + i);
        if (kinds[i] == OFPK_PORT_MOD) {
            req.port_mod.port_no = 1;
        } else if (kinds[i] == OFPK_METER_MOD) {
            req.meter_mod.command = OFPMC_DELETE;
            req.meter_mod.meter_id = 1;
        } else if (kinds[i] == OFPK_PACKET_OUT) {
            req.packet_out.in_port = OFPP_CONTROLLER;
        }
        transact(env, &env->tool, &req, 1);
        assert_error(&env->tool.msgs[i + 1], 100 + i,
                     OFPERR_OFPBRC_IS_SECONDARY);
        ofp_msg_uninit(&req);
    }
    assert_int_equal(fake.last_kind, 0);
    /* Reading is fine. */
    send_simple(env, &env->tool, OFPK_FEATURES_REQUEST, 5);
    assert_int_equal(env->tool.msgs[ARRAY_SIZE(kinds) + 1].kind,
                     OFPK_FEATURES_REPLY);
}

/* Bundles. */

static void
send_bundle_control(struct env *env, uint32_t xid, uint32_t id, uint16_t type,
                    uint16_t flags)
{
    struct ofp_msg req;

    ofp_msg_init(&req, OFPK_BUNDLE_CONTROL, xid);
    req.bundle_control.bundle_id = id;
    req.bundle_control.type = type;
    req.bundle_control.flags = flags;
    transact(env, &env->tool, &req, 1);
}

/* Sends a BUNDLE_ADD of 'inner' (its xid is the ADD's) without waiting. */
static void
send_bundle_add(struct env *env, uint32_t id, uint16_t flags,
                struct ofp_msg *inner)
{
    struct ofp_msg req;
    struct buf b;

    buf_init(&b);
    assert_int_equal(ofp_msg_encode(inner, &b), 0);
    ofp_msg_init(&req, OFPK_BUNDLE_ADD, inner->xid);
    req.bundle_add.bundle_id = id;
    req.bundle_add.flags = flags;
    req.bundle_add.msg.data = b.data;
    req.bundle_add.msg.len = b.size;
    assert_int_equal(ofp_channel_send(env->tool.ch, &req), 0);
    buf_free(&b);
}

static void
add_flow(struct env *env, uint32_t id, uint32_t xid, uint64_t cookie)
{
    struct ofp_msg fm;

    ofp_msg_init(&fm, OFPK_FLOW_MOD, xid);
    fm.flow_mod.cookie = cookie;
    send_bundle_add(env, id, OFPBF_ATOMIC, &fm);
}

static void
test_bundle_commit_applies_all_in_order(void **state)
{
    struct env *env = *state;
    struct ofp_msg pm;

    send_bundle_control(env, 1, 7, OFPBCT_OPEN_REQUEST, OFPBF_ATOMIC);
    assert_int_equal(env->tool.msgs[0].kind, OFPK_BUNDLE_CONTROL);
    assert_int_equal(env->tool.msgs[0].bundle_control.type, OFPBCT_OPEN_REPLY);
    add_flow(env, 7, 2, 0xa);
    add_flow(env, 7, 3, 0xb);
    /* Port mods cannot be bundled. */
    ofp_msg_init(&pm, OFPK_PORT_MOD, 4);
    pm.port_mod.port_no = 1;
    send_bundle_add(env, 7, OFPBF_ATOMIC, &pm);
    run_until(env, &env->tool, 2);
    assert_error(&env->tool.msgs[1], 4, OFPERR_OFPBFC_MSG_UNSUP);
    assert_int_equal(fake.n_committed, 0);

    send_bundle_control(env, 5, 7, OFPBCT_CLOSE_REQUEST, OFPBF_ATOMIC);
    assert_int_equal(env->tool.msgs[2].bundle_control.type, OFPBCT_CLOSE_REPLY);
    send_bundle_control(env, 6, 7, OFPBCT_COMMIT_REQUEST, OFPBF_ATOMIC);
    assert_int_equal(env->tool.msgs[3].xid, 6);
    assert_int_equal(env->tool.msgs[3].bundle_control.type,
                     OFPBCT_COMMIT_REPLY);
    assert_int_equal(fake.n_committed, 2);
    assert_int_equal(fake.committed[0], 0xa);
    assert_int_equal(fake.committed[1], 0xb);

    /* The bundle is gone after its commit. */
    send_bundle_control(env, 7, 7, OFPBCT_COMMIT_REQUEST, OFPBF_ATOMIC);
    assert_error(&env->tool.msgs[4], 7, OFPERR_OFPBFC_BAD_ID);
}

static void
test_bundle_commit_failure_reports_message_and_applies_nothing(void **state)
{
    struct env *env = *state;

    add_flow(env, 1, 10, 0xa); /* Opens bundle 1 implicitly. */
    add_flow(env, 1, 11, BAD_COOKIE);
    add_flow(env, 1, 12, 0xc);
    send_bundle_control(env, 13, 1, OFPBCT_COMMIT_REQUEST, OFPBF_ATOMIC);
    run_until(env, &env->tool, 2);
    assert_error(&env->tool.msgs[0], 11, OFPERR_OFPFMFC_OVERLAP);
    assert_error(&env->tool.msgs[1], 13, OFPERR_OFPBFC_MSG_FAILED);
    assert_int_equal(fake.n_aborts, 1);
    assert_int_equal(fake.n_committed, 0);
    send_bundle_control(env, 14, 1, OFPBCT_DISCARD_REQUEST, OFPBF_ATOMIC);
    assert_error(&env->tool.msgs[2], 14, OFPERR_OFPBFC_BAD_ID);
}

static void
test_bundle_control_errors(void **state)
{
    struct env *env = *state;

    send_bundle_control(env, 1, 2, OFPBCT_CLOSE_REQUEST, 0);
    assert_error(&env->tool.msgs[0], 1, OFPERR_OFPBFC_BAD_ID);
    send_bundle_control(env, 2, 2, OFPBCT_OPEN_REQUEST, 0x8);
    assert_error(&env->tool.msgs[1], 2, OFPERR_OFPBFC_BAD_FLAGS);

    /* Opening an open id fails and discards the bundle. */
    send_bundle_control(env, 3, 2, OFPBCT_OPEN_REQUEST, 0);
    send_bundle_control(env, 4, 2, OFPBCT_OPEN_REQUEST, 0);
    assert_error(&env->tool.msgs[3], 4, OFPERR_OFPBFC_BAD_ID);
    send_bundle_control(env, 5, 2, OFPBCT_DISCARD_REQUEST, 0);
    assert_error(&env->tool.msgs[4], 5, OFPERR_OFPBFC_BAD_ID);

    /* Adding to a closed bundle. */
    send_bundle_control(env, 6, 3, OFPBCT_OPEN_REQUEST, OFPBF_ATOMIC);
    send_bundle_control(env, 7, 3, OFPBCT_CLOSE_REQUEST, OFPBF_ATOMIC);
    add_flow(env, 3, 8, 1);
    run_until(env, &env->tool, 8);
    assert_error(&env->tool.msgs[7], 8, OFPERR_OFPBFC_BUNDLE_CLOSED);

    /* Flags must match the bundle's. */
    send_bundle_control(env, 9, 4, OFPBCT_OPEN_REQUEST, OFPBF_ORDERED);
    send_bundle_control(env, 10, 4, OFPBCT_COMMIT_REQUEST, OFPBF_ATOMIC);
    assert_error(&env->tool.msgs[9], 10, OFPERR_OFPBFC_BAD_FLAGS);
}

/* Asynchronous messages and controllers. */

static void
connect_controller(struct env *env)
{
    static const struct ofp_listener_callbacks cbs = {
        .accept = ctl_accept,
        .channel =
            {
                .connected = peer_connected,
                .message = peer_message,
                .disconnected = peer_disconnected,
            },
    };
    const char *targets[1];
    char target[64];
    char *error = NULL;

    env->ctl_listener = ofp_listener_open(env->base, "ptcp:0:127.0.0.1", NULL,
                                          &cbs, env, &error);
    assert_non_null(env->ctl_listener);
    snprintf(target, sizeof target, "tcp:127.0.0.1:%d",
             ofp_listener_port(env->ctl_listener));
    targets[0] = target;
    assert_false(connmgr_has_controller(env->mgr));
    assert_int_equal(connmgr_set_controllers(env->mgr, targets, 1, &error), 0);
    run_until(env, &env->ctl, 0);
    /* The switch's side completes its HELLO exchange too. */
    while (!connmgr_has_controller(env->mgr)) {
        event_base_loop(env->base, EVLOOP_ONCE);
    }
}

static void
packet_in(struct connmgr_packet_in *cpi, uint8_t *data, size_t len,
          uint16_t max_len)
{
    memset(cpi, 0, sizeof *cpi);
    memset(data, 0x5a, len);
    cpi->pi.buffer_id = OFP_NO_BUFFER;
    cpi->pi.total_len = (uint16_t) len;
    cpi->pi.reason = OFPR_ACTION;
    cpi->pi.match.key.in_port = 3;
    cpi->pi.match.mask.bits.in_port = UINT32_MAX;
    cpi->pi.data.data = data;
    cpi->pi.data.len = len;
    cpi->max_len = max_len;
}

static void
test_controller_gets_packet_in_and_tool_does_not(void **state)
{
    struct env *env = *state;
    struct connmgr_packet_in cpi;
    struct ofp_msg po;
    uint8_t data[200];

    connect_controller(env);
    assert_int_equal(fake.n_controllers_changed, 1);
    packet_in(&cpi, data, sizeof data, 64);
    connmgr_send_packet_in(env->mgr, &cpi);
    run_until(env, &env->ctl, 1);
    assert_int_equal(env->ctl.msgs[0].kind, OFPK_PACKET_IN);
    assert_int_equal(env->ctl.msgs[0].packet_in.data.len, 64);
    assert_int_equal(env->ctl.msgs[0].packet_in.total_len, sizeof data);
    assert_int_not_equal(env->ctl.msgs[0].packet_in.buffer_id, OFP_NO_BUFFER);
    run_a_while(env);
    assert_int_equal(env->tool.n_msgs, 0);

    /* The controller releases the buffer with a packet-out. */
    ofp_msg_init(&po, OFPK_PACKET_OUT, 8);
    po.packet_out.buffer_id = env->ctl.msgs[0].packet_in.buffer_id;
    po.packet_out.in_port = OFPP_CONTROLLER;
    assert_int_equal(ofp_channel_send(env->ctl.ch, &po), 0);
    while (fake.last_kind != OFPK_PACKET_OUT) {
        event_base_loop(env->base, EVLOOP_ONCE);
    }
    assert_int_equal(fake.take_error, 0);
    assert_int_equal(fake.taken_len, sizeof data);
    assert_int_equal(fake.taken_port, 3);
    /* A second time, it is empty. */
    transact(env, &env->ctl, &po, 1);
    assert_error(&env->ctl.msgs[1], 8, OFPERR_OFPBRC_BUFFER_EMPTY);
}

static void
test_tool_with_miss_send_len_gets_async_messages(void **state)
{
    struct env *env = *state;
    struct connmgr_packet_in cpi;
    struct ofp_port port;
    struct ofp_msg req;
    uint8_t data[60];

    ofp_msg_init(&req, OFPK_SET_CONFIG, 1);
    req.config.miss_send_len = OFPCML_NO_BUFFER;
    assert_int_equal(ofp_channel_send(env->tool.ch, &req), 0);
    send_simple(env, &env->tool, OFPK_BARRIER_REQUEST, 2);

    packet_in(&cpi, data, sizeof data, OFPCML_NO_BUFFER);
    connmgr_send_packet_in(env->mgr, &cpi);
    memset(&port, 0, sizeof port);
    port.port_no = 4;
    connmgr_send_port_status(env->mgr, OFPPR_ADD, &port);
    run_until(env, &env->tool, 3);
    assert_int_equal(env->tool.msgs[1].kind, OFPK_PACKET_IN);
    assert_int_equal(env->tool.msgs[1].packet_in.buffer_id, OFP_NO_BUFFER);
    assert_int_equal(env->tool.msgs[1].packet_in.data.len, sizeof data);
    assert_int_equal(env->tool.msgs[2].kind, OFPK_PORT_STATUS);
    assert_int_equal(env->tool.msgs[2].port_status.port.port_no, 4);
}

static void
test_flow_removed_follows_role_and_reason(void **state)
{
    struct env *env = *state;
    struct ofp_flow_removed fr;
    struct ofp_msg req;

    connect_controller(env);
    memset(&fr, 0, sizeof fr);
    fr.cookie = 0x77;
    fr.reason = OFPRR_METER_DELETE;
    connmgr_send_flow_removed(env->mgr, &fr);
    run_until(env, &env->ctl, 1);
    assert_int_equal(env->ctl.msgs[0].kind, OFPK_FLOW_REMOVED);
    assert_int_equal(env->ctl.msgs[0].flow_removed.reason, OFPRR_DELETE);

    /* A slave gets none by default. */
    ofp_msg_init(&req, OFPK_ROLE_REQUEST, 5);
    req.role.role = OFPCR_ROLE_SLAVE;
    transact(env, &env->ctl, &req, 1);
    connmgr_send_flow_removed(env->mgr, &fr);
    run_a_while(env);
    assert_int_equal(env->ctl.n_msgs, 2);
}

static void
test_packet_ins_are_rate_limited_per_connection(void **state)
{
    struct env *env = *state;
    struct connmgr_packet_in cpi;
    uint8_t data[60];

    connect_controller(env);
    packet_in(&cpi, data, sizeof data, OFPCML_NO_BUFFER);
    for (int i = 0; i < 3 * CONNMGR_PIN_BURST; i++) {
        connmgr_send_packet_in(env->mgr, &cpi);
    }
    run_a_while(env);
    /* The burst, and what the rate refilled in the meantime (a few ms). */
    assert_true(env->ctl.n_msgs >= CONNMGR_PIN_BURST);
    assert_true(env->ctl.n_msgs < 2 * CONNMGR_PIN_BURST);
}

static void
test_long_multipart_reply_arrives_in_parts(void **state)
{
    struct env *env = *state;
    size_t total = 0, i = 0;

    send_simple(env, &env->tool, OFPK_PORT_DESC_REQUEST, 4);
    run_until(env, &env->tool, 3000 * 64 / 65535 + 1);
    do {
        assert_int_equal(env->tool.msgs[i].kind, OFPK_PORT_DESC_REPLY);
        assert_int_equal(env->tool.msgs[i].xid, 4);
        total += env->tool.msgs[i].port_desc_reply.n;
    } while (env->tool.msgs[i++].mp_flags & OFPMPF_REPLY_MORE);
    assert_int_equal(total, 3000);
    assert_int_equal(i, env->tool.n_msgs);
}

static void
test_status_and_configuration_changes(void **state)
{
    static const char *const bad[] = {"ptcp:0:127.0.0.1", "tcp:1.2.3.4"};
    static const char *const none[] = {NULL};
    struct env *env = *state;
    struct strbuf sb;
    char *error = NULL;

    connect_controller(env);
    send_role(env, &env->ctl, 1, OFPCR_ROLE_MASTER, 1);
    strbuf_init(&sb);
    connmgr_format_status(env->mgr, &sb);
    assert_non_null(strstr(strbuf_str(&sb), ": connected, role master, "));
    assert_non_null(strstr(strbuf_str(&sb), "listener ptcp:"));
    assert_non_null(strstr(strbuf_str(&sb), ": 1 connection\n"));
    strbuf_free(&sb);

    /* A bad target changes nothing and says why. */
    assert_int_equal(connmgr_set_listeners(env->mgr, bad, 2, &error), -EINVAL);
    assert_non_null(error);
    free(error);
    assert_int_not_equal(connmgr_listener_port(env->mgr, "ptcp:0:127.0.0.1"),
                         0);

    /* Dropping the controller tells ofproto; dropping the listener closes
     * its connections. */
    assert_int_equal(connmgr_set_controllers(env->mgr, none, 0, &error), 0);
    assert_false(connmgr_has_controller(env->mgr));
    assert_int_equal(fake.n_controllers_changed, 2);
    assert_int_equal(connmgr_set_listeners(env->mgr, none, 0, &error), 0);
    assert_int_equal(connmgr_listener_port(env->mgr, "ptcp:0:127.0.0.1"), 0);
    while (env->tool.connected) {
        event_base_loop(env->base, EVLOOP_ONCE);
    }
}

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_other_requests_go_to_ofproto),
        T(test_ofproto_error_is_sent_with_xid_and_request_bytes),
        T(test_unknown_experimenter_is_bad_vendor),
        T(test_barrier_flushes_revalidation_then_replies),
        T(test_config_defaults_and_set_config),
        T(test_async_defaults_and_set_async),
        T(test_role_request_rules),
        T(test_new_master_demotes_the_old_one),
        T(test_slave_may_not_change_state),
        T(test_bundle_commit_applies_all_in_order),
        T(test_bundle_commit_failure_reports_message_and_applies_nothing),
        T(test_bundle_control_errors),
        T(test_controller_gets_packet_in_and_tool_does_not),
        T(test_tool_with_miss_send_len_gets_async_messages),
        T(test_flow_removed_follows_role_and_reason),
        T(test_packet_ins_are_rate_limited_per_connection),
        T(test_long_multipart_reply_arrives_in_parts),
        T(test_status_and_configuration_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
