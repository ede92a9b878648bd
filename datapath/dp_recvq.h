/* The userspace queue of a datapath: packets that USERSPACE actions send to
 * ofproto (packet-ins), waiting for dpif_recv().
 *
 * A bounded ring of struct dpif_upcall with an eventfd that is readable
 * while the ring is not empty, so that ofproto's event loop can wait for
 * it.  Every datapath provider keeps one and forwards its dpif_recv() and
 * dpif_recv_fd() here.
 *
 * Thread-safety: dp_recvq_push() may be called from any thread (the fast
 * path's threads, concurrently); it takes a mutex held only for a few
 * stores.  dp_recvq_pop() likewise.  Init and destroy belong to the
 * datapath's open and close. */
#ifndef PONT_DP_RECVQ_H
#define PONT_DP_RECVQ_H 1

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "datapath/dpif.h"

struct dp_packet;

struct dp_recvq {
    pthread_mutex_t mutex;
    struct dpif_upcall *slots; /* 'capacity' of them. */
    size_t capacity, head, count;
    int fd;                    /* eventfd: readable while 'count' > 0. */
};

/* Sets up 'q' with room for 'capacity' upcalls.  Returns 0, or a negative
 * errno value (no eventfd) with '*errorp' a sentence naming 'dp_name'. */
int dp_recvq_init(struct dp_recvq *q, size_t capacity, const char *dp_name,
                  char **errorp);

/* Frees the queued packets and everything 'q' holds. */
void dp_recvq_destroy(struct dp_recvq *q);

/* Queues a copy of 'p' with its cookie.  Returns 0, or -ENOBUFS if the
 * queue is full or the cookie too long (the caller counts the loss). */
int dp_recvq_push(struct dp_recvq *q, const uint8_t *cookie,
                  size_t cookie_len, const struct dp_packet *p);

/* Takes the oldest upcall into '*up' (the caller owns its packet): 0, or
 * -EAGAIN if the queue is empty. */
int dp_recvq_pop(struct dp_recvq *q, struct dpif_upcall *up);

#endif /* datapath/dp_recvq.h */
