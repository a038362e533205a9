package parley.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cuts a SIP byte stream (TCP, RFC 3261 section 18.3) into messages: a message is its head up to
 * the empty line plus exactly Content-Length bytes of body, and Content-Length is required. CRLFs
 * between messages are skipped; a double CRLF is a keep-alive ping (RFC 5626 section 4.4.1) that
 * the caller answers with one CRLF. A message over {@link SipParser#MAX_MESSAGE} bytes, or a head
 * without a usable Content-Length, is bad framing: the stream cannot be resynchronised, so the
 * connection must close. Not thread-safe: one per connection, on the SIP thread.
 */
final class StreamFramer {
    private final byte[] buf = new byte[SipParser.MAX_MESSAGE];
    private int len;
    private int pings;

    /** Bytes that may be appended now (0: a message is complete and waits for {@link #next}). */
    int space() {
        return buf.length - len;
    }

    /** Appends {@code n} bytes read from the connection. */
    void append(byte[] b, int off, int n) {
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Keep-alive pings seen since the last call, to be answered with CRLF each. */
    int takePings() {
        int p = pings;
        pings = 0;
        return p;
    }

    /** The next complete message, or null when more bytes are needed. */
    byte[] next() throws SipException {
        skipCrlf();
        int head = SipParser.headEnd(buf, 0, len);
        if (head < 0) {
            if (len == buf.length) throw new SipException(513, "no end of headers within " + buf.length + " bytes");
            return null;
        }
        int body = contentLength(new String(buf, 0, head, StandardCharsets.ISO_8859_1));
        int total = head + 4 + body;
        if (total > buf.length) throw new SipException(513, "message of " + total + " bytes (expected at most " + buf.length + ")");
        if (len < total) return null;
        byte[] m = Arrays.copyOf(buf, total);
        System.arraycopy(buf, total, buf, 0, len - total);
        len -= total;
        return m;
    }

    /** What has arrived of a message that could not be framed, for a 400's headers. */
    byte[] pending() {
        return Arrays.copyOf(buf, len);
    }

    private void skipCrlf() {
        int i = 0;
        while (i < len) {
            if (i + 4 <= len && buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                pings++;
                i += 4;
            } else if (i + 2 <= len && buf[i] == '\r' && buf[i + 1] == '\n' && (i + 2 < len && buf[i + 2] != '\r')) {
                i += 2; // a pong, or a stray line end before a message
            } else {
                break;
            }
        }
        if (i > 0) {
            System.arraycopy(buf, i, buf, 0, len - i);
            len -= i;
        }
    }

    /** Content-Length (or its compact form {@code l}) of a head; required on a stream. */
    static int contentLength(String head) throws SipException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 1) continue;
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("l")) continue;
            String v = line.substring(colon + 1).strip();
            if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new SipException("Content-Length '" + v + "' is not a number");
            }
            int n = Integer.parseInt(v);
            if (n > SipParser.MAX_BODY) throw new SipException(513, "Content-Length " + n + " (expected at most " + SipParser.MAX_BODY + ")");
            return n;
        }
        throw new SipException("no Content-Length (required on TCP: RFC 3261 section 18.3)");
    }
}
