/* pont-ofctl switch commands: show, dump-desc, dump-ports,
 * dump-ports-desc, dump-tables, packet-out, monitor. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_print.h"
#include "ofproto/ofp_text.h"
#include "utilities/ofctl.h"

/* Sends a request of 'kind' (with 'set' applied, if nonnull) and prints
 * the replies. */
static int
request_and_print(struct ofctl_session *s, enum ofp_msg_kind kind,
                  void (*set)(struct ofp_msg *, uint32_t), uint32_t arg)
{
    struct ofp_msg req;

    ofctl_msg_init(s, &req, kind);
    if (set) {
        set(&req, arg);
    }
    return ofctl_transact_print(s, &req);
}

static int
cmd_show(struct ofctl_session *s, int argc, char *argv[])
{
    static const enum ofp_msg_kind kinds[] = {
        OFPK_FEATURES_REQUEST, OFPK_PORT_DESC_REQUEST, OFPK_GET_CONFIG_REQUEST};
    int status = 0;

    (void) argc;
    (void) argv;
    for (size_t i = 0; i < ARRAY_SIZE(kinds) && !status; i++) {
        status = request_and_print(s, kinds[i], NULL, 0);
    }
    return status;
}

static int
cmd_dump_desc(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    (void) argv;
    return request_and_print(s, OFPK_DESC_REQUEST, NULL, 0);
}

static int
cmd_dump_tables(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    (void) argv;
    return request_and_print(s, OFPK_TABLE_STATS_REQUEST, NULL, 0);
}

/* Prints every table's features as "ovs-ofctl dump-table-features" does:
 * the entries of all the reply's parts as one list (so that "ditto" spans
 * parts), without message headers. */
static int
cmd_dump_table_features(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_table_features *tfs = NULL;
    struct ofp_msg req, *replies;
    struct strbuf sb = STRBUF_INIT;
    size_t n, n_tfs = 0;
    int status;

    (void) argc;
    (void) argv;
    ofctl_msg_init(s, &req, OFPK_TABLE_FEATURES_REQUEST);
    status = ofctl_transact(s, &req, &replies, &n);
    for (size_t i = 0; i < n; i++) {
        if (replies[i].kind == OFPK_TABLE_FEATURES_REPLY) {
            const struct ofp_msg *r = &replies[i];

            tfs = xrealloc(tfs, (n_tfs + r->table_features.n) * sizeof *tfs);
            memcpy(&tfs[n_tfs], r->table_features.entries,
                   r->table_features.n * sizeof *tfs);
            n_tfs += r->table_features.n;
        }
    }
    ofp_print_table_features_list(&sb, tfs, n_tfs);
    /* Open vSwitch leaves out the first entry's leading newline and ends
     * with an empty line. */
    if (sb.len) {
        fputs(strbuf_str(&sb) + 1, stdout);
        putchar('\n');
    }
    strbuf_free(&sb);
    free(tfs); /* The entries' contents belong to 'replies'. */
    ofp_conn_free_replies(replies, n);
    return status;
}

/* Parses an optional port argument; OFPP_ANY when absent. */
static int
port_arg(struct ofctl_session *s, int argc, char *argv[], uint32_t *port)
{
    *port = OFPP_ANY;
    if (argc && ofp_text_parse_port(argv[0], ofctl_port_map(s), port)) {
        return ofctl_error("%s: unknown port (use a number, a reserved "
                           "name such as LOCAL, or a port's name)",
                           argv[0]);
    }
    return 0;
}

static void
set_port_no(struct ofp_msg *msg, uint32_t port)
{
    msg->port_no = port;
}

static int
cmd_dump_ports(struct ofctl_session *s, int argc, char *argv[])
{
    uint32_t port;
    int status = port_arg(s, argc, argv, &port);

    return status ? status
                  : request_and_print(s, OFPK_PORT_STATS_REQUEST, set_port_no,
                                      port);
}

/* Prints the port description reply, keeping only 'port' unless it is
 * OFPP_ANY (OpenFlow 1.3 cannot ask for one port). */
static int
cmd_dump_ports_desc(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_msg req, *replies;
    uint32_t port;
    size_t n;
    int status = port_arg(s, argc, argv, &port);

    if (status) {
        return status;
    }
    ofctl_msg_init(s, &req, OFPK_PORT_DESC_REQUEST);
    status = ofctl_transact(s, &req, &replies, &n);
    for (size_t i = 0; i < n && port != OFPP_ANY; i++) {
        struct ofp_msg *r = &replies[i];
        size_t kept = 0;

        for (size_t j = 0; j < r->port_desc_reply.n; j++) {
            if (r->port_desc_reply.entries[j].port_no == port) {
                r->port_desc_reply.entries[kept++] =
                    r->port_desc_reply.entries[j];
            }
        }
        r->port_desc_reply.n = kept;
    }
    ofctl_print_replies(replies, n);
    ofp_conn_free_replies(replies, n);
    return status;
}

/* "in_port=PORT packet=HEX actions=ACTIONS" (commas or spaces), the syntax
 * of ovs-ofctl's packet-out with one argument. */
static int
parse_packet_out_text(struct ofctl_session *s, char *text,
                      struct ofp_packet_out *po, struct buf *packet)
{
    char *actions = strstr(text, "actions=");
    char *key, *value, *error;

    if (!actions) {
        return ofctl_error("packet-out needs \"actions=...\"");
    }
    *actions = '\0';
    actions += strlen("actions=");
    while (ofp_text_next_pair(&text, &key, &value, NULL)) {
        if (!strcmp(key, "in_port")) {
            if (ofp_text_parse_port(value, ofctl_port_map(s), &po->in_port)) {
                return ofctl_error("%s: unknown in_port", value);
            }
        } else if (!strcmp(key, "packet")) {
            if (ofctl_parse_hex(value, packet)) {
                return ofctl_error("packet: invalid hex data");
            }
        } else {
            return ofctl_error("unknown packet-out keyword %s (expected "
                               "in_port, packet, actions)",
                               key);
        }
    }
    if (ofp_text_parse_actions(actions, NULL, ofctl_port_map(s), &po->actions,
                               &error)) {
        int status = ofctl_error("%s", error);
        free(error);
        return status;
    }
    return 0;
}

/* Also the older form "IN_PORT ACTIONS PACKET...". */
static int
cmd_packet_out(struct ofctl_session *s, int argc, char *argv[])
{
    struct buf packet = BUF_INIT;
    struct ofp_msg msg, *replies;
    size_t n;
    int status;

    ofctl_msg_init(s, &msg, OFPK_PACKET_OUT);
    if (argc == 1) {
        status = parse_packet_out_text(s, argv[0], &msg.packet_out, &packet);
    } else {
        struct strbuf text = STRBUF_INIT;

        strbuf_printf(&text, "in_port=%s actions=%s", argv[0], argv[1]);
        status = parse_packet_out_text(s, text.s, &msg.packet_out, &packet);
        strbuf_free(&text);
        for (int i = 2; i < argc && !status; i++) {
            status = ofctl_parse_hex(argv[i], &packet)
                         ? ofctl_error("%s: invalid hex packet", argv[i])
                         : 0;
        }
    }
    if (!status) {
        ofp_bytes_set(&msg.packet_out.data, packet.data, packet.size);
        status = ofctl_transact(s, &msg, &replies, &n);
        ofp_conn_free_replies(replies, n);
    }
    ofp_msg_uninit(&msg);
    buf_free(&packet);
    return status;
}

/* mod-port: the config bit each action sets or clears.  "flood" and
 * "stp" have no bit in OpenFlow 1.3; like Open vSwitch, pont-ofctl then
 * changes nothing. */
static const struct {
    const char *name;
    uint32_t bit;
    bool set;
} port_actions[] = {
    {"up", OFPPC_PORT_DOWN, false},
    {"down", OFPPC_PORT_DOWN, true},
    {"receive", OFPPC_NO_RECV, false},
    {"no-receive", OFPPC_NO_RECV, true},
    {"forward", OFPPC_NO_FWD, false},
    {"no-forward", OFPPC_NO_FWD, true},
    {"packet-in", OFPPC_NO_PACKET_IN, false},
    {"no-packet-in", OFPPC_NO_PACKET_IN, true},
    {"flood", 0, false},
    {"no-flood", 0, true},
    {"stp", 0, false},
    {"no-stp", 0, true},
};

/* Finds port 'name' (a number or a name) in the switch's port list. */
static int
find_port(struct ofctl_session *s, const char *name, struct ofp_port *port)
{
    struct ofp_msg req, *replies;
    uint32_t port_no;
    size_t n;
    int status;

    if (!s->conn) {
        return ofctl_error("mod-port needs the switch's port list (for the "
                           "port's hardware address), so it cannot be "
                           "encoded without a switch");
    }
    if (ofp_text_parse_port(name, ofctl_port_map(s), &port_no)) {
        return ofctl_error("%s: unknown port", name);
    }
    ofctl_msg_init(s, &req, OFPK_PORT_DESC_REQUEST);
    status = ofctl_transact(s, &req, &replies, &n);
    for (size_t i = 0; i < n && !status; i++) {
        for (size_t j = 0; j < replies[i].port_desc_reply.n; j++) {
            if (replies[i].port_desc_reply.entries[j].port_no == port_no) {
                *port = replies[i].port_desc_reply.entries[j];
                ofp_conn_free_replies(replies, n);
                return 0;
            }
        }
    }
    ofp_conn_free_replies(replies, n);
    return status ? status : ofctl_error("%s: no such port", name);
}

static int
cmd_mod_port(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_msg msg, *replies;
    struct ofp_port port = {0};
    size_t i, n;
    int status;

    (void) argc;
    for (i = 0; i < ARRAY_SIZE(port_actions); i++) {
        if (!strcasecmp(argv[1], port_actions[i].name)) {
            break;
        }
    }
    if (i == ARRAY_SIZE(port_actions)) {
        return ofctl_error("%s: unknown mod-port action (up, down, receive, "
                           "no-receive, forward, no-forward, packet-in, "
                           "no-packet-in)",
                           argv[1]);
    }
    status = find_port(s, argv[0], &port);
    if (status) {
        return status;
    }
    ofctl_msg_init(s, &msg, OFPK_PORT_MOD);
    msg.port_mod.port_no = port.port_no;
    msg.port_mod.hw_addr = port.hw_addr;
    msg.port_mod.mask = port_actions[i].bit;
    msg.port_mod.config = port_actions[i].set ? port_actions[i].bit : 0;
    status = ofctl_transact(s, &msg, &replies, &n);
    ofp_conn_free_replies(replies, n);
    return status;
}

static const char *const frag_modes[] = {"normal", "drop", "reassemble"};

/* Reads the switch's configuration; without a switch, assumes the default
 * one (Open vSwitch's miss_send_len of 128). */
static int
get_config(struct ofctl_session *s, struct ofp_switch_config *config)
{
    struct ofp_msg req, *replies;
    size_t n;
    int status;

    config->flags = OFPC_FRAG_NORMAL;
    config->miss_send_len = 128;
    ofctl_msg_init(s, &req, OFPK_GET_CONFIG_REQUEST);
    status = ofctl_transact(s, &req, &replies, &n);
    if (!status && n == 1 && replies[0].kind == OFPK_GET_CONFIG_REPLY) {
        *config = replies[0].config;
    }
    ofp_conn_free_replies(replies, n);
    return status;
}

static int
cmd_get_frags(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_switch_config config;
    int status = get_config(s, &config);

    (void) argc;
    (void) argv;
    if (!status && s->conn) {
        unsigned int mode = config.flags & OFPC_FRAG_MASK;
        puts(mode < ARRAY_SIZE(frag_modes) ? frag_modes[mode] : "unknown");
    }
    return status;
}

static int
cmd_set_frags(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_switch_config config;
    struct ofp_msg msg, *replies;
    size_t mode, n;
    int status;

    (void) argc;
    for (mode = 0; mode < ARRAY_SIZE(frag_modes); mode++) {
        if (!strcmp(argv[0], frag_modes[mode])) {
            break;
        }
    }
    if (mode == ARRAY_SIZE(frag_modes)) {
        return ofctl_error("%s: unknown fragment handling mode (normal, "
                           "drop, reassemble)",
                           argv[0]);
    }
    status = get_config(s, &config);
    if (status) {
        return status;
    }
    ofctl_msg_init(s, &msg, OFPK_SET_CONFIG);
    msg.config.flags = mode;
    msg.config.miss_send_len = config.miss_send_len;
    status = ofctl_transact(s, &msg, &replies, &n);
    ofp_conn_free_replies(replies, n);
    if (!status) {
        status = get_config(s, &config);
    }
    if (!status && s->conn && config.flags != mode) {
        status = ofctl_error("the switch did not take fragment handling "
                             "mode %s",
                             argv[0]);
    }
    return status;
}

static int
cmd_queue_stats(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_msg req;
    uint64_t queue = OFPQ_ALL;
    int status;

    ofctl_msg_init(s, &req, OFPK_QUEUE_STATS_REQUEST);
    status = port_arg(s, argc, argv, &req.queue_stats_request.port_no);
    if (!status && argc > 1 && strcmp(argv[1], "ALL")
        && ofp_text_parse_uint(argv[1], 0, UINT32_MAX, &queue)) {
        status = ofctl_error("%s: expected a queue number or ALL", argv[1]);
    }
    if (status) {
        return status;
    }
    req.queue_stats_request.queue_id = queue;
    return ofctl_transact_print(s, &req);
}

static int
cmd_queue_get_config(struct ofctl_session *s, int argc, char *argv[])
{
    struct ofp_msg req;
    int status;

    ofctl_msg_init(s, &req, OFPK_QUEUE_GET_CONFIG_REQUEST);
    status = port_arg(s, argc, argv, &req.queue_config.port);
    if (status) {
        return status;
    }
    return ofctl_transact_print(s, &req);
}

/* Prints every message the switch sends until interrupted.  With
 * MISS_LEN, first asks for that many bytes of each table-miss packet,
 * keeping the switch's fragment handling as it is. */
static int
cmd_monitor(struct ofctl_session *s, int argc, char *argv[])
{
    struct strbuf sb = STRBUF_INIT;
    struct buf raw = BUF_INIT;
    int status = 0;

    if (argc) {
        struct ofp_switch_config config;
        struct ofp_msg msg, *replies;
        uint64_t miss_len;
        size_t n;

        if (ofp_text_parse_uint(argv[0], 10, UINT16_MAX, &miss_len)) {
            ofctl_error("%s: MISS_LEN must be a number of bytes from 0 to "
                        "65535",
                        argv[0]);
            return OFCTL_EXIT_USAGE;
        }
        status = get_config(s, &config);
        if (!status) {
            ofctl_msg_init(s, &msg, OFPK_SET_CONFIG);
            msg.config.flags = config.flags;
            msg.config.miss_send_len = miss_len;
            status = ofctl_transact(s, &msg, &replies, &n);
            ofp_conn_free_replies(replies, n);
        }
    }
    while (!status && s->conn) {
        struct ofp_msg msg;
        int retval = ofp_conn_recv(s->conn, &msg, &raw, -1);

        /* A message that does not decode prints as a decode error. */
        if (retval && retval != -EPROTO) {
            status = ofctl_error("%s", ofp_conn_error(s->conn));
            break;
        }
        strbuf_clear(&sb);
        ofp_print(&sb, raw.data, raw.size, OFP_PRINT_VERBOSITY_DEFAULT);
        fputs(strbuf_str(&sb), stdout);
        fflush(stdout);
        ofp_msg_uninit(&msg);
    }
    strbuf_free(&sb);
    buf_free(&raw);
    return status;
}

const struct ofctl_command ofctl_switch_commands[] = {
    {"show", "", 0, 0, true, cmd_show,
     "print the switch's features, ports and configuration"},
    {"dump-desc", "", 0, 0, true, cmd_dump_desc,
     "print the switch's description"},
    {"dump-tables", "", 0, 0, true, cmd_dump_tables, "print table statistics"},
    {"dump-table-features", "", 0, 0, true, cmd_dump_table_features,
     "print the features of every table"},
    {"dump-ports", "[PORT]", 0, 1, true, cmd_dump_ports,
     "print port statistics"},
    {"dump-ports-desc", "[PORT]", 0, 1, true, cmd_dump_ports_desc,
     "print port descriptions"},
    {"packet-out",
     "\"in_port=P packet=HEX actions=A\" | IN_PORT ACTIONS "
     "PACKET...",
     1, -1, true, cmd_packet_out, "send a packet through the switch"},
    {"mod-port", "PORT ACTION", 2, 2, true, cmd_mod_port,
     "bring PORT up or down, or change its receive, forward or packet-in "
     "setting"},
    {"get-frags", "", 0, 0, true, cmd_get_frags,
     "print how the switch handles IP fragments"},
    {"set-frags", "normal|drop|reassemble", 1, 1, true, cmd_set_frags,
     "set how the switch handles IP fragments"},
    {"queue-stats", "[PORT [QUEUE]]", 0, 2, true, cmd_queue_stats,
     "print queue statistics"},
    {"queue-get-config", "PORT", 1, 1, true, cmd_queue_get_config,
     "print the configuration of PORT's queues"},
    {"monitor", "[MISS_LEN]", 0, 1, true, cmd_monitor,
     "print the switch's asynchronous messages until interrupted"},
    {NULL, NULL, 0, 0, false, NULL, NULL},
};
