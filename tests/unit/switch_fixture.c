/* A switch for unit tests.  See switch_fixture.h. */
#include "tests/unit/switch_fixture.h"

#include <event2/event.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "datapath/dpif_dummy.h"
#include "lib/rcu.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofproto.h"
#include "ofproto/ofproto_private.h"

struct switch_fixture *
switch_fixture_create(void)
{
    struct switch_fixture *f = calloc(1, sizeof *f);
    char *error = NULL;

    rcu_register_thread();
    dpif_dummy_register();
    f->base = event_base_new();
    assert_int_equal(dpif_open("dummy", "br0", &f->dpif, &error), 0);
    assert_int_equal(
        ofproto_create("br0", f->dpif, f->base, &f->ofproto, &error), 0);
    return f;
}

void
switch_fixture_destroy(struct switch_fixture *f)
{
    ofproto_destroy(f->ofproto);
    dpif_close(f->dpif);
    event_base_free(f->base);
    free(f);
    rcu_quiesce();
}

void
switch_fixture_add_port(struct switch_fixture *f, const char *name,
                        const char *type, uint32_t ofp_port)
{
    struct dpif_port_config cfg = {
        .name = name,
        .type = type,
        .port_no = DPIF_PORT_ANY,
    };
    uint32_t dp_port, got;
    char *error = NULL;

    assert_int_equal(dpif_port_add(f->dpif, &cfg, &dp_port, &error), 0);
    assert_int_equal(
        ofproto_port_add(f->ofproto, dp_port, ofp_port, &got, &error), 0);
    assert_int_equal(got, ofp_port);
}

int
switch_fixture_flow_mod(struct switch_fixture *f,
                        enum ofp_flow_mod_command command, const char *text)
{
    struct ofp_flow_mod fm;
    struct ofproto_txn *txn;
    char *error = NULL;
    int retval;

    assert_int_equal(ofp_text_parse_flow_mod(text, command, NULL, &fm, &error),
                     0);
    txn = ofproto_txn_begin(f->ofproto);
    retval = ofproto_txn_flow_mod(txn, &fm);
    if (retval) {
        ofproto_txn_abort(txn);
    } else {
        ofproto_txn_commit(txn);
    }
    ofp_instructions_free(&fm.instructions);
    ofproto_flush_revalidation(f->ofproto);
    return retval;
}

void
switch_fixture_inject(struct switch_fixture *f, uint32_t ofp_port,
                      const void *frame, size_t len)
{
    struct ofport *port = ofproto_port_by_ofp(f->ofproto, ofp_port);

    assert_non_null(port);
    assert_int_equal(dpif_dummy_receive(f->dpif, port->dp_port, frame, len), 0);
    event_base_loop(f->base, EVLOOP_NONBLOCK);
    ofproto_flush_revalidation(f->ofproto);
}

int
switch_fixture_drain(struct switch_fixture *f, uint32_t ofp_port, uint8_t *last,
                     size_t max, size_t *last_len)
{
    struct ofport *port = ofproto_port_by_ofp(f->ofproto, ofp_port);
    struct dp_packet *p;
    int n = 0;

    while (!dpif_dummy_take_output(f->dpif, port->dp_port, &p)) {
        if (last) {
            *last_len = dp_packet_size(p) < max ? dp_packet_size(p) : max;
            memcpy(last, dp_packet_data(p), *last_len);
        }
        dp_packet_delete(p);
        n++;
    }
    return n;
}
