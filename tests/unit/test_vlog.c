/* Tests for lib/vlog.c: the line format, levels per destination and
 * module, settings from text, log file rotation, rate limits, and lines
 * from many threads.
 *
 * Each test logs into a fresh file in its own temporary directory and
 * reads it back; the console (stderr) is captured into a file where a test
 * needs it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(test_vlog);

/* A second module, registered by hand, for per-module settings. */
static struct vlog_module other_module = {"other", {0, 0}, NULL};

struct fixture {
    char dir[64];
    char log[128];
    char console[128];
    int saved_stderr; /* -1: stderr not captured. */
};

static char *
read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t) size + 1);
    assert_int_equal(fread(text, 1, (size_t) size, f), (size_t) size);
    text[size] = '\0';
    fclose(f);
    return text;
}

static size_t
count_lines(const char *text)
{
    size_t n = 0;

    for (; *text; text++) {
        n += *text == '\n';
    }
    return n;
}

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char *error = NULL;

    snprintf(f->dir, sizeof f->dir, "/tmp/pont-vlog-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->log, sizeof f->log, "%s/test.log", f->dir);
    snprintf(f->console, sizeof f->console, "%s/console", f->dir);
    f->saved_stderr = -1;
    assert_int_equal(vlog_set_levels_from_string("info console:off", &error),
                     0);
    assert_int_equal(vlog_set_log_file(f->log), 0);
    *state = f;
    return 0;
}

/* Sends stderr to a file until teardown, for tests of the console. */
static void
capture_console(struct fixture *f)
{
    int fd = open(f->console, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    assert_true(fd >= 0);
    f->saved_stderr = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    if (f->saved_stderr >= 0) {
        dup2(f->saved_stderr, STDERR_FILENO);
        close(f->saved_stderr);
    }
    vlog_set_log_file(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void
assert_matches(const char *text, const char *pattern)
{
    regex_t re;

    assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
    if (regexec(&re, text, 0, NULL, 0)) {
        fail_msg("\"%s\" does not match \"%s\"", text, pattern);
    }
    regfree(&re);
}

#define LINE_RE                                                                \
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"        \
    "\\|[0-9]{5,}\\|"

static void
line_has_utc_time_sequence_module_level_and_message(void **state)
{
    struct fixture *f = *state;
    struct tm tm = {0};
    time_t now = time(NULL), logged;
    char *text;

    VLOG_INFO("hello %d", 42);
    text = read_file(f->log);
    assert_matches(text, "^" LINE_RE "test_vlog\\|INFO\\|hello 42\n$");

    /* The time is UTC and now. */
    assert_non_null(strptime(text, "%Y-%m-%dT%H:%M:%S", &tm));
    logged = timegm(&tm);
    assert_true(logged >= now - 5 && logged <= now + 5);
    free(text);
}

static void
sequence_numbers_count_every_line(void **state)
{
    struct fixture *f = *state;
    unsigned long seq[3];
    char *text, *p;

    VLOG_WARN("a");
    VLOG_ERR("b");
    VLOG_INFO("c");
    text = read_file(f->log);
    p = text;
    for (int i = 0; i < 3; i++) {
        p = strchr(p, '|');
        assert_non_null(p);
        seq[i] = strtoul(p + 1, &p, 10);
        p = strchr(p, '\n');
        assert_non_null(p);
    }
    assert_int_equal(seq[1], seq[0] + 1);
    assert_int_equal(seq[2], seq[1] + 1);
    assert_non_null(strstr(text, "|WARN|a\n"));
    assert_non_null(strstr(text, "|ERR|b\n"));
    free(text);
}

static void
each_destination_has_its_own_level(void **state)
{
    struct fixture *f = *state;
    char *error = NULL;
    char *file, *console;

    capture_console(f);
    assert_int_equal(
        vlog_set_levels_from_string("console:warn,file:dbg", &error), 0);
    VLOG_DBG("debug");
    VLOG_INFO("info");
    VLOG_WARN("warning");
    file = read_file(f->log);
    console = read_file(f->console);
    assert_int_equal(count_lines(file), 3);
    assert_non_null(strstr(file, "|DBG|debug\n"));
    assert_int_equal(count_lines(console), 1);
    assert_non_null(strstr(console, "|test_vlog|WARN|warning\n"));
    free(file);
    free(console);
}

static void
disabled_levels_are_not_enabled_and_not_evaluated(void **state)
{
    int evaluated = 0;

    (void) state;
    vlog_set_level(NULL, VLOG_N_DESTINATIONS, VLOG_LEVEL_WARN);
    assert_false(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_INFO));
    assert_true(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_ERR));
    VLOG_INFO("%d", ++evaluated);
    assert_int_equal(evaluated, 0);
    vlog_set_level(NULL, VLOG_N_DESTINATIONS, VLOG_LEVEL_OFF);
    assert_false(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_ERR));
}

static void
no_log_file_means_file_levels_do_not_count(void **state)
{
    (void) state;
    vlog_set_log_file(NULL);
    vlog_set_level(NULL, VLOG_DEST_FILE, VLOG_LEVEL_DBG);
    assert_false(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_DBG));
}

static void
module_setting_changes_only_that_module(void **state)
{
    struct fixture *f = *state;
    char *error = NULL;
    char *text;

    assert_int_equal(vlog_set_levels_from_string("other:file:dbg", &error), 0);
    assert_null(error);
    vlog(&other_module, VLOG_LEVEL_DBG, "from other");
    VLOG_DBG("from this");
    text = read_file(f->log);
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "|other|DBG|from other\n"));
    free(text);
}

static void
bad_setting_is_refused_and_changes_nothing(void **state)
{
    static const char *const bad[] = {
        "console:loud", "nosuchmodule:dbg", "file", "console:file:info",
        "info:dbg",     "dbg bogus:warn",   "",     "other:test_vlog:dbg",
    };
    char *error = NULL;

    (void) state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(vlog_set_levels_from_string(bad[i], &error), -EINVAL);
        assert_non_null(error);
        assert_non_null(strstr(error, "invalid log setting"));
        assert_non_null(strstr(error, "LEVEL"));
        free(error);
        error = NULL;
    }
    /* "dbg bogus:warn" must not have applied its valid first half. */
    assert_false(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_DBG));

    assert_int_equal(vlog_set_levels_from_string("nosuchmodule:dbg", &error),
                     -EINVAL);
    assert_non_null(strstr(error, "there is no log module 'nosuchmodule'"));
    free(error);
}

static void
any_and_case_are_accepted(void **state)
{
    char *error = NULL;

    (void) state;
    assert_int_equal(vlog_set_levels_from_string("ANY:File:DBG", &error), 0);
    assert_true(vlog_is_enabled(&other_module, VLOG_LEVEL_DBG));
    assert_true(vlog_is_enabled(&vlog_this_module, VLOG_LEVEL_DBG));
}

static void
list_shows_modules_levels_and_log_file(void **state)
{
    struct fixture *f = *state;
    char *error = NULL;
    char *list;

    assert_int_equal(vlog_set_levels_from_string("other:console:err", &error),
                     0);
    list = vlog_list_levels();
    assert_non_null(strstr(list, "module"));
    assert_matches(list, "\nother +err +info\n");
    assert_matches(list, "\ntest_vlog +off +info\n");
    assert_non_null(strstr(list, f->log));
    free(list);
}

static void
reopen_follows_log_rotation(void **state)
{
    struct fixture *f = *state;
    char rotated[160];
    char *old, *new;

    VLOG_INFO("before rotation");
    snprintf(rotated, sizeof rotated, "%s.1", f->log);
    assert_int_equal(rename(f->log, rotated), 0);
    VLOG_INFO("still in the old file");
    assert_int_equal(vlog_reopen_log_file(), 0);
    VLOG_INFO("after rotation");

    old = read_file(rotated);
    new = read_file(f->log);
    assert_int_equal(count_lines(old), 2);
    assert_non_null(strstr(old, "before rotation"));
    assert_non_null(strstr(old, "still in the old file"));
    assert_int_equal(count_lines(new), 1);
    assert_non_null(strstr(new, "after rotation"));
    free(old);
    free(new);
}

static void
log_file_that_cannot_open_keeps_the_old_one(void **state)
{
    struct fixture *f = *state;
    char *text;

    assert_int_equal(vlog_set_log_file("/nonexistent/dir/x.log"), -ENOENT);
    VLOG_INFO("kept");
    text = read_file(f->log);
    assert_non_null(strstr(text, "kept"));
    free(text);
}

static void
log_file_is_appended_to(void **state)
{
    struct fixture *f = *state;
    char *text;

    VLOG_INFO("first");
    assert_int_equal(vlog_set_log_file(f->log), 0);
    VLOG_INFO("second");
    text = read_file(f->log);
    assert_int_equal(count_lines(text), 2);
    free(text);
}

static void
rate_limit_counts_suppressed_messages(void **state)
{
    /* A token every 100 ms, at most 3 at once. */
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(600, 3);
    struct fixture *f = *state;
    struct timespec pause = {0, 150 * 1000 * 1000};
    char *text;

    for (int i = 0; i < 10; i++) {
        VLOG_WARN_RL(&rl, "flood %d", i);
    }
    nanosleep(&pause, NULL);
    VLOG_WARN_RL(&rl, "after the pause");

    text = read_file(f->log);
    assert_int_equal(count_lines(text), 5);
    assert_non_null(strstr(text, "flood 2\n"));
    assert_null(strstr(text, "flood 3\n"));
    assert_matches(text, "\\|WARN\\|7 messages like the next one suppressed "
                         "by the rate limit in the last [0-9]+ ms\n"
                         "[^\n]*\\|WARN\\|after the pause\n$");
    free(text);
}

static void
disabled_messages_take_no_token(void **state)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
    struct fixture *f = *state;
    char *text;

    for (int i = 0; i < 5; i++) {
        VLOG_DBG_RL(&rl, "disabled");
    }
    VLOG_INFO_RL(&rl, "enabled");
    VLOG_INFO_RL(&rl, "over the limit");
    text = read_file(f->log);
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "|INFO|enabled\n"));
    free(text);
}

static void
long_message_is_written_whole(void **state)
{
    struct fixture *f = *state;
    char *big = malloc(10001), *text;

    memset(big, 'x', 10000);
    big[10000] = '\0';
    VLOG_INFO("<%s>", big);
    text = read_file(f->log);
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "|INFO|<"));
    assert_non_null(strstr(text, big));
    assert_non_null(strstr(text, ">\n"));
    free(text);
    free(big);
}

static void
trailing_newline_is_not_doubled(void **state)
{
    struct fixture *f = *state;
    char *text;

    VLOG_INFO("ends with a newline\n");
    text = read_file(f->log);
    assert_int_equal(count_lines(text), 1);
    free(text);
}

#define N_THREADS 8
#define LINES_PER_THREAD 2000

static void *
log_lines(void *arg)
{
    int id = (int) (intptr_t) arg;
    char pad[3001];

    memset(pad, 'a' + id, sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    for (int i = 0; i < LINES_PER_THREAD; i++) {
        /* Every tenth line is long, beyond the formatting buffers. */
        VLOG_INFO("thread %d line %d %s", id, i, i % 10 ? "" : pad);
    }
    return NULL;
}

static void
lines_from_many_threads_never_interleave(void **state)
{
    struct fixture *f = *state;
    pthread_t threads[N_THREADS];
    unsigned long last_seq = 0;
    int next_line[N_THREADS] = {0};
    char *text, *line, *save = NULL;
    regex_t re;

    for (int i = 0; i < N_THREADS; i++) {
        pthread_create(&threads[i], NULL, log_lines, (void *) (intptr_t) i);
    }
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(threads[i], NULL);
    }

    text = read_file(f->log);
    assert_int_equal(count_lines(text), N_THREADS * LINES_PER_THREAD);
    assert_int_equal(regcomp(&re,
                             "^" LINE_RE "test_vlog\\|INFO\\|thread [0-7] "
                             "line [0-9]+ ([a-h]{3000})?$",
                             REG_EXTENDED | REG_NOSUB),
                     0);
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        int id, n;

        assert_int_equal(regexec(&re, line, 0, NULL, 0), 0);
        /* Sequence numbers rise in file order; each thread's lines come in
         * its own order. */
        unsigned long seq = strtoul(strchr(line, '|') + 1, NULL, 10);
        assert_true(seq > last_seq);
        last_seq = seq;
        assert_int_equal(
            sscanf(strstr(line, "thread "), "thread %d line %d", &id, &n), 2);
        assert_int_equal(n, next_line[id]++);
    }
    regfree(&re);
    free(text);
}

int
main(void)
{
    vlog_register_module(&other_module);

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(line_has_utc_time_sequence_module_level_and_message),
        T(sequence_numbers_count_every_line),
        T(each_destination_has_its_own_level),
        T(disabled_levels_are_not_enabled_and_not_evaluated),
        T(no_log_file_means_file_levels_do_not_count),
        T(module_setting_changes_only_that_module),
        T(bad_setting_is_refused_and_changes_nothing),
        T(any_and_case_are_accepted),
        T(list_shows_modules_levels_and_log_file),
        T(reopen_follows_log_rotation),
        T(log_file_that_cannot_open_keeps_the_old_one),
        T(log_file_is_appended_to),
        T(rate_limit_counts_suppressed_messages),
        T(disabled_messages_take_no_token),
        T(long_message_is_written_whole),
        T(trailing_newline_is_not_doubled),
        T(lines_from_many_threads_never_interleave),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
