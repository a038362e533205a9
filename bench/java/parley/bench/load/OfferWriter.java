package parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.media.ice.IceCredentials;

/**
 * A synthetic participant's SDP offer, as Chrome writes one with codecs restricted to what Parley
 * forwards (docs/protocol.md "Media negotiation"): a sendonly microphone (mid 0), a sendonly camera
 * with three simulcast rids (mid 1, {@code a=simulcast:send q;h;f}) unless it does not publish, then {@code audioSlots}
 * recvonly audio and {@code videoSlots} recvonly video receive slots; one BUNDLE, rtcp-mux, the
 * same ICE credentials and DTLS fingerprint on every m-line, {@code a=setup:actpass}. Opus 111,
 * VP8 96 with RTX 97, the feedback and header extensions (with Chrome's ids) the server keeps.
 * Stateless.
 *
 * @param ice         this participant's ICE credentials
 * @param fingerprint its DTLS certificate's SHA-256 fingerprint (colon-separated hex)
 * @param audioSsrc   the microphone's SSRC (the camera's are announced by rid, as Chrome does)
 * @param cname       the RTCP CNAME
 * @param audioSlots  recvonly audio m-lines
 * @param videoSlots  recvonly video m-lines
 * @param publish     whether the microphone and camera m-lines are there (false: a receive-only participant)
 */
record OfferWriter(IceCredentials ice, String fingerprint, int audioSsrc, String cname, int audioSlots, int videoSlots,
                   boolean publish) {
    static final String MIC_MID = "0";
    static final String CAMERA_MID = "1";
    static final int FIRST_SLOT_MID = 2;
    static final int OPUS_PT = 111;
    static final int VP8_PT = 96;
    static final int RTX_PT = 97;
    static final int AUDIO_LEVEL_ID = 1;
    static final int ABS_SEND_TIME_ID = 2;
    static final int TRANSPORT_CC_ID = 3;
    static final int MID_ID = 4;
    static final int RID_ID = 10;
    static final int REPAIRED_RID_ID = 11;
    static final String TRANSPORT_CC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    private static final String STREAM = "load";

    OfferWriter {
        if (audioSlots < 0 || videoSlots < 0) {
            throw new IllegalArgumentException(audioSlots + " audio and " + videoSlots + " video slots (expected: 0 or more)");
        }
    }

    /** A participant that publishes. */
    OfferWriter(IceCredentials ice, String fingerprint, int audioSsrc, String cname, int audioSlots, int videoSlots) {
        this(ice, fingerprint, audioSsrc, cname, audioSlots, videoSlots, true);
    }

    /** The mid of receive slot {@code i} (audio slots first, then video). */
    static String slotMid(int i) {
        return String.valueOf(FIRST_SLOT_MID + i);
    }

    /** The offer's SDP, lines ending in CRLF. */
    String sdp() {
        StringBuilder s = new StringBuilder(2048 + 900 * (audioSlots + videoSlots));
        s.append("v=0\r\no=- ").append(Integer.toUnsignedString(audioSsrc)).append(" 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        s.append("a=group:BUNDLE");
        for (String mid : mids()) s.append(' ').append(mid);
        s.append("\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS ").append(STREAM).append("\r\n");
        if (publish) {
            audio(s, MIC_MID, "sendonly");
            s.append("a=ssrc:").append(Integer.toUnsignedString(audioSsrc)).append(" cname:").append(cname).append("\r\n");
            video(s, CAMERA_MID, "sendonly");
            for (MediaFixtures.Layer l : MediaFixtures.LAYERS) s.append("a=rid:").append(l.rid()).append(" send\r\n");
            s.append("a=simulcast:send ").append(String.join(";", rids())).append("\r\n");
        }
        for (int i = 0; i < audioSlots; i++) audio(s, slotMid(i), "recvonly");
        for (int i = 0; i < videoSlots; i++) video(s, slotMid(audioSlots + i), "recvonly");
        return s.toString();
    }

    /** The offer message's {@code send} list. */
    List<Map<String, String>> send() {
        if (!publish) return List.of();
        return List.of(Map.of("mid", MIC_MID, "source", "mic"), Map.of("mid", CAMERA_MID, "source", "camera"));
    }

    /** The offer message's {@code recv} list: every slot with its kind. */
    List<Map<String, String>> recv() {
        List<Map<String, String>> recv = new ArrayList<>();
        for (int i = 0; i < audioSlots + videoSlots; i++) recv.add(Map.of("mid", slotMid(i), "kind", i < audioSlots ? "audio" : "video"));
        return List.copyOf(recv);
    }

    static List<String> rids() {
        return MediaFixtures.LAYERS.stream().map(MediaFixtures.Layer::rid).toList();
    }

    private List<String> mids() {
        List<String> mids = new ArrayList<>(publish ? List.of(MIC_MID, CAMERA_MID) : List.of());
        for (int i = 0; i < audioSlots + videoSlots; i++) mids.add(slotMid(i));
        return mids;
    }

    private void transport(StringBuilder s, String mid, String direction) {
        s.append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n");
        s.append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.pwd()).append("\r\n");
        s.append("a=ice-options:trickle\r\na=fingerprint:sha-256 ").append(fingerprint).append("\r\n");
        s.append("a=setup:actpass\r\na=mid:").append(mid).append("\r\n");
        s.append("a=").append(direction).append("\r\n");
        if (direction.equals("sendonly")) s.append("a=msid:").append(STREAM).append(' ').append(STREAM).append('-').append(mid).append("\r\n");
    }

    private void audio(StringBuilder s, String mid, String direction) {
        s.append("m=audio 9 UDP/TLS/RTP/SAVPF ").append(OPUS_PT).append("\r\n");
        transport(s, mid, direction);
        extmap(s, AUDIO_LEVEL_ID, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        extmap(s, ABS_SEND_TIME_ID, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        extmap(s, TRANSPORT_CC_ID, TRANSPORT_CC_URI);
        extmap(s, MID_ID, "urn:ietf:params:rtp-hdrext:sdes:mid");
        s.append("a=rtcp-mux\r\na=rtcp-rsize\r\n");
        s.append("a=rtpmap:").append(OPUS_PT).append(" opus/48000/2\r\n");
        s.append("a=rtcp-fb:").append(OPUS_PT).append(" transport-cc\r\n");
        s.append("a=fmtp:").append(OPUS_PT).append(" minptime=10;useinbandfec=1\r\n");
    }

    private void video(StringBuilder s, String mid, String direction) {
        s.append("m=video 9 UDP/TLS/RTP/SAVPF ").append(VP8_PT).append(' ').append(RTX_PT).append("\r\n");
        transport(s, mid, direction);
        extmap(s, ABS_SEND_TIME_ID, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        extmap(s, TRANSPORT_CC_ID, TRANSPORT_CC_URI);
        extmap(s, MID_ID, "urn:ietf:params:rtp-hdrext:sdes:mid");
        extmap(s, RID_ID, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
        extmap(s, REPAIRED_RID_ID, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
        s.append("a=rtcp-mux\r\na=rtcp-rsize\r\n");
        s.append("a=rtpmap:").append(VP8_PT).append(" VP8/90000\r\n");
        for (String fb : List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli")) {
            s.append("a=rtcp-fb:").append(VP8_PT).append(' ').append(fb).append("\r\n");
        }
        s.append("a=rtpmap:").append(RTX_PT).append(" rtx/90000\r\na=fmtp:").append(RTX_PT).append(" apt=").append(VP8_PT).append("\r\n");
    }

    private static void extmap(StringBuilder s, int id, String uri) {
        s.append("a=extmap:").append(id).append(' ').append(uri).append("\r\n");
    }
}
