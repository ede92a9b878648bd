/* The store's dispatch (ctl_store.h): picks the kind of store by the
 * prefix of its name, and implements "memory:", which keeps nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "controller/ctl_store.h"
#include "lib/strbuf.h"
#include "lib/util.h"

static struct ctl_store *
memory_open(const char *path, struct ctl_model **modelp, char **errorp)
{
    if (path[0]) {
        *errorp = xasprintf("store \"memory:%s\" is invalid: a memory store "
                            "takes no path (memory:)",
                            path);
        return NULL;
    }
    *modelp = ctl_model_create();
    return xzalloc(sizeof(struct ctl_store));
}

static int
memory_save(struct ctl_store *store, const struct ctl_model *model,
            char **errorp)
{
    (void) store;
    (void) model;
    (void) errorp;
    return 0;
}

static void
memory_close(struct ctl_store *store)
{
    free(store);
}

static const struct ctl_store_class memory_class = {
    .prefix = "memory:",
    .open = memory_open,
    .save = memory_save,
    .close = memory_close,
};

static const struct ctl_store_class *const classes[] = {
    &ctl_store_sqlite_class,
    &memory_class,
};

struct ctl_store *
ctl_store_open(const char *name, struct ctl_model **modelp, char **errorp)
{
    for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
        const struct ctl_store_class *c = classes[i];
        size_t len = strlen(c->prefix);
        struct ctl_store *store;

        if (strncmp(name, c->prefix, len)) {
            continue;
        }
        store = c->open(name + len, modelp, errorp);
        if (store) {
            store->class = c;
            store->name = xstrdup(name);
        }
        return store;
    }
    *errorp = xasprintf("store \"%.200s\" is invalid: give sqlite:PATH or "
                        "memory:",
                        name);
    return NULL;
}

int
ctl_store_save(struct ctl_store *store, const struct ctl_model *model,
               char **errorp)
{
    return store->class->save(store, model, errorp);
}

const char *
ctl_store_name(const struct ctl_store *store)
{
    return store->name;
}

void
ctl_store_close(struct ctl_store *store)
{
    if (store) {
        char *name = store->name;

        store->class->close(store);
        free(name);
    }
}
