/* pontctl's parts: main and the command line (pontctl.c), the commands
 * (pontctl_cmds.c), the HTTP client (pontctl_http.h). */
#ifndef PONT_PONTCTL_H
#define PONT_PONTCTL_H 1

#include <stdbool.h>
#include <stddef.h>

enum { PONTCTL_EXIT_ERROR = 1, PONTCTL_EXIT_USAGE = 2 };

#define PONTCTL_MAX_POS 4
#define PONTCTL_MAX_OPTS 16

struct pontctl_ctx {
    const char *api; /* "http://HOST:PORT" */
    bool json;       /* --json */
};

/* A command's arguments: positional ones, then options in order. */
struct pontctl_args {
    const char *pos[PONTCTL_MAX_POS];
    int n_pos;
    struct {
        char *name; /* Owned; without "--". */
        const char *value;
    } opts[PONTCTL_MAX_OPTS];
    size_t n_opts;
};

struct pontctl_command {
    const char *object;     /* "network" */
    const char *verb;       /* "add"; "" for a command of one word. */
    int min_args, max_args; /* Positional arguments. */
    const char *options[6]; /* Allowed options, NULL-terminated. */
    const char *synopsis;   /* For errors: "TENANT/NET --cidr CIDR". */
    void (*run)(struct pontctl_ctx *, const struct pontctl_args *);
};

/* The command 'object' 'verb' (verb ignored for one-word commands), or
 * NULL. */
const struct pontctl_command *pontctl_find_command(const char *object,
                                                   const char *verb);

/* The last value of option 'name', or NULL. */
const char *pontctl_opt(const struct pontctl_args *, const char *name);

/* Print "pontctl: MESSAGE" and exit 2 (a usage error) or 1 (an error;
 * 'message' is malloc'd and freed). */
void pontctl_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void pontctl_fatal(char *message) __attribute__((noreturn));

#endif /* utilities/pontctl.h */
