/* Fuzz target for the pcap reader: any file contents must be read or
 * refused with an error, never crash or read out of bounds, and every record
 * handed out must lie within the bounds the reader promises. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/pcap_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pcap_reader *reader;
    struct pcap_record rec;
    FILE *stream;
    int error, retval;

    if (!size) {
        return 0; /* fmemopen() refuses an empty buffer. */
    }
    stream = fmemopen((void *) data, size, "rb");
    if (!stream) {
        abort();
    }
    reader = pcap_reader_from_stream(stream, &error);
    if (!reader) {
        if (error >= 0 || !pcap_strerror(error)) {
            abort();
        }
        return 0;
    }
    while ((retval = pcap_reader_next(reader, &rec)) > 0) {
        if (!rec.data || rec.caplen > PCAP_MAX_RECORD_LEN) {
            abort();
        }
        /* Read the first and last byte, for ASan to check. */
        if (rec.caplen) {
            sink ^= rec.data[0] ^ rec.data[rec.caplen - 1];
        }
    }
    if (retval < 0 && !pcap_strerror(retval)) {
        abort();
    }
    pcap_reader_close(reader);
    return 0;
}
