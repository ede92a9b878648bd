/* Framing and dispatch for ofp_print(): Open vSwitch's reports about
 * message framing, its header line, and the per-kind body printers. */
#include "ofproto/ofp_print.h"

#include <inttypes.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* Sizes of the headers that come before a body. */
#define MULTIPART_HEADER_LEN 16
#define EXPERIMENTER_HEADER_LEN 16
#define MULTIPART_EXP_HEADER_LEN 24 /* Multipart + experimenter ids. */

/* Open vSwitch checks a message's length against its type before decoding
 * its body: the body must be 'min' bytes plus a multiple of 'multiple'
 * ('multiple' 0: exactly 'min').  A message that fails gets a bare
 * "***decode error: OFPBRC_BAD_LEN***", with no header line. */
struct length_rule {
    uint16_t min;
    uint16_t multiple;
};

static const struct length_rule length_rules[OFPK_N_KINDS] = {
    [OFPK_HELLO] = {0, 1},
    [OFPK_ERROR] = {4, 1},
    [OFPK_ECHO_REQUEST] = {0, 1},
    [OFPK_ECHO_REPLY] = {0, 1},
    [OFPK_EXPERIMENTER] = {0, 1},
    [OFPK_FEATURES_REPLY] = {24, 0},
    [OFPK_GET_CONFIG_REPLY] = {4, 0},
    [OFPK_SET_CONFIG] = {4, 0},
    [OFPK_PACKET_IN] = {16, 1},
    [OFPK_FLOW_REMOVED] = {40, 8},
    [OFPK_PORT_STATUS] = {72, 0},
    [OFPK_PACKET_OUT] = {16, 1},
    [OFPK_FLOW_MOD] = {40, 8},
    [OFPK_GROUP_MOD] = {8, 8},
    [OFPK_PORT_MOD] = {32, 0},
    [OFPK_TABLE_MOD] = {8, 0},
    [OFPK_QUEUE_GET_CONFIG_REQUEST] = {8, 0},
    [OFPK_QUEUE_GET_CONFIG_REPLY] = {8, 8},
    [OFPK_ROLE_REQUEST] = {16, 0},
    [OFPK_ROLE_REPLY] = {16, 0},
    [OFPK_GET_ASYNC_REPLY] = {24, 0},
    [OFPK_SET_ASYNC] = {24, 0},
    [OFPK_METER_MOD] = {8, 8},
    [OFPK_DESC_REPLY] = {1056, 0},
    [OFPK_FLOW_STATS_REQUEST] = {32, 8},
    [OFPK_FLOW_STATS_REPLY] = {0, 1},
    [OFPK_AGGREGATE_REQUEST] = {32, 8},
    [OFPK_AGGREGATE_REPLY] = {24, 0},
    [OFPK_TABLE_STATS_REPLY] = {0, 24},
    [OFPK_PORT_STATS_REQUEST] = {8, 0},
    [OFPK_PORT_STATS_REPLY] = {0, 112},
    [OFPK_QUEUE_STATS_REQUEST] = {8, 0},
    [OFPK_QUEUE_STATS_REPLY] = {0, 40},
    [OFPK_GROUP_STATS_REQUEST] = {8, 0},
    [OFPK_GROUP_STATS_REPLY] = {0, 8},
    [OFPK_GROUP_DESC_REPLY] = {0, 8},
    [OFPK_GROUP_FEATURES_REPLY] = {40, 0},
    [OFPK_METER_STATS_REQUEST] = {8, 0},
    [OFPK_METER_STATS_REPLY] = {0, 8},
    [OFPK_METER_CONFIG_REQUEST] = {8, 0},
    [OFPK_METER_CONFIG_REPLY] = {0, 8},
    [OFPK_METER_FEATURES_REPLY] = {16, 0},
    [OFPK_TABLE_FEATURES_REQUEST] = {0, 8},
    [OFPK_TABLE_FEATURES_REPLY] = {64, 8},
    [OFPK_PORT_DESC_REPLY] = {0, 64},
    [OFPK_BUNDLE_CONTROL] = {8, 8},
    [OFPK_BUNDLE_ADD] = {8, 1},
    [OFPK_PONT_HOST_INFO_REPLY] = {OFP_HOST_INFO_LEN, OFP_HOST_INFO_PORT_LEN},
    /* Other kinds have empty bodies: {0, 0}. */
};

/* Messages Open vSwitch knows in OpenFlow 1.3 but Pont does not implement:
 * their names, for the header line.  'type' is OFPT_EXPERIMENTER for
 * experimenter messages, OFPT_MULTIPART_* for multipart ones ('mp_type'
 * OFPMP_EXPERIMENTER for experimenter multipart messages). */
struct foreign_msg {
    uint8_t type;
    uint16_t mp_type;
    uint32_t vendor;
    uint32_t subtype;
    const char *name;
};

#define NXT(SUBTYPE, NAME)                                                     \
    {                                                                          \
        OFPT_EXPERIMENTER, 0, NX_VENDOR_ID, SUBTYPE, NAME                      \
    }
#define ONFT(SUBTYPE, NAME)                                                    \
    {                                                                          \
        OFPT_EXPERIMENTER, 0, ONF_VENDOR_ID, SUBTYPE, NAME                     \
    }
#define XST(VENDOR, SUBTYPE, NAME)                                             \
    {OFPT_MULTIPART_REQUEST, OFPMP_EXPERIMENTER, VENDOR, SUBTYPE,              \
     NAME " request"},                                                         \
    {                                                                          \
        OFPT_MULTIPART_REPLY, OFPMP_EXPERIMENTER, VENDOR, SUBTYPE,             \
            NAME " reply"                                                      \
    }

static const struct foreign_msg foreign_msgs[] = {
    XST(NX_VENDOR_ID, 3, "NXST_IPFIX_BRIDGE"),
    XST(NX_VENDOR_ID, 4, "NXST_IPFIX_FLOW"),
    XST(ONF_VENDOR_ID, 1870, "ONFST_FLOW_MONITOR"),
    NXT(10, "NXT_ROLE_REQUEST"),
    NXT(11, "NXT_ROLE_REPLY"),
    NXT(13, "NXT_FLOW_MOD"),
    NXT(14, "NXT_FLOW_REMOVED"),
    NXT(15, "NXT_FLOW_MOD_TABLE_ID"),
    NXT(16, "NXT_SET_PACKET_IN_FORMAT"),
    NXT(17, "NXT_PACKET_IN"),
    NXT(18, "NXT_FLOW_AGE"),
    NXT(19, "NXT_SET_ASYNC_CONFIG"),
    NXT(20, "NXT_SET_CONTROLLER_ID"),
    NXT(24, "NXT_TLV_TABLE_MOD"),
    NXT(25, "NXT_TLV_TABLE_REQUEST"),
    NXT(26, "NXT_TLV_TABLE_REPLY"),
    NXT(27, "NXT_SET_ASYNC_CONFIG2"),
    NXT(28, "NXT_RESUME"),
    NXT(29, "NXT_CT_FLUSH_ZONE"),
    NXT(30, "NXT_PACKET_IN2"),
    NXT(32, "NXT_CT_FLUSH"),
    ONFT(1870, "ONFT_FLOW_MONITOR_CANCEL"),
    ONFT(1871, "ONFT_FLOW_MONITOR_PAUSED"),
    ONFT(1872, "ONFT_FLOW_MONITOR_RESUMED"),
    ONFT(1911, "ONFT_ROLE_STATUS"),
    ONFT(2350, "ONFT_REQUESTFORWARD"),
};

/* What the first bytes of a message say it is, as far as Open vSwitch's
 * framing goes. */
struct frame {
    int error;            /* -OFPERR_* if Open vSwitch cannot tell. */
    int kind;             /* OFPK_*, or -1 for a message Pont lacks. */
    const char *name;     /* For the header line (unless 'error'). */
    size_t header_len;    /* Bytes before the body. */
    bool multipart;       /* Has multipart flags to print. */
    bool foreign_version; /* A version other than 1.3 that OVS knows. */
};

static const char *
kind_name(enum ofp_msg_kind kind)
{
    /* In OpenFlow 1.3 the bundle messages are ONF's extension. */
    switch (kind) {
    case OFPK_BUNDLE_CONTROL:
        return "ONFT_BUNDLE_CONTROL";
    case OFPK_BUNDLE_ADD:
        return "ONFT_BUNDLE_ADD_MESSAGE";
    default:
        return ofp_msg_kind_name(kind);
    }
}

/* The multipart type of each kind, or -1. */
static const int kind_mp_types[OFPK_N_KINDS] = {
#define KIND_MP_TYPE_(KIND, TYPE, MP, NAME) [OFPK_##KIND] = MP,
    OFP_MSG_KINDS(KIND_MP_TYPE_)
#undef KIND_MP_TYPE_
};

/* Returns the kind of a message of 'type' and 'mp_type' (-1 if not
 * multipart) other than an experimenter message, or -1 if there is none. */
static int
find_kind(uint8_t type, int mp_type)
{
    for (int k = 0; k < OFPK_N_KINDS; k++) {
        if (ofp_msg_kind_type(k) == type && kind_mp_types[k] == mp_type
            && type != OFPT_EXPERIMENTER) {
            return k;
        }
    }
    return -1;
}

static const char *
foreign_name(uint8_t type, uint16_t mp_type, uint32_t vendor, uint32_t subtype)
{
    for (size_t i = 0; i < ARRAY_SIZE(foreign_msgs); i++) {
        const struct foreign_msg *f = &foreign_msgs[i];
        if (f->type == type && f->mp_type == mp_type && f->vendor == vendor
            && f->subtype == subtype) {
            return f->name;
        }
    }
    return NULL;
}

/* Identifies an experimenter message (plain or multipart) from its vendor
 * and subtype. */
static void
identify_vendor(struct frame *f, uint8_t type, uint16_t mp_type,
                uint32_t vendor, uint32_t subtype)
{
    if (type == OFPT_EXPERIMENTER && vendor == PONT_VENDOR_ID) {
        /* Pont's own messages, which Open vSwitch does not know. */
        if (subtype == PONT_HOST_INFO_REQUEST) {
            f->kind = OFPK_PONT_HOST_INFO_REQUEST;
        } else if (subtype == PONT_HOST_INFO_REPLY) {
            f->kind = OFPK_PONT_HOST_INFO_REPLY;
        } else {
            f->error = -OFPERR_OFPBRC_BAD_SUBTYPE;
            return;
        }
        f->name = kind_name(f->kind);
        return;
    }
    if (vendor != NX_VENDOR_ID && vendor != ONF_VENDOR_ID) {
        f->error = -OFPERR_OFPBRC_BAD_VENDOR;
        return;
    }
    if (type == OFPT_EXPERIMENTER && vendor == ONF_VENDOR_ID
        && (subtype == ONFT_BUNDLE_CONTROL
            || subtype == ONFT_BUNDLE_ADD_MESSAGE)) {
        f->kind = subtype == ONFT_BUNDLE_CONTROL ? OFPK_BUNDLE_CONTROL
                                                 : OFPK_BUNDLE_ADD;
        f->name = kind_name(f->kind);
        return;
    }
    f->name = foreign_name(type, mp_type, vendor, subtype);
    if (!f->name) {
        f->error = -OFPERR_OFPBRC_BAD_SUBTYPE;
    }
}

static void
identify_multipart(struct frame *f, const uint8_t *h, size_t avail)
{
    uint16_t mp_type;

    if (avail < MULTIPART_HEADER_LEN) {
        f->error = -OFPERR_OFPBRC_BAD_LEN;
        return;
    }
    mp_type = buf_get_be16(h + OFP_HEADER_LEN);
    f->header_len = MULTIPART_HEADER_LEN;
    f->multipart = true;
    if (mp_type == OFPMP_EXPERIMENTER) {
        if (avail < MULTIPART_EXP_HEADER_LEN) {
            f->error = -OFPERR_OFPBRC_BAD_LEN;
            return;
        }
        f->header_len = MULTIPART_EXP_HEADER_LEN;
        identify_vendor(f, h[1], mp_type, buf_get_be32(h + 16),
                        buf_get_be32(h + 20));
        return;
    }
    f->kind = find_kind(h[1], mp_type);
    f->name =
        f->kind >= 0 ? kind_name(f->kind) : foreign_name(h[1], mp_type, 0, 0);
    if (!f->name) {
        f->error = -OFPERR_OFPBRC_BAD_STAT;
    }
}

/* Identifies the message whose first 'avail' bytes (at least a header) are
 * at 'h', as Open vSwitch would. */
static void
identify(const uint8_t *h, size_t avail, struct frame *f)
{
    uint8_t version = h[0], type = h[1];

    memset(f, 0, sizeof *f);
    f->kind = -1;
    f->header_len = OFP_HEADER_LEN;
    if (version != OFP13_VERSION) {
        /* HELLO, ERROR and the ECHO messages exist in every version; Open
         * vSwitch knows the others only in the versions it implements. */
        if (version && type <= OFPT_ECHO_REPLY) {
            f->kind = find_kind(type, -1);
            f->name = kind_name(f->kind);
            f->foreign_version = type == OFPT_ERROR;
        } else if (version >= OFP10_VERSION && version <= OFP15_VERSION) {
            f->foreign_version = true;
            f->error = -OFPERR_OFPBRC_BAD_VERSION;
        } else {
            f->error = -OFPERR_OFPBRC_BAD_TYPE;
        }
        return;
    }
    if (type == OFPT_MULTIPART_REQUEST || type == OFPT_MULTIPART_REPLY) {
        identify_multipart(f, h, avail);
    } else if (type == OFPT_EXPERIMENTER) {
        if (avail < EXPERIMENTER_HEADER_LEN) {
            f->error = -OFPERR_OFPBRC_BAD_LEN;
            return;
        }
        f->header_len = EXPERIMENTER_HEADER_LEN;
        identify_vendor(f, type, 0, buf_get_be32(h + 8), buf_get_be32(h + 12));
    } else {
        f->kind = find_kind(type, -1);
        if (f->kind < 0) {
            f->error = -OFPERR_OFPBRC_BAD_TYPE;
        } else {
            f->name = kind_name(f->kind);
        }
    }
}

static bool
length_ok(const struct frame *f, size_t len)
{
    const struct length_rule *rule;
    size_t body_len = len - f->header_len;

    if (f->kind < 0) {
        return true;
    }
    rule = &length_rules[f->kind];
    if (body_len < rule->min) {
        return false;
    }
    return rule->multiple ? (body_len - rule->min) % rule->multiple == 0
                          : body_len == rule->min;
}

static void
print_version_and_xid(struct strbuf *sb, const uint8_t *h)
{
    static const char *const versions[] = {
        [OFP11_VERSION] = " (OF1.1)", [OFP12_VERSION] = " (OF1.2)",
        [OFP13_VERSION] = " (OF1.3)", [OFP14_VERSION] = " (OF1.4)",
        [OFP15_VERSION] = " (OF1.5)",
    };

    if (h[0] < ARRAY_SIZE(versions) && versions[h[0]]) {
        strbuf_puts(sb, versions[h[0]]);
    } else if (h[0] != OFP10_VERSION) {
        strbuf_printf(sb, " (OF 0x%02" PRIx8 ")", h[0]);
    }
    strbuf_printf(sb, " (xid=0x%" PRIx32 "):", buf_get_be32(h + 4));
}

static void
print_header(struct strbuf *sb, const char *name, const uint8_t *h)
{
    strbuf_puts(sb, name);
    print_version_and_xid(sb, h);
}

/* " flags=[more]" and any unknown multipart flags. */
static void
print_multipart_flags(struct strbuf *sb, uint16_t flags)
{
    if (flags) {
        strbuf_puts(sb, " flags=");
        if (flags & OFPMPF_REPLY_MORE) {
            strbuf_puts(sb, "[more]");
            flags &= ~OFPMPF_REPLY_MORE;
        }
        if (flags) {
            strbuf_printf(sb, "[***unknown flags 0x%04" PRIx16 "***]", flags);
        }
    }
}

static void
add_newline(struct strbuf *sb)
{
    if (sb->len && sb->s[sb->len - 1] != '\n') {
        strbuf_putc(sb, '\n');
    }
}

void
ofp_print_chomp_space(struct strbuf *sb)
{
    strbuf_chomp(sb, ' ');
}

static void
print_decode_error(struct strbuf *sb, int error)
{
    strbuf_printf(sb, "***decode error: %s***\n", ofperr_name(-error));
}

/* Runs the body printer of 'msg'.  Returns its result. */
static int
print_body(struct strbuf *sb, const struct ofp_msg *msg,
           const struct ofp_print_ctx *ctx)
{
    const struct ofp_printer *p = &ofp_printers_switch[msg->kind];

    if (!p->print) {
        p = &ofp_printers_stats[msg->kind];
    }
    if (!p->print) {
        p = &ofp_printers_table[msg->kind];
    }
    return p->print ? p->print(sb, msg, ctx) : 0;
}

/* Decodes a message whose framing Open vSwitch accepts.  ECHO messages
 * are the same in every version, so one of another version decodes as an
 * OpenFlow 1.3 one. */
static int
decode(const uint8_t *data, size_t len, struct ofp_msg *msg)
{
    uint8_t copy[OFP_HEADER_LEN];
    struct buf b = BUF_INIT;
    int retval;

    if (data[0] == OFP13_VERSION || data[1] == OFPT_HELLO) {
        return ofp_msg_decode(data, len, msg);
    }
    memcpy(copy, data, sizeof copy);
    copy[0] = OFP13_VERSION;
    buf_put(&b, copy, sizeof copy);
    buf_put(&b, data + OFP_HEADER_LEN, len - OFP_HEADER_LEN);
    retval = ofp_msg_decode(b.data, b.size, msg);
    buf_free(&b);
    return retval;
}

/* A message Open vSwitch knows but Pont does not implement: its header
 * line, and its bytes unless it has none beyond its headers. */
static int
print_foreign(struct strbuf *sb, const struct frame *f, const uint8_t *data,
              size_t len)
{
    print_header(sb, f->name, data);
    if (f->multipart) {
        print_multipart_flags(sb, buf_get_be16(data + 10));
    }
    if (len == f->header_len) {
        return 0;
    }
    strbuf_puts(sb, "\n(***not decoded: Pont does not implement this "
                    "message***)");
    return 1;
}

/* Prints a complete message (its header's length is 'len').  Returns
 * nonzero if a hex dump of it must follow. */
static int
print_complete(struct strbuf *sb, const uint8_t *data, size_t len,
               int verbosity, const struct ofp_print_ports *ports)
{
    struct ofp_print_ctx ctx = {verbosity, ports, data, len};
    struct frame f;
    struct ofp_msg msg;
    size_t header_end;
    int error;

    identify(data, len, &f);
    if (f.error || !length_ok(&f, len)) {
        print_decode_error(sb, f.error ? f.error : -OFPERR_OFPBRC_BAD_LEN);
        return 1;
    }
    if (f.kind < 0 || f.foreign_version) {
        return print_foreign(sb, &f, data, len);
    }

    print_header(sb, f.name, data);
    header_end = sb->len;
    if (f.multipart) {
        print_multipart_flags(sb, buf_get_be16(data + 10));
    }
    error = decode(data, len, &msg);
    if (error && f.kind == OFPK_HELLO) {
        /* Open vSwitch never rejects a HELLO: it reports the elements it
         * cannot read (see the HELLO printer), so print it all the same. */
        ofp_msg_init(&msg, OFPK_HELLO, 0);
        error = 0;
    }
    if (!error) {
        error = print_body(sb, &msg, &ctx);
        ofp_msg_uninit(&msg);
    }
    if (!error) {
        ofp_print_chomp_space(sb);
        return 0;
    }
    if (sb->len > header_end) {
        ofp_print_chomp_space(sb);
        add_newline(sb);
    } else {
        strbuf_putc(sb, ' ');
    }
    print_decode_error(sb, error);
    return 1;
}

void
ofp_print_with_ports(struct strbuf *sb, const void *data_, size_t len,
                     int verbosity, const struct ofp_print_ports *ports)
{
    const uint8_t *data = data_;
    size_t msg_len;
    struct frame f;

    if (!len) {
        strbuf_puts(sb, "OpenFlow message is empty\n");
        return;
    }
    if (len < OFP_HEADER_LEN) {
        strbuf_printf(sb, "OpenFlow packet too short (only %zu bytes):\n", len);
    } else if ((msg_len = buf_get_be16(data + 2)) > len) {
        identify(data, len, &f);
        if (!f.error) {
            print_header(sb, f.name, data);
            strbuf_putc(sb, '\n');
        }
        strbuf_printf(sb, "(***truncated to %zu bytes from %zu***)\n", len,
                      msg_len);
    } else if (msg_len < len) {
        strbuf_printf(sb, "(***only uses %zu bytes out of %zu***)\n", msg_len,
                      len);
    } else {
        size_t start = sb->len;
        bool dump =
            print_complete(sb, data, len, verbosity, ports) || verbosity >= 5;

        if (dump) {
            add_newline(sb);
            ofp_print_hex_dump(sb, data, len, 0, true);
        }
        if (sb->len > start) {
            add_newline(sb);
        }
        return;
    }
    ofp_print_hex_dump(sb, data, len, 0, true);
}

void
ofp_print(struct strbuf *sb, const void *data, size_t len, int verbosity)
{
    ofp_print_with_ports(sb, data, len, verbosity, NULL);
}

void
ofp_print_msg(struct strbuf *sb, const struct ofp_msg *msg, int verbosity,
              const struct ofp_print_ports *ports)
{
    struct buf b = BUF_INIT;

    ofp_msg_encode(msg, &b);
    ofp_print_with_ports(sb, b.data, b.size, verbosity, ports);
    buf_free(&b);
}

/* Helpers shared by the body printers. */

void
ofp_print_hex_dump(struct strbuf *sb, const void *data_, size_t len, size_t ofs,
                   bool ascii)
{
    enum { PER_LINE = 16 };
    const uint8_t *data = data_;

    while (len) {
        size_t start = ofs % PER_LINE;
        size_t end = start + len < PER_LINE ? start + len : PER_LINE;
        size_t n = end - start;
        size_t i;

        strbuf_printf(sb, "%08zx  ", ofs - start);
        for (i = 0; i < start; i++) {
            strbuf_puts(sb, "   ");
        }
        for (; i < end; i++) {
            strbuf_printf(sb, "%02x%c", data[i - start],
                          i == PER_LINE / 2 - 1 ? '-' : ' ');
        }
        if (ascii) {
            for (; i < PER_LINE; i++) {
                strbuf_puts(sb, "   ");
            }
            strbuf_putc(sb, '|');
            for (i = 0; i < start; i++) {
                strbuf_putc(sb, ' ');
            }
            for (; i < end; i++) {
                uint8_t c = data[i - start];
                strbuf_putc(sb, c >= 32 && c < 127 ? c : '.');
            }
            for (; i < PER_LINE; i++) {
                strbuf_putc(sb, ' ');
            }
            strbuf_putc(sb, '|');
        } else {
            ofp_print_chomp_space(sb);
        }
        strbuf_putc(sb, '\n');
        ofs += n;
        data += n;
        len -= n;
    }
}

void
ofp_print_port_no(struct strbuf *sb, uint32_t port_no,
                  const struct ofp_print_ports *ports)
{
    const char *name = NULL;

    if (ports && ports->name) {
        name = ports->name(port_no, ports->aux);
    }
    if (!name) {
        name = flow_port_name(port_no);
    }
    if (name) {
        strbuf_puts(sb, name);
    } else if (port_no >= OFPP_MAX) {
        strbuf_printf(sb, "%" PRIu16, ofp_print_port_u16(port_no));
    } else {
        strbuf_printf(sb, "%" PRIu32, port_no);
    }
}

uint16_t
ofp_print_port_u16(uint32_t port_no)
{
    return port_no >= OFPP_MAX ? (uint16_t) (port_no - 0xffff0000u)
                               : (uint16_t) port_no;
}

int
ofp_print_check_port(uint32_t port_no)
{
    return port_no >= 0xff00 && port_no < OFPP_MAX ? -OFPERR_OFPBAC_BAD_OUT_PORT
                                                   : 0;
}

void
ofp_print_bit_names(struct strbuf *sb, uint32_t bits,
                    const char *const names[32], char sep)
{
    int n = 0;

    if (!bits) {
        strbuf_putc(sb, '0');
        return;
    }
    for (int i = 0; i < 32; i++) {
        uint32_t bit = UINT32_C(1) << i;

        if (bits & bit && names[i]) {
            if (n++) {
                strbuf_putc(sb, sep);
            }
            strbuf_puts(sb, names[i]);
            bits &= ~bit;
        }
    }
    if (bits) {
        if (n) {
            strbuf_putc(sb, sep);
        }
        strbuf_printf(sb, "0x%" PRIx32, bits);
    }
}
