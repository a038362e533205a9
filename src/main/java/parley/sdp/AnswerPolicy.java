package parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses what the server accepts of one offered m-line. Everyone in a meeting must use the
 * same codec, since the SFU does not transcode: Opus (48000/2) for audio, VP8 (90000) with its
 * RTX for video; nothing else (no H.264, VP9, AV1, red, ulpfec, CN or telephone-event). The
 * offerer's payload types, fmtp and extension ids are kept. Stateless and thread-safe.
 */
public final class AnswerPolicy {
    /** The server's only transport: DTLS-SRTP over ICE with RTCP feedback. */
    public static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";
    /** Simulcast streams the server receives at most (protocol.md: up to three rids). */
    public static final int MAX_SIMULCAST_RIDS = 3;
    /** Ids of the one-byte header form (RFC 8285 section 4.2); the answer never offers the two-byte form. */
    private static final int MAX_ONE_BYTE_EXT_ID = 14;
    private static final Set<String> AUDIO_FEEDBACK = Set.of("transport-cc", "nack");
    private static final Set<String> RID_EXTENSIONS =
            Set.of(ExtensionUris.RTP_STREAM_ID, ExtensionUris.REPAIRED_RTP_STREAM_ID);
    private static final Set<String> VIDEO_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb");

    private AnswerPolicy() {}

    /**
     * The answer to {@code offered}: accepted with {@code serverDirection}, or rejected when it
     * is stopped, not audio or video, not {@link #PROTOCOL} with rtcp-mux, or offers no
     * acceptable codec.
     *
     * @param serverDirection recvonly, sendonly or inactive
     * @param send            the stream sent when {@code serverDirection} is sendonly, else null
     */
    public static AnswerSection choose(MediaSection offered, Direction serverDirection, SendStream send) {
        if (offered.stopped() || offered.mid() == null || !offered.protocol().equals(PROTOCOL) || !offered.rtcpMux()) {
            return AnswerSection.Rejected.of(offered);
        }
        List<Codec> codecs = switch (offered.kind()) {
            case AUDIO -> audioCodecs(offered);
            case VIDEO -> videoCodecs(offered);
            default -> List.of();
        };
        if (codecs.isEmpty()) return AnswerSection.Rejected.of(offered);
        List<Extmap> extmaps = extensions(offered, serverDirection);
        return new AnswerSection.Accepted(offered.media(), offered.protocol(), offered.mid(), serverDirection, codecs,
                extmaps, offered.rtcpRsize(), recvRids(offered, serverDirection, extmaps),
                serverDirection == Direction.SENDONLY ? send : null);
    }

    /** The first opus/48000/2 with transport-cc and nack feedback if offered. */
    private static List<Codec> audioCodecs(MediaSection offered) {
        for (Codec c : offered.codecs()) {
            if (c.is("opus") && c.clockRateHz() == 48000 && c.channels() == 2) {
                return List.of(keepFeedback(c, AUDIO_FEEDBACK));
            }
        }
        return List.of();
    }

    /** The first VP8/90000 with the feedback the SFU uses, then the first RTX that repairs it. */
    private static List<Codec> videoCodecs(MediaSection offered) {
        for (Codec vp8 : offered.codecs()) {
            if (!vp8.is("VP8") || vp8.clockRateHz() != 90000) continue;
            for (Codec rtx : offered.codecs()) {
                if (rtx.isRtx() && rtx.apt() == vp8.payloadType() && rtx.clockRateHz() == 90000) {
                    return List.of(keepFeedback(vp8, VIDEO_FEEDBACK), rtx.withFeedback(List.of()));
                }
            }
            return List.of(keepFeedback(vp8, VIDEO_FEEDBACK));
        }
        return List.of();
    }

    private static Codec keepFeedback(Codec c, Set<String> allowed) {
        List<String> kept = new ArrayList<>();
        for (String f : c.feedback()) {
            if (allowed.contains(f) && !kept.contains(f)) kept.add(f);
        }
        return c.withFeedback(kept);
    }

    /**
     * The accepted extensions with one-byte ids whose offered direction fits the media flow; an
     * offered direction is answered reversed (RFC 8285 section 6: sendonly gets recvonly). The
     * rid extensions are kept only where the server receives: it sends one layer, without rids.
     */
    private static List<Extmap> extensions(MediaSection offered, Direction serverDirection) {
        List<Extmap> accepted = new ArrayList<>();
        for (Extmap e : offered.extmaps()) {
            if (!ExtensionUris.ACCEPTED.contains(e.uri()) || e.id() > MAX_ONE_BYTE_EXT_ID) continue;
            if (serverDirection == Direction.SENDONLY && RID_EXTENSIONS.contains(e.uri())) continue;
            Direction d = e.direction();
            boolean fits = d == null
                    || (serverDirection.receives() && d.sends())
                    || (serverDirection.sends() && d.receives())
                    || (serverDirection == Direction.INACTIVE && d != Direction.INACTIVE);
            if (fits && accepted.stream().noneMatch(a -> a.uri().equals(e.uri()))) {
                accepted.add(new Extmap(e.id(), e.uri(), d == null ? null : d.reverse()));
            }
        }
        return accepted;
    }

    /** The offered simulcast send rids (at most three) when the server receives and the rid extension is accepted. */
    private static List<String> recvRids(MediaSection offered, Direction serverDirection, List<Extmap> extmaps) {
        boolean ridExtension = extmaps.stream().anyMatch(e -> e.uri().equals(ExtensionUris.RTP_STREAM_ID));
        if (!serverDirection.receives() || offered.simulcast() == null || !ridExtension) return List.of();
        List<String> rids = offered.simulcast().send();
        return rids.size() > MAX_SIMULCAST_RIDS ? rids.subList(0, MAX_SIMULCAST_RIDS) : rids;
    }
}
