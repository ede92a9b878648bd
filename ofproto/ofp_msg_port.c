/* Port and queue messages: PORT_STATUS, PORT_MOD, the port description,
 * port, queue and table statistics. */
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp_codec.h"

#define PORT_STATUS_LEN 72 /* Body lengths, after the header. */
#define PORT_MOD_LEN 32
#define PORT_STATS_REQUEST_LEN 8
#define QUEUE_STATS_REQUEST_LEN 8
#define PORT_STATS_LEN 112 /* Entry lengths in stats replies. */
#define QUEUE_STATS_LEN 40
#define TABLE_STATS_LEN 24

/* ofp_port, 64 bytes.  The caller has checked that 'r' holds one. */
static void
pull_port(struct buf_reader *r, struct ofp_port *port)
{
    buf_pull_be32(r, &port->port_no);
    buf_pull(r, 4);
    memcpy(port->hw_addr.ea, buf_pull(r, OFP_ETH_ALEN), OFP_ETH_ALEN);
    buf_pull(r, 2);
    ofp_pull_string(r, port->name, sizeof port->name);
    buf_pull_be32(r, &port->config);
    buf_pull_be32(r, &port->state);
    buf_pull_be32(r, &port->curr);
    buf_pull_be32(r, &port->advertised);
    buf_pull_be32(r, &port->supported);
    buf_pull_be32(r, &port->peer);
    buf_pull_be32(r, &port->curr_speed);
    buf_pull_be32(r, &port->max_speed);
}

static void
put_port(struct buf *b, const struct ofp_port *port)
{
    buf_put_be32(b, port->port_no);
    buf_put_zeros(b, 4);
    buf_put(b, port->hw_addr.ea, OFP_ETH_ALEN);
    buf_put_zeros(b, 2);
    ofp_put_string(b, port->name, sizeof port->name);
    buf_put_be32(b, port->config);
    buf_put_be32(b, port->state);
    buf_put_be32(b, port->curr);
    buf_put_be32(b, port->advertised);
    buf_put_be32(b, port->supported);
    buf_put_be32(b, port->peer);
    buf_put_be32(b, port->curr_speed);
    buf_put_be32(b, port->max_speed);
}

/* Stats replies here are arrays of fixed-size entries: one pair of
 * functions reads and writes any of them. */
typedef void entry_pull_func(struct buf_reader *, void *entry);
typedef void entry_put_func(struct buf *, const void *entry);

static int
decode_entries(struct buf_reader *r, void *entries_ptr, size_t *n,
               size_t entry_size, size_t wire_len, entry_pull_func *pull)
{
    while (r->left) {
        struct buf_reader entry;

        if (r->left < wire_len) {
            return -OFPERR_OFPBRC_BAD_LEN;
        }
        buf_reader_init(&entry, buf_pull(r, wire_len), wire_len);
        pull(&entry, ofp_array_push(entries_ptr, n, entry_size));
    }
    return 0;
}

static void
encode_entries(struct buf *b, const void *entries, size_t n, size_t entry_size,
               entry_put_func *put)
{
    for (size_t i = 0; i < n; i++) {
        put(b, (const uint8_t *) entries + i * entry_size);
    }
}

/* PORT_STATUS. */

static int
decode_port_status(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_port_status *ps = &msg->port_status;

    if (r->left != PORT_STATUS_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_u8(r, &ps->reason);
    buf_pull(r, 7);
    pull_port(r, &ps->port);
    /* The specification has no error for this; Open vSwitch's is used. */
    return ps->reason > OFPPR_MODIFY ? -OFPERR_NXBRC_BAD_REASON : 0;
}

static void
encode_port_status(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_u8(b, msg->port_status.reason);
    buf_put_zeros(b, 7);
    put_port(b, &msg->port_status.port);
}

const struct ofp_msg_codec ofp_codec_PORT_STATUS = {
    .decode = decode_port_status,
    .encode = encode_port_status,
    .uninit = NULL,
};

/* PORT_MOD.  Whether the port and its address exist is for the switch to
 * check; the codec refuses bits OpenFlow 1.3 does not define, rather than
 * dropping them silently, so that the controller learns they had no
 * effect. */

static int
decode_port_mod(struct buf_reader *r, struct ofp_msg *msg)
{
    struct ofp_port_mod *pm = &msg->port_mod;

    if (r->left != PORT_MOD_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &pm->port_no);
    buf_pull(r, 4);
    memcpy(pm->hw_addr.ea, buf_pull(r, OFP_ETH_ALEN), OFP_ETH_ALEN);
    buf_pull(r, 2);
    buf_pull_be32(r, &pm->config);
    buf_pull_be32(r, &pm->mask);
    buf_pull_be32(r, &pm->advertise);
    buf_pull(r, 4);
    if ((pm->config | pm->mask) & ~OFPPC_ALL) {
        return -OFPERR_OFPPMFC_BAD_CONFIG;
    }
    if (pm->advertise & ~OFPPF_ALL) {
        return -OFPERR_OFPPMFC_BAD_ADVERTISE;
    }
    return 0;
}

static void
encode_port_mod(const struct ofp_msg *msg, struct buf *b)
{
    const struct ofp_port_mod *pm = &msg->port_mod;

    buf_put_be32(b, pm->port_no);
    buf_put_zeros(b, 4);
    buf_put(b, pm->hw_addr.ea, OFP_ETH_ALEN);
    buf_put_zeros(b, 2);
    buf_put_be32(b, pm->config);
    buf_put_be32(b, pm->mask);
    buf_put_be32(b, pm->advertise);
    buf_put_zeros(b, 4);
}

const struct ofp_msg_codec ofp_codec_PORT_MOD = {
    .decode = decode_port_mod,
    .encode = encode_port_mod,
    .uninit = NULL,
};

/* PORT_DESC_REPLY: an array of ofp_port. */

static void
pull_port_entry(struct buf_reader *r, void *port)
{
    pull_port(r, port);
}

static void
put_port_entry(struct buf *b, const void *port)
{
    put_port(b, port);
}

static int
decode_port_desc_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    return decode_entries(
        r, &msg->port_desc_reply.entries, &msg->port_desc_reply.n,
        sizeof *msg->port_desc_reply.entries, OFP_PORT_LEN, pull_port_entry);
}

static void
encode_port_desc_reply(const struct ofp_msg *msg, struct buf *b)
{
    encode_entries(b, msg->port_desc_reply.entries, msg->port_desc_reply.n,
                   sizeof *msg->port_desc_reply.entries, put_port_entry);
}

static void
uninit_port_desc_reply(struct ofp_msg *msg)
{
    free(msg->port_desc_reply.entries);
}

const struct ofp_msg_codec ofp_codec_PORT_DESC_REPLY = {
    .decode = decode_port_desc_reply,
    .encode = encode_port_desc_reply,
    .uninit = uninit_port_desc_reply,
};

/* PORT_STATS_REQUEST: any port number is accepted; a port that does not
 * exist simply has no statistics. */

static int
decode_port_stats_request(struct buf_reader *r, struct ofp_msg *msg)
{
    if (r->left != PORT_STATS_REQUEST_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &msg->port_no);
    buf_pull(r, 4);
    return 0;
}

static void
encode_port_stats_request(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_be32(b, msg->port_no);
    buf_put_zeros(b, 4);
}

const struct ofp_msg_codec ofp_codec_PORT_STATS_REQUEST = {
    .decode = decode_port_stats_request,
    .encode = encode_port_stats_request,
    .uninit = NULL,
};

/* PORT_STATS_REPLY: an array of ofp_port_stats. */

static void
pull_port_stats(struct buf_reader *r, void *entry)
{
    struct ofp_port_stats *ps = entry;

    buf_pull_be32(r, &ps->port_no);
    buf_pull(r, 4);
    buf_pull_be64(r, &ps->rx_packets);
    buf_pull_be64(r, &ps->tx_packets);
    buf_pull_be64(r, &ps->rx_bytes);
    buf_pull_be64(r, &ps->tx_bytes);
    buf_pull_be64(r, &ps->rx_dropped);
    buf_pull_be64(r, &ps->tx_dropped);
    buf_pull_be64(r, &ps->rx_errors);
    buf_pull_be64(r, &ps->tx_errors);
    buf_pull_be64(r, &ps->rx_frame_err);
    buf_pull_be64(r, &ps->rx_over_err);
    buf_pull_be64(r, &ps->rx_crc_err);
    buf_pull_be64(r, &ps->collisions);
    buf_pull_be32(r, &ps->duration_sec);
    buf_pull_be32(r, &ps->duration_nsec);
}

static void
put_port_stats(struct buf *b, const void *entry)
{
    const struct ofp_port_stats *ps = entry;

    buf_put_be32(b, ps->port_no);
    buf_put_zeros(b, 4);
    buf_put_be64(b, ps->rx_packets);
    buf_put_be64(b, ps->tx_packets);
    buf_put_be64(b, ps->rx_bytes);
    buf_put_be64(b, ps->tx_bytes);
    buf_put_be64(b, ps->rx_dropped);
    buf_put_be64(b, ps->tx_dropped);
    buf_put_be64(b, ps->rx_errors);
    buf_put_be64(b, ps->tx_errors);
    buf_put_be64(b, ps->rx_frame_err);
    buf_put_be64(b, ps->rx_over_err);
    buf_put_be64(b, ps->rx_crc_err);
    buf_put_be64(b, ps->collisions);
    buf_put_be32(b, ps->duration_sec);
    buf_put_be32(b, ps->duration_nsec);
}

static int
decode_port_stats_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    return decode_entries(
        r, &msg->port_stats_reply.entries, &msg->port_stats_reply.n,
        sizeof *msg->port_stats_reply.entries, PORT_STATS_LEN, pull_port_stats);
}

static void
encode_port_stats_reply(const struct ofp_msg *msg, struct buf *b)
{
    encode_entries(b, msg->port_stats_reply.entries, msg->port_stats_reply.n,
                   sizeof *msg->port_stats_reply.entries, put_port_stats);
}

static void
uninit_port_stats_reply(struct ofp_msg *msg)
{
    free(msg->port_stats_reply.entries);
}

const struct ofp_msg_codec ofp_codec_PORT_STATS_REPLY = {
    .decode = decode_port_stats_reply,
    .encode = encode_port_stats_reply,
    .uninit = uninit_port_stats_reply,
};

/* QUEUE_STATS_REQUEST. */

static int
decode_queue_stats_request(struct buf_reader *r, struct ofp_msg *msg)
{
    if (r->left != QUEUE_STATS_REQUEST_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    buf_pull_be32(r, &msg->queue_stats_request.port_no);
    buf_pull_be32(r, &msg->queue_stats_request.queue_id);
    return 0;
}

static void
encode_queue_stats_request(const struct ofp_msg *msg, struct buf *b)
{
    buf_put_be32(b, msg->queue_stats_request.port_no);
    buf_put_be32(b, msg->queue_stats_request.queue_id);
}

const struct ofp_msg_codec ofp_codec_QUEUE_STATS_REQUEST = {
    .decode = decode_queue_stats_request,
    .encode = encode_queue_stats_request,
    .uninit = NULL,
};

/* QUEUE_STATS_REPLY: an array of ofp_queue_stats. */

static void
pull_queue_stats(struct buf_reader *r, void *entry)
{
    struct ofp_queue_stats *qs = entry;

    buf_pull_be32(r, &qs->port_no);
    buf_pull_be32(r, &qs->queue_id);
    buf_pull_be64(r, &qs->tx_bytes);
    buf_pull_be64(r, &qs->tx_packets);
    buf_pull_be64(r, &qs->tx_errors);
    buf_pull_be32(r, &qs->duration_sec);
    buf_pull_be32(r, &qs->duration_nsec);
}

static void
put_queue_stats(struct buf *b, const void *entry)
{
    const struct ofp_queue_stats *qs = entry;

    buf_put_be32(b, qs->port_no);
    buf_put_be32(b, qs->queue_id);
    buf_put_be64(b, qs->tx_bytes);
    buf_put_be64(b, qs->tx_packets);
    buf_put_be64(b, qs->tx_errors);
    buf_put_be32(b, qs->duration_sec);
    buf_put_be32(b, qs->duration_nsec);
}

static int
decode_queue_stats_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    return decode_entries(r, &msg->queue_stats_reply.entries,
                          &msg->queue_stats_reply.n,
                          sizeof *msg->queue_stats_reply.entries,
                          QUEUE_STATS_LEN, pull_queue_stats);
}

static void
encode_queue_stats_reply(const struct ofp_msg *msg, struct buf *b)
{
    encode_entries(b, msg->queue_stats_reply.entries, msg->queue_stats_reply.n,
                   sizeof *msg->queue_stats_reply.entries, put_queue_stats);
}

static void
uninit_queue_stats_reply(struct ofp_msg *msg)
{
    free(msg->queue_stats_reply.entries);
}

const struct ofp_msg_codec ofp_codec_QUEUE_STATS_REPLY = {
    .decode = decode_queue_stats_reply,
    .encode = encode_queue_stats_reply,
    .uninit = uninit_queue_stats_reply,
};

/* TABLE_STATS_REPLY: an array of OpenFlow 1.3's 24-byte ofp_table_stats. */

static void
pull_table_stats(struct buf_reader *r, void *entry)
{
    struct ofp_table_stats *ts = entry;

    buf_pull_u8(r, &ts->table_id);
    buf_pull(r, 3);
    buf_pull_be32(r, &ts->active_count);
    buf_pull_be64(r, &ts->lookup_count);
    buf_pull_be64(r, &ts->matched_count);
}

static void
put_table_stats(struct buf *b, const void *entry)
{
    const struct ofp_table_stats *ts = entry;

    buf_put_u8(b, ts->table_id);
    buf_put_zeros(b, 3);
    buf_put_be32(b, ts->active_count);
    buf_put_be64(b, ts->lookup_count);
    buf_put_be64(b, ts->matched_count);
}

static int
decode_table_stats_reply(struct buf_reader *r, struct ofp_msg *msg)
{
    return decode_entries(r, &msg->table_stats_reply.entries,
                          &msg->table_stats_reply.n,
                          sizeof *msg->table_stats_reply.entries,
                          TABLE_STATS_LEN, pull_table_stats);
}

static void
encode_table_stats_reply(const struct ofp_msg *msg, struct buf *b)
{
    encode_entries(b, msg->table_stats_reply.entries, msg->table_stats_reply.n,
                   sizeof *msg->table_stats_reply.entries, put_table_stats);
}

static void
uninit_table_stats_reply(struct ofp_msg *msg)
{
    free(msg->table_stats_reply.entries);
}

const struct ofp_msg_codec ofp_codec_TABLE_STATS_REPLY = {
    .decode = decode_table_stats_reply,
    .encode = encode_table_stats_reply,
    .uninit = uninit_table_stats_reply,
};
