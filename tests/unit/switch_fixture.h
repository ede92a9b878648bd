/* A switch for unit tests: an ofproto on a dummy datapath in one process,
 * with helpers to add ports, apply flow_mods in ovs-ofctl syntax, inject
 * frames and take what ports sent.  Shared by the tests of the pipeline
 * (test_ofproto.c) and of tunnels (test_tunnel.c). */
#ifndef PONT_TESTS_SWITCH_FIXTURE_H
#define PONT_TESTS_SWITCH_FIXTURE_H 1

#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_msg.h"

struct event_base;
struct dpif;
struct ofproto;

struct switch_fixture {
    struct event_base *base;
    struct dpif *dpif;
    struct ofproto *ofproto;
};

/* Creates bridge "br0" on a new dummy datapath; destroy frees it all. */
struct switch_fixture *switch_fixture_create(void);
void switch_fixture_destroy(struct switch_fixture *);

/* Adds datapath port 'name' of 'type' as OpenFlow port 'ofp_port'. */
void switch_fixture_add_port(struct switch_fixture *, const char *name,
                             const char *type, uint32_t ofp_port);

/* Applies one flow_mod in ovs-ofctl syntax and revalidates; returns 0 or
 * -OFPERR_*. */
int switch_fixture_flow_mod(struct switch_fixture *, enum ofp_flow_mod_command,
                            const char *text);

/* Injects the 'len' bytes at 'frame' into OpenFlow port 'ofp_port', then
 * lets the switch handle what went to userspace and revalidate. */
void switch_fixture_inject(struct switch_fixture *, uint32_t ofp_port,
                           const void *frame, size_t len);

/* Takes the frames OpenFlow port 'ofp_port' sent and returns how many; the
 * last one is copied to 'last' (if nonnull, up to 'max' bytes) and its
 * length stored in '*last_len'. */
int switch_fixture_drain(struct switch_fixture *, uint32_t ofp_port,
                         uint8_t *last, size_t max, size_t *last_len);

#endif /* tests/unit/switch_fixture.h */
