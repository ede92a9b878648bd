/* pont-ofctl internals: commands, options and the session they run in.
 *
 * A command builds OpenFlow messages and hands them to its session, which
 * either sends them to a switch and returns the replies, or, for
 * "pont-ofctl ofp-encode COMMAND ARGS", prints them as hex and returns no
 * replies.  So ofp-encode shows exactly what a command sends.
 *
 * Errors: command functions return an exit status (0 success, 1 failure,
 * 2 usage) after printing a message that says what went wrong. */
#ifndef PONT_OFCTL_H
#define PONT_OFCTL_H 1

#include <stdbool.h>
#include <stddef.h>

#include "ofproto/ofp_msg.h"

#define OFCTL_EXIT_USAGE 2

struct buf;

struct ofp_port_map;
struct strbuf;

struct ofctl_options {
    bool strict;                /* --strict */
    bool bundle;                /* --bundle */
    int timeout_ms;             /* --timeout */
};
extern struct ofctl_options ofctl_opts;

struct ofctl_session {
    struct ofp_conn *conn;      /* NULL when only encoding. */
    uint32_t next_xid;          /* For encoding only. */
    struct ofp_port_map *ports; /* Filled on first use. */
};

struct ofctl_command {
    const char *name;
    const char *usage;          /* Arguments after the target, if any. */
    int min_args, max_args;     /* Not counting the target; -1: no limit. */
    bool needs_target;          /* First argument is a switch. */
    int (*run)(struct ofctl_session *, int argc, char *argv[]);
    const char *help;
};

/* Command tables, terminated by an entry with a NULL name. */
extern const struct ofctl_command ofctl_offline_commands[];
extern const struct ofctl_command ofctl_flow_commands[];
extern const struct ofctl_command ofctl_switch_commands[];
extern const struct ofctl_command ofctl_group_meter_commands[];

const struct ofctl_command *ofctl_find_command(const char *name);

/* Prints "pont-ofctl: MESSAGE" to stderr and returns 1. */
int ofctl_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Initializes 'msg' as a message of 'kind' with the session's next xid. */
void ofctl_msg_init(struct ofctl_session *, struct ofp_msg *,
                    enum ofp_msg_kind);

/* Sends 'msg' and waits for its replies (or, for a message without a reply,
 * for the barrier after it).  Encoding only: prints it as hex.  On an
 * error from the switch, prints the request's kind and the error's name and
 * description.  Returns 0 or an exit status. */
int ofctl_transact(struct ofctl_session *, const struct ofp_msg *msg,
                   struct ofp_msg **replies, size_t *n_replies);

/* The same for several modifications at once: all sent, then one barrier
 * waited for ("add-flows"), or all in one atomic bundle with --bundle.
 * 'labels' (NULL, or one per message, e.g. "FILE:LINE") name the message
 * an error is about. */
int ofctl_send_mods(struct ofctl_session *, struct ofp_msg *msgs,
                    const char *const *labels, size_t n);

/* Parses hex digits, white space allowed between bytes, into 'out'.
 * Returns 0, or -1 for anything else (including an odd digit count). */
int ofctl_parse_hex(const char *s, struct buf *out);

/* Sends 'msg' and prints each reply, as it arrives, as ovs-ofctl prints
 * replies to its commands (encoding only: prints 'msg' as hex).  Returns 0
 * or an exit status. */
int ofctl_transact_print(struct ofctl_session *, const struct ofp_msg *msg);

/* Prints each reply as ovs-ofctl prints it, to stdout. */
void ofctl_print_replies(const struct ofp_msg *replies, size_t n);

/* The switch's ports by name, for parsing "in_port=p1"; NULL when only
 * encoding (then names are not accepted, numbers are). */
const struct ofp_port_map *ofctl_port_map(struct ofctl_session *);

/* Reads the non-empty, non-comment lines of FILE ("-" for stdin); calls
 * 'line_fn' for each with its 1-based number.  Returns the first nonzero
 * status 'line_fn' returns, or 1 if the file cannot be read. */
int ofctl_read_lines(const char *file,
                     int (*line_fn)(char *line, int line_no, void *aux),
                     void *aux);

#endif /* utilities/ofctl.h */
