/* pont-vguest: a DPDK virtio_user "guest" for system tests and benchmarks.
 *
 * Each port is a virtio-net device driven from userspace (DPDK's
 * net_virtio_user PMD) that speaks vhost-user to the switch under test, so a
 * test gets a "virtual machine" that sends crafted frames and captures what
 * comes back, without QEMU.  Two modes:
 *
 *   - send/capture (one port): send the frames of a pcap file, write every
 *     received frame to another pcap file, print a JSON summary;
 *   - loop (two ports): inject a fixed number of UDP frames on both ports,
 *     then forward A to B and B to A without looking at the frames, and
 *     report the receive rate in Mpps.
 *
 * Files: pont_vguest.c (options, EAL, ports, main), pont_vguest_traffic.c
 * (the two modes), pont_vguest_pcap.c (pcap writer).
 *
 * Threading: everything runs on the EAL main lcore; the signal handlers
 * only set 'vguest_stop'. */
#ifndef PONT_VGUEST_H
#define PONT_VGUEST_H 1

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

struct rte_mempool;

#define VGUEST_MAX_PORTS 2
#define VGUEST_MAX_QUEUES 8
#define VGUEST_BURST 32 /* Frames per rx or tx call. */
#define VGUEST_MAX_LOOP_BURST 256

/* Options after the EAL's '--'.  Durations are in seconds; a negative
 * 'duration_s' means "not given". */
struct vguest_opts {
    const char *socks[VGUEST_MAX_PORTS];
    int n_socks;
    struct rte_ether_addr macs[VGUEST_MAX_PORTS];
    bool server;
    uint16_t queues;
    double wait_link_s;
    bool progress;

    /* Send/capture mode. */
    const char *send_path;
    uint64_t repeat; /* 0: until stopped. */
    uint64_t pps;    /* 0: as fast as possible. */
    const char *capture_path;
    double duration_s;
    double linger_s;
    double delay_s;  /* Before the first frame is sent. */

    /* Loop mode. */
    bool loop;
    unsigned int burst;
    unsigned int bursts;
    unsigned int size; /* Frame bytes, without FCS. */
    unsigned int flows;
    double warmup_s;
};

/* A started port whose link is up. */
struct vguest_port {
    uint16_t port_id;
    uint16_t n_queues;
    struct rte_ether_addr mac;
};

/* Set by SIGINT and SIGTERM: every loop stops and the tool exits cleanly. */
extern volatile sig_atomic_t vguest_stop;

/* Polls the link of each port once, which also lets the virtio_user driver
 * notice a switch that disconnected or reconnected. */
void vguest_poll_links(const struct vguest_port *, int n_ports);

/* Send/capture mode (pont_vguest_traffic.c), in two steps so that a bad
 * --send file or --capture path fails before the tool waits for the switch.
 *
 * vguest_send_create() reads the --send file and creates the --capture file;
 * it returns NULL after saying on stderr what is wrong.  vguest_send_run()
 * runs the mode on a port whose link is up ('link_up_s' seconds after the
 * start, for the summary), prints the JSON summary on stdout and returns 0,
 * or -1 if the capture could not be written completely.
 * vguest_send_destroy() frees (NULL is a no-op). */
struct vguest_send *vguest_send_create(const struct vguest_opts *);
int vguest_send_run(struct vguest_send *, const struct vguest_port *,
                    struct rte_mempool *, double link_up_s);
void vguest_send_destroy(struct vguest_send *);

/* Loop mode (pont_vguest_traffic.c): prints per-second rates and the JSON
 * summary on stdout and returns 0. */
int vguest_run_loop(const struct vguest_opts *,
                    const struct vguest_port ports[2], struct rte_mempool *);

/* Classic pcap writer (pont_vguest_pcap.c): microsecond timestamps,
 * Ethernet link type, host byte order (readers handle both).
 *
 * vguest_pcap_create() returns NULL with '*error' set to a negative errno on
 * failure.  vguest_pcap_close() flushes, closes and frees (NULL is a no-op)
 * and returns 0 or the first write error as a negative errno: writes are
 * buffered, so only close reports whether the file is complete. */
struct vguest_pcap *vguest_pcap_create(const char *path, int *error);
void vguest_pcap_write(struct vguest_pcap *, const void *frame, uint32_t len,
                       uint64_t ts_ns);
int vguest_pcap_close(struct vguest_pcap *);

#endif /* tests/tools/pont_vguest.h */
