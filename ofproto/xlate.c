/* Translation: the pipeline (tables, instructions, the action set).  See
 * xlate.h and xlate_private.h. */
#include "ofproto/xlate.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto_private.h"
#include "ofproto/xlate_private.h"

void
xlate_out_init(struct xlate_out *out)
{
    buf_init(&out->actions);
    flow_mask_catchall(&out->wc);
}

void
xlate_out_uninit(struct xlate_out *out)
{
    buf_free(&out->actions);
}

void
xlate_trace(struct xlate_ctx *ctx, const char *format, ...)
{
    struct strbuf *sb = ctx->xin->trace;
    va_list args;

    if (!sb) {
        return;
    }
    for (int i = 0; i < ctx->depth; i++) {
        strbuf_puts(sb, "    ");
    }
    va_start(args, format);
    strbuf_vprintf(sb, format, args);
    va_end(args);
    strbuf_putc(sb, '\n');
}

bool
xlate_stopped(struct xlate_ctx *ctx)
{
    /* Bound the work as well as the result: chained groups can multiply
     * actions far beyond what a datapath takes. */
    if (!ctx->error && ctx->out->actions.size > XLATE_MAX_ACTIONS_BYTES) {
        ctx->error = -E2BIG;
    }
    return ctx->error != 0 || ctx->halted;
}

static void
trace_rule(struct xlate_ctx *ctx, const struct rule *rule)
{
    struct strbuf *sb = ctx->xin->trace;

    if (!sb) {
        return;
    }
    xlate_trace(ctx, "table %u: matched rule", rule->table_id);
    for (int i = 0; i < ctx->depth + 1; i++) {
        strbuf_puts(sb, "    ");
    }
    strbuf_printf(sb, "cookie=0x%llx, priority=%d",
                  (unsigned long long) rule->cookie, rule->cr.priority);
    if (!flow_mask_is_catchall(&rule->cr.match.mask)) {
        strbuf_puts(sb, ",");
        flow_format_match(sb, &rule->cr.match, FLOW_DEFAULT_PRIORITY);
    }
    strbuf_puts(sb, " actions=");
    ofp_text_format_instructions(sb, &rule->insts);
    strbuf_putc(sb, '\n');
}

/* Write-actions: each action replaces the set's action of the same type
 * (of the same field, for set_field). */
static void
action_set_write(struct ofp_actions *set, const struct ofp_actions *acts)
{
    for (size_t i = 0; i < acts->n; i++) {
        const struct ofp_action *a = &acts->list[i];
        struct ofp_action *slot = NULL;

        for (size_t j = 0; j < set->n && !slot; j++) {
            struct ofp_action *b = &set->list[j];

            if (b->type == a->type
                && (a->type != OFPAT_SET_FIELD
                    || b->set_field.field == a->set_field.field)) {
                slot = b;
            }
        }
        *(slot ? slot : ofp_actions_append(set)) = *a;
    }
}

/* The action set runs in the order of OpenFlow 1.3 section 5.10; an output
 * is ignored when there is a group. */
static const enum ofp_action_type action_set_order[] = {
    OFPAT_COPY_TTL_IN, OFPAT_POP_VLAN,     OFPAT_POP_MPLS,
    OFPAT_POP_PBB,     OFPAT_PUSH_MPLS,    OFPAT_PUSH_PBB,
    OFPAT_PUSH_VLAN,   OFPAT_COPY_TTL_OUT, OFPAT_DEC_MPLS_TTL,
    OFPAT_DEC_NW_TTL,  OFPAT_SET_MPLS_TTL, OFPAT_SET_NW_TTL,
    OFPAT_SET_FIELD,   OFPAT_SET_QUEUE,    OFPAT_GROUP,
    OFPAT_OUTPUT,
};

static void
action_set_execute(struct xlate_ctx *ctx)
{
    const struct ofp_actions *set = &ctx->action_set;
    struct ofp_actions ordered = {NULL, 0};
    bool has_group = false;

    if (!set->n) {
        return;
    }
    for (size_t i = 0; i < set->n; i++) {
        has_group |= set->list[i].type == OFPAT_GROUP;
    }
    for (size_t k = 0; k < ARRAY_SIZE(action_set_order); k++) {
        enum ofp_action_type type = action_set_order[k];

        if (type == OFPAT_OUTPUT && has_group) {
            continue;
        }
        for (size_t i = 0; i < set->n; i++) {
            if (set->list[i].type == type) {
                *ofp_actions_append(&ordered) = set->list[i];
            }
        }
    }
    xlate_trace(ctx, "action set:");
    xlate_actions(ctx, &ordered);
    ofp_actions_free(&ordered);
}

/* Runs the instructions of 'rule'.  Returns the table to go to next, or -1
 * at the end of the pipeline. */
static int
run_instructions(struct xlate_ctx *ctx, const struct rule *rule)
{
    const struct ofp_instructions *in = &rule->insts;

    if (in->present & OFP_INST_BIT(OFPIT_METER)) {
        xlate_meter(ctx, in->meter_id);
    }
    if (in->present & OFP_INST_BIT(OFPIT_APPLY_ACTIONS)) {
        xlate_actions(ctx, &in->apply);
    }
    if (in->present & OFP_INST_BIT(OFPIT_CLEAR_ACTIONS)) {
        ofp_actions_free(&ctx->action_set);
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_ACTIONS)) {
        action_set_write(&ctx->action_set, &in->write);
    }
    if (in->present & OFP_INST_BIT(OFPIT_WRITE_METADATA)) {
        ctx->flow.metadata = (ctx->flow.metadata & ~in->metadata_mask)
                             | (in->metadata & in->metadata_mask);
    }
    if (in->present & OFP_INST_BIT(OFPIT_GOTO_TABLE)) {
        return in->goto_table;
    }
    return -1;
}

void
xlate_table(struct xlate_ctx *ctx, uint8_t table_id)
{
    struct ofproto *ofproto = ctx->ofproto;
    struct xlate_cache *xc = ctx->xin->xcache;

    for (;;) {
        const struct oftable *table = &ofproto->tables[table_id];
        const struct cls_rule *cr;
        struct rule *rule;
        int next;

        cr = cls_lookup(&table->cls, &ctx->flow, ctx->version,
                        &ctx->out->wc);
        if (xc) {
            xlate_cache_add_table(xc, table_id, cr != NULL);
        }
        if (!cr) {
            xlate_trace(ctx, "table %u: no match: drop", table_id);
            break;
        }
        rule = CONTAINER_OF(cr, struct rule, cr);
        if (xc) {
            xlate_cache_add_rule(xc, rule);
        }
        trace_rule(ctx, rule);
        ctx->table_id = table_id;
        ctx->rule = rule;
        next = run_instructions(ctx, rule);
        if (next < 0 || xlate_stopped(ctx)) {
            break;
        }
        table_id = next;
    }
    if (!xlate_stopped(ctx)) {
        action_set_execute(ctx);
    }
}

/* Sets the context's in_port and datapath in_port from the key.  Returns
 * false if the packet must be dropped (unknown port, NO_RECV). */
static bool
resolve_in_port(struct xlate_ctx *ctx)
{
    const struct ofport *port;

    if (ctx->xin->dp_in_port) {
        port = ofproto_port_by_dp(ctx->ofproto, ctx->flow.in_port);
        ctx->dp_in_port = ctx->flow.in_port;
        if (!port) {
            xlate_trace(ctx, "datapath port %u is not an OpenFlow port: drop",
                        ctx->flow.in_port);
            return false;
        }
        ctx->flow.in_port = port->pp.port_no;
    } else {
        port = ofproto_port_by_ofp(ctx->ofproto, ctx->flow.in_port);
        ctx->dp_in_port = port ? port->dp_port : DPIF_PORT_ANY;
    }
    if (port && port->pp.config & OFPPC_NO_RECV) {
        xlate_trace(ctx, "port %u does not receive (no_recv): drop",
                    port->pp.port_no);
        return false;
    }
    return true;
}

static void
ctx_init(struct xlate_ctx *ctx, const struct xlate_in *xin,
         struct xlate_out *out)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->xin = xin;
    ctx->ofproto = xin->ofproto;
    ctx->out = out;
    ctx->flow = xin->flow;
    flow_mask_catchall(&ctx->dirty);

    buf_clear(&out->actions);
    flow_mask_catchall(&out->wc);
    /* Every megaflow distinguishes ports and EtherTypes: the datapath
     * parses by EtherType, and translation always depends on the port. */
    out->wc.bits.in_port = UINT32_MAX;
    out->wc.bits.dl_type = 0xffff;
}

/* Fields the datapath's key never carries (metadata and registers start
 * at zero in every packet) need not be in the megaflow's mask. */
static void
clear_pipeline_fields(struct flow_mask *wc)
{
    wc->bits.metadata = 0;
    memset(wc->bits.regs, 0, sizeof wc->bits.regs);
}

int
xlate(const struct xlate_in *xin, struct xlate_out *out)
{
    struct ofproto *ofproto = xin->ofproto;
    struct xlate_ctx ctx;

    ctx_init(&ctx, xin, out);
    pthread_rwlock_rdlock(&ofproto->xlate_rwlock);
    /* The tables' version, read under the lock that commits publish it
     * under, so that tables, groups, meters and ports are of one
     * transaction. */
    ctx.version = xin->version == XLATE_VERSION_CURRENT
                      ? atomic_load_explicit(&ofproto->version,
                                             memory_order_acquire)
                      : xin->version;
    if (resolve_in_port(&ctx)) {
        if (xin->actions) {
            xlate_actions(&ctx, xin->actions);
        } else if (xlate_tunnel_ingress(&ctx)) {
            /* A tunnel's own packet on its uplink. */
        } else if (ofproto->fail_open) {
            xlate_trace(&ctx, "no controller, fail mode standalone: NORMAL");
            xlate_normal(&ctx);
        } else {
            xlate_table(&ctx, 0);
        }
    }
    pthread_rwlock_unlock(&ofproto->xlate_rwlock);
    ofp_actions_free(&ctx.action_set);

    if (!ctx.error && out->actions.size > XLATE_MAX_ACTIONS_BYTES) {
        ctx.error = -E2BIG;
    }
    if (ctx.error) {
        buf_clear(&out->actions);
        xlate_trace(&ctx, "translation failed (%s): drop",
                    ctx.error == -ELOOP ? "too deep" : "too many actions");
    }
    clear_pipeline_fields(&out->wc);
    if (xin->trace) {
        strbuf_puts(xin->trace, "Datapath actions: ");
        if (out->actions.size) {
            dp_actions_format(xin->trace, out->actions.data, out->actions.size);
        } else {
            strbuf_puts(xin->trace, "drop");
        }
        strbuf_putc(xin->trace, '\n');
    }
    return ctx.error;
}

int
ofproto_trace(struct ofproto *ofproto, const struct flow_key *key,
              struct strbuf *out, char **errorp)
{
    struct xlate_in xin = {
        .ofproto = ofproto,
        .flow = *key,
        .version = XLATE_VERSION_CURRENT,
        .trace = out,
    };
    struct xlate_out xout;
    struct flow_match megaflow;
    int error;

    if (!ofproto_port_by_ofp(ofproto, key->in_port)) {
        return ofp_text_errorf(errorp, "bridge %s has no OpenFlow port %u: "
                                       "give in_port=N with one of its ports",
                               ofproto->name, key->in_port);
    }
    strbuf_puts(out, "Flow: ");
    flow_format_packet(out, key);
    strbuf_putc(out, '\n');
    xlate_out_init(&xout);
    error = xlate(&xin, &xout);
    flow_match_init(&megaflow, key, &xout.wc);
    strbuf_puts(out, "Megaflow: ");
    flow_format_match(out, &megaflow, FLOW_DEFAULT_PRIORITY);
    strbuf_putc(out, '\n');
    xlate_out_uninit(&xout);
    (void) error;
    return 0;
}
