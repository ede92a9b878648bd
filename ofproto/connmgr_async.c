/* Which connection receives which asynchronous message, and the packet-in
 * rate limit.  Pure functions: see connmgr_private.h. */
#include "ofproto/connmgr_private.h"

/* Every reason OpenFlow 1.3 defines for each message. */
#define PACKET_IN_13_REASONS                                                   \
    ((1u << OFPR_NO_MATCH) | (1u << OFPR_ACTION) | (1u << OFPR_INVALID_TTL))
#define PORT_STATUS_REASONS                                                    \
    ((1u << OFPPR_ADD) | (1u << OFPPR_DELETE) | (1u << OFPPR_MODIFY))
#define FLOW_REMOVED_13_REASONS                                                \
    ((1u << OFPRR_IDLE_TIMEOUT) | (1u << OFPRR_HARD_TIMEOUT)                   \
     | (1u << OFPRR_DELETE) | (1u << OFPRR_GROUP_DELETE))

void
connmgr_async_default(struct ofp_async_config *ac)
{
    /* [0] is for masters and equals, [1] for slaves.  A packet with an
     * invalid TTL goes to the controller only if it asks (section
     * 7.3.10). */
    ac->packet_in_mask[0] = PACKET_IN_13_REASONS & ~(1u << OFPR_INVALID_TTL);
    ac->packet_in_mask[1] = 0;
    ac->port_status_mask[0] = PORT_STATUS_REASONS;
    ac->port_status_mask[1] = PORT_STATUS_REASONS;
    ac->flow_removed_mask[0] = FLOW_REMOVED_13_REASONS;
    ac->flow_removed_mask[1] = 0;
}

bool
connmgr_async_wants(const struct connmgr_async_filter *f,
                    enum connmgr_async_type type, uint8_t reason)
{
    int i = f->role == OFPCR_ROLE_SLAVE;
    uint32_t mask;

    if (f->is_service && !f->miss_send_len) {
        return false;
    }
    if (reason >= 32) {
        return false;
    }
    switch (type) {
    case CONNMGR_ASYNC_PACKET_IN:
        mask = f->config->packet_in_mask[i];
        break;
    case CONNMGR_ASYNC_PORT_STATUS:
        mask = f->config->port_status_mask[i];
        break;
    case CONNMGR_ASYNC_FLOW_REMOVED:
        mask = f->config->flow_removed_mask[i];
        break;
    default:
        return false;
    }
    return (mask & (1u << reason)) != 0;
}

uint8_t
connmgr_flow_removed_reason_13(uint8_t reason)
{
    return reason == OFPRR_METER_DELETE ? OFPRR_DELETE : reason;
}

void
connmgr_bucket_init(struct connmgr_bucket *b, uint32_t rate_pps, uint32_t burst,
                    long long now_ms)
{
    b->rate_pps = rate_pps;
    b->burst = burst;
    b->tokens_milli = (uint64_t) burst * 1000;
    b->last_ms = now_ms;
}

bool
connmgr_bucket_take(struct connmgr_bucket *b, long long now_ms)
{
    uint64_t max = (uint64_t) b->burst * 1000;

    if (now_ms > b->last_ms) {
        /* After max / rate milliseconds the bucket is full whatever the
         * time: checking that first keeps the product from overflowing. */
        uint64_t elapsed = (uint64_t) (now_ms - b->last_ms);
        uint64_t add = !b->rate_pps                  ? 0
                       : elapsed > max / b->rate_pps ? max
                                                     : elapsed * b->rate_pps;

        b->tokens_milli =
            b->tokens_milli + add > max ? max : b->tokens_milli + add;
        b->last_ms = now_ms;
    }
    if (b->tokens_milli < 1000) {
        return false;
    }
    b->tokens_milli -= 1000;
    return true;
}
