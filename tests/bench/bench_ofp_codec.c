/* OpenFlow codec throughput: encoding and decoding flow_mods.
 *
 * Usage: bench_ofp_codec [N_FLOWS] [SECONDS]
 * Builds N_FLOWS distinct flow_mods from text (several match shapes and
 * action lists, as a controller would send them), then for SECONDS each
 * encodes them all, again and again, and decodes them all.  Prints
 * messages per second and bytes per second for each. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_text.h"

static double
now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A controller's typical flows: L2 forwarding, tenant isolation with
 * VLANs, L3 with masks, ACLs on ports, VXLAN tunnel output. */
static void
flow_text(int i, char *text, size_t size)
{
    switch (i % 5) {
    case 0:
        snprintf(text, size, "table=1,priority=100,dl_dst=52:54:00:%02x:%02x:"
                 "%02x,actions=output:%d", i >> 16 & 0xff, i >> 8 & 0xff,
                 i & 0xff, i % 48 + 1);
        break;
    case 1:
        snprintf(text, size, "priority=200,in_port=%d,dl_vlan=%d,actions="
                 "pop_vlan,write_metadata:%d/0xfff,goto_table:1",
                 i % 48 + 1, i % 4094 + 1, i % 4094 + 1);
        break;
    case 2:
        snprintf(text, size, "table=2,priority=%d,ip,nw_dst=10.%d.%d.0/24,"
                 "actions=set_field:00:00:5e:00:01:%02x->eth_dst,dec_ttl,"
                 "output:%d", 100 + i % 24, i >> 8 & 0xff, i & 0xff,
                 i & 0xff, i % 48 + 1);
        break;
    case 3:
        snprintf(text, size, "table=3,priority=300,tcp,nw_src=192.168.%d.%d,"
                 "tp_dst=%d,actions=drop", i >> 8 & 0xff, i & 0xff,
                 1 + i % 65000);
        break;
    default:
        snprintf(text, size, "table=4,priority=50,metadata=%d,dl_dst=52:54:"
                 "00:00:%02x:%02x,actions=set_field:%d->tun_id,set_field:"
                 "10.1.%d.%d->tun_dst,output:100", i % 5000, i >> 8 & 0xff,
                 i & 0xff, 5000 + i % 1000, i >> 8 & 0xff, i & 0xff);
        break;
    }
}

int
main(int argc, char *argv[])
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    double seconds = argc > 2 ? atof(argv[2]) : 2.0;
    struct ofp_msg *msgs = xzalloc(n * sizeof *msgs);
    struct buf encoded = BUF_INIT;
    double start, elapsed;
    long long count, bytes;

    for (int i = 0; i < n; i++) {
        char text[256], *error;

        flow_text(i, text, sizeof text);
        ofp_msg_init(&msgs[i], OFPK_FLOW_MOD, i);
        if (ofp_text_parse_flow_mod(text, OFPFC_ADD, NULL, &msgs[i].flow_mod,
                                    &error)) {
            fprintf(stderr, "%s: %s\n", text, error);
            return 1;
        }
    }

    count = bytes = 0;
    start = now_sec();
    do {
        buf_clear(&encoded);
        for (int i = 0; i < n; i++) {
            ofp_msg_encode(&msgs[i], &encoded);
        }
        count += n;
        bytes += encoded.size;
        elapsed = now_sec() - start;
    } while (elapsed < seconds);
    printf("flow_mod encode: %9.0f messages/s  %7.1f MB/s  (%d distinct "
           "flows, %.0f bytes each on average)\n", count / elapsed,
           bytes / elapsed / 1e6, n, (double) encoded.size / n);

    count = 0;
    start = now_sec();
    do {
        size_t ofs = 0;
        while (ofs < encoded.size) {
            struct ofp_msg msg;
            size_t len = buf_get_be16(encoded.data + ofs + 2);

            if (ofp_msg_decode(encoded.data + ofs, len, &msg)) {
                fprintf(stderr, "decode failed\n");
                return 1;
            }
            ofp_msg_uninit(&msg);
            ofs += len;
            count++;
        }
        elapsed = now_sec() - start;
    } while (elapsed < seconds);
    printf("flow_mod decode: %9.0f messages/s  %7.1f MB/s  (full "
           "validation: match prerequisites, instructions, actions)\n",
           count / elapsed, count * ((double) encoded.size / n) / elapsed
                                / 1e6);

    for (int i = 0; i < n; i++) {
        ofp_msg_uninit(&msgs[i]);
    }
    free(msgs);
    buf_free(&encoded);
    return 0;
}
