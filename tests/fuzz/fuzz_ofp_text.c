/* Fuzz target for the ovs-ofctl text parsers, which read what admins and
 * scripts type: flows for every command, flow statistics requests, groups
 * and meters.  Any text must parse or be refused with a message, never
 * crash; what parses must print and parse back to the same message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks that a parsed flow mod prints as text that parses to the same
 * message. */
static void
check_flow_round_trip(struct ofp_msg *msg)
{
    struct strbuf sb = STRBUF_INIT;
    struct ofp_msg again;
    char *error = NULL;
    const char *text;

    flow_format_match(&sb, &msg->flow_mod.match, msg->flow_mod.priority);
    strbuf_puts(&sb, sb.len ? ",actions=" : "actions=");
    ofp_text_format_instructions(&sb, &msg->flow_mod.instructions);
    text = strbuf_str(&sb);
    ofp_msg_init(&again, OFPK_FLOW_MOD, msg->xid);
    if (ofp_text_parse_flow_mod(text, OFPFC_ADD, NULL, &again.flow_mod,
                                &error)) {
        fprintf(stderr, "printed flow does not parse: %s: %s\n", text, error);
        abort();
    }
    again.flow_mod.table_id = msg->flow_mod.table_id;
    again.flow_mod.cookie = msg->flow_mod.cookie;
    again.flow_mod.idle_timeout = msg->flow_mod.idle_timeout;
    again.flow_mod.hard_timeout = msg->flow_mod.hard_timeout;
    again.flow_mod.flags = msg->flow_mod.flags;
    if (!flow_equal(&again.flow_mod.match.key, &msg->flow_mod.match.key)
        || !flow_equal(&again.flow_mod.match.mask.bits,
                       &msg->flow_mod.match.mask.bits)
        || !ofp_instructions_equal(&again.flow_mod.instructions,
                                   &msg->flow_mod.instructions)) {
        fprintf(stderr, "printed flow parses differently: %s\n", text);
        abort();
    }
    ofp_msg_uninit(&again);
    strbuf_free(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *error = NULL;
    struct ofp_msg msg;
    int kind = size ? data[0] % 4 : 0;

    /* The first byte picks the syntax, the rest is the text. */
    memcpy(text, data + (size ? 1 : 0), size ? size - 1 : 0);
    text[size ? size - 1 : 0] = '\0';
    if (kind == 0) {
        ofp_msg_init(&msg, OFPK_FLOW_MOD, 1);
        if (!ofp_text_parse_flow_mod(text, OFPFC_ADD, NULL, &msg.flow_mod,
                                     &error)) {
            check_flow_round_trip(&msg);
        }
    } else if (kind == 1) {
        ofp_msg_init(&msg, OFPK_FLOW_STATS_REQUEST, 1);
        ofp_text_parse_flow_stats_request(text, NULL, &msg.flow_stats_request,
                                          &error);
    } else if (kind == 2) {
        ofp_msg_init(&msg, OFPK_GROUP_MOD, 1);
        ofp_text_parse_group_mod(text, OFPGC_ADD, NULL, &msg.group_mod,
                                 &error);
    } else {
        ofp_msg_init(&msg, OFPK_METER_MOD, 1);
        ofp_text_parse_meter_mod(text, OFPMC_ADD, &msg.meter_mod, &error);
    }
    ofp_msg_uninit(&msg);
    free(error);
    free(text);
    return 0;
}
