/* pont-ofctl sessions: sending messages to a switch, or printing them as hex
 * for ofp-encode; errors; reading command files. */
#include "utilities/ofctl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_print.h"
#include "ofproto/ofp_text.h"

/* Open vSwitch opens its bundles with id 0. */
#define BUNDLE_ID 0

struct ofctl_options ofctl_opts = {false, false, 10000};

int
ofctl_error(const char *format, ...)
{
    va_list args;

    fflush(stdout);
    fputs("pont-ofctl: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    return 1;
}

void
ofctl_msg_init(struct ofctl_session *s, struct ofp_msg *msg,
               enum ofp_msg_kind kind)
{
    ofp_msg_init(msg, kind,
                 s->conn ? ofp_conn_next_xid(s->conn) : s->next_xid++);
}

/* Prints 'msg''s bytes in hex on a line of their own (what the offline
 * mode prints instead of sending).  Returns 0, or an ofctl_error() status
 * if 'msg' is too large for one message. */
static int
print_hex(const struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    int status = 0;

    if (ofp_msg_encode(msg, &b)) {
        status = ofctl_error("%s is too large for one OpenFlow message "
                             "(more than 65535 bytes)",
                             ofp_msg_kind_name(msg->kind));
    } else {
        for (size_t i = 0; i < b.size; i++) {
            printf("%02x", b.data[i]);
        }
        putchar('\n');
    }
    buf_free(&b);
    return status;
}

/* Reports the failure of the transaction for 'msg'. */
static int
report_failure(struct ofctl_session *s, const struct ofp_msg *msg)
{
    return ofctl_error("%s failed: %s", ofp_msg_kind_name(msg->kind),
                       ofp_conn_error(s->conn));
}

int
ofctl_transact(struct ofctl_session *s, const struct ofp_msg *msg,
               struct ofp_msg **replies, size_t *n_replies)
{
    int retval;

    *replies = NULL;
    *n_replies = 0;
    if (!s->conn) {
        return print_hex(msg);
    }
    retval = ofp_conn_transact(s->conn, msg, replies, n_replies);
    return retval ? report_failure(s, msg) : 0;
}

/* Which message of a batch failed: its label, found by xid. */
struct batch {
    const struct ofp_msg *msgs;
    const char *const *labels; /* NULL, or one per message. */
    size_t n;
    int status;
};

static void
report_batch_error(const struct ofp_msg *error, void *batch_)
{
    struct batch *batch = batch_;
    const char *label = NULL;

    for (size_t i = 0; i < batch->n && batch->labels; i++) {
        if (batch->msgs[i].xid == error->xid) {
            label = batch->labels[i];
        }
    }
    batch->status =
        ofctl_error("%s%sthe switch rejected it: %s (%s)", label ? label : "",
                    label ? ": " : "", ofperr_name(error->error.error),
                    ofperr_description(error->error.error));
}

/* Sends 'msgs', then a barrier, and reports every error the switch sends
 * for them before the barrier's reply. */
static int
send_all_then_barrier(struct ofctl_session *s, const struct ofp_msg *msgs,
                      const char *const *labels, size_t n)
{
    struct batch batch = {msgs, labels, n, 0};

    if (ofp_conn_send_fenced(s->conn, msgs, n, report_batch_error, &batch)) {
        return ofctl_error("%s", ofp_conn_error(s->conn));
    }
    return batch.status;
}

static int
bundle_control(struct ofctl_session *s, uint16_t type, uint16_t want)
{
    struct ofp_msg ctl, *replies;
    size_t n;
    int status;

    ofctl_msg_init(s, &ctl, OFPK_BUNDLE_CONTROL);
    ctl.bundle_control.bundle_id = BUNDLE_ID;
    ctl.bundle_control.type = type;
    ctl.bundle_control.flags = OFPBF_ATOMIC | OFPBF_ORDERED;
    status = ofctl_transact(s, &ctl, &replies, &n);
    if (!status && s->conn
        && (n != 1 || replies[0].kind != OFPK_BUNDLE_CONTROL
            || replies[0].bundle_control.type != want)) {
        status = ofctl_error("the switch did not confirm the bundle "
                             "operation");
    }
    ofp_conn_free_replies(replies, n);
    return status;
}

/* Sends 'msgs' in one atomic bundle: open, add each, commit. */
static int
send_bundle(struct ofctl_session *s, struct ofp_msg *msgs,
            const char *const *labels, size_t n)
{
    int status = bundle_control(s, OFPBCT_OPEN_REQUEST, OFPBCT_OPEN_REPLY);
    struct ofp_msg *adds = xzalloc(n * sizeof *adds);

    for (size_t i = 0; i < n; i++) {
        struct buf inner = BUF_INIT;

        ofp_msg_encode(&msgs[i], &inner);
        ofp_msg_init(&adds[i], OFPK_BUNDLE_ADD, msgs[i].xid);
        adds[i].bundle_add.bundle_id = BUNDLE_ID;
        adds[i].bundle_add.flags = OFPBF_ATOMIC | OFPBF_ORDERED;
        ofp_bytes_set(&adds[i].bundle_add.msg, inner.data, inner.size);
        buf_free(&inner);
    }
    if (!status) {
        status = s->conn ? send_all_then_barrier(s, adds, labels, n) : 0;
        for (size_t i = 0; i < n && !s->conn && !status; i++) {
            status = print_hex(&adds[i]);
        }
    }
    if (!status) {
        status = bundle_control(s, OFPBCT_COMMIT_REQUEST, OFPBCT_COMMIT_REPLY);
    }
    for (size_t i = 0; i < n; i++) {
        ofp_msg_uninit(&adds[i]);
    }
    free(adds);
    return status;
}

int
ofctl_send_mods(struct ofctl_session *s, struct ofp_msg *msgs,
                const char *const *labels, size_t n)
{
    if (ofctl_opts.bundle) {
        return send_bundle(s, msgs, labels, n);
    }
    if (!s->conn) {
        int status = 0;

        for (size_t i = 0; i < n && !status; i++) {
            status = print_hex(&msgs[i]);
        }
        return status;
    }
    return send_all_then_barrier(s, msgs, labels, n);
}

/* Prints a reply's bytes as ovs-ofctl prints replies to its commands; one
 * that does not decode prints as a decode error and a hex dump. */
static int
print_reply(struct ofp_msg *reply, const struct buf *raw, void *sb_)
{
    struct strbuf *sb = sb_;

    (void) reply;
    strbuf_clear(sb);
    ofp_print(sb, raw->data, raw->size, OFP_PRINT_VERBOSITY_COMMANDS);
    fputs(strbuf_str(sb), stdout);
    return 0;
}

int
ofctl_transact_print(struct ofctl_session *s, const struct ofp_msg *msg)
{
    struct strbuf sb = STRBUF_INIT;
    int retval;

    if (!s->conn) {
        return print_hex(msg);
    }
    retval = ofp_conn_transact_each(s->conn, msg, print_reply, &sb);
    strbuf_free(&sb);
    return retval ? report_failure(s, msg) : 0;
}

void
ofctl_print_replies(const struct ofp_msg *replies, size_t n)
{
    struct strbuf sb = STRBUF_INIT;

    for (size_t i = 0; i < n; i++) {
        strbuf_clear(&sb);
        ofp_print_msg(&sb, &replies[i], OFP_PRINT_VERBOSITY_COMMANDS, NULL);
        fputs(strbuf_str(&sb), stdout);
    }
    strbuf_free(&sb);
}

int
ofctl_parse_hex(const char *s, struct buf *out)
{
    int high = -1;

    for (; *s; s++) {
        int digit;

        if (strchr(" \t\n", *s)) {
            continue;
        }
        if (*s >= '0' && *s <= '9') {
            digit = *s - '0';
        } else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f') {
            digit = (*s | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
        if (high < 0) {
            high = digit;
        } else {
            buf_put_u8(out, high << 4 | digit);
            high = -1;
        }
    }
    return high < 0 ? 0 : -1;
}

const struct ofp_port_map *
ofctl_port_map(struct ofctl_session *s)
{
    struct ofp_msg req, *replies;
    size_t n;

    if (!s->conn || s->ports) {
        return s->ports;
    }
    s->ports = ofp_port_map_create();
    ofctl_msg_init(s, &req, OFPK_PORT_DESC_REQUEST);
    if (ofp_conn_transact(s->conn, &req, &replies, &n)) {
        ofctl_error("warning: could not read the switch's port names (%s); "
                    "only port numbers will be understood",
                    ofp_conn_error(s->conn));
    } else {
        for (size_t i = 0; i < n; i++) {
            const struct ofp_msg *r = &replies[i];
            for (size_t j = 0; j < r->port_desc_reply.n; j++) {
                const struct ofp_port *p = &r->port_desc_reply.entries[j];
                ofp_port_map_add(s->ports, p->port_no, p->name);
            }
        }
        ofp_conn_free_replies(replies, n);
    }
    return s->ports;
}

int
ofctl_read_lines(const char *file,
                 int (*line_fn)(char *line, int line_no, void *aux), void *aux)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    char *line = NULL;
    size_t cap = 0;
    int line_no = 0, status = 0;

    if (!f) {
        return ofctl_error("%s: cannot open: %s", file, strerror(errno));
    }
    while (!status && getline(&line, &cap, f) > 0) {
        char *p = line + strspn(line, " \t");

        line_no++;
        /* As in ovs-ofctl, '#' starts a comment anywhere on a line. */
        p[strcspn(p, "#\r\n")] = '\0';
        for (size_t len = strlen(p); len && strchr(" \t", p[len - 1]);) {
            p[--len] = '\0';
        }
        if (*p) {
            status = line_fn(p, line_no, aux);
        }
    }
    if (!status && ferror(f)) {
        status = ofctl_error("%s: read error: %s", file, strerror(errno));
    }
    free(line);
    if (f != stdin) {
        fclose(f);
    }
    return status;
}
