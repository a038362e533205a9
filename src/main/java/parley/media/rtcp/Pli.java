package parley.media.rtcp;

import parley.media.rtp.Bytes;

/**
 * Picture loss indication (RFC 4585 §6.3.1): payload-specific feedback FMT 1, no FCI.
 *
 * <pre>
 * |V=2|P|  FMT=1  |   PT=206      |          length=2             |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * </pre>
 */
public record Pli(int senderSsrc, int mediaSsrc) {
    public static final int SIZE = Rtcp.FEEDBACK_HEADER_LENGTH;

    public static Pli parse(byte[] b, int off, int len) throws RtcpException {
        Rtcp.feedbackEnd(b, off, len, Rtcp.PSFB, Rtcp.FMT_PLI, SIZE, "PLI");
        return new Pli(Rtcp.senderSsrc(b, off), Rtcp.mediaSsrc(b, off));
    }

    public int size() {
        return SIZE;
    }

    public int write(byte[] b, int off) {
        return write(b, off, senderSsrc, mediaSsrc);
    }

    /** Writes a PLI without allocating; returns {@link #SIZE}. */
    public static int write(byte[] b, int off, int senderSsrc, int mediaSsrc) {
        Rtcp.writeHeader(b, off, Rtcp.FMT_PLI, Rtcp.PSFB, SIZE);
        Bytes.put32(b, off + Rtcp.OFF_SENDER_SSRC, senderSsrc);
        Bytes.put32(b, off + Rtcp.OFF_MEDIA_SSRC, mediaSsrc);
        return SIZE;
    }
}
