/* Reading packet captures in the classic libpcap file format.
 *
 * Supports both byte orders, microsecond and nanosecond timestamps, and the
 * Ethernet link type, which is what tcpdump, tshark and Open vSwitch write.
 * pcapng files are recognized and refused with a message saying how to
 * convert them.
 *
 * Ownership: pcap_reader_open() returns a reader the caller closes with
 * pcap_reader_close() (NULL is a no-op).  A record's data belongs to the
 * reader and stays valid until the next pcap_reader_next() or close.
 *
 * Thread-safety: a reader belongs to one thread at a time. */
#ifndef PONT_PCAP_FILE_H
#define PONT_PCAP_FILE_H 1

#include <stdint.h>
#include <stdio.h>

/* Captured length above which a record is considered corrupt (the largest
 * snapshot length libpcap ever uses). */
#define PCAP_MAX_RECORD_LEN 262144

struct pcap_record {
    const uint8_t *data; /* 'caplen' bytes; never NULL. */
    uint32_t caplen;     /* Bytes captured. */
    uint32_t len;        /* Bytes on the wire (may be larger). */
    uint64_t ts_ns;      /* Timestamp, nanoseconds since the epoch. */
};

/* Opens 'path' and reads its file header.  On failure returns NULL and sets
 * '*error' (never NULL) to a negative errno value; pcap_strerror() describes
 * it.  On success sets '*error' to 0. */
struct pcap_reader *pcap_reader_open(const char *path, int *error);

/* The same for a stream already open for reading (a pipe, or fmemopen()
 * memory), which the reader takes over: it is closed with the reader, or
 * here on failure. */
struct pcap_reader *pcap_reader_from_stream(FILE *stream, int *error);

void pcap_reader_close(struct pcap_reader *);

/* Reads the next record into '*rec'.  Returns 1 if it read one, 0 at the
 * end of the file, or a negative errno value: -EBADMSG for a record whose
 * length is corrupt, -ENODATA for a file that ends inside a record, or an
 * I/O error.  After 0 or an error the reader has nothing more to give; close
 * it. */
int pcap_reader_next(struct pcap_reader *, struct pcap_record *rec);

/* Returns a sentence (a static string) describing 'error', a negative value
 * returned above. */
const char *pcap_strerror(int error);

#endif /* lib/pcap_file.h */
