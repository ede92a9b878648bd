/* pont-ofctl flow commands: add-flow, add-flows, mod-flows, del-flows,
 * dump-flows, dump-aggregate, bundle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_text.h"
#include "utilities/ofctl.h"

/* Messages collected from a file before they are sent together, each with
 * the "FILE:LINE" it came from (NULL for a command-line argument). */
struct msg_list {
    struct ofp_msg *msgs;
    char **labels;
    size_t n;
    struct ofctl_session *session;
    const char *file;
};

/* Appends an empty message for 'where' ("FILE:LINE: " or ""). */
static struct ofp_msg *
msg_list_push(struct msg_list *list, const char *where)
{
    size_t n = list->n;
    char *label = NULL;

    if (*where) {
        label = xstrdup(where);
        label[strlen(label) - 2] = '\0';   /* Drop the ": ". */
    }
    *(char **) ofp_array_push(&list->labels, &n, sizeof *list->labels) =
        label;
    return ofp_array_push(&list->msgs, &list->n, sizeof *list->msgs);
}

static void
msg_list_free(struct msg_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        ofp_msg_uninit(&list->msgs[i]);
        free(list->labels[i]);
    }
    free(list->msgs);
    free(list->labels);
}

static int
msg_list_send(struct msg_list *list)
{
    return ofctl_send_mods(list->session, list->msgs,
                           (const char *const *) list->labels, list->n);
}

/* Parses 'text' as a flow mod for 'command' into a new message of 'list'.
 * 'where' prefixes error messages ("FILE:LINE: "). */
static int
add_flow_mod(struct msg_list *list, enum ofp_flow_mod_command command,
             const char *text, const char *where)
{
    struct ofp_msg *msg = msg_list_push(list, where);
    char *error;

    ofctl_msg_init(list->session, msg, OFPK_FLOW_MOD);
    if (ofp_text_parse_flow_mod(text, command,
                                ofctl_port_map(list->session),
                                &msg->flow_mod, &error)) {
        int status = ofctl_error("%s%s", where, error);
        free(error);
        ofp_msg_init(msg, OFPK_FLOW_MOD, 0);
        return status;
    }
    msg->flow_mod.command = command;
    return 0;
}

static enum ofp_flow_mod_command
mod_command(void)
{
    return ofctl_opts.strict ? OFPFC_MODIFY_STRICT : OFPFC_MODIFY;
}

static enum ofp_flow_mod_command
del_command(void)
{
    return ofctl_opts.strict ? OFPFC_DELETE_STRICT : OFPFC_DELETE;
}

static int
send_one(struct ofctl_session *s, enum ofp_flow_mod_command command,
         const char *text)
{
    struct msg_list list = {NULL, NULL, 0, s, NULL};
    int status = add_flow_mod(&list, command, text, "");

    if (!status) {
        status = msg_list_send(&list);
    }
    msg_list_free(&list);
    return status;
}

static int
cmd_add_flow(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_one(s, OFPFC_ADD, argv[0]);
}

static int
cmd_mod_flows(struct ofctl_session *s, int argc, char *argv[])
{
    (void) argc;
    return send_one(s, mod_command(), argv[0]);
}

static int
cmd_del_flows(struct ofctl_session *s, int argc, char *argv[])
{
    return send_one(s, del_command(), argc ? argv[0] : "");
}

/* A flow file line: "[add|modify|modify_strict|delete|delete_strict] FLOW"
 * (plain FLOW is an addition), as ovs-ofctl reads them. */
static int
parse_flow_line(char *line, int line_no, void *list_)
{
    static const struct {
        const char *word;
        enum ofp_flow_mod_command command;
    } words[] = {
        {"add", OFPFC_ADD},
        {"modify", OFPFC_MODIFY},
        {"modify_strict", OFPFC_MODIFY_STRICT},
        {"delete", OFPFC_DELETE},
        {"delete_strict", OFPFC_DELETE_STRICT},
    };
    struct msg_list *list = list_;
    enum ofp_flow_mod_command command = OFPFC_ADD;
    size_t word_len = strcspn(line, " \t");
    char where[256];

    for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
        if (strlen(words[i].word) == word_len
            && !strncmp(line, words[i].word, word_len)) {
            command = words[i].command;
            line += word_len + strspn(line + word_len, " \t");
            break;
        }
    }
    snprintf(where, sizeof where, "%s:%d: ", list->file, line_no);
    return add_flow_mod(list, command, line, where);
}

static int
cmd_add_flows(struct ofctl_session *s, int argc, char *argv[])
{
    struct msg_list list = {NULL, NULL, 0, s, argv[0]};
    int status;

    (void) argc;
    status = ofctl_read_lines(argv[0], parse_flow_line, &list);
    if (!status && list.n) {
        status = msg_list_send(&list);
    }
    msg_list_free(&list);
    return status;
}

/* A bundle file line: "[flow] COMMAND FLOW" or "group COMMAND GROUP". */
static int
parse_bundle_line(char *line, int line_no, void *list_)
{
    static const char *const group_words[] = {"add", "modify", "delete"};
    struct msg_list *list = list_;
    char where[256];

    if (strncmp(line, "group ", 6)) {
        if (!strncmp(line, "flow ", 5)) {
            line += 5;
        }
        return parse_flow_line(line, line_no, list);
    }
    line += 6;
    snprintf(where, sizeof where, "%s:%d: ", list->file, line_no);
    for (size_t i = 0; i < ARRAY_SIZE(group_words); i++) {
        size_t len = strlen(group_words[i]);
        if (!strncmp(line, group_words[i], len) && line[len] == ' ') {
            struct ofp_msg *msg = msg_list_push(list, where);
            char *error;

            ofctl_msg_init(list->session, msg, OFPK_GROUP_MOD);
            if (ofp_text_parse_group_mod(line + len + 1, i,
                                         ofctl_port_map(list->session),
                                         &msg->group_mod, &error)) {
                int status = ofctl_error("%s%s", where, error);
                free(error);
                ofp_msg_init(msg, OFPK_GROUP_MOD, 0);
                return status;
            }
            msg->group_mod.command = i;
            return 0;
        }
    }
    return ofctl_error("%sexpected \"group add|modify|delete GROUP\"",
                       where);
}

static int
cmd_bundle(struct ofctl_session *s, int argc, char *argv[])
{
    struct msg_list list = {NULL, NULL, 0, s, argv[0]};
    int status;

    (void) argc;
    status = ofctl_read_lines(argv[0], parse_bundle_line, &list);
    if (!status && list.n) {
        ofctl_opts.bundle = true;
        status = msg_list_send(&list);
    }
    msg_list_free(&list);
    return status;
}

/* Sends a flow statistics request of 'kind' for the flow in 'argv' (all
 * flows when absent) and prints the replies as ovs-ofctl does: each reply
 * message with its header line, then one line per flow. */
static int
stats_request(struct ofctl_session *s, enum ofp_msg_kind kind, int argc,
              char *argv[])
{
    struct ofp_msg req;
    char *error;
    int status;

    ofctl_msg_init(s, &req, kind);
    if (ofp_text_parse_flow_stats_request(argc ? argv[0] : "",
                                          ofctl_port_map(s),
                                          &req.flow_stats_request, &error)) {
        status = ofctl_error("%s", error);
        free(error);
        return status;
    }
    return ofctl_transact_print(s, &req);
}

static int
cmd_dump_flows(struct ofctl_session *s, int argc, char *argv[])
{
    return stats_request(s, OFPK_FLOW_STATS_REQUEST, argc, argv);
}

static int
cmd_dump_aggregate(struct ofctl_session *s, int argc, char *argv[])
{
    return stats_request(s, OFPK_AGGREGATE_REQUEST, argc, argv);
}

const struct ofctl_command ofctl_flow_commands[] = {
    {"add-flow", "FLOW", 1, 1, true, cmd_add_flow,
     "add FLOW to the switch's flow table"},
    {"add-flows", "FILE", 1, 1, true, cmd_add_flows,
     "add the flows in FILE (\"-\" for stdin), one per line"},
    {"mod-flows", "FLOW", 1, 1, true, cmd_mod_flows,
     "change the actions of flows matching FLOW (--strict: exactly)"},
    {"del-flows", "[FLOW]", 0, 1, true, cmd_del_flows,
     "delete flows matching FLOW (--strict: exactly), or all flows"},
    {"dump-flows", "[FLOW]", 0, 1, true, cmd_dump_flows,
     "print the flows matching FLOW, or all flows"},
    {"dump-aggregate", "[FLOW]", 0, 1, true, cmd_dump_aggregate,
     "print packet, byte and flow counts over flows matching FLOW"},
    {"bundle", "FILE", 1, 1, true, cmd_bundle,
     "apply the flow and group changes in FILE atomically"},
    {NULL, NULL, 0, 0, false, NULL, NULL},
};
