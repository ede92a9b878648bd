/* pont-vguest: writing received frames to a classic pcap file.
 *
 * The file header and records are written in host byte order with the
 * microsecond magic number, which every pcap reader (lib/pcap_file.h,
 * tcpdump, scapy) accepts.  stdio buffers the writes; the first error is
 * remembered and reported by vguest_pcap_close(). */
#include "pont_vguest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define PCAP_MAGIC_USEC 0xa1b2c3d4u
#define PCAP_VERSION_MAJOR 2
#define PCAP_VERSION_MINOR 4
#define PCAP_SNAPLEN 65535
#define PCAP_LINKTYPE_ETHERNET 1

struct vguest_pcap {
    FILE *file;
    int error; /* First write error, as a negative errno, or 0. */
};

struct pcap_file_header {
    uint32_t magic;
    uint16_t version_major;
    uint16_t version_minor;
    int32_t thiszone;
    uint32_t sigfigs;
    uint32_t snaplen;
    uint32_t linktype;
};

struct pcap_record_header {
    uint32_t ts_sec;
    uint32_t ts_usec;
    uint32_t caplen;
    uint32_t len;
};

static void
pcap_put(struct vguest_pcap *pcap, const void *data, size_t len)
{
    if (!pcap->error && fwrite(data, 1, len, pcap->file) != len) {
        pcap->error = errno ? -errno : -EIO;
    }
}

struct vguest_pcap *
vguest_pcap_create(const char *path, int *error)
{
    const struct pcap_file_header hdr = {
        .magic = PCAP_MAGIC_USEC,
        .version_major = PCAP_VERSION_MAJOR,
        .version_minor = PCAP_VERSION_MINOR,
        .snaplen = PCAP_SNAPLEN,
        .linktype = PCAP_LINKTYPE_ETHERNET,
    };
    struct vguest_pcap *pcap = calloc(1, sizeof *pcap);

    if (!pcap) {
        *error = -ENOMEM;
        return NULL;
    }
    pcap->file = fopen(path, "wb");
    if (!pcap->file) {
        *error = -errno;
        free(pcap);
        return NULL;
    }
    pcap_put(pcap, &hdr, sizeof hdr);
    *error = 0;
    return pcap;
}

void
vguest_pcap_write(struct vguest_pcap *pcap, const void *frame, uint32_t len,
                  uint64_t ts_ns)
{
    uint32_t caplen = len < PCAP_SNAPLEN ? len : PCAP_SNAPLEN;
    struct pcap_record_header rec = {
        .ts_sec = (uint32_t) (ts_ns / 1000000000u),
        .ts_usec = (uint32_t) (ts_ns % 1000000000u / 1000u),
        .caplen = caplen,
        .len = len,
    };

    pcap_put(pcap, &rec, sizeof rec);
    pcap_put(pcap, frame, caplen);
}

int
vguest_pcap_close(struct vguest_pcap *pcap)
{
    int error;

    if (!pcap) {
        return 0;
    }
    error = pcap->error;
    if (fclose(pcap->file) && !error) {
        error = -errno;
    }
    free(pcap);
    return error;
}
