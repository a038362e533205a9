package parley.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SIP request ({@code method} and {@code uri} set, {@code status} 0) or response ({@code
 * status} and {@code reason} set, {@code method} null). Header names are kept in their long
 * form (compact forms such as {@code v} are expanded by the parser) and looked up ignoring case;
 * header order is kept, as Via's must be.
 */
public record SipMessage(String method, String uri, int status, String reason, List<Header> headers, byte[] body) {
    public record Header(String name, String value) {}

    public SipMessage {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static SipMessage request(String method, String uri, List<Header> headers, byte[] body) {
        return new SipMessage(method, uri, 0, null, headers, body);
    }

    public boolean isRequest() {
        return method != null;
    }

    /** The first value of a header, or empty. */
    public Optional<String> header(String name) {
        for (Header h : headers) if (h.name.equalsIgnoreCase(name)) return Optional.of(h.value);
        return Optional.empty();
    }

    /** A header that must be there (the parser checked the mandatory ones). */
    public String required(String name) throws SipException {
        return header(name).orElseThrow(() -> new SipException("no " + name + " header"));
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) if (h.name.equalsIgnoreCase(name)) out.add(h.value);
        return out;
    }

    public String callId() {
        return header("Call-ID").orElse("");
    }

    /** CSeq's number (the parser checked it). */
    public long cseq() {
        String v = header("CSeq").orElse("0 X").strip();
        return Long.parseLong(v.substring(0, v.indexOf(' ') < 0 ? v.length() : v.indexOf(' ')));
    }

    /** CSeq's method, upper case. */
    public String cseqMethod() {
        String v = header("CSeq").orElse("").strip();
        int sp = v.lastIndexOf(' ');
        return sp < 0 ? "" : v.substring(sp + 1).strip().toUpperCase(Locale.ROOT);
    }

    /** The branch parameter of the top Via, or "" (an RFC 2543 peer). */
    public String branch() {
        return param(topVia(), "branch").orElse("");
    }

    /** The first Via value (one header may hold several, comma-separated). */
    public String topVia() {
        String v = header("Via").orElse("");
        int comma = v.indexOf(',');
        return (comma < 0 ? v : v.substring(0, comma)).strip();
    }

    /** The tag parameter of From or To, or empty. */
    public Optional<String> tag(String header) {
        return header(header).flatMap(v -> param(v, "tag"));
    }

    /** A {@code ;name=value} parameter of a header value (outside its {@code <uri>}), or empty. */
    public static Optional<String> param(String value, String name) {
        int gt = value.lastIndexOf('>');
        String params = gt < 0 ? value : value.substring(gt + 1);
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (key.equalsIgnoreCase(name)) return Optional.of(eq < 0 ? "" : p.substring(eq + 1).strip());
        }
        return Optional.empty();
    }

    /** The user part of a From or To value ({@code "Bob" <sip:+4930123@trunk>} → {@code +4930123}), or "". */
    public static String user(String value) {
        int lt = value.indexOf('<');
        String uri = lt < 0 ? value : value.substring(lt + 1);
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        if (colon < 0 || at < colon) return "";
        return uri.substring(colon + 1, at);
    }

    /** The message on the wire, with a Content-Length that matches the body. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(512);
        if (isRequest()) sb.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        else sb.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (Header h : headers) {
            if (h.name.equalsIgnoreCase("Content-Length")) continue;
            sb.append(h.name).append(": ").append(h.value).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /**
     * A response to this request: its Via, From, To (with {@code toTag} added when it has none and
     * the tag is not null), Call-ID and CSeq, then {@code extra} headers and the body.
     */
    public SipMessage respond(int status, String reason, String toTag, List<Header> extra, byte[] body) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            String n = h.name;
            if (n.equalsIgnoreCase("Via") || n.equalsIgnoreCase("From") || n.equalsIgnoreCase("Call-ID")
                    || n.equalsIgnoreCase("CSeq")) {
                out.add(h);
            } else if (n.equalsIgnoreCase("To")) {
                boolean tagged = param(h.value, "tag").isPresent();
                out.add(tagged || toTag == null ? h : new Header("To", h.value + ";tag=" + toTag));
            }
        }
        out.addAll(extra);
        return new SipMessage(null, null, status, reason, out, body);
    }

    public SipMessage respond(int status, String reason, String toTag) {
        return respond(status, reason, toTag, List.of(), null);
    }

    /** For logs: the method or status and the CSeq, never a header that could name the caller. */
    @Override
    public String toString() {
        return (isRequest() ? method : Integer.toString(status)) + " (CSeq " + header("CSeq").orElse("?") + ")";
    }
}
