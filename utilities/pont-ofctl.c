/* pont-ofctl: OpenFlow 1.3 command-line client for any switch at
 * tcp:IP[:PORT] or unix:PATH.
 *
 * Commands, their arguments and their output follow ovs-ofctl's, so that
 * admins' habits and scripts carry over.  This file holds option handling
 * and dispatch; the commands live in ofctl_*.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "ofproto/ofp_conn.h"
#include "ofproto/ofp_text.h"
#include "utilities/ofctl.h"

static const struct ofctl_command *const command_tables[] = {
    ofctl_offline_commands,
    ofctl_flow_commands,
    ofctl_switch_commands,
    ofctl_group_meter_commands,
};

const struct ofctl_command *
ofctl_find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(command_tables); i++) {
        for (const struct ofctl_command *c = command_tables[i]; c->name;
             c++) {
            if (!strcmp(c->name, name)) {
                return c;
            }
        }
    }
    return NULL;
}

static void
usage(void)
{
    printf("pont-ofctl: OpenFlow 1.3 switch management utility\n"
           "usage: pont-ofctl [OPTIONS] COMMAND [SWITCH] [ARG...]\n"
           "SWITCH is tcp:IP[:PORT] (default port 6653) or unix:PATH.\n\n"
           "Commands:\n");
    for (size_t i = 0; i < ARRAY_SIZE(command_tables); i++) {
        for (const struct ofctl_command *c = command_tables[i]; c->name;
             c++) {
            printf("  %s%s %s\n      %s\n", c->name,
                   c->needs_target ? " SWITCH" : "", c->usage, c->help);
        }
    }
    printf("\nOptions:\n"
           "  -O, --protocols=OpenFlow13  the only version spoken\n"
           "  --strict           mod-flows/del-flows: match exactly, with "
           "priority\n"
           "  --bundle           send changes in one atomic bundle\n"
           "  -t, --timeout=SECS wait at most SECS for the switch to "
           "connect and\n"
           "                     for each request's replies (default 10)\n"
           "  -h, --help         show this help and exit\n"
           "  -V, --version      show the version and exit\n");
}

/* Parses options; returns -1 to go on, else an exit status. */
static int
parse_options(int argc, char *argv[])
{
    enum { OPT_STRICT = 256, OPT_BUNDLE };
    static const struct option options[] = {
        {"protocols", required_argument, NULL, 'O'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"bundle", no_argument, NULL, OPT_BUNDLE},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;

    while ((c = getopt_long(argc, argv, "+O:t:hV", options, NULL)) != -1) {
        switch (c) {
        case 'O':
            if (strcmp(optarg, "OpenFlow13")) {
                ofctl_error("%s: pont-ofctl speaks only OpenFlow13", optarg);
                return OFCTL_EXIT_USAGE;
            }
            break;
        case OPT_STRICT:
            ofctl_opts.strict = true;
            break;
        case OPT_BUNDLE:
            ofctl_opts.bundle = true;
            break;
        case 't': {
            uint64_t secs;
            if (ofp_text_parse_uint(optarg, 10, 86400, &secs) || !secs) {
                ofctl_error("--timeout: expected a positive number of "
                            "seconds, at most 86400");
                return OFCTL_EXIT_USAGE;
            }
            ofctl_opts.timeout_ms = secs * 1000;
            break;
        }
        case 'h':
            usage();
            return 0;
        case 'V':
            printf("pont-ofctl (Pont) %s\n", PONT_VERSION);
            return 0;
        default:
            fprintf(stderr, "Try 'pont-ofctl --help' for the options.\n");
            return OFCTL_EXIT_USAGE;
        }
    }
    return -1;
}

/* Runs 'cmd' with the 'argc' arguments after its name. */
static int
run_command(const struct ofctl_command *cmd, int argc, char *argv[])
{
    struct ofctl_session session = {NULL, 1, NULL};
    int n_args = argc - (cmd->needs_target ? 1 : 0);
    int error, status;
    char *message;

    if (n_args < cmd->min_args
        || (cmd->max_args >= 0 && n_args > cmd->max_args)) {
        ofctl_error("'%s' needs %s arguments; usage: pont-ofctl %s%s %s",
                    cmd->name, n_args < cmd->min_args ? "more" : "fewer",
                    cmd->name, cmd->needs_target ? " SWITCH" : "",
                    cmd->usage);
        return OFCTL_EXIT_USAGE;
    }
    if (cmd->needs_target) {
        session.conn = ofp_conn_open(argv[0], ofctl_opts.timeout_ms, &error,
                                     &message);
        if (!session.conn) {
            status = ofctl_error("%s: %s%s", argv[0], message,
                                 error == -ECONNREFUSED
                                     ? " (is a switch listening there? "
                                       "Open vSwitch listens only when "
                                       "told to, e.g. ptcp:6653)"
                                     : "");
            free(message);
            return status;
        }
    }
    status = cmd->run(&session, n_args, argv + (cmd->needs_target ? 1 : 0));
    ofp_port_map_destroy(session.ports);
    ofp_conn_close(session.conn);
    return status;
}

int
main(int argc, char *argv[])
{
    const struct ofctl_command *cmd;
    int status = parse_options(argc, argv);

    if (status >= 0) {
        return status;
    }
    if (optind >= argc) {
        ofctl_error("missing command name; try 'pont-ofctl --help' for the "
                    "list.");
        return OFCTL_EXIT_USAGE;
    }
    cmd = ofctl_find_command(argv[optind]);
    if (!cmd) {
        ofctl_error("unknown command '%s'; try 'pont-ofctl --help' for the "
                    "list.", argv[optind]);
        return OFCTL_EXIT_USAGE;
    }
    status = run_command(cmd, argc - optind - 1, argv + optind + 1);
    if (fflush(stdout) || ferror(stdout)) {
        return ofctl_error("writing the output failed");
    }
    return status;
}
