/* One OpenFlow connection of a switch: its state (role, asynchronous and
 * switch configuration, buffers), the requests about that state, the
 * dispatch of the others to ofproto, and replies.  See connmgr.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/util.h"
#include "ofproto/connmgr_private.h"
#include "ofproto/ofp_channel.h"
#include "ofproto/ofproto_private.h"

/* OpenFlow 1.3's default miss_send_len (section 7.3.2), for controllers. */
#define DEFAULT_MISS_SEND_LEN 128

static uint32_t
hash_pointer(const void *p)
{
    return hash_finish(hash_add64(0, (uintptr_t) p), 8);
}

struct ofconn *
ofconn_create(struct connmgr *mgr, enum ofconn_type type)
{
    struct ofconn *ofconn = xzalloc(sizeof *ofconn);

    ofconn->mgr = mgr;
    ofconn->type = type;
    hmap_init(&ofconn->bundles);
    ofconn->pktbuf = xmalloc(sizeof *ofconn->pktbuf);
    connmgr_pktbuf_init(ofconn->pktbuf);
    ofconn_reset(ofconn);
    hmap_insert(&mgr->ofconns, &ofconn->node, hash_pointer(ofconn));
    return ofconn;
}

void
ofconn_destroy(struct ofconn *ofconn)
{
    if (!ofconn) {
        return;
    }
    hmap_remove(&ofconn->mgr->ofconns, &ofconn->node);
    if (ofconn->listener) {
        ofconn->listener->n_conns--;
    }
    ofp_channel_destroy(ofconn->channel);
    ofconn_bundles_clear(ofconn);
    hmap_destroy(&ofconn->bundles);
    connmgr_pktbuf_clear(ofconn->pktbuf);
    free(ofconn->pktbuf);
    free(ofconn->target);
    free(ofconn);
}

void
ofconn_reset(struct ofconn *ofconn)
{
    /* Open vSwitch gives tool connections a miss_send_len of 0, which keeps
     * asynchronous messages from them until they ask (see
     * connmgr_async_wants()). */
    ofconn->role = OFPCR_ROLE_EQUAL;
    connmgr_async_default(&ofconn->async);
    ofconn->miss_send_len =
        ofconn->type == OFCONN_CONTROLLER ? DEFAULT_MISS_SEND_LEN : 0;
    ofconn->config_flags = OFPC_FRAG_NORMAL;
    ofconn->overflowed = false;
    ofconn_bundles_clear(ofconn);
    connmgr_pktbuf_clear(ofconn->pktbuf);
    connmgr_bucket_init(&ofconn->pin_bucket, CONNMGR_PIN_RATE_PPS,
                        CONNMGR_PIN_BURST, ofproto_time_msec());
}

bool
ofconn_is_connected(const struct ofconn *ofconn)
{
    return ofconn->channel && ofp_channel_is_connected(ofconn->channel);
}

uint32_t
ofconn_get_role(const struct ofconn *ofconn)
{
    return ofconn->role;
}

bool
ofconn_wants_async(const struct ofconn *ofconn, enum connmgr_async_type type,
                   uint8_t reason)
{
    struct connmgr_async_filter f = {
        .config = &ofconn->async,
        .role = ofconn->role,
        .is_service = ofconn->type == OFCONN_SERVICE,
        .miss_send_len = ofconn->miss_send_len,
    };

    return ofconn_is_connected(ofconn) && connmgr_async_wants(&f, type, reason);
}

/* Sending. */

/* A peer that leaves a whole output queue unread is disconnected rather
 * than lose a reply silently (connmgr_ofconn_overflow(), once the request
 * being handled is done).  Nothing more is sent to it meanwhile. */
static void
check_send(struct ofconn *ofconn, int error)
{
    if (error == -ENOBUFS) {
        ofconn->overflowed = true;
    }
    /* -ENOTCONN: the connection went down; the peer gets nothing, like
     * any message in flight.  -EMSGSIZE cannot happen for replies built by
     * Pont (multipart replies are split; others are short). */
}

void
ofconn_send_reply(struct ofconn *ofconn, const struct ofp_msg *reply)
{
    if (ofconn->overflowed) {
        return;
    }
    check_send(ofconn, ofp_channel_send(ofconn->channel, reply));
}

void
ofconn_send_multipart(struct ofconn *ofconn, const struct ofp_msg *reply)
{
    struct buf b;
    int n;

    if (ofconn->overflowed) {
        return;
    }
    buf_init(&b);
    n = connmgr_multipart_encode(reply, CONNMGR_MAX_MSG_LEN, &b);
    if (n > 0) {
        check_send(ofconn,
                   ofp_channel_send_raw(ofconn->channel, b.data, b.size));
    }
    buf_free(&b);
}

int
ofconn_send_async(struct ofconn *ofconn, const struct ofp_msg *msg)
{
    int error = ofp_channel_send(ofconn->channel, msg);

    if (error) {
        ofconn->n_async_queue_dropped++;
    }
    return error;
}

/* An internal failure (negative errno) has no OpenFlow error of its own:
 * report the most specific "unknown" or "permissions" error the request's
 * type has. */
static enum ofperr
errno_to_ofperr(const void *raw, size_t raw_len)
{
    uint8_t type = raw_len >= 2 ? ((const uint8_t *) raw)[1] : 0;

    switch (type) {
    case OFPT_FLOW_MOD:
        return OFPERR_OFPFMFC_UNKNOWN;
    case OFPT_METER_MOD:
        return OFPERR_OFPMMFC_UNKNOWN;
    case OFPT_GROUP_MOD:
        return OFPERR_OFPGMFC_EPERM;
    case OFPT_PORT_MOD:
        return OFPERR_OFPPMFC_EPERM;
    default:
        return OFPERR_OFPBRC_EPERM;
    }
}

void
ofconn_send_error(struct ofconn *ofconn, int error, const void *raw,
                  size_t raw_len)
{
    enum ofperr ofperr = ofperr_is_ofperr(error)
                             ? (enum ofperr) - error
                             : errno_to_ofperr(raw, raw_len);
    struct buf b;

    if (ofconn->overflowed) {
        return;
    }
    buf_init(&b);
    ofperr_encode_reply(ofperr, raw, raw_len, &b);
    check_send(ofconn, ofp_channel_send_raw(ofconn->channel, b.data, b.size));
    buf_free(&b);
}

int
ofconn_take_buffered_packet(struct ofconn *ofconn, uint32_t buffer_id,
                            struct dp_packet **packet, uint32_t *in_port)
{
    return connmgr_pktbuf_take(ofconn->pktbuf, buffer_id, ofproto_time_msec(),
                               packet, in_port);
}

/* Requests about the connection. */

/* Returns true if 'id' is older than the switch's generation id (section
 * 6.3.5: compared as a signed difference, so that ids wrap). */
static bool
generation_is_stale(const struct connmgr *mgr, uint64_t id)
{
    return mgr->election_id_defined && (int64_t) (id - mgr->election_id) < 0;
}

static int
handle_role_request(struct ofconn *ofconn, const struct ofp_msg *req)
{
    struct connmgr *mgr = ofconn->mgr;
    uint32_t role = req->role.role;
    struct ofp_msg reply;

    if (role == OFPCR_ROLE_MASTER || role == OFPCR_ROLE_SLAVE) {
        if (generation_is_stale(mgr, req->role.generation_id)) {
            return -OFPERR_OFPRRFC_STALE;
        }
        mgr->election_id = req->role.generation_id;
        mgr->election_id_defined = true;
    }
    if (role == OFPCR_ROLE_MASTER) {
        /* One master at a time: the others become slaves (OpenFlow 1.3
         * tells them nothing; ROLE_STATUS is 1.4's). */
        for (struct hmap_node *n = hmap_first(&mgr->ofconns); n;
             n = hmap_next(&mgr->ofconns, n)) {
            struct ofconn *other = CONTAINER_OF(n, struct ofconn, node);

            if (other != ofconn && other->role == OFPCR_ROLE_MASTER) {
                other->role = OFPCR_ROLE_SLAVE;
            }
        }
    }
    if (role != OFPCR_ROLE_NOCHANGE) {
        ofconn->role = role;
    }
    ofp_msg_init(&reply, OFPK_ROLE_REPLY, req->xid);
    reply.role.role = ofconn->role;
    reply.role.generation_id =
        mgr->election_id_defined ? mgr->election_id : UINT64_MAX;
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

static int
handle_get_async(struct ofconn *ofconn, const struct ofp_msg *req)
{
    struct ofp_msg reply;

    ofp_msg_init(&reply, OFPK_GET_ASYNC_REPLY, req->xid);
    reply.async = ofconn->async;
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

static int
handle_get_config(struct ofconn *ofconn, const struct ofp_msg *req)
{
    struct ofp_msg reply;

    ofp_msg_init(&reply, OFPK_GET_CONFIG_REPLY, req->xid);
    reply.config.flags = ofconn->config_flags;
    reply.config.miss_send_len = ofconn->miss_send_len;
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

/* The pipeline handles IP fragments one way only (as any packet, "normal"):
 * a request for another is refused rather than ignored. */
static int
handle_set_config(struct ofconn *ofconn, const struct ofp_msg *req)
{
    if ((req->config.flags & OFPC_FRAG_MASK) != OFPC_FRAG_NORMAL) {
        return -OFPERR_OFPSCFC_BAD_FLAGS;
    }
    ofconn->config_flags = req->config.flags;
    ofconn->miss_send_len = req->config.miss_send_len;
    return 0;
}

static int
handle_barrier(struct ofconn *ofconn, const struct ofp_msg *req)
{
    struct ofp_msg reply;

    /* Every earlier request of this connection has been handled, since
     * they are handled in order as they arrive; the datapath must forward
     * by the tables they left before the reply says so. */
    ofproto_flush_revalidation(ofconn->mgr->ofproto);
    ofp_msg_init(&reply, OFPK_BARRIER_REPLY, req->xid);
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

/* Messages a slave may not send (OpenFlow 1.3 section 6.3.5), and bundles
 * as Open vSwitch refuses them to slaves whatever they hold. */
static bool
changes_state(enum ofp_msg_kind kind)
{
    switch (kind) {
    case OFPK_FLOW_MOD:
    case OFPK_GROUP_MOD:
    case OFPK_METER_MOD:
    case OFPK_PORT_MOD:
    case OFPK_TABLE_MOD:
    case OFPK_PACKET_OUT:
    case OFPK_BUNDLE_CONTROL:
    case OFPK_BUNDLE_ADD:
        return true;
    default:
        return false;
    }
}

int
ofconn_handle_msg(struct ofconn *ofconn, struct ofp_msg *msg, const void *raw,
                  size_t raw_len)
{
    if (ofconn->role == OFPCR_ROLE_SLAVE && changes_state(msg->kind)) {
        return -OFPERR_OFPBRC_IS_SECONDARY;
    }
    switch (msg->kind) {
    case OFPK_ERROR:
        /* Never answer an error with an error: two peers could bounce
         * them forever. */
        return 0;
    case OFPK_ROLE_REQUEST:
        return handle_role_request(ofconn, msg);
    case OFPK_GET_ASYNC_REQUEST:
        return handle_get_async(ofconn, msg);
    case OFPK_SET_ASYNC:
        ofconn->async = msg->async;
        return 0;
    case OFPK_GET_CONFIG_REQUEST:
        return handle_get_config(ofconn, msg);
    case OFPK_SET_CONFIG:
        return handle_set_config(ofconn, msg);
    case OFPK_BARRIER_REQUEST:
        return handle_barrier(ofconn, msg);
    case OFPK_BUNDLE_CONTROL:
        return ofconn_bundle_control(ofconn, msg);
    case OFPK_BUNDLE_ADD:
        return ofconn_bundle_add(ofconn, msg);
    case OFPK_EXPERIMENTER:
        /* Pont's experimenter id with a type Pont does not know. */
        return msg->experimenter.experimenter == PONT_VENDOR_ID
                   ? -OFPERR_OFPBRC_BAD_SUBTYPE
                   : -OFPERR_OFPBRC_BAD_VENDOR;
    default:
        return ofproto_handle_msg(ofconn->mgr->ofproto, ofconn, msg, raw,
                                  raw_len);
    }
}
