/* OpenFlow 1.3 wire constants: message, multipart, action, instruction and
 * OXM numbers, sizes of fixed structures, reserved ports, groups, meters and
 * flags, as the OpenFlow Switch Specification 1.3.5 defines them, plus the
 * extension numbers Open vSwitch uses in OpenFlow 1.3 (Nicira and ONF).
 *
 * Only numbers live here; the codec (ofp_*.c) defines layouts in code, and
 * names for printing come from the tables in ofp_names.c. */
#ifndef PONT_OFP_WIRE_H
#define PONT_OFP_WIRE_H 1

#include <stdbool.h>
#include <stdint.h>

/* Versions: the "version" byte of the header. */
enum {
    OFP10_VERSION = 0x01,
    OFP11_VERSION = 0x02,
    OFP12_VERSION = 0x03,
    OFP13_VERSION = 0x04,
    OFP14_VERSION = 0x05,
    OFP15_VERSION = 0x06,
};

#define OFP_HEADER_LEN 8
#define OFP_TCP_PORT 6653
#define OFP_MAX_MSG_LEN 65535
#define OFP_NO_BUFFER 0xffffffffu
#define OFP_DEFAULT_PRIORITY 0x8000
#define OFP_ETH_ALEN 6
#define OFP_MAX_PORT_NAME_LEN 16
#define OFP_MAX_TABLE_NAME_LEN 32
#define OFP_DESC_STR_LEN 256
#define OFP_SERIAL_NUM_LEN 32

/* Message types (ofp_header.type). */
enum ofp_type {
    OFPT_HELLO = 0,
    OFPT_ERROR = 1,
    OFPT_ECHO_REQUEST = 2,
    OFPT_ECHO_REPLY = 3,
    OFPT_EXPERIMENTER = 4,
    OFPT_FEATURES_REQUEST = 5,
    OFPT_FEATURES_REPLY = 6,
    OFPT_GET_CONFIG_REQUEST = 7,
    OFPT_GET_CONFIG_REPLY = 8,
    OFPT_SET_CONFIG = 9,
    OFPT_PACKET_IN = 10,
    OFPT_FLOW_REMOVED = 11,
    OFPT_PORT_STATUS = 12,
    OFPT_PACKET_OUT = 13,
    OFPT_FLOW_MOD = 14,
    OFPT_GROUP_MOD = 15,
    OFPT_PORT_MOD = 16,
    OFPT_TABLE_MOD = 17,
    OFPT_MULTIPART_REQUEST = 18,
    OFPT_MULTIPART_REPLY = 19,
    OFPT_BARRIER_REQUEST = 20,
    OFPT_BARRIER_REPLY = 21,
    OFPT_QUEUE_GET_CONFIG_REQUEST = 22,
    OFPT_QUEUE_GET_CONFIG_REPLY = 23,
    OFPT_ROLE_REQUEST = 24,
    OFPT_ROLE_REPLY = 25,
    OFPT_GET_ASYNC_REQUEST = 26,
    OFPT_GET_ASYNC_REPLY = 27,
    OFPT_SET_ASYNC = 28,
    OFPT_METER_MOD = 29,
};

/* Multipart types (ofp_multipart_request.type). */
enum ofp_multipart_type {
    OFPMP_DESC = 0,
    OFPMP_FLOW = 1,
    OFPMP_AGGREGATE = 2,
    OFPMP_TABLE = 3,
    OFPMP_PORT_STATS = 4,
    OFPMP_QUEUE = 5,
    OFPMP_GROUP = 6,
    OFPMP_GROUP_DESC = 7,
    OFPMP_GROUP_FEATURES = 8,
    OFPMP_METER = 9,
    OFPMP_METER_CONFIG = 10,
    OFPMP_METER_FEATURES = 11,
    OFPMP_TABLE_FEATURES = 12,
    OFPMP_PORT_DESC = 13,
    OFPMP_EXPERIMENTER = 0xffff,
};

#define OFPMPF_REQ_MORE 0x0001
#define OFPMPF_REPLY_MORE 0x0001

/* Hello elements. */
#define OFPHET_VERSIONBITMAP 1

/* Experimenter ids. */
#define NX_VENDOR_ID 0x00002320u   /* Nicira, for Open vSwitch extensions. */
#define ONF_VENDOR_ID 0x4f4e4600u  /* Open Networking Foundation. */

/* ONF extension message types carried in OFPT_EXPERIMENTER (EXT-230:
 * bundles for OpenFlow 1.3). */
#define ONFT_BUNDLE_CONTROL 2300
#define ONFT_BUNDLE_ADD_MESSAGE 2301

/* Pont's own experimenter messages ("PONT" in ASCII): a switch tells its
 * controller who it is.  Layouts in ofp_msg.h (struct ofp_host_info). */
#define PONT_VENDOR_ID 0x504f4e54u
#define PONT_HOST_INFO_REQUEST 1
#define PONT_HOST_INFO_REPLY 2

/* Bundle control types and flags. */
enum ofp_bundle_ctrl_type {
    OFPBCT_OPEN_REQUEST = 0,
    OFPBCT_OPEN_REPLY = 1,
    OFPBCT_CLOSE_REQUEST = 2,
    OFPBCT_CLOSE_REPLY = 3,
    OFPBCT_COMMIT_REQUEST = 4,
    OFPBCT_COMMIT_REPLY = 5,
    OFPBCT_DISCARD_REQUEST = 6,
    OFPBCT_DISCARD_REPLY = 7,
};
#define OFPBF_ATOMIC 0x0001
#define OFPBF_ORDERED 0x0002

/* Reserved port numbers. */
#define OFPP_MAX 0xffffff00u
#define OFPP_IN_PORT 0xfffffff8u
#define OFPP_TABLE 0xfffffff9u
#define OFPP_NORMAL 0xfffffffau
#define OFPP_FLOOD 0xfffffffbu
#define OFPP_ALL 0xfffffffcu
#define OFPP_CONTROLLER 0xfffffffdu
#define OFPP_LOCAL 0xfffffffeu
#define OFPP_ANY 0xffffffffu

/* Returns true if 'port' names a port of the switch rather than a reserved
 * port: 1 up to, not including, OFPP_MAX. */
static inline bool
ofp_port_is_physical(uint32_t port)
{
    return port && port < OFPP_MAX;
}

/* Reserved queue, group, meter and table numbers. */
#define OFPQ_ALL 0xffffffffu
#define OFPG_MAX 0xffffff00u
#define OFPG_ALL 0xfffffffcu
#define OFPG_ANY 0xffffffffu
#define OFPM_MAX 0xffff0000u
#define OFPM_SLOWPATH 0xfffffffdu
#define OFPM_CONTROLLER 0xfffffffeu
#define OFPM_ALL 0xffffffffu
#define OFPTT_MAX 0xfe
#define OFPTT_ALL 0xff
#define OFPCML_NO_BUFFER 0xffff
#define OFP_CONTROLLER_MAX_LEN_DEFAULT 0xffff

/* Switch capabilities (features reply). */
#define OFPC_FLOW_STATS (1u << 0)
#define OFPC_TABLE_STATS (1u << 1)
#define OFPC_PORT_STATS (1u << 2)
#define OFPC_GROUP_STATS (1u << 3)
#define OFPC_IP_REASM (1u << 5)
#define OFPC_QUEUE_STATS (1u << 6)
#define OFPC_PORT_BLOCKED (1u << 8)

/* Switch configuration flags. */
#define OFPC_FRAG_NORMAL 0
#define OFPC_FRAG_DROP 1
#define OFPC_FRAG_REASM 2
#define OFPC_FRAG_MASK 3

/* Flow mod commands and flags. */
enum ofp_flow_mod_command {
    OFPFC_ADD = 0,
    OFPFC_MODIFY = 1,
    OFPFC_MODIFY_STRICT = 2,
    OFPFC_DELETE = 3,
    OFPFC_DELETE_STRICT = 4,
};
#define OFPFF_SEND_FLOW_REM (1u << 0)
#define OFPFF_CHECK_OVERLAP (1u << 1)
#define OFPFF_RESET_COUNTS (1u << 2)
#define OFPFF_NO_PKT_COUNTS (1u << 3)
#define OFPFF_NO_BYT_COUNTS (1u << 4)
#define OFPFF_ALL 0x1f

/* Flow removed reasons. */
enum {
    OFPRR_IDLE_TIMEOUT = 0,
    OFPRR_HARD_TIMEOUT = 1,
    OFPRR_DELETE = 2,
    OFPRR_GROUP_DELETE = 3,
    OFPRR_METER_DELETE = 4,
};

/* Packet in reasons. */
enum {
    OFPR_NO_MATCH = 0,
    OFPR_ACTION = 1,
    OFPR_INVALID_TTL = 2,
};

/* Port status reasons, port config, state and features bits. */
enum {
    OFPPR_ADD = 0,
    OFPPR_DELETE = 1,
    OFPPR_MODIFY = 2,
};
#define OFPPC_PORT_DOWN (1u << 0)
#define OFPPC_NO_RECV (1u << 2)
#define OFPPC_NO_FWD (1u << 5)
#define OFPPC_NO_PACKET_IN (1u << 6)
#define OFPPC_ALL                                                             \
    (OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN)
#define OFPPS_LINK_DOWN (1u << 0)
#define OFPPS_BLOCKED (1u << 1)
#define OFPPS_LIVE (1u << 2)

/* Port features (curr, advertised, supported, peer). */
#define OFPPF_10MB_HD (1u << 0)
#define OFPPF_10MB_FD (1u << 1)
#define OFPPF_100MB_HD (1u << 2)
#define OFPPF_100MB_FD (1u << 3)
#define OFPPF_1GB_HD (1u << 4)
#define OFPPF_1GB_FD (1u << 5)
#define OFPPF_10GB_FD (1u << 6)
#define OFPPF_40GB_FD (1u << 7)
#define OFPPF_100GB_FD (1u << 8)
#define OFPPF_1TB_FD (1u << 9)
#define OFPPF_OTHER (1u << 10)
#define OFPPF_COPPER (1u << 11)
#define OFPPF_FIBER (1u << 12)
#define OFPPF_AUTONEG (1u << 13)
#define OFPPF_PAUSE (1u << 14)
#define OFPPF_PAUSE_ASYM (1u << 15)
#define OFPPF_ALL 0xffffu

/* Group mod commands and types. */
enum ofp_group_mod_command {
    OFPGC_ADD = 0,
    OFPGC_MODIFY = 1,
    OFPGC_DELETE = 2,
};
enum ofp_group_type {
    OFPGT_ALL = 0,
    OFPGT_SELECT = 1,
    OFPGT_INDIRECT = 2,
    OFPGT_FF = 3,
};

/* Group capabilities (group features reply). */
#define OFPGFC_SELECT_WEIGHT (1u << 0)
#define OFPGFC_SELECT_LIVENESS (1u << 1)
#define OFPGFC_CHAINING (1u << 2)
#define OFPGFC_CHAINING_CHECKS (1u << 3)

/* Meter mod commands, flags and band types. */
enum ofp_meter_mod_command {
    OFPMC_ADD = 0,
    OFPMC_MODIFY = 1,
    OFPMC_DELETE = 2,
};
#define OFPMF_KBPS (1u << 0)
#define OFPMF_PKTPS (1u << 1)
#define OFPMF_BURST (1u << 2)
#define OFPMF_STATS (1u << 3)
enum ofp_meter_band_type {
    OFPMBT_DROP = 1,
    OFPMBT_DSCP_REMARK = 2,
    OFPMBT_EXPERIMENTER = 0xffff,
};

/* Controller roles. */
enum ofp_controller_role {
    OFPCR_ROLE_NOCHANGE = 0,
    OFPCR_ROLE_EQUAL = 1,
    OFPCR_ROLE_MASTER = 2,
    OFPCR_ROLE_SLAVE = 3,
};

/* Queue properties. */
enum {
    OFPQT_MIN_RATE = 1,
    OFPQT_MAX_RATE = 2,
    OFPQT_EXPERIMENTER = 0xffff,
};

/* Action types. */
enum ofp_action_type {
    OFPAT_OUTPUT = 0,
    OFPAT_COPY_TTL_OUT = 11,
    OFPAT_COPY_TTL_IN = 12,
    OFPAT_SET_MPLS_TTL = 15,
    OFPAT_DEC_MPLS_TTL = 16,
    OFPAT_PUSH_VLAN = 17,
    OFPAT_POP_VLAN = 18,
    OFPAT_PUSH_MPLS = 19,
    OFPAT_POP_MPLS = 20,
    OFPAT_SET_QUEUE = 21,
    OFPAT_GROUP = 22,
    OFPAT_SET_NW_TTL = 23,
    OFPAT_DEC_NW_TTL = 24,
    OFPAT_SET_FIELD = 25,
    OFPAT_PUSH_PBB = 26,
    OFPAT_POP_PBB = 27,
    OFPAT_EXPERIMENTER = 0xffff,
};

/* Instruction types. */
enum ofp_instruction_type {
    OFPIT_GOTO_TABLE = 1,
    OFPIT_WRITE_METADATA = 2,
    OFPIT_WRITE_ACTIONS = 3,
    OFPIT_APPLY_ACTIONS = 4,
    OFPIT_CLEAR_ACTIONS = 5,
    OFPIT_METER = 6,
    OFPIT_EXPERIMENTER = 0xffff,
};

/* Match types and OXM classes. */
#define OFPMT_STANDARD 0
#define OFPMT_OXM 1
enum ofp_oxm_class {
    OFPXMC_NXM_0 = 0x0000,
    OFPXMC_NXM_1 = 0x0001,
    OFPXMC_OPENFLOW_BASIC = 0x8000,
    OFPXMC_EXPERIMENTER = 0xffff,
};

/* OXM basic field numbers. */
enum ofp_oxm_basic_field {
    OFPXMT_IN_PORT = 0,
    OFPXMT_IN_PHY_PORT = 1,
    OFPXMT_METADATA = 2,
    OFPXMT_ETH_DST = 3,
    OFPXMT_ETH_SRC = 4,
    OFPXMT_ETH_TYPE = 5,
    OFPXMT_VLAN_VID = 6,
    OFPXMT_VLAN_PCP = 7,
    OFPXMT_IP_DSCP = 8,
    OFPXMT_IP_ECN = 9,
    OFPXMT_IP_PROTO = 10,
    OFPXMT_IPV4_SRC = 11,
    OFPXMT_IPV4_DST = 12,
    OFPXMT_TCP_SRC = 13,
    OFPXMT_TCP_DST = 14,
    OFPXMT_UDP_SRC = 15,
    OFPXMT_UDP_DST = 16,
    OFPXMT_SCTP_SRC = 17,
    OFPXMT_SCTP_DST = 18,
    OFPXMT_ICMPV4_TYPE = 19,
    OFPXMT_ICMPV4_CODE = 20,
    OFPXMT_ARP_OP = 21,
    OFPXMT_ARP_SPA = 22,
    OFPXMT_ARP_TPA = 23,
    OFPXMT_ARP_SHA = 24,
    OFPXMT_ARP_THA = 25,
    OFPXMT_IPV6_SRC = 26,
    OFPXMT_IPV6_DST = 27,
    OFPXMT_IPV6_FLABEL = 28,
    OFPXMT_ICMPV6_TYPE = 29,
    OFPXMT_ICMPV6_CODE = 30,
    OFPXMT_IPV6_ND_TARGET = 31,
    OFPXMT_IPV6_ND_SLL = 32,
    OFPXMT_IPV6_ND_TLL = 33,
    OFPXMT_MPLS_LABEL = 34,
    OFPXMT_MPLS_TC = 35,
    OFPXMT_MPLS_BOS = 36,
    OFPXMT_PBB_ISID = 37,
    OFPXMT_TUNNEL_ID = 38,
    OFPXMT_IPV6_EXTHDR = 39,
};

/* VLAN_VID values: the "present" bit, and "no tag". */
#define OFPVID_PRESENT 0x1000
#define OFPVID_NONE 0x0000

/* Table features property types. */
enum {
    OFPTFPT_INSTRUCTIONS = 0,
    OFPTFPT_INSTRUCTIONS_MISS = 1,
    OFPTFPT_NEXT_TABLES = 2,
    OFPTFPT_NEXT_TABLES_MISS = 3,
    OFPTFPT_WRITE_ACTIONS = 4,
    OFPTFPT_WRITE_ACTIONS_MISS = 5,
    OFPTFPT_APPLY_ACTIONS = 6,
    OFPTFPT_APPLY_ACTIONS_MISS = 7,
    OFPTFPT_MATCH = 8,
    OFPTFPT_WILDCARDS = 10,
    OFPTFPT_WRITE_SETFIELD = 12,
    OFPTFPT_WRITE_SETFIELD_MISS = 13,
    OFPTFPT_APPLY_SETFIELD = 14,
    OFPTFPT_APPLY_SETFIELD_MISS = 15,
    OFPTFPT_EXPERIMENTER = 0xfffe,
    OFPTFPT_EXPERIMENTER_MISS = 0xffff,
};

/* Sizes of fixed parts, from the specification's structure layouts. */
#define OFP_SWITCH_FEATURES_LEN 32
#define OFP_SWITCH_CONFIG_LEN 12
#define OFP_PORT_LEN 64
#define OFP_PORT_STATUS_LEN 80
#define OFP_PORT_MOD_LEN 40
#define OFP_TABLE_MOD_LEN 16
#define OFP_FLOW_MOD_LEN 56             /* Includes an empty 8-byte match. */
#define OFP_FLOW_MOD_FIXED_LEN 48       /* Up to the match. */
#define OFP_GROUP_MOD_LEN 16
#define OFP_BUCKET_LEN 16
#define OFP_METER_MOD_LEN 16
#define OFP_METER_BAND_LEN 16
#define OFP_PACKET_IN_FIXED_LEN 24      /* Up to the match. */
#define OFP_PACKET_OUT_LEN 24
#define OFP_FLOW_REMOVED_FIXED_LEN 48   /* Up to the match. */
#define OFP_MULTIPART_HEADER_LEN 16
#define OFP_ROLE_LEN 24
#define OFP_ASYNC_CONFIG_LEN 32
#define OFP_ERROR_LEN 12
#define OFP_ERROR_EXPERIMENTER_LEN 16
#define OFP_EXPERIMENTER_HEADER_LEN 16
#define OFP_MATCH_HEADER_LEN 4
#define OFP_ACTION_HEADER_LEN 8
#define OFP_ACTION_OUTPUT_LEN 16
#define OFP_INSTRUCTION_HEADER_LEN 4
#define OFP_ERROR_DATA_MAX 64           /* Bytes of a bad request echoed. */

#endif /* ofproto/ofp_wire.h */
