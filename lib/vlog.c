/* Logging: formatting, destinations, level settings and rate limits. */
#include "lib/vlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/util.h"

static const char *const level_names[VLOG_N_LEVELS] = {
    [VLOG_LEVEL_OFF] = "off",   [VLOG_LEVEL_ERR] = "err",
    [VLOG_LEVEL_WARN] = "warn", [VLOG_LEVEL_INFO] = "info",
    [VLOG_LEVEL_DBG] = "dbg",
};

/* How levels appear in log lines. */
static const char *const level_labels[VLOG_N_LEVELS] = {
    [VLOG_LEVEL_OFF] = "OFF",   [VLOG_LEVEL_ERR] = "ERR",
    [VLOG_LEVEL_WARN] = "WARN", [VLOG_LEVEL_INFO] = "INFO",
    [VLOG_LEVEL_DBG] = "DBG",
};

static const char *const dest_names[VLOG_N_DESTINATIONS] = {
    [VLOG_DEST_CONSOLE] = "console",
    [VLOG_DEST_FILE] = "file",
};

/* Registered modules, and the levels a module gets when it registers
 * (changed by settings that name no module).  Guarded by 'modules_mutex';
 * the levels themselves are atomics read without it. */
static pthread_mutex_t modules_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct vlog_module *modules;
static int default_levels[VLOG_N_DESTINATIONS] = {VLOG_LEVEL_INFO,
                                                  VLOG_LEVEL_INFO};

/* The log file, and the sequence number.  'log_mutex' serializes writing,
 * so that sequence numbers appear in order in every destination. */
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;
static char *log_path;
static unsigned long long log_seq;
static atomic_bool have_log_file;

/* One message costs this many tokens: a rate limit refills 'per_minute'
 * tokens each millisecond. */
#define TOKENS_PER_MSG 60000ULL

const char *
vlog_level_name(enum vlog_level level)
{
    return level < VLOG_N_LEVELS ? level_names[level] : "?";
}

void
vlog_register_module(struct vlog_module *module)
{
    pthread_mutex_lock(&modules_mutex);
    for (int d = 0; d < VLOG_N_DESTINATIONS; d++) {
        atomic_store(&module->min_level[d], default_levels[d]);
    }
    module->next = modules;
    modules = module;
    pthread_mutex_unlock(&modules_mutex);
}

static bool
dest_enabled(const struct vlog_module *module, enum vlog_destination dest,
             enum vlog_level level)
{
    if (dest == VLOG_DEST_FILE && !atomic_load(&have_log_file)) {
        return false;
    }
    return level != VLOG_LEVEL_OFF
           && (int) level <= atomic_load(&module->min_level[dest]);
}

bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    return dest_enabled(module, VLOG_DEST_CONSOLE, level)
           || dest_enabled(module, VLOG_DEST_FILE, level);
}

/* Writes all of 'line', retrying after signals and partial writes (which
 * happen only on pipes and terminals; files take a line at once).  Errors
 * are ignored: there is nowhere left to report them. */
static void
write_all(int fd, const char *line, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, line, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        line += n;
        len -= (size_t) n;
    }
}

/* Formats "TIME|SEQ|MODULE|LEVEL|" into 'prefix'. */
static void
format_prefix(char *prefix, size_t size, unsigned long long seq,
              const struct vlog_module *module, enum vlog_level level)
{
    struct timespec ts;
    struct tm tm;
    char date[32];

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(prefix, size, "%s.%03ldZ|%05llu|%s|%s|", date,
             ts.tv_nsec / 1000000, seq, module->name, level_labels[level]);
}

/* Writes one line made of the prefix and 'body' to every enabled
 * destination. */
static void
emit(const struct vlog_module *module, enum vlog_level level, const char *body,
     size_t body_len)
{
    char stack_line[1536];
    char prefix[256];
    size_t prefix_len, len;
    char *line;

    pthread_mutex_lock(&log_mutex);
    format_prefix(prefix, sizeof prefix, ++log_seq, module, level);
    prefix_len = strlen(prefix);
    len = prefix_len + body_len + 1;
    line = len <= sizeof stack_line ? stack_line : xmalloc(len);
    memcpy(line, prefix, prefix_len);
    memcpy(line + prefix_len, body, body_len);
    line[len - 1] = '\n';

    if (dest_enabled(module, VLOG_DEST_CONSOLE, level)) {
        write_all(STDERR_FILENO, line, len);
    }
    if (log_fd >= 0 && dest_enabled(module, VLOG_DEST_FILE, level)) {
        write_all(log_fd, line, len);
    }
    pthread_mutex_unlock(&log_mutex);
    if (line != stack_line) {
        free(line);
    }
}

void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    char stack_body[1024];
    char *body = stack_body;
    va_list args2;
    int n;

    if (!vlog_is_enabled(module, level)) {
        return;
    }
    va_copy(args2, args);
    n = vsnprintf(stack_body, sizeof stack_body, format, args);
    if (n < 0) {
        n = 0;
        stack_body[0] = '\0';
    } else if ((size_t) n >= sizeof stack_body) {
        body = xmalloc((size_t) n + 1);
        vsnprintf(body, (size_t) n + 1, format, args2);
    }
    va_end(args2);

    /* The line gets its own newline. */
    while (n > 0 && body[n - 1] == '\n') {
        n--;
    }
    emit(module, level, body, (size_t) n);
    if (body != stack_body) {
        free(body);
    }
}

void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

/* Plus one, so that 0 can mean "never". */
static long long
monotonic_ms(void)
{
    return time_msec() + 1;
}

/* Takes a token from 'rl' if it has one.  Returns true if the message may
 * go, with '*n_suppressed' and '*suppressed_ms' describing the messages
 * dropped since the last one that went. */
static bool
rate_limit_take(struct vlog_rate_limit *rl, unsigned long long *n_suppressed,
                long long *suppressed_ms)
{
    long long now = monotonic_ms();
    uint64_t burst = rl->burst ? rl->burst : 1;
    uint64_t cap = burst * TOKENS_PER_MSG;
    bool pass;

    pthread_mutex_lock(&rl->mutex);
    if (!rl->last_refill_ms) {
        rl->tokens = cap;
    } else if (rl->per_minute) {
        uint64_t elapsed = (uint64_t) (now - rl->last_refill_ms);
        /* Compared before multiplying, which could overflow after a long
         * quiet time. */
        if (elapsed >= cap / rl->per_minute) {
            rl->tokens = cap;
        } else {
            rl->tokens += elapsed * rl->per_minute;
            rl->tokens = rl->tokens < cap ? rl->tokens : cap;
        }
    }
    rl->last_refill_ms = now;

    pass = rl->tokens >= TOKENS_PER_MSG;
    if (pass) {
        rl->tokens -= TOKENS_PER_MSG;
        *n_suppressed = rl->n_suppressed;
        *suppressed_ms = rl->n_suppressed ? now - rl->first_suppressed_ms : 0;
        rl->n_suppressed = 0;
    } else if (!rl->n_suppressed++) {
        rl->first_suppressed_ms = now;
    }
    pthread_mutex_unlock(&rl->mutex);
    return pass;
}

void
vlog_rl(const struct vlog_module *module, enum vlog_level level,
        struct vlog_rate_limit *rl, const char *format, ...)
{
    unsigned long long n_suppressed;
    long long suppressed_ms;
    va_list args;

    if (!vlog_is_enabled(module, level)
        || !rate_limit_take(rl, &n_suppressed, &suppressed_ms)) {
        return;
    }
    if (n_suppressed) {
        vlog(module, level,
             "%llu messages like the next one suppressed by the rate limit "
             "in the last %lld ms",
             n_suppressed, suppressed_ms);
    }
    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

/* Settings. */

void
vlog_set_level(struct vlog_module *module, enum vlog_destination dest,
               enum vlog_level level)
{
    int first = dest == VLOG_N_DESTINATIONS ? 0 : (int) dest;
    int last =
        dest == VLOG_N_DESTINATIONS ? VLOG_N_DESTINATIONS - 1 : (int) dest;

    pthread_mutex_lock(&modules_mutex);
    for (int d = first; d <= last; d++) {
        if (module) {
            atomic_store(&module->min_level[d], (int) level);
            continue;
        }
        default_levels[d] = (int) level;
        for (struct vlog_module *m = modules; m; m = m->next) {
            atomic_store(&m->min_level[d], (int) level);
        }
    }
    pthread_mutex_unlock(&modules_mutex);
}

/* One parsed specification: 'module' NULL means every module. */
struct level_setting {
    const char *module;
    enum vlog_destination dest; /* VLOG_N_DESTINATIONS: both. */
    enum vlog_level level;
};

static int
find_name(const char *const *names, int n, const char *word)
{
    for (int i = 0; i < n; i++) {
        if (!strcasecmp(names[i], word)) {
            return i;
        }
    }
    return -1;
}

static bool
module_exists(const char *name)
{
    bool found = false;

    pthread_mutex_lock(&modules_mutex);
    for (struct vlog_module *m = modules; m && !found; m = m->next) {
        found = !strcmp(m->name, name);
    }
    pthread_mutex_unlock(&modules_mutex);
    return found;
}

static char *spec_error(const char *spec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Returns a malloc'd sentence about what is wrong with 'spec'. */
static char *
spec_error(const char *spec, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    strbuf_printf(&sb, "invalid log setting '%s': ", spec);
    va_start(args, fmt);
    strbuf_vprintf(&sb, fmt, args);
    va_end(args);
    strbuf_puts(&sb, "; write [MODULE:][console|file:]LEVEL with LEVEL one "
                     "of off, err, warn, info, dbg");
    return strbuf_steal(&sb);
}

/* Applies one word of a specification to 's'.  Returns 0, or -EINVAL
 * with '*error' set. */
static int
parse_word(char *word, const char *spec, struct level_setting *s,
           bool *have_module, bool *have_dest, bool *have_level, char **error)
{
    int level = find_name(level_names, VLOG_N_LEVELS, word);
    int dest = find_name(dest_names, VLOG_N_DESTINATIONS, word);
    bool any = !strcasecmp(word, "any");

    if (level >= 0 && !*have_level) {
        s->level = (enum vlog_level) level;
        *have_level = true;
    } else if (dest >= 0 && !*have_dest) {
        s->dest = (enum vlog_destination) dest;
        *have_dest = true;
    } else if (any && (!*have_module || !*have_dest)) {
        /* "any" stands for the module first, then the destination; either
         * way it means "all", which is what 's' already says. */
        *(*have_module ? have_dest : have_module) = true;
    } else if (level >= 0 || dest >= 0 || any || *have_module) {
        *error =
            spec_error(spec, "'%s' repeats what an earlier word said", word);
        return -EINVAL;
    } else if (!module_exists(word)) {
        *error = spec_error(spec, "there is no log module '%s'", word);
        return -EINVAL;
    } else {
        s->module = word;
        *have_module = true;
    }
    return 0;
}

/* Parses one colon-separated specification ('spec' is modified, and
 * 's->module' points into it). */
static int
parse_setting(char *spec, struct level_setting *s, char **error)
{
    bool have_module = false, have_dest = false, have_level = false;
    char *save = NULL, *word;
    char orig[256];
    int retval = 0;

    snprintf(orig, sizeof orig, "%s", spec);
    s->module = NULL;
    s->dest = VLOG_N_DESTINATIONS;
    for (word = strtok_r(spec, ":", &save); word && !retval;
         word = strtok_r(NULL, ":", &save)) {
        retval = parse_word(word, orig, s, &have_module, &have_dest,
                            &have_level, error);
    }
    if (!retval && !have_level) {
        *error = spec_error(orig, "no level given");
        retval = -EINVAL;
    }
    return retval;
}

static void
apply_setting(const struct level_setting *s)
{
    if (!s->module) {
        vlog_set_level(NULL, s->dest, s->level);
        return;
    }
    /* Several files may share a module name; set them all. */
    pthread_mutex_lock(&modules_mutex);
    for (struct vlog_module *m = modules; m; m = m->next) {
        if (!strcmp(m->name, s->module)) {
            for (int d = 0; d < VLOG_N_DESTINATIONS; d++) {
                if (s->dest == VLOG_N_DESTINATIONS || (int) s->dest == d) {
                    atomic_store(&m->min_level[d], (int) s->level);
                }
            }
        }
    }
    pthread_mutex_unlock(&modules_mutex);
}

int
vlog_set_levels_from_string(const char *spec, char **error)
{
    struct level_setting *settings = NULL;
    size_t n = 0;
    char *copy = xstrdup(spec), *save = NULL, *word;
    int retval = 0;

    *error = NULL;
    /* Parse everything before applying anything, so that a mistake late
     * in the list leaves all settings as they were. */
    for (word = strtok_r(copy, " \t,", &save); word && !retval;
         word = strtok_r(NULL, " \t,", &save)) {
        settings = xrealloc(settings, (n + 1) * sizeof *settings);
        retval = parse_setting(word, &settings[n++], error);
    }
    if (!retval && !n) {
        *error = spec_error(spec, "it is empty");
        retval = -EINVAL;
    }
    for (size_t i = 0; !retval && i < n; i++) {
        apply_setting(&settings[i]);
    }
    free(settings);
    free(copy);
    return retval;
}

static int
compare_modules(const void *a_, const void *b_)
{
    const struct vlog_module *const *a = a_, *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

char *
vlog_list_levels(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct vlog_module **array = NULL;
    size_t n = 0;

    pthread_mutex_lock(&modules_mutex);
    for (struct vlog_module *m = modules; m; m = m->next) {
        array = xrealloc(array, (n + 1) * sizeof *array);
        array[n++] = m;
    }
    pthread_mutex_unlock(&modules_mutex);
    qsort(array, n, sizeof *array, compare_modules);

    strbuf_printf(&sb, "%-20s %-8s %s\n", "module", "console", "file");
    for (size_t i = 0; i < n; i++) {
        if (i && !strcmp(array[i]->name, array[i - 1]->name)) {
            continue;
        }
        strbuf_printf(&sb, "%-20s %-8s %s\n", array[i]->name,
                      vlog_level_name(atomic_load(&array[i]->min_level[0])),
                      vlog_level_name(atomic_load(&array[i]->min_level[1])));
    }
    pthread_mutex_lock(&log_mutex);
    strbuf_printf(&sb, "log file: %s\n", log_path ? log_path : "none");
    pthread_mutex_unlock(&log_mutex);
    free(array);
    return strbuf_steal(&sb);
}

/* The log file. */

static int
open_log(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);

    return fd < 0 ? -errno : fd;
}

/* Replaces the log file by 'fd' named 'path' (both taken over; -1 and NULL
 * for none) and closes the old one. */
static void
install_log(int fd, char *path)
{
    int old_fd;
    char *old_path;

    pthread_mutex_lock(&log_mutex);
    old_fd = log_fd;
    old_path = log_path;
    log_fd = fd;
    log_path = path;
    atomic_store(&have_log_file, fd >= 0);
    pthread_mutex_unlock(&log_mutex);

    if (old_fd >= 0) {
        close(old_fd);
    }
    free(old_path);
}

int
vlog_set_log_file(const char *path)
{
    int fd;

    if (!path) {
        install_log(-1, NULL);
        return 0;
    }
    fd = open_log(path);
    if (fd < 0) {
        return fd;
    }
    install_log(fd, xstrdup(path));
    return 0;
}

int
vlog_reopen_log_file(void)
{
    char *path;
    int retval;

    pthread_mutex_lock(&log_mutex);
    path = log_path ? xstrdup(log_path) : NULL;
    pthread_mutex_unlock(&log_mutex);
    if (!path) {
        return 0;
    }
    retval = vlog_set_log_file(path);
    free(path);
    return retval;
}
