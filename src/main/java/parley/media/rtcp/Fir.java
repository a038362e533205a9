package parley.media.rtcp;

import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Full intra request (RFC 5104 §4.3.1): payload-specific feedback FMT 4. The media source field is
 * unused (0); each FCI entry names the SSRC that should send a keyframe and a command sequence
 * number, which the requester increments for each new request (not for repeats).
 *
 * <pre>
 * |V=2|P|  FMT=4  |   PT=206      |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (0)                     |
 * |                              SSRC                             |  (one or more
 * | Seq nr.       |    Reserved                                   |   entries)
 * </pre>
 */
public record Fir(int senderSsrc, List<Fir.Entry> entries) {
    /** One request: the target SSRC and the command sequence number (0..255). */
    public record Entry(int ssrc, int seqNr) {
        public Entry {
            Unsigned.check(seqNr, 255, "FIR sequence number");
        }
    }

    private static final int ENTRY_SIZE = 8;
    /** Size with one entry. */
    public static final int SIZE_ONE = Rtcp.FEEDBACK_HEADER_LENGTH + ENTRY_SIZE;

    public Fir {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("FIR without entries (expected: at least one)");
        }
    }

    public static Fir parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.feedbackEnd(b, off, len, Rtcp.PSFB, Rtcp.FMT_FIR, SIZE_ONE, "FIR");
        List<Entry> entries = new ArrayList<>();
        for (int at = off + Rtcp.FEEDBACK_HEADER_LENGTH; at + ENTRY_SIZE <= end; at += ENTRY_SIZE) {
            entries.add(new Entry(Bytes.i32(b, at), b[at + 4] & 0xFF));
        }
        return new Fir(Rtcp.senderSsrc(b, off), entries);
    }

    public int size() {
        return Rtcp.FEEDBACK_HEADER_LENGTH + ENTRY_SIZE * entries.size();
    }

    public int write(byte[] b, int off) {
        int size = size();
        writeCommon(b, off, senderSsrc, size);
        int at = off + Rtcp.FEEDBACK_HEADER_LENGTH;
        for (Entry entry : entries) {
            writeEntry(b, at, entry.ssrc, entry.seqNr);
            at += ENTRY_SIZE;
        }
        return size;
    }

    /** Writes a FIR with one entry without allocating; returns {@link #SIZE_ONE}. */
    public static int write(byte[] b, int off, int senderSsrc, int targetSsrc, int seqNr) {
        writeCommon(b, off, senderSsrc, SIZE_ONE);
        writeEntry(b, off + Rtcp.FEEDBACK_HEADER_LENGTH, targetSsrc, seqNr);
        return SIZE_ONE;
    }

    private static void writeCommon(byte[] b, int off, int senderSsrc, int size) {
        Rtcp.writeHeader(b, off, Rtcp.FMT_FIR, Rtcp.PSFB, size);
        Bytes.put32(b, off + Rtcp.OFF_SENDER_SSRC, senderSsrc);
        Bytes.put32(b, off + Rtcp.OFF_MEDIA_SSRC, 0);
    }

    private static void writeEntry(byte[] b, int at, int ssrc, int seqNr) {
        Bytes.put32(b, at, ssrc);
        Bytes.put32(b, at + 4, seqNr << 24);
    }
}
