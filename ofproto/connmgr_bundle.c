/* Bundles of one connection (ONF extension 2300/2301, OpenFlow 1.4's
 * bundles for OpenFlow 1.3, as Open vSwitch speaks them).
 *
 * A bundle collects flow, group and meter mods, each decoded and checked
 * on BUNDLE_ADD (an error there is the ADD's own reply), and applies them
 * all in one ofproto transaction on COMMIT: every lookup sees the tables
 * before the bundle or after it.  The rules follow Open vSwitch (and
 * OpenFlow 1.4 section 7.3.9):
 *   - OPEN of an id in use discards that bundle and fails OFPBFC_BAD_ID;
 *   - ADD to an id not open opens it implicitly; ADD to a closed bundle,
 *     or with other flags than the bundle's, discards it and fails
 *     (BUNDLE_CLOSED, BAD_FLAGS); CLOSE likewise;
 *   - COMMIT (of an open or closed bundle) with other flags than the
 *     bundle's fails BAD_FLAGS; a message that fails gets its own error
 *     (its xid, its bytes) and the COMMIT fails OFPBFC_MSG_FAILED, with
 *     nothing applied; the bundle is gone after any COMMIT;
 *   - a connection's bundles are discarded when it closes.
 * Both flags (ATOMIC, ORDERED) are accepted: a commit is always both.
 * Port mods are refused (MSG_UNSUP): ofproto's transactions cannot stage
 * them, and applying them beside the transaction would break its
 * all-or-nothing promise.
 *
 * Thread-safety: main thread only. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/util.h"
#include "ofproto/connmgr_private.h"
#include "ofproto/ofproto_private.h"

/* Bounds, so that a peer cannot use unbounded memory. */
#define MAX_BUNDLES_PER_CONN 64
#define MAX_MSGS_PER_BUNDLE 100000

struct bundle_entry {
    struct ofp_msg msg; /* A flow, group or meter mod. */
    uint8_t *raw;       /* The message's first bytes, for its error. */
    size_t raw_len;
};

struct ofconn_bundle {
    struct hmap_node node; /* In ofconn->bundles, by id. */
    uint32_t id;
    uint16_t flags;
    bool closed;
    struct bundle_entry *entries;
    size_t n_entries, allocated;
};

static uint32_t
hash_id(uint32_t id)
{
    return hash_finish(hash_add64(0, id), 4);
}

static struct ofconn_bundle *
bundle_find(const struct ofconn *ofconn, uint32_t id)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ofconn->bundles, hash_id(id));
         n; n = hmap_next_with_hash(n)) {
        struct ofconn_bundle *b = CONTAINER_OF(n, struct ofconn_bundle, node);

        if (b->id == id) {
            return b;
        }
    }
    return NULL;
}

static int
bundle_open(struct ofconn *ofconn, uint32_t id, uint16_t flags,
            struct ofconn_bundle **bp)
{
    struct ofconn_bundle *b;

    if (hmap_count(&ofconn->bundles) >= MAX_BUNDLES_PER_CONN) {
        return -OFPERR_OFPBFC_OUT_OF_BUNDLES;
    }
    b = xzalloc(sizeof *b);
    b->id = id;
    b->flags = flags;
    hmap_insert(&ofconn->bundles, &b->node, hash_id(id));
    *bp = b;
    return 0;
}

static void
bundle_remove(struct ofconn *ofconn, struct ofconn_bundle *b)
{
    hmap_remove(&ofconn->bundles, &b->node);
    for (size_t i = 0; i < b->n_entries; i++) {
        ofp_msg_uninit(&b->entries[i].msg);
        free(b->entries[i].raw);
    }
    free(b->entries);
    free(b);
}

void
ofconn_bundles_clear(struct ofconn *ofconn)
{
    struct hmap_node *n;

    while ((n = hmap_first(&ofconn->bundles))) {
        bundle_remove(ofconn, CONTAINER_OF(n, struct ofconn_bundle, node));
    }
}

/* Stages entry 'e' in 'txn'. */
static int
stage_entry(struct ofproto_txn *txn, const struct bundle_entry *e)
{
    switch (e->msg.kind) {
    case OFPK_FLOW_MOD:
        return ofproto_txn_flow_mod(txn, &e->msg.flow_mod);
    case OFPK_GROUP_MOD:
        return ofproto_txn_group_mod(txn, &e->msg.group_mod);
    case OFPK_METER_MOD:
        return ofproto_txn_meter_mod(txn, &e->msg.meter_mod);
    default:
        return -OFPERR_OFPBFC_MSG_UNSUP; /* Refused by ADD already. */
    }
}

static int
bundle_commit(struct ofconn *ofconn, struct ofconn_bundle *b)
{
    struct ofproto_txn *txn = ofproto_txn_begin(ofconn->mgr->ofproto);

    for (size_t i = 0; i < b->n_entries; i++) {
        const struct bundle_entry *e = &b->entries[i];
        int error = stage_entry(txn, e);

        if (error) {
            ofproto_txn_abort(txn);
            ofconn_send_error(ofconn, error, e->raw, e->raw_len);
            return -OFPERR_OFPBFC_MSG_FAILED;
        }
    }
    ofproto_txn_commit(txn);
    return 0;
}

/* Carries out a control request on the bundle 'b' (NULL if there is none
 * with the request's id).  Returns 0 or -OFPERR_*. */
static int
bundle_do_control(struct ofconn *ofconn, const struct ofp_bundle_control *bc,
                  struct ofconn_bundle *b)
{
    int error;

    if (bc->type == OFPBCT_OPEN_REQUEST) {
        if (b) {
            bundle_remove(ofconn, b);
            return -OFPERR_OFPBFC_BAD_ID;
        }
        return bundle_open(ofconn, bc->bundle_id, bc->flags, &b);
    }
    if (!b) {
        return -OFPERR_OFPBFC_BAD_ID;
    }
    if (bc->type == OFPBCT_DISCARD_REQUEST) {
        bundle_remove(ofconn, b);
        return 0;
    }
    if (bc->flags != b->flags) {
        bundle_remove(ofconn, b);
        return -OFPERR_OFPBFC_BAD_FLAGS;
    }
    if (bc->type == OFPBCT_CLOSE_REQUEST) {
        if (b->closed) {
            bundle_remove(ofconn, b);
            return -OFPERR_OFPBFC_BUNDLE_CLOSED;
        }
        b->closed = true;
        return 0;
    }
    error = bundle_commit(ofconn, b);
    bundle_remove(ofconn, b);
    return error;
}

int
ofconn_bundle_control(struct ofconn *ofconn, const struct ofp_msg *msg)
{
    const struct ofp_bundle_control *bc = &msg->bundle_control;
    struct ofp_msg reply;
    int error;

    switch (bc->type) {
    case OFPBCT_OPEN_REQUEST:
    case OFPBCT_CLOSE_REQUEST:
    case OFPBCT_COMMIT_REQUEST:
    case OFPBCT_DISCARD_REQUEST:
        break;
    default:
        return -OFPERR_OFPBFC_BAD_TYPE;
    }
    if (bc->flags & ~(OFPBF_ATOMIC | OFPBF_ORDERED)) {
        return -OFPERR_OFPBFC_BAD_FLAGS;
    }
    error = bundle_do_control(ofconn, bc, bundle_find(ofconn, bc->bundle_id));
    if (error) {
        return error;
    }
    /* Each reply type is its request's plus one. */
    ofp_msg_init(&reply, OFPK_BUNDLE_CONTROL, msg->xid);
    reply.bundle_control.bundle_id = bc->bundle_id;
    reply.bundle_control.type = bc->type + 1;
    reply.bundle_control.flags = 0;
    ofconn_send_reply(ofconn, &reply);
    return 0;
}

/* Decodes the message inside a BUNDLE_ADD into 'e'. */
static int
decode_entry(const struct ofp_bundle_add *ba, struct bundle_entry *e)
{
    int error = ofp_msg_decode(ba->msg.data, ba->msg.len, &e->msg);

    if (error) {
        return error;
    }
    switch (e->msg.kind) {
    case OFPK_FLOW_MOD:
    case OFPK_GROUP_MOD:
    case OFPK_METER_MOD:
        break;
    default:
        ofp_msg_uninit(&e->msg);
        return -OFPERR_OFPBFC_MSG_UNSUP;
    }
    e->raw_len =
        ba->msg.len < OFP_ERROR_DATA_MAX ? ba->msg.len : OFP_ERROR_DATA_MAX;
    e->raw = xmalloc(e->raw_len);
    memcpy(e->raw, ba->msg.data, e->raw_len);
    return 0;
}

/* Finds or opens the bundle a BUNDLE_ADD goes to. */
static int
bundle_for_add(struct ofconn *ofconn, const struct ofp_bundle_add *ba,
               struct ofconn_bundle **bp)
{
    struct ofconn_bundle *b = bundle_find(ofconn, ba->bundle_id);

    if (!b) {
        return bundle_open(ofconn, ba->bundle_id, ba->flags, bp);
    }
    if (b->closed || b->flags != ba->flags) {
        bool closed = b->closed;

        bundle_remove(ofconn, b);
        return closed ? -OFPERR_OFPBFC_BUNDLE_CLOSED : -OFPERR_OFPBFC_BAD_FLAGS;
    }
    if (b->n_entries >= MAX_MSGS_PER_BUNDLE) {
        return -OFPERR_OFPBFC_MSG_TOO_MANY;
    }
    *bp = b;
    return 0;
}

int
ofconn_bundle_add(struct ofconn *ofconn, const struct ofp_msg *msg)
{
    const struct ofp_bundle_add *ba = &msg->bundle_add;
    struct ofconn_bundle *b;
    struct bundle_entry e;
    int error;

    if (ba->flags & ~(OFPBF_ATOMIC | OFPBF_ORDERED)) {
        return -OFPERR_OFPBFC_BAD_FLAGS;
    }
    error = decode_entry(ba, &e);
    if (error) {
        return error;
    }
    error = bundle_for_add(ofconn, ba, &b);
    if (error) {
        ofp_msg_uninit(&e.msg);
        free(e.raw);
        return error;
    }
    if (b->n_entries >= b->allocated) {
        b->allocated = b->allocated ? 2 * b->allocated : 8;
        b->entries = xrealloc(b->entries, b->allocated * sizeof *b->entries);
    }
    b->entries[b->n_entries++] = e;
    return 0;
}
