/* Tests for ofproto/ofp_print*.c: Open vSwitch's text for every message
 * kind, its framing and decode-error reports, and the helpers pont-ofctl
 * uses.
 *
 * The goldens live in ofp_print_goldens.txt, whose path is this program's
 * only argument: what Open vSwitch 3.1.0's "ovs-ofctl ofp-print HEX
 * VERBOSITY" printed for each message there (see the file's comment).  Each
 * becomes one test named after it; the behaviour tests after them run over
 * all of them too. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_print.h"
#include "ofproto/ofp_text.h"

struct golden {
    char *name;    /* The test's name. */
    int verbosity; /* 2 is ofp-print's default. */
    char *hex;     /* The message. */
    char *text;    /* What ovs-ofctl printed. */
};

/* The goldens, loaded once by main() and never freed. */
static struct golden *goldens;
static size_t n_goldens;

/* Returns the bytes of 'hex' in a heap block of exactly their size, so
 * that AddressSanitizer catches any read past the end. */
static uint8_t *
from_hex(const char *hex, size_t *n)
{
    size_t len = strlen(hex) / 2;
    uint8_t *data = malloc(len ? len : 1);

    assert_non_null(data);
    for (size_t i = 0; i < len; i++) {
        unsigned int byte;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
        data[i] = byte;
    }
    *n = len;
    return data;
}

static void
die(const char *path, int lineno, const char *what)
{
    fprintf(stderr, "%s:%d: %s\n", path, lineno, what);
    exit(EXIT_FAILURE);
}

/* Reads all of 'path' into a null-terminated heap string. */
static char *
read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char chunk[4096];
    size_t n;

    if (!f) {
        die(path, 0, "cannot open");
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        strbuf_put(&sb, chunk, n);
    }
    fclose(f);
    return strbuf_steal(&sb);
}

/* Parses the header line "==== NAME VERBOSITY HEX" that is the 'len'
 * bytes at 'line' into a new golden with no text yet.  An empty HEX stands
 * for an empty message. */
static void
add_golden(const char *path, int lineno, const char *line, size_t len)
{
    static size_t allocated;
    char *copy = strndup(line, len);
    char *save = NULL;
    char *name = strtok_r(copy + 5, " ", &save);
    char *verbosity = strtok_r(NULL, " ", &save);
    char *hex = strtok_r(NULL, " ", &save);

    if (!hex) {
        hex = copy + len; /* An empty message. */
    }
    if (!name || !verbosity || strtok_r(NULL, " ", &save)
        || strspn(verbosity, "0123456789") != strlen(verbosity)
        || strspn(hex, "0123456789abcdef") != strlen(hex) || strlen(hex) % 2) {
        die(path, lineno, "expected \"==== NAME VERBOSITY HEX\"");
    }
    if (n_goldens == allocated) {
        allocated = allocated ? 2 * allocated : 64;
        goldens = realloc(goldens, allocated * sizeof *goldens);
        if (!goldens) {
            die(path, lineno, "out of memory");
        }
    }
    goldens[n_goldens++] = (struct golden){name, atoi(verbosity), hex, NULL};
}

/* Loads the goldens from 'path', or exits with a message naming the line
 * that is wrong.  A golden's text is every line from its header's to the
 * next header (or the end of the file). */
static void
load_goldens(const char *path)
{
    char *file = read_file(path);
    const char *text = NULL;
    int lineno = 0;

    for (const char *line = file; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t) (nl - line) : strlen(line);

        lineno++;
        if (!strncmp(line, "==== ", 5)) {
            if (text) {
                goldens[n_goldens - 1].text = strndup(text, line - text);
            }
            add_golden(path, lineno, line, len);
            text = line + len + (nl != NULL);
        } else if (!text && line[0] != '#') {
            die(path, lineno, "expected a comment or a golden's header");
        }
        line += len + (nl != NULL);
    }
    if (!text) {
        die(path, lineno, "no goldens");
    }
    goldens[n_goldens - 1].text = strdup(text);
    free(file);
}

static void
test_golden(void **state)
{
    const struct golden *g = *state;
    struct strbuf sb = STRBUF_INIT;
    uint8_t *data;
    size_t n;

    data = from_hex(g->hex, &n);
    ofp_print(&sb, data, n, g->verbosity);
    assert_string_equal(strbuf_str(&sb), g->text);
    strbuf_free(&sb);
    free(data);
}

/* Returns true if 'msg' encodes to exactly the 'n' bytes at 'data'. */
static bool
encodes_to(const struct ofp_msg *msg, const uint8_t *data, size_t n)
{
    struct buf b = BUF_INIT;
    bool same;

    ofp_msg_encode(msg, &b);
    same = b.size == n && !memcmp(b.data, data, n);
    buf_free(&b);
    return same;
}

/* Both entry points print the same text for a message in its canonical
 * encoding (a HELLO with unknown elements, say, loses them in decoding). */
static void
test_printing_a_decoded_message_matches_printing_its_bytes(void **state)
{
    (void) state;
    for (size_t i = 0; i < n_goldens; i++) {
        struct strbuf from_bytes = STRBUF_INIT, from_msg = STRBUF_INIT;
        struct ofp_msg msg;
        uint8_t *data;
        size_t n;

        data = from_hex(goldens[i].hex, &n);
        if (!ofp_msg_decode(data, n, &msg) && encodes_to(&msg, data, n)) {
            ofp_print(&from_bytes, data, n, goldens[i].verbosity);
            ofp_print_msg(&from_msg, &msg, goldens[i].verbosity, NULL);
            assert_string_equal(strbuf_str(&from_msg), strbuf_str(&from_bytes));
        }
        ofp_msg_uninit(&msg);
        strbuf_free(&from_bytes);
        strbuf_free(&from_msg);
        free(data);
    }
}

static size_t
header_len(const uint8_t *data)
{
    return (size_t) data[2] << 8 | data[3];
}

/* Every prefix of every golden message, whether cut short or with its
 * header's length patched to match, prints a complete text (ending in a
 * newline) without reading past its bytes. */
static void
test_every_truncation_prints_a_report(void **state)
{
    (void) state;
    for (size_t i = 0; i < n_goldens; i++) {
        uint8_t *data;
        size_t n;

        data = from_hex(goldens[i].hex, &n);
        for (size_t len = 0; len < n; len++) {
            struct strbuf sb = STRBUF_INIT;
            uint8_t *copy = malloc(len ? len : 1);

            memcpy(copy, data, len);
            ofp_print(&sb, copy, len, 5);
            assert_true(sb.len > 0);
            assert_int_equal(sb.s[sb.len - 1], '\n');
            if (len >= OFP_HEADER_LEN && header_len(data) > len) {
                char report[96];
                snprintf(report, sizeof report,
                         "(***truncated to %zu bytes from %zu***)\n", len,
                         header_len(data));
                assert_non_null(strstr(strbuf_str(&sb), report));

                strbuf_clear(&sb);
                copy[2] = len >> 8;
                copy[3] = len & 0xff;
                ofp_print(&sb, copy, len, 5);
                assert_int_equal(sb.s[sb.len - 1], '\n');
            }
            strbuf_free(&sb);
            free(copy);
        }
        free(data);
    }
}

static const char *
name_port(uint32_t port_no, const void *aux)
{
    (void) aux;
    return port_no == 1 ? "p1" : NULL;
}

/* Ports that the caller can name print by name where ovs-ofctl --names
 * would, and by number otherwise. */
static void
test_port_names_replace_numbers(void **state)
{
    static const struct ofp_print_ports ports = {name_port, NULL};
    struct strbuf sb = STRBUF_INIT;
    struct ofp_msg msg;

    (void) state;
    ofp_msg_init(&msg, OFPK_PORT_STATS_REQUEST, 3);
    msg.port_no = 1;
    ofp_print_msg(&sb, &msg, 1, &ports);
    assert_string_equal(strbuf_str(&sb),
                        "OFPST_PORT request (OF1.3) (xid=0x3): port_no=p1\n");

    strbuf_clear(&sb);
    ofp_msg_init(&msg, OFPK_QUEUE_STATS_REQUEST, 4);
    msg.queue_stats_request.port_no = 2;
    msg.queue_stats_request.queue_id = 7;
    ofp_print_msg(&sb, &msg, 1, &ports);
    assert_string_equal(strbuf_str(&sb), "OFPST_QUEUE request (OF1.3) "
                                         "(xid=0x4): port=2 queue=7\n");
    strbuf_free(&sb);
}

static void
test_port_numbers_follow_open_vswitch_numbering(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_print_port_no(&sb, 5, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, OFPP_LOCAL, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, 0xffffff00u, NULL);
    strbuf_putc(&sb, ' ');
    ofp_print_port_no(&sb, OFPP_ANY, NULL);
    assert_string_equal(strbuf_str(&sb), "5 LOCAL 65280 ANY");
    assert_int_equal(ofp_print_check_port(0xfeff), 0);
    assert_int_equal(ofp_print_check_port(0xff00), -OFPERR_OFPBAC_BAD_OUT_PORT);
    assert_int_equal(ofp_print_check_port(0xfffffeff),
                     -OFPERR_OFPBAC_BAD_OUT_PORT);
    assert_int_equal(ofp_print_check_port(0xffffff00u), 0);
    strbuf_free(&sb);
}

static void
test_durations_print_milliseconds_or_every_digit(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_text_format_duration(&sb, 3, 0);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 3, 100000000);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 0, 1000);
    strbuf_putc(&sb, ' ');
    ofp_text_format_duration(&sb, 4294967295u, 999999999);
    assert_string_equal(strbuf_str(&sb),
                        "3s 3.100s 0.000001s 4294967295.999999999s");
    strbuf_free(&sb);
}

/* A dump that starts in the middle of a line leaves the bytes before it
 * blank, and the '-' stays after the eighth column. */
static void
test_hex_dump_at_an_offset(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void) state;
    ofp_print_hex_dump(&sb, "ABC", 3, 5, true);
    assert_string_equal(strbuf_str(&sb),
                        "00000000                 41 42 43-"
                        "                        |     ABC        |\n");
    strbuf_clear(&sb);
    ofp_print_hex_dump(&sb, "ABC", 3, 17, false);
    assert_string_equal(strbuf_str(&sb), "00000010     41 42 43\n");
    strbuf_free(&sb);
}

/* The checksum printed after a packet's flow is that of its transport
 * protocol, read within the IP packet: Ethernet padding does not count,
 * and a transport header cut short has none.  (Checked against
 * "ovs-ofctl ofp-print" of packet-ins carrying these frames.) */
static void
test_packet_text_ends_with_transport_checksum(void **state)
{
    static const char padded[] = "505400000002505400000001080045000020000000"
                                 "00401100000a0000010a00000200350035000c1234"
                                 "61626364000000000000";
    static const char cut[] = "505400000002505400000001080045000018000000"
                              "00401100000a0000010a00000200350035";
    struct strbuf sb = STRBUF_INIT;
    uint8_t *data;
    size_t n;

    (void) state;
    data = from_hex(padded, &n);
    ofp_print_packet(&sb, data, n);
    assert_non_null(strstr(strbuf_str(&sb), ",tp_src=53,tp_dst=53"
                                            " udp_csum:1234\n"));
    free(data);
    strbuf_clear(&sb);
    data = from_hex(cut, &n);
    ofp_print_packet(&sb, data, n);
    assert_non_null(strstr(strbuf_str(&sb), ",tp_src=0,tp_dst=0\n"));
    assert_null(strstr(strbuf_str(&sb), "csum"));
    strbuf_free(&sb);
    free(data);
}

int
main(int argc, char *argv[])
{
    static const struct CMUnitTest behaviours[] = {
        cmocka_unit_test(
            test_printing_a_decoded_message_matches_printing_its_bytes),
        cmocka_unit_test(test_every_truncation_prints_a_report),
        cmocka_unit_test(test_port_names_replace_numbers),
        cmocka_unit_test(test_port_numbers_follow_open_vswitch_numbering),
        cmocka_unit_test(test_durations_print_milliseconds_or_every_digit),
        cmocka_unit_test(test_hex_dump_at_an_offset),
        cmocka_unit_test(test_packet_text_ends_with_transport_checksum),
    };
    struct CMUnitTest *tests;
    size_t n = 0;
    int failures;

    if (argc != 2) {
        fprintf(stderr, "usage: %s ofp_print_goldens.txt\n", argv[0]);
        return EXIT_FAILURE;
    }
    load_goldens(argv[1]);
    tests = calloc(n_goldens + ARRAY_SIZE(behaviours), sizeof *tests);
    if (!tests) {
        return EXIT_FAILURE;
    }

    /* One test per golden, named after the message it prints. */
    for (size_t i = 0; i < n_goldens; i++) {
        tests[n++] = (struct CMUnitTest){
            .name = goldens[i].name,
            .test_func = test_golden,
            .initial_state = &goldens[i],
        };
    }
    for (size_t i = 0; i < ARRAY_SIZE(behaviours); i++) {
        tests[n++] = behaviours[i];
    }
    failures = _cmocka_run_group_tests("ofp_print", tests, n, NULL, NULL);
    free(tests);
    return failures;
}
