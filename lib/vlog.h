/* Logging for daemons and tools: levels, modules, two destinations, rate
 * limits.
 *
 * Every message has a level (ERR, WARN, INFO, DBG) and a module: the part
 * of the program that logs it, declared once per source file with
 * VLOG_DEFINE_THIS_MODULE(name).  A message goes to each destination (the
 * console, which is stderr, and an optional log file) whose minimum level
 * for that module lets it through.  Defaults: INFO and more severe to both
 * destinations; debugging is off.  Each line reads
 *
 *     2026-11-24T05:21:44.123Z|00042|bridge|INFO|message
 *
 * with the time in UTC to the millisecond and a sequence number shared by
 * all the process's messages (so that lost or reordered lines show).
 *
 * Why our own: daemons need log rotation (vlog_reopen_log_file() from a
 * SIGHUP or a control command), per-module debugging switched on at run
 * time (vlog_set_levels_from_string(), from "-v SPEC" or a control
 * command), and rate limits, so that a flood of identical errors (a peer
 * sending garbage, a port that keeps failing) cannot fill a disk.
 *
 * Rate limits: code that may log many times per second, and all code on a
 * packet path, logs through the *_RL macros with a static struct
 * vlog_rate_limit.  Messages beyond the limit are counted, not written; the
 * next message that passes is preceded by a line saying how many were
 * suppressed.
 *
 * Thread-safety: every function may be called from any thread.  A line is
 * written to each destination with a single write(), so lines from
 * different threads (or, for a log file opened in append mode, different
 * processes) never interleave.  Changing levels or the log file while other
 * threads log is safe; a message being written at that moment may still use
 * the old setting. */
#ifndef PONT_VLOG_H
#define PONT_VLOG_H 1

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Levels, most severe first.  VLOG_LEVEL_OFF is only a threshold ("write
 * nothing"); a message cannot have it. */
enum vlog_level {
    VLOG_LEVEL_OFF,
    VLOG_LEVEL_ERR,
    VLOG_LEVEL_WARN,
    VLOG_LEVEL_INFO,
    VLOG_LEVEL_DBG,
    VLOG_N_LEVELS
};

enum vlog_destination {
    VLOG_DEST_CONSOLE, /* stderr */
    VLOG_DEST_FILE,    /* vlog_set_log_file() */
    VLOG_N_DESTINATIONS
};

/* Returns "off", "err", "warn", "info" or "dbg". */
const char *vlog_level_name(enum vlog_level);

/* A module: one per source file, defined by VLOG_DEFINE_THIS_MODULE.  The
 * members are vlog's business; callers only take the module's address. */
struct vlog_module {
    const char *name;
    _Atomic int min_level[VLOG_N_DESTINATIONS]; /* enum vlog_level */
    struct vlog_module *next;                   /* All modules, by vlog. */
};

/* Adds 'module' to the list that level settings apply to.  Called before
 * main() by VLOG_DEFINE_THIS_MODULE; a module defined twice (two files
 * with one name) is one module for settings. */
void vlog_register_module(struct vlog_module *);

/* Defines the module of the current source file, named 'NAME' (a bare
 * word: VLOG_DEFINE_THIS_MODULE(bridge);). */
#define VLOG_DEFINE_THIS_MODULE(NAME)                                          \
    static struct vlog_module vlog_this_module = {                             \
        #NAME, {VLOG_LEVEL_INFO, VLOG_LEVEL_INFO}, NULL};                      \
    __attribute__((constructor)) static void vlog_init_this_module(void)       \
    {                                                                          \
        vlog_register_module(&vlog_this_module);                               \
    }                                                                          \
    struct vlog_module_semicolon_

/* True if a message of 'level' in 'module' would reach any destination:
 * for skipping expensive work that only serves a log message. */
bool vlog_is_enabled(const struct vlog_module *, enum vlog_level);

/* Writes a message ('format' without a trailing newline; one is added) if
 * its level is enabled. */
void vlog(const struct vlog_module *, enum vlog_level, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void vlog_valist(const struct vlog_module *, enum vlog_level,
                 const char *format, va_list)
    __attribute__((format(printf, 3, 0)));

/* The usual way to log, from a file with VLOG_DEFINE_THIS_MODULE.  The
 * arguments are not evaluated when the level is disabled. */
#define VLOG_ERR(...) VLOG_AT_(VLOG_LEVEL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG_AT_(VLOG_LEVEL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG_AT_(VLOG_LEVEL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG_AT_(VLOG_LEVEL_DBG, __VA_ARGS__)

#define VLOG_AT_(LEVEL, ...)                                                   \
    do {                                                                       \
        if (vlog_is_enabled(&vlog_this_module, LEVEL)) {                       \
            vlog(&vlog_this_module, LEVEL, __VA_ARGS__);                       \
        }                                                                      \
    } while (0)

/* A token bucket: at most 'burst' messages at once, refilled at
 * 'per_minute' messages a minute.  Define one per call site (or per group
 * of related call sites) as a static variable:
 *
 *     static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
 *     VLOG_WARN_RL(&rl, "port %s: %s", name, strerror(-error));
 *
 * The members are vlog's business. */
struct vlog_rate_limit {
    pthread_mutex_t mutex;
    unsigned int per_minute;  /* Refill rate, messages per minute. */
    unsigned int burst;       /* Bucket size, messages. */
    uint64_t tokens;          /* 60,000 tokens = one message. */
    long long last_refill_ms; /* Monotonic; 0: not started. */
    long long first_suppressed_ms;
    unsigned long long n_suppressed;
};

#define VLOG_RATE_LIMIT_INIT(PER_MINUTE, BURST)                                \
    {                                                                          \
        PTHREAD_MUTEX_INITIALIZER, (PER_MINUTE), (BURST), 0, 0, 0, 0           \
    }

/* Like vlog(), but the message is counted and dropped if 'rl' has no token
 * left.  A message whose level is disabled takes no token. */
void vlog_rl(const struct vlog_module *, enum vlog_level,
             struct vlog_rate_limit *rl, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

#define VLOG_ERR_RL(RL, ...) VLOG_RL_AT_(RL, VLOG_LEVEL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL_AT_(RL, VLOG_LEVEL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL_AT_(RL, VLOG_LEVEL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL_AT_(RL, VLOG_LEVEL_DBG, __VA_ARGS__)

#define VLOG_RL_AT_(RL, LEVEL, ...)                                            \
    do {                                                                       \
        if (vlog_is_enabled(&vlog_this_module, LEVEL)) {                       \
            vlog_rl(&vlog_this_module, LEVEL, RL, __VA_ARGS__);                \
        }                                                                      \
    } while (0)

/* Settings: any thread. */

/* Sets the minimum level of 'module' (NULL: every module) for 'dest'
 * (VLOG_N_DESTINATIONS: both). */
void vlog_set_level(struct vlog_module *, enum vlog_destination,
                    enum vlog_level);

/* Applies a specification: words separated by ':', each a destination
 * ("console", "file"), a module name, a level ("off", "err", "warn",
 * "info", "dbg") or "any" (every destination or module), with at most one
 * of each kind.  What a word does not name means all: "dbg" sets every
 * module to debugging everywhere, "console:warn" quiets the console,
 * "bridge:file:dbg" logs the bridge's debugging to the file only.  Several
 * specifications may be given separated by spaces or commas.
 *
 * Returns 0, or -EINVAL with '*error' a sentence (malloc'd, caller frees)
 * naming what was wrong; nothing is changed then. */
int vlog_set_levels_from_string(const char *spec, char **error);

/* Returns a table of every module's levels per destination, and the log
 * file's path, as malloc'd text (caller frees), for a "vlog/list"
 * command. */
char *vlog_list_levels(void);

/* Opens 'path' for appending (created with mode 0640 if missing) and logs
 * to it from now on, closing any previous log file; NULL stops logging to
 * a file.  Returns 0 or a negative errno value; on failure the previous
 * log file, if any, stays in use. */
int vlog_set_log_file(const char *path);

/* Reopens the log file by its name: after a log rotation tool renamed it,
 * logging goes on in a new file of the old name.  Returns 0 (also when no
 * log file is set) or a negative errno value, after which the old file
 * stays in use. */
int vlog_reopen_log_file(void);

#endif /* lib/vlog.h */
