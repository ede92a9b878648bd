/* ovs-ofctl's text syntax for OpenFlow 1.3, in both directions: matches,
 * actions and instructions, flow mods, flow statistics requests and
 * entries, group mods and descriptions, meter mods and configurations.
 *
 * Design
 * ------
 * Admins' habits and scripts should carry over from Open vSwitch, so the
 * parsers accept what "ovs-ofctl -O OpenFlow13" accepts for the fields and
 * actions Pont has, and the printers print what it prints, byte for byte.
 * A parser produces the typed message that ovs-ofctl would send for the
 * same text (ofp_msg.h): shorthands are expanded the way Open vSwitch
 * expands them in OpenFlow 1.3 (mod_nw_tos:16 becomes set_field:4->ip_dscp,
 * mod_vlan_vid:5 pushes a tag first when the match does not guarantee
 * one), and defaults are Open vSwitch's (table 255 for deletions, buffer
 * OFP_NO_BUFFER, out_port OFPP_ANY).
 *
 * Every parser then passes its result through the codec: it encodes the
 * message and decodes it again, and fails if Pont's own decoder would
 * reject it.  So text Pont accepts is always a message a Pont switch
 * accepts, and the parsed form equals its wire form; that is what makes
 * parse(print(x)) == x hold for whatever a parser produced.
 *
 * Where Pont deliberately departs from ovs-ofctl
 * ----------------------------------------------
 *  - A field whose prerequisite is missing ("tp_dst=80" without a
 *    protocol, "nw_src=..." on an IPv6 flow) is an error; Open vSwitch
 *    drops the field silently and installs a broader flow.
 *  - A value that does not fit its field (dl_vlan=4096, mpls_label=0x100000,
 *    ip_dscp=64, nw_tos=17) is an error; Open vSwitch truncates it.
 *  - Port numbers are OpenFlow 1.3's 32 bits (Open vSwitch rejects numbers
 *    above 65535 that are not reserved ports); the OpenFlow 1.0 numbers of
 *    reserved ports (65528 to 65535) still mean those ports, as in Open
 *    vSwitch.
 *  - copy_ttl_in, copy_ttl_out, push_pbb:0x88e7 and pop_pbb, which Open
 *    vSwitch does not implement, have these names, after the
 *    specification's OFPAT_* names.  Experimenter meter bands print and
 *    parse as "type=experimenter rate=R experimenter=ID".
 *  - Nicira extensions (load, move, resubmit, controller(reason=...),
 *    dec_ttl(ids), enqueue, masked set_field) are errors that say so.
 *  - What Pont's decoder refuses is refused here, though ovs-ofctl sends
 *    it: goto_table:255, group_id=all or meter=all outside a deletion,
 *    pop_mpls to an MPLS EtherType, watch_port in an all or indirect group,
 *    write actions that the match alone does not allow.  Shorthands in
 *    write_actions(...) therefore assume only what the match guarantees
 *    (mod_vlan_vid there pushes a tag even after one in the apply actions).
 *  - A bare unknown word is an "unknown keyword", not a "field missing
 *    value".
 *  - Printers print port numbers, as "ovs-ofctl --no-names" does; port
 *    names are only parsed.
 *
 * Errors
 * ------
 * Parsers return 0 or a negative errno value (-EINVAL for anything wrong
 * with the text) and, on error, set '*errorp' to a malloc'd sentence saying
 * what is wrong, in ovs-ofctl's words where it has them ("unknown keyword
 * foo", "1.2.3: invalid IP address"); the caller frees it.  On success
 * '*errorp' is set to NULL.  Parsers leave their output empty on error, so
 * nothing needs freeing then.  Printers append to a struct strbuf.
 *
 * Thread-safety: the functions touch only their arguments; a port map may
 * be read by several threads at once once it is filled.
 */
#ifndef PONT_OFP_TEXT_H
#define PONT_OFP_TEXT_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"
#include "ofproto/ofp_actions.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_oxm.h"
#include "ofproto/ofp_wire.h"

struct strbuf;

/* Port names
 * ----------
 * ovs-ofctl lets users name ports ("in_port=p1", "output:p1") and resolves
 * the names through the switch's port list; pont-ofctl fills a port map
 * from a port description reply.  Every parser takes an optional port map:
 * NULL accepts port numbers and reserved names (LOCAL, CONTROLLER, ...)
 * only. */
struct ofp_port_map;

/* Returns an empty map; never NULL.  Free with ofp_port_map_destroy(). */
struct ofp_port_map *ofp_port_map_create(void);

/* Frees 'map'; NULL is a no-op. */
void ofp_port_map_destroy(struct ofp_port_map *map);

/* Adds 'name' (copied) for port 'port_no'.  A name given to two different
 * ports becomes ambiguous, and parsing it then fails, as in Open vSwitch. */
void ofp_port_map_add(struct ofp_port_map *map, uint32_t port_no,
                      const char *name);

/* Parses a port: a decimal number, a reserved port name in any case
 * ("LOCAL", "controller", "NONE" for ANY), or a name from 'map' (which may
 * be NULL), optionally in double quotes.  Returns 0 and sets '*port', or
 * -ENOENT if 's' names no port.  Whether the port suits its use (an output
 * to ANY, say) is the caller's business. */
int ofp_text_parse_port(const char *s, const struct ofp_port_map *map,
                        uint32_t *port);

/* Building blocks
 * ---------------
 * Shared by the ofp_text_*.c files, and usable by callers that parse
 * syntaxes of their own in the same style. */

/* Splits the next "key=value", "key:value", "key(value)" or bare "key" off
 * '*stringp', as ovs-ofctl does: pairs are separated by commas or white
 * space, a value ends at a comma or white space outside parentheses, and a
 * parenthesized value ends at its matching ')'.  Works in place: writes NULs
 * into the string and advances '*stringp'.  Sets '*keyp' and '*valuep' (""
 * for a bare key) and, if 'delimp' is nonnull, '*delimp' to the character
 * that followed the key (':', '=', '(' or '\0').  Returns false at the end
 * of the string. */
bool ofp_text_next_pair(char **stringp, char **keyp, char **valuep,
                        char *delimp);

/* Sets '*errorp' to a new message formatted like printf() and returns
 * -EINVAL, so that parsers can "return ofp_text_errorf(errorp, ...)". */
int ofp_text_errorf(char **errorp, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Parses an unsigned number in C syntax (decimal, 0x hex, or octal with a
 * leading 0, as ovs-ofctl reads numbers) when 'base' is 0, or in 'base'.
 * Returns 0, -EINVAL for bad syntax (empty, a sign, trailing characters),
 * or -ERANGE if it exceeds 'max'. */
int ofp_text_parse_uint(const char *s, int base, uint64_t max,
                        uint64_t *valuep);

/* Parses "VALUE[/MASK]" as an 'n'-byte number and mask (big-endian, an
 * all-ones mask when none is given), each in C syntax; 'name' is the
 * field's name for messages. */
int ofp_text_parse_number_masked(const char *s, const char *name, size_t n,
                                 uint8_t *value, uint8_t *mask,
                                 char **errorp);

/* Parses "VALUE[/MASK]" for 'field' in the field's text form: Ethernet
 * address, IPv4 or IPv6 address (with "/N" or a dotted mask), port (no
 * mask), or a number.  'name' is the field's name as the user wrote it, for
 * messages.  Fills 'value' and 'mask' ('field->n_bytes' each, wire format;
 * an all-ones mask when none is given) and sets '*has_mask' when a mask
 * other than all-ones was given.  Range checks beyond the field's width are
 * ofp_field_set()'s. */
int ofp_text_parse_field_value(const struct ofp_field *field, const char *name,
                               const char *s, const struct ofp_port_map *map,
                               uint8_t *value, uint8_t *mask, bool *has_mask,
                               char **errorp);

/* Encodes 'msg' and decodes the bytes into '*out', so that a parser's
 * result is exactly what a Pont switch accepts and equals its wire form.
 * On error sets '*errorp' to "actions are invalid with specified match
 * (OFPBAC_...)" for errors in actions or instructions, as ovs-ofctl words
 * them, otherwise to "invalid WHAT (OFP...)", and leaves nothing in '*out'
 * to free. */
int ofp_text_check_msg(const struct ofp_msg *msg, struct ofp_msg *out,
                       const char *what, char **errorp);

/* Matches
 * -------
 * The match syntax is that of ovs-ofctl: protocol shorthands (ip, tcp6,
 * arp, mplsm, ...) and field=value[/mask] pairs, Open vSwitch's names and
 * their OXM names ("nw_src" or "ip_src", "tp_dst" or "tcp_dst").
 * flow_format_match() (lib/flow_format.h) prints what these parse. */

/* Parses 'text', which holds only match fields (no priority, no actions),
 * into 'match'. */
int ofp_text_parse_match(const char *text, const struct ofp_port_map *map,
                         struct flow_match *match, char **errorp);

/* A match parsed one pair at a time, for parsers of larger syntaxes (flows,
 * statistics requests) that mix match fields with keywords of their own.
 * Prerequisites are checked at the end, whatever the order of the pairs,
 * so "tp_dst=80,tcp" is as good as "tcp,tp_dst=80". */
#define OFP_TEXT_N_PREREQS 16
struct ofp_text_match {
    struct flow_match match;
    /* For each prerequisite class, the first keyword that needed it (a
     * static string), or NULL. */
    const char *needs[OFP_TEXT_N_PREREQS];
};

void ofp_text_match_init(struct ofp_text_match *);

/* Applies one pair.  Returns 0, -ENOENT if 'key' is not a match keyword
 * (and '*errorp' is untouched, so that the caller may try its own
 * keywords), or -EINVAL with a message. */
int ofp_text_match_parse_pair(struct ofp_text_match *, const char *key,
                              const char *value, const struct ofp_port_map *map,
                              char **errorp);

/* Checks prerequisites and that OpenFlow 1.3 can carry the match, and
 * stores it, as it will travel on the wire, into '*match'. */
int ofp_text_match_finish(const struct ofp_text_match *,
                          struct flow_match *match, char **errorp);

/* Actions and instructions
 * ------------------------
 * Parsing takes the match the actions will run under, because some
 * shorthands depend on it: mod_tp_src becomes a set_field of tcp_src,
 * udp_src or sctp_src according to the protocol, and mod_vlan_vid pushes a
 * VLAN tag unless the match guarantees one.  The actions are then checked
 * against the match (ofp_actions_check()), as a switch checks a flow's.
 * A NULL match means none is known (group buckets, packet-outs): shorthands
 * assume nothing and nothing is checked, as ovs-ofctl does. */

/* Parses the text after "actions=" of a flow, instructions included, for a
 * flow in table 'table_id' (goto_table must go forward).  "drop" or an
 * empty string gives no instructions.  '*out' is initialized here. */
int ofp_text_parse_instructions(const char *text,
                                const struct flow_match *match,
                                uint8_t table_id,
                                const struct ofp_port_map *map,
                                struct ofp_instructions *out, char **errorp);

/* Parses a plain action list, where instructions are not allowed (group
 * buckets, packet-outs).  '*out' is initialized here. */
int ofp_text_parse_actions(const char *text, const struct flow_match *match,
                           const struct ofp_port_map *map,
                           struct ofp_actions *out, char **errorp);

/* Appends instructions as ovs-ofctl prints them after "actions=": "drop"
 * when there are none, otherwise meter, apply actions, clear_actions,
 * write_actions(...), write_metadata and goto_table, comma-separated. */
void ofp_text_format_instructions(struct strbuf *,
                                  const struct ofp_instructions *);

/* Appends an action list: "drop" when it is empty. */
void ofp_text_format_actions(struct strbuf *, const struct ofp_actions *);

/* Appends a field's value as set_field prints it: addresses in their usual
 * forms, ports by name, metadata, tunnel ids, registers and IPv6 flow
 * labels in hex, everything else in decimal. */
void ofp_text_format_field_value(struct strbuf *, const struct ofp_field *,
                                 const uint8_t *value);

/* Actions parsed one pair at a time, for the instruction parser.  Members
 * are private to ofp_text_actions.c. */
struct ofp_text_actions {
    const struct ofp_port_map *map;
    struct flow_match match; /* The flow's match, for shorthands. */
    bool check;              /* Whether 'match' is known. */
    bool vlan;               /* A VLAN tag is known to be present. */
    char **errorp;
};

/* 'match' as for ofp_text_parse_actions(); messages go to '*errorp'. */
void ofp_text_actions_init(struct ofp_text_actions *,
                           const struct flow_match *match,
                           const struct ofp_port_map *map, char **errorp);

/* Appends the action 'key' with 'value' ("" if none) to 'out'.  Returns 0,
 * -ENOENT (no message) if 'key' names no action, or -EINVAL. */
int ofp_text_actions_parse_pair(struct ofp_text_actions *, const char *key,
                                const char *value, struct ofp_actions *out);

/* Appends the actions of the list 'text' (writable, consumed) to 'out':
 * "drop" alone is the empty list, and instructions are errors. */
int ofp_text_actions_parse_list(struct ofp_text_actions *, char *text,
                                struct ofp_actions *out);

/* Checks 'actions' against the match, if one is known. */
int ofp_text_actions_check(const struct ofp_text_actions *,
                           const struct ofp_actions *actions);

/* Returns true if 'key' names an instruction (meter, apply_actions,
 * clear_actions, write_actions, write_metadata, goto_table). */
bool ofp_text_is_instruction(const char *key);

/* Flows
 * -----
 * Flow text is "[table=N,][priority=N,][cookie=V[/M],][idle_timeout=N,]
 * [hard_timeout=N,][send_flow_rem,][check_overlap,][reset_counts,]
 * [no_packet_counts,][no_byte_counts,][out_port=P,][out_group=G,]MATCH
 * [,actions=ACTIONS]".  Which keywords a command takes follows ovs-ofctl:
 * additions and modifications take timeouts, flags and actions (required);
 * deletions and statistics requests take out_port and out_group, a cookie
 * only with a mask, and no actions; strict deletions take a priority.  The
 * statistics columns of dump-flows output (duration, n_packets, ...) are
 * ignored, so that its lines can be fed back. */

/* Parses a flow mod for 'command' (OFPFC_*) into '*fm', which is
 * initialized here; on success the caller frees fm->instructions with
 * ofp_instructions_free(). */
int ofp_text_parse_flow_mod(const char *text, enum ofp_flow_mod_command command,
                            const struct ofp_port_map *map,
                            struct ofp_flow_mod *fm, char **errorp);

/* Parses what "ovs-ofctl dump-flows SWITCH FLOW" and dump-aggregate send:
 * "[table=N,][out_port=P,][out_group=G,][cookie=V/M,]MATCH". */
int ofp_text_parse_flow_stats_request(const char *text,
                                      const struct ofp_port_map *map,
                                      struct ofp_flow_stats_request *,
                                      char **errorp);

/* Appends a flow mod as "ovs-ofctl ofp-print" prints it after the message
 * header: "ADD table:1 priority=100,tcp cookie:0x5 idle:10 send_flow_rem
 * actions=drop". */
void ofp_text_format_flow_mod(struct strbuf *, const struct ofp_flow_mod *);

/* Appends a flow statistics entry as "ovs-ofctl dump-flows" prints it
 * (after one leading space, which is the caller's): "cookie=0x0,
 * duration=1.234s, table=0, n_packets=0, n_bytes=0, priority=100,ip
 * actions=drop". */
void ofp_text_format_flow_stats(struct strbuf *, const struct ofp_flow_stats *);

/* Appends a duration as Open vSwitch prints it: "12s", "12.100s" when the
 * nanoseconds are whole milliseconds, else all nine digits less trailing
 * zeros ("7.000001s"). */
void ofp_text_format_duration(struct strbuf *, uint32_t sec, uint32_t nsec);

/* Groups
 * ------
 * "group_id=N,type=all|select|indirect|ff|fast_failover[,bucket=BUCKET]..."
 * where a bucket is "[weight:W,][watch_port:P,][watch_group:G,]
 * [actions=]ACTIONS" (the parameters may come in any order, and
 * "bucket_id:N", which OpenFlow 1.3 cannot carry, is ignored, as by
 * ovs-ofctl).  A deletion takes only "group_id=N|all"; empty text deletes
 * all groups. */

/* Parses a group mod for 'command' (OFPGC_*) into '*gm', initialized here;
 * on success the caller frees it with ofp_text_group_mod_free(). */
int ofp_text_parse_group_mod(const char *text,
                             enum ofp_group_mod_command command,
                             const struct ofp_port_map *map,
                             struct ofp_group_mod *gm, char **errorp);

/* Frees the buckets of 'gm' and empties it. */
void ofp_text_group_mod_free(struct ofp_group_mod *gm);

/* Appends a group mod as ofp-print prints it on the line after the message
 * header: "ADD group_id=1,type=all,bucket=actions=output:1". */
void ofp_text_format_group_mod(struct strbuf *, const struct ofp_group_mod *);

/* Appends a group description as "ovs-ofctl dump-groups" prints it (after
 * one leading space, the caller's): "group_id=1,type=all,bucket=..." */
void ofp_text_format_group_desc(struct strbuf *, const struct ofp_group_desc *);

/* Meters
 * ------
 * "meter=N|all|slowpath|controller,kbps|pktps[,burst][,stats],
 * band=type=drop|dscp_remark,rate=R[,burst_size=B][,prec_level=L]
 * [,type=...]": "type" starts each further band.  A deletion takes only
 * "meter=N|all"; empty text deletes all meters. */

/* Parses a meter mod for 'command' (OFPMC_*) into '*mm', initialized here;
 * on success the caller frees it with ofp_text_meter_mod_free(). */
int ofp_text_parse_meter_mod(const char *text,
                             enum ofp_meter_mod_command command,
                             struct ofp_meter_mod *mm, char **errorp);

/* Frees the bands of 'mm' and empties it. */
void ofp_text_meter_mod_free(struct ofp_meter_mod *mm);

/* Appends a meter mod as ofp-print prints it after the message header:
 * "ADD meter=1 kbps burst bands=\ntype=drop rate=1000 burst_size=100". */
void ofp_text_format_meter_mod(struct strbuf *, const struct ofp_meter_mod *);

/* Appends a meter configuration as "ovs-ofctl dump-meters" prints it (the
 * caller separates entries with an empty line): "meter=1 kbps bands=\n
 * type=drop rate=1000". */
void ofp_text_format_meter_config(struct strbuf *,
                                  const struct ofp_meter_config *);

#endif /* ofproto/ofp_text.h */
