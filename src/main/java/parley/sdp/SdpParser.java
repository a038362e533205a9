package parley.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a client's SDP offer (RFC 8866 syntax, JSEP/RFC 8829 content). Strict on structure:
 * v=0, o=, s= come first, t= before the first m=, limits on size, lines and m-lines, valid
 * values for every attribute it uses, a mid on every live m-line, ICE and DTLS credentials.
 * Lenient on content: unknown attributes are ignored. Stateless and thread-safe.
 */
public final class SdpParser {
    private SdpParser() {}

    /** Parses {@code sdp} within {@link SdpLimits#DEFAULT}. */
    public static SdpOffer parseOffer(String sdp) throws SdpException {
        return parseOffer(sdp, SdpLimits.DEFAULT);
    }

    public static SdpOffer parseOffer(String sdp, SdpLimits limits) throws SdpException {
        if (sdp == null) throw new SdpException("SDP is missing (expected: an offer)");
        List<SdpLine> lines = SdpLine.split(sdp, limits);
        String sessionId = header(lines);
        int firstMedia = firstMediaLine(lines);
        IceDtlsAttributes sessionIceDtls = new IceDtlsAttributes();
        List<String> bundle = new ArrayList<>();
        Direction sessionDirection = sessionAttributes(lines.subList(3, firstMedia), sessionIceDtls, bundle);
        List<MediaSection> media = mediaSections(lines.subList(firstMedia, lines.size()), sessionDirection, limits);
        checkMids(media, bundle);
        IceDtls transport = bundledIceDtls(media, bundle, sessionIceDtls.build());
        return new SdpOffer(sessionId, transport.iceUfrag(), transport.icePwd(), transport.fingerprint(),
                transport.setup(), bundle, media);
    }

    /** Checks v=0, o= and s=, the first three lines in that order; returns the o= session id. */
    private static String header(List<SdpLine> lines) throws SdpException {
        SdpLine v = lines.get(0);
        if (v.type() != 'v' || !v.value().equals("0")) {
            throw SdpException.atLine(1, SdpTokens.quote(v.type() + "=" + v.value()) + " (expected: v=0)");
        }
        SdpLine o = expect(lines, 1, 'o', "o=<username> <session id> <version> IN IP4|IP6 <address>");
        String[] f = SdpTokens.fields(o.value());
        if (f.length != 6) {
            throw SdpException.atLine(2, "origin with " + f.length
                    + " fields (expected: o=<username> <session id> <version> IN IP4|IP6 <address>)");
        }
        SdpLine s = expect(lines, 2, 's', "s=<session name>");
        if (s.value().isEmpty()) throw SdpException.atLine(3, "empty session name (expected: s=- or a name)");
        return f[1];
    }

    private static SdpLine expect(List<SdpLine> lines, int i, char type, String expected) throws SdpException {
        if (i >= lines.size()) throw new SdpException("SDP ends after line " + i + " (expected: " + expected + ")");
        SdpLine line = lines.get(i);
        if (line.type() != type) {
            throw SdpException.atLine(line.number(), "'" + line.type() + "=' line (expected: " + expected + ")");
        }
        return line;
    }

    private static int firstMediaLine(List<SdpLine> lines) throws SdpException {
        boolean timing = false;
        for (int i = 3; i < lines.size(); i++) {
            SdpLine line = lines.get(i);
            if (line.type() == 'm') {
                if (!timing) throw SdpException.atLine(line.number(), "m-line before any t= line (expected: t=0 0 first)");
                return i;
            }
            if (line.type() == 't') timing = true;
        }
        if (!timing) throw new SdpException("SDP has no t= line (expected: t=0 0)");
        return lines.size();
    }

    /** Reads session-level lines; returns the session-level direction, or sendrecv. */
    private static Direction sessionAttributes(List<SdpLine> lines, IceDtlsAttributes iceDtls, List<String> bundle)
            throws SdpException {
        Direction direction = null;
        for (SdpLine line : lines) {
            if ("iuepcbtrzk".indexOf(line.type()) >= 0) continue;
            if (line.type() != 'a') {
                throw SdpException.atLine(line.number(), "line type '" + line.type()
                        + "' at session level (expected: i, u, e, p, c, b, t, r, z, k or a)");
            }
            int colon = line.value().indexOf(':');
            String name = colon < 0 ? line.value() : line.value().substring(0, colon);
            String value = colon < 0 ? null : line.value().substring(colon + 1);
            if (iceDtls.accept(name, value, line.number())) continue;
            Direction d = Direction.fromSdp(name);
            if (d != null) direction = d;
            if (name.equals("group") && value != null) group(value, line.number(), bundle);
        }
        return direction != null ? direction : Direction.SENDRECV;
    }

    /** {@code a=group:BUNDLE <mid>...} (RFC 8843); other semantics are ignored. */
    private static void group(String value, int line, List<String> bundle) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length == 0 || !f[0].equals("BUNDLE")) return;
        if (!bundle.isEmpty()) {
            throw SdpException.atLine(line, "second BUNDLE group (expected: one, bundlePolicy max-bundle)");
        }
        for (int i = 1; i < f.length; i++) {
            if (bundle.contains(f[i])) throw SdpException.atLine(line, "BUNDLE lists mid " + SdpTokens.quote(f[i]) + " twice");
            bundle.add(f[i]);
        }
    }

    private static List<MediaSection> mediaSections(List<SdpLine> lines, Direction sessionDirection, SdpLimits limits)
            throws SdpException {
        List<MediaSection> media = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= lines.size(); i++) {
            if (i < lines.size() && lines.get(i).type() != 'm') continue;
            if (media.size() == limits.maxMediaSections()) {
                throw SdpException.atLine(lines.get(start).number(), "m-line " + (media.size() + 1)
                        + " (expected: at most " + limits.maxMediaSections() + ")");
            }
            media.add(MediaSectionParser.parse(media.size(), lines.subList(start, i), sessionDirection));
            start = i;
        }
        return media;
    }

    /** Mids are unique, every live m-line has one, and the BUNDLE group names only known mids. */
    private static void checkMids(List<MediaSection> media, List<String> bundle) throws SdpException {
        Set<String> mids = new HashSet<>();
        for (MediaSection m : media) {
            if (m.mid() == null && !m.stopped()) {
                throw SdpException.atLine(m.lineNumber(), "m-line " + (m.index() + 1)
                        + " has no a=mid (expected: one on every m-line that is not stopped)");
            }
            if (m.mid() != null && !mids.add(m.mid())) {
                throw SdpException.atLine(m.lineNumber(), "mid " + SdpTokens.quote(m.mid()) + " used twice (expected: unique)");
            }
        }
        for (String mid : bundle) {
            if (!mids.contains(mid)) {
                throw new SdpException("SDP BUNDLE group names mid " + SdpTokens.quote(mid) + ", which no m-line has");
            }
        }
    }

    /**
     * The ICE/DTLS values of the bundle transport: the tagged (first BUNDLE) m-line's, filled in
     * from the session level, else the first live m-line's. Required unless no m-line is live.
     */
    private static IceDtls bundledIceDtls(List<MediaSection> media, List<String> bundle, IceDtls session)
            throws SdpException {
        MediaSection tagged = null;
        for (MediaSection m : media) {
            boolean candidate = bundle.isEmpty() ? !m.stopped() : m.mid() != null && m.mid().equals(bundle.get(0));
            if (candidate && tagged == null) tagged = m;
        }
        if (tagged == null) return session;
        IceDtls values = tagged.iceDtls().or(session);
        String where = " (expected: at session level or in m-line " + (tagged.index() + 1) + ", mid "
                + SdpTokens.quote(tagged.mid()) + ")";
        if (values.iceUfrag() == null) throw new SdpException("SDP has no a=ice-ufrag" + where);
        if (values.icePwd() == null) throw new SdpException("SDP has no a=ice-pwd" + where);
        if (values.fingerprint() == null) throw new SdpException("SDP has no a=fingerprint" + where);
        return values;
    }
}
