/* OpenFlow 1.3 messages: a typed, owned form of every message, and the
 * codec between it and the wire.
 *
 * Design
 * ------
 * struct ofp_msg holds one message: its kind (one per message type, and
 * one per multipart request and reply type), its xid, and a union member
 * named after the kind.  Variable-length parts (actions, buckets, bands,
 * stats entries, packet data) are heap arrays owned by the message;
 * ofp_msg_uninit() frees them.  No code outside the codec touches raw
 * OpenFlow bytes.
 *
 * Decoding (ofp_msg_decode) validates the whole message: header, lengths,
 * every field the specification constrains, the match and its
 * prerequisites, instructions and actions and their consistency with the
 * match.  It returns 0 or -OFPERR_* (ofp_errors.h) naming the error the
 * specification gives; a switch replies with ofperr_encode_reply().
 * Decoding never reads outside the bytes it is given, whatever they hold.
 *
 * Encoding (ofp_msg_encode) writes the message as Open vSwitch would, byte
 * for byte, so that captures of Pont and of Open vSwitch can be compared.
 * Encoding a message that fails its own validation is a programming error;
 * one longer than OpenFlow's 65535 bytes is refused (a switch splits long
 * multipart replies into several messages).
 *
 * Multipart messages: one struct ofp_msg is one wire message; 'mp_flags'
 * carries OFPMPF_REQ_MORE/OFPMPF_REPLY_MORE.  Callers that need the whole
 * reply collect the parts.
 *
 * Thread-safety: functions touch only their arguments. */
#ifndef PONT_OFP_MSG_H
#define PONT_OFP_MSG_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"
#include "ofproto/ofp_actions.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_wire.h"

struct buf;

/* X(KIND, TYPE, MULTIPART_TYPE, NAME): every message kind, its header type,
 * its multipart type (or -1), and the name ovs-ofctl prints for it. */
#define OFP_MSG_KINDS(X)                                                      \
    X(HELLO, OFPT_HELLO, -1, "OFPT_HELLO")                                    \
    X(ERROR, OFPT_ERROR, -1, "OFPT_ERROR")                                    \
    X(ECHO_REQUEST, OFPT_ECHO_REQUEST, -1, "OFPT_ECHO_REQUEST")               \
    X(ECHO_REPLY, OFPT_ECHO_REPLY, -1, "OFPT_ECHO_REPLY")                     \
    X(EXPERIMENTER, OFPT_EXPERIMENTER, -1, "OFPT_EXPERIMENTER")               \
    X(FEATURES_REQUEST, OFPT_FEATURES_REQUEST, -1, "OFPT_FEATURES_REQUEST")   \
    X(FEATURES_REPLY, OFPT_FEATURES_REPLY, -1, "OFPT_FEATURES_REPLY")         \
    X(GET_CONFIG_REQUEST, OFPT_GET_CONFIG_REQUEST, -1,                        \
      "OFPT_GET_CONFIG_REQUEST")                                              \
    X(GET_CONFIG_REPLY, OFPT_GET_CONFIG_REPLY, -1, "OFPT_GET_CONFIG_REPLY")   \
    X(SET_CONFIG, OFPT_SET_CONFIG, -1, "OFPT_SET_CONFIG")                     \
    X(PACKET_IN, OFPT_PACKET_IN, -1, "OFPT_PACKET_IN")                        \
    X(FLOW_REMOVED, OFPT_FLOW_REMOVED, -1, "OFPT_FLOW_REMOVED")               \
    X(PORT_STATUS, OFPT_PORT_STATUS, -1, "OFPT_PORT_STATUS")                  \
    X(PACKET_OUT, OFPT_PACKET_OUT, -1, "OFPT_PACKET_OUT")                     \
    X(FLOW_MOD, OFPT_FLOW_MOD, -1, "OFPT_FLOW_MOD")                           \
    X(GROUP_MOD, OFPT_GROUP_MOD, -1, "OFPT_GROUP_MOD")                        \
    X(PORT_MOD, OFPT_PORT_MOD, -1, "OFPT_PORT_MOD")                           \
    X(TABLE_MOD, OFPT_TABLE_MOD, -1, "OFPT_TABLE_MOD")                        \
    X(BARRIER_REQUEST, OFPT_BARRIER_REQUEST, -1, "OFPT_BARRIER_REQUEST")      \
    X(BARRIER_REPLY, OFPT_BARRIER_REPLY, -1, "OFPT_BARRIER_REPLY")            \
    X(QUEUE_GET_CONFIG_REQUEST, OFPT_QUEUE_GET_CONFIG_REQUEST, -1,            \
      "OFPT_QUEUE_GET_CONFIG_REQUEST")                                        \
    X(QUEUE_GET_CONFIG_REPLY, OFPT_QUEUE_GET_CONFIG_REPLY, -1,                \
      "OFPT_QUEUE_GET_CONFIG_REPLY")                                          \
    X(ROLE_REQUEST, OFPT_ROLE_REQUEST, -1, "OFPT_ROLE_REQUEST")               \
    X(ROLE_REPLY, OFPT_ROLE_REPLY, -1, "OFPT_ROLE_REPLY")                     \
    X(GET_ASYNC_REQUEST, OFPT_GET_ASYNC_REQUEST, -1, "OFPT_GET_ASYNC_REQUEST") \
    X(GET_ASYNC_REPLY, OFPT_GET_ASYNC_REPLY, -1, "OFPT_GET_ASYNC_REPLY")      \
    X(SET_ASYNC, OFPT_SET_ASYNC, -1, "OFPT_SET_ASYNC")                        \
    X(METER_MOD, OFPT_METER_MOD, -1, "OFPT_METER_MOD")                        \
    X(DESC_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_DESC, "OFPST_DESC request") \
    X(DESC_REPLY, OFPT_MULTIPART_REPLY, OFPMP_DESC, "OFPST_DESC reply")       \
    X(FLOW_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_FLOW,                 \
      "OFPST_FLOW request")                                                   \
    X(FLOW_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_FLOW, "OFPST_FLOW reply") \
    X(AGGREGATE_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_AGGREGATE,             \
      "OFPST_AGGREGATE request")                                              \
    X(AGGREGATE_REPLY, OFPT_MULTIPART_REPLY, OFPMP_AGGREGATE,                 \
      "OFPST_AGGREGATE reply")                                                \
    X(TABLE_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_TABLE,               \
      "OFPST_TABLE request")                                                  \
    X(TABLE_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_TABLE,                   \
      "OFPST_TABLE reply")                                                    \
    X(PORT_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_PORT_STATS,           \
      "OFPST_PORT request")                                                   \
    X(PORT_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_PORT_STATS,               \
      "OFPST_PORT reply")                                                     \
    X(QUEUE_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_QUEUE,               \
      "OFPST_QUEUE request")                                                  \
    X(QUEUE_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_QUEUE,                   \
      "OFPST_QUEUE reply")                                                    \
    X(GROUP_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_GROUP,               \
      "OFPST_GROUP request")                                                  \
    X(GROUP_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_GROUP,                   \
      "OFPST_GROUP reply")                                                    \
    X(GROUP_DESC_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_GROUP_DESC,           \
      "OFPST_GROUP_DESC request")                                             \
    X(GROUP_DESC_REPLY, OFPT_MULTIPART_REPLY, OFPMP_GROUP_DESC,               \
      "OFPST_GROUP_DESC reply")                                               \
    X(GROUP_FEATURES_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_GROUP_FEATURES,   \
      "OFPST_GROUP_FEATURES request")                                         \
    X(GROUP_FEATURES_REPLY, OFPT_MULTIPART_REPLY, OFPMP_GROUP_FEATURES,       \
      "OFPST_GROUP_FEATURES reply")                                           \
    X(METER_STATS_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_METER,               \
      "OFPST_METER request")                                                  \
    X(METER_STATS_REPLY, OFPT_MULTIPART_REPLY, OFPMP_METER,                   \
      "OFPST_METER reply")                                                    \
    X(METER_CONFIG_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_METER_CONFIG,       \
      "OFPST_METER_CONFIG request")                                           \
    X(METER_CONFIG_REPLY, OFPT_MULTIPART_REPLY, OFPMP_METER_CONFIG,           \
      "OFPST_METER_CONFIG reply")                                             \
    X(METER_FEATURES_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_METER_FEATURES,   \
      "OFPST_METER_FEATURES request")                                         \
    X(METER_FEATURES_REPLY, OFPT_MULTIPART_REPLY, OFPMP_METER_FEATURES,       \
      "OFPST_METER_FEATURES reply")                                           \
    X(TABLE_FEATURES_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_TABLE_FEATURES,   \
      "OFPST_TABLE_FEATURES request")                                         \
    X(TABLE_FEATURES_REPLY, OFPT_MULTIPART_REPLY, OFPMP_TABLE_FEATURES,       \
      "OFPST_TABLE_FEATURES reply")                                           \
    X(PORT_DESC_REQUEST, OFPT_MULTIPART_REQUEST, OFPMP_PORT_DESC,             \
      "OFPST_PORT_DESC request")                                              \
    X(PORT_DESC_REPLY, OFPT_MULTIPART_REPLY, OFPMP_PORT_DESC,                 \
      "OFPST_PORT_DESC reply")                                                \
    X(BUNDLE_CONTROL, OFPT_EXPERIMENTER, -1, "ONFT_BUNDLE_CONTROL")           \
    X(BUNDLE_ADD, OFPT_EXPERIMENTER, -1, "ONFT_BUNDLE_ADD_MESSAGE")         \
    X(PONT_HOST_INFO_REQUEST, OFPT_EXPERIMENTER, -1,                          \
      "PONT_HOST_INFO_REQUEST")                                               \
    X(PONT_HOST_INFO_REPLY, OFPT_EXPERIMENTER, -1, "PONT_HOST_INFO_REPLY")

enum ofp_msg_kind {
#define OFP_MSG_KIND_ENUM_(KIND, TYPE, MP, NAME) OFPK_##KIND,
    OFP_MSG_KINDS(OFP_MSG_KIND_ENUM_)
#undef OFP_MSG_KIND_ENUM_
    OFPK_N_KINDS
};

/* Owned bytes: packet data, echo payloads, error data. */
struct ofp_bytes {
    uint8_t *data;              /* NULL when 'len' is 0. */
    size_t len;
};

/* HELLO: the versions the sender supports, as a bitmap (bit N = version
 * N).  Decoding accepts any version byte; 'version' is the header's. */
struct ofp_hello {
    uint8_t version;
    uint32_t version_bitmap;
};

/* ERROR, as received: the raw type/code (and experimenter), the error Pont
 * knows by that encoding (0 if none), and the data echoed. */
struct ofp_error_msg {
    uint16_t type;
    uint16_t code;
    uint32_t experimenter;      /* When type is 0xffff. */
    enum ofperr error;
    struct ofp_bytes data;
};

/* A generic EXPERIMENTER message (not a bundle message). */
struct ofp_experimenter_msg {
    uint32_t experimenter;
    uint32_t exp_type;
    struct ofp_bytes data;
};

struct ofp_features_reply {
    uint64_t datapath_id;
    uint32_t n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;
    uint32_t capabilities;      /* OFPC_*. */
};

/* GET_CONFIG_REPLY and SET_CONFIG. */
struct ofp_switch_config {
    uint16_t flags;             /* OFPC_FRAG_*. */
    uint16_t miss_send_len;
};

struct ofp_port {
    uint32_t port_no;
    struct eth_addr hw_addr;
    char name[OFP_MAX_PORT_NAME_LEN];   /* NUL-terminated. */
    uint32_t config;            /* OFPPC_*. */
    uint32_t state;             /* OFPPS_*. */
    uint32_t curr, advertised, supported, peer; /* OFPPF_* bits. */
    uint32_t curr_speed;        /* kbps. */
    uint32_t max_speed;         /* kbps. */
};

struct ofp_port_status {
    uint8_t reason;             /* OFPPR_*. */
    struct ofp_port port;
};

struct ofp_port_mod {
    uint32_t port_no;
    struct eth_addr hw_addr;
    uint32_t config;
    uint32_t mask;
    uint32_t advertise;
};

struct ofp_table_mod {
    uint8_t table_id;
    uint32_t config;
};

struct ofp_packet_in {
    uint32_t buffer_id;
    uint16_t total_len;
    uint8_t reason;             /* OFPR_*. */
    uint8_t table_id;
    uint64_t cookie;
    struct flow_match match;    /* Pipeline fields: in_port, metadata... */
    struct ofp_bytes data;
};

struct ofp_packet_out {
    uint32_t buffer_id;
    uint32_t in_port;
    struct ofp_actions actions;
    struct ofp_bytes data;
};

struct ofp_flow_removed {
    uint64_t cookie;
    uint16_t priority;
    uint8_t reason;             /* OFPRR_*. */
    uint8_t table_id;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint64_t packet_count;
    uint64_t byte_count;
    struct flow_match match;
};

struct ofp_flow_mod {
    uint64_t cookie;
    uint64_t cookie_mask;
    uint8_t table_id;
    uint8_t command;            /* OFPFC_*. */
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t priority;
    uint32_t buffer_id;
    uint32_t out_port;
    uint32_t out_group;
    uint16_t flags;             /* OFPFF_*. */
    struct flow_match match;
    struct ofp_instructions instructions;
};

struct ofp_bucket {
    uint16_t weight;
    uint32_t watch_port;
    uint32_t watch_group;
    struct ofp_actions actions;
};

struct ofp_group_mod {
    uint16_t command;           /* OFPGC_*. */
    uint8_t type;               /* OFPGT_*. */
    uint32_t group_id;
    struct ofp_bucket *buckets;
    size_t n_buckets;
};

struct ofp_meter_band {
    uint16_t type;              /* OFPMBT_*. */
    uint32_t rate;              /* kbps or pktps, per the meter's flags. */
    uint32_t burst_size;
    uint8_t prec_level;         /* OFPMBT_DSCP_REMARK only. */
    uint32_t experimenter;      /* OFPMBT_EXPERIMENTER only. */
};

struct ofp_meter_mod {
    uint16_t command;           /* OFPMC_*. */
    uint16_t flags;             /* OFPMF_*. */
    uint32_t meter_id;
    struct ofp_meter_band *bands;
    size_t n_bands;
};

/* ROLE_REQUEST and ROLE_REPLY. */
struct ofp_role {
    uint32_t role;              /* OFPCR_ROLE_*. */
    uint64_t generation_id;
};

/* GET_ASYNC_REPLY and SET_ASYNC: [0] for master/equal, [1] for slave. */
struct ofp_async_config {
    uint32_t packet_in_mask[2];
    uint32_t port_status_mask[2];
    uint32_t flow_removed_mask[2];
};

struct ofp_queue {
    uint32_t queue_id;
    uint32_t port;
    uint16_t min_rate;          /* Tenths of a percent; 0xffff = none. */
    uint16_t max_rate;          /* Tenths of a percent; 0xffff = none. */
};

struct ofp_queue_get_config {
    uint32_t port;
    struct ofp_queue *queues;   /* Reply only. */
    size_t n_queues;
};

struct ofp_desc_reply {
    char mfr_desc[OFP_DESC_STR_LEN];
    char hw_desc[OFP_DESC_STR_LEN];
    char sw_desc[OFP_DESC_STR_LEN];
    char serial_num[OFP_SERIAL_NUM_LEN];
    char dp_desc[OFP_DESC_STR_LEN];
};

/* FLOW_STATS_REQUEST and AGGREGATE_REQUEST. */
struct ofp_flow_stats_request {
    uint8_t table_id;
    uint32_t out_port;
    uint32_t out_group;
    uint64_t cookie;
    uint64_t cookie_mask;
    struct flow_match match;
};

struct ofp_flow_stats {
    uint8_t table_id;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    uint16_t priority;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t flags;
    uint64_t cookie;
    uint64_t packet_count;
    uint64_t byte_count;
    struct flow_match match;
    struct ofp_instructions instructions;
};

struct ofp_aggregate_reply {
    uint64_t packet_count;
    uint64_t byte_count;
    uint32_t flow_count;
};

struct ofp_table_stats {
    uint8_t table_id;
    uint32_t active_count;
    uint64_t lookup_count;
    uint64_t matched_count;
};

struct ofp_port_stats {
    uint32_t port_no;
    uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
    uint64_t rx_dropped, tx_dropped, rx_errors, tx_errors;
    uint64_t rx_frame_err, rx_over_err, rx_crc_err, collisions;
    uint32_t duration_sec;
    uint32_t duration_nsec;
};

struct ofp_queue_stats_request {
    uint32_t port_no;
    uint32_t queue_id;
};

struct ofp_queue_stats {
    uint32_t port_no;
    uint32_t queue_id;
    uint64_t tx_bytes, tx_packets, tx_errors;
    uint32_t duration_sec;
    uint32_t duration_nsec;
};

struct ofp_bucket_counter {
    uint64_t packet_count;
    uint64_t byte_count;
};

struct ofp_group_stats {
    uint32_t group_id;
    uint32_t ref_count;
    uint64_t packet_count;
    uint64_t byte_count;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    struct ofp_bucket_counter *buckets;
    size_t n_buckets;
};

struct ofp_group_desc {
    uint8_t type;
    uint32_t group_id;
    struct ofp_bucket *buckets;
    size_t n_buckets;
};

struct ofp_group_features {
    uint32_t types;             /* Bit N: group type N supported. */
    uint32_t capabilities;      /* OFPGFC_*. */
    uint32_t max_groups[4];     /* Per group type. */
    uint32_t actions[4];        /* Bit N: action type N, per group type. */
};

struct ofp_meter_band_stats {
    uint64_t packet_band_count;
    uint64_t byte_band_count;
};

struct ofp_meter_stats {
    uint32_t meter_id;
    uint32_t flow_count;
    uint64_t packet_in_count;
    uint64_t byte_in_count;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    struct ofp_meter_band_stats *bands;
    size_t n_bands;
};

struct ofp_meter_config {
    uint16_t flags;
    uint32_t meter_id;
    struct ofp_meter_band *bands;
    size_t n_bands;
};

struct ofp_meter_features {
    uint32_t max_meter;
    uint32_t band_types;        /* Bit N: band type N supported. */
    uint32_t capabilities;      /* OFPMF_*. */
    uint8_t max_bands;
    uint8_t max_color;
};

/* Table features (OFPMP_TABLE_FEATURES): what a table can match, which
 * instructions and actions its flow entries may hold, and which tables
 * they may go to.
 *
 * Properties come in pairs: one for the table's regular flow entries and
 * one, its type plus 1 (the "_MISS" property), for its table-miss entry;
 * MATCH and WILDCARDS have no pair.  'props' records which property types
 * were present (bit N: OFPTFPT type N, for N < 16), and the encoder writes
 * exactly those, so that a message survives decoding and encoding with
 * the same properties.  The specification requires the eight non-miss
 * types (OFP_TF_REQUIRED_PROPS) and lets a sender leave out a _MISS
 * property whose content equals its pair's.  The decoder accepts a
 * message without them (Open vSwitch reports it as OFPTFFC_BAD_FEATURES,
 * an error that OpenFlow 1.3 cannot send) and, when a _MISS property is
 * absent, fills in its content from the pair, so that caps[1] always
 * describes the table-miss entry.
 *
 * Instructions and actions are bitmaps of their types (bit N: OFPIT_* or
 * OFPAT_* type N, any N below 32, known or not); experimenter ids (type
 * 0xffff) are kept as their raw bytes, concatenated in wire order.  Match
 * fields are OXM headers as on the wire, in wire order, whether Pont knows
 * the field or not: the header's 32 bits (class, field, has-mask bit,
 * length) and, for the experimenter class 0xffff, the experimenter id
 * that follows it.  Experimenter properties (types 0xfffe and 0xffff) are
 * kept whole. */
#define OFP_TF_REQUIRED_PROPS                                                 \
    ((1u << OFPTFPT_INSTRUCTIONS) | (1u << OFPTFPT_NEXT_TABLES)               \
     | (1u << OFPTFPT_WRITE_ACTIONS) | (1u << OFPTFPT_APPLY_ACTIONS)          \
     | (1u << OFPTFPT_MATCH) | (1u << OFPTFPT_WILDCARDS)                      \
     | (1u << OFPTFPT_WRITE_SETFIELD) | (1u << OFPTFPT_APPLY_SETFIELD))
#define OFP_TF_MISS_PROPS                                                     \
    ((1u << OFPTFPT_INSTRUCTIONS_MISS) | (1u << OFPTFPT_NEXT_TABLES_MISS)     \
     | (1u << OFPTFPT_WRITE_ACTIONS_MISS)                                     \
     | (1u << OFPTFPT_APPLY_ACTIONS_MISS)                                     \
     | (1u << OFPTFPT_WRITE_SETFIELD_MISS)                                    \
     | (1u << OFPTFPT_APPLY_SETFIELD_MISS))
#define OFP_TF_ALL_PROPS (OFP_TF_REQUIRED_PROPS | OFP_TF_MISS_PROPS)

struct ofp_oxm_id {
    uint32_t header;            /* Class, field, has-mask bit, length. */
    uint32_t experimenter;      /* Class 0xffff only, else 0. */
};

struct ofp_oxm_ids {
    struct ofp_oxm_id *ids;
    size_t n;
};

/* The capabilities of one kind of flow entry: [0] regular, [1] miss. */
struct ofp_tf_caps {
    uint32_t instructions;              /* Bit N: instruction type N. */
    struct ofp_bytes exp_instructions;  /* Experimenter ids, raw. */
    uint64_t next_tables[4];            /* Bit N % 64 of [N / 64]. */
    uint32_t write_actions;             /* Bit N: action type N. */
    struct ofp_bytes exp_write_actions;
    uint32_t apply_actions;
    struct ofp_bytes exp_apply_actions;
    struct ofp_oxm_ids write_setfield;
    struct ofp_oxm_ids apply_setfield;
};

/* An experimenter property: 'type' is OFPTFPT_EXPERIMENTER(_MISS). */
struct ofp_tf_exp_prop {
    uint16_t type;
    uint32_t experimenter;
    uint32_t exp_type;
    struct ofp_bytes data;
};

struct ofp_table_features {
    uint8_t table_id;                   /* Not OFPTT_ALL. */
    char name[OFP_MAX_TABLE_NAME_LEN];  /* NUL-terminated. */
    uint64_t metadata_match;
    uint64_t metadata_write;
    uint32_t config;                    /* Deprecated bits in 1.3. */
    uint32_t max_entries;
    uint16_t props;                     /* Bit N: property type N present. */
    struct ofp_tf_caps caps[2];         /* Regular and table-miss entries. */
    struct ofp_oxm_ids match;           /* Has-mask bit: maskable. */
    struct ofp_oxm_ids wildcards;
    struct ofp_tf_exp_prop *exp_props;  /* In wire order. */
    size_t n_exp_props;
};

/* A list of stats entries in one multipart reply. */
#define OFP_STATS_LIST(TYPE)                                                  \
    struct {                                                                  \
        TYPE *entries;                                                        \
        size_t n;                                                             \
    }

/* BUNDLE_CONTROL (ONF extension 2300). */
struct ofp_bundle_control {
    uint32_t bundle_id;
    uint16_t type;              /* OFPBCT_*. */
    uint16_t flags;             /* OFPBF_*. */
};

/* BUNDLE_ADD (ONF extension 2301): the inner message, encoded, whose xid
 * equals the outer one (checked when decoding). */
struct ofp_bundle_add {
    uint32_t bundle_id;
    uint16_t flags;
    struct ofp_bytes msg;
};

/* PONT_HOST_INFO_REQUEST (experimenter PONT_VENDOR_ID, exp_type 1; no
 * body) asks a Pont switch who it is; PONT_HOST_INFO_REPLY (exp_type 2)
 * answers.  The reply's body, after the 16-byte experimenter header, is
 * fixed-size, 8-byte aligned records, all integers big-endian:
 *
 *     offset  size  field
 *          0    32  host_id     NUL-padded; 32 bytes long leaves no NUL
 *         32     4  tunnel_ip   IPv4 address of the tunnel endpoint, 0 none
 *         36     4  pad         zeros
 *         40    16  uplink      NUL-terminated port name, "" if none
 *         56  72*N  ports       N records (N may be 0), each:
 *
 *                0     4  port_no   OpenFlow port number (1..OFPP_MAX or
 *                                   OFPP_LOCAL)
 *                4     4  pad       zeros
 *                8    64  key       NUL-terminated binding key (the
 *                                   port's iface-id), "" if none
 *
 * A body of another length than 56 + 72 * N, or a request with a body, is
 * OFPBRC_BAD_LEN; a record's port number outside the range is
 * OFPBRC_BAD_PORT.  Padding is not checked.  At most
 * OFP_HOST_INFO_MAX_PORTS records fit in one message. */
#define OFP_HOST_ID_MAX 32          /* Bytes, without a NUL. */
#define OFP_BINDING_KEY_MAX 63      /* Bytes, without the NUL. */
#define OFP_HOST_INFO_LEN 56        /* Body up to the port records. */
#define OFP_HOST_INFO_PORT_LEN 72
#define OFP_HOST_INFO_MAX_PORTS                                               \
    ((OFP_MAX_MSG_LEN - 16 - OFP_HOST_INFO_LEN) / OFP_HOST_INFO_PORT_LEN)

struct ofp_host_info_port {
    uint32_t port_no;
    char key[OFP_BINDING_KEY_MAX + 1];  /* NUL-terminated. */
};

struct ofp_host_info {
    char host_id[OFP_HOST_ID_MAX + 1];  /* NUL-terminated. */
    be32 tunnel_ip;                     /* 0: none. */
    char uplink[OFP_MAX_PORT_NAME_LEN]; /* NUL-terminated; "" none. */
    struct ofp_host_info_port *ports;
    size_t n_ports;
};

struct ofp_msg {
    enum ofp_msg_kind kind;
    uint32_t xid;
    uint16_t mp_flags;          /* Multipart: OFPMPF_REQ/REPLY_MORE. */
    union {
        struct ofp_hello hello;
        struct ofp_error_msg error;
        struct ofp_bytes echo;  /* ECHO_REQUEST, ECHO_REPLY. */
        struct ofp_experimenter_msg experimenter;
        struct ofp_features_reply features_reply;
        struct ofp_switch_config config; /* GET_CONFIG_REPLY, SET_CONFIG. */
        struct ofp_packet_in packet_in;
        struct ofp_flow_removed flow_removed;
        struct ofp_port_status port_status;
        struct ofp_packet_out packet_out;
        struct ofp_flow_mod flow_mod;
        struct ofp_group_mod group_mod;
        struct ofp_port_mod port_mod;
        struct ofp_table_mod table_mod;
        struct ofp_queue_get_config queue_config; /* Request and reply. */
        struct ofp_role role;   /* ROLE_REQUEST, ROLE_REPLY. */
        struct ofp_async_config async; /* GET_ASYNC_REPLY, SET_ASYNC. */
        struct ofp_meter_mod meter_mod;

        struct ofp_desc_reply desc_reply;
        struct ofp_flow_stats_request flow_stats_request; /* + AGGREGATE. */
        OFP_STATS_LIST(struct ofp_flow_stats) flow_stats_reply;
        struct ofp_aggregate_reply aggregate_reply;
        OFP_STATS_LIST(struct ofp_table_stats) table_stats_reply;
        uint32_t port_no;       /* PORT_STATS_REQUEST. */
        OFP_STATS_LIST(struct ofp_port_stats) port_stats_reply;
        struct ofp_queue_stats_request queue_stats_request;
        OFP_STATS_LIST(struct ofp_queue_stats) queue_stats_reply;
        uint32_t group_id;      /* GROUP_STATS_REQUEST. */
        OFP_STATS_LIST(struct ofp_group_stats) group_stats_reply;
        OFP_STATS_LIST(struct ofp_group_desc) group_desc_reply;
        struct ofp_group_features group_features_reply;
        uint32_t meter_id;      /* METER_STATS/CONFIG_REQUEST. */
        OFP_STATS_LIST(struct ofp_meter_stats) meter_stats_reply;
        OFP_STATS_LIST(struct ofp_meter_config) meter_config_reply;
        struct ofp_meter_features meter_features_reply;
        OFP_STATS_LIST(struct ofp_port) port_desc_reply;
        /* TABLE_FEATURES_REQUEST (empty: a query; else a change) and
         * TABLE_FEATURES_REPLY. */
        OFP_STATS_LIST(struct ofp_table_features) table_features;

        struct ofp_bundle_control bundle_control;
        struct ofp_bundle_add bundle_add;
        struct ofp_host_info host_info; /* PONT_HOST_INFO_REPLY. */
    };
};

/* Initializes 'msg' as an empty message of 'kind' (all fields zero except
 * those whose zero would be invalid: buffer ids OFP_NO_BUFFER, out_port
 * OFPP_ANY, out_group OFPG_ANY, table_id OFPTT_ALL for requests, port
 * OFPP_ANY for port and queue requests, meter and group OFPM_ALL/OFPG_ALL
 * for requests, HELLO's bitmap "1.3 only"). */
void ofp_msg_init(struct ofp_msg *, enum ofp_msg_kind, uint32_t xid);

/* Frees what 'msg' owns; 'msg' is then as after ofp_msg_init() of its kind
 * (so calling it twice is harmless). */
void ofp_msg_uninit(struct ofp_msg *);

/* Decodes the single message of 'len' bytes at 'data' (its header's length
 * must equal 'len') into 'msg'.  Returns 0, or -OFPERR_* with 'msg' left
 * initialized as an empty HELLO so that ofp_msg_uninit() is always safe.
 * A message of another OpenFlow version than 1.3 gives
 * -OFPERR_OFPBRC_BAD_VERSION, except HELLO. */
int ofp_msg_decode(const void *data, size_t len, struct ofp_msg *msg);

/* Appends 'msg' to 'out', complete with its header.  Returns 0, or
 * -EMSGSIZE, appending nothing, if it would be longer than 65535 bytes. */
int ofp_msg_encode(const struct ofp_msg *, struct buf *out);

/* Returns the name ovs-ofctl prints for 'kind' ("OFPT_FLOW_MOD",
 * "OFPST_FLOW reply"). */
const char *ofp_msg_kind_name(enum ofp_msg_kind);

/* Returns the OFPT_* header type of messages of 'kind'. */
uint8_t ofp_msg_kind_type(enum ofp_msg_kind);

/* Returns true if the two messages are the same (for tests). */
bool ofp_msg_equal(const struct ofp_msg *, const struct ofp_msg *);

/* Building messages. */

/* Sets 'b' to a copy of 'len' bytes at 'data' (not freeing what it held). */
void ofp_bytes_set(struct ofp_bytes *b, const void *data, size_t len);
void ofp_bytes_free(struct ofp_bytes *);

/* Grows '*array' (of '*n' elements of 'size' bytes) by one zeroed element
 * and returns it; OFP_STATS_PUSH(msg->flow_stats_reply) does that for a
 * stats list. */
void *ofp_array_push(void *array_ptr, size_t *n, size_t size);
#define OFP_STATS_PUSH(LIST)                                                      ofp_array_push(&(LIST).entries, &(LIST).n, sizeof *(LIST).entries)

/* Table features: appends 'id' to 'ids'; sets or tests table 'table_id'
 * in a next-tables bitmap. */
void ofp_oxm_ids_push(struct ofp_oxm_ids *ids, uint32_t header,
                      uint32_t experimenter);
static inline void
ofp_tf_next_table_set(uint64_t next_tables[4], uint8_t table_id)
{
    next_tables[table_id / 64] |= UINT64_C(1) << (table_id % 64);
}
static inline bool
ofp_tf_next_table_test(const uint64_t next_tables[4], uint8_t table_id)
{
    return next_tables[table_id / 64] >> (table_id % 64) & 1;
}

/* Reads a message's length from its first OFP_HEADER_LEN bytes: how a
 * stream reader knows where a message ends.  Returns 0 or
 * -OFPERR_OFPBRC_BAD_LEN if the length is below the header's size. */
int ofp_msg_peek_length(const uint8_t header[OFP_HEADER_LEN], size_t *len);

#endif /* ofproto/ofp_msg.h */
