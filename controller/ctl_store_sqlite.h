/* The SQLite store's insides, shared by its two files:
 * ctl_store_sqlite.c (opening, the schema, saving) and
 * ctl_store_sqlite_load.c (reading a saved model back). */
#ifndef PONT_CTL_STORE_SQLITE_H
#define PONT_CTL_STORE_SQLITE_H 1

#include <sqlite3.h>

struct ctl_model;

/* The tables of objects, in the order they load. */
enum ctl_sqlite_table {
    CTL_SQLITE_TENANTS,
    CTL_SQLITE_NETWORKS,
    CTL_SQLITE_PORTS,
    CTL_SQLITE_HOSTS,
    CTL_SQLITE_BINDINGS,
    CTL_SQLITE_N_TABLES
};

/* Loads every object of database 'db' (the file at 'path', for messages)
 * into the empty 'model', and its revision.  Returns 0, or a negative
 * errno value with '*errorp' a sentence. */
int ctl_sqlite_load(sqlite3 *db, const char *path, struct ctl_model *model,
                    char **errorp);

#endif /* controller/ctl_store_sqlite.h */
