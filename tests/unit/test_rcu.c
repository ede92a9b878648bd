/* Unit tests for lib/rcu.h: grace periods, offline threads, postponed
 * callbacks, rcu_synchronize() and rcu_barrier().
 *
 * Tests that could only fail by hanging (a grace period that never ends)
 * rely on the test runner's timeout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "lib/rcu.h"
#include "lib/util.h"

static void
sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

static void
wait_for_flag(atomic_bool *flag)
{
    while (!atomic_load(flag)) {
        sleep_ms(1);
    }
}

static void
set_flag(void *flag)
{
    atomic_store((atomic_bool *) flag, true);
}

/* A reader that stays online without quiescing until told to. */
struct stubborn_reader {
    atomic_bool registered; /* Set by the reader. */
    atomic_bool quiesce;    /* Set by the test. */
    atomic_bool stop;       /* Set by the test. */
};

static void *
stubborn_reader_main(void *r_)
{
    struct stubborn_reader *r = r_;

    rcu_register_thread();
    atomic_store(&r->registered, true);
    wait_for_flag(&r->quiesce);
    rcu_quiesce();
    while (!atomic_load(&r->stop)) {
        rcu_quiesce();
        sleep_ms(1);
    }
    rcu_unregister_thread();
    return NULL;
}

static void
test_callback_waits_for_online_reader_to_quiesce(void **state)
{
    struct stubborn_reader r = {false, false, false};
    atomic_bool ran = false;
    pthread_t thread;
    (void) state;

    pthread_create(&thread, NULL, stubborn_reader_main, &r);
    wait_for_flag(&r.registered);
    rcu_postpone(set_flag, &ran);

    /* The reader has not quiesced: the callback must not run, however
     * long we wait. */
    sleep_ms(100);
    assert_false(atomic_load(&ran));

    atomic_store(&r.quiesce, true);
    rcu_barrier();
    assert_true(atomic_load(&ran));

    atomic_store(&r.stop, true);
    pthread_join(thread, NULL);
}

/* A reader that goes offline and blocks until told to stop. */
static void *
sleeping_reader_main(void *r_)
{
    struct stubborn_reader *r = r_;

    rcu_register_thread();
    rcu_thread_offline();
    /* Quiescing while offline must not bring the thread back online. */
    rcu_quiesce();
    atomic_store(&r->registered, true);
    wait_for_flag(&r->stop);
    rcu_thread_online();
    rcu_unregister_thread();
    return NULL;
}

static void
test_offline_reader_does_not_delay_grace_periods(void **state)
{
    struct stubborn_reader r = {false, false, false};
    atomic_bool ran = false;
    pthread_t thread;
    (void) state;

    pthread_create(&thread, NULL, sleeping_reader_main, &r);
    wait_for_flag(&r.registered);
    rcu_synchronize();
    rcu_postpone(set_flag, &ran);
    rcu_barrier();
    assert_true(atomic_load(&ran));
    atomic_store(&r.stop, true);
    pthread_join(thread, NULL);
}

static void *
register_and_exit_main(void *arg)
{
    (void) arg;
    rcu_register_thread();
    return NULL;
}

static void
test_thread_exiting_registered_is_unregistered(void **state)
{
    pthread_t thread;
    (void) state;

    pthread_create(&thread, NULL, register_and_exit_main, NULL);
    pthread_join(thread, NULL);
    rcu_synchronize();
}

static void
test_synchronize_on_registered_thread_counts_it_quiescent(void **state)
{
    atomic_bool ran = false;
    (void) state;

    rcu_register_thread();
    rcu_register_thread(); /* Harmless. */
    rcu_synchronize();
    rcu_postpone(set_flag, &ran);
    rcu_barrier();
    assert_true(atomic_load(&ran));

    /* Still online: a callback postponed now waits for this thread. */
    rcu_quiesce();
    rcu_unregister_thread();
    rcu_unregister_thread(); /* Harmless. */
}

#define N_CALLBACKS 10000

struct order_log {
    int next;      /* Only the RCU thread writes it. */
    bool in_order; /* Likewise. */
};

struct order_entry {
    struct order_log *log;
    int seq;
};

static struct order_entry order_entries[N_CALLBACKS];

static void
log_order(void *e_)
{
    struct order_entry *e = e_;

    if (e->seq != e->log->next++) {
        e->log->in_order = false;
    }
}

static void
test_barrier_runs_every_earlier_callback_in_order(void **state)
{
    struct order_log log = {0, true};
    (void) state;

    for (int i = 0; i < N_CALLBACKS; i++) {
        order_entries[i] = (struct order_entry){&log, i};
        rcu_postpone(log_order, &order_entries[i]);
    }
    rcu_barrier();
    assert_int_equal(log.next, N_CALLBACKS);
    assert_true(log.in_order);
}

static void
postpone_again(void *flag)
{
    rcu_postpone(set_flag, flag);
}

static void
test_callback_may_postpone_another(void **state)
{
    atomic_bool ran = false;
    (void) state;

    rcu_postpone(postpone_again, &ran);
    rcu_barrier(); /* Runs postpone_again... */
    rcu_barrier(); /* ...and then what it postponed. */
    assert_true(atomic_load(&ran));
}

/* Many readers dereference a shared object that the writer keeps
 * replacing; the old one is poisoned and freed after a grace period.  A
 * reader that sees a poisoned object, or (under ASan) touches a freed one,
 * proves that a callback ran too early. */
#define N_READERS 16
#define ALIVE 0x600dULL
#define DEAD 0xdeadULL

struct shared_obj {
    uint64_t magic;
    uint64_t serial;
};

static struct shared_obj *shared;
static atomic_bool readers_stop;
static atomic_int readers_errors;
static atomic_long readers_reads;

static void *
busy_reader_main(void *arg)
{
    uint64_t last_serial = 0;
    long n = 0;

    rcu_register_thread();
    for (unsigned i = 0; !atomic_load(&readers_stop); i++) {
        const struct shared_obj *obj = rcu_get(shared);

        /* Hold the object across a few loads, and across a pause. */
        for (int j = 0; j < 8; j++) {
            if (__atomic_load_n(&obj->magic, __ATOMIC_RELAXED) != ALIVE) {
                atomic_fetch_add(&readers_errors, 1);
            }
        }
        if (obj->serial < last_serial) {
            atomic_fetch_add(&readers_errors, 1);
        }
        last_serial = obj->serial;
        n++;
        if ((uintptr_t) arg % 2 && i % 64 == 0) {
            /* Half of the readers go offline now and then. */
            rcu_thread_offline();
            sleep_ms(1);
            rcu_thread_online();
        } else {
            rcu_quiesce();
        }
    }
    atomic_fetch_add(&readers_reads, n);
    rcu_unregister_thread();
    return NULL;
}

static void
poison_and_free(void *obj_)
{
    struct shared_obj *obj = obj_;

    __atomic_store_n(&obj->magic, DEAD, __ATOMIC_RELAXED);
    free(obj);
}

static void
test_many_readers_never_see_freed_object(void **state)
{
    pthread_t threads[N_READERS];
    (void) state;

    shared = xzalloc(sizeof *shared);
    shared->magic = ALIVE;
    atomic_store(&readers_stop, false);
    atomic_store(&readers_errors, 0);
    atomic_store(&readers_reads, 0);
    for (uintptr_t i = 0; i < N_READERS; i++) {
        pthread_create(&threads[i], NULL, busy_reader_main, (void *) i);
    }
    for (uint64_t serial = 1; serial <= 20000; serial++) {
        struct shared_obj *old = shared;
        struct shared_obj *new = xmalloc(sizeof *new);

        new->magic = ALIVE;
        new->serial = serial;
        rcu_set(shared, new);
        if (serial % 1000 == 0) {
            /* The other way to free: wait, then free directly. */
            rcu_synchronize();
            poison_and_free(old);
        } else {
            rcu_postpone(poison_and_free, old);
        }
    }
    atomic_store(&readers_stop, true);
    for (int i = 0; i < N_READERS; i++) {
        pthread_join(threads[i], NULL);
    }
    rcu_barrier();
    free(shared);
    assert_int_equal(atomic_load(&readers_errors), 0);
    assert_true(atomic_load(&readers_reads) > 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_callback_waits_for_online_reader_to_quiesce),
        cmocka_unit_test(test_offline_reader_does_not_delay_grace_periods),
        cmocka_unit_test(test_thread_exiting_registered_is_unregistered),
        cmocka_unit_test(
            test_synchronize_on_registered_thread_counts_it_quiescent),
        cmocka_unit_test(test_barrier_runs_every_earlier_callback_in_order),
        cmocka_unit_test(test_callback_may_postpone_another),
        cmocka_unit_test(test_many_readers_never_see_freed_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
