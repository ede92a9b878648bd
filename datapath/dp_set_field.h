/* Header rewriting for the action executor: SET_FIELD on one packet, with
 * the checksums that cover the field kept right.  Internal to datapath/;
 * dp_execute.h documents the behaviour.
 *
 * Thread-safety: touches only the packet it is given. */
#ifndef PONT_DP_SET_FIELD_H
#define PONT_DP_SET_FIELD_H 1

#include <stdint.h>

#include "datapath/dp_actions.h"

struct dp_packet;

/* Writes 'value' under 'mask' (dp_field_width(field) bytes each, network
 * byte order, value bits outside the mask zero) into 'field' of 'p', if
 * 'p' has that field; otherwise leaves 'p' unchanged. */
void dp_set_field(struct dp_packet *p, enum dp_field field,
                  const uint8_t *value, const uint8_t *mask);

#endif /* datapath/dp_set_field.h */
