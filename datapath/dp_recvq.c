/* The userspace queue of a datapath.  See dp_recvq.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "datapath/dp_packet.h"
#include "datapath/dp_recvq.h"
#include "lib/util.h"

int
dp_recvq_init(struct dp_recvq *q, size_t capacity, const char *dp_name,
              char **errorp)
{
    memset(q, 0, sizeof *q);
    q->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (q->fd < 0) {
        int error = -errno;

        dpif_set_error(errorp,
                       "Could not create an eventfd for datapath \"%s\" "
                       "(%s); raise the process's file limit.",
                       dp_name, strerror(-error));
        return error;
    }
    pthread_mutex_init(&q->mutex, NULL);
    q->slots = xzalloc(capacity * sizeof *q->slots);
    q->capacity = capacity;
    return 0;
}

void
dp_recvq_destroy(struct dp_recvq *q)
{
    for (size_t i = 0; i < q->count; i++) {
        dp_packet_delete(q->slots[(q->head + i) % q->capacity].packet);
    }
    free(q->slots);
    close(q->fd);
    pthread_mutex_destroy(&q->mutex);
    memset(q, 0, sizeof *q);
}

int
dp_recvq_push(struct dp_recvq *q, const uint8_t *cookie, size_t cookie_len,
              const struct dp_packet *p)
{
    struct dpif_upcall *up;

    if (cookie_len > DPIF_UPCALL_COOKIE_MAX) {
        return -ENOBUFS;
    }
    pthread_mutex_lock(&q->mutex);
    if (q->count >= q->capacity) {
        pthread_mutex_unlock(&q->mutex);
        return -ENOBUFS;
    }
    up = &q->slots[(q->head + q->count++) % q->capacity];
    up->packet = dp_packet_clone(p);
    up->in_port = p->in_port;
    memcpy(up->cookie, cookie, cookie_len);
    up->cookie_len = cookie_len;
    if (q->count == 1) {
        uint64_t one = 1;

        /* Cannot fail: the counter is 0 or 1, far from overflowing. */
        (void) !write(q->fd, &one, sizeof one);
    }
    pthread_mutex_unlock(&q->mutex);
    return 0;
}

int
dp_recvq_pop(struct dp_recvq *q, struct dpif_upcall *up)
{
    pthread_mutex_lock(&q->mutex);
    if (!q->count) {
        pthread_mutex_unlock(&q->mutex);
        return -EAGAIN;
    }
    *up = q->slots[q->head];
    q->head = (q->head + 1) % q->capacity;
    if (!--q->count) {
        uint64_t count;

        /* Resets the counter, so the fd is not readable while empty. */
        (void) !read(q->fd, &count, sizeof count);
    }
    pthread_mutex_unlock(&q->mutex);
    return 0;
}
