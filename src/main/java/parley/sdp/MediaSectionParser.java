package parley.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one {@link MediaSection} from its m= line and the lines up to the next one. Strict on
 * the attributes it knows, silent about the others. Not thread-safe: one per m-line.
 */
final class MediaSectionParser {
    /** A mid travels in the RTP mid header extension, whose one-byte form holds 16 bytes. */
    private static final int MAX_MID_CHARS = 16;
    private static final int MAX_MEDIA_CHARS = 32;
    private static final int MAX_FORMAT_CHARS = 32;

    private final int index;
    private final SdpLine mLine;
    private final Direction defaultDirection;
    private final SourceAttributes sources = new SourceAttributes();
    private final IceDtlsAttributes iceDtls = new IceDtlsAttributes();
    private final List<Extmap> extmaps = new ArrayList<>();
    private final List<String> formats = new ArrayList<>();
    private CodecTable codecs;
    private String media;
    private int port;
    private String protocol;
    private String mid;
    private Direction direction;
    private boolean rtcpMux;
    private boolean rtcpRsize;
    private boolean bundleOnly;
    private String msid;

    private MediaSectionParser(int index, SdpLine mLine, Direction defaultDirection) {
        this.index = index;
        this.mLine = mLine;
        this.defaultDirection = defaultDirection;
    }

    /**
     * @param index            0-based m-line position
     * @param lines            the m= line, then the lines of its section
     * @param defaultDirection the session-level direction attribute, or sendrecv
     */
    static MediaSection parse(int index, List<SdpLine> lines, Direction defaultDirection) throws SdpException {
        MediaSectionParser p = new MediaSectionParser(index, lines.get(0), defaultDirection);
        p.mLine();
        for (SdpLine line : lines.subList(1, lines.size())) p.line(line);
        return p.build();
    }

    /** {@code m=<media> <port> <proto> <fmt> ...} (RFC 8866 section 5.14) */
    private void mLine() throws SdpException {
        String[] f = SdpTokens.fields(mLine.value());
        int n = mLine.number();
        if (f.length < 4 || !SdpTokens.isToken(f[0], MAX_MEDIA_CHARS) || !f[2].matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
            throw SdpException.atLine(n, "m-line " + SdpTokens.quote(mLine.value())
                    + " (expected: <media> <port> <proto> <format>...)");
        }
        media = f[0];
        port = SdpTokens.intIn(f[1], 0, 65535, "m-line port", n);
        protocol = f[2];
        boolean rtp = protocol.contains("RTP/");
        List<Integer> payloadTypes = new ArrayList<>();
        for (String format : List.of(f).subList(3, f.length)) {
            if (formats.contains(format)) throw SdpException.atLine(n, "m-line format " + SdpTokens.quote(format) + " listed twice");
            if (rtp) {
                payloadTypes.add(SdpTokens.intIn(format, 0, 127, "m-line payload type", n));
            } else if (!SdpTokens.isToken(format, MAX_FORMAT_CHARS)) {
                throw SdpException.atLine(n, "m-line format " + SdpTokens.quote(format) + " (expected: a token)");
            }
            formats.add(format);
        }
        codecs = new CodecTable(payloadTypes);
    }

    private void line(SdpLine line) throws SdpException {
        switch (line.type()) {
            case 'a' -> attribute(line);
            case 'i', 'c', 'b', 'k' -> { } // title, connection, bandwidth, key: not used with ICE
            default -> throw SdpException.atLine(line.number(), "line type '" + line.type()
                    + "' in a media section (expected: i, c, b, k or a)");
        }
    }

    private void attribute(SdpLine line) throws SdpException {
        int colon = line.value().indexOf(':');
        String name = colon < 0 ? line.value() : line.value().substring(0, colon);
        String value = colon < 0 ? null : line.value().substring(colon + 1);
        int n = line.number();
        if (iceDtls.accept(name, value, n)) return;
        Direction d = Direction.fromSdp(name);
        if (d != null) {
            direction(d, n);
            return;
        }
        if (value == null) {
            flag(name);
            return;
        }
        switch (name) {
            case "mid" -> mid(value, n);
            case "rtpmap" -> codecs.rtpmap(value, n);
            case "fmtp" -> codecs.fmtp(value, n);
            case "rtcp-fb" -> codecs.rtcpFb(value, n);
            case "extmap" -> extmap(value, n);
            case "rid" -> sources.rid(value, n);
            case "simulcast" -> sources.simulcast(value, n);
            case "ssrc" -> sources.ssrc(value, n);
            case "ssrc-group" -> sources.ssrcGroup(value, n);
            case "msid" -> msid(value, n);
            default -> { } // unknown attributes are allowed and ignored (RFC 8866 section 5.13)
        }
    }

    private void flag(String name) {
        switch (name) {
            case "rtcp-mux" -> rtcpMux = true;
            case "rtcp-rsize" -> rtcpRsize = true;
            case "bundle-only" -> bundleOnly = true;
            default -> { }
        }
    }

    private void direction(Direction d, int line) throws SdpException {
        if (direction != null) {
            throw SdpException.atLine(line, "second direction a=" + d.sdpName() + " after a="
                    + direction.sdpName() + " (expected: one)");
        }
        direction = d;
    }

    private void mid(String value, int line) throws SdpException {
        if (mid != null) throw SdpException.atLine(line, "second a=mid (expected: one)");
        if (!SdpTokens.isToken(value, MAX_MID_CHARS)) {
            throw SdpException.atLine(line, "mid " + SdpTokens.quote(value) + " (expected: 1.." + MAX_MID_CHARS
                    + " token characters)");
        }
        mid = value;
    }

    /** {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 section 7) */
    private void extmap(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length < 2) {
            throw SdpException.atLine(line, "extmap " + SdpTokens.quote(value) + " (expected: <id>[/<direction>] <uri>)");
        }
        String[] idDir = f[0].split("/", -1);
        int id = SdpTokens.intIn(idDir[0], 1, 255, "extmap id", line);
        Direction dir = idDir.length == 2 ? Direction.fromSdp(idDir[1]) : null;
        if (idDir.length > 2 || (idDir.length == 2 && dir == null)) {
            throw SdpException.atLine(line, "extmap direction " + SdpTokens.quote(f[0])
                    + " (expected: <id>/sendonly, recvonly, sendrecv or inactive)");
        }
        for (Extmap e : extmaps) {
            if (e.id() == id) throw SdpException.atLine(line, "extmap id " + id + " used twice (expected: once)");
        }
        extmaps.add(new Extmap(id, f[1], dir));
    }

    /** {@code a=msid:<stream id> [<track id>]} (RFC 8830); the first one is kept. */
    private void msid(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length < 1 || f.length > 2 || !SdpTokens.isToken(f[0], 64) || (f.length == 2 && !SdpTokens.isToken(f[1], 64))) {
            throw SdpException.atLine(line, "msid " + SdpTokens.quote(value) + " (expected: <stream id> [<track id>])");
        }
        if (msid == null) msid = String.join(" ", f);
    }

    private MediaSection build() throws SdpException {
        return new MediaSection(index, mLine.number(), media, MediaKind.fromSdp(media), port, protocol, formats, mid,
                direction != null ? direction : defaultDirection, rtcpMux, rtcpRsize, bundleOnly, codecs.build(),
                extmaps, sources.rids(), sources.simulcast(), sources.ssrcs(), sources.fidGroups(), msid,
                iceDtls.build());
    }
}
