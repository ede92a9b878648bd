/* pont-ofctl group and meter commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_text.h"
#include "utilities/ofctl.h"

static int
send_group_mod(struct ofctl_session *s, enum ofp_group_mod_command command,
               const char *text)
{
    struct ofp_msg msg;
    char *error;
    int status;

    ofctl_msg_init(s, &msg, OFPK_GROUP_MOD);
    if (ofp_text_parse_group_mod(text, command, ofctl_port_map(s),
                                 &msg.group_mod, &error)) {
        status = ofctl_error("%s", error);
        free(error);
        return status;
    }
    status = ofctl_send_mods(s, &msg, NULL, 1);
    ofp_msg_uninit(&msg);
    return status;
}

static int
cmd_add_group(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_group_mod(s, OFPGC_ADD, argv[0]);
}

static int
cmd_mod_group(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_group_mod(s, OFPGC_MODIFY, argv[0]);
}

static int
cmd_del_groups(struct ofctl_session *s, int argc, char *argv[])
{
    return send_group_mod(s, OFPGC_DELETE, argc ? argv[0] : "");
}

static int
send_meter_mod(struct ofctl_session *s, enum ofp_meter_mod_command command,
               const char *text)
{
    struct ofp_msg msg;
    char *error;
    int status;

    ofctl_msg_init(s, &msg, OFPK_METER_MOD);
    if (ofp_text_parse_meter_mod(text, command, &msg.meter_mod, &error)) {
        status = ofctl_error("%s", error);
        free(error);
        return status;
    }
    status = ofctl_send_mods(s, &msg, NULL, 1);
    ofp_msg_uninit(&msg);
    return status;
}

static int
cmd_add_meter(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_meter_mod(s, OFPMC_ADD, argv[0]);
}

static int
cmd_mod_meter(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_meter_mod(s, OFPMC_MODIFY, argv[0]);
}

static int
cmd_del_meters(struct ofctl_session *s, int argc, char *argv[])
{
    return send_meter_mod(s, OFPMC_DELETE, argc ? argv[0] : "");
}

/* Sends a request of 'kind' for the group or meter "group_id=N"/"meter=N"
 * in 'argv' (all when absent) and prints the replies. */
static int
dump(struct ofctl_session *s, enum ofp_msg_kind kind, int argc, char *argv[])
{
    struct ofp_msg req;
    uint64_t id;

    ofctl_msg_init(s, &req, kind);
    if (argc) {
        const char *eq = strchr(argv[0], '=');
        const char *value = eq ? eq + 1 : argv[0];
        if (ofp_text_parse_uint(value, 0, UINT32_MAX, &id)) {
            return ofctl_error("%s: expected a number", argv[0]);
        }
        if (kind == OFPK_METER_CONFIG_REQUEST
            || kind == OFPK_METER_STATS_REQUEST) {
            req.meter_id = id;
        } else {
            req.group_id = id;
        }
    }
    return ofctl_transact_print(s, &req);
}

static int
cmd_dump_groups(struct ofctl_session *s, int argc, char *argv[])
{
    return dump(s, OFPK_GROUP_DESC_REQUEST, argc, argv);
}

static int
cmd_dump_group_stats(struct ofctl_session *s, int argc, char *argv[])
{
    return dump(s, OFPK_GROUP_STATS_REQUEST, argc, argv);
}

static int
cmd_dump_meters(struct ofctl_session *s, int argc, char *argv[])
{
    return dump(s, OFPK_METER_CONFIG_REQUEST, argc, argv);
}

static int
cmd_meter_stats(struct ofctl_session *s, int argc, char *argv[])
{
    return dump(s, OFPK_METER_STATS_REQUEST, argc, argv);
}

/* Requests of kinds without arguments: features of groups and meters. */
static int
features(struct ofctl_session *s, enum ofp_msg_kind kind)
{
    struct ofp_msg req;

    ofctl_msg_init(s, &req, kind);
    return ofctl_transact_print(s, &req);
}

static int
cmd_dump_group_features(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    (void) argv;
    return features(s, OFPK_GROUP_FEATURES_REQUEST);
}

static int
cmd_meter_features(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    (void) argv;
    return features(s, OFPK_METER_FEATURES_REQUEST);
}

const struct ofctl_command ofctl_group_meter_commands[] = {
    {"add-group", "GROUP", 1, 1, true, cmd_add_group, "add GROUP"},
    {"mod-group", "GROUP", 1, 1, true, cmd_mod_group, "modify GROUP"},
    {"del-groups", "[GROUP]", 0, 1, true, cmd_del_groups,
     "delete GROUP (group_id=N), or all groups"},
    {"dump-groups", "[GROUP_ID]", 0, 1, true, cmd_dump_groups,
     "print group descriptions"},
    {"dump-group-stats", "[GROUP_ID]", 0, 1, true, cmd_dump_group_stats,
     "print group statistics"},
    {"dump-group-features", "", 0, 0, true, cmd_dump_group_features,
     "print the group types and capabilities the switch supports"},
    {"add-meter", "METER", 1, 1, true, cmd_add_meter, "add METER"},
    {"mod-meter", "METER", 1, 1, true, cmd_mod_meter, "modify METER"},
    {"del-meter", "METER", 1, 1, true, cmd_del_meters,
     "delete METER (meter=N)"},
    {"del-meters", "[METER]", 0, 1, true, cmd_del_meters,
     "delete METER (meter=N), or all meters"},
    {"dump-meter", "METER_ID", 1, 1, true, cmd_dump_meters,
     "print a meter's configuration"},
    {"dump-meters", "[METER_ID]", 0, 1, true, cmd_dump_meters,
     "print meter configurations"},
    {"meter-stats", "[METER_ID]", 0, 1, true, cmd_meter_stats,
     "print meter statistics"},
    {"meter-features", "", 0, 0, true, cmd_meter_features,
     "print the meter features the switch supports"},
    {NULL, NULL, 0, 0, false, NULL, NULL},
};
