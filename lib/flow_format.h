/* Printing flow matches and packet keys in Open vSwitch's flow syntax.
 *
 * The output is the text ovs-ofctl prints, field for field and in the same
 * order ("tcp,in_port=1,dl_vlan=10,dl_src=...,nw_src=10.0.0.0/24,tp_dst=80"),
 * so admins' habits carry over and tests can compare Pont's output with Open
 * vSwitch's line by line.
 *
 * Thread-safety: pure functions writing only the strbuf they are given. */
#ifndef PONT_FLOW_FORMAT_H
#define PONT_FLOW_FORMAT_H 1

#include <stdint.h>

struct flow_key;
struct flow_match;
struct strbuf;

/* OpenFlow's default flow priority: not printed by flow_format_match(). */
#define FLOW_DEFAULT_PRIORITY 0x8000

/* Appends 'match', preceded by "priority=N," unless 'priority' is
 * FLOW_DEFAULT_PRIORITY.  A catch-all match at the default priority appends
 * nothing.  Any key and mask bytes are accepted (fuzzed); key bits outside
 * the mask are not printed, and TCP flags bits above the 12 that exist are
 * ignored. */
void flow_format_match(struct strbuf *, const struct flow_match *,
                       int priority);

/* Appends the key of a packet: the fields meaningful for its headers (see
 * flow_mask_for_packet()), omitting in_port when it is zero.  This is what
 * "ovs-ofctl parse-pcap" prints for each packet. */
void flow_format_packet(struct strbuf *, const struct flow_key *);

/* Appends an OpenFlow 1.3 port number: a name such as "LOCAL" or "ANY" for a
 * reserved port, otherwise the decimal number. */
void flow_format_port(struct strbuf *, uint32_t port);

/* Returns the name of reserved port 'port' (a static string), or NULL if it
 * has none. */
const char *flow_port_name(uint32_t port);

#endif /* lib/flow_format.h */
