/* Reference packet parser for tests: slow, simple, obviously in bounds.
 * Must yield exactly what flow_extract() yields (see lib/flow_extract.h). */
#ifndef PONT_TESTS_FLOW_EXTRACT_REF_H
#define PONT_TESTS_FLOW_EXTRACT_REF_H 1

#include <stddef.h>
#include <stdint.h>

struct flow_key;

void flow_extract_ref(const void *data, size_t size, uint32_t in_port,
                      struct flow_key *key);

#endif
