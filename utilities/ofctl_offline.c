/* pont-ofctl commands that need no switch: parse-pcap, ofp-print,
 * ofp-encode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/flow.h"
#include "lib/flow_extract.h"
#include "lib/flow_format.h"
#include "lib/pcap_file.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_print.h"
#include "utilities/ofctl.h"

/* Prints one line per packet of the capture at 'path'.  Returns 0 or 1. */
static int
parse_pcap_file(const char *path, struct strbuf *line)
{
    struct pcap_reader *reader;
    struct pcap_record rec;
    int error, retval;

    reader = pcap_reader_open(path, &error);
    if (!reader) {
        return ofctl_error("%s: cannot read capture: %s", path,
                           pcap_strerror(error));
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
        return ofctl_error("%s: stopped reading: %s", path,
                           pcap_strerror(retval));
    }
    return 0;
}

static int
cmd_parse_pcap(struct ofctl_session *s, int argc, char *argv[])
{
    struct strbuf line = STRBUF_INIT;
    int status = 0;

    (void) s;
    for (int i = 0; i < argc; i++) {
        status |= parse_pcap_file(argv[i], &line);
    }
    strbuf_free(&line);
    return status;
}

static int
cmd_ofp_print(struct ofctl_session *s, int argc, char *argv[])
{
    struct strbuf sb = STRBUF_INIT;
    struct buf bytes = BUF_INIT;
    int verbosity = argc > 1 ? atoi(argv[1]) : OFP_PRINT_VERBOSITY_DEFAULT;

    (void) s;
    if (ofctl_parse_hex(argv[0], &bytes)) {
        buf_free(&bytes);
        return ofctl_error("ofp-print: \"%s\" is not hex digits", argv[0]);
    }
    ofp_print(&sb, bytes.data, bytes.size, verbosity);
    fputs(strbuf_str(&sb), stdout);
    strbuf_free(&sb);
    buf_free(&bytes);
    return 0;
}

/* Runs COMMAND without a switch: its session prints each message it would
 * send, as hex, one per line. */
static int
cmd_ofp_encode(struct ofctl_session *s, int argc, char *argv[])
{
    const struct ofctl_command *cmd = ofctl_find_command(argv[0]);
    int n_args = argc - 1;

    if (!cmd || !cmd->needs_target) {
        return ofctl_error("ofp-encode: \"%s\" is not a command that sends "
                           "messages to a switch", argv[0]);
    }
    if (n_args < cmd->min_args
        || (cmd->max_args >= 0 && n_args > cmd->max_args)) {
        ofctl_error("ofp-encode: usage: pont-ofctl ofp-encode %s %s",
                    cmd->name, cmd->usage);
        return OFCTL_EXIT_USAGE;
    }
    s->next_xid = 1;
    return cmd->run(s, n_args, argv + 1);
}

const struct ofctl_command ofctl_offline_commands[] = {
    {"parse-pcap", "FILE...", 1, -1, false, cmd_parse_pcap,
     "print the flow key of every packet in the pcap capture FILE"},
    {"ofp-print", "HEX [VERBOSITY]", 1, 2, false, cmd_ofp_print,
     "decode and print the OpenFlow message HEX"},
    {"ofp-encode", "COMMAND [ARG...]", 1, -1, false, cmd_ofp_encode,
     "print, as hex, the messages COMMAND would send to a switch"},
    {NULL, NULL, 0, 0, false, NULL, NULL},
};
