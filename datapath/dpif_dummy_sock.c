/* The dummy datapath's unix-socket ports, and the thread that serves them.
 * See dpif_dummy.h.
 *
 * The thread is an RCU reader.  Each round it reads the port table, polls
 * the listening and connected sockets of the socket ports offline (so that
 * it holds up no grace period while it sleeps), then goes online, finds the
 * ports again by number (a port may have gone meanwhile: its socket is
 * then closed only after the thread quiesces), accepts peers, reads frames
 * in batches and runs the fast path on them.  Ports and datapath tell it
 * about changes through an eventfd. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif_dummy.h"
#include "datapath/dpif_dummy_private.h"
#include "lib/rcu.h"
#include "lib/util.h"

/* How often a sock-connect port whose peer is gone tries again. */
#define RECONNECT_MS 1000
/* The largest frame a socket port reads; longer ones are rx errors. */
#define MAX_FRAME 65535

struct dummy_thread {
    pthread_t tid;
    int wake_fd;
    atomic_bool stop;
    struct dummy_emc *emc;
    struct pollfd *fds; /* fds[0] is 'wake_fd'. */
    uint32_t *port_nos; /* The port of each of fds[1...]. */
    size_t allocated;
    uint8_t frame[MAX_FRAME + 1];
};

static int
make_addr(const char *path, struct sockaddr_un *sun)
{
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sun->sun_path) {
        return -ENAMETOOLONG;
    }
    memcpy(sun->sun_path, path, strlen(path) + 1);
    return 0;
}

static int
new_socket(void)
{
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

    return fd < 0 ? -errno : fd;
}

/* Tries to connect a sock-connect port; on success the link goes up. */
static void
try_connect(struct dummy_port *port)
{
    struct sockaddr_un sun;
    int fd;

    port->next_connect_ms = time_msec() + RECONNECT_MS;
    if (make_addr(port->sock_path, &sun) || (fd = new_socket()) < 0) {
        return;
    }
    if (connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
        close(fd);
        return;
    }
    pthread_mutex_lock(&port->mutex);
    atomic_store(&port->conn_fd, fd);
    pthread_mutex_unlock(&port->mutex);
    atomic_fetch_add(&port->dp->port_seq, 1);
}

/* Removes a stale socket file at 'path'; anything else there is an
 * error. */
static int
clear_path(const char *path, const char *name, char **errorp)
{
    struct stat st;

    if (lstat(path, &st)) {
        return 0;
    }
    if (!S_ISSOCK(st.st_mode)) {
        dpif_set_error(errorp,
                       "Port \"%s\" cannot listen at %s: a file that is not a "
                       "socket is there; remove it or choose another path.",
                       name, path);
        return -EEXIST;
    }
    unlink(path);
    return 0;
}

static int
open_listener(struct dummy_port *port, const char *path, char **errorp)
{
    struct sockaddr_un sun;
    int fd, error;

    make_addr(path, &sun);
    error = clear_path(path, port->name, errorp);
    if (error) {
        return error;
    }
    fd = new_socket();
    if (fd < 0) {
        error = fd;
    } else if (bind(fd, (struct sockaddr *) &sun, sizeof sun)
               || listen(fd, 1)) {
        error = -errno;
        close(fd);
    }
    if (error) {
        dpif_set_error(errorp,
                       "Port \"%s\" cannot listen at %s (%s); check that its "
                       "directory exists and is writable.",
                       port->name, path, strerror(-error));
        return error;
    }
    port->listen_fd = fd;
    return 0;
}

int
dummy_sock_open(struct dummy_port *port, const char *path, bool listen,
                char **errorp)
{
    struct sockaddr_un sun;
    int error;

    if (make_addr(path, &sun)) {
        dpif_set_error(
            errorp,
            "The socket path of port \"%s\" is longer than %zu bytes; "
            "use a shorter one.",
            port->name, sizeof sun.sun_path - 1);
        return -ENAMETOOLONG;
    }
    if (listen) {
        error = open_listener(port, path, errorp);
        if (error) {
            return error;
        }
    }
    port->sock_path = xstrdup(path);
    if (!listen) {
        /* A peer that is not there yet is fine: the link is down until
         * the thread connects. */
        try_connect(port);
    }
    return 0;
}

void
dummy_sock_close(struct dummy_port *port)
{
    int conn_fd = atomic_load(&port->conn_fd);

    if (conn_fd >= 0) {
        close(conn_fd);
    }
    if (port->listen_fd >= 0) {
        close(port->listen_fd);
        unlink(port->sock_path);
    }
    free(port->sock_path);
}

int
dummy_sock_send(struct dummy_port *port, const struct dp_packet *p)
{
    int error = 0, fd;

    pthread_mutex_lock(&port->mutex);
    fd = atomic_load(&port->conn_fd);
    if (fd < 0) {
        error = -ENOTCONN;
    } else if (send(fd, dp_packet_data(p), dp_packet_size(p),
                    MSG_DONTWAIT | MSG_NOSIGNAL)
               < 0) {
        error = -errno;
    }
    pthread_mutex_unlock(&port->mutex);
    return error;
}

/* The thread. */

static void
set_conn(struct dummy_port *port, int fd)
{
    int old;

    pthread_mutex_lock(&port->mutex);
    old = atomic_exchange(&port->conn_fd, fd);
    pthread_mutex_unlock(&port->mutex);
    if (old >= 0) {
        close(old);
    }
    atomic_fetch_add(&port->dp->port_seq, 1);
}

static void
add_pollfd(struct dummy_thread *t, size_t *n, int fd, uint32_t port_no)
{
    if (*n >= t->allocated) {
        t->allocated = 2 * t->allocated + 8;
        t->fds = xrealloc(t->fds, t->allocated * sizeof *t->fds);
        t->port_nos = xrealloc(t->port_nos, t->allocated * sizeof(uint32_t));
    }
    t->fds[*n] = (struct pollfd){.fd = fd, .events = POLLIN | POLLRDHUP};
    t->port_nos[*n] = port_no;
    (*n)++;
}

/* Fills t->fds with the sockets to watch; returns how many there are. */
static size_t
collect_fds(struct dummy_thread *t, struct dpif_dummy *dp)
{
    const struct dummy_idtab *tab = rcu_get(dp->ports);
    long long now = time_msec();
    size_t n = 0;

    add_pollfd(t, &n, t->wake_fd, DPIF_PORT_ANY);
    for (size_t i = 0; tab && i < tab->n; i++) {
        struct dummy_port *port = tab->e[i].ptr;
        int conn;

        if (port->kind == DUMMY_PORT_CONNECT && atomic_load(&port->conn_fd) < 0
            && now >= port->next_connect_ms) {
            try_connect(port);
        }
        conn = atomic_load(&port->conn_fd);
        if (conn >= 0) {
            add_pollfd(t, &n, conn, port->port_no);
        } else if (port->listen_fd >= 0) {
            add_pollfd(t, &n, port->listen_fd, port->port_no);
        }
    }
    return n;
}

/* Reads the frames waiting on 'port' (at most a batch) and runs the fast
 * path on them.  'hangup' says whether poll saw the peer go. */
static void
serve(struct dummy_thread *t, struct dpif_dummy *dp, struct dummy_port *port,
      int fd, bool hangup)
{
    struct dp_packet_batch batch;

    dp_packet_batch_init(&batch);
    while (!dp_packet_batch_is_full(&batch)) {
        ssize_t n =
            recv(fd, t->frame, sizeof t->frame, MSG_DONTWAIT | MSG_TRUNC);
        struct dp_packet *p;

        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            break;
        } else if (n < 0 || (n == 0 && hangup)) {
            set_conn(port, -1);
            break;
        } else if (n < PKT_ETH_HEADER_LEN || n > MAX_FRAME) {
            atomic_fetch_add(&port->rx_errors, 1);
            continue;
        }
        if (dummy_port_count_rx(port, n)) {
            p = dp_packet_new_with_data(t->frame, n);
            p->in_port = port->port_no;
            dp_packet_batch_add(&batch, p);
        }
    }
    if (batch.count) {
        dummy_process(dp, t->emc, &batch);
    }
}

static void
handle_ready(struct dummy_thread *t, struct dpif_dummy *dp, size_t n)
{
    const struct dummy_idtab *tab = rcu_get(dp->ports);

    for (size_t i = 1; i < n; i++) {
        const struct pollfd *pfd = &t->fds[i];
        struct dummy_port *port;

        if (!pfd->revents) {
            continue;
        }
        port = dummy_idtab_find(tab, t->port_nos[i]);
        if (!port) {
            continue;
        }
        if (pfd->fd == port->listen_fd && atomic_load(&port->conn_fd) < 0) {
            int fd = accept4(pfd->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

            if (fd >= 0) {
                set_conn(port, fd);
            }
        } else if (pfd->fd == atomic_load(&port->conn_fd)) {
            serve(t, dp, port, pfd->fd,
                  pfd->revents & (POLLHUP | POLLRDHUP | POLLERR));
        }
    }
}

static void *
thread_main(void *dp_)
{
    struct dpif_dummy *dp = dp_;
    struct dummy_thread *t = dp->thread;

    rcu_register_thread();
    while (!atomic_load(&t->stop)) {
        size_t n = collect_fds(t, dp);
        int ready;

        rcu_thread_offline();
        ready = poll(t->fds, n, RECONNECT_MS);
        rcu_thread_online();
        if (ready > 0) {
            if (t->fds[0].revents) {
                uint64_t count;

                (void) !read(t->wake_fd, &count, sizeof count);
            }
            handle_ready(t, dp, n);
        }
        rcu_quiesce();
    }
    rcu_unregister_thread();
    return NULL;
}

int
dummy_thread_start(struct dpif_dummy *dp, char **errorp)
{
    struct dummy_thread *t;
    int error;

    if (dp->thread) {
        return 0;
    }
    t = xzalloc(sizeof *t);
    t->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (t->wake_fd < 0) {
        error = -errno;
        goto err_free;
    }
    atomic_init(&t->stop, false);
    t->emc = dummy_emc_create();
    dp->thread = t;
    error = -pthread_create(&t->tid, NULL, thread_main, dp);
    if (error) {
        dp->thread = NULL;
        dummy_emc_destroy(t->emc);
        close(t->wake_fd);
        goto err_free;
    }
    return 0;

err_free:
    free(t);
    dpif_set_error(errorp,
                   "Datapath \"%s\" could not start its socket thread (%s); "
                   "check the process's limits.",
                   dp->up.name, strerror(-error));
    return error;
}

void
dummy_thread_wake(struct dpif_dummy *dp)
{
    if (dp->thread) {
        uint64_t one = 1;

        (void) !write(dp->thread->wake_fd, &one, sizeof one);
    }
}

void
dummy_thread_stop(struct dpif_dummy *dp)
{
    struct dummy_thread *t = dp->thread;

    if (!t) {
        return;
    }
    atomic_store(&t->stop, true);
    dummy_thread_wake(dp);
    pthread_join(t->tid, NULL);
    dp->thread = NULL;
    close(t->wake_fd);
    dummy_emc_destroy(t->emc);
    free(t->fds);
    free(t->port_nos);
    free(t);
}
