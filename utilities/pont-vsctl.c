/* pont-vsctl: configures a running pont-vswitchd through its control
 * socket: bridges, ports, controllers, listeners, and looks inside
 * (show, trace, dump-dp-flows, dump-ports, pmd-stats).
 *
 * The commands and their arguments come from the table the daemon serves
 * (vswitchd/ctl_commands.h), so this program checks a command line as the
 * daemon will, and exits 2 for a bad one without connecting. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/jsonrpc.h"
#include "vswitchd/config.h"
#include "vswitchd/ctl_commands.h"

#define DEFAULT_CTL "/run/pont/vswitchd.ctl"
#define DEFAULT_TIMEOUT_S 30

enum { EXIT_ERROR = 1, EXIT_USAGE = 2 };

static void
usage(void)
{
    printf("pont-vsctl: configure Pont's virtual switch (pont-vswitchd)\n"
           "usage: pont-vsctl [OPTIONS] COMMAND [ARG...]\n"
           "\n"
           "Commands:\n");
    for (const struct vsd_ctl_command *c = vsd_ctl_commands; c->name; c++) {
        printf("  %s%s%s%s%s\n      %s\n", c->name,
               c->options & VSD_CTL_MAY_EXIST ? " [--may-exist]" : "",
               c->options & VSD_CTL_IF_EXISTS ? " [--if-exists]" : "",
               *c->usage ? " " : "", c->usage, c->help);
    }
    printf("\n"
           "Port types (add-port BR PORT type=TYPE [OPTION=VALUE...]); an\n"
           "option's value is passed on as it is, '=' and ',' included:\n"
           "  type=dummy [sock=PATH | sock-connect=PATH]\n"
           "      dummy datapath: a queue, or a unix socket for tests\n"
           "  type=vhostuser path=SOCK [vhost-server=true] [queues=N]\n"
           "      dpdk datapath: a guest's virtio-net over vhost-user;\n"
           "      the switch connects to SOCK unless vhost-server=true\n"
           "  type=dpdk devargs=DEVARGS [queues=N]\n"
           "      dpdk datapath: a device, by name or PCI address, or a\n"
           "      virtual one such as devargs=net_af_packet0,iface=veth0\n"
           "  type=vxlan local_ip=IP[/LEN] uplink=PORT [remote_ip=flow|IP]\n"
           "             [key=flow|VNI] [gateway=IP] [dst_port=N] [ttl=N]\n"
           "             [tos=N] [df=true|false]\n"
           "      any datapath: VXLAN over PORT of the same bridge, this\n"
           "      host's endpoint being IP; by default the flows choose\n"
           "      the remote endpoint (tun_dst) and the VNI (tun_id)\n"
           "\n"
           "Options:\n"
           "  --ctl=PATH        pont-vswitchd's control socket (default "
           "%s)\n"
           "  --may-exist       add-br, add-port: no error if it exists\n"
           "  --if-exists       del-br, del-port: no error if it does not "
           "exist\n"
           "  -t, --timeout=SECS  give up after SECS (default %d; 0: wait "
           "forever)\n"
           "  -h, --help        print this help and exit\n"
           "  -V, --version     print the version and exit\n"
           "\n"
           "Examples:\n"
           "  pont-vsctl add-br br0 datapath=dummy\n"
           "  pont-vsctl add-port br0 vm1 type=dummy ofport=1 "
           "iface-id=acme/vm1\n"
           "  pont-vsctl add-br br1 datapath=dpdk\n"
           "  pont-vsctl add-port br1 vm2 type=vhostuser "
           "path=/run/vm2.sock\n"
           "  pont-vsctl add-port br1 eth0 type=dpdk "
           "devargs=net_af_packet0,iface=veth0\n"
           "  pont-vsctl set-listener br0 ptcp:6634:127.0.0.1\n"
           "  pont-vsctl trace br0 in_port=vm1,tcp,nw_dst=10.0.0.2,"
           "tp_dst=80\n"
           "\n"
           "Exit status: 0 on success, 1 if the switch refused the command "
           "or\ncould not be reached (the message says why), 2 for a bad "
           "command line.\n",
           DEFAULT_CTL, DEFAULT_TIMEOUT_S);
}

struct vsctl_options {
    const char *ctl;
    unsigned ctl_options; /* VSD_CTL_* given. */
    int timeout_ms;
};

static void usage_error(const char *format, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
usage_error(const char *format, ...)
{
    va_list args;

    fprintf(stderr, "pont-vsctl: ");
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, " (pont-vsctl --help lists commands and options)\n");
    exit(EXIT_USAGE);
}

static int
parse_options(int argc, char *argv[], struct vsctl_options *opts)
{
    enum { OPT_CTL = 256, OPT_MAY_EXIST, OPT_IF_EXISTS };
    static const struct option long_options[] = {
        {"ctl", required_argument, NULL, OPT_CTL},
        {"may-exist", no_argument, NULL, OPT_MAY_EXIST},
        {"if-exists", no_argument, NULL, OPT_IF_EXISTS},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    char *end;
    long secs;
    int c;

    *opts = (struct vsctl_options){DEFAULT_CTL, 0, DEFAULT_TIMEOUT_S * 1000};
    while ((c = getopt_long(argc, argv, "+t:hV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_CTL:
            opts->ctl = optarg;
            break;
        case OPT_MAY_EXIST:
            opts->ctl_options |= VSD_CTL_MAY_EXIST;
            break;
        case OPT_IF_EXISTS:
            opts->ctl_options |= VSD_CTL_IF_EXISTS;
            break;
        case 't':
            errno = 0;
            secs = strtol(optarg, &end, 10);
            if (errno || *end || secs < 0 || secs > 86400) {
                usage_error("--timeout=%s is not a number of seconds from 0 "
                            "to 86400",
                            optarg);
            }
            opts->timeout_ms = secs ? (int) secs * 1000 : -1;
            break;
        case 'h':
            usage();
            exit(0);
        case 'V':
            printf("pont-vsctl (Pont) %s\n", PONT_VERSION);
            exit(0);
        default:
            fprintf(stderr, "Try 'pont-vsctl --help' for usage.\n");
            exit(EXIT_USAGE);
        }
    }
    return optind;
}

/* Builds the request's params: the options, then the arguments. */
static json_t *
make_params(unsigned options, char *argv[], int argc)
{
    json_t *params = json_array();

    if (options & VSD_CTL_MAY_EXIST) {
        json_array_append_new(params, json_string("--may-exist"));
    }
    if (options & VSD_CTL_IF_EXISTS) {
        json_array_append_new(params, json_string("--if-exists"));
    }
    for (int i = 0; i < argc; i++) {
        json_array_append_new(params, json_string(argv[i]));
    }
    return params;
}

/* Checks the command line as the daemon will, so that a mistake exits 2
 * without a round trip. */
static void
check_command(const struct vsd_ctl_command *cmd, unsigned options, char *argv[],
              int argc)
{
    json_t *params = make_params(options, argv, argc);
    struct vsd_ctl_args args;
    char *error = NULL;

    if (vsd_ctl_parse_params(cmd, params, &args, &error)) {
        fprintf(stderr, "pont-vsctl: %s\n", error);
        free(error);
        json_decref(params);
        exit(EXIT_USAGE);
    }
    free(args.argv);
    json_decref(params);
}

static void
print_result(const json_t *result)
{
    if (json_is_string(result)) {
        const char *s = json_string_value(result);
        size_t len = strlen(s);

        fputs(s, stdout);
        if (len && s[len - 1] != '\n') {
            putchar('\n');
        }
    } else if (json_is_array(result)) {
        size_t i;
        json_t *item;

        json_array_foreach(result, i, item)
        {
            print_result(item);
        }
    } else if (json_is_integer(result)) {
        printf("%lld\n", (long long) json_integer_value(result));
    } else if (!json_is_null(result)) {
        char *text = json_dumps(result, JSON_ENCODE_ANY);

        printf("%s\n", text ? text : "");
        free(text);
    }
}

int
main(int argc, char *argv[])
{
    const struct vsd_ctl_command *cmd;
    struct vsctl_options opts;
    json_t *params, *result = NULL;
    char *error = NULL;
    int first = parse_options(argc, argv, &opts);

    if (first >= argc) {
        usage_error("missing command");
    }
    cmd = vsd_ctl_command_find(argv[first]);
    if (!cmd) {
        usage_error("unknown command '%s'", argv[first]);
    }
    check_command(cmd, opts.ctl_options, &argv[first + 1], argc - first - 1);

    params = make_params(opts.ctl_options, &argv[first + 1], argc - first - 1);
    if (jsonrpc_client_transact(opts.ctl, cmd->name, params, opts.timeout_ms,
                                &result, &error)) {
        fprintf(stderr, "pont-vsctl: %s\n", error);
        free(error);
        json_decref(params);
        return EXIT_ERROR;
    }
    print_result(result);
    json_decref(result);
    json_decref(params);
    return 0;
}
