/* Fuzz target for the action executor.
 *
 * Input: one byte of mode, a 16-bit little-endian length N, N bytes of
 * actions, then the packet.  Mode 'T' means the actions are text for
 * dp_actions_parse() (so that the corpus is readable); any other mode
 * means binary TLVs, executed whether or not they validate (the executor
 * must stop safely at an invalid TLV).  The packet runs as a batch of two
 * copies, through every op.
 *
 * Beyond "no crash, no out-of-bounds access, no leak" (the sanitizers'
 * job) it checks that:
 *   - a list that validates prints as text that parses back to the same
 *     bytes;
 *   - when the list does not change the packet's structure (no VLAN or
 *     MPLS push or pop, no MPLS label rewrite) and the input's checksums
 *     are right, every output's checksums are right.
 * A violation aborts, so libFuzzer saves the input as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_csum.h"
#include "datapath/dp_execute.h"
#include "datapath/dp_packet.h"
#include "lib/buf.h"
#include "lib/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_state {
    bool check_csums;
    unsigned int sum; /* Keeps the reads of delivered bytes alive. */
};

static void
touch(struct fuzz_state *s, const struct dp_packet *p)
{
    const uint8_t *b = dp_packet_data(p);

    for (size_t i = 0; i < dp_packet_size(p); i++) {
        s->sum += b[i];
    }
}

static void
fuzz_output(void *aux, uint32_t port_no, struct dp_packet *p)
{
    struct fuzz_state *s = aux;

    (void) port_no;
    touch(s, p);
    if (s->check_csums && dp_csum_check(dp_packet_data(p), dp_packet_size(p))) {
        fprintf(stderr, "output with a bad checksum from good input\n");
        abort();
    }
    dp_packet_delete(p);
}

/* Drops the packets at odd positions if the meter's id is odd. */
static void
fuzz_meter(void *aux, uint32_t meter_id, struct dp_packet_batch *b)
{
    size_t kept = 0;

    (void) aux;
    for (size_t i = 0; i < b->count; i++) {
        if (meter_id % 2 && i % 2) {
            dp_packet_delete(b->packets[i]);
        } else {
            b->packets[kept++] = b->packets[i];
        }
    }
    b->count = kept;
}

static void
fuzz_userspace(void *aux, const uint8_t *cookie, size_t cookie_len,
               const struct dp_packet *p)
{
    struct fuzz_state *s = aux;

    for (size_t i = 0; i < cookie_len; i++) {
        s->sum += cookie[i];
    }
    touch(s, p);
}

static const struct dp_execute_ops fuzz_ops = {fuzz_output, fuzz_meter,
                                               fuzz_userspace};

/* Returns whether the list (valid, nested lists included) leaves the
 * packet's layers where they are. */
static bool
keeps_structure(const void *actions, size_t len)
{
    struct dp_actions_cursor c;
    struct dp_action a;

    dp_actions_cursor_init(&c, actions, len);
    while (dp_actions_next(&c, &a)) {
        switch (a.type) {
        case DP_ACTION_PUSH_VLAN:
        case DP_ACTION_POP_VLAN:
        case DP_ACTION_PUSH_MPLS:
        case DP_ACTION_POP_MPLS:
            return false;
        case DP_ACTION_SET_FIELD:
            if (a.set_field.field == DP_FIELD_MPLS_LSE) {
                return false;
            }
            break;
        case DP_ACTION_CLONE:
            if (!keeps_structure(a.clone.actions, a.clone.len)) {
                return false;
            }
            break;
        default:
            break;
        }
    }
    return true;
}

/* A valid list must survive printing and parsing unchanged. */
static void
check_text_round_trip(const struct buf *actions)
{
    struct strbuf sb;
    struct buf again;
    char *error;

    strbuf_init(&sb);
    buf_init(&again);
    dp_actions_format(&sb, actions->data, actions->size);
    if (dp_actions_parse(strbuf_str(&sb), &again, &error)
        || again.size != actions->size
        || (actions->size
            && memcmp(again.data, actions->data, actions->size))) {
        fprintf(stderr, "\"%s\" does not parse back: %s\n", strbuf_str(&sb),
                error ? error : "different bytes");
        abort();
    }
    strbuf_free(&sb);
    buf_free(&again);
}

/* Decodes the input into 'actions'; returns false if it is too short or
 * its text does not parse. */
static bool
read_actions(const uint8_t *data, size_t size, struct buf *actions,
             size_t *used)
{
    size_t n;

    if (size < 3) {
        return false;
    }
    n = data[1] | (size_t) data[2] << 8;
    if (n > size - 3) {
        return false;
    }
    *used = 3 + n;
    if (data[0] == 'T') {
        char *text = malloc(n + 1);
        char *error;
        int ret;

        if (!text) {
            abort();
        }
        memcpy(text, data + 3, n);
        text[n] = '\0';
        ret = dp_actions_parse(text, actions, &error);
        free(error);
        free(text);
        return ret == 0;
    }
    buf_put(actions, data + 3, n);
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_state s = {false, 0};
    struct dp_packet_batch b;
    struct buf actions;
    size_t used;

    buf_init(&actions);
    if (!read_actions(data, size, &actions, &used)) {
        buf_free(&actions);
        return 0;
    }
    if (!dp_actions_validate(actions.data, actions.size)) {
        check_text_round_trip(&actions);
        s.check_csums = keeps_structure(actions.data, actions.size)
                        && !dp_csum_check(data + used, size - used);
    }
    dp_packet_batch_init(&b);
    for (int i = 0; i < 2; i++) {
        dp_packet_batch_add(&b,
                            dp_packet_new_with_data(data + used, size - used));
    }
    dp_execute(&b, actions.data, actions.size, &fuzz_ops, &s);
    buf_free(&actions);
    return s.sum == 0xffffffffu; /* Never: libFuzzer wants 0. */
}
