/* Fuzz target for the printer: any key and mask bytes must print without
 * reading out of bounds (the match printer looks up names by bit and by
 * port number). */
#include <stdint.h>
#include <string.h>

#include "lib/flow.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_match match;
    struct flow_key key;
    struct flow_mask mask;
    int priority;

    if (size < sizeof key + sizeof mask + 2) {
        return 0;
    }
    memcpy(&key, data, sizeof key);
    memcpy(&mask, data + sizeof key, sizeof mask);
    priority = data[sizeof key + sizeof mask] << 8
               | data[sizeof key + sizeof mask + 1];
    flow_match_init(&match, &key, &mask);
    flow_format_match(&sb, &match, priority);
    strbuf_clear(&sb);
    flow_format_packet(&sb, &key);
    strbuf_free(&sb);
    return 0;
}
