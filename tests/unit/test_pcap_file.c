/* Unit tests for lib/pcap_file.h: reading classic pcap capture files.
 *
 * Each test builds its capture byte by byte, in the byte order it is about,
 * writes it into a private temporary directory and reads it back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/pcap_file.h"

#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du
#define LINKTYPE_ETHERNET 1
#define LINKTYPE_LINUX_SLL 113

/* The directory every test writes into; removed after the last test. */
static char tmp_dir[] = "/tmp/pont-test-pcap-XXXXXX";

/* A capture file under construction. */
struct image {
    uint8_t *data;
    size_t len;
    bool big_endian;
};

static void
put_bytes(struct image *img, const void *p, size_t n)
{
    if (!n) {
        return;
    }
    img->data = realloc(img->data, img->len + n);
    assert_non_null(img->data);
    memcpy(img->data + img->len, p, n);
    img->len += n;
}

static void
put_u16(struct image *img, uint16_t v)
{
    uint8_t b[2];

    if (img->big_endian) {
        b[0] = v >> 8;
        b[1] = v;
    } else {
        b[0] = v;
        b[1] = v >> 8;
    }
    put_bytes(img, b, sizeof b);
}

static void
put_u32(struct image *img, uint32_t v)
{
    uint8_t b[4];

    for (int i = 0; i < 4; i++) {
        int shift = img->big_endian ? 24 - 8 * i : 8 * i;
        b[i] = (uint8_t) (v >> shift);
    }
    put_bytes(img, b, sizeof b);
}

static void
put_file_header(struct image *img, uint32_t magic, uint32_t link_type)
{
    put_u32(img, magic);
    put_u16(img, 2); /* Version 2.4. */
    put_u16(img, 4);
    put_u32(img, 0);     /* This zone. */
    put_u32(img, 0);     /* Sigfigs. */
    put_u32(img, 65535); /* Snaplen. */
    put_u32(img, link_type);
}

static void
put_record_header(struct image *img, uint32_t sec, uint32_t frac,
                  uint32_t caplen, uint32_t len)
{
    put_u32(img, sec);
    put_u32(img, frac);
    put_u32(img, caplen);
    put_u32(img, len);
}

static void
put_record(struct image *img, uint32_t sec, uint32_t frac, const void *data,
           uint32_t caplen, uint32_t len)
{
    put_record_header(img, sec, frac, caplen, len);
    put_bytes(img, data, caplen);
}

/* Writes 'img' to a new file named 'name' in the temporary directory,
 * frees it, and returns the file's path (static storage). */
static const char *
write_image(struct image *img, const char *name)
{
    static char path[PATH_MAX];
    FILE *file;

    snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
    file = fopen(path, "wb");
    assert_non_null(file);
    if (img->len) {
        assert_int_equal(fwrite(img->data, 1, img->len, file), img->len);
    }
    assert_int_equal(fclose(file), 0);
    free(img->data);
    img->data = NULL;
    img->len = 0;
    return path;
}

static struct pcap_reader *
open_ok(const char *path)
{
    int error = 12345;
    struct pcap_reader *r = pcap_reader_open(path, &error);

    assert_non_null(r);
    assert_int_equal(error, 0);
    return r;
}

/* Writes 'img' as file 'name' and checks that its first record fails to read
 * with 'expected'. */
static void
expect_first_record_error(struct image *img, const char *name, int expected)
{
    struct pcap_reader *r = open_ok(write_image(img, name));
    struct pcap_record rec;

    assert_int_equal(pcap_reader_next(r, &rec), expected);
    pcap_reader_close(r);
}

static int
create_tmp_dir(void **state)
{
    (void) state;
    return mkdtemp(tmp_dir) ? 0 : -1;
}

static int
remove_tmp_dir(void **state)
{
    char path[PATH_MAX];
    struct dirent *de;
    DIR *dir;

    (void) state;
    dir = opendir(tmp_dir);
    if (!dir) {
        return -1;
    }
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", tmp_dir, de->d_name);
            unlink(path);
        }
    }
    closedir(dir);
    return rmdir(tmp_dir);
}

/* Two frames of different sizes, the second truncated by the snapshot
 * length, read back from a file in the given byte order and precision. */
static void
check_two_records(bool big_endian, uint32_t magic, const char *name)
{
    static const uint8_t frame1[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x11, 0x22,
        0x33, 0x44, 0x55, 0x08, 0x06, 0x00, 0x01, 0x08, 0x00,
    };
    uint8_t frame2[64];
    struct image img = {.big_endian = big_endian};
    bool nsec = magic == MAGIC_NSEC;
    struct pcap_record rec;
    struct pcap_reader *r;

    for (size_t i = 0; i < sizeof frame2; i++) {
        frame2[i] = (uint8_t) (i * 7 + 3);
    }
    put_file_header(&img, magic, LINKTYPE_ETHERNET);
    put_record(&img, 1700000000, nsec ? 123456789 : 123456, frame1,
               sizeof frame1, sizeof frame1);
    put_record(&img, 1700000001, nsec ? 999999999 : 999999, frame2,
               sizeof frame2, 1514);
    r = open_ok(write_image(&img, name));

    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, sizeof frame1);
    assert_int_equal(rec.len, sizeof frame1);
    assert_memory_equal(rec.data, frame1, sizeof frame1);
    assert_true(rec.ts_ns
                == (nsec ? UINT64_C(1700000000123456789)
                         : UINT64_C(1700000000123456000)));

    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, sizeof frame2);
    assert_int_equal(rec.len, 1514);
    assert_memory_equal(rec.data, frame2, sizeof frame2);
    assert_true(rec.ts_ns
                == (nsec ? UINT64_C(1700000001999999999)
                         : UINT64_C(1700000001999999000)));

    assert_int_equal(pcap_reader_next(r, &rec), 0);
    pcap_reader_close(r);
}

static void
test_little_endian_microsecond_file_is_read(void **state)
{
    (void) state;
    check_two_records(false, MAGIC_USEC, "le-usec.pcap");
}

static void
test_big_endian_microsecond_file_is_read(void **state)
{
    (void) state;
    check_two_records(true, MAGIC_USEC, "be-usec.pcap");
}

static void
test_little_endian_nanosecond_file_is_read(void **state)
{
    (void) state;
    check_two_records(false, MAGIC_NSEC, "le-nsec.pcap");
}

static void
test_big_endian_nanosecond_file_is_read(void **state)
{
    (void) state;
    check_two_records(true, MAGIC_NSEC, "be-nsec.pcap");
}

static void
test_file_with_no_records_yields_eof(void **state)
{
    struct image img = {0};
    struct pcap_record rec;
    struct pcap_reader *r;
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    r = open_ok(write_image(&img, "empty.pcap"));
    assert_int_equal(pcap_reader_next(r, &rec), 0);
    /* End of file stays end of file. */
    assert_int_equal(pcap_reader_next(r, &rec), 0);
    pcap_reader_close(r);
}

static void
test_file_ending_inside_record_data_yields_enodata(void **state)
{
    static const uint8_t partial[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    struct image img = {0};
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record_header(&img, 1, 0, 60, 60);
    put_bytes(&img, partial, sizeof partial);
    expect_first_record_error(&img, "short-data.pcap", -ENODATA);
}

static void
test_file_ending_after_record_header_yields_enodata(void **state)
{
    struct image img = {0};
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record_header(&img, 1, 0, 60, 60);
    expect_first_record_error(&img, "no-data.pcap", -ENODATA);
}

static void
test_file_ending_inside_record_header_yields_enodata(void **state)
{
    struct image img = {0};
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_u32(&img, 1); /* Seconds, then nothing. */
    put_u32(&img, 0);
    expect_first_record_error(&img, "short-header.pcap", -ENODATA);
}

static void
test_caplen_above_maximum_yields_ebadmsg(void **state)
{
    struct image img = {.big_endian = true};
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record_header(&img, 1, 0, PCAP_MAX_RECORD_LEN + 1, 60);
    expect_first_record_error(&img, "huge-caplen.pcap", -EBADMSG);

    /* A byte-swapped small length (here 60 read in the wrong order) is the
     * typical corruption this guards against. */
    img.big_endian = false;
    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record_header(&img, 1, 0, 0x3c000000, 60);
    expect_first_record_error(&img, "swapped-caplen.pcap", -EBADMSG);
}

static void
test_caplen_at_maximum_is_accepted(void **state)
{
    uint8_t *frame = malloc(PCAP_MAX_RECORD_LEN);
    struct image img = {0};
    struct pcap_record rec;
    struct pcap_reader *r;
    (void) state;

    assert_non_null(frame);
    for (size_t i = 0; i < PCAP_MAX_RECORD_LEN; i++) {
        frame[i] = (uint8_t) (i ^ (i >> 8));
    }
    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record(&img, 2, 0, frame, PCAP_MAX_RECORD_LEN, PCAP_MAX_RECORD_LEN);
    r = open_ok(write_image(&img, "max-caplen.pcap"));
    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, PCAP_MAX_RECORD_LEN);
    assert_memory_equal(rec.data, frame, PCAP_MAX_RECORD_LEN);
    assert_int_equal(pcap_reader_next(r, &rec), 0);
    pcap_reader_close(r);
    free(frame);
}

static void
test_pcapng_file_is_refused_with_pcapng_message(void **state)
{
    struct image img = {0};
    struct pcap_reader *r;
    int error = 0;
    (void) state;

    /* Section Header Block: type, length, byte-order magic, version 1.0,
     * section length -1, length again. */
    put_u32(&img, 0x0a0d0d0a);
    put_u32(&img, 28);
    put_u32(&img, 0x1a2b3c4d);
    put_u16(&img, 1);
    put_u16(&img, 0);
    put_u32(&img, 0xffffffff);
    put_u32(&img, 0xffffffff);
    put_u32(&img, 28);
    r = pcap_reader_open(write_image(&img, "capture.pcapng"), &error);
    assert_null(r);
    assert_true(error < 0);
    assert_non_null(strstr(pcap_strerror(error), "pcapng"));
}

static void
test_unknown_magic_is_refused(void **state)
{
    struct image img = {0};
    struct pcap_reader *r;
    int error = 0;
    (void) state;

    put_file_header(&img, 0xa1b2c3d5, LINKTYPE_ETHERNET);
    r = pcap_reader_open(write_image(&img, "bad-magic.pcap"), &error);
    assert_null(r);
    assert_true(error < 0);
    /* Not mistaken for a pcapng file. */
    assert_null(strstr(pcap_strerror(error), "pcapng"));
}

static void
test_non_ethernet_link_type_is_refused(void **state)
{
    struct image img = {0};
    struct pcap_reader *r;
    int error = 0;
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_LINUX_SLL);
    r = pcap_reader_open(write_image(&img, "sll.pcap"), &error);
    assert_null(r);
    assert_true(error < 0);

    /* The same in the other byte order: the link type must be swapped
     * before it is checked. */
    img.big_endian = true;
    put_file_header(&img, MAGIC_NSEC, LINKTYPE_LINUX_SLL);
    error = 0;
    r = pcap_reader_open(write_image(&img, "sll-be.pcap"), &error);
    assert_null(r);
    assert_true(error < 0);
}

static void
test_file_shorter_than_header_is_refused(void **state)
{
    struct image img = {0};
    struct pcap_reader *r;
    int error = 0;
    (void) state;

    put_u32(&img, MAGIC_USEC);
    put_u16(&img, 2);
    r = pcap_reader_open(write_image(&img, "short-header-file.pcap"), &error);
    assert_null(r);
    assert_true(error < 0);

    /* write_image() emptied 'img', so this file has no bytes at all. */
    error = 0;
    r = pcap_reader_open(write_image(&img, "zero-bytes.pcap"), &error);
    assert_null(r);
    assert_true(error < 0);
    assert_non_null(strstr(pcap_strerror(error), "not a pcap capture file"));
}

static void
test_missing_file_yields_enoent(void **state)
{
    char path[PATH_MAX];
    int error = 0;
    (void) state;

    snprintf(path, sizeof path, "%s/does-not-exist.pcap", tmp_dir);
    assert_null(pcap_reader_open(path, &error));
    assert_int_equal(error, -ENOENT);
}

static void
test_close_of_null_is_noop(void **state)
{
    (void) state;
    pcap_reader_close(NULL);
}

static void
test_zero_length_record_is_empty_packet(void **state)
{
    static const uint8_t frame[] = {0xde, 0xad, 0xbe, 0xef};
    struct image img = {0};
    struct pcap_record rec;
    struct pcap_reader *r;
    (void) state;

    put_file_header(&img, MAGIC_USEC, LINKTYPE_ETHERNET);
    put_record(&img, 5, 6, NULL, 0, 0);
    put_record(&img, 7, 8, frame, sizeof frame, sizeof frame);
    put_record(&img, 9, 10, NULL, 0, 60);
    r = open_ok(write_image(&img, "zero-length.pcap"));

    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, 0);
    assert_int_equal(rec.len, 0);
    assert_non_null(rec.data);
    assert_true(rec.ts_ns == UINT64_C(5000006000));

    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, sizeof frame);
    assert_memory_equal(rec.data, frame, sizeof frame);
    assert_true(rec.ts_ns == UINT64_C(7000008000));

    assert_int_equal(pcap_reader_next(r, &rec), 1);
    assert_int_equal(rec.caplen, 0);
    assert_int_equal(rec.len, 60);
    assert_true(rec.ts_ns == UINT64_C(9000010000));

    assert_int_equal(pcap_reader_next(r, &rec), 0);
    pcap_reader_close(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_little_endian_microsecond_file_is_read),
        cmocka_unit_test(test_big_endian_microsecond_file_is_read),
        cmocka_unit_test(test_little_endian_nanosecond_file_is_read),
        cmocka_unit_test(test_big_endian_nanosecond_file_is_read),
        cmocka_unit_test(test_file_with_no_records_yields_eof),
        cmocka_unit_test(test_file_ending_inside_record_data_yields_enodata),
        cmocka_unit_test(test_file_ending_after_record_header_yields_enodata),
        cmocka_unit_test(test_file_ending_inside_record_header_yields_enodata),
        cmocka_unit_test(test_caplen_above_maximum_yields_ebadmsg),
        cmocka_unit_test(test_caplen_at_maximum_is_accepted),
        cmocka_unit_test(test_pcapng_file_is_refused_with_pcapng_message),
        cmocka_unit_test(test_unknown_magic_is_refused),
        cmocka_unit_test(test_non_ethernet_link_type_is_refused),
        cmocka_unit_test(test_file_shorter_than_header_is_refused),
        cmocka_unit_test(test_missing_file_yields_enoent),
        cmocka_unit_test(test_close_of_null_is_noop),
        cmocka_unit_test(test_zero_length_record_is_empty_packet),
    };
    return cmocka_run_group_tests(tests, create_tmp_dir, remove_tmp_dir);
}
