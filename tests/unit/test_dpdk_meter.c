/* Tests for the DPDK datapath's meters (datapath/dpif_dpdk_meter.c), on
 * rte_meter token buckets timed by the real TSC.
 *
 * EAL starts once, without hugepages or PCI devices, for the TSC's
 * frequency.  Meters change only while no other thread runs them, so the
 * test defines the RCU variable and a dpdk_rcu_synchronize() that does
 * nothing, in place of dpif_dpdk.c's.
 * Each test gets a struct dpif_dpdk of its own with only what the meters
 * use: the mutex and the meter table.
 *
 * One test runs a meter from several threads at once, as PMDs do.
 *
 * The clock cannot be stopped, so rates are low enough (a few packets or
 * bytes per second) that the time between setting a meter and running it
 * adds no token; the refill test measures the TSC around its runs and
 * checks the count against what that time is worth. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_pause.h>

#include "datapath/dp_packet.h"
#include "datapath/dpif.h"
#include "datapath/dpif_dpdk_private.h"
#include "lib/util.h"

/* What dpif_dpdk.c provides in the datapath. */
struct rte_rcu_qsbr *dpdk_rcu = NULL;

void
dpdk_rcu_synchronize(void)
{
}

#define FRAME_LEN 60

/* The CPUs the test may run on, before EAL pins this thread to one. */
static cpu_set_t all_cpus;

/* Packets
 * ------- */

/* Fills 'b' with 'n' packets of 'sizes[i]' bytes each ('sizes' NULL:
 * FRAME_LEN bytes) and records them in 'orig' if it is nonnull. */
static void
fill_batch(struct dp_packet_batch *b, size_t n, const size_t *sizes,
           struct dp_packet **orig)
{
    static const uint8_t bytes[1514];

    dp_packet_batch_init(b);
    for (size_t i = 0; i < n; i++) {
        size_t size = sizes ? sizes[i] : FRAME_LEN;
        struct dp_packet *p = dp_packet_new_with_data(bytes, size);

        assert_int_equal(dp_packet_batch_add(b, p), 0);
        if (orig) {
            orig[i] = p;
        }
    }
}

/* Runs meter 'id' on a batch of 'n' packets of FRAME_LEN bytes and
 * returns how many passed. */
static size_t
run(struct dpif_dpdk *dp, uint32_t id, size_t n)
{
    struct dp_packet_batch b;
    size_t passed;

    fill_batch(&b, n, NULL, NULL);
    dpdk_meter_run(dp->meters, id, &b);
    passed = b.count;
    dp_packet_batch_delete_all(&b);
    return passed;
}

/* Sets meter 'id' to one band of 'rate' and 'burst' in the unit 'flags'
 * says. */
static void
set_one_band(struct dpif_dpdk *dp, uint32_t id, uint32_t flags, uint32_t rate,
             uint32_t burst)
{
    struct dpif_meter_config mc = {
        .flags = flags,
        .n_bands = 1,
        .bands = {{.rate = rate, .burst_size = burst}},
    };

    assert_int_equal(dpdk_meter_set(&dp->up, id, &mc), 0);
}

/* Spins until 'cycles' TSC cycles have passed since 'start'. */
static void
spin_until(uint64_t start, uint64_t cycles)
{
    while (rte_get_tsc_cycles() - start < cycles) {
        rte_pause();
    }
}

/* Fixtures
 * -------- */

static int
setup_suite(void **state)
{
    char prefix[64];
    char *argv[] = {
        "test_dpdk_meter",
        "--no-huge",
        "--no-pci",
        "--no-shconf",
        "-m",
        "64",
        "--log-level=*:error",
        "--no-telemetry",
        prefix,
        NULL,
    };

    (void) state;
    sched_getaffinity(0, sizeof all_cpus, &all_cpus);
    snprintf(prefix, sizeof prefix, "--file-prefix=pont_meter_test_%d",
             (int) getpid());
    if (rte_eal_init(ARRAY_SIZE(argv) - 1, argv) < 0) {
        fprintf(stderr, "EAL did not start: %s\n", rte_strerror(rte_errno));
        return -1;
    }
    /* With --no-shconf and --no-telemetry EAL puts nothing in its runtime
     * directory, but creates it: remove it now, so that not even a crash
     * leaves it behind. */
    rmdir(rte_eal_get_runtime_dir());
    return 0;
}

static int
teardown_suite(void **state)
{
    (void) state;
    rte_eal_cleanup();
    return 0;
}

static int
setup_dp(void **state)
{
    struct dpif_dpdk *dp = calloc(1, sizeof *dp);

    assert_non_null(dp);
    pthread_mutex_init(&dp->mutex, NULL);
    dp->meters = dpdk_meters_create();
    *state = dp;
    return 0;
}

static int
teardown_dp(void **state)
{
    struct dpif_dpdk *dp = *state;

    dpdk_meters_destroy(dp->meters);
    pthread_mutex_destroy(&dp->mutex);
    free(dp);
    return 0;
}

/* Tests
 * ----- */

static void
test_missing_meter_passes_everything(void **state)
{
    struct dpif_dpdk *dp = *state;
    struct dp_packet *orig[DP_PACKET_BATCH_MAX];
    struct dpif_meter_stats ms;
    struct dp_packet_batch b;

    /* No meter at all, then a table that lacks the one asked for. */
    assert_int_equal(run(dp, 5, DP_PACKET_BATCH_MAX), DP_PACKET_BATCH_MAX);
    set_one_band(dp, 4, DPIF_METER_PKTPS, 1, 0);
    set_one_band(dp, 6, DPIF_METER_PKTPS, 1, 0);
    fill_batch(&b, DP_PACKET_BATCH_MAX, NULL, orig);
    dpdk_meter_run(dp->meters, 5, &b);
    assert_int_equal(b.count, DP_PACKET_BATCH_MAX);
    for (size_t i = 0; i < b.count; i++) {
        assert_ptr_equal(b.packets[i], orig[i]);
    }
    dp_packet_batch_delete_all(&b);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 5, &ms), -ENOENT);
    assert_int_equal(dpdk_meter_del(&dp->up, 5), -ENOENT);
}

static void
test_meter_without_bands_passes_and_counts(void **state)
{
    struct dpif_dpdk *dp = *state;
    struct dpif_meter_config mc = {.flags = DPIF_METER_KBPS};
    struct dpif_meter_stats ms;

    assert_int_equal(dpdk_meter_set(&dp->up, 1, &mc), 0);
    assert_int_equal(run(dp, 1, 10), 10);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 1, &ms), 0);
    assert_int_equal(ms.n_bands, 0);
    assert_int_equal(ms.packet_in_count, 10);
    assert_int_equal(ms.byte_in_count, 10 * FRAME_LEN);
}

static void
test_pktps_band_passes_its_burst_then_drops(void **state)
{
    struct dpif_dpdk *dp = *state;
    struct dp_packet *orig[DP_PACKET_BATCH_MAX];
    struct dp_packet_batch b;

    set_one_band(dp, 7, DPIF_METER_PKTPS | DPIF_METER_BURST, 1, 5);
    fill_batch(&b, DP_PACKET_BATCH_MAX, NULL, orig);
    dpdk_meter_run(dp->meters, 7, &b);

    /* The first five, in order; the rest were freed (ASan checks). */
    assert_int_equal(b.count, 5);
    for (size_t i = 0; i < b.count; i++) {
        assert_ptr_equal(b.packets[i], orig[i]);
    }
    dp_packet_batch_delete_all(&b);
    assert_int_equal(run(dp, 7, DP_PACKET_BATCH_MAX), 0);
}

static void
test_default_burst_is_one_second_at_the_rate(void **state)
{
    struct dpif_dpdk *dp = *state;

    /* No DPIF_METER_BURST: the burst size given does not count. */
    set_one_band(dp, 1, DPIF_METER_PKTPS, 3, 10);
    assert_int_equal(run(dp, 1, DP_PACKET_BATCH_MAX), 3);
    /* DPIF_METER_BURST with a burst of 0. */
    set_one_band(dp, 2, DPIF_METER_PKTPS | DPIF_METER_BURST, 3, 0);
    assert_int_equal(run(dp, 2, DP_PACKET_BATCH_MAX), 3);
    /* kbps: 1 kbit/s is 125 bytes/s, two 60-byte frames. */
    set_one_band(dp, 3, DPIF_METER_KBPS, 1, 0);
    assert_int_equal(run(dp, 3, DP_PACKET_BATCH_MAX), 2);
}

static void
test_kbps_band_drops_by_bytes(void **state)
{
    /* 5 kbit = 625 bytes: six 100-byte frames (600) pass, the seventh does
     * not, a 20-byte frame fits in the 25 bytes left, the last does not. */
    static const size_t sizes[] = {100, 100, 100, 100, 100, 100, 100, 20, 100};
    struct dpif_dpdk *dp = *state;
    struct dp_packet *orig[ARRAY_SIZE(sizes)];
    struct dpif_meter_stats ms;
    struct dp_packet_batch b;

    set_one_band(dp, 1, DPIF_METER_KBPS | DPIF_METER_BURST, 1, 5);
    fill_batch(&b, ARRAY_SIZE(sizes), sizes, orig);
    dpdk_meter_run(dp->meters, 1, &b);
    assert_int_equal(b.count, 7);
    for (size_t i = 0; i < 6; i++) {
        assert_ptr_equal(b.packets[i], orig[i]);
    }
    assert_ptr_equal(b.packets[6], orig[7]);
    dp_packet_batch_delete_all(&b);

    assert_int_equal(dpdk_meter_get_stats(&dp->up, 1, &ms), 0);
    assert_int_equal(ms.band_packets[0], 2);
    assert_int_equal(ms.band_bytes[0], 200);
}

/* Runs 6 packets at once through a meter with a 1/s band of burst 2 and a
 * 2/s band of burst 4, listed in 'order' (0: the 1/s band first). */
static void
check_two_bands(struct dpif_dpdk *dp, int order)
{
    const struct dpif_meter_band slow = {.rate = 1, .burst_size = 2};
    const struct dpif_meter_band fast = {.rate = 2, .burst_size = 4};
    struct dpif_meter_config mc = {
        .flags = DPIF_METER_PKTPS | DPIF_METER_BURST,
        .n_bands = 2,
    };
    struct dp_packet *orig[6];
    struct dpif_meter_stats ms;
    struct dp_packet_batch b;
    uint32_t id = 10 + order;

    mc.bands[order] = slow;
    mc.bands[!order] = fast;
    assert_int_equal(dpdk_meter_set(&dp->up, id, &mc), 0);
    fill_batch(&b, 6, NULL, orig);
    dpdk_meter_run(dp->meters, id, &b);

    /* Packets 1-2 fit both bands; 3-4 exceed only the 1/s band, which
     * drops them; 5-6 exceed both, and the 2/s band drops them. */
    assert_int_equal(b.count, 2);
    assert_ptr_equal(b.packets[0], orig[0]);
    assert_ptr_equal(b.packets[1], orig[1]);
    dp_packet_batch_delete_all(&b);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, id, &ms), 0);
    assert_int_equal(ms.n_bands, 2);
    assert_int_equal(ms.band_packets[order], 2);
    assert_int_equal(ms.band_packets[!order], 2);
    assert_int_equal(ms.band_bytes[order], 2 * FRAME_LEN);
    assert_int_equal(ms.band_bytes[!order], 2 * FRAME_LEN);
}

static void
test_drop_counts_on_highest_rate_band_exceeded(void **state)
{
    check_two_bands(*state, 0);
    check_two_bands(*state, 1);
}

/* Empties meter 'id' of a pktps band with a refill rate of 1000/s: runs
 * batches until one drops.  Returns the TSC time after that run. */
static uint64_t
drain(struct dpif_dpdk *dp, uint32_t id)
{
    while (run(dp, id, DP_PACKET_BATCH_MAX) == DP_PACKET_BATCH_MAX) {
        continue;
    }
    return rte_get_tsc_cycles();
}

static void
test_tokens_refill_with_time(void **state)
{
    const uint64_t rate = 1000, burst = 20; /* Packets/s, packets. */
    struct dpif_dpdk *dp = *state;
    uint64_t hz = rte_get_tsc_hz();
    uint64_t start, emptied, before, after;
    uint64_t min_tokens, max_tokens;
    size_t passed;

    set_one_band(dp, 1, DPIF_METER_PKTPS | DPIF_METER_BURST, rate, burst);
    start = rte_get_tsc_cycles();
    emptied = drain(dp, 1);

    /* 5 ms at 1000/s: 5 tokens, more if this thread was preempted.  The
     * meter read its clock between 'start' and 'emptied', then between
     * 'before' and 'after'; less than a token was left over. */
    spin_until(emptied, hz / 200);
    before = rte_get_tsc_cycles();
    passed = run(dp, 1, DP_PACKET_BATCH_MAX);
    after = rte_get_tsc_cycles();
    min_tokens = (before - emptied) * rate / hz;
    max_tokens = (after - start) * rate / hz + 2;
    assert_true(min_tokens >= 5);
    assert_in_range(passed, RTE_MIN(min_tokens, burst),
                    RTE_MIN(max_tokens, burst));

    /* 50 ms are worth 50 tokens, but the bucket holds only its burst. */
    emptied = drain(dp, 1);
    spin_until(emptied, hz / 20);
    assert_int_equal(run(dp, 1, DP_PACKET_BATCH_MAX), burst);
}

static void
test_deleted_meter_passes_everything(void **state)
{
    struct dpif_dpdk *dp = *state;
    struct dpif_meter_stats ms;

    set_one_band(dp, 3, DPIF_METER_PKTPS | DPIF_METER_BURST, 1, 1);
    assert_int_equal(run(dp, 3, 4), 1);
    assert_int_equal(dpdk_meter_del(&dp->up, 3), 0);
    assert_int_equal(run(dp, 3, 4), 4);
    assert_int_equal(dpdk_meter_del(&dp->up, 3), -ENOENT);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 3, &ms), -ENOENT);
}

static void
test_stats_count_packets_and_bytes_in(void **state)
{
    static const size_t sizes[] = {60, 64, 1514, 128, 60};
    struct dpif_dpdk *dp = *state;
    struct dpif_meter_stats ms;
    struct dp_packet_batch b;

    /* 20 kbit = 2500 bytes: 60 + 64 + 1514 + 128 + 60 = 1826 fit. */
    set_one_band(dp, 9, DPIF_METER_KBPS | DPIF_METER_BURST, 1, 20);
    for (int round = 0; round < 2; round++) {
        fill_batch(&b, ARRAY_SIZE(sizes), sizes, NULL);
        dpdk_meter_run(dp->meters, 9, &b);
        dp_packet_batch_delete_all(&b);
    }
    /* The second round: 674 bytes left, 60 + 64 + (1514 no) + 128 + 60
     * pass; only the 1514-byte frame is dropped. */
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 9, &ms), 0);
    assert_int_equal(ms.n_bands, 1);
    assert_int_equal(ms.packet_in_count, 10);
    assert_int_equal(ms.byte_in_count, 2 * 1826);
    assert_int_equal(ms.band_packets[0], 1);
    assert_int_equal(ms.band_bytes[0], 1514);
}

static void
test_replacing_a_meter_starts_it_over(void **state)
{
    struct dpif_dpdk *dp = *state;
    struct dpif_meter_stats ms;

    set_one_band(dp, 2, DPIF_METER_PKTPS | DPIF_METER_BURST, 1, 3);
    assert_int_equal(run(dp, 2, 8), 3);
    /* Full buckets of the new burst, and no statistics of the old one. */
    set_one_band(dp, 2, DPIF_METER_PKTPS | DPIF_METER_BURST, 1, 5);
    assert_int_equal(run(dp, 2, 8), 5);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 2, &ms), 0);
    assert_int_equal(ms.packet_in_count, 8);
    assert_int_equal(ms.band_packets[0], 3);
}

/* Checks the sorted table against the trivial truth: meter 'id' exists
 * iff 'present(id)', and passes (id % 5) + 1 packets of its first batch. */
static void
test_many_meters_are_found_by_id(void **state)
{
    enum { N = 97 }; /* Prime: i * 37 % N visits every i once. */
    struct dpif_dpdk *dp = *state;
    uint32_t ids[N];

    for (uint32_t i = 0; i < N; i++) {
        ids[i] = i == N - 1 ? 0xffff0000 : 1 + i * 1000;
    }
    for (uint32_t i = 0; i < N; i++) {
        uint32_t id = ids[i * 37 % N];

        set_one_band(dp, id, DPIF_METER_PKTPS | DPIF_METER_BURST, 1,
                     id % 5 + 1);
    }
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(run(dp, ids[i], 8), ids[i] % 5 + 1);
        assert_int_equal(run(dp, ids[i] + 1, 8), 8); /* Between two. */
    }

    /* Delete every other one, in another order. */
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k = i * 53 % N;

        if (k % 2 == 0) {
            assert_int_equal(dpdk_meter_del(&dp->up, ids[k]), 0);
        }
    }
    for (uint32_t i = 0; i < N; i++) {
        struct dpif_meter_stats ms;
        int error = dpdk_meter_get_stats(&dp->up, ids[i], &ms);

        if (i % 2 == 0) {
            assert_int_equal(error, -ENOENT);
            assert_int_equal(run(dp, ids[i], 8), 8);
        } else {
            assert_int_equal(error, 0);
            assert_int_equal(ms.packet_in_count, 8);
        }
    }
}

/* Threads that share a meter, as PMDs do. */
#define N_SHARER_BATCHES 2000
struct sharer {
    struct dpif_dpdk *dp;
    size_t passed;
};

static void *
sharer_main(void *sharer_)
{
    struct sharer *sharer = sharer_;

    /* On every CPU, so that the threads really run at the same time. */
    pthread_setaffinity_np(pthread_self(), sizeof all_cpus, &all_cpus);
    for (int i = 0; i < N_SHARER_BATCHES; i++) {
        sharer->passed += run(sharer->dp, 1, DP_PACKET_BATCH_MAX);
    }
    return NULL;
}

static void
test_threads_sharing_a_meter_pass_its_burst_once(void **state)
{
    enum { N_THREADS = 4 };
    struct dpif_dpdk *dp = *state;
    struct sharer sharers[N_THREADS];
    pthread_t threads[N_THREADS];
    struct dpif_meter_stats ms;
    uint64_t start, seconds;
    size_t passed = 0;

    /* 1 packet/s: the burst of 1000 is all that passes in well under a
     * second (one more per second that the threads take). */
    set_one_band(dp, 1, DPIF_METER_PKTPS | DPIF_METER_BURST, 1, 1000);
    start = rte_get_tsc_cycles();
    for (int i = 0; i < N_THREADS; i++) {
        sharers[i] = (struct sharer){.dp = dp};
        assert_int_equal(
            pthread_create(&threads[i], NULL, sharer_main, &sharers[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(threads[i], NULL);
        passed += sharers[i].passed;
    }
    seconds = (rte_get_tsc_cycles() - start) / rte_get_tsc_hz();

    assert_in_range(passed, 1000, 1000 + seconds + 1);
    assert_int_equal(dpdk_meter_get_stats(&dp->up, 1, &ms), 0);
    assert_int_equal(ms.packet_in_count,
                     N_THREADS * N_SHARER_BATCHES * DP_PACKET_BATCH_MAX);
    assert_int_equal(ms.band_packets[0], ms.packet_in_count - passed);
}

#define METER_TEST(f) cmocka_unit_test_setup_teardown(f, setup_dp, teardown_dp)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        METER_TEST(test_missing_meter_passes_everything),
        METER_TEST(test_meter_without_bands_passes_and_counts),
        METER_TEST(test_pktps_band_passes_its_burst_then_drops),
        METER_TEST(test_default_burst_is_one_second_at_the_rate),
        METER_TEST(test_kbps_band_drops_by_bytes),
        METER_TEST(test_drop_counts_on_highest_rate_band_exceeded),
        METER_TEST(test_tokens_refill_with_time),
        METER_TEST(test_deleted_meter_passes_everything),
        METER_TEST(test_stats_count_packets_and_bytes_in),
        METER_TEST(test_replacing_a_meter_starts_it_over),
        METER_TEST(test_many_meters_are_found_by_id),
        METER_TEST(test_threads_sharing_a_meter_pass_its_burst_once),
    };

    return cmocka_run_group_tests(tests, setup_suite, teardown_suite);
}
