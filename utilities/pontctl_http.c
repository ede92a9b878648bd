/* pontctl's HTTP/1.1 client (pontctl_http.h): connect, send the request
 * in one buffer, read until the server closes, then split the status
 * line, the headers and the body. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/util.h"
#include "utilities/pontctl_http.h"

/* Splits "http://HOST:PORT[/]" into 'host' and 'port'. */
static int
parse_api(const char *api, char *host, size_t host_size, char *port,
          size_t port_size, char **errorp)
{
    const char *h = api + 7, *end, *colon;
    size_t hlen, plen;

    if (strncmp(api, "http://", 7)) {
        goto bad;
    }
    end = h + strcspn(h, "/");
    if (*end && end[1]) {
        goto bad; /* A path after the address. */
    }
    if (*h == '[') {
        const char *close = memchr(h, ']', (size_t) (end - h));
        if (!close || close[1] != ':') {
            goto bad;
        }
        h++;
        hlen = (size_t) (close - h);
        colon = close + 1;
    } else {
        colon = memchr(h, ':', (size_t) (end - h));
        if (!colon) {
            goto bad;
        }
        hlen = (size_t) (colon - h);
    }
    plen = (size_t) (end - colon - 1);
    if (!hlen || hlen >= host_size || !plen || plen >= port_size
        || strspn(colon + 1, "0123456789") != plen) {
        goto bad;
    }
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    memcpy(port, colon + 1, plen);
    port[plen] = '\0';
    return 0;

bad:
    *errorp = xasprintf("API address \"%s\" is invalid; give "
                        "http://HOST:PORT, like http://127.0.0.1:8080",
                        api);
    return -EINVAL;
}

/* Connects to 'host' 'port' with timeouts set; returns the socket or a
 * negative errno value. */
static int
connect_to(const char *host, const char *port, char **errorp, const char *api)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai, *p;
    struct timeval tv = {PONTCTL_HTTP_TIMEOUT_S, 0};
    int fd = -1, error = -ECONNREFUSED, gai;

    gai = getaddrinfo(host, port, &hints, &ai);
    if (gai) {
        *errorp = xasprintf("cannot resolve %s: %s; check --api or "
                            "PONT_API",
                            host, gai_strerror(gai));
        return -ENOENT;
    }
    for (p = ai; p; p = p->ai_next) {
        fd =
            socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol);
        if (fd < 0) {
            error = -errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (!connect(fd, p->ai_addr, p->ai_addrlen)) {
            break;
        }
        error = -errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    if (fd < 0) {
        *errorp = xasprintf("cannot reach pont-controller at %s: %s; is it "
                            "running there? (set --api or PONT_API)",
                            api, strerror(-error));
        return error;
    }
    return fd;
}

static int
send_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EPIPE;
        }
        data += n;
        len -= (size_t) n;
    }
    return 0;
}

/* Reads until the peer closes into 'sb'. */
static int
recv_all(int fd, struct strbuf *sb)
{
    char buf[65536];

    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (!n) {
            return 0;
        }
        strbuf_put(sb, buf, (size_t) n);
        if (sb->len > PONTCTL_HTTP_MAX_REPLY) {
            return -EFBIG;
        }
    }
}

/* Returns a copy of header 'name''s value in 'headers' (each line ending
 * in "\r\n"), or NULL. */
static char *
find_header(const char *headers, const char *name)
{
    size_t nlen = strlen(name);

    for (const char *line = headers; line && *line;) {
        const char *eol = strstr(line, "\r\n");

        if (!eol) {
            break;
        }
        if ((size_t) (eol - line) > nlen && line[nlen] == ':'
            && !strncasecmp(line, name, nlen)) {
            const char *v = line + nlen + 1;

            v += strspn(v, " \t");
            return xasprintf("%.*s", (int) (eol - v), v);
        }
        line = eol + 2;
    }
    return NULL;
}

/* Parses the raw reply 'raw' of 'len' bytes into 'reply'. */
static int
parse_reply(const char *raw, size_t len, struct pontctl_reply *reply)
{
    const char *end = memmem(raw, len, "\r\n\r\n", 4);
    char *headers, *clen;
    size_t body_len;
    int status;

    if (!end || sscanf(raw, "HTTP/1.%*d %3d", &status) != 1) {
        return -EPROTO;
    }
    headers = xasprintf("%.*s\r\n", (int) (end - raw), raw);
    reply->status = status;
    reply->content_type = find_header(headers, "Content-Type");
    reply->etag = find_header(headers, "ETag");
    clen = find_header(headers, "Content-Length");
    body_len = len - (size_t) (end + 4 - raw);
    if (clen && strtoul(clen, NULL, 10) < body_len) {
        body_len = strtoul(clen, NULL, 10);
    }
    reply->body = xmalloc(body_len + 1);
    memcpy(reply->body, end + 4, body_len);
    reply->body[body_len] = '\0';
    reply->body_len = body_len;
    free(clen);
    free(headers);
    return 0;
}

int
pontctl_http_request(const char *api, const char *method, const char *path,
                     const char *body, const char *if_match,
                     struct pontctl_reply *reply, char **errorp)
{
    struct strbuf req = STRBUF_INIT, in = STRBUF_INIT;
    char host[256], port[16];
    int fd, error;

    memset(reply, 0, sizeof *reply);
    error = parse_api(api, host, sizeof host, port, sizeof port, errorp);
    if (error) {
        return error;
    }
    fd = connect_to(host, port, errorp, api);
    if (fd < 0) {
        return fd;
    }
    strbuf_printf(&req,
                  "%s %s HTTP/1.1\r\nHost: %s:%s\r\n"
                  "Connection: close\r\nAccept: */*\r\n",
                  method, path, host, port);
    if (if_match) {
        strbuf_printf(&req, "If-Match: %s\r\n", if_match);
    }
    if (body) {
        strbuf_printf(&req,
                      "Content-Type: application/json\r\n"
                      "Content-Length: %zu\r\n",
                      strlen(body));
    }
    strbuf_printf(&req, "\r\n%s", body ? body : "");
    error = send_all(fd, strbuf_str(&req), req.len);
    if (!error) {
        error = recv_all(fd, &in);
    }
    close(fd);
    if (!error) {
        error = parse_reply(strbuf_str(&in), in.len, reply);
    }
    if (error) {
        *errorp = xasprintf("%s %s at %s failed: %s", method, path, api,
                            error == -EPROTO ? "the answer is not HTTP"
                                             : strerror(-error));
    }
    strbuf_free(&req);
    strbuf_free(&in);
    return error;
}

void
pontctl_reply_uninit(struct pontctl_reply *reply)
{
    free(reply->content_type);
    free(reply->etag);
    free(reply->body);
    memset(reply, 0, sizeof *reply);
}
