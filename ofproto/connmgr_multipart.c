/* Splitting long multipart replies.  Pure functions: see
 * connmgr_private.h.
 *
 * Every stats list of struct ofp_msg is an OFP_STATS_LIST: a pointer to
 * its entries and their count, at the start of the message's union.  The
 * splitter sees them all through one view of that layout, with the size
 * of an entry from a table by kind, so that a reply type added to the
 * codec needs one line here. */
#include <errno.h>
#include <string.h>

#include "lib/buf.h"
#include "ofproto/connmgr_private.h"

struct list_view {
    void *entries;
    size_t n;
};

/* Returns the size of one entry of the list of multipart reply 'kind', or
 * 0 if that kind's body is not a list. */
static size_t
entry_size(enum ofp_msg_kind kind)
{
    const struct ofp_msg *m = NULL; /* For sizeof only. */

    switch (kind) {
    case OFPK_FLOW_STATS_REPLY:
        return sizeof *m->flow_stats_reply.entries;
    case OFPK_TABLE_STATS_REPLY:
        return sizeof *m->table_stats_reply.entries;
    case OFPK_PORT_STATS_REPLY:
        return sizeof *m->port_stats_reply.entries;
    case OFPK_QUEUE_STATS_REPLY:
        return sizeof *m->queue_stats_reply.entries;
    case OFPK_GROUP_STATS_REPLY:
        return sizeof *m->group_stats_reply.entries;
    case OFPK_GROUP_DESC_REPLY:
        return sizeof *m->group_desc_reply.entries;
    case OFPK_METER_STATS_REPLY:
        return sizeof *m->meter_stats_reply.entries;
    case OFPK_METER_CONFIG_REPLY:
        return sizeof *m->meter_config_reply.entries;
    case OFPK_PORT_DESC_REPLY:
        return sizeof *m->port_desc_reply.entries;
    default:
        return 0;
    }
}

static void
get_list(const struct ofp_msg *msg, struct list_view *v)
{
    memcpy(v, &msg->flow_stats_reply, sizeof *v);
}

static void
set_list(struct ofp_msg *msg, const struct list_view *v)
{
    memcpy(&msg->flow_stats_reply, v, sizeof *v);
}

/* Encodes entries [first, first + n) of 'reply' into 'out' with
 * 'mp_flags'.  'part' is a shallow copy of 'reply' that this points into
 * the entries: it owns nothing and must not be uninitialized. */
static int
encode_part(const struct ofp_msg *reply, size_t size, size_t first, size_t n,
            uint16_t mp_flags, struct buf *out)
{
    struct ofp_msg part = *reply;
    struct list_view v;

    get_list(reply, &v);
    v.entries = n ? (char *) v.entries + first * size : NULL;
    v.n = n;
    set_list(&part, &v);
    part.mp_flags = mp_flags;
    return ofp_msg_encode(&part, out);
}

/* Sets '*len' to the encoded length of entries [first, first + n). */
static int
measure(const struct ofp_msg *reply, size_t size, size_t first, size_t n,
        size_t *len)
{
    struct buf b;
    int error;

    buf_init(&b);
    error = encode_part(reply, size, first, n, 0, &b);
    *len = b.size;
    buf_free(&b);
    return error;
}

int
connmgr_multipart_encode(const struct ofp_msg *reply, size_t max_bytes,
                         struct buf *out)
{
    size_t size = entry_size(reply->kind);
    size_t start = out->size;
    size_t empty_len, msg_len, first, n_msgs = 0;
    struct list_view v;
    int error;

    if (!size) {
        error = ofp_msg_encode(reply, out);
        return error ? error : 1;
    }
    get_list(reply, &v);
    error = measure(reply, size, 0, 0, &empty_len);
    if (error) {
        return error;
    }
    /* Each entry's encoded size is independent of its neighbours: measure
     * each alone, then pack greedily. */
    first = 0;
    msg_len = empty_len;
    for (size_t i = 0; i <= v.n; i++) {
        size_t len = 0;

        if (i < v.n) {
            error = measure(reply, size, i, 1, &len);
            if (!error && len > max_bytes) {
                error = -EMSGSIZE;
            }
            if (error) {
                goto err;
            }
            len -= empty_len;
        }
        if (i == v.n || msg_len + len > max_bytes) {
            uint16_t flags = i < v.n ? OFPMPF_REPLY_MORE : 0;

            error = encode_part(reply, size, first, i - first, flags, out);
            if (error) {
                goto err;
            }
            n_msgs++;
            first = i;
            msg_len = empty_len;
        }
        msg_len += len;
    }
    return (int) n_msgs;

err:
    out->size = start;
    return error;
}
