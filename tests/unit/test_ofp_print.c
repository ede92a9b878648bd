/* Tests for ofproto/ofp_print*.c: Open vSwitch's text for every message
 * kind, its framing and decode-error reports, and the helpers pont-ofctl
 * uses.
 *
 * The goldens below were produced by Open vSwitch 3.1.0's
 * "ovs-ofctl ofp-print HEX [VERBOSITY]" on exactly the bytes next to them
 * (its standard output, byte for byte; its log lines on standard error are
 * not part of them).  The bytes are Pont's own encodings of messages with
 * non-trivial values (ofp_msg_encode()), plus hand-made malformed ones for
 * the framing reports.  Regenerate a golden by running that command on its
 * bytes; never by running Pont. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_print.h"
#include "ofproto/ofp_text.h"

struct golden {
    const char *name;           /* The test's name. */
    int verbosity;              /* 2 is ofp-print's default. */
    const char *hex;            /* The message. */
    const char *text;           /* What ovs-ofctl printed. */
};

static const struct golden goldens[] = {
    {"prints_hello_13", 2,
     "04000010000000010001000800000010",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x04\n"},
    {"prints_hello_bitmap", 2,
     "04000010000000010001000800000012",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x04\n"},
    {"prints_hello_implied", 2,
     "0400000800000001",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x02, 0x03, 0x04\n"},
    {"prints_hello_bitmap4", 2,
     "0400001000000001000100080000005a",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x03, 0x04, 0x06\n"},
    {"prints_error_bad_type_echo", 2,
     "0401001800001234000100010402000c0000000761626364",
     "OFPT_ERROR (OF1.3) (xid=0x1234): OFPBRC_BAD_TYPE\n"
     "OFPT_ECHO_REQUEST (OF1.3) (xid=0x7): 4 bytes of payload\n"},
    {"prints_error_hello_failed", 2,
     "0401002800000005000000005765206f6e6c7920737570706f7274204f70656e"
     "466c6f7720312e33",
     "OFPT_ERROR (OF1.3) (xid=0x5): OFPHFC_INCOMPATIBLE\n"
     "We only support OpenFlow 1.3\n"},
    {"prints_error_onf_bundle", 2,
     "0401001000000006ffff08fe4f4e4600",
     "OFPT_ERROR (OF1.3) (xid=0x6): OFPBFC_BAD_ID\n"
     "OpenFlow message is empty\n"},
    {"prints_error_unknown", 2,
     "0401001000000007002a000901020304",
     "OFPT_ERROR (OF1.3) (xid=0x7): ***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 01 00 10 00 00 00 07-00 2a 00 09 01 02 03 04 |......."
     "..*......|\n"},
    {"prints_echo_request_data", 2,
     "04020010000000090001020341424344",
     "OFPT_ECHO_REQUEST (OF1.3) (xid=0x9): 8 bytes of payload\n"
     "00000000  00 01 02 03 41 42 43 44-                        |....ABC"
     "D        |\n"},
    {"prints_echo_reply", 2,
     "040300080000000a",
     "OFPT_ECHO_REPLY (OF1.3) (xid=0xa): 0 bytes of payload\n"},
    {"prints_experimenter", 2,
     "040400150000000b00abcdef000000070102030405",
     "***decode error: OFPBRC_BAD_VENDOR***\n"
     "00000000  04 04 00 15 00 00 00 0b-00 ab cd ef 00 00 00 07 |......."
     ".........|\n"
     "00000010  01 02 03 04 05                                  |.....  "
     "         |\n"},
    {"prints_features_request", 2,
     "0405000800000002",
     "OFPT_FEATURES_REQUEST (OF1.3) (xid=0x2):\n"},
    {"prints_features_reply", 2,
     "0406002000000002000050540000000100000100fe0000000000004f00000000",
     "OFPT_FEATURES_REPLY (OF1.3) (xid=0x2): dpid:0000505400000001\n"
     "n_tables:254, n_buffers:256\n"
     "capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_"
     "STATS\n"},
    {"prints_features_reply_aux", 2,
     "0406002000000002000050540000000100000100fe030000000001ff00000000",
     "OFPT_FEATURES_REPLY (OF1.3) (xid=0x2): dpid:0000505400000001\n"
     "n_tables:254, n_buffers:256, auxiliary_id:3\n"
     "capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS IP_REA"
     "SM QUEUE_STATS PORT_BLOCKED\n"},
    {"prints_get_config_request", 2,
     "0407000800000003",
     "OFPT_GET_CONFIG_REQUEST (OF1.3) (xid=0x3):\n"},
    {"prints_get_config_reply", 2,
     "0408000c0000000300000080",
     "OFPT_GET_CONFIG_REPLY (OF1.3) (xid=0x3): frags=normal miss_send_le"
     "n=128\n"},
    {"prints_set_config_drop", 2,
     "0409000c000000040001ffff",
     "OFPT_SET_CONFIG (OF1.3) (xid=0x4): frags=drop miss_send_len=65535"
     "\n"},
    {"prints_set_config_reasm", 2,
     "0409000c00000004000205dc",
     "OFPT_SET_CONFIG (OF1.3) (xid=0x4): frags=reassemble miss_send_len="
     "1500\n"},
    {"prints_barrier_request", 2,
     "0414000800000014",
     "OFPT_BARRIER_REQUEST (OF1.3) (xid=0x14):\n"},
    {"prints_barrier_reply", 2,
     "0415000800000014",
     "OFPT_BARRIER_REPLY (OF1.3) (xid=0x14):\n"},
    {"prints_role_request_master", 2,
     "041800180000001500000002000000001122334455667788",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x15): role=primary generation_id=1"
     "234605616436508552\n"},
    {"prints_role_request_nochange", 2,
     "041800180000001500000000000000000000000000000000",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x15): role=nochange\n"},
    {"prints_role_reply_slave", 2,
     "04190018000000150000000300000000000000000000000c",
     "OFPT_ROLE_REPLY (OF1.3) (xid=0x15): role=secondary generation_id=1"
     "2\n"},
    {"prints_role_reply_equal", 2,
     "04190018000000150000000100000000ffffffffffffffff",
     "OFPT_ROLE_REPLY (OF1.3) (xid=0x15): role=equal\n"},
    {"prints_get_async_request", 2,
     "041a000800000016",
     "OFPT_GET_ASYNC_REQUEST (OF1.3) (xid=0x16):\n"},
    {"prints_get_async_reply", 2,
     "041b002000000016000000030000000000000007000000070000000f00000000",
     "OFPT_GET_ASYNC_REPLY (OF1.3) (xid=0x16):\n"
     " primary:\n"
     "       PACKET_IN: no_match action\n"
     "     PORT_STATUS: add delete modify\n"
     "    FLOW_REMOVED: idle hard delete group_delete\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"
     "\n"
     " secondary:\n"
     "       PACKET_IN: (off)\n"
     "     PORT_STATUS: add delete modify\n"
     "    FLOW_REMOVED: (off)\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"},
    {"prints_set_async", 2,
     "041c002000000017000000050000000200000001000000000000001f00000004",
     "OFPT_SET_ASYNC (OF1.3) (xid=0x17):\n"
     " primary:\n"
     "       PACKET_IN: no_match invalid_ttl\n"
     "     PORT_STATUS: add\n"
     "    FLOW_REMOVED: idle hard delete group_delete meter_delete\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"
     "\n"
     " secondary:\n"
     "       PACKET_IN: action\n"
     "     PORT_STATUS: (off)\n"
     "    FLOW_REMOVED: delete\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"},
    {"prints_table_mod", 2,
     "04110010000000180300000000000000",
     "OFPT_TABLE_MOD (OF1.3) (xid=0x18): table_id=3\n"},
    {"prints_table_mod_all", 2,
     "0411001000000018ff00000000000003",
     "OFPT_TABLE_MOD (OF1.3) (xid=0x18): table_id: ALL_TABLES\n"},
    {"prints_port_mod", 2,
     "0410002800000019000000030000000050540000000300000000000100000065"
     "0000282000000000",
     "OFPT_PORT_MOD (OF1.3) (xid=0x19): port: 3: addr:50:54:00:00:00:03"
     "\n"
     "     config: PORT_DOWN\n"
     "     mask:   PORT_DOWN NO_RECV NO_FWD NO_PACKET_IN\n"
     "     advertise: 1GB-FD COPPER AUTO_NEG\n"},
    {"prints_port_status_modify", 2,
     "040c00500000001a02000000000000000000000200000000aa55000000020000"
     "6574683200000000000000000000000000000001000000010000282000002820"
     "0000282f00000000000f424000989680",
     "OFPT_PORT_STATUS (OF1.3) (xid=0x1a): MOD: 2(eth2): addr:aa:55:00:0"
     "0:00:02\n"
     "     config:     PORT_DOWN\n"
     "     state:      LINK_DOWN\n"
     "     current:    1GB-FD COPPER AUTO_NEG\n"
     "     advertised: 1GB-FD COPPER AUTO_NEG\n"
     "     supported:  10MB-HD 10MB-FD 100MB-HD 100MB-FD 1GB-FD COPPER A"
     "UTO_NEG\n"
     "     speed: 1000 Mbps now, 10000 Mbps max\n"},
    {"prints_port_status_add_local", 2,
     "040c00500000001a0000000000000000fffffffe00000000aa55000000020000"
     "6272300000000000000000000000000000000000000000040000282000002820"
     "0000282f00000000000f424000989680",
     "OFPT_PORT_STATUS (OF1.3) (xid=0x1a): ADD: LOCAL(br0): addr:aa:55:0"
     "0:00:00:02\n"
     "     config:     0\n"
     "     state:      LIVE\n"
     "     current:    1GB-FD COPPER AUTO_NEG\n"
     "     advertised: 1GB-FD COPPER AUTO_NEG\n"
     "     supported:  10MB-HD 10MB-FD 100MB-HD 100MB-FD 1GB-FD COPPER A"
     "UTO_NEG\n"
     "     speed: 1000 Mbps now, 10000 Mbps max\n"},
    {"prints_queue_get_config_request", 2,
     "041600100000001b0000000500000000",
     "OFPT_QUEUE_GET_CONFIG_REQUEST (OF1.3) (xid=0x1b): port=5\n"},
    {"prints_queue_get_config_reply", 2,
     "041700700000001b000000050000000000000001000000050030000000000000"
     "00010010000000000064000000000000000200100000000001f4000000000000"
     "0000000200000005001000000000000000000003000000050020000000000000"
     "00020010000000000007000000000000",
     "OFPT_QUEUE_GET_CONFIG_REPLY (OF1.3) (xid=0x1b): port=5\n"
     "queue 1: min_rate:10.0% max_rate:50.0%\n"
     "queue 2:\n"
     "queue 3: max_rate:0.7%\n"},
    {"prints_bundle_open", 2,
     "040400180000001e4f4e4600000008fc0000000700000001",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x1e):\n"
     " bundle_id=0x7 type=OPEN_REQUEST flags=atomic\n"},
    {"prints_bundle_commit_reply", 2,
     "040400180000001e4f4e4600000008fc0000000700050003",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x1e):\n"
     " bundle_id=0x7 type=COMMIT_REPLY flags=atomic ordered\n"},
    {"prints_bundle_discard", 2,
     "040400180000001e4f4e4600000008fc0000000700060000",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x1e):\n"
     " bundle_id=0x7 type=DISCARD_REQUEST flags=0\n"},
    {"prints_bundle_add_barrier", 2,
     "040400200000001e4f4e4600000008fd0000000700000001041400080000001e",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x1e): ***decode error: OFPBF"
     "C_MSG_UNSUP***\n"
     "00000000  04 04 00 20 00 00 00 1e-4f 4e 46 00 00 00 08 fd |... ..."
     ".ONF.....|\n"
     "00000010  00 00 00 07 00 00 00 01-04 14 00 08 00 00 00 1e |......."
     ".........|\n"},
    {"prints_desc_request", 2,
     "04120010000000280000000000000000",
     "OFPST_DESC request (OF1.3) (xid=0x28):\n"},
    {"prints_desc_reply", 2,
     "04130430000000280000000000000000506f6e742070726f6a65637400000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000506f6e74207669727475616c20737769"
     "7463680000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000302e312e300000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000004e6f6e65000000000000000000000000"
     "00000000000000000000000000000000627230206f6e20686f73743100000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000",
     "OFPST_DESC reply (OF1.3) (xid=0x28):\n"
     "Manufacturer: Pont project\n"
     "Hardware: Pont virtual switch\n"
     "Software: 0.1.0\n"
     "Serial Num: None\n"
     "DP Description: br0 on host1\n"},
    {"prints_packet_in_tcp", 2,
     "040a006000000032ffffffff0036000000000000000000000001000c80000004"
     "0000000300000000000050540000000a50540000000908004500002800010000"
     "40060000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x32): cookie=0x0 total_len=54 in_port"
     "=3 (via no_match) data_len=54 (unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"},
    {"prints_packet_in_arp_action", 2,
     "040a00640000003300000100003c01050000000000abcdef0001002080000004"
     "0000000700010004000000998000040800000055000000550000ffffffffffff"
     "50540000000108060001080006040001505400000001c0a80001000000000000"
     "c0a80002",
     "OFPT_PACKET_IN (OF1.3) (xid=0x33): table_id=5 cookie=0xabcdef tota"
     "l_len=60 reg0=0x99,metadata=0x5500000055,in_port=7 (via action) da"
     "ta_len=42 buffer=0x00000100\n"
     "arp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=ff:ff:ff:ff:ff"
     ":ff,arp_spa=192.168.0.1,arp_tpa=192.168.0.2,arp_op=1,arp_sha=50:54"
     ":00:00:00:01,arp_tha=00:00:00:00:00:00\n"},
    {"prints_packet_out_data", 2,
     "040d005e00000034fffffffffffffffd00100000000000000000001000000002"
     "000000000000000050540000000a505400000009080045000028000100004006"
     "0000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_OUT (OF1.3) (xid=0x34): in_port=CONTROLLER actions=out"
     "put:2 data_len=54\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"},
    {"prints_packet_out_buffer", 2,
     "040d006000000035000002000000000400480000000000000011000881000000"
     "0019001080000c02100a00000000000000190010800006065054000000090000"
     "00000010fffffffb000000000000000000000010fffffffd0080000000000000",
     "OFPT_PACKET_OUT (OF1.3) (xid=0x35): in_port=4 actions=push_vlan:0x"
     "8100,set_field:4106->vlan_vid,set_field:50:54:00:00:00:09->eth_dst"
     ",FLOOD,CONTROLLER:128 buffer=0x00000200\n"},
    {"prints_flow_mod_add", 2,
     "040e00c00000003c0123456789abcdef00000000000000000100003c012c00c8"
     "ffffffffffffffffffffffff0003000000010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000"
     "000600080000000400040020000000000019001080001804c0a8000900000000"
     "0018000800000000000300180000000000000010000000030000000000000000"
     "0002001800000000000000000000001000000000000000ff0001000802000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3c): ADD table:1 priority=200,tcp,in_"
     "port=1,nw_src=10.0.0.0/24,tp_dst=80 cookie:0x123456789abcdef idle:"
     "60 hard:300 send_flow_rem check_overlap actions=meter:4,set_field:"
     "192.168.0.9->ip_dst,dec_ttl,write_actions(output:3),write_metadata"
     ":0x10/0xff,goto_table:2\n"},
    {"prints_flow_mod_modify", 2,
     "040e00580000003d000000000000001000000000000000ff0001000000008000"
     "ffffffffffffffffffffffff000400000001000c800000040000000200000000"
     "000400180000000000000010fffffffa0000000000000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3d): MOD in_port=2 cookie:0x10/0xff r"
     "eset_counts actions=NORMAL\n"},
    {"prints_flow_mod_modify_strict", 2,
     "040e00400000003e000000000000000000000000000000000302000000000000"
     "00000044ffffffffffffffff0018000000010004000000000005000800000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3e): MOD_STRICT table:3 priority=0 bu"
     "f:0x44 no_packet_counts no_byte_counts actions=clear_actions\n"},
    {"prints_flow_mod_delete_all", 2,
     "040e00380000003f00000000000000000000000000000000ff03000000008000"
     "ffffffff0000000200000005000000000001000400000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3f): DEL table:255 out_port:2 actions"
     "=drop\n"},
    {"prints_flow_mod_delete_strict", 2,
     "040e0060000000400000000000000005ffffffffffffffff0204000000000064"
     "ffffffffffffffffffffffff0000000000010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x40): DEL_STRICT table:2 priority=100,"
     "tcp,in_port=1,nw_src=10.0.0.0/24,tp_dst=80 cookie:0x5/0xffffffffff"
     "ffffff actions=drop\n"},
    {"prints_flow_mod_add_empty", 2,
     "040e003800000041000000000000000000000000000000000000000000000000"
     "ffffffffffffffffffffffff000000000001000400000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x41): ADD priority=0 actions=drop\n"},
    {"prints_flow_removed_idle", 2,
     "040b006000000046000000000000feed012c00040000000c14904840000a0000"
     "000000000000002a000000000000106800010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPT_FLOW_REMOVED (OF1.3) (xid=0x46): priority=300,tcp,in_port=1,n"
     "w_src=10.0.0.0/24,tp_dst=80 reason=idle table_id=4 cookie:0xfeed d"
     "uration12.345s idle10 pkts42 bytes4200\n"},
    {"prints_flow_removed_delete", 2,
     "040b006000000046000000000000feed800002040000000c14904840000a001e"
     "000000000000002a000000000000106800010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPT_FLOW_REMOVED (OF1.3) (xid=0x46): tcp,in_port=1,nw_src=10.0.0."
     "0/24,tp_dst=80 reason=delete table_id=4 cookie:0xfeed duration12.3"
     "45s idle10 hard30 pkts42 bytes4200\n"},
    {"prints_flow_removed_meter_delete", 2,
     "040b006000000046000000000000feed800004040000000c14904840000a001e"
     "000000000000002a000000000000106800010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPT_FLOW_REMOVED (OF1.3) (xid=0x46): tcp,in_port=1,nw_src=10.0.0."
     "0/24,tp_dst=80 reason=meter_delete table_id=4 cookie:0xfeed durati"
     "on12.345s idle10 hard30 pkts42 bytes4200\n"},
    {"prints_flow_stats_request_all", 2,
     "04120038000000500001000000000000ff000000ffffffffffffffff00000000"
     "000000000000000000000000000000000001000400000000",
     "OFPST_FLOW request (OF1.3) (xid=0x50):\n"},
    {"prints_flow_stats_request", 2,
     "0412006000000050000100000000000002000000000000030000000100000000"
     "0000000000000001000000000000000f00010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPST_FLOW request (OF1.3) (xid=0x50): table=2 out_port=3 tcp,in_p"
     "ort=1,nw_src=10.0.0.0/24,tp_dst=80\n"},
    {"prints_aggregate_request", 2,
     "0412006000000050000200000000000002000000000000030000000100000000"
     "0000000000000001000000000000000f00010029800000040000000180000a02"
     "0800800017080a000000ffffff00800014010680001c02005000000000000000",
     "OFPST_AGGREGATE request (OF1.3) (xid=0x50): table=2 out_port=3 tcp"
     ",in_port=1,nw_src=10.0.0.0/24,tp_dst=80\n"},
    {"prints_flow_stats_reply", 2,
     "0413012000000051000100000000000000580000000000050754d4c080000000"
     "00000000000000000000000000000000000000000000000a00000000000003e8"
     "0001000c80000004000000010000000000040018000000000000001000000002"
     "00000000000000000080010000000e10000f42400064003c0078001100000000"
     "0000000000000abc000000000000000000000000000000000001002980000004"
     "0000000180000a020800800017080a000000ffffff00800014010680001c0200"
     "500000000000000000020018000000000000000000000001ffffffffffffffff"
     "0001000805000000003807000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000001000400000000",
     "OFPST_FLOW reply (OF1.3) (xid=0x51):\n"
     " cookie=0x0, duration=5.123s, table=0, n_packets=10, n_bytes=1000,"
     " in_port=1 actions=output:2\n"
     " cookie=0xabc, duration=3600.001s, table=1, n_packets=0, n_bytes=0"
     ", idle_timeout=60, hard_timeout=120, send_flow_rem no_byte_counts "
     "priority=100,tcp,in_port=1,nw_src=10.0.0.0/24,tp_dst=80 actions=wr"
     "ite_metadata:0x1,goto_table:5\n"
     " cookie=0x0, duration=0s, table=7, n_packets=0, n_bytes=0, priorit"
     "y=0 actions=drop\n"},
    {"prints_flow_stats_reply_empty_more", 2,
     "04130010000000520001000100000000",
     "OFPST_FLOW reply (OF1.3) (xid=0x52): flags=[more]\n"},
    {"prints_aggregate_reply", 2,
     "04130028000000530002000000000000000000000000007b000000000000b26e"
     "0000000900000000",
     "OFPST_AGGREGATE reply (OF1.3) (xid=0x53): packet_count=123 byte_co"
     "unt=45678 flow_count=9\n"},
    {"prints_table_stats_request", 2,
     "041200100000005a0003000000000000",
     "OFPST_TABLE request (OF1.3) (xid=0x5a):\n"},
    {"prints_table_stats_reply", 2,
     "041300580000005a000300000000000000000000000000050000000000000064"
     "0000000000000032010000000000000000000000000000c80000000000000000"
     "0200000000000002000000000000012c0000000000000032",
     "OFPST_TABLE reply (OF1.3) (xid=0x5a):\n"
     "  table 0:\n"
     "    active=5, lookup=100, matched=50\n"
     "\n"
     "  table 1:\n"
     "    active=0, lookup=200, matched=0\n"
     "\n"
     "  table 2:\n"
     "    active=2, lookup=300, matched=50\n"},
    {"prints_port_stats_request_any", 2,
     "041200180000005b0004000000000000ffffffff00000000",
     "OFPST_PORT request (OF1.3) (xid=0x5b): port_no=ANY\n"},
    {"prints_port_stats_request_3", 2,
     "041200180000005b00040000000000000000000300000000",
     "OFPST_PORT request (OF1.3) (xid=0x5b): port_no=3\n"},
    {"prints_port_stats_reply", 2,
     "041301600000005b00040000000000000000000100000000000000000000000a"
     "000000000000001400000000000003e800000000000007d00000000000000000"
     "0000000000000000000000000000000000000000000000030000000000000000"
     "000000000000000100000000000000020000000000000000000000641dcd6500"
     "fffffffe00000000000000000000000b000000000000001400000000000003e8"
     "00000000000007d0000000000000000100000000000000000000000000000000"
     "0000000000000003000000000000000000000000000000010000000000000002"
     "0000000000000000000000651dcd65000000000900000000ffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "OFPST_PORT reply (OF1.3) (xid=0x5b): 3 ports\n"
     "  port  1: rx pkts=10, bytes=1000, drop=0, errs=0, frame=0, over=1"
     ", crc=2\n"
     "           tx pkts=20, bytes=2000, drop=0, errs=3, coll=0\n"
     "           duration=100.500s\n"
     "  port LOCAL: rx pkts=11, bytes=1000, drop=1, errs=0, frame=0, ove"
     "r=1, crc=2\n"
     "           tx pkts=20, bytes=2000, drop=0, errs=3, coll=0\n"
     "           duration=101.500s\n"
     "  port  9: rx pkts=?, bytes=?, drop=?, errs=?, frame=?, over=?, cr"
     "c=?\n"
     "           tx pkts=?, bytes=?, drop=?, errs=?, coll=?\n"},
    {"prints_queue_stats_request_all", 2,
     "041200180000005c0005000000000000ffffffffffffffff",
     "OFPST_QUEUE request (OF1.3) (xid=0x5c): port=ANY queue=ALL\n"},
    {"prints_queue_stats_request", 2,
     "041200180000005c00050000000000000000000200000001",
     "OFPST_QUEUE request (OF1.3) (xid=0x5c): port=2 queue=1\n"},
    {"prints_queue_stats_reply", 2,
     "041300600000005c000500000000000000000002000000000000000000000000"
     "00000000000000000000000000000000000000320ee6b2800000000200000001"
     "00000000000003e8000000000000000a0000000000000001000000320ee6b280",
     "OFPST_QUEUE reply (OF1.3) (xid=0x5c): 2 queues\n"
     "  port 2 queue 0: bytes=0, pkts=0, errors=0, duration=50.250s\n"
     "  port 2 queue 1: bytes=1000, pkts=10, errors=1, duration=50.250s"
     "\n"},
    {"prints_port_desc_request", 2,
     "041200100000005d000d000000000000",
     "OFPST_PORT_DESC request (OF1.3) (xid=0x5d): port=ANY\n"},
    {"prints_port_desc_reply", 2,
     "041300900000005d000d00000000000000000001000000005054000000010000"
     "7031000000000000000000000000000000000000000000000000282000000000"
     "00002820000000000098968000000000fffffffe000000005054000000fe0000"
     "6272300000000000000000000000000000000041000000050000000000000000"
     "00000000000000000000000000000000",
     "OFPST_PORT_DESC reply (OF1.3) (xid=0x5d):\n"
     " 1(p1): addr:50:54:00:00:00:01\n"
     "     config:     0\n"
     "     state:      0\n"
     "     current:    1GB-FD COPPER AUTO_NEG\n"
     "     supported:  1GB-FD COPPER AUTO_NEG\n"
     "     speed: 10000 Mbps now, 0 Mbps max\n"
     " LOCAL(br0): addr:50:54:00:00:00:fe\n"
     "     config:     PORT_DOWN NO_PACKET_IN\n"
     "     state:      LINK_DOWN LIVE\n"
     "     speed: 0 Mbps now, 0 Mbps max\n"},
    {"prints_group_stats_request_all", 2,
     "041200180000005e0006000000000000fffffffc00000000",
     "OFPST_GROUP request (OF1.3) (xid=0x5e): group_id=ALL\n"},
    {"prints_group_stats_request", 2,
     "041200180000005e00060000000000000000000500000000",
     "OFPST_GROUP request (OF1.3) (xid=0x5e): group_id=5\n"},
    {"prints_group_stats_reply", 2,
     "041300800000005e000600000000000000480000000000050000000200000000"
     "000000000000001e0000000000000bb800000007000003e8000000000000000a"
     "00000000000003e8000000000000001400000000000007d00028000000000006"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "OFPST_GROUP reply (OF1.3) (xid=0x5e):\n"
     " group_id=5,duration=7.000001s,ref_count=2,packet_count=30,byte_co"
     "unt=3000,bucket0:packet_count=10,byte_count=1000,bucket1:packet_co"
     "unt=20,byte_count=2000\n"
     " group_id=6,duration=0s,ref_count=0,packet_count=0,byte_count=0\n"},
    {"prints_group_desc_request", 2,
     "041200100000005f0007000000000000",
     "OFPST_GROUP_DESC request (OF1.3) (xid=0x5f): group_id=ALL\n"},
    {"prints_group_desc_reply", 2,
     "041300880000005f000700000000000000480100000000050020000affffffff"
     "ffffffff000000000000001000000001000000000000000000200014ffffffff"
     "ffffffff00000000000000100000000200000000000000000028030000000006"
     "0020000000000003ffffffff0000000000000010000000030000000000000000"
     "0008000000000007",
     "OFPST_GROUP_DESC reply (OF1.3) (xid=0x5f):\n"
     " group_id=5,type=select,bucket=weight:10,actions=output:1,bucket=w"
     "eight:20,actions=output:2\n"
     " group_id=6,type=ff,bucket=watch_port:3,actions=output:3\n"
     " group_id=7,type=all\n"},
    {"prints_group_features_request", 2,
     "04120010000000600008000000000000",
     "OFPST_GROUP_FEATURES request (OF1.3) (xid=0x60):\n"},
    {"prints_group_features_reply", 2,
     "041300380000006000080000000000000000000f00000007ffffff00ffffff00"
     "ffffff00ffffff0003ff980103ff98010000000103ff9801",
     "OFPST_GROUP_FEATURES reply (OF1.3) (xid=0x60):\n"
     " Group table:\n"
     "    Types:  0xf\n"
     "    Capabilities:  0x7\n"
     "    all group:\n"
     "       max_groups=0xffffff00\n"
     "       actions: output group set_field strip_vlan push_vlan mod_nw"
     "_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queu"
     "e\n"
     "    select group:\n"
     "       max_groups=0xffffff00\n"
     "       actions: output group set_field strip_vlan push_vlan mod_nw"
     "_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queu"
     "e\n"
     "    indirect group:\n"
     "       max_groups=0xffffff00\n"
     "       actions: output\n"
     "    fast failover group:\n"
     "       max_groups=0xffffff00\n"
     "       actions: output group set_field strip_vlan push_vlan mod_nw"
     "_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queu"
     "e\n"},
    {"prints_meter_stats_request_all", 2,
     "04120018000000610009000000000000ffffffff00000000",
     "OFPST_METER request (OF1.3) (xid=0x61): meter=all\n"},
    {"prints_meter_stats_request", 2,
     "041200180000006100090000000000000000000100000000",
     "OFPST_METER request (OF1.3) (xid=0x61): meter=1\n"},
    {"prints_meter_config_request_all", 2,
     "0412001800000061000a000000000000ffffffff00000000",
     "OFPST_METER_CONFIG request (OF1.3) (xid=0x61): meter=all\n"},
    {"prints_meter_config_request", 2,
     "0412001800000061000a0000000000000000000200000000",
     "OFPST_METER_CONFIG request (OF1.3) (xid=0x61): meter=2\n"},
    {"prints_meter_stats_reply", 2,
     "0413005800000061000900000000000000000001004800000000000000000003"
     "0000000000000064000000000000271000000014000013880000000000000005"
     "00000000000001f4000000000000000600000000000001f5",
     "OFPST_METER reply (OF1.3) (xid=0x61):\n"
     "meter:1 flow_count:3 packet_in_count:100 byte_in_count:10000 durat"
     "ion:20.000005s bands:\n"
     "0: packet_count:5 byte_count:500\n"
     "1: packet_count:6 byte_count:501\n"},
    {"prints_meter_config_reply", 2,
     "0413005000000061000a0000000000000028000d0000000100010010000003e8"
     "000000640000000000020010000007d0000000c8010000000018000200000002"
     "000100100000000a0000000000000000",
     "OFPST_METER_CONFIG reply (OF1.3) (xid=0x61):\n"
     "meter=1 kbps burst stats bands=\n"
     "type=drop rate=1000 burst_size=100\n"
     "type=dscp_remark rate=2000 burst_size=200 prec_level=1\n"
     "\n"
     "meter=2 pktps bands=\n"
     "type=drop rate=10\n"},
    {"prints_meter_features_request", 2,
     "0412001000000062000b000000000000",
     "OFPST_METER_FEATURES request (OF1.3) (xid=0x62):\n"},
    {"prints_meter_features_reply", 2,
     "0413002000000062000b00000000000000030d40000000060000000f01000000",
     "OFPST_METER_FEATURES reply (OF1.3) (xid=0x62):\n"
     "max_meter:200000 max_bands:1 max_color:0\n"
     "band_types: drop dscp_remark\n"
     "capabilities: kbps pktps burst stats\n"},
    {"prints_group_mod_add_select", 2,
     "040f00580000006400000100000000050020000affffffffffffffff00000000"
     "0000001000000001000000000000000000280014ffffffffffffffff00000000"
     "001200080000000000000010000000020000000000000000",
     "OFPT_GROUP_MOD (OF1.3) (xid=0x64):\n"
     " ADD group_id=5,type=select,bucket=weight:10,actions=output:1,buck"
     "et=weight:20,actions=pop_vlan,output:2\n"},
    {"prints_group_mod_modify_ff", 2,
     "040f00300000006500010300000000060020000000000003ffffffff00000000"
     "00000010000000030000000000000000",
     "OFPT_GROUP_MOD (OF1.3) (xid=0x65):\n"
     " MOD group_id=6,type=ff,bucket=watch_port:3,actions=output:3\n"},
    {"prints_group_mod_delete_all", 2,
     "040f00100000006600020000fffffffc",
     "OFPT_GROUP_MOD (OF1.3) (xid=0x66):\n"
     " DEL group_id=4294967292,type=all\n"},
    {"prints_group_mod_add_indirect", 2,
     "040f003000000066000002000000000900200000ffffffffffffffff00000000"
     "00000010000000010000000000000000",
     "OFPT_GROUP_MOD (OF1.3) (xid=0x66):\n"
     " ADD group_id=9,type=indirect,bucket=actions=output:1\n"},
    {"prints_meter_mod_add", 2,
     "041d0030000000670000000d0000000100010010000003e80000006400000000"
     "00020010000007d00000003202000000",
     "OFPT_METER_MOD (OF1.3) (xid=0x67): ADD meter=1 kbps burst stats ba"
     "nds=\n"
     "type=drop rate=1000 burst_size=100\n"
     "type=dscp_remark rate=2000 burst_size=50 prec_level=2\n"},
    {"prints_meter_mod_modify", 2,
     "041d0020000000680001000200000002000100100000000a0000000000000000",
     "OFPT_METER_MOD (OF1.3) (xid=0x68): MOD meter=2 pktps bands=\n"
     "type=drop rate=10\n"},
    {"prints_meter_mod_delete_all", 2,
     "041d00100000006900020000ffffffff",
     "OFPT_METER_MOD (OF1.3) (xid=0x69): DEL meter=all bands=\n"},
    {"prints_pin_udp", 2,
     "040a005400000007ffffffff002a000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500001c00004000"
     "401100000a0000010a000002003512340008abcd",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=42 in_port="
     "2 (via no_match) data_len=42 (unbuffered)\n"
     "udp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00"
     ":02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,nw"
     "_frag=no,tp_src=53,tp_dst=4660 udp_csum:abcd\n"},
    {"prints_pin_icmp", 2,
     "040a005400000007ffffffff002a000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500001c00000000"
     "400100000a0000010a0000020800f7ff00000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=42 in_port="
     "2 (via no_match) data_len=42 (unbuffered)\n"
     "icmp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:0"
     "0:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,n"
     "w_frag=no,icmp_type=8,icmp_code=0 icmp_csum:f7ff\n"},
    {"prints_pin_vlan_tcp", 2,
     "040a006400000007ffffffff003a000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000181002064080045100028"
     "000100003f060000c0a80001c0a8000200501f90000000010000000250122000"
     "12340000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=58 in_port="
     "2 (via no_match) data_len=58 (unbuffered)\n"
     "tcp,dl_vlan=100,dl_vlan_pcp=1,vlan_tci1=0x0000,dl_src=50:54:00:00:"
     "00:01,dl_dst=50:54:00:00:00:02,nw_src=192.168.0.1,nw_dst=192.168.0"
     ".2,nw_tos=16,nw_ecn=0,nw_ttl=63,nw_frag=no,tp_src=80,tp_dst=8080,t"
     "cp_flags=syn|ack tcp_csum:1234\n"},
    {"prints_pin_ipv6_tcp", 2,
     "040a007400000007ffffffff004a000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000186dd6000000000140640"
     "fe800000000000000000000000000001fe800000000000000000000000000002"
     "00500051000000000000000050040000beef0000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=74 in_port="
     "2 (via no_match) data_len=74 (unbuffered)\n"
     "tcp6,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:0"
     "0:02,ipv6_src=fe80::1,ipv6_dst=fe80::2,ipv6_label=0x00000,nw_tos=0"
     ",nw_ecn=0,nw_ttl=64,nw_frag=no,tp_src=80,tp_dst=81,tcp_flags=rst t"
     "cp_csum:beef\n"},
    {"prints_pin_icmpv6_ns", 2,
     "040a008000000007ffffffff0056000000000000000000000001000c80000004"
     "0000000200000000000033330000000150540000000186dd6000000000203aff"
     "fe800000000000000000000000000001ff020000000000000000000000000001"
     "8700111100000000fe8000000000000000000000000000020101505400000001",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=86 in_port="
     "2 (via no_match) data_len=86 (unbuffered)\n"
     "icmp6,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=33:33:00:00:"
     "00:01,ipv6_src=fe80::1,ipv6_dst=ff02::1,ipv6_label=0x00000,nw_tos="
     "0,nw_ecn=0,nw_ttl=255,nw_frag=no,icmp_type=135,icmp_code=0,nd_targ"
     "et=fe80::2,nd_sll=50:54:00:00:00:01,nd_tll=00:00:00:00:00:00 icmp6"
     "_csum:1111\n"},
    {"prints_pin_frag", 2,
     "040a006000000007ffffffff0036000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500002800012000"
     "400600000a0000010a0000020050005100000000000000005002000043210000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=54 in_port="
     "2 (via no_match) data_len=54 (unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00"
     ":02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,nw"
     "_frag=first,tp_src=80,tp_dst=81,tcp_flags=syn tcp_csum:4321\n"},
    {"prints_pin_later_frag", 2,
     "040a006000000007ffffffff0036000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500002800010010"
     "400600000a0000010a0000020050005100000000000000005002000043210000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=54 in_port="
     "2 (via no_match) data_len=54 (unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00"
     ":02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,nw"
     "_frag=later tcp_csum:4321\n"},
    {"prints_pin_tcp_trunc", 2,
     "040a005400000007ffffffff002a000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500002800010000"
     "400600000a0000010a0000020050005100000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=42 in_port="
     "2 (via no_match) data_len=42 (unbuffered)\n"
     "ip,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00:"
     "02,nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,nw_tos=0,nw_ecn=0,nw_t"
     "tl=0,nw_frag=no\n"},
    {"prints_pin_padded", 2,
     "040a006600000007ffffffff003c000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500001c00000000"
     "401100000a0000010a000002003512340008abcd000000000000000000000000"
     "000000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=60 in_port="
     "2 (via no_match) data_len=60 (unbuffered)\n"
     "udp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00"
     ":02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,nw"
     "_frag=no,tp_src=53,tp_dst=4660 udp_csum:abcd\n"},
    {"prints_pin_sctp", 2,
     "040a005800000007ffffffff002e000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000108004500002000000000"
     "408400000a0000010a0000020050005100000001deadbeef",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=46 in_port="
     "2 (via no_match) data_len=46 (unbuffered)\n"
     "sctp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:0"
     "0:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,n"
     "w_frag=no,tp_src=80,tp_dst=81 sctp_csum:deadbeef\n"},
    {"prints_pin_eth_only", 2,
     "040a003d00000007ffffffff0013000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000188cc0102030405",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=19 in_port="
     "2 (via no_match) data_len=19 (unbuffered)\n"
     "vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00:02,"
     "dl_type=0x88cc\n"},
    {"prints_pin_mpls", 2,
     "040a005000000007ffffffff0026000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000188470006414045000014"
     "00000000400000000a0000010a000002",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=38 in_port="
     "2 (via no_match) data_len=38 (unbuffered)\n"
     "mpls,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:0"
     "0:02,mpls_label=100,mpls_tc=0,mpls_ttl=64,mpls_bos=1\n"},
    {"prints_pin_buffered_full", 2,
     "040a003d00000007000000420013000000000000000000000001000c80000004"
     "0000000200000000000050540000000250540000000188cc0102030405",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=19 in_port="
     "2 (via no_match) data_len=19 buffer=0x00000042\n"
     "vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00:02,"
     "dl_type=0x88cc\n"},
    {"prints_pin_short", 2,
     "040a002c00000007ffffffff0002000000000000000000000001000c80000004"
     "000000020000000000005054",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=2 in_port=2"
     " (via no_match) data_len=2 (unbuffered)\n"
     "vlan_tci=0x0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,"
     "dl_type=0x0000\n"},
    {"prints_pin_empty", 2,
     "040a002a00000007ffffffff0000000000000000000000000001000c80000004"
     "00000002000000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x7): cookie=0x0 total_len=0 in_port=2"
     " (via no_match) data_len=0 (unbuffered)\n"
     "vlan_tci=0x0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,"
     "dl_type=0x0000\n"},
    {"prints_pin_ttl_cookie_max", 2,
     "040a007800000008ffffffff00360200ffffffffffffffff0001002480000004"
     "fffffffe80004c08000000000000001080000408112233445566778800000000"
     "000050540000000a5054000000090800450000280001000040060000c0a80001"
     "c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x8): total_len=54 tun_id=0x10,metadat"
     "a=0x1122334455667788,in_port=LOCAL (via invalid_ttl) data_len=54 ("
     "unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"},
    {"prints_pout_noactions_nodata", 2,
     "040d001800000009fffffffffffffffe0000000000000000",
     "OFPT_PACKET_OUT (OF1.3) (xid=0x9): in_port=LOCAL actions=drop data"
     "_len=0\n"},
    {"prints_pout_arp_actions", 2,
     "040d008200000009fffffffffffffffe00400000000000000015000800000003"
     "001600080000000700000010fffffff8000000000000000000000010fffffffd"
     "ffff00000000000000000010fffffff900000000000000005054000000025054"
     "0000000108060001080006040002505400000001c0a80001505400000002c0a8"
     "0002",
     "OFPT_PACKET_OUT (OF1.3) (xid=0x9): in_port=LOCAL actions=set_queue"
     ":3,group:7,IN_PORT,CONTROLLER:65535,TABLE data_len=42\n"
     "arp,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00"
     ":02,arp_spa=192.168.0.1,arp_tpa=192.168.0.2,arp_op=2,arp_sha=50:54"
     ":00:00:00:01,arp_tha=50:54:00:00:00:02\n"},
    {"prints_features_zero", 2,
     "0406002000000001ffffffffffffffff00000000000000000000000000000000",
     "OFPT_FEATURES_REPLY (OF1.3) (xid=0x1): dpid:ffffffffffffffff\n"
     "n_tables:0, n_buffers:0\n"
     "capabilities: 0\n"},
    {"prints_set_config_nxmatch", 2,
     "0409000c0000000100030000",
     "OFPT_SET_CONFIG (OF1.3) (xid=0x1): frags=nx-match miss_send_len=0"
     "\n"},
    {"prints_role_nochange_gen", 2,
     "041800180000000100000000000000000000000000000005",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x1): role=nochange\n"},
    {"prints_role_master_nogen", 2,
     "04180018000000010000000200000000ffffffffffffffff",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x1): role=primary\n"},
    {"prints_role_equal_gen0", 2,
     "041800180000000100000001000000000000000000000000",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x1): role=equal generation_id=0\n"},
    {"prints_table_mod_0", 2,
     "04110010000000010000000000000000",
     "OFPT_TABLE_MOD (OF1.3) (xid=0x1): table_id=0\n"},
    {"prints_port_mod_local_zero", 2,
     "0410002800000001fffffffe0000000000000000000000000000000000000000"
     "0000000000000000",
     "OFPT_PORT_MOD (OF1.3) (xid=0x1): port: LOCAL: addr:00:00:00:00:00:"
     "00\n"
     "     config: 0\n"
     "     mask:   0\n"
     "     advertise: UNCHANGED\n"},
    {"prints_port_mod_max_all", 2,
     "0410002800000001ffffff000000000000000000000000000000006500000004"
     "0000ffff00000000",
     "OFPT_PORT_MOD (OF1.3) (xid=0x1): port: 65280: addr:00:00:00:00:00:"
     "00\n"
     "     config: NO_RECV\n"
     "     mask:   NO_RECV\n"
     "     advertise: 10MB-HD 10MB-FD 100MB-HD 100MB-FD 1GB-HD 1GB-FD 10"
     "GB-FD 40GB-FD 100GB-FD 1TB-FD OTHER COPPER FIBER AUTO_NEG AUTO_PAU"
     "SE AUTO_PAUSE_ASYM\n"},
    {"prints_port_status_delete_peer", 2,
     "040c00500000000101000000000000000000000a000000000000000000000000"
     "6109620000000000000000000000000000000065000000030000000000000000"
     "000000000000ffff000005dc000003e7",
     "OFPT_PORT_STATUS (OF1.3) (xid=0x1): DEL: 10(a): addr:00:00:00:00:0"
     "0:00\n"
     "     config:     PORT_DOWN NO_RECV NO_FWD NO_PACKET_IN\n"
     "     state:      LINK_DOWN BLOCKED\n"
     "     peer:       10MB-HD 10MB-FD 100MB-HD 100MB-FD 1GB-HD 1GB-FD 1"
     "0GB-FD 40GB-FD 100GB-FD 1TB-FD OTHER COPPER FIBER AUTO_NEG AUTO_PA"
     "USE AUTO_PAUSE_ASYM\n"
     "     speed: 1 Mbps now, 0 Mbps max\n"},
    {"prints_port_status_longname", 2,
     "040c00500000000100000000000000000000000a000000000000000000000000"
     "3031323334353637383961626364650000000065000000030000000000000000"
     "000000000000ffff000005dc000003e7",
     "OFPT_PORT_STATUS (OF1.3) (xid=0x1): ADD: 10(0123456789abcde): addr"
     ":00:00:00:00:00:00\n"
     "     config:     PORT_DOWN NO_RECV NO_FWD NO_PACKET_IN\n"
     "     state:      LINK_DOWN BLOCKED\n"
     "     peer:       10MB-HD 10MB-FD 100MB-HD 100MB-FD 1GB-HD 1GB-FD 1"
     "0GB-FD 40GB-FD 100GB-FD 1TB-FD OTHER COPPER FIBER AUTO_NEG AUTO_PA"
     "USE AUTO_PAUSE_ASYM\n"
     "     speed: 1 Mbps now, 0 Mbps max\n"},
    {"prints_queue_config_reply_empty", 2,
     "04170010000000020000000100000000",
     "OFPT_QUEUE_GET_CONFIG_REPLY (OF1.3) (xid=0x2):\n"},
    {"prints_queue_config_reply_sorted", 2,
     "041700b000000002000000010000000000000005000000030020000000000000"
     "000100100000000003e900000000000000000009000000010030000000000000"
     "000100100000000000000000000000000002001000000000fffe000000000000"
     "00000002000000010030000000000000000100100000000003e8000000000000"
     "0002001000000000fffd00000000000000000001fffffffe0020000000000000"
     "0002001000000000fffc000000000000",
     "OFPT_QUEUE_GET_CONFIG_REPLY (OF1.3) (xid=0x2): port=1\n"
     "queue 1: max_rate:(disabled)\n"
     "queue 2: min_rate:100.0% max_rate:(disabled)\n"
     "queue 5: min_rate:(disabled)\n"
     "queue 9: min_rate:0.0% max_rate:(disabled)\n"},
    {"prints_bundle_close_id0", 2,
     "04040018000000034f4e4600000008fc0000000000020000",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x3):\n"
     " bundle_id=0 type=CLOSE_REQUEST flags=0\n"},
    {"prints_bundle_type0", 2,
     "04040018000000034f4e4600000008fcffffffff00000000",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x3):\n"
     " bundle_id=0xffffffff type=OPEN_REQUEST flags=0\n"},
    {"prints_bundle_type2", 2,
     "04040018000000034f4e4600000008fcffffffff00020000",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x3):\n"
     " bundle_id=0xffffffff type=CLOSE_REQUEST flags=0\n"},
    {"prints_bundle_type4", 2,
     "04040018000000034f4e4600000008fcffffffff00040000",
     "ONFT_BUNDLE_CONTROL (OF1.3) (xid=0x3):\n"
     " bundle_id=0xffffffff type=COMMIT_REQUEST flags=0\n"},
    {"prints_desc_empty", 2,
     "0413043000000003000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000",
     "OFPST_DESC reply (OF1.3) (xid=0x3):\n"
     "Manufacturer: \n"
     "Hardware: \n"
     "Software: \n"
     "Serial Num: \n"
     "DP Description: \n"},
    {"prints_echo_reply_long", 2,
     "0403002100000003000102030405060708090a0b0c0d0e0f1011121314151617"
     "18",
     "OFPT_ECHO_REPLY (OF1.3) (xid=0x3): 25 bytes of payload\n"
     "00000000  00 01 02 03 04 05 06 07-08 09 0a 0b 0c 0d 0e 0f |......."
     ".........|\n"
     "00000010  10 11 12 13 14 15 16 17-18                      |......."
     "..       |\n"},
    {"prints_async_all_off", 2,
     "041b002000000004000000000000000000000000000000000000000000000000",
     "OFPT_GET_ASYNC_REPLY (OF1.3) (xid=0x4):\n"
     " primary:\n"
     "       PACKET_IN: (off)\n"
     "     PORT_STATUS: (off)\n"
     "    FLOW_REMOVED: (off)\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"
     "\n"
     " secondary:\n"
     "       PACKET_IN: (off)\n"
     "     PORT_STATUS: (off)\n"
     "    FLOW_REMOVED: (off)\n"
     "     ROLE_STATUS: (off)\n"
     "    TABLE_STATUS: (off)\n"
     "  REQUESTFORWARD: (off)\n"},
    {"prints_flow_mod_mpls_allflags", 2,
     "040e00a800000001ffffffffffffffff0000000000000000000000000000ffff"
     "ffffffffffffffffffffffff001f00000001000a80000a028847000000000000"
     "0004004800000000000f00080900000000100008000000000019001080004404"
     "00001234000000000014000808000000001700080300000000000010fffffffc"
     "0000000000000000000200180000000000000000000000ffffffffffffffffff"
     "0001000809000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x1): ADD priority=65535,mpls send_flow"
     "_rem check_overlap reset_counts no_packet_counts no_byte_counts ac"
     "tions=set_mpls_ttl(9),dec_mpls_ttl,set_field:4660->mpls_label,pop_"
     "mpls:0x0800,mod_nw_ttl:3,ALL,write_metadata:0xff,goto_table:9\n"},
    {"prints_flow_mod_ipv6_write", 2,
     "040e00c800000003000000000000001000000000000000ff0000000000008000"
     "ffffffffffffffffffffffff000000000001005c8000070c0100000000000100"
     "0000000080000a0286dd80000c0210058000352020010db80000000000000000"
     "00000000ffffffffffffffff0000000000000000800010012e80001401118000"
     "1e0200350001060400000abc0000000000030038000000000019001880003610"
     "20010db800000000000000000000000200120008000000000000001000000001"
     "0000000000000000",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3): ADD udp6,reg3=0xabc,dl_vlan=5,dl_"
     "dst=01:00:00:00:00:00/01:00:00:00:00:00,ipv6_src=2001:db8::/64,nw_"
     "tos=184,tp_src=53 cookie:0x10 actions=write_actions(set_field:2001"
     ":db8::2->ipv6_dst,pop_vlan,output:1)\n"},
    {"prints_flow_removed_zero_hard", 2,
     "040b0038000000040000000000000000000001000000000005f5e10000000000"
     "000000000000000000000000000000000001000400000000",
     "OFPT_FLOW_REMOVED (OF1.3) (xid=0x4): priority=0 reason=hard table_"
     "id=0 duration0.100s idle0 pkts0 bytes0\n"},
    {"prints_flow_removed_table255", 2,
     "040b0040000000040000000000000000000003ff000000000000000100000001"
     "000000000000000000000000000000000001000c80000004fffffffe00000000",
     "OFPT_FLOW_REMOVED (OF1.3) (xid=0x4): priority=0,in_port=LOCAL reas"
     "on=group_delete duration0.000000001s idle0 hard1 pkts0 bytes0\n"},
    {"prints_flow_stats_request_t0_more", 2,
     "0412003800000005000100010000000000000000fffffffdffffffff00000000"
     "000000000000000100000000000000010001000400000000",
     "OFPST_FLOW request (OF1.3) (xid=0x5): flags=[more] table=0 out_por"
     "t=CONTROLLER\n"},
    {"prints_aggregate_zero", 2,
     "0413002800000007000200000000000000000000000000000000000000000000"
     "0000000000000000",
     "OFPST_AGGREGATE reply (OF1.3) (xid=0x7): packet_count=0 byte_count"
     "=0 flow_count=0\n"},
    {"prints_table_stats_ditto", 2,
     "0413007000000001000300000000000000000000000000010000000000000000"
     "0000000000000000010000000000000000000000000000000000000000000000"
     "020000000000000000000000000000000000000000000000fe00000000000000"
     "00000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  table 1:\n"
     "    active=0, lookup=0, matched=0\n"
     "\n"
     "  tables 2...254: ditto\n"},
    {"prints_table_stats_empty", 2,
     "04130010000000010003000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"},
    {"prints_port_stats_ports", 2,
     "041302400000000200040000000000000000000a000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000001000003e8ffffffff000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000002000007d0"
     "ffffff0000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000300000bb80000feff000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000400000fa0",
     "OFPST_PORT reply (OF1.3) (xid=0x2): 5 ports\n"
     "  port 10: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0, cr"
     "c=0\n"
     "           tx pkts=0, bytes=0, drop=0, errs=0, coll=0\n"
     "           duration=0s\n"
     "  port  0: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0, cr"
     "c=0\n"
     "           tx pkts=0, bytes=0, drop=0, errs=0, coll=0\n"
     "           duration=1.000001s\n"
     "  port ANY: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0, c"
     "rc=0\n"
     "           tx pkts=0, bytes=0, drop=0, errs=0, coll=0\n"
     "           duration=2.000002s\n"
     "  port 65280: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0,"
     " crc=0\n"
     "           tx pkts=0, bytes=0, drop=0, errs=0, coll=0\n"
     "           duration=3.000003s\n"
     "  port 65279: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0,"
     " crc=0\n"
     "           tx pkts=0, bytes=0, drop=0, errs=0, coll=0\n"
     "           duration=4.000004s\n"},
    {"prints_port_stats_empty", 2,
     "04130010000000020004000000000000",
     "OFPST_PORT reply (OF1.3) (xid=0x2): 0 ports\n"},
    {"prints_port_stats_request_local", 2,
     "04120018000000020004000000000000fffffffe00000000",
     "OFPST_PORT request (OF1.3) (xid=0x2): port_no=LOCAL\n"},
    {"prints_queue_stats_edge", 2,
     "04130038000000030005000000000000fffffffeffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffff00000000",
     "OFPST_QUEUE reply (OF1.3) (xid=0x3): 1 queues\n"
     "  port LOCAL queue ALL: bytes=?, pkts=?, errors=?, duration=?\n"},
    {"prints_queue_stats_request_q0", 2,
     "04120018000000030005000000000000ffffffff00000000",
     "OFPST_QUEUE request (OF1.3) (xid=0x3): port=ANY queue=0\n"},
    {"prints_port_desc_unsorted", 2,
     "041300d000000004000d000000000000fffffffe000000000000000000000000"
     "6574683000000000000000000000000000000000000000000000000000000008"
     "0000000000000020000186a00000000000000007000000000000000000000000"
     "6574683100000000000000000000000000000000000000000000000000000008"
     "0000000000000020000186a00000000000000002000000000000000000000000"
     "6574683200000000000000000000000000000000000000000000000000000008"
     "0000000000000020000186a000000000",
     "OFPST_PORT_DESC reply (OF1.3) (xid=0x4):\n"
     " 2(eth2): addr:00:00:00:00:00:00\n"
     "     config:     0\n"
     "     state:      0\n"
     "     advertised: 100MB-FD\n"
     "     peer:       1GB-FD\n"
     "     speed: 100 Mbps now, 0 Mbps max\n"
     " 7(eth1): addr:00:00:00:00:00:00\n"
     "     config:     0\n"
     "     state:      0\n"
     "     advertised: 100MB-FD\n"
     "     peer:       1GB-FD\n"
     "     speed: 100 Mbps now, 0 Mbps max\n"
     " LOCAL(eth0): addr:00:00:00:00:00:00\n"
     "     config:     0\n"
     "     state:      0\n"
     "     advertised: 100MB-FD\n"
     "     peer:       1GB-FD\n"
     "     speed: 100 Mbps now, 0 Mbps max\n"},
    {"prints_port_desc_empty", 2,
     "0413001000000004000d000000000000",
     "OFPST_PORT_DESC reply (OF1.3) (xid=0x4):\n"},
    {"prints_group_stats_request_any", 2,
     "04120018000000050006000000000000ffffffff00000000",
     "OFPST_GROUP request (OF1.3) (xid=0x5): group_id=ANY\n"},
    {"prints_group_stats_request_0", 2,
     "041200180000000500060000000000000000000000000000",
     "OFPST_GROUP request (OF1.3) (xid=0x5): group_id=0\n"},
    {"prints_group_stats_edge", 2,
     "0413005800000005000600000000000000480000ffffff000000000000000000"
     "ffffffffffffffff0000000000000000ffffffff00000000ffffffffffffffff"
     "00000000000000050000000000000001ffffffffffffffff",
     "OFPST_GROUP reply (OF1.3) (xid=0x5):\n"
     " group_id=4294967040,ref_count=0,packet_count=18446744073709551615"
     ",byte_count=0,bucket1:packet_count=1,byte_count=184467440737095516"
     "15\n"},
    {"prints_group_stats_empty", 2,
     "04130010000000050006000000000000",
     "OFPST_GROUP reply (OF1.3) (xid=0x5):\n"},
    {"prints_group_desc_ff_watch", 2,
     "04130070000000060007000000000000003803000000000100200000ffffffff"
     "00000002000000000000001000000004000000000000000000100000fffffffe"
     "ffffffff00000000002801000000000200200000ffffffffffffffff00000000"
     "00000010000000010000000000000000",
     "OFPST_GROUP_DESC reply (OF1.3) (xid=0x6):\n"
     " group_id=1,type=ff,bucket=watch_group:2,actions=output:4,bucket=w"
     "atch_port:LOCAL,actions=drop\n"
     " group_id=2,type=select,bucket=weight:0,actions=output:1\n"},
    {"prints_group_features_partial", 2,
     "0413003800000007000800000000000000000005000000000000000000000000"
     "0000000500000000ffffffff000000000000000000000000",
     "OFPST_GROUP_FEATURES reply (OF1.3) (xid=0x7):\n"
     " Group table:\n"
     "    Types:  0x5\n"
     "    Capabilities:  0x0\n"
     "    all group:\n"
     "       max_groups=0\n"
     "       actions: output group set_field strip_vlan push_vlan mod_nw"
     "_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queu"
     "e\n"
     "    indirect group:\n"
     "       max_groups=0x5\n"
     "       actions: <none>\n"},
    {"prints_meter_stats_request_controller", 2,
     "04120018000000080009000000000000fffffffe00000000",
     "OFPST_METER request (OF1.3) (xid=0x8): meter=controller\n"},
    {"prints_meter_stats_request_slowpath", 2,
     "04120018000000080009000000000000fffffffd00000000",
     "OFPST_METER request (OF1.3) (xid=0x8): meter=slowpath\n"},
    {"prints_meter_stats_nobands", 2,
     "04130060000000080009000000000000ffff0000002800000000000000000000"
     "0000000000000000000000000000000000000003000000000000000200280000"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "OFPST_METER reply (OF1.3) (xid=0x8):\n"
     "meter:4294901760 flow_count:0 packet_in_count:0 byte_in_count:0 du"
     "ration:3s bands:\n"
     "\n"
     "meter:2 flow_count:0 packet_in_count:0 byte_in_count:0 duration:0s"
     " bands:\n"},
    {"prints_meter_config_edge", 2,
     "0413003000000008000a00000000000000180002000000030002001000000005"
     "00000009030000000008000000000004",
     "OFPST_METER_CONFIG reply (OF1.3) (xid=0x8):\n"
     "meter=3 pktps bands=\n"
     "type=dscp_remark rate=5 prec_level=3\n"
     "\n"
     "meter=4 bands=\n"},
    {"prints_meter_config_empty", 2,
     "0413001000000008000a000000000000",
     "OFPST_METER_CONFIG reply (OF1.3) (xid=0x8):\n"},
    {"prints_meter_features_odd", 2,
     "0413002000000009000b00000000000000000000000000010000003000000000",
     "OFPST_METER_FEATURES reply (OF1.3) (xid=0x9):\n"
     "max_meter:0 max_bands:0 max_color:0\n"
     "band_types: 0x1\n"
     "capabilities: 0x30\n"},
    {"prints_meter_features_zero", 2,
     "0413002000000009000b00000000000000000000000000000000000000000000",
     "OFPST_METER_FEATURES reply (OF1.3) (xid=0x9):\n"
     "max_meter:0 max_bands:0 max_color:0\n"
     "band_types: 0\n"
     "capabilities: 0\n"},
    {"prints_meter_mod_add_nobands", 2,
     "041d00100000000a0000000600000007",
     "OFPT_METER_MOD (OF1.3) (xid=0xa): ADD meter=7 pktps burst bands=\n"},
    {"prints_group_mod_delete_3", 2,
     "040f00100000000b0002000000000003",
     "OFPT_GROUP_MOD (OF1.3) (xid=0xb):\n"
     " DEL group_id=3,type=all\n"},
    {"prints_empty", 2,
     "",
     "OpenFlow message is empty\n"},
    {"prints_short3", 2,
     "040500",
     "OpenFlow packet too short (only 3 bytes):\n"
     "00000000  04 05 00                                        |...    "
     "         |\n"},
    {"prints_short7", 2,
     "04050008000000",
     "OpenFlow packet too short (only 7 bytes):\n"
     "00000000  04 05 00 08 00 00 00                            |......."
     "         |\n"},
    {"prints_truncated_fm", 2,
     "040e00c00000003c0123456789abcdef00000000000000000100003c012c00c8"
     "ffffffffffffffff",
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3c):\n"
     "(***truncated to 40 bytes from 192***)\n"
     "00000000  04 0e 00 c0 00 00 00 3c-01 23 45 67 89 ab cd ef |......."
     "<.#Eg....|\n"
     "00000010  00 00 00 00 00 00 00 00-01 00 00 3c 01 2c 00 c8 |......."
     "....<.,..|\n"
     "00000020  ff ff ff ff ff ff ff ff-                        |......."
     ".        |\n"},
    {"prints_truncated_mp15", 2,
     "041200100000000100010000000000",
     "(***truncated to 15 bytes from 16***)\n"
     "00000000  04 12 00 10 00 00 00 01-00 01 00 00 00 00 00    |......."
     "........ |\n"},
    {"prints_only_uses", 2,
     "04050008000000010001",
     "(***only uses 8 bytes out of 10***)\n"
     "00000000  04 05 00 08 00 00 00 01-00 01                   |......."
     "...      |\n"},
    {"prints_bad_len_features_req", 2,
     "040500090000000100",
     "***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 05 00 09 00 00 00 01-00                      |......."
     "..       |\n"},
    {"prints_bad_type_99", 2,
     "0463000800000001",
     "***decode error: OFPBRC_BAD_TYPE***\n"
     "00000000  04 63 00 08 00 00 00 01-                        |.c....."
     ".        |\n"},
    {"prints_bad_type_v0", 2,
     "0002000800000001",
     "***decode error: OFPBRC_BAD_TYPE***\n"
     "00000000  00 02 00 08 00 00 00 01-                        |......."
     ".        |\n"},
    {"prints_bad_stat_14", 2,
     "0412001000000001000e000000000000",
     "***decode error: OFPBRC_BAD_STAT***\n"
     "00000000  04 12 00 10 00 00 00 01-00 0e 00 00 00 00 00 00 |......."
     ".........|\n"},
    {"prints_bad_vendor", 2,
     "040400130000000100abcdef0000000178797a",
     "***decode error: OFPBRC_BAD_VENDOR***\n"
     "00000000  04 04 00 13 00 00 00 01-00 ab cd ef 00 00 00 01 |......."
     ".........|\n"
     "00000010  78 79 7a                                        |xyz    "
     "         |\n"},
    {"prints_bad_subtype_nx", 2,
     "04040010000000010000232000000063",
     "***decode error: OFPBRC_BAD_SUBTYPE***\n"
     "00000000  04 04 00 10 00 00 00 01-00 00 23 20 00 00 00 63 |......."
     "...# ...c|\n"},
    {"prints_bad_subtype_onf", 2,
     "04040010000000014f4e460000000007",
     "***decode error: OFPBRC_BAD_SUBTYPE***\n"
     "00000000  04 04 00 10 00 00 00 01-4f 4e 46 00 00 00 00 07 |......."
     ".ONF.....|\n"},
    {"prints_nx_flow_age", 2,
     "04040010000000010000232000000012",
     "NXT_FLOW_AGE (OF1.3) (xid=0x1):\n"},
    {"prints_table_features_request_empty", 2,
     "0412001000000001000c000000000000",
     "OFPST_TABLE_FEATURES request (OF1.3) (xid=0x1):\n"},
    {"prints_mp_exp_bad_vendor", 2,
     "0412001800000001ffff00000000000000000abc00000001",
     "***decode error: OFPBRC_BAD_VENDOR***\n"
     "00000000  04 12 00 18 00 00 00 01-ff ff 00 00 00 00 00 00 |......."
     ".........|\n"
     "00000010  00 00 0a bc 00 00 00 01-                        |......."
     ".        |\n"},
    {"prints_mp_exp_bad_subtype", 2,
     "0413001800000001ffff000000000000000023200000004d",
     "***decode error: OFPBRC_BAD_SUBTYPE***\n"
     "00000000  04 13 00 18 00 00 00 01-ff ff 00 00 00 00 00 00 |......."
     ".........|\n"
     "00000010  00 00 23 20 00 00 00 4d-                        |..# ..."
     "M        |\n"},
    {"prints_mp_short", 2,
     "0412000c0000000100010000",
     "***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 12 00 0c 00 00 00 01-00 01 00 00             |......."
     ".....    |\n"},
    {"prints_exp_short", 2,
     "0404000c0000000100002320",
     "***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 04 00 0c 00 00 00 01-00 00 23 20             |......."
     "...#     |\n"},
    {"prints_echo_v1", 2,
     "0102000a000000016162",
     "OFPT_ECHO_REQUEST (xid=0x1): 2 bytes of payload\n"
     "00000000  61 62                                           |ab     "
     "         |\n"},
    {"prints_echo_v5", 2,
     "0503000800000001",
     "OFPT_ECHO_REPLY (OF1.4) (xid=0x1): 0 bytes of payload\n"},
    {"prints_echo_v7", 2,
     "0702000800000001",
     "OFPT_ECHO_REQUEST (OF 0x07) (xid=0x1): 0 bytes of payload\n"},
    {"prints_hello_v1", 2,
     "0100000800000001",
     "OFPT_HELLO (xid=0x1):\n"
     " version bitmap: 0x01\n"},
    {"prints_hello_v5_bitmap", 2,
     "05000010000000010001000800000030",
     "OFPT_HELLO (OF1.4) (xid=0x1):\n"
     " version bitmap: 0x04, 0x05\n"},
    {"prints_hello_bitmap_bit0", 2,
     "04000010000000010001000800000001",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x02, 0x03, 0x04\n"
     " unknown data in hello:\n"
     "00000000  04 00 00 10 00 00 00 01-00 01 00 08 00 00 00 01 |......."
     ".........|\n"},
    {"prints_hello_bitmap_2words", 2,
     "04000018000000010001000c00000012000000ff00000000",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x04\n"},
    {"prints_hello_unknown_elem", 2,
     "04000010000000010002000800000000",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x02, 0x03, 0x04\n"
     " unknown data in hello:\n"
     "00000000  04 00 00 10 00 00 00 01-00 02 00 08 00 00 00 00 |......."
     ".........|\n"},
    {"prints_hello_elem_then_bitmap", 2,
     "040000180000000100050008000000000001000800000010",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x04\n"
     " unknown data in hello:\n"
     "00000000  04 00 00 18 00 00 00 01-00 05 00 08 00 00 00 00 |......."
     ".........|\n"
     "00000010  00 01 00 08 00 00 00 10-                        |......."
     ".        |\n"},
    {"prints_hello_trailing_byte", 2,
     "0400001100000001000100080000001001",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x04\n"
     " unknown data in hello:\n"
     "00000000  04 00 00 11 00 00 00 01-00 01 00 08 00 00 00 10 |......."
     ".........|\n"
     "00000010  01                                              |.      "
     "         |\n"},
    {"prints_hello_bad_bitmap_len", 2,
     "04000010000000010001000600100000",
     "OFPT_HELLO (OF1.3) (xid=0x1):\n"
     " version bitmap: 0x01, 0x02, 0x03, 0x04\n"
     " unknown data in hello:\n"
     "00000000  04 00 00 10 00 00 00 01-00 01 00 06 00 10 00 00 |......."
     ".........|\n"},
    {"prints_error_flow_mod_failed_fm64", 2,
     "0401004c0000000900050001040e00c00000003c0123456789abcdef00000000"
     "000000000100003c012c00c8ffffffffffffffffffffffff0003000000010029"
     "800000040000000180000a02",
     "OFPT_ERROR (OF1.3) (xid=0x9): OFPFMFC_TABLE_FULL\n"
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3c):\n"
     "(***truncated to 64 bytes from 192***)\n"
     "00000000  04 0e 00 c0 00 00 00 3c-01 23 45 67 89 ab cd ef |......."
     "<.#Eg....|\n"
     "00000010  00 00 00 00 00 00 00 00-01 00 00 3c 01 2c 00 c8 |......."
     "....<.,..|\n"
     "00000020  ff ff ff ff ff ff ff ff-ff ff ff ff 00 03 00 00 |......."
     ".........|\n"
     "00000030  00 01 00 29 80 00 00 04-00 00 00 01 80 00 0a 02 |...)..."
     ".........|\n"},
    {"prints_error_bad_match_fm_full", 2,
     "040100cc0000000900040006040e00c00000003c0123456789abcdef00000000"
     "000000000100003c012c00c8ffffffffffffffffffffffff0003000000010029"
     "800000040000000180000a020800800017080a000000ffffff00800014010680"
     "001c020050000000000000000006000800000004000400200000000000190010"
     "80001804c0a80009000000000018000800000000000300180000000000000010"
     "0000000300000000000000000002001800000000000000000000001000000000"
     "000000ff0001000802000000",
     "OFPT_ERROR (OF1.3) (xid=0x9): OFPBMC_BAD_FIELD\n"
     "OFPT_FLOW_MOD (OF1.3) (xid=0x3c): ADD table:1 priority=200,tcp,in_"
     "port=1,nw_src=10.0.0.0/24,tp_dst=80 cookie:0x123456789abcdef idle:"
     "60 hard:300 send_flow_rem check_overlap actions=meter:4,set_field:"
     "192.168.0.9->ip_dst,dec_ttl,write_actions(output:3),write_metadata"
     ":0x10/0xff,goto_table:2\n"},
    {"prints_error_bad_action_gm", 2,
     "040100640000000900020004040f00580000006400000100000000050020000a"
     "ffffffffffffffff000000000000001000000001000000000000000000280014"
     "ffffffffffffffff000000000012000800000000000000100000000200000000"
     "00000000",
     "OFPT_ERROR (OF1.3) (xid=0x9): OFPBAC_BAD_OUT_PORT\n"
     "OFPT_GROUP_MOD (OF1.3) (xid=0x64):\n"
     " ADD group_id=5,type=select,bucket=weight:10,actions=output:1,buck"
     "et=weight:20,actions=pop_vlan,output:2\n"},
    {"prints_error_is_slave", 2,
     "04010014000000010001000a040e000800000001",
     "OFPT_ERROR (OF1.3) (xid=0x1): OFPBRC_IS_SECONDARY\n"
     "***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 0e 00 08 00 00 00 01-                        |......."
     ".        |\n"},
    {"prints_error_exp_short", 2,
     "0401000c00000001ffff002c",
     "OFPT_ERROR (OF1.3) (xid=0x1): ***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 01 00 0c 00 00 00 01-ff ff 00 2c             |......."
     "....,    |\n"},
    {"prints_error_eperm_text", 2,
     "0401001600000001000000016e6f5c2022776179220a",
     "OFPT_ERROR (OF1.3) (xid=0x1): OFPHFC_EPERM\n"
     "no\\134 \\042way\\042\\012\n"},
    {"prints_error_short_data", 2,
     "0401000f0000000100010006040500",
     "OFPT_ERROR (OF1.3) (xid=0x1): OFPBRC_BAD_LEN\n"
     "OpenFlow packet too short (only 3 bytes):\n"
     "00000000  04 05 00                                        |...    "
     "         |\n"},
    {"prints_error_data_only_uses", 2,
     "040100150000000100010006040500080000000100",
     "OFPT_ERROR (OF1.3) (xid=0x1): OFPBRC_BAD_LEN\n"
     "(***only uses 8 bytes out of 9***)\n"
     "00000000  04 05 00 08 00 00 00 01-00                      |......."
     "..       |\n"},
    {"prints_error_unknown_type", 2,
     "0401000c00000001004d0001",
     "OFPT_ERROR (OF1.3) (xid=0x1): ***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 01 00 0c 00 00 00 01-00 4d 00 01             |......."
     "..M..    |\n"},
    {"prints_bundle_add_flow_mod", 2,
     "040400d8000000054f4e4600000008fd0000001000000003040e00c000000005"
     "0123456789abcdef00000000000000000100003c012c00c8ffffffffffffffff"
     "ffffffff0003000000010029800000040000000180000a020800800017080a00"
     "0000ffffff00800014010680001c020050000000000000000006000800000004"
     "00040020000000000019001080001804c0a80009000000000018000800000000"
     "0003001800000000000000100000000300000000000000000002001800000000"
     "000000000000001000000000000000ff0001000802000000",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x5):\n"
     " bundle_id=0x10 flags=atomic ordered\n"
     "OFPT_FLOW_MOD (OF1.3) (xid=0x5): ADD table:1 priority=200,tcp,in_p"
     "ort=1,nw_src=10.0.0.0/24,tp_dst=80 cookie:0x123456789abcdef idle:6"
     "0 hard:300 send_flow_rem check_overlap actions=meter:4,set_field:1"
     "92.168.0.9->ip_dst,dec_ttl,write_actions(output:3),write_metadata:"
     "0x10/0xff,goto_table:2\n"},
    {"prints_bundle_add_group_mod", 2,
     "04040070000000064f4e4600000008fd0000000000000000040f005800000006"
     "00000100000000050020000affffffffffffffff000000000000001000000001"
     "000000000000000000280014ffffffffffffffff000000000012000800000000"
     "00000010000000020000000000000000",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x6):\n"
     " bundle_id=0 flags=0\n"
     "OFPT_GROUP_MOD (OF1.3) (xid=0x6):\n"
     " ADD group_id=5,type=select,bucket=weight:10,actions=output:1,buck"
     "et=weight:20,actions=pop_vlan,output:2\n"},
    {"prints_bundle_add_bad_xid", 2,
     "040400d8000000064f4e4600000008fd0000001000000003040e00c000000005"
     "0123456789abcdef00000000000000000100003c012c00c8ffffffffffffffff"
     "ffffffff0003000000010029800000040000000180000a020800800017080a00"
     "0000ffffff00800014010680001c020050000000000000000006000800000004"
     "00040020000000000019001080001804c0a80009000000000018000800000000"
     "0003001800000000000000100000000300000000000000000002001800000000"
     "000000000000001000000000000000ff0001000802000000",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x6): ***decode error: OFPBFC"
     "_MSG_BAD_XID***\n"
     "00000000  04 04 00 d8 00 00 00 06-4f 4e 46 00 00 00 08 fd |......."
     ".ONF.....|\n"
     "00000010  00 00 00 10 00 00 00 03-04 0e 00 c0 00 00 00 05 |......."
     ".........|\n"
     "00000020  01 23 45 67 89 ab cd ef-00 00 00 00 00 00 00 00 |.#Eg..."
     ".........|\n"
     "00000030  01 00 00 3c 01 2c 00 c8-ff ff ff ff ff ff ff ff |...<.,."
     ".........|\n"
     "00000040  ff ff ff ff 00 03 00 00-00 01 00 29 80 00 00 04 |......."
     "....)....|\n"
     "00000050  00 00 00 01 80 00 0a 02-08 00 80 00 17 08 0a 00 |......."
     ".........|\n"
     "00000060  00 00 ff ff ff 00 80 00-14 01 06 80 00 1c 02 00 |......."
     ".........|\n"
     "00000070  50 00 00 00 00 00 00 00-00 06 00 08 00 00 00 04 |P......"
     ".........|\n"
     "00000080  00 04 00 20 00 00 00 00-00 19 00 10 80 00 18 04 |... ..."
     ".........|\n"
     "00000090  c0 a8 00 09 00 00 00 00-00 18 00 08 00 00 00 00 |......."
     ".........|\n"
     "000000a0  00 03 00 18 00 00 00 00-00 00 00 10 00 00 00 03 |......."
     ".........|\n"
     "000000b0  00 00 00 00 00 00 00 00-00 02 00 18 00 00 00 00 |......."
     ".........|\n"
     "000000c0  00 00 00 00 00 00 00 10-00 00 00 00 00 00 00 ff |......."
     ".........|\n"
     "000000d0  00 01 00 08 02 00 00 00-                        |......."
     ".        |\n"},
    {"prints_bundle_add_echo", 2,
     "04040020000000074f4e4600000008fd00000001000000000402000800000007",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x7): ***decode error: OFPBFC"
     "_MSG_UNSUP***\n"
     "00000000  04 04 00 20 00 00 00 07-4f 4e 46 00 00 00 08 fd |... ..."
     ".ONF.....|\n"
     "00000010  00 00 00 01 00 00 00 00-04 02 00 08 00 00 00 07 |......."
     ".........|\n"},
    {"prints_bundle_ctrl_short", 2,
     "04040014000000014f4e4600000008fc00000000",
     "***decode error: OFPBRC_BAD_LEN***\n"
     "00000000  04 04 00 14 00 00 00 01-4f 4e 46 00 00 00 08 fc |......."
     ".ONF.....|\n"
     "00000010  00 00 00 00                                     |....   "
     "         |\n"},
    {"prints_role_bad", 2,
     "041800180000000100000007000000000000000000000001",
     "OFPT_ROLE_REQUEST (OF1.3) (xid=0x1): ***decode error: OFPRRFC_BAD_"
     "ROLE***\n"
     "00000000  04 18 00 18 00 00 00 01-00 00 00 07 00 00 00 00 |......."
     ".........|\n"
     "00000010  00 00 00 00 00 00 00 01-                        |......."
     ".        |\n"},
    {"prints_port_status_bad_reason", 2,
     "040c005000000001090000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000",
     "OFPT_PORT_STATUS (OF1.3) (xid=0x1): ***decode error: NXBRC_BAD_REA"
     "SON***\n"
     "00000000  04 0c 00 50 00 00 00 01-09 00 00 00 00 00 00 00 |...P..."
     ".........|\n"
     "00000010  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00 |......."
     ".........|\n"
     "00000020  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00 |......."
     ".........|\n"
     "00000030  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00 |......."
     ".........|\n"
     "00000040  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00 |......."
     ".........|\n"},
    {"prints_set_config_flags", 2,
     "0409000c0000000100ff0005",
     "OFPT_SET_CONFIG (OF1.3) (xid=0x1): ***decode error: OFPSCFC_BAD_FL"
     "AGS***\n"
     "00000000  04 09 00 0c 00 00 00 01-00 ff 00 05             |......."
     ".....    |\n"},
    {"prints_table_mod_config", 2,
     "041100100000000102000000000000ff",
     "OFPT_TABLE_MOD (OF1.3) (xid=0x1): table_id=2\n"},
    {"prints_packet_in_reason3", 2,
     "040a002a00000001ffffffff0000030000000000000000000001000c80000004"
     "00000001000000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x1): cookie=0x0 total_len=0 in_port=1"
     " (via action_set) data_len=0 (unbuffered)\n"
     "vlan_tci=0x0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,"
     "dl_type=0x0000\n"},
    {"prints_multipart_req_more_desc", 2,
     "04120010000000010000000100000000",
     "OFPST_DESC request (OF1.3) (xid=0x1): flags=[more]\n"},
    {"prints_queue_config_req_local", 2,
     "0416001000000001fffffffe00000000",
     "OFPT_QUEUE_GET_CONFIG_REQUEST (OF1.3) (xid=0x1): ***decode error: "
     "OFPQOFC_BAD_PORT***\n"
     "00000000  04 16 00 10 00 00 00 01-ff ff ff fe 00 00 00 00 |......."
     ".........|\n"},
    {"prints_group_desc_req_more", 2,
     "04120010000000010007000100000000",
     "OFPST_GROUP_DESC request (OF1.3) (xid=0x1): flags=[more] group_id="
     "ALL\n"},
    {"prints_0_1_1_1", 2,
     "0413004000000001000300000000000000000000000000010000000000000000"
     "0000000000000000010000000000000100000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  table 1: ditto\n"},
    {"prints_0_1_1_1_2_1", 2,
     "0413005800000001000300000000000000000000000000010000000000000000"
     "0000000000000000010000000000000100000000000000000000000000000000"
     "020000000000000100000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  tables 1...2: ditto\n"},
    {"prints_0_1_5_1_6_1_7_2_8_2", 2,
     "0413008800000001000300000000000000000000000000010000000000000000"
     "0000000000000000050000000000000100000000000000000000000000000000"
     "0600000000000001000000000000000000000000000000000700000000000002"
     "0000000000000000000000000000000008000000000000020000000000000000"
     "0000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  tables 5...6: ditto\n"
     "\n"
     "  table 7:\n"
     "    active=2, lookup=0, matched=0\n"
     "\n"
     "  table 8: ditto\n"},
    {"prints_0_1_1_1_2_2_3_2_4_2_5_1", 2,
     "041300a000000001000300000000000000000000000000010000000000000000"
     "0000000000000000010000000000000100000000000000000000000000000000"
     "0200000000000002000000000000000000000000000000000300000000000002"
     "0000000000000000000000000000000004000000000000020000000000000000"
     "0000000000000000050000000000000100000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  table 1: ditto\n"
     "\n"
     "  table 2:\n"
     "    active=2, lookup=0, matched=0\n"
     "\n"
     "  tables 3...4: ditto\n"
     "\n"
     "  table 5:\n"
     "    active=1, lookup=0, matched=0\n"},
    {"prints_3_1_1_1_2_1", 2,
     "0413005800000001000300000000000003000000000000010000000000000000"
     "0000000000000000010000000000000100000000000000000000000000000000"
     "020000000000000100000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 3:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  tables 1...2: ditto\n"},
    {"prints_0_1_1_1_2_1_3_2", 2,
     "0413007000000001000300000000000000000000000000010000000000000000"
     "0000000000000000010000000000000100000000000000000000000000000000"
     "0200000000000001000000000000000000000000000000000300000000000002"
     "00000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  tables 1...2: ditto\n"
     "\n"
     "  table 3:\n"
     "    active=2, lookup=0, matched=0\n"},
    {"prints_0_1_2_1_3_1", 2,
     "0413005800000001000300000000000000000000000000010000000000000000"
     "0000000000000000020000000000000100000000000000000000000000000000"
     "030000000000000100000000000000000000000000000000",
     "OFPST_TABLE reply (OF1.3) (xid=0x1):\n"
     "  table 0:\n"
     "    active=1, lookup=0, matched=0\n"
     "\n"
     "  tables 2...3: ditto\n"},
    {"prints_packet_in_tcp_at_verbosity_0", 0,
     "040a006000000032ffffffff0036000000000000000000000001000c80000004"
     "0000000300000000000050540000000a50540000000908004500002800010000"
     "40060000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x32): cookie=0x0 total_len=54 in_port"
     "=3 (via no_match) data_len=54 (unbuffered)\n"},
    {"prints_packet_in_tcp_at_verbosity_3", 3,
     "040a006000000032ffffffff0036000000000000000000000001000c80000004"
     "0000000300000000000050540000000a50540000000908004500002800010000"
     "40060000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x32): cookie=0x0 total_len=54 in_port"
     "=3 (via no_match) data_len=54 (unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"
     "00000000  50 54 00 00 00 0a 50 54-00 00 00 09 08 00 45 00\n"
     "00000010  00 28 00 01 00 00 40 06-00 00 c0 a8 00 01 c0 a8\n"
     "00000020  00 02 1f 90 00 50 00 00-00 01 00 00 00 00 50 02\n"
     "00000030  20 00 00 00 00 00\n"},
    {"prints_packet_in_tcp_at_verbosity_5", 5,
     "040a006000000032ffffffff0036000000000000000000000001000c80000004"
     "0000000300000000000050540000000a50540000000908004500002800010000"
     "40060000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_IN (OF1.3) (xid=0x32): cookie=0x0 total_len=54 in_port"
     "=3 (via no_match) data_len=54 (unbuffered)\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"
     "00000000  50 54 00 00 00 0a 50 54-00 00 00 09 08 00 45 00\n"
     "00000010  00 28 00 01 00 00 40 06-00 00 c0 a8 00 01 c0 a8\n"
     "00000020  00 02 1f 90 00 50 00 00-00 01 00 00 00 00 50 02\n"
     "00000030  20 00 00 00 00 00\n"
     "00000000  04 0a 00 60 00 00 00 32-ff ff ff ff 00 36 00 00 |...`..."
     "2.....6..|\n"
     "00000010  00 00 00 00 00 00 00 00-00 01 00 0c 80 00 00 04 |......."
     ".........|\n"
     "00000020  00 00 00 03 00 00 00 00-00 00 50 54 00 00 00 0a |......."
     "...PT....|\n"
     "00000030  50 54 00 00 00 09 08 00-45 00 00 28 00 01 00 00 |PT....."
     ".E..(....|\n"
     "00000040  40 06 00 00 c0 a8 00 01-c0 a8 00 02 1f 90 00 50 |@......"
     "........P|\n"
     "00000050  00 00 00 01 00 00 00 00-50 02 20 00 00 00 00 00 |......."
     ".P. .....|\n"},
    {"prints_echo_request_data_at_verbosity_1", 1,
     "04020010000000090001020341424344",
     "OFPT_ECHO_REQUEST (OF1.3) (xid=0x9): 8 bytes of payload\n"},
    {"prints_port_stats_reply_at_verbosity_0", 0,
     "041301600000005b00040000000000000000000100000000000000000000000a"
     "000000000000001400000000000003e800000000000007d00000000000000000"
     "0000000000000000000000000000000000000000000000030000000000000000"
     "000000000000000100000000000000020000000000000000000000641dcd6500"
     "fffffffe00000000000000000000000b000000000000001400000000000003e8"
     "00000000000007d0000000000000000100000000000000000000000000000000"
     "0000000000000003000000000000000000000000000000010000000000000002"
     "0000000000000000000000651dcd65000000000900000000ffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "OFPST_PORT reply (OF1.3) (xid=0x5b): 3 ports\n"},
    {"prints_queue_stats_reply_at_verbosity_0", 0,
     "041300600000005c000500000000000000000002000000000000000000000000"
     "00000000000000000000000000000000000000320ee6b2800000000200000001"
     "00000000000003e8000000000000000a0000000000000001000000320ee6b280",
     "OFPST_QUEUE reply (OF1.3) (xid=0x5c): 2 queues\n"},
    {"prints_packet_out_data_at_verbosity_4", 4,
     "040d005e00000034fffffffffffffffd00100000000000000000001000000002"
     "000000000000000050540000000a505400000009080045000028000100004006"
     "0000c0a80001c0a800021f90005000000001000000005002200000000000",
     "OFPT_PACKET_OUT (OF1.3) (xid=0x34): in_port=CONTROLLER actions=out"
     "put:2 data_len=54\n"
     "tcp,vlan_tci=0x0000,dl_src=50:54:00:00:00:09,dl_dst=50:54:00:00:00"
     ":0a,nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_ttl"
     "=64,nw_frag=no,tp_src=8080,tp_dst=80,tcp_flags=syn tcp_csum:0\n"
     "00000000  50 54 00 00 00 0a 50 54-00 00 00 09 08 00 45 00\n"
     "00000010  00 28 00 01 00 00 40 06-00 00 c0 a8 00 01 c0 a8\n"
     "00000020  00 02 1f 90 00 50 00 00-00 01 00 00 00 00 50 02\n"
     "00000030  20 00 00 00 00 00\n"},
    {"prints_bundle_add_flow_mod_at_verbosity_3", 3,
     "040400d8000000054f4e4600000008fd0000001000000003040e00c000000005"
     "0123456789abcdef00000000000000000100003c012c00c8ffffffffffffffff"
     "ffffffff0003000000010029800000040000000180000a020800800017080a00"
     "0000ffffff00800014010680001c020050000000000000000006000800000004"
     "00040020000000000019001080001804c0a80009000000000018000800000000"
     "0003001800000000000000100000000300000000000000000002001800000000"
     "000000000000001000000000000000ff0001000802000000",
     "ONFT_BUNDLE_ADD_MESSAGE (OF1.3) (xid=0x5):\n"
     " bundle_id=0x10 flags=atomic ordered\n"
     "OFPT_FLOW_MOD (OF1.3) (xid=0x5): ADD table:1 priority=200,tcp,in_p"
     "ort=1,nw_src=10.0.0.0/24,tp_dst=80 cookie:0x123456789abcdef idle:6"
     "0 hard:300 send_flow_rem check_overlap actions=meter:4,set_field:1"
     "92.168.0.9->ip_dst,dec_ttl,write_actions(output:3),write_metadata:"
     "0x10/0xff,goto_table:2\n"},
};

/* Returns the bytes of 'hex' in a heap block of exactly their size, so
 * that AddressSanitizer catches any read past the end. */
static uint8_t *
from_hex(const char *hex, size_t *n)
{
    size_t len = strlen(hex) / 2;
    uint8_t *data = malloc(len ? len : 1);

    assert_non_null(data);
    for (size_t i = 0; i < len; i++) {
        unsigned int byte;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
        data[i] = byte;
    }
    *n = len;
    return data;
}

static void
test_golden(void **state)
{
    const struct golden *g = *state;
    struct strbuf sb = STRBUF_INIT;
    uint8_t *data;
    size_t n;

    data = from_hex(g->hex, &n);
    ofp_print(&sb, data, n, g->verbosity);
    assert_string_equal(strbuf_str(&sb), g->text);
    strbuf_free(&sb);
    free(data);
}

/* Returns true if 'msg' encodes to exactly the 'n' bytes at 'data'. */
static bool
encodes_to(const struct ofp_msg *msg, const uint8_t *data, size_t n)
{
    struct buf b = BUF_INIT;
    bool same;

    ofp_msg_encode(msg, &b);
    same = b.size == n && !memcmp(b.data, data, n);
    buf_free(&b);
    return same;
}

/* Both entry points print the same text for a message in its canonical
 * encoding (a HELLO with unknown elements, say, loses them in decoding). */
static void
test_printing_a_decoded_message_matches_printing_its_bytes(void **state)
{
    (void) state;
    for (size_t i = 0; i < ARRAY_SIZE(goldens); i++) {
        struct strbuf from_bytes = STRBUF_INIT, from_msg = STRBUF_INIT;
        struct ofp_msg msg;
        uint8_t *data;
        size_t n;

        data = from_hex(goldens[i].hex, &n);
        if (!ofp_msg_decode(data, n, &msg) && encodes_to(&msg, data, n)) {
            ofp_print(&from_bytes, data, n, goldens[i].verbosity);
            ofp_print_msg(&from_msg, &msg, goldens[i].verbosity, NULL);
            assert_string_equal(strbuf_str(&from_msg),
                                strbuf_str(&from_bytes));
        }
        ofp_msg_uninit(&msg);
        strbuf_free(&from_bytes);
        strbuf_free(&from_msg);
        free(data);
    }
}

static size_t
header_len(const uint8_t *data)
{
    return (size_t) data[2] << 8 | data[3];
}

/* Every prefix of every golden message, whether cut short or with its
 * header's length patched to match, prints a complete text (ending in a
 * newline) without reading past its bytes. */
static void
test_every_truncation_prints_a_report(void **state)
{
    (void) state;
    for (size_t i = 0; i < ARRAY_SIZE(goldens); i++) {
        uint8_t *data;
        size_t n;

        data = from_hex(goldens[i].hex, &n);
        for (size_t len = 0; len < n; len++) {
            struct strbuf sb = STRBUF_INIT;
            uint8_t *copy = malloc(len ? len : 1);

            memcpy(copy, data, len);
            ofp_print(&sb, copy, len, 5);
            assert_true(sb.len > 0);
            assert_int_equal(sb.s[sb.len - 1], '\n');
            if (len >= OFP_HEADER_LEN && header_len(data) > len) {
                char report[96];
                snprintf(report, sizeof report,
                         "(***truncated to %zu bytes from %zu***)\n", len,
                         header_len(data));
                assert_non_null(strstr(strbuf_str(&sb), report));

                strbuf_clear(&sb);
                copy[2] = len >> 8;
                copy[3] = len & 0xff;
                ofp_print(&sb, copy, len, 5);
                assert_int_equal(sb.s[sb.len - 1], '\n');
            }
            strbuf_free(&sb);
            free(copy);
        }
        free(data);
    }
}

static const char *
name_port(uint32_t port_no, const void *aux)
{
    (void) aux;
    return port_no == 1 ? "p1" : NULL;
}

/* Ports that the caller can name print by name where ovs-ofctl --names
 * would, and by number otherwise. */
static void
test_port_names_replace_numbers(void **state)
{
    static const struct ofp_print_ports ports = {name_port, NULL};
    struct strbuf sb = STRBUF_INIT;
    struct ofp_msg msg;

    (void) state;
    ofp_msg_init(&msg, OFPK_PORT_STATS_REQUEST, 3);
    msg.port_no = 1;
    ofp_print_msg(&sb, &msg, 1, &ports);
    assert_string_equal(strbuf_str(&sb),
                        "OFPST_PORT request (OF1.3) (xid=0x3): port_no=p1\n");

    strbuf_clear(&sb);
    ofp_msg_init(&msg, OFPK_QUEUE_STATS_REQUEST, 4);
    msg.queue_stats_request.port_no = 2;
    msg.queue_stats_request.queue_id = 7;
    ofp_print_msg(&sb, &msg, 1, &ports);
    assert_string_equal(strbuf_str(&sb), "OFPST_QUEUE request (OF1.3) "
                                         "(xid=0x4): port=2 queue=7\n");
    strbuf_free(&sb);
}

static void
test_port_numbers_follow_open_vswitch_numbering(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_print_port_no(&sb, 5, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, OFPP_LOCAL, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, 0xffffff00u, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, OFPP_ANY, NULL);
    assert_string_equal(strbuf_str(&sb), "5 LOCAL 65280 ANY");
    assert_int_equal(ofp_print_check_port(0xfeff), 0);
    assert_int_equal(ofp_print_check_port(0xff00),
                     -OFPERR_OFPBAC_BAD_OUT_PORT);
    assert_int_equal(ofp_print_check_port(0xfffffeff),
                     -OFPERR_OFPBAC_BAD_OUT_PORT);
    assert_int_equal(ofp_print_check_port(0xffffff00u), 0);
    strbuf_free(&sb);
}

static void
test_durations_print_milliseconds_or_every_digit(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_text_format_duration(&sb, 3, 0);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 3, 100000000);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 0, 1000);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 4294967295u, 999999999);
    assert_string_equal(strbuf_str(&sb),
                        "3s 3.100s 0.000001s 4294967295.999999999s");
    strbuf_free(&sb);
}

/* A dump that starts in the middle of a line leaves the bytes before it
 * blank, and the '-' stays after the eighth column. */
static void
test_hex_dump_at_an_offset(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_print_hex_dump(&sb, "ABC", 3, 5, true);
    assert_string_equal(strbuf_str(&sb),
                        "00000000                 41 42 43-"
                        "                        |     ABC        |\n");
    strbuf_clear(&sb);
    ofp_print_hex_dump(&sb, "ABC", 3, 17, false);
    assert_string_equal(strbuf_str(&sb), "00000010     41 42 43\n");
    strbuf_free(&sb);
}

/* The checksum printed after a packet's flow is that of its transport
 * protocol, read within the IP packet: Ethernet padding does not count,
 * and a transport header cut short has none.  (Checked against
 * "ovs-ofctl ofp-print" of packet-ins carrying these frames.) */
static void
test_packet_text_ends_with_transport_checksum(void **state)
{
    static const char padded[] = "505400000002505400000001080045000020000000"
                                 "00401100000a0000010a00000200350035000c1234"
                                 "61626364000000000000";
    static const char cut[] = "505400000002505400000001080045000018000000"
                              "00401100000a0000010a00000200350035";
    struct strbuf sb = STRBUF_INIT;
    uint8_t *data;
    size_t n;

    (void) state;
    data = from_hex(padded, &n);
    ofp_print_packet(&sb, data, n);
    assert_non_null(strstr(strbuf_str(&sb), ",tp_src=53,tp_dst=53"
                                            " udp_csum:1234\n"));
    free(data);
    strbuf_clear(&sb);
    data = from_hex(cut, &n);
    ofp_print_packet(&sb, data, n);
    assert_non_null(strstr(strbuf_str(&sb), ",tp_src=0,tp_dst=0\n"));
    assert_null(strstr(strbuf_str(&sb), "csum"));
    strbuf_free(&sb);
    free(data);
}

int
main(void)
{
    static const struct CMUnitTest behaviours[] = {
        cmocka_unit_test(
            test_printing_a_decoded_message_matches_printing_its_bytes),
        cmocka_unit_test(test_every_truncation_prints_a_report),
        cmocka_unit_test(test_port_names_replace_numbers),
        cmocka_unit_test(test_port_numbers_follow_open_vswitch_numbering),
        cmocka_unit_test(test_durations_print_milliseconds_or_every_digit),
        cmocka_unit_test(test_hex_dump_at_an_offset),
        cmocka_unit_test(test_packet_text_ends_with_transport_checksum),
    };
    enum { N_BEHAVIOURS = ARRAY_SIZE(behaviours) };
    struct CMUnitTest tests[ARRAY_SIZE(goldens) + N_BEHAVIOURS];
    size_t n = 0;

    /* One test per golden, named after the message it prints. */
    for (size_t i = 0; i < ARRAY_SIZE(goldens); i++) {
        tests[n] = (struct CMUnitTest) {
            .name = goldens[i].name,
            .test_func = test_golden,
            .initial_state = (void *) &goldens[i],
        };
        n++;
    }
    for (size_t i = 0; i < N_BEHAVIOURS; i++) {
        tests[n++] = behaviours[i];
    }
    return _cmocka_run_group_tests("ofp_print", tests, n, NULL, NULL);
}
