/* Datapath packets: heap-backed storage with headroom. */
#include "datapath/dp_packet.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/flow.h"
#include "lib/flow_extract.h"
#include "lib/util.h"

/* Offsets are 32-bit, like flow_extract()'s; no packet comes near. */
#define MAX_ALLOCATED UINT32_MAX

static struct dp_packet *
alloc_packet(size_t headroom, size_t capacity)
{
    struct dp_packet *p = xzalloc(sizeof *p);
    size_t allocated = headroom + capacity;

    assert(capacity < MAX_ALLOCATED - headroom);
    /* A zero-byte block would make 'base_' NULL on some systems, and
     * pointer arithmetic on NULL is undefined. */
    p->base_ = xmalloc(allocated ? allocated : 1);
    p->base_owned_ = true;
    p->allocated_ = (uint32_t) allocated;
    p->data_ofs_ = (uint32_t) headroom;
    return p;
}

struct dp_packet *
dp_packet_new(size_t capacity)
{
    return alloc_packet(DP_PACKET_HEADROOM, capacity);
}

struct dp_packet *
dp_packet_new_with_data(const void *data, size_t size)
{
    struct dp_packet *p = alloc_packet(DP_PACKET_HEADROOM, size);

    if (size) {
        memcpy(dp_packet_data(p), data, size);
    }
    p->size_ = (uint32_t) size;
    return p;
}

struct dp_packet *
dp_packet_clone_head(const struct dp_packet *p, size_t max_len)
{
    size_t n = p->size_ < max_len ? p->size_ : max_len;
    /* Keep the original's headroom, so that a clone can take the same
     * pushes without reallocating. */
    size_t headroom =
        p->data_ofs_ > DP_PACKET_HEADROOM ? p->data_ofs_ : DP_PACKET_HEADROOM;
    struct dp_packet *c = alloc_packet(headroom, n);

    if (n) {
        memcpy(dp_packet_data(c), dp_packet_data(p), n);
    }
    c->size_ = (uint32_t) n;
    c->ofs_known_ = p->ofs_known_ && n == p->size_;
    c->ofs_ = p->ofs_;
    c->in_port = p->in_port;
    c->queue_id = p->queue_id;
    c->trunc_len = p->trunc_len;
    c->tunnel = p->tunnel;
    c->recirc_depth = p->recirc_depth;
    return c;
}

struct dp_packet *
dp_packet_clone(const struct dp_packet *p)
{
    return dp_packet_clone_head(p, p->size_);
}

void
dp_packet_delete(struct dp_packet *p)
{
    if (p) {
        if (p->base_owned_) {
            free(p->base_);
        }
        if (p->release_) {
            p->release_(p);
        } else {
            free(p);
        }
    }
}

void
dp_packet_init_external(struct dp_packet *p, void *base, uint32_t allocated,
                        uint32_t data_ofs, uint32_t size,
                        void (*release)(struct dp_packet *))
{
    memset(p, 0, sizeof *p);
    p->base_ = base;
    p->allocated_ = allocated;
    p->data_ofs_ = data_ofs;
    p->size_ = size;
    p->release_ = release;
}

/* Moves the data into a new block with at least 'headroom' bytes before it
 * and 'tailroom' after it. */
static void
reallocate(struct dp_packet *p, size_t headroom, size_t tailroom)
{
    size_t allocated = headroom + p->size_ + tailroom;
    uint8_t *base;

    assert(allocated < MAX_ALLOCATED);
    base = xmalloc(allocated);
    memcpy(base + headroom, dp_packet_data(p), p->size_);
    if (p->base_owned_) {
        free(p->base_);
    }
    p->base_ = base;
    p->base_owned_ = true;
    p->allocated_ = (uint32_t) allocated;
    p->data_ofs_ = (uint32_t) headroom;
}

void *
dp_packet_push_front(struct dp_packet *p, size_t n)
{
    if (n > p->data_ofs_) {
        reallocate(p, n + DP_PACKET_HEADROOM, dp_packet_tailroom(p));
    }
    p->data_ofs_ -= (uint32_t) n;
    p->size_ += (uint32_t) n;
    p->ofs_known_ = false;
    return dp_packet_data(p);
}

void *
dp_packet_pull_front(struct dp_packet *p, size_t n)
{
    void *pulled = dp_packet_data(p);

    if (n > p->size_) {
        return NULL;
    }
    p->data_ofs_ += (uint32_t) n;
    p->size_ -= (uint32_t) n;
    p->ofs_known_ = false;
    return pulled;
}

void *
dp_packet_put_tail(struct dp_packet *p, size_t n)
{
    void *tail;

    if (n > dp_packet_tailroom(p)) {
        /* Grow geometrically, so that appending byte by byte stays linear. */
        size_t tailroom = n > p->size_ ? n : p->size_;
        reallocate(p, p->data_ofs_, tailroom);
    }
    tail = (uint8_t *) dp_packet_data(p) + p->size_;
    p->size_ += (uint32_t) n;
    p->ofs_known_ = false;
    return tail;
}

void
dp_packet_truncate(struct dp_packet *p, size_t max_len)
{
    if (max_len < p->size_) {
        p->size_ = (uint32_t) max_len;
        p->ofs_known_ = false;
    }
}

void
dp_packet_parse(struct dp_packet *p, struct flow_key *key)
{
    struct flow_key scratch;

    if (!key) {
        key = &scratch;
    }
    flow_extract(dp_packet_data(p), p->size_, p->in_port, key, &p->ofs_);
    key->tun_id = p->tunnel.tun_id;
    key->tun_src = p->tunnel.tun_src;
    key->tun_dst = p->tunnel.tun_dst;
    p->ofs_known_ = true;
}

const struct flow_offsets *
dp_packet_offsets(struct dp_packet *p)
{
    if (!p->ofs_known_) {
        dp_packet_parse(p, NULL);
    }
    return &p->ofs_;
}

void
dp_packet_set_offsets(struct dp_packet *p, const struct flow_offsets *ofs)
{
    p->ofs_ = *ofs;
    p->ofs_known_ = true;
}

int
dp_packet_batch_add(struct dp_packet_batch *b, struct dp_packet *p)
{
    if (dp_packet_batch_is_full(b)) {
        return -ENOSPC;
    }
    b->packets[b->count++] = p;
    return 0;
}

void
dp_packet_batch_clone(struct dp_packet_batch *dst,
                      const struct dp_packet_batch *src)
{
    for (size_t i = 0; i < src->count; i++) {
        dst->packets[i] = dp_packet_clone(src->packets[i]);
    }
    dst->count = src->count;
}

void
dp_packet_batch_delete_all(struct dp_packet_batch *b)
{
    for (size_t i = 0; i < b->count; i++) {
        dp_packet_delete(b->packets[i]);
    }
    b->count = 0;
}
