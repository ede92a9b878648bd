#include "lib/pcap_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du
#define MAGIC_PCAPNG 0x0a0d0d0au
#define LINKTYPE_ETHERNET 1
#define FILE_HEADER_LEN 24
#define RECORD_HEADER_LEN 16

#define STRINGIFY_(X) #X
#define STRINGIFY(X) STRINGIFY_(X)

/* Errors of our own, outside the range of errno values we pass through. */
#define ERR_NOT_PCAP EPROTO
#define ERR_PCAPNG EPROTOTYPE
#define ERR_LINKTYPE EPROTONOSUPPORT

struct pcap_reader {
    FILE *file;
    bool swapped;     /* File byte order differs from ours. */
    bool nanoseconds; /* Timestamps' fraction is in ns, not us. */
    uint8_t *buf;
    size_t buf_size;
};

static uint32_t
get_u32(const uint8_t *p, bool swapped)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return swapped ? __builtin_bswap32(v) : v;
}

/* Reads exactly 'n' bytes.  Returns 1 on success, 0 at end of file before
 * any byte, -ENODATA at end of file after some, or -errno. */
static int
read_exact(FILE *file, void *buf, size_t n)
{
    size_t got = fread(buf, 1, n, file);

    if (got == n) {
        return 1;
    }
    if (ferror(file)) {
        return -EIO;
    }
    return got ? -ENODATA : 0;
}

static int
parse_file_header(struct pcap_reader *r, const uint8_t *hdr)
{
    uint32_t magic;

    memcpy(&magic, hdr, sizeof magic);
    if (magic == MAGIC_PCAPNG) {
        return -ERR_PCAPNG;
    }
    if (magic == MAGIC_USEC || magic == MAGIC_NSEC) {
        r->swapped = false;
    } else if (__builtin_bswap32(magic) == MAGIC_USEC
               || __builtin_bswap32(magic) == MAGIC_NSEC) {
        r->swapped = true;
        magic = __builtin_bswap32(magic);
    } else {
        return -ERR_NOT_PCAP;
    }
    r->nanoseconds = magic == MAGIC_NSEC;
    /* The link type's low 16 bits; the high bits carry FCS information. */
    if ((get_u32(hdr + 20, r->swapped) & 0xffff) != LINKTYPE_ETHERNET) {
        return -ERR_LINKTYPE;
    }
    return 0;
}

struct pcap_reader *
pcap_reader_open(const char *path, int *error)
{
    FILE *stream = fopen(path, "rb");

    if (!stream) {
        *error = -errno;
        return NULL;
    }
    return pcap_reader_from_stream(stream, error);
}

struct pcap_reader *
pcap_reader_from_stream(FILE *stream, int *error)
{
    uint8_t hdr[FILE_HEADER_LEN];
    struct pcap_reader *r = xzalloc(sizeof *r);
    int retval;

    r->file = stream;
    retval = read_exact(r->file, hdr, sizeof hdr);
    if (retval <= 0) {
        /* Too short for a file header: not a capture at all. */
        *error = retval == -EIO ? retval : -ERR_NOT_PCAP;
        goto err_close;
    }
    retval = parse_file_header(r, hdr);
    if (retval) {
        *error = retval;
        goto err_close;
    }
    *error = 0;
    return r;

err_close:
    fclose(r->file);
    free(r);
    return NULL;
}

void
pcap_reader_close(struct pcap_reader *r)
{
    if (r) {
        fclose(r->file);
        free(r->buf);
        free(r);
    }
}

int
pcap_reader_next(struct pcap_reader *r, struct pcap_record *rec)
{
    uint8_t hdr[RECORD_HEADER_LEN];
    uint32_t caplen, frac;
    int retval;

    retval = read_exact(r->file, hdr, sizeof hdr);
    if (retval <= 0) {
        return retval;
    }
    caplen = get_u32(hdr + 8, r->swapped);
    if (caplen > PCAP_MAX_RECORD_LEN) {
        return -EBADMSG;
    }
    if (caplen > r->buf_size) {
        /* Grow geometrically: records of rising sizes are common. */
        r->buf_size = caplen > 2 * r->buf_size ? caplen : 2 * r->buf_size;
        r->buf = xrealloc(r->buf, r->buf_size);
    }
    retval = read_exact(r->file, r->buf, caplen);
    if (retval < 0 || (retval == 0 && caplen)) {
        return retval ? retval : -ENODATA;
    }
    frac = get_u32(hdr + 4, r->swapped);
    rec->data = r->buf ? r->buf : (const uint8_t *) "";
    rec->caplen = caplen;
    rec->len = get_u32(hdr + 12, r->swapped);
    rec->ts_ns = (uint64_t) get_u32(hdr, r->swapped) * 1000000000u
                 + (r->nanoseconds ? frac : (uint64_t) frac * 1000u);
    return 1;
}

const char *
pcap_strerror(int error)
{
    switch (-error) {
    case ERR_NOT_PCAP:
        return "not a pcap capture file (no valid pcap file header)";
    case ERR_PCAPNG:
        return "pcapng files are not supported; convert the file with "
               "'editcap -F pcap IN OUT'";
    case ERR_LINKTYPE:
        return "the capture's link type is not Ethernet";
    case EBADMSG:
        return "corrupt record: captured length above " STRINGIFY(
            PCAP_MAX_RECORD_LEN) " bytes";
    case ENODATA:
        return "the file ends in the middle of a record (truncated capture)";
    default: {
        /* Unlike strerror(), thread-safe; NULL for an unknown value. */
        const char *text = strerrordesc_np(-error);
        return text ? text : "unknown error";
    }
    }
}
