/* The control socket's commands, as data.  See ctl_commands.h. */
#include "vswitchd/ctl_commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/util.h"
#include "vswitchd/config.h"

const struct vsd_ctl_command vsd_ctl_commands[] = {
    {"add-br", 1, 2, VSD_CTL_MAY_EXIST, "BR [datapath=dummy|dpdk|ebpf]",
     "add bridge BR with its own datapath (default dummy)"},
    {"del-br", 1, 1, VSD_CTL_IF_EXISTS, "BR",
     "delete bridge BR and all its ports"},
    {"list-br", 0, 0, 0, "", "print the names of all bridges"},
    {"add-port", 2, -1, VSD_CTL_MAY_EXIST,
     "BR PORT type=TYPE [ofport=N] [iface-id=ID] [KEY=VALUE...]",
     "add PORT to BR; other KEY=VALUEs are port options (Port types)"},
    {"del-port", 1, 2, VSD_CTL_IF_EXISTS, "[BR] PORT",
     "delete PORT (from BR, if given)"},
    {"list-ports", 1, 1, 0, "BR", "print the names of the ports of BR"},
    {"get-ofport", 2, 2, 0, "BR PORT",
     "print the OpenFlow port number of PORT"},
    {"set-controller", 2, -1, 0, "BR TARGET...",
     "connect BR to controllers tcp:IP[:PORT] or unix:PATH"},
    {"del-controller", 1, 1, 0, "BR", "disconnect BR from its controllers"},
    {"set-listener", 2, -1, 0, "BR TARGET...",
     "let tools connect to BR at ptcp:PORT[:IP] or punix:PATH"},
    {"del-listener", 1, 1, 0, "BR", "stop listening for tools on BR"},
    {"set-fail-mode", 2, 2, 0, "BR secure|standalone",
     "what BR does without a controller"},
    {"set-dpid", 2, 2, 0, "BR DPID",
     "set the datapath id of BR (16 hexadecimal digits)"},
    {"set-host-id", 1, 1, 0, "ID",
     "name this host to the controller (default: the host name)"},
    {"show", 0, 0, 0, "",
     "print the host id, bridges, ports and connections"},
    {"trace", 2, 2, 0, "BR FLOW",
     "run a packet through BR's tables, e.g. "
     "in_port=p1,tcp,nw_dst=10.0.0.1,tp_dst=80"},
    {"dump-dp-flows", 1, 1, 0, "BR",
     "print BR's datapath megaflows with statistics and actions"},
    {"dump-ports", 1, 1, 0, "BR",
     "print BR's ports: link state, packets, bytes, drops, errors"},
    {"dump-tunnels", 1, 1, 0, "BR",
     "print BR's tunnel ports and the next hops they know (IP, MAC, age)"},
    {"pmd-stats", 0, 0, 0, "",
     "print the DPDK PMD threads: CPU, receive queues, counters"},
    {"pmd-stats-clear", 0, 0, 0, "", "zero the counters of the PMD threads"},
    {NULL, 0, 0, 0, NULL, NULL},
};

const struct vsd_ctl_command *
vsd_ctl_command_find(const char *name)
{
    for (const struct vsd_ctl_command *c = vsd_ctl_commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

unsigned
vsd_ctl_option_from_name(const char *name)
{
    return (!strcmp(name, "--may-exist")   ? VSD_CTL_MAY_EXIST
            : !strcmp(name, "--if-exists") ? VSD_CTL_IF_EXISTS
                                           : 0);
}

static int
check_count(const struct vsd_ctl_command *cmd, size_t argc, char **errorp)
{
    char range[32];

    if (argc >= (size_t) cmd->min_args
        && (cmd->max_args < 0 || argc <= (size_t) cmd->max_args)) {
        return 0;
    }
    if (cmd->max_args < 0) {
        snprintf(range, sizeof range, "at least %d", cmd->min_args);
    } else if (cmd->max_args == cmd->min_args) {
        snprintf(range, sizeof range, "%d", cmd->min_args);
    } else {
        snprintf(range, sizeof range, "%d to %d", cmd->min_args, cmd->max_args);
    }
    return vsd_errorf(errorp, "'%s' takes %s argument%s, not %zu; usage: %s %s",
                      cmd->name, range,
                      cmd->min_args == 1 && cmd->max_args == 1 ? "" : "s", argc,
                      cmd->name, cmd->usage);
}

int
vsd_ctl_parse_params(const struct vsd_ctl_command *cmd, json_t *params,
                     struct vsd_ctl_args *args, char **errorp)
{
    size_t n = json_array_size(params);
    size_t i = 0;
    int error;

    args->options = 0;
    args->argc = 0;
    args->argv = xzalloc((n + 1) * sizeof *args->argv);
    for (i = 0; i < n; i++) {
        json_t *p = json_array_get(params, i);

        if (!json_is_string(p)) {
            error = vsd_errorf(errorp,
                               "'%s' takes only strings as "
                               "arguments",
                               cmd->name);
            goto err;
        }
        args->argv[i] = (char *) json_string_value(p);
    }
    for (i = 0; i < n && !strncmp(args->argv[i], "--", 2); i++) {
        unsigned option = vsd_ctl_option_from_name(args->argv[i]);

        if (!(option & cmd->options)) {
            error = vsd_errorf(errorp, "'%s' does not take the option %s",
                               cmd->name, args->argv[i]);
            goto err;
        }
        args->options |= option;
    }
    memmove(args->argv, &args->argv[i], (n - i + 1) * sizeof *args->argv);
    args->argc = n - i;
    error = check_count(cmd, args->argc, errorp);
    if (!error) {
        return 0;
    }
err:
    free(args->argv);
    args->argv = NULL;
    return error;
}
