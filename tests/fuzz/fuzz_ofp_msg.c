/* Fuzz target for the OpenFlow decoder.
 *
 * Any bytes must decode or be refused with an OpenFlow error, never crash
 * or read out of bounds.  A message that decodes must encode again, and
 * that encoding must decode to an equal message: the decoder accepts only
 * what the encoder can represent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/buf.h"
#include "ofproto/ofp_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
