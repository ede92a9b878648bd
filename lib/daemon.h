/* Becoming a daemon: a locked pidfile, detaching with a readiness
 * handshake, and exit signals turned into a file descriptor event.
 *
 * A daemon's main() calls, in order:
 *
 *     daemon_set_pidfile(path);          (if --pidfile was given)
 *     daemon_start(detach, &error);      (before any thread or event base)
 *     ... open the control socket, load the configuration ...
 *     daemon_ready();                    (now serving)
 *
 * With 'detach', daemon_start() forks.  The parent waits: when the child
 * calls daemon_ready() the parent exits 0, so that "pont-vswitchd --detach"
 * returns only once the daemon serves its socket; if the child exits first
 * (it failed to start), the parent exits with the child's status (1 if a
 * signal killed it).  Until daemon_ready() the child still writes to the
 * parent's stderr, so its error message reaches the user who started it;
 * from then on its standard streams are /dev/null (logs go to the log
 * file).  The child is a new session's leader, with no controlling
 * terminal.  It keeps the working directory, so relative paths given on
 * the command line keep their meaning.
 *
 * The pidfile: daemon_start() opens (creating) it and takes an fcntl()
 * write lock on it, held for the process's life, and only then writes the
 * pid and a newline into it.  A second daemon with the same pidfile finds
 * the lock and fails, naming the running pid; a stale pidfile (a daemon
 * that crashed, so no one holds the lock) is taken over.  The lock, not
 * the file's content, says whether a daemon runs: "kill $(cat PIDFILE)"
 * is safe only while the lock is held.  The file is removed when the
 * process exits through exit() or returns from main(), and by
 * daemon_remove_pidfile(); a process forked later (a helper) never
 * removes it.
 *
 * Thread-safety: call these functions from the main thread; daemon_start()
 * before creating any other thread (fork() copies only the caller). */
#ifndef PONT_DAEMON_H
#define PONT_DAEMON_H 1

#include <stdbool.h>

/* Sets the pidfile that daemon_start() will create ('path' is copied;
 * NULL: none).  Returns 0, or -EBUSY once daemon_start() has run. */
int daemon_set_pidfile(const char *path);

/* Creates the pidfile, if one was set, after detaching if 'detach' (see
 * above: the parent never returns from this call).  Returns 0, or a
 * negative errno value with '*error' a malloc'd sentence (caller frees):
 * -EAGAIN if another running process holds the pidfile, -errno if it
 * cannot be created, or the error of fork() or setsid().  In a detached
 * child, report a failure and exit(nonzero); the parent then exits with
 * that status. */
int daemon_start(bool detach, char **error);

/* Tells the waiting parent that the daemon is ready, and points the
 * standard streams to /dev/null.  Without --detach it does nothing.  Call
 * it once; further calls do nothing. */
void daemon_ready(void);

/* True if this process is a detached daemon (daemon_start(true) returned
 * in it). */
bool daemon_is_detached(void);

/* Removes the pidfile, if this process created it, and releases its lock.
 * Called by exit() too; calling it more than once is harmless. */
void daemon_remove_pidfile(void);

/* Makes SIGTERM and SIGINT ask for a clean exit instead of killing the
 * process at once, and ignores SIGPIPE (a peer that goes away must give a
 * write error, not kill a daemon).  Returns a file descriptor that becomes
 * readable when an exit signal arrives: watch it from the main loop, and
 * when it fires call daemon_exit_signal() and leave the loop.  With
 * libevent:
 *
 *     static void on_exit_signal(evutil_socket_t fd, short what, void *base)
 *     {
 *         if (daemon_exit_signal()) {
 *             event_base_loopbreak(base);
 *         }
 *     }
 *     ...
 *     int fd = daemon_catch_exit_signals();
 *     event_add(event_new(base, fd, EV_READ | EV_PERSIST, on_exit_signal,
 *                         base), NULL);
 *
 * Returns the descriptor (the same one on every call), or a negative errno
 * value. */
int daemon_catch_exit_signals(void);

/* Returns the number of the exit signal that arrived (the last one, if
 * several did), or 0 if none did since the last call, and drains the
 * descriptor. */
int daemon_exit_signal(void);

#endif /* lib/daemon.h */
