/* Fuzz target for the packet parser.
 *
 * For every input it checks, beyond "no crash, no out-of-bounds read" (which
 * AddressSanitizer reports), that:
 *   - the parser agrees with the simple reference parser field for field;
 *   - the layer offsets it reports lie inside the packet and in order;
 *   - the printer accepts the key.
 * Any disagreement aborts, so libFuzzer saves the input as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/flow.h"
#include "lib/flow_extract.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "tests/ref/flow_extract_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
report_mismatch(const struct flow_key *fast, const struct flow_key *ref)
{
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

    flow_format_packet(&a, fast);
    flow_format_packet(&b, ref);
    fprintf(stderr,
            "parser and reference disagree:\n  parser: %s\n"
            "  ref:    %s\n",
            strbuf_str(&a), strbuf_str(&b));
    strbuf_free(&a);
    strbuf_free(&b);
    abort();
}

static void
check_offsets(const struct flow_offsets *ofs, size_t size)
{
    if ((ofs->l3 != FLOW_OFS_NONE && ofs->l3 > size)
        || (ofs->l4 != FLOW_OFS_NONE
            && (ofs->l4 > size || ofs->l3 == FLOW_OFS_NONE
                || ofs->l4 < ofs->l3))
        || (ofs->l2_5 != FLOW_OFS_NONE && ofs->l2_5 > ofs->l3)) {
        fprintf(stderr, "bad offsets l2_5=%u l3=%u l4=%u for %zu bytes\n",
                ofs->l2_5, ofs->l3, ofs->l4, size);
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_offsets ofs;
    struct flow_key fast, ref;

    flow_extract(data, size, FLOW_PORT_ANY, &fast, &ofs);
    flow_extract_ref(data, size, FLOW_PORT_ANY, &ref);
    if (!flow_equal(&fast, &ref)) {
        report_mismatch(&fast, &ref);
    }
    check_offsets(&ofs, size);
    flow_format_packet(&sb, &fast);
    strbuf_free(&sb);
    return 0;
}
