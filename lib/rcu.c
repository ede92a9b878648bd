#include "lib/rcu.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"

/* One per registered thread.  'seen_epoch' is written only by its thread
 * and read by the background thread; it sits alone on its cache line so
 * that quiescing threads do not slow each other down. */
struct rcu_thread {
    _Alignas(64) _Atomic uint64_t seen_epoch; /* 0 while offline. */
    struct rcu_thread *next;                  /* Under 'threads_mutex'. */
};

struct rcu_callback {
    struct rcu_callback *next;
    void (*cb)(void *aux);
    void *aux;
};

/* Starts at 1 so that 0 can mean "offline". */
static _Atomic uint64_t global_epoch = 1;

static pthread_mutex_t threads_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct rcu_thread *threads;
static _Thread_local struct rcu_thread *self;
static pthread_key_t exit_key;

/* Callbacks waiting for the background thread, oldest first. */
static pthread_mutex_t queue_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static struct rcu_callback *queue_head;
static struct rcu_callback **queue_tail = &queue_head;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void
check(int error, const char *what)
{
    if (error) {
        fprintf(stderr, "pont: rcu: %s failed (error %d)\n", what, error);
        abort();
    }
}

/* Runs when a thread that is still registered exits, so that it cannot
 * stall grace periods forever. */
static void
unregister_at_exit(void *thread)
{
    (void) thread;
    rcu_unregister_thread();
}

static void *background_main(void *);

static void
init(void)
{
    pthread_t thread;

    check(pthread_key_create(&exit_key, unregister_at_exit),
          "pthread_key_create");
    check(pthread_create(&thread, NULL, background_main, NULL),
          "creating the RCU thread");
    check(pthread_detach(thread), "pthread_detach");
}

void
rcu_register_thread(void)
{
    struct rcu_thread *t;

    if (self) {
        return;
    }
    pthread_once(&init_once, init);
    /* Each thread's record has a cache line of its own (see the struct):
     * malloc() does not promise that alignment. */
    t = aligned_alloc(_Alignof(struct rcu_thread), sizeof *t);
    if (!t) {
        abort();
    }
    memset(t, 0, sizeof *t);
    pthread_mutex_lock(&threads_mutex);
    t->next = threads;
    threads = t;
    pthread_mutex_unlock(&threads_mutex);
    self = t;
    pthread_setspecific(exit_key, t);
    rcu_thread_online();
}

void
rcu_unregister_thread(void)
{
    struct rcu_thread **p;

    if (!self) {
        return;
    }
    rcu_thread_offline();
    pthread_mutex_lock(&threads_mutex);
    for (p = &threads; *p != self; p = &(*p)->next) {
        continue;
    }
    *p = self->next;
    pthread_mutex_unlock(&threads_mutex);
    pthread_setspecific(exit_key, NULL);
    free(self);
    self = NULL;
}

void
rcu_quiesce(void)
{
    uint64_t epoch, seen;

    if (!self) {
        return;
    }
    /* Acquire: pairs with the epoch advance, so that pointers loaded after
     * this see what writers unlinked before the advance.  Release on the
     * store: every load of a protected pointer before this call happens
     * before the background thread frees what it pointed to.  An offline
     * thread (seen 0) stays offline. */
    epoch = atomic_load_explicit(&global_epoch, memory_order_acquire);
    seen = atomic_load_explicit(&self->seen_epoch, memory_order_relaxed);
    if (seen != epoch && seen) {
        atomic_store_explicit(&self->seen_epoch, epoch, memory_order_release);
    }
}

void
rcu_thread_offline(void)
{
    if (self) {
        atomic_store_explicit(&self->seen_epoch, 0, memory_order_release);
    }
}

void
rcu_thread_online(void)
{
    if (!self) {
        return;
    }
    /* The store and the fence pair with the fence in readers_quiesced():
     * either the background thread sees this thread online and waits for
     * it, or this thread sees every unlink made before that scan. */
    atomic_store(&self->seen_epoch, atomic_load(&global_epoch));
    atomic_thread_fence(memory_order_seq_cst);
}

void
rcu_postpone(void (*cb)(void *aux), void *aux)
{
    struct rcu_callback *c = xmalloc(sizeof *c);

    pthread_once(&init_once, init);
    c->next = NULL;
    c->cb = cb;
    c->aux = aux;
    pthread_mutex_lock(&queue_mutex);
    *queue_tail = c;
    queue_tail = &c->next;
    pthread_cond_signal(&queue_cond);
    pthread_mutex_unlock(&queue_mutex);
}

/* Returns true if every registered thread is offline or has seen 'epoch'. */
static bool
readers_quiesced(uint64_t epoch)
{
    bool done = true;

    pthread_mutex_lock(&threads_mutex);
    for (struct rcu_thread *t = threads; t; t = t->next) {
        uint64_t seen;

        /* Acquire: the reader's loads before it quiesced happen before
         * the callbacks that free what it loaded. */
        seen = atomic_load_explicit(&t->seen_epoch, memory_order_acquire);
        if (seen && seen < epoch) {
            done = false;
            break;
        }
    }
    pthread_mutex_unlock(&threads_mutex);
    return done;
}

/* Waits until every online reader has seen a new epoch. */
static void
wait_for_grace_period(void)
{
    uint64_t epoch = atomic_fetch_add(&global_epoch, 1) + 1;
    long sleep_ns = 20 * 1000;

    atomic_thread_fence(memory_order_seq_cst);
    for (int i = 0; !readers_quiesced(epoch); i++) {
        /* Readers quiesce often: yield first, then sleep with a back-off
         * capped at a millisecond, so that an idle reader costs little. */
        if (i < 10) {
            sched_yield();
        } else {
            struct timespec ts = {0, sleep_ns};

            nanosleep(&ts, NULL);
            if (sleep_ns < 1000 * 1000) {
                sleep_ns *= 2;
            }
        }
    }
}

static void *
background_main(void *arg)
{
    (void) arg;
    for (;;) {
        struct rcu_callback *batch;

        pthread_mutex_lock(&queue_mutex);
        while (!queue_head) {
            pthread_cond_wait(&queue_cond, &queue_mutex);
        }
        batch = queue_head;
        queue_head = NULL;
        queue_tail = &queue_head;
        pthread_mutex_unlock(&queue_mutex);

        wait_for_grace_period();
        while (batch) {
            struct rcu_callback *next = batch->next;

            batch->cb(batch->aux);
            free(batch);
            batch = next;
        }
    }
    return NULL;
}

struct rcu_waiter {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    bool done;
};

static void
wake_waiter(void *waiter_)
{
    struct rcu_waiter *waiter = waiter_;

    pthread_mutex_lock(&waiter->mutex);
    waiter->done = true;
    pthread_cond_signal(&waiter->cond);
    pthread_mutex_unlock(&waiter->mutex);
}

/* Callbacks run in order, after a grace period: once a callback queued now
 * has run, so have all those queued before, and a grace period has passed.
 * That serves both rcu_synchronize() and rcu_barrier(). */
static void
wait_for_queue(void)
{
    struct rcu_waiter waiter = {.done = false};
    bool was_online = self && atomic_load(&self->seen_epoch);

    pthread_mutex_init(&waiter.mutex, NULL);
    pthread_cond_init(&waiter.cond, NULL);
    rcu_thread_offline();
    rcu_postpone(wake_waiter, &waiter);
    pthread_mutex_lock(&waiter.mutex);
    while (!waiter.done) {
        pthread_cond_wait(&waiter.cond, &waiter.mutex);
    }
    pthread_mutex_unlock(&waiter.mutex);
    pthread_cond_destroy(&waiter.cond);
    pthread_mutex_destroy(&waiter.mutex);
    if (was_online) {
        rcu_thread_online();
    }
}

void
rcu_synchronize(void)
{
    wait_for_queue();
}

void
rcu_barrier(void)
{
    wait_for_queue();
}
