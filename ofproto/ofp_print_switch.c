/* Body printers for switch-level messages: the handshake, errors, echoes,
 * configuration, roles, asynchronous-message filters, table and port
 * changes, packet-ins and packet-outs, queue configuration, bundles and
 * the switch description; and the packet printer they share. */
#include "ofproto/ofp_print.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/flow_extract.h"
#include "lib/flow_format.h"
#include "lib/packets.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_text.h"

#define ETH_TYPE_IPV6 0x86dd
#define QUEUE_RATE_NONE 0xffff
#define QUEUE_RATE_MAX 1000 /* Tenths of a percent. */

/* HELLO.  Open vSwitch reads the version bitmap itself and reports
 * elements it does not understand ("unknown data in hello"), where Pont's
 * decoder skips or rejects them, so this printer works from the bytes. */

static uint32_t
implied_versions(uint8_t version)
{
    return version >= 31 ? UINT32_MAX & ~1u
                         : (uint32_t) ((UINT64_C(2) << version) - 2);
}

/* Returns false if Open vSwitch would find the elements malformed.  Sets
 * '*versions' to the bitmap it would use. */
static bool
hello_versions(const uint8_t *msg, size_t len, uint32_t *versions)
{
    struct buf_reader r;
    bool ok = true;

    *versions = implied_versions(msg[0]);
    buf_reader_init(&r, msg + OFP_HEADER_LEN, len - OFP_HEADER_LEN);
    while (r.left) {
        const uint8_t *elem = r.p;
        size_t elem_len;

        if (r.left < 4) {
            return false;
        }
        elem_len = buf_get_be16(elem + 2);
        if (elem_len < 4 || !buf_pull(&r, (elem_len + 7) / 8 * 8)) {
            return false;
        }
        if (buf_get_be16(elem) != OFPHET_VERSIONBITMAP || elem_len == 4
            || (elem_len - 4) % 4) {
            ok = false;
        } else {
            /* Version 0 does not exist. */
            uint32_t bitmap = buf_get_be32(elem + 4) & ~1u;
            if (bitmap) {
                *versions = bitmap;
            } else {
                ok = false;
            }
        }
    }
    return ok;
}

static int
print_hello(struct strbuf *sb, const struct ofp_msg *msg,
            const struct ofp_print_ctx *ctx)
{
    uint32_t versions;
    bool ok = hello_versions(ctx->raw, ctx->raw_len, &versions);
    const char *sep = "";

    (void) msg;
    strbuf_puts(sb, "\n version bitmap: ");
    for (int v = 0; v < 32; v++) {
        if (versions & (UINT32_C(1) << v)) {
            strbuf_printf(sb, "%s0x%02x", sep, v);
            sep = ", ";
        }
    }
    if (!ok) {
        strbuf_puts(sb, "\n unknown data in hello:\n");
        ofp_print_hex_dump(sb, ctx->raw, ctx->raw_len, 0, true);
    }
    return 0;
}

/* ERROR: the error's name, then the failed request, which is text for the
 * handshake's errors and a message for the others. */

static void
print_escaped(struct strbuf *sb, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '\\' || s[i] == '"') {
            strbuf_printf(sb, "\\%03o", s[i]);
        } else {
            strbuf_putc(sb, s[i]);
        }
    }
}

static int
print_error(struct strbuf *sb, const struct ofp_msg *msg,
            const struct ofp_print_ctx *ctx)
{
    const struct ofp_error_msg *em = &msg->error;

    if (!em->error) {
        /* Open vSwitch cannot decode an error it does not know. */
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    strbuf_printf(sb, " %s\n", ofperr_name(em->error));
    if (em->error == OFPERR_OFPHFC_INCOMPATIBLE
        || em->error == OFPERR_OFPHFC_EPERM) {
        print_escaped(sb, em->data.data, em->data.len);
    } else {
        ofp_print_with_ports(sb, em->data.data, em->data.len, 1, ctx->ports);
    }
    return 0;
}

static int
print_echo(struct strbuf *sb, const struct ofp_msg *msg,
           const struct ofp_print_ctx *ctx)
{
    strbuf_printf(sb, " %zu bytes of payload\n", msg->echo.len);
    if (ctx->verbosity > 1) {
        ofp_print_hex_dump(sb, msg->echo.data, msg->echo.len, 0, true);
    }
    return 0;
}

/* FEATURES_REPLY.  Open vSwitch keeps only the capabilities OpenFlow 1.3
 * defines. */

static const char *const capability_names[32] = {
    [0] = "FLOW_STATS",   [1] = "TABLE_STATS", [2] = "PORT_STATS",
    [3] = "GROUP_STATS",  [5] = "IP_REASM",    [6] = "QUEUE_STATS",
    [8] = "PORT_BLOCKED",
};
#define CAPABILITIES_OF13 0x16fu

static int
print_features_reply(struct strbuf *sb, const struct ofp_msg *msg,
                     const struct ofp_print_ctx *ctx)
{
    const struct ofp_features_reply *fr = &msg->features_reply;

    (void) ctx;
    strbuf_printf(sb, " dpid:%016" PRIx64 "\n", fr->datapath_id);
    strbuf_printf(sb, "n_tables:%" PRIu8 ", n_buffers:%" PRIu32, fr->n_tables,
                  fr->n_buffers);
    if (fr->auxiliary_id) {
        strbuf_printf(sb, ", auxiliary_id:%" PRIu8, fr->auxiliary_id);
    }
    strbuf_puts(sb, "\ncapabilities: ");
    ofp_print_bit_names(sb, fr->capabilities & CAPABILITIES_OF13,
                        capability_names, ' ');
    strbuf_putc(sb, '\n');
    return 0;
}

static int
print_switch_config(struct strbuf *sb, const struct ofp_msg *msg,
                    const struct ofp_print_ctx *ctx)
{
    static const char *const frags[] = {"normal", "drop", "reassemble",
                                        "nx-match"};

    (void) ctx;
    strbuf_printf(sb, " frags=%s miss_send_len=%" PRIu16,
                  frags[msg->config.flags & OFPC_FRAG_MASK],
                  msg->config.miss_send_len);
    return 0;
}

static int
print_role(struct strbuf *sb, const struct ofp_msg *msg,
           const struct ofp_print_ctx *ctx)
{
    static const char *const roles[] = {
        [OFPCR_ROLE_NOCHANGE] = "nochange",
        [OFPCR_ROLE_EQUAL] = "equal",
        [OFPCR_ROLE_MASTER] = "primary",
        [OFPCR_ROLE_SLAVE] = "secondary",
    };
    const struct ofp_role *role = &msg->role;

    (void) ctx;
    if (role->role >= ARRAY_SIZE(roles)) {
        return -OFPERR_OFPRRFC_BAD_ROLE;
    }
    strbuf_printf(sb, " role=%s", roles[role->role]);
    /* A role request that changes nothing carries no generation. */
    if (role->role != OFPCR_ROLE_NOCHANGE
        && role->generation_id != UINT64_MAX) {
        strbuf_printf(sb, " generation_id=%" PRIu64, role->generation_id);
    }
    return 0;
}

/* GET_ASYNC_REPLY and SET_ASYNC.  Open vSwitch lists every asynchronous
 * message it knows, including those OpenFlow 1.3 cannot configure, and
 * only the reasons it knows for each. */

static const char *const packet_in_reasons[] = {
    "no_match", "action", "invalid_ttl", "action_set", "group", "packet_out",
};
static const char *const port_status_reasons[] = {"add", "delete", "modify"};
static const char *const flow_removed_reasons[] = {
    "idle", "hard", "delete", "group_delete", "meter_delete", "eviction",
};

/* One line: the reasons of 'mask' that Open vSwitch keeps in OpenFlow 1.3,
 * the first 'n_names' of 'names'. */
static void
print_async_reasons(struct strbuf *sb, const char *type, uint32_t mask,
                    const char *const *names, size_t n_names)
{
    bool any = false;

    strbuf_printf(sb, "%16s:", type);
    for (size_t bit = 0; bit < n_names; bit++) {
        if (mask & (UINT32_C(1) << bit)) {
            strbuf_printf(sb, " %s", names[bit]);
            any = true;
        }
    }
    strbuf_puts(sb, any ? "\n" : " (off)\n");
}

static int
print_async(struct strbuf *sb, const struct ofp_msg *msg,
            const struct ofp_print_ctx *ctx)
{
    const struct ofp_async_config *ac = &msg->async;

    (void) ctx;
    for (int i = 0; i < 2; i++) {
        strbuf_printf(sb, "\n %s:\n", i ? "secondary" : "primary");
        print_async_reasons(sb, "PACKET_IN", ac->packet_in_mask[i],
                            packet_in_reasons, 3);
        print_async_reasons(sb, "PORT_STATUS", ac->port_status_mask[i],
                            port_status_reasons, 3);
        print_async_reasons(sb, "FLOW_REMOVED", ac->flow_removed_mask[i],
                            flow_removed_reasons, 6);
        print_async_reasons(sb, "ROLE_STATUS", 0, NULL, 0);
        print_async_reasons(sb, "TABLE_STATUS", 0, NULL, 0);
        print_async_reasons(sb, "REQUESTFORWARD", 0, NULL, 0);
    }
    return 0;
}

static int
print_table_mod(struct strbuf *sb, const struct ofp_msg *msg,
                const struct ofp_print_ctx *ctx)
{
    (void) ctx;
    /* OpenFlow 1.3 deprecated the table configuration bits: Open vSwitch
     * shows only the table. */
    if (msg->table_mod.table_id == OFPTT_ALL) {
        strbuf_puts(sb, " table_id: ALL_TABLES");
    } else {
        strbuf_printf(sb, " table_id=%" PRIu8, msg->table_mod.table_id);
    }
    return 0;
}

/* Ports. */

static const char *const port_config_names[32] = {
    [0] = "PORT_DOWN",
    [2] = "NO_RECV",
    [5] = "NO_FWD",
    [6] = "NO_PACKET_IN",
};
#define PORT_CONFIG_OF13 0x65u

static const char *const port_state_names[32] = {
    [0] = "LINK_DOWN",
    [1] = "BLOCKED",
    [2] = "LIVE",
};
#define PORT_STATE_OF13 0x7u

static const char *const port_feature_names[32] = {
    "10MB-HD", "10MB-FD",  "100MB-HD",   "100MB-FD",        "1GB-HD", "1GB-FD",
    "10GB-FD", "40GB-FD",  "100GB-FD",   "1TB-FD",          "OTHER",  "COPPER",
    "FIBER",   "AUTO_NEG", "AUTO_PAUSE", "AUTO_PAUSE_ASYM",
};
#define PORT_FEATURES_OF13 0xffffu

static void
print_port_features(struct strbuf *sb, const char *label, uint32_t features)
{
    features &= PORT_FEATURES_OF13;
    if (features) {
        strbuf_puts(sb, label);
        ofp_print_bit_names(sb, features, port_feature_names, ' ');
        strbuf_putc(sb, '\n');
    }
}

void
ofp_print_port_desc(struct strbuf *sb, const struct ofp_port *port)
{
    size_t name_len = 0;

    /* Open vSwitch shows a port's name up to its first unprintable
     * character. */
    while (name_len < sizeof port->name
           && isprint((uint8_t) port->name[name_len])) {
        name_len++;
    }
    strbuf_putc(sb, ' ');
    ofp_print_port_no(sb, port->port_no, NULL);
    strbuf_printf(sb, "(%.*s): addr:", (int) name_len, port->name);
    pkt_format_eth(sb, &port->hw_addr);
    strbuf_puts(sb, "\n     config:     ");
    ofp_print_bit_names(sb, port->config & PORT_CONFIG_OF13, port_config_names,
                        ' ');
    strbuf_puts(sb, "\n     state:      ");
    ofp_print_bit_names(sb, port->state & PORT_STATE_OF13, port_state_names,
                        ' ');
    strbuf_putc(sb, '\n');
    print_port_features(sb, "     current:    ", port->curr);
    print_port_features(sb, "     advertised: ", port->advertised);
    print_port_features(sb, "     supported:  ", port->supported);
    print_port_features(sb, "     peer:       ", port->peer);
    strbuf_printf(sb,
                  "     speed: %" PRIu32 " Mbps now, %" PRIu32 " Mbps max\n",
                  port->curr_speed / 1000, port->max_speed / 1000);
}

static int
print_port_status(struct strbuf *sb, const struct ofp_msg *msg,
                  const struct ofp_print_ctx *ctx)
{
    static const char *const reasons[] = {"ADD", "DEL", "MOD"};
    int error;

    (void) ctx;
    if (msg->port_status.reason >= ARRAY_SIZE(reasons)) {
        return -OFPERR_NXBRC_BAD_REASON;
    }
    error = ofp_print_check_port(msg->port_status.port.port_no);
    if (error) {
        return error;
    }
    strbuf_printf(sb, " %s:", reasons[msg->port_status.reason]);
    ofp_print_port_desc(sb, &msg->port_status.port);
    return 0;
}

static int
print_port_mod(struct strbuf *sb, const struct ofp_msg *msg,
               const struct ofp_print_ctx *ctx)
{
    const struct ofp_port_mod *pm = &msg->port_mod;
    int error = ofp_print_check_port(pm->port_no);

    if (error) {
        return error;
    }
    strbuf_puts(sb, " port: ");
    ofp_print_port_no(sb, pm->port_no, ctx->ports);
    strbuf_puts(sb, ": addr:");
    pkt_format_eth(sb, &pm->hw_addr);
    /* Open vSwitch keeps only the configuration bits that the mask
     * selects. */
    strbuf_puts(sb, "\n     config: ");
    ofp_print_bit_names(sb, pm->config & pm->mask & PORT_CONFIG_OF13,
                        port_config_names, ' ');
    strbuf_puts(sb, "\n     mask:   ");
    ofp_print_bit_names(sb, pm->mask & PORT_CONFIG_OF13, port_config_names,
                        ' ');
    strbuf_puts(sb, "\n     advertise: ");
    if (pm->advertise & PORT_FEATURES_OF13) {
        ofp_print_bit_names(sb, pm->advertise & PORT_FEATURES_OF13,
                            port_feature_names, ' ');
    } else {
        strbuf_puts(sb, "UNCHANGED");
    }
    strbuf_putc(sb, '\n');
    return 0;
}

/* Packets. */

/* Returns the number of bytes from the transport header to the end of the
 * IP packet (not the frame, whose Ethernet padding does not count). */
static size_t
l4_size(const uint8_t *data, size_t len, const struct flow_key *key,
        const struct flow_offsets *ofs)
{
    size_t ip_end;

    if (ofs->l4 == FLOW_OFS_NONE || ofs->l3 == FLOW_OFS_NONE) {
        return 0;
    }
    if (key->dl_type == htons(ETH_TYPE_IPV6)) {
        ip_end = ofs->l3 + 40 + buf_get_be16(data + ofs->l3 + 4);
    } else {
        ip_end = ofs->l3 + buf_get_be16(data + ofs->l3 + 2);
    }
    if (ip_end > len) {
        ip_end = len;
    }
    return ip_end > ofs->l4 ? ip_end - ofs->l4 : 0;
}

void
ofp_print_packet(struct strbuf *sb, const void *data_, size_t len)
{
    const uint8_t *data = data_;
    struct flow_offsets ofs;
    struct flow_key key;
    const uint8_t *l4;
    size_t n;

    flow_extract(data, len, 0, &key, &ofs);
    flow_format_packet(sb, &key);
    n = l4_size(data, len, &key, &ofs);
    l4 = n ? data + ofs.l4 : NULL;
    /* Like Open vSwitch, look at the protocol number only: the ARP opcode
     * lives there too, but ARP has no transport header. */
    if (key.nw_proto == IPPROTO_TCP && n >= 20) {
        strbuf_printf(sb, " tcp_csum:%" PRIx16, buf_get_be16(l4 + 16));
    } else if (key.nw_proto == IPPROTO_UDP && n >= 8) {
        strbuf_printf(sb, " udp_csum:%" PRIx16, buf_get_be16(l4 + 6));
    } else if (key.nw_proto == IPPROTO_SCTP && n >= 12) {
        strbuf_printf(sb, " sctp_csum:%" PRIx32, buf_get_be32(l4 + 8));
    } else if (key.nw_proto == IPPROTO_ICMP && n >= 8) {
        strbuf_printf(sb, " icmp_csum:%" PRIx16, buf_get_be16(l4 + 2));
    } else if (key.nw_proto == IPPROTO_ICMPV6 && n >= 4) {
        strbuf_printf(sb, " icmp6_csum:%" PRIx16, buf_get_be16(l4 + 2));
    }
    strbuf_putc(sb, '\n');
}

static int
print_packet_in(struct strbuf *sb, const struct ofp_msg *msg,
                const struct ofp_print_ctx *ctx)
{
    const struct ofp_packet_in *pin = &msg->packet_in;

    if (pin->table_id) {
        strbuf_printf(sb, " table_id=%" PRIu8, pin->table_id);
    }
    if (pin->cookie != UINT64_MAX) {
        strbuf_printf(sb, " cookie=0x%" PRIx64, pin->cookie);
    }
    strbuf_printf(sb, " total_len=%" PRIu16 " ", pin->total_len);
    flow_format_match(sb, &pin->match, FLOW_DEFAULT_PRIORITY);
    if (pin->reason < ARRAY_SIZE(packet_in_reasons)) {
        strbuf_printf(sb, " (via %s)", packet_in_reasons[pin->reason]);
    } else {
        strbuf_printf(sb, " (via %" PRIu8 ")", pin->reason);
    }
    strbuf_printf(sb, " data_len=%zu", pin->data.len);
    if (pin->buffer_id == OFP_NO_BUFFER) {
        strbuf_puts(sb, " (unbuffered)");
        if (pin->total_len != pin->data.len) {
            strbuf_puts(sb, " (***total_len != data_len***)");
        }
    } else {
        strbuf_printf(sb, " buffer=0x%08" PRIx32, pin->buffer_id);
    }
    strbuf_putc(sb, '\n');
    if (ctx->verbosity > 0) {
        ofp_print_packet(sb, pin->data.data, pin->data.len);
    }
    if (ctx->verbosity > 2) {
        ofp_print_hex_dump(sb, pin->data.data, pin->data.len, 0, false);
    }
    return 0;
}

static int
print_packet_out(struct strbuf *sb, const struct ofp_msg *msg,
                 const struct ofp_print_ctx *ctx)
{
    const struct ofp_packet_out *po = &msg->packet_out;
    int error = ofp_print_check_port(po->in_port);

    if (error) {
        return error;
    }
    strbuf_puts(sb, " in_port=");
    ofp_print_port_no(sb, po->in_port, ctx->ports);
    strbuf_puts(sb, " actions=");
    ofp_text_format_actions(sb, &po->actions);
    if (po->buffer_id != OFP_NO_BUFFER) {
        strbuf_printf(sb, " buffer=0x%08" PRIx32, po->buffer_id);
        return 0;
    }
    strbuf_printf(sb, " data_len=%zu", po->data.len);
    if (ctx->verbosity > 0 && po->data.len) {
        strbuf_putc(sb, '\n');
        ofp_print_packet(sb, po->data.data, po->data.len);
    }
    if (ctx->verbosity > 2) {
        ofp_print_hex_dump(sb, po->data.data, po->data.len, 0, false);
    }
    return 0;
}

/* Queue configuration. */

static int
print_queue_get_config_request(struct strbuf *sb, const struct ofp_msg *msg,
                               const struct ofp_print_ctx *ctx)
{
    int error = ofp_print_check_port(msg->queue_config.port);

    if (error) {
        return error;
    }
    strbuf_puts(sb, " port=");
    ofp_print_port_no(sb, msg->queue_config.port, ctx->ports);
    return 0;
}

static void
print_queue_rate(struct strbuf *sb, const char *name, uint16_t rate)
{
    if (rate <= QUEUE_RATE_MAX) {
        strbuf_printf(sb, " %s:%u.%u%%", name, rate / 10, rate % 10);
    } else if (rate != QUEUE_RATE_NONE) {
        strbuf_printf(sb, " %s:(disabled)", name);
    }
}

static int
compare_queues(const void *a_, const void *b_)
{
    const struct ofp_queue *a = a_, *b = b_;

    return a->queue_id < b->queue_id ? -1 : a->queue_id > b->queue_id;
}

static int
print_queue_get_config_reply(struct strbuf *sb, const struct ofp_msg *msg,
                             const struct ofp_print_ctx *ctx)
{
    const struct ofp_queue_get_config *qc = &msg->queue_config;
    struct ofp_queue *queues;
    int error = ofp_print_check_port(qc->port);

    if (error) {
        return error;
    }
    /* Open vSwitch files every queue under the reply's port, which it
     * names before the first queue unless it is 0, and sorts the queues by
     * id. */
    queues = xmalloc((qc->n_queues + 1) * sizeof *queues);
    if (qc->n_queues) {
        memcpy(queues, qc->queues, qc->n_queues * sizeof *queues);
        qsort(queues, qc->n_queues, sizeof *queues, compare_queues);
    }
    strbuf_putc(sb, ' ');
    for (size_t i = 0; i < qc->n_queues; i++) {
        const struct ofp_queue *q = &queues[i];

        if (!i && qc->port) {
            strbuf_puts(sb, "port=");
            ofp_print_port_no(sb, qc->port, ctx->ports);
            strbuf_putc(sb, '\n');
        }
        strbuf_printf(sb, "queue %" PRIu32 ":", q->queue_id);
        print_queue_rate(sb, "min_rate", q->min_rate);
        print_queue_rate(sb, "max_rate", q->max_rate);
        strbuf_putc(sb, '\n');
    }
    ofp_print_chomp_space(sb);
    free(queues);
    return 0;
}

/* Bundles. */

static const char *const bundle_flag_names[32] = {"atomic", "ordered"};

/* Open vSwitch prints bundle ids with "%#x", which prints 0 as "0". */
static void
print_bundle_id(struct strbuf *sb, uint32_t bundle_id)
{
    strbuf_printf(
        sb, bundle_id ? "\n bundle_id=0x%" PRIx32 : "\n bundle_id=%" PRIu32,
        bundle_id);
}

static void
print_bundle_flags(struct strbuf *sb, uint16_t flags)
{
    strbuf_puts(sb, " flags=");
    ofp_print_bit_names(sb, flags, bundle_flag_names, ' ');
}

static int
print_bundle_control(struct strbuf *sb, const struct ofp_msg *msg,
                     const struct ofp_print_ctx *ctx)
{
    static const char *const types[] = {
        "OPEN_REQUEST",   "OPEN_REPLY",   "CLOSE_REQUEST",   "CLOSE_REPLY",
        "COMMIT_REQUEST", "COMMIT_REPLY", "DISCARD_REQUEST", "DISCARD_REPLY",
    };
    const struct ofp_bundle_control *bc = &msg->bundle_control;

    (void) ctx;
    print_bundle_id(sb, bc->bundle_id);
    strbuf_printf(sb, " type=%s",
                  bc->type < ARRAY_SIZE(types) ? types[bc->type] : "");
    print_bundle_flags(sb, bc->flags);
    return 0;
}

/* Open vSwitch accepts only these messages inside a bundle. */
static bool
is_bundlable(const uint8_t *inner, size_t len)
{
    if (len < OFP_HEADER_LEN) {
        return false;
    }
    switch (inner[1]) {
    case OFPT_FLOW_MOD:
    case OFPT_GROUP_MOD:
    case OFPT_PORT_MOD:
    case OFPT_METER_MOD:
    case OFPT_PACKET_OUT:
        return true;
    default:
        return false;
    }
}

static int
print_bundle_add(struct strbuf *sb, const struct ofp_msg *msg,
                 const struct ofp_print_ctx *ctx)
{
    const struct ofp_bundle_add *ba = &msg->bundle_add;

    if (!is_bundlable(ba->msg.data, ba->msg.len)) {
        return -OFPERR_OFPBFC_MSG_UNSUP;
    }
    print_bundle_id(sb, ba->bundle_id);
    print_bundle_flags(sb, ba->flags);
    strbuf_putc(sb, '\n');
    ofp_print_with_ports(sb, ba->msg.data, ba->msg.len, ctx->verbosity,
                         ctx->ports);
    return 0;
}

static int
print_desc_reply(struct strbuf *sb, const struct ofp_msg *msg,
                 const struct ofp_print_ctx *ctx)
{
    const struct ofp_desc_reply *d = &msg->desc_reply;

    (void) ctx;
    strbuf_printf(sb, "\nManufacturer: %s\n", d->mfr_desc);
    strbuf_printf(sb, "Hardware: %s\n", d->hw_desc);
    strbuf_printf(sb, "Software: %s\n", d->sw_desc);
    strbuf_printf(sb, "Serial Num: %s\n", d->serial_num);
    strbuf_printf(sb, "DP Description: %s\n", d->dp_desc);
    return 0;
}

/* Pont's own message: "host_id=h1 tunnel_ip=10.0.0.1 uplink=eth0", then
 * one line per port, " port 3: key=acme/vm1". */
static int
print_host_info_reply(struct strbuf *sb, const struct ofp_msg *msg,
                      const struct ofp_print_ctx *ctx)
{
    const struct ofp_host_info *hi = &msg->host_info;
    const uint8_t *ip = (const uint8_t *) &hi->tunnel_ip;

    strbuf_printf(sb, " host_id=%s tunnel_ip=%u.%u.%u.%u uplink=%s",
                  hi->host_id, ip[0], ip[1], ip[2], ip[3],
                  hi->uplink[0] ? hi->uplink : "(none)");
    for (size_t i = 0; i < hi->n_ports; i++) {
        strbuf_puts(sb, "\n port ");
        ofp_print_port_no(sb, hi->ports[i].port_no, ctx->ports);
        strbuf_printf(sb, ": key=%s", hi->ports[i].key);
    }
    return 0;
}

const struct ofp_printer ofp_printers_switch[OFPK_N_KINDS] = {
    [OFPK_HELLO] = {print_hello},
    [OFPK_ERROR] = {print_error},
    [OFPK_ECHO_REQUEST] = {print_echo},
    [OFPK_ECHO_REPLY] = {print_echo},
    [OFPK_FEATURES_REPLY] = {print_features_reply},
    [OFPK_GET_CONFIG_REPLY] = {print_switch_config},
    [OFPK_SET_CONFIG] = {print_switch_config},
    [OFPK_ROLE_REQUEST] = {print_role},
    [OFPK_ROLE_REPLY] = {print_role},
    [OFPK_GET_ASYNC_REPLY] = {print_async},
    [OFPK_SET_ASYNC] = {print_async},
    [OFPK_TABLE_MOD] = {print_table_mod},
    [OFPK_PORT_STATUS] = {print_port_status},
    [OFPK_PORT_MOD] = {print_port_mod},
    [OFPK_PACKET_IN] = {print_packet_in},
    [OFPK_PACKET_OUT] = {print_packet_out},
    [OFPK_QUEUE_GET_CONFIG_REQUEST] = {print_queue_get_config_request},
    [OFPK_QUEUE_GET_CONFIG_REPLY] = {print_queue_get_config_reply},
    [OFPK_BUNDLE_CONTROL] = {print_bundle_control},
    [OFPK_BUNDLE_ADD] = {print_bundle_add},
    [OFPK_DESC_REPLY] = {print_desc_reply},
    [OFPK_PONT_HOST_INFO_REPLY] = {print_host_info_reply},
};
