/* The inside of the connection manager, for connmgr*.c and ofconn.c only.
 *
 * Design
 * ------
 * The connection manager is split by responsibility:
 *   - connmgr.c: the sets of controllers and listeners, status, and the
 *     dispatch of asynchronous messages to connections;
 *   - ofconn.c: one connection's requests (role, asynchronous
 *     configuration, switch configuration, barrier, dispatch to ofproto)
 *     and replies;
 *   - connmgr_bundle.c: one connection's bundles;
 *   - connmgr_async.c, connmgr_pin.c, connmgr_multipart.c: pure parts
 *     (which connection wants which asynchronous message, the packet-in
 *     rate limit and packet buffers, the split of long multipart replies)
 *     that depend on nothing but the codec and datapath packets, so that
 *     unit tests run them alone.
 *
 * Thread-safety: main thread only. */
#ifndef PONT_CONNMGR_PRIVATE_H
#define PONT_CONNMGR_PRIVATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/hmap.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofp_msg.h"

struct buf;
struct ofp_channel;
struct ofp_listener;

/* Asynchronous configuration (connmgr_async.c)
 * -------------------------------------------- */

enum connmgr_async_type {
    CONNMGR_ASYNC_PACKET_IN,    /* Reasons OFPR_*. */
    CONNMGR_ASYNC_PORT_STATUS,  /* Reasons OFPPR_*. */
    CONNMGR_ASYNC_FLOW_REMOVED, /* Reasons OFPRR_*. */
};

/* OpenFlow 1.3's defaults (section 7.3.10, and Open vSwitch): a master or
 * equal connection gets packet-ins for table misses and controller
 * actions, every port status and every flow removal of OpenFlow 1.3's
 * reasons; a slave gets port status only. */
void connmgr_async_default(struct ofp_async_config *);

/* What decides whether a connection receives an asynchronous message. */
struct connmgr_async_filter {
    const struct ofp_async_config *config;
    uint32_t role;          /* OFPCR_ROLE_*. */
    bool is_service;        /* Accepted by a listener (a tool). */
    uint16_t miss_send_len; /* From SET_CONFIG. */
};

/* Returns true if a connection described by 'filter' wants a message of
 * 'type' with 'reason'.  Service connections (tools) want none until they
 * set a nonzero miss_send_len, as in Open vSwitch, so that an ovs-ofctl
 * dump-flows does not receive a stream of packet-ins it never asked for,
 * while "ovs-ofctl monitor", which sets miss_send_len, does. */
bool connmgr_async_wants(const struct connmgr_async_filter *,
                         enum connmgr_async_type, uint8_t reason);

/* OpenFlow 1.3 has no flow-removed reason for meter deletion (1.4 added
 * it): reports it as OFPRR_DELETE, as Open vSwitch does. */
uint8_t connmgr_flow_removed_reason_13(uint8_t reason);

/* Packet-in rate limit (connmgr_async.c): a token bucket counted in
 * thousandths of a packet, so that a rate in packets per second refills
 * 'rate_pps' thousandths each millisecond without rounding loss. */
struct connmgr_bucket {
    uint32_t rate_pps;
    uint32_t burst;        /* Packets. */
    uint64_t tokens_milli; /* Thousandths of a packet. */
    long long last_ms;     /* Last refill, monotonic. */
};

#define CONNMGR_PIN_RATE_PPS 1000
#define CONNMGR_PIN_BURST 100

/* Starts full. */
void connmgr_bucket_init(struct connmgr_bucket *, uint32_t rate_pps,
                         uint32_t burst, long long now_ms);
/* Takes one packet's token: true, or false if the bucket is empty. */
bool connmgr_bucket_take(struct connmgr_bucket *, long long now_ms);

/* Packet buffers (connmgr_pin.c)
 * ------------------------------
 * A ring of CONNMGR_N_BUFFERS slots per connection.  A buffer id is the
 * slot's index in the low 8 bits and the slot's generation (how many times
 * it was filled, from 1) in the high 24 bits, so that the owner of an id
 * can tell a buffer that was used, overwritten or expired (BUFFER_EMPTY)
 * from one never issued (BUFFER_UNKNOWN).  A generation never issued is
 * one above the slot's current one.  Generations wrap after 2^24 fills of
 * a slot (skipping 0 and the value that would make OFP_NO_BUFFER); an id
 * that old may then be reported unknown rather than empty. */
#define CONNMGR_BUFFER_TIMEOUT_MS 5000

struct connmgr_pktbuf_slot {
    struct dp_packet *packet; /* NULL if empty. */
    uint32_t in_port;         /* OpenFlow port number. */
    uint32_t generation;      /* 0: never filled. */
    long long stored_ms;
};

struct connmgr_pktbuf {
    struct connmgr_pktbuf_slot slots[CONNMGR_N_BUFFERS];
    unsigned int next; /* Slot to fill next. */
};

void connmgr_pktbuf_init(struct connmgr_pktbuf *);
/* Frees every buffered packet; the generations stay, so that ids issued
 * before are reported empty, not unknown. */
void connmgr_pktbuf_clear(struct connmgr_pktbuf *);

/* Stores a copy of 'len' bytes at 'data' that came in on OpenFlow port
 * 'in_port', overwriting the oldest slot, and returns its buffer id (never
 * OFP_NO_BUFFER). */
uint32_t connmgr_pktbuf_store(struct connmgr_pktbuf *, const void *data,
                              size_t len, uint32_t in_port, long long now_ms);

/* Takes the packet of 'buffer_id' (see ofconn_take_buffered_packet()). */
int connmgr_pktbuf_take(struct connmgr_pktbuf *, uint32_t buffer_id,
                        long long now_ms, struct dp_packet **packet,
                        uint32_t *in_port);

/* Drops the packet of 'buffer_id', if still there (a packet-in that could
 * not be sent). */
void connmgr_pktbuf_discard(struct connmgr_pktbuf *, uint32_t buffer_id);

/* Fills '*pi' with the packet-in one connection receives for 'cpi': the
 * whole packet unbuffered if max_len is OFPCML_NO_BUFFER or the packet fits
 * in max_len; otherwise its first max_len bytes and a buffer id, the whole
 * packet stored in 'pktbuf'.  '*pi' borrows the data of 'cpi->pi'. */
void connmgr_pktbuf_packet_in(struct connmgr_pktbuf *,
                              const struct connmgr_packet_in *cpi,
                              long long now_ms, struct ofp_packet_in *pi);

/* Multipart replies (connmgr_multipart.c)
 * --------------------------------------- */

/* Encodes 'reply' as one or more messages of at most 'max_bytes' each
 * (OFP_MAX_MSG_LEN normally; less in tests), all but the last with
 * OFPMPF_REPLY_MORE, appending them to 'out'.  Entries are never split: a
 * reply whose list has more entries than fit in one message is cut between
 * entries.  Returns the number of messages, or -EMSGSIZE (appending
 * nothing) if one entry alone does not fit. */
int connmgr_multipart_encode(const struct ofp_msg *reply, size_t max_bytes,
                             struct buf *out);

#define CONNMGR_MAX_MSG_LEN 65535

/* Connections
 * ----------- */

enum ofconn_type {
    OFCONN_CONTROLLER, /* Active, to a configured controller. */
    OFCONN_SERVICE,    /* Accepted by a listener. */
};

struct connmgr_listener;

struct ofconn {
    struct hmap_node node; /* In connmgr->ofconns. */
    struct connmgr *mgr;
    struct ofp_channel *channel;
    enum ofconn_type type;
    char *target;                      /* Canonical; controllers only. */
    struct connmgr_listener *listener; /* Service connections only. */

    /* OpenFlow state of the current connection, reset by
     * ofconn_reset(). */
    uint32_t role; /* OFPCR_ROLE_*. */
    struct ofp_async_config async;
    uint16_t miss_send_len;
    uint16_t config_flags; /* OFPC_FRAG_*. */
    struct hmap bundles;   /* struct ofconn_bundle, by id. */
    struct connmgr_pktbuf *pktbuf;
    struct connmgr_bucket pin_bucket;
    bool overflowed; /* A reply found the output queue full. */

    /* Counters, over the connection's life. */
    uint64_t n_pin_rate_dropped;    /* Packet-ins over the rate limit. */
    uint64_t n_async_queue_dropped; /* Asynchronous messages, queue full. */
};

struct connmgr_listener {
    struct hmap_node node; /* In connmgr->listeners, by 'target'. */
    struct connmgr *mgr;
    char *target; /* Canonical, as configured ("ptcp:0:0.0.0.0"). */
    struct ofp_listener *listener;
    size_t n_conns; /* Service connections it accepted, still open. */
};

struct connmgr {
    struct ofproto *ofproto;
    struct event_base *base;
    struct hmap ofconns;   /* All struct ofconn, by pointer hash. */
    struct hmap listeners; /* struct connmgr_listener. */
    bool had_controller;   /* Last value reported to ofproto. */

    /* The switch-wide generation id of master elections (OpenFlow 1.3
     * section 6.3.5). */
    bool election_id_defined;
    uint64_t election_id;
};

/* ofconn.c */
struct ofconn *ofconn_create(struct connmgr *, enum ofconn_type);
void ofconn_destroy(struct ofconn *); /* NULL is fine. */
/* Forgets the OpenFlow state of the connection (role, configuration,
 * bundles, buffers): on every new connection. */
void ofconn_reset(struct ofconn *);
bool ofconn_is_connected(const struct ofconn *);
/* Handles one message from the peer; returns 0 or -OFPERR_* (or a
 * negative errno value) for the caller to report. */
int ofconn_handle_msg(struct ofconn *, struct ofp_msg *, const void *raw,
                      size_t raw_len);
/* Sends an OFPT_ERROR for 'error' in reply to the request at 'raw'. */
void ofconn_send_error(struct ofconn *, int error, const void *raw,
                       size_t raw_len);
/* Whether the connection receives an asynchronous message. */
bool ofconn_wants_async(const struct ofconn *, enum connmgr_async_type,
                        uint8_t reason);
/* Sends an asynchronous message: dropped (and counted) if the queue is
 * full.  Returns 0 or a negative errno value. */
int ofconn_send_async(struct ofconn *, const struct ofp_msg *);

/* connmgr.c: disconnects a connection whose peer does not read (see
 * 'overflowed'); a controller reconnects. */
void connmgr_ofconn_overflow(struct ofconn *);

/* connmgr_bundle.c */
int ofconn_bundle_control(struct ofconn *, const struct ofp_msg *);
int ofconn_bundle_add(struct ofconn *, const struct ofp_msg *);
void ofconn_bundles_clear(struct ofconn *);

#endif /* ofproto/connmgr_private.h */
