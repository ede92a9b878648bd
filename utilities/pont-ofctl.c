/* pont-ofctl: OpenFlow command-line client.
 *
 * Commands follow ovs-ofctl's names, arguments and output formats, so that
 * admins' scripts carry over.  This file holds the command table and option
 * handling; each command's work lives in the library. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/flow.h"
#include "lib/flow_extract.h"
#include "lib/flow_format.h"
#include "lib/pcap_file.h"
#include "lib/strbuf.h"
#include "lib/util.h"

#define EXIT_USAGE 2

struct command {
    const char *name;
    const char *usage;
    int min_args;
    int max_args;
    int (*run)(int argc, char *argv[]);
    const char *help;
};

/* Prints one line per packet of the capture at 'path'.  Returns 0 or 1. */
static int
parse_pcap_file(const char *path, struct strbuf *line)
{
    struct pcap_reader *reader;
    struct pcap_record rec;
    int error, retval;

    reader = pcap_reader_open(path, &error);
    if (!reader) {
        fprintf(stderr, "pont-ofctl: %s: cannot read capture: %s\n", path,
                pcap_strerror(error));
        return 1;
    }
    while ((retval = pcap_reader_next(reader, &rec)) > 0) {
        struct flow_key key;

        flow_extract(rec.data, rec.caplen, FLOW_PORT_ANY, &key, NULL);
        strbuf_clear(line);
        flow_format_packet(line, &key);
        strbuf_putc(line, '\n');
        fputs(strbuf_str(line), stdout);
    }
    pcap_reader_close(reader);
    if (retval < 0) {
        fflush(stdout);
        fprintf(stderr, "pont-ofctl: %s: stopped reading: %s\n", path,
                pcap_strerror(retval));
        return 1;
    }
    return 0;
}

static int
cmd_parse_pcap(int argc, char *argv[])
{
    struct strbuf line = STRBUF_INIT;
    int status = 0;

    for (int i = 0; i < argc; i++) {
        status |= parse_pcap_file(argv[i], &line);
    }
    strbuf_free(&line);
    return status;
}

static const struct command commands[] = {
    {"parse-pcap", "FILE...", 1, -1, cmd_parse_pcap,
     "print the flow key of every packet in the pcap capture FILE"},
};

static void
usage(FILE *out)
{
    fprintf(out, "pont-ofctl: OpenFlow switch management utility\n"
                 "usage: pont-ofctl [OPTIONS] COMMAND [ARG...]\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        fprintf(out, "  %s %s\n      %s\n", commands[i].name, commands[i].usage,
                commands[i].help);
    }
    fprintf(out, "\nOptions:\n"
                 "  -h, --help     show this help and exit\n"
                 "  -V, --version  show the version and exit\n");
}

static const struct command *
find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        if (!strcmp(commands[i].name, name)) {
            return &commands[i];
        }
    }
    return NULL;
}

int
main(int argc, char *argv[])
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const struct command *cmd;
    int c, n_args, status;

    while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("pont-ofctl (Pont) %s\n", PONT_VERSION);
            return 0;
        default:
            fprintf(stderr, "Try 'pont-ofctl --help' for the options.\n");
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "pont-ofctl: missing command name; "
                        "try 'pont-ofctl --help' for the list.\n");
        return EXIT_USAGE;
    }
    cmd = find_command(argv[optind]);
    if (!cmd) {
        fprintf(stderr,
                "pont-ofctl: unknown command '%s'; "
                "try 'pont-ofctl --help' for the list.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    n_args = argc - optind - 1;
    if (n_args < cmd->min_args
        || (cmd->max_args >= 0 && n_args > cmd->max_args)) {
        fprintf(stderr, "pont-ofctl: '%s' needs %s; usage: pont-ofctl %s %s\n",
                cmd->name,
                n_args < cmd->min_args ? "more arguments" : "fewer arguments",
                cmd->name, cmd->usage);
        return EXIT_USAGE;
    }
    status = cmd->run(n_args, argv + optind + 1);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "pont-ofctl: writing the output failed: %s\n",
                strerror(errno));
        return 1;
    }
    return status;
}
