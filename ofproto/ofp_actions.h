/* OpenFlow 1.3 actions and instructions: typed form, wire codec.
 *
 * Decoded form
 * ------------
 * An action is a struct ofp_action: its OFPAT_* type and the arguments of
 * that type.  A set_field action holds the field (struct ofp_field, see
 * ofp_oxm.h) and its value in OXM wire format, unmasked.  An action list
 * (struct ofp_actions) owns its array; instructions (struct
 * ofp_instructions) hold at most one instruction of each type, which is
 * what OpenFlow 1.3 allows, with 'present' saying which.
 *
 * Decoding validates everything that can be checked without the switch's
 * state: lengths, types, argument ranges, set_field values, and duplicate
 * instructions.  Consistency of actions with the flow's match (for example
 * set_field of tcp_dst on a flow that does not match TCP) is checked by
 * ofp_actions_check() once the match is known.  Errors are returned as
 * -OFPERR_* (ofp_errors.h).
 *
 * Encoding writes exactly what Open vSwitch writes for the same actions,
 * instructions in Open vSwitch's order (meter, apply_actions, clear_actions,
 * write_actions, write_metadata, goto_table).
 *
 * Thread-safety: functions touch only their arguments. */
#ifndef PONT_OFP_ACTIONS_H
#define PONT_OFP_ACTIONS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_oxm.h"
#include "ofproto/ofp_wire.h"

struct buf;
struct buf_reader;

struct ofp_action {
    enum ofp_action_type type;
    union {
        struct {
            uint32_t port;
            uint16_t max_len;   /* For OFPP_CONTROLLER. */
        } output;
        uint8_t ttl;            /* SET_MPLS_TTL, SET_NW_TTL. */
        uint16_t ethertype;     /* PUSH_VLAN, PUSH_MPLS, POP_MPLS, PUSH_PBB. */
        uint32_t queue_id;      /* SET_QUEUE. */
        uint32_t group_id;      /* GROUP. */
        struct {
            const struct ofp_field *field;
            uint8_t value[OFP_FIELD_MAX_LEN]; /* field->n_bytes used. */
        } set_field;
    };
};

struct ofp_actions {
    struct ofp_action *list;    /* Owned; NULL when empty. */
    size_t n;
};

/* Bits of ofp_instructions.present. */
#define OFP_INST_BIT(TYPE) (1u << (TYPE))

struct ofp_instructions {
    uint32_t present;           /* OFP_INST_BIT(OFPIT_*) of each present. */
    uint8_t goto_table;
    uint64_t metadata;
    uint64_t metadata_mask;
    uint32_t meter_id;
    struct ofp_actions apply;
    struct ofp_actions write;
};

/* Action lists. */
void ofp_actions_init(struct ofp_actions *);
void ofp_actions_free(struct ofp_actions *);
struct ofp_action *ofp_actions_append(struct ofp_actions *);
void ofp_actions_clone(struct ofp_actions *dst, const struct ofp_actions *);
bool ofp_actions_equal(const struct ofp_actions *, const struct ofp_actions *);

/* Decodes 'len' bytes of actions from 'r' into 'out' (initialized here).
 * Returns 0 or -OFPERR_*; on error 'out' is empty. */
int ofp_actions_decode(struct buf_reader *r, size_t len,
                       struct ofp_actions *out);
void ofp_actions_encode(const struct ofp_actions *, struct buf *);

/* Checks that every action makes sense for packets that 'match' matches:
 * set_field prerequisites, pop_vlan on a tagged packet, pop_mpls on an MPLS
 * one.  Returns 0 or -OFPERR_OFPBAC_MATCH_INCONSISTENT (or the set_field
 * error Open vSwitch gives). */
int ofp_actions_check(const struct ofp_actions *,
                      const struct flow_match *match);

/* The same for a write_actions instruction's action set, which runs in the
 * specification's fixed order: pops, pushes, then field changes.  Only
 * set_field prerequisites are checked, as by Open vSwitch. */
int ofp_action_set_check(const struct ofp_actions *,
                         const struct flow_match *match);

/* Instructions. */
void ofp_instructions_init(struct ofp_instructions *);
void ofp_instructions_free(struct ofp_instructions *);
void ofp_instructions_clone(struct ofp_instructions *dst,
                            const struct ofp_instructions *);
bool ofp_instructions_equal(const struct ofp_instructions *,
                            const struct ofp_instructions *);

/* Decodes the rest of 'r' as instructions of a flow in table 'table_id'
 * (goto_table must go to a later table).  Returns 0 or -OFPERR_*; on error
 * 'out' is empty. */
int ofp_instructions_decode(struct buf_reader *r, uint8_t table_id,
                            struct ofp_instructions *out);
void ofp_instructions_encode(const struct ofp_instructions *, struct buf *);

#endif /* ofproto/ofp_actions.h */
