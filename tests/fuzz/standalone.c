/* Runs a fuzz target over saved inputs without libFuzzer, so that every
 * build (also gcc's) replays the corpus and past crashes as a regression
 * test.  Usage: PROGRAM FILE_OR_DIR...  Exits nonzero if an input cannot be
 * read; a failing input aborts inside the target. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
    uint8_t *buf = NULL;
    size_t size = 0, cap = 0, n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        perror(path);
        return 1;
    }
    do {
        if (size == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            if (!buf) {
                abort();
            }
        }
        n = fread(buf + size, 1, cap - size, f);
        size += n;
    } while (n);
    fclose(f);

    /* An exact-size copy, so that sanitizers see reads past the end. */
    uint8_t *exact = malloc(size ? size : 1);
    memcpy(exact, buf, size);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    free(buf);
    return 0;
}

static int
run_path(const char *path, int *count)
{
    struct stat st;
    struct dirent *de;
    DIR *dir;
    int errors = 0;

    if (stat(path, &st)) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return run_file(path);
    }
    dir = opendir(path);
    if (!dir) {
        perror(path);
        return 1;
    }
    while ((de = readdir(dir))) {
        char child[4096];
        if (de->d_name[0] == '.') {
            continue;
        }
        snprintf(child, sizeof child, "%s/%s", path, de->d_name);
        errors += run_path(child, count);
    }
    closedir(dir);
    return errors;
}

int
main(int argc, char *argv[])
{
    int count = 0, errors = 0;

    for (int i = 1; i < argc; i++) {
        errors += run_path(argv[i], &count);
    }
    printf("%d inputs replayed, %d unreadable\n", count, errors);
    return errors || !count;
}
