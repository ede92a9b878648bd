/* Meter text: meter mods parsed, meter mods and configurations printed. */
#include "ofproto/ofp_text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/strbuf.h"
#include "lib/util.h"

/* Meter ids with names. */
static const struct {
    const char *name;
    uint32_t id;
} meter_names[] = {
    {"all", OFPM_ALL},
    {"slowpath", OFPM_SLOWPATH},
    {"controller", OFPM_CONTROLLER},
};

static const struct {
    const char *name;
    uint16_t flag;
} meter_flags[] = {
    {"kbps", OFPMF_KBPS},
    {"pktps", OFPMF_PKTPS},
    {"burst", OFPMF_BURST},
    {"stats", OFPMF_STATS},
};

static const struct {
    const char *name;
    uint16_t type;
} band_types[] = {
    {"drop", OFPMBT_DROP},
    {"dscp_remark", OFPMBT_DSCP_REMARK},
    {"experimenter", OFPMBT_EXPERIMENTER},
};

void
ofp_text_meter_mod_free(struct ofp_meter_mod *mm)
{
    free(mm->bands);
    mm->bands = NULL;
    mm->n_bands = 0;
}

/* Finds "band=" or "bands=" at the start of a pair in 'text', cuts 'text'
 * there and returns what follows the '=', or NULL. */
static char *
split_bands(char *text)
{
    for (char *p = strstr(text, "band"); p; p = strstr(p + 1, "band")) {
        char *q = p + strlen("band");

        q += *q == 's';
        if (*q == '=' && (p == text || strchr(", \t\r\n", p[-1]))) {
            *p = '\0';
            return q + 1;
        }
    }
    return NULL;
}

static int
parse_meter_id(const char *s, uint32_t *id, char **errorp)
{
    uint64_t v;

    for (size_t i = 0; i < ARRAY_SIZE(meter_names); i++) {
        if (!strcasecmp(s, meter_names[i].name)) {
            *id = meter_names[i].id;
            return 0;
        }
    }
    if (ofp_text_parse_uint(s, 0, UINT32_MAX, &v) || !v
        || (v > OFPM_MAX && v != OFPM_SLOWPATH && v != OFPM_CONTROLLER
            && v != OFPM_ALL)) {
        return ofp_text_errorf(errorp, "invalid value for meter");
    }
    *id = v;
    return 0;
}

static bool
parse_meter_flag(const char *key, uint16_t *flags)
{
    for (size_t i = 0; i < ARRAY_SIZE(meter_flags); i++) {
        if (!strcmp(key, meter_flags[i].name)) {
            *flags |= meter_flags[i].flag;
            return true;
        }
    }
    return false;
}

/* Parses the pairs before the bands. */
static int
parse_meter_head(char *text, enum ofp_meter_mod_command command,
                 struct ofp_meter_mod *mm, bool *has_id, char **errorp)
{
    char *key, *value;

    while (ofp_text_next_pair(&text, &key, &value, NULL)) {
        if (!strcmp(key, "meter")) {
            if (parse_meter_id(value, &mm->meter_id, errorp)) {
                return -EINVAL;
            }
            *has_id = true;
        } else if (command == OFPMC_DELETE
                   || !parse_meter_flag(key, &mm->flags)) {
            return ofp_text_errorf(errorp, "unknown keyword %s", key);
        }
    }
    return 0;
}

static int
parse_band_type(const char *s, struct ofp_meter_band *band, char **errorp)
{
    for (size_t i = 0; i < ARRAY_SIZE(band_types); i++) {
        if (!strcmp(s, band_types[i].name)) {
            band->type = band_types[i].type;
            return 0;
        }
    }
    return ofp_text_errorf(errorp, "field type unknown value %s", s);
}

/* Parses one band parameter other than "type" into 'band'. */
static int
parse_band_param(const char *key, const char *value,
                 struct ofp_meter_band *band, char **errorp)
{
    static const struct {
        const char *name;
        uint32_t max;
        size_t ofs;
    } params[] = {
        {"rate", UINT32_MAX, offsetof(struct ofp_meter_band, rate)},
        {"burst_size", UINT32_MAX, offsetof(struct ofp_meter_band, burst_size)},
        {"prec_level", UINT8_MAX, offsetof(struct ofp_meter_band, prec_level)},
        {"experimenter", UINT32_MAX,
         offsetof(struct ofp_meter_band, experimenter)},
    };
    uint64_t v;

    for (size_t i = 0; i < ARRAY_SIZE(params); i++) {
        uint8_t *member = (uint8_t *) band + params[i].ofs;

        if (strcmp(key, params[i].name)) {
            continue;
        } else if (ofp_text_parse_uint(value, 0, params[i].max, &v)) {
            return ofp_text_errorf(errorp, "invalid %s \"%s\"", key, value);
        } else if (params[i].max == UINT8_MAX) {
            *member = v;
        } else {
            uint32_t v32 = v;
            memcpy(member, &v32, sizeof v32);
        }
        return 0;
    }
    return ofp_text_errorf(errorp, "unknown keyword %s", key);
}

/* Checks a band once all of it is parsed, with ovs-ofctl's words. */
static int
check_band(const struct ofp_meter_band *band, uint16_t flags, char **errorp)
{
    bool remark = band->type == OFPMBT_DSCP_REMARK;

    if (!band->rate) {
        return ofp_text_errorf(errorp, "band must have 'rate'");
    } else if (remark && !band->prec_level) {
        return ofp_text_errorf(errorp,
                               "'dscp_remark' band must have 'prec_level'");
    } else if (!remark && band->prec_level) {
        return ofp_text_errorf(errorp, "Only 'dscp_remark' band may have "
                                       "'prec_level'");
    } else if ((flags & OFPMF_BURST) && !band->burst_size) {
        return ofp_text_errorf(errorp,
                               "band must have 'burst_size' when 'burst' flag "
                               "is set");
    } else if (!(flags & OFPMF_BURST) && band->burst_size) {
        return ofp_text_errorf(errorp,
                               "band may have 'burst_size' only when 'burst' "
                               "flag is set");
    } else if (band->type != OFPMBT_EXPERIMENTER && band->experimenter) {
        return ofp_text_errorf(errorp, "Only 'experimenter' band may have "
                                       "'experimenter'");
    }
    return 0;
}

/* Parses the band list: "type=..." starts each band. */
static int
parse_bands(char *text, struct ofp_meter_mod *mm, char **errorp)
{
    struct ofp_meter_band *band = NULL;
    char *key, *value;

    while (ofp_text_next_pair(&text, &key, &value, NULL)) {
        int retval;

        if (!strcmp(key, "type")) {
            if (band && check_band(band, mm->flags, errorp)) {
                return -EINVAL;
            }
            mm->bands =
                xrealloc(mm->bands, (mm->n_bands + 1) * sizeof *mm->bands);
            band = memset(&mm->bands[mm->n_bands++], 0, sizeof *band);
            retval = parse_band_type(value, band, errorp);
        } else if (!band) {
            retval = ofp_text_errorf(errorp, "band must start with the "
                                             "'type' keyword");
        } else {
            retval = parse_band_param(key, value, band, errorp);
        }
        if (retval) {
            return retval;
        }
    }
    return band ? check_band(band, mm->flags, errorp) : 0;
}

static int
parse_meter_text(char *text, enum ofp_meter_mod_command command,
                 struct ofp_meter_mod *mm, char **errorp)
{
    char *bands = split_bands(text);
    bool has_id = false;
    uint16_t units;

    if (parse_meter_head(text, command, mm, &has_id, errorp)) {
        return -EINVAL;
    } else if (command == OFPMC_DELETE) {
        if (bands) {
            return ofp_text_errorf(errorp, "unknown keyword band");
        }
        mm->meter_id = has_id ? mm->meter_id : OFPM_ALL;
        return 0;
    } else if (!has_id) {
        return ofp_text_errorf(errorp, "must specify 'meter'");
    }
    units = mm->flags & (OFPMF_KBPS | OFPMF_PKTPS);
    if (!units) {
        return ofp_text_errorf(errorp,
                               "meter must specify either 'kbps' or 'pktps'");
    } else if (units != (OFPMF_KBPS | OFPMF_PKTPS) && !bands) {
        return ofp_text_errorf(errorp, "must specify bands");
    }
    return bands ? parse_bands(bands, mm, errorp) : 0;
}

int
ofp_text_parse_meter_mod(const char *text, enum ofp_meter_mod_command command,
                         struct ofp_meter_mod *mm, char **errorp)
{
    char *copy = xstrdup(text);
    struct ofp_msg msg, wire;
    int retval;

    *errorp = NULL;
    memset(mm, 0, sizeof *mm);
    mm->command = command;
    retval = parse_meter_text(copy, command, mm, errorp);
    free(copy);
    if (!retval) {
        ofp_msg_init(&msg, OFPK_METER_MOD, 0);
        msg.meter_mod = *mm;
        retval = ofp_text_check_msg(&msg, &wire, "meter", errorp);
    }
    ofp_text_meter_mod_free(mm);
    *mm = retval ? (struct ofp_meter_mod){0} : wire.meter_mod;
    return retval;
}

/* Printing. */

static void
format_band(struct strbuf *sb, const struct ofp_meter_band *band,
            uint16_t flags)
{
    const char *name = NULL;

    for (size_t i = 0; i < ARRAY_SIZE(band_types) && !name; i++) {
        name = band_types[i].type == band->type ? band_types[i].name : NULL;
    }
    if (name) {
        strbuf_printf(sb, "\ntype=%s rate=%" PRIu32, name, band->rate);
    } else {
        strbuf_printf(sb, "\ntype=%u rate=%" PRIu32, band->type, band->rate);
    }
    if (flags & OFPMF_BURST) {
        strbuf_printf(sb, " burst_size=%" PRIu32, band->burst_size);
    }
    if (band->type == OFPMBT_DSCP_REMARK) {
        strbuf_printf(sb, " prec_level=%u", band->prec_level);
    } else if (band->type == OFPMBT_EXPERIMENTER) {
        strbuf_printf(sb, " experimenter=%#" PRIx32, band->experimenter);
    }
}

static void
format_meter(struct strbuf *sb, uint32_t meter_id, uint16_t flags,
             const struct ofp_meter_band *bands, size_t n_bands)
{
    uint16_t unknown = flags;

    strbuf_puts(sb, "meter=");
    for (size_t i = 0; i < ARRAY_SIZE(meter_names); i++) {
        if (meter_names[i].id == meter_id) {
            strbuf_puts(sb, meter_names[i].name);
            break;
        } else if (i == ARRAY_SIZE(meter_names) - 1) {
            strbuf_printf(sb, "%" PRIu32, meter_id);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(meter_flags); i++) {
        if (flags & meter_flags[i].flag) {
            strbuf_printf(sb, " %s", meter_flags[i].name);
            unknown &= ~meter_flags[i].flag;
        }
    }
    if (unknown) {
        strbuf_printf(sb, " flags:%#x", unknown);
    }
    strbuf_puts(sb, " bands=");
    for (size_t i = 0; i < n_bands; i++) {
        format_band(sb, &bands[i], flags);
    }
}

void
ofp_text_format_meter_mod(struct strbuf *sb, const struct ofp_meter_mod *mm)
{
    static const char *const commands[] = {
        [OFPMC_ADD] = "ADD",
        [OFPMC_MODIFY] = "MOD",
        [OFPMC_DELETE] = "DEL",
    };

    if (mm->command < ARRAY_SIZE(commands)) {
        strbuf_printf(sb, "%s ", commands[mm->command]);
    } else {
        strbuf_printf(sb, "cmd:%u ", mm->command);
    }
    /* A deletion's bands mean nothing; ovs-ofctl does not print them. */
    format_meter(sb, mm->meter_id, mm->flags, mm->bands,
                 mm->command == OFPMC_DELETE ? 0 : mm->n_bands);
}

void
ofp_text_format_meter_config(struct strbuf *sb,
                             const struct ofp_meter_config *mc)
{
    format_meter(sb, mc->meter_id, mc->flags, mc->bands, mc->n_bands);
}
