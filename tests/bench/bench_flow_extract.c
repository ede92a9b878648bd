/* Parser throughput on a capture: Pont's parser, in bursts of 32 and one
 * packet at a time, against the simple reference parser.
 *
 * Usage: bench_flow_extract CAPTURE.pcap [SECONDS_PER_PARSER]
 * Prints one line per parser with Mpps and ns per packet.  Packets are held
 * in memory; each parser loops over all of them until the time is up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/flow.h"
#include "lib/flow_extract.h"
#include "lib/pcap_file.h"
#include "lib/util.h"
#include "tests/ref/flow_extract_ref.h"

#define BURST 32

struct capture {
    const void **data;
    uint32_t *sizes;
    size_t n;
};

static double
now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
load(const char *path, struct capture *cap)
{
    struct pcap_record rec;
    struct pcap_reader *r;
    size_t alloc = 0;
    int error;

    r = pcap_reader_open(path, &error);
    if (!r) {
        fprintf(stderr, "%s: %s\n", path, pcap_strerror(error));
        exit(1);
    }
    memset(cap, 0, sizeof *cap);
    while ((error = pcap_reader_next(r, &rec)) > 0) {
        if (cap->n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            cap->data = xrealloc(cap->data, alloc * sizeof *cap->data);
            cap->sizes = xrealloc(cap->sizes, alloc * sizeof *cap->sizes);
        }
        cap->data[cap->n] = memcpy(xmalloc(rec.caplen), rec.data, rec.caplen);
        cap->sizes[cap->n++] = rec.caplen;
    }
    pcap_reader_close(r);
    if (error < 0 || !cap->n) {
        fprintf(stderr, "%s: no packets read\n", path);
        exit(1);
    }
}

enum parser { PONT_BURST, PONT_SINGLE, REFERENCE };

/* Every key feeds this, so the compiler cannot drop the parsing. */
static volatile uint64_t sink;

/* Parses the whole capture once; returns a value that depends on every
 * key. */
static uint64_t
parse_all(const struct capture *cap, enum parser which)
{
    struct flow_key keys[BURST];
    uint64_t sum = 0;

    for (size_t i = 0; i < cap->n; i += BURST) {
        size_t n = cap->n - i < BURST ? cap->n - i : BURST;

        if (which == PONT_BURST) {
            flow_extract_burst(cap->data + i, cap->sizes + i, n, 1, keys, NULL);
        }
        for (size_t j = 0; j < n; j++) {
            if (which == PONT_SINGLE) {
                flow_extract(cap->data[i + j], cap->sizes[i + j], 1, &keys[j],
                             NULL);
            } else if (which == REFERENCE) {
                flow_extract_ref(cap->data[i + j], cap->sizes[i + j], 1,
                                 &keys[j]);
            }
            sum += keys[j].tp_src ^ keys[j].nw_src ^ keys[j].dl_type;
        }
    }
    return sum;
}

static double
measure(const struct capture *cap, enum parser which, double seconds)
{
    double start = now_sec(), elapsed;
    uint64_t packets = 0;

    parse_all(cap, which); /* Warm caches. */
    do {
        sink += parse_all(cap, which);
        packets += cap->n;
        elapsed = now_sec() - start;
    } while (elapsed < seconds);
    return packets / elapsed / 1e6;
}

int
main(int argc, char *argv[])
{
    static const char *const names[] = {"pont flow_extract_burst",
                                        "pont flow_extract",
                                        "naive reference parser"};
    double seconds = argc > 2 ? atof(argv[2]) : 2.0;
    struct capture cap;
    double mpps[3];

    if (argc < 2) {
        fprintf(stderr, "usage: %s CAPTURE.pcap [SECONDS]\n", argv[0]);
        return 2;
    }
    load(argv[1], &cap);
    printf("parser throughput on %zu packets of %s, %.1f s each:\n", cap.n,
           argv[1], seconds);
    for (int i = 0; i < 3; i++) {
        mpps[i] = measure(&cap, i, seconds);
    }
    for (int i = 0; i < 3; i++) {
        printf("  %-24s %7.2f Mpps %7.1f ns/packet  %5.2fx the reference\n",
               names[i], mpps[i], 1e3 / mpps[i], mpps[i] / mpps[REFERENCE]);
    }
    return 0;
}
