/* OpenFlow meters (OpenFlow 1.3.5 sections 5.7, 7.3.4.4, 7.3.5.12-14): the
 * meter table, its changes through transactions, and the meter requests
 * (METER_MOD, meter statistics, configurations and features).
 *
 * Each OpenFlow meter is a datapath meter of the same number
 * (datapath/dpif.h): the commit sets or deletes it there, and the
 * statistics come from there.  The datapath only drops, so only drop bands
 * are accepted (OFPMMFC_BAD_BAND for the others, as from Open vSwitch's
 * userspace datapath).  A datapath without meters gets no meter at all:
 * features report max_meter 0 and every METER_MOD that adds or modifies
 * one fails with OFPMMFC_INVALID_METER, as in Open vSwitch.
 *
 * The virtual meters OFPM_SLOWPATH and OFPM_CONTROLLER are refused
 * (OFPMMFC_INVALID_METER): datapath meter numbers stop at OFPM_MAX and
 * nothing would enforce them.
 *
 * A band's burst size is used only with OFPMF_BURST, as the specification
 * says; without it the band keeps the burst size it was given (reported
 * back by METER_CONFIG) and the datapath uses its default.
 *
 * A modified meter keeps its creation time and its count of flows; the
 * datapath decides whether its counters survive the new configuration. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif.h"
#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto_change.h"
#include "ofproto/ofproto_private.h"

#define METER_FLAGS_KNOWN (OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS)

/* Lookup and lifetime. */

struct ofmeter *
ofproto_meter_lookup(const struct ofproto *ofproto, uint32_t meter_id)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ofproto->meters, ofproto_id_hash(meter_id));
         n; n = hmap_next_with_hash(n)) {
        struct ofmeter *meter = CONTAINER_OF(n, struct ofmeter, node);

        if (meter->meter_id == meter_id) {
            return meter;
        }
    }
    return NULL;
}

static void
meter_free(void *meter_)
{
    struct ofmeter *meter = meter_;

    free(meter->bands);
    free(meter);
}

static struct ofp_meter_band *
bands_clone(const struct ofp_meter_band *bands, size_t n)
{
    struct ofp_meter_band *copy = NULL;

    if (n) {
        copy = xmalloc(n * sizeof *copy);
        memcpy(copy, bands, n * sizeof *copy);
    }
    return copy;
}

static struct ofmeter *
meter_create(const struct ofp_meter_mod *mm, long long created_ms)
{
    struct ofmeter *meter = xzalloc(sizeof *meter);

    meter->meter_id = mm->meter_id;
    meter->flags = mm->flags;
    meter->bands = bands_clone(mm->bands, mm->n_bands);
    meter->n_bands = mm->n_bands;
    meter->created_ms = created_ms;
    return meter;
}

void
ofproto_meters_init(struct ofproto *ofproto)
{
    hmap_init(&ofproto->meters);
}

/* The datapath's meters are left to it: it is closed after the ofproto. */
void
ofproto_meters_destroy(struct ofproto *ofproto)
{
    struct hmap_node *n = hmap_first(&ofproto->meters);

    while (n) {
        struct hmap_node *next = hmap_next(&ofproto->meters, n);

        hmap_remove(&ofproto->meters, n);
        meter_free(CONTAINER_OF(n, struct ofmeter, node));
        n = next;
    }
    hmap_destroy(&ofproto->meters);
}

/* Whether the datapath has meters at all: asking for the statistics of a
 * meter changes nothing, and a datapath without meters answers
 * -EOPNOTSUPP whatever the meter. */
static bool
meters_supported(const struct ofproto *ofproto)
{
    struct dpif_meter_stats stats;

    return dpif_meter_get_stats(ofproto->dpif, 1, &stats) != -EOPNOTSUPP;
}

/* The meter table as a transaction left it. */

static const struct ofmeter *
txn_meter(const struct ofproto_txn *txn, uint32_t meter_id)
{
    const struct ofproto_change *c =
        ofproto_change_find(&txn->meter_changes, meter_id);

    return c ? c->obj : ofproto_meter_lookup(txn->ofproto, meter_id);
}

bool
ofproto_txn_meter_exists(const struct ofproto_txn *txn, uint32_t meter_id)
{
    return txn_meter(txn, meter_id) != NULL;
}

/* METER_MOD. */

/* Checks the id and the size of a meter to add or modify, as Open vSwitch
 * does before it looks the meter up. */
static int
check_meter_id(const struct ofproto *ofproto, const struct ofp_meter_mod *mm)
{
    if (mm->meter_id == 0 || mm->meter_id > OFPM_MAX
        || !meters_supported(ofproto)) {
        return -OFPERR_OFPMMFC_INVALID_METER;
    }
    if (mm->meter_id > OFPROTO_MAX_METERS) {
        return -OFPERR_OFPMMFC_OUT_OF_METERS;
    }
    if (mm->n_bands > DPIF_METER_MAX_BANDS) {
        return -OFPERR_OFPMMFC_OUT_OF_BANDS;
    }
    return 0;
}

/* Checks what the datapath would refuse: the flags, the band types and
 * the rates. */
static int
check_meter_config(const struct ofp_meter_mod *mm)
{
    uint16_t units = mm->flags & (OFPMF_KBPS | OFPMF_PKTPS);

    if (mm->flags & ~METER_FLAGS_KNOWN
        || (units != OFPMF_KBPS && units != OFPMF_PKTPS)) {
        return -OFPERR_OFPMMFC_BAD_FLAGS;
    }
    for (size_t i = 0; i < mm->n_bands; i++) {
        if (mm->bands[i].type != OFPMBT_DROP) {
            return -OFPERR_OFPMMFC_BAD_BAND;
        }
        if (!mm->bands[i].rate) {
            return -OFPERR_OFPMMFC_BAD_RATE;
        }
    }
    return 0;
}

static int
txn_add_or_modify(struct ofproto_txn *txn, const struct ofp_meter_mod *mm)
{
    const struct ofmeter *old = txn_meter(txn, mm->meter_id);
    int error = check_meter_id(txn->ofproto, mm);
    long long created_ms;

    if (error) {
        return error;
    }
    if (mm->command == OFPMC_ADD && old) {
        return -OFPERR_OFPMMFC_METER_EXISTS;
    }
    if (mm->command == OFPMC_MODIFY && !old) {
        return -OFPERR_OFPMMFC_UNKNOWN_METER;
    }
    error = check_meter_config(mm);
    if (error) {
        return error;
    }
    created_ms = old ? old->created_ms : ofproto_wall_msec();
    ofproto_change_stage(&txn->meter_changes, mm->meter_id,
                         meter_create(mm, created_ms), meter_free);
    return 0;
}

static void
txn_delete_one(struct ofproto_txn *txn, uint32_t meter_id)
{
    ofproto_txn_remove_rules_using_meter(txn, meter_id);
    ofproto_change_stage(&txn->meter_changes, meter_id, NULL, meter_free);
}

static uint32_t
meter_id_of(const void *meter)
{
    return ((const struct ofmeter *) meter)->meter_id;
}

/* Deletes every meter visible in 'txn'. */
static void
txn_delete_all(struct ofproto_txn *txn)
{
    const struct ofproto_staged_table table = {
        &txn->ofproto->meters, &txn->meter_changes,
        offsetof(struct ofmeter, node), meter_id_of};
    size_t n;
    /* Collected first: deleting changes the maps being walked. */
    uint32_t *ids = ofproto_staged_ids(&table, &n);

    for (size_t i = 0; i < n; i++) {
        txn_delete_one(txn, ids[i]);
    }
    free(ids);
}

int
ofproto_txn_meter_mod(struct ofproto_txn *txn, const struct ofp_meter_mod *mm)
{
    switch (mm->command) {
    case OFPMC_ADD:
    case OFPMC_MODIFY:
        return txn_add_or_modify(txn, mm);
    case OFPMC_DELETE:
        if (mm->meter_id == OFPM_ALL) {
            txn_delete_all(txn);
        } else if (txn_meter(txn, mm->meter_id)) {
            txn_delete_one(txn, mm->meter_id);
        }
        /* Deleting a missing meter is no error, as in Open vSwitch. */
        return 0;
    default:
        return -OFPERR_OFPMMFC_BAD_COMMAND;
    }
}

/* Commit and abort. */

static void
meter_to_dpif(const struct ofmeter *meter, struct dpif_meter_config *config)
{
    bool burst = meter->flags & OFPMF_BURST;

    memset(config, 0, sizeof *config);
    config->flags = (meter->flags & OFPMF_KBPS ? DPIF_METER_KBPS : 0)
                    | (meter->flags & OFPMF_PKTPS ? DPIF_METER_PKTPS : 0)
                    | (burst ? DPIF_METER_BURST : 0)
                    | (meter->flags & OFPMF_STATS ? DPIF_METER_STATS : 0);
    /* check_meter_id() keeps n_bands within the datapath's limit. */
    for (size_t i = 0; i < meter->n_bands; i++) {
        config->bands[i].rate = meter->bands[i].rate;
        config->bands[i].burst_size = burst ? meter->bands[i].burst_size : 0;
    }
    config->n_bands = meter->n_bands;
}

static void
adjust_flows(struct ofproto *ofproto, const struct rule *rule, int delta)
{
    struct ofmeter *meter;

    if (!(rule->insts.present & OFP_INST_BIT(OFPIT_METER))) {
        return;
    }
    meter = ofproto_meter_lookup(ofproto, rule->insts.meter_id);
    if (meter) {
        meter->n_flows += delta;
    }
}

/* Replaces or removes the published meter of 'c' and the datapath's.
 * check_meter_config() validated what the datapath checks, so a failure here is
 * the datapath's own (out of memory): the meter then exists in OpenFlow and
 * its flows' packets go unmetered, which the next METER_MOD can repair. */
static void
publish_change(struct ofproto *ofproto, const struct ofproto_change *c)
{
    struct ofmeter *old = ofproto_meter_lookup(ofproto, c->id);
    struct ofmeter *new = c->obj;

    if (old) {
        hmap_remove(&ofproto->meters, &old->node);
    }
    if (new) {
        struct dpif_meter_config config;

        new->n_flows = old ? old->n_flows : 0;
        hmap_insert(&ofproto->meters, &new->node, ofproto_id_hash(c->id));
        meter_to_dpif(new, &config);
        dpif_meter_set(ofproto->dpif, c->id, &config);
    } else if (old) {
        dpif_meter_del(ofproto->dpif, c->id);
    }
    if (old) {
        meter_free(old);
    }
}

void
ofproto_meters_commit(struct ofproto_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;
    const struct hmap *changes = &txn->meter_changes;

    for (const struct hmap_node *n = hmap_first(changes); n;
         n = hmap_next(changes, n)) {
        publish_change(ofproto, CONTAINER_OF(n, struct ofproto_change, node));
    }
    ofproto_txn_count_rules(txn, adjust_flows);
    if (!hmap_is_empty(changes)) {
        ofproto_schedule_revalidation(ofproto);
    }
    /* The published meters are the table's now. */
    ofproto_changes_clear(&txn->meter_changes, NULL);
}

void
ofproto_meters_abort(struct ofproto_txn *txn)
{
    ofproto_changes_clear(&txn->meter_changes, meter_free);
}

/* Requests. */

static int
compare_meters(const void *a_, const void *b_)
{
    const struct ofmeter *a = *(const struct ofmeter *const *) a_;
    const struct ofmeter *b = *(const struct ofmeter *const *) b_;

    return a->meter_id < b->meter_id ? -1 : a->meter_id > b->meter_id;
}

/* Sets '*list' to the meters 'meter_id' selects (one, or every one for
 * OFPM_ALL), in increasing order of id, in a new array of '*n' (the caller
 * frees it).  Returns 0, or -OFPERR_OFPMMFC_UNKNOWN_METER, with nothing to
 * free, for a meter that does not exist (as from Open vSwitch). */
static int
select_meters(const struct ofproto *ofproto, uint32_t meter_id,
              struct ofmeter ***list, size_t *n)
{
    const struct hmap *meters = &ofproto->meters;

    *n = 0;
    if (meter_id != OFPM_ALL) {
        struct ofmeter *meter = ofproto_meter_lookup(ofproto, meter_id);

        if (!meter) {
            *list = NULL;
            return -OFPERR_OFPMMFC_UNKNOWN_METER;
        }
        *list = xmalloc(sizeof **list);
        (*list)[(*n)++] = meter;
        return 0;
    }
    *list =
        xmalloc((hmap_count(meters) ? hmap_count(meters) : 1) * sizeof **list);
    for (const struct hmap_node *node = hmap_first(meters); node;
         node = hmap_next(meters, node)) {
        (*list)[(*n)++] = CONTAINER_OF(node, struct ofmeter, node);
    }
    qsort(*list, *n, sizeof **list, compare_meters);
    return 0;
}

static int
stage_meter_mod(struct ofproto_txn *txn, const void *mm)
{
    return ofproto_txn_meter_mod(txn, mm);
}

int
ofproto_handle_meter_mod(struct ofproto *ofproto, struct ofconn *ofconn,
                         const struct ofp_msg *msg)
{
    (void) ofconn;
    return ofproto_txn_run_one(ofproto, stage_meter_mod, &msg->meter_mod);
}

/* Counters the datapath cannot give (it failed, or the meter keeps none)
 * are reported as zero. */
static void
fill_meter_stats(struct ofproto *ofproto, const struct ofmeter *meter,
                 struct ofp_meter_stats *ms)
{
    struct dpif_meter_stats st;

    memset(&st, 0, sizeof st);
    if (dpif_meter_get_stats(ofproto->dpif, meter->meter_id, &st)) {
        memset(&st, 0, sizeof st);
    }
    ms->meter_id = meter->meter_id;
    ms->flow_count = meter->n_flows;
    ms->packet_in_count = st.packet_in_count;
    ms->byte_in_count = st.byte_in_count;
    ofproto_duration(meter->created_ms, &ms->duration_sec, &ms->duration_nsec);
    if (meter->n_bands) {
        ms->bands = xzalloc(meter->n_bands * sizeof *ms->bands);
    }
    ms->n_bands = meter->n_bands;
    for (size_t i = 0; i < meter->n_bands && i < st.n_bands; i++) {
        ms->bands[i].packet_band_count = st.band_packets[i];
        ms->bands[i].byte_band_count = st.band_bytes[i];
    }
}

int
ofproto_handle_meter_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                           const struct ofp_msg *req)
{
    struct ofmeter **meters;
    struct ofp_msg reply;
    size_t n;
    int error = select_meters(ofproto, req->meter_id, &meters, &n);

    if (error) {
        return error;
    }
    ofp_msg_init(&reply, OFPK_METER_STATS_REPLY, req->xid);
    for (size_t i = 0; i < n; i++) {
        fill_meter_stats(ofproto, meters[i],
                         OFP_STATS_PUSH(reply.meter_stats_reply));
    }
    free(meters);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

int
ofproto_handle_meter_config(struct ofproto *ofproto, struct ofconn *ofconn,
                            const struct ofp_msg *req)
{
    struct ofmeter **meters;
    struct ofp_msg reply;
    size_t n;
    int error = select_meters(ofproto, req->meter_id, &meters, &n);

    if (error) {
        return error;
    }
    ofp_msg_init(&reply, OFPK_METER_CONFIG_REPLY, req->xid);
    for (size_t i = 0; i < n; i++) {
        struct ofp_meter_config *mc = OFP_STATS_PUSH(reply.meter_config_reply);

        mc->flags = meters[i]->flags;
        mc->meter_id = meters[i]->meter_id;
        mc->bands = bands_clone(meters[i]->bands, meters[i]->n_bands);
        mc->n_bands = meters[i]->n_bands;
    }
    free(meters);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

int
ofproto_handle_meter_features(struct ofproto *ofproto, struct ofconn *ofconn,
                              const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofp_meter_features *mf = &reply.meter_features_reply;
    bool supported = meters_supported(ofproto);

    ofp_msg_init(&reply, OFPK_METER_FEATURES_REPLY, req->xid);
    mf->max_meter = supported ? OFPROTO_MAX_METERS : 0;
    mf->band_types = supported ? 1u << OFPMBT_DROP : 0;
    mf->capabilities =
        supported ? OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS : 0;
    mf->max_bands = supported ? DPIF_METER_MAX_BANDS : 0;
    mf->max_color = 0;
    ofconn_send_reply(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}
