/* Fuzz target for the OpenFlow printer: any bytes must print (a message,
 * or a report of what is wrong with it and a hex dump) without reading out
 * of bounds, at every verbosity. */
#include <stdint.h>

#include "lib/strbuf.h"
#include "ofproto/ofp_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf sb = STRBUF_INIT;
    int verbosity = size ? data[size - 1] % 6 : 1;

    ofp_print(&sb, data, size, verbosity);
    strbuf_free(&sb);
    return 0;
}
