package parley.sdp;

import java.util.List;

/** The RTP header extensions the server accepts, by URI; every other extension is left out of answers. */
public final class ExtensionUris {
    /** RFC 8843 section 15.2: the mid of the m-line a packet belongs to. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852: the rid of a simulcast stream. */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852: the rid of the stream an RTX stream repairs. */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** RFC 6464: client-to-mixer audio level, for the active speaker. */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Transport-wide sequence numbers for transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** Absolute send time, for REMB bandwidth estimation. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /** All of the above. */
    public static final List<String> ACCEPTED =
            List.of(MID, RTP_STREAM_ID, REPAIRED_RTP_STREAM_ID, AUDIO_LEVEL, TRANSPORT_CC, ABS_SEND_TIME);

    private ExtensionUris() {}
}
