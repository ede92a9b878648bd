/* Printing OpenFlow 1.3 messages exactly as Open vSwitch 3.1's
 * "ovs-ofctl ofp-print" prints them.
 *
 * Design
 * ------
 * Admins read captures and controller logs with ovs-ofctl; tests compare
 * Pont's output with Open vSwitch's byte for byte.  So the text here is
 * Open vSwitch's, including its oddities ("table_id: ALL_TABLES", ports in
 * OpenFlow 1.0 numbering, "duration12.345s" without '='), and so are its
 * reports about bytes it cannot decode: a truncated message, one longer
 * than its header says, an unknown type, or a body that fails to decode
 * prints the same "***decode error: NAME***" line and hex dump.
 *
 * ofp_print() is the one entry point that sees raw bytes.  It checks the
 * framing the way Open vSwitch does (which errors come with a header line
 * and which without depends on that), then decodes the message with the
 * codec (ofp_msg_decode()) and prints the typed form.  ofp_print_msg()
 * encodes a typed message and prints the bytes, so both entry points print
 * the same text for the same message.  Nothing here parses OpenFlow bodies
 * by hand, save HELLO elements, whose oddities Open vSwitch reports in its
 * own words ("unknown data in hello"): only headers, for the framing
 * reports, and hex dumps.
 *
 * Matches print through flow_format_match() (lib/flow_format.h); actions,
 * instructions, flow mods, flow statistics, groups and meters through the
 * printers of ofproto/ofp_text.h; packets through flow_extract() and
 * flow_format_packet().
 *
 * Known departures from ovs-ofctl (the text is then Pont's own):
 *  - messages of OpenFlow versions other than 1.3, except HELLO and the
 *    version-independent ECHO messages;
 *  - Nicira and ONF extension messages other than bundles, and table
 *    features, which Pont does not implement: their header line, then a
 *    "(***not decoded...***)" line and a hex dump;
 *  - malformed bodies where Pont's decoder and Open vSwitch's disagree:
 *    Pont rejects some that Open vSwitch accepts (bytes after a flow
 *    removed's or flow statistics request's match, properties in bundle
 *    control messages, unknown port config bits, bands of a meter
 *    deletion) or names another error, and a multipart reply with a bad
 *    entry after good ones prints no entries here, where Open vSwitch
 *    prints the good ones first.
 *
 * Thread-safety: the functions touch only their arguments.
 */
#ifndef PONT_OFP_PRINT_H
#define PONT_OFP_PRINT_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_msg.h"

struct strbuf;

/* Verbosity, as ovs-ofctl's "ofp-print HEX [VERBOSITY]" takes it:
 *   0  port and queue statistics replies give only their entry count;
 *   1  everything else; packet-ins and packet-outs show the packet's flow;
 *   2  echo payloads as a hex dump ("ofp-print HEX" without VERBOSITY);
 *   3  packet data as a hex dump too;
 *   5  the whole message as a hex dump after its text.
 * ovs-ofctl prints replies to its commands (show, dump-ports, dump-groups,
 * ...) at verbosity 1 and "ofp-print HEX" at 2. */
#define OFP_PRINT_VERBOSITY_COMMANDS 1
#define OFP_PRINT_VERBOSITY_DEFAULT 2

/* Port names, for "ovs-ofctl --names" style output.  When a printer shows
 * a port number, it asks 'name' (if the struct and the function are
 * nonnull) and prints the name it returns instead of the number; NULL
 * means "print the number".  Numbers are what ovs-ofctl prints when its
 * output is not a terminal, and what ofp-print always prints.  Matches and
 * actions always print numbers (flow_format.h, ofp_text.h). */
struct ofp_print_ports {
    const char *(*name)(uint32_t port_no, const void *aux);
    const void *aux;
};

/* For users
 * ---------
 * All functions append to 'sb'; none fails. */

/* Appends what "ovs-ofctl ofp-print HEX VERBOSITY" prints for the 'len'
 * bytes at 'data' (which may be NULL when 'len' is 0): one message, ending
 * in a newline. */
void ofp_print(struct strbuf *sb, const void *data, size_t len, int verbosity);

/* The same, naming ports through 'ports' (which may be NULL). */
void ofp_print_with_ports(struct strbuf *sb, const void *data, size_t len,
                          int verbosity, const struct ofp_print_ports *ports);

/* Appends what ofp_print() prints for the encoding of 'msg': how
 * ovs-ofctl prints a reply it received ("show", "dump-ports", "dump-desc",
 * "dump-tables", "dump-group-stats", "dump-meters", "queue-stats", ...,
 * all at OFP_PRINT_VERBOSITY_COMMANDS) and what "ovs-ofctl snoop" and
 * "monitor" print for each message. */
void ofp_print_msg(struct strbuf *sb, const struct ofp_msg *msg, int verbosity,
                   const struct ofp_print_ports *ports);

/* Appends the text of a packet, as packet-ins and packet-outs show it and
 * "ovs-ofctl ofp-parse-pcap" prints each packet: its flow key
 * ("tcp,vlan_tci=0x0000,dl_src=...,tcp_flags=syn"), then the transport
 * checksum (" tcp_csum:1a2b"), then a newline. */
void ofp_print_packet(struct strbuf *sb, const void *data, size_t len);

/* Appends one port description as "ovs-ofctl show" and port-status
 * messages print it, from " 1(p1): addr:..." to its "speed:" line, with a
 * newline. */
void ofp_print_port_desc(struct strbuf *sb, const struct ofp_port *port);

/* Appends the 'n' table features entries in 'tfs' as Open vSwitch prints
 * them in a TABLE_FEATURES reply, after its header line: each entry starts
 * with a newline ("\n  table 0:"), and an entry that repeats the one before
 * it is abbreviated as "ditto".  "ovs-ofctl dump-table-features" prints
 * the same text, without the first newline, for all the parts of a reply
 * together. */
void ofp_print_table_features_list(struct strbuf *sb,
                                   const struct ofp_table_features *tfs,
                                   size_t n);

/* Appends a port number as ovs-ofctl prints it in OpenFlow 1.3 messages:
 * a name from 'ports' (may be NULL), a reserved port's name ("LOCAL"), or
 * its number as Open vSwitch numbers ports internally (reserved numbers
 * 0xffffff00 to 0xfffffff7 print as 65280 to 65527). */
void ofp_print_port_no(struct strbuf *sb, uint32_t port_no,
                       const struct ofp_print_ports *ports);

/* Appends Open vSwitch's hex dump of 'len' bytes: lines of 16 bytes
 * starting with their offset (counted from 'ofs'), a '-' after the eighth
 * byte, and, if 'ascii', the printable characters between bars. */
void ofp_print_hex_dump(struct strbuf *sb, const void *data, size_t len,
                        size_t ofs, bool ascii);

/* For implementers (ofp_print_switch.c, ofp_print_stats.c) only
 * ----------------------------------------------------------- */

/* What a body printer may need besides the message. */
struct ofp_print_ctx {
    int verbosity;
    const struct ofp_print_ports *ports;
    const uint8_t *raw; /* The message's bytes, for hex dumps. */
    size_t raw_len;
};

/* Prints the body of a decoded message after its header line (which ends
 * in ':' and, for multipart messages, the " flags=..." part).  Returns 0,
 * or -OFPERR_* if Open vSwitch would reject the message at this point
 * although Pont's decoder accepted it; the framing then reports it as a
 * decode error.  A NULL 'print' means the body prints nothing. */
struct ofp_printer {
    int (*print)(struct strbuf *, const struct ofp_msg *,
                 const struct ofp_print_ctx *);
};

/* Body printers by kind, each family file filling in its own kinds. */
extern const struct ofp_printer ofp_printers_switch[OFPK_N_KINDS];
extern const struct ofp_printer ofp_printers_stats[OFPK_N_KINDS];
extern const struct ofp_printer ofp_printers_table[OFPK_N_KINDS];

/* Appends 'bits' as names from 'names' (indexed by bit number, NULL for a
 * bit without a name) separated by 'sep', then any remaining bits as one
 * hex number; "0" when 'bits' is 0. */
void ofp_print_bit_names(struct strbuf *sb, uint32_t bits,
                         const char *const names[32], char sep);

/* Open vSwitch numbers ports in 16 bits, the OpenFlow 1.1+ reserved ports
 * mapped onto 0xff00 and up: ofp_print_port_u16() returns that number (it
 * sorts and aligns ports by it).  So it rejects OpenFlow 1.3 port numbers
 * from 0xff00 to 0xfffffeff in every message: ofp_print_check_port()
 * returns 0 or -OFPERR_OFPBAC_BAD_OUT_PORT, which is how it reports them. */
uint16_t ofp_print_port_u16(uint32_t port_no);
int ofp_print_check_port(uint32_t port_no);

/* Removes one trailing space, if there is one. */
void ofp_print_chomp_space(struct strbuf *sb);

#endif /* ofproto/ofp_print.h */
