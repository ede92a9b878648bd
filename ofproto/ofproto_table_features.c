/* TABLE_FEATURES: what each of the 255 flow tables can match, set and do.
 * Open vSwitch's ovs-ofctl asks for it before add-flow and del-flows, so
 * the answer must be complete (every required property in every table).
 * Setting features is not supported: the tables are all alike. */
#include <stdio.h>
#include <string.h>

#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_oxm.h"
#include "ofproto/ofproto_private.h"

#define INSTRUCTIONS                                                          \
    (OFP_INST_BIT(OFPIT_GOTO_TABLE) | OFP_INST_BIT(OFPIT_WRITE_METADATA)      \
     | OFP_INST_BIT(OFPIT_WRITE_ACTIONS) | OFP_INST_BIT(OFPIT_APPLY_ACTIONS)  \
     | OFP_INST_BIT(OFPIT_CLEAR_ACTIONS) | OFP_INST_BIT(OFPIT_METER))

/* The actions translation implements (xlate_actions.c). */
static const enum ofp_action_type supported_actions[] = {
    OFPAT_OUTPUT,       OFPAT_COPY_TTL_OUT, OFPAT_COPY_TTL_IN,
    OFPAT_SET_MPLS_TTL, OFPAT_DEC_MPLS_TTL, OFPAT_PUSH_VLAN,
    OFPAT_POP_VLAN,     OFPAT_PUSH_MPLS,    OFPAT_POP_MPLS,
    OFPAT_SET_QUEUE,    OFPAT_GROUP,        OFPAT_SET_NW_TTL,
    OFPAT_DEC_NW_TTL,   OFPAT_SET_FIELD,
};

static uint32_t
oxm_id(const struct ofp_field *f, bool masked)
{
    uint32_t len = f->n_bytes * (masked ? 2 : 1);

    if (f->oxm_class == OFPXMC_EXPERIMENTER) {
        len += 4;
    }
    return (uint32_t) f->oxm_class << 16 | (uint32_t) f->oxm_field << 9
           | (masked ? 0x100 : 0) | len;
}

/* The properties every table shares, filled once into 'proto'. */
static void
fill_common(struct ofp_table_features *tf)
{
    uint32_t actions = 0;

    for (size_t i = 0; i < ARRAY_SIZE(supported_actions); i++) {
        actions |= 1u << supported_actions[i];
    }
    tf->metadata_match = UINT64_MAX;
    tf->metadata_write = UINT64_MAX;
    tf->props = OFP_TF_REQUIRED_PROPS;
    tf->caps[0].write_actions = actions;
    tf->caps[0].apply_actions = actions;
    for (size_t i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field *f = &ofp_fields[i];

        ofp_oxm_ids_push(&tf->match, oxm_id(f, f->maskable), f->experimenter);
        ofp_oxm_ids_push(&tf->wildcards, oxm_id(f, false), f->experimenter);
        if (f->writable) {
            ofp_oxm_ids_push(&tf->caps[0].write_setfield, oxm_id(f, false),
                             f->experimenter);
            ofp_oxm_ids_push(&tf->caps[0].apply_setfield, oxm_id(f, false),
                             f->experimenter);
        }
    }
}

static void
fill_table(const struct ofproto *ofproto, uint8_t table_id,
           struct ofp_table_features *tf)
{
    const struct oftable *table = &ofproto->tables[table_id];

    tf->table_id = table_id;
    snprintf(tf->name, sizeof tf->name, "%s", table->name);
    tf->max_entries = table->max_flows;
    tf->caps[0].instructions = INSTRUCTIONS;
    if (table_id == OFPROTO_N_TABLES - 1) {
        tf->caps[0].instructions &= ~OFP_INST_BIT(OFPIT_GOTO_TABLE);
    }
    for (unsigned int t = table_id + 1; t < OFPROTO_N_TABLES; t++) {
        ofp_tf_next_table_set(tf->caps[0].next_tables, t);
    }
}

/* Entries of the reply share the id lists of the first one (the reply is
 * only encoded), so they are detached before the reply is freed. */
int
ofproto_handle_table_features(struct ofproto *ofproto, struct ofconn *ofconn,
                              const struct ofp_msg *req)
{
    struct ofp_table_features proto = {0};
    struct ofp_msg reply;

    if (req->table_features.n) {
        return -OFPERR_OFPTFFC_EPERM;
    }
    fill_common(&proto);
    ofp_msg_init(&reply, OFPK_TABLE_FEATURES_REPLY, req->xid);
    for (unsigned int t = 0; t < OFPROTO_N_TABLES; t++) {
        struct ofp_table_features *tf = OFP_STATS_PUSH(
            reply.table_features);

        *tf = proto;
        fill_table(ofproto, t, tf);
    }
    ofconn_send_multipart(ofconn, &reply);
    for (size_t i = 1; i < reply.table_features.n; i++) {
        memset(&reply.table_features.entries[i], 0,
               sizeof reply.table_features.entries[i]);
    }
    ofp_msg_uninit(&reply);
    return 0;
}
