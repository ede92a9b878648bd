/* Tests for lib/daemon.c: the pidfile's content and lock, stale and
 * conflicting pidfiles, removal at exit, detaching with its readiness
 * handshake and failure reports, and exit signals.
 *
 * lib/daemon.c keeps per-process state and forks, so every daemon here is
 * a child process of the test (forked, running the daemon's calls, then
 * exiting); the test checks what the children report through pipes, exit
 * statuses and files.  Children must never return into cmocka: they check
 * with CHILD_CHECK and end with _exit() or exit().  The test process is
 * a subreaper, so that detached daemons (grandchildren) can be waited
 * for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/daemon.h"

struct fixture {
    char dir[64];
    char pidfile[128];
    char marker[128]; /* Written by a detached daemon. */
    char stderr_log[128];
};

/* In a child process: reports a failed check and exits. */
#define CHILD_CHECK(COND)                                                      \
    do {                                                                       \
        if (!(COND)) {                                                         \
            fprintf(stderr, "%s:%d: child check failed: %s\n", __FILE__,       \
                    __LINE__, #COND);                                          \
            _exit(99);                                                         \
        }                                                                      \
    } while (0)

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/pont-daemon-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->pidfile, sizeof f->pidfile, "%s/test.pid", f->dir);
    snprintf(f->marker, sizeof f->marker, "%s/marker", f->dir);
    snprintf(f->stderr_log, sizeof f->stderr_log, "%s/stderr", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Forks, with the test's buffered output flushed so that the child does
 * not write it again. */
static pid_t
fork_child(void)
{
    pid_t pid;

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    return pid;
}

static int
wait_status(pid_t pid)
{
    int status;

    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static char *
read_text(const char *path)
{
    static char text[4096];
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f) {
        return NULL;
    }
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    CHILD_CHECK(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* Waits up to five seconds for 'path' to exist (or, if !exist, to be
 * gone). */
static bool
wait_for_file(const char *path, bool exist)
{
    struct timespec pause = {0, 10 * 1000 * 1000};

    for (int i = 0; i < 500; i++) {
        if ((access(path, F_OK) == 0) == exist) {
            return true;
        }
        nanosleep(&pause, NULL);
    }
    return false;
}

/* Starts a non-detached daemon holding 'pidfile' in a child, which waits
 * to be killed.  Returns its pid once it holds the pidfile. */
static pid_t
start_holder(const char *pidfile)
{
    int fds[2];
    char byte;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork_child();
    if (!pid) {
        char *error;
        CHILD_CHECK(!daemon_set_pidfile(pidfile));
        CHILD_CHECK(!daemon_start(false, &error));
        CHILD_CHECK(write(fds[1], "k", 1) == 1);
        for (;;) {
            pause();
        }
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &byte, 1), 1);
    close(fds[0]);
    return pid;
}

static void
stop_child(pid_t pid)
{
    kill(pid, SIGKILL);
    wait_status(pid);
}

/* Runs daemon_start() without detaching in a child that exits at once;
 * returns its exit status, with its error message in 'message'. */
static int
try_start(const char *pidfile, char *message, size_t size)
{
    int fds[2];
    ssize_t n;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork_child();
    if (!pid) {
        char *error = NULL;
        int retval;

        CHILD_CHECK(!daemon_set_pidfile(pidfile));
        retval = daemon_start(false, &error);
        if (error) {
            CHILD_CHECK(write(fds[1], error, strlen(error)) >= 0);
        }
        _exit(-retval);
    }
    close(fds[1]);
    n = read(fds[0], message, size - 1);
    message[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    return WEXITSTATUS(wait_status(pid));
}

static void
pidfile_holds_pid_and_newline(void **state)
{
    struct fixture *f = *state;
    pid_t pid = start_holder(f->pidfile);
    char expected[32];

    snprintf(expected, sizeof expected, "%ld\n", (long) pid);
    assert_string_equal(read_text(f->pidfile), expected);
    stop_child(pid);
}

static void
second_daemon_is_refused_naming_the_running_pid(void **state)
{
    struct fixture *f = *state;
    pid_t pid = start_holder(f->pidfile);
    char message[512], expected[64], content[32];

    assert_int_equal(try_start(f->pidfile, message, sizeof message), EAGAIN);
    snprintf(expected, sizeof expected, "locked by process %ld,", (long) pid);
    assert_non_null(strstr(message, f->pidfile));
    assert_non_null(strstr(message, expected));
    assert_non_null(strstr(message, "stop that daemon first"));

    /* The running daemon's pidfile is untouched. */
    snprintf(content, sizeof content, "%ld\n", (long) pid);
    assert_string_equal(read_text(f->pidfile), content);
    stop_child(pid);
}

static void
stale_pidfile_is_taken_over(void **state)
{
    struct fixture *f = *state;
    char expected[32];
    FILE *stale = fopen(f->pidfile, "w");
    pid_t pid;

    /* A crashed daemon's pidfile: a pid, but no lock. */
    assert_non_null(stale);
    fputs("999999999\n", stale);
    fclose(stale);

    pid = start_holder(f->pidfile);
    snprintf(expected, sizeof expected, "%ld\n", (long) pid);
    assert_string_equal(read_text(f->pidfile), expected);
    stop_child(pid);
}

static void
pidfile_is_removed_at_exit(void **state)
{
    struct fixture *f = *state;
    pid_t pid = fork_child();

    if (!pid) {
        char *error;
        CHILD_CHECK(!daemon_set_pidfile(f->pidfile));
        CHILD_CHECK(!daemon_start(false, &error));
        CHILD_CHECK(access(f->pidfile, F_OK) == 0);
        exit(0);
    }
    assert_int_equal(WEXITSTATUS(wait_status(pid)), 0);
    assert_int_equal(access(f->pidfile, F_OK), -1);
}

static void
pidfile_is_kept_by_forked_helpers(void **state)
{
    struct fixture *f = *state;
    pid_t pid = fork_child();

    if (!pid) {
        char *error;
        pid_t helper;
        int status;

        CHILD_CHECK(!daemon_set_pidfile(f->pidfile));
        CHILD_CHECK(!daemon_start(false, &error));
        helper = fork();
        if (!helper) {
            exit(0); /* Runs the atexit() handlers, as a helper would. */
        }
        CHILD_CHECK(waitpid(helper, &status, 0) == helper);
        CHILD_CHECK(access(f->pidfile, F_OK) == 0);
        daemon_remove_pidfile();
        CHILD_CHECK(access(f->pidfile, F_OK) == -1);
        _exit(0);
    }
    assert_int_equal(WEXITSTATUS(wait_status(pid)), 0);
}

static void
pidfile_in_missing_directory_gives_clear_error(void **state)
{
    char message[512];

    (void) state;
    assert_int_equal(
        try_start("/nonexistent/pont/test.pid", message, sizeof message),
        ENOENT);
    assert_non_null(strstr(message, "cannot open pidfile "
                                    "/nonexistent/pont/test.pid"));
    assert_non_null(strstr(message, "check that its directory exists"));
}

static void
pidfile_cannot_change_after_start(void **state)
{
    struct fixture *f = *state;
    pid_t pid = fork_child();

    if (!pid) {
        char *error;
        CHILD_CHECK(!daemon_start(false, &error));
        CHILD_CHECK(daemon_set_pidfile(f->pidfile) == -EBUSY);
        CHILD_CHECK(daemon_start(false, &error) == -EBUSY);
        CHILD_CHECK(!daemon_is_detached());
        _exit(0);
    }
    assert_int_equal(WEXITSTATUS(wait_status(pid)), 0);
}

/* What a detached test daemon does once daemon_start() returned in it. */
enum daemon_script {
    SERVE,       /* Get ready after a delay, then wait for SIGTERM. */
    FAIL_EARLY,  /* Print a message and exit 3 before getting ready. */
    CRASH_EARLY, /* Be killed before getting ready. */
};

static bool
is_dev_null(int fd)
{
    struct stat a, b;

    return !fstat(fd, &a) && !stat("/dev/null", &b) && a.st_rdev == b.st_rdev
           && S_ISCHR(a.st_mode);
}

/* Runs the daemon side of a detached test daemon; never returns. */
__attribute__((noreturn)) static void
run_detached_daemon(const struct fixture *f, enum daemon_script script)
{
    struct timespec delay = {0, 300 * 1000 * 1000};
    struct pollfd pfd;
    char report[64];

    if (script == FAIL_EARLY) {
        fprintf(stderr, "cannot open the database: it is corrupt\n");
        exit(3);
    } else if (script == CRASH_EARLY) {
        raise(SIGKILL);
    }

    /* The parent must still be waiting when the marker appears. */
    nanosleep(&delay, NULL);
    write_text(f->marker, "ready soon\n");
    pfd.fd = daemon_catch_exit_signals();
    pfd.events = POLLIN;
    CHILD_CHECK(pfd.fd >= 0);
    daemon_ready();

    snprintf(report, sizeof report, "detached=%d null=%d%d%d leader=%d\n",
             daemon_is_detached(), is_dev_null(0), is_dev_null(1),
             is_dev_null(2), getsid(0) == getpid());
    write_text(f->stderr_log, report);
    while (poll(&pfd, 1, -1) < 0) {
        continue;
    }
    CHILD_CHECK(daemon_exit_signal() == SIGTERM);
    exit(0);
}

/* Runs "pont-test --detach" in a child: returns the child's pid.  Its
 * stderr goes to f->stderr_log. */
static pid_t
start_detached(const struct fixture *f, enum daemon_script script)
{
    pid_t pid = fork_child();

    if (!pid) {
        int fd = open(f->stderr_log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        char *error = NULL;

        CHILD_CHECK(fd >= 0);
        dup2(fd, STDERR_FILENO);
        close(fd);
        CHILD_CHECK(!daemon_set_pidfile(f->pidfile));
        if (daemon_start(true, &error)) {
            /* In the daemon: report and exit, as a daemon's main() does. */
            fprintf(stderr, "pont-test: %s\n", error);
            exit(1);
        }
        run_detached_daemon(f, script);
    }
    return pid;
}

static void
detach_returns_once_the_daemon_is_ready(void **state)
{
    struct fixture *f = *state;
    pid_t parent = start_detached(f, SERVE), daemon_pid;
    const char *pidfile;
    int status;

    assert_int_equal(WEXITSTATUS(wait_status(parent)), 0);
    /* Written just before daemon_ready(), so already there. */
    assert_int_equal(access(f->marker, F_OK), 0);
    pidfile = read_text(f->pidfile);
    assert_non_null(pidfile);
    daemon_pid = (pid_t) strtol(pidfile, NULL, 10);
    assert_true(daemon_pid > 0 && daemon_pid != parent);
    assert_int_equal(kill(daemon_pid, 0), 0);

    /* The daemon reports its streams and session in the stderr file. */
    for (int i = 0; i < 500; i++) {
        const char *report = read_text(f->stderr_log);
        if (report && strstr(report, "leader")) {
            break;
        }
        usleep(10000);
    }
    assert_string_equal(read_text(f->stderr_log),
                        "detached=1 null=111 leader=1\n");

    /* SIGTERM makes a clean exit, which removes the pidfile. */
    assert_int_equal(kill(daemon_pid, SIGTERM), 0);
    status = wait_status(daemon_pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(wait_for_file(f->pidfile, false));
}

static void
detach_failure_passes_on_message_and_status(void **state)
{
    struct fixture *f = *state;
    pid_t parent = start_detached(f, FAIL_EARLY);
    int status = wait_status(parent);

    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_non_null(strstr(read_text(f->stderr_log),
                           "cannot open the database: it is corrupt\n"));
    /* The daemon exited through exit(): its pidfile is gone. */
    assert_int_equal(access(f->pidfile, F_OK), -1);
}

static void
detach_reports_a_daemon_killed_before_ready(void **state)
{
    struct fixture *f = *state;
    pid_t parent = start_detached(f, CRASH_EARLY);
    int status = wait_status(parent);

    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_non_null(strstr(read_text(f->stderr_log),
                           "the daemon process was killed by signal 9"));
}

static void
detach_with_a_running_daemon_fails_in_the_parent(void **state)
{
    struct fixture *f = *state;
    pid_t holder = start_holder(f->pidfile);
    pid_t parent = start_detached(f, SERVE);
    char expected[64];

    assert_int_equal(WEXITSTATUS(wait_status(parent)), 1);
    snprintf(expected, sizeof expected, "locked by process %ld,",
             (long) holder);
    assert_non_null(strstr(read_text(f->stderr_log), expected));
    stop_child(holder);
}

static void
exit_signals_become_readable_events(void **state)
{
    pid_t pid = fork_child();

    (void) state;
    if (!pid) {
        struct pollfd pfd = {.events = POLLIN};
        struct sigaction sa;

        pfd.fd = daemon_catch_exit_signals();
        CHILD_CHECK(pfd.fd >= 0);
        CHILD_CHECK(daemon_catch_exit_signals() == pfd.fd);
        CHILD_CHECK(daemon_exit_signal() == 0);
        CHILD_CHECK(poll(&pfd, 1, 0) == 0);

        raise(SIGINT);
        raise(SIGTERM);
        CHILD_CHECK(poll(&pfd, 1, 1000) == 1);
        CHILD_CHECK(daemon_exit_signal() == SIGTERM);
        CHILD_CHECK(poll(&pfd, 1, 0) == 0);
        CHILD_CHECK(daemon_exit_signal() == 0);

        CHILD_CHECK(!sigaction(SIGPIPE, NULL, &sa));
        CHILD_CHECK(sa.sa_handler == SIG_IGN);
        _exit(0);
    }
    assert_int_equal(WEXITSTATUS(wait_status(pid)), 0);
}

int
main(void)
{
    /* Detached daemons (our grandchildren) become our children when their
     * parent exits, so that tests can wait for them. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(pidfile_holds_pid_and_newline),
        T(second_daemon_is_refused_naming_the_running_pid),
        T(stale_pidfile_is_taken_over),
        T(pidfile_is_removed_at_exit),
        T(pidfile_is_kept_by_forked_helpers),
        T(pidfile_in_missing_directory_gives_clear_error),
        T(pidfile_cannot_change_after_start),
        T(detach_returns_once_the_daemon_is_ready),
        T(detach_failure_passes_on_message_and_status),
        T(detach_reports_a_daemon_killed_before_ready),
        T(detach_with_a_running_daemon_fails_in_the_parent),
        T(exit_signals_become_readable_events),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
