package parley.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the lines of one m-line that name its RTP streams: a=ssrc, a=ssrc-group, a=rid and
 * a=simulcast. Not thread-safe: one per m-line of one parse.
 */
final class SourceAttributes {
    private static final long MAX_SSRC = 0xFFFF_FFFFL;

    /** cname and msid of each SSRC, in order of first mention. */
    private final Map<Long, String[]> ssrcs = new LinkedHashMap<>();
    private final List<FidGroup> fidGroups = new ArrayList<>();
    private final List<Rid> rids = new ArrayList<>();
    private Simulcast simulcast;
    private int simulcastLine;

    /** {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 section 4.1) */
    void ssrc(String value, int line) throws SdpException {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            throw SdpException.atLine(line, "ssrc " + SdpTokens.quote(value) + " (expected: <ssrc> <attribute>[:<value>])");
        }
        long ssrc = SdpTokens.longIn(trimmed.substring(0, space), 0, MAX_SSRC, "ssrc", line);
        String attribute = trimmed.substring(space + 1).strip();
        String[] info = ssrcs.computeIfAbsent(ssrc, k -> new String[2]);
        if (attribute.startsWith("cname:") && attribute.length() > "cname:".length()) {
            if (info[0] == null) info[0] = attribute.substring("cname:".length());
        } else if (attribute.startsWith("msid:") && attribute.length() > "msid:".length()) {
            if (info[1] == null) info[1] = attribute.substring("msid:".length());
        }
    }

    /** {@code a=ssrc-group:<semantics> <ssrc>...}; only FID (RFC 4588 section 8.2) is kept. */
    void ssrcGroup(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length < 2) {
            throw SdpException.atLine(line, "ssrc-group " + SdpTokens.quote(value) + " (expected: <semantics> <ssrc>...)");
        }
        if (!f[0].equals("FID")) return;
        if (f.length != 3) {
            throw SdpException.atLine(line, "ssrc-group FID with " + (f.length - 1) + " ssrcs (expected: primary and rtx)");
        }
        fidGroups.add(new FidGroup(SdpTokens.longIn(f[1], 0, MAX_SSRC, "ssrc-group FID ssrc", line),
                SdpTokens.longIn(f[2], 0, MAX_SSRC, "ssrc-group FID ssrc", line)));
    }

    /** {@code a=rid:<id> send|recv [<restrictions>]} (RFC 8851 section 10) */
    void rid(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length < 2 || !(f[1].equals("send") || f[1].equals("recv"))) {
            throw SdpException.atLine(line, "rid " + SdpTokens.quote(value) + " (expected: <rid> send|recv [<restrictions>])");
        }
        ridId(f[0], "rid", line);
        for (Rid r : rids) {
            if (r.id().equals(f[0])) throw SdpException.atLine(line, "second a=rid:" + f[0] + " (expected: one per rid)");
        }
        rids.add(new Rid(f[0], f[1].equals("send"), String.join(" ", List.of(f).subList(2, f.length))));
    }

    /** {@code a=simulcast:send <streams> [recv <streams>]} or recv first (RFC 8853 section 5.1) */
    void simulcast(String value, int line) throws SdpException {
        if (simulcast != null) throw SdpException.atLine(line, "second a=simulcast (expected: one)");
        String[] f = SdpTokens.fields(value);
        if ((f.length != 2 && f.length != 4) || (f.length == 4 && f[0].equals(f[2]))) {
            throw SdpException.atLine(line, "simulcast " + SdpTokens.quote(value)
                    + " (expected: send <rid>;<rid>... and/or recv <rid>;<rid>...)");
        }
        List<String> send = List.of();
        List<String> recv = List.of();
        for (int i = 0; i < f.length; i += 2) {
            List<String> streams = streams(f[i + 1], line);
            switch (f[i]) {
                case "send" -> send = streams;
                case "recv" -> recv = streams;
                default -> throw SdpException.atLine(line, "simulcast direction " + SdpTokens.quote(f[i])
                        + " (expected: send or recv)");
            }
        }
        simulcast = new Simulcast(send, recv);
        simulcastLine = line;
    }

    /** "q;h;f" or "~a,b;c": the first alternative of each stream, without its pause mark. */
    private static List<String> streams(String list, int line) throws SdpException {
        List<String> ids = new ArrayList<>();
        for (String stream : list.split(";", -1)) {
            String first = stream.split(",", -1)[0];
            String id = first.startsWith("~") ? first.substring(1) : first;
            ridId(id, "simulcast rid", line);
            if (ids.contains(id)) throw SdpException.atLine(line, "simulcast rid " + id + " listed twice (expected: once)");
            ids.add(id);
        }
        return ids;
    }

    private static void ridId(String id, String what, int line) throws SdpException {
        if (!SdpTokens.isRidId(id)) {
            throw SdpException.atLine(line, what + " " + SdpTokens.quote(id) + " (expected: 1..16 of A-Z a-z 0-9 - _)");
        }
    }

    List<Ssrc> ssrcs() {
        List<Ssrc> list = new ArrayList<>(ssrcs.size());
        ssrcs.forEach((ssrc, info) -> list.add(new Ssrc(ssrc, info[0], info[1])));
        return list;
    }

    List<FidGroup> fidGroups() {
        return fidGroups;
    }

    List<Rid> rids() {
        return rids;
    }

    /** The a=simulcast, after checking that each of its rids has an a=rid line of the same direction. */
    Simulcast simulcast() throws SdpException {
        if (simulcast == null) return null;
        requireRids(simulcast.send(), true);
        requireRids(simulcast.recv(), false);
        return simulcast;
    }

    private void requireRids(List<String> ids, boolean send) throws SdpException {
        for (String id : ids) {
            boolean found = false;
            for (Rid r : rids) found |= r.id().equals(id) && r.send() == send;
            if (!found) {
                throw SdpException.atLine(simulcastLine, "simulcast rid " + id + " has no a=rid:" + id
                        + (send ? " send" : " recv") + " line (expected: one per simulcast rid)");
            }
        }
    }
}
