package parley.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one SIP message (RFC 3261 section 7) from a datagram or a framed TCP message, within
 * fixed limits, checking what the transaction layer relies on: a start line, Via with a branch
 * or not, From, To, Call-ID, a CSeq whose number fits 31 bits (and whose method is the request's),
 * and a Content-Length no longer than what arrived. Compact header names are expanded; folded
 * lines (a line starting with a space) are joined. Anything else → {@link SipException} (400).
 */
public final class SipParser {
    public static final int MAX_MESSAGE = 16 * 1024;
    public static final int MAX_HEADERS = 64;
    public static final int MAX_LINE = 2048;
    public static final int MAX_BODY = 8 * 1024;

    private static final Map<String, String> COMPACT = Map.of("i", "Call-ID", "m", "Contact", "e", "Content-Encoding",
            "l", "Content-Length", "c", "Content-Type", "f", "From", "s", "Subject", "k", "Supported", "t", "To",
            "v", "Via");
    private static final List<String> MANDATORY = List.of("Via", "From", "To", "Call-ID", "CSeq");
    private static final String TOKEN_CHARS = "-.!%*_+`'~";

    private SipParser() {}

    public static SipMessage parse(byte[] buf) throws SipException {
        return parse(buf, 0, buf.length);
    }

    /** Parses {@code len} bytes at {@code off}; a body longer than Content-Length is cut (UDP, section 18.3). */
    public static SipMessage parse(byte[] buf, int off, int len) throws SipException {
        if (len > MAX_MESSAGE) throw new SipException(513, "message of " + len + " bytes (expected at most " + MAX_MESSAGE + ")");
        int headEnd = headEnd(buf, off, len);
        if (headEnd < 0) throw new SipException("no empty line after the headers");
        String head = new String(buf, off, headEnd - off, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        SipMessage start = startLine(lines[0]);
        List<SipMessage.Header> headers = headers(lines);
        for (String name : MANDATORY) {
            if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase(name))) {
                throw new SipException("no " + name + " header (expected: Via, From, To, Call-ID and CSeq)");
            }
        }
        int bodyStart = headEnd + 4;
        int available = off + len - bodyStart;
        int length = contentLength(headers, available);
        SipMessage m = new SipMessage(start.method(), start.uri(), start.status(), start.reason(), headers,
                Arrays.copyOfRange(buf, bodyStart, bodyStart + length));
        checkCseq(m);
        return m;
    }

    /** The index of the CRLFCRLF that ends the head, or -1. */
    static int headEnd(byte[] buf, int off, int len) {
        for (int i = off; i + 3 < off + len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') return i;
        }
        return -1;
    }

    private static SipMessage startLine(String line) throws SipException {
        if (line.length() > MAX_LINE) throw new SipException("start line of " + line.length() + " characters");
        if (line.startsWith("SIP/2.0 ")) {
            String rest = line.substring(8);
            if (rest.length() < 3 || (rest.length() > 3 && rest.charAt(3) != ' ')) {
                throw new SipException("status line without a three-digit status");
            }
            int status = 0;
            for (int i = 0; i < 3; i++) {
                char c = rest.charAt(i);
                if (c < '0' || c > '9') throw new SipException("status line without a three-digit status");
                status = status * 10 + (c - '0');
            }
            if (status < 100 || status > 699) throw new SipException("status " + status + " (expected 100 to 699)");
            return new SipMessage(null, null, status, rest.length() > 4 ? rest.substring(4) : "", List.of(), null);
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3) throw new SipException("request line of " + parts.length + " parts (expected: METHOD URI SIP/2.0)");
        if (!parts[2].equals("SIP/2.0")) throw new SipException("version (expected SIP/2.0)");
        if (!isToken(parts[0])) throw new SipException("method is not a token");
        if (parts[1].isEmpty() || parts[1].indexOf(':') < 1) throw new SipException("request URI without a scheme");
        return SipMessage.request(parts[0], parts[1], List.of(), null);
    }

    private static List<SipMessage.Header> headers(String[] lines) throws SipException {
        List<String> joined = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.length() > MAX_LINE) throw new SipException("header line of " + l.length() + " characters (expected at most " + MAX_LINE + ")");
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
                if (joined.isEmpty()) throw new SipException("continuation line before the first header");
                String prev = joined.removeLast() + " " + l.strip();
                if (prev.length() > MAX_LINE) throw new SipException("folded header of " + prev.length() + " characters");
                joined.add(prev);
            } else {
                joined.add(l);
            }
        }
        if (joined.size() > MAX_HEADERS) throw new SipException(joined.size() + " headers (expected at most " + MAX_HEADERS + ")");
        List<SipMessage.Header> out = new ArrayList<>(joined.size());
        for (String l : joined) {
            int colon = l.indexOf(':');
            if (colon < 1) throw new SipException("header line without a name and a colon");
            String name = l.substring(0, colon).strip();
            if (!isToken(name)) throw new SipException("header name is not a token");
            String full = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            out.add(new SipMessage.Header(full, l.substring(colon + 1).strip()));
        }
        return out;
    }

    private static int contentLength(List<SipMessage.Header> headers, int available) throws SipException {
        String value = null;
        for (SipMessage.Header h : headers) {
            if (!h.name().equalsIgnoreCase("Content-Length")) continue;
            if (value != null && !value.equals(h.value())) throw new SipException("two different Content-Length headers");
            value = h.value();
        }
        if (value == null) return Math.min(available, MAX_BODY);
        int length = number(value, "Content-Length", MAX_BODY);
        if (length > available) {
            throw new SipException("Content-Length " + length + " but " + available + " bytes of body arrived");
        }
        return length;
    }

    private static void checkCseq(SipMessage m) throws SipException {
        String v = m.header("CSeq").orElseThrow().strip();
        int sp = v.indexOf(' ');
        if (sp < 1) throw new SipException("CSeq without a number and a method");
        number(v.substring(0, sp), "CSeq", Integer.MAX_VALUE);
        String method = v.substring(sp + 1).strip();
        if (!isToken(method)) throw new SipException("CSeq method is not a token");
        if (m.isRequest() && !method.equals(m.method())) throw new SipException("CSeq method differs from the request's");
    }

    private static int number(String s, String what, int max) throws SipException {
        s = s.strip();
        if (s.isEmpty() || s.length() > 10) throw new SipException(what + " is not a number");
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new SipException(what + " is not a number");
            n = n * 10 + (c - '0');
        }
        if (n > max) throw new SipException(what + " " + n + " (expected at most " + max + ")");
        return (int) n;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /**
     * The headers a 400 needs (Via, From, To, Call-ID, CSeq) from a message that did not parse,
     * read line by line without checks; empty when there is no Via (then nothing can be answered).
     */
    public static List<SipMessage.Header> salvage(byte[] buf, int off, int len) {
        String text = new String(buf, off, Math.min(len, MAX_MESSAGE), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) text = text.substring(0, end);
        List<SipMessage.Header> out = new ArrayList<>();
        boolean via = false;
        String[] lines = text.split("\r\n");
        for (int i = 1; i < lines.length && out.size() < MAX_HEADERS; i++) {
            String l = lines[i];
            int colon = l.indexOf(':');
            if (colon < 1 || l.length() > MAX_LINE) continue;
            String name = l.substring(0, colon).strip();
            String full = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            if (MANDATORY.stream().anyMatch(full::equalsIgnoreCase)) {
                out.add(new SipMessage.Header(full, l.substring(colon + 1).strip()));
                via |= full.equalsIgnoreCase("Via");
            }
        }
        return via ? out : List.of();
    }
}
