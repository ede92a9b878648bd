/* pontctl: the command line of pont-controller, over its REST API.
 *
 * Each command is one or a few HTTP requests (pontctl_http.h); names and
 * segments are checked here with the model's own parsers before anything
 * is sent, and everything else by the controller, whose error sentences
 * are printed as they are.  Output is a table for humans or, with --json,
 * the controller's JSON for scripts.
 *
 * Exit status: 0 on success, 1 on an error (the message says which), 2
 * for a bad command line. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "utilities/pontctl.h"
#include "utilities/pontctl_http.h"

#define DEFAULT_API "http://127.0.0.1:8080"

static void
usage(void)
{
    printf(
        "pontctl: control pont-controller through its REST API\n"
        "usage: pontctl [OPTIONS] COMMAND [ARG...]\n"
        "\n"
        "Tenants:\n"
        "  tenant add TENANT\n"
        "  tenant del TENANT\n"
        "  tenant list\n"
        "Networks (a VLAN on the hosts' uplinks, or a VXLAN overlay whose\n"
        "VNI is allocated unless --vni gives it):\n"
        "  network add TENANT/NET --cidr CIDR [--vlan ID | --vni VNI]\n"
        "  network del TENANT/NET\n"
        "  network list [TENANT]\n"
        "  network show TENANT/NET\n"
        "Ports (a VM's interface; it is bound to the host whose switch\n"
        "reports its key, by default TENANT-PORT):\n"
        "  port add TENANT/PORT --network NET --mac MAC --ip IP [--ip IP]...\n"
        "           [--iface KEY]\n"
        "  port del TENANT/PORT\n"
        "  port list [TENANT]\n"
        "  port show TENANT/PORT\n"
        "Hosts (Pont switches register themselves; declare others):\n"
        "  host add NAME --dpid DPID [--tunnel-ip IP] [--uplink PORT]\n"
        "  host del NAME\n"
        "  host list     (tunnel IPs, bound ports, connection state)\n"
        "  flows HOST    (the flows the controller wants on HOST)\n"
        "\n"
        "Options:\n"
        "  --api=URL      the controller's API (default $PONT_API, else %s)\n"
        "  --json         print JSON instead of tables\n"
        "  -h, --help     print this help and exit\n"
        "  -V, --version  print the version and exit\n"
        "\n"
        "Exit status: 0 on success, 1 on an error (the message says which),\n"
        "2 for a bad command line.\n",
        DEFAULT_API);
}

void
pontctl_usage_error(const char *fmt, ...)
{
    va_list args;

    fputs("pontctl: ", stderr);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputs(" (try pontctl --help)\n", stderr);
    exit(PONTCTL_EXIT_USAGE);
}

void
pontctl_fatal(char *message)
{
    fprintf(stderr, "pontctl: %s\n", message);
    free(message);
    exit(PONTCTL_EXIT_ERROR);
}

/* Command lines: positional arguments and "--name VALUE" or
 * "--name=VALUE" options, each checked against the command's list. */
static void
parse_args(const struct pontctl_command *cmd, int argc, char *argv[],
           struct pontctl_args *args)
{
    memset(args, 0, sizeof *args);
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *eq;
        size_t len;
        bool known = false;

        if (strncmp(arg, "--", 2)) {
            if (args->n_pos >= cmd->max_args) {
                pontctl_usage_error("%s%s%s: too many arguments", cmd->object,
                                    cmd->verb[0] ? " " : "", cmd->verb);
            }
            args->pos[args->n_pos++] = arg;
            continue;
        }
        arg += 2;
        eq = strchr(arg, '=');
        len = eq ? (size_t) (eq - arg) : strlen(arg);
        for (size_t j = 0; cmd->options[j]; j++) {
            known |= strlen(cmd->options[j]) == len
                     && !strncmp(cmd->options[j], arg, len);
        }
        if (!known || args->n_opts >= PONTCTL_MAX_OPTS
            || (!eq && i + 1 >= argc)) {
            pontctl_usage_error("%s%s%s: %s option --%.*s", cmd->object,
                                cmd->verb[0] ? " " : "", cmd->verb,
                                known ? "missing value or too many of"
                                      : "unknown",
                                (int) len, arg);
        }
        args->opts[args->n_opts].name = xasprintf("%.*s", (int) len, arg);
        args->opts[args->n_opts++].value = eq ? eq + 1 : argv[++i];
    }
    if (args->n_pos < cmd->min_args) {
        pontctl_usage_error("%s%s%s needs %s", cmd->object,
                            cmd->verb[0] ? " " : "", cmd->verb, cmd->synopsis);
    }
}

const char *
pontctl_opt(const struct pontctl_args *args, const char *name)
{
    const char *value = NULL;

    for (size_t i = 0; i < args->n_opts; i++) {
        if (!strcmp(args->opts[i].name, name)) {
            value = args->opts[i].value;
        }
    }
    return value;
}

static void
free_args(struct pontctl_args *args)
{
    for (size_t i = 0; i < args->n_opts; i++) {
        free(args->opts[i].name);
    }
}

/* Parses the global options; returns the index of the command. */
static int
parse_options(int argc, char *argv[], struct pontctl_ctx *ctx)
{
    enum { OPT_API = 256, OPT_JSON };
    static const struct option long_options[] = {
        {"api", required_argument, NULL, OPT_API},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *env = getenv("PONT_API");
    int c;

    ctx->api = env && env[0] ? env : DEFAULT_API;
    while ((c = getopt_long(argc, argv, "+hV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_API:
            ctx->api = optarg;
            break;
        case OPT_JSON:
            ctx->json = true;
            break;
        case 'h':
            usage();
            exit(0);
        case 'V':
            printf("pontctl (Pont) %s\n", PONT_VERSION);
            exit(0);
        default:
            fprintf(stderr, "Try 'pontctl --help' for usage.\n");
            exit(PONTCTL_EXIT_USAGE);
        }
    }
    return optind;
}

int
main(int argc, char *argv[])
{
    struct pontctl_ctx ctx = {0};
    const struct pontctl_command *cmd;
    struct pontctl_args args;
    int i = parse_options(argc, argv, &ctx);
    const char *object = i < argc ? argv[i] : NULL;
    const char *verb = i + 1 < argc ? argv[i + 1] : "";

    if (!object) {
        pontctl_usage_error("no command given");
    }
    cmd = pontctl_find_command(object, verb);
    if (!cmd) {
        pontctl_usage_error("unknown command \"%s%s%s\"", object,
                            verb[0] ? " " : "", verb);
    }
    i += cmd->verb[0] ? 2 : 1;
    parse_args(cmd, argc - i, argv + i, &args);
    cmd->run(&ctx, &args);
    free_args(&args);
    return 0;
}
