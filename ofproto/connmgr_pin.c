/* Packet buffers of one connection, and the packet-in each connection
 * receives.  Pure functions: see connmgr_private.h. */
#include <errno.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "ofproto/connmgr_private.h"

#define SLOT_BITS 8
#define SLOT_MASK (CONNMGR_N_BUFFERS - 1)
#define GENERATION_MAX 0xffffffu

_Static_assert(CONNMGR_N_BUFFERS == 1 << SLOT_BITS,
               "buffer ids keep the slot in SLOT_BITS bits");

void
connmgr_pktbuf_init(struct connmgr_pktbuf *pb)
{
    memset(pb, 0, sizeof *pb);
}

void
connmgr_pktbuf_clear(struct connmgr_pktbuf *pb)
{
    for (size_t i = 0; i < CONNMGR_N_BUFFERS; i++) {
        dp_packet_delete(pb->slots[i].packet);
        pb->slots[i].packet = NULL;
    }
}

static uint32_t
make_id(unsigned int slot, uint32_t generation)
{
    return generation << SLOT_BITS | slot;
}

/* The generation after 'g': from 1 to GENERATION_MAX, skipping the one
 * whose id with this slot would be OFP_NO_BUFFER. */
static uint32_t
next_generation(uint32_t g, unsigned int slot)
{
    g = g >= GENERATION_MAX ? 1 : g + 1;
    if (make_id(slot, g) == OFP_NO_BUFFER) {
        g = 1;
    }
    return g;
}

uint32_t
connmgr_pktbuf_store(struct connmgr_pktbuf *pb, const void *data, size_t len,
                     uint32_t in_port, long long now_ms)
{
    unsigned int i = pb->next;
    struct connmgr_pktbuf_slot *s = &pb->slots[i];

    pb->next = (i + 1) & SLOT_MASK;
    dp_packet_delete(s->packet);
    s->packet = dp_packet_new_with_data(data, len);
    s->in_port = in_port;
    s->generation = next_generation(s->generation, i);
    s->stored_ms = now_ms;
    return make_id(i, s->generation);
}

int
connmgr_pktbuf_take(struct connmgr_pktbuf *pb, uint32_t buffer_id,
                    long long now_ms, struct dp_packet **packet,
                    uint32_t *in_port)
{
    struct connmgr_pktbuf_slot *s = &pb->slots[buffer_id & SLOT_MASK];
    uint32_t generation = buffer_id >> SLOT_BITS;

    if (!generation || generation > s->generation) {
        return -OFPERR_OFPBRC_BUFFER_UNKNOWN;
    }
    if (generation != s->generation || !s->packet) {
        return -OFPERR_OFPBRC_BUFFER_EMPTY;
    }
    if (now_ms - s->stored_ms > CONNMGR_BUFFER_TIMEOUT_MS) {
        dp_packet_delete(s->packet);
        s->packet = NULL;
        return -OFPERR_OFPBRC_BUFFER_EMPTY;
    }
    *packet = s->packet;
    *in_port = s->in_port;
    s->packet = NULL;
    return 0;
}

void
connmgr_pktbuf_discard(struct connmgr_pktbuf *pb, uint32_t buffer_id)
{
    struct connmgr_pktbuf_slot *s = &pb->slots[buffer_id & SLOT_MASK];

    if (buffer_id != OFP_NO_BUFFER && s->generation == buffer_id >> SLOT_BITS) {
        dp_packet_delete(s->packet);
        s->packet = NULL;
    }
}

void
connmgr_pktbuf_packet_in(struct connmgr_pktbuf *pb,
                         const struct connmgr_packet_in *cpi, long long now_ms,
                         struct ofp_packet_in *pi)
{
    const struct ofp_bytes *data = &cpi->pi.data;

    *pi = cpi->pi;
    pi->buffer_id = OFP_NO_BUFFER;
    if (cpi->max_len == OFPCML_NO_BUFFER || data->len <= cpi->max_len) {
        return;
    }
    pi->buffer_id = connmgr_pktbuf_store(pb, data->data, data->len,
                                         cpi->pi.match.key.in_port, now_ms);
    pi->data.len = cpi->max_len;
    if (!pi->data.len) {
        pi->data.data = NULL;
    }
}
