/* The commands of pont-vswitchd's control socket, as data: one table that
 * the daemon registers its methods from and that pont-vsctl checks its
 * command line and prints its help from, so that they cannot drift apart.
 *
 * Protocol (over lib/jsonrpc.h): the method is the command's name and the
 * params are its arguments as strings, preceded by the options the command
 * accepts ("--may-exist", "--if-exists"), e.g.
 *
 *     {"id": 1, "method": "add-br", "params": ["--may-exist", "br0"]}
 *
 * Results: "show", "trace", "dump-dp-flows", "dump-ports" and "pmd-stats"
 * return text (a string);
 * "list-br" and "list-ports" an array of names; "get-ofport" a number;
 * the others null.
 *
 * Thread-safety: the table is constant; the functions touch only their
 * arguments. */
#ifndef PONT_VSWITCHD_CTL_COMMANDS_H
#define PONT_VSWITCHD_CTL_COMMANDS_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Options a command accepts. */
enum vsd_ctl_option {
    VSD_CTL_MAY_EXIST = 1 << 0, /* add-*: what exists already is fine. */
    VSD_CTL_IF_EXISTS = 1 << 1  /* del-*: what does not exist is fine. */
};

struct vsd_ctl_command {
    const char *name;
    int min_args;
    int max_args;     /* -1: no maximum. */
    unsigned options; /* enum vsd_ctl_option bits it accepts. */
    const char *usage;
    const char *help;
};

/* The commands, ending with a member whose name is NULL. */
extern const struct vsd_ctl_command vsd_ctl_commands[];

/* Returns the command called 'name', or NULL. */
const struct vsd_ctl_command *vsd_ctl_command_find(const char *name);

/* Returns the option bit of "--may-exist" or "--if-exists", or 0. */
unsigned vsd_ctl_option_from_name(const char *name);

/* Arguments of one request, taken apart. */
struct vsd_ctl_args {
    unsigned options; /* enum vsd_ctl_option bits given. */
    char **argv;      /* Borrowed from the request's params. */
    size_t argc;
};

/* Splits 'params' (a JSON array of strings) into options and arguments for
 * 'cmd', checking that the options are ones 'cmd' accepts and that the
 * number of arguments fits.  Returns 0, or -EINVAL with '*errorp' a
 * sentence.  Free 'args->argv' (not its strings) with free(). */
int vsd_ctl_parse_params(const struct vsd_ctl_command *cmd, json_t *params,
                         struct vsd_ctl_args *args, char **errorp);

#endif /* vswitchd/ctl_commands.h */
