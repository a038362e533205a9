package parley.sdp;

import java.util.List;

/**
 * One payload type of an m-line: its {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb}.
 *
 * @param payloadType 0..127
 * @param name        encoding name as written ("opus", "VP8", "rtx")
 * @param clockRateHz RTP clock rate
 * @param channels    audio channels as written in the rtpmap, 0 when the rtpmap has none
 * @param fmtp        the fmtp parameters as written ("minptime=10;useinbandfec=1"), "" if none
 * @param feedback    rtcp-fb values in offer order ("nack", "nack pli", "ccm fir", "transport-cc")
 * @param apt         for RTX, the payload type it repairs (from fmtp apt=); -1 otherwise
 */
public record Codec(int payloadType, String name, int clockRateHz, int channels, String fmtp,
                    List<String> feedback, int apt) {
    public Codec {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " (expected: 0..127)");
        }
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty encoding name");
        if (clockRateHz <= 0) throw new IllegalArgumentException("clock rate " + clockRateHz + " (expected: > 0)");
        if (channels < 0) throw new IllegalArgumentException("channels " + channels + " (expected: >= 0)");
        if (fmtp == null) fmtp = "";
        feedback = List.copyOf(feedback);
        if (apt < -1 || apt > 127) throw new IllegalArgumentException("apt " + apt + " (expected: -1..127)");
    }

    /** Whether this is the encoding {@code name}, ignoring case ("vp8" matches "VP8"). */
    public boolean is(String encodingName) {
        return name.equalsIgnoreCase(encodingName);
    }

    /** Whether this is an RTX (RFC 4588) payload type. */
    public boolean isRtx() {
        return is("rtx");
    }

    /** Whether the offer listed this rtcp-fb value ("nack pli"), ignoring case. */
    public boolean hasFeedback(String value) {
        for (String f : feedback) if (f.equalsIgnoreCase(value)) return true;
        return false;
    }

    /** The rtpmap value after the payload type: "opus/48000/2". */
    public String rtpmap() {
        return name + "/" + clockRateHz + (channels > 0 ? "/" + channels : "");
    }

    /** This codec with only the given feedback values. */
    public Codec withFeedback(List<String> kept) {
        return new Codec(payloadType, name, clockRateHz, channels, fmtp, kept, apt);
    }
}
