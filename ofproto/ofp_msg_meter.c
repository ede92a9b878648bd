/* Meter messages: METER_MOD, meter statistics, meter configurations and
 * meter features.
 *
 * Bands appear in METER_MOD and in meter configurations with the same
 * 16-byte layout.  Their structure and type are checked wherever they
 * appear; the meter's flags and its bands' rates only in a METER_MOD that
 * adds or modifies a meter, since a deletion ignores them and a
 * configuration reports what the switch holds.
 *
 * Experimenter bands are accepted, as the specification allows them;
 * whether a switch supports one is for its meter table to say
 * (OFPMMFC_BAD_BAND), through the band types of its features.  Open
 * vSwitch rejects them when decoding. */
#include "ofproto/ofp_codec.h"

#include <stdlib.h>

#include "lib/buf.h"

/* Body sizes, after the OpenFlow header (and multipart header). */
#define METER_MOD_BODY_LEN (OFP_METER_MOD_LEN - OFP_HEADER_LEN)
#define METER_REQUEST_LEN 8 /* meter_id, pad. */
#define METER_STATS_LEN 40  /* ofp_meter_stats, without bands. */
#define METER_BAND_STATS_LEN 16
#define METER_CONFIG_LEN 8 /* ofp_meter_config, without bands. */
#define METER_FEATURES_LEN 16

#define METER_FLAGS_ALL (OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS)

/* Bands. */

/* Decodes the band at the front of 'r' into 'band'.  Every band type has
 * the same size, and Open vSwitch reports any other length as
 * OFPBRC_BAD_LEN; experimenter bands carry nothing beyond their id. */
static int
decode_band(struct buf_reader *r, struct ofp_meter_band *band)
{
    const uint8_t *h = buf_pull(r, OFP_METER_BAND_LEN);

    if (!h || buf_get_be16(h + 2) != OFP_METER_BAND_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    band->type = buf_get_be16(h);
    band->rate = buf_get_be32(h + 4);
    band->burst_size = buf_get_be32(h + 8);
    switch (band->type) {
    case OFPMBT_DROP:
        return 0;
    case OFPMBT_DSCP_REMARK:
        band->prec_level = h[12];
        return 0;
    case OFPMBT_EXPERIMENTER:
        band->experimenter = buf_get_be32(h + 12);
        return 0;
    default:
        return -OFPERR_OFPMMFC_BAD_BAND;
    }
}

/* Decodes the next 'len' bytes of 'r' (which holds at least that many) as
 * a list of bands.  On error the bands decoded so far stay in '*bands' for
 * the caller's uninit to free. */
static int
decode_bands(struct buf_reader *r, size_t len, struct ofp_meter_band **bands,
             size_t *n)
{
    struct buf_reader list;

    buf_reader_init(&list, buf_pull(r, len), len);
    while (list.left) {
        struct ofp_meter_band *band = ofp_array_push(bands, n, sizeof *band);
        int retval = decode_band(&list, band);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_bands(const struct ofp_meter_band *bands, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        const struct ofp_meter_band *band = &bands[i];

        buf_put_be16(out, band->type);
        buf_put_be16(out, OFP_METER_BAND_LEN);
        buf_put_be32(out, band->rate);
        buf_put_be32(out, band->burst_size);
        if (band->type == OFPMBT_DSCP_REMARK) {
            buf_put_u8(out, band->prec_level);
            buf_put_zeros(out, 3);
        } else if (band->type == OFPMBT_EXPERIMENTER) {
            buf_put_be32(out, band->experimenter);
        } else {
            buf_put_zeros(out, 4);
        }
    }
}

/* METER_MOD. */

/* A meter measures either bits or packets, so exactly one of the unit
 * flags must be given. */
static bool
meter_flags_are_valid(uint16_t flags)
{
    uint16_t units = flags & (OFPMF_KBPS | OFPMF_PKTPS);

    return !(flags & ~METER_FLAGS_ALL)
           && (units == OFPMF_KBPS || units == OFPMF_PKTPS);
}

/* Meters 1 to OFPM_MAX are the flow meters; the virtual meters for the
 * slow path and the controller connection may be configured too.
 * OFPM_ALL names every meter, for deletion only. */
static bool
meter_id_is_valid(uint32_t meter_id, uint16_t command)
{
    return (meter_id >= 1 && meter_id <= OFPM_MAX) || meter_id == OFPM_SLOWPATH
           || meter_id == OFPM_CONTROLLER
           || (meter_id == OFPM_ALL && command == OFPMC_DELETE);
}

static int
check_meter_mod(const struct ofp_meter_mod *mm)
{
    if (!meter_id_is_valid(mm->meter_id, mm->command)) {
        return -OFPERR_OFPMMFC_INVALID_METER;
    }
    if (mm->command == OFPMC_DELETE) {
        return 0;
    }
    for (size_t i = 0; i < mm->n_bands; i++) {
        if (!mm->bands[i].rate) {
            return -OFPERR_OFPMMFC_BAD_RATE;
        }
    }
    return 0;
}

static int
decode_meter_mod(struct buf_reader *body, struct ofp_msg *msg)
{
    struct ofp_meter_mod *mm = &msg->meter_mod;
    const uint8_t *h = buf_pull(body, METER_MOD_BODY_LEN);
    int retval;

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    mm->command = buf_get_be16(h);
    mm->flags = buf_get_be16(h + 2);
    mm->meter_id = buf_get_be32(h + 4);
    if (mm->command > OFPMC_DELETE) {
        return -OFPERR_OFPMMFC_BAD_COMMAND;
    }
    if (mm->command != OFPMC_DELETE && !meter_flags_are_valid(mm->flags)) {
        return -OFPERR_OFPMMFC_BAD_FLAGS;
    }
    retval = decode_bands(body, body->left, &mm->bands, &mm->n_bands);
    return retval ? retval : check_meter_mod(mm);
}

static void
encode_meter_mod(const struct ofp_msg *msg, struct buf *out)
{
    const struct ofp_meter_mod *mm = &msg->meter_mod;

    buf_put_be16(out, mm->command);
    buf_put_be16(out, mm->flags);
    buf_put_be32(out, mm->meter_id);
    encode_bands(mm->bands, mm->n_bands, out);
}

static void
uninit_meter_mod(struct ofp_msg *msg)
{
    free(msg->meter_mod.bands);
    msg->meter_mod.bands = NULL;
    msg->meter_mod.n_bands = 0;
}

const struct ofp_msg_codec ofp_codec_METER_MOD = {
    .decode = decode_meter_mod,
    .encode = encode_meter_mod,
    .uninit = uninit_meter_mod,
};

/* METER_STATS_REQUEST and METER_CONFIG_REQUEST: a meter id, or OFPM_ALL. */

static int
decode_meter_request(struct buf_reader *body, struct ofp_msg *msg)
{
    const uint8_t *h = buf_pull(body, METER_REQUEST_LEN);

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    msg->meter_id = buf_get_be32(h);
    return ofp_codec_finish(body);
}

static void
encode_meter_request(const struct ofp_msg *msg, struct buf *out)
{
    buf_put_be32(out, msg->meter_id);
    buf_put_zeros(out, 4);
}

const struct ofp_msg_codec ofp_codec_METER_STATS_REQUEST = {
    .decode = decode_meter_request,
    .encode = encode_meter_request,
};

const struct ofp_msg_codec ofp_codec_METER_CONFIG_REQUEST = {
    .decode = decode_meter_request,
    .encode = encode_meter_request,
};

/* METER_STATS_REPLY. */

static int
decode_meter_stats(struct buf_reader *r, struct ofp_meter_stats *ms)
{
    const uint8_t *h = buf_pull(r, METER_STATS_LEN);
    size_t bands_len;

    if (!h || buf_get_be16(h + 4) < METER_STATS_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    bands_len = buf_get_be16(h + 4) - METER_STATS_LEN;
    if (bands_len % METER_BAND_STATS_LEN || bands_len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    ms->meter_id = buf_get_be32(h);
    ms->flow_count = buf_get_be32(h + 12);
    ms->packet_in_count = buf_get_be64(h + 16);
    ms->byte_in_count = buf_get_be64(h + 24);
    ms->duration_sec = buf_get_be32(h + 32);
    ms->duration_nsec = buf_get_be32(h + 36);
    for (size_t i = 0; i < bands_len / METER_BAND_STATS_LEN; i++) {
        struct ofp_meter_band_stats *bs =
            ofp_array_push(&ms->bands, &ms->n_bands, sizeof *bs);
        const uint8_t *p = buf_pull(r, METER_BAND_STATS_LEN);

        bs->packet_band_count = buf_get_be64(p);
        bs->byte_band_count = buf_get_be64(p + 8);
    }
    return 0;
}

static int
decode_meter_stats_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    while (body->left) {
        struct ofp_meter_stats *ms =
            ofp_array_push(&msg->meter_stats_reply.entries,
                           &msg->meter_stats_reply.n, sizeof *ms);
        int retval = decode_meter_stats(body, ms);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_meter_stats_reply(const struct ofp_msg *msg, struct buf *out)
{
    for (size_t i = 0; i < msg->meter_stats_reply.n; i++) {
        const struct ofp_meter_stats *ms = &msg->meter_stats_reply.entries[i];

        buf_put_be32(out, ms->meter_id);
        buf_put_be16(out, METER_STATS_LEN + ms->n_bands * METER_BAND_STATS_LEN);
        buf_put_zeros(out, 6);
        buf_put_be32(out, ms->flow_count);
        buf_put_be64(out, ms->packet_in_count);
        buf_put_be64(out, ms->byte_in_count);
        buf_put_be32(out, ms->duration_sec);
        buf_put_be32(out, ms->duration_nsec);
        for (size_t j = 0; j < ms->n_bands; j++) {
            buf_put_be64(out, ms->bands[j].packet_band_count);
            buf_put_be64(out, ms->bands[j].byte_band_count);
        }
    }
}

static void
uninit_meter_stats_reply(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->meter_stats_reply.n; i++) {
        free(msg->meter_stats_reply.entries[i].bands);
    }
    free(msg->meter_stats_reply.entries);
    msg->meter_stats_reply.entries = NULL;
    msg->meter_stats_reply.n = 0;
}

const struct ofp_msg_codec ofp_codec_METER_STATS_REPLY = {
    .decode = decode_meter_stats_reply,
    .encode = encode_meter_stats_reply,
    .uninit = uninit_meter_stats_reply,
};

/* METER_CONFIG_REPLY. */

static int
decode_meter_config(struct buf_reader *r, struct ofp_meter_config *mc)
{
    const uint8_t *h = buf_pull(r, METER_CONFIG_LEN);
    size_t bands_len;

    if (!h || buf_get_be16(h) < METER_CONFIG_LEN) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    bands_len = buf_get_be16(h) - METER_CONFIG_LEN;
    if (bands_len > r->left) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    mc->flags = buf_get_be16(h + 2);
    mc->meter_id = buf_get_be32(h + 4);
    return decode_bands(r, bands_len, &mc->bands, &mc->n_bands);
}

static int
decode_meter_config_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    while (body->left) {
        struct ofp_meter_config *mc =
            ofp_array_push(&msg->meter_config_reply.entries,
                           &msg->meter_config_reply.n, sizeof *mc);
        int retval = decode_meter_config(body, mc);
        if (retval) {
            return retval;
        }
    }
    return 0;
}

static void
encode_meter_config_reply(const struct ofp_msg *msg, struct buf *out)
{
    for (size_t i = 0; i < msg->meter_config_reply.n; i++) {
        const struct ofp_meter_config *mc = &msg->meter_config_reply.entries[i];

        buf_put_be16(out, METER_CONFIG_LEN + mc->n_bands * OFP_METER_BAND_LEN);
        buf_put_be16(out, mc->flags);
        buf_put_be32(out, mc->meter_id);
        encode_bands(mc->bands, mc->n_bands, out);
    }
}

static void
uninit_meter_config_reply(struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->meter_config_reply.n; i++) {
        free(msg->meter_config_reply.entries[i].bands);
    }
    free(msg->meter_config_reply.entries);
    msg->meter_config_reply.entries = NULL;
    msg->meter_config_reply.n = 0;
}

const struct ofp_msg_codec ofp_codec_METER_CONFIG_REPLY = {
    .decode = decode_meter_config_reply,
    .encode = encode_meter_config_reply,
    .uninit = uninit_meter_config_reply,
};

/* METER_FEATURES_REPLY. */

static int
decode_meter_features_reply(struct buf_reader *body, struct ofp_msg *msg)
{
    struct ofp_meter_features *mf = &msg->meter_features_reply;
    const uint8_t *h = buf_pull(body, METER_FEATURES_LEN);

    if (!h) {
        return -OFPERR_OFPBRC_BAD_LEN;
    }
    mf->max_meter = buf_get_be32(h);
    mf->band_types = buf_get_be32(h + 4);
    mf->capabilities = buf_get_be32(h + 8);
    mf->max_bands = h[12];
    mf->max_color = h[13];
    return ofp_codec_finish(body);
}

static void
encode_meter_features_reply(const struct ofp_msg *msg, struct buf *out)
{
    const struct ofp_meter_features *mf = &msg->meter_features_reply;

    buf_put_be32(out, mf->max_meter);
    buf_put_be32(out, mf->band_types);
    buf_put_be32(out, mf->capabilities);
    buf_put_u8(out, mf->max_bands);
    buf_put_u8(out, mf->max_color);
    buf_put_zeros(out, 2);
}

const struct ofp_msg_codec ofp_codec_METER_FEATURES_REPLY = {
    .decode = decode_meter_features_reply,
    .encode = encode_meter_features_reply,
};
