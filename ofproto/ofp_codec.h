/* For implementers of the OpenFlow message codec (ofproto/ofp_msg_*.c)
 * only; users include ofp_msg.h.
 *
 * ofp_msg.c reads and writes the framing: the OpenFlow header, the
 * multipart header (type, flags, padding) and, for bundle messages, the
 * experimenter header.  Each message kind has a struct ofp_msg_codec whose
 * functions handle only the body that follows.
 *
 * A decoder gets a reader over exactly the body, must consume all of it or
 * return -OFPERR_OFPBRC_BAD_LEN (ofp_codec_finish() does that), and on any
 * error must leave the message so that its uninit function can run (the
 * dispatcher calls it).  An encoder appends the body; the dispatcher fills
 * in lengths. */
#ifndef PONT_OFP_CODEC_H
#define PONT_OFP_CODEC_H 1

#include "lib/buf.h"
#include "ofproto/ofp_msg.h"

struct ofp_msg_codec {
    int (*decode)(struct buf_reader *body, struct ofp_msg *);
    void (*encode)(const struct ofp_msg *, struct buf *);
    void (*uninit)(struct ofp_msg *);   /* NULL: owns nothing. */
};

/* Codecs, defined by the family files and indexed by kind in ofp_msg.c. */
#define OFP_CODEC_DECLARE_(KIND, TYPE, MP, NAME)                              \
    extern const struct ofp_msg_codec ofp_codec_##KIND;
OFP_MSG_KINDS(OFP_CODEC_DECLARE_)
#undef OFP_CODEC_DECLARE_

/* Returns 0 if 'body' is fully consumed, else -OFPERR_OFPBRC_BAD_LEN. */
int ofp_codec_finish(const struct buf_reader *body);

/* Skips 'n' bytes of padding; -OFPERR_OFPBRC_BAD_LEN if they are missing.
 * Padding content is not checked, as Open vSwitch does not check it. */
int ofp_pull_pad(struct buf_reader *, size_t n);

/* Fixed-width, NUL-padded strings (port names, descriptions): pulling
 * always NUL-terminates 'dst' (of 'width' bytes); putting pads with NULs. */
int ofp_pull_string(struct buf_reader *, char *dst, size_t width);
void ofp_put_string(struct buf *, const char *src, size_t width);

#endif /* ofproto/ofp_codec.h */
