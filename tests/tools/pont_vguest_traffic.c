/* pont-vguest: the two traffic modes, send/capture and loop.
 *
 * Both run a polling loop on the main lcore and keep time with the TSC.
 * Once a second they poll the links (so that the virtio_user driver notices
 * a switch that went away or came back) and, if asked, print a progress
 * line.  They end on --duration, on SIGINT/SIGTERM ('vguest_stop'), or in
 * send mode when every frame is sent and --linger has passed, and always
 * print their JSON summary on stdout. */
#include "pont_vguest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_udp.h>

#include "lib/pcap_file.h"

/* How long a full tx ring may hold back a burst before its frames count as
 * failed: long enough to ride out a busy switch, short enough that a
 * stopped one does not freeze the tool. */
#define TX_RETRY_S 0.01

/* ---- Send/capture mode. ---- */

struct frame {
    uint8_t *data;
    uint32_t len;
};

struct vguest_send {
    const struct vguest_opts *opts;
    const struct vguest_port *port;
    struct rte_mempool *pool;
    struct frame *frames;
    size_t n_frames;
    size_t next;     /* Index of the next frame to send. */
    uint64_t rounds; /* Complete passes over the frames. */
    struct vguest_pcap *capture;
    uint8_t copy[RTE_MBUF_DEFAULT_DATAROOM]; /* Linearized frame. */
    uint64_t sent, received, tx_failed;
    uint16_t next_queue; /* Bursts go to the queues in turn. */
};

static int
add_frame(struct vguest_send *st, const struct pcap_record *rec)
{
    size_t n = st->n_frames;
    struct frame *frames = realloc(st->frames, (n + 1) * sizeof *frames);

    if (!frames) {
        return -1;
    }
    st->frames = frames;
    frames[n].data = malloc(rec->caplen ? rec->caplen : 1);
    if (!frames[n].data) {
        return -1;
    }
    memcpy(frames[n].data, rec->data, rec->caplen);
    frames[n].len = rec->caplen;
    st->n_frames++;
    return 0;
}

/* Reads every frame of 'path' into memory.  Returns 0, or -1 after saying
 * what is wrong with the file. */
static int
load_frames(struct vguest_send *st, const char *path)
{
    struct pcap_reader *r;
    struct pcap_record rec;
    int error;

    r = pcap_reader_open(path, &error);
    if (!r) {
        fprintf(stderr, "pont-vguest: --send %s: %s\n", path,
                pcap_strerror(error));
        return -1;
    }
    while ((error = pcap_reader_next(r, &rec)) == 1) {
        const char *bad = rec.caplen < rec.len ? "was truncated when captured"
                          : rec.caplen > RTE_MBUF_DEFAULT_DATAROOM
                              ? "is larger than a packet buffer (2048 bytes)"
                          : !rec.caplen ? "is empty"
                                        : NULL;
        if (bad) {
            fprintf(stderr, "pont-vguest: --send %s: frame %zu %s\n", path,
                    st->n_frames + 1, bad);
            break;
        }
        if (add_frame(st, &rec)) {
            fprintf(stderr, "pont-vguest: out of memory reading %s\n", path);
            break;
        }
    }
    pcap_reader_close(r);
    if (error < 0) {
        fprintf(stderr, "pont-vguest: --send %s: %s\n", path,
                pcap_strerror(error));
    }
    return error ? -1 : 0;
}

static uint64_t
wall_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void
capture_frame(struct vguest_send *st, const struct rte_mbuf *m, uint64_t ts)
{
    uint32_t len = rte_pktmbuf_pkt_len(m);
    const void *data;

    if (len > sizeof st->copy) {
        len = sizeof st->copy; /* Larger than any frame we configure. */
    }
    data = rte_pktmbuf_read(m, 0, len, st->copy);
    vguest_pcap_write(st->capture, data, len, ts);
}

static void
receive_all(struct vguest_send *st)
{
    const struct vguest_port *port = st->port;
    struct rte_mbuf *pkts[VGUEST_BURST];

    for (uint16_t q = 0; q < port->n_queues; q++) {
        uint16_t n = rte_eth_rx_burst(port->port_id, q, pkts, VGUEST_BURST);

        if (n && st->capture) {
            uint64_t ts = wall_ns();

            for (uint16_t i = 0; i < n; i++) {
                capture_frame(st, pkts[i], ts);
            }
        }
        st->received += n;
        rte_pktmbuf_free_bulk(pkts, n);
    }
}

static bool
all_sent(const struct vguest_send *st)
{
    return !st->n_frames
           || (st->opts->repeat && st->rounds >= st->opts->repeat);
}

/* Transmits 'n' frames on the next queue in turn, retrying while the ring
 * is full (and receiving meanwhile) for up to TX_RETRY_S.  Frames it could
 * not send are freed and counted in 'tx_failed'. */
static void
transmit(struct vguest_send *st, struct rte_mbuf **pkts, uint16_t n)
{
    uint64_t give_up = rte_rdtsc() + (uint64_t) (TX_RETRY_S * rte_get_tsc_hz());
    uint16_t q = st->next_queue++ % st->port->n_queues;
    uint16_t done = 0;

    for (;;) {
        done += rte_eth_tx_burst(st->port->port_id, q, pkts + done, n - done);
        if (done == n || vguest_stop || rte_rdtsc() >= give_up) {
            break;
        }
        receive_all(st);
    }
    st->sent += done;
    st->tx_failed += n - done;
    rte_pktmbuf_free_bulk(pkts + done, n - done);
}

/* Sends up to 'budget' of the next frames, in file order. */
static void
send_frames(struct vguest_send *st, uint64_t budget)
{
    struct rte_mbuf *pkts[VGUEST_BURST];
    uint16_t n = 0;

    if (budget > VGUEST_BURST) {
        budget = VGUEST_BURST;
    }
    while (n < budget && !all_sent(st)) {
        const struct frame *f = &st->frames[st->next];
        struct rte_mbuf *m = rte_pktmbuf_alloc(st->pool);

        if (!m) {
            break; /* Buffers come back as the tx ring drains. */
        }
        memcpy(rte_pktmbuf_append(m, f->len), f->data, f->len);
        pkts[n++] = m;
        if (++st->next == st->n_frames) {
            st->next = 0;
            st->rounds++;
        }
    }
    if (n) {
        transmit(st, pkts, n);
    }
}

/* How many frames --pps allows now, 'elapsed' TSC cycles after the start. */
static uint64_t
send_budget(const struct vguest_send *st, uint64_t elapsed)
{
    uint64_t allowed;

    if (!st->opts->pps) {
        return VGUEST_BURST;
    }
    allowed =
        (uint64_t) ((double) elapsed / rte_get_tsc_hz() * st->opts->pps) + 1;
    return allowed > st->sent + st->tx_failed
               ? allowed - st->sent - st->tx_failed
               : 0;
}

static void
send_loop(struct vguest_send *st)
{
    const struct vguest_opts *o = st->opts;
    uint64_t hz = rte_get_tsc_hz();
    uint64_t start = rte_rdtsc(), next_second = start + hz;
    uint64_t end = o->duration_s >= 0 ? start + (uint64_t) (o->duration_s * hz)
                                      : UINT64_MAX;
    uint64_t linger_end = UINT64_MAX;
    uint64_t send_start = start + (uint64_t) (o->delay_s * hz);
    unsigned int seconds = 0;

    while (!vguest_stop) {
        uint64_t now = rte_rdtsc();

        if (now >= end || now >= linger_end) {
            break;
        }
        receive_all(st);
        if (now < send_start) {
            /* Still waiting to send (--delay). */
        } else if (!all_sent(st)) {
            send_frames(st, send_budget(st, now - send_start));
        } else if (o->send_path && o->duration_s < 0
                   && linger_end == UINT64_MAX) {
            linger_end = now + (uint64_t) (o->linger_s * hz);
        }
        if (now >= next_second) {
            next_second += hz;
            vguest_poll_links(st->port, 1);
            if (o->progress) {
                printf("t=%u sent=%" PRIu64 " received=%" PRIu64 "\n",
                       ++seconds, st->sent, st->received);
                fflush(stdout);
            }
        }
    }
}

struct vguest_send *
vguest_send_create(const struct vguest_opts *o)
{
    struct vguest_send *st = calloc(1, sizeof *st);
    int error;

    if (!st) {
        fprintf(stderr, "pont-vguest: out of memory\n");
        return NULL;
    }
    st->opts = o;
    if (o->send_path && load_frames(st, o->send_path)) {
        vguest_send_destroy(st);
        return NULL;
    }
    if (o->capture_path) {
        st->capture = vguest_pcap_create(o->capture_path, &error);
        if (!st->capture) {
            fprintf(stderr, "pont-vguest: --capture %s: %s\n", o->capture_path,
                    strerror(-error));
            vguest_send_destroy(st);
            return NULL;
        }
    }
    return st;
}

int
vguest_send_run(struct vguest_send *st, const struct vguest_port *port,
                struct rte_mempool *pool, double link_up_s)
{
    int error;

    st->port = port;
    st->pool = pool;
    send_loop(st);
    error = vguest_pcap_close(st->capture);
    st->capture = NULL;
    if (error) {
        fprintf(stderr, "pont-vguest: --capture %s: %s\n",
                st->opts->capture_path, strerror(-error));
    }
    printf("{\"sent\":%" PRIu64 ",\"received\":%" PRIu64
           ",\"tx_failed\":%" PRIu64 ",\"link_up_s\":%.3f}\n",
           st->sent, st->received, st->tx_failed, link_up_s);
    fflush(stdout);
    return error ? -1 : 0;
}

void
vguest_send_destroy(struct vguest_send *st)
{
    if (st) {
        vguest_pcap_close(st->capture);
        for (size_t i = 0; i < st->n_frames; i++) {
            free(st->frames[i].data);
        }
        free(st->frames);
        free(st);
    }
}

/* ---- Loop mode. ---- */

struct loop_counters {
    uint64_t rx, tx;
};

/* Writes a UDP/IPv4 frame of 'size' bytes from port 'idx' (0 or 1) to its
 * peer, of flow number 'flow': the flow sets the UDP source port and the
 * low 16 bits of the IPv4 source address. */
static void
fill_frame(uint8_t *p, unsigned int size, const struct vguest_port ports[2],
           int idx, unsigned int flow)
{
    struct rte_ether_hdr *eth = (struct rte_ether_hdr *) p;
    struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *) (eth + 1);
    struct rte_udp_hdr *udp = (struct rte_udp_hdr *) (ip + 1);
    uint32_t src_ip = RTE_IPV4(10, idx + 1, (flow >> 8) & 0xff, flow & 0xff);

    memset(p, 0, size);
    eth->src_addr = ports[idx].mac;
    eth->dst_addr = ports[!idx].mac;
    eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
    ip->version_ihl = RTE_IPV4_VHL_DEF;
    ip->total_length = rte_cpu_to_be_16(size - sizeof *eth);
    ip->time_to_live = 64;
    ip->next_proto_id = IPPROTO_UDP;
    ip->src_addr = rte_cpu_to_be_32(src_ip);
    ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 2 - idx, 0, 1));
    ip->hdr_checksum = rte_ipv4_cksum(ip);
    udp->src_port = rte_cpu_to_be_16(1024 + flow);
    udp->dst_port = rte_cpu_to_be_16(9); /* Discard. */
    udp->dgram_len = rte_cpu_to_be_16(size - sizeof *eth - sizeof *ip);
}

/* Sends one burst of fresh frames from port 'idx'; '*flow' cycles over
 * --flows. */
static void
inject_burst(const struct vguest_opts *o, const struct vguest_port ports[2],
             int idx, struct rte_mempool *pool, unsigned int *flow,
             struct loop_counters *c)
{
    struct rte_mbuf *pkts[VGUEST_MAX_LOOP_BURST];
    uint16_t n = (uint16_t) o->burst, sent;

    if (rte_pktmbuf_alloc_bulk(pool, pkts, n)) {
        return;
    }
    for (uint16_t i = 0; i < n; i++) {
        fill_frame((uint8_t *) rte_pktmbuf_append(pkts[i], o->size), o->size,
                   ports, idx, *flow);
        *flow = (*flow + 1) % o->flows;
    }
    sent = rte_eth_tx_burst(ports[idx].port_id, 0, pkts, n);
    c->tx += sent;
    rte_pktmbuf_free_bulk(pkts + sent, n - sent);
}

/* Forwards what 'from' received out of 'to', queue by queue, untouched. */
static void
forward(const struct vguest_port *from, const struct vguest_port *to,
        struct loop_counters *c)
{
    struct rte_mbuf *pkts[VGUEST_BURST];

    for (uint16_t q = 0; q < from->n_queues; q++) {
        uint16_t n = rte_eth_rx_burst(from->port_id, q, pkts, VGUEST_BURST);
        uint16_t sent;

        if (!n) {
            continue;
        }
        sent = rte_eth_tx_burst(to->port_id, q, pkts, n);
        c->rx += n;
        c->tx += sent;
        rte_pktmbuf_free_bulk(pkts + sent, n - sent);
    }
}

static void
print_loop_summary(const struct loop_counters *c,
                   const struct loop_counters *warm, double secs)
{
    uint64_t rx = c->rx - warm->rx, tx = c->tx - warm->tx;

    printf("{\"mpps\": %.4f, \"rx\": %" PRIu64 ", \"tx\": %" PRIu64
           ", \"seconds\": %.3f}\n",
           secs > 0 ? rx / secs / 1e6 : 0.0, rx, tx, secs);
    fflush(stdout);
}

int
vguest_run_loop(const struct vguest_opts *o, const struct vguest_port ports[2],
                struct rte_mempool *pool)
{
    uint64_t hz = rte_get_tsc_hz(), start = rte_rdtsc();
    uint64_t end = start + (uint64_t) (o->duration_s * hz);
    uint64_t warm_end = start + (uint64_t) (o->warmup_s * hz);
    uint64_t next_second = start + hz, last = start, now = start;
    struct loop_counters c = {0}, warm = {0}, last_c = {0};
    uint64_t warm_tsc = start; /* Until the warmup ends: the whole run. */
    uint64_t inject_at = start + (uint64_t) (o->delay_s * hz);
    unsigned int flows[2] = {0, 0}, injected = 0, seconds = 0;
    bool warmed = false;

    while (!vguest_stop && (now = rte_rdtsc()) < end) {
        if (injected < o->bursts && now >= inject_at) {
            inject_burst(o, ports, 0, pool, &flows[0], &c);
            inject_burst(o, ports, 1, pool, &flows[1], &c);
            injected++;
        }
        forward(&ports[0], &ports[1], &c);
        forward(&ports[1], &ports[0], &c);
        if (!warmed && now >= warm_end) {
            warmed = true;
            warm_tsc = now;
            warm = c;
        }
        if (now >= next_second) {
            double secs = (double) (now - last) / hz;

            printf("t=%u mpps=%.3f\n", ++seconds,
                   (c.rx - last_c.rx) / secs / 1e6);
            fflush(stdout);
            next_second += hz;
            last = now;
            last_c = c;
            vguest_poll_links(ports, 2);
        }
    }
    print_loop_summary(&c, &warm, (double) (now - warm_tsc) / hz);
    return 0;
}
