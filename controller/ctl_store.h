/* The controller's store: where the model (ctl_model.h) lives between
 * runs.
 *
 * Design
 * ------
 * A store is named by a URL-like string: "sqlite:PATH" (one SQLite file,
 * the default, zero set-up) or "memory:" (nothing is kept: for tests).
 * Opening a store loads the whole model from it (objects with their
 * revisions, the model's revision, the bindings) into a new model; after
 * every successful change of the model the controller calls
 * ctl_store_save(), which writes what changed since the last save in one
 * transaction, so that a crash leaves the store at one revision or the
 * next, never between.
 *
 * The store finds what changed itself, by comparing the model with what
 * it saved last (objects by revision, bindings by value): callers need
 * not say what they changed.
 *
 * Errors are sentences naming the store and saying what to do (an
 * unwritable directory, a file that is not a database, a database written
 * by a newer version).
 *
 * Thread-safety: none; the controller's main thread. */
#ifndef PONT_CTL_STORE_H
#define PONT_CTL_STORE_H 1

struct ctl_model;
struct ctl_store;

/* For users. */

/* Opens the store 'name' and loads its model into a new one, which
 * '*modelp' receives (the caller destroys it after closing the store).
 * A store that does not exist yet is created, empty.  Returns NULL and
 * sets '*errorp' (a malloc'd sentence) on failure. */
struct ctl_store *ctl_store_open(const char *name, struct ctl_model **modelp,
                                 char **errorp);

/* Saves the changes of 'model' (the one ctl_store_open() gave) since the
 * last save.  Returns 0, or a negative errno value with '*errorp' set: the
 * store then holds the last save, and the next call writes everything. */
int ctl_store_save(struct ctl_store *, const struct ctl_model *model,
                   char **errorp);

/* The name the store was opened with. */
const char *ctl_store_name(const struct ctl_store *);

void ctl_store_close(struct ctl_store *); /* NULL is fine. */

/* For implementers: a kind of store, chosen by the prefix of its name. */
struct ctl_store_class {
    const char *prefix; /* "sqlite:" */

    /* Opens the store at 'path' (the name without the prefix) and loads
     * '*modelp' as ctl_store_open() says.  Returns a store whose 'class'
     * and 'name' this layer fills in. */
    struct ctl_store *(*open)(const char *path, struct ctl_model **modelp,
                              char **errorp);
    /* As ctl_store_save(). */
    int (*save)(struct ctl_store *, const struct ctl_model *, char **errorp);
    /* Frees the store. */
    void (*close)(struct ctl_store *);
};

/* The base of every store, embedded first in each implementation's. */
struct ctl_store {
    const struct ctl_store_class *class;
    char *name;
};

extern const struct ctl_store_class ctl_store_sqlite_class;

#endif /* controller/ctl_store.h */
