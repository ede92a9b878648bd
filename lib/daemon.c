/* Daemonizing, the pidfile, and exit signals. */
#include "lib/daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/util.h"

static char *pidfile_path;
static int pidfile_fd = -1;
static pid_t pidfile_owner; /* The process that created the pidfile. */
static bool started;
static bool detached;
static int ready_fd = -1; /* Detached child: the pipe to the parent. */

/* The byte a detached child sends its parent when it is ready. */
#define READY_BYTE 'R'

int
daemon_set_pidfile(const char *path)
{
    if (started) {
        return -EBUSY;
    }
    free(pidfile_path);
    pidfile_path = path ? xstrdup(path) : NULL;
    return 0;
}

bool
daemon_is_detached(void)
{
    return detached;
}

/* Returns the pid of the process holding a lock on 'fd', from the lock if
 * the kernel tells (not across pid namespaces), else from the file. */
static long
lock_holder(int fd)
{
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    char text[32];
    ssize_t n;

    if (!fcntl(fd, F_GETLK, &lk) && lk.l_type != F_UNLCK && lk.l_pid > 0) {
        return lk.l_pid;
    }
    n = pread(fd, text, sizeof text - 1, 0);
    text[n > 0 ? n : 0] = '\0';
    return strtol(text, NULL, 10);
}

/* True if 'fd' is the file now at 'path'.  A daemon that exits removes its
 * pidfile while still holding the lock, so the file we opened before its
 * exit and locked after it may be gone from the directory. */
static bool
is_file_at_path(int fd, const char *path)
{
    struct stat a, b;

    return !fstat(fd, &a) && !stat(path, &b) && a.st_dev == b.st_dev
           && a.st_ino == b.st_ino;
}

/* Writes our pid into the locked pidfile 'fd'. */
static int
write_pid(int fd, char **error)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%ld\n", (long) getpid());

    errno = 0;
    if (ftruncate(fd, 0) || pwrite(fd, text, (size_t) len, 0) != len) {
        int err = errno ? errno : EIO;
        *error = xasprintf("cannot write pidfile %s: %s", pidfile_path,
                               strerror(err));
        return -err;
    }
    return 0;
}

/* Opens and locks the pidfile.  Returns the descriptor or a negative errno
 * value with '*error' set. */
static int
lock_pidfile(char **error)
{
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    const char *path = pidfile_path;

    for (;;) {
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
        int err;

        if (fd < 0) {
            err = errno;
            *error = xasprintf("cannot open pidfile %s: %s; check that "
                                   "its directory exists and is writable",
                                   path, strerror(err));
            return -err;
        }
        if (!fcntl(fd, F_SETLK, &lk)) {
            if (is_file_at_path(fd, path)) {
                return fd;
            }
            close(fd); /* Removed under us: open the new one. */
            continue;
        }
        err = errno;
        if (err == EAGAIN || err == EACCES) {
            *error = xasprintf(
                "pidfile %s is locked by process %ld, which is still "
                "running; stop that daemon first or give this one another "
                "pidfile",
                path, lock_holder(fd));
            err = EAGAIN;
        } else {
            *error = xasprintf("cannot lock pidfile %s: %s", path,
                                   strerror(err));
        }
        close(fd);
        return -err;
    }
}

static int
create_pidfile(char **error)
{
    int fd = lock_pidfile(error);
    int retval;

    if (fd < 0) {
        return fd;
    }
    retval = write_pid(fd, error);
    if (retval) {
        close(fd);
        return retval;
    }
    pidfile_fd = fd;
    pidfile_owner = getpid();
    return 0;
}

void
daemon_remove_pidfile(void)
{
    /* A child forked by the daemon inherits this function through atexit()
     * but does not own the pidfile. */
    if (pidfile_fd < 0 || getpid() != pidfile_owner) {
        return;
    }
    /* Only if it is still ours: an administrator may have moved it. */
    if (is_file_at_path(pidfile_fd, pidfile_path)) {
        unlink(pidfile_path);
    }
    close(pidfile_fd);
    pidfile_fd = -1;
}

/* The parent's side of detaching: waits for the child at the other end of
 * 'fd' to become ready or to exit, and exits accordingly. */
__attribute__((noreturn)) static void
wait_for_child(pid_t child, int fd)
{
    char byte = 0;
    ssize_t n;
    int status;

    do {
        n = read(fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n == 1 && byte == READY_BYTE) {
        _exit(0);
    }

    /* The pipe closed without the byte: the child exited (its message, if
     * any, already went to our shared stderr). */
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "%s: cannot wait for the daemon process: %s\n",
                    program_invocation_short_name, strerror(errno));
            _exit(1);
        }
    }
    if (WIFEXITED(status)) {
        _exit(WEXITSTATUS(status));
    }
    fprintf(stderr,
            "%s: the daemon process was killed by signal %d (%s) before it "
            "was ready\n",
            program_invocation_short_name, WTERMSIG(status),
            strsignal(WTERMSIG(status)));
    _exit(1);
}

/* Forks; returns only in the child.  The parent waits in
 * wait_for_child(). */
static int
detach(char **error)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC)) {
        int err = errno;
        *error = xasprintf("cannot detach: pipe failed: %s", strerror(err));
        return -err;
    }
    /* Otherwise both processes would later write what is buffered now. */
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        int err = errno;
        *error = xasprintf("cannot detach: fork failed: %s", strerror(err));
        close(fds[0]);
        close(fds[1]);
        return -err;
    }
    if (pid > 0) {
        close(fds[1]);
        wait_for_child(pid, fds[0]);
    }
    close(fds[0]);
    ready_fd = fds[1];
    detached = true;
    if (setsid() < 0) {
        int err = errno;
        *error =
            xasprintf("cannot detach: setsid failed: %s", strerror(err));
        return -err;
    }
    return 0;
}

int
daemon_start(bool detach_process, char **error)
{
    static bool registered;
    int retval;

    *error = NULL;
    if (started) {
        *error = xstrdup("daemon_start() was called twice");
        return -EBUSY;
    }
    started = true;
    if (detach_process) {
        retval = detach(error);
        if (retval) {
            return retval;
        }
    }
    if (!pidfile_path) {
        return 0;
    }
    if (!registered) {
        atexit(daemon_remove_pidfile);
        registered = true;
    }
    return create_pidfile(error);
}

void
daemon_ready(void)
{
    char byte = READY_BYTE;
    int null_fd;

    if (ready_fd < 0) {
        return;
    }
    /* The streams first: a caller capturing the parent's output (a shell's
     * $(...)) waits until every process holding them lets go. */
    fflush(NULL);
    null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
        dup2(null_fd, STDIN_FILENO);
        dup2(null_fd, STDOUT_FILENO);
        dup2(null_fd, STDERR_FILENO);
        if (null_fd > STDERR_FILENO) {
            close(null_fd);
        }
    }
    while (write(ready_fd, &byte, 1) < 0 && errno == EINTR) {
        continue;
    }
    close(ready_fd);
    ready_fd = -1;
}

/* Exit signals: the handler records the signal and writes a byte into a
 * pipe, the only safe way out of a signal handler into a main loop. */
static int signal_pipe[2] = {-1, -1};
static atomic_int last_signal;

static void
on_exit_signal(int sig)
{
    int saved_errno = errno;
    char byte = 0;

    atomic_store(&last_signal, sig);
    if (write(signal_pipe[1], &byte, 1) < 0) {
        /* The pipe is full: the main loop has a wake-up pending anyway. */
    }
    errno = saved_errno;
}

int
daemon_catch_exit_signals(void)
{
    struct sigaction sa;

    if (signal_pipe[0] >= 0) {
        return signal_pipe[0];
    }
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK)) {
        return -errno;
    }
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_exit_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    return signal_pipe[0];
}

int
daemon_exit_signal(void)
{
    char bytes[64];

    if (signal_pipe[0] < 0) {
        return 0;
    }
    while (read(signal_pipe[0], bytes, sizeof bytes) > 0) {
        continue;
    }
    return atomic_exchange(&last_signal, 0);
}
