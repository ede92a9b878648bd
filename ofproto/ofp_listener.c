/* Passive OpenFlow listeners ("ptcp:", "punix:"): accept connections and
 * hand each to the owner as a channel. */
#include "ofproto/ofp_channel.h"

#include <errno.h>
#include <event2/event.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_target.h"

/* Connections accepted per wake-up, so that a flood of them cannot starve
 * the rest of the event loop. */
#define ACCEPT_BATCH 64

/* How long accepting pauses after running out of file descriptors or
 * memory: the listening socket stays readable, and retrying at once would
 * spin. */
#define ACCEPT_PAUSE_MS 1000

struct ofp_listener {
    struct event_base *base;
    struct ofp_channel_options opts;
    struct ofp_listener_callbacks cbs;
    void *aux;
    struct ofp_target target; /* Its name has the bound port. */
    int fd;
    int port; /* TCP: the bound port. */
    struct event *accept_ev;
    struct event *pause_ev;
    char last_error[256];
    bool in_callback;     /* In 'cbs.accept'. */
    bool destroy_pending; /* Destroyed in 'cbs.accept'. */
};

static char *make_sentence(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
make_sentence(const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(&sb, fmt, args);
    va_end(args);
    return strbuf_steal(&sb);
}

/* Names an accepted connection: the peer's address for TCP; for a unix
 * socket, whose clients are unnamed, the listener's path and the peer's
 * process id. */
static void
name_peer(const struct ofp_listener *l, int fd,
          const struct sockaddr_storage *ss, socklen_t len, char *name,
          size_t size)
{
    if (ss->ss_family == AF_UNIX) {
        struct ucred cred;
        socklen_t cred_len = sizeof cred;
        const char *path = l->target.name + strlen("punix:");

        if (!getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len)) {
            snprintf(name, size, "unix:%s (pid %ld)", path, (long) cred.pid);
        } else {
            snprintf(name, size, "unix:%s", path);
        }
    } else {
        ofp_target_format_addr((const struct sockaddr *) ss, len, name, size);
    }
}

static void
pause_accepting(struct ofp_listener *l)
{
    struct timeval tv = {ACCEPT_PAUSE_MS / 1000, 0};

    event_del(l->accept_ev);
    event_add(l->pause_ev, &tv);
}

static void
on_pause_over(evutil_socket_t fd, short what, void *l_)
{
    struct ofp_listener *l = l_;

    (void) fd;
    (void) what;
    event_add(l->accept_ev, NULL);
}

static void
listener_free(struct ofp_listener *l)
{
    event_free(l->accept_ev);
    event_free(l->pause_ev);
    close(l->fd);
    if (l->target.type == OFP_TARGET_PUNIX) {
        unlink(l->target.name + strlen("punix:"));
    }
    free(l);
}

/* Accepts one connection.  Returns false when accepting should stop for
 * now. */
static bool
accept_one(struct ofp_listener *l)
{
    char name[OFP_TARGET_NAME_MAX + 32], *error;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    struct ofp_channel *ch;
    int fd;

    fd = accept4(l->fd, (struct sockaddr *) &ss, &len,
                 SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) {
            return true;
        }
        if (errno != EAGAIN) {
            snprintf(l->last_error, sizeof l->last_error,
                     "accepting a connection failed: %s; trying again in "
                     "%d s",
                     strerror(errno), ACCEPT_PAUSE_MS / 1000);
            pause_accepting(l);
        }
        return false;
    }
    name_peer(l, fd, &ss, len, name, sizeof name);
    /* The options were checked when the listener opened. */
    ch = ofp_channel_open_fd(l->base, fd, name, &l->opts, &l->cbs.channel,
                             l->aux, &error);
    if (!ch) {
        snprintf(l->last_error, sizeof l->last_error, "%s", error);
        free(error);
        return true;
    }
    l->in_callback = true;
    l->cbs.accept(l, ch, l->aux);
    l->in_callback = false;
    return !l->destroy_pending;
}

static void
on_acceptable(evutil_socket_t fd, short what, void *l_)
{
    struct ofp_listener *l = l_;

    (void) fd;
    (void) what;
    for (int i = 0; i < ACCEPT_BATCH && accept_one(l); i++) {
        continue;
    }
    if (l->destroy_pending) {
        listener_free(l);
    }
}

/* For punix: removes a socket file nobody listens on any more (left by a
 * process that died), so that bind() can create it again.  Returns 0, or
 * a negative errno value with '*error' set if the path is in use or is not
 * a socket. */
static int
remove_stale_socket(const struct ofp_target *t, char **error)
{
    const char *path = t->name + strlen("punix:");
    struct stat st;
    int fd, retval;

    if (lstat(path, &st)) {
        return 0; /* Nothing there; bind() reports the rest. */
    }
    if (!S_ISSOCK(st.st_mode)) {
        *error = make_sentence("cannot listen on %s: the file exists and is "
                               "not a socket; remove it or choose another "
                               "path",
                               t->name);
        return -EEXIST;
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return 0;
    }
    retval = connect(fd, (const struct sockaddr *) &t->addr, t->addr_len);
    if (retval && errno == ECONNREFUSED) {
        unlink(path);
        retval = 0;
    } else if (!retval || errno == EAGAIN) {
        *error = make_sentence("cannot listen on %s: another process is "
                               "listening there; stop it or choose another "
                               "path",
                               t->name);
        retval = -EADDRINUSE;
    } else {
        retval = 0; /* bind() will say what is wrong. */
    }
    close(fd);
    return retval;
}

/* Creates, binds and starts the listening socket of 'l'. */
static int
open_socket(struct ofp_listener *l, char **error)
{
    struct ofp_target *t = &l->target;
    int one = 1, err;

    if (t->type == OFP_TARGET_PUNIX) {
        int retval = remove_stale_socket(t, error);
        if (retval) {
            return retval;
        }
    }
    l->fd = socket(t->addr.ss_family,
                   SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (l->fd < 0) {
        goto err;
    }
    if (ofp_target_is_tcp(t)) {
        /* Restarting must not wait for old connections' TIME_WAIT. */
        setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    if (bind(l->fd, (const struct sockaddr *) &t->addr, t->addr_len)
        || listen(l->fd, SOMAXCONN)) {
        goto err_close;
    }
    if (ofp_target_is_tcp(t)) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        getsockname(l->fd, (struct sockaddr *) &ss, &len);
        l->port = ofp_target_addr_port((struct sockaddr *) &ss);
        /* "ptcp:0:IP" names the port actually bound. */
        const char *ip = strchr(t->name + strlen("ptcp:"), ':') + 1;
        char name[OFP_TARGET_NAME_MAX];
        snprintf(name, sizeof name, "ptcp:%d:%s", l->port, ip);
        snprintf(t->name, sizeof t->name, "%s", name);
    }
    return 0;

err_close:
    err = errno;
    close(l->fd);
    errno = err;
err:
    err = errno;
    *error = make_sentence("cannot listen on %s: %s", t->name, strerror(err));
    return -err;
}

struct ofp_listener *
ofp_listener_open(struct event_base *base, const char *target,
                  const struct ofp_channel_options *options,
                  const struct ofp_listener_callbacks *callbacks, void *aux,
                  char **error)
{
    struct ofp_listener *l = xzalloc(sizeof *l);

    if (options) {
        l->opts = *options;
    } else {
        ofp_channel_options_init(&l->opts);
    }
    if (ofp_channel_options_check(&l->opts, error)
        || ofp_target_parse(target, OFP_TARGET_PASSIVE, &l->target, error)) {
        goto err_free;
    }
    if (!callbacks || !callbacks->accept) {
        /* Without it, accepted channels would have no owner. */
        *error = xstrdup("a listener needs an accept callback");
        goto err_free;
    }
    l->base = base;
    l->cbs = *callbacks;
    l->aux = aux;
    if (open_socket(l, error)) {
        goto err_free;
    }
    l->accept_ev =
        event_new(base, l->fd, EV_READ | EV_PERSIST, on_acceptable, l);
    l->pause_ev = event_new(base, -1, 0, on_pause_over, l);
    if (!l->accept_ev || !l->pause_ev) {
        abort(); /* Out of memory, as xmalloc() would. */
    }
    event_add(l->accept_ev, NULL);
    return l;

err_free:
    free(l);
    return NULL;
}

void
ofp_listener_destroy(struct ofp_listener *l)
{
    if (!l) {
        return;
    }
    if (l->in_callback) {
        l->destroy_pending = true;
    } else {
        listener_free(l);
    }
}

const char *
ofp_listener_name(const struct ofp_listener *l)
{
    return l->target.name;
}

int
ofp_listener_port(const struct ofp_listener *l)
{
    return l->port;
}

const char *
ofp_listener_last_error(const struct ofp_listener *l)
{
    return l->last_error;
}
