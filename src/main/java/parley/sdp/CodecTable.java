package parley.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the a=rtpmap, a=fmtp and a=rtcp-fb lines of one m-line, in whatever order they come
 * (Firefox writes fmtp before rtpmap), and assembles them into codecs in m-line order.
 * Lines about payload types the m-line does not list are ignored. Not thread-safe.
 */
final class CodecTable {
    /** Static payload types a client may list without an rtpmap (RFC 3551 table 4). */
    private static final Map<Integer, Codec> STATIC_TYPES = Map.of(
            0, new Codec(0, "PCMU", 8000, 0, "", List.of(), -1),
            8, new Codec(8, "PCMA", 8000, 0, "", List.of(), -1),
            9, new Codec(9, "G722", 8000, 0, "", List.of(), -1),
            13, new Codec(13, "CN", 8000, 0, "", List.of(), -1));

    private record Rtpmap(String name, int clockRateHz, int channels) {}

    private record Fmtp(String params, int line) {}

    private final List<Integer> payloadTypes;
    private final Map<Integer, Rtpmap> rtpmaps = new HashMap<>();
    private final Map<Integer, Fmtp> fmtps = new HashMap<>();
    private final Map<Integer, List<String>> feedback = new HashMap<>();
    private final List<String> wildcardFeedback = new ArrayList<>();

    /** @param payloadTypes the m-line's payload types in order */
    CodecTable(List<Integer> payloadTypes) {
        this.payloadTypes = List.copyOf(payloadTypes);
    }

    /** {@code a=rtpmap:<pt> <name>/<clock rate>[/<channels>]} */
    void rtpmap(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        String[] enc = f.length == 2 ? f[1].split("/", -1) : new String[0];
        if (enc.length < 2 || enc.length > 3) {
            throw SdpException.atLine(line, "rtpmap " + SdpTokens.quote(value)
                    + " (expected: <payload type> <encoding>/<clock rate>[/<channels>])");
        }
        int pt = SdpTokens.intIn(f[0], 0, 127, "rtpmap payload type", line);
        if (!SdpTokens.isToken(enc[0], 32)) {
            throw SdpException.atLine(line, "rtpmap encoding name " + SdpTokens.quote(enc[0])
                    + " (expected: 1..32 token characters)");
        }
        int clockRateHz = SdpTokens.intIn(enc[1], 1, Integer.MAX_VALUE, "rtpmap clock rate", line);
        int channels = enc.length == 3 ? SdpTokens.intIn(enc[2], 1, 255, "rtpmap channels", line) : 0;
        if (rtpmaps.putIfAbsent(pt, new Rtpmap(enc[0], clockRateHz, channels)) != null) {
            throw SdpException.atLine(line, "second rtpmap for payload type " + pt + " (expected: one)");
        }
    }

    /** {@code a=fmtp:<pt> <parameters>} */
    void fmtp(String value, int line) throws SdpException {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        String ptText = space < 0 ? trimmed : trimmed.substring(0, space);
        int pt = SdpTokens.intIn(ptText, 0, 127, "fmtp payload type", line);
        String params = space < 0 ? "" : trimmed.substring(space + 1).strip();
        if (fmtps.putIfAbsent(pt, new Fmtp(params, line)) != null) {
            throw SdpException.atLine(line, "second fmtp for payload type " + pt + " (expected: one)");
        }
    }

    /** {@code a=rtcp-fb:<pt>|* <type> [<parameter>...]} (RFC 4585 section 4.2) */
    void rtcpFb(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length < 2) {
            throw SdpException.atLine(line, "rtcp-fb " + SdpTokens.quote(value)
                    + " (expected: <payload type> <feedback type> [<parameter>])");
        }
        String fb = String.join(" ", List.of(f).subList(1, f.length));
        if (f[0].equals("*")) {
            wildcardFeedback.add(fb);
        } else {
            int pt = SdpTokens.intIn(f[0], 0, 127, "rtcp-fb payload type", line);
            feedback.computeIfAbsent(pt, k -> new ArrayList<>()).add(fb);
        }
    }

    /** The codecs in m-line order: each listed payload type that has an rtpmap or is well-known static. */
    List<Codec> build() throws SdpException {
        List<Codec> codecs = new ArrayList<>();
        for (int pt : payloadTypes) {
            Rtpmap map = rtpmaps.get(pt);
            if (map == null && !STATIC_TYPES.containsKey(pt)) continue;
            if (map == null) map = new Rtpmap(STATIC_TYPES.get(pt).name(), STATIC_TYPES.get(pt).clockRateHz(), 0);
            Fmtp fmtp = fmtps.get(pt);
            List<String> fb = new ArrayList<>(feedback.getOrDefault(pt, List.of()));
            fb.addAll(wildcardFeedback);
            int apt = map.name().equalsIgnoreCase("rtx") && fmtp != null ? apt(fmtp) : -1;
            codecs.add(new Codec(pt, map.name(), map.clockRateHz(), map.channels(),
                    fmtp == null ? "" : fmtp.params(), fb, apt));
        }
        return codecs;
    }

    /** The apt parameter of an RTX fmtp ("apt=96;rtx-time=3000"), or -1 if it has none. */
    private static int apt(Fmtp fmtp) throws SdpException {
        for (String param : fmtp.params().split(";")) {
            String p = param.strip();
            if (p.startsWith("apt=")) return SdpTokens.intIn(p.substring(4), 0, 127, "rtx apt", fmtp.line());
        }
        return -1;
    }
}
