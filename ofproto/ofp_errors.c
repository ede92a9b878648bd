#include "ofproto/ofp_errors.h"

#include "lib/buf.h"
#include "ofproto/ofp_wire.h"

struct ofperr_info {
    const char *name;
    const char *description;
    uint16_t type;
    uint16_t code;
    uint32_t experimenter;
};

static const struct ofperr_info errors[] = {
#define OFPERR_INFO_(NAME, TYPE, CODE, EXP, DESC) {#NAME, DESC, TYPE, CODE, EXP},
    OFPERR_LIST(OFPERR_INFO_)
#undef OFPERR_INFO_
};

static const struct ofperr_info *
info(enum ofperr error)
{
    if (error > OFPERR_FIRST_ && error < OFPERR_LAST_) {
        return &errors[error - OFPERR_FIRST_ - 1];
    }
    return NULL;
}

const char *
ofperr_name(enum ofperr error)
{
    const struct ofperr_info *e = info(error);
    return e ? e->name : "unknown error";
}

const char *
ofperr_description(enum ofperr error)
{
    const struct ofperr_info *e = info(error);
    return e ? e->description : "unknown error";
}

void
ofperr_to_wire(enum ofperr error, uint16_t *type, uint16_t *code,
               uint32_t *experimenter)
{
    const struct ofperr_info *e = info(error);

    *type = e ? e->type : 0;
    *code = e ? e->code : 0;
    *experimenter = e ? e->experimenter : 0;
}

enum ofperr
ofperr_from_wire(uint16_t type, uint16_t code, uint32_t experimenter)
{
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const struct ofperr_info *e = &errors[i];
        if (e->type == type && e->code == code
            && (type != 0xffff || e->experimenter == experimenter)) {
            return OFPERR_FIRST_ + 1 + i;
        }
    }
    return 0;
}

void
ofperr_encode_reply(enum ofperr error, const void *request,
                    size_t request_len, struct buf *b)
{
    const uint8_t *req = request;
    size_t data_len = request_len < OFP_ERROR_DATA_MAX ? request_len
                                                       : OFP_ERROR_DATA_MAX;
    uint32_t xid = request_len >= OFP_HEADER_LEN ? buf_get_be32(req + 4) : 0;
    uint16_t type, code;
    uint32_t experimenter;
    size_t start = b->size;

    ofperr_to_wire(error, &type, &code, &experimenter);
    buf_put_u8(b, OFP13_VERSION);
    buf_put_u8(b, OFPT_ERROR);
    buf_put_be16(b, 0);
    buf_put_be32(b, xid);
    buf_put_be16(b, type);
    buf_put_be16(b, code);
    if (type == 0xffff) {
        buf_put_be32(b, experimenter);
    }
    buf_put(b, request, data_len);
    buf_set_be16(b, start + 2, b->size - start);
}
