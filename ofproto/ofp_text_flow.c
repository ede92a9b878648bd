/* Flow text: instructions, flow mods and flow statistics requests,
 * parsed; instructions, flow mods and flow statistics entries, printed. */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_errors.h"

/* Instructions, in the order OpenFlow 1.1+ requires them in text. */
enum inst_rank { R_METER, R_APPLY, R_CLEAR, R_WRITE, R_METADATA, R_GOTO, R_N };

static const char *const rank_names[R_N] = {
    "meter",         "apply_actions",  "clear_actions",
    "write_actions", "write_metadata", "goto_table",
};

/* Returns the rank of instruction 'key', or -1 if it names none. */
static int
instruction_rank(const char *key)
{
    for (int r = 0; r < R_N; r++) {
        if (!strcmp(key, rank_names[r])) {
            return r;
        }
    }
    return -1;
}

bool
ofp_text_is_instruction(const char *key)
{
    return instruction_rank(key) >= 0;
}

static int
parse_u64(const char *s, uint64_t max, uint64_t *v, char **errorp)
{
    if (ofp_text_parse_uint(s, 0, max, v)) {
        return ofp_text_errorf(errorp, "invalid numeric format %s", s);
    }
    return 0;
}

static int
parse_write_metadata(char *s, struct ofp_instructions *in, char **errorp)
{
    char *slash = strchr(s, '/');

    if (!*s) {
        return ofp_text_errorf(errorp, "missing required numeric argument");
    }
    if (slash) {
        *slash++ = '\0';
    }
    in->metadata_mask = UINT64_MAX;
    if (parse_u64(s, UINT64_MAX, &in->metadata, errorp)
        || (slash
            && parse_u64(slash, UINT64_MAX, &in->metadata_mask, errorp))) {
        return -EINVAL;
    }
    return 0;
}

static int
parse_meter(const char *s, struct ofp_instructions *in, char **errorp)
{
    uint64_t v;

    if (parse_u64(s, UINT32_MAX, &v, errorp)) {
        return -EINVAL;
    } else if (!v || v > OFPM_MAX) {
        return ofp_text_errorf(errorp, "actions are invalid with specified "
                                       "match (OFPMMFC_INVALID_METER)");
    }
    in->meter_id = v;
    return 0;
}

/* Write actions start from what the match guarantees rather than from what
 * the apply actions leave, since a switch checks them against the match
 * alone. */
static int
parse_write_actions(const struct ofp_text_actions *apply, char *s,
                    struct ofp_instructions *in)
{
    struct ofp_text_actions ctx;

    ofp_text_actions_init(&ctx, apply->check ? &apply->match : NULL, apply->map,
                          apply->errorp);
    return ofp_text_actions_parse_list(&ctx, s, &in->write);
}

/* Parses instruction 'rank', other than apply_actions. */
static int
parse_instruction(struct ofp_text_actions *ctx, enum inst_rank rank,
                  char *value, struct ofp_instructions *in)
{
    static const uint8_t types[R_N] = {
        [R_METER] = OFPIT_METER,         [R_CLEAR] = OFPIT_CLEAR_ACTIONS,
        [R_WRITE] = OFPIT_WRITE_ACTIONS, [R_METADATA] = OFPIT_WRITE_METADATA,
        [R_GOTO] = OFPIT_GOTO_TABLE,
    };
    uint64_t v;
    int retval = 0;

    if (rank == R_METER) {
        retval = parse_meter(value, in, ctx->errorp);
    } else if (rank == R_WRITE) {
        retval = parse_write_actions(ctx, value, in);
        if (!retval && !in->write.n) {
            return 0; /* ovs-ofctl drops an empty write_actions. */
        }
    } else if (rank == R_METADATA) {
        retval = parse_write_metadata(value, in, ctx->errorp);
    } else if (rank == R_GOTO) {
        if (ofp_text_parse_uint(value, 10, UINT8_MAX, &v)) {
            return ofp_text_errorf(ctx->errorp, "unknown table \"%s\"", value);
        }
        in->goto_table = v;
    }
    in->present |= retval ? 0 : OFP_INST_BIT(types[rank]);
    return retval;
}

/* Parses one pair of an instruction list; '*last' is the rank of the one
 * before (-1 at first). */
static int
parse_instruction_pair(struct ofp_text_actions *ctx, const char *key,
                       char *value, int *last, struct ofp_instructions *in)
{
    int rank = instruction_rank(key);
    int retval;

    if (rank == R_APPLY) {
        return ofp_text_errorf(ctx->errorp,
                               "apply_actions is the default instruction");
    }
    rank = rank < 0 ? R_APPLY : rank;
    if (rank < *last) {
        return ofp_text_errorf(ctx->errorp,
                               "invalid instruction ordering: %s must appear "
                               "before %s, for OpenFlow 1.1+ compatibility",
                               rank_names[rank], rank_names[*last]);
    } else if (rank == *last && rank != R_APPLY) {
        return ofp_text_errorf(ctx->errorp,
                               "duplicate %s instruction not allowed, for "
                               "OpenFlow 1.1+ compatibility",
                               rank_names[rank]);
    }
    *last = rank;
    if (rank != R_APPLY) {
        return parse_instruction(ctx, rank, value, in);
    }
    retval = ofp_text_actions_parse_pair(ctx, key, value, &in->apply);
    if (retval == -ENOENT) {
        return ofp_text_errorf(ctx->errorp, "unknown action %s", key);
    }
    in->present |= OFP_INST_BIT(OFPIT_APPLY_ACTIONS);
    return retval;
}

static int
check_instructions(const struct ofp_text_actions *ctx,
                   const struct ofp_instructions *in, uint8_t table_id)
{
    if ((in->present & OFP_INST_BIT(OFPIT_GOTO_TABLE))
        && (in->goto_table <= table_id || in->goto_table > OFPTT_MAX)) {
        return ofp_text_errorf(ctx->errorp,
                               "actions are invalid with specified match "
                               "(OFPBIC_BAD_TABLE_ID)");
    }
    return ofp_text_actions_check(ctx, &in->apply)
               ? -EINVAL
               : ofp_text_actions_check(ctx, &in->write);
}

int
ofp_text_parse_instructions(const char *text, const struct flow_match *match,
                            uint8_t table_id, const struct ofp_port_map *map,
                            struct ofp_instructions *out, char **errorp)
{
    char *copy = xstrdup(text), *pos = copy, *key, *value;
    struct ofp_text_actions ctx;
    bool drop = false;
    int last = -1, retval = 0;

    *errorp = NULL;
    ofp_text_actions_init(&ctx, match, map, errorp);
    ofp_instructions_init(out);
    while (!retval && ofp_text_next_pair(&pos, &key, &value, NULL)) {
        if (!strcmp(key, "drop")) {
            drop = true;
        } else {
            retval = parse_instruction_pair(&ctx, key, value, &last, out);
        }
    }
    if (!retval && drop && (out->present || out->apply.n)) {
        retval = ofp_text_errorf(errorp, "\"drop\" must not be accompanied by "
                                         "any other action or instruction");
    }
    if (!retval) {
        retval = check_instructions(&ctx, out, table_id);
    }
    if (retval) {
        ofp_instructions_free(out);
    }
    free(copy);
    return retval;
}

void
ofp_text_format_instructions(struct strbuf *sb,
                             const struct ofp_instructions *in)
{
    size_t start = sb->len;

    if (in->present & OFP_INST_BIT(OFPIT_METER)) {
        strbuf_printf(sb, "meter:%" PRIu32 ",", in->meter_id);
    }
    if (in->apply.n) {
        ofp_text_format_actions(sb, &in->apply);
        strbuf_putc(sb, ',');
    }
    if (in->present & OFP_INST_BIT(OFPIT_CLEAR_ACTIONS)) {
        strbuf_puts(sb, "clear_actions,");
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_ACTIONS)) {
        strbuf_puts(sb, "write_actions(");
        ofp_text_format_actions(sb, &in->write);
        strbuf_puts(sb, "),");
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_METADATA)) {
        strbuf_printf(sb, "write_metadata:%#" PRIx64, in->metadata);
        if (in->metadata_mask != UINT64_MAX) {
            strbuf_printf(sb, "/%#" PRIx64, in->metadata_mask);
        }
        strbuf_putc(sb, ',');
    }
    if (in->present & OFP_INST_BIT(OFPIT_GOTO_TABLE)) {
        strbuf_printf(sb, "goto_table:%u,", in->goto_table);
    }
    if (sb->len == start) {
        strbuf_puts(sb, "drop");
    } else {
        strbuf_chomp(sb, ',');
    }
}

/* Flows. */

/* What each command accepts besides table, cookie and the match, after
 * ovs-ofctl. */
enum {
    F_ACTIONS = 1 << 0, /* actions=, required. */
    F_TIMEOUT = 1 << 1,
    F_PRIORITY = 1 << 2,
    F_FLAGS = 1 << 3,
    F_IMPORTANCE = 1 << 4,  /* OpenFlow 1.4's; accepted and ignored. */
    F_OUT_PORT = 1 << 5,    /* out_port and out_group. */
    F_COOKIE_MASK = 1 << 6, /* A cookie must have a mask; else none may. */
};

/* A flow statistics request parses like a deletion. */
#define FLOW_STATS_COMMAND 0xff

static unsigned int
allowed_keywords(uint8_t command)
{
    switch (command) {
    case OFPFC_ADD:
        return F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS | F_IMPORTANCE;
    case OFPFC_MODIFY:
    case OFPFC_MODIFY_STRICT:
        return F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS;
    case OFPFC_DELETE_STRICT:
        return F_OUT_PORT | F_COOKIE_MASK | F_PRIORITY;
    default:
        return F_OUT_PORT | F_COOKIE_MASK;
    }
}

static const struct {
    const char *name;
    uint16_t flag;
} flow_flags[] = {
    {"send_flow_rem", OFPFF_SEND_FLOW_REM},
    {"check_overlap", OFPFF_CHECK_OVERLAP},
    {"reset_counts", OFPFF_RESET_COUNTS},
    {"no_packet_counts", OFPFF_NO_PKT_COUNTS},
    {"no_byte_counts", OFPFF_NO_BYT_COUNTS},
};

/* The columns of dump-flows output, ignored so that its lines can be fed
 * back as flows. */
static const char *const stats_columns[] = {
    "duration", "n_packets", "n_bytes", "idle_age", "hard_age",
};

/* A flow's text as parsed so far. */
struct flow_text {
    uint8_t command;
    unsigned int allowed;
    const struct ofp_port_map *map;
    uint8_t table_id;
    uint16_t priority;
    uint64_t cookie, cookie_mask;
    uint16_t idle_timeout, hard_timeout, flags;
    uint32_t out_port, out_group;
    struct ofp_text_match tm;
    char **errorp;
};

static int
parse_u16(struct flow_text *ft, const char *name, const char *s, uint16_t *v)
{
    uint64_t n;

    if (ofp_text_parse_uint(s, 0, UINT16_MAX, &n)) {
        return ofp_text_errorf(ft->errorp, "invalid %s \"%s\"", name, s);
    }
    *v = n;
    return 0;
}

/* Cookies parse as strtoull() does, so that "-1" is all-ones. */
static bool
parse_cookie_part(const char *s, uint64_t *v)
{
    char *end;

    errno = 0;
    *v = strtoull(s, &end, 0);
    return *s && !*end && !errno;
}

static int
parse_cookie(struct flow_text *ft, const char *s)
{
    char *copy = xstrdup(s), *slash = strchr(copy, '/');
    bool ok;

    if (slash) {
        *slash++ = '\0';
    }
    ok = parse_cookie_part(copy, &ft->cookie)
         && (!slash || parse_cookie_part(slash, &ft->cookie_mask));
    free(copy);
    if (!ok) {
        return ofp_text_errorf(ft->errorp, "invalid cookie \"%s\"", s);
    } else if (slash && ft->command == OFPFC_ADD) {
        return ofp_text_errorf(ft->errorp,
                               "flow additions cannot use a cookie mask");
    } else if (!slash && (ft->allowed & F_COOKIE_MASK)) {
        return ofp_text_errorf(ft->errorp,
                               "cannot set cookie (to match on a cookie, "
                               "specify a mask, e.g. cookie=%s/-1)",
                               s);
    } else if (!slash && ft->command != OFPFC_ADD) {
        /* OpenFlow 1.3 cannot change a flow's cookie: ovs-ofctl sends a
         * modification without one. */
        ft->cookie = 0;
    } else if (!slash) {
        ft->cookie_mask = 0;
    }
    return 0;
}

static int
parse_out_group(struct flow_text *ft, const char *s)
{
    uint64_t v;

    if (!strcasecmp(s, "any") || !strcasecmp(s, "all")) {
        ft->out_group = !strcasecmp(s, "any") ? OFPG_ANY : OFPG_ALL;
    } else if (ofp_text_parse_uint(s, 0, UINT32_MAX, &v)) {
        return ofp_text_errorf(ft->errorp, "invalid out_group \"%s\"", s);
    } else {
        ft->out_group = v;
    }
    return 0;
}

static bool
parse_flag(struct flow_text *ft, const char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(flow_flags); i++) {
        if (!strcmp(key, flow_flags[i].name)) {
            ft->flags |= flow_flags[i].flag;
            return true;
        }
    }
    return false;
}

static bool
is_stats_column(const char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(stats_columns); i++) {
        if (!strcmp(key, stats_columns[i])) {
            return true;
        }
    }
    return false;
}

/* Parses one of the flow's own keywords.  Returns -ENOENT if 'key' is
 * none of those the command takes. */
static int
parse_flow_keyword(struct flow_text *ft, const char *key, const char *value)
{
    uint64_t v;
    uint16_t ignored;

    if (!strcmp(key, "table")) {
        if (ofp_text_parse_uint(value, 10, UINT8_MAX, &v)) {
            return ofp_text_errorf(ft->errorp, "unknown table \"%s\"", value);
        }
        ft->table_id = v;
    } else if (!strcmp(key, "cookie")) {
        return parse_cookie(ft, value);
    } else if (!strcmp(key, "priority") && (ft->allowed & F_PRIORITY)) {
        return parse_u16(ft, key, value, &ft->priority);
    } else if (!strcmp(key, "idle_timeout") && (ft->allowed & F_TIMEOUT)) {
        return parse_u16(ft, key, value, &ft->idle_timeout);
    } else if (!strcmp(key, "hard_timeout") && (ft->allowed & F_TIMEOUT)) {
        return parse_u16(ft, key, value, &ft->hard_timeout);
    } else if (!strcmp(key, "importance") && (ft->allowed & F_IMPORTANCE)) {
        return parse_u16(ft, key, value, &ignored);
    } else if (!strcmp(key, "out_port") && (ft->allowed & F_OUT_PORT)) {
        if (ofp_text_parse_port(value, ft->map, &ft->out_port)) {
            return ofp_text_errorf(
                ft->errorp, "%s: invalid or unknown port for out_port", value);
        }
    } else if (!strcmp(key, "out_group") && (ft->allowed & F_OUT_PORT)) {
        return parse_out_group(ft, value);
    } else if (!((ft->allowed & F_FLAGS) && parse_flag(ft, key))
               && !is_stats_column(key)) {
        return -ENOENT;
    }
    return 0;
}

/* Finds "actions=" (or "action=") at the start of a pair in 'text', as
 * ovs-ofctl does, cuts 'text' there and returns what follows the '=', or
 * NULL if there is none. */
static char *
split_actions(char *text)
{
    for (char *p = strstr(text, "action"); p; p = strstr(p + 1, "action")) {
        char *q = p + strlen("action");

        if (p > text && !strchr(", \t\r\n", p[-1])) {
            continue;
        }
        q += *q == 's';
        q += strspn(q, " \t");
        if (*q == '=' || *q == ':') {
            *p = '\0';
            return q + 1;
        }
    }
    return NULL;
}

static void
flow_text_init(struct flow_text *ft, uint8_t command,
               const struct ofp_port_map *map, char **errorp)
{
    memset(ft, 0, sizeof *ft);
    ft->command = command;
    ft->allowed = allowed_keywords(command);
    ft->map = map;
    ft->errorp = errorp;
    ft->table_id = command == OFPFC_ADD || command == OFPFC_MODIFY
                           || command == OFPFC_MODIFY_STRICT
                       ? 0
                       : OFPTT_ALL;
    ft->priority = OFP_DEFAULT_PRIORITY;
    ft->out_port = OFPP_ANY;
    ft->out_group = OFPG_ANY;
    ofp_text_match_init(&ft->tm);
    *errorp = NULL;
}

/* Parses the pairs of 'text' (writable) before any actions, and finishes
 * the match into 'match'. */
static int
parse_flow_pairs(struct flow_text *ft, char *text, struct flow_match *match)
{
    char *key, *value;

    while (ofp_text_next_pair(&text, &key, &value, NULL)) {
        int retval = parse_flow_keyword(ft, key, value);

        if (retval == -ENOENT) {
            retval = ofp_text_match_parse_pair(&ft->tm, key, value, ft->map,
                                               ft->errorp);
        }
        if (retval == -ENOENT) {
            return ofp_text_errorf(ft->errorp, "unknown keyword %s", key);
        } else if (retval) {
            return retval;
        }
    }
    return ofp_text_match_finish(&ft->tm, match, ft->errorp);
}

int
ofp_text_check_msg(const struct ofp_msg *msg, struct ofp_msg *out,
                   const char *what, char **errorp)
{
    struct buf b = BUF_INIT;
    int retval;

    if (ofp_msg_encode(msg, &b)) {
        buf_free(&b);
        ofp_msg_init(out, msg->kind, msg->xid);
        return ofp_text_errorf(errorp,
                               "%s is too large for one OpenFlow message "
                               "(more than 65535 bytes)",
                               what);
    }
    retval = ofp_msg_decode(b.data, b.size, out);
    buf_free(&b);
    if (retval) {
        const char *name = ofperr_name(-retval);

        ofp_msg_uninit(out);
        if (!strncmp(name, "OFPBAC_", 7) || !strncmp(name, "OFPBIC_", 7)) {
            return ofp_text_errorf(errorp,
                                   "actions are invalid with "
                                   "specified match (%s)",
                                   name);
        }
        return ofp_text_errorf(errorp, "invalid %s (%s)", what, name);
    }
    return 0;
}

static void
fill_flow_mod(const struct flow_text *ft, struct ofp_flow_mod *fm)
{
    fm->cookie = ft->cookie;
    fm->cookie_mask = ft->cookie_mask;
    fm->table_id = ft->table_id;
    fm->command = ft->command;
    fm->idle_timeout = ft->idle_timeout;
    fm->hard_timeout = ft->hard_timeout;
    fm->priority = ft->priority;
    fm->buffer_id = OFP_NO_BUFFER;
    fm->out_port = ft->out_port;
    fm->out_group = ft->out_group;
    fm->flags = ft->flags;
}

int
ofp_text_parse_flow_mod(const char *text, enum ofp_flow_mod_command command,
                        const struct ofp_port_map *map, struct ofp_flow_mod *fm,
                        char **errorp)
{
    char *copy = xstrdup(text), *actions = split_actions(copy);
    struct ofp_msg msg, wire;
    struct flow_text ft;
    int retval;

    flow_text_init(&ft, command, map, errorp);
    memset(fm, 0, sizeof *fm);
    ofp_instructions_init(&fm->instructions);
    retval = parse_flow_pairs(&ft, copy, &fm->match);
    if (!retval && (ft.allowed & F_ACTIONS) && !actions) {
        retval = ofp_text_errorf(errorp, "must specify an action");
    } else if (!retval && !(ft.allowed & F_ACTIONS) && actions) {
        retval = ofp_text_errorf(errorp, "unknown keyword actions");
    }
    if (!retval && ft.table_id == OFPTT_ALL && (ft.allowed & F_ACTIONS)) {
        ft.table_id = 0; /* As ovs-ofctl: "table=255" is no table. */
    }
    fill_flow_mod(&ft, fm);
    if (!retval && actions) {
        retval = ofp_text_parse_instructions(actions, &fm->match, fm->table_id,
                                             map, &fm->instructions, errorp);
    }
    free(copy);
    if (!retval) {
        ofp_msg_init(&msg, OFPK_FLOW_MOD, 0);
        msg.flow_mod = *fm;
        retval = ofp_text_check_msg(&msg, &wire, "flow", errorp);
        ofp_instructions_free(&fm->instructions);
        *fm = retval ? (struct ofp_flow_mod){0} : wire.flow_mod;
    }
    return retval;
}

int
ofp_text_parse_flow_stats_request(const char *text,
                                  const struct ofp_port_map *map,
                                  struct ofp_flow_stats_request *fsr,
                                  char **errorp)
{
    char *copy = xstrdup(text);
    struct ofp_msg msg, wire;
    struct flow_text ft;
    int retval;

    flow_text_init(&ft, FLOW_STATS_COMMAND, map, errorp);
    memset(fsr, 0, sizeof *fsr);
    retval = parse_flow_pairs(&ft, copy, &fsr->match);
    free(copy);
    if (!retval) {
        ofp_msg_init(&msg, OFPK_FLOW_STATS_REQUEST, 0);
        msg.flow_stats_request = (struct ofp_flow_stats_request){
            .table_id = ft.table_id,
            .out_port = ft.out_port,
            .out_group = ft.out_group,
            .cookie = ft.cookie,
            .cookie_mask = ft.cookie_mask,
            .match = fsr->match,
        };
        retval =
            ofp_text_check_msg(&msg, &wire, "flow statistics request", errorp);
        *fsr = retval ? (struct ofp_flow_stats_request){0}
                      : wire.flow_stats_request;
    }
    return retval;
}

/* Printing. */

static void
format_flags(struct strbuf *sb, uint16_t flags)
{
    for (size_t i = 0; i < ARRAY_SIZE(flow_flags); i++) {
        if (flags & flow_flags[i].flag) {
            strbuf_printf(sb, "%s ", flow_flags[i].name);
        }
    }
}

/* Appends the match with its priority, and a space if it printed
 * anything. */
static void
format_match(struct strbuf *sb, const struct flow_match *match,
             uint16_t priority)
{
    size_t start = sb->len;

    flow_format_match(sb, match, priority);
    if (sb->len > start) {
        strbuf_putc(sb, ' ');
    }
}

void
ofp_text_format_flow_mod(struct strbuf *sb, const struct ofp_flow_mod *fm)
{
    static const char *const commands[] = {
        [OFPFC_ADD] = "ADD",
        [OFPFC_MODIFY] = "MOD",
        [OFPFC_MODIFY_STRICT] = "MOD_STRICT",
        [OFPFC_DELETE] = "DEL",
        [OFPFC_DELETE_STRICT] = "DEL_STRICT",
    };

    if (fm->command < ARRAY_SIZE(commands)) {
        strbuf_puts(sb, commands[fm->command]);
    } else {
        strbuf_printf(sb, "cmd:%u", fm->command);
    }
    if (fm->table_id) {
        strbuf_printf(sb, " table:%u", fm->table_id);
    }
    strbuf_putc(sb, ' ');
    format_match(sb, &fm->match, fm->priority);
    if (fm->command == OFPFC_ADD && fm->cookie && fm->cookie != UINT64_MAX) {
        strbuf_printf(sb, "cookie:0x%" PRIx64 " ", fm->cookie);
    } else if (fm->command != OFPFC_ADD && fm->cookie_mask) {
        strbuf_printf(sb, "cookie:0x%" PRIx64 "/0x%" PRIx64 " ", fm->cookie,
                      fm->cookie_mask);
    }
    if (fm->idle_timeout) {
        strbuf_printf(sb, "idle:%u ", fm->idle_timeout);
    }
    if (fm->hard_timeout) {
        strbuf_printf(sb, "hard:%u ", fm->hard_timeout);
    }
    if (fm->buffer_id != OFP_NO_BUFFER) {
        /* "0x%x", not "%#x", which prints 0 as "0". */
        strbuf_printf(sb, "buf:0x%" PRIx32 " ", fm->buffer_id);
    }
    if (fm->out_port != OFPP_ANY) {
        strbuf_puts(sb, "out_port:");
        flow_format_port(sb, fm->out_port);
        strbuf_putc(sb, ' ');
    }
    format_flags(sb, fm->flags);
    strbuf_puts(sb, "actions=");
    ofp_text_format_instructions(sb, &fm->instructions);
}

void
ofp_text_format_duration(struct strbuf *sb, uint32_t sec, uint32_t nsec)
{
    strbuf_printf(sb, "%" PRIu32, sec);
    if (nsec) {
        /* Whole milliseconds print as three digits, as Open vSwitch prints
         * them; finer values print every digit they need. */
        if (nsec % 1000000 == 0) {
            strbuf_printf(sb, ".%03" PRIu32, nsec / 1000000);
        } else {
            strbuf_printf(sb, ".%09" PRIu32, nsec);
            while (sb->s[sb->len - 1] == '0') {
                strbuf_chomp(sb, '0');
            }
        }
    }
    strbuf_putc(sb, 's');
}

/* Counters print as "?" when the switch does not know them. */
static void
format_counter(struct strbuf *sb, const char *name, uint64_t n)
{
    if (n == UINT64_MAX) {
        strbuf_printf(sb, "%s=?, ", name);
    } else {
        strbuf_printf(sb, "%s=%" PRIu64 ", ", name, n);
    }
}

void
ofp_text_format_flow_stats(struct strbuf *sb, const struct ofp_flow_stats *fs)
{
    strbuf_printf(sb, "cookie=0x%" PRIx64 ", duration=", fs->cookie);
    ofp_text_format_duration(sb, fs->duration_sec, fs->duration_nsec);
    strbuf_printf(sb, ", table=%u, ", fs->table_id);
    format_counter(sb, "n_packets", fs->packet_count);
    format_counter(sb, "n_bytes", fs->byte_count);
    if (fs->idle_timeout) {
        strbuf_printf(sb, "idle_timeout=%u, ", fs->idle_timeout);
    }
    if (fs->hard_timeout) {
        strbuf_printf(sb, "hard_timeout=%u, ", fs->hard_timeout);
    }
    format_flags(sb, fs->flags);
    format_match(sb, &fs->match, fs->priority);
    strbuf_puts(sb, "actions=");
    ofp_text_format_instructions(sb, &fs->instructions);
}
