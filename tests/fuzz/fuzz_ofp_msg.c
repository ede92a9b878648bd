/* Fuzz target for the OpenFlow decoder.
 *
 * Any bytes must decode or be refused with an OpenFlow error, never crash
 * or read out of bounds.  A message that decodes must encode again, and
 * that encoding must decode to an equal message: the decoder accepts only
 * what the encoder can represent.  And it must encode to as many bytes as
 * it came in: the decoder accepts no bytes it then drops (junk after a
 * field), except where an alternative encoding is legitimate: unknown parts
 * the specification says to skip, and matches, where an OXM field may carry
 * a mask that covers all its bits and is re-encoded without one.  Actions,
 * where junk could hide, are still checked through packet-outs and group
 * buckets. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/buf.h"
#include "ofproto/ofp_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Kinds whose re-encoding may legitimately be shorter: those that skip
 * unknown parts (HELLO elements, bundle properties, queue properties) and
 * those with a match. */
static bool
may_shrink(enum ofp_msg_kind kind)
{
    switch (kind) {
    case OFPK_HELLO:
    case OFPK_BUNDLE_CONTROL:
    case OFPK_BUNDLE_ADD:
    case OFPK_QUEUE_GET_CONFIG_REPLY:
    case OFPK_FLOW_MOD:
    case OFPK_FLOW_REMOVED:
    case OFPK_FLOW_STATS_REQUEST:
    case OFPK_FLOW_STATS_REPLY:
    case OFPK_AGGREGATE_REQUEST:
    case OFPK_PACKET_IN:
        return true;
    default:
        return false;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ofp_msg msg, again;
    struct buf b = BUF_INIT;
    int retval;

    retval = ofp_msg_decode(data, size, &msg);
    if (retval) {
        if (!ofperr_is_ofperr(retval)) {
            fprintf(stderr, "decode returned %d, not an OpenFlow error\n",
                    retval);
            abort();
        }
        return 0;
    }
    ofp_msg_encode(&msg, &b);
    if (b.size != size && !may_shrink(msg.kind)) {
        fprintf(stderr, "%s: %zu bytes decoded, re-encoded as %zu\n",
                ofp_msg_kind_name(msg.kind), size, b.size);
        abort();
    }
    retval = ofp_msg_decode(b.data, b.size, &again);
    if (retval || !ofp_msg_equal(&msg, &again)) {
        fprintf(stderr, "%s: re-encoding does not decode to the same "
                        "message (%s)\n",
                ofp_msg_kind_name(msg.kind),
                retval ? ofperr_name(-retval) : "different");
        abort();
    }
    ofp_msg_uninit(&again);
    ofp_msg_uninit(&msg);
    buf_free(&b);
    return 0;
}
