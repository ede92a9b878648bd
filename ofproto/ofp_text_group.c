/* Group text: group mods parsed, group mods and descriptions printed. */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"

static const struct {
    const char *name;
    uint8_t type;
} group_types[] = {
    {"all", OFPGT_ALL},           {"select", OFPGT_SELECT},
    {"indirect", OFPGT_INDIRECT}, {"ff", OFPGT_FF},
    {"fast_failover", OFPGT_FF},
};

/* A bucket's weight when none is given, and when none is printed. */
static uint16_t
default_weight(uint8_t type)
{
    return type == OFPGT_SELECT ? 1 : 0;
}

void
ofp_text_group_mod_free(struct ofp_group_mod *gm)
{
    for (size_t i = 0; i < gm->n_buckets; i++) {
        ofp_actions_free(&gm->buckets[i].actions);
    }
    free(gm->buckets);
    gm->buckets = NULL;
    gm->n_buckets = 0;
}

/* Returns the next "bucket=" that starts a pair in 's', or NULL. */
static char *
find_bucket(char *s)
{
    for (char *p = strstr(s, "bucket="); p; p = strstr(p + 1, "bucket=")) {
        if (p == s || strchr(", \t\r\n", p[-1])) {
            return p;
        }
    }
    return NULL;
}

/* Appends a pair to the action text of a bucket, as it was written. */
static void
put_action_pair(struct strbuf *sb, const char *key, const char *value,
                char delim)
{
    strbuf_printf(sb, "%s%s", sb->len ? "," : "", key);
    if (delim == '(') {
        strbuf_printf(sb, "(%s)", value);
    } else if (delim) {
        strbuf_printf(sb, "%c%s", delim, value);
    }
}

/* Parses one bucket parameter; -ENOENT if 'key' is none. */
static int
parse_bucket_param(const char *key, const char *value,
                   const struct ofp_port_map *map, struct ofp_bucket *b,
                   char **errorp)
{
    uint64_t v;

    if (!strcmp(key, "weight")) {
        if (ofp_text_parse_uint(value, 0, UINT16_MAX, &v)) {
            return ofp_text_errorf(errorp, "invalid weight \"%s\"", value);
        }
        b->weight = v;
    } else if (!strcmp(key, "watch_port")) {
        if (ofp_text_parse_port(value, map, &b->watch_port)) {
            return ofp_text_errorf(errorp, "%s: invalid watch_port", value);
        }
    } else if (!strcmp(key, "watch_group") || !strcmp(key, "bucket_id")) {
        if (ofp_text_parse_uint(value, 0, UINT32_MAX, &v)) {
            return ofp_text_errorf(errorp, "invalid numeric format %s", value);
        }
        /* OpenFlow 1.3 has no bucket ids; ovs-ofctl drops them too. */
        b->watch_group = key[0] == 'w' ? v : b->watch_group;
    } else {
        return -ENOENT;
    }
    return 0;
}

/* Parses the text of one bucket (writable) into 'b'.  Parameters may come
 * anywhere; everything else, with or without "actions=", is an action. */
static int
parse_bucket(char *text, uint8_t type, const struct ofp_port_map *map,
             struct ofp_bucket *b, char **errorp)
{
    struct strbuf actions = STRBUF_INIT;
    char *key, *value, delim;
    bool any = false;
    int retval = 0;

    b->weight = default_weight(type);
    b->watch_port = OFPP_ANY;
    b->watch_group = OFPG_ANY;
    ofp_actions_init(&b->actions);
    while (!retval && ofp_text_next_pair(&text, &key, &value, &delim)) {
        retval = parse_bucket_param(key, value, map, b, errorp);
        if (retval != -ENOENT) {
            continue;
        }
        retval = 0;
        any = true;
        if (!strcmp(key, "actions")) {
            put_action_pair(&actions, value, "", '\0');
        } else {
            put_action_pair(&actions, key, value, delim);
        }
    }
    if (!retval && !any) {
        retval = ofp_text_errorf(errorp, "bucket must specify actions");
    } else if (!retval) {
        retval = ofp_text_parse_actions(strbuf_str(&actions), NULL, map,
                                        &b->actions, errorp);
    }
    strbuf_free(&actions);
    return retval;
}

/* Checks the buckets against the group's type, with ovs-ofctl's words. */
static int
check_buckets(const struct ofp_group_mod *gm, char **errorp)
{
    if (gm->type == OFPGT_INDIRECT && gm->n_buckets > 1) {
        return ofp_text_errorf(errorp, "Indirect groups can have at most one "
                                       "bucket.");
    }
    for (size_t i = 0; i < gm->n_buckets; i++) {
        const struct ofp_bucket *b = &gm->buckets[i];
        bool watch = b->watch_port != OFPP_ANY || b->watch_group != OFPG_ANY;

        if (b->weight && gm->type != OFPGT_SELECT) {
            return ofp_text_errorf(errorp, "Only select groups can have "
                                           "bucket weights.");
        } else if (gm->type == OFPGT_FF && !watch) {
            return ofp_text_errorf(errorp, "fast failover bucket requires "
                                           "watch_port or watch_group");
        } else if (watch && gm->type != OFPGT_FF && gm->type != OFPGT_SELECT) {
            return ofp_text_errorf(errorp, "Only select and fast failover "
                                           "groups can have watch_port or "
                                           "watch_group.");
        }
    }
    return 0;
}

static int
parse_buckets(char *text, const struct ofp_port_map *map,
              struct ofp_group_mod *gm, char **errorp)
{
    while (text) {
        char *next = find_bucket(text + 1);
        struct ofp_bucket *b;
        int retval;

        if (next) {
            next[-1] = '\0'; /* The delimiter before it. */
        }
        gm->buckets =
            xrealloc(gm->buckets, (gm->n_buckets + 1) * sizeof *gm->buckets);
        b = &gm->buckets[gm->n_buckets++];
        retval =
            parse_bucket(text + strlen("bucket="), gm->type, map, b, errorp);
        if (retval) {
            return retval;
        }
        text = next;
    }
    return check_buckets(gm, errorp);
}

static int
parse_group_type(const char *s, uint8_t *type, char **errorp)
{
    for (size_t i = 0; i < ARRAY_SIZE(group_types); i++) {
        if (!strcmp(s, group_types[i].name)) {
            *type = group_types[i].type;
            return 0;
        }
    }
    return ofp_text_errorf(errorp, "invalid group type %s", s);
}

/* Parses the pairs before the buckets.  Sets '*has_id' and '*has_type'. */
static int
parse_group_head(char *text, struct ofp_group_mod *gm, bool *has_id,
                 bool *has_type, char **errorp)
{
    char *key, *value;
    uint64_t v;

    while (ofp_text_next_pair(&text, &key, &value, NULL)) {
        if (!strcmp(key, "group_id")) {
            if (!strcasecmp(value, "all")) {
                v = OFPG_ALL;
            } else if (ofp_text_parse_uint(value, 0, UINT32_MAX, &v)) {
                return ofp_text_errorf(errorp, "invalid numeric format %s",
                                       value);
            }
            gm->group_id = v;
            *has_id = true;
        } else if (!strcmp(key, "type")) {
            if (parse_group_type(value, &gm->type, errorp)) {
                return -EINVAL;
            }
            *has_type = true;
        } else {
            return ofp_text_errorf(errorp, "unknown keyword %s", key);
        }
    }
    return 0;
}

static int
parse_group_text(char *text, enum ofp_group_mod_command command,
                 const struct ofp_port_map *map, struct ofp_group_mod *gm,
                 char **errorp)
{
    char *buckets = find_bucket(text), empty[1] = "";
    bool has_id = false, has_type = false;

    if (buckets && buckets > text) {
        buckets[-1] = '\0'; /* The delimiter before it. */
    }
    if (parse_group_head(buckets == text ? empty : text, gm, &has_id, &has_type,
                         errorp)) {
        return -EINVAL;
    }
    if (command == OFPGC_DELETE) {
        if (has_type) {
            return ofp_text_errorf(errorp, "type is not needed");
        } else if (buckets) {
            return ofp_text_errorf(errorp, "bucket is not needed");
        }
        gm->group_id = has_id ? gm->group_id : OFPG_ALL;
        return 0;
    } else if (!has_id) {
        return ofp_text_errorf(errorp, "must specify a group_id");
    } else if (!has_type) {
        return ofp_text_errorf(errorp, "must specify a type");
    }
    return buckets ? parse_buckets(buckets, map, gm, errorp) : 0;
}

int
ofp_text_parse_group_mod(const char *text, enum ofp_group_mod_command command,
                         const struct ofp_port_map *map,
                         struct ofp_group_mod *gm, char **errorp)
{
    char *copy = xstrdup(text);
    struct ofp_msg msg, wire;
    int retval;

    *errorp = NULL;
    memset(gm, 0, sizeof *gm);
    gm->command = command;
    retval = parse_group_text(copy, command, map, gm, errorp);
    free(copy);
    if (!retval) {
        ofp_msg_init(&msg, OFPK_GROUP_MOD, 0);
        msg.group_mod = *gm;
        retval = ofp_text_check_msg(&msg, &wire, "group", errorp);
    }
    ofp_text_group_mod_free(gm);
    *gm = retval ? (struct ofp_group_mod){0} : wire.group_mod;
    return retval;
}

/* Printing. */

static void
format_bucket(struct strbuf *sb, const struct ofp_bucket *b, uint8_t type)
{
    strbuf_puts(sb, ",bucket=");
    if (b->weight != default_weight(type)) {
        strbuf_printf(sb, "weight:%u,", b->weight);
    }
    if (b->watch_port != OFPP_ANY) {
        strbuf_puts(sb, "watch_port:");
        flow_format_port(sb, b->watch_port);
        strbuf_putc(sb, ',');
    }
    if (b->watch_group != OFPG_ANY) {
        strbuf_printf(sb, "watch_group:%" PRIu32 ",", b->watch_group);
    }
    strbuf_puts(sb, "actions=");
    ofp_text_format_actions(sb, &b->actions);
}

static void
format_group(struct strbuf *sb, uint32_t group_id, uint8_t type,
             const struct ofp_bucket *buckets, size_t n_buckets)
{
    const char *name = NULL;

    for (size_t i = 0; i < ARRAY_SIZE(group_types) && !name; i++) {
        name = group_types[i].type == type ? group_types[i].name : NULL;
    }
    /* An unknown type prints as Open vSwitch prints it. */
    strbuf_printf(sb, "group_id=%" PRIu32 ",type=%s", group_id,
                  name ? name : "unknown");
    for (size_t i = 0; i < n_buckets; i++) {
        format_bucket(sb, &buckets[i], type);
    }
}

void
ofp_text_format_group_mod(struct strbuf *sb, const struct ofp_group_mod *gm)
{
    static const char *const commands[] = {
        [OFPGC_ADD] = "ADD",
        [OFPGC_MODIFY] = "MOD",
        [OFPGC_DELETE] = "DEL",
    };

    if (gm->command < ARRAY_SIZE(commands)) {
        strbuf_printf(sb, "%s ", commands[gm->command]);
    } else {
        strbuf_printf(sb, "cmd:%u ", gm->command);
    }
    format_group(sb, gm->group_id, gm->type, gm->buckets, gm->n_buckets);
}

void
ofp_text_format_group_desc(struct strbuf *sb, const struct ofp_group_desc *gd)
{
    format_group(sb, gd->group_id, gd->type, gd->buckets, gd->n_buckets);
}
